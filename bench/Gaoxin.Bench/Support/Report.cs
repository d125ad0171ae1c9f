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
public sealed record Figure(double PerSecond, string Unit, string Context, long? PeakBytes = null)
{
    public string Show() => $"{Format(PerSecond)} {Unit} ({Context}{(PeakBytes is { } p ? $"; peak {Memory.Mb(p)}" : "")})";

    public static string Format(double value) => value switch
    {
        >= 1e6 => (value / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M",
        >= 1e4 => (value / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " k",
        >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };
}

/// <summary>One line of the table.</summary>
public sealed record Row(string Workload, string Size, Figure? Platform, Figure? Peer, string Bar, double? Required, string Status,
    string? Note = null, string? PlatformStatus = null)
{
    /// <summary>Platform throughput ÷ peer throughput (1.0 = parity).</summary>
    public double? Ratio => Platform is { } p && Peer is { } q && q.PerSecond > 0 ? p.PerSecond / q.PerSecond : null;

    /// <summary>A row from the two figures: met when the ratio reaches the bar (and any extra condition holds).</summary>
    public static Row Of(string workload, string size, Figure? platform, Figure? peer, string bar, double required, string? note = null,
        bool extraCondition = true, string? platformStatus = null)
    {
        var row = new Row(workload, size, platform, peer, bar, required, "", note, platformStatus);
        var status = platformStatus ?? (row.Ratio is { } r ? (r >= required && extraCondition ? "met" : "not met") : "no figure");
        return row with { Status = status };
    }
}

/// <summary>The table printed at the end and written to bench/results/latest.json.</summary>
public sealed class Report
{
    private readonly List<Row> _rows = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<Row> Rows => _rows;

    public void Add(Row row)
    {
        _rows.Add(row);
        Console.WriteLine($"  → {row.Workload}: platform {row.Platform?.Show() ?? row.PlatformStatus ?? "–"} | peer {row.Peer?.Show() ?? "–"} | " +
                          $"ratio {RatioText(row)} | {row.Status}");
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
        b.AppendLine("| workload | size | platform | peer | ratio | bar | met? |");
        b.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var r in _rows)
        {
            var platform = r.Platform?.Show() ?? r.PlatformStatus ?? "–";
            var peer = r.Peer?.Show() ?? "–";
            b.AppendLine($"| {r.Workload} | {r.Size} | {platform} | {peer} | {RatioText(r)} | {r.Bar} | {r.Status}{(r.Note is null ? "" : $" — {r.Note}")} |");
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
                r.Workload, r.Size, r.Bar, r.Status, ratio = r.Ratio is { } x ? Math.Round(x, 3) : (double?)null, r.Note,
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
