using System.Text.RegularExpressions;
using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gaoxin.E2E;

/// <summary>
/// Shenyang's technology-transfer service records a contract on the deals page, the office approves it there, and the yearly
/// transfer report (printable page) shows it; the public report passes the accessibility and 390 px checks (demo store).
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class TechTransferJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private readonly SqliteTestStore _store = new();
    private RunningServer _server = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        var db = ((ITestStore)_store).DbArgument;
        Assert.Equal(0, (await CliRun.RunAsync("demo", "seed", "--db", db)).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync("users", "add", "--email", "office@example.org", "--role", "admin", "--password", Password, "--db", db)).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync("users", "add", "--email", "sy@example.org", "--role", "zone_operator", "--zone", "shenyang", "--password", Password, "--db", db)).ExitCode);
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
    public async Task A_zone_records_a_contract_the_office_approves_it_and_the_yearly_report_shows_it()
    {
        const string test = nameof(A_zone_records_a_contract_the_office_approves_it_and_the_yearly_report_shows_it);
        await BrowserFixture.SignInAsync(_page, "sy@example.org", Password);
        await _page.GotoAsync("/market/deals");
        await Expect(_page.Locator("h1")).ToHaveTextAsync("技术转移:对接与技术合同");
        var form = _page.Locator("#record-contract");
        await form.GetByLabel("合同类型").SelectOptionAsync("transfer");
        await form.GetByLabel("合同名称").FillAsync("焊接机器人视觉定位技术转让");
        await form.GetByLabel("技术合同登记号").FillAsync("2019210100009999");
        await form.GetByLabel("买方(委托方、受让方)").FillAsync("沈阳某装备制造有限公司");
        await form.GetByLabel("卖方(受托方、让与方)").FillAsync("东北大学");
        await form.GetByLabel("技术交易额(万元)").FillAsync("5000");
        await form.GetByLabel("签订日期").FillAsync("2019-06-18");
        await form.GetByLabel("关键技术(每行一项)").FillAsync("焊缝视觉识别");
        await form.GetByRole(AriaRole.Button).ClickAsync();
        var row = _page.Locator("#contracts tr", new() { HasText = "2019210100009999" });
        await Expect(row).ToHaveAttributeAsync("data-state", "recorded");
        await PageChecks.AssertAccessibleAsync(_page);
        await browser.ScreenshotAsync(_page, $"{test}-1-recorded");
        await _page.Locator("#logout").ClickAsync();

        await BrowserFixture.SignInAsync(_page, "office@example.org", Password);
        await _page.GotoAsync("/market/deals");
        await _page.Locator("#contracts tr", new() { HasText = "2019210100009999" }).GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();
        await Expect(_page.Locator("#contracts tr", new() { HasText = "2019210100009999" })).ToHaveAttributeAsync("data-state", "approved");
        await browser.ScreenshotAsync(_page, $"{test}-2-approved");

        await _page.GotoAsync("/market/report?year=2019&zone=shenyang");
        await Expect(_page.Locator("h1")).ToContainTextAsync("2019 年科技成果转移转化年度报告");
        var section = _page.Locator("section[data-zone='shenyang']");
        await Expect(section.Locator("tr[data-type='transfer']")).ToBeVisibleAsync();
        await Expect(_page.Locator("#download-xlsx")).ToHaveAttributeAsync("href", new Regex("year=2019&zone=shenyang"));
        await browser.ScreenshotAsync(_page, $"{test}-3-report");
    }

    [Fact]
    public async Task The_public_report_is_the_provinces_accessible_and_fits_a_phone()
    {
        const string test = nameof(The_public_report_is_the_provinces_accessible_and_fits_a_phone);
        await _page.GotoAsync("/market/report?year=2019");
        await Expect(_page.Locator("section[data-zone='province']")).ToBeVisibleAsync();
        await Expect(_page.Locator("section[data-zone='shenyang']")).ToHaveCountAsync(0);
        await Expect(_page.Locator("#zones-hint")).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(_page);
        Assert.Empty(await PageChecks.OverflowAt390Async(browser.Browser, _server.Address, "/market/report?year=2019"));
        await browser.ScreenshotAsync(_page, $"{test}-1-province");
    }
}
