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

    /// <summary>The Release build of <c>gaoxin</c> (build the solution first).</summary>
    public static string Gaoxin
    {
        get
        {
            var folder = Path.Combine(Repository, "src", "Gaoxin", "bin", "Release", "net10.0");
            var exe = Path.Combine(folder, OperatingSystem.IsWindows() ? "gaoxin.exe" : "gaoxin");
            if (!File.Exists(exe))
                throw new FileNotFoundException($"{exe} is missing: run `dotnet build Gaoxin.slnx -c Release` first.");
            return exe;
        }
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
