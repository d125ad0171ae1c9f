using Gaoxin.Core.Collection;
using Gaoxin.Core.Demo;

namespace Gaoxin.Core.Tests;

/// <summary>The demo data: calibrated to the plan's 2016 figures, shaped like the plan's zones, and always valid.</summary>
public class DemoDataTests
{
    private static readonly string[] NationalZones = ["shenyang", "dalian", "anshan", "benxi", "jinzhou", "yingkou", "fuxin", "liaoyang"];
    private static readonly string[] ProvincialZones = ["fushun", "dandong", "tieling", "chaoyang", "panjin", "huludao", "suizhong"];
    private static readonly string[] AllZones = [.. NationalZones, .. ProvincialZones];

    private static readonly string[] ZoneElements =
    [
        "area_km2", "gdp", "revenue", "tax", "energy_consumption", "employees", "enterprise_count", "hte_count",
        "leading_industry_revenue", "clusters_over_50yi", "rd_expenditure", "invention_patents_granted", "rd_institutions",
        "tech_contract_turnover", "incubators", "maker_spaces", "incubating_enterprises", "high_level_talents",
        "finance_institutions", "vc_institutions",
    ];

    private static readonly string[] ProvinceElements = ["prov_gdp", "prov_hte_count"];

    private static readonly HashSet<string> IntegerElements =
    [
        "employees", "enterprise_count", "hte_count", "clusters_over_50yi", "invention_patents_granted", "rd_institutions",
        "incubators", "maker_spaces", "incubating_enterprises", "high_level_talents", "finance_institutions",
        "vc_institutions", "prov_hte_count",
    ];

    private static readonly HashSet<string> MoneyElements =
        ["gdp", "revenue", "tax", "leading_industry_revenue", "rd_expenditure", "tech_contract_turnover", "prov_gdp"];

    private static readonly int[] AllYears = [.. Enumerable.Range(DemoData.FirstYear, DemoData.LastYear - DemoData.FirstYear + 1)];

    public static TheoryData<int> Seeds => new() { 1, 7, 2017 };

    /// <summary>The generated values indexed by unit, year and element.</summary>
    private sealed class Table(IReadOnlyList<DataValue> values)
    {
        private readonly Dictionary<(string Unit, int Year, string Element), decimal> _values =
            values.ToDictionary(v => (v.Unit, v.Year, v.Element), v => v.Value);

        public IReadOnlyList<DataValue> Values { get; } = values;

        public decimal this[string unit, int year, string element] => _values[(unit, year, element)];

        public decimal Sum(int year, string element) => AllZones.Sum(z => this[z, year, element]);

        public decimal Province(int year, string element) => this[DemoData.ProvinceCode, year, element];

        public decimal Ratio(string zone, int year, string numerator, string denominator) =>
            this[zone, year, numerator] / this[zone, year, denominator];
    }

    private static Table Generate(int seed) => new(DemoData.Generate(seed));

    [Fact]
    public void Generate_is_deterministic_for_a_seed()
    {
        var first = DemoData.Generate(7);
        var second = DemoData.Generate(7);

        Assert.Equal(first.Count, second.Count);
        for (int i = 0; i < first.Count; i++) Assert.Equal(first[i], second[i]);
    }

    [Fact]
    public void The_default_seed_is_2017() => Assert.Equal(DemoData.Generate(2017), DemoData.Generate());

    [Fact]
    public void Different_seeds_give_different_values()
    {
        var one = DemoData.Generate(1);
        var two = DemoData.Generate(2);

        Assert.Equal(one.Count, two.Count);
        Assert.Contains(Enumerable.Range(0, one.Count), i => one[i].Value != two[i].Value);
        Assert.NotEqual(Generate(1)["shenyang", 2020, "gdp"], Generate(2)["shenyang", 2020, "gdp"]);
    }

