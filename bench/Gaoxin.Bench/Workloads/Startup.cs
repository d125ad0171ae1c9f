using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Gaoxin.Bench.Support;

namespace Gaoxin.Bench.Workloads;

/// <summary>
/// Start-up, as a user meets it: whole <c>gaoxin</c> processes of the build the README runs (the launcher's ReadyToRun
/// publish, <see cref="Paths.Gaoxin"/>), on a SQLite store that is already created and migrated. <c>zones list</c> is timed
/// from process start to exit; <c>serve</c> from process start to the first successful <c>/healthz</c>. Each is run once
/// unmeasured (the files in the page cache, as on any machine that ran it before), then five times; the row gives the
/// median with the spread. The bars are absolute (docs/performance.md "Start-up"): 0.5 s and 1.5 s.
/// </summary>
public static class Startup
{
    private const int Runs = 5;
    public const double ListBar = 0.5;
    public const double ServeBar = 1.5;

    public static void Run(Size size, Report report)
    {
        var database = Datasets.Scratch("startup.db");
        // The first start creates, migrates and loads the bundled plans: that is the one-time preparation, not start-up.
        var prepared = Child.Gaoxin("zones", "list", "--db", database);
        if (prepared.ExitCode != 0) throw new InvalidOperationException($"startup: preparing the store failed: {prepared.Describe()}");
        var zones = prepared.Output;

        var list = new List<double>();
        for (var i = 0; i <= Runs; i++)
        {
            var run = Child.Gaoxin("zones", "list", "--db", database);
            if (run.ExitCode != 0) throw new InvalidOperationException($"startup: zones list failed: {run.Describe()}");
            // Every run lists the same registry the first one did.
            if (run.Output != zones) throw new InvalidOperationException("startup: zones list printed something else than on the first start");
            if (i > 0) list.Add(run.Elapsed.TotalSeconds);
        }
        report.Add(Absolute("startup: zones list (migrated SQLite)", size, list, ListBar, "process start to exit"));

        var serve = new List<double>();
        for (var i = 0; i <= Runs; i++)
        {
            var seconds = ServeUntilHealthy(database);
            if (i > 0) serve.Add(seconds);
        }
        report.Add(Absolute("startup: serve until /healthz answers", size, serve, ServeBar, "process start to the first 200 of /healthz"));
        // Absolute bars on a shared machine: the load says how much of the wall time was the other tenants'.
        if (File.Exists("/proc/loadavg"))
            report.Note($"startup: load average {string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))} on {Environment.ProcessorCount} cores when measured.");
    }

    /// <summary>A row whose bar is a time: met when the median is within it.</summary>
    private static Row Absolute(string workload, Size size, List<double> seconds, double bar, string what)
    {
        seconds.Sort();
        var median = seconds[seconds.Count / 2];
        var context = string.Create(CultureInfo.InvariantCulture,
            $"median {median:0.000} s, {seconds[0]:0.000}–{seconds[^1]:0.000} s over {seconds.Count} runs, {what}");
        var figure = new Figure(1 / median, "starts/s", context);
        return new Row(workload, size.Name, figure, null, $"≤ {bar.ToString("0.0", CultureInfo.InvariantCulture)} s median", bar,
            median <= bar ? "met" : "not met");
    }

    /// <summary>Seconds from starting <c>gaoxin serve</c> to its first successful <c>/healthz</c>; the server is then stopped.</summary>
    private static double ServeUntilHealthy(string database)
    {
        var port = FreePort();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        var info = new ProcessStartInfo(Paths.Gaoxin)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Paths.Data,
        };
        foreach (var a in new[] { "serve", "--db", database, "--urls", $"http://127.0.0.1:{port}" }) info.ArgumentList.Add(a);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_gcServer"] = "0";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                if (process.HasExited) throw new InvalidOperationException($"startup: gaoxin serve exited with {process.ExitCode}");
                try
                {
                    using var response = client.GetAsync("/healthz").GetAwaiter().GetResult();
                    if (response.StatusCode == HttpStatusCode.OK) return clock.Elapsed.TotalSeconds;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                Thread.Sleep(10);
            }
            throw new TimeoutException("startup: gaoxin serve did not answer /healthz within 60 s");
        }
        finally
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit(5000);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
