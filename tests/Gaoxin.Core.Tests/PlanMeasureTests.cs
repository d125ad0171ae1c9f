using Gaoxin.Core.Collection;
using Gaoxin.Core.Enterprises;
using Gaoxin.Core.Monitoring;
using Gaoxin.Core.Registries;

namespace Gaoxin.Core.Tests;

/// <summary>
/// How the bundled monitoring file (monitoring/liaoning-2017-2020.yaml) measures the plan's counts of new things, each on a
/// small registry made by hand: the data set's registry count for the year, summed over the plan period 2017–2020 (base
/// year 2016), against the number worked out from the plan's sentence.
/// </summary>
public class PlanMeasureTests
{
    private const int BaseYear = 2016;

    private static readonly DataSetDefinition Set = BundledFiles.DataSet();

    private static readonly MonitoringDefinition Monitoring = BundledFiles.Monitoring();

    private static RegistryEntry Item(string zone, string type, string? subtype, string? level, DateOnly? founded, DateOnly? closed = null) =>
        new(type, subtype, zone, level, false, founded, closed, null, new Dictionary<(int, string), decimal>(), []);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    /// <summary>A measure of the bundled file over the given zones' registry items, every figure counted from the registry.</summary>
    private static decimal? Measure(string measure, IReadOnlyCollection<string> zones, IReadOnlyList<RegistryEntry> items, int year)
    {
        var definition = Monitoring.Find(measure)!;
        var elements = Set.Elements.ToDictionary(e => e.Code);
        decimal? Value(string unit, string element, int y) =>
            elements[element].Derived is { } count ? RegistryCounter.Count(count, items.Where(i => i.Zone == unit), y) : null;
        return MeasureCalculator.Aggregate(definition, zones, Set.ProvinceCode, new HashSet<string>(), Value, year, BaseYear);
    }

    [Fact]
    public void New_rd_centres_count_every_centre_set_up_in_the_period_of_the_three_named_kinds_at_any_level()
    {
        // 新组建…100个工程技术研究中心、重点实验室、企业研发中心: an engineering research centre (2017), a key laboratory (2018,
        // closed 2019 — it was still set up), an enterprise R&D centre of a city (2019, below provincial level) and one of no
        // stated level (2020) count: 4. Not an engineering laboratory (a kind the sentence does not name) nor a centre of 2012.
        var items = new[]
        {
            Item("jia", "rd_institution", "engineering_research_centre", "provincial", D(2017, 3, 1)),
            Item("jia", "rd_institution", "key_laboratory", "national", D(2018, 6, 1), closed: D(2019, 12, 1)),
            Item("jia", "rd_institution", "enterprise_tech_centre", "municipal", D(2019, 5, 1)),
            Item("jia", "rd_institution", "enterprise_tech_centre", null, D(2020, 1, 15)),
            Item("jia", "rd_institution", "engineering_laboratory", "provincial", D(2018, 1, 1)),
            Item("jia", "rd_institution", "engineering_research_centre", "provincial", D(2012, 1, 1)),
        };

        Assert.Equal(4m, Measure("new_rd_centres", ["jia"], items, 2020));
        Assert.Equal(2m, Measure("new_rd_centres", ["jia"], items, 2018));
        Assert.Equal(0m, Measure("new_rd_centres", ["jia"], items, BaseYear));
    }

    [Fact]
    public void New_carriers_count_every_kind_of_start_up_carrier_set_up_in_the_period()
    {
        // 新建各类创业载体80家以上: a maker space (2017, closed 2019), a nursery (2018), an incubator (2018), an accelerator (2019)
        // and a university science park (2020) — 5; the incubator of 2015 was there before. The stock of incubators and maker
        // spaces grew by 1 only (1 in 2016, 2 in 2020).
        var items = new[]
        {
            Item("jia", "carrier", "maker_space", null, D(2017, 4, 1), closed: D(2019, 6, 30)),
            Item("jia", "carrier", "nursery", null, D(2018, 2, 1)),
            Item("jia", "carrier", "incubator", "provincial", D(2018, 9, 1)),
            Item("jia", "carrier", "accelerator", null, D(2019, 3, 1)),
            Item("jia", "carrier", "science_park", "national", D(2020, 10, 1)),
            Item("jia", "carrier", "incubator", "national", D(2015, 1, 1)),
        };

        Assert.Equal(5m, Measure("new_startup_carriers", ["jia"], items, 2020));
    }

    [Fact]
    public void New_talents_count_the_persons_brought_in_during_the_period()
    {
        // 累计吸引和培养高层次人才1000人: two persons in 2017 and one in 2019 (one of 2017 left in 2020 — still brought in) = 3;
        // the team of 2018 is a team, not a person; the person of 2016 came in the base year.
        var items = new[]
        {
            Item("jia", "talent", "person", null, D(2017, 1, 10), closed: D(2020, 5, 1)),
            Item("jia", "talent", "person", null, D(2017, 8, 1)),
            Item("yi", "talent", "person", null, D(2019, 2, 1)),
            Item("jia", "talent", "team", null, D(2018, 2, 1)),
            Item("yi", "talent", "person", null, D(2016, 12, 31)),
        };

        Assert.Equal(3m, Measure("high_level_talents_new", ["jia", "yi"], items, 2020));
    }

