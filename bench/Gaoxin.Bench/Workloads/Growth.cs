using System.Diagnostics;
using Gaoxin.Bench.Support;
using Gaoxin.Core.Demo;
using Gaoxin.Core.Evaluation;

namespace Gaoxin.Bench.Workloads;

/// <summary>
/// The growth curve: W1, W3 and W4 at three sizes (national: 20k / 200k / ~2M rows; 20 / 180 / 1,000 zones), with
/// the cost per unit and the exponent b of time ∝ n^b between the two largest sizes (1 = linear). Every point is the
/// median of <see cref="Timed.Runs"/> runs: W1 and W3 on both sides as whole processes (as the workloads time them), W4
/// in-process after a warm-up run.
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
            var template = Ingest.Template(data, $"growth-template-{i}.db");
            var peerDatabase = Datasets.Scratch($"growth-w1-peer-{i}.db");
            var (peer, peerStatus, _) = Timed.Measure("peer", data.Rows, "rows/s", "", () => Child.Peer("w1", data.Enterprises, peerDatabase),
                () => Timed.CopyStore(template, peerDatabase));
            if (peer is not null) ingest.Add((data.Rows, peer.Spread!.MedianSeconds));
            else report.Note($"Growth W1 peer: {peerStatus}.");
            if (platformStatus is not null) continue;
            var database = Datasets.Scratch($"growth-w1-platform-{i}.db");
            var (platform, status, _) = Timed.Measure("platform", data.Rows, "rows/s", "",
                () => Child.Gaoxin("enterprises", "import", data.Enterprises, "--db", database), () => Timed.CopyStore(template, database));
            platformStatus = status;
            if (platform is null) continue;
            ingestPlatform.Add((data.Rows, platform.Spread!.MedianSeconds));
            stores.Add((data.Rows, database));
        }
        report.Note(Curve("W1 peer (peer w1: prepared INSERTs into the platform's tables, process)", "rows", ingest));
        report.Note(platformStatus is null
            ? Curve("W1 platform (gaoxin enterprises import, process)", "rows", ingestPlatform)
            : $"Growth W1 platform: {platformStatus}.");

        var group = new List<(long N, double Seconds)>();
        foreach (var data in files)
        {
            Peers.PanelTable(data.Enterprises).Dispose();
            var (peer, status, _) = Timed.Measure("peer", data.Rows, "rows/s", "", () => Child.Peer("w3", Path.Combine(data.Folder, "panel.duckdb")));
            if (peer is not null) group.Add((data.Rows, peer.Spread!.MedianSeconds));
            else report.Note($"Growth W3 peer: {status}.");
        }
        report.Note(Curve("W3 peer (DuckDB GROUP BY and gazelle rules over its stored table, process)", "rows", group));

        var aggregate = new List<(long N, double Seconds)>();
        string? aggregateStatus = platformStatus;
        foreach (var (n, database) in platformStatus is null ? stores : [])
        {
            var (platform, status, _) = Timed.Measure("platform", n, "rows/s", "", () => Child.Gaoxin("enterprises", "aggregate", "--db", database));
            aggregateStatus = status;
            if (platform is null) break;
            aggregate.Add((n, platform.Spread!.MedianSeconds));
        }
        report.Note(aggregateStatus is null ? Curve("W3 platform (gaoxin enterprises aggregate, process)", "rows", aggregate) : $"Growth W3 platform: {aggregateStatus}.");

        var evaluation = new List<(long N, double Seconds)>();
        var model = Evaluation.LoadModel(Evaluation.National);
        foreach (var zones in small ? new[] { 20, 60, 180 } : [20, 180, 1_000])
        {
            var input = Evaluation.Input(zones);
            EvaluationEngine.Evaluate(model, input, new SensitivityOptions(10, 1));
            var times = new List<double>();
            for (var k = 0; k < Timed.Runs; k++)
            {
                var clock = Stopwatch.StartNew();
                EvaluationEngine.Evaluate(model, input, new SensitivityOptions(size.Replications, 1));
                times.Add(clock.Elapsed.TotalSeconds);
            }
            evaluation.Add((zones, Spread.Of(times).MedianSeconds));
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
        return $"Growth {what}, median of {Timed.Runs} a point: " + string.Join(", ", points.Select(p => $"{p.N:N0} {unit} {p.Seconds * 1000:0} ms ({p.Seconds / p.N * 1e6:0.00} µs/{unit.TrimEnd('s')})")) +
               $"; time ∝ n^{b:0.00} between the two largest — {verdict}.";
    }
}
