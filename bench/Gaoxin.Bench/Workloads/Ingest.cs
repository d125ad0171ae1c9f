using Gaoxin.Bench.Support;

namespace Gaoxin.Bench.Workloads;

/// <summary>
/// W1: ingest a year of enterprise returns (validate, store) — <c>gaoxin enterprises import FILE --db PATH</c> — against the
/// peer writing the same rows into the same tables of the same prepared store (<c>Gaoxin.Bench peer w1</c>: prepared INSERTs
/// bound by position in one transaction, WAL, synchronous=FULL; binary COPY on PostgreSQL when GAOXIN_BENCH_POSTGRES holds a
/// connection string). W2: the import alone, which leaves the zone-year aggregates, against DuckDB reading every column,
/// storing the table and computing the same figures (<c>peer w2</c>). Both sides are whole processes, cold start included,
/// median of <see cref="Timed.Runs"/>, each run on a fresh copy of the prepared store; the outputs are compared.
/// </summary>
public static class Ingest
{
    /// <summary>
    /// A migrated store with the generated zones and the further elements f01…f82 registered, and nothing imported: the
    /// template each timed run of W1 and W2 (platform and peer) starts from as a fresh file copy.
    /// </summary>
    public static string Template(Dataset data, string name)
    {
        var template = Datasets.Scratch(name);
        Datasets.PrepareStore(template, data.Zones);
        // Fold the WAL into the main file, so that the copy is one file as the store would be at rest.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={template};Pooling=False"))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }
        return template;
    }

    public static void RunW1(Size size, Report report)
    {
        var data = Datasets.Year(size);
        var label = $"W1 ingest a year of returns, {data.Rows:N0} rows × 100 fields (SQLite)";
        var template = Template(data, "w1-template.db");
        var database = Datasets.Scratch("w1-platform.db");
        var (platform, status, _) = Timed.Measure("platform", data.Rows, "rows/s", "gaoxin enterprises import",
            () => Child.Gaoxin("enterprises", "import", data.Enterprises, "--db", database), () => Timed.CopyStore(template, database));

        var peerDatabase = Datasets.Scratch("w1-peer.db");
        var (peer, peerStatus, _) = Timed.Measure("peer", data.Rows, "rows/s",
            "same tables and store, prepared INSERT bound by position, one transaction, WAL, synchronous=FULL",
            () => Child.Peer("w1", data.Enterprises, peerDatabase), () => Timed.CopyStore(template, peerDatabase));
        report.Add(Compared(label, size, platform, peer, "≥ 0.8× raw", 0.8, status ?? peerStatus,
            () => Outputs.Compare(Outputs.Digest(database), Outputs.Digest(peerDatabase))));

        if (PostgresStores.FromEnvironment() is { } postgres) RunW1Postgres(size, data, postgres, report);
    }

    /// <summary>
    /// A row whose outputs were compared when both sides ran: met only when equal and at the bar. The comparison is untimed.
    /// </summary>
    public static Row Compared(string label, Size size, Figure? platform, Figure? peer, string bar, double required, string? status,
        Func<List<string>> compare, string? note = null)
    {
        List<string>? differences = null;
        if (status is null && platform is not null && peer is not null) differences = compare();
        return Row.Of(label, size.Name, platform, peer, bar, required, note, platformStatus: status,
            outputsEqual: differences is null ? null : differences.Count == 0, timing: Row.ProcessTiming(Timed.Runs),
            differences: differences is { Count: > 0 } ? differences : null);
    }

