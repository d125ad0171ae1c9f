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
    public async Task A_cached_anonymous_zone_page_is_kept_apart_per_language_and_never_served_to_a_signed_in_user()
    {
        Assert.Equal(0, (await Cli("users", "add", "--email", "office@example.org", "--role", "admin", "--password", "Gaoxin-Test-1")).ExitCode);
        var chinese = await Client.GetStringAsync("/zones/dalian");
        using var english = new HttpClient { BaseAddress = _server.Address };
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
