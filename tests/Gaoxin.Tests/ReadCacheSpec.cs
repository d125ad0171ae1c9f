using System.Net;
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
