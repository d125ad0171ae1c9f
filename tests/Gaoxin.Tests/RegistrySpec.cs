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

public sealed class RegistryOnSqlite() : RegistrySpec(new SqliteTestStore());

public sealed class RegistryOnPostgres() : RegistrySpec(new PostgresTestStore());
