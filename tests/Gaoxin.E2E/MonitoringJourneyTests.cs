using System.Text.RegularExpressions;
using Gaoxin.Data;
using Gaoxin.Data.Monitoring;
using Gaoxin.E2E.Support;
using Gaoxin.Features.Plans;
using Gaoxin.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gaoxin.E2E;

/// <summary>Plan monitoring in Chromium: the target tiles and the zone map, one target beside the plan's words,
/// a split that does not add up, and a zone's own plan page.</summary>
[Collection(E2ECollection.Name)]
public sealed class MonitoringJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly SqliteTestStore _store = new();
    private RunningServer _server = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        var db = ((ITestStore)_store).DbArgument;
        Assert.Equal(0, (await CliRun.RunAsync("demo", "seed", "--db", db)).ExitCode);
        _server = await RunningServer.StartAsync(((ITestStore)_store).Location);
        _page = await browser.NewPageAsync(_server.Address);
    }

    public async Task DisposeAsync()
    {
        if (_page is not null) await _page.Context.CloseAsync();
        if (_server is not null) await _server.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task Visitor_follows_a_target_from_its_tile_to_the_plan_text_its_zones_and_its_split()
    {
        const string test = nameof(Visitor_follows_a_target_from_its_tile_to_the_plan_text_its_zones_and_its_split);

        // Anything the Content-Security-Policy blocks is reported on the console.
        var blocked = new List<string>();
        _page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) blocked.Add(message.Text); };

        // The dashboard: a tile per target, coloured by status, with sparklines, and the map of the zones.
        await _page.GotoAsync("/monitoring?year=2020");
        await Expect(_page.Locator("h1")).ToContainTextAsync("2020 年规划目标监测");
        await Expect(_page.Locator("#tiles [data-target]")).ToHaveCountAsync(40);
        await Expect(_page.Locator("#tiles [data-target=hte_share]")).ToHaveAttributeAsync("data-status", "achieved");
        // Every target has a data source; the reserve-pool ones wait for data.
        await Expect(_page.Locator("#tiles [data-status=no_data_source]")).ToHaveCountAsync(0);
        Assert.True(await _page.Locator("#tiles [data-status=no_data]").CountAsync() > 0);
        await Expect(_page.Locator("#demo-badge")).ToBeVisibleAsync();
        await Expect(_page.Locator("#summary")).ToContainTextAsync("40 项目标");
        var sparklines = await _page.Locator("#tiles .chart[data-chart=sparkline]").CountAsync();
        Assert.True(sparklines >= 10, $"{sparklines} sparklines");
        await Expect(_page.Locator("#tiles .chart[data-chart=sparkline][data-rendered=true]")).ToHaveCountAsync(sparklines);
        await Expect(_page.Locator("#zone-map[data-rendered=true]")).ToHaveCountAsync(1);
        await Expect(_page.Locator("#zone-map svg")).ToBeVisibleAsync();
        await Expect(_page.Locator("#zone-map")).ToContainTextAsync("沈阳");
        await Expect(_page.Locator("#zone-list tbody tr")).ToHaveCountAsync(15);
        await browser.ScreenshotAsync(_page, $"{test}-1-dashboard");

        // The map's measure selector submits by itself, from a script file (no inline handler runs under the policy).
        var measure = await _page.Locator("#map-measure option:not([selected])").First.GetAttributeAsync("value");
        await _page.Locator("#map-measure").SelectOptionAsync(measure!);
        await Expect(_page).ToHaveURLAsync(new Regex("measure=" + Regex.Escape(measure!)));
        await Expect(_page.Locator("#zone-map[data-rendered=true]")).ToHaveCountAsync(1);
        Assert.Empty(blocked);

        // One target: the figure beside the plan's words, its trajectory and its zones.
        await _page.Locator("#tiles [data-target=rd_intensity] a.tile-link").ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex(@"/monitoring/targets/rd_intensity\?year=2020"));
        await Expect(_page.Locator("#quote")).ToContainTextAsync("“省级以上高新区科学研究与试验发展经费占GDP比重达到2.8%”");
        await Expect(_page.Locator("#status")).ToHaveTextAsync("进度滞后");
        await Expect(_page.Locator("#trajectory[data-rendered=true]")).ToHaveCountAsync(1);
        await Expect(_page.Locator("#crossing")).ToContainTextAsync("年");
        await Expect(_page.Locator("#zones tbody tr")).ToHaveCountAsync(15);
        await Expect(_page.Locator("#zone-bars[data-rendered=true]")).ToHaveCountAsync(1);
        await Expect(_page.Locator("#decomposition-warning")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(_page, $"{test}-2-target");

        // The office splits 新建各类创业载体 80 家 over two zones only: 30 + 20 leaves 30 unassigned.
        await using (var db = GaoxinDatabase.CreateContext(((ITestStore)_store).Location))
        {
            await PlanTrackingStore.SetZoneTargetsAsync(db, PlanCommands.DefaultPlanId, "new_carriers",
                new Dictionary<string, (decimal Value, string? Unit, string? Contact)>
                {
                    ["shenyang"] = (30m, "沈阳高新区管委会科技创新局", null),
                    ["dalian"] = (20m, "大连高新区管委会科技局", null),
                },
                "e2e", TimeProvider.System, CancellationToken.None);
        }
        await _page.GotoAsync("/monitoring/targets/new_carriers?year=2020");
        var warning = _page.Locator("#decomposition-warning");
        await Expect(warning).ToBeVisibleAsync();
        await Expect(warning).ToContainTextAsync("还差 30 家");
        await Expect(warning).ToContainTextAsync("差额 -30");
        await Expect(_page.Locator("#zones tbody tr[data-zone=shenyang]")).ToContainTextAsync("沈阳高新区管委会科技创新局");
        await browser.ScreenshotAsync(_page, $"{test}-3-split-warning");

        // The zone's own plan page, reached from the zone table: its figures, its share and the tasks that name it.
        await _page.Locator("#zones tbody tr[data-zone=shenyang] a").ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex(@"/monitoring/zones/shenyang\?year=2020"));
        await Expect(_page.Locator("h1")).ToContainTextAsync("沈阳高新区");
        await Expect(_page.Locator("#zone-targets tbody tr[data-target=rd_intensity]")).ToHaveCountAsync(1);
        await Expect(_page.Locator("#zone-targets tbody tr[data-target=new_carriers] td").Nth(2)).ToContainTextAsync("30");
        Assert.True(await _page.Locator("#zone-tasks li").CountAsync() > 0);
        await Expect(_page.Locator("#zone-tasks blockquote").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync(_page, $"{test}-4-zone-plan");
    }
}
