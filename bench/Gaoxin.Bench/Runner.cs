using System.Diagnostics;
using Gaoxin.Bench.Support;
using Gaoxin.Bench.Workloads;

namespace Gaoxin.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Gaoxin.Bench -- all|w1…w8|growth|micro [--size small|national|stress] [--record]</c>.
/// Prints the markdown table and writes artifacts/bench/results/latest.json, or with <c>--record</c> (and for a whole run
/// at national or stress size, which is the run the page reports) the tracked
/// bench/results/latest.json (docs/performance.md).
/// </summary>
public static class Runner
{
    private const string Usage = """
        usage: Gaoxin.Bench all|w1|w2|w3|w4|w5|w6|w7|w8|growth|startup [--size small|national|stress] [--record]
               --record: write the results to the tracked bench/results/latest.json (else artifacts/bench/results/);
                         `all` at national or stress size always does
               Gaoxin.Bench micro [BenchmarkDotNet options, e.g. --filter *Engine*]
               Gaoxin.Bench soak [--seconds 600] [--rate 40] [--record]: public pages and API at a steady rate (docs/performance.md)
        """;

    public static async Task<int> MainAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        var verb = args[0].ToLowerInvariant();
        if (verb == "soak") return await Soak.RunAsync(args[1..]);
        // Hidden: the peers of W1, W2, W3 and W5, run by the bench as child processes (Support/Child.cs, Workloads/PeerProcess.cs).
        if (verb == "peer") return PeerProcess.Run(args[1..]);
        if (verb == "micro")
        {
            Micro.CoreBenchmarks.Run(args[1..]);
            return 0;
        }
        var size = Size.Small;
        var record = false;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--size" && i + 1 < args.Length) size = Size.Parse(args[++i]);
            else if (args[i] == "--record") record = true;
            else
            {
                Console.Error.WriteLine($"unknown argument '{args[i]}'\n{Usage}");
                return 2;
            }
        }
        string[] workloads = verb switch
        {
            "all" => size.Name == "small" ? ["w4", "w1", "w2", "w3", "w5", "w6", "w7", "w8", "startup"] : ["w4", "w1", "w2", "w3", "w5", "w6", "w7", "w8", "growth", "startup"],
            "w1" or "w2" or "w3" or "w4" or "w5" or "w6" or "w7" or "w8" or "growth" or "startup" => [verb],
            _ => [],
        };
        if (workloads.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        Console.WriteLine($"Gaoxin benchmarks: {string.Join(", ", workloads)} at size {size.Name} on {Environment.ProcessorCount} cores (synthetic data).");
        var report = new Report();
        var clock = Stopwatch.StartNew();
        foreach (var w in workloads)
        {
            var step = Stopwatch.StartNew();
            Console.WriteLine($"== {w}");
            switch (w)
            {
                case "w1": Ingest.RunW1(size, report); break;
                case "w2": Ingest.RunW2(size, report); break;
                case "w3": Aggregates.Run(size, report); break;
                case "w4": Evaluation.Run(size, report); break;
                case "w5": Gazelles.Run(size, report); break;
                case "w6": await Http.RunAsync(size, report); break;
                case "w7": Search.Run(size, report); break;
                case "w8": Market.Run(size, report); break;
                case "growth": Growth.Run(size, report); break;
                case "startup": Startup.Run(size, report); break;
            }
            Console.WriteLine($"   ({step.Elapsed.TotalSeconds:0.0} s)");
        }
        clock.Stop();
        Console.WriteLine();
        Console.WriteLine($"## Results ({size.Name}, {clock.Elapsed.TotalSeconds:0} s, {Environment.ProcessorCount} cores; ratio = platform ÷ peer throughput)");
        Console.WriteLine();
        Console.WriteLine(report.Markdown());
        // A whole national (or stress) run is the run docs/performance.md reports: it replaces the tracked results. Single
        // workloads and the small smoke (run by the test script) write beside the generated data, leaving the clone clean.
        var folder = record || (verb == "all" && size.Name != "small") ? Paths.RecordedResults : Paths.Results;
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, "latest.json");
        report.WriteJson(json, $"{string.Join(' ', args)}", clock.Elapsed);
        Console.WriteLine($"Wrote {json}.");
        if (report.Differing is { Count: > 0 } differing)
        {
            // The comparison is only worth its ratio when both sides did the same work: a difference fails the bench.
            Console.Error.WriteLine($"{differing.Count} row(s) whose platform and peer outputs differ:");
            foreach (var row in differing)
            {
                Console.Error.WriteLine($"  {row.Workload}");
                foreach (var d in row.Differences ?? []) Console.Error.WriteLine($"    {d}");
            }
            return 1;
        }
        return 0;
    }
}
