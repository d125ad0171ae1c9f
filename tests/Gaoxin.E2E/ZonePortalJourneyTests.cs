using System.Text.RegularExpressions;
using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gaoxin.E2E;

/// <summary>
/// A visitor on the demo figures: from the home map to a zone's profile with its chart, on to a comparison and the open data,
/// then the same pages at a phone's width. Screenshots in artifacts/screenshots.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ZonePortalJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly SqliteTestStore _store = new();
    private RunningServer _server = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await CliRun.RunAsync("demo", "seed", "--db", ((ITestStore)_store).DbArgument)).ExitCode);
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
    public async Task Visitor_goes_from_the_map_to_a_profile_a_comparison_and_the_open_data()
    {
        const string test = nameof(Visitor_goes_from_the_map_to_a_profile_a_comparison_and_the_open_data);

        // Home: the map drawn, and beside it the table of all 15 zones, 8 of them national.
        await _page.GotoAsync("/");
        await Expect(_page.Locator("#home-map[data-rendered=true]")).ToBeVisibleAsync();
        await Expect(_page.Locator("#home-map-table tbody tr")).ToHaveCountAsync(15);
        await Expect(_page.Locator("#home-map-table tbody tr[data-level=national]")).ToHaveCountAsync(8);
        await Expect(_page.Locator("#home-map-legend")).ToContainTextAsync("国家级高新区");
        await Expect(_page.Locator("#key-figures")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(_page, $"{test}-1-home-map");

        // Each zone's row is a link to it.
        await _page.Locator("#home-map-table").GetByRole(AriaRole.Link, new() { Name = "沈阳高新区", Exact = true }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/zones/shenyang$"));
        await Expect(_page.Locator("#figures-table")).ToBeVisibleAsync();
        await Expect(_page.Locator("svg.spark[data-chart-element='gdp'] rect")).ToHaveCountAsync(5); // 2016–2020
        await browser.ScreenshotAsync(_page, $"{test}-2-profile");

        // Compare with Dalian from the profile.
        await _page.GetByLabel("与其他高新区比较:").SelectOptionAsync("dalian");
        await _page.Locator("#compare-form").GetByRole(AriaRole.Button, new() { Name = "比较" }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/zones/compare\\?codes=shenyang&codes=dalian$"));
        await Expect(_page.Locator("#compare thead th[data-zone]")).ToHaveCountAsync(2);
        await browser.ScreenshotAsync(_page, $"{test}-3-compare");

        // The open data, through the header.
        await _page.Locator("header.site nav").GetByRole(AriaRole.Link, new() { Name = "开放数据", Exact = true }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/open-data$"));
        await Expect(_page.Locator("#dataset-figures a[data-format='jsonstat']")).ToBeVisibleAsync();
        await Expect(_page.Locator("#rate-limit")).ToContainTextAsync("429");
        await browser.ScreenshotAsync(_page, $"{test}-4-open-data");

        // At a phone's width nothing runs off the side of the page.
        await _page.SetViewportSizeAsync(390, 844);
        foreach (var (path, step) in new[] { ("/", "5-home-390"), ("/zones/shenyang", "6-profile-390"), ("/zones/compare?codes=shenyang,dalian,suizhong", "7-compare-390"), ("/open-data", "8-open-data-390") })
        {
            await _page.GotoAsync(path);
            var overflow = await _page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            await browser.ScreenshotAsync(_page, $"{test}-{step}");
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than the screen");
        }
    }
}
