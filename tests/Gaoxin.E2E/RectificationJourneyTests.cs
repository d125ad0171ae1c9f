using System.Text.RegularExpressions;
using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gaoxin.E2E;

/// <summary>
/// A failing zone's rectification through the pages: the office publishes the 2019 evaluation and Suizhong, graded fail, gets a
/// yellow card and a case; the office notifies; the zone submits a plan, which is returned and then accepted; the zone reports
/// progress; the office's re-check lifts the card. The zone's history, the bulletin and the monitoring report show it. Zones that
/// fail two years running end in a delisting proposal (provincial Suizhong) and a report to the ministry (national Fuxin).
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class RectificationJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private readonly SqliteTestStore _store = new();
    private RunningServer _server = null!;
    private IPage _office = null!;
    private IPage _zone = null!;

    public async Task InitializeAsync()
    {
        var db = ((ITestStore)_store).DbArgument;
        Assert.Equal(0, (await CliRun.RunAsync("demo", "seed", "--db", db)).ExitCode);
        foreach (var args in new[]
                 {
                     new[] { "users", "add", "--email", "office@example.org", "--role", "admin", "--password", Password },
                     ["users", "add", "--email", "suizhong@example.org", "--role", "zone_operator", "--zone", "suizhong", "--password", Password],
                 })
            Assert.Equal(0, (await CliRun.RunAsync([.. args, "--db", db])).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync("evaluate", "--year", "2019", "--db", db)).ExitCode);
        _server = await RunningServer.StartAsync(((ITestStore)_store).Location);
        _office = await browser.NewPageAsync(_server.Address);
        _zone = await browser.NewPageAsync(_server.Address);
    }

    public async Task DisposeAsync()
    {
        if (_office is not null) await _office.Context.CloseAsync();
        if (_zone is not null) await _zone.Context.CloseAsync();
        if (_server is not null) await _server.DisposeAsync();
        await _store.DisposeAsync();
    }

    private static async Task StepAsync(IPage page, string step, string? decision = null, string? comment = null)
    {
        var form = page.Locator($"#form-{step}");
        if (decision is not null) await form.Locator($"input[name=decision][value={decision}]").CheckAsync();
        if (comment is not null) await form.Locator("textarea[name=comment]").FillAsync(comment);
        await form.Locator("button[type=submit]").ClickAsync();
    }

    private static async Task SubmitPlanAsync(IPage page, string measures)
    {
        await page.Locator("#measures").FillAsync(measures);
        await page.Locator("#responsible").FillAsync("管委会主任");
        await page.Locator("#deadlines").FillAsync("次年6月30日前");
        await StepAsync(page, "plan_submitted");
    }

    /// <summary>
    /// Publishes the shown run as the office does: the publish button does nothing until the confirmation is ticked (the
    /// browser refuses the form), then the run is published.
    /// </summary>
    private static async Task PublishAsync(IPage page)
    {
        await page.Locator("#publish").ClickAsync();
        await Expect(page.Locator("#publish")).ToBeVisibleAsync();
        Assert.False(await page.Locator("#publish-confirm").EvaluateAsync<bool>("box => box.checkValidity()"));
        await page.Locator("#publish-confirm").CheckAsync();
        await page.Locator("#publish").ClickAsync();
        await Expect(page.Locator("#publish")).ToHaveCountAsync(0);
    }

    private static Task StatusIsAsync(IPage page, string status) => Expect(page.Locator("#case-status")).ToHaveAttributeAsync("data-status", status);

    [Fact]
    public async Task A_failing_zone_rectifies_after_its_yellow_card_and_the_recheck_lifts_the_card()
    {
        const string test = nameof(A_failing_zone_rectifies_after_its_yellow_card_and_the_recheck_lifts_the_card);
        await BrowserFixture.SignInAsync(_office, "office@example.org", Password);
        await BrowserFixture.SignInAsync(_zone, "suizhong@example.org", Password);

        // The office publishes the year's evaluation: every yellow card opens a case.
        await _office.GotoAsync("/evaluation?year=2019");
        await PublishAsync(_office);
        await _office.GotoAsync("/cases?year=2019");
        await Expect(_office.Locator("#cases tbody tr")).ToHaveCountAsync(3);
        var row = _office.Locator("#cases tr[data-zone=suizhong]");
        await Expect(row).ToHaveAttributeAsync("data-status", "opened");
        await row.Locator("a").First.ClickAsync();
        await Expect(_office).ToHaveURLAsync(new Regex(@"/cases/\d+$"));
        var url = new Uri(_office.Url).AbsolutePath;
        await StepAsync(_office, "notice", comment: "2019年度考核不合格,通报批评并亮黄牌,限期整改。");
        await StatusIsAsync(_office, "notified");
        await browser.ScreenshotAsync(_office, $"{test}-1-notified");

        // The zone sees its own case only, and submits a plan; the office returns it.
        await _zone.GotoAsync("/cases");
        await Expect(_zone.Locator("#cases tbody tr")).ToHaveCountAsync(1);
        await _zone.GotoAsync(url);
        await Expect(_zone.Locator("#form-notice")).ToHaveCountAsync(0);
        await SubmitPlanAsync(_zone, "加强统计");
        await StatusIsAsync(_zone, "plan_submitted");
        await _office.GotoAsync(url);
        await StepAsync(_office, "plan_review", "returned", "措施不具体,请明确研发投入和孵化载体的目标。");
        await StatusIsAsync(_office, "plan_returned");

        // Resubmitted, accepted; the zone reports progress.
        await _zone.GotoAsync(url);
        await SubmitPlanAsync(_zone, "研发投入强度提高到2.5%;新建省级孵化器一家;完善统计制度");
        await _office.GotoAsync(url);
        await StepAsync(_office, "plan_review", "accepted", "同意");
        await StatusIsAsync(_office, "plan_accepted");
        await _zone.GotoAsync(url);
        await StepAsync(_zone, "progress", comment: "孵化器已获批,研发投入统计已整改。");
        await StatusIsAsync(_zone, "in_progress");
        await browser.ScreenshotAsync(_zone, $"{test}-2-progress");

        // The re-check lifts the card.
        await _office.GotoAsync(url);
        await StepAsync(_office, "recheck", "rectified", "整改到位。");
        await StatusIsAsync(_office, "closed");
        await Expect(_office.Locator("#case-steps li[data-step]")).ToHaveCountAsync(7);
        await browser.ScreenshotAsync(_office, $"{test}-3-closed");

        await _office.GotoAsync("/zones/suizhong");
        await Expect(_office.Locator("#history tbody tr").Last).ToContainTextAsync("整改完成");
        await Expect(_office.Locator("#open-cases")).ToHaveCountAsync(0);
        await _office.GotoAsync("/evaluation/2019/bulletin");
        await Expect(_office.Locator("#bulletin-cases li[data-zone=suizhong]")).ToHaveAttributeAsync("data-status", "closed");
        await Expect(_office.Locator("#bulletin-cases li[data-zone=fuxin]")).ToHaveAttributeAsync("data-status", "opened");
        await browser.ScreenshotAsync(_office, $"{test}-4-bulletin");

        // The year's monitoring report lists the cases with their status in words.
        await _office.GotoAsync("/monitoring/reports/2019");
        await Expect(CaseRow(_office, "绥中高新区")).ToContainTextAsync("已结案");
        await Expect(CaseRow(_office, "阜新高新区")).ToContainTextAsync("已立案");
    }

    private static ILocator CaseRow(IPage page, string zoneName, int year = 2019) =>
        page.Locator($"#table-cases tbody tr[data-key='{zoneName}']").Filter(new() { Has = page.Locator("td", new() { HasTextRegex = new Regex($"^{year}$") }) });

    [Fact]
    public async Task Zones_failing_two_years_running_end_in_a_delisting_proposal_or_a_report_to_the_ministry()
    {
        const string test = nameof(Zones_failing_two_years_running_end_in_a_delisting_proposal_or_a_report_to_the_ministry);
        Assert.Equal(0, (await CliRun.RunAsync("evaluate", "--year", "2018", "--db", ((ITestStore)_store).DbArgument)).ExitCode);
        await BrowserFixture.SignInAsync(_office, "office@example.org", Password);

        // 2018: Suizhong (provincial) and Fuxin (national) fail and get a yellow card and a case each; the office notifies both.
        await _office.GotoAsync("/evaluation?year=2018");
        await PublishAsync(_office);
        foreach (var zone in new[] { "suizhong", "fuxin" })
        {
            await _office.GotoAsync("/cases?year=2018");
            var row = _office.Locator($"#cases tr[data-zone={zone}]");
            await Expect(row).ToHaveAttributeAsync("data-status", "opened");
            await row.Locator("a").First.ClickAsync();
            await StepAsync(_office, "notice", comment: "2018年度考核不合格,通报批评并亮黄牌,限期整改。");
            await StatusIsAsync(_office, "notified");
        }
        await _office.GotoAsync("/monitoring/reports/2018");
        await Expect(CaseRow(_office, "绥中高新区", 2018)).ToContainTextAsync("已通报");

        // 2019: both fail again. Publishing closes each 2018 case with the evaluation's decision and opens the year's case.
        await _office.GotoAsync("/evaluation?year=2019");
        await PublishAsync(_office);
        await _office.GotoAsync("/cases?year=2018");
        await Expect(_office.Locator("#cases tr[data-zone=suizhong]")).ToHaveAttributeAsync("data-status", "closed");
        await Expect(_office.Locator("#cases tr[data-zone=fuxin]")).ToHaveAttributeAsync("data-status", "closed");
        await _office.Locator("#cases tr[data-zone=suizhong] a").First.ClickAsync();
        await Expect(_office.Locator("#case-steps li[data-step]").Last).ToContainTextAsync("建议摘牌");
        await browser.ScreenshotAsync(_office, $"{test}-1-closed-by-evaluation");
        await _office.GotoAsync("/cases?year=2019");
        await Expect(_office.Locator("#cases tr[data-zone=suizhong]")).ToHaveAttributeAsync("data-status", "opened");

        // The zones' histories, the bulletin and the 2018 monitoring report show where each ended.
        await _office.GotoAsync("/zones/suizhong");
        await Expect(_office.Locator("#history tbody")).ToContainTextAsync("建议摘牌");
        await _office.GotoAsync("/zones/fuxin");
        await Expect(_office.Locator("#history tbody")).ToContainTextAsync("报请科技部处理");
        await Expect(_office.Locator("#open-cases")).ToContainTextAsync("2019");
        await _office.GotoAsync("/evaluation/2019/bulletin");
        await Expect(_office.Locator("#bulletin-cases li[data-zone=suizhong]")).ToHaveAttributeAsync("data-status", "opened");
        await _office.GotoAsync("/monitoring/reports/2018");
        await Expect(CaseRow(_office, "绥中高新区", 2018)).ToContainTextAsync("已结案");
        await Expect(CaseRow(_office, "阜新高新区", 2018)).ToContainTextAsync("已结案");
        await Expect(CaseRow(_office, "绥中高新区", 2019)).ToContainTextAsync("已立案");
        await browser.ScreenshotAsync(_office, $"{test}-2-report");
    }
}
