using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gaoxin.Data;
using Gaoxin.Tests.Support;

namespace Gaoxin.Tests;

/// <summary>
/// The server keeps the zone list, the plan and evaluation responses between requests (W6); a change made through the
/// CLI — another process in production, the same store here — shows on the very next request, on both providers.
/// </summary>
public abstract class ReadCacheSpec(ITestStore store) : IAsyncLifetime
{
    private RunningServer _server = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync()
    {
        var seeded = await Cli("demo", "seed");
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        _server = await RunningServer.StartAsync(store.Location);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    private async Task<Dictionary<string, JsonElement>> ZonesAsync() =>
        JsonDocument.Parse(await Client.GetStringAsync("/api/zones")).RootElement.EnumerateArray()
            .ToDictionary(z => z.GetProperty("code").GetString()!, z => z.Clone());

    [Fact]
    public async Task A_zone_event_recorded_through_the_cli_shows_in_the_list_and_on_the_page_at_once()
    {
        var code = (await ZonesAsync()).First(z => z.Value.GetProperty("level").GetString() == "provincial").Key;
        var pageBefore = await Client.GetStringAsync($"/zones/{code}");

        var recorded = await Cli("zones", "record", code, "--event", "promoted", "--date", "2025-06-01", "--act", "promotion-act-2025");

        Assert.True(recorded.ExitCode == 0, recorded.Error);
        Assert.DoesNotContain("promotion-act-2025", pageBefore);
        Assert.Equal("national", (await ZonesAsync())[code].GetProperty("level").GetString());
        Assert.Contains("promotion-act-2025", await Client.GetStringAsync($"/zones/{code}"));
    }

    [Fact]
    public async Task A_run_published_through_the_cli_is_served_at_once_with_its_yellow_cards_in_the_zone_list()
    {
        var table = await Cli("evaluate", "--year", "2019");
        var runId = System.Text.RegularExpressions.Regex.Match(table.Output, @"Run (\d+) recorded").Groups[1].Value;
        var unpublished = await Client.GetAsync("/api/evaluations/2019");
        var statusesBefore = (await ZonesAsync()).ToDictionary(z => z.Key, z => z.Value.GetProperty("status").GetString());

        var published = await Cli("evaluate", "publish", runId);
        var ranking = JsonDocument.Parse(await Client.GetStringAsync("/api/evaluations/2019")).RootElement;
        var statusesAfter = (await ZonesAsync()).ToDictionary(z => z.Key, z => z.Value.GetProperty("status").GetString());

        Assert.Equal(0, published.ExitCode);
        Assert.Equal(HttpStatusCode.NotFound, unpublished.StatusCode);
        Assert.Equal(15, ranking.GetProperty("zones").GetArrayLength());
        var carded = ranking.GetProperty("zones").EnumerateArray()
            .Where(z => z.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "yellow_card"))
            .Select(z => z.GetProperty("zone").GetString()!).ToList();
        Assert.NotEmpty(carded);
        Assert.All(carded, zone => Assert.Equal("active", statusesBefore[zone]));
        Assert.All(carded, zone => Assert.Equal("yellow_card", statusesAfter[zone]));
    }

