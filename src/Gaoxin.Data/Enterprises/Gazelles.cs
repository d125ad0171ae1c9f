using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Gaoxin.Core.Enterprises;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using SQLitePCL;

namespace Gaoxin.Data.Enterprises;

/// <summary>A gazelle or unicorn of a year, as listed by <c>gaoxin gazelles</c>, the API and the page.</summary>
/// <param name="CreditCode">统一社会信用代码.</param>
/// <param name="Name">Name in the registry.</param>
/// <param name="Zone">The zone of the enterprise's return of that year.</param>
/// <param name="Kind">Gazelle or unicorn.</param>
/// <param name="New">Not of that kind in the year before.</param>
/// <param name="Routes">Bits of the scale routes that hold, in the order of the year's rule set (<see cref="GazelleClassifier.RouteIds"/>).</param>
public sealed record GazelleListing(string CreditCode, string Name, string Zone, GazelleKind Kind, bool New, uint Routes);

/// <summary>A zone's counts in a year: every zone with a return that year, zeros included.</summary>
public sealed record GazelleZoneCount(string Zone, int Enterprises, int Gazelles, int GazellesNew, int Unicorns);

/// <summary>A data year and the rule set that judged it.</summary>
public sealed record GazelleJudgedYear(int Year, GazelleRuleSet Rules);

/// <summary>
/// The gazelles and unicorns of a year, with the counts per zone, and which rule set judged the year and the year before
/// (against which <c>new</c> is decided).
/// </summary>
public sealed record GazelleYear(int Year, string RuleSetId, IReadOnlyList<GazelleListing> Enterprises, IReadOnlyList<GazelleZoneCount> Zones,
    IReadOnlyList<GazelleJudgedYear> Judged);

/// <summary>
/// What the zone counts kept in <c>enterprise_aggregates</c> are classified with: <paramref name="ByYear"/> (each year's
/// own rule set, as <c>gaoxin gazelles</c> lists by default) for <c>gazelles</c>, <c>gazelles_new</c> and <c>unicorns</c>;
/// <paramref name="National"/> (the rule set marked national) for <c>gazelles_new_national</c>, the new gazelles the national
/// evaluation's indicator 5.5 counts. Without a national rule set that count is not kept.
/// </summary>
public sealed record GazelleCounting(GazelleClassifier ByYear, GazelleClassifier? National);

/// <summary>
/// Gazelle (瞪羚) and unicorn (独角兽) identification over the stored returns. The panel is read straight from
/// <c>enterprise_returns</c> by one raw streaming reader, ordered by enterprise then year, only the columns the rules read;
/// rows go into fixed-size columnar buffers that are classified by <see cref="GazelleClassifier.Classify"/> a chunk at a
/// time (a chunk always ends on an enterprise boundary), so memory stays flat in the number of enterprises and no entity
/// is ever materialised.
/// </summary>
public static class Gazelles
{
    /// <summary>Rows per chunk: large enough to amortise the classifier call, small enough to stay in cache.</summary>
    internal const int ChunkRows = 8192;

    /// <summary>The zone-year figures the identification gives, with the data element each fills.</summary>
    /// <param name="Element">Code in <c>enterprise_aggregates</c>.</param>
    /// <param name="Fills">The data element it fills (the national model's <c>n21_new_gazelles</c> for the new gazelles).</param>
    public sealed record Figure(string Element, string Fills);

    /// <summary>
    /// gazelles, gazelles_new, unicorns (each year's own rule set) and gazelles_new_national (the national rule set,
    /// → n21_new_gazelles, indicator 5.5 of the national model); all counts (家).
    /// </summary>
    public static IReadOnlyList<Figure> Figures { get; } =
    [
        new("gazelles", "gazelles"),
        new("gazelles_new", "gazelles_new"),
        new("unicorns", "unicorns"),
        new("gazelles_new_national", "n21_new_gazelles"),
    ];

    /// <summary>
    /// The first year of the panel read for output years from <paramref name="fromYear"/>: the classification of t − 1, which
    /// decides <c>new</c> in t, needs its own look-back years, so the read starts one year before t's look-back.
    /// </summary>
    private static int FirstYearRead(int fromYear, int lookBack) => fromYear - 1 - lookBack;

