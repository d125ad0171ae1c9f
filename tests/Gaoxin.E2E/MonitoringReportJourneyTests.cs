using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gaoxin.E2E;

/// <summary>
/// The 2019 monitoring report in Chromium: Dalian reports progress on its task and sends its self-assessment, the office accepts it, writes
/// the overview, sends the report for review and publishes it; a visitor reads every chapter with the targets' values, prints it on A4 and
/// downloads the .docx, which is read back.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class MonitoringReportJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private const string DalianTask = "institutions.reform.column1.pilots.dalian";
    private readonly SqliteTestStore _store = new();
    private RunningServer _server = null!;
    private readonly List<IPage> _pages = [];

    public async Task InitializeAsync()
    {
        var db = ((ITestStore)_store).DbArgument;
        Assert.Equal(0, (await CliRun.RunAsync("demo", "seed", "--db", db)).ExitCode);
        var run = await CliRun.RunAsync("evaluate", "--year", "2019", "--db", db);
        var id = Regex.Match(run.Output, @"Run (\d+) recorded").Groups[1].Value;
        Assert.Equal(0, (await CliRun.RunAsync("evaluate", "publish", id, "--db", db)).ExitCode);
        foreach (var args in new[]
                 {
                     new[] { "users", "add", "--email", "office@example.org", "--role", "admin", "--password", Password },
                     ["users", "add", "--email", "dalian@example.org", "--role", "zone_operator", "--zone", "dalian", "--password", Password],
                 })
            Assert.Equal(0, (await CliRun.RunAsync([.. args, "--db", db])).ExitCode);
        _server = await RunningServer.StartAsync(((ITestStore)_store).Location);
    }

    public async Task DisposeAsync()
    {
        foreach (var page in _pages) await page.Context.CloseAsync();
        if (_server is not null) await _server.DisposeAsync();
        await _store.DisposeAsync();
    }

    private async Task<IPage> PageAsync(string? email)
    {
        var page = await browser.NewPageAsync(_server.Address);
        _pages.Add(page);
        if (email is not null) await BrowserFixture.SignInAsync(page, email, Password);
        return page;
    }

    [Fact]
    public async Task The_2019_report_is_written_published_printed_on_A4_and_downloaded_as_a_document()
    {
        const string test = nameof(The_2019_report_is_written_published_printed_on_A4_and_downloaded_as_a_document);
        var progress = await _server.Client.GetFromJsonAsync<JsonElement>("/api/plans/liaoning-2017-2020/progress?year=2019");
        var rd = progress.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "rd_intensity").GetProperty("value").GetDecimal();
        var rdText = rd.ToString("#,0.##", CultureInfo.InvariantCulture);

        // Dalian: progress on its task, then the five sections of its self-assessment.
        var zone = await PageAsync("dalian@example.org");
        await zone.GotoAsync("/zones/report/2019");
        await zone.Locator($"select[name='status_{DalianTask}']").SelectOptionAsync("on_track");
        await zone.Locator($"textarea[name='narrative_{DalianTask}']").FillAsync("高新区管委会改革试点方案已获批");
        await zone.Locator($"textarea[name='evidence_{DalianTask}']").FillAsync("大政发〔2019〕12号");
        await zone.Locator("#save-tasks").ClickAsync();
        await Expect(zone.Locator("#notice")).ToHaveTextAsync("任务进展已保存。");
        foreach (var (section, text) in new[] { ("targets", "研发投入强度稳步提高"), ("tasks", "改革试点推进"), ("measures", "设立专项资金"), ("problems", "高端人才不足"), ("next_year", "引进领军人才") })
            await zone.Locator($"textarea[name=s_{section}]").FillAsync(text);
        await zone.Locator("#submit-assessment").ClickAsync();
        await Expect(zone.Locator("#assessment-status")).ToHaveTextAsync("已提交");
        await browser.ScreenshotAsync(zone, $"{test}-1-zone");

        // The office accepts it, writes the overview, sends the report for review and publishes it.
        var office = await PageAsync("office@example.org");
        await office.GotoAsync("/monitoring/reports/self-assessments/2019");
        await office.Locator("#sa-dalian button.primary").ClickAsync();
        await Expect(office.Locator("#sa-dalian")).ToHaveAttributeAsync("data-status", "accepted");
        await office.GotoAsync("/monitoring/reports/2019");
        await Expect(office.Locator("#edition-state")).ToHaveTextAsync("预览(尚无草稿)");
        await office.Locator("#open-draft").ClickAsync();
        await office.Locator("textarea[name=n_summary]").FillAsync("2019年,全省高新区研发投入稳步提高,重点任务有序推进。");
        await office.Locator("#save-narratives").ClickAsync();
        await office.Locator("#step-submit").ClickAsync();
        await Expect(office.Locator("#edition-state")).ToContainTextAsync("审核中");
        await office.Locator("#step-publish").ClickAsync();
        await Expect(office.Locator("#edition-state")).ToContainTextAsync("已发布");

        // A visitor reads the published report: eight chapters, the targets' 2019 values, Dalian's task and self-assessment, the ranking.
        var visitor = await PageAsync(null);
        await visitor.GotoAsync("/monitoring/reports/2019");
        await Expect(visitor.Locator("h1#report-title")).ToContainTextAsync("2019年度监测报告");
        await Expect(visitor.Locator("section.chapter")).ToHaveCountAsync(8);
        await Expect(visitor.Locator("#draft-mark")).ToHaveCountAsync(0);
        await Expect(visitor.Locator("#chapter-summary .narrative")).ToHaveTextAsync("2019年,全省高新区研发投入稳步提高,重点任务有序推进。");
        await Expect(visitor.Locator("#table-targets tr[data-key=rd_intensity] td").Nth(6)).ToHaveTextAsync(rdText);
        await Expect(visitor.Locator($"#table-tasks tr[data-key='{DalianTask}']")).ToContainTextAsync("高新区管委会改革试点方案已获批");
        await Expect(visitor.Locator("#chapter-self_assessments .self-assessment[data-zone=dalian]")).ToContainTextAsync("高端人才不足");
        await Expect(visitor.Locator("#table-evaluation tbody tr")).ToHaveCountAsync(15);
        await browser.ScreenshotAsync(visitor, $"{test}-2-report");

        await visitor.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(visitor.Locator("#report-tools")).ToBeHiddenAsync();
        var pdf = await visitor.PdfAsync(new() { Format = "A4", PrintBackground = true });
        var pages = Regex.Matches(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page(?!s)").Count;
        Assert.True(pages > 1, $"the A4 print has {pages} page(s)");
        await visitor.EmulateMediaAsync(new() { Media = Media.Screen });

        var download = await visitor.RunAndWaitForDownloadAsync(() => visitor.Locator("#download-docx").ClickAsync());
        Assert.Equal("gaoxin-monitoring-yearly-2019.docx", download.SuggestedFilename);
        var file = Path.Combine(Path.GetTempPath(), $"gaoxin-report-{Guid.NewGuid():N}.docx");
        await download.SaveAsAsync(file);
        using (var document = WordprocessingDocument.Open(file, false))
        {
            var body = document.MainDocumentPart!.Document.Body!;
            Assert.Contains("2019年,全省高新区研发投入稳步提高,重点任务有序推进。", body.InnerText);
            var row = body.Descendants<TableRow>().Single(r => r.Elements<TableCell>().First().InnerText == "rd_intensity").Elements<TableCell>().ToList();
            Assert.Equal(rdText, row[7].InnerText);
            Assert.Contains("高端人才不足", body.InnerText);
        }
        File.Delete(file);
    }
}
