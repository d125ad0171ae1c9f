using System.Text.RegularExpressions;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Portal;
using Gaoxin.Data;
using Gaoxin.Data.News;
using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gaoxin.E2E;

/// <summary>
/// A visitor reads the policy library and the news centre in a real Chromium: the list, a policy the plan names, the news list
/// and an item whose body was written with a script, an <c>onerror</c> image and a <c>javascript:</c> link — no dialog may open.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class PolicyNewsJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly SqliteTestStore _store = new();
    private RunningServer _server = null!;
    private IPage _page = null!;
    private long _news;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync(((ITestStore)_store).Location);
        await using (var db = GaoxinDatabase.CreateContext(((ITestStore)_store).Location))
        {
            var office = new Principal("office@example.org", Roles.Admin, null);
            var (id, refused) = await NewsStore.CreateAsync(db, office, new NewsInput("高新区创新创业大赛启动", "news", "大赛报名开始。",
                "<p>大赛报名开始。<script>alert('script')</script></p><img src=x onerror=\"alert('onerror')\" alt=\"图\"><p><a href=\"javascript:alert('link')\">报名</a></p>"),
                TimeProvider.System, CancellationToken.None);
            Assert.Null(refused);
            _news = id!.Value;
            Assert.Null(await NewsStore.StepAsync(db, office, _news, PublicationAction.Submit, null, null, TimeProvider.System, CancellationToken.None));
            Assert.Null(await NewsStore.StepAsync(db, office, _news, PublicationAction.Publish, null, null, TimeProvider.System, CancellationToken.None));
        }
        _page = await browser.NewPageAsync(_server.Address);
    }

    public async Task DisposeAsync()
    {
        if (_page is not null) await _page.Context.CloseAsync();
        if (_server is not null) await _server.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task Visitor_reads_the_policies_and_a_news_item_whose_body_had_a_script_and_no_dialog_opens()
    {
        const string test = nameof(Visitor_reads_the_policies_and_a_news_item_whose_body_had_a_script_and_no_dialog_opens);
        var dialogs = new List<string>();
        _page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };

        // The policy library, through the header, filtered for a high-tech enterprise in Shenyang.
        await _page.GotoAsync("/");
        await _page.Locator("#nav-policies").ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/policies$"));
        await Expect(_page.Locator("h1")).ToHaveTextAsync("优惠政策");
        await _page.Locator("#filter-type").SelectOptionAsync("hte");
        await _page.Locator("#filter-zone").SelectOptionAsync("shenyang");
        await _page.Locator("#policy-filter button").ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/policies\\?type=hte&zone=shenyang"));
        await Expect(_page.Locator("#policies li[data-id='inclusive.hte-income-tax']")).ToBeVisibleAsync();
        await Expect(_page.Locator("#policies li[data-id='yingkou.investment-incentives']")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(_page, $"{test}-1-policies");

        // One policy, with the plan's own words.
        await _page.Locator("#policies").GetByRole(AriaRole.Link, new() { Name = "高新技术企业所得税减免", Exact = true }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/policies/inclusive.hte-income-tax$"));
        await Expect(_page.Locator("h1")).ToContainTextAsync("高新技术企业所得税减免");
        await Expect(_page.Locator("#plan-quote")).ToContainTextAsync("普惠性政策");
        await browser.ScreenshotAsync(_page, $"{test}-2-policy");

        // The news centre and the item.
        await _page.Locator("#nav-news").ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/news$"));
        await Expect(_page.Locator("h1")).ToHaveTextAsync("新闻中心");
        await browser.ScreenshotAsync(_page, $"{test}-3-news");
        await _page.Locator("#news").GetByRole(AriaRole.Link, new() { Name = "高新区创新创业大赛启动" }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex($"/news/{_news}$"));
        await Expect(_page.Locator("#news-body")).ToContainTextAsync("大赛报名开始。");
        await Expect(_page.Locator("#news-body script")).ToHaveCountAsync(0);
        await Expect(_page.Locator("#news-body [onerror]")).ToHaveCountAsync(0);
        // The link that called a script is kept as text only; clicking it does nothing.
        var link = _page.Locator("#news-body a", new() { HasText = "报名" });
        if (await link.CountAsync() > 0)
        {
            Assert.DoesNotContain("javascript", await link.GetAttributeAsync("href") ?? "", StringComparison.OrdinalIgnoreCase);
            await link.ClickAsync();
        }
        await _page.WaitForTimeoutAsync(300);
        await browser.ScreenshotAsync(_page, $"{test}-4-item");
        Assert.Empty(dialogs);
    }
}
