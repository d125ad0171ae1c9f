using System.Diagnostics;
using Gaoxin.Bench.Support;
using Gaoxin.Core.Demo;
using Gaoxin.Core.Evaluation;

namespace Gaoxin.Bench.Workloads;

/// <summary>
/// The growth curve: W1, W3 and W4 at three sizes (national: 20k / 200k / ~2M rows; 20 / 180 / 1,000 zones), with
/// the cost per unit and the exponent b of time ∝ n^b between the two largest sizes (1 = linear).
/// </summary>
public static class Growth
{
    public static void Run(Size size, Report report)
    {
        var small = size.Name == "small";
        // The two larger ingest files are the year file and the panel of this size; the smallest is a tenth of the year.
        var tenth = Datasets.Get($"{size.Name}-tenth", new NationalOptions(Math.Max(500, size.Enterprises / 10), 1, size.Zones, Size.Seed, 0, Size.LastYear));
        Dataset[] files = [tenth, Datasets.Year(size), Datasets.Panel(size)];

        var ingest = new List<(long N, double Seconds)>();
        var ingestPlatform = new List<(long N, double Seconds)>();
        var stores = new List<(long N, string Database)>();
        string? platformStatus = null;
        for (var i = 0; i < files.Length; i++)
        {
            var data = files[i];
            var clock = Stopwatch.StartNew();
            Peers.SqliteInsert(data.Enterprises, Datasets.Scratch("growth-w1.db"));
            ingest.Add((data.Rows, clock.Elapsed.TotalSeconds));
            if (platformStatus is not null) continue;
            // A store this run already filled from the same file (W1's year, W3's panel) is reused with its import time:
            // importing 1.5 M rows again would not fit the 15-minute budget.
            if (i == files.Length - 1 && !Ingest.Stores.ContainsKey(data.Folder)) platformStatus = Aggregates.PlatformPanel(data).Status;
            if (platformStatus is null && Ingest.Stores.TryGetValue(data.Folder, out var store))
            {
                ingestPlatform.Add((data.Rows, store.Seconds));
                stores.Add((data.Rows, store.Database));
                continue;
            }
            if (platformStatus is not null) continue;
            var database = Datasets.PrepareStore(Datasets.Scratch($"growth-w1-platform-{i}.db"), data.Zones);
            var result = Child.Gaoxin("enterprises", "import", data.Enterprises, "--db", database);
            platformStatus = Ingest.StatusOf(result);
            if (platformStatus is not null) continue;
            ingestPlatform.Add((data.Rows, result.Elapsed.TotalSeconds));
            stores.Add((data.Rows, database));
        }
        report.Note(Curve("W1 peer (SQLite prepared INSERT)", "rows", ingest));
        report.Note(platformStatus is null
            ? Curve("W1 platform (gaoxin enterprises import, process)", "rows", ingestPlatform) + " The largest point is the import that built W3's store (see platform.db.ok beside the panel), possibly in an earlier run."
            : $"Growth W1 platform: {platformStatus}.");

        var group = new List<(long N, double Seconds)>();
        foreach (var data in files)
        {
            using var duck = Peers.OpenDuckDb();
            Peers.Execute(duck, $"CREATE TABLE returns AS SELECT * FROM {Peers.ReadCsv(data.Enterprises)}");
            Peers.Query(duck, $"SELECT {Peers.AggregateSelect} FROM returns GROUP BY zone, year");
            var clock = Stopwatch.StartNew();
            for (var k = 0; k < 3; k++) Peers.Query(duck, $"SELECT {Peers.AggregateSelect} FROM returns GROUP BY zone, year");
            group.Add((data.Rows, clock.Elapsed.TotalSeconds / 3));
        }
        report.Note(Curve("W3 peer (DuckDB GROUP BY)", "rows", group));

        var aggregate = new List<(long N, double Seconds)>();
        string? aggregateStatus = platformStatus;
        foreach (var (n, database) in platformStatus is null ? stores : [])
        {
            var result = Child.Gaoxin("enterprises", "aggregate", "--db", database);
            aggregateStatus = Ingest.StatusOf(result);
            if (aggregateStatus is not null) break;
            aggregate.Add((n, result.Elapsed.TotalSeconds));
        }
        report.Note(aggregateStatus is null ? Curve("W3 platform (gaoxin enterprises aggregate, process)", "rows", aggregate) : $"Growth W3 platform: {aggregateStatus}.");

        var evaluation = new List<(long N, double Seconds)>();
        var model = Evaluation.LoadModel(Evaluation.National);
        foreach (var zones in small ? new[] { 20, 60, 180 } : [20, 180, 1_000])
        {
            var input = Evaluation.Input(zones);
            EvaluationEngine.Evaluate(model, input, new SensitivityOptions(10, 1));
            var clock = Stopwatch.StartNew();
            EvaluationEngine.Evaluate(model, input, new SensitivityOptions(size.Replications, 1));
            evaluation.Add((zones, clock.Elapsed.TotalSeconds));
        }
        report.Note(Curve($"W4 platform (engine, 46 indicators, {size.Replications:N0} replications)", "zones", evaluation));
    }

    private static string Curve(string what, string unit, List<(long N, double Seconds)> points)
    {
        if (points.Count < 2) return $"Growth {what}: not enough points.";
        // The exponent between the two largest sizes, where fixed costs no longer hide the trend.
        var (n0, t0) = points[^2];
        var (n1, t1) = points[^1];
        var b = Math.Log(t1 / t0) / Math.Log((double)n1 / n0);
        var verdict = b <= 1.15 ? "linear or better" : b <= 1.4 ? "slightly super-linear" : "super-linear";
        return $"Growth {what}: " + string.Join(", ", points.Select(p => $"{p.N:N0} {unit} {p.Seconds * 1000:0} ms ({p.Seconds / p.N * 1e6:0.00} µs/{unit.TrimEnd('s')})")) +
               $"; time ∝ n^{b:0.00} between the two largest — {verdict}.";
    }
}
