using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;

namespace Gaoxin.E2E;

/// <summary>
/// Every public section, as a visitor without an account sees it with the demo data: axe-core finds no serious or critical
/// accessibility violation, and no page is wider than a 390 px phone. One server and one store serve all the pages.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class PublicPagesTests(BrowserFixture browser, PublicPagesTests.DemoSite site) : IClassFixture<PublicPagesTests.DemoSite>
{
    /// <summary>The public pages: the portal's sections and the other pages open to everyone.</summary>
    public static TheoryData<string> PublicPaths =>
    [
        "/",
        "/zones",
        "/zones/shenyang",
        "/zones/compare?codes=shenyang,dalian,benxi",
        "/investment",
        "/site-selection?industry=%E7%94%9F%E7%89%A9%E5%8C%BB%E8%8D%AF&needs=talent,finance",
        "/policies",
        "/news",
        "/market",
        "/market/demands",
        "/market/achievements",
        "/market/institutions",
        "/open-data",
        "/search?q=%E7%94%9F%E7%89%A9%E5%8C%BB%E8%8D%AF",
        "/plans",
        "/evaluation",
        "/monitoring",
        "/market/report?year=2019",
        "/enterprises/self-assessment",
        "/enterprises/tech-sme",
        "/account/login",
    ];

    [Theory]
    [MemberData(nameof(PublicPaths))]
    public async Task A_public_page_has_no_serious_accessibility_violation(string path)
    {
        var page = await browser.NewPageAsync(site.Server.Address);
        try
        {
            var response = await page.GotoAsync(path);
            Assert.True(response is { Ok: true }, $"{path}: {response?.Status}");
            await PageChecks.AssertAccessibleAsync(page);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Theory]
    [MemberData(nameof(PublicPaths))]
    public async Task A_public_page_fits_a_390_pixel_phone(string path)
    {
        var overflowing = await PageChecks.OverflowAt390Async(browser.Browser, site.Server.Address, path);
        Assert.True(overflowing.Count == 0, $"{path} is wider than 390 px: {string.Join(", ", overflowing)}");
    }

    /// <summary>A store with the demo data and a published evaluation, served for the whole class.</summary>
    public sealed class DemoSite : IAsyncLifetime
    {
        private readonly SqliteTestStore _store = new();

        public RunningServer Server { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var db = ((ITestStore)_store).DbArgument;
            Assert.Equal(0, (await CliRun.RunAsync("demo", "seed", "--db", db)).ExitCode);
            Server = await RunningServer.StartAsync(((ITestStore)_store).Location);
        }

        public async Task DisposeAsync()
        {
            if (Server is not null) await Server.DisposeAsync();
            await _store.DisposeAsync();
        }
    }
}
