using System.Text;
using Gaoxin.Core.Enterprises;
using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gaoxin.E2E;

/// <summary>
/// The office uploads a zone's yearly returns on the enterprises page, a bad file is refused with its row and column,
/// and the good one makes the young fast grower show on the gazelle page.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class EnterpriseJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private const string Header = "credit_code,name,zone,year,registered_on,industry,is_hte,revenue,employees,st_employees,rd_expense,st_expense,high_tech_revenue,net_assets,exports,vc_received,valuation_usd_m,listed";
    private readonly SqliteTestStore _store = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("gaoxin-e2e-returns-").FullName;
    private RunningServer _server = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        var db = ((ITestStore)_store).DbArgument;
        Assert.Equal(0, (await CliRun.RunAsync("users", "add", "--email", "office@example.org", "--role", "admin", "--password", Password, "--db", db)).ExitCode);
        _server = await RunningServer.StartAsync(((ITestStore)_store).Location);
        _page = await browser.NewPageAsync(_server.Address);
    }

    public async Task DisposeAsync()
    {
        if (_page is not null) await _page.Context.CloseAsync();
        if (_server is not null) await _server.DisposeAsync();
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Code(string first17) => first17 + CreditCode.CheckCharacter(first17);

    /// <summary>
    /// 沈阳瞪羚: registered 2021, revenue 60,000万 in 2024 at age 3 (the "≤ 5 years and ≥ 50,000万" route) with 3% of it
    /// spent on R&amp;D; 沈阳稳健: an old, steady company that is no gazelle.
    /// </summary>
    private string ReturnsFile(string name, string? badRevenue = null)
    {
        var fast = Code("91210100MA0000001");
        var steady = Code("91210100MA0000002");
        var text = new StringBuilder(Header).Append('\n');
        foreach (var (year, revenue) in new[] { (2022, "20000"), (2023, "38000"), (2024, badRevenue ?? "60000") })
        {
            text.Append($"{fast},沈阳瞪羚科技有限公司,shenyang,{year},2021-03-15,软件和信息技术服务业,1,{revenue},300,120,1800,1800,15000,9000,0,0,,0\n");
            text.Append($"{steady},沈阳稳健机械有限公司,shenyang,{year},1998-06-01,通用设备制造业,0,30000,800,60,300,300,0,20000,500,0,,0\n");
        }
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public async Task Office_uploads_returns_a_bad_row_is_located_and_the_good_file_shows_a_gazelle()
    {
        const string test = nameof(Office_uploads_returns_a_bad_row_is_located_and_the_good_file_shows_a_gazelle);
        await BrowserFixture.SignInAsync(_page, "office@example.org", Password);

        await _page.GotoAsync("/enterprises");
        await _page.Locator("#upload summary").ClickAsync();
        await _page.Locator("#import input[type=file]").SetInputFilesAsync(ReturnsFile("bad.csv", badRevenue: "-5"));
        await _page.Locator("#import button[type=submit]").ClickAsync();
        // The file is imported in the background; its page shows the outcome when the job ends.
        await _page.WaitForURLAsync("**/imports/*");
        // Row 6 of the file (header = row 1) is the gazelle's 2024 return, and its revenue is negative.
        await Expect(_page.Locator("#import-problems tbody tr")).ToHaveCountAsync(1);
        await Expect(_page.Locator("#import-problems tr[data-row='6'][data-column='revenue']")).ToContainTextAsync("negative");
        await Expect(_page.Locator("#job-state")).ToHaveAttributeAsync("data-state", "failed");
        await browser.ScreenshotAsync(_page, $"{test}-1-refused");
        await _page.GotoAsync("/enterprises");
        await Expect(_page.Locator("#total")).ToContainTextAsync("共 0 家");

        await _page.Locator("#upload summary").ClickAsync();
        await _page.Locator("#import input[type=file]").SetInputFilesAsync(ReturnsFile("good.csv"));
        await _page.Locator("#import button[type=submit]").ClickAsync();
        await _page.WaitForURLAsync("**/imports/*");
        await Expect(_page.Locator("#import-summary")).ToBeVisibleAsync();
        await Expect(_page.Locator("#import-summary")).ToContainTextAsync("已导入 6 条年报");
        await _page.GotoAsync("/enterprises");
        await Expect(_page.Locator("#total")).ToContainTextAsync("共 2 家");
        await Expect(_page.Locator("#enterprises")).ToContainTextAsync("沈阳瞪羚科技有限公司");
        await browser.ScreenshotAsync(_page, $"{test}-2-imported");

        await _page.Locator("#nav-gazelles").ClickAsync();
        await _page.Locator("#filters select[name=year]").SelectOptionAsync("2024");
        await _page.Locator("#filters button[type=submit]").ClickAsync();
        await Expect(_page.Locator("#gazelles tbody tr")).ToHaveCountAsync(1);
        await Expect(_page.Locator("#gazelles tbody tr").First).ToContainTextAsync("沈阳瞪羚科技有限公司");
        await Expect(_page.Locator("#gazelles")).Not.ToContainTextAsync("沈阳稳健机械有限公司");
        await browser.ScreenshotAsync(_page, $"{test}-3-gazelles");
    }
}
