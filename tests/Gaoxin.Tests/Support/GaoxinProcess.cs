using System.Diagnostics;
using System.Text;
using Gaoxin.Data;

namespace Gaoxin.Tests.Support;

/// <summary>
/// The built <c>gaoxin</c> run as a child process (<c>dotnet gaoxin.dll …</c>, from the test's own output folder, which holds
/// the bundled plans and data set), so that it can be killed outright. With a pause point it stops there
/// (<see cref="CrashPoint"/>) and <see cref="PausedAsync"/> completes; disposing kills it if it still runs.
/// </summary>
public sealed class GaoxinProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource<string> _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GaoxinProcess(Process process) => _process = process;

    /// <summary>Starts <c>gaoxin ARGS</c>; with <paramref name="pauseAt"/>, it stops at that point of its writing path.</summary>
    public static GaoxinProcess Start(IEnumerable<string> args, string? pauseAt)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gaoxin.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment.Remove(CrashPoint.Variable);
        if (pauseAt is not null) info.Environment[CrashPoint.Variable] = pauseAt;
        var child = new GaoxinProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
        child.Begin();
        return child;
    }

    private void Begin()
    {
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_error) _error.AppendLine(e.Data);
            if (e.Data.StartsWith(CrashPoint.Marker, StringComparison.Ordinal)) _paused.TrySetResult(e.Data[CrashPoint.Marker.Length..]);
        };
        _process.Exited += (_, _) => _paused.TrySetException(new InvalidOperationException($"gaoxin exited ({_process.ExitCode}) before pausing: {Error}{Output}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public string Error { get { lock (_error) return _error.ToString(); } }

    public bool HasExited => _process.HasExited;

    /// <summary>Completes with the point's name once the process has stopped there; fails if it exits first or takes too long.</summary>
    public Task<string> PausedAsync(TimeSpan timeout) => _paused.Task.WaitAsync(timeout);

    /// <summary>SIGKILL to the process and its children, then waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try { await KillAsync(); }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }

    /// <summary>The <c>dotnet</c> host running the tests, else the one on the path.</summary>
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        return "dotnet";
    }
}
