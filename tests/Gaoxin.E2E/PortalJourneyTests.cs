using System.Text.RegularExpressions;
using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gaoxin.E2E;

/// <summary>
/// A visitor's journeys through the portal in a real (headless Debian) Chromium, against the real server over a
/// fresh SQLite database per test. Each step leaves a full-page screenshot in artifacts/screenshots.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class PortalJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly SqliteTestStore _store = new();
    private RunningServer _server = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync(((ITestStore)_store).Location);
        _page = await browser.NewPageAsync(_server.Address);
    }

    public async Task DisposeAsync()
    {
        if (_page is not null) await _page.Context.CloseAsync();
        if (_server is not null) await _server.DisposeAsync();
        await _store.DisposeAsync();
    }

    private ILocator HeaderLink(string name) =>
        _page.Locator("header.site").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    [Fact]
    public async Task Visitor_browses_from_home_to_the_zone_list_and_a_zone()
    {
        const string test = nameof(Visitor_browses_from_home_to_the_zone_list_and_a_zone);

        // Home: Chinese by default, with the count of zones on a card.
        await _page.GotoAsync("/");
        await Expect(_page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(_page.Locator("h1")).ToHaveTextAsync("高新区发展规划平台");
        var zonesCard = _page.Locator("a.card").Filter(new() { HasText = "省级以上高新区" });
        await Expect(zonesCard.Locator("strong")).ToHaveTextAsync("15");
        await Expect(zonesCard).ToContainTextAsync("国家级");
        await browser.ScreenshotAsync(_page, $"{test}-1-home");

        // The zone list, through the nav.
        await _page.Locator("header.site nav").GetByRole(AriaRole.Link, new() { Name = "高新区", Exact = true }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/zones$"));
        await Expect(_page.Locator("h1")).ToHaveTextAsync("高新区名录");
        await Expect(_page.Locator("#zones tbody tr")).ToHaveCountAsync(15);
        await Expect(_page.Locator("#zones tr[data-code='shenyang']")).ToContainTextAsync("国家级");
        await browser.ScreenshotAsync(_page, $"{test}-2-zones");

        // One zone, from its row.
        await _page.Locator("#zones").GetByRole(AriaRole.Link, new() { Name = "沈阳高新区", Exact = true }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/zones/shenyang$"));
        await Expect(_page.Locator("h1")).ToHaveTextAsync("沈阳高新区");
        await Expect(_page.Locator("#level")).ToHaveTextAsync("国家级");
        await Expect(_page.Locator("#history")).ToBeVisibleAsync();
        await Expect(_page.Locator("#history thead")).ToContainTextAsync("事项");
        await Expect(_page.Locator("#history tbody tr").First).ToContainTextAsync("列入规划");
        await browser.ScreenshotAsync(_page, $"{test}-3-shenyang");
    }

    [Fact]
    public async Task Visitor_switches_to_English_and_back_to_Chinese()
    {
        const string test = nameof(Visitor_switches_to_English_and_back_to_Chinese);
        await _page.GotoAsync("/zones");
        await Expect(_page.Locator("h1")).ToHaveTextAsync("高新区名录");

        await HeaderLink("English").ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/zones$"));
        await Expect(_page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(_page.Locator("h1")).ToHaveTextAsync("Zone registry");
        await Expect(_page.Locator("#zones thead")).ToContainTextAsync("Leading industries");
        await Expect(_page.Locator("#zones tbody tr")).ToHaveCountAsync(15);
        await Expect(HeaderLink("中文")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(_page, $"{test}-1-english");

        // The choice is remembered on the next page.
        await HeaderLink("Home").ClickAsync();
        await Expect(_page.Locator("a.card").Filter(new() { HasText = "zones at provincial level or above" })).ToBeVisibleAsync();

        await HeaderLink("中文").ClickAsync();
        await Expect(_page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(_page.Locator("h1")).ToHaveTextAsync("高新区发展规划平台");
        await Expect(HeaderLink("English")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(_page, $"{test}-2-chinese");
    }

    [Fact]
    public async Task Plan_page_quotes_its_targets_and_unfolds_the_task_tree()
    {
        const string test = nameof(Plan_page_quotes_its_targets_and_unfolds_the_task_tree);
        await _page.GotoAsync("/plans");

        var targets = _page.Locator("#targets + table");
        await Expect(targets).ToBeVisibleAsync();
        await Expect(targets).ToContainTextAsync("“省级以上高新区科学研究与试验发展经费占GDP比重达到2.8%”");

        // A folded branch of the tree opens on a click of its summary and shows its children.
        // (Pinned by its task's id: a ":not([open])" locator would move on to the next folded branch once this one opens.)
        var foldedId = await _page.Locator("ul.tree li.task:has(> details:not([open]))").First.GetAttributeAsync("id");
        Assert.NotNull(foldedId);
        var folded = _page.Locator($"[id='{foldedId}'] > details");
        await Expect(folded).Not.ToHaveAttributeAsync("open", "");
        var firstChild = folded.Locator(":scope > ul > li").First;
        await Expect(firstChild).ToBeHiddenAsync();
        await folded.Locator(":scope > summary").ClickAsync();
        await Expect(folded).ToHaveAttributeAsync("open", "");
        await Expect(firstChild).ToBeVisibleAsync();

        // The safeguard "加强考核管理" is open; its summary folds and unfolds it.
        var evaluation = _page.Locator("#task-evaluation > details");
        var rule = _page.Locator("[id='task-evaluation.system']");
        await Expect(evaluation.Locator(":scope > summary")).ToContainTextAsync("加强考核管理");
        await Expect(rule).ToContainTextAsync("建立健全高新区综合评价考核体系");
        await evaluation.Locator(":scope > summary").ClickAsync();
        await Expect(rule).ToBeHiddenAsync();
        await evaluation.Locator(":scope > summary").ClickAsync();
        await Expect(rule).ToBeVisibleAsync();

        await browser.ScreenshotAsync(_page, test);
    }
}
