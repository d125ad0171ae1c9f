using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gaoxin.Tests.Support;

namespace Gaoxin.Tests;

/// <summary>
/// GET /api/site-selection and the /site-selection page on the demo store: the contract, the acceptance queries checked
/// against the plan (专栏3: 本溪高新区:生物医药, 沈阳高新区:…生物医药, 阜新高新区:液压装备制造…, 大连高新区:软件和服务外包产业;
/// 专栏4: 本溪生物医药产业集群, 阜新液压产业集群, 大连软件和信息技术服务产业集群), the weights, and the demo projects that must
/// never be public.
/// </summary>
public abstract class SiteSelectionSpec(ITestStore store) : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await CliRun.RunAsync("demo", "seed", "--db", store.DbArgument)).ExitCode);
        _server = await RunningServer.StartAsync(store.Location);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private async Task<JsonElement> RankAsync(string query)
    {
        var response = await _server.Client.GetAsync("/api/site-selection?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<JsonElement> Zones(JsonElement body) => body.GetProperty("zones").EnumerateArray().ToList();

    private static List<string> Codes(JsonElement body) => Zones(body).Select(z => z.GetProperty("zone").GetString()!).ToList();

    [Fact]
    public async Task The_acceptance_queries_find_the_zones_the_plan_names_and_explain_why()
    {
        var bio = await RankAsync("industry=" + Uri.EscapeDataString("生物医药"));
        var zones = Zones(bio);
        Assert.Equal(15, zones.Count);
        // Ranked by score, highest first, each with a reason for every part of its score.
        var scores = zones.Select(z => z.GetProperty("score").GetDecimal()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.All(zones, z => Assert.Equal(5, z.GetProperty("reasons").GetArrayLength()));
        var top3 = Codes(bio).Take(3).ToList();
        Assert.Contains("benxi", top3);
        Assert.Contains("shenyang", top3);
        var benxi = zones.Single(z => z.GetProperty("zone").GetString() == "benxi");
        var reasons = string.Join("\n", benxi.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains("生物医药", reasons);
        Assert.Contains("本溪生物医药产业集群", reasons);
        Assert.Equal("biomedicine", bio.GetProperty("matched")[0].GetProperty("code").GetString());
        Assert.Equal(40, bio.GetProperty("weights").GetProperty("industry").GetDecimal());

        Assert.Equal("fuxin", Codes(await RankAsync("industry=" + Uri.EscapeDataString("液压")))[0]);
        Assert.Equal("dalian", Codes(await RankAsync("industry=" + Uri.EscapeDataString("软件和服务外包")))[0]);
    }

    [Fact]
    public async Task Weights_change_the_order_and_needs_count_published_land_only()
    {
        var text = "industry=" + Uri.EscapeDataString("生物医药");
        var byDefault = Codes(await RankAsync(text));
        // Scale alone: the zone with the largest operating revenue in force first, every other part worth nothing.
        var scaleOnly = await RankAsync(text + "&w.industry=0&w.cluster=0&w.carriers=0&w.needs=0&w.scale=10");
        Assert.Equal(10, Zones(scaleOnly)[0].GetProperty("score").GetDecimal());
        Assert.Equal(0, scaleOnly.GetProperty("weights").GetProperty("industry").GetDecimal());
        Assert.NotEqual(byDefault, Codes(scaleOnly));
        Assert.NotEqual("benxi", Codes(scaleOnly)[0]);

        // Land: Benxi's published demo project offers land; Jinzhou's only land project has expired, so it does not count.
        var land = await RankAsync(text + "&needs=land&w.industry=0&w.cluster=0&w.carriers=0&w.scale=0");
        Assert.Equal(10, Zones(land).Single(z => z.GetProperty("zone").GetString() == "benxi").GetProperty("score").GetDecimal());
        Assert.Equal(0, Zones(land).Single(z => z.GetProperty("zone").GetString() == "jinzhou").GetProperty("score").GetDecimal());
        Assert.Equal(0, Zones(land).Single(z => z.GetProperty("zone").GetString() == "liaoyang").GetProperty("score").GetDecimal());
    }

    [Theory]
    [InlineData("industry=", "industry_required")]
    [InlineData("needs=land", "industry_required")]
    [InlineData("industry=%20%20", "industry_required")]
    [InlineData("industry=LONG", "industry_too_long")]
    [InlineData("industry=%E6%B6%B2%E5%8E%8B&needs=land,fly", "unknown_need")]
    [InlineData("industry=%E6%B6%B2%E5%8E%8B&w.industry=abc", "invalid_weight")]
    [InlineData("industry=%E6%B6%B2%E5%8E%8B&w.scale=-1", "invalid_weight")]
    [InlineData("industry=%E6%B6%B2%E5%8E%8B&size=huge", "unknown_size")]
    public async Task Bad_questions_are_a_400_problem_in_the_readers_language(string query, string code)
    {
        query = query.Replace("LONG", Uri.EscapeDataString(new string('药', 101)), StringComparison.Ordinal);
        var response = await _server.Client.GetAsync("/api/site-selection?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", body.GetProperty("title").GetString()!);
        var english = await (await _server.Client.GetAsync("/api/site-selection?lang=en&" + query)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", english.GetProperty("title").GetString()!);
    }

    [Fact]
    public async Task The_page_works_without_javascript_and_the_demo_draft_and_expired_projects_stay_private()
    {
        var page = await _server.Client.GetStringAsync("/site-selection?industry=" + Uri.EscapeDataString("生物医药") + "&needs=land&needs=finance");
        Assert.Contains("本溪高新区", page);
        Assert.Contains("沈阳高新区", page);
        Assert.Contains("本溪生物医药产业集群", page);
        Assert.Contains("checked=\"checked\" /> 土地", page.Replace("value=\"land\" ", "", StringComparison.Ordinal));
        var empty = await _server.Client.GetAsync("/site-selection?industry=");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("role=\"alert\"", await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("/site-selection")).StatusCode);

        var projects = await _server.Client.GetStringAsync("/api/investment-projects") + await _server.Client.GetStringAsync("/investment");
        Assert.Contains("液压元件精密制造项目(演示)", projects);
        Assert.Contains("演示数据", projects);
        Assert.DoesNotContain("草稿", projects);
        Assert.DoesNotContain("已过期", projects);
    }
}

public sealed class SiteSelectionOnSqlite() : SiteSelectionSpec(new SqliteTestStore());

public sealed class SiteSelectionOnPostgres() : SiteSelectionSpec(new PostgresTestStore());
