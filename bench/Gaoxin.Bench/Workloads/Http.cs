using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Gaoxin.Bench.Support;

namespace Gaoxin.Bench.Workloads;

/// <summary>
/// W6: the built <c>gaoxin serve</c> on loopback (<see cref="DemoServer"/>); 64 connections drive the zone list, a zone's page and the ranking API for a fixed
/// time each, against the trivial <c>/api/ping</c> of the same server in the same run. The load generator runs in this
/// process (HttpClient, SocketsHttpHandler), so it shares the two cores with the server for every endpoint alike.
/// </summary>
public static partial class Http
{
    private const int Connections = 64;

    public static async Task RunAsync(Size size, Report report)
    {
        using var server = await DemoServer.StartAsync("w6.db", Connections);
        var client = server.Client;
        var seconds = size.HttpSeconds;
        var wrk = FindWrk();
        report.Note(wrk is null
            ? "W6 load generator: in-process HttpClient (wrk not found; `apt-get install wrk` for the lighter generator the spec names). It shares the 2 cores with the server, which caps the trivial endpoint far more than the heavy ones."
            : $"W6 load generator: {wrk} -t2 -c{Connections} -d{seconds}s --latency (client and server share the {Environment.ProcessorCount} cores).");
        Task<Load> Measure(string path) => wrk is null ? LoadAsync(client, path, seconds) : Task.FromResult(Wrk(wrk, client.BaseAddress!, path, seconds));
        var ping = await Measure("/api/ping");
        report.Note($"W6 peer /api/ping: {ping.Describe()}");
        foreach (var (name, path) in new[]
                 {
                     ("zone list /api/zones", "/api/zones"),
                     ("zone page /zones/shenyang", "/zones/shenyang"),
                     ("ranking /api/evaluations/2020", "/api/evaluations/2020"),
                 })
        {
            var result = await Measure(path);
            var p99Ok = result.P99 < 10 * ping.P99;
            report.Add(Row.Of($"W6 HTTP {name}, {Connections} connections × {seconds} s", size.Name,
                new Figure(result.PerSecond, "req/s", $"p50 {result.P50:0.0} ms, p99 {result.P99:0.0} ms, {result.Errors} errors, {result.Bytes / Math.Max(1, result.Requests):N0} B"),
                new Figure(ping.PerSecond, "req/s", $"/api/ping p50 {ping.P50:0.0} ms, p99 {ping.P99:0.0} ms"),
                "≥ 0.5× req/s; p99 < 10× ping's", 0.5, extraCondition: p99Ok && result.Errors == 0,
                note: p99Ok ? null : $"p99 {result.P99 / ping.P99:0.0}× ping's",
                timing: "the same server process and load generator for both: /api/ping once, then each endpoint, one run each"));
        }
    }

    private static string? FindWrk() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "wrk")).FirstOrDefault(File.Exists);

    /// <summary>wrk with 2 threads and 64 connections: a short warm-up, then the measured run, parsed from its report.</summary>
    private static Load Wrk(string wrk, Uri server, string path, int seconds)
    {
        var url = new Uri(server, path).ToString();
        // A slow endpoint's answers count (wrk drops replies slower than its 2 s default timeout as errors).
        Child.Run(wrk, ["-t2", $"-c{Connections}", $"-d{Math.Max(2, seconds / 5)}s", "--timeout", "10s", url]);
        var result = Child.Run(wrk, ["-t2", $"-c{Connections}", $"-d{seconds}s", "--timeout", "10s", "--latency", url]);
        if (result.ExitCode != 0) throw new InvalidOperationException($"wrk failed: {result.Describe()}");
        var text = result.Output;
        double Milliseconds(string label)
        {
            var m = Regex.Match(text, $@"^\s*{Regex.Escape(label)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            if (!m.Success) return double.NaN;
            var v = double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch { "us" => v / 1000, "s" => v * 1000, _ => v };
        }
        long Count(string pattern) => Regex.Match(text, pattern) is { Success: true } m ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var requests = Count(@"(\d+) requests in");
        var elapsed = Regex.Match(text, @"requests in ([\d.]+)(ms|s|m)") is { Success: true } e
            ? double.Parse(e.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * (e.Groups[2].Value switch { "ms" => 0.001, "m" => 60, _ => 1 })
            : seconds;
        var bytes = Regex.Match(text, @"requests in [^,]+, ([\d.]+)(B|KB|MB|GB) read") is { Success: true } b
            ? (long)(double.Parse(b.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * (b.Groups[2].Value switch { "KB" => 1024, "MB" => 1 << 20, "GB" => 1 << 30, _ => 1 }))
            : 0;
        var errors = Count(@"Non-2xx or 3xx responses: (\d+)");
        var socket = Regex.Match(text, @"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)");
        if (socket.Success) errors += Enumerable.Range(1, 4).Sum(g => long.Parse(socket.Groups[g].Value, System.Globalization.CultureInfo.InvariantCulture));
        return new Load(requests, errors, bytes, elapsed, Milliseconds("50%"), Milliseconds("99%"));
    }

    public sealed record Load(long Requests, long Errors, long Bytes, double Seconds, double P50, double P99)
    {
        public double PerSecond => Requests / Seconds;

        public string Describe() => $"{PerSecond:0} req/s, p50 {P50:0.0} ms, p99 {P99:0.0} ms, {Errors} errors";
    }

    /// <summary>64 workers, each with one request in flight, for a short warm-up and then the measured time.</summary>
    public static async Task<Load> LoadAsync(HttpClient client, string path, int seconds)
    {
        await RunWorkersAsync(client, path, TimeSpan.FromSeconds(Math.Max(2, seconds / 5.0)), null);
        var latencies = new List<double>[Connections];
        var totals = await RunWorkersAsync(client, path, TimeSpan.FromSeconds(seconds), latencies);
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
        return new Load(all.Length, totals.Errors, totals.Bytes, totals.Seconds, Percentile(0.50), Percentile(0.99));
    }

    private static async Task<(long Errors, long Bytes, double Seconds)> RunWorkersAsync(HttpClient client, string path, TimeSpan duration, List<double>[]? latencies)
    {
        long errors = 0, bytes = 0;
        var clock = Stopwatch.StartNew();
        var end = duration.TotalSeconds;
        var workers = Enumerable.Range(0, Connections).Select(w => Task.Run(async () =>
        {
            var mine = new List<double>(4096);
            if (latencies is not null) latencies[w] = mine;
            while (clock.Elapsed.TotalSeconds < end)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    Interlocked.Add(ref bytes, body.Length);
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return (errors, bytes, clock.Elapsed.TotalSeconds);
    }
}
