using Gaoxin.Core.Collection;
using Gaoxin.Core.Evaluation;

namespace Gaoxin.Core.Tests;

/// <summary>
/// The bundled national 2021 model (<c>models/cn-htz-2021.yaml</c>, 国科发火〔2021〕106号 as transcribed in domain.md §1)
/// against the bundled data set, and the data set still holding its original elements first.
/// </summary>
public class NationalModelTests
{
    /// <summary>domain.md §1.2: the 46 second-level indicators in their official numbering, 10 + 10 + 9 + 7 + 10.</summary>
    private static readonly string[] IndicatorCodes =
    [
        "n1_1", "n1_2", "n1_3", "n1_4", "n1_5", "n1_6", "n1_7", "n1_8", "n1_9", "n1_10",
        "n2_1", "n2_2", "n2_3", "n2_4", "n2_5", "n2_6", "n2_7", "n2_8", "n2_9", "n2_10",
        "n3_1", "n3_2", "n3_3", "n3_4", "n3_5", "n3_6", "n3_7", "n3_8", "n3_9",
        "n4_1", "n4_2", "n4_3", "n4_4", "n4_5", "n4_6", "n4_7",
        "n5_1", "n5_2", "n5_3", "n5_4", "n5_5", "n5_6", "n5_7", "n5_8", "n5_9", "n5_10",
    ];

    /// <summary>domain.md §1.2 Src = Q: 创业氛围, 产业创新政策, 人与生态, 依法合规建设, 数据统计精准度.</summary>
    private static readonly string[] Qualitative = ["n1_10", "n2_10", "n3_9", "n5_9", "n5_10"];

    /// <summary>The 22 elements of the data set before the national model's supplementary figures, in file order.</summary>
    private static readonly string[] OriginalElements =
    [
        "area_km2", "gdp", "revenue", "tax", "energy_consumption", "employees", "enterprise_count", "hte_count",
        "leading_industry_revenue", "clusters_over_50yi", "rd_expenditure", "invention_patents_granted", "rd_institutions",
        "tech_contract_turnover", "incubators", "maker_spaces", "incubating_enterprises", "high_level_talents",
        "finance_institutions", "vc_institutions", "prov_gdp", "prov_hte_count",
    ];

    private static readonly (string Code, string Name, decimal Weight)[] Dimensions =
    [
        ("innovation", "创新能力和创业活跃度", 0.20m),
        ("structure", "结构优化和产业价值链", 0.20m),
        ("green", "绿色发展和宜居包容性", 0.15m),
        ("open", "开放创新和国际竞争力", 0.15m),
        ("quality", "综合质效和持续创新力", 0.30m),
    ];

