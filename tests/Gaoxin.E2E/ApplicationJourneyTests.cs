using System.Text.RegularExpressions;
using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gaoxin.E2E;

/// <summary>
/// A county applies for a new provincial zone, two experts score it independently (neither sees the other's score before the
/// panel closes), the office approves it, and the plan target 新增省级高新区 on the monitoring page rises by one.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ApplicationJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private readonly SqliteTestStore _store = new();
    private RunningServer _server = null!;
    private readonly List<IPage> _pages = [];

    public async Task InitializeAsync()
    {
        var db = ((ITestStore)_store).DbArgument;
        foreach (var (email, role) in new[] { ("office@example.org", "admin"), ("wang@example.org", "expert"), ("li@example.org", "expert") })
            Assert.Equal(0, (await CliRun.RunAsync("users", "add", "--email", email, "--role", role, "--password", Password, "--db", db)).ExitCode);
        _server = await RunningServer.StartAsync(((ITestStore)_store).Location);
    }

    public async Task DisposeAsync()
    {
        foreach (var page in _pages) await page.Context.CloseAsync();
        if (_server is not null) await _server.DisposeAsync();
        await _store.DisposeAsync();
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await browser.NewPageAsync(_server.Address);
        _pages.Add(page);
        await BrowserFixture.SignInAsync(page, email, Password);
        return page;
    }

    private static async Task<decimal> NewProvincialZonesAsync(IPage page)
    {
        await page.GotoAsync("/monitoring?year=2019");
        var text = await page.Locator(".tile[data-target=zones_new_provincial] .tile-value").InnerTextAsync();
        var number = Regex.Match(text, @"\d+(\.\d+)?");
        return number.Success ? decimal.Parse(number.Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static async Task ScoreAsync(IPage page, string score, string othersName, string othersState)
    {
        await page.GotoAsync("/experts");
        var panel = page.Locator("section.panel[data-closed=false]");
        await Expect(panel).ToHaveCountAsync(1);
        await Expect(panel.Locator($"li[data-expert='{othersName}']")).ToContainTextAsync(othersState);
        await panel.Locator("input[name=score]").FillAsync(score);
        await panel.Locator("input[name=comment]").FillAsync("主导产业集中,孵化载体尚少");
        await panel.Locator("button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/experts$"));
    }

    [Fact]
    public async Task A_county_applies_two_experts_score_the_office_approves_and_the_new_provincial_zones_target_rises_by_one()
    {
        const string test = nameof(A_county_applies_two_experts_score_the_office_approves_and_the_new_provincial_zones_target_rises_by_one);
        var office = await SignedInAsync("office@example.org");
        var before = await NewProvincialZonesAsync(office);
        await browser.ScreenshotAsync(office, $"{test}-1-monitoring-before");

        // The office records Kangping county's application with the figures it sent.
        await office.GotoAsync("/applications");
        var form = office.Locator("#new-application");
        await form.Locator("select[name='Form.Kind']").SelectOptionAsync("new_provincial");
        await form.Locator("input[name='Form.Zone']").FillAsync("kangping");
        await form.Locator("input[name='Form.Year']").FillAsync("2018");
        await form.Locator("input[name='Form.Applicant']").FillAsync("康平县人民政府");
        await form.Locator("input[name='Form.Name']").FillAsync("康平县高新技术产业开发区");
        await form.Locator("input[name='Form.NameEn']").FillAsync("Kangping High-tech Zone");
        await form.Locator("input[name='Form.City']").FillAsync("沈阳市");
        await form.Locator("input[name='Form.County']").FillAsync("康平县");
        foreach (var (element, value) in new[] { ("area_km2", "8"), ("revenue", "120"), ("hte_count", "25"), ("leading_industry_revenue", "40"), ("incubators", "1") })
            await form.Locator($"input[name='Form.Figures[{element}]']").FillAsync(value);
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(office).ToHaveURLAsync(new Regex(@"/applications/\d+$"));
        var url = office.Url;
        await Expect(office.Locator("#status")).ToHaveTextAsync("已提交");
        await Expect(office.Locator("#conditions tbody tr[data-met=true]")).ToHaveCountAsync(5);

        await office.Locator("#step-check button").ClickAsync();
        await Expect(office.Locator("#status")).ToHaveTextAsync("已完成条件审查");
        await office.Locator("#step-review input[value='wang@example.org']").CheckAsync();
        await office.Locator("#step-review input[value='li@example.org']").CheckAsync();
        await office.Locator("#step-review button").ClickAsync();
        await Expect(office.Locator("#status")).ToHaveTextAsync("专家评审中");

        // Two experts score independently: Li sees that Wang scored, never his score, before the panel closes.
        var wang = await SignedInAsync("wang@example.org");
        await ScoreAsync(wang, "80", "li@example.org", "未评分");
        var li = await SignedInAsync("li@example.org");
        await ScoreAsync(li, "90", "wang@example.org", "已评分(保密)");
        await Expect(li.Locator("li[data-expert='wang@example.org']")).Not.ToContainTextAsync("80");
        await Expect(li.Locator("li[data-expert='li@example.org']")).ToContainTextAsync("90");
        await browser.ScreenshotAsync(li, $"{test}-2-expert-sealed");
        // The office does not see the scores either until it closes the review.
        await office.GotoAsync(url);
        await Expect(office.Locator("section.panel tr[data-expert='wang@example.org'] td.num")).ToHaveTextAsync("—");

        await office.Locator("#step-reviewed button").ClickAsync();
        await Expect(office.Locator("#review-score")).ToHaveTextAsync("85");
        await Expect(office.Locator("section.panel p.result")).ToContainTextAsync("标准差 5");
        await office.Locator("#step-approve input[name=act]").FillAsync("辽政〔2019〕88号");
        await office.Locator("#step-approve input[name=effectiveOn]").FillAsync("2019-09-20");
        await office.Locator("#step-approve button").ClickAsync();
        await Expect(office.Locator("#status")).ToHaveTextAsync("已批准");
        await Expect(office.Locator("#steps li")).ToHaveCountAsync(5);
        await browser.ScreenshotAsync(office, $"{test}-3-approved");

        // The zone is in the registry with its history, and the target counts the decision.
        await office.GotoAsync("/zones/kangping");
        await Expect(office.Locator("h1")).ToContainTextAsync("康平县高新技术产业开发区");
        Assert.Equal(before + 1, await NewProvincialZonesAsync(office));
        await browser.ScreenshotAsync(office, $"{test}-4-monitoring-after");
    }
}