    private static void RunW1Postgres(Size size, Dataset data, PostgresStores postgres, Report report)
    {
        var label = $"W1 ingest a year of returns, {data.Rows:N0} rows × 100 fields (PostgreSQL)";
        var template = PostgresStores.Scratch("template");
        var platformDb = PostgresStores.Scratch("platform");
        var peerDb = PostgresStores.Scratch("peer");
        try
        {
            postgres.Template(template, data);
            var (platform, status, _) = Timed.Measure("platform", data.Rows, "rows/s", "gaoxin enterprises import",
                () => Child.Gaoxin("enterprises", "import", data.Enterprises, "--db", postgres.On(platformDb)), () => postgres.Fresh(platformDb, template));
            var (peer, peerStatus, _) = Timed.Measure("peer", data.Rows, "rows/s", "same tables of a prepared database, binary COPY, one transaction",
                () => Child.Peer("w1-postgres", data.Enterprises, postgres.On(peerDb)), () => postgres.Fresh(peerDb, template));
            report.Add(Compared(label, size, platform, peer, "≥ 0.8× COPY", 0.8, status ?? peerStatus,
                () => Outputs.Compare(Outputs.Digest(postgres.On(platformDb)), Outputs.Digest(postgres.On(peerDb)))));
        }
        finally
        {
            postgres.Drop(platformDb, peerDb, template);
        }
    }

    public static void RunW2(Size size, Report report)
    {
        var data = Datasets.Year(size);
        var year = data.Options.LastYear;
        var label = $"W2 ingest with the zone-year aggregates ready, {data.Rows:N0} rows";
        var template = Template(data, "w2-template.db");
        var database = Datasets.Scratch("w2-platform.db");
        var (platform, status, _) = Timed.Measure("platform", data.Rows, "rows/s", "gaoxin enterprises import (recomputes the aggregates itself)",
            () => Child.Gaoxin("enterprises", "import", data.Enterprises, "--db", database), () => Timed.CopyStore(template, database));

        var duck = Path.Combine(Paths.Data, "db", "w2-peer.duckdb");
        var (peer, peerStatus, last) = Timed.Measure("peer", data.Rows, "rows/s",
            "DuckDB read_csv of every column → CREATE TABLE in a database file → GROUP BY zone, year (sums, counts, gazelle counts)",
            () => Child.Peer("w2", data.Enterprises, duck), () => { foreach (var f in new[] { duck, duck + ".wal" }) if (File.Exists(f)) File.Delete(f); });
        report.Add(Compared(label, size, platform, peer, "≥ 0.5× DuckDB", 0.5, status ?? peerStatus, () =>
        {
            var figures = Outputs.PlatformFigures(database, year);
            if (figures.Count == 0) return [$"the import left no enterprise_aggregates for {year}"];
            return Outputs.Compare(figures, Outputs.PeerFigures(last!.Output));
        }));

        // The same import into a PostgreSQL store, against the same DuckDB peer's runs (its work does not depend on the
        // platform's store).
        if (PostgresStores.FromEnvironment() is not { } postgres) return;
        var pgTemplate = PostgresStores.Scratch("w2_template");
        var pgDb = PostgresStores.Scratch("w2_platform");
        try
        {
            postgres.Template(pgTemplate, data);
            var (onPostgres, pgStatus, _) = Timed.Measure("platform", data.Rows, "rows/s", "gaoxin enterprises import into PostgreSQL (recomputes the aggregates itself)",
                () => Child.Gaoxin("enterprises", "import", data.Enterprises, "--db", postgres.On(pgDb)), () => postgres.Fresh(pgDb, pgTemplate));
            report.Add(Compared(label.Replace("rows", "rows (PostgreSQL)", StringComparison.Ordinal), size, onPostgres, peer, "≥ 0.5× DuckDB", 0.5,
                pgStatus ?? peerStatus, () =>
                {
                    var figures = Outputs.PlatformFigures(postgres.On(pgDb), year);
                    if (figures.Count == 0) return [$"the import left no enterprise_aggregates for {year}"];
                    return Outputs.Compare(figures, Outputs.PeerFigures(last!.Output));
                }));
        }
        finally
        {
            postgres.Drop(pgDb, pgTemplate);
        }
    }

    /// <summary>Null when the child succeeded; "not landed" when the verb does not exist yet; else the failure.</summary>
    public static string? StatusOf(ChildResult result)
    {
        if (result.ExitCode == 0) return null;
        if (result.NotLanded) return "not landed";
        Console.WriteLine($"  platform failed: {result.Describe()}");
        return $"failed ({result.Describe()})";
    }
}