    private static DataSetDefinition LoadDataSet()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "datasets", "liaoning-default.yaml");
        var (set, errors) = DataSetParser.Parse(path, File.ReadAllText(path));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return set!;
    }

    private static EvaluationModel LoadModel()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "models", "cn-htz-2021.yaml");
        var elements = LoadDataSet().Elements.Select(e => e.Code).ToHashSet();
        var (model, errors) = EvaluationModelParser.Parse(path, File.ReadAllText(path), elements);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return model!;
    }

    [Fact]
    public void The_national_model_parses_with_its_header_grades_and_rules()
    {
        var model = LoadModel();

        Assert.Equal("cn-htz-2021", model.Id);
        Assert.Equal("国家高新区综合评价指标体系(2021)", model.Title);
        Assert.Contains("国科发火〔2021〕106号", model.Source);
        Assert.Equal("level", model.Grouping);   // national and provincial zones are ranked apart
        Assert.Equal(Normalisation.MinMax, model.Normalisation);
        Assert.Equal(Aggregation.Arithmetic, model.Aggregation);
        Assert.Null(model.Grades);                 // domain.md §1: the national system has no grades
        Assert.False(model.Rules.LastPlace);
        Assert.False(model.Rules.YellowCard);   // benchmarking only: the provincial model carries the consequences
        Assert.False(model.Rules.Delisting);
        Assert.Equal(2, model.Rules.DelistingConsecutiveFails);
    }

    [Fact]
    public void It_has_the_five_first_level_groups_with_weights_20_20_15_15_30()
    {
        var model = LoadModel();

        Assert.Equal(Dimensions, model.Dimensions.Select(d => (d.Code, d.Name, d.Weight)));
        Assert.Equal(1m, model.Dimensions.Sum(d => d.Weight));
    }

    [Fact]
    public void It_has_every_second_level_indicator_of_domain_1_2_in_order()
    {
        var model = LoadModel();

        Assert.Equal(46, model.Indicators.Count);
        Assert.Equal(IndicatorCodes, model.Indicators.Select(i => i.Code));
        Assert.Equal([10, 10, 9, 7, 10], model.Dimensions.Select(d => model.Indicators.Count(i => i.Dimension == d.Code)));
        // n<group>_<number>: the group digit matches the dimension's position.
        Assert.All(model.Indicators, i => Assert.Equal(i.Code[1] - '0', Array.FindIndex(Dimensions, d => d.Code == i.Dimension) + 1));
        Assert.Equal("国家级和省级研发机构数", model.Indicators[0].Name);
        Assert.Equal("当年内部研发投入强度达5%且营业收入超5亿元的企业数", model.Indicators.Single(i => i.Code == "n5_7").Name);
    }

    [Fact]
    public void The_known_fuquan_are_0_8_and_1_2_and_every_other_indicator_weighs_1()
    {
        var model = LoadModel();
        var weights = model.Indicators.ToDictionary(i => i.Code, i => i.Weight);

        Assert.Equal(0.8m, weights["n1_1"]);
        Assert.Equal(1.2m, weights["n1_2"]);
        Assert.All(weights.Where(w => w.Key is not ("n1_1" or "n1_2")), w => Assert.Equal(1m, w.Value));
    }

    [Fact]
    public void Only_energy_per_value_added_and_co2_growth_are_negative()
    {
        var model = LoadModel();

        Assert.Equal(["n3_1", "n3_2"], model.Indicators.Where(i => i.Direction == Direction.Negative).Select(i => i.Code));
    }

    [Fact]
    public void The_qualitative_indicators_and_only_they_are_expert_scores_read_from_0_to_100_elements()
    {
        var model = LoadModel();
        var elements = LoadDataSet().Elements.ToDictionary(e => e.Code);

        Assert.Equal(Qualitative, model.Indicators.Where(i => i.ExpertScore).Select(i => i.Code));
        Assert.All(model.Indicators.Where(i => i.ExpertScore), i =>
        {
            var element = elements[i.FormulaText];
            Assert.Equal((0m, 100m, "分"), (element.Min, element.Max, element.Unit));
        });
    }

    [Fact]
    public void Effective_weights_sum_to_1_and_each_group_carries_its_first_level_weight()
    {
        var model = LoadModel();

        var effective = Weighting.EffectiveWeights(model);

        Assert.Equal(46, effective.Count);
        Assert.Equal(1m, Math.Round(effective.Values.Sum(), 20));
        foreach (var (code, _, weight) in Dimensions)
            Assert.Equal(weight, Math.Round(model.Indicators.Where(i => i.Dimension == code).Sum(i => effective[i.Code]), 20));
        // 1.1 and 1.2 within group 1 (Σ赋权 = 0.8 + 1.2 + 8 × 1 = 10): 0.20 × 0.8/10 and 0.20 × 1.2/10.
        Assert.Equal(0.016m, Math.Round(effective["n1_1"], 20));
        Assert.Equal(0.024m, Math.Round(effective["n1_2"], 20));
    }

    [Fact]
    public void The_bundled_data_set_still_parses_and_keeps_its_original_elements_first_in_order()
    {
        var set = LoadDataSet();

        Assert.Equal(OriginalElements, set.Elements.Take(OriginalElements.Length).Select(e => e.Code));
        Assert.All(set.Elements.Take(OriginalElements.Length), e => Assert.Null(e.Group));
        // The core report (what completeness counts) is unchanged: 20 zone elements and 2 province elements.
        Assert.Equal(20, set.Elements.Count(e => e.Group is null && !e.ProvinceLevel));
        Assert.Equal(2, set.Elements.Count(e => e.Group is null && e.ProvinceLevel));
    }

    [Fact]
    public void The_supplementary_elements_are_exactly_what_the_national_model_reads_beyond_the_core_report()
    {
        var set = LoadDataSet();
        var model = LoadModel();
        // The registry counts (group "registry") and the counts from the enterprise returns and the reserve pool (group
        // "enterprise") come after the national figures and feed no national indicator.
        var added = set.Elements.Skip(OriginalElements.Length).Where(e => e.Group is not ("registry" or "enterprise")).ToList();
        var read = model.Indicators.SelectMany(i => i.Formula.Operands().Select(o => o.Element)).ToHashSet();

        Assert.All(added, e => Assert.Equal("cn-htz-2021", e.Group));
        Assert.All(added, e => Assert.False(e.ProvinceLevel));
        Assert.All(added, e => Assert.True(e.Code.StartsWith("n21_", StringComparison.Ordinal) || e.Code == "city_gdp", e.Code));
        // Every supplementary element feeds an indicator, and every element an indicator reads is in the data set.
        Assert.Subset(read, added.Select(e => e.Code).ToHashSet());
        Assert.Subset(added.Select(e => e.Code).Concat(OriginalElements).ToHashSet(), read);
    }

    [Fact]
    public void It_gives_no_grade_but_composite_rank_and_percentile_ranks_national_and_provincial_zones_apart_and_says_provincial_relative_index()
    {
        var model = LoadModel();
        var set = LoadDataSet();
        // a, b national; c, d provincial; all in the data set's province. Every figure of zone k (k = 1 … 4) is 10·k last
        // year and 12·k this year, expert scores 60 + 10·k. Ratios are then equal across zones (score 100 each) and every
        // count, increase and expert score is higher for the higher k, so within each group the higher k ranks first.
        List<EvaluationZone> zones =
        [
            new("a", "national", true, set.ProvinceCode), new("b", "national", true, set.ProvinceCode),
            new("c", "provincial", false, set.ProvinceCode), new("d", "provincial", false, set.ProvinceCode),
        ];
        var expert = set.Elements.Where(e => e.Max == 100m).Select(e => e.Code).ToHashSet();
        decimal? Lookup(string zone, string element, int year)
        {
            var k = zone[0] - 'a' + 1;
            return expert.Contains(element) ? 60 + 10 * k : (year == 2021 ? 12 : 10) * k;
        }

        var result = EvaluationEngine.Evaluate(model, new EvaluationInput(2021, zones, Lookup));

        Assert.Equal(EvaluationScales.ProvincialRelativeIndex, result.Scale);
        Assert.All(result.Zones, z => Assert.Null(z.Grade));
        // Percentile: 100 × the group's zones not above the zone / group size → first of 2: 100, second: 50.
        Assert.Equal([("national", "b", 1, 100m), ("national", "a", 2, 50m), ("provincial", "d", 1, 100m), ("provincial", "c", 2, 50m)],
            result.Zones.Select(z => (z.Group, z.Zone, z.Rank, z.Percentile)));
        Assert.All(result.Zones, z => Assert.Empty(z.Flags));
    }

    [Fact]
    public void The_model_evaluates_all_zones_in_one_group_with_no_missing_indicator_when_every_figure_is_reported()
    {
        var model = LoadModel();
        var set = LoadDataSet();
        var zones = new[] { "a", "b", "c" }.Select(z => new EvaluationZone(z, "national")).ToList();
        var expert = set.Elements.Where(e => e.Max == 100m).Select(e => e.Code).ToHashSet();
        // Every figure of zone k (k = 1, 2, 3) is 10·k last year and 12·k this year; expert scores are 60 + 10·k.
        decimal? Lookup(string zone, string element, int year)
        {
            var k = zone[0] - 'a' + 1;
            return expert.Contains(element) ? 60 + 10 * k : (year == 2021 ? 12 : 10) * k;
        }

        var result = EvaluationEngine.Evaluate(model, new EvaluationInput(2021, zones, Lookup));

        Assert.Equal(3, result.Zones.Count);
        Assert.All(result.Zones, z =>
        {
            Assert.Equal(("national", 3), (z.Group, z.GroupSize));
            Assert.Empty(z.Missing);
            Assert.Equal(46, z.Indicators.Count);
        });
        var c = result.Zones.Single(z => z.Zone == "c");
        Assert.Equal(90m, c.Indicators["n1_10"].Score);
        // 当年净增营业收入 is 2·k: zone c has the most (100), zone a the least (0).
        Assert.Equal(100m, c.Indicators["n2_4"].Score);
        Assert.Equal(0m, result.Zones.Single(z => z.Zone == "a").Indicators["n2_4"].Score);
    }
}