    [Fact]
    public void New_three_type_platforms_count_all_three_kinds()
    {
        // 新组建50个“三类”平台: 产业共性技术创新平台 (2017), 产业专业技术创新平台 (2018) and 产业技术创新综合服务平台 (2020) = 3;
        // the specialised platform of 2014 stood before the plan.
        var items = new[]
        {
            Item("jia", "tech_platform", "common_technology", null, D(2017, 7, 1)),
            Item("jia", "tech_platform", "specialised_technology", "provincial", D(2018, 7, 1)),
            Item("jia", "tech_platform", "comprehensive_service", null, D(2020, 7, 1)),
            Item("jia", "tech_platform", "specialised_technology", "provincial", D(2014, 7, 1)),
        };

        Assert.Equal(3m, Measure("new_three_type_platforms", ["jia"], items, 2020));
        Assert.Equal(["common_technology", "specialised_technology", "comprehensive_service"], RegistrySeedParser.Subtypes["tech_platform"]);
    }

    [Fact]
    public void New_finance_institutions_are_counted_per_zone_and_the_weakest_zone_is_the_figure()
    {
        // 每个高新区引进或设立5家以上银行、保险或担保等金融机构: 甲 brings in a bank, an insurer, a guarantor, a leasing company, a
        // microloan company and a venture capital institution (6; the finance platform of 2018 is not an institution); 乙 two
        // banks (2). Every zone must reach 5, so the province's figure is the fewer: 2.
        var items = new[]
        {
            Item("jia", "finance", "bank", null, D(2017, 1, 1)),
            Item("jia", "finance", "insurer", null, D(2018, 1, 1)),
            Item("jia", "finance", "guarantor", null, D(2019, 1, 1)),
            Item("jia", "finance", "leasing", null, D(2019, 6, 1)),
            Item("jia", "finance", "microloan", null, D(2020, 1, 1)),
            Item("jia", "finance", "vc_institution", null, D(2020, 6, 1)),
            Item("jia", "finance", "platform", null, D(2018, 3, 1)),
            Item("yi", "finance", "bank", null, D(2018, 1, 1)),
            Item("yi", "finance", "bank", null, D(2020, 1, 1)),
        };

        var jia = Measure("new_finance_institutions", ["jia"], items, 2020);
        var yi = Measure("new_finance_institutions", ["yi"], items, 2020);

        Assert.Equal((6m, 2m), (jia, yi));
        Assert.Equal(2m, EachZone.Minimum([jia, yi]));
        Assert.True(EachZone.IsMinimumOverZones("each_zone"));
        Assert.False(EachZone.IsMinimumOverZones("zones"));
    }

    [Fact]
    public void Funds_per_zone_need_one_of_each_of_the_three_kinds()
    {
        // 各高新区要设立产业投资引导资金、风险投资补偿资金或天使投资资金各1只: 甲 sets up a guidance fund (2017), a risk-compensation
        // fund (2018) and an angel fund (2019) → one of each from 2019, none of the angel kind before; 乙 has two guidance funds,
        // an angel fund and a venture fund but no risk-compensation fund → 0, though it holds four funds.
        var items = new[]
        {
            Item("jia", "fund", "guidance", null, D(2017, 5, 1)),
            Item("jia", "fund", "risk_compensation", null, D(2018, 5, 1)),
            Item("jia", "fund", "angel", null, D(2019, 5, 1)),
            Item("yi", "fund", "guidance", null, D(2017, 5, 1)),
            Item("yi", "fund", "guidance", null, D(2018, 5, 1)),
            Item("yi", "fund", "angel", null, D(2018, 5, 1)),
            Item("yi", "fund", "vc", null, D(2018, 5, 1)),
        };

        Assert.Equal(0m, Measure("funds_per_type_count", ["jia"], items, 2018));
        Assert.Equal(1m, Measure("funds_per_type_count", ["jia"], items, 2020));
        Assert.Equal(0m, Measure("funds_per_type_count", ["yi"], items, 2020));
        Assert.Equal(0m, EachZone.Minimum([1m, 0m]));
        Assert.Null(EachZone.Minimum([1m, null]));
        Assert.Null(EachZone.Minimum([]));
    }

    [Fact]
    public void Fewest_needs_two_subtypes_and_is_no_running_total()
    {
        Assert.Contains("two or more", RegistryCount.Parse("fund(guidance).fewest").Error);
        Assert.Contains("'+'", RegistryCount.Parse("fund(guidance,angel).fewest+").Error);
        Assert.NotNull(RegistryCount.Parse("fund(guidance,risk_compensation,angel).fewest").Count);
    }