    /// <summary>
    /// The gazelles and unicorns of <paramref name="year"/>, ordered by credit code, and the counts of every zone (of the
    /// year's returns); with <paramref name="zone"/> only that zone's (the classification still reads the enterprises'
    /// earlier years wherever they reported them).
    /// </summary>
    public static async Task<GazelleYear> IdentifyAsync(DbConnection connection, DbTransaction? transaction, bool sqlite, GazelleClassifier classifier,
        int year, string? zone, CancellationToken cancellationToken)
    {
        var watch = StartupTimings.Enabled ? System.Diagnostics.Stopwatch.StartNew() : null;
        YearSink sink;
        if (sqlite && transaction is null && connection is SqliteConnection file && File.Exists(file.DataSource))
        {
            // Nothing uncommitted to see: the two halves of the panel (by credit code) are read and classified at once, each
            // on a connection of its own. The output years are the same in both, and an enterprise is never split.
            var split = SqlitePanel.MedianCode(file);
            var halves = split is null ? [(null, null)] : new[] { ((string?)null, split), (split, (string?)null) };
            var sinks = await Task.WhenAll(halves.Select(h => Task.Run(() =>
            {
                var part = new YearSink(year, zone);
                SqlitePanel.ReadFile(file.DataSource, classifier, year, zone, h.Item1, h.Item2, part, cancellationToken);
                return part;
            }, cancellationToken)));
            sink = sinks[0];
            foreach (var other in sinks.Skip(1)) sink.Add(other);
        }
        else
        {
            sink = new YearSink(year, zone);
            await ClassifyAsync(connection, transaction, sqlite, [(classifier, sink)], year, year, zone, cancellationToken);
            var codes = sink.Found.Select(f => f.Code).ToList();
            var found = sqlite && connection is SqliteConnection native
                ? SqlitePanel.Names(native.Handle!, codes)
                : await NamesAsync(connection, transaction, codes, cancellationToken);
            foreach (var (code, name) in found) sink.Names[code] = name;
        }
        if (watch is not null) StartupTimings.Write($"panel read and classified, names of {sink.Found.Count} found", watch.Elapsed);
        var names = sink.Names;
        var listings = sink.Found
            .Select(f => new GazelleListing(f.Code, names.GetValueOrDefault(f.Code, ""), f.Zone, f.Kind, f.New, f.Routes))
            .OrderBy(f => f.CreditCode, StringComparer.Ordinal).ToList();
        var zones = sink.Counts.Select(c => new GazelleZoneCount(c.Key, c.Value[0], c.Value[1], c.Value[2], c.Value[3]))
            .OrderBy(c => c.Zone, StringComparer.Ordinal).ToList();
        return new GazelleYear(year, classifier.RulesFor(year).Header.Id, listings, zones,
            [new GazelleJudgedYear(year, classifier.RulesFor(year)), new GazelleJudgedYear(year - 1, classifier.RulesFor(year - 1))]);
    }

    /// <summary>As <see cref="IdentifyAsync(DbConnection, DbTransaction?, bool, GazelleClassifier, int, string?, CancellationToken)"/> on the context's connection.</summary>
    public static async Task<GazelleYear> IdentifyAsync(GaoxinDb db, GazelleClassifier classifier, int year, string? zone, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Within the caller's transaction, the panel must be read on its connection (it may hold uncommitted returns).
            return await IdentifyAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), db is SqliteGaoxinDb,
                classifier, year, zone, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Counts per zone and year for the years <paramref name="fromYear"/>..<paramref name="toYear"/>, one set per classifier,
    /// from one read of the panel: (zone, year) → [enterprises, gazelles, new gazelles, unicorns].
    /// </summary>
    internal static async Task<IReadOnlyList<Dictionary<(string Zone, int Year), int[]>>> CountAsync(DbConnection connection, DbTransaction? transaction,
        bool sqlite, IReadOnlyList<GazelleClassifier> classifiers, int fromYear, int toYear, CancellationToken cancellationToken)
    {
        var sinks = classifiers.Select(_ => new CountSink()).ToList();
        await ClassifyAsync(connection, transaction, sqlite, classifiers.Select((c, i) => (c, (Sink)sinks[i])).ToList(), fromYear, toYear, null,
            cancellationToken);
        return sinks.Select(s => s.Counts).ToList();
    }