    [Fact]
    public void Every_zone_reports_every_zone_element_and_the_province_only_its_own_each_year_once()
    {
        var values = DemoData.Generate();

        Assert.Equal(15 * 20 * 5 + 1 * 2 * 5, values.Count);
        Assert.Equal(values.Count, values.Select(v => (v.Unit, v.Year, v.Element)).Distinct().Count());
        var expected = AllZones.SelectMany(z => AllYears.SelectMany(y => ZoneElements.Select(e => (z, y, e))))
            .Concat(AllYears.SelectMany(y => ProvinceElements.Select(e => (DemoData.ProvinceCode, y, e))))
            .ToHashSet();
        Assert.True(expected.SetEquals(values.Select(v => (v.Unit, v.Year, v.Element))));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_2016_sums_over_the_zones_equal_the_plan_baselines_exactly(int seed)
    {
        var data = Generate(seed);

        Assert.Equal(272m, data.Sum(2016, "rd_institutions"));
        Assert.Equal(31m, data.Sum(2016, "incubators"));
        Assert.Equal(52m, data.Sum(2016, "maker_spaces"));
        Assert.Equal(4961m, data.Sum(2016, "high_level_talents"));
        Assert.Equal(13m, data.Sum(2016, "clusters_over_50yi"));
        Assert.Equal(184m, data.Sum(2016, "vc_institutions"));
        Assert.Equal(1248.9m, data.Sum(2016, "area_km2"));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_zone_keeps_its_area_every_year(int seed)
    {
        var data = Generate(seed);

        foreach (var zone in AllZones)
            Assert.All(AllYears, y => Assert.Equal(data[zone, 2016, "area_km2"], data[zone, y, "area_km2"]));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_zones_hold_nearly_30_percent_of_the_high_tech_enterprises_in_2016_and_at_least_40_percent_in_2020(int seed)
    {
        var data = Generate(seed);

        Assert.InRange(data.Sum(2016, "hte_count") / data.Province(2016, "prov_hte_count"), 0.28m, 0.30m);
        Assert.True(data.Sum(2020, "hte_count") / data.Province(2020, "prov_hte_count") >= 0.40m);
        Assert.InRange(data.Province(2016, "prov_hte_count"), 2000m, 2200m);
        Assert.InRange(data.Province(2020, "prov_hte_count"), 4600m, 6000m);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_zones_R_and_D_intensity_rises_from_about_2_percent_but_falls_short_of_the_2_point_8_percent_target(int seed)
    {
        var data = Generate(seed);

        Assert.InRange(data.Sum(2016, "rd_expenditure") / data.Sum(2016, "gdp"), 0.020m, 0.022m);
        Assert.InRange(data.Sum(2020, "rd_expenditure") / data.Sum(2020, "gdp"), 0.024m, 0.027m);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Some_zones_exceed_2_point_8_percent_R_and_D_intensity_in_2020_and_some_stay_below_2_percent(int seed)
    {
        var data = Generate(seed);
        var intensity = AllZones.Select(z => data.Ratio(z, 2020, "rd_expenditure", "gdp")).ToList();

        Assert.True(intensity.Count(i => i > 0.028m) >= 3);
        Assert.Contains(intensity, i => i < 0.02m);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_zones_GDP_share_grows_but_stays_below_the_10_percent_target(int seed)
    {
        var data = Generate(seed);
        decimal Share(int year) => data.Sum(year, "gdp") / data.Province(year, "prov_gdp");

        Assert.True(Share(2020) < 0.10m);
        Assert.InRange(Share(2020), 0.08m, 0.095m);
        Assert.True(Share(2020) > Share(2016));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_province_GDP_is_about_22000_yi_yuan_in_2016_and_grows_3_to_6_percent_a_year(int seed)
    {
        var data = Generate(seed);

        Assert.InRange(data.Province(2016, "prov_gdp"), 21500m, 22500m);
        foreach (var year in AllYears.Skip(1))
            Assert.InRange(data.Province(year, "prov_gdp") / data.Province(year - 1, "prov_gdp"), 1.03m, 1.06m);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Shenyang_and_Dalian_are_the_two_largest_zones_every_year(int seed)
    {
        var data = Generate(seed);

        foreach (var element in new[] { "gdp", "revenue", "employees", "enterprise_count" })
            foreach (var year in AllYears)
            {
                var topTwo = AllZones.OrderByDescending(z => data[z, year, element]).Take(2).Order().ToArray();
                Assert.Equal(new[] { "dalian", "shenyang" }, topTwo);
            }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void National_zones_are_larger_than_provincial_ones_and_Suizhong_is_among_the_smallest(int seed)
    {
        var data = Generate(seed);

        foreach (var year in AllYears)
        {
            Assert.True(NationalZones.Average(z => data[z, year, "gdp"]) > 1.5m * ProvincialZones.Average(z => data[z, year, "gdp"]));
            var smallest = AllZones.OrderBy(z => data[z, year, "gdp"]).Take(3);
            Assert.Contains("suizhong", smallest);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_value_passes_the_data_sets_validation_rules(int seed)
    {
        var data = Generate(seed);

        Assert.All(data.Values, v => Assert.True(v.Value >= 0, $"{v} is negative"));
        foreach (var zone in AllZones)
            foreach (var year in AllYears)
            {
                decimal V(string element) => data[zone, year, element];
                var at = $"{zone} {year}";
                Assert.True(V("hte_count") <= V("enterprise_count"), $"hte_within_enterprises {at}");
                Assert.True(V("rd_expenditure") < V("gdp"), $"rd_below_gdp {at}");
                Assert.True(V("leading_industry_revenue") <= V("revenue"), $"leading_within_revenue {at}");
                Assert.True(V("tax") < V("revenue"), $"tax_below_revenue {at}");
                Assert.True(V("incubating_enterprises") <= 2000 * (V("incubators") + V("maker_spaces")), $"incubating_with_carriers {at}");
                Assert.True(V("incubators") + V("maker_spaces") >= 1, $"no incubation carrier {at}");
            }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Counts_are_whole_money_has_at_most_2_decimals_and_area_1(int seed)
    {
        foreach (var value in DemoData.Generate(seed))
        {
            if (IntegerElements.Contains(value.Element))
                Assert.True(value.Value == decimal.Truncate(value.Value), $"{value} is not whole");
            else if (MoneyElements.Contains(value.Element))
                Assert.True(value.Value == decimal.Round(value.Value, 2), $"{value} has more than 2 decimals");
            else if (value.Element == "area_km2")
                Assert.True(value.Value == decimal.Round(value.Value, 1), $"{value} has more than 1 decimal");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void No_value_moves_more_than_40_percent_from_one_year_to_the_next(int seed)
    {
        var data = Generate(seed);

        foreach (var value in data.Values.Where(v => v.Year > DemoData.FirstYear))
        {
            var last = data[value.Unit, value.Year - 1, value.Element];
            if (last == 0) continue;
            Assert.True(Math.Abs(value.Value / last - 1) <= 0.40m, $"{value} after {last}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Counts_never_drop_by_more_than_a_few(int seed)
    {
        var data = Generate(seed);

        foreach (var value in data.Values.Where(v => v.Year > DemoData.FirstYear && IntegerElements.Contains(v.Element)))
            Assert.True(value.Value >= data[value.Unit, value.Year - 1, value.Element] - 3, $"{value} dropped");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Each_zones_ratios_are_realistic(int seed)
    {
        var data = Generate(seed);

        foreach (var zone in AllZones)
            foreach (var year in AllYears)
            {
                decimal Ratio(string numerator, string denominator) => data.Ratio(zone, year, numerator, denominator);
                Assert.InRange(Ratio("revenue", "gdp"), 2m, 4m);
                Assert.InRange(Ratio("tax", "revenue"), 0.06m, 0.10m);
                Assert.InRange(Ratio("leading_industry_revenue", "revenue"), 0.40m, 0.75m);
                Assert.InRange(Ratio("hte_count", "enterprise_count"), 0.05m, 0.25m);
                Assert.InRange(Ratio("employees", "gdp"), 30m, 60m);
                Assert.InRange(Ratio("energy_consumption", "gdp"), 0.2m, 0.5m);
                Assert.InRange(Ratio("tech_contract_turnover", "gdp"), 0.01m, 0.06m);
                Assert.InRange(data[zone, year, "finance_institutions"], 3m, 60m);
            }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Energy_per_GDP_falls_while_patents_and_financial_institutions_grow(int seed)
    {
        var data = Generate(seed);

        foreach (var zone in AllZones)
            foreach (var year in AllYears.Skip(1))
            {
                Assert.True(data.Ratio(zone, year, "energy_consumption", "gdp") < data.Ratio(zone, year - 1, "energy_consumption", "gdp"));
                Assert.True(data[zone, year, "invention_patents_granted"] >= data[zone, year - 1, "invention_patents_granted"]);
                Assert.True(data[zone, year, "finance_institutions"] >= data[zone, year - 1, "finance_institutions"]);
            }
        foreach (var zone in AllZones)
            Assert.True(data[zone, 2020, "invention_patents_granted"] > data[zone, 2016, "invention_patents_granted"]);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Most_but_not_all_zones_have_at_least_5_financial_institutions_by_2020(int seed)
    {
        var data = Generate(seed);

        Assert.InRange(AllZones.Count(z => data[z, 2020, "finance_institutions"] >= 5), 10, 14);
    }
}

/// <summary>The demo figures for the national model's supplementary elements.</summary>
public class NationalSupplementTests
{
    private static readonly IReadOnlyList<Gaoxin.Core.Collection.DataValue> Core = Gaoxin.Core.Demo.DemoData.Generate(7);

    [Fact]
    public void Every_zone_year_gets_all_42_supplementary_figures_and_the_province_none()
    {
        var values = Gaoxin.Core.Demo.NationalSupplement.Generate(Core, 7);

        Assert.Equal(15 * 5 * 42, values.Count);
        Assert.DoesNotContain(values, v => v.Unit == "liaoning");
        Assert.Equal(values.Count, values.Select(v => (v.Unit, v.Year, v.Element)).Distinct().Count());
    }

    [Fact]
    public void Supplementary_figures_are_deterministic_non_negative_and_scores_stay_within_0_to_100()
    {
        var first = Gaoxin.Core.Demo.NationalSupplement.Generate(Core, 7);
        var second = Gaoxin.Core.Demo.NationalSupplement.Generate(Core, 7);

        Assert.Equal(first, second);
        Assert.All(first, v => Assert.True(v.Value >= 0, $"{v.Unit} {v.Year} {v.Element} = {v.Value}"));
        Assert.All(first.Where(v => v.Element.StartsWith("n21_score_")), v => Assert.InRange(v.Value, 0m, 100m));
    }

    [Fact]
    public void Year_on_year_moves_stay_within_the_platforms_warning_threshold()
    {
        var values = Gaoxin.Core.Demo.NationalSupplement.Generate(Core, 7).ToDictionary(v => (v.Unit, v.Year, v.Element), v => v.Value);

        foreach (var ((unit, year, element), value) in values.Where(v => v.Key.Year > 2016))
        {
            var last = values[(unit, year - 1, element)];
            if (last >= 20) Assert.InRange(value / last, 0.5m, 1.5m);
        }
    }
}
