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
            ["carrier"] = 34, ["fund"] = 9, ["finance"] = 13, ["talent"] = 34,
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
        // 专栏8: 鞍山高新区设立3只总额不低于6亿元的股权投资基金
        var anshan = Assert.Single(funds);
        Assert.Equal((6m, "亿元", "planned"), (anshan.GetProperty("amount").GetDecimal(), anshan.GetProperty("unit").GetString(), anshan.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task An_unknown_registry_is_a_404_and_the_pages_list_the_items_with_their_quotes()
    {
        var unknown = await _server.Client.GetAsync("/api/registries/unicorns");
        var index = await _server.Client.GetStringAsync("/registries");
        var carriers = await _server.Client.GetStringAsync("/registries/carrier?zone=dalian");
        var zone = await _server.Client.GetStringAsync("/zones/dalian");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(8, System.Text.RegularExpressions.Regex.Matches(index, "data-type=").Count);
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
        var client = new HttpClient { BaseAddress = _server.Address };
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
        var in2018 = (await _server.Client.GetFromJsonAsync<JsonElement>("/api/registries/alliance?zone=shenyang&year=2018")).GetArrayLength();
        var in2020 = (await _server.Client.GetFromJsonAsync<JsonElement>("/api/registries/alliance?zone=shenyang&year=2020")).GetArrayLength();
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

        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicateSpaced.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherZone.StatusCode);
    }
}

public sealed class RegistryMaintenanceOnSqlite() : RegistryMaintenanceSpec(new SqliteTestStore());

public sealed class RegistryMaintenanceOnPostgres() : RegistryMaintenanceSpec(new PostgresTestStore());

public sealed class RegistryOnSqlite() : RegistrySpec(new SqliteTestStore());

public sealed class RegistryOnPostgres() : RegistrySpec(new PostgresTestStore());
