using System.Text.RegularExpressions;
using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gaoxin.E2E;

/// <summary>A visitor searches from the header's box and follows a highlighted hit, over a fresh SQLite database.</summary>
[Collection(E2ECollection.Name)]
public sealed class SearchJourneyTests(BrowserFixture browser) : IAsyncLifetime
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

    [Fact]
    public async Task Visitor_searches_from_the_header_and_opens_a_highlighted_hit()
    {
        const string test = nameof(Visitor_searches_from_the_header_and_opens_a_highlighted_hit);
        await _page.GotoAsync("/zones");

        // 专栏3: 本溪高新区:生物医药 — typed in traditional characters.
        var box = _page.Locator("header.site").GetByRole(AriaRole.Searchbox, new() { Name = "搜索" });
        await box.FillAsync("生物醫藥");
        await box.PressAsync("Enter");

        await Expect(_page).ToHaveURLAsync(new Regex("/search\\?q="));
        await Expect(_page.Locator("h1")).ToHaveTextAsync("全文搜索");
        var benxi = _page.Locator("#hits li[data-id='benxi']");
        await Expect(benxi).ToBeVisibleAsync();
        await Expect(benxi.Locator("mark").First).ToHaveTextAsync("生物医药");
        await browser.ScreenshotAsync(_page, $"{test}-1-hits");

        // Narrow to zones with the page's own form, then open the zone.
        await _page.Locator("#type").SelectOptionAsync("zone");
        await _page.Locator("#search-form").GetByRole(AriaRole.Button, new() { Name = "搜索" }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("type=zone"));
        await Expect(_page.Locator("#hits li:not([data-type='zone'])")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(_page, $"{test}-2-zones");

        await benxi.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/zones/benxi$"));
        await Expect(_page.Locator("h1")).ToHaveTextAsync("本溪高新区");
    }
}
