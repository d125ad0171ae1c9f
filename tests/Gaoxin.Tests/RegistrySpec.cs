using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gaoxin.Tests.Support;

namespace Gaoxin.Tests;

/// <summary>The registries seeded from the plan's columns, through the API and the pages, on both providers.</summary>
public abstract class RegistrySpec(ITestStore store) : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(store.Location);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    [Fact]
    public async Task A_fresh_start_holds_every_named_item_of_the_columns()
    {
        var types = (await _server.Client.GetFromJsonAsync<JsonElement>("/api/registries")).EnumerateArray()
            .ToDictionary(t => t.GetProperty("type").GetString()!, t => t.GetProperty("count").GetInt32());

        Assert.Equal(new Dictionary<string, int>
        {
            ["alliance"] = 31, ["cluster"] = 23, ["rd_institution"] = 44, ["tech_platform"] = 33,
            ["carrier"] = 34, ["fund"] = 11, ["finance"] = 13, ["talent"] = 35, ["partnership"] = 12,
            // Registries for the plan-period targets: the partner set 两院十校 is the only item the plan names.
            ["partner_institution"] = 1, ["outcome"] = 0, ["focus_industry"] = 0,
        }, types);
    }

    [Fact]
    public async Task Items_of_a_zone_carry_their_name_level_and_quote()
    {
        var alliances = (await _server.Client.GetFromJsonAsync<JsonElement>("/api/registries/alliance?zone=shenyang")).EnumerateArray().ToList();
        var funds = (await _server.Client.GetFromJsonAsync<JsonElement>("/api/registries/fund?zone=anshan")).EnumerateArray().ToList();

        // 专栏2: 沈阳高新区:机器人产业技术创新战略联盟、IC装备产业技术创新战略联盟、大数据产业技术创新战略联盟。
        Assert.Equal(["IC装备产业技术创新战略联盟", "大数据产业技术创新战略联盟", "机器人产业技术创新战略联盟"],
            alliances.Select(a => a.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.All(alliances, a => Assert.Contains(a.GetProperty("name").GetString()!, a.GetProperty("source").GetProperty("quote").GetString()));
        // 专栏8: 鞍山高新区设立3只总额不低于6亿元的股权投资基金 — three funds; the plan gives only their total.
        Assert.Equal(3, funds.Count);
        Assert.All(funds, f => Assert.Equal(("股权投资基金", JsonValueKind.Null, "planned", "鞍山高新区设立3只总额不低于6亿元的股权投资基金"),
            (f.GetProperty("name").GetString(), f.GetProperty("amount").ValueKind, f.GetProperty("status").GetString(),
             f.GetProperty("source").GetProperty("quote").GetString())));
    }

    [Fact]
    public async Task An_unknown_registry_is_a_404_and_the_pages_list_the_items_with_their_quotes()
    {
        var unknown = await _server.Client.GetAsync("/api/registries/unicorns");
        var index = await _server.Client.GetStringAsync("/registries");
        var carriers = await _server.Client.GetStringAsync("/registries/carrier?zone=dalian");
        var zone = await _server.Client.GetStringAsync("/zones/dalian");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(12, System.Text.RegularExpressions.Regex.Matches(index, "data-type=").Count);
        Assert.Contains("大连软件园COCO-SPACE", carriers);
        Assert.Contains("专栏7", carriers);
        Assert.Contains("id=\"registries\"", zone);
    }
}

/// <summary>Registry items a zone adds count in plan monitoring only once the office approves them.</summary>
public abstract class RegistryMaintenanceSpec(ITestStore store) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private RunningServer _server = null!;
    private HttpClient _shenyang = null!;
    private HttpClient _office = null!;

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await Cli("demo", "seed")).ExitCode);
        Assert.Equal(0, (await Cli("users", "add", "--email", "office@example.org", "--role", "admin", "--password", Password)).ExitCode);
        Assert.Equal(0, (await Cli("users", "add", "--email", "sy@example.org", "--role", "zone_operator", "--zone", "shenyang", "--password", Password)).ExitCode);
        _server = await RunningServer.StartAsync(store.Location);
        _shenyang = await ClientAsync("sy@example.org");
        _office = await ClientAsync("office@example.org");
    }

    public async Task DisposeAsync()
    {
        _shenyang.Dispose();
        _office.Dispose();
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    private async Task<HttpClient> ClientAsync(string email)
    {
        var client = TestHttp.Client(_server.Address);
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await Cli("users", "token", "--email", email)).Output.Trim());
        return client;
    }

    private async Task<(decimal Province, decimal Shenyang)> NewAlliancesAsync()
    {
        var progress = await _server.Client.GetFromJsonAsync<JsonElement>("/api/plans/liaoning-2017-2020/progress?year=2020");
        var target = progress.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "new_alliances");
        return (target.GetProperty("value").GetDecimal(), target.GetProperty("zones").GetProperty("shenyang").GetDecimal());
    }

    [Fact]
    public async Task An_alliance_added_in_2018_raises_new_alliances_by_one_after_approval_only()
    {
        var before = await NewAlliancesAsync();

        var added = await _shenyang.PostAsJsonAsync("/api/registries/alliance", new { name = "工业互联网产业技术创新联盟", zone = "shenyang", founded = "2018-05-20" });
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var pending = await NewAlliancesAsync();
        var operatorApproves = await _shenyang.PostAsync($"/api/registries/items/{id}/approve", null);
        var approve = await _office.PostAsync($"/api/registries/items/{id}/approve", null);
        var after = await NewAlliancesAsync();

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(before, pending);
        Assert.Equal(HttpStatusCode.Forbidden, operatorApproves.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, approve.StatusCode);
        Assert.Equal((before.Province + 1, before.Shenyang + 1), after);
    }

    [Fact]
    public async Task A_closed_item_no_longer_stands_in_later_years_and_only_its_zone_or_the_office_may_close_it()
    {
        var alliances = (await _server.Client.GetFromJsonAsync<JsonElement>("/api/registries/alliance?zone=shenyang")).EnumerateArray().ToList();
        var id = alliances.Single(a => a.GetProperty("name").GetString() == "大数据产业技术创新战略联盟").GetProperty("id").GetString();

        var closed = await _shenyang.PostAsJsonAsync($"/api/registries/items/{id}/close", new { closed = "2019-06-30" });
        var again = await _shenyang.PostAsJsonAsync($"/api/registries/items/{id}/close", new { closed = "2019-07-30" });
        // The demo registries add alliances of their own; count the plan's three.
        async Task<int> PlanAlliancesAsync(int year) => (await _server.Client.GetFromJsonAsync<JsonElement>($"/api/registries/alliance?zone=shenyang&year={year}"))
            .EnumerateArray().Count(a => a.GetProperty("source").ValueKind == JsonValueKind.Object);
        var in2018 = await PlanAlliancesAsync(2018);
        var in2020 = await PlanAlliancesAsync(2020);
        var dalianAlliance = (await _server.Client.GetFromJsonAsync<JsonElement>("/api/registries/alliance?zone=dalian")).EnumerateArray().First().GetProperty("id").GetString();
        var foreign = await _shenyang.PostAsJsonAsync($"/api/registries/items/{dalianAlliance}/close", new { closed = "2019-06-30" });

        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal((3, 2), (in2018, in2020));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
    }

    [Fact]
    public async Task The_same_item_in_slightly_different_words_and_another_zones_item_are_refused()
    {
        var duplicate = await _shenyang.PostAsJsonAsync("/api/registries/alliance", new { name = "机器人产业技术创新战略联盟 ", zone = "shenyang", founded = "2019-01-01" });
        var duplicateSpaced = await _shenyang.PostAsJsonAsync("/api/registries/alliance", new { name = "机器人产业技术创新 战略联盟。", zone = "shenyang", founded = "2019-01-01" });
        var otherZone = await _shenyang.PostAsJsonAsync("/api/registries/alliance", new { name = "新联盟", zone = "dalian", founded = "2019-01-01" });

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicateSpaced.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherZone.StatusCode);
    }

    private async Task<Dictionary<string, JsonElement>> CountsAsync(string zone, int year) =>
        (await _server.Client.GetFromJsonAsync<JsonElement>($"/api/zones/{zone}/counts?year={year}")).GetProperty("counts").EnumerateArray()
            .ToDictionary(c => c.GetProperty("element").GetString()!);

    [Fact]
    public async Task The_registries_and_the_demo_data_reproduce_the_plans_2016_baselines()
    {
        var zones = (await _server.Client.GetFromJsonAsync<JsonElement>("/api/zones")).EnumerateArray().Select(z => z.GetProperty("code").GetString()!).ToList();
        var counts = new List<Dictionary<string, JsonElement>>();
        foreach (var zone in zones) counts.Add(await CountsAsync(zone, 2016));
        decimal Sum(string element) => counts.Sum(c => c[element].GetProperty("value").GetDecimal());

        // 一、发展基础: 研发机构272家, 产业专业技术创新平台36个, 产业技术创新联盟29个, 孵化器31个, 众创空间52家, 高端人才4961人,
        // 风险投资、科技担保、小额贷款机构184家, 50亿元以上产业集群13个, 其中超百亿元的8个.
        Assert.Equal(272m, Sum("rd_institutions"));
        Assert.Equal(36m, Sum("tech_platforms"));
        Assert.Equal(29m, Sum("alliances"));
        Assert.Equal(31m, Sum("incubators"));
        Assert.Equal(52m, Sum("maker_spaces"));
        Assert.Equal(4961m, Sum("high_level_talents"));
        Assert.Equal(184m, Sum("vc_institutions"));
        Assert.Equal(13m, Sum("clusters_over_50yi"));
        Assert.Equal(8m, Sum("clusters_over_100yi"));
        // Every figure says where it comes from: the demo reports leave the registry-kept counts blank; talents are reported by hand.
        Assert.All(counts, c => Assert.Equal("registry", c["maker_spaces"].GetProperty("source").GetString()));
        Assert.All(counts, c => Assert.Equal("reported", c["high_level_talents"].GetProperty("source").GetString()));
    }

    [Fact]
    public async Task An_approved_reported_value_wins_over_the_registry_count_in_evaluation_and_monitoring_inputs()
    {
        var before = (await CountsAsync("shenyang", 2020))["maker_spaces"];
        var file = Path.Combine(Path.GetTempPath(), $"gaoxin-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "zone,year,element,value\nshenyang,2020,maker_spaces,99\n");
        var import = await Cli("data", "import", file, "--approve");
        File.Delete(file);
        var after = (await CountsAsync("shenyang", 2020))["maker_spaces"];

        Assert.Equal("registry", before.GetProperty("source").GetString());
        Assert.True(import.ExitCode == 0, import.Output + import.Error);
        Assert.Equal(("reported", 99m), (after.GetProperty("source").GetString(), after.GetProperty("value").GetDecimal()));
        Assert.Equal(before.GetProperty("derived").GetDecimal(), after.GetProperty("derived").GetDecimal());
    }

    [Fact]
    public async Task A_zones_edit_of_an_approved_item_waits_for_the_office_and_is_audited()
    {
        var id = (await _server.Client.GetFromJsonAsync<JsonElement>("/api/registries/alliance?zone=shenyang")).EnumerateArray()
            .Single(a => a.GetProperty("name").GetString() == "机器人产业技术创新战略联盟").GetProperty("id").GetString();

        var edit = await _shenyang.PutAsJsonAsync($"/api/registries/items/{id}", new { attributes = new Dictionary<string, string> { ["牵头单位"] = "新松机器人", ["成员单位"] = "32家" }, level = "provincial" });
        var whilePending = await _shenyang.GetFromJsonAsync<JsonElement>($"/api/registries/items/{id}");
        var approve = await _office.PostAsync($"/api/registries/items/{id}/change/approve", null);
        var afterwards = await _server.Client.GetFromJsonAsync<JsonElement>($"/api/registries/items/{id}");
        var foreign = await _shenyang.PutAsJsonAsync("/api/registries/items/alliance.dalian.ai", new { name = "改名" });
        var audit = await _office.GetStringAsync("/api/audit?zone=shenyang");

        Assert.Equal("pending", (await edit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("approval").GetString());
        Assert.Equal(JsonValueKind.Null, whilePending.GetProperty("item").GetProperty("level").ValueKind);
        Assert.Equal(JsonValueKind.Object, whilePending.GetProperty("pendingChange").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, approve.StatusCode);
        Assert.Equal("provincial", afterwards.GetProperty("item").GetProperty("level").GetString());
        Assert.Equal("新松机器人", afterwards.GetProperty("item").GetProperty("attributes").GetProperty("牵头单位").GetString());
        Assert.Equal(JsonValueKind.Null, afterwards.GetProperty("pendingChange").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Contains("registry_item_change_proposed", audit);
        Assert.Contains("registry_item_change_approved", audit);
    }

    [Fact]
    public async Task Cluster_revenue_and_alliance_projects_count_once_approved()
    {
        var cluster = (await _server.Client.GetFromJsonAsync<JsonElement>("/api/registries/cluster?zone=shenyang")).EnumerateArray().First().GetProperty("id").GetString();
        var alliance = (await _server.Client.GetFromJsonAsync<JsonElement>("/api/registries/alliance?zone=shenyang")).EnumerateArray().First().GetProperty("id").GetString();
        var before = await CountsAsync("shenyang", 2020);

        var figures = await _shenyang.PutAsJsonAsync($"/api/registries/items/{cluster}/figures/2020", new Dictionary<string, decimal> { ["revenue"] = 1500 });
        var project = await _shenyang.PostAsJsonAsync($"/api/registries/items/{alliance}/projects", new { name = "机器人核心零部件联合攻关", started = "2020-03-01" });
        var projectId = (await project.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var wrongFigure = await _shenyang.PutAsJsonAsync($"/api/registries/items/{cluster}/figures/2020", new Dictionary<string, decimal> { ["members"] = 3 });
        var pending = await CountsAsync("shenyang", 2020);
        await _office.PostAsync($"/api/registries/items/{cluster}/figures/2020/approve", null);
        await _office.PostAsync($"/api/registries/projects/{projectId}/approve", null);
        var after = await CountsAsync("shenyang", 2020);

        decimal Derived(Dictionary<string, JsonElement> c, string e) => c[e].GetProperty("derived").GetDecimal();
        Assert.Equal(HttpStatusCode.NoContent, figures.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongFigure.StatusCode);
        Assert.Equal(Derived(before, "clusters_over_1000yi"), Derived(pending, "clusters_over_1000yi"));
        Assert.Equal(Derived(before, "alliance_projects_new"), Derived(pending, "alliance_projects_new"));
        Assert.Equal(Derived(before, "alliance_projects_new") + 1, Derived(after, "alliance_projects_new"));
        Assert.True(Derived(after, "clusters_over_1000yi") >= 1);
        var item = await _server.Client.GetFromJsonAsync<JsonElement>($"/api/registries/items/{cluster}");
        Assert.Contains(item.GetProperty("figures").EnumerateArray(), f => f.GetProperty("year").GetInt32() == 2020 && f.GetProperty("value").GetDecimal() == 1500m && f.GetProperty("approval").GetString() == "approved");
    }

    [Fact]
    public async Task An_excel_import_with_a_bad_row_changes_nothing_and_says_where_and_a_good_one_adds_and_edits()
    {
        var export = await _office.GetByteArrayAsync("/registries/tech_platform/export.xlsx?zone=shenyang");
        string editedId = "";
        int last = 0;
        // The export is the template: edit its first row, add a new item, and (first time) a near-duplicate with a bad date.
        byte[] Edited(bool withBadRow)
        {
            using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(export));
            var sheet = workbook.Worksheet("tech_platform");
            Assert.Equal("id", sheet.Cell(1, 1).GetString());
            last = sheet.LastRowUsed()!.RowNumber();
            editedId = sheet.Cell(3, 1).GetString();
            sheet.Cell(3, 2).Value = "沈阳 改名后的平台";
            sheet.Cell(last + 1, 2).Value = "沈阳工业互联网平台";
            sheet.Cell(last + 1, 3).Value = "shenyang";
            sheet.Cell(last + 1, 6).Value = "2019-04-01";
            if (withBadRow)
            {
                sheet.Cell(last + 2, 2).Value = "沈阳工业 互联网平台。";
                sheet.Cell(last + 2, 3).Value = "shenyang";
                sheet.Cell(last + 2, 6).Value = "2019-13-01";
            }
            var output = new MemoryStream();
            workbook.SaveAs(output);
            return output.ToArray();
        }
        var countBefore = (await _server.Client.GetFromJsonAsync<JsonElement>("/api/registries/tech_platform?zone=shenyang")).GetArrayLength();

        var bad = await _office.PostAsync("/api/registries/tech_platform/import", new ByteArrayContent(Edited(withBadRow: true)));
        var problems = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").EnumerateArray().ToList();
        var afterBad = await _server.Client.GetFromJsonAsync<JsonElement>("/api/registries/tech_platform?zone=shenyang");
        var good = await _office.PostAsync("/api/registries/tech_platform/import", new ByteArrayContent(Edited(withBadRow: false)));
        var afterGood = await _server.Client.GetFromJsonAsync<JsonElement>("/api/registries/tech_platform?zone=shenyang");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains(problems, p => p.GetProperty("row").GetInt32() == last + 2 && p.GetProperty("column").GetString() == "F" && p.GetProperty("code").GetString() == "bad_date");
        Assert.Equal(countBefore, afterBad.GetArrayLength());
        Assert.DoesNotContain(afterBad.EnumerateArray(), i => i.GetProperty("name").GetString() == "沈阳 改名后的平台");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(countBefore + 1, afterGood.GetArrayLength());
        Assert.Contains(afterGood.EnumerateArray(), i => i.GetProperty("id").GetString() == editedId && i.GetProperty("name").GetString() == "沈阳 改名后的平台");
    }
}

public sealed class RegistryMaintenanceOnSqlite() : RegistryMaintenanceSpec(new SqliteTestStore());

public sealed class RegistryMaintenanceOnPostgres() : RegistryMaintenanceSpec(new PostgresTestStore());

public sealed class RegistryOnSqlite() : RegistrySpec(new SqliteTestStore());

public sealed class RegistryOnPostgres() : RegistrySpec(new PostgresTestStore());
