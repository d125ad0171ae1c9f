using System.Diagnostics;
using System.Text.Json;
using Gaoxin.Bench.Support;
using Gaoxin.Data.Search;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.FSDirectory;

namespace Gaoxin.Bench.Workloads;

/// <summary>
/// W7: full-text search over the generated Chinese policy documents. The platform side is the portal's search
/// (<see cref="SearchIndex"/>, in-process, as <c>GET /api/search</c> runs it minus HTTP and the store-version read): the
/// query text escaped and folded, parsed, release/expiry clauses added, top 10 collected, stored fields read and a marked
/// snippet made for each hit. The peer is plain Lucene.Net with SmartChineseAnalyzer on the same documents: the query
/// parsed by MultiFieldQueryParser, top 10, stored fields read and each body highlighted with Lucene's Highlighter. Both
/// run one query at a time on one thread, the same queries in the same order; the first pass asserts the same top-10 ids.
/// </summary>
public static class Search
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const int Top = 10;

    /// <summary>Queries a policy office would type: single terms, two-term combinations, a phrase.</summary>
    public static readonly string[] Queries =
    [
        "高新技术企业认定", "研发费用加计扣除", "瞪羚企业", "独角兽企业培育", "科技企业孵化器 众创空间", "知识产权质押融资",
        "集成电路产业", "人工智能", "生物医药产业 补助", "碳达峰碳中和", "营商环境", "科技成果转化 奖励", "\"专精特新中小企业\"",
        "风险投资引导基金", "新型研发机构", "数字化转型 工业互联网", "高层次人才引进", "首台（套）重大技术装备", "末位淘汰", "亩均效益评价",
    ];

    public static void Run(Size size, Report report)
    {
        var data = Datasets.Year(size);
        var label = $"W7 full-text search, {data.Options.Policies:N0} Chinese policy documents";

        var peerFolder = Path.Combine(data.Folder, "lucene-peer");
        var peerStamp = Path.Combine(peerFolder, "built.txt");
        if (!File.Exists(peerStamp))
        {
            var clock = Stopwatch.StartNew();
            var documents = BuildPeerIndex(data.Policies, peerFolder);
            File.WriteAllText(peerStamp, $"{documents}\n");
            report.Note($"W7 peer index: {documents:N0} documents indexed with SmartChineseAnalyzer in {clock.Elapsed.TotalSeconds:0.0} s ({documents / clock.Elapsed.TotalSeconds:0} docs/s).");
        }

        var platformFolder = Path.Combine(data.Folder, "search-platform");
        var platformStamp = Path.Combine(platformFolder, "built.txt");
        using var platform = new SearchIndex(platformFolder, [], TimeProvider.System);
        if (!File.Exists(platformStamp) || !platform.OpenExisting())
        {
            var clock = Stopwatch.StartNew();
            var documents = ReadPolicies(data.Policies);
            platform.Write(documents, 0);
            File.WriteAllText(platformStamp, $"{documents.Count}\n");
            report.Note($"W7 platform index: {documents.Count:N0} documents folded and indexed in {clock.Elapsed.TotalSeconds:0.0} s ({documents.Count / clock.Elapsed.TotalSeconds:0} docs/s).");
        }

        using var directory = LuceneDirectory.Open(peerFolder);
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        using var analyzer = new SmartChineseAnalyzer(Version);
        var parser = new MultiFieldQueryParser(Version, ["title", "body"], analyzer);

        List<(string Id, float Score)> Peer(string text)
        {
            var query = parser.Parse(text);
            var top = searcher.Search(query, Top);
            var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new QueryScorer(query, "body")) { TextFragmenter = new SimpleFragmenter(60) };
            var hits = new List<(string, float)>(top.ScoreDocs.Length);
            foreach (var scored in top.ScoreDocs)
            {
                var document = searcher.Doc(scored.Doc);
                var body = document.Get("body");
                using var tokens = analyzer.GetTokenStream("body", body);
                _ = highlighter.GetBestFragments(tokens, body, 2, " … ");
                hits.Add((document.Get("id"), scored.Score));
            }
            return hits;
        }

        List<(string Id, float Score)> Platform(string text) =>
            platform.Search(new SearchQuery(text)).Hits.Select(h => (h.Id, h.Score)).ToList();

        // Same answers first (and the JIT warmed on both paths).
        foreach (var query in Queries)
        {
            var mismatch = Compare(Platform(query), Peer(query));
            if (mismatch is not null) throw new InvalidOperationException($"W7 '{query}': the platform and Lucene differ: {mismatch}");
        }
        for (var i = 0; i < Queries.Length * 4; i++) { Peer(Queries[i % Queries.Length]); Platform(Queries[i % Queries.Length]); }

        var (own, peer) = Time(size, q => Platform(q).Count, q => Peer(q).Count);
        report.Add(Row.Of(label, size.Name,
            new Figure(own.Queries / own.Seconds, "queries/s", $"{own.Queries:N0} queries in {own.Seconds:0.0} s, one thread, top 10 with marked snippets"),
            new Figure(peer.Queries / peer.Seconds, "queries/s", $"{peer.Queries:N0} queries in {peer.Seconds:0.0} s, one thread, top 10 highlighted"),
            "≥ 0.8× Lucene", 0.8, note: $"same top-10 ids for all {Queries.Length} queries (asserted; ties in score compared as sets)",
            outputsEqual: true, timing: "in-process, warm, one thread, the two alternating in ten slices"));
    }

    /// <summary>
    /// Both paths for <see cref="Size.SearchSeconds"/> each, in ten alternating slices (which one goes first alternates
    /// too), so that load from other processes on a shared machine falls on both alike.
    /// </summary>
    private static ((int Queries, double Seconds) Platform, (int Queries, double Seconds) Peer) Time(Size size, Func<string, int> platform, Func<string, int> peer)
    {
        const int Slices = 10;
        var slice = size.SearchSeconds / (double)Slices;
        (int Queries, double Seconds) own = (0, 0), other = (0, 0);
        long hits = 0;
        void Run(Func<string, int> search, ref (int Queries, double Seconds) total)
        {
            var timer = Stopwatch.StartNew();
            var queries = 0;
            while (timer.Elapsed.TotalSeconds < slice) hits += search(Queries[(total.Queries + queries++) % Queries.Length]);
            total = (total.Queries + queries, total.Seconds + timer.Elapsed.TotalSeconds);
        }
        for (var i = 0; i < Slices; i++)
        {
            if (i % 2 == 0) { Run(platform, ref own); Run(peer, ref other); }
            else { Run(peer, ref other); Run(platform, ref own); }
        }
        GC.KeepAlive(hits);
        return (own, other);
    }

    /// <summary>
    /// Null when both lists hold the same ids at the same scores. Documents of equal score are ranked by their place in the
    /// index, which parallel indexing does not fix: a group of equal scores is compared as a set, and the last group (cut off
    /// at ten) by its size only.
    /// </summary>
    private static string? Compare(List<(string Id, float Score)> platform, List<(string Id, float Score)> peer)
    {
        if (platform.Count != peer.Count) return $"{platform.Count} hits against {peer.Count}";
        var platformScores = platform.Select(h => h.Score).ToList();
        var peerScores = peer.Select(h => h.Score).ToList();
        if (!platformScores.SequenceEqual(peerScores)) return $"scores [{string.Join(", ", platformScores)}] against [{string.Join(", ", peerScores)}]";
        var groups = platform.Select(h => h.Score).Distinct().ToList();
        foreach (var score in groups.Take(groups.Count - 1))
        {
            var a = platform.Where(h => h.Score == score).Select(h => h.Id).Order(StringComparer.Ordinal);
            var b = peer.Where(h => h.Score == score).Select(h => h.Id).Order(StringComparer.Ordinal);
            if (!a.SequenceEqual(b)) return $"ids at score {score}: [{string.Join(", ", a)}] against [{string.Join(", ", b)}]";
        }
        return null;
    }

    private static List<SearchDocument> ReadPolicies(string jsonl)
    {
        var documents = new List<SearchDocument>();
        foreach (var line in File.ReadLines(jsonl))
        {
            if (line.Length == 0) continue;
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var id = root.GetProperty("id").GetString()!;
            documents.Add(new SearchDocument("policy", id, root.GetProperty("title").GetString()!, root.GetProperty("body").GetString()!, null,
                new DateOnly(root.GetProperty("year").GetInt32(), 1, 1), $"/policies/{id}"));
        }
        return documents;
    }

    private static int BuildPeerIndex(string jsonl, string folder)
    {
        if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, recursive: true);
        using var directory = LuceneDirectory.Open(folder);
        using var analyzer = new SmartChineseAnalyzer(Version);
        using var writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer) { OpenMode = OpenMode.CREATE, RAMBufferSizeMB = 128 });
        // IndexWriter is thread-safe and the analyzer keeps its token streams per thread: index on every core.
        var count = 0;
        Parallel.ForEach(File.ReadLines(jsonl), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, line =>
        {
            if (line.Length == 0) return;
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            writer.AddDocument(new Document
            {
                new StringField("id", root.GetProperty("id").GetString(), Field.Store.YES),
                new TextField("title", root.GetProperty("title").GetString(), Field.Store.YES),
                // Stored for the highlighter.
                new TextField("body", root.GetProperty("body").GetString(), Field.Store.YES),
            });
            Interlocked.Increment(ref count);
        });
        writer.Commit();
        return count;
    }
}
