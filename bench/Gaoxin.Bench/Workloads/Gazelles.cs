using System.Diagnostics;
using Gaoxin.Bench.Support;

namespace Gaoxin.Bench.Workloads;

/// <summary>
/// W5: gazelle (瞪羚) and unicorn identification of the last year over the ten-year panel:
/// <c>gaoxin gazelles --year Y --format json --db PATH</c> against DuckDB SQL with window functions.
/// </summary>
public static class Gazelles
{
    public static void Run(Size size, Report report)
    {
        var panel = Datasets.Panel(size);
        var year = panel.Options.LastYear;
        var label = $"W5 gazelles {year} over {panel.Options.Enterprises:N0} enterprises × {panel.Options.Years} years ({panel.Rows:N0} rows)";
        var (database, status) = Aggregates.PlatformPanel(panel);
        Figure? platform = null;
        if (database is not null)
            (platform, status) = Ingest.Platform(panel.Rows, () => Child.Gaoxin("gazelles", "--year", year.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json", "--db", database));

        using var duck = Peers.PanelTable(panel.Enterprises);
        Peers.GazellesSql(duck, year); // warm
        Memory.ResetPeak();
        var times = new List<double>();
        (long Gazelles, long Unicorns) found = default;
        for (var k = 0; k < 3; k++)
        {
            var clock = Stopwatch.StartNew();
            found = Peers.GazellesSql(duck, year);
            times.Add(clock.Elapsed.TotalSeconds);
        }
        times.Sort();
        var peer = new Figure(panel.Rows / times[1], "rows/s",
            $"{times[1] * 1000:0} ms median of 3 → {found.Gazelles:N0} gazelles, {found.Unicorns:N0} unicorns", Memory.PeakSelf());
        report.Add(Row.Of(label, size.Name, platform, peer, "≥ 1× DuckDB", 1, platformStatus: status));
    }
}
