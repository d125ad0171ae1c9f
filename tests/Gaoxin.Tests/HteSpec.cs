using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gaoxin.Data;
using Gaoxin.Features.Hosting;
using Gaoxin.Tests.Support;

namespace Gaoxin.Tests;

/// <summary>
/// One server for the whole class: the self-checks store nothing, so the API is the same on either provider and the
/// server only needs some store to start (a fresh SQLite file).
/// </summary>
public sealed class HteServer : IAsyncLifetime
{
    private readonly SqliteTestStore _store = new();

    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RunningServer.StartAsync(((ITestStore)_store).Location);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await _store.DisposeAsync();
    }
}

/// <summary>
/// 高企自评 and 科小评价 through <c>gaoxin hte assess</c>, <c>gaoxin tech-sme assess</c>, the API and the pages, under
/// rules/hte-2016.yaml and rules/tech-sme-2017.yaml. Expected values are worked out by hand beside each case.
/// </summary>
public sealed class HteSpec(HteServer fixture) : IClassFixture<HteServer>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gaoxin-hte-").FullName;

    private HttpClient Client => fixture.Server.Client;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>
    /// The reference enterprise ("depends"): 2018-03-01 → 2021-06-30 = 1217 days; IP 1 Ⅰ类 + 6 Ⅱ类; 40 / 200 = 20 %;
    /// sales 4000, 5000, 6000 (last year 6000 → tier ≤ 20000, 4 %); R&amp;D 750 / 15000 = 5 %; domestic 600 / 750 = 80 %;
    /// high-tech 4800 / 6000 = 80 %. Score: IP B 5–6 + B 5–6 + A 7–8 + A 1–6 + no standards 0 = [18, 26]; 12 conversions / 3
    /// = 4 → B [19, 24]; management 5 + 5 + 3 + 3 = 16; growth ½(1.2 + 1.25) − 1 = 22.5 % → C 5–6 twice = [10, 12].
    /// Total [63, 78] straddles 71 → depends.
    /// </summary>
    private static JsonObject Reference() => new()
    {
        ["registeredOn"] = "2018-03-01", ["assessedOn"] = "2021-06-30", ["domain"] = "electronic_information",
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

    /// <summary>
    /// The reference made strong ("yes"): 先进程度 A 7–8, 核心支持 A 7–8, 数量 A 7–8, 获得方式 A 1–6, 标准 yes 1–2 →
    /// [23, 32] capped at 30 → [23, 30]; 15 / 3 = 5 conversions a year → A [25, 30]; management 16; growth [10, 12].
    /// Total [74, 88]: even the lowest points pass 71 → yes.
    /// </summary>
    private static JsonObject Strong()
    {
        var json = Reference();
        var innovation = json["innovation"]!.AsObject();
        innovation["techAdvancement"] = "A";
        innovation["coreSupport"] = "A";
        innovation["standards"] = true;
        innovation["conversions"] = 15;
        return json;
    }

    private string Write(JsonNode json, string name = "input.json")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    private async Task<JsonElement> AssessAsync(JsonNode json, params string[] extra)
    {
        var result = await CliRun.RunAsync(["hte", "assess", Write(json), "--format", "json", .. extra]);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output).RootElement;
    }

    private static JsonElement Condition(JsonElement result, string code) =>
        result.GetProperty("conditions").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code);

    private static (int Min, int Max) Range(JsonElement range) => (range.GetProperty("min").GetInt32(), range.GetProperty("max").GetInt32());

    [Fact]
    public async Task Hte_assess_says_yes_for_the_strong_enterprise_with_74_to_88_points()
    {
        var result = await AssessAsync(Strong());

        Assert.Equal("yes", result.GetProperty("eligible").GetString());
        Assert.Equal("hte-2016", result.GetProperty("ruleSet").GetString());
        Assert.Equal((74, 88), Range(result.GetProperty("score")));
        var blocks = result.GetProperty("blocks");
        Assert.Equal((23, 30), Range(blocks.GetProperty("ip")));
        Assert.Equal((25, 30), Range(blocks.GetProperty("conversion")));
        Assert.Equal((16, 16), Range(blocks.GetProperty("rdManagement")));
        Assert.Equal((10, 12), Range(blocks.GetProperty("growth")));
        var conditions = result.GetProperty("conditions").EnumerateArray().ToList();
        Assert.Equal(9, conditions.Count);
        Assert.All(conditions, c => Assert.True(c.GetProperty("passed").GetBoolean(), c.GetProperty("code").GetString()));
        Assert.Empty(result.GetProperty("hints").EnumerateArray());
        // 2018-03-01 → 2021-06-30: 306 + 365 + 366 + 180 = 1217 days against ≥ 365.
        var registered = Condition(result, "registered_one_year");
        Assert.Equal((1217m, 365m, "≥"), (registered.GetProperty("actual").GetDecimal(), registered.GetProperty("required").GetDecimal(), registered.GetProperty("operator").GetString()));
    }

    [Fact]
    public async Task Hte_assess_says_no_when_the_staff_ratio_is_9_9_percent_and_hints_at_it()
    {
        // 99 / 1000 = 9.9 % < 10 % (第十一条(四)); everything else as the strong enterprise.
        var json = Strong();
        json["employees"] = 1000;
        json["stEmployees"] = 99;

        var result = await AssessAsync(json);

        Assert.Equal("no", result.GetProperty("eligible").GetString());
        var staff = Condition(result, "st_staff_ratio");
        Assert.False(staff.GetProperty("passed").GetBoolean());
        Assert.Equal((0.099m, 0.1m), (staff.GetProperty("actual").GetDecimal(), staff.GetProperty("required").GetDecimal()));
        Assert.StartsWith("认定办法 第十一条(四)", staff.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Equal((74, 88), Range(result.GetProperty("score")));
        var hint = Assert.Single(result.GetProperty("hints").EnumerateArray());
        Assert.Equal("st_staff_ratio", hint.GetProperty("code").GetString());
        Assert.Contains("10%", hint.GetProperty("zh").GetString());
    }

    [Fact]
    public async Task Hte_assess_says_depends_when_the_score_range_straddles_71()
    {
        var result = await AssessAsync(Reference());

        Assert.Equal("depends", result.GetProperty("eligible").GetString());
        Assert.Equal((63, 78), Range(result.GetProperty("score")));
        var blocks = result.GetProperty("blocks");
        Assert.Equal([(18, 26), (19, 24), (16, 16), (10, 12)],
            new[] { "ip", "conversion", "rdManagement", "growth" }.Select(b => Range(blocks.GetProperty(b))));
        var score = Condition(result, "innovation_score");
        Assert.Equal(JsonValueKind.Null, score.GetProperty("passed").ValueKind);
        Assert.Equal(("63–78", 71m), (score.GetProperty("detail").GetString(), score.GetProperty("required").GetDecimal()));
        Assert.Equal(["innovation_score", "standards"], result.GetProperty("hints").EnumerateArray().Select(h => h.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Hte_assess_in_table_format_prints_the_verdict_and_each_condition()
    {
        var result = await CliRun.RunAsync("hte", "assess", Write(Reference()), "--format", "table");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("eligible: depends   score: 63–78   rule set: hte-2016", result.Output);
        Assert.Contains("innovation_score", result.Output);
        Assert.Contains("How to improve:", result.Output);
    }

    [Fact]
    public async Task Hte_assess_refuses_bad_input_with_exit_2_naming_each_field_and_reason()
    {
        var json = Reference();
        json.Remove("employees");
        json["innovation"]!["techAdvancement"] = "F";
        json["innovation"]!["rdManagement"]!["talent"] = 5;
        json["netAssets"] = new JsonArray(1000, "lots");

        var result = await CliRun.RunAsync("hte", "assess", Write(json), "--format", "json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        // Reading stops at the shape: a missing field and a wrong type, each by its path.
        Assert.Contains("employees: required field 'employees' is missing [missing_field]", result.Error);
        Assert.Contains("netAssets[1]: 'netAssets[1]' must be a number [wrong_type]", result.Error);

        json["employees"] = 200;
        json["netAssets"] = new JsonArray(1000, 1200, 1500);
        var invalid = await CliRun.RunAsync("hte", "assess", Write(json), "--format", "json");

        // Then the rule checks of HteAssessment.Validate, with the rule set's own limits.
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("innovation.techAdvancement: 'innovation.techAdvancement' must be one of A, B, C, D, E, found 'F' [unknown_value]", invalid.Error);
        Assert.Contains("innovation.rdManagement.talent: 'talent' must be between 0 and 4 [out_of_range]", invalid.Error);
    }

    [Fact]
    public async Task Hte_assess_refuses_broken_json_an_unknown_domain_and_an_unknown_rule_set()
    {
        var path = Path.Combine(_folder, "broken.json");
        await File.WriteAllTextAsync(path, "{\"registeredOn\": \"2018-03-01\",\n  \"employees\": }");
        var broken = await CliRun.RunAsync("hte", "assess", path);
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("$: not valid JSON at line 2", broken.Error);

        var json = Reference();
        json["domain"] = "quantum_magic";
        var domain = await CliRun.RunAsync("hte", "assess", Write(json));
        Assert.Equal(2, domain.ExitCode);
        Assert.Contains("domain: 'domain' must be one of electronic_information, biomedicine", domain.Error);

        var rules = await CliRun.RunAsync("hte", "assess", Write(Reference()), "--rules", "hte-1999");
        Assert.Equal(2, rules.ExitCode);
        Assert.Contains("rules: no rule set 'hte-1999' of this kind; known: hte-2016 [unknown_rule_set]", rules.Error);

        var missing = await CliRun.RunAsync("hte", "assess", Path.Combine(_folder, "nowhere.json"));
        Assert.Equal(Cli.NotFound, missing.ExitCode);
    }

    [Fact]
    public async Task Hte_assess_takes_the_domain_by_its_Chinese_name_and_a_named_rule_set()
    {
        var json = Reference();
        json["domain"] = "电子信息";

        var result = await AssessAsync(json, "--rules", "hte-2016");

        Assert.True(Condition(result, "key_domain").GetProperty("passed").GetBoolean());
        Assert.Equal("depends", result.GetProperty("eligible").GetString());
    }

    [Fact]
    public async Task The_api_answers_exactly_what_the_cli_prints()
    {
        foreach (var json in new[] { Strong(), Reference() })
        {
            var cli = await CliRun.RunAsync("hte", "assess", Write(json), "--format", "json");
            var response = await Client.PostAsync("/api/hte/assess", new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var api = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(cli.Output), api), $"CLI:\n{cli.Output}\nAPI:\n{api}");
        }
    }

    [Fact]
    public async Task The_api_refuses_bad_input_with_400_naming_the_field()
    {
        var json = Reference();
        json["innovation"]!["rdManagement"]!["talent"] = 5;

        var response = await Client.PostAsync("/api/hte/assess", new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("validation_failed", "innovation.rdManagement.talent"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        var field = problem.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("field").GetString() == "innovation.rdManagement.talent");
        Assert.Equal(("out_of_range", "'talent' must be between 0 and 4", "分值超出该项的范围。"),
            (field.GetProperty("code").GetString(), field.GetProperty("en").GetString(), field.GetProperty("zh").GetString()));
    }

    [Fact]
    public async Task The_api_lists_the_rule_sets_and_documents_the_self_checks()
    {
        var rules = JsonDocument.Parse(await Client.GetStringAsync("/api/rules")).RootElement.EnumerateArray().ToList();
        var hte = rules.Single(r => r.GetProperty("id").GetString() == "hte-2016");
        Assert.Equal(("hte", "2016-01-01", JsonValueKind.Null), (hte.GetProperty("kind").GetString(), hte.GetProperty("effectiveFrom").GetString(), hte.GetProperty("effectiveTo").ValueKind));
        Assert.Contains("国科发火〔2016〕32号", hte.GetProperty("source").GetString());
        Assert.Equal(["gazelle", "gazelle", "hte", "reserve-pool", "tech-sme"], rules.Select(r => r.GetProperty("kind").GetString()).Order());

        var openApi = await Client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/api/hte/assess\"", openApi);
        Assert.Contains("\"/api/tech-sme/assess\"", openApi);
        Assert.Contains("\"/api/rules\"", openApi);
    }

    /// <summary>
    /// A 科小 qualifying by score: 25 / 100 staff = 25 % → B 16; R&amp;D 260 / 5000 = 5.2 % → B 40; 3 Ⅱ类 → C 18;
    /// total 16 + 40 + 18 = 74 ≥ 60 and the staff indicator is not 0 → yes by score. Dated in 2021, when the 2017 rules were
    /// in force (tech-sme-2017 ends on 2021-12-31, where the 2022 revision begins).
    /// </summary>
    private static JsonObject TechSme() => new()
    {
        ["assessedOn"] = "2021-05-01", ["residentEnterprise"] = true, ["employees"] = 100, ["stEmployees"] = 25,
        ["salesRevenue"] = 5000, ["totalAssets"] = 8000, ["rdExpense"] = 260, ["class1Ip"] = 0, ["class2Ip"] = 3,
        ["restrictedIndustry"] = false, ["violation"] = false,
    };

    [Fact]
    public async Task Tech_sme_assess_qualifies_by_a_score_of_74()
    {
        var run = await CliRun.RunAsync("tech-sme", "assess", Write(TechSme()), "--format", "json");

        Assert.True(run.ExitCode == 0, run.Error);
        var result = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(("yes", "score", 74), (result.GetProperty("eligible").GetString(), result.GetProperty("route").GetString(), result.GetProperty("score").GetInt32()));
        var blocks = result.GetProperty("blocks");
        Assert.Equal((16, 40, 18), (blocks.GetProperty("stStaff").GetInt32(), blocks.GetProperty("rd").GetInt32(), blocks.GetProperty("ip").GetInt32()));
        Assert.Equal((0.25m, 0.052m, "sales"), (result.GetProperty("stStaffRatio").GetDecimal(), result.GetProperty("rdRatio").GetDecimal(), result.GetProperty("rdBasis").GetString()));
        Assert.Equal("tech-sme-2017", result.GetProperty("ruleSet").GetString());
    }

    [Fact]
    public async Task Tech_sme_assess_takes_a_direct_route_and_refuses_too_many_employees()
    {
        // 5 / 100 = 5 % → the staff indicator scores 0, but a valid high-tech certificate qualifies directly.
        var direct = TechSme();
        direct["stEmployees"] = 5;
        direct["directQualifications"] = new JsonArray("hte_certificate");
        var result = JsonDocument.Parse((await CliRun.RunAsync("tech-sme", "assess", Write(direct))).Output).RootElement;
        Assert.Equal(("yes", "hte_certificate"), (result.GetProperty("eligible").GetString(), result.GetProperty("route").GetString()));

        // 600 employees > 500 (第六条(二)): no, whatever the route.
        direct["employees"] = 600;
        result = JsonDocument.Parse((await CliRun.RunAsync("tech-sme", "assess", Write(direct))).Output).RootElement;
        Assert.Equal("no", result.GetProperty("eligible").GetString());
        Assert.False(Condition(result, "employees").GetProperty("passed").GetBoolean());

        direct["directQualifications"] = new JsonArray("golden_ticket");
        var refused = await CliRun.RunAsync("tech-sme", "assess", Write(direct));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("directQualifications: 'directQualifications' must hold ids among hte_certificate", refused.Error);
    }

    [Fact]
    public async Task Tech_sme_api_answers_what_the_cli_prints()
    {
        var cli = await CliRun.RunAsync("tech-sme", "assess", Write(TechSme()), "--format", "json");
        var response = await Client.PostAsync("/api/tech-sme/assess", new StringContent(TechSme().ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(cli.Output), JsonNode.Parse(await response.Content.ReadAsStringAsync())));
    }

    [Fact]
    public async Task Tech_sme_rules_of_2017_judge_until_2021_12_31_and_after_that_the_gap_is_refused_by_name()
    {
        async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string day, string query = "")
        {
            var json = TechSme();
            json["assessedOn"] = day;
            var response = await Client.PostAsync("/api/tech-sme/assess" + query, new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json"));
            return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
        }

        // The day before the 2022 revision's (substitute) start: the 2017 rules, 74 points as above.
        var before = await PostAsync("2021-12-31");
        Assert.Equal((HttpStatusCode.OK, "tech-sme-2017", 74), (before.Status, before.Body.GetProperty("ruleSet").GetString(), before.Body.GetProperty("score").GetInt32()));

        // From 2022-01-01 the revision applies, and it is not transcribed (GAP): no rule set is in force, said so by name.
        var after = await PostAsync("2022-01-01");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, after.Status);
        var ruleField = after.Body.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("field").GetString() == "rules");
        Assert.Equal(("no_rule_set_in_force", "no rule set of this kind is in force on 2022-01-01; tech-sme-2017 ended on 2021-12-31 and no later rule set of this kind is installed (name one with rules=ID to use it anyway)"),
            (ruleField.GetProperty("code").GetString(), ruleField.GetProperty("en").GetString()));

        // Naming the 2017 rules still evaluates by them, the caller's explicit choice.
        var named = await PostAsync("2022-01-01", "?rules=tech-sme-2017");
        Assert.Equal((HttpStatusCode.OK, "tech-sme-2017"), (named.Status, named.Body.GetProperty("ruleSet").GetString()));

        var rules = JsonDocument.Parse(await Client.GetStringAsync("/api/rules")).RootElement.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "tech-sme-2017");
        Assert.Equal(("2017-05-03", "2021-12-31"), (rules.GetProperty("effectiveFrom").GetString(), rules.GetProperty("effectiveTo").GetString()));

        // The CLI says the same and exits 2.
        var json = TechSme();
        json["assessedOn"] = "2022-01-01";
        var cli = await CliRun.RunAsync("tech-sme", "assess", Write(json));
        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("rules: no rule set of this kind is in force on 2022-01-01; tech-sme-2017 ended on 2021-12-31", cli.Error);

        // The page says so before anything is typed (today is after 2021).
        var page = await Client.GetStringAsync("/enterprises/tech-sme");
        Assert.Contains("id=\"no-rules-in-force\">今天没有有效的科小评价规则:科技型中小企业评价(2017)已于 2021-12-31 失效", page);
    }

    /// <summary>
    /// The reference's IP given item by item (工作指引 知识产权, domain.md §4.1): item 0 an invention patent (Ⅰ类) owned jointly
    /// and designated to the other owner; items 1–6 software copyrights (Ⅱ类), of which item 6 was used in the 2018
    /// application. Counted: 0 Ⅰ类 + 5 Ⅱ类 = 5 → 数量 B 5–6 (≥ 5 Ⅱ类). IP [5 + 5 + 5 + 1 + 0, 6 + 6 + 6 + 6 + 0] = [16, 24];
    /// total [16 + 19 + 16 + 10, 24 + 24 + 16 + 12] = [61, 76] → depends. The counts are left out: they follow from the items.
    /// </summary>
    private static JsonObject ByItems()
    {
        var json = Reference();
        var items = new JsonArray(new JsonObject { ["name"] = "ZL201810000001.X", ["class"] = "I", ["selfDeveloped"] = true, ["jointlyOwned"] = true, ["designatedOwner"] = false });
        for (var i = 1; i <= 6; i++)
            items.Add(new JsonObject { ["name"] = $"软著 2017SR00000{i}", ["class"] = "II", ["selfDeveloped"] = true, ["usedBefore"] = i == 6 });
        json["ip"] = new JsonObject { ["items"] = items };
        return json;
    }

    [Fact]
    public async Task Hte_assess_counts_only_the_ip_items_this_application_may_use_and_says_why_the_others_are_left_out()
    {
        var result = await AssessAsync(ByItems());

        Assert.Equal(("depends", (61, 76)), (result.GetProperty("eligible").GetString(), Range(result.GetProperty("score"))));
        Assert.Equal((16, 24), Range(result.GetProperty("blocks").GetProperty("ip")));
        var ownsIp = Condition(result, "owns_ip");
        Assert.Equal((5m, "2 not counted"), (ownsIp.GetProperty("actual").GetDecimal(), ownsIp.GetProperty("detail").GetString()));
        var countItem = result.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "ip_count");
        Assert.Equal("B", countItem.GetProperty("band").GetString());
        var left = result.GetProperty("ipItems").EnumerateArray().Where(i => !i.GetProperty("counted").GetBoolean()).ToList();
        Assert.Equal([(0, "ZL201810000001.X", "I", "joint_not_designated"), (6, "软著 2017SR000006", "II", "class2_used_before")],
            left.Select(i => (i.GetProperty("index").GetInt32(), i.GetProperty("name").GetString(), i.GetProperty("class").GetString(), i.GetProperty("reasons")[0].GetString())));
        Assert.All(left, i => Assert.StartsWith("工作指引 知识产权", i.GetProperty("sources")[0].GetString(), StringComparison.Ordinal));
        Assert.Equal(7, result.GetProperty("ipItems").GetArrayLength());
        var hints = result.GetProperty("hints").EnumerateArray().Select(h => h.GetProperty("code").GetString()).ToList();
        Assert.Contains("class2_used_before", hints);
        Assert.Contains("joint_not_designated", hints);

        // The API answers the same; counts-only input (the existing contract) still works and lists no items.
        var response = await Client.PostAsync("/api/hte/assess", new StringContent(ByItems().ToJsonString(), Encoding.UTF8, "application/json"));
        var cli = await CliRun.RunAsync("hte", "assess", Write(ByItems()), "--format", "json");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(cli.Output), JsonNode.Parse(await response.Content.ReadAsStringAsync())));
        Assert.Equal(0, (await AssessAsync(Reference())).GetProperty("ipItems").GetArrayLength());
    }

    [Fact]
    public async Task Hte_assess_refuses_ip_items_it_cannot_read_naming_the_item_and_field()
    {
        var json = ByItems();
        var items = json["ip"]!["items"]!.AsArray();
        items[0]!.AsObject().Remove("designatedOwner");   // jointly owned: who may use it must be said
        items[2]!["class"] = "III";
        items[3]!["usedBefore"] = "yes";

        var read = await CliRun.RunAsync("hte", "assess", Write(json));

        Assert.Equal(2, read.ExitCode);
        Assert.Contains("ip.items[0].designatedOwner: required field 'ip.items[0].designatedOwner' is missing [missing_field]", read.Error);
        Assert.Contains("ip.items[2].class: 'ip.items[2].class' must be I or II, found 'III' [unknown_value]", read.Error);
        Assert.Contains("ip.items[3].usedBefore: 'ip.items[3].usedBefore' must be true or false [wrong_type]", read.Error);

        // Counts given beside the items must agree with them: 7 items hold 1 Ⅰ类 and 6 Ⅱ类, not 5.
        var counts = ByItems();
        counts["ip"]!["class1"] = 1;
        counts["ip"]!["class2"] = 5;
        var response = await Client.PostAsync("/api/hte/assess", new StringContent(counts.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("problems").EnumerateArray()
            .Single(p => p.GetProperty("field").GetString() == "ip.class2");
        Assert.Equal(("count_mismatch", "'ip.class2' is 5 but 'ip.items' lists 6; give the items alone or counts that agree with them"),
            (problem.GetProperty("code").GetString(), problem.GetProperty("en").GetString()));

        // Without items the counts stay required, as before.
        var none = Reference();
        none["ip"]!.AsObject().Remove("class2");
        var missing = await CliRun.RunAsync("hte", "assess", Write(none));
        Assert.Contains("ip.class2: required field 'ip.class2' is missing [missing_field]", missing.Error);
    }

    /// <summary>
    /// A company six months old: the reference registered 2020-12-30, assessed 2021-06-30 (182 days &lt; 365, 认定办法 第十一条(一))
    /// → no. The reserve pool (reserve-pool-default.yaml) admits on this assessment neither by hte_depends (the verdict is not
    /// depends) nor by hte_near_miss (registered_one_year is required); only its tech_sme route remains.
    /// </summary>
    internal static JsonObject SixMonthsOld()
    {
        var json = Reference();
        json["registeredOn"] = "2020-12-30";
        return json;
    }

    [Fact]
    public async Task Hte_assess_gives_the_reserve_pool_answer_the_pool_itself_gives_for_a_six_month_old_company()
    {
        var result = await AssessAsync(SixMonthsOld());

        Assert.Equal("no", result.GetProperty("eligible").GetString());
        Assert.Equal(182m, Condition(result, "registered_one_year").GetProperty("actual").GetDecimal());
        var pool = result.GetProperty("reservePool");
        Assert.Equal(("reserve-pool-default", false), (pool.GetProperty("ruleSet").GetString(), pool.GetProperty("admitted").GetBoolean()));
        Assert.Empty(pool.GetProperty("routes").EnumerateArray());
        Assert.Equal(["tech_sme"], pool.GetProperty("otherRoutes").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains("不能进入培育后备库", pool.GetProperty("zh").GetString());
        Assert.Contains("已评价入库的科技型中小企业", pool.GetProperty("zh").GetString());
        // No hint promises what the pool refuses.
        Assert.All(result.GetProperty("hints").EnumerateArray(), h => Assert.DoesNotContain("后备库", h.GetProperty("zh").GetString(), StringComparison.Ordinal));

        // The depends reference: the pool admits by hte_depends, and the answer says so; an eligible enterprise gets none.
        var depends = (await AssessAsync(Reference())).GetProperty("reservePool");
        Assert.Equal((true, "hte_depends"), (depends.GetProperty("admitted").GetBoolean(), depends.GetProperty("routes")[0].GetString()));
        Assert.Equal(JsonValueKind.Null, (await AssessAsync(Strong())).GetProperty("reservePool").ValueKind);
    }

    [Fact]
    public async Task The_self_assessment_page_keeps_the_form_and_explains_the_verdict_without_sign_in()
    {
        using var session = new PageSession(fixture.Server.Address);
        var page = await session.GetStringAsync("/enterprises/self-assessment");
        Assert.Contains("高新技术企业自评", page);
        Assert.Contains("href=\"/enterprises/self-assessment\"", page);

        var response = await session.PostFormAsync("/enterprises/self-assessment", "/enterprises/self-assessment",
        [
            new("Form.RegisteredOn", "2018-03-01"), new("Form.AssessedOn", "2021-06-30"), new("Form.Domain", "electronic_information"),
            new("Form.IpClass1", "1"), new("Form.IpClass2", "6"), new("Form.IpSelfDeveloped", "7"),
            new("Form.Employees", "1000"), new("Form.StEmployees", "99"),
            new("Form.SalesRevenue[0]", "4000"), new("Form.SalesRevenue[1]", "5000"), new("Form.SalesRevenue[2]", "6000"),
            new("Form.RdExpense[0]", "200"), new("Form.RdExpense[1]", "250"), new("Form.RdExpense[2]", "300"),
            new("Form.NetAssets[0]", "1000"), new("Form.NetAssets[1]", "1200"), new("Form.NetAssets[2]", "1500"),
            new("Form.RdExpenseDomestic", "600"), new("Form.HighTechRevenue", "4800"), new("Form.TotalRevenue", "6000"),
            new("Form.TechAdvancement", "A"), new("Form.CoreSupport", "A"), new("Form.IpAcquisition", ""), new("Form.Standards", "true"),
            new("Form.Conversions", "15"), new("Form.RdSystem", "5"), new("Form.RdInstitution", "5"), new("Form.ConversionIncentives", "3"), new("Form.Talent", "3"),
        ]);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-eligible=\"no\">不符合</span>", html);
        Assert.Contains("<td class=\"num actual\">9.9%</td>", html);
        Assert.Contains("74–88", html);
        Assert.Contains("name=\"Form.StEmployees\" id=\"stEmployees\" value=\"99\"", html);
    }

    [Fact]
    public async Task The_self_assessment_page_takes_ip_items_and_explains_the_ones_left_out_and_the_reserve_pool()
    {
        // ByItems' IP on the page for a six-month-old company (2020-12-30 → 2021-06-30, 182 days): row 1 a jointly owned Ⅰ类
        // item designated to the other owner, rows 2–7 Ⅱ类 with row 7 used before; counts left blank.
        using var session = new PageSession(fixture.Server.Address);
        await session.GetStringAsync("/enterprises/self-assessment");
        var form = new List<KeyValuePair<string, string>>
        {
            new("Form.RegisteredOn", "2020-12-30"), new("Form.AssessedOn", "2021-06-30"), new("Form.Domain", "electronic_information"),
            new("Form.IpItems[0].Name", "ZL201810000001.X"), new("Form.IpItems[0].Class", "I"), new("Form.IpItems[0].SelfDeveloped", "true"),
            new("Form.IpItems[0].JointlyOwned", "true"),
            new("Form.Employees", "200"), new("Form.StEmployees", "40"),
            new("Form.SalesRevenue[0]", "4000"), new("Form.SalesRevenue[1]", "5000"), new("Form.SalesRevenue[2]", "6000"),
            new("Form.RdExpense[0]", "200"), new("Form.RdExpense[1]", "250"), new("Form.RdExpense[2]", "300"),
            new("Form.NetAssets[0]", "1000"), new("Form.NetAssets[1]", "1200"), new("Form.NetAssets[2]", "1500"),
            new("Form.RdExpenseDomestic", "600"), new("Form.HighTechRevenue", "4800"), new("Form.TotalRevenue", "6000"),
            new("Form.TechAdvancement", "B"), new("Form.CoreSupport", "B"), new("Form.IpAcquisition", ""),
            new("Form.Conversions", "12"), new("Form.RdSystem", "5"), new("Form.RdInstitution", "5"), new("Form.ConversionIncentives", "3"), new("Form.Talent", "3"),
        };
        for (var i = 1; i <= 6; i++)
        {
            form.Add(new($"Form.IpItems[{i}].Class", "II"));
            form.Add(new($"Form.IpItems[{i}].SelfDeveloped", "true"));
        }
        form.Add(new("Form.IpItems[6].UsedBefore", "true"));

        var response = await session.PostFormAsync("/enterprises/self-assessment", "/enterprises/self-assessment", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-eligible=\"no\">不符合</span>", html);
        // 5 items count (0 Ⅰ类 + 5 Ⅱ类), 2 do not; IP block [16, 24] as in the API case.
        Assert.Contains("<td class=\"num actual\">5 项(另有 2 项不计入)</td>", html);
        Assert.Matches("<tr data-item=\"0\" class=\"failed\">[\\s\\S]*?共有知识产权未约定由本企业使用", html);
        Assert.Matches("<tr data-item=\"6\" class=\"failed\">[\\s\\S]*?Ⅱ类知识产权已在以往申请中使用", html);
        Assert.Contains("<tr data-block=\"ip\"><td>知识产权</td><td class=\"num\">16–24</td>", html);
        // The reserve pool's own answer: not on this assessment, only as a qualified 科技型中小企业.
        Assert.Matches("id=\"reserve-pool\" data-admitted=\"false\">按本次高企自评结果不能进入培育后备库;仍可经以下途径入库:已评价入库的科技型中小企业", html);
        // The form keeps the rows.
        Assert.Contains("name=\"Form.IpItems[0].Name\" id=\"ip-items-0-name\" value=\"ZL201810000001.X\"", html);
    }

    [Fact]
    public async Task A_bad_rule_file_stops_the_server_with_its_located_error()
    {
        var rules = Directory.CreateDirectory(Path.Combine(_folder, "rules")).FullName;
        var bundled = Path.Combine(AppContext.BaseDirectory, "rules", "hte-2016.yaml");
        await File.WriteAllTextAsync(Path.Combine(rules, "hte-2016.yaml"), (await File.ReadAllTextAsync(bundled)).Replace("atLeast: 0.10", "atLeast: lots"));

        var error = Assert.Throws<InvalidOperationException>(() =>
            WebApp.Build([], new WebSettings(DatabaseLocation.Parse(Path.Combine(_folder, "gaoxin.db")), "http://127.0.0.1:0", rules)));

        Assert.Matches(@"hte-2016\.yaml:\d+:\d+: conditions\.stStaffRatio\.atLeast", error.Message);
    }
}
