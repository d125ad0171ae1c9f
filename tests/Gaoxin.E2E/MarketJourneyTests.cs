using System.Text.RegularExpressions;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Market;
using Gaoxin.Core.Portal;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Data;
using Gaoxin.Data.Market;
using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gaoxin.E2E;

/// <summary>
/// The technology market in a real Chromium: a visitor goes from the header to the overview, filters the demands, opens a
/// demand with its ranked achievements and their reasons (contacts hidden behind the sign-in link); the office reviews a
/// submitted achievement on the management page. Every page passes axe-core.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class MarketJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private readonly SqliteTestStore _store = new();
    private RunningServer _server = null!;
    private IPage _page = null!;
    private int _demand;

    public async Task InitializeAsync()
    {
        var location = ((ITestStore)_store).Location;
        Assert.Equal(0, (await CliRun.RunAsync("users", "add", "--email", "office@example.org", "--role", "admin", "--password", Password, "--db", ((ITestStore)_store).DbArgument)).ExitCode);
        _server = await RunningServer.StartAsync(location);
        var catalog = _server.Services.GetRequiredService<IndustryCatalog>();
        var office = new Principal("office@example.org", Roles.Admin, null);
        var until = Publication.Today(DateTimeOffset.UtcNow).AddDays(60);
        await using var db = GaoxinDatabase.CreateContext(location);
        async Task<int> Add(MarketProfileInput input, bool publish)
        {
            var (id, refused) = await MarketStore.CreateAsync(db, office, input, catalog, MarketStore.Via.Api, TimeProvider.System, CancellationToken.None);
            Assert.Null(refused);
            Assert.Null(await MarketStore.StepAsync(db, office, input.Side, id!.Value, 1, PublicationAction.Submit, null, null, "api", TimeProvider.System, CancellationToken.None));
            if (publish) Assert.Null(await MarketStore.StepAsync(db, office, input.Side, id.Value, 2, PublicationAction.Publish, null, null, "api", TimeProvider.System, CancellationToken.None));
            return id.Value;
        }
        _demand = await Add(new MarketProfileInput(MarketSide.Demand, "数控机床主轴热变形补偿", "数控机床主轴在高速切削时热变形导致加工精度下降,需要热误差建模与实时补偿技术",
            "intelligent_manufacturing", "主轴热变形,热误差补偿", "shenyang", "李工", "024-5550001", null, until, EnterpriseName: "沈阳精工机床有限公司",
            BudgetMinWan: 50, BudgetMaxWan: 200), publish: true);
        await Add(new MarketProfileInput(MarketSide.Achievement, "机床主轴热误差建模与补偿技术", "基于温度场测量的机床主轴热误差建模与补偿技术,已在数控机床上中试验证",
            "intelligent_manufacturing", "热误差补偿,数控机床", null, "王教授", "0411-5550002", null, until, Maturity: "pilot", Trl: 6, IpStatus: "invention_patent",
            CooperationModes: "license", PriceMinWan: 80, PriceMaxWan: 150, OwnerName: "大连理工大学", Region: "辽宁省大连市"), publish: true);
        await Add(new MarketProfileInput(MarketSide.Achievement, "锂电池隔膜涂覆在线检测", "机器视觉检测隔膜涂覆缺陷", "new_energy", null, null, null, null, null, until,
            Maturity: "small_pilot", IpStatus: "software_copyright", CooperationModes: "joint_development", OwnerName: "辽宁科技大学"), publish: false);
        _page = await browser.NewPageAsync(_server.Address);
    }

    public async Task DisposeAsync()
    {
        if (_page is not null) await _page.Context.CloseAsync();
        if (_server is not null) await _server.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task Visitor_finds_a_demand_and_its_matching_achievement_and_the_office_reviews_the_queue()
    {
        const string test = nameof(Visitor_finds_a_demand_and_its_matching_achievement_and_the_office_reviews_the_queue);
        await _page.GotoAsync("/");
        await _page.Locator("#nav-market").ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/market$"));
        await Expect(_page.Locator("h1")).ToHaveTextAsync("技术市场");
        await Expect(_page.Locator("#latest-demands")).ToContainTextAsync("数控机床主轴热变形补偿");
        await PageChecks.AssertAccessibleAsync(_page);
        await browser.ScreenshotAsync(_page, $"{test}-1-overview");

        // The demands of the advanced-manufacturing domain.
        await _page.Locator("#market-field").SelectOptionAsync("advanced_manufacturing");
        await _page.Locator("#market-filter button.primary").ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/market/demands\\?field=advanced_manufacturing"));
        await Expect(_page.Locator($"#market-list tr[data-id='{_demand}']")).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(_page);
        await browser.ScreenshotAsync(_page, $"{test}-2-demands");

        // The demand: no contact for a visitor, the matching achievement first with its reasons.
        await _page.Locator("#market-list").GetByRole(AriaRole.Link, new() { Name = "数控机床主轴热变形补偿" }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex($"/market/demands/{_demand}$"));
        await Expect(_page.Locator("#contact-sign-in")).ToContainTextAsync("登录后查看联系方式");
        await Expect(_page.Locator("body")).Not.ToContainTextAsync("024-5550001");
        await Expect(_page.Locator("#matches li[data-id]").First).ToContainTextAsync("机床主轴热误差建模与补偿技术");
        await Expect(_page.Locator("#matches li[data-id]").First.Locator("ul li").First).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(_page);
        await browser.ScreenshotAsync(_page, $"{test}-3-demand-with-matches");

        // The office's review queue holds the submitted achievement; publishing it empties the queue.
        await BrowserFixture.SignInAsync(_page, "office@example.org", Password);
        await _page.GotoAsync("/market/manage");
        await Expect(_page.Locator("#queue")).ToContainTextAsync("锂电池隔膜涂覆在线检测");
        await PageChecks.AssertAccessibleAsync(_page);
        await browser.ScreenshotAsync(_page, $"{test}-4-manage");
        await _page.Locator("#queue form").Filter(new() { Has = _page.Locator("input[name=step][value=publish]") }).Locator("button").ClickAsync();
        await Expect(_page.Locator("#queue")).ToHaveCountAsync(0);
        await _page.GotoAsync("/market/achievements");
        await Expect(_page.Locator("#market-list")).ToContainTextAsync("锂电池隔膜涂覆在线检测");
    }
}
