using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Util;
using Microsoft.Data.Sqlite;
using Npgsql;
using LuceneDirectory = Lucene.Net.Store.FSDirectory;

namespace Gaoxin.Data.Search;

/// <summary>What a visitor asks: the text, and optional filters by type, zone and date (inclusive).</summary>
/// <param name="Page">From 1; <see cref="SearchIndex.PageSize"/> hits a page.</param>
public sealed record SearchQuery(string Text, string? Type = null, string? Zone = null, DateOnly? From = null, DateOnly? To = null, int Page = 1);

/// <summary>One hit: <see cref="Snippet"/> is HTML, the matches wrapped in <c>&lt;mark&gt;</c> and everything else escaped.</summary>
public sealed record SearchHit(string Type, string Id, string Title, string Snippet, float Score, string? Zone, DateOnly? Date, string Url);

/// <summary>A page of hits and the number of hits in all.</summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int Total)
{
    public static SearchResults None { get; } = new([], 0);
}

/// <summary>
/// The portal's full-text index: a Lucene index beside the database holding every public item of every
/// <see cref="SearchSource"/>, analysed with SmartChineseAnalyzer after folding traditional characters and full-width
/// forms (<see cref="ChineseText"/>). It is rebuilt from the sources whenever the store's version moved and the items
/// differ, or its folder is missing or unreadable (docs/adr/0011-search-index-beside-the-store.md); release and expiry
/// are tested at every search against the clock.
/// </summary>
/// <remarks>
/// One rebuild at a time (a semaphore); searches keep the reader they started with, and a reader is closed when the last
/// search using it ends (reference counts), so a rebuild never fails a search running beside it.
/// </remarks>
public sealed class SearchIndex : IDisposable
{
    /// <summary>Hits a page.</summary>
    public const int PageSize = 10;

    /// <summary>The deepest page served (the index collects page × size hits).</summary>
    public const int MaxPage = 50;

    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string VersionKey = "store_version";
    private const string HashKey = "content_hash";
    private static readonly string[] SearchedFields = ["title", "body"];

    private readonly IReadOnlyList<SearchSource> _sources;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly Analyzer _analyzer = new SmartChineseAnalyzer(Version);
    private Generation? _current;

    /// <param name="folder">The index's folder (<see cref="FolderFor"/>).</param>
    /// <param name="sources">Where the documents come from (<see cref="SearchSources.All"/>).</param>
    /// <param name="clock">The clock release and expiry are tested against.</param>
    public SearchIndex(string folder, IReadOnlyList<SearchSource> sources, TimeProvider clock)
    {
        Folder = Path.GetFullPath(folder);
        _sources = sources;
        _clock = clock;
    }

    /// <summary>The index's folder.</summary>
    public string Folder { get; }

    /// <summary>How many times the index was written since this object was made (a test and a log read it).</summary>
    public int Rebuilds { get; private set; }

    /// <summary>
    /// The folder of the index of a store: beside a SQLite file (<c>gaoxin.db.search</c>); for PostgreSQL
    /// <paramref name="configured"/> (<c>Search:Folder</c>), else <c>./data/search-&lt;database&gt;</c>.
    /// </summary>
    public static string FolderFor(DatabaseLocation location, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        if (location.Provider == DatabaseProvider.Sqlite)
            return Path.GetFullPath(new SqliteConnectionStringBuilder(location.ConnectionString).DataSource + ".search");
        var database = new NpgsqlConnectionStringBuilder(location.ConnectionString).Database ?? "postgres";
        return Path.GetFullPath(Path.Combine("data", "search-" + database));
    }

    /// <summary>Brings the index up to <paramref name="storeVersion"/> if needed, then searches it.</summary>
    public async Task<SearchResults> SearchAsync(GaoxinDb db, long storeVersion, SearchQuery query, CancellationToken cancellationToken)
    {
        await RefreshAsync(db, storeVersion, cancellationToken);
        return Search(query);
    }

