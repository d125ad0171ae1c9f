using System.Net;
using System.Text.RegularExpressions;
using Gaoxin.Data;
using Gaoxin.Data.Monitoring;
using Gaoxin.Features.Plans;
using Gaoxin.Tests.Support;

namespace Gaoxin.Tests;

/// <summary>The monitoring pages on the demo figures: the dashboard's tiles, a target beside the plan's words,
/// the warning for a split that does not add up, and a zone's own plan page.</summary>
public abstract partial class MonitoringPagesSpec(ITestStore store) : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await CliRun.RunAsync("demo", "seed", "--db", store.DbArgument)).ExitCode);
        _server = await RunningServer.StartAsync(store.Location);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    [GeneratedRegex("data-target=\"([a-z0-9_]+)\" data-status=\"([a-z_]+)\"")]
    private static partial Regex TilePattern();

    private Task<string> PageAsync(string path) => _server.Client.GetStringAsync(path);

    /// <summary>Writes a zone split of a target straight into the store, as the office's decomposition page would.</summary>
    private async Task SplitAsync(string target, params (string Zone, decimal Value)[] zones)
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        await PlanTrackingStore.SetZoneTargetsAsync(db, PlanCommands.DefaultPlanId, target,
            zones.ToDictionary(z => z.Zone, z => (z.Value, (string?)$"{z.Zone} 管委会", (string?)null)), "spec", TimeProvider.System, CancellationToken.None);
    }

    [Fact]
    public async Task The_dashboard_has_a_tile_for_every_target_with_its_status()
    {
        var html = await PageAsync("/monitoring?year=2020");

        var tiles = TilePattern().Matches(html).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(40, Regex.Matches(html, "data-target=\"").Count);
        Assert.Equal(LiaoningPlanFacts.Targets.Length, tiles.Count);
        Assert.Equal("achieved", tiles["hte_share"]);
        Assert.Equal("off_track", tiles["rd_intensity"]);
        Assert.Equal("no_data", tiles["hte_trained"]); // counted from the reserve pool, which the demo leaves empty
        Assert.Contains("id=\"zone-map\"", html);
        Assert.Contains("href=\"/monitoring/targets/rd_intensity?year=2020\"", html);
        Assert.Contains("href=\"/monitoring/zones/shenyang?year=2020\"", html);
        Assert.Contains("id=\"demo-badge\"", html);
    }

    [Fact]
    public async Task The_dashboard_map_carries_every_zone_at_its_point_with_the_chosen_measures_value()
    {
        var html = await PageAsync("/monitoring?year=2020&measure=rd_intensity");
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var progress = (await PlanProgressStore.ComputeAsync(db, PlanCommands.DefaultPlanId, GaoxinDatabase.BundleDirectory, 2020, CancellationToken.None))!;
        var values = progress.Targets.First(t => t.Target.Measure == "rd_intensity" || t.Target.Id == "rd_intensity").Zones;
        var (locations, _) = Gaoxin.Core.Maps.ZoneLocations.Parse(await File.ReadAllTextAsync(Features.Home.PortalMap.LocationsFile));

        var rows = Regex.Matches(html, "<tr data-zone=\"([a-z]+)\" data-lon=\"([^\"]*)\" data-lat=\"([^\"]*)\"\\s+data-value=\"([^\"]*)\"");
        Assert.Equal(15, rows.Count);
        Assert.Contains("data-chart=\"geo-map\"", html);
        Assert.Contains("id=\"map-measure\"", html);
        foreach (Match row in rows)
        {
            var zone = row.Groups[1].Value;
            var at = locations.Single(l => l.Zone == zone).Point;
            Assert.Equal((at.Lon, at.Lat), (double.Parse(row.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), double.Parse(row.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)));
            var expected = values.GetValueOrDefault(zone) is { } v ? Math.Round(v, 4).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
            Assert.Equal(expected, row.Groups[4].Value);
        }
        Assert.Contains(rows, r => r.Groups[4].Value.Length > 0);
    }

    [Fact]
    public async Task Without_a_year_the_dashboard_shows_the_latest_year_with_approved_figures()
    {
        var html = await PageAsync("/monitoring");

        Assert.Contains("2020 年规划目标监测", html);
    }

    [Fact]
    public async Task One_zones_first_approved_report_of_a_new_year_does_not_move_the_dashboard_off_the_year_most_targets_have()
    {
        var file = Path.Combine(Path.GetTempPath(), $"gaoxin-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "zone,year,element,value\nshenyang,2021,gdp,900\n");
        var import = await CliRun.RunAsync("data", "import", file, "--approve", "--db", store.DbArgument);
        File.Delete(file);
        Assert.True(import.ExitCode == 0, import.Output + import.Error);

        var html = await PageAsync("/monitoring");
        var thin = await PageAsync("/monitoring?year=2021");

        // 2021 has one zone's GDP only: most measured targets have no figure there, so the page stays on 2020 and says so.
        var tiles2021 = TilePattern().Matches(thin).Select(m => m.Groups[2].Value).Where(s => s != "no_data_source").ToList();
        Assert.True(2 * tiles2021.Count(s => s == "no_data") > tiles2021.Count, string.Join(",", tiles2021));
        Assert.Contains("2020 年规划目标监测", html);
        Assert.Contains("id=\"shown-year\" data-year=\"2020\"", html);
        Assert.Contains("多数目标已有数据的最近年份", html);
    }

    [Fact]
    public async Task A_target_page_shows_the_plan_quote_beside_the_figure_and_every_zone()
    {
        var html = await PageAsync("/monitoring/targets/rd_intensity?year=2020");

        Assert.Contains("“省级以上高新区科学研究与试验发展经费占GDP比重达到2.8%”", html);
        Assert.Contains("id=\"trajectory\"", html);
        Assert.Equal(15, Regex.Matches(html, "<tr data-zone=\"").Count);
        Assert.DoesNotContain("id=\"decomposition-warning\"", html);
        Assert.DoesNotContain("/decompose", html); // the split is the office's: no link for a visitor
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Client.GetAsync("/monitoring/targets/no_such_target?year=2020")).StatusCode);
    }

    [Fact]
    public async Task A_split_that_does_not_add_up_is_flagged_with_its_gap()
    {
        await SplitAsync("new_carriers", ("shenyang", 30m), ("dalian", 20m));

        var html = await PageAsync("/monitoring/targets/new_carriers?year=2020");

        Assert.Contains("id=\"decomposition-warning\"", html);
        var warning = Regex.Match(html, "id=\"decomposition-warning\"[^>]*>([^<]*)</p>").Groups[1].Value;
        Assert.Contains("合计 50 家", warning);
        Assert.Contains("还差 30 家", warning);
        Assert.Contains("差额 -30", warning);
    }

    [Fact]
    public async Task A_split_that_adds_up_is_not_flagged()
    {
        await SplitAsync("new_carriers", ("shenyang", 40m), ("dalian", 40m));

        var html = await PageAsync("/monitoring/targets/new_carriers?year=2020");

        Assert.DoesNotContain("id=\"decomposition-warning\"", html);
        Assert.Contains("id=\"decomposition-ok\"", html);
    }

    [Fact]
    public async Task A_zone_plan_page_lists_the_zone_figures_its_share_and_the_tasks_naming_it()
    {
        await SplitAsync("new_carriers", ("shenyang", 40m), ("dalian", 40m));

        var html = await PageAsync("/monitoring/zones/shenyang?year=2020");

        Assert.Contains("沈阳高新区", html);
        Assert.Contains("data-target=\"rd_intensity\"", html);
        Assert.Matches("data-target=\"new_carriers\" data-status=\"(achieved|not_achieved)\"", html);
        Assert.Contains("data-task=\"", html);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Client.GetAsync("/monitoring/zones/nowhere?year=2020")).StatusCode);
    }
}

public sealed class MonitoringPagesSpecOnSqlite() : MonitoringPagesSpec(new SqliteTestStore());

public sealed class MonitoringPagesSpecOnPostgres() : MonitoringPagesSpec(new PostgresTestStore());
