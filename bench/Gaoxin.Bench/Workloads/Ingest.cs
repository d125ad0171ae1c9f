using System.Diagnostics;
using Gaoxin.Bench.Support;
using Npgsql;

namespace Gaoxin.Bench.Workloads;

/// <summary>
/// W1: ingest a year of enterprise returns (validate, store) — <c>gaoxin enterprises import FILE --db PATH</c>, timed
/// around the process, against one prepared SQLite INSERT per row in one transaction (and binary COPY on
/// PostgreSQL when GAOXIN_BENCH_POSTGRES holds a connection string). W2: the same ingest plus the zone-year
/// aggregates (<c>gaoxin enterprises aggregate</c>) against DuckDB <c>read_csv</c> + GROUP BY zone, year.
/// </summary>
public static class Ingest
{
    public const string PostgresVariable = "GAOXIN_BENCH_POSTGRES";

    /// <summary>
    /// Platform stores filled earlier in this run (or cached, for the panel) and how long their import took, by data
    /// folder: the growth curve reuses them instead of importing the same file again.
    /// </summary>
    public static Dictionary<string, (string Database, double Seconds)> Stores { get; } = [];

    public static void Imported(Dataset data, string database, double seconds) => Stores[data.Folder] = (database, seconds);

    public static void RunW1(Size size, Report report)
    {
        var data = Datasets.Year(size);
        var label = $"W1 ingest a year of returns, {data.Rows:N0} rows × 100 fields (SQLite)";
        var database = Datasets.Scratch("w1-platform.db");
        var (platform, status) = Platform(data.Rows, () => Child.Gaoxin("enterprises", "import", data.Enterprises, "--db", Datasets.PrepareStore(database, data.Zones)));
        if (platform is not null) Imported(data, database, data.Rows / platform.PerSecond);

        Peers.SqliteInsert(data.Enterprises, Datasets.Scratch("w1-peer.db"), limit: 2_000); // warm-up: native load, JIT
        Memory.ResetPeak();
        var clock = Stopwatch.StartNew();
        var rows = Peers.SqliteInsert(data.Enterprises, Datasets.Scratch("w1-peer.db"));
        var seconds = clock.Elapsed.TotalSeconds;
        var peer = new Figure(rows / seconds, "rows/s", $"{seconds:0.00} s, prepared INSERT bound by position, one transaction", Memory.PeakSelf());
        report.Add(Row.Of(label, size.Name, platform, peer, "≥ 0.8× raw", 0.8, platformStatus: status));

        // Context: the same through Microsoft.Data.Sqlite's SqliteCommand (parameters looked up by name per execution).
        var sample = Math.Min(rows, 20_000);
        Peers.SqliteInsert(data.Enterprises, Datasets.Scratch("w1-peer-ado.db"), adoNet: true, limit: 2_000);
        clock.Restart();
        Peers.SqliteInsert(data.Enterprises, Datasets.Scratch("w1-peer-ado.db"), adoNet: true, limit: sample);
        report.Note($"W1 context: the same INSERT through Microsoft.Data.Sqlite's SqliteCommand (named parameters) ran at {sample / clock.Elapsed.TotalSeconds:0} rows/s over {sample:N0} rows, against {rows / seconds:0} rows/s binding by position.");

        if (Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } postgres) RunW1Postgres(size, data, postgres, report);
    }

    private static void RunW1Postgres(Size size, Dataset data, string postgres, Report report)
    {
        var label = $"W1 ingest a year of returns, {data.Rows:N0} rows × 100 fields (PostgreSQL)";
        var database = $"gaoxin_bench_{Environment.ProcessId}";
        var admin = new NpgsqlConnectionStringBuilder(postgres);
        using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = $"DROP DATABASE IF EXISTS {database}; CREATE DATABASE {database}";
            create.ExecuteNonQuery();
        }
        try
        {
            var target = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
            Datasets.PrepareStore(target, data.Zones);
            var (platform, status) = Platform(data.Rows, () => Child.Gaoxin("enterprises", "import", data.Enterprises, "--db", target));
            Peers.PostgresCopy(data.Enterprises, target, "bench_enterprise_returns", limit: 2_000); // warm-up
            Memory.ResetPeak();
            var clock = Stopwatch.StartNew();
            var rows = Peers.PostgresCopy(data.Enterprises, target, "bench_enterprise_returns");
            var seconds = clock.Elapsed.TotalSeconds;
            var peer = new Figure(rows / seconds, "rows/s", $"{seconds:0.00} s, binary COPY", Memory.PeakSelf());
            report.Add(Row.Of(label, size.Name, platform, peer, "≥ 0.8× COPY", 0.8, platformStatus: status));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(admin.ConnectionString);
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS {database} WITH (FORCE)";
            drop.ExecuteNonQuery();
        }
    }

    public static void RunW2(Size size, Report report)
    {
        var data = Datasets.Year(size);
        var label = $"W2 ingest + zone-year aggregates, {data.Rows:N0} rows";
        var database = Datasets.PrepareStore(Datasets.Scratch("w2-platform.db"), data.Zones);
        var import = Child.Gaoxin("enterprises", "import", data.Enterprises, "--db", database);
        Figure? platform = null;
        string? status = StatusOf(import);
        if (status is null)
        {
            var aggregate = Child.Gaoxin("enterprises", "aggregate", "--db", database);
            status = StatusOf(aggregate);
            if (status is null)
            {
                var seconds = (import.Elapsed + aggregate.Elapsed).TotalSeconds;
                platform = new Figure(data.Rows / seconds, "rows/s",
                    $"{seconds:0.00} s = import {import.Elapsed.TotalSeconds:0.00} + aggregate {aggregate.Elapsed.TotalSeconds:0.00}, processes",
                    Math.Max(import.PeakBytes ?? 0, aggregate.PeakBytes ?? 0));
            }
        }

        using (var warm = Peers.OpenDuckDb()) Peers.Query(warm, "SELECT 42"); // warm-up: native load
        Memory.ResetPeak();
        using var duck = Peers.OpenDuckDb();
        var clock = Stopwatch.StartNew();
        var groups = Peers.Query(duck, $"SELECT {Peers.AggregateSelect} FROM {Peers.ReadCsv(data.Enterprises)} GROUP BY zone, year");
        var peerSeconds = clock.Elapsed.TotalSeconds;
        var peer = new Figure(data.Rows / peerSeconds, "rows/s", $"{peerSeconds:0.00} s, read_csv + GROUP BY → {groups} zone-years", Memory.PeakSelf());
        report.Add(Row.Of(label, size.Name, platform, peer, "≥ 0.5× DuckDB", 0.5, platformStatus: status));
    }

    /// <summary>Times a platform child process: its figure, or the status when it is not landed or failed.</summary>
    public static (Figure? Figure, string? Status) Platform(long rows, Func<ChildResult> run)
    {
        var result = run();
        if (StatusOf(result) is { } status) return (null, status);
        var seconds = result.Elapsed.TotalSeconds;
        return (new Figure(rows / seconds, "rows/s", $"{seconds:0.00} s, process", result.PeakBytes), null);
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
