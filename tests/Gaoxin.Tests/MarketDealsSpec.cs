using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Gaoxin.Data;
using Gaoxin.Data.Evaluation;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>
/// Technology contracts and brokering, on both providers: a recorded and approved contract raises the zone's technology-contract
/// turnover where its approved report left it blank — on the data entry page, in the figures the evaluation reads and in plan
/// monitoring — with the source <c>contracts</c>; a reported value wins; a contract recorded but not approved, or returned,
/// changes nothing. Approval turns the contract's key technologies and new products into registry outcomes the plan's targets
/// count. Steps against a stale version are refused with 409 and change nothing.
/// </summary>
public abstract class MarketDealsSpec(ITestStore store) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private const string Plan = "liaoning-2017-2020";
    private RunningServer _server = null!;
    private HttpClient _office = null!;
    private HttpClient _shenyang = null!;
    private HttpClient _dalian = null!;
    private HttpClient _enterprise = null!;

    public async Task InitializeAsync()
    {
        foreach (var (email, role, zone) in new[] { ("office@example.org", "admin", (string?)null), ("sy@example.org", "zone_operator", "shenyang"),
                     ("dl@example.org", "zone_operator", "dalian"), ("ent@example.org", "enterprise", null) })
            Assert.Equal(0, (await CliRun.RunAsync(["users", "add", "--email", email, "--role", role, "--password", Password,
                .. zone is null ? Array.Empty<string>() : ["--zone", zone], "--db", store.DbArgument])).ExitCode);
        // Approved reports of every zone for the plan's base year 2016 and for 2019 (monitoring sums every zone in scope):
        // GDP only, so technology-contract turnover is blank — except Dalian's 2019, which reports 3 亿元.
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            var zones = await db.Zones.Select(z => z.Code).OrderBy(z => z).ToListAsync();
            var lines = new List<string> { "zone,year,element,value" };
            foreach (var zone in zones)
            foreach (var year in new[] { 2016, 2019 })
                lines.Add($"{zone},{year},gdp,100");
            lines.Add("dalian,2019,tech_contract_turnover,3");
            var csv = Path.Combine(Path.GetTempPath(), $"gaoxin-deals-{Guid.NewGuid():N}.csv");
            await File.WriteAllLinesAsync(csv, lines);
            Assert.Equal(0, (await CliRun.RunAsync("data", "import", csv, "--approve", "--db", store.DbArgument)).ExitCode);
            File.Delete(csv);
        }
        _server = await RunningServer.StartAsync(store.Location);
        _office = await _server.TokenClientAsync(store, "office@example.org");
        _shenyang = await _server.TokenClientAsync(store, "sy@example.org");
        _dalian = await _server.TokenClientAsync(store, "dl@example.org");
        _enterprise = await _server.TokenClientAsync(store, "ent@example.org");
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { _office, _shenyang, _dalian, _enterprise }) client.Dispose();
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private static object Contract(string number, string zone, decimal amount, string signed = "2019-06-18", string type = "development",
        string[]? keyTechnologies = null, string[]? newProducts = null, int? version = null, string title = "工业机器人视觉定位技术开发") => new
    {
        type, title, buyer = "沈阳新松机器人自动化股份有限公司", seller = "东北大学", amountWan = amount, signed, registrationNumber = number, zone,
        field = "intelligent_manufacturing", keyTechnologies = keyTechnologies ?? [], newProducts = newProducts ?? [], version,
    };

    private static async Task<int> CreatedIdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<string> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;

    private async Task<int> VersionOf(int id) => (await _office.GetFromJsonAsync<JsonElement>($"/api/market/contracts/{id}")).GetProperty("version").GetInt32();

    /// <summary>The figure in force of an element as the evaluation reads it (its data loader), or null.</summary>
    private async Task<decimal?> EvaluationInputAsync(string zone, string element, int year)
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        return (await EvaluationStore.LoadDataAsync(db, year, CancellationToken.None)).Input.Values(zone, element, year);
    }

    /// <summary>The zone's row of the monitoring page's tracked technology-contract turnover: its source and shown value.</summary>
    private async Task<string> MonitoringRowAsync(string zone)
    {
        var html = await _server.Client.GetStringAsync("/monitoring?year=2019");
        var section = html[html.IndexOf("id=\"tracked-tech_contract_turnover\"", StringComparison.Ordinal)..];
        var start = section.IndexOf($"<tr data-zone=\"{zone}\"", StringComparison.Ordinal);
        return section[start..section.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private async Task<string> DataPageRowAsync(string zone)
    {
        var html = await _server.Client.GetStringAsync($"/zones/{zone}/data/2019");
        var start = html.IndexOf("<tr data-element=\"tech_contract_turnover\"", StringComparison.Ordinal);
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private async Task<decimal?> ProgressValueAsync(string target) =>
        (await _server.Client.GetFromJsonAsync<JsonElement>($"/api/plans/{Plan}/progress?year=2019")).GetProperty("targets").EnumerateArray()
            .Single(t => t.GetProperty("id").GetString() == target).GetProperty("value") is { ValueKind: JsonValueKind.Number } v ? v.GetDecimal() : null;

    [Fact]
    public async Task An_approved_contract_fills_a_blank_turnover_in_the_data_form_the_evaluation_and_monitoring_and_a_reported_value_wins()
    {
        // Nothing yet: Shenyang's approved 2019 report left the turnover blank and no contract is approved.
        Assert.Null(await EvaluationInputAsync("shenyang", "tech_contract_turnover", 2019));
        Assert.Contains("data-source=\"none\"", await MonitoringRowAsync("shenyang"));

        // Recorded by Shenyang's service, 5,000 万元 signed in 2019 — not yet approved: nothing changes.
        var id = await CreatedIdAsync(await _shenyang.PostAsJsonAsync("/api/market/contracts", Contract("2019210100000101", "shenyang", 5_000m)));
        Assert.Null(await EvaluationInputAsync("shenyang", "tech_contract_turnover", 2019));
        Assert.Contains("data-source=\"none\"", await MonitoringRowAsync("shenyang"));

        // Returned: still nothing; corrected and approved by the office: 5,000 万元 ÷ 10,000 = 0.5 亿元, source contracts.
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync($"/api/market/contracts/{id}/return", new { version = 1, comment = "请补充合同附件" })).StatusCode);
        Assert.Null(await EvaluationInputAsync("shenyang", "tech_contract_turnover", 2019));
        Assert.Equal(HttpStatusCode.NoContent, (await _shenyang.PutAsJsonAsync($"/api/market/contracts/{id}", Contract("2019210100000101", "shenyang", 5_000m, version: 2))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync($"/api/market/contracts/{id}/approve", new { version = 3 })).StatusCode);

        Assert.Equal(0.5m, await EvaluationInputAsync("shenyang", "tech_contract_turnover", 2019));
        var monitoring = await MonitoringRowAsync("shenyang");
        Assert.Contains("data-source=\"contracts\"", monitoring);
        Assert.Contains(">0.5<", monitoring);
        var form = await DataPageRowAsync("shenyang");
        Assert.Contains("data-source=\"derived\" data-derived-from=\"contracts\"", form);
        Assert.Contains("0.5", form);
        Assert.Contains("技术合同登记", form);
        // The export says where the figure comes from.
        var export = await CliRun.RunAsync("data", "export", "--year", "2019", "--db", store.DbArgument);
        Assert.Contains("shenyang,2019,tech_contract_turnover,0.5,contracts", export.Output);

        // Dalian reported 3 亿元 and approved it: an approved contract of Dalian's for 2019 does not replace the reported value.
        var dalian = await CreatedIdAsync(await _dalian.PostAsJsonAsync("/api/market/contracts", Contract("2019210200000007", "dalian", 8_000m)));
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync($"/api/market/contracts/{dalian}/approve", new { version = 1 })).StatusCode);
        Assert.Equal(3m, await EvaluationInputAsync("dalian", "tech_contract_turnover", 2019));
        Assert.Contains("data-source=\"reported\"", await MonitoringRowAsync("dalian"));
        Assert.Contains("data-source=\"reported\"", await DataPageRowAsync("dalian"));

        // A contract signed in 2018 counts to 2018 (no approved report that year: nothing to fill), not to 2019.
        var earlier = await CreatedIdAsync(await _shenyang.PostAsJsonAsync("/api/market/contracts", Contract("2018210100000033", "shenyang", 1_000m, signed: "2018-12-31")));
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync($"/api/market/contracts/{earlier}/approve", new { version = 1 })).StatusCode);
        Assert.Equal(0.5m, await EvaluationInputAsync("shenyang", "tech_contract_turnover", 2019));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task An_export_holding_a_contract_sum_read_back_is_refused_at_that_figure_and_changes_nothing(string format)
    {
        var id = await CreatedIdAsync(await _shenyang.PostAsJsonAsync("/api/market/contracts", Contract("2019210100000606", "shenyang", 5_000m)));
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync($"/api/market/contracts/{id}/approve", new { version = 1 })).StatusCode);
        var file = Path.Combine(Path.GetTempPath(), $"gaoxin-deals-{Guid.NewGuid():N}.{format}");
        try
        {
            Assert.Equal(0, (await CliRun.RunAsync("data", "export", "--year", "2019", "--format", format, "--out", file, "--db", store.DbArgument)).ExitCode);
            var refused = await CliRun.RunAsync("data", "import", file, "--approve", "--db", store.DbArgument);
            // Refused as a derived figure (it would stop following the contracts), and the figure is still the contracts' sum.
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("[derived_figure]", refused.Error);
            Assert.Contains("registered technology contracts", refused.Error);
            Assert.Equal(0.5m, await EvaluationInputAsync("shenyang", "tech_contract_turnover", 2019));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Steps_follow_roles_and_zones_a_stale_version_is_refused_and_an_approved_contract_is_corrected_only_by_an_approved_revision()
    {
        // Dalian's operator may not record for Shenyang; nor may an enterprise account reach the route.
        var other = await _dalian.PostAsJsonAsync("/api/market/contracts", Contract("2019210100000202", "shenyang", 100m));
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (other.StatusCode, await CodeOf(other)));
        Assert.Equal(HttpStatusCode.Forbidden, (await _enterprise.GetAsync("/api/market/contracts")).StatusCode);

        var id = await CreatedIdAsync(await _shenyang.PostAsJsonAsync("/api/market/contracts", Contract("2019210100000202", "shenyang", 100m)));
        // The same registration number twice: refused.
        var twice = await _office.PostAsJsonAsync("/api/market/contracts", Contract("2019210100000202", "shenyang", 100m));
        Assert.Equal((HttpStatusCode.Conflict, "duplicate_registration"), (twice.StatusCode, await CodeOf(twice)));
        // Shenyang may not approve its own; Dalian may not see it.
        Assert.Equal(HttpStatusCode.Forbidden, (await _shenyang.PostAsJsonAsync($"/api/market/contracts/{id}/approve", new { version = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _dalian.GetAsync($"/api/market/contracts/{id}")).StatusCode);

        // Two edits made against version 1: the second is stale — 409 problem+json, nothing overwritten.
        Assert.Equal(HttpStatusCode.NoContent, (await _shenyang.PutAsJsonAsync($"/api/market/contracts/{id}", Contract("2019210100000202", "shenyang", 120m, version: 1))).StatusCode);
        var stale = await _office.PutAsJsonAsync($"/api/market/contracts/{id}", Contract("2019210100000202", "shenyang", 999m, version: 1));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal("stale", await CodeOf(stale));
        Assert.Equal(120m, (await _office.GetFromJsonAsync<JsonElement>($"/api/market/contracts/{id}")).GetProperty("amountWan").GetDecimal());

        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync($"/api/market/contracts/{id}/approve", new { version = await VersionOf(id) })).StatusCode);
        // Approved is locked: an edit is refused; a correction is a new revision, which counts only once approved.
        var locked = await _shenyang.PutAsJsonAsync($"/api/market/contracts/{id}", Contract("2019210100000202", "shenyang", 150m, version: await VersionOf(id)));
        Assert.Equal((HttpStatusCode.Conflict, "contract_locked"), (locked.StatusCode, await CodeOf(locked)));
        var revision = await CreatedIdAsync(await _shenyang.PostAsJsonAsync($"/api/market/contracts/{id}/revisions",
            Contract("2019210100000202", "shenyang", 150m, version: await VersionOf(id))));
        Assert.Equal(0.012m, await EvaluationInputAsync("shenyang", "tech_contract_turnover", 2019));
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync($"/api/market/contracts/{revision}/approve", new { version = 1 })).StatusCode);
        // 150 万元 = 0.015 亿元; the first revision is superseded and counted nowhere.
        Assert.Equal(0.015m, await EvaluationInputAsync("shenyang", "tech_contract_turnover", 2019));
        Assert.Equal("superseded", (await _office.GetFromJsonAsync<JsonElement>($"/api/market/contracts/{id}")).GetProperty("state").GetString());

        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var audit = await db.Audit.Where(a => a.ElementCode == "contract:2019210100000202").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["contract_recorded", "contract_edited", "contract_approved", "contract_revision_recorded", "contract_approved"], audit);
    }

    [Fact]
    public async Task Approved_outcomes_enter_the_registry_and_move_the_key_technology_and_new_product_targets()
    {
        var keyBefore = await ProgressValueAsync("key_technologies");
        var productsBefore = await ProgressValueAsync("new_products");
        var id = await CreatedIdAsync(await _shenyang.PostAsJsonAsync("/api/market/contracts", Contract("2019210100000303", "shenyang", 800m,
            keyTechnologies: ["机器人高精度视觉定位", "多轴协同控制"], newProducts: ["视觉引导焊接机器人"])));
        // Recorded only: the registry and the targets are as they were.
        Assert.Equal(keyBefore, await ProgressValueAsync("key_technologies"));
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync($"/api/market/contracts/{id}/approve", new { version = 1 })).StatusCode);

        // Two key technologies and one new product, founded 2019 in Shenyang: +2 and +1 since the base year.
        Assert.Equal(keyBefore + 2, await ProgressValueAsync("key_technologies"));
        Assert.Equal(productsBefore + 1, await ProgressValueAsync("new_products"));
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var items = await db.RegistryItems.Where(i => i.Type == "outcome" && i.ZoneCode == "shenyang" && i.Attributes!.Contains("2019210100000303"))
            .OrderBy(i => i.Name).Select(i => new { i.Name, i.Subtype, i.Approval, i.Founded }).ToListAsync();
        Assert.Equal([("多轴协同控制", "key_technology"), ("机器人高精度视觉定位", "key_technology"), ("视觉引导焊接机器人", "new_product")],
            items.Select(i => (i.Name, i.Subtype!)).OrderBy(i => i.Name, StringComparer.Ordinal).ToList());
        Assert.All(items, i => Assert.Equal(("approved", new DateOnly(2019, 6, 18)), (i.Approval, i.Founded)));
    }

    [Fact]
    public async Task Introductions_are_brokered_with_notes_and_closed_with_a_deal_that_the_transfer_report_counts()
    {
        // A profile-free introduction is refused; a profile and a named party is an introduction.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await _office.PostAsJsonAsync("/api/market/introductions", new { partyName = "某企业" })).StatusCode);
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            db.MarketDemands.Add(new Data.Market.MarketDemandRecord
            {
                Title = "焊接机器人视觉定位", Problem = "焊缝识别精度不足", Field = "intelligent_manufacturing", ZoneCode = "shenyang", EnterpriseName = "沈阳某装备公司",
                Owner = "ent@example.org", State = Core.Portal.PublicationState.Published, CreatedBy = "office@example.org", UpdatedBy = "office@example.org",
            });
            await db.SaveChangesAsync();
        }
        int demand;
        await using (var db = GaoxinDatabase.CreateContext(store.Location)) demand = await db.MarketDemands.Select(d => d.Id).SingleAsync();

        // Dalian's service may not broker Shenyang's demand; Shenyang's may.
        Assert.Equal(HttpStatusCode.Forbidden, (await _dalian.PostAsJsonAsync("/api/market/introductions", new { demandId = demand, partyName = "大连理工大学" })).StatusCode);
        var introduction = await CreatedIdAsync(await _shenyang.PostAsJsonAsync("/api/market/introductions", new { demandId = demand, partyName = "东北大学", note = "首次电话沟通" }));
        Assert.Equal(HttpStatusCode.NoContent, (await _shenyang.PostAsJsonAsync($"/api/market/introductions/{introduction}/notes", new { version = 1, text = "双方实地考察" })).StatusCode);
        var stale = await _office.PostAsJsonAsync($"/api/market/introductions/{introduction}/notes", new { version = 1, text = "过期版本" });
        Assert.Equal((HttpStatusCode.Conflict, "stale"), (stale.StatusCode, await CodeOf(stale)));

        // The enterprise that owns the demand sees interests in it; an interest by another account is refused for a missing profile.
        Assert.Equal(HttpStatusCode.Created, (await _dalian.PostAsJsonAsync("/api/market/interests", new { side = "demand", profileId = demand, message = "我区企业有类似方案" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _dalian.PostAsJsonAsync("/api/market/interests", new { side = "demand", profileId = demand + 99, message = "x" })).StatusCode);
        var seen = await _enterprise.GetFromJsonAsync<JsonElement>("/api/market/interests");
        Assert.Equal("我区企业有类似方案", Assert.Single(seen.EnumerateArray().ToList()).GetProperty("message").GetString());

        var contract = await CreatedIdAsync(await _shenyang.PostAsJsonAsync("/api/market/contracts", Contract("2019210100000404", "shenyang", 2_000m, type: "transfer")));
        Assert.Equal(HttpStatusCode.NoContent, (await _shenyang.PostAsJsonAsync($"/api/market/introductions/{introduction}/close",
            new { version = 2, outcome = "deal", contracts = new[] { contract } })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync($"/api/market/contracts/{contract}/approve", new { version = 2 })).StatusCode);
        var closed = await _shenyang.GetFromJsonAsync<JsonElement>($"/api/market/introductions/{introduction}");
        Assert.Equal(("deal", 2), (closed.GetProperty("state").GetString(), closed.GetProperty("notes").GetArrayLength()));

        // The report of the closing year: anonymous callers get the province only; Shenyang's operator their zone; Dalian's is refused Shenyang.
        var year = DateTime.UtcNow.Year;
        var anonymous = await _server.Client.GetFromJsonAsync<JsonElement>($"/api/market/report?year={year}");
        Assert.Equal(0, anonymous.GetProperty("zones").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await _dalian.GetAsync($"/api/market/report?year={year}&zone=shenyang")).StatusCode);
        var report = await _shenyang.GetFromJsonAsync<JsonElement>($"/api/market/report?year={year}&zone=shenyang");
        Assert.Equal(1m, report.GetProperty("zones")[0].GetProperty("dealsBrokered").GetProperty("value").GetDecimal());
        var y2019 = await _office.GetFromJsonAsync<JsonElement>("/api/market/report?year=2019&zone=shenyang");
        var transfer = y2019.GetProperty("zones")[0].GetProperty("byType").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "transfer");
        Assert.Equal((1m, 2_000m), (transfer.GetProperty("contracts").GetProperty("value").GetDecimal(), transfer.GetProperty("turnoverWan").GetProperty("value").GetDecimal()));
        // No contract in 2018: the growth is absent, never infinite.
        Assert.Equal(JsonValueKind.Null, y2019.GetProperty("province").GetProperty("turnoverWan").GetProperty("growth").ValueKind);
    }

    [Fact]
    public async Task The_report_workbook_and_the_cli_verb_write_the_report_with_text_cells_neutralised()
    {
        var id = await CreatedIdAsync(await _office.PostAsJsonAsync("/api/market/contracts", Contract("2019210100000505", "shenyang", 1_234.5m, title: "=HYPERLINK(\"x\")")));
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync($"/api/market/contracts/{id}/approve", new { version = 1 })).StatusCode);
        var file = Path.Combine(Path.GetTempPath(), $"gaoxin-transfer-{Guid.NewGuid():N}.xlsx");
        var run = await CliRun.RunAsync("market", "report", "--year", "2019", "--out", file, "--zone", "shenyang", "--db", store.DbArgument);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        using (var workbook = new XLWorkbook(file))
        {
            var summary = workbook.Worksheet("汇总 Summary");
            var rows = summary.RowsUsed().Skip(1).Select(r => (Scope: r.Cell(2).GetString(), Label: r.Cell(3).GetString(), Value: r.Cell(4).GetValue<decimal>())).ToList();
            // The province's section, then Shenyang's: one contract of 1,234.5 万元 in each.
            Assert.Equal(1_234.5m, rows.Single(r => r.Scope == "province" && r.Label.StartsWith("技术合同成交额", StringComparison.Ordinal)).Value);
            Assert.Equal(1m, rows.Single(r => r.Scope == "shenyang" && r.Label.StartsWith("技术合同数", StringComparison.Ordinal)).Value);
            var byType = workbook.Worksheet("按类型 By type").RowsUsed().Skip(1).Single(r => r.Cell(1).GetString() != "全省 Province" && r.Cell(2).GetString() == "development");
            Assert.Equal(1_234.5m, byType.Cell(6).GetValue<decimal>());
            // Nothing the year before: the growth cell says so in words, never a number.
            Assert.Equal("上年为零 none last year", byType.Cell(9).GetString());
            Assert.All(workbook.Worksheets.SelectMany(s => s.CellsUsed()), c => Assert.False(c.HasFormula));
        }
        File.Delete(file);
    }
}

public sealed class MarketDealsOnSqlite() : MarketDealsSpec(new SqliteTestStore());

public sealed class MarketDealsOnPostgres() : MarketDealsSpec(new PostgresTestStore());
