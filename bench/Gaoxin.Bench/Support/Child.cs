using System.Diagnostics;
using System.Text;

namespace Gaoxin.Bench.Support;

/// <summary>The outcome of a child process: exit code, output, wall time and peak working set.</summary>
public sealed record ChildResult(int ExitCode, string Output, string Error, TimeSpan Elapsed, long? PeakBytes)
{
    /// <summary>
    /// The verb is not in this build of gaoxin: System.CommandLine rejects it with a usage error (exit 1,
    /// "Unrecognized command or argument", or a "Required command" message).
    /// </summary>
    public bool NotLanded => ExitCode != 0 &&
        (Error.Contains("Unrecognized command or argument", StringComparison.Ordinal) ||
         Error.Contains("Required command was not provided", StringComparison.Ordinal) ||
         Output.Contains("Unrecognized command or argument", StringComparison.Ordinal));

    public string Describe() => $"exit {ExitCode}: {(Error.Length > 0 ? Error : Output).Trim().Split('\n').FirstOrDefault()}";
}

/// <summary>Runs the built <c>gaoxin</c> (or any program) as a child process, timed around the process.</summary>
public static class Child
{
    public static ChildResult Gaoxin(params string[] args) => Run(Paths.Gaoxin, args);

    /// <summary>
    /// Runs a peer as a whole process, as <see cref="Gaoxin"/> runs the platform: the bench's own executable (the same build
    /// as the running bench) with the hidden verb <c>peer</c> (<see cref="Workloads.PeerProcess"/>), timed the same way.
    /// </summary>
    public static ChildResult Peer(params string[] args)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("the bench's own executable is unknown");
        // Started as `dotnet Gaoxin.Bench.dll`: run the same assembly through the same host.
        return Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? Run(self, [typeof(Child).Assembly.Location, "peer", .. args])
            : Run(self, ["peer", .. args]);
    }

    public static ChildResult Run(string program, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Paths.Data,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["DOTNET_gcServer"] = "0";
        if (environment is not null)
            foreach (var (k, v) in environment) info.Environment[k] = v;
        Directory.CreateDirectory(Paths.Data);
        var output = new StringBuilder();
        var error = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (error) error.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        long? peak = null;
        // VmHWM only grows while the process lives; the last reading before it exits is its peak.
        while (!process.WaitForExit(25))
            peak = Memory.PeakOf(process.Id) ?? peak;
        process.WaitForExit();
        clock.Stop();
        return new ChildResult(process.ExitCode, output.ToString(), error.ToString(), clock.Elapsed, peak);
    }
}
