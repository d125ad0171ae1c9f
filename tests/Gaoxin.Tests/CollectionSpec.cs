using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Gaoxin.Data;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>
/// Yearly data collection end to end — CLI, API and pages — against a fresh database of each provider:
/// import and export, the draft → submitted → approved workflow, audit, completeness, and who may see and change what.
/// </summary>
public abstract class CollectionSpec(ITestStore store) : IAsyncLifetime
{
    private RunningServer _server = null!;
    private const string AdminEmail = "office@example.org";
    private const string ShenyangEmail = "shenyang@example.org";
    private const string DalianEmail = "dalian@example.org";
    private const string Password = "correct-horse-battery";

    public async Task InitializeAsync()
    {
        foreach (var (email, role, zone) in new[] { (AdminEmail, "admin", (string?)null), (ShenyangEmail, "zone_operator", "shenyang"), (DalianEmail, "zone_operator", "dalian") })
        {
            var added = await Cli(["users", "add", "--email", email, "--role", role, "--password", Password, .. zone is null ? Array.Empty<string>() : ["--zone", zone]]);
            Assert.True(added.ExitCode == 0, added.Error);
        }
        _server = await RunningServer.StartAsync(store.Location);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    private static string WriteFile(string name, string content)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("gaoxin-data-").FullName, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private async Task<HttpClient> ApiAsAsync(string email, HttpMessageHandler? handler = null)
    {
        var result = await Cli("users", "token", "--email", email);
        Assert.True(result.ExitCode == 0, result.Error);
        var token = result.Output.Trim();
        Assert.StartsWith("gx_", token);
        var client = TestHttp.Client(_server.Address, handler ?? new SocketsHttpHandler());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<(int Reports, int Values, int Audit)> CountAsync()
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        // The data's audit rows: accounts and sign-ins are audited too.
        return (await db.Reports.CountAsync(), await db.ReportValues.CountAsync(),
            await db.Audit.CountAsync(a => !a.Action.StartsWith("user_") && !a.Action.StartsWith("sign_in")));
    }

    private const string Sample = """
        zone,year,element,value
        shenyang,2019,gdp,1234.5678
        shenyang,2019,revenue,3100
        shenyang,2019,enterprise_count,5200
        shenyang,2019,hte_count,800
        大连高新区,2019,gdp,1100.25
        dalian,2019,employees,150000
        liaoning,2019,prov_gdp,24909.5
        liaoning,2019,prov_hte_count,4500
        """;

    [Fact]
    public async Task Import_approved_then_export_round_trips_exactly_and_a_repeat_changes_nothing()
    {
        var file = WriteFile("sample.csv", Sample);

        var first = await Cli("data", "import", file, "--approve");
        var afterFirst = await CountAsync();
        var export = await Cli("data", "export", "--year", "2019", "--format", "csv", "--reported-only");
        var again = await Cli("data", "import", file, "--approve", "--format", "json");

        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        var expected = Sample.Replace("大连高新区", "dalian").Split('\n').Skip(1).Select(l => l.Trim()).Order(StringComparer.Ordinal);
        var lines = export.Output.Trim().Split('\n').Select(l => l.Trim()).ToList();
        Assert.Equal("zone,year,element,value", lines[0]);
        Assert.Equal(expected, lines.Skip(1).Order(StringComparer.Ordinal));
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(0, JsonDocument.Parse(again.Output).RootElement.GetProperty("valuesChanged").GetInt32());
        Assert.Equal(afterFirst, await CountAsync());
    }

    [Fact]
    public async Task One_bad_row_anywhere_rejects_the_whole_file_with_its_location()
    {
        var file = WriteFile("bad.csv", Sample + "\nshenyang,2019,tax,lots\n");

        var result = await Cli("data", "import", file, "--approve", "--format", "json");

        Assert.Equal(2, result.ExitCode);
        var problem = JsonDocument.Parse(result.Output).RootElement.GetProperty("problems").EnumerateArray()
            .Single(p => p.GetProperty("severity").GetString() == "error");
        Assert.Equal(("not_a_number", 10, "value"), (problem.GetProperty("code").GetString(), problem.GetProperty("row").GetInt32(), problem.GetProperty("column").GetString()));
        Assert.Equal("bad.csv", problem.GetProperty("file").GetString());
        Assert.Equal((0, 0, 0), await CountAsync());
    }

    [Fact]
    public async Task A_rule_broken_in_one_report_rejects_the_whole_file()
    {
        // Dalian's figures are fine; Shenyang reports more high-tech enterprises than enterprises.
        var file = WriteFile("rule.csv", "zone,year,element,value\ndalian,2019,gdp,1100\nshenyang,2019,enterprise_count,100\nshenyang,2019,hte_count,101\n");

        var result = await Cli("data", "import", file, "--approve");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("rule.csv row 4", result.Error);
        Assert.Contains("High-tech enterprises cannot exceed the enterprises", result.Error);
        Assert.Equal((0, 0, 0), await CountAsync());
    }

    [Fact]
    public async Task Dry_run_reports_what_would_change_and_writes_nothing()
    {
        var result = await Cli("data", "import", WriteFile("s.csv", Sample), "--approve", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("8 would change", result.Output);
        Assert.Equal((0, 0, 0), await CountAsync());
    }

    [Fact]
    public async Task Approved_values_change_only_through_a_new_audited_revision()
    {
        await Cli("data", "import", WriteFile("s.csv", Sample), "--approve");

        var changed = await Cli("data", "import", WriteFile("c.csv", "zone,year,element,value\nshenyang,2019,gdp,1300\n"), "--approve");

        Assert.Equal(0, changed.ExitCode);
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var revisions = await db.Reports.Where(r => r.UnitCode == "shenyang" && r.Year == 2019).OrderBy(r => r.Revision).Select(r => r.State).ToListAsync();
        Assert.Equal([Core.Collection.ReportState.Superseded, Core.Collection.ReportState.Approved], revisions);
        var audit = await db.Audit.Where(a => a.UnitCode == "shenyang" && a.ElementCode == "gdp").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal((1234.5678m, 1300m), (audit.Last().OldValue!.Value, audit.Last().NewValue!.Value));
        Assert.Equal("cli", audit.Last().Via);
    }

    [Fact]
    public async Task Demo_seed_fills_five_years_calibrated_on_the_plan_and_marked_as_demo()
    {
        var seeded = await Cli("demo", "seed", "--seed", "7");
        var again = await Cli("demo", "seed");
        var export = await Cli("data", "export", "--year", "2016");
        var anonymous = await _server.Client.GetFromJsonAsync<JsonElement>("/api/zones/shenyang/data/2018");

        Assert.Equal(0, seeded.ExitCode);
        Assert.NotEqual(0, again.ExitCode);
        var rows = export.Output.Trim().Split('\n').Skip(1).Select(l => l.Trim().Split(',')).ToList();
        decimal Sum(string element) => rows.Where(r => r[2] == element).Sum(r => decimal.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(4961m, Sum("high_level_talents"));
        // The counts the registries keep are left blank in the demo reports: the demo registries give them (see RegistrySpec),
        // and the export of the figures in force says so.
        var counted = rows.Where(r => r[2] is "incubators" or "maker_spaces" or "rd_institutions").ToList();
        Assert.NotEmpty(counted);
        Assert.All(counted, r => Assert.Equal("registry", r[4]));
        Assert.True(anonymous.GetProperty("isDemo").GetBoolean());
        Assert.Equal("approved", anonymous.GetProperty("state").GetString());
        Assert.Contains("演示数据", await _server.Client.GetStringAsync("/data?year=2018"));
    }

    [Fact]
    public async Task Zone_operator_drafts_and_submits_office_approves_and_everyone_then_sees_it()
    {
        using var shenyang = await ApiAsAsync(ShenyangEmail);
        using var office = await ApiAsAsync(AdminEmail);
        var values = new { values = new Dictionary<string, decimal?> { ["gdp"] = 1500m, ["revenue"] = 4200m, ["tax"] = 300m }, comments = new Dictionary<string, string?>() };

        var put = await shenyang.PutAsJsonAsync("/api/zones/shenyang/data/2019", values);
        var beforeApproval = await _server.Client.GetFromJsonAsync<JsonElement>("/api/zones/shenyang/data/2019");
        var submit = await shenyang.PostAsync("/api/zones/shenyang/data/2019/submit", null);
        var operatorApproves = await shenyang.PostAsync("/api/zones/shenyang/data/2019/approve", null);
        var approve = await office.PostAsync("/api/zones/shenyang/data/2019/approve", null);
        var afterApproval = await _server.Client.GetFromJsonAsync<JsonElement>("/api/zones/shenyang/data/2019");
        var audit = await office.GetFromJsonAsync<JsonElement>("/api/audit?zone=shenyang&year=2019");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(JsonValueKind.Null, beforeApproval.GetProperty("draft").ValueKind);
        Assert.Empty(beforeApproval.GetProperty("approved").EnumerateObject());
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, operatorApproves.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.Equal(1500m, afterApproval.GetProperty("approved").GetProperty("gdp").GetDecimal());
        var actions = audit.EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Equal(["approved", "submitted"], actions.Take(2));
        Assert.Equal(3, actions.Count(a => a == "value_set"));
        Assert.Contains("shenyang,2019,gdp,1500", (await Cli("data", "export", "--year", "2019")).Output);
    }

    [Fact]
    public async Task A_zone_operator_can_neither_read_nor_write_another_zones_unapproved_data_through_the_api()
    {
        using var shenyang = await ApiAsAsync(ShenyangEmail);
        using var dalian = await ApiAsAsync(DalianEmail);
        await dalian.PutAsJsonAsync("/api/zones/dalian/data/2019", new { values = new Dictionary<string, decimal?> { ["gdp"] = 900m } });

        var read = await shenyang.GetFromJsonAsync<JsonElement>("/api/zones/dalian/data/2019");
        var write = await shenyang.PutAsJsonAsync("/api/zones/dalian/data/2019", new { values = new Dictionary<string, decimal?> { ["gdp"] = 1m } });
        var submit = await shenyang.PostAsync("/api/zones/dalian/data/2019/submit", null);
        var anonymousWrite = await _server.Client.PutAsJsonAsync("/api/zones/dalian/data/2019", new { values = new Dictionary<string, decimal?> { ["gdp"] = 1m } });
        var own = await dalian.GetFromJsonAsync<JsonElement>("/api/zones/dalian/data/2019");

        Assert.Equal(JsonValueKind.Null, read.GetProperty("draft").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, submit.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousWrite.StatusCode);
        Assert.Equal(900m, own.GetProperty("draft").GetProperty("gdp").GetDecimal());
        var audit = await shenyang.GetFromJsonAsync<JsonElement>("/api/audit?zone=dalian");
        Assert.Equal(0, audit.GetArrayLength());
    }

    [Fact]
    public async Task A_zone_operator_uploading_another_zones_figures_is_refused_and_nothing_changes()
    {
        using var shenyang = await ApiAsAsync(ShenyangEmail);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes("zone,year,element,value\nshenyang,2019,gdp,1\ndalian,2019,gdp,2\n")), "file", "mine.csv" },
        };

        var response = await shenyang.PostAsync("/api/data/import?wait=true", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").EnumerateArray().Single();
        Assert.Equal(("unit_not_yours", 3, "dalian"), (problem.GetProperty("code").GetString(), problem.GetProperty("row").GetInt32(), problem.GetProperty("zone").GetString()));
        Assert.Equal((0, 0, 0), await CountAsync());
    }

    [Fact]
    public async Task An_oversized_upload_is_refused_before_it_is_read_and_nothing_changes()
    {
        // Wait for the server's answer to Expect: 100-continue however busy the machine is, rather than sending the body after 1 s.
        using var office = await ApiAsAsync(AdminEmail, new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(2) });
        var huge = new byte[25 * 1024 * 1024];
        Encoding.ASCII.GetBytes("zone,year,element,value\n").CopyTo(huge, 0);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(huge), "file", "huge.csv" } };

        // Expect: 100-continue lets the server refuse on the announced length before the body is sent.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/data/import") { Content = form };
        request.Headers.ExpectContinue = true;
        var response = await office.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal((0, 0, 0), await CountAsync());
    }

    [Fact]
    public async Task The_office_is_offered_demo_data_on_an_empty_store_and_only_there()
    {
        using var session = new PageSession(_server.Address);
        await session.SignInAsync(AdminEmail, Password);
        var empty = await session.GetStringAsync("/data");

        var load = await session.PostFormAsync("/data", "/data?handler=Demo", []);
        var after = await session.GetStringAsync("/data?year=2020");

        Assert.Contains("id=\"load-demo\"", empty);
        Assert.Equal(HttpStatusCode.Redirect, load.StatusCode);
        Assert.DoesNotContain("id=\"load-demo\"", after);
        Assert.Contains("id=\"demo-note\"", after);
        Assert.Equal(16 * 5, (await CountAsync()).Reports);
    }

    [Fact]
    public async Task Submission_needs_a_comment_on_every_warning_and_no_error()
    {
        using var shenyang = await ApiAsAsync(ShenyangEmail);
        await Cli("data", "import", WriteFile("h.csv", "zone,year,element,value\nshenyang,2018,gdp,1000\n"), "--approve");
        await shenyang.PutAsJsonAsync("/api/zones/shenyang/data/2019", new { values = new Dictionary<string, decimal?> { ["gdp"] = 1600m } });

        var refused = await shenyang.PostAsync("/api/zones/shenyang/data/2019/submit", null);
        await shenyang.PutAsJsonAsync("/api/zones/shenyang/data/2019", new
        {
            values = new Dictionary<string, decimal?> { ["gdp"] = 1600m },
            comments = new Dictionary<string, string?> { ["gdp"] = "新并入浑南片区" },
        });
        var accepted = await shenyang.PostAsync("/api/zones/shenyang/data/2019/submit", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("has_problems", body.GetProperty("code").GetString());
        Assert.Equal("outlier_yoy", body.GetProperty("problems").EnumerateArray().Single().GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_correction_after_approval_leaves_the_approved_figures_in_force_until_approved_again()
    {
        using var shenyang = await ApiAsAsync(ShenyangEmail);
        using var office = await ApiAsAsync(AdminEmail);
        await Cli("data", "import", WriteFile("s.csv", Sample), "--approve");

        var correction = await shenyang.PutAsJsonAsync("/api/zones/shenyang/data/2019", new { values = new Dictionary<string, decimal?> { ["gdp"] = 1240m } });
        var publicView = await _server.Client.GetFromJsonAsync<JsonElement>("/api/zones/shenyang/data/2019");
        await shenyang.PostAsync("/api/zones/shenyang/data/2019/submit", null);
        var returned = await office.PostAsJsonAsync("/api/zones/shenyang/data/2019/return", new { comment = "请附统计局核定数" });
        var returnedWithoutComment = await office.PostAsJsonAsync("/api/zones/shenyang/data/2019/return", new { comment = "" });
        var mine = await shenyang.GetFromJsonAsync<JsonElement>("/api/zones/shenyang/data/2019");

        Assert.Equal(HttpStatusCode.OK, correction.StatusCode);
        Assert.Equal(1234.5678m, publicView.GetProperty("approved").GetProperty("gdp").GetDecimal());
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, returnedWithoutComment.StatusCode);
        Assert.Equal(("returned", 2, "请附统计局核定数"), (mine.GetProperty("state").GetString(), mine.GetProperty("revision").GetInt32(), mine.GetProperty("decisionComment").GetString()));
        Assert.Equal(1240m, mine.GetProperty("draft").GetProperty("gdp").GetDecimal());
        Assert.Equal(1234.5678m, mine.GetProperty("approved").GetProperty("gdp").GetDecimal());
    }

    [Fact]
    public async Task Completeness_gives_state_share_filled_and_timeliness_per_zone()
    {
        using var office = await ApiAsAsync(AdminEmail);
        using var shenyang = await ApiAsAsync(ShenyangEmail);
        await Cli("data", "deadline", "--year", "2019", "--date", "2099-03-31");
        await shenyang.PutAsJsonAsync("/api/zones/shenyang/data/2019", new { values = new Dictionary<string, decimal?> { ["gdp"] = 1500m, ["revenue"] = 4000m } });
        await shenyang.PostAsync("/api/zones/shenyang/data/2019/submit", null);

        var rows = (await office.GetFromJsonAsync<JsonElement>("/api/reports/completeness?year=2019")).EnumerateArray()
            .ToDictionary(r => r.GetProperty("zone").GetString()!);
        var own = (await shenyang.GetFromJsonAsync<JsonElement>("/api/reports/completeness?year=2019")).EnumerateArray().ToList();
        var anonymous = await _server.Client.GetAsync("/api/reports/completeness?year=2019");

        Assert.Equal(16, rows.Count);
        // 20 core elements, less the 8 the registries count and the turnover the approved contracts sum (a zone may leave those blank).
        Assert.Equal(("submitted", 2, 11, true), (rows["shenyang"].GetProperty("state").GetString(), rows["shenyang"].GetProperty("filled").GetInt32(),
            rows["shenyang"].GetProperty("expected").GetInt32(), rows["shenyang"].GetProperty("onTime").GetBoolean()));
        Assert.Equal(("none", 2), (rows["liaoning"].GetProperty("state").GetString(), rows["liaoning"].GetProperty("expected").GetInt32()));
        Assert.Equal("shenyang", Assert.Single(own).GetProperty("zone").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Forms_refuse_a_post_without_the_anti_forgery_token()
    {
        using var session = new PageSession(_server.Address);
        await session.SignInAsync(ShenyangEmail, Password);

        var forgedLogin = await session.PostWithoutTokenAsync("/account/login", [new("Email", ShenyangEmail), new("Password", Password)]);
        var forgedSave = await session.PostWithoutTokenAsync("/zones/shenyang/data/2019?handler=Save", [new("Values[gdp]", "1")]);
        var forgedImport = await session.PostWithoutTokenAsync("/data?handler=Import", []);

        Assert.Equal(HttpStatusCode.BadRequest, forgedLogin.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forgedSave.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forgedImport.StatusCode);
        Assert.Equal((0, 0, 0), await CountAsync());
    }

    [Fact]
    public async Task A_zone_operator_sees_only_approved_figures_of_another_zone_on_its_page_and_cannot_post_to_it()
    {
        using var dalian = await ApiAsAsync(DalianEmail);
        await dalian.PutAsJsonAsync("/api/zones/dalian/data/2019", new { values = new Dictionary<string, decimal?> { ["gdp"] = 987.65m } });
        using var session = new PageSession(_server.Address);
        await session.SignInAsync(ShenyangEmail, Password);

        var page = await session.GetStringAsync("/zones/dalian/data/2019");
        var ownPage = await session.GetStringAsync("/zones/shenyang/data/2019");
        var post = await session.PostFormAsync("/zones/shenyang/data/2019", "/zones/dalian/data/2019?handler=Save", [new("Values[gdp]", "1")]);

        Assert.DoesNotContain("987.65", page);
        Assert.DoesNotContain("id=\"report-form\"", page);
        Assert.Contains("id=\"report-form\"", ownPage);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Contains("/account/denied", post.Headers.Location!.OriginalString);
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        Assert.Equal(987.65m, await db.ReportValues.Where(v => v.ElementCode == "gdp").Select(v => v.Value).SingleAsync());
    }

    [Fact]
    public async Task Anonymous_visitors_see_approved_figures_only()
    {
        using var shenyang = await ApiAsAsync(ShenyangEmail);
        await Cli("data", "import", WriteFile("s.csv", Sample), "--approve");
        await shenyang.PutAsJsonAsync("/api/zones/shenyang/data/2019", new { values = new Dictionary<string, decimal?> { ["gdp"] = 7777.77m } });

        var page = await _server.Client.GetStringAsync("/zones/shenyang/data/2019");
        var api = await _server.Client.GetFromJsonAsync<JsonElement>("/api/zones/shenyang/data/2019");
        var csv = await _server.Client.GetStringAsync("/data/export/2019.csv");
        var template = await _server.Client.GetAsync("/data/template/2019.xlsx");

        Assert.Contains("1234.5678", page);
        Assert.DoesNotContain("7777.77", page + api.ToString() + csv);
        Assert.Equal("/account/login", template.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Sign_in_locks_the_account_after_five_wrong_passwords()
    {
        using var session = new PageSession(_server.Address);
        for (var i = 0; i < 5; i++) await session.SignInAsync(DalianEmail, "wrong-password-" + i);

        var locked = await session.SignInAsync(DalianEmail, Password);
        var body = await locked.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("锁定", body);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/data/template/2019.xlsx")).StatusCode);
    }

    [Fact]
    public async Task Text_cells_that_could_run_as_formulas_are_neutralised_in_the_excel_export()
    {
        await Cli("zones", "record", "evil", "--event", "established", "--date", "2019-01-01", "--act", "test",
            "--name", "=HYPERLINK(\"http://x\")", "--name-en", "Evil", "--city", "-x");
        await Cli("data", "import", WriteFile("e.csv", "zone,year,element,value\nevil,2019,gdp,5\n"), "--approve");
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "out.xlsx");

        await Cli("data", "export", "--year", "2019", "--format", "xlsx", "--out", path);

        using var workbook = new XLWorkbook(path);
        var cell = workbook.Worksheet("2019").Column(2).CellsUsed().Single(c => c.GetString().Contains("HYPERLINK"));
        Assert.False(cell.HasFormula);
        Assert.StartsWith("'=", cell.GetString());
    }
}

public sealed class CollectionOnSqlite() : CollectionSpec(new SqliteTestStore());

public sealed class CollectionOnPostgres() : CollectionSpec(new PostgresTestStore());