    [Fact]
    public void A_period_total_sums_every_year_after_the_base_year_and_is_missing_when_a_year_is()
    {
        var flow = new Dictionary<int, decimal> { [2016] = 9, [2017] = 3, [2018] = 2, [2020] = 4 };
        decimal? At(int y) => flow.TryGetValue(y, out var v) ? v : null;

        Assert.Equal(5m, MeasureCalculator.PeriodTotal(At, 2018, BaseYear)); // 3 + 2; the base year's 9 is not in the period
        Assert.Null(MeasureCalculator.PeriodTotal(At, 2020, BaseYear));      // 2019 has no figure: no partial sum
        Assert.Equal(0m, MeasureCalculator.PeriodTotal(At, BaseYear, BaseYear));
    }

    [Fact]
    public void A_measure_is_either_a_change_since_the_base_year_or_a_period_total()
    {
        const string yaml = """
            plan: p
            measures:
              - {measure: both, formula: "gdp", sinceBase: true, inPeriod: true}
              - {measure: registry_total, registry: zones_provincial_or_above, inPeriod: true}
            """;
        var (definition, errors) = MonitoringParser.Parse("m.yaml", yaml, new HashSet<string> { "gdp" });

        Assert.Null(definition);
        Assert.Equal(["measures[0].inPeriod", "measures[1].inPeriod"], errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Reserve_pool_entries_count_every_admission_to_date_not_the_year_end_stock()
    {
        // 后备库入库企业5000家以上: A admitted 2017 and recognised 2019, B admitted 2018 and dropped 2019, C only proposed, D proposed
        // 2020 and admitted 2021. End of 2020: entries A and B = 2, while the stock in the pool is 0. End of 2021: 3.
        var moves = new[]
        {
            new ReservePoolMoveFact("A", ReserveStage.Candidate, D(2017, 1, 5), 1), new ReservePoolMoveFact("A", ReserveStage.InPool, D(2017, 3, 1), 2),
            new ReservePoolMoveFact("A", ReserveStage.Applied, D(2019, 3, 1), 3), new ReservePoolMoveFact("A", ReserveStage.Recognised, D(2019, 11, 1), 4),
            new ReservePoolMoveFact("B", ReserveStage.Candidate, D(2018, 1, 5), 5), new ReservePoolMoveFact("B", ReserveStage.InPool, D(2018, 2, 1), 6),
            new ReservePoolMoveFact("B", ReserveStage.Dropped, D(2019, 2, 1), 7),
            new ReservePoolMoveFact("C", ReserveStage.Candidate, D(2019, 1, 5), 8),
            new ReservePoolMoveFact("D", ReserveStage.Candidate, D(2020, 2, 1), 9), new ReservePoolMoveFact("D", ReserveStage.InPool, D(2021, 1, 10), 10),
        };
        var zoneOf = new Dictionary<string, string> { ["A"] = "jia", ["B"] = "jia", ["C"] = "jia", ["D"] = "jia" };

        var figures = ReservePoolCounts.Count(zoneOf, moves, [], ["jia"], [2020, 2021]);

        Assert.Equal((2, 0), (figures[("jia", 2020)].EnteredToDate, figures[("jia", 2020)].InPool));
        Assert.Equal((3, 1), (figures[("jia", 2021)].EnteredToDate, figures[("jia", 2021)].InPool));
        Assert.Equal("reserve_entered_to_date", Monitoring.Find("hte_reserve_pool_enterprises")!.FormulaText);
    }

    [Fact]
    public void Recognitions_are_the_certificates_issued_in_each_year_whoever_proposed_the_enterprise()
    {
        // 认定高新技术企业1600家: 甲 holds certificates of 2017-05-01 and 2020-12-31, 乙 one of 2016-12-31 (the base year); 丙 is
        // not a zone counted. Per year 甲: 2017 → 1, 2018 → 0, 2019 → 0, 2020 → 1; 乙: 0 each year. Over the period 2017–2020:
        // 甲 2, 乙 0.
        (string, DateOnly)[] certificates = [("jia", D(2017, 5, 1)), ("jia", D(2020, 12, 31)), ("yi", D(2016, 12, 31)), ("bing", D(2018, 1, 1))];

        var counts = HteRecognitions.Count(certificates, ["jia", "yi"], [2016, 2017, 2018, 2019, 2020]);
        var measure = Monitoring.Find("hte_recognised_new")!;
        decimal? Value(string unit, string element, int y) => element == "hte_certified" ? counts[(unit, y)] : null;

        Assert.Equal([1, 0, 0, 1], new[] { 2017, 2018, 2019, 2020 }.Select(y => counts[("jia", y)]));
        Assert.Equal(1, counts[("yi", 2016)]);
        Assert.False(counts.ContainsKey(("bing", 2018)));
        Assert.Equal(2m, MeasureCalculator.ForZone(measure, "jia", Set.ProvinceCode, new HashSet<string>(), Value, 2020, BaseYear));
        Assert.Equal(0m, MeasureCalculator.ForZone(measure, "yi", Set.ProvinceCode, new HashSet<string>(), Value, 2020, BaseYear));
    }
}
