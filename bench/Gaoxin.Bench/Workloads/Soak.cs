using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Gaoxin.Bench.Support;

namespace Gaoxin.Bench.Workloads;

/// <summary>
/// The soak: the built <c>gaoxin serve</c> (<see cref="DemoServer"/>, loopback only) answers the public pages and the
/// API at a steady rate for a bounded time and stops by itself. Open loop: request i is due at start + i ÷ rate whether
/// or not earlier ones have answered, and its latency is counted from when it was due, so a stalled server shows as
/// latency instead of being hidden by a client that waits. Before it, six clients request the monitoring dashboard in
/// a closed loop (the load under which that page once answered in seconds).
/// </summary>
/// <remarks>
/// Passes when no request fails, the server's resident memory stays under <see cref="MemoryBound"/>, and every path's
/// p99 is under W6's bar: 10 × the p99 of <c>/api/ping</c> served by the same server in the same run (with a floor of
/// <see cref="P99FloorMs"/>, as a sub-millisecond ping under a steady trickle would otherwise make the bar tighter than
/// W6 measures it under saturation).
/// </remarks>
public static class Soak
{
    /// <summary>The resident-memory bound of the server during the soak.</summary>
    public const long MemoryBound = 512L * 1024 * 1024;

    /// <summary>The smallest p99 bar, milliseconds.</summary>
    public const double P99FloorMs = 50;

    /// <summary>How often each path is requested before anything is timed.</summary>
    public const int WarmUpRounds = 50;

    /// <summary>
    /// The fewest requests of a path for its p99 to be judged: below it the nearest-rank p99 is the slowest single
    /// request, and one scheduler hiccup on a shared machine would decide the verdict.
    /// </summary>
    public const int SamplesForP99Verdict = 100;

