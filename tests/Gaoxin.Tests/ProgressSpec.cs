using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Gaoxin.Tests.Support;

namespace Gaoxin.Tests;

/// <summary>Plan monitoring on the demo figures, through the CLI and the API, against both providers.</summary>
public abstract class ProgressSpec(ITestStore store) : IAsyncLifetime
{
    public async Task InitializeAsync() => Assert.Equal(0, (await Cli("demo", "seed")).ExitCode);

    public async Task DisposeAsync() => await store.DisposeAsync();

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    private async Task<Dictionary<string, JsonElement>> ProgressAsync(int year)
    {
        var result = await Cli("plan", "progress", "--year", year.ToString(CultureInfo.InvariantCulture), "--format", "json");
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output).RootElement.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task Every_target_has_a_data_source_and_a_value_and_a_status_except_the_reserve_pool_ones_which_say_no_data()
    {
        var targets = await ProgressAsync(2020);

        Assert.Equal(LiaoningPlanFacts.Targets.Length, targets.Count);
        string[] measured = ["rd_intensity", "hte_share", "gdp_share", "zones_total", "zones_total_layout", "zones_upgraded_national", "zones_new_provincial",
            "provincial_to_national", "county_zones_promoted", "new_rd_centres", "new_carriers", "high_level_talents_new", "finance_institutions_per_zone",
            "new_alliances", "new_tri_platforms",
            // Counted from the registries (the demo registries fill them).
            "clusters_over_100bn", "clusters_over_50bn", "clusters_over_20bn", "alliance_projects", "incubated_startups", "fund_shenyang",
            "fund_anshan_count", "fund_anshan_total", "fund_fushun", "fund_dandong", "fund_jinzhou", "funds_per_zone", "high_level_teams",
            "dalian_talent_building", "liaoyang_talent_fund", "panjin_apartments",
            // Clusters, focus industries, project outcomes and leading talents from their registries; the doubling from the figures.
            "clusters_per_zone", "focus_industries_per_zone", "key_technologies", "new_products", "leading_talents", "hte_doubling"];
        // Counted from the reserve pool (后备库), which the demo does not fill: a data source, but no data yet.
        string[] noDataYet = ["hte_reserve_pool", "hte_trained", "hte_recognised"];
        foreach (var (id, target) in targets)
        {
            var status = target.GetProperty("status").GetString();
            if (measured.Contains(id))
            {
                Assert.Equal(JsonValueKind.Number, target.GetProperty("value").ValueKind);
                Assert.Contains(status, new[] { "achieved", "on_track", "at_risk", "off_track" });
            }
            else if (noDataYet.Contains(id))
            {
                Assert.Equal(("no_data", JsonValueKind.Null), (status, target.GetProperty("value").ValueKind));
            }
            else
            {
                Assert.Fail($"{id} is neither measured nor waiting for data ({status})");
            }
        }
        Assert.DoesNotContain(targets.Values, t => t.GetProperty("status").GetString() == "no_data_source");
    }

