using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Gaoxin.Data;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>
/// The yearly monitoring report and the mid-term review on both providers. Every zone reports R&amp;D expenditure 1.6, 2.0 and 2.5 on a GDP of
/// 100 for 2016, 2018 and 2019, so the R&amp;D intensity target (2.8 % by 2020, baseline the base year's 1.6 %) reads 2.5 in 2019: +0.5 on 2018
/// (+25 %), (2.5 − 1.6) / (2.8 − 1.6) = 75 % of the way with 75 % of the period gone; and 2.0 at mid-term (2018), +0.4 since 2016, a third of the way.
/// The .docx and .xlsx are read back; a published edition never changes; a zone's draft self-assessment is its own; the office returns and accepts.
/// </summary>
public abstract class MonitoringReportSpec(ITestStore store) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private const string DalianTask = "institutions.reform.column1.pilots.dalian";
    private RunningServer _server = null!;
    private HttpClient _office = null!;
    private HttpClient _shenyang = null!;
    private HttpClient _dalian = null!;

    public async Task InitializeAsync()
    {
        foreach (var (email, role, zone) in new[] { ("office@example.org", "admin", (string?)null), ("sy@example.org", "zone_operator", "shenyang"),
                     ("dl@example.org", "zone_operator", "dalian") })
            Assert.Equal(0, (await CliRun.RunAsync(["users", "add", "--email", email, "--role", role, "--password", Password,
                .. zone is null ? Array.Empty<string>() : ["--zone", zone], "--db", store.DbArgument])).ExitCode);
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            var zones = await db.Zones.Select(z => z.Code).OrderBy(z => z).ToListAsync();
            var lines = new List<string> { "zone,year,element,value" };
            foreach (var zone in zones)
            foreach (var (year, rd) in new[] { (2016, "1.6"), (2018, "2.0"), (2019, "2.5") })
            {
                lines.Add($"{zone},{year},gdp,100");
                lines.Add($"{zone},{year},rd_expenditure,{rd}");
            }
            var csv = Path.Combine(Path.GetTempPath(), $"gaoxin-report-{Guid.NewGuid():N}.csv");
            await File.WriteAllLinesAsync(csv, lines);
            Assert.Equal(0, (await CliRun.RunAsync("data", "import", csv, "--approve", "--db", store.DbArgument)).ExitCode);
            File.Delete(csv);
        }
        _server = await RunningServer.StartAsync(store.Location);
        _office = await _server.TokenClientAsync(store, "office@example.org");
        _shenyang = await _server.TokenClientAsync(store, "sy@example.org");
        _dalian = await _server.TokenClientAsync(store, "dl@example.org");
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { _office, _shenyang, _dalian }) client.Dispose();
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string> CodeOf(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    /// <summary>Opens a draft of 2019's yearly report, writes the summary, sends it for review and publishes it; returns the last version.</summary>
    private async Task<int> PublishAsync(string summary)
    {
        var edition = await JsonOf(await _office.PostAsJsonAsync("/api/monitoring/reports/2019/draft", new { kind = "yearly" }));
        var version = edition.GetProperty("version").GetInt32();
        version = (await JsonOf(await _office.PutAsJsonAsync("/api/monitoring/reports/2019/narratives",
            new { version, narratives = new Dictionary<string, string> { ["summary"] = summary } }))).GetProperty("version").GetInt32();
        version = (await JsonOf(await _office.PostAsJsonAsync("/api/monitoring/reports/2019/submit", new { version }))).GetProperty("version").GetInt32();
        var published = await JsonOf(await _office.PostAsJsonAsync("/api/monitoring/reports/2019/publish", new { version }));
        Assert.Equal("published", published.GetProperty("status").GetString());
        return published.GetProperty("version").GetInt32();
    }

    private static JsonElement Target(JsonElement report, string id) =>
        report.GetProperty("document").GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("id").GetString() == id);

    [Fact]
    public async Task The_published_2019_report_reads_back_from_docx_and_xlsx_with_year_on_year_and_plan_period_figures()
    {
        await PublishAsync("2019年各高新区研发投入稳步提高。");

        var docx = await _server.Client.GetAsync("/monitoring/reports/2019.docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using (var document = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            // A document Word opens without repair: valid against the Office schema.
            Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));
            var body = document.MainDocumentPart!.Document.Body!;
            Assert.Contains("2019年各高新区研发投入稳步提高。", body.InnerText);
            Assert.Contains(body.Descendants<Paragraph>(), p => p.InnerText.Contains("2019") && p.InnerText.Contains("监测报告"));
            var row = body.Descendants<TableRow>().Single(r => r.Elements<TableCell>().First().InnerText == "rd_intensity")
                .Elements<TableCell>().Select(c => c.InnerText).ToList();
            // Goal, goal year, baseline, 2018, 2019, change, change %, share of the way %, time elapsed %.
            Assert.Equal(["2.8", "2020", "1.6", "2", "2.5", "0.5", "25", "75", "75"], row.Skip(3).Take(9));
            var size = document.MainDocumentPart.Document.Body!.Elements<SectionProperties>().Single().GetFirstChild<PageSize>()!;
            Assert.Equal((11906U, 16838U), (size.Width!.Value, size.Height!.Value));
        }

        var xlsx = await _server.Client.GetAsync("/monitoring/reports/2019.xlsx");
        using (var workbook = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            var targets = workbook.Worksheet(1);
            var row = targets.RowsUsed().Single(r => r.Cell(1).GetString() == "rd_intensity");
            Assert.Equal((2.8m, 1.6m, 2m, 2.5m), (row.Cell(4).GetValue<decimal>(), row.Cell(6).GetValue<decimal>(), row.Cell(7).GetValue<decimal>(), row.Cell(8).GetValue<decimal>()));
            Assert.Equal((0.5m, 25m, 75m, 75m), (row.Cell(9).GetValue<decimal>(), row.Cell(10).GetValue<decimal>(), row.Cell(11).GetValue<decimal>(), row.Cell(12).GetValue<decimal>()));
            // Targets, tasks, registries and cases: no evaluation of 2019 is published here, so it has no sheet.
            Assert.Equal(4, workbook.Worksheets.Count);
        }
    }

    [Fact]
    public async Task A_published_edition_never_changes_and_a_new_edition_is_a_new_draft()
    {
        var version = await PublishAsync("第一版");
        Assert.Equal("report_published", await CodeOf(await _office.PutAsJsonAsync("/api/monitoring/reports/2019/narratives",
            new { version, narratives = new Dictionary<string, string> { ["summary"] = "改写" } }), HttpStatusCode.Conflict));
        Assert.Equal("report_published", await CodeOf(await _office.PostAsJsonAsync("/api/monitoring/reports/2019/return", new { version }), HttpStatusCode.Conflict));

        // Dalian reports progress after publication: the published edition (its snapshot) does not show it.
        Assert.Equal(HttpStatusCode.NoContent, (await _dalian.PutAsJsonAsync("/api/monitoring/reports/2019/zones/dalian/tasks",
            new { tasks = new[] { new { task = DalianTask, status = "done", narrative = "试点完成", evidence = "辽政发〔2019〕1号" } } })).StatusCode);
        var published = await JsonOf(await _server.Client.GetAsync("/api/monitoring/reports/2019"));
        Assert.Equal(1, published.GetProperty("edition").GetProperty("edition").GetInt32());
        Assert.DoesNotContain(published.GetProperty("document").GetProperty("tasks").EnumerateArray(), t => t.GetProperty("id").GetString() == DalianTask);
        Assert.Equal("第一版", published.GetProperty("document").GetProperty("narratives").GetProperty("summary").GetString());

        // A new edition starts from the published narratives and today's data; visitors still see edition 1 until it is published.
        var second = await JsonOf(await _office.PostAsJsonAsync("/api/monitoring/reports/2019/draft", new { kind = "yearly" }));
        Assert.Equal((2, "draft"), (second.GetProperty("edition").GetInt32(), second.GetProperty("status").GetString()));
        var draft = await JsonOf(await _office.GetAsync("/api/monitoring/reports/2019"));
        var task = draft.GetProperty("document").GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetString() == DalianTask);
        Assert.Equal("试点完成", task.GetProperty("zones")[0].GetProperty("narrative").GetString());
        Assert.Equal("第一版", draft.GetProperty("document").GetProperty("narratives").GetProperty("summary").GetString());
        Assert.Equal(1, (await JsonOf(await _server.Client.GetAsync("/api/monitoring/reports/2019"))).GetProperty("edition").GetProperty("edition").GetInt32());

        // A stale version is refused; every step is audited.
        Assert.Equal("stale", await CodeOf(await _office.PostAsJsonAsync("/api/monitoring/reports/2019/submit", new { version = 99 }), HttpStatusCode.Conflict));
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var actions = await db.Audit.Where(a => a.ElementCode == "monitoring-report:yearly").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["report_draft_opened", "report_narratives_saved", "report_submit", "report_publish", "report_draft_opened"], actions);
    }

    [Fact]
    public async Task Visitors_see_no_report_before_publication_and_the_office_sees_a_preview()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Client.GetAsync("/api/monitoring/reports/2019")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _dalian.GetAsync("/api/monitoring/reports/2019")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Client.GetAsync("/monitoring/reports/2019.docx")).StatusCode);
        var preview = await JsonOf(await _office.GetAsync("/api/monitoring/reports/2019"));
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("edition").ValueKind);
        Assert.Equal(2.5m, Target(preview, "rd_intensity").GetProperty("value").GetDecimal());
        Assert.Equal("no_period", await CodeOf(await _office.PostAsJsonAsync("/api/monitoring/reports/2019/draft", new { kind = "midterm" }), HttpStatusCode.UnprocessableEntity));
    }

    [Fact]
    public async Task The_midterm_review_compares_the_first_half_with_the_base_year()
    {
        var midterm = await JsonOf(await _office.GetAsync("/api/monitoring/reports/2018?kind=midterm"));

        var period = midterm.GetProperty("document").GetProperty("period");
        Assert.Equal((2017, 2018, 2016), (period.GetProperty("from").GetInt32(), period.GetProperty("to").GetInt32(), period.GetProperty("compareYear").GetInt32()));
        var rd = Target(midterm, "rd_intensity");
        Assert.Equal((2m, 1.6m, 0.4m, 0.3333m, 0.5m), (rd.GetProperty("value").GetDecimal(), rd.GetProperty("compareValue").GetDecimal(),
            rd.GetProperty("change").GetDecimal(), rd.GetProperty("shareOfWay").GetDecimal(), rd.GetProperty("expectedShare").GetDecimal()));
    }

    [Fact]
    public async Task A_zone_sees_only_its_own_draft_self_assessment()
    {
        var saved = await JsonOf(await _dalian.PutAsJsonAsync("/api/monitoring/reports/2019/zones/dalian/self-assessment",
            new { sections = new Dictionary<string, string> { ["targets"] = "研发投入强度2.5%" } }));
        Assert.Equal("draft", saved.GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await _shenyang.GetAsync("/api/monitoring/reports/2019/zones/dalian/self-assessment")).StatusCode);
        Assert.Equal("forbidden", await CodeOf(await _shenyang.PutAsJsonAsync("/api/monitoring/reports/2019/zones/dalian/self-assessment",
            new { sections = new Dictionary<string, string> { ["targets"] = "改写" } }), HttpStatusCode.Forbidden));
        var own = await JsonOf(await _dalian.GetAsync("/api/monitoring/reports/2019/zones/dalian/self-assessment"));
        Assert.Equal("研发投入强度2.5%", own.GetProperty("sections").GetProperty("targets").GetString());
        // The office sees it only once it is sent.
        var office = await JsonOf(await _office.GetAsync("/api/monitoring/reports/2019/zones/dalian/self-assessment"));
        Assert.Equal(JsonValueKind.Null, office.GetProperty("sections").GetProperty("targets").ValueKind);
        Assert.Equal(0, (await JsonOf(await _office.GetAsync("/api/monitoring/reports/2019/self-assessments"))).GetArrayLength());
        var report = await JsonOf(await _office.GetAsync("/api/monitoring/reports/2019"));
        Assert.Equal(0, report.GetProperty("document").GetProperty("selfAssessments").GetArrayLength());
    }

    [Fact]
    public async Task The_office_returns_a_self_assessment_then_accepts_it_and_the_report_shows_it()
    {
        const string path = "/api/monitoring/reports/2019/zones/dalian/self-assessment";
        var sections = new Dictionary<string, string> { ["targets"] = "目标完成较好", ["tasks"] = "任务推进", ["measures"] = "主要举措" };
        Assert.Equal("assessment_incomplete", await CodeOf(await _dalian.PostAsJsonAsync(path + "/submit", new { sections }), HttpStatusCode.UnprocessableEntity));
        sections["problems"] = "人才不足";
        sections["next_year"] = "引进人才";
        var sent = await JsonOf(await _dalian.PostAsJsonAsync(path + "/submit", new { sections }));
        Assert.Equal("submitted", sent.GetProperty("status").GetString());
        Assert.Equal("assessment_submitted", await CodeOf(await _dalian.PutAsJsonAsync(path, new { sections }), HttpStatusCode.Conflict));

        Assert.Equal("forbidden", await CodeOf(await _dalian.PostAsJsonAsync(path + "/accept", new { }), HttpStatusCode.Forbidden));
        Assert.Equal("comment_required", await CodeOf(await _office.PostAsJsonAsync(path + "/return", new { }), HttpStatusCode.UnprocessableEntity));
        var returned = await JsonOf(await _office.PostAsJsonAsync(path + "/return", new { comment = "请补充问题分析" }));
        Assert.Equal(("returned", "请补充问题分析"), (returned.GetProperty("status").GetString(), returned.GetProperty("returnComment").GetString()));

        sections["problems"] = "高端人才不足,研发平台偏少";
        var again = await JsonOf(await _dalian.PostAsJsonAsync(path + "/submit", new { version = returned.GetProperty("version").GetInt32(), sections }));
        Assert.Equal("stale", await CodeOf(await _office.PostAsJsonAsync(path + "/accept", new { version = returned.GetProperty("version").GetInt32() }), HttpStatusCode.Conflict));
        var accepted = await JsonOf(await _office.PostAsJsonAsync(path + "/accept", new { version = again.GetProperty("version").GetInt32() }));
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
        Assert.Equal("assessment_locked", await CodeOf(await _dalian.PutAsJsonAsync(path, new { sections }), HttpStatusCode.Conflict));

        // The office heard of each submission, Dalian of the return (with the comment) and of the acceptance.
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            var notices = await db.Notifications.OrderBy(n => n.Id).Select(n => new { n.Audience, n.Body }).ToListAsync();
            Assert.Equal(["office", "office"], notices.Where(n => n.Audience == "office").Select(n => n.Audience));
            Assert.Equal(["请补充问题分析", "自评报告将列入年度监测报告。"], notices.Where(n => n.Audience == "zone:dalian").Select(n => n.Body));
        }

        var report = await JsonOf(await _office.GetAsync("/api/monitoring/reports/2019"));
        var shown = Assert.Single(report.GetProperty("document").GetProperty("selfAssessments").EnumerateArray());
        Assert.Equal(("dalian", "accepted", "高端人才不足,研发平台偏少"), (shown.GetProperty("zone").GetString(), shown.GetProperty("status").GetString(),
            shown.GetProperty("sections").GetProperty("problems").GetString()));
    }

    [Fact]
    public async Task A_zone_reports_progress_only_on_the_tasks_the_plan_assigns_to_it()
    {
        const string path = "/api/monitoring/reports/2019/zones/dalian/tasks";
        var tasks = await JsonOf(await _dalian.GetAsync(path));
        Assert.Contains(tasks.EnumerateArray(), t => t.GetProperty("task").GetString() == DalianTask);
        Assert.DoesNotContain(tasks.EnumerateArray(), t => t.GetProperty("task").GetString()!.EndsWith(".shenyang", StringComparison.Ordinal));

        Assert.Equal("unknown_task", await CodeOf(await _dalian.PutAsJsonAsync(path,
            new { tasks = new[] { new { task = "institutions.reform.column1.pilots.shenyang", status = "done" } } }), HttpStatusCode.UnprocessableEntity));
        Assert.Equal("unknown_status", await CodeOf(await _dalian.PutAsJsonAsync(path,
            new { tasks = new[] { new { task = DalianTask, status = "in_progress" } } }), HttpStatusCode.UnprocessableEntity));
        Assert.Equal(HttpStatusCode.Forbidden, (await _shenyang.PutAsJsonAsync(path, new { tasks = new[] { new { task = DalianTask, status = "done" } } })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _dalian.PutAsJsonAsync(path,
            new { tasks = new[] { new { task = DalianTask, status = "delayed", narrative = "审批滞后", evidence = "会议纪要" } } })).StatusCode);

        // The form sends every task; an untouched one stays unreported and only the change is audited.
        Assert.Equal(HttpStatusCode.NoContent, (await _dalian.PutAsJsonAsync(path, new
        {
            tasks = new[] { new { task = DalianTask, status = "delayed", narrative = "审批滞后", evidence = "会议纪要" }, new { task = "institutions.collaboration.column2.dalian", status = "not_started", narrative = "", evidence = "" } },
        })).StatusCode);
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            Assert.Equal([DalianTask], await db.ZoneTaskReports.Where(r => r.ZoneCode == "dalian").Select(r => r.TaskId).ToListAsync());
            Assert.Equal(1, await db.Audit.CountAsync(a => a.Action == "task_progress_reported"));
        }
        var mine = (await JsonOf(await _dalian.GetAsync(path))).EnumerateArray().Single(t => t.GetProperty("task").GetString() == DalianTask);
        Assert.Equal(("delayed", "审批滞后", "会议纪要"), (mine.GetProperty("status").GetString(), mine.GetProperty("narrative").GetString(), mine.GetProperty("evidence").GetString()));
    }

    [Fact]
    public async Task The_cli_writes_the_midterm_review_as_a_workbook_and_refuses_a_year_that_is_not_mid_term()
    {
        var file = Path.Combine(Path.GetTempPath(), $"gaoxin-midterm-{Guid.NewGuid():N}.xlsx");
        var result = await CliRun.RunAsync("monitoring", "report", "--year", "2018", "--kind", "midterm", "--out", file, "--db", store.DbArgument);
        Assert.True(result.ExitCode == 0, result.Error);
        using (var workbook = new XLWorkbook(file))
        {
            var row = workbook.Worksheet(1).RowsUsed().Single(r => r.Cell(1).GetString() == "rd_intensity");
            // Base 2016 and 2018 side by side, +0.4 (+25 %), a third of the way, half of the period.
            Assert.Equal((1.6m, 2m, 0.4m, 25m, 33.33m, 50m), (row.Cell(7).GetValue<decimal>(), row.Cell(8).GetValue<decimal>(), row.Cell(9).GetValue<decimal>(),
                row.Cell(10).GetValue<decimal>(), row.Cell(11).GetValue<decimal>(), row.Cell(12).GetValue<decimal>()));
        }
        File.Delete(file);

        Assert.Equal(3, (await CliRun.RunAsync("monitoring", "report", "--year", "2019", "--kind", "midterm", "--out", file, "--db", store.DbArgument)).ExitCode);
        Assert.False(File.Exists(file));
    }
}

public sealed class MonitoringReportOnSqlite() : MonitoringReportSpec(new SqliteTestStore());

public sealed class MonitoringReportOnPostgres() : MonitoringReportSpec(new PostgresTestStore());
