using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gaoxin.Data;
using Gaoxin.Data.Evaluation;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>
/// Applications for status and expert review, on both providers: a county's application for a new provincial zone is checked,
/// scored by two experts who cannot see each other's score before the panel closes, and approved — the zone enters the
/// registry and the plan target 新增省级高新区 rises by one; a provincial zone's own proposal for national level is promoted only
/// when the ministry approves, raising 新升级国家级高新区; conflicts of interest keep an expert off a zone's panels; a stale
/// step is refused with 409; a closed indicator panel's score enters the evaluation's figures with the source <c>experts</c>.
/// </summary>
public abstract class ApplicationsSpec(ITestStore store) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private const string Plan = "liaoning-2017-2020";
    private const string Wang = "wang@example.org";
    private const string Li = "li@example.org";
    private const string Zhao = "zhao@example.org";
    private RunningServer _server = null!;
    private HttpClient _office = null!;
    private HttpClient _fushun = null!;
    private HttpClient _wang = null!;
    private HttpClient _li = null!;
    private HttpClient _zhao = null!;

    public async Task InitializeAsync()
    {
        foreach (var (email, role, zone) in new[] { ("office@example.org", "admin", (string?)null), ("fs@example.org", "zone_operator", "fushun"),
                     (Wang, "expert", null), (Li, "expert", null), (Zhao, "expert", null) })
            Assert.Equal(0, (await CliRun.RunAsync(["users", "add", "--email", email, "--role", role, "--password", Password,
                .. zone is null ? Array.Empty<string>() : ["--zone", zone], "--db", store.DbArgument])).ExitCode);
        _server = await RunningServer.StartAsync(store.Location);
        _office = await _server.TokenClientAsync(store, "office@example.org");
        _fushun = await _server.TokenClientAsync(store, "fs@example.org");
        _wang = await _server.TokenClientAsync(store, Wang);
        _li = await _server.TokenClientAsync(store, Li);
        _zhao = await _server.TokenClientAsync(store, Zhao);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { _office, _fushun, _wang, _li, _zhao }) client.Dispose();
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private static async Task<long> CreatedIdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<string> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;

    private Task<JsonElement> ApplicationAsync(long id) => _office.GetFromJsonAsync<JsonElement>($"/api/applications/{id}");

    private async Task StepAsync(long id, string step, object? extra = null)
    {
        var version = (await ApplicationAsync(id)).GetProperty("version").GetInt32();
        var body = JsonSerializer.SerializeToElement(extra ?? new { }).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        body["version"] = version;
        var response = await _office.PostAsJsonAsync($"/api/applications/{id}/{step}", body);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<decimal?> TargetValueAsync(string target, int year) =>
        (await _server.Client.GetFromJsonAsync<JsonElement>($"/api/plans/{Plan}/progress?year={year}")).GetProperty("targets").EnumerateArray()
            .Single(t => t.GetProperty("id").GetString() == target).GetProperty("value") is { ValueKind: JsonValueKind.Number } v ? v.GetDecimal() : null;

    private static object NewZone(string code = "kangping") => new
    {
        kind = "new_provincial", zone = code, year = 2018, applicant = "康平县人民政府", name = "康平县高新技术产业开发区", nameEn = "Kangping High-tech Zone",
        city = "沈阳市", county = "康平县",
        figures = new Dictionary<string, decimal?> { ["area_km2"] = 8, ["revenue"] = 120, ["hte_count"] = 25, ["leading_industry_revenue"] = 40, ["incubators"] = 1 },
    };

    private async Task<long> PanelOfAsync(long application) =>
        (await _office.GetFromJsonAsync<JsonElement>("/api/panels")).EnumerateArray().Single(p => p.TryGetProperty("application", out var a)
            && a.ValueKind == JsonValueKind.Number && a.GetInt64() == application).GetProperty("id").GetInt64();

    [Fact]
    public async Task A_county_application_scored_by_two_experts_and_approved_puts_the_zone_in_the_registry_and_raises_the_new_provincial_zones_target()
    {
        var before = await TargetValueAsync("zones_new_provincial", 2019) ?? 0;

        var id = await CreatedIdAsync(await _office.PostAsJsonAsync("/api/applications", NewZone()));
        var submitted = await ApplicationAsync(id);
        Assert.Equal("submitted", submitted.GetProperty("status").GetString());
        // A new zone has no figures of its own: every figure is the typed one, and the checklist (5 km², 100 亿元, 20 HTE, 30 亿元, 1 incubator) is met.
        Assert.All(submitted.GetProperty("figures").EnumerateArray(), f => Assert.Equal("typed", f.GetProperty("source").GetString()));
        Assert.True(submitted.GetProperty("conditionsMet").GetBoolean());

        await StepAsync(id, "check");
        await StepAsync(id, "review", new { members = new[] { Wang, Li } });
        var panel = await PanelOfAsync(id);
        Assert.Equal(HttpStatusCode.NoContent, (await _wang.PostAsJsonAsync($"/api/experts/panels/{panel}/score", new { score = 80, comment = "产业基础较好" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _li.PostAsJsonAsync($"/api/experts/panels/{panel}/score", new { score = 90 })).StatusCode);

        // Independent: before the panel closes Wang sees that Li scored, not the score; the office sees neither score.
        var seenByWang = await _wang.GetFromJsonAsync<JsonElement>($"/api/panels/{panel}");
        var liAsSeen = seenByWang.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("expert").GetString() == Li);
        Assert.True(liAsSeen.GetProperty("scored").GetBoolean());
        Assert.Equal(JsonValueKind.Null, liAsSeen.GetProperty("score").ValueKind);
        Assert.Equal(80m, seenByWang.GetProperty("myScore").GetDecimal());
        Assert.All((await _office.GetFromJsonAsync<JsonElement>($"/api/panels/{panel}")).GetProperty("members").EnumerateArray(),
            m => Assert.Equal(JsonValueKind.Null, m.GetProperty("score").ValueKind));
        // An expert not on the panel neither sees it nor scores it.
        Assert.Equal(HttpStatusCode.NotFound, (await _zhao.GetAsync($"/api/panels/{panel}")).StatusCode);
        Assert.Equal("not_found", await CodeOf(await _zhao.PostAsJsonAsync($"/api/experts/panels/{panel}/score", new { score = 10 })));

        // Closing the review: two scores, nothing dropped, mean (80 + 90) / 2 = 85; then the scores are visible to the panel.
        await StepAsync(id, "reviewed");
        Assert.Equal(85m, (await ApplicationAsync(id)).GetProperty("reviewScore").GetDecimal());
        var closed = await _wang.GetFromJsonAsync<JsonElement>($"/api/panels/{panel}");
        Assert.Equal(90m, closed.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("expert").GetString() == Li).GetProperty("score").GetDecimal());
        Assert.Equal(5m, closed.GetProperty("result").GetProperty("standardDeviation").GetDecimal());
        Assert.Equal("panel_closed", await CodeOf(await _li.PostAsJsonAsync($"/api/experts/panels/{panel}/score", new { score = 99 })));

        await StepAsync(id, "approve", new { act = "辽政〔2019〕88号", effectiveOn = "2019-09-20" });

        var approved = await ApplicationAsync(id);
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal(["submitted", "check", "review", "reviewed", "approve"],
            approved.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()));
        var zone = await _server.Client.GetFromJsonAsync<JsonElement>("/api/zones/kangping");
        Assert.Equal("康平县高新技术产业开发区", zone.GetProperty("zone").GetProperty("name").GetString());
        var established = zone.GetProperty("history").EnumerateArray().Single();
        Assert.Equal("established", established.GetProperty("kind").GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal("辽政〔2019〕88号", established.GetProperty("act").GetString());
        Assert.Equal(before + 1, await TargetValueAsync("zones_new_provincial", 2019));
        // A county zone: the county target 县域晋升省级 counts it too; the year before the act, nothing changed.
        Assert.Equal(before, await TargetValueAsync("zones_new_provincial", 2018) ?? 0);

        // The CLI lists it with the field names.
        var cli = await CliRun.RunAsync("applications", "list", "--format", "json", "--db", store.DbArgument);
        Assert.Equal(0, cli.ExitCode);
        var listed = JsonDocument.Parse(cli.Output).RootElement.GetProperty("applications").EnumerateArray().Single();
        Assert.Equal("kangping", listed.GetProperty("zone").GetString());
        Assert.Equal("approved", listed.GetProperty("status").GetString());
        Assert.Equal("approve", listed.GetProperty("steps")[4].GetProperty("step").GetString());
    }

    [Fact]
    public async Task A_zone_proposes_itself_for_national_level_and_is_promoted_only_when_the_ministry_approves()
    {
        var before = await TargetValueAsync("zones_upgraded_national", 2019) ?? 0;
        // Fushun's operator may propose Fushun, not record a new zone nor propose another zone.
        Assert.Equal("forbidden", await CodeOf(await _fushun.PostAsJsonAsync("/api/applications", NewZone())));
        Assert.Equal("forbidden", await CodeOf(await _fushun.PostAsJsonAsync("/api/applications",
            new { kind = "national_proposal", zone = "dandong", year = 2018, applicant = "丹东高新区管委会" })));
        var id = await CreatedIdAsync(await _fushun.PostAsJsonAsync("/api/applications",
            new { kind = "national_proposal", zone = "fushun", year = 2018, applicant = "抚顺高新区管委会", figures = new Dictionary<string, decimal?> { ["revenue"] = 350 } }));
        // Steps are the office's.
        Assert.Equal(HttpStatusCode.Forbidden, (await _fushun.PostAsJsonAsync($"/api/applications/{id}/check", new { version = 1 })).StatusCode);
        // A second open application of the same zone is refused.
        Assert.Equal(HttpStatusCode.Conflict, (await _office.PostAsJsonAsync("/api/applications",
            new { kind = "national_proposal", zone = "fushun", year = 2018, applicant = "抚顺市人民政府" })).StatusCode);

        await StepAsync(id, "check");
        await StepAsync(id, "review", new { members = new[] { Zhao } });
        Assert.Equal(HttpStatusCode.NoContent, (await _zhao.PostAsJsonAsync($"/api/experts/panels/{await PanelOfAsync(id)}/score", new { score = 70 })).StatusCode);
        await StepAsync(id, "reviewed");
        await StepAsync(id, "approve", new { act = "辽科发〔2019〕5号", effectiveOn = "2019-05-01" });

        // Proposed by the province: not yet national, the target unchanged.
        Assert.Equal("proposed", (await ApplicationAsync(id)).GetProperty("status").GetString());
        Assert.Equal("provincial", (await _server.Client.GetFromJsonAsync<JsonElement>("/api/zones/fushun")).GetProperty("zone").GetProperty("level").GetString(),
            StringComparer.OrdinalIgnoreCase);
        Assert.Equal(before, await TargetValueAsync("zones_upgraded_national", 2019) ?? 0);

        await StepAsync(id, "ministry_approve", new { act = "国函〔2019〕120号", effectiveOn = "2019-11-10" });

        Assert.Equal("ministry_approved", (await ApplicationAsync(id)).GetProperty("status").GetString());
        Assert.Equal("national", (await _server.Client.GetFromJsonAsync<JsonElement>("/api/zones/fushun")).GetProperty("zone").GetProperty("level").GetString(),
            StringComparer.OrdinalIgnoreCase);
        Assert.Equal(before + 1, await TargetValueAsync("zones_upgraded_national", 2019));
        // The zone's operator reads their own application; the notice board told the zone.
        Assert.Single(await _fushun.GetFromJsonAsync<JsonElement[]>("/api/applications") ?? []);
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        Assert.True(await db.Notifications.AnyAsync(n => n.Audience == "zone:fushun" && n.CaseId == id));
    }

    [Fact]
    public async Task A_declared_conflict_keeps_an_expert_off_the_zone_and_withdraws_their_open_score()
    {
        var id = await CreatedIdAsync(await _office.PostAsJsonAsync("/api/applications", NewZone("faku")));
        await StepAsync(id, "check");
        await StepAsync(id, "review", new { members = new[] { Wang, Li } });
        var panel = await PanelOfAsync(id);
        Assert.Equal(HttpStatusCode.NoContent, (await _wang.PostAsJsonAsync($"/api/experts/panels/{panel}/score", new { score = 60 })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _wang.PostAsJsonAsync("/api/experts/conflicts", new { zone = "faku", reason = "曾任该县顾问" })).StatusCode);

        // Wang left the panel and his score is gone; he cannot be put on the zone's panels again.
        var seen = await _office.GetFromJsonAsync<JsonElement>($"/api/panels/{panel}");
        Assert.Equal([Li], seen.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("expert").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await _wang.PostAsJsonAsync($"/api/experts/panels/{panel}/score", new { score = 60 })).StatusCode);
        Assert.Equal("expert_conflicted", await CodeOf(await _office.PostAsJsonAsync("/api/panels",
            new { item = "midterm_review", subject = "法库中期", zone = "faku", year = 2019, members = new[] { Wang } })));
        Assert.Equal(HttpStatusCode.Conflict, (await _wang.PostAsJsonAsync("/api/experts/conflicts", new { zone = "faku" })).StatusCode);
        // Only an expert declares conflicts; the office cannot score.
        Assert.Equal(HttpStatusCode.Forbidden, (await _office.PostAsJsonAsync("/api/experts/conflicts", new { zone = "faku" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _office.PostAsJsonAsync($"/api/experts/panels/{panel}/score", new { score = 60 })).StatusCode);
        // Closing with no score left is refused.
        Assert.Equal("panel_no_scores", await CodeOf(await _office.PostAsJsonAsync($"/api/applications/{id}/reviewed",
            new { version = (await ApplicationAsync(id)).GetProperty("version").GetInt32() })));
    }

    [Fact]
    public async Task Steps_out_of_order_or_against_a_stale_version_are_refused_and_change_nothing()
    {
        var id = await CreatedIdAsync(await _office.PostAsJsonAsync("/api/applications", NewZone("xinmin")));

        var stale = await _office.PostAsJsonAsync($"/api/applications/{id}/check", new { version = 7 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("stale", await CodeOf(stale));
        Assert.Equal("application_wrong_step", await CodeOf(await _office.PostAsJsonAsync($"/api/applications/{id}/approve", new { version = 1, act = "x" })));
        Assert.Equal("comment_required", await CodeOf(await _office.PostAsJsonAsync($"/api/applications/{id}/reject", new { version = 1 })));
        Assert.Equal("unknown_step", await CodeOf(await _office.PostAsJsonAsync($"/api/applications/{id}/skip", new { version = 1 })));
        Assert.Equal("zone_exists", await CodeOf(await _office.PostAsJsonAsync("/api/applications", NewZone("shenyang"))));
        Assert.Equal(HttpStatusCode.Forbidden, (await _wang.PostAsJsonAsync("/api/applications", NewZone("liaozhong"))).StatusCode);

        var unchanged = await ApplicationAsync(id);
        Assert.Equal("submitted", unchanged.GetProperty("status").GetString());
        Assert.Equal(1, unchanged.GetProperty("version").GetInt32());
        Assert.Single(unchanged.GetProperty("steps").EnumerateArray());

        await StepAsync(id, "reject", new { comment = "主导产业不突出" });
        Assert.Equal("rejected", (await ApplicationAsync(id)).GetProperty("status").GetString());
        Assert.Equal("application_closed", await CodeOf(await _office.PostAsJsonAsync($"/api/applications/{id}/check", new { version = 2 })));
    }

    [Fact]
    public async Task A_closed_indicator_panel_score_enters_the_evaluation_figures_with_the_source_experts()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"gaoxin-apps-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(csv, ["zone,year,element,value", "shenyang,2019,gdp,100"]);
        Assert.Equal(0, (await CliRun.RunAsync("data", "import", csv, "--approve", "--db", store.DbArgument)).ExitCode);
        File.Delete(csv);

        var panel = await CreatedIdAsync(await _office.PostAsJsonAsync("/api/panels", new
        {
            item = "indicator", subject = "沈阳高新区创业氛围", zone = "shenyang", year = 2019, model = "cn-htz-2021", indicator = "n1_10",
            members = new[] { Wang, Li, Zhao },
        }));
        foreach (var (client, score) in new[] { (_wang, 70m), (_li, 75m), (_zhao, 81m) })
            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/experts/panels/{panel}/score", new { score })).StatusCode);
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
            Assert.Null((await EvaluationStore.LoadDataAsync(db, 2019, CancellationToken.None)).Input.Values("shenyang", "n21_score_startup_climate", 2019));

        var version = (await _office.GetFromJsonAsync<JsonElement>($"/api/panels/{panel}")).GetProperty("version").GetInt32();
        var result = await _office.PostAsJsonAsync($"/api/panels/{panel}/close", new { version });
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        // Three scores, none dropped: (70 + 75 + 81) / 3 = 75.33.
        Assert.Equal(75.33m, (await result.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mean").GetDecimal());

        await using var after = GaoxinDatabase.CreateContext(store.Location);
        Assert.Equal(75.33m, (await EvaluationStore.LoadDataAsync(after, 2019, CancellationToken.None)).Input.Values("shenyang", "n21_score_startup_climate", 2019));
        var figure = (await Data.Figures.FigureStore.InForceAsync(after, 2019, 2019, "shenyang", CancellationToken.None))
            .Single(f => f.Value.Element == "n21_score_startup_climate");
        Assert.Equal("experts", figure.SourceName);
    }
}

public sealed class ApplicationsOnSqlite() : ApplicationsSpec(new SqliteTestStore());

public sealed class ApplicationsOnPostgres() : ApplicationsSpec(new PostgresTestStore());
