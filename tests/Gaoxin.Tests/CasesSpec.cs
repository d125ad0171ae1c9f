using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Gaoxin.Core.Zones;
using Gaoxin.Data;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>
/// Rectification (整改) and appeals (申诉) on both providers, on the demo figures (2019: Fuxin and Liaoyang, national, and
/// Suizhong, provincial, fail): publishing a run opens one case per yellow card; the office notifies, the zone submits its plan,
/// the office returns then accepts it, the zone reports progress, the office re-checks; rectified lifts the card in the zone's
/// history, not rectified proposes delisting (provincial) or reports upward (national); an upheld appeal reverses it. Every step
/// takes the case's version (stale: 409), a zone cannot take the office's steps (403) and sees only its own cases.
/// </summary>
public abstract class CasesSpec(ITestStore store) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private const string Provincial = "suizhong";
    private const string National = "fuxin";
    private RunningServer _server = null!;
    private HttpClient _office = null!;
    private HttpClient _suizhong = null!;
    private HttpClient _fuxin = null!;
    private HttpClient _shenyang = null!;

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await Cli("demo", "seed")).ExitCode);
        foreach (var (email, role, zone) in new[] { ("office@example.org", "admin", (string?)null), ("sz@example.org", "zone_operator", Provincial),
                     ("fx@example.org", "zone_operator", National), ("sy@example.org", "zone_operator", "shenyang") })
            Assert.Equal(0, (await Cli(["users", "add", "--email", email, "--role", role, "--password", Password, .. zone is null ? Array.Empty<string>() : ["--zone", zone]])).ExitCode);
        _server = await RunningServer.StartAsync(store.Location);
        _office = await _server.TokenClientAsync(store, "office@example.org");
        _suizhong = await _server.TokenClientAsync(store, "sz@example.org");
        _fuxin = await _server.TokenClientAsync(store, "fx@example.org");
        _shenyang = await _server.TokenClientAsync(store, "sy@example.org");
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { _office, _suizhong, _fuxin, _shenyang }) client.Dispose();
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    /// <summary>Evaluates a year (JSON), publishes the run it prints, and returns the zones it gave a yellow card.</summary>
    private async Task<List<string>> PublishAsync(int year)
    {
        var evaluated = await Cli("evaluate", "--year", year.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json");
        Assert.True(evaluated.ExitCode == 0, evaluated.Error);
        var result = JsonDocument.Parse(evaluated.Output).RootElement;
        var run = result.GetProperty("run").GetInt64();
        Assert.Equal(0, (await Cli("evaluate", "publish", run.ToString(System.Globalization.CultureInfo.InvariantCulture))).ExitCode);
        return result.GetProperty("zones").EnumerateArray().Where(z => z.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "yellow_card"))
            .Select(z => z.GetProperty("zone").GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    private async Task<List<JsonElement>> CasesAsync(HttpClient client, string query = "") =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/cases{query}")).GetProperty("cases").EnumerateArray().ToList();

    private async Task<long> CaseOfAsync(string zone, int year = 2019) =>
        (await CasesAsync(_office, $"?year={year}&zone={zone}")).Single(c => c.GetProperty("kind").GetString() == "rectification").GetProperty("id").GetInt64();

    private async Task<JsonElement> GetAsync(HttpClient client, long id) => await client.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");

    private static async Task<(HttpStatusCode Status, JsonElement Body)> StepAsync(HttpClient client, long id, object step)
    {
        using var response = await client.PostAsJsonAsync($"/api/cases/{id}/steps", step);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>Takes a step that must succeed, returning the case's new version.</summary>
    private static async Task<int> OkAsync(HttpClient client, long id, object step)
    {
        var (status, body) = await StepAsync(client, id, step);
        Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
        return body.GetProperty("version").GetInt32();
    }

    private static object Plan(int version) => new
    {
        step = "plan_submitted", version, comment = "整改方案",
        content = new Dictionary<string, string> { ["measures"] = "补齐研发投入统计;新建两个孵化器", ["responsible"] = "管委会主任 张三", ["deadlines"] = "2027-06-30" },
    };

    private async Task<List<ZoneEventKind>> EventsAsync(string zone)
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        return (await db.ZoneEvents.Where(e => e.ZoneCode == zone).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
    }

    /// <summary>Takes a case through notice, plan and acceptance to a progress report; returns its version.</summary>
    private async Task<int> ToProgressAsync(HttpClient zone, long id)
    {
        var version = await OkAsync(_office, id, new { step = "notice", version = 1, comment = "通报批评,限期整改" });
        version = await OkAsync(zone, id, Plan(version));
        version = await OkAsync(_office, id, new { step = "plan_review", decision = "accepted", version });
        return await OkAsync(zone, id, new { step = "progress", comment = "已完成研发统计整改", version });
    }

    [Fact]
    public async Task Publishing_a_run_opens_one_rectification_case_per_yellow_card_and_the_cli_lists_them()
    {
        var carded = await PublishAsync(2019);

        var listed = await Cli("cases", "list", "--year", "2019", "--format", "json");

        Assert.Equal(0, listed.ExitCode);
        var cases = JsonDocument.Parse(listed.Output).RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(carded, cases.Select(c => c.GetProperty("zone").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal([National, "liaoyang", Provincial], carded);
        foreach (var c in cases)
        {
            Assert.Equal(["id", "kind", "zone", "year", "status", "steps"], c.EnumerateObject().Select(p => p.Name));
            Assert.Equal(("rectification", 2019, "opened", 0), (c.GetProperty("kind").GetString(), c.GetProperty("year").GetInt32(),
                c.GetProperty("status").GetString(), c.GetProperty("steps").GetArrayLength()));
        }
        Assert.Equal(0, JsonDocument.Parse((await Cli("cases", "list", "--zone", "shenyang", "--format", "json")).Output).RootElement.GetProperty("cases").GetArrayLength());
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var run = await db.EvaluationRuns.SingleAsync(r => r.PublishedAt != null);
        Assert.All(await db.Cases.ToListAsync(), c => Assert.Equal(run.Id, c.RunId));
        Assert.Equal(3, await db.Audit.CountAsync(a => a.Action == "case_opened"));
    }

    [Fact]
    public async Task A_case_goes_from_notice_through_a_returned_and_an_accepted_plan_to_a_recheck_that_lifts_the_card()
    {
        await PublishAsync(2019);
        var id = await CaseOfAsync(Provincial);

        var version = await OkAsync(_office, id, new { step = "notice", version = 1, comment = "通报批评,限期整改" });
        var stale = await StepAsync(_office, id, new { step = "notice", version = 1 });
        var incomplete = await StepAsync(_suizhong, id, new { step = "plan_submitted", version });
        version = await OkAsync(_suizhong, id, Plan(version));
        var noReason = await StepAsync(_office, id, new { step = "plan_review", decision = "returned", version });
        version = await OkAsync(_office, id, new { step = "plan_review", decision = "returned", comment = "措施不具体", version });
        version = await OkAsync(_suizhong, id, Plan(version));
        version = await OkAsync(_office, id, new { step = "plan_review", decision = "accepted", version });
        version = await OkAsync(_suizhong, id, new { step = "progress", comment = "第一季度进展", version });
        version = await OkAsync(_suizhong, id, new { step = "progress", comment = "第二季度进展", version });
        var staleRecheck = await StepAsync(_office, id, new { step = "recheck", decision = "rectified", comment = "整改到位", version = version - 1 });
        await OkAsync(_office, id, new { step = "recheck", decision = "rectified", comment = "整改到位", version });

        Assert.Equal((HttpStatusCode.Conflict, "stale"), (stale.Status, stale.Body.GetProperty("code").GetString()));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "plan_incomplete"), (incomplete.Status, incomplete.Body.GetProperty("code").GetString()));
        Assert.Equal("comment_required", noReason.Body.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, staleRecheck.Status);
        var done = await GetAsync(_suizhong, id);
        Assert.Equal("closed", done.GetProperty("status").GetString());
        Assert.Equal(["notice", "plan_submitted", "plan_review", "plan_submitted", "plan_review", "progress", "progress", "recheck"],
            done.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()));
        var signatures = done.GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("step").GetString(), s.GetProperty("by").GetString())).ToList();
        Assert.Contains(("plan_submitted", "sz@example.org"), signatures);
        Assert.Contains(("recheck", "office@example.org"), signatures);
        Assert.Equal("补齐研发投入统计;新建两个孵化器", done.GetProperty("steps")[1].GetProperty("content").GetProperty("measures").GetString());
        Assert.All(done.GetProperty("deadlines").EnumerateArray(), d => Assert.True(d.GetProperty("met").GetBoolean()));
        Assert.Empty(done.GetProperty("nextSteps").EnumerateArray());
        var events = await EventsAsync(Provincial);
        Assert.Equal(ZoneEventKind.Rectified, events[^1]);
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        Assert.Equal(8, await db.Audit.CountAsync(a => a.Action == "case_step" && a.ElementCode == $"case:{id}"));
        Assert.True(await db.Notifications.AnyAsync(n => n.Audience == $"zone:{Provincial}" && n.CaseId == id));
        var zone = await db.ZoneEvents.Where(e => e.ZoneCode == Provincial).OrderBy(e => e.Id).LastAsync();
        Assert.Equal(ZoneStatus.Active, zone.Status);
    }

    [Fact]
    public async Task A_zone_may_not_take_the_offices_steps_and_sees_only_its_own_cases()
    {
        await PublishAsync(2019);
        var id = await CaseOfAsync(Provincial);

        var notice = await StepAsync(_suizhong, id, new { step = "notice", version = 1 });
        var otherZone = await StepAsync(_fuxin, id, new { step = "notice", version = 1 });
        using var read = await _shenyang.GetAsync($"/api/cases/{id}");

        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (notice.Status, notice.Body.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, otherZone.Status);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Empty(await CasesAsync(_shenyang));
        Assert.Equal([Provincial], (await CasesAsync(_suizhong)).Select(c => c.GetProperty("zone").GetString()));
        Assert.Equal(3, (await CasesAsync(_office)).Count);
        Assert.Equal(["notice"], (await GetAsync(_office, id)).GetProperty("nextSteps").EnumerateArray().Select(s => s.GetString()));
        Assert.Empty((await GetAsync(_suizhong, id)).GetProperty("nextSteps").EnumerateArray());
        Assert.Equal(1, (await GetAsync(_office, id)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Not_rectified_proposes_delisting_for_a_provincial_zone_and_reports_a_national_zone_upward()
    {
        await PublishAsync(2019);
        var provincial = await CaseOfAsync(Provincial);
        var national = await CaseOfAsync(National);
        var provincialBefore = (await EventsAsync(Provincial)).Count(e => e == ZoneEventKind.DelistingProposed);
        var nationalBefore = (await EventsAsync(National)).Count(e => e == ZoneEventKind.ReportedUpward);

        await OkAsync(_office, provincial, new { step = "recheck", decision = "not_rectified", comment = "整改不到位", version = await ToProgressAsync(_suizhong, provincial) });
        await OkAsync(_office, national, new { step = "recheck", decision = "not_rectified", comment = "整改不到位", version = await ToProgressAsync(_fuxin, national) });

        Assert.Equal(provincialBefore + 1, (await EventsAsync(Provincial)).Count(e => e == ZoneEventKind.DelistingProposed));
        Assert.Equal(nationalBefore + 1, (await EventsAsync(National)).Count(e => e == ZoneEventKind.ReportedUpward));
        Assert.DoesNotContain(ZoneEventKind.ReportedUpward, await EventsAsync(Provincial));
        Assert.DoesNotContain(ZoneEventKind.DelistingProposed, await EventsAsync(National));
        Assert.Equal(ZoneEventKind.DelistingProposed, (await EventsAsync(Provincial))[^1]);
        Assert.Equal(ZoneEventKind.ReportedUpward, (await EventsAsync(National))[^1]);
    }

    [Fact]
    public async Task A_zone_failing_again_next_year_has_its_open_case_closed_by_the_evaluation_and_a_new_one_opened()
    {
        await PublishAsync(2018);
        var first = await CaseOfAsync(Provincial, 2018);
        await OkAsync(_office, first, new { step = "notice", version = 1 });

        await PublishAsync(2019);

        var closed = await GetAsync(_office, first);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        var last = closed.GetProperty("steps").EnumerateArray().Last();
        Assert.Equal(("evaluation", "delisting_proposed"), (last.GetProperty("step").GetString(), last.GetProperty("decision").GetString()));
        var national = await GetAsync(_office, await CaseOfAsync(National, 2018));
        Assert.Equal(("closed", "report_upward"), (national.GetProperty("status").GetString(),
            national.GetProperty("steps").EnumerateArray().Last().GetProperty("decision").GetString()));
        Assert.Equal("opened", (await GetAsync(_office, await CaseOfAsync(Provincial, 2019))).GetProperty("status").GetString());
        Assert.Contains(ZoneEventKind.DelistingProposed, await EventsAsync(Provincial));
    }

    [Fact]
    public async Task An_upheld_appeal_against_a_failed_recheck_lifts_the_card_and_a_rejected_one_changes_nothing()
    {
        await PublishAsync(2019);
        var id = await CaseOfAsync(Provincial);
        var before = await ToProgressAsync(_suizhong, id);
        var early = await _suizhong.PostAsJsonAsync($"/api/cases/{id}/appeal", new { version = before, comment = "尚无决定" });
        var version = await OkAsync(_office, id, new { step = "recheck", decision = "not_rectified", comment = "整改不到位", version = before });

        var byOffice = await _office.PostAsJsonAsync($"/api/cases/{id}/appeal", new { version, comment = "办公室" });
        var byOther = await _fuxin.PostAsJsonAsync($"/api/cases/{id}/appeal", new { version, comment = "他区" });
        using var filed = await _suizhong.PostAsJsonAsync($"/api/cases/{id}/appeal", new { version, comment = "研发投入统计口径有误,已提交佐证" });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var appealId = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var again = await _suizhong.PostAsJsonAsync($"/api/cases/{id}/appeal", new { version = version + 1, comment = "再次" });
        var zoneDecides = await StepAsync(_suizhong, appealId, new { step = "appeal_decision", decision = "upheld", version = 1 });
        await OkAsync(_office, appealId, new { step = "appeal_decision", decision = "upheld", comment = "佐证属实", version = 1 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOffice.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, zoneDecides.Status);
        var appeal = await GetAsync(_suizhong, appealId);
        Assert.Equal(("appeal", "decided", id), (appeal.GetProperty("kind").GetString(), appeal.GetProperty("status").GetString(), appeal.GetProperty("parent").GetInt64()));
        var parent = await GetAsync(_office, id);
        Assert.Equal([appealId], parent.GetProperty("appeals").EnumerateArray().Select(a => a.GetInt64()));
        Assert.Equal(["recheck", "appeal", "appeal_decision"], parent.GetProperty("steps").EnumerateArray().Skip(4).Select(s => s.GetProperty("step").GetString()));
        var events = await EventsAsync(Provincial);
        Assert.Equal([ZoneEventKind.DelistingProposed, ZoneEventKind.Rectified], events.TakeLast(2));
        var listed = JsonDocument.Parse((await Cli("cases", "list", "--zone", Provincial, "--format", "json")).Output).RootElement.GetProperty("cases");
        Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("kind").GetString() == "appeal" && c.GetProperty("status").GetString() == "decided");
    }

    [Fact]
    public async Task Documents_keep_their_sha256_and_download_as_uploaded_for_the_case_zone_only()
    {
        await PublishAsync(2019);
        var id = await CaseOfAsync(Provincial);
        var bytes = "%PDF-1.4 整改方案"u8.ToArray();

        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "plan.pdf" } };
        using var uploaded = await _suizhong.PostAsync($"/api/cases/{id}/documents", form);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var url = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;

        var document = (await GetAsync(_office, id)).GetProperty("documents").EnumerateArray().Single();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), document.GetProperty("sha256").GetString());
        Assert.Equal("sz@example.org", document.GetProperty("uploadedBy").GetString());
        Assert.Equal(bytes, await _office.GetByteArrayAsync(url));
        using var other = await _shenyang.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task The_office_steps_a_case_from_the_cli_and_evaluate_json_names_the_run()
    {
        var evaluated = await Cli("evaluate", "--year", "2019", "--format", "json");
        var run = JsonDocument.Parse(evaluated.Output).RootElement.GetProperty("run").GetInt64();
        Assert.Equal(0, (await Cli("evaluate", "publish", run.ToString(System.Globalization.CultureInfo.InvariantCulture))).ExitCode);
        var id = await CaseOfAsync(National);

        var stepped = await Cli("cases", "step", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--step", "notice", "--comment", "通报");
        var refused = await Cli("cases", "step", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--step", "recheck", "--decision", "rectified");

        Assert.True(stepped.ExitCode == 0, stepped.Error);
        Assert.Equal(Gaoxin.Cli.InvalidInput, refused.ExitCode);
        Assert.Contains("step_not_allowed", refused.Error);
        var listed = JsonDocument.Parse((await Cli("cases", "list", "--zone", National, "--format", "json")).Output).RootElement.GetProperty("cases")[0];
        Assert.Equal("notified", listed.GetProperty("status").GetString());
        var step = listed.GetProperty("steps")[0];
        Assert.Equal(["step", "date", "by", "decision"], step.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("cli:", step.GetProperty("by").GetString());
        Assert.Equal(JsonValueKind.Null, step.GetProperty("decision").ValueKind);
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        Assert.Equal(run, (await db.Cases.FirstAsync(c => c.Id == id)).RunId);
    }
}

public sealed class CasesOnSqlite() : CasesSpec(new SqliteTestStore());

public sealed class CasesOnPostgres() : CasesSpec(new PostgresTestStore());
