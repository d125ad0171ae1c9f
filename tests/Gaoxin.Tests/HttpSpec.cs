using System.Net;
using System.Text.Json;
using Gaoxin.Tests.Support;

namespace Gaoxin.Tests;

/// <summary>The web server (pages, API, OpenAPI, health) against a fresh database of each provider.</summary>
public abstract class HttpSpec(ITestStore store) : IAsyncLifetime
{
    private RunningServer _server = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(store.Location);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Home_page_is_in_Chinese_by_default()
    {
        var html = await Client.GetStringAsync("/");

        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Contains("高新区发展规划平台", html);
        Assert.Contains("省级以上高新区", html);
    }

    [Fact]
    public async Task Home_page_switches_to_English_and_remembers_it()
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var client = TestHttp.Client(_server.Address, handler);

        var switched = await client.GetAsync("/lang/en?returnUrl=/zones");
        var html = await client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/zones", switched.Headers.Location!.OriginalString);
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("zones at provincial level or above", html);
    }

    [Fact]
    public async Task Language_switch_refuses_to_redirect_off_site()
    {
        using var client = TestHttp.Client(_server.Address, new HttpClientHandler { AllowAutoRedirect = false });

        var response = await client.GetAsync("/lang/en?returnUrl=//evil.example");

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Api_zones_lists_the_15_zones_with_level_and_governance()
    {
        var zones = (await GetJsonAsync("/api/zones")).EnumerateArray()
            .ToDictionary(z => z.GetProperty("code").GetString()!, z => (z.GetProperty("level").GetString()!, z.GetProperty("governance").GetString()!));

        Assert.Equal(LiaoningPlanFacts.Zones.OrderBy(z => z.Key), zones.OrderBy(z => z.Key));
    }

    [Fact]
    public async Task Api_zone_gives_its_industries_and_history()
    {
        var zone = await GetJsonAsync("/api/zones/dalian");

        Assert.Equal(["软件和服务外包产业"], zone.GetProperty("zone").GetProperty("leadingIndustries").EnumerateArray().Select(i => i.GetString()));
        var listed = Assert.Single(zone.GetProperty("history").EnumerateArray());
        Assert.Equal("listed", listed.GetProperty("kind").GetString());
        Assert.Equal("2016-12-31", listed.GetProperty("effectiveOn").GetString());
        Assert.Equal(2016, zone.GetProperty("years").EnumerateArray().First().GetProperty("year").GetInt32());
    }

    [Fact]
    public async Task Api_unknown_zone_is_a_404_problem()
    {
        var response = await Client.GetAsync("/api/zones/atlantis");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Api_plan_matches_the_cli_contract()
    {
        var plan = await GetJsonAsync("/api/plans/liaoning-2017-2020");

        Assert.Equal(LiaoningPlanFacts.Targets.Length, plan.GetProperty("targets").GetArrayLength());
        Assert.Equal(LiaoningPlanFacts.Baselines.Length, plan.GetProperty("baselines").GetArrayLength());
        Assert.Equal(15, plan.GetProperty("zones").GetArrayLength());
        Assert.True(plan.GetProperty("tasks").GetArrayLength() >= 12);
    }

    [Fact]
    public async Task Zone_pages_list_every_zone_and_show_one_with_its_history()
    {
        var list = await Client.GetStringAsync("/zones");
        var page = await Client.GetStringAsync("/zones/suizhong");

        Assert.Equal(15, System.Text.RegularExpressions.Regex.Matches(list, "<tr data-code=").Count);
        Assert.Contains("绥中高新区", page);
        Assert.Contains("葫芦岛市绥中县", page);
        Assert.Contains("管委会与行政区合并", page);
        Assert.Contains("列入规划", page);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/zones/atlantis")).StatusCode);
    }

    [Fact]
    public async Task Plan_page_shows_every_target_and_baseline_beside_its_quote()
    {
        var html = WebUtility.HtmlDecode(await Client.GetStringAsync("/plans/liaoning-2017-2020"));

        foreach (var target in LiaoningPlanFacts.Targets)
            Assert.Contains($"id=\"target-{target.Id}\"", html);
        foreach (var baseline in LiaoningPlanFacts.Baselines)
            Assert.Contains($"id=\"baseline-{baseline.Id}\"", html);
        Assert.Contains("“省级以上高新区科学研究与试验发展经费占GDP比重达到2.8%”", html);
        Assert.Contains("id=\"task-evaluation.delisting\"", html);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api_and_the_reference_is_browsable()
    {
        var document = await GetJsonAsync("/openapi/v1.json");
        var reference = await Client.GetAsync("/scalar/v1");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/zones", paths);
        Assert.Contains("/api/zones/{code}", paths);
        Assert.Contains("/api/plans/{id}", paths);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }

    [Fact]
    public async Task The_api_reference_works_offline_its_scripts_served_here_no_cdn_fonts_and_no_telemetry()
    {
        var page = await Client.GetStringAsync("/scalar/");
        var scripts = System.Text.RegularExpressions.Regex.Matches(page, "src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        var served = await Task.WhenAll(scripts.Select(s => Client.GetAsync(new Uri(new Uri(Client.BaseAddress!, "/scalar/"), s))));

        Assert.DoesNotMatch("(?i)https?://", page);
        Assert.NotEmpty(scripts);
        Assert.All(served, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        // The reference's own switches: its default fonts come from a CDN, and telemetry is on unless turned off.
        Assert.Contains("\"withDefaultFonts\":false", page);
        Assert.Contains("\"telemetry\":false", page);
    }

    [Fact]
    public async Task Ping_answers_a_tiny_json_without_a_token()
    {
        var ping = await GetJsonAsync("/api/ping");

        Assert.Equal("ok", ping.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_check_reports_healthy_with_the_database_up()
    {
        var response = await Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Stylesheet_is_served()
    {
        var response = await Client.GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Echarts_restored_from_npm_by_the_build_is_served()
    {
        var script = await Client.GetStringAsync("/lib/echarts/echarts.min.js");

        Assert.Contains("echarts", script);
        Assert.True(script.Length > 500_000);
    }
}

public sealed class HttpOnSqlite() : HttpSpec(new SqliteTestStore());

public sealed class HttpOnPostgres() : HttpSpec(new PostgresTestStore());