    /// <summary>
    /// Makes the index reflect the store at <paramref name="storeVersion"/>: nothing when it already does and its folder is
    /// there; else the sources are read and the index rewritten unless it already holds exactly those documents.
    /// </summary>
    public async Task RefreshAsync(GaoxinDb db, long storeVersion, CancellationToken cancellationToken)
    {
        if (_current is { } seen && seen.Version == storeVersion && System.IO.Directory.Exists(Folder)) return;
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            var current = _current;
            var present = System.IO.Directory.Exists(Folder);
            if (current is not null && current.Version == storeVersion && present) return;
            var documents = new List<SearchDocument>();
            foreach (var source in _sources) documents.AddRange(await source.ReadAsync(db, cancellationToken));
            var hash = Hash(documents);
            if (current is null && present && TryOpen() is { } existing)
            {
                if (existing.Hash == hash) { existing.Version = storeVersion; Swap(existing); return; }
                existing.Release();
            }
            else if (current is not null && present && current.Hash == hash)
            {
                current.Version = storeVersion;
                return;
            }
            Write(documents, storeVersion, hash);
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Opens the index already in <see cref="Folder"/>; false when there is none or it cannot be read.</summary>
    public bool OpenExisting()
    {
        if (!System.IO.Directory.Exists(Folder) || TryOpen() is not { } opened) return false;
        Swap(opened);
        return true;
    }

    /// <summary>Rewrites the index with <paramref name="documents"/> (all of them, whatever their release and expiry).</summary>
    public void Write(IReadOnlyCollection<SearchDocument> documents, long storeVersion, string? hash = null)
    {
        hash ??= Hash(documents);
        try
        {
            WriteFolder(documents, storeVersion, hash);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Leftovers a reader or writer cannot use (a damaged segment, a half-written file): start from an empty folder.
            System.IO.Directory.Delete(Folder, recursive: true);
            WriteFolder(documents, storeVersion, hash);
        }
        Rebuilds++;
        Swap(TryOpen() ?? throw new IOException($"The search index just written to {Folder} cannot be read."));
    }

    private void WriteFolder(IReadOnlyCollection<SearchDocument> documents, long storeVersion, string hash)
    {
        System.IO.Directory.CreateDirectory(Folder);
        using var directory = LuceneDirectory.Open(Folder);
        using var writer = new IndexWriter(directory, new IndexWriterConfig(Version, _analyzer) { OpenMode = OpenMode.CREATE, RAMBufferSizeMB = 64 });
        // IndexWriter is thread-safe and the analyzer keeps its token streams per thread: a large index is written on every core.
        if (documents.Count < 2_000) foreach (var document in documents) writer.AddDocument(ToLucene(document));
        else Parallel.ForEach(documents, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, d => writer.AddDocument(ToLucene(d)));
        writer.SetCommitData(new Dictionary<string, string>
        {
            [VersionKey] = storeVersion.ToString(CultureInfo.InvariantCulture),
            [HashKey] = hash,
        });
        writer.Commit();
    }

    /// <summary>Searches the index as it stands (call <see cref="RefreshAsync"/> first); never throws on the text.</summary>
    public SearchResults Search(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = SearchQueryText.Escape(query.Text);
        if (text.Length == 0) return SearchResults.None;
        Query parsed;
        try
        {
            // The parser keeps state: one per search.
            parsed = new MultiFieldQueryParser(Version, SearchedFields, _analyzer).Parse(text);
        }
        catch (Exception exception) when (exception is ParseException or BooleanQuery.TooManyClausesException)
        {
            // The escaped text always parses; a query too long for the clause limit finds nothing rather than failing.
            return SearchResults.None;
        }
        if (parsed is null || parsed is BooleanQuery { Clauses.Count: 0 }) return SearchResults.None;

        var page = Math.Clamp(query.Page, 1, MaxPage);
        var generation = Acquire();
        if (generation is null) return SearchResults.None;
        try
        {
            var searcher = generation.Searcher;
            // The public rule (Publication.IsPublic) at this moment: not released yet or expired is out. The few documents
            // with such times are known per generation, so the hidden ones are skipped as they are collected; the ranking
            // is the text query's own. (Two prohibited range clauses did the same at a quarter of every search's time.)
            var collector = TopScoreDocCollector.Create(page * PageSize, false);
            var hidden = generation.HiddenAt(_clock.GetUtcNow().UtcTicks);
            searcher.Search(parsed, Filter(query), hidden.Count == 0 ? collector : new SkippingCollector(collector, hidden));
            var top = collector.GetTopDocs();
            var body = Highlighter(parsed, "body");
            // Needed only for a hit whose body has no match (its title has): made at the first such hit.
            Highlighter? title = null;
            var hits = new List<SearchHit>();
            foreach (var scored in top.ScoreDocs.Skip((page - 1) * PageSize))
            {
                var document = searcher.Doc(scored.Doc);
                var titleText = document.Get("title_text") ?? "";
                var bodyText = document.Get("body_text") ?? "";
                var snippet = Fragment(body, "body", bodyText) ?? Fragment(title ??= Highlighter(parsed, "title"), "title", titleText) ?? Lead(bodyText);
                var date = document.Get("date_text") is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture) : (DateOnly?)null;
                hits.Add(new SearchHit(document.Get("type"), document.Get("id"), titleText, snippet, scored.Score, document.Get("zone"), date, document.Get("url")));
            }
            return new SearchResults(hits, top.TotalHits);
        }
        finally
        {
            generation.Release();
        }
    }