    [Fact]
    public async Task A_registry_item_approved_through_the_api_shows_on_the_zone_page_at_once()
    {
        const string Name = "工业互联网产业技术创新联盟";
        Assert.Equal(0, (await Cli("users", "add", "--email", "office@example.org", "--role", "admin", "--password", "Gaoxin-Test-1")).ExitCode);
        Assert.Equal(0, (await Cli("users", "add", "--email", "sy@example.org", "--role", "zone_operator", "--zone", "shenyang", "--password", "Gaoxin-Test-1")).ExitCode);
        using var office = await _server.TokenClientAsync(store, "office@example.org");
        using var shenyang = await _server.TokenClientAsync(store, "sy@example.org");
        var before = await Client.GetStringAsync("/zones/shenyang");

        var added = await shenyang.PostAsJsonAsync("/api/registries/alliance", new { name = Name, zone = "shenyang", founded = "2018-05-20" });
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var pending = await Client.GetStringAsync("/zones/shenyang");
        var approved = await office.PostAsync($"/api/registries/items/{id}/approve", null);
        var after = await Client.GetStringAsync("/zones/shenyang");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, approved.StatusCode);
        Assert.DoesNotContain(Name, before);
        Assert.DoesNotContain(Name, pending);
        Assert.Contains(Name, after);
    }

    [Fact]
    public async Task A_reported_value_approved_through_the_cli_shows_in_the_zone_pages_counts_at_once()
    {
        var before = await Client.GetStringAsync("/zones/shenyang?countsYear=2020");
        var file = Path.Combine(Path.GetTempPath(), $"gaoxin-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "zone,year,element,value\nshenyang,2020,maker_spaces,987\n");

        var import = await Cli("data", "import", file, "--approve");
        File.Delete(file);
        var after = await Client.GetStringAsync("/zones/shenyang?countsYear=2020");

        Assert.True(import.ExitCode == 0, import.Output + import.Error);
        Assert.DoesNotContain(">987<", before);
        Assert.Contains(">987<", after);
    }

    [Fact]
    public async Task A_value_approved_through_the_cli_moves_the_kept_plan_progress_and_the_cached_monitoring_page_at_once()
    {
        const string progressUrl = "/api/plans/liaoning-2017-2020/progress?year=2020";
        var progressBefore = await Client.GetStringAsync(progressUrl);
        var pageBefore = await Client.GetStringAsync("/monitoring?year=2020");
        var file = Path.Combine(Path.GetTempPath(), $"gaoxin-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "zone,year,element,value\nshenyang,2020,rd_expenditure,1\n");

        var import = await Cli("data", "import", file, "--approve");
        File.Delete(file);
        var progressAfter = await Client.GetStringAsync(progressUrl);
        var pageAfter = await Client.GetStringAsync("/monitoring?year=2020");
        // A server started now keeps nothing yet: what it answers is the progress computed afresh.
        await using var fresh = await RunningServer.StartAsync(store.Location);
        var progressFresh = await fresh.Client.GetStringAsync(progressUrl);

        Assert.True(import.ExitCode == 0, import.Output + import.Error);
        Assert.NotEqual(progressBefore, progressAfter);
        Assert.Equal(progressFresh, progressAfter);
        Assert.NotEqual(pageBefore, pageAfter);
        Assert.Equal(pageAfter, await fresh.Client.GetStringAsync("/monitoring?year=2020"));
    }

    private static string ReturnsFile(params string[] rows)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("gaoxin-returns-").FullName, "returns.csv");
        File.WriteAllText(path, string.Join("\n", rows.Prepend(string.Join(",", Data.Enterprises.EnterpriseImport.Columns))) + "\n");
        return path;
    }

    [Fact]
    public async Task Enterprise_returns_imported_through_the_cli_show_on_the_cached_zone_page_at_once()
    {
        // Three enterprises of 沈阳 report for 2020, two of them high-tech (is_hte = 1): the zone's 2020 sums are
        // 3 enterprises, 2 high-tech enterprises (the aggregates count returns per zone-year).
        var file = ReturnsFile(
            $"{TestCreditCodes.Make(11)},沈阳甲公司,shenyang,2020,2012-03-01,C39,1,1200,120,30,80,90,600,500,100,0,,0",
            $"{TestCreditCodes.Make(12)},沈阳乙公司,shenyang,2020,2015-07-15,I65,0,3000,200,20,10,12,,400,,500,,0",
            $"{TestCreditCodes.Make(13)},沈阳丙公司,shenyang,2020,2016-01-04,C35,1,800,50,10,40,41,700,300,200,0,,0");
        var before = await Client.GetStringAsync("/zones/shenyang?countsYear=2020");

        var import = await Cli("enterprises", "import", file);
        var after = await Client.GetStringAsync("/zones/shenyang?countsYear=2020");

        Assert.True(import.ExitCode == 0, import.Output + import.Error);
        Assert.DoesNotContain("id=\"enterprise-counts\"", before);
        Assert.Contains("<span data-element=\"enterprise_count\">3</span>", after);
        Assert.Contains("<span data-element=\"hte_count\">2</span>", after);
    }

    [Fact]
    public async Task Rebuilding_the_enterprise_aggregates_through_the_cli_raises_the_store_version()
    {
        var imported = await Cli("enterprises", "import", ReturnsFile(
            $"{TestCreditCodes.Make(21)},大连甲公司,dalian,2019,2012-03-01,C39,1,1200,120,30,80,90,600,500,100,0,,0"));
        var versions = new ReadCache(store.Location);
        var before = await versions.VersionAsync(CancellationToken.None);

        var rebuilt = await Cli("enterprises", "aggregate");
        var after = await versions.VersionAsync(CancellationToken.None);

        Assert.True(imported.ExitCode == 0, imported.Output + imported.Error);
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Output + rebuilt.Error);
        Assert.True(after > before, $"store version {before} → {after}");
    }

    [Fact]
    public async Task A_cached_anonymous_zone_page_is_kept_apart_per_language_and_never_served_to_a_signed_in_user()
    {
        Assert.Equal(0, (await Cli("users", "add", "--email", "office@example.org", "--role", "admin", "--password", "Gaoxin-Test-1")).ExitCode);
        var chinese = await Client.GetStringAsync("/zones/dalian");
        using var english = TestHttp.Client(_server.Address);
        english.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        using var session = new PageSession(_server.Address);
        await session.SignInAsync("office@example.org", "Gaoxin-Test-1");

        var englishPage = await english.GetStringAsync("/zones/dalian");
        var signedIn = await session.GetStringAsync("/zones/dalian");
        var chineseAgain = await Client.GetStringAsync("/zones/dalian");

        Assert.Contains("<html lang=\"zh", chinese);
        Assert.Contains("<html lang=\"en", englishPage);
        Assert.Contains("office@example.org", signedIn);
        Assert.DoesNotContain("office@example.org", chineseAgain);
        Assert.Equal(chinese, chineseAgain);
    }

    [Fact]
    public async Task A_plan_loaded_through_the_cli_shows_on_the_zone_page_at_once()
    {
        const string Title = "大连高新区试行“大部制”";
        const string Revised = "大连高新区试行“大部制”(修订)";
        var before = await Client.GetStringAsync("/zones/dalian");
        var folder = Directory.CreateTempSubdirectory("gaoxin-plan-").FullName;
        File.Copy(Path.Combine(GaoxinDatabase.BundledPlansDirectory, "liaoning-2017-2020.txt"), Path.Combine(folder, "liaoning-2017-2020.txt"));
        var yaml = await File.ReadAllTextAsync(Path.Combine(GaoxinDatabase.BundledPlansDirectory, "liaoning-2017-2020.yaml"));
        var path = Path.Combine(folder, "liaoning-2017-2020.yaml");
        await File.WriteAllTextAsync(path, yaml.Replace($"title: \"{Title}\"", $"title: \"{Revised}\"", StringComparison.Ordinal));

        var loaded = await Cli("plan", "load", path);
        var after = await Client.GetStringAsync("/zones/dalian");

        Assert.True(loaded.ExitCode == 0, loaded.Error);
        Assert.Contains(Title, before);
        Assert.DoesNotContain(Revised, before);
        Assert.Contains(Revised, after);
    }
}

public sealed class ReadCacheOnSqlite() : ReadCacheSpec(new SqliteTestStore());

public sealed class ReadCacheOnPostgres() : ReadCacheSpec(new PostgresTestStore());
