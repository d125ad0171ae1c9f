using System.Text.RegularExpressions;
using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gaoxin.E2E;

/// <summary>An investor looks for a zone for a biomedicine project, then reads the zones' investment projects (demo store).</summary>
[Collection(E2ECollection.Name)]
public sealed class SiteSelectionJourneyTests(BrowserFixture browser) : IAsyncLifetime
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
    public async Task Investor_finds_benxi_and_shenyang_for_biomedicine_with_reasons_then_opens_the_projects()
    {
        const string test = nameof(Investor_finds_benxi_and_shenyang_for_biomedicine_with_reasons_then_opens_the_projects);
        await _page.GotoAsync("/");
        await _page.Locator("#nav-site-selection").ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/site-selection$"));
        await Expect(_page.Locator("h1")).ToHaveTextAsync("企业选址");

        await _page.GetByLabel("产业", new() { Exact = true }).FillAsync("生物医药");
        await _page.GetByLabel("金融", new() { Exact = true }).CheckAsync();
        await _page.Locator("#site-submit").ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("industry="));
        await Expect(_page.Locator("#site-zones > li").Nth(0)).ToBeVisibleAsync();
        var firstThree = string.Join("\n", await Task.WhenAll(Enumerable.Range(0, 3).Select(i => _page.Locator("#site-zones > li").Nth(i).Locator("h3").InnerTextAsync())));
        Assert.Contains("本溪高新区", firstThree);
        Assert.Contains("沈阳高新区", firstThree);
        var benxi = _page.Locator("#site-zones > li[data-zone='benxi']");
        await Expect(benxi).ToContainTextAsync("本溪生物医药产业集群");
        await Expect(benxi.Locator("ul > li")).ToHaveCountAsync(5);
        await Expect(_page.Locator("#site-weights")).ToContainTextAsync("主导产业 40");
        await browser.ScreenshotAsync(_page, $"{test}-1-ranking");

        await _page.GetByRole(AriaRole.Link, new() { Name = "查看各区县招商项目" }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/investment$"));
        await Expect(_page.Locator("h1")).ToHaveTextAsync("区县招商项目");
        await Expect(_page.Locator("#projects")).ToContainTextAsync("生物医药产业园标准厂房招商(演示)");
        await Expect(_page.Locator("#projects")).Not.ToContainTextAsync("已过期");
        await browser.ScreenshotAsync(_page, $"{test}-2-projects");
    }
}
