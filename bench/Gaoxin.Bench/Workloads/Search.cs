using System.Diagnostics;
using System.Text.Json;
using Gaoxin.Bench.Support;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.FSDirectory;

namespace Gaoxin.Bench.Workloads;

/// <summary>
/// W7: full-text search over the generated Chinese policy documents. The peer is plain Lucene.Net with
/// SmartChineseAnalyzer (index built once per data set, queries parsed and run one at a time on one thread). The
/// platform has no search feature yet: its row says "not landed" until a <c>gaoxin search</c> verb exists.
/// </summary>
public static class Search
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

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
        var probe = Child.Gaoxin("search", "--help");
        // Unknown verbs make System.CommandLine print the root help; a real verb prints its own usage line.
        var status = probe.ExitCode == 0 && probe.Output.Contains("gaoxin search", StringComparison.Ordinal) ? "landed, not wired in the bench yet" : "not landed";

        var folder = Path.Combine(data.Folder, "lucene");
        var stamp = Path.Combine(folder, "built.txt");
        if (!File.Exists(stamp))
        {
            var clock = Stopwatch.StartNew();
            var documents = BuildIndex(data.Policies, folder);
            File.WriteAllText(stamp, $"{documents}\n");
            report.Note($"W7 peer index: {documents:N0} documents indexed with SmartChineseAnalyzer in {clock.Elapsed.TotalSeconds:0.0} s ({documents / clock.Elapsed.TotalSeconds:0} docs/s).");
        }

        using var directory = LuceneDirectory.Open(folder);
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        using var analyzer = new SmartChineseAnalyzer(Version);
        var parser = new MultiFieldQueryParser(Version, ["title", "body"], analyzer);
        long hits = 0;
        void One(int i) => hits += searcher.Search(parser.Parse(Queries[i % Queries.Length]), 10).TotalHits;
        for (var i = 0; i < Queries.Length * 5; i++) One(i); // warm
        var queries = 0;
        var timer = Stopwatch.StartNew();
        while (timer.Elapsed.TotalSeconds < size.SearchSeconds) One(queries++);
        var seconds = timer.Elapsed.TotalSeconds;
        var peer = new Figure(queries / seconds, "queries/s", $"{queries:N0} queries in {seconds:0.0} s, one thread, top 10");
        report.Add(Row.Of(label, size.Name, null, peer, "≥ 0.8× Lucene", 0.8, platformStatus: status));
    }

    private static int BuildIndex(string jsonl, string folder)
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
                new TextField("body", root.GetProperty("body").GetString(), Field.Store.NO),
            });
            Interlocked.Increment(ref count);
        });
        writer.Commit();
        return count;
    }
}
