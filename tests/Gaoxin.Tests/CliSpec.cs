using System.Text.Json;
using Gaoxin.Data;
using Gaoxin.Data.Plans;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>The command line against a fresh database of each provider.</summary>
public abstract class CliSpec(ITestStore store) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await store.DisposeAsync();

    private Task<CliResult> Run(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    private static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    /// <summary>Copies the bundled plan into a scratch folder with one text replaced, to make a bad file.</summary>
    private static string BrokenPlan(string find, string replace)
    {
        var folder = Directory.CreateTempSubdirectory("gaoxin-plan-").FullName;
        var bundled = GaoxinDatabase.BundledPlansDirectory;
        File.Copy(Path.Combine(bundled, "liaoning-2017-2020.txt"), Path.Combine(folder, "liaoning-2017-2020.txt"));
        var yaml = File.ReadAllText(Path.Combine(bundled, "liaoning-2017-2020.yaml"));
        Assert.Contains(find, yaml);
        var path = Path.Combine(folder, "broken.yaml");
        File.WriteAllText(path, ReplaceFirst(yaml, find, replace));
        return path;
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return text[..at] + replace + text[(at + find.Length)..];
    }

    private async Task<(int Plans, int Targets, int Zones, int Events)> CountRowsAsync()
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        return (await db.Plans.CountAsync(), await db.Targets.CountAsync(), await db.Zones.CountAsync(), await db.ZoneEvents.CountAsync());
    }

    [Fact]
    public async Task Any_verb_on_a_new_database_creates_it_and_loads_the_bundled_plan()
    {
        var result = await Run("zones", "list", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var zones = JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToList();
        Assert.Equal(15, zones.Count);
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Zones_list_gives_each_zone_its_level_and_governance_from_the_plan()
    {
        var result = await Run("zones", "list", "--format", "json");

        var zones = JsonDocument.Parse(result.Output).RootElement.EnumerateArray()
            .ToDictionary(z => z.GetProperty("code").GetString()!, z => (z.GetProperty("level").GetString()!, z.GetProperty("governance").GetString()!));
        Assert.Equal(LiaoningPlanFacts.Zones.OrderBy(z => z.Key), zones.OrderBy(z => z.Key));
    }

    [Fact]
    public async Task Plan_show_json_carries_every_baseline_of_the_plan_with_its_quote()
    {
        var plan = await ShowPlanAsync();

        var baselines = plan.GetProperty("baselines").EnumerateArray().ToDictionary(b => b.GetProperty("id").GetString()!);
        Assert.Equal(LiaoningPlanFacts.Baselines.Select(b => b.Id).Order(), baselines.Keys.Order());
        foreach (var expected in LiaoningPlanFacts.Baselines)
        {
            var actual = baselines[expected.Id];
            Assert.Equal(expected.Value, actual.GetProperty("value").GetDecimal());
            Assert.Equal(expected.Unit, actual.GetProperty("unit").GetString());
            Assert.Equal(2016, actual.GetProperty("year").GetInt32());
            var quote = actual.GetProperty("source").GetProperty("quote").GetString()!;
            Assert.True(quote.Contains(expected.Words), $"{expected.Id}: quote '{quote}' lacks '{expected.Words}'");
            Assert.Contains(quote, PlanText);
        }
    }

    [Fact]
    public async Task Plan_show_json_carries_every_target_of_the_plan_with_its_quote()
    {
        var plan = await ShowPlanAsync();

        var targets = plan.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        Assert.Equal(LiaoningPlanFacts.Targets.Select(t => t.Id).Order(), targets.Keys.Order());
        foreach (var expected in LiaoningPlanFacts.Targets)
        {
            var actual = targets[expected.Id];
            var goal = actual.GetProperty("target");
            Assert.Equal(expected.Value, goal.GetProperty("value").GetDecimal());
            Assert.Equal(expected.Max, goal.GetProperty("max").ValueKind == JsonValueKind.Null ? null : goal.GetProperty("max").GetDecimal());
            Assert.Equal(2020, goal.GetProperty("year").GetInt32());
            Assert.True(expected.Comparator == goal.GetProperty("comparator").GetString(), $"{expected.Id}: comparator");
            Assert.Equal(expected.Unit, actual.GetProperty("unit").GetString());
            var quote = actual.GetProperty("source").GetProperty("quote").GetString()!;
            Assert.True(quote.Contains(expected.Words), $"{expected.Id}: quote '{quote}' lacks '{expected.Words}'");
            Assert.Contains(quote, PlanText);
        }
    }

    [Fact]
    public async Task Plan_show_json_links_a_target_to_its_baseline_value_and_year()
    {
        var plan = await ShowPlanAsync();

        var hteShare = plan.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "hte_share");
        Assert.Equal(30m, hteShare.GetProperty("baseline").GetProperty("value").GetDecimal());
        Assert.Equal(2016, hteShare.GetProperty("baseline").GetProperty("year").GetInt32());
        var rd = plan.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "rd_intensity");
        Assert.Equal(JsonValueKind.Null, rd.GetProperty("baseline").ValueKind);
        Assert.Equal("liaoning-2017-2020", plan.GetProperty("id").GetString());
        Assert.Equal(2016, plan.GetProperty("baseYear").GetInt32());
        Assert.Equal(2020, plan.GetProperty("targetYear").GetInt32());
        var shenyang = plan.GetProperty("zones").EnumerateArray().First();
        Assert.Equal(["code", "name", "nameEn", "level", "governance", "leadingIndustries"],
            new[] { "code", "name", "nameEn", "level", "governance", "leadingIndustries" }.Where(p => shenyang.TryGetProperty(p, out _)));
    }

    [Fact]
    public async Task Plan_show_table_prints_the_targets()
    {
        var result = await Run("plan", "show");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("rd_intensity", result.Output);
        Assert.Contains("≥ 2.8 %", result.Output);
    }

    [Fact]
    public async Task A_malformed_plan_file_fails_with_file_line_and_field_and_writes_nothing()
    {
        await Run("zones", "list");
        var before = await CountRowsAsync();
        var cases = new[]
        {
            (BrokenPlan("    unit: \"家\"\n", ""), "missing_field", ".unit"),
            (BrokenPlan("value: 272", "value: many"), "wrong_type", "baselines[6].value"),
            (BrokenPlan("研发机构272家", "研发机构273家"), "quote_not_found", "baselines[6].source.quote"),
        };

        foreach (var (file, code, field) in cases)
        {
            var result = await Run("plan", "show", "--plan", file, "--format", "json");

            Assert.NotEqual(0, result.ExitCode);
            Assert.Equal("", result.Output);
            var line = result.Error.Split('\n').First(l => l.Contains(code));
            Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(file)}:\d+:\d+: ", line);
            Assert.Contains(field, line);
        }
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task A_malformed_plan_file_is_not_stored_by_plan_load_either()
    {
        await Run("zones", "list");
        var before = await CountRowsAsync();

        var result = await Run("plan", "load", BrokenPlan("level: national", "level: imperial"));

        Assert.Equal(Cli.InvalidInput, result.ExitCode);
        Assert.Contains("zones[0].level", result.Error);
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task A_second_plan_is_added_as_a_second_file()
    {
        var load = await Run("plan", "load", TestData("shenda-2018-2020.yaml"));
        var list = await Run("plan", "list", "--format", "json");
        var show = await Run("plan", "show", "--plan", "shenda-2018-2020", "--format", "json");

        Assert.Equal(0, load.ExitCode);
        Assert.Equal(["liaoning-2017-2020", "shenda-2018-2020"],
            JsonDocument.Parse(list.Output).RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        var plan = JsonDocument.Parse(show.Output).RootElement;
        Assert.Equal(["shenyang", "dalian"], plan.GetProperty("zones").EnumerateArray().Select(z => z.GetProperty("code").GetString()));
        Assert.Equal(15, JsonDocument.Parse((await Run("zones", "list", "--format", "json")).Output).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Loading_the_same_plan_twice_changes_nothing()
    {
        var bundled = Path.Combine(GaoxinDatabase.BundledPlansDirectory, "liaoning-2017-2020.yaml");
        await Run("zones", "list");
        var before = await CountRowsAsync();

        var result = await Run("plan", "load", bundled);

        Assert.Contains("nothing changed", result.Output);
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task Zone_history_records_promotion_yellow_card_and_a_new_county_zone_with_their_acts()
    {
        var promote = await Run("zones", "record", "fushun", "--event", "promoted", "--date", "2018-03-01", "--act", "国函〔2018〕号");
        var warn = await Run("zones", "record", "tieling", "--event", "yellow_card", "--date", "2019-05-10", "--act", "2018年度考核通报");
        var create = await Run("zones", "record", "faku", "--event", "established", "--date", "2019-12-01", "--act", "辽政函〔2019〕号",
            "--level", "provincial", "--name", "法库高新区", "--name-en", "Faku High-tech Zone", "--city", "沈阳市", "--county", "法库县");
        var refused = await Run("zones", "record", "shenyang", "--event", "promoted", "--date", "2019-01-01", "--act", "x");

        Assert.Equal((0, 0, 0), (promote.ExitCode, warn.ExitCode, create.ExitCode));
        Assert.Equal(Cli.InvalidInput, refused.ExitCode);
        Assert.Contains("already_national", refused.Error);
        var zones = JsonDocument.Parse((await Run("zones", "list", "--format", "json")).Output).RootElement.EnumerateArray()
            .ToDictionary(z => z.GetProperty("code").GetString()!, z => (z.GetProperty("level").GetString(), z.GetProperty("status").GetString()));
        Assert.Equal(16, zones.Count);
        Assert.Equal(("national", "active"), zones["fushun"]);
        Assert.Equal(("provincial", "yellow_card"), zones["tieling"]);
        Assert.Equal(("provincial", "active"), zones["faku"]);
        var fushun = JsonDocument.Parse((await Run("zones", "show", "fushun", "--format", "json")).Output).RootElement;
        var years = fushun.GetProperty("years").EnumerateArray().ToDictionary(y => y.GetProperty("year").GetInt32(), y => y.GetProperty("level").GetString());
        Assert.Equal("provincial", years[2017]);
        Assert.Equal("national", years[2018]);
        Assert.Equal("国函〔2018〕号", fushun.GetProperty("history").EnumerateArray().Last().GetProperty("act").GetString());
    }

    private static readonly string PlanText = File.ReadAllText(Path.Combine(GaoxinDatabase.BundledPlansDirectory, "liaoning-2017-2020.txt"));

    private async Task<JsonElement> ShowPlanAsync()
    {
        var result = await Run("plan", "show", "--format", "json");
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output).RootElement;
    }

    [Fact]
    public async Task Zones_import_registers_new_zones_all_or_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("gaoxin-zones-").FullName;
        var good = Path.Combine(folder, "zones.csv");
        await File.WriteAllTextAsync(good, "code,name,level,province\nz001,北京高新技术产业开发区,national,北京市\nz002,天津高新技术产业开发区,provincial,天津市\n");
        var bad = Path.Combine(folder, "bad.csv");
        await File.WriteAllTextAsync(bad, "code,name,level\nz003,甲高新区,national\nz004,乙高新区,county\nshenyang,沈阳高新区,national\n");

        var refused = await Run("zones", "import", bad, "--date", "2000-01-01", "--act", "test");
        var afterRefused = await Run("zones", "show", "z003");
        var imported = await Run("zones", "import", good, "--date", "2000-01-01", "--act", "test");
        var list = await Run("zones", "list", "--format", "json");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("bad.csv:3:level", refused.Error);
        Assert.Equal(3, afterRefused.ExitCode);
        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("z001", list.Output);
        Assert.Contains("天津高新技术产业开发区", list.Output);
        var again = await Run("zones", "import", good, "--date", "2001-01-01", "--act", "test");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("zone_exists", again.Error);
    }

    private async Task<JsonElement> ZoneAsync(string code)
    {
        var shown = await Run("zones", "show", code, "--format", "json");
        Assert.True(shown.ExitCode == 0, shown.Error);
        return JsonDocument.Parse(shown.Output).RootElement.GetProperty("zone");
    }

    [Fact]
    public async Task Zones_import_reads_a_quoted_field_that_holds_a_comma_as_one_field()
    {
        // RFC 4180: a field in double quotes may hold the delimiter; the row has five fields, not six.
        var file = Path.Combine(Directory.CreateTempSubdirectory("gaoxin-zones-").FullName, "zones.csv");
        await File.WriteAllTextAsync(file, "code,name,level,name_en,city\nz010,甲高新区,provincial,\"Jia Zone, Phase II\",甲市\n");

        var imported = await Run("zones", "import", file, "--date", "2000-01-01", "--act", "test");
        var zone = await ZoneAsync("z010");

        Assert.True(imported.ExitCode == 0, imported.Error);
        Assert.Equal("Jia Zone, Phase II", zone.GetProperty("nameEn").GetString());
        Assert.Equal("甲市", zone.GetProperty("city").GetString());
    }

    [Fact]
    public async Task Zones_import_reads_a_GB18030_file_as_Excel_in_Chinese_saves_it()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("gaoxin-zones-").FullName, "zones.csv");
        await File.WriteAllBytesAsync(file, Gaoxin.Data.Collection.CsvText.Gb18030.GetBytes(
            "code,name,level,city\r\nz011,鞍山高新技术产业开发区,national,鞍山市\r\n"));

        var imported = await Run("zones", "import", file, "--date", "2000-01-01", "--act", "test");
        var zone = await ZoneAsync("z011");

        Assert.True(imported.ExitCode == 0, imported.Error);
        Assert.Equal("鞍山高新技术产业开发区", zone.GetProperty("name").GetString());
        Assert.Equal("鞍山市", zone.GetProperty("city").GetString());
    }
}

public sealed class CliOnSqlite() : CliSpec(new SqliteTestStore());

public sealed class CliOnPostgres() : CliSpec(new PostgresTestStore());