    [Fact]
    public async Task The_new_sources_give_each_zone_its_own_figure_and_the_each_zone_targets_the_weakest_zones()
    {
        var targets = await ProgressAsync(2020);
        Dictionary<string, decimal> Zones(string id) => targets[id].GetProperty("zones").EnumerateObject().ToDictionary(z => z.Name, z => z.Value.GetDecimal());

        // 每个高新区要重点建设1至2个创新型产业集群 / 聚焦1-2个战略性新兴产业: every zone has its figure; the province's is the smallest.
        foreach (var id in new[] { "clusters_per_zone", "focus_industries_per_zone" })
        {
            var zones = Zones(id);
            Assert.Equal(15, zones.Count);
            Assert.Equal(zones.Values.Min(), targets[id].GetProperty("value").GetDecimal());
            Assert.True(zones.Values.Min() >= 1, $"{id}: a zone without any");
        }
        // 攻克250项关键技术、研发400个新产品: the zones' outcomes since 2016 add up to the province's figure.
        foreach (var id in new[] { "key_technologies", "new_products" })
            Assert.Equal(Zones(id).Values.Sum(), targets[id].GetProperty("value").GetDecimal());
        // 依托国家级高新区引进……高端人才50人左右: the eight national zones only.
        var leading = Zones("leading_talents");
        Assert.Equal(["anshan", "benxi", "dalian", "fuxin", "jinzhou", "liaoyang", "shenyang", "yingkou"], leading.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(leading.Values.Sum(), targets["leading_talents"].GetProperty("value").GetDecimal());
        // 三年倍增: the zones' high-tech enterprises in 2020 over those of 2017.
        var export2020 = (await Cli("data", "export", "--year", "2020")).Output;
        var export2017 = (await Cli("data", "export", "--year", "2017")).Output;
        static decimal Hte(string csv) => csv.Trim().Split('\n').Skip(1).Select(l => l.Trim().Split(','))
            .Where(r => r[2] == "hte_count" && r[0] != "liaoning").Sum(r => decimal.Parse(r[3], CultureInfo.InvariantCulture));
        Assert.Equal(Hte(export2020) / Hte(export2017), targets["hte_doubling"].GetProperty("value").GetDecimal(), 10);
    }

    [Fact]
    public async Task No_target_is_off_track_when_its_value_already_meets_it_and_each_zone_figures_say_they_are_the_minimum()
    {
        var targets = await ProgressAsync(2020);

        // A floor (≥, or a count the plan names, =) that the 2020 value meets is achieved, whatever the baseline.
        foreach (var (id, target) in targets)
        {
            var goal = target.GetProperty("target");
            if (goal.GetProperty("max").ValueKind != JsonValueKind.Null || target.GetProperty("value").ValueKind != JsonValueKind.Number) continue;
            if (goal.GetProperty("comparator").GetString() is not (">=" or "=")) continue;
            if (target.GetProperty("value").GetDecimal() >= goal.GetProperty("value").GetDecimal())
                Assert.True(target.GetProperty("status").GetString() == "achieved", $"{id}: {target.GetProperty("value")} meets {goal} but is {target.GetProperty("status")}");
        }
        // 超200亿元产业集群6个: the demo's zones have 8 such clusters from the base year 2016 on.
        var clusters = targets["clusters_over_20bn"];
        Assert.Equal((">=", 8m, "achieved"), (clusters.GetProperty("target").GetProperty("comparator").GetString(),
            clusters.GetProperty("value").GetDecimal(), clusters.GetProperty("status").GetString()));
        // Targets every zone must meet show the weakest zone's figure and say so.
        foreach (var (id, target) in targets)
            Assert.Equal((id, target.GetProperty("scope").GetString() == "each_zone" ? "minimum_over_zones" : "scope_total"),
                (id, target.GetProperty("valueBasis").GetString()));
        var finance = targets["finance_institutions_per_zone"];
        Assert.Equal(finance.GetProperty("zones").EnumerateObject().Min(z => z.Value.GetDecimal()), finance.GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Headline_targets_are_computed_from_the_approved_figures_summed_over_the_zones()
    {
        var export = (await Cli("data", "export", "--year", "2020")).Output.Trim().Split('\n').Skip(1).Select(l => l.Trim().Split(',')).ToList();
        decimal Sum(string element) => export.Where(r => r[2] == element && r[0] != "liaoning").Sum(r => decimal.Parse(r[3], CultureInfo.InvariantCulture));
        decimal Province(string element) => export.Where(r => r[2] == element && r[0] == "liaoning").Sum(r => decimal.Parse(r[3], CultureInfo.InvariantCulture));

        var targets = await ProgressAsync(2020);

        Assert.Equal(100 * Sum("rd_expenditure") / Sum("gdp"), targets["rd_intensity"].GetProperty("value").GetDecimal(), 10);
        Assert.Equal(100 * Sum("hte_count") / Province("prov_hte_count"), targets["hte_share"].GetProperty("value").GetDecimal(), 10);
        Assert.Equal("achieved", targets["hte_share"].GetProperty("status").GetString());
        Assert.Equal("off_track", targets["rd_intensity"].GetProperty("status").GetString());
        Assert.Equal(15m, targets["zones_total"].GetProperty("value").GetDecimal());
        Assert.Equal(15, targets["rd_intensity"].GetProperty("zones").EnumerateObject().Count());
        Assert.Equal(5, targets["rd_intensity"].GetProperty("series").GetArrayLength());
        Assert.Equal(2020, targets["rd_intensity"].GetProperty("forecast").GetProperty("year").GetInt32());
    }

    [Fact]
    public async Task A_new_zone_in_the_registry_counts_towards_the_zone_targets()
    {
        await Cli("zones", "record", "faku", "--event", "established", "--date", "2019-06-01", "--act", "辽政函〔2019〕号",
            "--level", "provincial", "--name", "法库高新区", "--name-en", "Faku High-tech Zone", "--city", "沈阳市", "--county", "法库县");
        await Cli("zones", "record", "fushun", "--event", "promoted", "--date", "2018-03-01", "--act", "国函〔2018〕号");

        var targets = await ProgressAsync(2020);

        Assert.Equal(16m, targets["zones_total"].GetProperty("value").GetDecimal());
        Assert.Equal(1m, targets["zones_new_provincial"].GetProperty("value").GetDecimal());
        Assert.Equal(1m, targets["county_zones_promoted"].GetProperty("value").GetDecimal());
        Assert.Equal(1m, targets["zones_upgraded_national"].GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Before_any_figure_is_approved_a_measured_target_says_no_data()
    {
        var empty = new SqliteTestStore();
        await using var _ = empty;
        var result = await CliRun.RunAsync("plan", "progress", "--year", "2018", "--format", "json", "--db", empty.DbArgument);

        Assert.Equal(0, result.ExitCode);
        var rd = JsonDocument.Parse(result.Output).RootElement.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "rd_intensity");
        Assert.Equal("no_data", rd.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_yearly_assessment_opens_in_excel_and_prints_with_the_mid_term_comparison()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "assessment.xlsx");
        await using var server = await RunningServer.StartAsync(store.Location);

        var written = await Cli("plan", "report", "--year", "2020", "--compare", "2018", "--out", path);
        var page = await server.Client.GetStringAsync("/monitoring/report/2020?compare=2018");
        var download = await server.Client.GetByteArrayAsync("/monitoring/report/2020.xlsx");

        Assert.Equal(0, written.ExitCode);
        using var workbook = new ClosedXML.Excel.XLWorkbook(path);
        var targets = workbook.Worksheet("目标 Targets");
        Assert.Equal(LiaoningPlanFacts.Targets.Length + 1, targets.RowsUsed().Count());
        Assert.Equal("2018 值 Value", targets.Cell(1, 8).GetString());
        var rd = targets.RowsUsed().Single(r => r.Cell(1).GetString() == "rd_intensity");
        Assert.Equal("进度滞后", rd.Cell(7).GetString());
        Assert.True(rd.Cell(10).GetDouble() > 0);   // R&D intensity rose from 2018 to 2020
        Assert.Contains("<tr data-target=\"rd_intensity\" data-status=\"off_track\">", page);
        Assert.Contains("与 2018 年对比", page);
        using var downloaded = new ClosedXML.Excel.XLWorkbook(new MemoryStream(download));
        Assert.Equal(3, downloaded.Worksheets.Count);
    }

    [Fact]
    public async Task The_api_gives_the_same_progress_as_the_cli()
    {
        await using var server = await RunningServer.StartAsync(store.Location);
        var cli = (await Cli("plan", "progress", "--year", "2019", "--format", "json")).Output;

        var api = await server.Client.GetFromJsonAsync<JsonElement>("/api/plans/liaoning-2017-2020/progress?year=2019");

        Assert.Equal(JsonDocument.Parse(cli).RootElement.GetProperty("targets").GetArrayLength(), api.GetProperty("targets").GetArrayLength());
        Assert.Equal(
            JsonDocument.Parse(cli).RootElement.GetProperty("targets")[0].GetProperty("value").GetDecimal(),
            api.GetProperty("targets")[0].GetProperty("value").GetDecimal());
    }
}

public sealed class ProgressOnSqlite() : ProgressSpec(new SqliteTestStore());

public sealed class ProgressOnPostgres() : ProgressSpec(new PostgresTestStore());
