using Gaoxin.Core.Evaluation;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ClosedXML.Excel;
using Gaoxin.Data;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>The annual evaluation through the CLI, the API and the bulletin, on the demo figures, against both providers.</summary>
public abstract class EvaluationSpec(ITestStore store) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        var seeded = await Cli("demo", "seed");
        Assert.True(seeded.ExitCode == 0, seeded.Error);
    }

    public async Task DisposeAsync() => await store.DisposeAsync();

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    private async Task<JsonElement> EvaluateAsync(params string[] extra)
    {
        var result = await Cli(["evaluate", "--year", "2019", "--format", "json", .. extra]);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output).RootElement;
    }

    [Fact]
    public async Task Evaluate_prints_the_full_result_for_every_zone_and_the_same_command_prints_the_same()
    {
        var first = await Cli("evaluate", "--year", "2019", "--sensitivity", "1000", "--seed", "7", "--format", "json");
        var second = await Cli("evaluate", "--year", "2019", "--sensitivity", "1000", "--seed", "7", "--format", "json");

        // Each run is recorded with its own id (run); everything else is the same.
        static string WithoutRun(string output)
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(output)!.AsObject();
            Assert.True(json.Remove("run"));
            return json.ToJsonString();
        }
        Assert.Equal(WithoutRun(first.Output), WithoutRun(second.Output));
        var result = JsonDocument.Parse(first.Output).RootElement;
        Assert.Equal((2019, "liaoning-2017-default"), (result.GetProperty("year").GetInt32(), result.GetProperty("model").GetString()));
        var zones = result.GetProperty("zones").EnumerateArray().ToList();
        Assert.Equal(15, zones.Count);
        Assert.Equal(8, zones.Count(z => z.GetProperty("group").GetString() == "national"));
        foreach (var zone in zones)
        {
            Assert.Equal(4, zone.GetProperty("dimensions").EnumerateObject().Count());
            Assert.Equal(16, zone.GetProperty("indicators").EnumerateObject().Count());
            Assert.Contains(zone.GetProperty("grade").GetString(), new[] { "excellent", "good", "pass", "fail" });
            var interval = zone.GetProperty("rankInterval");
            Assert.InRange(interval.GetProperty("p5").GetInt32(), 1, interval.GetProperty("p95").GetInt32());
            Assert.InRange(interval.GetProperty("lastShare").GetDecimal(), 0m, 1m);
        }
        Assert.Contains(zones, z => z.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "last_place"));
    }

    [Fact]
    public async Task With_the_perturbation_off_every_interval_is_the_nominal_rank()
    {
        var result = await EvaluateAsync("--sensitivity", "200", "--seed", "3", "--spread", "0", "--fixed-normalisation");

        foreach (var zone in result.GetProperty("zones").EnumerateArray())
        {
            var rank = zone.GetProperty("rank").GetInt32();
            var interval = zone.GetProperty("rankInterval");
            Assert.Equal((rank, rank, (decimal)rank), (interval.GetProperty("p5").GetInt32(), interval.GetProperty("p95").GetInt32(), interval.GetProperty("median").GetDecimal()));
        }
    }

    [Fact]
    public async Task Without_sensitivity_there_is_no_interval()
    {
        var result = await EvaluateAsync();

        Assert.All(result.GetProperty("zones").EnumerateArray(), z => Assert.False(z.TryGetProperty("rankInterval", out _)));
    }

    [Fact]
    public async Task Publishing_a_run_freezes_it_and_records_the_yellow_cards_in_the_zone_history()
    {
        var table = await Cli("evaluate", "--year", "2019");
        var runId = System.Text.RegularExpressions.Regex.Match(table.Output, @"Run (\d+) recorded").Groups[1].Value;
        var failing = (await EvaluateAsync()).GetProperty("zones").EnumerateArray()
            .Where(z => z.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "yellow_card"))
            .Select(z => z.GetProperty("zone").GetString()!).Order().ToList();

        var published = await Cli("evaluate", "publish", runId);
        var again = await Cli("evaluate", "publish", runId);

        Assert.Equal(0, published.ExitCode);
        Assert.NotEqual(0, again.ExitCode);
        Assert.NotEmpty(failing);
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var carded = await db.ZoneEvents.Where(e => e.Kind == Core.Zones.ZoneEventKind.YellowCard).Select(e => e.ZoneCode).ToListAsync();
        Assert.Equal(failing, carded.Order());
        var run = await db.EvaluationRuns.SingleAsync(r => r.Id == long.Parse(runId));
        Assert.NotNull(run.PublishedAt);
        Assert.True(run.UsesDemoData);
        Assert.Contains("shenyang/2019/1", run.Snapshot);
    }

    [Fact]
    public async Task A_published_bulletin_carries_its_document_number_and_date_of_issue_and_a_number_is_never_used_twice()
    {
        var first = await RecordAsync(2019);
        var second = await RecordAsync(2020);
        var third = await RecordAsync(2019, "--model", "cn-htz-2021");

        var numbered = await Cli("evaluate", "publish", first);
        var taken = await Cli("evaluate", "publish", second, "--document-number", BulletinNumber.Format(DateTime.UtcNow.Year, 1));
        var given = await Cli("evaluate", "publish", second, "--document-number", "辽科发〔2021〕12号");
        var next = await Cli("evaluate", "publish", third);

        var year = DateTime.UtcNow.Year;
        Assert.Equal(0, numbered.ExitCode);
        Assert.Contains($"as 辽高新推〔{year}〕1号", numbered.Output);
        // The office's registry number already given to another bulletin is refused, and the run stays unpublished.
        Assert.Equal(Cli_InvalidInput, taken.ExitCode);
        Assert.Contains("document_number_used", taken.Error);
        Assert.Equal(0, given.ExitCode);
        Assert.Contains($"as 辽高新推〔{year}〕2号", next.Output);
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            var runs = await db.EvaluationRuns.Where(r => r.PublishedAt != null).OrderBy(r => r.Id).Select(r => new { r.Id, r.DocumentNumber, r.PublishedAt }).ToListAsync();
            Assert.Equal([$"辽高新推〔{year}〕1号", "辽科发〔2021〕12号", $"辽高新推〔{year}〕2号"], runs.Select(r => r.DocumentNumber));
        }

        await using var server = await RunningServer.StartAsync(store.Location);
        var page = await server.Client.GetStringAsync("/evaluation/2019/bulletin");
        var runsJson = JsonDocument.Parse(await server.Client.GetStringAsync("/api/evaluations")).RootElement;
        Assert.Contains($"<p class=\"doc-number\" id=\"doc-number\" lang=\"zh-CN\">辽高新推〔{year}〕1号</p>", page);
        Assert.Contains($"印发日期 {DateTime.UtcNow:yyyy-MM-dd}", page);
        Assert.Contains(runsJson.EnumerateArray(), r => r.GetProperty("documentNumber").GetString() == "辽科发〔2021〕12号");
    }

    [Fact]
    public async Task On_the_page_a_run_is_published_only_once_the_office_ticks_that_publication_is_final()
    {
        const string office = "office@example.org", password = "correct-horse-battery";
        Assert.Equal(0, (await Cli("users", "add", "--email", office, "--role", "admin", "--password", password)).ExitCode);
        var run = await RecordAsync(2019);
        await using var server = await RunningServer.StartAsync(store.Location);
        using var session = new PageSession(server.Address);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(office, password)).StatusCode);
        var form = await session.GetStringAsync("/evaluation?year=2019");
        Assert.Matches("<input type=\"checkbox\" name=\"confirmed\" value=\"true\" required id=\"publish-confirm\"", form);

        var unconfirmed = await session.PostFormAsync("/evaluation?year=2019", "/evaluation?handler=Publish", [new("run", run), new("year", "2019")]);
        Assert.Equal(HttpStatusCode.Redirect, unconfirmed.StatusCode);
        Assert.Null(await PublishedAtAsync(long.Parse(run)));

        var confirmed = await session.PostFormAsync("/evaluation?year=2019", "/evaluation?handler=Publish", [new("run", run), new("year", "2019"), new("confirmed", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.NotNull(await PublishedAtAsync(long.Parse(run)));
    }

    private async Task<DateTimeOffset?> PublishedAtAsync(long run)
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        return await db.EvaluationRuns.Where(r => r.Id == run).Select(r => r.PublishedAt).SingleAsync();
    }

    private const int Cli_InvalidInput = Gaoxin.Cli.InvalidInput;

    [Fact]
    public async Task Weights_show_the_effective_weight_of_each_indicator_and_derive_entropy_and_ahp_weights()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        var consistent = Path.Combine(folder, "ok.csv");
        var inconsistent = Path.Combine(folder, "bad.csv");
        // Development twice as important as the rest, consistently (CR = 0).
        await File.WriteAllTextAsync(consistent, "1,2,2,2\n1/2,1,1,1\n1/2,1,1,1\n1/2,1,1,1\n");
        // A prefers B, B prefers C, C prefers A — strongly: refused.
        await File.WriteAllTextAsync(inconsistent, "1,9,1/9,1\n1/9,1,9,1\n9,1/9,1,1\n1,1,1,1\n");

        var plain = await Cli("evaluate", "weights", "--format", "json", "--entropy-year", "2019", "--ahp", consistent);
        var refused = await Cli("evaluate", "weights", "--ahp", inconsistent);

        Assert.True(plain.ExitCode == 0, plain.Error);
        var json = JsonDocument.Parse(plain.Output).RootElement;
        var effective = json.GetProperty("effective").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal());
        Assert.Equal(16, effective.Count);
        Assert.All(effective.Values, w => Assert.Equal(0.0625m, w));
        Assert.Equal(1m, Math.Round(json.GetProperty("entropy").EnumerateObject().Sum(p => p.Value.GetDecimal()), 10));
        var ahp = json.GetProperty("ahp");
        Assert.Equal(0.4m, Math.Round(ahp.GetProperty("weights").GetProperty("development").GetDecimal(), 6));
        Assert.Equal(0m, Math.Round(ahp.GetProperty("consistencyRatio").GetDecimal(), 6));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("CR = ", refused.Error);
    }

    [Fact]
    public async Task The_api_shows_a_year_only_once_it_is_published_and_the_bulletin_opens_in_excel()
    {
        await using var server = await RunningServer.StartAsync(store.Location);
        var table = await Cli("evaluate", "--year", "2019", "--sensitivity", "100", "--seed", "7");
        var runId = System.Text.RegularExpressions.Regex.Match(table.Output, @"Run (\d+) recorded").Groups[1].Value;

        var before = await server.Client.GetAsync("/api/evaluations/2019");
        await Cli("evaluate", "publish", runId);
        var after = JsonDocument.Parse(await server.Client.GetStringAsync("/api/evaluations/2019")).RootElement;
        var workbook = await server.Client.GetByteArrayAsync("/evaluation/2019/bulletin.xlsx");
        var page = await server.Client.GetStringAsync("/evaluation/2019/bulletin");

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(15, after.GetProperty("zones").GetArrayLength());
        using var excel = new XLWorkbook(new MemoryStream(workbook));
        Assert.Equal(16, excel.Worksheet("排名 Ranking").RowsUsed().Count());
        Assert.Equal(15, excel.Worksheet("指标 Indicators").RowsUsed().Count() - 1);
        Assert.Contains("年度全省高新区综合评价考核结果的通报", page);
        var zone = await server.Client.GetStringAsync("/evaluation/2019/liaoyang");
        Assert.Equal(16, System.Text.RegularExpressions.Regex.Matches(zone, "<tr data-indicator=").Count);
        Assert.Contains("id=\"pass-line\"", zone);
        var models = await server.Client.GetStringAsync("/evaluation/models");
        Assert.Contains("id=\"model-liaoning-2017-default\"", models);
        Assert.Contains("6.25%", models);
        Assert.Contains("合成演示数据", page);
    }

    /// <summary>Records a run of a year with the default model (or the one given) and returns its id.</summary>
    private async Task<string> RecordAsync(int year, params string[] extra)
    {
        var table = await Cli(["evaluate", "--year", year.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extra]);
        Assert.True(table.ExitCode == 0, table.Error);
        return System.Text.RegularExpressions.Regex.Match(table.Output, @"Run (\d+) recorded").Groups[1].Value;
    }

    /// <summary>Approves figures as the office's historical import does (a correction when the report is approved already).</summary>
    private async Task ApproveAsync(string csvRows)
    {
        var file = Path.Combine(Path.GetTempPath(), $"gaoxin-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "zone,year,element,value\n" + csvRows);
        var import = await Cli("data", "import", file, "--approve");
        File.Delete(file);
        Assert.True(import.ExitCode == 0, import.Output + import.Error);
    }

    private static string Text(string html, string pattern) => System.Text.RegularExpressions.Regex.Match(html, pattern).Groups[1].Value;

    [Fact]
    public async Task The_explanation_of_a_published_year_is_the_runs_and_still_agrees_with_the_bulletin_after_a_correction()
    {
        await using var server = await RunningServer.StartAsync(store.Location);
        var runId = await RecordAsync(2019);
        Assert.Equal(0, (await Cli("evaluate", "publish", runId)).ExitCode);
        var published = JsonDocument.Parse(await server.Client.GetStringAsync("/api/evaluations/2019")).RootElement
            .GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("zone").GetString() == "shenyang");

        // After publication shenyang's 2019 GDP is corrected (518.12 → 700 亿元): every indicator reading gdp (D1, D2, D4) moves.
        await ApproveAsync("shenyang,2019,gdp,700\n");
        var page = await server.Client.GetStringAsync("/evaluation/2019/shenyang");
        var named = await server.Client.GetStringAsync($"/evaluation/2019/shenyang?run={runId}");
        var bulletin = await server.Client.GetStringAsync("/evaluation/2019/bulletin");
        var api = JsonDocument.Parse(await server.Client.GetStringAsync("/api/evaluations/2019/shenyang")).RootElement;
        var rerun = (await EvaluateAsync()).GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("zone").GetString() == "shenyang");

        var composite = published.GetProperty("composite").GetDecimal().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        var d1 = published.GetProperty("indicators").GetProperty("D1").GetProperty("value").GetDecimal().ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        // The correction does change the result of a new run, so agreeing below is not a coincidence.
        Assert.NotEqual(composite, rerun.GetProperty("composite").GetDecimal().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(composite, Text(bulletin, "<tr data-zone=\"shenyang\"><td class=\"num\">\\d+</td><td>[^<]*</td>\\s*<td class=\"num\">([^<]*)</td>"));
        Assert.Equal(composite, Text(page, "id=\"composite\">([^<]*)<"));
        Assert.Equal(d1, Text(page, "<tr data-indicator=\"D1\"[\\s\\S]*?<td class=\"num\">([^<]*)</td>"));
        Assert.Contains($"data-run=\"{runId}\"", page);
        Assert.Equal((long.Parse(runId), published.GetProperty("composite").GetDecimal()), (api.GetProperty("run").GetInt64(), api.GetProperty("composite").GetDecimal()));
        Assert.Equal(published.GetProperty("indicators").GetProperty("D1").GetProperty("value").GetDecimal(),
            api.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "D1").GetProperty("value").GetDecimal());
        Assert.Equal(Text(page, "id=\"composite\">([^<]*)<"), Text(named, "id=\"composite\">([^<]*)<"));
    }

    [Fact]
    public async Task An_unpublished_run_is_explained_to_nobody_but_the_office()
    {
        await using var server = await RunningServer.StartAsync(store.Location);
        var runId = await RecordAsync(2019);

        var response = await server.Client.GetAsync($"/evaluation/2019/shenyang?run={runId}");
        var api = await server.Client.GetAsync($"/api/evaluations/2019/shenyang?run={runId}");
        var otherYear = await server.Client.GetAsync($"/evaluation/2018/shenyang?run={runId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherYear.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
    }

    [Fact]
    public async Task One_zones_first_approved_report_of_a_new_year_does_not_hide_the_published_ranking()
    {
        await using var server = await RunningServer.StartAsync(store.Location);
        Assert.Equal(0, (await Cli("evaluate", "publish", await RecordAsync(2020))).ExitCode);

        await ApproveAsync("shenyang,2021,gdp,900\n");
        var page = await server.Client.GetStringAsync("/evaluation");

        Assert.Contains("id=\"shown-year\" data-year=\"2020\"", page);
        Assert.Contains("2020 年度综合评价考核", page);
        Assert.Contains("最近一个已发布评价结果的年度", page);
        Assert.Equal(15, System.Text.RegularExpressions.Regex.Matches(page, "<tr data-zone=").Count);
        Assert.DoesNotContain("id=\"no-result\"", page);
    }

    [Fact]
    public async Task The_national_model_gives_composite_rank_and_percentile_without_grades_by_level_as_a_provincial_relative_index()
    {
        await using var server = await RunningServer.StartAsync(store.Location);
        var result = await EvaluateAsync("--model", "cn-htz-2021");
        Assert.Equal(0, (await Cli("evaluate", "publish", await RecordAsync(2019, "--model", "cn-htz-2021"))).ExitCode);
        var page = await server.Client.GetStringAsync("/evaluation?year=2019&model=cn-htz-2021");
        var bulletin = await server.Client.GetStringAsync("/evaluation/2019/bulletin?model=cn-htz-2021");

        // domain.md §1: the national system has no grades; every zone here is Liaoning's, so the index is provincial.
        Assert.Equal("provincial_relative_index", result.GetProperty("scale").GetString());
        var zones = result.GetProperty("zones").EnumerateArray()
            .Select(z => (Zone: z, Group: z.GetProperty("group").GetString()!, Rank: z.GetProperty("rank").GetInt32(), Percentile: z.GetProperty("percentile").GetDecimal()))
            .ToList();
        Assert.All(zones, z => Assert.False(z.Zone.TryGetProperty("grade", out _)));
        Assert.All(zones, z => Assert.True(z.Zone.GetProperty("composite").GetDecimal() is >= 0 and <= 100));
        // evaluation-model.md: 8 national zones and 7 provincial ones, each group ranked on its own from 1.
        var groups = zones.GroupBy(z => z.Group).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(["national", "provincial"], groups.Keys.Order());
        Assert.Equal((8, 7), (groups["national"].Count, groups["provincial"].Count));
        foreach (var group in groups.Values)
        {
            Assert.Equal(1, group.Min(z => z.Rank));
            // Percentile: 100 × the group's zones not above this one (rank at or after its rank) / group size.
            Assert.All(group, z => Assert.Equal(100m * group.Count(o => o.Rank >= z.Rank) / group.Count, z.Percentile));
        }
        Assert.Contains("data-scale=\"provincial_relative_index\"", page);
        Assert.Contains("省内相对指数", page);
        Assert.Contains("省内相对指数", bulletin);
        Assert.DoesNotContain("<th>等次</th>", page);
    }

    [Fact]
    public async Task A_national_zone_failing_two_years_running_is_reported_to_the_ministry_and_only_provincial_zones_are_proposed_for_delisting()
    {
        var earlier = await Cli("evaluate", "--year", "2018", "--format", "json");
        var result = await EvaluateAsync();
        var runId = await RecordAsync(2019);
        static Dictionary<string, JsonElement> ByZone(JsonElement r) =>
            r.GetProperty("zones").EnumerateArray().ToDictionary(z => z.GetProperty("zone").GetString()!);
        var before = ByZone(JsonDocument.Parse(earlier.Output).RootElement);
        var now = ByZone(result);
        // The default model: 不合格 in 2018 and in 2019 (delistingConsecutiveFails: 2).
        var failedTwice = now.Keys.Where(z => now[z].GetProperty("grade").GetString() == "fail" && before[z].GetProperty("grade").GetString() == "fail").ToList();
        var national = failedTwice.Where(z => now[z].GetProperty("group").GetString() == "national").Order().ToList();
        var provincial = failedTwice.Where(z => now[z].GetProperty("group").GetString() == "provincial").Order().ToList();
        List<string> Flags(string zone) => now[zone].GetProperty("flags").EnumerateArray().Select(f => f.GetString()!).ToList();

        Assert.NotEmpty(national);
        Assert.NotEmpty(provincial);
        Assert.All(national, z => Assert.Contains("report_upward", Flags(z)));
        Assert.All(national, z => Assert.DoesNotContain("delisting_proposed", Flags(z)));
        Assert.All(provincial, z => Assert.Contains("delisting_proposed", Flags(z)));
        Assert.All(provincial, z => Assert.DoesNotContain("report_upward", Flags(z)));

        Assert.Equal(0, (await Cli("evaluate", "publish", runId)).ExitCode);
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var events = await db.ZoneEvents.Where(e => e.Kind == Core.Zones.ZoneEventKind.ReportedUpward || e.Kind == Core.Zones.ZoneEventKind.DelistingProposed)
            .Select(e => new { e.ZoneCode, e.Kind }).ToListAsync();
        Assert.Equal(national, events.Where(e => e.Kind == Core.Zones.ZoneEventKind.ReportedUpward).Select(e => e.ZoneCode).Order());
        Assert.Equal(provincial, events.Where(e => e.Kind == Core.Zones.ZoneEventKind.DelistingProposed).Select(e => e.ZoneCode).Order());
    }
}

public sealed class EvaluationOnSqlite() : EvaluationSpec(new SqliteTestStore());

public sealed class EvaluationOnPostgres() : EvaluationSpec(new PostgresTestStore());