    /// <summary>Every public page and anonymous API the portal of the demo store serves, in the order they are cycled.</summary>
    public static readonly string[] Paths =
    [
        "/api/ping",
        "/",
        "/zones",
        "/zones/shenyang",
        "/zones/dalian",
        "/monitoring",
        "/monitoring?year=2019",
        "/monitoring/zones/shenyang",
        "/monitoring/targets/rd_intensity",
        "/monitoring/report/2020",
        "/evaluation",
        "/evaluation/2020/bulletin",
        "/evaluation/2020/shenyang",
        "/plans/liaoning-2017-2020",
        "/registries",
        "/registries/tech_platform",
        "/api/zones",
        "/api/plans",
        "/api/plans/liaoning-2017-2020/progress?year=2020",
        "/api/evaluations/2020",
        "/api/registries/tech_platform",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        int seconds = 600, closedSeconds = 20;
        double rate = 40;
        var record = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds" when i + 1 < args.Length: seconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--rate" when i + 1 < args.Length: rate = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--record": record = true; break;
                default:
                    Console.Error.WriteLine("usage: Gaoxin.Bench soak [--seconds 600] [--rate 40] [--record]");
                    return 2;
            }
        }
        closedSeconds = Math.Min(closedSeconds, Math.Max(5, seconds / 4));

        Console.WriteLine($"Soak: {Paths.Length} paths at {rate} req/s for {seconds} s (loopback, stops by itself), after {closedSeconds} s of 6 clients on /monitoring.");
        using var server = await DemoServer.StartAsync("soak.db", 512);
        // The soak measures the steady state: each path is asked WarmUpRounds times first, past the runtime's tiered
        // re-compilation (30 calls), so a page's first optimised compile is not counted as its latency.
        for (var round = 0; round < WarmUpRounds; round++)
        {
            foreach (var path in Paths)
            {
                using var answer = await server.Client.GetAsync(path);
                if (!answer.IsSuccessStatusCode) throw new InvalidOperationException($"soak setup: {path} answered {(int)answer.StatusCode}");
            }
        }
        await Task.Delay(TimeSpan.FromSeconds(1));

        var closed = await ClosedLoopAsync(server.Client, "/monitoring", clients: 6, TimeSpan.FromSeconds(closedSeconds));
        Console.WriteLine($"6 clients on /monitoring for {closedSeconds} s: {closed.Count} requests, p50 {closed.P50:0.0} ms, p99 {closed.P99:0.0} ms, {closed.Errors} errors");

        var memory = new List<(double Second, long Bytes)>();
        var results = await OpenLoopAsync(server, rate, TimeSpan.FromSeconds(seconds), memory);

        var ping = results["/api/ping"];
        var bar = Math.Max(P99FloorMs, 10 * ping.P99);
        var peak = memory.Count == 0 ? 0 : memory.Max(m => m.Bytes);
        var half = memory.Where(m => m.Second >= seconds / 2.0).ToList();
        var table = new StringBuilder();
        table.AppendLine("| path | requests | errors | p50 ms | p99 ms | max ms | p99 within bar? |");
        table.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var path in Paths)
        {
            var r = results[path];
            var verdict = r.Count < SamplesForP99Verdict ? $"too few requests to judge (< {SamplesForP99Verdict})" : r.P99 < bar ? "yes" : "NO";
            table.AppendLine(CultureInfo.InvariantCulture, $"| `{path}` | {r.Count} | {r.Errors} | {r.P50:0.0} | {r.P99:0.0} | {r.Max:0.0} | {verdict} |");
        }
        var errors = results.Values.Sum(r => r.Errors) + closed.Errors;
        var slow = Paths.Where(p => results[p].Count >= SamplesForP99Verdict && results[p].P99 >= bar).ToList();
        var passed = errors == 0 && peak <= MemoryBound && slow.Count == 0;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{results.Values.Sum(r => r.Count)} requests in {seconds} s at {rate} req/s; {errors} errors; server resident memory peak {Memory.Mb(peak)} (bound {Memory.Mb(MemoryBound)}), " +
            $"first sample {Memory.Mb(memory.FirstOrDefault().Bytes)}, mean of the second half {Memory.Mb(half.Count == 0 ? 0 : (long)half.Average(m => m.Bytes))}, last {Memory.Mb(memory.LastOrDefault().Bytes)}; " +
            $"p99 bar {bar:0.0} ms (10 × ping's p99 {ping.P99:0.00} ms, floor {P99FloorMs} ms); {(passed ? "PASSED" : "FAILED")}");
        Console.WriteLine();
        Console.WriteLine(table.ToString());
        Console.WriteLine(summary);

        var folder = record ? Support.Paths.RecordedResults : Support.Paths.Results;
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "soak.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new
        {
            when = DateTimeOffset.UtcNow,
            cores = Environment.ProcessorCount,
            seconds,
            rate,
            passed,
            summary,
            memoryBoundBytes = MemoryBound,
            peakResidentBytes = peak,
            p99BarMs = bar,
            monitoringSixClients = new { closed.Count, closed.Errors, p50Ms = closed.P50, p99Ms = closed.P99 },
            paths = Paths.Select(p => new { path = p, results[p].Count, results[p].Errors, p50Ms = results[p].P50, p99Ms = results[p].P99, maxMs = results[p].Max }),
            residentBytesPerSecond = memory.Select(m => m.Bytes),
        }, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"Wrote {file}.");
        return passed ? 0 : 1;
    }

    public sealed record Latencies(int Count, int Errors, double P50, double P99, double Max)
    {
        public static Latencies Of(List<double> milliseconds, int errors)
        {
            var sorted = milliseconds.Order().ToArray();
            double At(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
            return new Latencies(sorted.Length, errors, At(0.50), At(0.99), sorted.Length == 0 ? double.NaN : sorted[^1]);
        }
    }

    private static async Task<Latencies> ClosedLoopAsync(HttpClient client, string path, int clients, TimeSpan duration)
    {
        var all = new List<double>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                var ok = await GetAsync(client, path);
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                lock (all)
                {
                    all.Add(ms);
                    if (!ok) errors++;
                }
            }
        })));
        return Latencies.Of(all, errors);
    }

    private static async Task<Dictionary<string, Latencies>> OpenLoopAsync(DemoServer server, double rate, TimeSpan duration, List<(double, long)> memory)
    {
        var latencies = Paths.ToDictionary(p => p, _ => new List<double>());
        var errors = Paths.ToDictionary(p => p, _ => 0);
        var pending = new List<Task>();
        var clock = Stopwatch.StartNew();
        var total = (long)(rate * duration.TotalSeconds);
        var nextSample = 0.0;
        for (long i = 0; i < total; i++)
        {
            var due = i / rate;
            if (clock.Elapsed.TotalSeconds >= nextSample)
            {
                if (Memory.ResidentOf(server.Process.Id) is { } rss) memory.Add((clock.Elapsed.TotalSeconds, rss));
                nextSample += 1;
            }
            var wait = due - clock.Elapsed.TotalSeconds;
            if (wait > 0.001) await Task.Delay(TimeSpan.FromSeconds(wait));
            var path = Paths[i % Paths.Length];
            var dueTicks = (long)(due * Stopwatch.Frequency);
            pending.Add(Task.Run(async () =>
            {
                var ok = await GetAsync(server.Client, path);
                // From when the request was due, not when it was sent (no coordinated omission).
                var ms = (clock.ElapsedTicks - dueTicks) * 1000.0 / Stopwatch.Frequency;
                lock (latencies)
                {
                    latencies[path].Add(ms);
                    if (!ok) errors[path]++;
                }
            }));
            if (pending.Count > 4096) pending.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(pending);
        return Paths.ToDictionary(p => p, p => Latencies.Of(latencies[p], errors[p]));
    }

    private static async Task<bool> GetAsync(HttpClient client, string path)
    {
        try
        {
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            await response.Content.ReadAsByteArrayAsync();
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
