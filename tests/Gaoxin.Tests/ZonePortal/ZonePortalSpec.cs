using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gaoxin.Core.Maps;
using Gaoxin.Data;
using Gaoxin.Data.Figures;
using Gaoxin.Features.Home;
using Gaoxin.Features.Zones;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests.ZonePortal;

/// <summary>
/// The public zone pages and the open data on the demo figures: a 2019 evaluation published, a 2020 run left unpublished,
/// a 2021 report left unapproved and a registry item awaiting the office — none of the three may show anywhere public.
/// </summary>
public abstract class ZonePortalSpec(ITestStore store) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    /// <summary>The unapproved 2021 GDP of Shenyang: a number that appears nowhere else.</summary>
    private const string DraftValue = "777777.5";
    private const string PendingItem = "尚待审核的示例联盟";
    private RunningServer _server = null!;
    private HttpClient _office = null!;
    private HttpClient _shenyang = null!;

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await Cli("demo", "seed")).ExitCode);
        Assert.Equal(0, (await Cli("users", "add", "--email", "office@example.org", "--role", "admin", "--password", Password)).ExitCode);
        Assert.Equal(0, (await Cli("users", "add", "--email", "sy@example.org", "--role", "zone_operator", "--zone", "shenyang", "--password", Password)).ExitCode);
        var published = await Cli("evaluate", "--year", "2019");
        Assert.Equal(0, (await Cli("evaluate", "publish", Regex.Match(published.Output, @"Run (\d+) recorded").Groups[1].Value)).ExitCode);
        Assert.Equal(0, (await Cli("evaluate", "--year", "2020")).ExitCode); // recorded, never published
        var file = Path.Combine(Path.GetTempPath(), $"gaoxin-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, $"zone,year,element,value\nshenyang,2021,gdp,{DraftValue}\n");
        var import = await Cli("data", "import", file);
        File.Delete(file);
        Assert.True(import.ExitCode == 0, import.Output + import.Error);
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            db.RegistryItems.Add(new Data.Registries.RegistryItemRecord
            {
                Id = "alliance.shenyang.pending", Type = "alliance", Name = PendingItem, ZoneCode = "shenyang", Status = "existing",
                CreatedBy = "sy@example.org", CreatedAt = DateTimeOffset.UtcNow, Approval = "pending",
            });
            await db.SaveChangesAsync();
        }
        _server = await RunningServer.StartAsync(store.Location);
        _office = await _server.TokenClientAsync(store, "office@example.org");
        _shenyang = await _server.TokenClientAsync(store, "sy@example.org");
    }

    public async Task DisposeAsync()
    {
        _office?.Dispose();
        _shenyang?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    private Task<string> PageAsync(string path) => _server.Client.GetStringAsync(path);

    /// <summary>Shenyang's approved 2019 GDP as the existing export of approved figures gives it.</summary>
    private async Task<decimal> ApprovedGdp2019Async()
    {
        var csv = await PageAsync("/data/export/2019.csv");
        var line = csv.Split('\n').Select(l => l.Trim().Split(',')).Single(c => c.Length >= 4 && c[0] == "shenyang" && c[1] == "2019" && c[2] == "gdp");
        return decimal.Parse(line[3], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_profile_shows_the_published_grade_the_approved_figures_by_year_with_a_chart_and_no_draft()
    {
        var html = await PageAsync("/zones/shenyang");
        var gdp = await ApprovedGdp2019Async();

        Assert.Contains("id=\"figures-table\"", html);
        Assert.Contains("data-chart-element=\"gdp\"", html);
        Assert.Contains("<svg class=\"spark\"", html);
        var row = Regex.Match(html, "<tr data-element=\"gdp\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains(gdp.ToString("0.##", CultureInfo.InvariantCulture), row.Replace(",", ""));
        // 2020's run is not published: the grade shown is 2019's.
        Assert.Matches("id=\"last-grade\"><a href=\"/evaluation\\?year=2019\">2019</a>", html);
        Assert.DoesNotContain("777777", html);
        var table = Regex.Match(html, "<table class=\"grid compact\" id=\"figures-table\"[^>]*>(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(["2016", "2017", "2018", "2019", "2020"], Regex.Matches(table, @"<th scope=""col"" class=""num"">(\d+)</th>").Select(m => m.Groups[1].Value));
        Assert.DoesNotContain(PendingItem, html);
    }

    [Fact]
    public async Task The_zone_page_links_to_its_plan_targets_and_evaluation_for_everyone_and_to_its_data_reports_for_its_own_staff()
    {
        var anonymous = await PageAsync("/zones/shenyang");
        using var operatorSession = new PageSession(_server.Address);
        await operatorSession.SignInAsync("sy@example.org", Password);
        var own = await operatorSession.GetStringAsync("/zones/shenyang");
        var other = await operatorSession.GetStringAsync("/zones/dalian");
        using var officeSession = new PageSession(_server.Address);
        await officeSession.SignInAsync("office@example.org", Password);
        var office = await officeSession.GetStringAsync("/zones/dalian");

        Assert.Contains("href=\"/monitoring/zones/shenyang\" id=\"link-plan-targets\"", anonymous);
        // 2019 is the published year; 2020's run is not, so its explanation is not offered.
        Assert.Contains("href=\"/evaluation/2019/shenyang\" id=\"link-evaluation\"", anonymous);
        Assert.DoesNotContain("/evaluation/2020/shenyang", anonymous);
        Assert.DoesNotContain("class=\"link-report\"", anonymous);
        Assert.Contains("href=\"/zones/shenyang/data/2021\" class=\"link-report\"", own);
        Assert.Contains("href=\"/zones/shenyang/data/2020\" class=\"link-report\"", own);
        Assert.DoesNotContain("class=\"link-report\"", other);
        Assert.Contains("href=\"/zones/dalian/data/2020\" class=\"link-report\"", office);
        // Each link leads to a page that answers.
        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("/monitoring/zones/shenyang")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("/evaluation/2019/shenyang")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorSession.GetAsync("/zones/shenyang/data/2021")).StatusCode);
    }

    [Fact]
    public async Task Two_or_three_zones_are_compared_side_by_side_and_other_counts_are_refused_with_a_hint()
    {
        var two = await PageAsync("/zones/compare?codes=shenyang,dalian");
        var three = await PageAsync("/zones/compare?codes=suizhong&codes=shenyang&codes=dalian");
        var one = await PageAsync("/zones/compare?codes=shenyang");
        var four = await PageAsync("/zones/compare?codes=shenyang,dalian,anshan,benxi");
        var unknown = await _server.Client.GetAsync("/zones/compare?codes=shenyang,nowhere");

        Assert.Equal(2, Regex.Matches(two, "<th scope=\"col\" data-zone=").Count);
        // Columns in the registry's order, whatever order the boxes came in.
        Assert.Equal(["shenyang", "dalian", "suizhong"], Regex.Matches(three, "<th scope=\"col\" data-zone=\"([a-z]+)\"").Select(m => m.Groups[1].Value));
        // The plan: Shenyang and Dalian national, Suizhong provincial (一、发展基础; 专栏1).
        var level = Regex.Match(three, "<tr id=\"row-level\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(["国家级", "国家级", "省级"], Regex.Matches(level, "<td>(.*?)</td>").Select(m => m.Groups[1].Value));
        Assert.Contains("id=\"row-grade\"", two);
        Assert.DoesNotContain("777777", two);
        Assert.Contains("id=\"compare-problem\"", one);
        Assert.Contains("id=\"compare-problem\"", four);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        // Reachable from the list (a GET form of checkboxes) and from the profile.
        Assert.Contains("<form method=\"get\" action=\"/zones/compare\" id=\"zones-compare\">", await PageAsync("/zones"));
        Assert.Contains("id=\"compare-form\"", await PageAsync("/zones/shenyang"));
    }

    [Fact]
    public async Task A_zone_operator_sets_their_own_zones_contact_but_not_another_zones()
    {
        var own = await _shenyang.PutAsJsonAsync("/api/zones/shenyang/contact",
            new { address = "沈阳市浑南区世纪路1号", phone = "024-2378 0000", email = "office@example.org", website = "https://www.example.org/" });
        var other = await _shenyang.PutAsJsonAsync("/api/zones/dalian/contact", new { address = "不应写入" });
        var anonymous = await _server.Client.PutAsJsonAsync("/api/zones/dalian/contact", new { address = "不应写入" });
        var script = await _office.PutAsJsonAsync("/api/zones/dalian/contact", new { website = "javascript:alert(1)" });

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, script.StatusCode);
        Assert.Equal("website", (await script.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        var dalian = await _server.Client.GetFromJsonAsync<JsonElement>("/api/zones/dalian/contact");
        Assert.All(new[] { "address", "phone", "email", "website" }, f => Assert.Equal(JsonValueKind.Null, dalian.GetProperty(f).ValueKind));
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            Assert.False(await db.ZoneContacts.AnyAsync(c => c.ZoneCode == "dalian"));
            Assert.Equal(1, await db.Audit.CountAsync(a => a.Action == "zone_contact_set" && a.UnitCode == "shenyang" && a.Actor == "sy@example.org"));
            Assert.Equal(0, await db.Audit.CountAsync(a => a.Action == "zone_contact_set" && a.UnitCode == "dalian"));
        }
        var html = await PageAsync("/zones/shenyang");
        Assert.Contains("<dd id=\"contact-address\">沈阳市浑南区世纪路1号</dd>", html);
        Assert.Contains("href=\"https://www.example.org/\"", html);
        Assert.Contains("沈阳市浑南区世纪路1号", await PageAsync("/api/open/zones.csv"));

        // The office sets any zone's; clearing a field is sending it blank.
        Assert.Equal(HttpStatusCode.OK, (await _office.PutAsJsonAsync("/api/zones/dalian/contact", new { phone = "0411-8479 0000" })).StatusCode);
        Assert.Contains("0411-8479 0000", await PageAsync("/zones/dalian"));
        Assert.Equal(HttpStatusCode.OK, (await _office.PutAsJsonAsync("/api/zones/dalian/contact", new { phone = " " })).StatusCode);
        Assert.DoesNotContain("id=\"contact\"", await PageAsync("/zones/dalian"));
    }

    [Fact]
    public async Task The_contact_form_is_the_operators_for_their_own_zone_only()
    {
        using var operatorSession = new PageSession(_server.Address);
        Assert.Equal(HttpStatusCode.Redirect, (await operatorSession.SignInAsync("sy@example.org", Password)).StatusCode);

        var saved = await operatorSession.PostFormAsync("/zones/shenyang/contact", "/zones/shenyang/contact",
            [new("Address", "沈阳市浑南区创新路"), new("Phone", ""), new("Email", ""), new("Website", "")]);
        var bad = await operatorSession.PostFormAsync("/zones/shenyang/contact", "/zones/shenyang/contact", [new("Website", "javascript:alert(1)")]);
        var other = await operatorSession.GetAsync("/zones/dalian/contact");
        var anonymous = await _server.Client.GetAsync("/zones/shenyang/contact");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("网站须以 http:// 或 https:// 开头", await bad.Content.ReadAsStringAsync());
        // Pages answer a refusal with the denied page, as every page of the site does.
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.Contains("/account/denied", other.Headers.Location!.OriginalString);
        Assert.Equal("/account/login", anonymous.RequestMessage!.RequestUri!.AbsolutePath); // sent to sign in
        Assert.Contains("id=\"edit-contact\"", await operatorSession.GetStringAsync("/zones/shenyang"));
        Assert.DoesNotContain("id=\"edit-contact\"", await operatorSession.GetStringAsync("/zones/dalian"));
        Assert.Contains("沈阳市浑南区创新路", await PageAsync("/zones/shenyang"));
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        Assert.Equal(1, await db.Audit.CountAsync(a => a.Action == "zone_contact_set" && a.UnitCode == "shenyang" && a.Via == "form"));
        Assert.False(await db.ZoneContacts.AnyAsync(c => c.ZoneCode == "dalian"));
    }

    [Fact]
    public async Task The_home_page_maps_every_zone_with_the_plans_total_area_and_the_published_evaluation()
    {
        var html = await PageAsync("/");

        Assert.Equal(15, Regex.Matches(html, "<tr data-zone=\"[a-z]+\" data-lon=").Count);
        Assert.Equal(8, Regex.Matches(html, "data-level=\"national\"").Count);
        Assert.Contains("data-chart=\"geo-map\"", html);
        Assert.Contains("1248.9", html); // 专栏3: 15个省级以上高新区区域总面积1248.9平方公里
        Assert.Contains("id=\"map-schematic\"", html); // no approval number configured
        Assert.Contains("id=\"latest-evaluation\"", html);
        Assert.Contains("href=\"/evaluation?year=2019\"", html);
        Assert.Contains("id=\"latest-news\"", html);
        Assert.Contains("id=\"latest-policies\"", html);
        Assert.DoesNotContain("777777", html);
    }

    [Fact]
    public async Task The_home_map_carries_each_zone_at_its_point_with_the_key_figure_in_force_in_its_table_and_its_chart()
    {
        var html = await PageAsync("/");
        var (locations, errors) = ZoneLocations.Parse(await File.ReadAllTextAsync(PortalMap.LocationsFile));
        Assert.Empty(errors);
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var year = (await PublicFacts.NewestApprovedYearAsync(db, default))!.Value;
        var gdp = (await FigureStore.InForceAsync(db, year, year, null, default)).Select(f => f.Value)
            .Where(v => v.Element == "gdp" && v.Unit != "province").ToDictionary(v => v.Unit, v => v.Value);

        // The table beside the map: every zone with its coordinates and the figure in force.
        var rows = Regex.Matches(html, "<tr data-zone=\"([a-z]+)\" data-lon=\"([^\"]*)\" data-lat=\"([^\"]*)\"\\s+data-value=\"([^\"]*)\"");
        Assert.Equal(15, rows.Count);
        Assert.True(year < 2021, $"{year}"); // the 2021 figures await approval and never show
        foreach (Match row in rows)
        {
            var zone = row.Groups[1].Value;
            var at = locations.Single(l => l.Zone == zone).Point;
            Assert.Equal(at.Lon, double.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture));
            Assert.Equal(at.Lat, double.Parse(row.Groups[3].Value, CultureInfo.InvariantCulture));
            Assert.Equal(gdp[zone], decimal.Parse(row.Groups[4].Value, CultureInfo.InvariantCulture));
        }
        Assert.Contains($"{year} 年各高新区地区生产总值", html);

        // The chart's own points say the same, and name the map file this server serves.
        var series = JsonDocument.Parse(WebUtility.HtmlDecode(Regex.Match(html, "id=\"home-map\"[^>]*data-series='([^']*)'").Groups[1].Value)).RootElement;
        Assert.Equal("/maps/province.json", series.GetProperty("map").GetString());
        var points = series.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(15, points.Count);
        foreach (var point in points)
        {
            var zone = point.GetProperty("code").GetString()!;
            Assert.Equal(locations.Single(l => l.Zone == zone).Point, new GeoPoint(point.GetProperty("lon").GetDouble(), point.GetProperty("lat").GetDouble()));
            Assert.Equal(Math.Round(gdp[zone], 4), point.GetProperty("value").GetDecimal());
        }
    }

    [Fact]
    public async Task The_map_file_is_served_by_this_server_the_bundled_one_by_default()
    {
        var answer = await _server.Client.GetAsync("/maps/province.json");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("application/json", answer.Content.Headers.ContentType!.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(PortalMap.BundledMapFile), await answer.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_offices_own_map_file_replaces_the_bundled_one_on_the_pages_and_at_the_map_route()
    {
        var file = Path.Combine(Path.GetTempPath(), $"gaoxin-map-{Guid.NewGuid():N}.json");
        const string Square = "[[[119,38],[126,38],[126,44],[119,44],[119,38]]]";
        await File.WriteAllTextAsync(file, "{\"type\":\"FeatureCollection\",\"features\":[" +
            $"{{\"type\":\"Feature\",\"properties\":{{\"name\":\"审定市\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":{Square}}}}}]}}");
        try
        {
            await using var server = await RunningServer.StartAsync(store.Location, $"--Portal:MapFile={file}", "--Portal:MapApproval=辽S(2026)002号");

            Assert.Equal(await File.ReadAllBytesAsync(file), await server.Client.GetByteArrayAsync("/maps/province.json"));
            var html = await server.Client.GetStringAsync("/");
            Assert.Contains("data-chart=\"geo-map\"", html);
            Assert.Contains("审图号 辽S(2026)002号", html);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task With_an_approval_number_the_map_shows_it_instead_of_the_schematic_note()
    {
        await using var server = await RunningServer.StartAsync(store.Location, "--Portal:MapApproval=辽S(2026)001号");

        var html = await server.Client.GetStringAsync("/");

        Assert.Contains("审图号 辽S(2026)001号", html);
        Assert.DoesNotContain("id=\"map-schematic\"", html);
    }

    [Fact]
    public async Task No_open_dataset_holds_a_draft_figure_an_unpublished_run_or_an_unapproved_item()
    {
        var catalog = await _server.Client.GetFromJsonAsync<JsonElement>("/api/open");
        var downloads = catalog.GetProperty("datasets").EnumerateArray()
            .SelectMany(d => d.GetProperty("downloads").EnumerateObject().Select(p => p.Value.GetString()!)).ToList();

        Assert.Equal(11, downloads.Count); // zones 2, figures 3, indicators 2, evaluations 2, registries 2
        foreach (var url in downloads)
        {
            var body = await PageAsync(url);
            Assert.DoesNotContain("777777", body);
            Assert.DoesNotContain("2021", body.Replace("2021-", "")); // no 2021 figures (dates of 2021 would be registry dates)
            Assert.DoesNotContain(PendingItem, body);
        }
        var evaluations = await _server.Client.GetFromJsonAsync<JsonElement[]>("/api/open/evaluations.json");
        Assert.NotEmpty(evaluations!);
        Assert.All(evaluations!, e => Assert.Equal(2019, e.GetProperty("year").GetInt32()));
        Assert.Equal(15, evaluations!.Select(e => e.GetProperty("zone").GetString()).Distinct().Count());
        var figures = await _server.Client.GetFromJsonAsync<JsonElement[]>("/api/open/figures.json");
        var gdp = figures!.Single(f => f.GetProperty("zone").GetString() == "shenyang" && f.GetProperty("year").GetInt32() == 2019 && f.GetProperty("indicator").GetString() == "gdp");
        Assert.Equal(await ApprovedGdp2019Async(), gdp.GetProperty("value").GetDecimal());
        Assert.Equal("亿元", gdp.GetProperty("unit").GetString());
        Assert.Contains("api-terms", await PageAsync("/open-data"));
    }

    [Fact]
    public async Task The_figures_in_json_stat_are_a_valid_dataset_zone_by_year_by_indicator()
    {
        var doc = await _server.Client.GetFromJsonAsync<JsonElement>("/api/open/figures.jsonstat");

        Assert.Equal("2.0", doc.GetProperty("version").GetString());
        Assert.Equal("dataset", doc.GetProperty("class").GetString());
        Assert.Equal(["zone", "year", "indicator"], doc.GetProperty("id").EnumerateArray().Select(i => i.GetString()));
        var size = doc.GetProperty("size").EnumerateArray().Select(s => s.GetInt32()).ToArray();
        var values = doc.GetProperty("value");
        Assert.Equal(size.Aggregate(1, (a, b) => a * b), values.GetArrayLength());
        var dims = doc.GetProperty("dimension");
        int Index(string dim, string id) => dims.GetProperty(dim).GetProperty("category").GetProperty("index").GetProperty(id).GetInt32();
        for (var d = 0; d < 3; d++)
            Assert.Equal(size[d], dims.GetProperty(new[] { "zone", "year", "indicator" }[d]).GetProperty("category").GetProperty("index").EnumerateObject().Count());
        // The demo's approved years are 2016–2020; 2021 is only a draft.
        Assert.Equal(["2016", "2017", "2018", "2019", "2020"], dims.GetProperty("year").GetProperty("category").GetProperty("index").EnumerateObject().Select(p => p.Name));
        // Row-major: the last dimension varies fastest.
        var at = (Index("zone", "shenyang") * size[1] + Index("year", "2019")) * size[2] + Index("indicator", "gdp");
        Assert.Equal(await ApprovedGdp2019Async(), values[at].GetDecimal());
        Assert.Equal("亿元", dims.GetProperty("indicator").GetProperty("category").GetProperty("unit").GetProperty("gdp").GetProperty("label").GetString());
    }

    [Fact]
    public async Task Any_origin_may_read_the_open_api_with_get_and_its_preflight_allows_get_only()
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/open/zones.json");
        get.Headers.Add("Origin", "https://elsewhere.example");
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/open/figures.csv");
        preflight.Headers.Add("Origin", "https://elsewhere.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");

        using var answer = await _server.Client.SendAsync(get);
        using var allowed = await _server.Client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.True(allowed.IsSuccessStatusCode, allowed.StatusCode.ToString());
        Assert.Equal("*", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("GET", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single());
        // The rest of the API stays same-origin.
        using var zones = new HttpRequestMessage(HttpMethod.Get, "/api/zones");
        zones.Headers.Add("Origin", "https://elsewhere.example");
        Assert.False((await _server.Client.SendAsync(zones)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Past_the_configured_limit_the_open_api_answers_429_with_retry_after()
    {
        await using var server = await RunningServer.StartAsync(store.Location, "--OpenData:PermitLimit=3", "--OpenData:WindowSeconds=60");

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++) answers.Add(await server.Client.GetAsync("/api/open/zones.json"));

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3].StatusCode);
        Assert.InRange(int.Parse(answers[3].Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/api/zones")).StatusCode);
        Assert.Contains("每 60 秒最多 3 次请求", await server.Client.GetStringAsync("/open-data"));
        foreach (var a in answers) a.Dispose();
    }
}

public sealed class ZonePortalSpecOnSqlite() : ZonePortalSpec(new SqliteTestStore());

public sealed class ZonePortalSpecOnPostgres() : ZonePortalSpec(new PostgresTestStore());
