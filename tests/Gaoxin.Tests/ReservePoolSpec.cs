using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gaoxin.Data;
using Gaoxin.Data.Enterprises;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>
/// The reserve pool (高企培育后备库) on each provider: entry decided by rules/reserve-pool-default.yaml from the high-tech
/// self-assessment, the pipeline's moves (illegal ones refused), trainings, the counts per zone and year, the API's scoping,
/// and the plan targets the counts feed (hte_reserve_pool, hte_trained, hte_recognised).
/// </summary>
public abstract class ReservePoolSpec(ITestStore store) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private static readonly string P1 = TestCreditCodes.Make(2001);
    private static readonly string P2 = TestCreditCodes.Make(2002);
    private static readonly string P3 = TestCreditCodes.Make(2003);
    private static readonly string P4 = TestCreditCodes.Make(2004);
    private readonly string _folder = Directory.CreateTempSubdirectory("gaoxin-pool-").FullName;

    public async Task InitializeAsync()
    {
        const string header = "credit_code,name,zone,year,registered_on,industry,is_hte,revenue,employees,st_employees,rd_expense,st_expense,high_tech_revenue,net_assets,exports,vc_received,valuation_usd_m,listed";
        var rows = new[] { (P1, "shenyang"), (P2, "shenyang"), (P3, "shenyang"), (P4, "dalian") }
            .Select((e, i) => $"{e.Item1},后备企业{i + 1},{e.Item2},2019,2015-01-01,C39,0,6000,200,40,300,320,4800,1500,0,0,,0");
        var path = Path.Combine(_folder, "returns.csv");
        await File.WriteAllTextAsync(path, string.Join("\n", rows.Prepend(header)) + "\n", new UTF8Encoding(false));
        Assert.Equal(0, (await Cli("enterprises", "import", path)).ExitCode);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    /// <summary>
    /// HteSpec's reference enterprise: every 高企 condition holds and the innovation score straddles 71 → <c>depends</c>,
    /// which the default entry rule admits (route hte_depends).
    /// </summary>
    internal static JsonObject Depends() => new()
    {
        ["registeredOn"] = "2015-01-01", ["assessedOn"] = "2019-01-05", ["domain"] = "electronic_information",
        ["ip"] = new JsonObject { ["class1"] = 1, ["class2"] = 6, ["selfDeveloped"] = 7 },
        ["employees"] = 200, ["stEmployees"] = 40,
        ["salesRevenue"] = new JsonArray(4000, 5000, 6000), ["rdExpense"] = new JsonArray(200, 250, 300), ["rdExpenseDomestic"] = 600,
        ["highTechRevenue"] = 4800, ["totalRevenue"] = 6000, ["netAssets"] = new JsonArray(1000, 1200, 1500),
        ["innovation"] = new JsonObject
        {
            ["techAdvancement"] = "B", ["coreSupport"] = "B", ["ipAcquisition"] = "A", ["standards"] = false, ["conversions"] = 12,
            ["rdManagement"] = new JsonObject { ["system"] = 5, ["institution"] = 5, ["conversionIncentives"] = 3, ["talent"] = 3 },
        },
        ["majorIncident"] = false,
    };

    /// <summary>The same with a major incident: a required condition of the near-miss route fails and the verdict is no → refused.</summary>
    private static JsonObject Incident()
    {
        var json = Depends();
        json["majorIncident"] = true;
        return json;
    }

    private string Write(JsonNode json, string name)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    private Task<CliResult> Add(string code, JsonNode json, string date) => Cli("pool", "add", code, "--assessment", Write(json, code + ".json"), "--date", date);

    private Task<CliResult> Move(string code, string to, string date) => Cli("pool", "move", code, "--to", to, "--date", date, "--note", "test");

    private async Task<Dictionary<string, JsonElement>> CountsAsync(int year)
    {
        var result = await Cli("pool", "counts", "--year", year.ToString(CultureInfo.InvariantCulture), "--format", "json");
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output).RootElement.GetProperty("zones").EnumerateArray().ToDictionary(z => z.GetProperty("zone").GetString()!);
    }

    private static (int, int, int, int, int) Figures(JsonElement zone) => (zone.GetProperty("inPool").GetInt32(), zone.GetProperty("trained").GetInt32(),
        zone.GetProperty("trainedToDate").GetInt32(), zone.GetProperty("recognised").GetInt32(), zone.GetProperty("recognisedToDate").GetInt32());

    /// <summary>P1 all the way to recognised in 2020, P3 in the pool from 2019 and trained in 2020, P4 (Dalian) a candidate only.</summary>
    private async Task PipelineAsync()
    {
        Assert.Equal(0, (await Add(P1, Depends(), "2019-01-10")).ExitCode);
        Assert.Equal(0, (await Move(P1, "in_pool", "2019-03-01")).ExitCode);
        Assert.Equal(0, (await Cli("pool", "train", P1, "--date", "2019-05-10", "--course", "高企申报实务", "--hours", "6")).ExitCode);
        Assert.Equal(0, (await Move(P1, "applied", "2020-03-01")).ExitCode);
        Assert.Equal(0, (await Move(P1, "recognised", "2020-11-01")).ExitCode);
        Assert.Equal(0, (await Add(P3, Depends(), "2019-01-10")).ExitCode);
        Assert.Equal(0, (await Move(P3, "in_pool", "2019-02-01")).ExitCode);
        Assert.Equal(0, (await Cli("pool", "train", P3, "--date", "2020-04-01", "--course", "研发费用归集")).ExitCode);
        Assert.Equal(0, (await Add(P4, Depends(), "2019-06-01")).ExitCode);
    }

    [Fact]
    public async Task The_entry_rule_admits_a_depends_assessment_and_refuses_one_with_a_major_incident()
    {
        var admitted = await Add(P1, Depends(), "2019-01-10");
        var refused = await Add(P2, Incident(), "2019-01-10");
        var again = await Add(P1, Depends(), "2019-02-10");
        var unknown = await Add(TestCreditCodes.Make(2999), Depends(), "2019-02-10");
        var list = await Cli("pool", "list", "--format", "json");

        Assert.True(admitted.ExitCode == 0, admitted.Error);
        Assert.Contains("candidate of the reserve pool by hte_depends (reserve-pool-default)", admitted.Output);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("[entry_refused]", refused.Error);
        Assert.Contains("says no", refused.Error);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("[already_proposed]", again.Error);
        Assert.Equal(3, unknown.ExitCode);
        var member = Assert.Single(JsonDocument.Parse(list.Output).RootElement.EnumerateArray());
        Assert.Equal((P1, "candidate", "shenyang", "2019-01-10"), (member.GetProperty("creditCode").GetString(), member.GetProperty("stage").GetString(),
            member.GetProperty("zone").GetString(), member.GetProperty("proposedOn").GetString()));
        Assert.Equal(["hte_depends"], member.GetProperty("entryRoutes").EnumerateArray().Select(r => r.GetString()));
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var audit = await db.Audit.Where(a => a.Action == ReservePoolStore.Proposed).ToListAsync();
        Assert.Equal(("shenyang", 2019), (Assert.Single(audit).UnitCode, audit[0].Year));
        Assert.Contains(P1, audit[0].Comment);
    }

    /// <summary>
    /// A company six months old (registered 2018-07-05, assessed 2019-01-05: 184 days &lt; 365, 认定办法 第十一条(一)), otherwise the
    /// depends reference → verdict no. A 科技型中小企业 evaluation of 2018 qualifying by score (as HteSpec's: 16 + 40 + 18 = 74).
    /// </summary>
    private static JsonObject SixMonthsOld()
    {
        var json = Depends();
        json["registeredOn"] = "2018-07-05";
        return json;
    }

    private static JsonObject QualifiedSme() => new()
    {
        ["assessedOn"] = "2018-12-20", ["residentEnterprise"] = true, ["employees"] = 100, ["stEmployees"] = 25,
        ["salesRevenue"] = 5000, ["totalAssets"] = 8000, ["rdExpense"] = 260, ["class1Ip"] = 0, ["class2Ip"] = 3,
        ["restrictedIndustry"] = false, ["violation"] = false,
    };

    [Fact]
    public async Task For_a_six_month_old_company_the_self_assessment_says_what_the_pool_then_decides()
    {
        var assessed = await CliRun.RunAsync("hte", "assess", Write(SixMonthsOld(), "young-hte.json"), "--format", "json");
        Assert.True(assessed.ExitCode == 0, assessed.Error);
        var outlook = JsonDocument.Parse(assessed.Output).RootElement.GetProperty("reservePool");
        Assert.False(outlook.GetProperty("admitted").GetBoolean());
        Assert.Equal(["tech_sme"], outlook.GetProperty("otherRoutes").EnumerateArray().Select(r => r.GetString()));

        // The pool refuses the same assessment…
        var refused = await Add(P1, SixMonthsOld(), "2019-01-10");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("[entry_refused]", refused.Error);

        // …and admits by the route the answer named once a qualified 科技型中小企业 evaluation comes with it.
        var both = new JsonObject { ["hte"] = SixMonthsOld(), ["techSme"] = QualifiedSme() };
        var admitted = await Add(P1, both, "2019-01-10");
        Assert.True(admitted.ExitCode == 0, admitted.Error);
        Assert.Contains("candidate of the reserve pool by tech_sme (reserve-pool-default)", admitted.Output);
    }

    /// <summary>Depends() as the self-assessment form posts it (field names of the page, blanks left out); the route matrix posts it too.</summary>
    internal static List<KeyValuePair<string, string>> DependsForm() =>
    [
        new("Form.RegisteredOn", "2015-01-01"), new("Form.AssessedOn", "2019-01-05"), new("Form.Domain", "electronic_information"),
        new("Form.IpClass1", "1"), new("Form.IpClass2", "6"), new("Form.IpSelfDeveloped", "7"), new("Form.Employees", "200"), new("Form.StEmployees", "40"),
        new("Form.SalesRevenue[0]", "4000"), new("Form.SalesRevenue[1]", "5000"), new("Form.SalesRevenue[2]", "6000"),
        new("Form.RdExpense[0]", "200"), new("Form.RdExpense[1]", "250"), new("Form.RdExpense[2]", "300"),
        new("Form.NetAssets[0]", "1000"), new("Form.NetAssets[1]", "1200"), new("Form.NetAssets[2]", "1500"),
        new("Form.RdExpenseDomestic", "600"), new("Form.HighTechRevenue", "4800"), new("Form.TotalRevenue", "6000"),
        new("Form.TechAdvancement", "B"), new("Form.CoreSupport", "B"), new("Form.IpAcquisition", "A"), new("Form.Conversions", "12"),
        new("Form.RdSystem", "5"), new("Form.RdInstitution", "5"), new("Form.ConversionIncentives", "3"), new("Form.Talent", "3"),
    ];

    [Fact]
    public async Task A_zone_operator_proposes_from_the_self_assessment_form_and_the_pool_keeps_what_a_pasted_file_would()
    {
        Assert.Equal(0, (await Cli("users", "add", "--email", "sy@example.org", "--role", "zone_operator", "--zone", "shenyang", "--password", Password)).ExitCode);
        await using var server = await RunningServer.StartAsync(store.Location);
        using var visitor = new PageSession(server.Address);
        using var session = new PageSession(server.Address);
        await session.SignInAsync("sy@example.org", Password);

        var anonymousResult = await (await visitor.PostFormAsync("/enterprises/self-assessment", "/enterprises/self-assessment", DependsForm())).Content.ReadAsStringAsync();
        var result = await (await session.PostFormAsync("/enterprises/self-assessment", "/enterprises/self-assessment", DependsForm())).Content.ReadAsStringAsync();
        var proposed = await session.PostFormAsync("/enterprises/self-assessment", "/enterprises/pool?handler=ProposeForm",
            [.. DependsForm(), new("creditCode", P1), new("note", "园区推荐")]);
        var pool = await session.GetStringAsync("/enterprises/pool");

        // Only the office and zone operators are offered the button; the result is the same for everyone.
        Assert.Contains("id=\"reserve-pool\" data-admitted=\"true\"", anonymousResult);
        Assert.DoesNotContain("id=\"propose\"", anonymousResult);
        Assert.Contains("formaction=\"/enterprises/pool?handler=ProposeForm\"", result);
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        Assert.Contains($"data-code=\"{P1}\" data-stage=\"candidate\"", pool);
        // The entry route reads as words, not as the rule file's id.
        Assert.Contains("高企自评结果待专家评定", pool);
        Assert.DoesNotContain("hte_depends", pool);

        // What the pool keeps is what a pasted file gives: the stored JSON assesses exactly as Depends() does.
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var kept = await db.ReservePoolMembers.Where(m => m.CreditCode == P1).Select(m => new { m.Assessment, m.EntryRoutes }).SingleAsync();
        Assert.Equal("hte_depends", kept.EntryRoutes);
        var fromForm = await CliRun.RunAsync("hte", "assess", Write(JsonNode.Parse(kept.Assessment)!, "from-form.json"), "--format", "json");
        var fromFile = await CliRun.RunAsync("hte", "assess", Write(Depends(), "from-file.json"), "--format", "json");
        Assert.True(fromForm.ExitCode == 0, fromForm.Error);
        Assert.Equal(fromFile.Output, fromForm.Output);

        // Proposed again: the notice names the enterprise and its stage in words, not a code.
        var again = await (await session.PostFormAsync("/enterprises/self-assessment", "/enterprises/pool?handler=ProposeForm",
            [.. DependsForm(), new("creditCode", P1)])).Content.ReadAsStringAsync();
        Assert.Contains("后备企业1已在后备库中", again);
        Assert.DoesNotContain("[already_proposed]", again);
        Assert.DoesNotContain("already_proposed", again);
    }

    [Fact]
    public async Task A_proposal_from_an_incomplete_form_is_refused_in_words_and_nothing_is_stored()
    {
        Assert.Equal(0, (await Cli("users", "add", "--email", "sy@example.org", "--role", "zone_operator", "--zone", "shenyang", "--password", Password)).ExitCode);
        await using var server = await RunningServer.StartAsync(store.Location);
        using var session = new PageSession(server.Address);
        await session.SignInAsync("sy@example.org", Password);

        var refused = await session.PostFormAsync("/enterprises/self-assessment", "/enterprises/pool?handler=ProposeForm",
            [.. DependsForm().Where(f => f.Key != "Form.Employees"), new("creditCode", P1)]);
        var page = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("请填写此项", page);
        Assert.Contains("职工总数：请填写此项", page);
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        Assert.False(await db.ReservePoolMembers.AnyAsync(m => m.CreditCode == P1));
    }

    [Fact]
    public async Task Moves_follow_the_pipeline_and_an_illegal_or_backdated_move_is_refused_with_the_allowed_stages()
    {
        Assert.Equal(0, (await Add(P1, Depends(), "2019-01-10")).ExitCode);

        var skip = await Move(P1, "recognised", "2019-02-01");
        var backdated = await Move(P1, "in_pool", "2019-01-01");
        var admitted = await Move(P1, "in_pool", "2019-03-01");
        var training = await Cli("pool", "train", P1, "--date", "2019-05-10", "--course", "高企申报实务", "--hours", "6");
        var dropped = await Move(P1, "dropped", "2019-06-01");
        var afterDrop = await Move(P1, "in_pool", "2019-07-01");
        var candidateTraining = await Cli("pool", "train", P2, "--date", "2019-05-10", "--course", "x");
        var badStage = await Move(P1, "graduated", "2019-07-01");

        Assert.Equal(2, skip.ExitCode);
        Assert.Contains("cannot move from candidate to recognised; allowed: in_pool, dropped. [transition_not_allowed]", skip.Error);
        Assert.Equal(2, backdated.ExitCode);
        Assert.Contains("[date_before_last_move]", backdated.Error);
        Assert.Equal(0, admitted.ExitCode);
        Assert.Contains("training recorded; stage trained", training.Output); // in the pool, a training moves it on to trained
        Assert.Equal(0, dropped.ExitCode);
        Assert.Equal(2, afterDrop.ExitCode);
        Assert.Contains("[terminal_stage]", afterDrop.Error);
        Assert.Equal(3, candidateTraining.ExitCode);
        Assert.Contains("[not_proposed]", candidateTraining.Error);
        Assert.Equal(2, badStage.ExitCode);
        Assert.Contains("[unknown_stage]", badStage.Error);

        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var moves = (await db.ReservePoolMoves.Where(m => m.CreditCode == P1).OrderBy(m => m.Id).ToListAsync())
            .Select(m => m.ToStage + "@" + m.MovedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(["Candidate@2019-01-10", "InPool@2019-03-01", "Trained@2019-05-10", "Dropped@2019-06-01"], moves);
        Assert.Equal(3, await db.Audit.CountAsync(a => a.Action == ReservePoolStore.Moved));
        Assert.Equal(1, await db.Audit.CountAsync(a => a.Action == ReservePoolStore.Trained));
    }

    [Fact]
    public async Task Counts_per_zone_and_year_follow_the_stage_at_year_end_and_the_trainings()
    {
        await PipelineAsync();

        var y2019 = await CountsAsync(2019);
        var y2020 = await CountsAsync(2020);
        var table = await Cli("pool", "counts", "--year", "2020");
        var trained = await Cli("pool", "list", "--stage", "trained", "--format", "json");

        // 2019: P1 (trained) and P3 (in the pool) at year end, P1 trained that year; P4 is still a candidate.
        Assert.Equal((2, 1, 1, 0, 0), Figures(y2019["shenyang"]));
        // 2020: P1 recognised (out of the pool), P3 trained that year.
        Assert.Equal((1, 1, 2, 1, 1), Figures(y2020["shenyang"]));
        Assert.Equal((0, 0, 0, 0, 0), Figures(y2020["dalian"]));
        // Admitted to date: P3 and P1 in 2019 — still 2 in 2020 though P1 has left the pool as recognised.
        Assert.Equal((2, 2), (y2019["shenyang"].GetProperty("enteredToDate").GetInt32(), y2020["shenyang"].GetProperty("enteredToDate").GetInt32()));
        Assert.Contains("shenyang", table.Output);
        Assert.Equal([P3], JsonDocument.Parse(trained.Output).RootElement.EnumerateArray().Select(m => m.GetProperty("creditCode").GetString()));
    }

    [Fact]
    public async Task The_plan_targets_say_no_data_until_the_pool_is_used_and_then_take_its_counts()
    {
        Assert.Equal(0, (await Cli("demo", "seed")).ExitCode);
        async Task<Dictionary<string, JsonElement>> ProgressAsync()
        {
            var result = await Cli("plan", "progress", "--year", "2020", "--format", "json");
            Assert.True(result.ExitCode == 0, result.Error);
            return JsonDocument.Parse(result.Output).RootElement.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        }

        var before = await ProgressAsync();
        await PipelineAsync();
        var after = await ProgressAsync();

        foreach (var id in new[] { "hte_reserve_pool", "hte_trained", "hte_recognised" })
            Assert.Equal(("no_data", JsonValueKind.Null), (before[id].GetProperty("status").GetString(), before[id].GetProperty("value").ValueKind));
        // 全省高新区高新技术企业培育后备库入库企业5000家以上 counts entries: P1 (admitted 2019, recognised since) and P3
        // (admitted 2019) — 2, where the year-end stock would be P3 alone; P4 was only proposed. Trained since the base year
        // 2016: P1 and P3.
        Assert.Equal(2m, after["hte_reserve_pool"].GetProperty("value").GetDecimal());
        Assert.Equal(2m, after["hte_trained"].GetProperty("value").GetDecimal());
        Assert.NotEqual("no_data", after["hte_reserve_pool"].GetProperty("status").GetString());
        // 认定高新技术企业1600家 counts certificates, not the pool's 已认定 stage: none entered yet, so still no data.
        Assert.Equal(JsonValueKind.Null, after["hte_recognised"].GetProperty("value").ValueKind);
    }

    [Fact]
    public async Task Recognitions_count_every_certificate_issued_in_the_zones_in_the_plan_period_through_the_pool_or_not()
    {
        Assert.Equal(0, (await Cli("demo", "seed")).ExitCode);
        await PipelineAsync();
        // P1 through the pool (2020), P2 never in the pool (2018), P4 in Dalian but certified in the base year 2016.
        Assert.Equal(0, (await Cli("enterprises", "certify", P1, "--number", "GR202021000001", "--date", "2020-11-01")).ExitCode);
        Assert.Equal(0, (await Cli("enterprises", "certify", P2, "--number", "GR201821000002", "--date", "2018-12-20")).ExitCode);
        Assert.Equal(0, (await Cli("enterprises", "certify", P4, "--number", "GR201621000004", "--date", "2016-10-01")).ExitCode);

        var result = await Cli("plan", "progress", "--year", "2020", "--format", "json");
        Assert.True(result.ExitCode == 0, result.Error);
        var target = JsonDocument.Parse(result.Output).RootElement.GetProperty("targets").EnumerateArray()
            .Single(t => t.GetProperty("id").GetString() == "hte_recognised");
        var series = target.GetProperty("series").EnumerateArray().ToDictionary(p => p.GetProperty("year").GetInt32(), p => p.GetProperty("value").GetDecimal());

        // Certificates dated 2017–2020: P2 (2018) and P1 (2020) = 2; P4's of 2016 is before the period. By year: 2017 → 0,
        // 2018 → 1, 2019 → 1, 2020 → 2; the base year starts at 0.
        Assert.Equal(2m, target.GetProperty("value").GetDecimal());
        Assert.Equal(new Dictionary<int, decimal> { [2016] = 0, [2017] = 0, [2018] = 1, [2019] = 1, [2020] = 2 }, series);
        Assert.Equal(2m, target.GetProperty("zones").GetProperty("shenyang").GetDecimal()); // P1 and P2 are both Shenyang's
        Assert.Equal(0m, target.GetProperty("zones").GetProperty("dalian").GetDecimal());
    }

    [Fact]
    public async Task The_api_lets_a_zone_operator_act_on_their_zone_only_and_refuses_illegal_moves_with_a_code()
    {
        foreach (var (email, role, zone) in new[] { ("office@example.org", "admin", (string?)null), ("sy@example.org", "zone_operator", "shenyang") })
            Assert.Equal(0, (await Cli(["users", "add", "--email", email, "--role", role, "--password", Password, .. zone is null ? Array.Empty<string>() : ["--zone", zone]])).ExitCode);
        await using var server = await RunningServer.StartAsync(store.Location);
        using var office = await server.TokenClientAsync(store, "office@example.org");
        using var shenyang = await server.TokenClientAsync(store, "sy@example.org");

        var proposed = await shenyang.PostAsJsonAsync("/api/pool", new { creditCode = P1, assessment = Depends(), date = "2019-01-10" });
        var otherZone = await shenyang.PostAsJsonAsync("/api/pool", new { creditCode = P4, assessment = Depends(), date = "2019-01-10" });
        var refused = await office.PostAsJsonAsync("/api/pool", new { creditCode = P2, assessment = Incident(), date = "2019-01-10" });
        var byOffice = await office.PostAsJsonAsync("/api/pool", new { creditCode = P4, assessment = Depends(), date = "2019-01-10" });
        var illegal = await shenyang.PostAsJsonAsync($"/api/pool/{P1}/move", new { to = "applied", date = "2019-02-01" });
        var moved = await shenyang.PostAsJsonAsync($"/api/pool/{P1}/move", new { to = "in_pool", date = "2019-02-01" });
        var trained = await shenyang.PostAsJsonAsync($"/api/pool/{P1}/trainings", new { date = "2019-04-01", course = "政策解读", hours = 3 });
        var moveOther = await shenyang.PostAsJsonAsync($"/api/pool/{P4}/move", new { to = "in_pool", date = "2019-02-01" });
        var anonymous = await server.Client.PostAsJsonAsync($"/api/pool/{P1}/move", new { to = "dropped" });
        var own = await shenyang.GetFromJsonAsync<JsonElement>("/api/pool");
        var all = await office.GetFromJsonAsync<JsonElement>("/api/pool");
        var otherList = await shenyang.GetAsync("/api/pool?zone=dalian");
        var counts = await office.GetFromJsonAsync<JsonElement>("/api/pool/counts?year=2019");

        Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);
        Assert.Equal(["hte_depends"], (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("routes").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, otherZone.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("entry_refused", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, byOffice.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, illegal.StatusCode);
        Assert.Equal("transition_not_allowed", (await illegal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("trained", (await trained.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, moveOther.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal([P1], own.EnumerateArray().Select(m => m.GetProperty("creditCode").GetString()));
        Assert.Equal(2, all.GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, otherList.StatusCode);
        var shenyangCounts = counts.GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("zone").GetString() == "shenyang");
        Assert.Equal((1, 1), (shenyangCounts.GetProperty("inPool").GetInt32(), shenyangCounts.GetProperty("trained").GetInt32()));

        using var session = new PageSession(server.Address);
        await session.SignInAsync("sy@example.org", Password);
        var page = await session.GetStringAsync("/enterprises/pool");
        Assert.Contains($"data-code=\"{P1}\" data-stage=\"trained\"", page);
        Assert.Contains("已培训", page);
        Assert.DoesNotContain(P4, page);
    }
}

public sealed class ReservePoolOnSqlite() : ReservePoolSpec(new SqliteTestStore());

public sealed class ReservePoolOnPostgres() : ReservePoolSpec(new PostgresTestStore());
