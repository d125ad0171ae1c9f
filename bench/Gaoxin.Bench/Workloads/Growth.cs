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
        string? platformStatus = null;
        foreach (var data in files)
        {
            var clock = Stopwatch.StartNew();
            Peers.SqliteInsert(data.Enterprises, Datasets.Scratch("growth-w1.db"));
            ingest.Add((data.Rows, clock.Elapsed.TotalSeconds));
            if (platformStatus is null)
            {
                var result = Child.Gaoxin("enterprises", "import", data.Enterprises, "--db", Datasets.PrepareStore(Datasets.Scratch("growth-w1-platform.db"), data.Zones));
                platformStatus = Ingest.StatusOf(result);
                if (platformStatus is null) ingestPlatform.Add((data.Rows, result.Elapsed.TotalSeconds));
            }
        }
        report.Note(Curve("W1 peer (SQLite prepared INSERT)", "rows", ingest));
        report.Note(platformStatus is null ? Curve("W1 platform (gaoxin enterprises import)", "rows", ingestPlatform) : $"Growth W1 platform: {platformStatus}.");

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
        report.Note("Growth W3 platform: " + (platformStatus ?? "measured only when `gaoxin enterprises import` exists") + ".");

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
