using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Gaoxin.Bench.Support;

/// <summary>
/// The built <c>gaoxin serve</c> on a free loopback port over a SQLite store holding the Liaoning demo data and a
/// published 2020 evaluation with 1,000-replication rank intervals: what W6 and the soak put load on.
/// </summary>
public sealed partial class DemoServer : IDisposable
{
    private DemoServer(Process process, HttpClient client)
    {
        Process = process;
        Client = client;
    }

    public Process Process { get; }

    /// <summary>A client of the server, with up to <c>connections</c> connections and cookies off.</summary>
    public HttpClient Client { get; }

    public static async Task<DemoServer> StartAsync(string databaseName, int connections)
    {
        var database = Datasets.Scratch(databaseName);
        Check(Child.Gaoxin("demo", "seed", "--db", database), "demo seed");
        var evaluate = Check(Child.Gaoxin("evaluate", "--year", "2020", "--sensitivity", "1000", "--db", database), "evaluate");
        var run = RunId().Match(evaluate.Output) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no run id in: " + evaluate.Output);
        Check(Child.Gaoxin("evaluate", "publish", run, "--db", database), "evaluate publish");

        var port = FreePort();
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
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false };
        var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var server = new DemoServer(process, client);
        try
        {
            await server.WaitUntilUpAsync();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        try { Process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        Process.WaitForExit(5000);
        Process.Dispose();
    }

    private static ChildResult Check(ChildResult result, string step) =>
        result.ExitCode == 0 ? result : throw new InvalidOperationException($"demo server setup: {step} failed: {result.Describe()}");

    [GeneratedRegex(@"Run (\d+) recorded")]
    private static partial Regex RunId();

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private async Task WaitUntilUpAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (Process.HasExited) throw new InvalidOperationException($"gaoxin serve exited with {Process.ExitCode}");
            try
            {
                if ((await Client.GetAsync("/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("gaoxin serve did not answer /healthz within 60 s");
    }
}