    /// <summary>
    /// As <see cref="CountAsync"/>, on a connection of its own to the SQLite store <paramref name="file"/>, for the years
    /// <paramref name="years"/> (none: no counts). For a caller whose transaction changed no return and keeps every other
    /// writer out (a rebuild), so that the committed panel read here is the one its transaction sees.
    /// </summary>
    internal static IReadOnlyList<Dictionary<(string Zone, int Year), int[]>> CountFile(string file, IReadOnlyList<GazelleClassifier> classifiers,
        IReadOnlyList<int> years, CancellationToken cancellationToken)
    {
        var sinks = classifiers.Select(_ => new CountSink()).ToList();
        if (years.Count > 0)
            SqlitePanel.CountFile(file, classifiers.Select((c, i) => (c, (Sink)sinks[i])).ToList(), years[0], years[^1], cancellationToken);
        return sinks.Select(s => s.Counts).ToList();
    }

    /// <summary>
    /// As <see cref="CountAsync"/>, on a PostgreSQL connection of its own (<paramref name="connectionString"/>) that reads the
    /// snapshot <paramref name="snapshot"/> exported by the caller's open transaction (<c>pg_export_snapshot()</c>), so that
    /// it sees the very panel that transaction sees, for the years <paramref name="years"/> (none: no counts). For a caller
    /// whose transaction changed no return (a rebuild), which thus counts the gazelles while it groups the sums.
    /// </summary>
    internal static async Task<IReadOnlyList<Dictionary<(string Zone, int Year), int[]>>> CountSnapshotAsync(string connectionString, string snapshot,
        IReadOnlyList<GazelleClassifier> classifiers, IReadOnlyList<int> years, CancellationToken cancellationToken)
    {
        var sinks = classifiers.Select(_ => new CountSink()).ToList();
        if (years.Count == 0) return sinks.Select(s => s.Counts).ToList();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using (var adopt = connection.CreateCommand())
        {
            adopt.Transaction = transaction;
            // Must be the transaction's first statement; the identifier comes from the server, never from a user.
            adopt.CommandText = $"SET TRANSACTION SNAPSHOT '{snapshot.Replace("'", "''", StringComparison.Ordinal)}'";
            await adopt.ExecuteNonQueryAsync(cancellationToken);
        }
        await ClassifyAsync(connection, transaction, false, classifiers.Select((c, i) => (c, (Sink)sinks[i])).ToList(), years[0], years[^1], null,
            cancellationToken);
        if (StartupTimings.Enabled) StartupTimings.Write("gazelle counts on their own connection", System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return sinks.Select(s => s.Counts).ToList();
    }

    /// <summary>Receives the classified rows of the output years.</summary>
    private abstract class Sink
    {
        public abstract void Row(string code, int year, string zone, in GazelleOutcome outcome);
    }

    private sealed class YearSink(int year, string? zone) : Sink
    {
        public readonly List<(string Code, string Zone, GazelleKind Kind, bool New, uint Routes)> Found = [];
        public readonly Dictionary<string, int[]> Counts = new(StringComparer.Ordinal);
        public readonly Dictionary<string, string> Names = new(StringComparer.Ordinal);

        /// <summary>Takes in what another part of the same panel found.</summary>
        public void Add(YearSink other)
        {
            Found.AddRange(other.Found);
            foreach (var (code, name) in other.Names) Names[code] = name;
            foreach (var (z, counts) in other.Counts)
            {
                if (!Counts.TryGetValue(z, out var mine)) Counts[z] = mine = new int[4];
                for (var i = 0; i < mine.Length; i++) mine[i] += counts[i];
            }
        }

        public override void Row(string code, int y, string z, in GazelleOutcome outcome)
        {
            if (y != year || (zone is not null && z != zone)) return;
            if (!Counts.TryGetValue(z, out var counts)) Counts[z] = counts = new int[4];
            counts[0]++;
            if (outcome.Kind == GazelleKind.None) return;
            Found.Add((code, z, outcome.Kind, outcome.New, outcome.Routes));
            Tally(counts, outcome);
        }
    }

    private sealed class CountSink : Sink
    {
        public readonly Dictionary<(string Zone, int Year), int[]> Counts = [];

        public override void Row(string code, int year, string zone, in GazelleOutcome outcome)
        {
            if (!Counts.TryGetValue((zone, year), out var counts)) Counts[(zone, year)] = counts = new int[4];
            counts[0]++;
            Tally(counts, outcome);
        }
    }

    private static void Tally(int[] counts, in GazelleOutcome outcome)
    {
        if (outcome.Kind == GazelleKind.Gazelle)
        {
            counts[1]++;
            if (outcome.New) counts[2]++;
        }
        else if (outcome.Kind == GazelleKind.Unicorn)
        {
            counts[3]++;
        }
    }

    // Registration year unknown: an age no rule accepts, so that a missing date never makes a gazelle.
    private const int UnknownRegistration = -100_000;

    // PostgreSQL reads the panel from the covering index IX_enterprise_returns_gazelle_panel in (credit code, year) order —
    // an index-only scan, no join and no sort — after the registration years, which it keeps in a dictionary (one open
    // reader per connection, and the caller's transaction may hold enterprises no other connection sees yet).
    // SQLite reads through SqlitePanel.
    private const string ZoneEnterprisesSql = "SELECT credit_code FROM enterprise_returns WHERE year = @out AND zone_code = @zone";

    private static string RegistrationSql(string? zone) =>
        "SELECT credit_code, EXTRACT(YEAR FROM registered_on)::int FROM enterprises"
        + (zone is null ? "" : $" WHERE credit_code IN ({ZoneEnterprisesSql})");

    private static string PanelSql(string? zone) =>
        """
        SELECT r.credit_code, r.year, r.zone_code, r.revenue::float8, r.employees::float8,
               r.st_expense::float8, r.vc_received::float8, r.valuation_usd_m::float8, r.listed
        FROM enterprise_returns r
        WHERE r.year BETWEEN @from AND @to
        """
        + (zone is null ? "" : $" AND r.credit_code IN ({ZoneEnterprisesSql})")
        + " ORDER BY r.credit_code, r.year";

    /// <summary>
    /// Streams the panel of the years <paramref name="fromYear"/> − 1 − look-back .. <paramref name="toYear"/> once and hands
    /// every row of <paramref name="fromYear"/>..<paramref name="toYear"/>, as each classifier classified it, to its sink.
    /// </summary>
    private static async Task ClassifyAsync(DbConnection connection, DbTransaction? transaction, bool sqlite,
        IReadOnlyList<(GazelleClassifier Classifier, Sink Sink)> judges, int fromYear, int toYear, string? zone, CancellationToken cancellationToken)
    {
        var from = FirstYearRead(fromYear, judges.Max(j => j.Classifier.LookBack));
        var buffer = new PanelBuffer(judges, fromYear, toYear);
        if (sqlite && connection is SqliteConnection native)
        {
            SqlitePanel.Read(native.Handle!, from, toYear, zone, fromYear, null, null, buffer, cancellationToken);
            buffer.Flush();
            if (StartupTimings.Enabled) StartupTimings.Write("of which classifying", buffer.Classifying);
            return;
        }
        var registrations = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var command = PanelCommand(connection, transaction, RegistrationSql(zone), null, toYear, zone))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                registrations[reader.GetString(0)] = reader.IsDBNull(1) ? UnknownRegistration : reader.GetInt32(1);
        }
        await using (var command = PanelCommand(connection, transaction, PanelSql(zone), from, toYear, zone))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            var code = "";
            int key = 0, registration = UnknownRegistration;
            while (await reader.ReadAsync(cancellationToken))
            {
                var text = reader.GetString(0);
                if (key == 0 || !string.Equals(text, code, StringComparison.Ordinal))
                {
                    code = text;
                    key++;
                    registration = registrations.GetValueOrDefault(code, UnknownRegistration);
                }
                var y = reader.GetInt32(1);
                // The zone is read only for the rows handed on.
                var rowZone = y >= fromYear ? reader.GetString(2) : null;
                buffer.Add(key, y, registration, Number(reader, 3), Number(reader, 4), Number(reader, 5), Number(reader, 6), Number(reader, 7),
                    !reader.IsDBNull(8) && reader.GetBoolean(8), code, rowZone);
            }
        }
        buffer.Flush();
        if (StartupTimings.Enabled) StartupTimings.Write("of which classifying", buffer.Classifying);
    }

    /// <summary>
    /// The SQLite panel: the covering index IX_enterprise_returns_gazelle_panel (credit_code, year and the columns the rules
    /// read) is scanned in key order, so no row of the wide table is touched and nothing is sorted — the planner would
    /// otherwise take the (year, zone_code) index and sort, an order of magnitude slower on a national panel. The registration
    /// years come from a second statement over enterprises in the same order, merged here (cheaper than a join looked up per
    /// row). Both go through SQLite's own statement API (SQLitePCL.raw) on the connection's handle: the ADO.NET reader
    /// checks types and handles on every column access, which cost several times the query itself over ~800,000 rows.
    /// A missing figure comes as +∞ from SQL (one call per value instead of a type check and a read) and becomes NaN here;
    /// a credit code becomes a string only when the enterprise changes.
    /// </summary>
    private static class SqlitePanel
    {
        private const string Sql = """
            SELECT r.credit_code, r.year, r.zone_code, IFNULL(CAST(r.revenue AS REAL), 1e999), IFNULL(CAST(r.employees AS REAL), 1e999),
                   IFNULL(CAST(r.st_expense AS REAL), 1e999), IFNULL(CAST(r.vc_received AS REAL), 1e999), IFNULL(CAST(r.valuation_usd_m AS REAL), 1e999), r.listed
            FROM enterprise_returns r INDEXED BY "IX_enterprise_returns_gazelle_panel"
            WHERE r.year BETWEEN ?1 AND ?2
            """;

        private const string ZoneFilter = " AND r.credit_code IN (SELECT credit_code FROM enterprise_returns WHERE year = ?2 AND zone_code = ?3)";

        private const string RegistrationSql = """
            SELECT credit_code, IFNULL(CAST(substr(registered_on, 1, 4) AS INTEGER), -100000)
            FROM enterprises INDEXED BY "IX_enterprises_credit_code_registered_on" ORDER BY credit_code
            """;

        private const string RegistrationFromSql = """
            SELECT credit_code, IFNULL(CAST(substr(registered_on, 1, 4) AS INTEGER), -100000)
            FROM enterprises INDEXED BY "IX_enterprises_credit_code_registered_on" WHERE credit_code >= ?1 ORDER BY credit_code
            """;

        /// <summary>The credit code that splits the registry in two halves, or null for a small one (not worth two threads).</summary>
        public static string? MedianCode(SqliteConnection connection)
        {
            using var statement = Prepare(connection.Handle!, """
                SELECT credit_code FROM enterprises ORDER BY credit_code
                LIMIT 1 OFFSET (SELECT CASE WHEN COUNT(*) < 20000 THEN -1 ELSE COUNT(*) / 2 END FROM enterprises)
                """);
            return raw.sqlite3_step(statement) == raw.SQLITE_ROW ? raw.sqlite3_column_text(statement, 0).utf8_to_string() : null;
        }

        /// <summary>
        /// Classifies the part [<paramref name="lowCode"/>, <paramref name="highCode"/>) of the panel (null: open) into
        /// <paramref name="sink"/> on a connection of its own to <paramref name="file"/>, opened without SQLite's per-connection
        /// mutex (only this thread uses it; the mutex calls were an eighth of the verb's CPU time).
        /// </summary>
        public static void ReadFile(string file, GazelleClassifier classifier, int year, string? zone, string? lowCode, string? highCode,
            Sink sink, CancellationToken cancellationToken)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var rc = raw.sqlite3_open_v2(file, out var db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_NOMUTEX, null);
            using (db)
            {
                if (rc != raw.SQLITE_OK)
                    throw new InvalidOperationException($"opening the store for reading failed: {raw.sqlite3_errmsg(db).utf8_to_string()}");
                raw.sqlite3_busy_timeout(db, 30_000);
                var buffer = new PanelBuffer([(classifier, sink)], year, year);
                Read(db, FirstYearRead(year, classifier.LookBack), year, zone, year, lowCode, highCode, buffer, cancellationToken);
                buffer.Flush();
                if (StartupTimings.Enabled)
                {
                    StartupTimings.Write($"part from {lowCode ?? "the start"}: read and classified", System.Diagnostics.Stopwatch.GetElapsedTime(started));
                    StartupTimings.Write($"part from {lowCode ?? "the start"}: of which classifying", buffer.Classifying);
                }
                // The names of what this part found, on the same connection (the codes come in order, so the pages are near).
                if (sink is YearSink found)
                    foreach (var (code, name) in Names(db, found.Found.Select(f => f.Code).ToList())) found.Names[code] = name;
            }
        }

        /// <summary>Classifies the years <paramref name="fromYear"/>…<paramref name="toYear"/> of the whole panel on a connection of its own (it only reads).</summary>
        public static void CountFile(string file, IReadOnlyList<(GazelleClassifier Classifier, Sink Sink)> judges, int fromYear, int toYear,
            CancellationToken cancellationToken)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var rc = raw.sqlite3_open_v2(file, out var db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_NOMUTEX, null);
            using (db)
            {
                if (rc != raw.SQLITE_OK)
                    throw new InvalidOperationException($"opening the store for reading failed: {raw.sqlite3_errmsg(db).utf8_to_string()}");
                raw.sqlite3_busy_timeout(db, 30_000);
                var buffer = new PanelBuffer(judges, fromYear, toYear);
                Read(db, FirstYearRead(fromYear, judges.Max(j => j.Classifier.LookBack)), toYear, null, fromYear, null, null, buffer, cancellationToken);
                buffer.Flush();
                if (StartupTimings.Enabled)
                    StartupTimings.Write("gazelle counts on their own connection", System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }
        }

        // Compiled fully optimised at once: one call loops over the whole panel, so tiering would run it as unoptimised or
        // on-stack-replaced code for most of the run.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Read(sqlite3 db, int from, int to, string? zone, int outFrom, string? lowCode, string? highCode, PanelBuffer buffer,
            CancellationToken cancellationToken)
        {
            // ?3 zone, ?4 the first credit code of the part, ?5 the first one after it.
            using var panelStatement = Prepare(db, Sql + (zone is null ? "" : ZoneFilter) + (lowCode is null ? "" : " AND r.credit_code >= ?4")
                + (highCode is null ? "" : " AND r.credit_code < ?5") + " ORDER BY r.credit_code, r.year");
            raw.sqlite3_bind_int(panelStatement, 1, from);
            raw.sqlite3_bind_int(panelStatement, 2, to);
            if (zone is not null) raw.sqlite3_bind_text(panelStatement, 3, zone);
            if (lowCode is not null) raw.sqlite3_bind_text(panelStatement, 4, lowCode);
            if (highCode is not null) raw.sqlite3_bind_text(panelStatement, 5, highCode);
            using var registrationStatement = Prepare(db, lowCode is null ? RegistrationSql : RegistrationFromSql);
            if (lowCode is not null) raw.sqlite3_bind_text(registrationStatement, 1, lowCode);
            // The statements stay alive (the using above) while the loop calls SQLite on their bare handles.
            var panel = panelStatement.DangerousGetHandle();
            var registrations = registrationStatement.DangerousGetHandle();
            var registrationOpen = true;
            var registrationCode = "";
            var registrationYear = UnknownRegistration;

            Span<byte> last = stackalloc byte[64];
            Span<char> chars = stackalloc char[Encoding.UTF8.GetMaxCharCount(64)];
            var lastLength = -1;
            var code = "";
            int key = 0, registration = UnknownRegistration;
            var zones = new Dictionary<string, string>(StringComparer.Ordinal);
            var zoneLookup = zones.GetAlternateLookup<ReadOnlySpan<char>>();
            int rc;
            while ((rc = Native.sqlite3_step(panel)) == raw.SQLITE_ROW)
            {
                var bytes = Native.Bytes(panel, 0);
                if (bytes.Length != lastLength || !bytes.SequenceEqual(last[..lastLength]))
                {
                    if (bytes.Length > last.Length) throw new InvalidOperationException("a credit code longer than 64 bytes");
                    bytes.CopyTo(last);
                    lastLength = bytes.Length;
                    code = Encoding.UTF8.GetString(bytes);
                    key++;
                    // Registration years in the same (binary) order: advance to this code.
                    while (registrationOpen && string.CompareOrdinal(registrationCode, code) < 0)
                    {
                        if (Native.sqlite3_step(registrations) != raw.SQLITE_ROW)
                        {
                            registrationOpen = false;
                            break;
                        }
                        registrationCode = Encoding.UTF8.GetString(Native.Bytes(registrations, 0));
                        registrationYear = Native.sqlite3_column_int(registrations, 1);
                    }
                    registration = registrationCode == code ? registrationYear : UnknownRegistration;
                    if ((key & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                }
                var year = Native.sqlite3_column_int(panel, 1);
                string? rowZone = null;
                if (year >= outFrom)
                {
                    // Zone codes are few: one string per distinct code, found without allocating.
                    var zoneBytes = Native.Bytes(panel, 2);
                    if (zoneBytes.Length > 64)
                    {
                        rowZone = Encoding.UTF8.GetString(zoneBytes);
                    }
                    else if (chars[..Encoding.UTF8.GetChars(zoneBytes, chars)] is var zoneChars && !zoneLookup.TryGetValue(zoneChars, out rowZone))
                    {
                        rowZone = zoneChars.ToString();
                        zones[rowZone] = rowZone;
                    }
                }
                buffer.Add(key, year, registration, Value(panel, 3), Value(panel, 4), Value(panel, 5), Value(panel, 6), Value(panel, 7),
                    Native.sqlite3_column_int(panel, 8) != 0, code, rowZone);
            }
            if (rc != raw.SQLITE_DONE) throw new InvalidOperationException($"reading the panel failed: {raw.sqlite3_errmsg(db).utf8_to_string()}");
        }

        private static double Value(IntPtr statement, int column)
        {
            var value = Native.sqlite3_column_double(statement, column);
            return double.IsPositiveInfinity(value) ? double.NaN : value;
        }

        /// <summary>The names of the given enterprises: one prepared primary-key lookup per code, bound by position.</summary>
        public static Dictionary<string, string> Names(sqlite3 db, IReadOnlyList<string> codes)
        {
            var names = new Dictionary<string, string>(codes.Count, StringComparer.Ordinal);
            using var statement = Prepare(db, "SELECT name FROM enterprises WHERE credit_code = ?1");
            foreach (var code in codes)
            {
                raw.sqlite3_bind_text(statement, 1, code);
                if (raw.sqlite3_step(statement) == raw.SQLITE_ROW) names[code] = raw.sqlite3_column_text(statement, 0).utf8_to_string();
                raw.sqlite3_reset(statement);
            }
            return names;
        }

        /// <summary>
        /// SQLite's column accessors called straight on the statement handle, for the panel loop: through SQLitePCL.raw every
        /// call goes through an interface and a SafeHandle reference count, which over ~10 calls a row cost more than SQLite's
        /// own work. Same library (e_sqlite3) as the provider. The accessors are short and never call back, so they run
        /// without the GC transition; <c>sqlite3_step</c> (which reads pages) keeps it.
        /// </summary>
        private static class Native
        {
            private const string Library = "e_sqlite3";

            [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
            public static extern int sqlite3_step(IntPtr statement);

            [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
            public static extern int sqlite3_column_int(IntPtr statement, int column);

            [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
            public static extern double sqlite3_column_double(IntPtr statement, int column);

            [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
            private static extern IntPtr sqlite3_column_text(IntPtr statement, int column);

            [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
            private static extern int sqlite3_column_bytes(IntPtr statement, int column);

            /// <summary>A text column's UTF-8 bytes, valid until the next step (text first, then its length, as SQLite requires).</summary>
            public static ReadOnlySpan<byte> Bytes(IntPtr statement, int column)
            {
                var text = sqlite3_column_text(statement, column);
                if (text == IntPtr.Zero) return default;
                // A span over SQLite's buffer (native memory, which the GC ignores) without an unsafe block.
                ref var first = ref Unsafe.AddByteOffset(ref Unsafe.NullRef<byte>(), (nuint)text);
                return MemoryMarshal.CreateReadOnlySpan(ref first, sqlite3_column_bytes(statement, column));
            }
        }

        private static sqlite3_stmt Prepare(sqlite3 db, string sql)
        {
            if (raw.sqlite3_prepare_v2(db, sql, out var statement) != raw.SQLITE_OK)
                throw new InvalidOperationException($"preparing the panel query failed: {raw.sqlite3_errmsg(db).utf8_to_string()}");
            return statement;
        }
    }

    private static double Number(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? double.NaN : reader.GetDouble(ordinal);

    /// <summary>A PostgreSQL panel statement: the years read from <paramref name="from"/> (none: no year range) to <paramref name="toYear"/>, the zone's enterprises only when <paramref name="zone"/> is given.</summary>
    private static DbCommand PanelCommand(DbConnection connection, DbTransaction? transaction, string sql, int? from, int toYear, string? zone)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (from is { } first)
        {
            Add(command, "@from", first);
            Add(command, "@to", toYear);
        }
        if (zone is not null)
        {
            Add(command, "@out", toYear);
            Add(command, "@zone", zone);
        }
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Names of the given enterprises from the registry, a few hundred codes per query.</summary>
    private static async Task<Dictionary<string, string>> NamesAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<string> codes,
        CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var start = 0; start < codes.Count; start += 500)
        {
            var batch = codes.Skip(start).Take(500).ToList();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT credit_code, name FROM enterprises WHERE credit_code IN ("
                + string.Join(",", batch.Select((_, i) => "@c" + i.ToString(CultureInfo.InvariantCulture))) + ")";
            for (var i = 0; i < batch.Count; i++) Add(command, "@c" + i.ToString(CultureInfo.InvariantCulture), batch[i]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) names[reader.GetString(0)] = reader.GetString(1);
        }
        return names;
    }

    /// <summary>
    /// Columnar buffers of one chunk of the panel; a chunk is classified when full (by each classifier, into its own
    /// outcomes), keeping the last enterprise's rows for the next.
    /// </summary>
    private sealed class PanelBuffer(IReadOnlyList<(GazelleClassifier Classifier, Sink Sink)> judges, int fromYear, int toYear)
    {
        private readonly int[] _enterprise = new int[ChunkRows];
        private readonly int[] _year = new int[ChunkRows];
        private readonly int[] _registration = new int[ChunkRows];
        private readonly double[] _revenue = new double[ChunkRows];
        private readonly double[] _employees = new double[ChunkRows];
        private readonly double[] _st = new double[ChunkRows];
        private readonly double[] _vc = new double[ChunkRows];
        private readonly double[] _valuation = new double[ChunkRows];
        private readonly bool[] _listed = new bool[ChunkRows];
        private readonly string[] _code = new string[ChunkRows];
        private readonly string?[] _zone = new string?[ChunkRows];
        private readonly GazelleOutcome[][] _outcomes = judges.Select(_ => new GazelleOutcome[ChunkRows]).ToArray();
        private int _count;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(int enterprise, int year, int registration, double revenue, double employees, double st, double vc, double valuation,
            bool listed, string code, string? zone)
        {
            if (_count == ChunkRows) Spill();
            var i = _count++;
            _enterprise[i] = enterprise;
            _year[i] = year;
            _registration[i] = registration;
            _revenue[i] = revenue;
            _employees[i] = employees;
            _st[i] = st;
            _vc[i] = vc;
            _valuation[i] = valuation;
            _listed[i] = listed;
            _code[i] = code;
            _zone[i] = zone;
        }

        public void Flush()
        {
            Classify(_count);
            _count = 0;
        }

        private void Spill()
        {
            // Classify every complete enterprise; the last one may go on in the next rows, so its rows move to the front.
            var last = _count - 1;
            var start = last;
            while (start > 0 && _enterprise[start - 1] == _enterprise[last]) start--;
            if (start == 0) throw new InvalidOperationException("an enterprise has more rows than a chunk holds");
            Classify(start);
            var carried = _count - start;
            Array.Copy(_enterprise, start, _enterprise, 0, carried);
            Array.Copy(_year, start, _year, 0, carried);
            Array.Copy(_registration, start, _registration, 0, carried);
            Array.Copy(_revenue, start, _revenue, 0, carried);
            Array.Copy(_employees, start, _employees, 0, carried);
            Array.Copy(_st, start, _st, 0, carried);
            Array.Copy(_vc, start, _vc, 0, carried);
            Array.Copy(_valuation, start, _valuation, 0, carried);
            Array.Copy(_listed, start, _listed, 0, carried);
            Array.Copy(_code, start, _code, 0, carried);
            Array.Copy(_zone, start, _zone, 0, carried);
            _count = carried;
        }

        /// <summary>Time spent classifying and in the sink (measured only under <c>GAOXIN_TIMINGS</c>).</summary>
        public TimeSpan Classifying => System.Diagnostics.Stopwatch.GetElapsedTime(0, _classifyTicks);

        private long _classifyTicks;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Classify(int n)
        {
            if (n == 0) return;
            var started = StartupTimings.Enabled ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
            ClassifyRows(n);
            if (started != 0) _classifyTicks += System.Diagnostics.Stopwatch.GetTimestamp() - started;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void ClassifyRows(int n)
        {
            var panel = new GazellePanel(_enterprise.AsSpan(0, n), _year.AsSpan(0, n), _registration.AsSpan(0, n), _revenue.AsSpan(0, n),
                _employees.AsSpan(0, n), _st.AsSpan(0, n), _vc.AsSpan(0, n), _valuation.AsSpan(0, n), _listed.AsSpan(0, n));
            for (var j = 0; j < judges.Count; j++)
            {
                var (classifier, sink) = judges[j];
                var outcomes = _outcomes[j];
                classifier.Classify(panel, outcomes.AsSpan(0, n));
                for (var i = 0; i < n; i++)
                {
                    if (_year[i] >= fromYear && _year[i] <= toYear) sink.Row(_code[i], _year[i], _zone[i]!, outcomes[i]);
                }
            }
        }
    }
}
