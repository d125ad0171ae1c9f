namespace Gaoxin.Bench.Support;

/// <summary>Where the repository, the built <c>gaoxin</c> executable and the generated data are.</summary>
public static class Paths
{
    /// <summary>The repository root (the folder holding Gaoxin.slnx), found upwards from the bench's binaries.</summary>
    public static string Repository { get; } = FindRepository();

    /// <summary>Generated data and scratch databases (ignored by git).</summary>
    public static string Data => Path.Combine(Repository, "artifacts", "bench");

    /// <summary>Where <c>latest.json</c> goes by default: beside the generated data, ignored by git, so a run leaves the clone clean.</summary>
    public static string Results => Path.Combine(Repository, "artifacts", "bench", "results");

    /// <summary>Where <c>latest.json</c> goes with <c>--record</c>: the tracked results docs/performance.md cites.</summary>
    public static string RecordedResults => Path.Combine(Repository, "bench", "results");

    /// <summary>
    /// The build of <c>gaoxin</c> a user runs: the launcher's (tools/launcher/gaoxin), published Release and ReadyToRun into
    /// artifacts/gaoxin, which the README's start command runs too. The launcher publishes it first when it is missing or older
    /// than the sources, once per bench run.
    /// </summary>
    public static string Gaoxin => _gaoxin.Value;

    private static readonly Lazy<string> _gaoxin = new(PublishedGaoxin);

    private static string PublishedGaoxin()
    {
        var launcher = Path.Combine(Repository, "tools", "launcher", "gaoxin");
        var info = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(launcher);
        info.Environment["GAOXIN_LAUNCHER_PREPARE_ONLY"] = "1";
        using var process = System.Diagnostics.Process.Start(info)!;
        var printed = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(printed))
            throw new InvalidOperationException($"{launcher} could not publish gaoxin (exit {process.ExitCode}); run it by hand to see why.");
        return printed;
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Gaoxin.slnx"))) return dir.FullName;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Gaoxin.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Gaoxin.slnx not found above the bench binaries or the working directory.");
    }
}