    private static Filter? Filter(SearchQuery query)
    {
        var filters = new BooleanQuery();
        if (query.Type is { Length: > 0 } type) filters.Add(new TermQuery(new Term("type", type)), Occur.MUST);
        if (query.Zone is { Length: > 0 } zone) filters.Add(new TermQuery(new Term("zone", zone)), Occur.MUST);
        if (query.From is not null || query.To is not null)
            filters.Add(NumericRangeQuery.NewInt32Range("date", query.From is { } f ? DayNumber(f) : null, query.To is { } t ? DayNumber(t) : null, true, true), Occur.MUST);
        return filters.Clauses.Count == 0 ? null : new QueryWrapperFilter(filters);
    }

    private static Highlighter Highlighter(Query query, string field) =>
        new(new SimpleHTMLFormatter("<mark>", "</mark>"), TextEncoder.Instance, new QueryScorer(query, field))
        {
            TextFragmenter = new SimpleFragmenter(60),
        };

    // The tokens are the folded text's, the characters shown the original's: folding keeps every offset.
    private string? Fragment(Highlighter highlighter, string field, string text)
    {
        if (text.Length == 0) return null;
        using var tokens = _analyzer.GetTokenStream(field, ChineseText.Normalise(text));
        var fragments = highlighter.GetBestFragments(tokens, text, 2, " … ");
        // SmartCn splits 生物医药 into 生物 and 医药: one mark for the pair reads better.
        return string.IsNullOrEmpty(fragments) ? null : fragments.Replace("</mark><mark>", "", StringComparison.Ordinal);
    }

    private static string Lead(string text) => TextEncoder.Escape(text.Length <= 120 ? text : text[..120] + "…");

    /// <summary>
    /// Escapes the five characters that are markup in HTML text or attributes and nothing else (Lucene's SimpleHTMLEncoder
    /// also writes every Chinese character as a numeric reference).
    /// </summary>
    private sealed class TextEncoder : IEncoder
    {
        public static readonly TextEncoder Instance = new();

        public string EncodeText(string originalText) => Escape(originalText);

        public static string Escape(string text)
        {
            if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
            var builder = new StringBuilder(text.Length + 16);
            foreach (var c in text)
            {
                var entity = c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&#39;", _ => null };
                if (entity is null) builder.Append(c);
                else builder.Append(entity);
            }
            return builder.ToString();
        }
    }

