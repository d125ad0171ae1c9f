using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Gaoxin.Tests.Support;

/// <summary>
/// <c>gaoxin serve</c> as a process of its own on a free loopback port, as one of several servers of a deployment runs
/// it. Each gets its own home and working folder, as a separate machine would: nothing is shared with the other
/// instances but the database.
/// </summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly string _home;
    private readonly StringBuilder _log;

    private ServeProcess(Process process, string home, StringBuilder log, Uri address)
    {
        _process = process;
        _home = home;
        _log = log;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>What the process wrote so far (for failure messages).</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();

    public static async Task<ServeProcess> StartAsync(string db)
    {
        var home = Directory.CreateTempSubdirectory("gaoxin-instance-").FullName;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = home,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "gaoxin.dll"), "serve", "--urls", "http://127.0.0.1:0", "--db", db })
            start.ArgumentList.Add(arg);
        // A home of its own: anything the server keeps outside the database (such as ASP.NET Core's default key folder,
        // ~/.aspnet/DataProtection-Keys) is its own, as on another machine.
        start.Environment["HOME"] = home;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        // The hourly reminder run writes to the store; tests run it themselves (gaoxin reminders send) at the instants they pick.
        start.Environment["Reminders__Enabled"] = "false";

        var log = new StringBuilder();
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void Read(object? _, DataReceivedEventArgs line)
        {
            if (line.Data is null) return;
            lock (log) log.AppendLine(line.Data);
            if (Listening().Match(line.Data) is { Success: true } m) address.TrySetResult(new Uri(m.Groups[1].Value));
        }
        process.OutputDataReceived += Read;
        process.ErrorDataReceived += Read;
        process.Exited += (_, _) => address.TrySetException(new InvalidOperationException("gaoxin serve exited before listening"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new ServeProcess(process, home, log, await address.Task.WaitAsync(StartTimeout));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            await StopAsync(process, home);
            string written;
            lock (log) written = log.ToString();
            throw new InvalidOperationException($"gaoxin serve did not start: {e.Message}\n{written}", e);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(_process, _home);

    private static async Task StopAsync(Process process, string home)
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        try { Directory.Delete(home, recursive: true); } catch (IOException) { }
    }
}
