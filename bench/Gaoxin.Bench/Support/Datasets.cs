using System.Diagnostics;
using System.Text;
using Gaoxin.Core.Demo;

namespace Gaoxin.Bench.Support;

/// <summary>A generated data set on disk (the files of <c>gaoxin demo generate</c>).</summary>
public sealed record Dataset(string Folder, NationalOptions Options, long Rows)
{
    public string Enterprises => Path.Combine(Folder, "enterprises.csv");
    public string Policies => Path.Combine(Folder, "policies.jsonl");
    public string ZoneValues => Path.Combine(Folder, "zone-values.csv");
}

/// <summary>
/// Generates the benchmark data once per size and seed (kept under artifacts/bench and reused while the options
/// match), with the same generator as <c>gaoxin demo generate</c>.
/// </summary>
public static class Datasets
{
    /// <summary>One year of returns (W1, W2) and the policy documents (W7).</summary>
    public static Dataset Year(Size size) => Get($"{size.Name}-year",
        new NationalOptions(size.Enterprises, 1, size.Zones, Size.Seed, size.Policies, Size.LastYear));

    /// <summary>The ten-year panel (W3, W5).</summary>
    public static Dataset Panel(Size size) => Get($"{size.Name}-panel",
        new NationalOptions(size.PanelEnterprises, size.PanelYears, size.Zones, Size.Seed, 0, Size.LastYear));

    /// <summary>Any other shape (the growth curve).</summary>
    public static Dataset Get(string name, NationalOptions options)
    {
        var folder = Path.Combine(Paths.Data, name);
        var stamp = Path.Combine(folder, "options.txt");
        if (File.Exists(stamp) && File.ReadAllText(stamp).Split('\n') is [var o, var rows, ..] && o == options.ToString())
            return new Dataset(folder, options, long.Parse(rows));
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var clock = Stopwatch.StartNew();
        Console.Write($"  generating {name}: {options.Enterprises:N0} enterprises × {options.Years} year(s), {options.Zones} zones … ");
        long count = 0;
        Write(folder, "zones.csv", w => NationalGenerator.WriteZones(w, options));
        Write(folder, "zone-values.csv", w => NationalGenerator.WriteZoneValues(w, options));
        Write(folder, "enterprises.csv", w => count = NationalGenerator.WriteEnterprises(w, options));
        Write(folder, "policies.jsonl", w => NationalGenerator.WritePolicies(w, options));
        Write(folder, "README.txt", w => w.Write(NationalGenerator.Readme(options, count)));
        File.WriteAllText(stamp, $"{options}\n{count}\n");
        Console.WriteLine($"{count:N0} rows in {clock.Elapsed.TotalSeconds:0.0} s");
        return new Dataset(folder, options, count);
    }

    private static void Write(string folder, string name, Action<TextWriter> write)
    {
        using var stream = new FileStream(Path.Combine(folder, name), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        write(writer);
    }

    /// <summary>A fresh path for a scratch database (deleted with its WAL files if present).</summary>
    public static string Scratch(string name)
    {
        var path = Path.Combine(Paths.Data, "db", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        foreach (var suffix in new[] { "", "-wal", "-shm", ".wal" })
            if (File.Exists(path + suffix)) File.Delete(path + suffix);
        return path;
    }
}
