using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gaoxin.Bench.Support;

/// <summary>A measured throughput: how much per second, with its unit, and the absolute figures behind it.</summary>
/// <param name="PerSecond">Throughput (higher is better).</param>
/// <param name="Unit">e.g. rows/s, evaluations/s, req/s.</param>
/// <param name="Context">Absolute figures (time, counts, latency).</param>
/// <param name="PeakBytes">Peak working set while it ran, when measured.</param>
/// <param name="Spread">The wall times of the runs behind the figure (median, fastest, slowest), when it was run more than once.</param>
public sealed record Figure(double PerSecond, string Unit, string Context, long? PeakBytes = null, Spread? Spread = null)
{
    public string Show() => $"{Format(PerSecond)} {Unit} ({(Spread is { } s ? s.Show() + "; " : "")}{Context}{(PeakBytes is { } p ? $"; peak {Memory.Mb(p)}" : "")})";

    public static string Format(double value) => value switch
    {
        >= 1e6 => (value / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M",
        >= 1e4 => (value / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " k",
        >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };
}

/// <summary>Wall times of repeated runs, seconds: the median the figure is computed from, and the fastest and slowest.</summary>
public sealed record Spread(double MedianSeconds, double MinSeconds, double MaxSeconds, int Runs)
{
    public static Spread Of(IReadOnlyCollection<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        var n = sorted.Length;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(Math.Round(median, 6), Math.Round(sorted[0], 6), Math.Round(sorted[^1], 6), n);
    }

    public string Show() => MaxSeconds < 1
        ? string.Create(CultureInfo.InvariantCulture, $"median {MedianSeconds * 1000:0.0} ms of {Runs}, {MinSeconds * 1000:0.0}–{MaxSeconds * 1000:0.0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"median {MedianSeconds:0.00} s of {Runs}, {MinSeconds:0.00}–{MaxSeconds:0.00} s");
}

/// <summary>One line of the table.</summary>
/// <param name="OutputsEqual">Whether the platform's and the peer's outputs were compared and found equal (null: not compared).</param>
/// <param name="Timing">How both sides were timed, e.g. "process, cold start, median of 3".</param>
/// <param name="Differences">The first differences between the two outputs, when they differ.</param>
public sealed record Row(string Workload, string Size, Figure? Platform, Figure? Peer, string Bar, double? Required, string Status,
    string? Note = null, string? PlatformStatus = null, bool? OutputsEqual = null, string? Timing = null, IReadOnlyList<string>? Differences = null)
{
    /// <summary>How the process rows are timed: both sides whole processes, cold start included, median of the runs.</summary>
    public static string ProcessTiming(int runs) => $"process, cold start, median of {runs}";

    /// <summary>Met when the ratio reaches the bar and the outputs were found equal.</summary>
    public bool Met => Status == "met";

    /// <summary>Platform throughput ÷ peer throughput (1.0 = parity).</summary>
    public double? Ratio => Platform is { } p && Peer is { } q && q.PerSecond > 0 ? p.PerSecond / q.PerSecond : null;

    /// <summary>A row from the two figures: met when the ratio reaches the bar (and any extra condition holds).</summary>
    public static Row Of(string workload, string size, Figure? platform, Figure? peer, string bar, double required, string? note = null,
        bool extraCondition = true, string? platformStatus = null, bool? outputsEqual = null, string? timing = null, IReadOnlyList<string>? differences = null)
    {
        var row = new Row(workload, size, platform, peer, bar, required, "", note, platformStatus, outputsEqual, timing, differences);
        var status = platformStatus ?? (outputsEqual == false ? "outputs differ"
            : row.Ratio is { } r ? (r >= required && extraCondition ? "met" : "not met") : "no figure");
        return row with { Status = status };
    }
}

/// <summary>The table printed at the end and written to bench/results/latest.json.</summary>
public sealed class Report
{
    private readonly List<Row> _rows = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<Row> Rows => _rows;

    /// <summary>Rows whose platform and peer outputs differ: the bench exits non-zero when there are any.</summary>
    public IReadOnlyList<Row> Differing => _rows.Where(r => r.OutputsEqual == false).ToList();

    public void Add(Row row)
    {
        _rows.Add(row);
        Console.WriteLine($"  → {row.Workload}: platform {row.Platform?.Show() ?? row.PlatformStatus ?? "–"} | peer {row.Peer?.Show() ?? "–"} | " +
                          $"ratio {RatioText(row)} | {(row.OutputsEqual is { } eq ? (eq ? "outputs equal" : "OUTPUTS DIFFER") + " | " : "")}{row.Status}");
        foreach (var d in row.Differences ?? []) Console.WriteLine($"     differs: {d}");
    }

    public void Note(string note)
    {
        _notes.Add(note);
        Console.WriteLine($"  note: {note}");
    }

    private static string RatioText(Row row) => row.Ratio is { } r ? r.ToString(r >= 100 ? "0" : "0.00", CultureInfo.InvariantCulture) + "×" : "–";

    public string Markdown()
    {
        var b = new StringBuilder();
        b.AppendLine("| workload | size | platform | peer | ratio | bar | outputs | met? |");
        b.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in _rows)
        {
            var platform = r.Platform?.Show() ?? r.PlatformStatus ?? "–";
            var peer = r.Peer?.Show() ?? "–";
            var outputs = r.OutputsEqual switch { true => "equal", false => "DIFFER", null => "–" };
            b.AppendLine($"| {r.Workload} | {r.Size} | {platform} | {peer} | {RatioText(r)} | {r.Bar} | {outputs} | {r.Status}{(r.Note is null ? "" : $" — {r.Note}")} |");
        }
        foreach (var n in _notes) b.AppendLine().Append("- ").Append(n);
        return b.ToString();
    }

    public void WriteJson(string path, string command, TimeSpan elapsed)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var document = new
        {
            command,
            generatedAt = DateTimeOffset.UtcNow,
            machine = new { Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, runtime = Environment.Version.ToString() },
            elapsedSeconds = Math.Round(elapsed.TotalSeconds, 1),
            synthetic = "All data is synthetic (gaoxin demo generate / NationalGenerator).",
            rows = _rows.Select(r => new
            {
                r.Workload, r.Size, r.Bar, r.Status, met = r.Met, ratio = r.Ratio is { } x ? Math.Round(x, 3) : (double?)null, r.Note,
                outputsEqual = r.OutputsEqual, timing = r.Timing, differences = r.Differences,
                platform = r.Platform, peer = r.Peer, platformStatus = r.PlatformStatus,
            }),
            notes = _notes,
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
    }
}