    private static Document ToLucene(SearchDocument d)
    {
        var document = new Document
        {
            new StringField("type", d.Type, Field.Store.YES),
            new StringField("id", d.Id, Field.Store.YES),
            new TextField("title", ChineseText.Normalise(d.Title), Field.Store.NO),
            new TextField("body", ChineseText.Normalise(d.Body), Field.Store.NO),
            new StoredField("title_text", d.Title),
            new StoredField("body_text", d.Body),
            new StoredField("url", d.Url),
        };
        if (d.Zone is { } zone) document.Add(new StringField("zone", zone, Field.Store.YES));
        if (d.Date is { } date)
        {
            document.Add(new Int32Field("date", DayNumber(date), Field.Store.NO));
            document.Add(new StoredField("date_text", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        // Only limited items carry the fields, so the prohibited clauses of a search touch only those few.
        if (d.VisibleFrom is { } from) document.Add(new Int64Field("visible_from", from.UtcTicks, Field.Store.NO));
        if (d.VisibleUntil is { } until) document.Add(new Int64Field("visible_until", until.UtcTicks, Field.Store.NO));
        return document;
    }

    private static int DayNumber(DateOnly date) => date.Year * 10_000 + date.Month * 100 + date.Day;

    /// <summary>A digest of every field of every document, in order: equal digests, equal indexes.</summary>
    public static string Hash(IEnumerable<SearchDocument> documents)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var d in documents)
        {
            foreach (var part in new[] { d.Type, d.Id, d.Title, d.Body, d.Zone ?? "", d.Date?.ToString("O", CultureInfo.InvariantCulture) ?? "", d.Url,
                         d.VisibleFrom?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "", d.VisibleUntil?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "" })
            {
                hash.AppendData(Encoding.UTF8.GetBytes(part));
                hash.AppendData([0]);
            }
            hash.AppendData([0x1e]);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private Generation? TryOpen()
    {
        try
        {
            var reader = DirectoryReader.Open(LuceneDirectory.Open(Folder));
            var data = reader.IndexCommit.UserData;
            var version = data.TryGetValue(VersionKey, out var v) && long.TryParse(v, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;
            return new Generation(reader, version, data.TryGetValue(HashKey, out var h) ? h : "");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            // Missing, half-written or damaged: the caller rebuilds it.
            return null;
        }
    }

    private void Swap(Generation next)
    {
        var previous = Interlocked.Exchange(ref _current, next);
        if (previous is not null && !ReferenceEquals(previous, next)) previous.Release();
    }

    private Generation? Acquire()
    {
        while (true)
        {
            var generation = _current;
            if (generation is null) return null;
            if (generation.Reader.TryIncRef()) return generation;
            // Closed by a swap between reading the field and taking the reference: the field holds its successor now.
        }
    }

    public void Dispose()
    {
        var last = Interlocked.Exchange(ref _current, null);
        last?.Release();
        _analyzer.Dispose();
        _refresh.Dispose();
    }

    /// <summary>An open reader of one commit, closed when the index has moved on and the last search using it ends.</summary>
    private sealed class Generation(DirectoryReader reader, long version, string hash)
    {
        public DirectoryReader Reader { get; } = reader;
        public IndexSearcher Searcher { get; } = new(reader);
        public long Version { get; set; } = version;
        public string Hash { get; } = hash;
        public void Release() => Reader.DecRef();

        // The documents with a release or an expiry time (only limited items carry them), read once per generation.
        private readonly List<(int Doc, long From, long Until)> _windows = ReadWindows(reader);

        /// <summary>The documents not public at <paramref name="ticks"/>: released after it, or expired at or before it.</summary>
        public HashSet<int> HiddenAt(long ticks) => _windows.Where(w => w.From > ticks || w.Until <= ticks).Select(w => w.Doc).ToHashSet();

        private static List<(int Doc, long From, long Until)> ReadWindows(DirectoryReader reader)
        {
            var from = ReadTimes(reader, "visible_from");
            var until = ReadTimes(reader, "visible_until");
            return from.Keys.Union(until.Keys)
                .Select(doc => (doc, from.GetValueOrDefault(doc, long.MinValue), until.GetValueOrDefault(doc, long.MaxValue))).ToList();
        }

        /// <summary>Each document's value of a numeric field, from its full-precision terms (global document numbers).</summary>
        private static Dictionary<int, long> ReadTimes(DirectoryReader reader, string field)
        {
            var times = new Dictionary<int, long>();
            foreach (var leaf in reader.Leaves)
            {
                var terms = leaf.AtomicReader.GetTerms(field);
                if (terms is null) continue;
                var exact = NumericUtils.FilterPrefixCodedInt64s(terms.GetEnumerator());
                DocsEnum? docs = null;
                while (exact.MoveNext())
                {
                    var value = NumericUtils.PrefixCodedToInt64(exact.Term);
                    docs = exact.Docs(leaf.AtomicReader.LiveDocs, docs, DocsFlags.NONE);
                    int doc;
                    while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS) times[leaf.DocBase + doc] = value;
                }
            }
            return times;
        }
    }

    /// <summary>Collects every match but the documents in <paramref name="skipped"/> (global document numbers).</summary>
    private sealed class SkippingCollector(ICollector inner, HashSet<int> skipped) : ICollector
    {
        private int _docBase;

        public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

        public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

        public void SetNextReader(AtomicReaderContext context)
        {
            _docBase = context.DocBase;
            inner.SetNextReader(context);
        }

        public void Collect(int doc)
        {
            if (!skipped.Contains(_docBase + doc)) inner.Collect(doc);
        }
    }
}
