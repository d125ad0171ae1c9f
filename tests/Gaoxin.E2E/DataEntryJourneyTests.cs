using System.Text;
using System.Text.RegularExpressions;
using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gaoxin.E2E;

/// <summary>
/// The reporting journey in Chromium: a zone operator fills in and submits the zone's 2019 figures, the provincial
/// office approves them, and the figures then appear in the export and the audit.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class DataEntryJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private readonly SqliteTestStore _store = new();
    private RunningServer _server = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        var db = ((ITestStore)_store).DbArgument;
        foreach (var args in new[]
        {
            new[] { "users", "add", "--email", "office@example.org", "--role", "admin", "--password", Password },
            ["users", "add", "--email", "shenyang@example.org", "--role", "zone_operator", "--zone", "shenyang", "--password", Password],
        })
        {
            var result = await CliRun.RunAsync([.. args, "--db", db]);
            Assert.True(result.ExitCode == 0, result.Error);
        }
        // Last year's approved figures, shown beside each field.
        var history = Path.Combine(Directory.CreateTempSubdirectory().FullName, "2018.csv");
        await File.WriteAllTextAsync(history, "zone,year,element,value\nshenyang,2018,gdp,1400\nshenyang,2018,revenue,3900\nshenyang,2018,hte_count,700\nshenyang,2018,enterprise_count,5000\n", new UTF8Encoding(false));
        Assert.Equal(0, (await CliRun.RunAsync("data", "import", history, "--approve", "--db", db)).ExitCode);

        _server = await RunningServer.StartAsync(((ITestStore)_store).Location);
        _page = await browser.NewPageAsync(_server.Address);
    }

    public async Task DisposeAsync()
    {
        if (_page is not null) await _page.Context.CloseAsync();
        if (_server is not null) await _server.DisposeAsync();
        await _store.DisposeAsync();
    }

    private Task SignInAsync(string email) => BrowserFixture.SignInAsync(_page, email, Password);

    private async Task SignOutAsync()
    {
        await _page.Locator("#logout").ClickAsync();
        await Expect(_page.Locator("#login-link")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Zone_operator_submits_2019_office_approves_and_the_figures_reach_export_and_audit()
    {
        const string test = nameof(Zone_operator_submits_2019_office_approves_and_the_figures_reach_export_and_audit);

        // The zone operator fills in the form; last year's figures stand beside the fields.
        await SignInAsync("shenyang@example.org");
        await _page.GotoAsync("/zones/shenyang/data/2019");
        await Expect(_page.Locator("#state")).ToHaveTextAsync("未填报");
        await Expect(_page.Locator("tr[data-element=gdp]")).ToContainTextAsync("1400");
        await _page.Locator("input[name='Values[gdp]']").FillAsync("1500");
        await _page.Locator("input[name='Values[revenue]']").FillAsync("4200");
        await _page.Locator("input[name='Values[enterprise_count]']").FillAsync("5300");
        await _page.Locator("input[name='Values[hte_count]']").FillAsync("760");
        await browser.ScreenshotAsync(_page, $"{test}-1-form");
        await _page.Locator("#submit").ClickAsync();
        await Expect(_page.Locator("#state")).ToHaveTextAsync("已提交");
        await Expect(_page.Locator(".notice")).ToContainTextAsync("已提交");
        await browser.ScreenshotAsync(_page, $"{test}-2-submitted");
        await SignOutAsync();

        // Before approval the public sees nothing of it.
        await _page.GotoAsync("/zones/shenyang/data/2019");
        await Expect(_page.Locator("#approved tr[data-element=gdp]")).ToContainTextAsync("—");

        // The office reviews: each figure beside last year's and the change (1400 → 1500: +100, +7.1%), the decision bar stays
        // at the top while the figures scroll, and approving asks for a confirmation first (Esc backs out of it, nothing changes).
        await SignInAsync("office@example.org");
        await _page.GotoAsync("/zones/shenyang/data/2019");
        await Expect(_page.Locator("#review")).ToBeVisibleAsync();
        await Expect(_page.Locator("#review tr[data-element=gdp] [data-absolute]")).ToHaveTextAsync("+100");
        await Expect(_page.Locator("#review tr[data-element=gdp] [data-percent]")).ToHaveTextAsync("+7.1%");
        await _page.Locator("#audit").ScrollIntoViewIfNeededAsync();
        var bar = await _page.Locator("#review-bar").BoundingBoxAsync();
        Assert.True(bar is { Y: >= 0 and < 5 }, $"the review bar is at {bar?.Y} after scrolling, not at the top of the screen");
        await _page.Locator("#approve").FocusAsync();
        await _page.Keyboard.PressAsync("Enter");
        var dialog = _page.Locator("#approve-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await browser.ScreenshotAsync(_page, $"{test}-3-confirm");
        await _page.Keyboard.PressAsync("Escape");
        await Expect(dialog).Not.ToBeVisibleAsync();
        await Expect(_page.Locator("#state")).ToHaveTextAsync("已提交");
        await _page.Locator("#approve").ClickAsync();
        await _page.Locator("#approve-confirm").ClickAsync();
        await Expect(_page.Locator("#state")).ToHaveTextAsync("已批准");
        var audit = _page.Locator("#audit");
        await Expect(audit).ToContainTextAsync("批准");
        await Expect(audit).ToContainTextAsync("提交");
        await Expect(audit.Locator("tr", new() { HasText = "地区生产总值" })).ToContainTextAsync("1500");
        await Expect(audit).ToContainTextAsync("shenyang@example.org");
        await browser.ScreenshotAsync(_page, $"{test}-4-approved");

        // The approved figures are in the export, and on the public page.
        var export = await _page.Context.APIRequest.GetAsync("/data/export/2019.csv");
        var csv = await export.TextAsync();
        Assert.Contains("shenyang,2019,gdp,1500", csv);
        Assert.Contains("shenyang,2019,hte_count,760", csv);
        await SignOutAsync();
        await _page.GotoAsync("/zones/shenyang/data/2019");
        await Expect(_page.Locator("#approved tr[data-element=gdp]")).ToContainTextAsync("1500");
        await browser.ScreenshotAsync(_page, $"{test}-5-public");
    }

    [Fact]
    public async Task On_a_390_pixel_phone_the_zone_operator_opens_the_menu_fills_in_a_figure_and_saves_it()
    {
        const string test = nameof(On_a_390_pixel_phone_the_zone_operator_opens_the_menu_fills_in_a_figure_and_saves_it);
        await using var phone = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            BaseURL = _server.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await phone.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "shenyang@example.org", Password);

        // The navigation is folded into a menu button; it opens and closes, and says so.
        var menu = page.Locator("#menu-button");
        var dataLink = page.Locator("#site-nav a[href='/data']");
        await Expect(dataLink).Not.ToBeVisibleAsync();
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await menu.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(dataLink).ToBeVisibleAsync();
        var header = await page.Locator("header.site").BoundingBoxAsync();
        Assert.True(header!.Width <= 390, $"header {header.Width} px wide");
        await browser.ScreenshotAsync(page, $"{test}-1-menu");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dataLink).Not.ToBeVisibleAsync();

        // The form: each figure a card that fits the screen; the field is found by its label and saved.
        await page.GotoAsync("/zones/shenyang/data/2019");
        var field = page.GetByLabel("地区生产总值(亿元),2019 年", new() { Exact = true });
        await Expect(field).ToHaveAttributeAsync("name", "Values[gdp]");
        await Expect(field).ToBeVisibleAsync();
        var box = await field.BoundingBoxAsync();
        Assert.True(box!.X >= 0 && box.X + box.Width <= 390, $"the gdp field lies at {box.X}–{box.X + box.Width} px");
        Assert.Empty(await page.EvaluateAsync<string[]>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth ? ['page scrolls sideways'] : []"));
        await field.TapAsync();
        await field.FillAsync("1520");
        await browser.ScreenshotAsync(page, $"{test}-2-form");
        await page.Locator("#save").TapAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("草稿已保存");
        await page.GotoAsync("/zones/shenyang/data/2019");
        await Expect(page.Locator("input[name='Values[gdp]']")).ToHaveValueAsync("1520");
        await Expect(page.Locator("#state")).ToHaveTextAsync("草稿");
        await browser.ScreenshotAsync(page, $"{test}-3-saved");
    }

    [Fact]
    public async Task A_rule_violation_is_shown_at_its_field_and_blocks_submission()
    {
        await SignInAsync("shenyang@example.org");
        await _page.GotoAsync("/zones/shenyang/data/2019");
        await _page.Locator("input[name='Values[enterprise_count]']").FillAsync("100");
        await _page.Locator("input[name='Values[hte_count]']").FillAsync("101");
        await _page.Locator("#submit").ClickAsync();

        await Expect(_page.Locator("tr[data-element=hte_count]")).ToHaveClassAsync(new Regex("has-error"));
        await Expect(_page.Locator("#problems")).ToContainTextAsync("高新技术企业数不能超过入统企业数");
        await Expect(_page.Locator("#state")).Not.ToHaveTextAsync("已提交");
        await browser.ScreenshotAsync(_page, nameof(A_rule_violation_is_shown_at_its_field_and_blocks_submission));
    }

    [Fact]
    public async Task On_a_390_pixel_phone_the_office_reviews_with_the_bar_in_view_and_reads_the_overview_scrolling_inside_its_box()
    {
        const string test = nameof(On_a_390_pixel_phone_the_office_reviews_with_the_bar_in_view_and_reads_the_overview_scrolling_inside_its_box);
        await SignInAsync("shenyang@example.org");
        await _page.GotoAsync("/zones/shenyang/data/2019");
        await _page.Locator("input[name='Values[gdp]']").FillAsync("1450");
        await _page.Locator("#submit").ClickAsync();
        await Expect(_page.Locator("#state")).ToHaveTextAsync("已提交");

        await using var phone = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            BaseURL = _server.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await phone.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "office@example.org", Password);
        const string sideways = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth ? ['page scrolls sideways'] : []";

        // The review: the bar stays at the top of the phone's screen below the figures, and the confirmation fits the screen.
        await page.GotoAsync("/zones/shenyang/data/2019");
        Assert.Empty(await page.EvaluateAsync<string[]>(sideways));
        await page.Locator("#review tr[data-element=enterprise_count]").ScrollIntoViewIfNeededAsync();
        var bar = await page.Locator("#review-bar").BoundingBoxAsync();
        Assert.True(bar is { Y: >= 0 and < 5 } && bar.X >= 0 && bar.X + bar.Width <= 390, $"the review bar lies at {bar?.X},{bar?.Y} ({bar?.Width} px wide)");
        await page.Locator("#approve").TapAsync();
        var dialog = await page.Locator("#approve-dialog").BoundingBoxAsync();
        Assert.True(dialog is { X: >= 0 } && dialog.X + dialog.Width <= 390, $"the confirmation lies at {dialog?.X}–{dialog?.X + dialog?.Width} px");
        await browser.ScreenshotAsync(page, $"{test}-1-confirm");
        await page.Locator("#approve-confirm").TapAsync();
        await Expect(page.Locator("#state")).ToHaveTextAsync("已批准");

        // The overview: the table scrolls inside its box and the zone column stays at the box's left edge.
        await page.GotoAsync("/data?year=2019&group=core");
        Assert.Empty(await page.EvaluateAsync<string[]>(sideways));
        var box = page.Locator(".overview");
        Assert.True(await box.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), "the overview's box does not scroll");
        await box.EvaluateAsync("e => e.scrollLeft = 400");
        var left = (await box.BoundingBoxAsync())!.X;
        var zone = (await page.Locator("#approved-table tr[data-unit=shenyang] th").BoundingBoxAsync())!.X;
        Assert.True(Math.Abs(zone - left) < 2, $"the zone column moved to {zone} px with the box at {left} px");
        await Expect(page.Locator("#approved-table th[data-element=gdp]")).ToContainTextAsync("(亿元)");
        await browser.ScreenshotAsync(page, $"{test}-2-overview");
    }
}
