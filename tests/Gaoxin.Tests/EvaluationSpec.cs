using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ClosedXML.Excel;
using Gaoxin.Data;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>The annual evaluation through the CLI, the API and the bulletin, on the demo figures, against both providers.</summary>
public abstract class EvaluationSpec(ITestStore store) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        var seeded = await Cli("demo", "seed");
        Assert.True(seeded.ExitCode == 0, seeded.Error);
    }

    public async Task DisposeAsync() => await store.DisposeAsync();

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    private async Task<JsonElement> EvaluateAsync(params string[] extra)
    {
        var result = await Cli(["evaluate", "--year", "2019", "--format", "json", .. extra]);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output).RootElement;
    }

    [Fact]
    public async Task Evaluate_prints_the_full_result_for_every_zone_and_the_same_command_prints_the_same()
    {
        var first = await Cli("evaluate", "--year", "2019", "--sensitivity", "1000", "--seed", "7", "--format", "json");
        var second = await Cli("evaluate", "--year", "2019", "--sensitivity", "1000", "--seed", "7", "--format", "json");

        Assert.Equal(first.Output, second.Output);
        var result = JsonDocument.Parse(first.Output).RootElement;
        Assert.Equal((2019, "liaoning-2017-default"), (result.GetProperty("year").GetInt32(), result.GetProperty("model").GetString()));
        var zones = result.GetProperty("zones").EnumerateArray().ToList();
        Assert.Equal(15, zones.Count);
        Assert.Equal(8, zones.Count(z => z.GetProperty("group").GetString() == "national"));
        foreach (var zone in zones)
        {
            Assert.Equal(4, zone.GetProperty("dimensions").EnumerateObject().Count());
            Assert.Equal(16, zone.GetProperty("indicators").EnumerateObject().Count());
            Assert.Contains(zone.GetProperty("grade").GetString(), new[] { "excellent", "good", "pass", "fail" });
            var interval = zone.GetProperty("rankInterval");
            Assert.InRange(interval.GetProperty("p5").GetInt32(), 1, interval.GetProperty("p95").GetInt32());
            Assert.InRange(interval.GetProperty("lastShare").GetDecimal(), 0m, 1m);
        }
        Assert.Contains(zones, z => z.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "last_place"));
    }

    [Fact]
    public async Task With_the_perturbation_off_every_interval_is_the_nominal_rank()
    {
        var result = await EvaluateAsync("--sensitivity", "200", "--seed", "3", "--spread", "0", "--fixed-normalisation");

        foreach (var zone in result.GetProperty("zones").EnumerateArray())
        {
            var rank = zone.GetProperty("rank").GetInt32();
            var interval = zone.GetProperty("rankInterval");
            Assert.Equal((rank, rank, (decimal)rank), (interval.GetProperty("p5").GetInt32(), interval.GetProperty("p95").GetInt32(), interval.GetProperty("median").GetDecimal()));
        }
    }

    [Fact]
    public async Task Without_sensitivity_there_is_no_interval()
    {
        var result = await EvaluateAsync();

        Assert.All(result.GetProperty("zones").EnumerateArray(), z => Assert.False(z.TryGetProperty("rankInterval", out _)));
    }

    [Fact]
    public async Task Publishing_a_run_freezes_it_and_records_the_yellow_cards_in_the_zone_history()
    {
        var table = await Cli("evaluate", "--year", "2019");
        var runId = System.Text.RegularExpressions.Regex.Match(table.Output, @"Run (\d+) recorded").Groups[1].Value;
        var failing = (await EvaluateAsync()).GetProperty("zones").EnumerateArray()
            .Where(z => z.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "yellow_card"))
            .Select(z => z.GetProperty("zone").GetString()!).Order().ToList();

        var published = await Cli("evaluate", "publish", runId);
        var again = await Cli("evaluate", "publish", runId);

        Assert.Equal(0, published.ExitCode);
        Assert.NotEqual(0, again.ExitCode);
        Assert.NotEmpty(failing);
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var carded = await db.ZoneEvents.Where(e => e.Kind == Core.Zones.ZoneEventKind.YellowCard).Select(e => e.ZoneCode).ToListAsync();
        Assert.Equal(failing, carded.Order());
        var run = await db.EvaluationRuns.SingleAsync(r => r.Id == long.Parse(runId));
        Assert.NotNull(run.PublishedAt);
        Assert.True(run.UsesDemoData);
        Assert.Contains("shenyang/2019/1", run.Snapshot);
    }

    [Fact]
    public async Task Weights_show_the_effective_weight_of_each_indicator_and_derive_entropy_and_ahp_weights()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        var consistent = Path.Combine(folder, "ok.csv");
        var inconsistent = Path.Combine(folder, "bad.csv");
        // Development twice as important as the rest, consistently (CR = 0).
        await File.WriteAllTextAsync(consistent, "1,2,2,2\n1/2,1,1,1\n1/2,1,1,1\n1/2,1,1,1\n");
        // A prefers B, B prefers C, C prefers A — strongly: refused.
        await File.WriteAllTextAsync(inconsistent, "1,9,1/9,1\n1/9,1,9,1\n9,1/9,1,1\n1,1,1,1\n");

        var plain = await Cli("evaluate", "weights", "--format", "json", "--entropy-year", "2019", "--ahp", consistent);
        var refused = await Cli("evaluate", "weights", "--ahp", inconsistent);

        Assert.True(plain.ExitCode == 0, plain.Error);
        var json = JsonDocument.Parse(plain.Output).RootElement;
        var effective = json.GetProperty("effective").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal());
        Assert.Equal(16, effective.Count);
        Assert.All(effective.Values, w => Assert.Equal(0.0625m, w));
        Assert.Equal(1m, Math.Round(json.GetProperty("entropy").EnumerateObject().Sum(p => p.Value.GetDecimal()), 10));
        var ahp = json.GetProperty("ahp");
        Assert.Equal(0.4m, Math.Round(ahp.GetProperty("weights").GetProperty("development").GetDecimal(), 6));
        Assert.Equal(0m, Math.Round(ahp.GetProperty("consistencyRatio").GetDecimal(), 6));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("CR = ", refused.Error);
    }

    [Fact]
    public async Task The_api_shows_a_year_only_once_it_is_published_and_the_bulletin_opens_in_excel()
    {
        await using var server = await RunningServer.StartAsync(store.Location);
        var table = await Cli("evaluate", "--year", "2019", "--sensitivity", "100", "--seed", "7");
        var runId = System.Text.RegularExpressions.Regex.Match(table.Output, @"Run (\d+) recorded").Groups[1].Value;

        var before = await server.Client.GetAsync("/api/evaluations/2019");
        await Cli("evaluate", "publish", runId);
        var after = JsonDocument.Parse(await server.Client.GetStringAsync("/api/evaluations/2019")).RootElement;
        var workbook = await server.Client.GetByteArrayAsync("/evaluation/2019/bulletin.xlsx");
        var page = await server.Client.GetStringAsync("/evaluation/2019/bulletin");

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(15, after.GetProperty("zones").GetArrayLength());
        using var excel = new XLWorkbook(new MemoryStream(workbook));
        Assert.Equal(16, excel.Worksheet("排名 Ranking").RowsUsed().Count());
        Assert.Equal(15, excel.Worksheet("指标 Indicators").RowsUsed().Count() - 1);
        Assert.Contains("年度全省高新区综合评价考核结果的通报", page);
        var zone = await server.Client.GetStringAsync("/evaluation/2019/liaoyang");
        Assert.Equal(16, System.Text.RegularExpressions.Regex.Matches(zone, "<tr data-indicator=").Count);
        Assert.Contains("id=\"pass-line\"", zone);
        var models = await server.Client.GetStringAsync("/evaluation/models");
        Assert.Contains("id=\"model-liaoning-2017-default\"", models);
        Assert.Contains("6.25%", models);
        Assert.Contains("合成演示数据", page);
    }
}

public sealed class EvaluationOnSqlite() : EvaluationSpec(new SqliteTestStore());

public sealed class EvaluationOnPostgres() : EvaluationSpec(new PostgresTestStore());
