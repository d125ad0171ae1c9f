using Gaoxin.Core.Collection;

namespace Gaoxin.Core.Tests;

/// <summary>Checks of one unit-year of values: elements, cross-field rules, outliers against the unit's own history.</summary>
public class DataValidationTests
{
    private static readonly DataSetDefinition Set = LoadBundled();
    private static readonly ReportingUnit Zone = new("shenyang", "沈阳高新区", false);
    private static readonly ReportingUnit Province = new("liaoning", "辽宁省", true);
    private static readonly IReadOnlyDictionary<int, IReadOnlyDictionary<string, decimal>> NoHistory = new Dictionary<int, IReadOnlyDictionary<string, decimal>>();

    private static DataSetDefinition LoadBundled()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "datasets", "liaoning-default.yaml");
        var (set, errors) = DataSetParser.Parse(path, File.ReadAllText(path));
        Assert.Empty(errors);
        return set!;
    }

    private static List<(string Code, string? Element, Severity Severity, string? Detail)> Check(
        ReportingUnit unit, Dictionary<string, decimal> values, Dictionary<int, IReadOnlyDictionary<string, decimal>>? history = null) =>
        DataValidation.Check(Set, unit, 2019, values, history ?? NoHistory.ToDictionary(), "form")
            .Select(p => (p.Code, p.Element, p.Severity, p.Detail)).ToList();

    [Fact]
    public void The_bundled_data_set_has_the_default_elements_and_rules()
    {
        Assert.Equal(22, Set.Elements.Count(e => e.Group is null));
        Assert.Equal("liaoning", Set.ProvinceCode);
        Assert.Equal(["prov_gdp", "prov_hte_count"], Set.Elements.Where(e => e.ProvinceLevel).Select(e => e.Code));
        Assert.Contains(Set.Rules, r => r.Id == "hte_within_enterprises" && r.Severity == Severity.Error);
    }

    [Fact]
    public void Consistent_values_pass() =>
        Assert.Empty(Check(Zone, new() { ["hte_count"] = 80, ["enterprise_count"] = 400, ["gdp"] = 900, ["rd_expenditure"] = 20 }));

    [Fact]
    public void More_high_tech_enterprises_than_enterprises_is_an_error_naming_the_rule() =>
        Assert.Equal([("rule_failed", "hte_count", Severity.Error, "hte_within_enterprises")],
            Check(Zone, new() { ["hte_count"] = 401, ["enterprise_count"] = 400 }));

    [Fact]
    public void A_failed_rule_carries_its_own_message_in_both_languages()
    {
        var problem = DataValidation.Check(Set, Zone, 2019, new Dictionary<string, decimal> { ["hte_count"] = 401, ["enterprise_count"] = 400 }, NoHistory, "form").Single();

        Assert.Equal(("高新技术企业数不能超过入统企业数", "High-tech enterprises cannot exceed the enterprises in the statistics"), (problem.Message, problem.MessageEn));
    }

    [Fact]
    public void A_rule_with_a_missing_operand_does_not_apply() =>
        Assert.Empty(Check(Zone, new() { ["hte_count"] = 401 }));

    [Fact]
    public void Taxes_above_revenue_is_only_a_warning() =>
        Assert.Equal([("rule_failed", "tax", Severity.Warning, "tax_below_revenue")],
            Check(Zone, new() { ["tax"] = 50, ["revenue"] = 40, ["leading_industry_revenue"] = 20 }));

    [Fact]
    public void Element_checks_cover_type_range_and_who_reports()
    {
        var problems = Check(Zone, new() { ["employees"] = 10.5m, ["enterprise_count"] = -1, ["prov_gdp"] = 20000, ["gdp_per_head"] = 1 });

        Assert.Contains(("not_integer", "employees", Severity.Error, null), problems);
        Assert.Contains(("below_min", "enterprise_count", Severity.Error, "0"), problems);
        Assert.Contains(("element_not_for_unit", "prov_gdp", Severity.Error, null), problems);
        Assert.Contains(("unknown_element", "gdp_per_head", Severity.Error, null), problems);
        Assert.Contains(("element_not_for_unit", "gdp", Severity.Error, null), Check(Province, new() { ["gdp"] = 1 }));
    }

    [Theory]
    [InlineData(150, false)]   // +50% exactly: not above the threshold
    [InlineData(151, true)]    // +51%
    [InlineData(49, true)]     // −51%
    public void A_change_over_half_from_last_year_is_a_warning(int value, bool warned)
    {
        var history = new Dictionary<int, IReadOnlyDictionary<string, decimal>> { [2018] = new Dictionary<string, decimal> { ["gdp"] = 100 } };

        var problems = Check(Zone, new() { ["gdp"] = value }, history);

        Assert.Equal(warned, problems.Any(p => p is ("outlier_yoy", "gdp", Severity.Warning, _)));
    }

    [Fact]
    public void Growth_far_from_the_units_usual_growth_is_a_warning_once_there_are_three_growth_years()
    {
        // 100 → 110 → 120 → 130 → 140: growth 10%, 9.09%, 8.33%, 7.69% (median 8.71%, MAD 0.70 points).
        var history = new Dictionary<int, IReadOnlyDictionary<string, decimal>>
        {
            [2014] = new Dictionary<string, decimal> { ["incubators"] = 100 },
            [2015] = new Dictionary<string, decimal> { ["incubators"] = 110 },
            [2016] = new Dictionary<string, decimal> { ["incubators"] = 120 },
            [2017] = new Dictionary<string, decimal> { ["incubators"] = 130 },
            [2018] = new Dictionary<string, decimal> { ["incubators"] = 140 },
        };

        // +20% is far from the usual growth but within ±50%: only the median rule fires.
        Assert.Contains(Check(Zone, new() { ["incubators"] = 168 }, history), p => p is ("outlier_mad", "incubators", Severity.Warning, _));
        // +10%: a steady trend raises nothing, although 154 lies far above every earlier level.
        Assert.Empty(Check(Zone, new() { ["incubators"] = 154 }, history));
        history.Remove(2014);
        history.Remove(2015);
        Assert.Empty(Check(Zone, new() { ["incubators"] = 168 }, history));   // two growth years are not enough history
    }

    /// <summary>A history 2014–2018 of one element: the 2014 level, then one growth rate (in per cent) a year, in whole units.</summary>
    private static Dictionary<int, IReadOnlyDictionary<string, decimal>> Grown(string element, decimal start, params decimal[] growthPercent)
    {
        var history = new Dictionary<int, IReadOnlyDictionary<string, decimal>> { [2014] = new Dictionary<string, decimal> { [element] = start } };
        var value = start;
        for (var i = 0; i < growthPercent.Length; i++)
        {
            value = Math.Round(value * (1 + growthPercent[i] / 100));
            history[2015 + i] = new Dictionary<string, decimal> { [element] = value };
        }
        return history;
    }

    private static decimal Last(Dictionary<int, IReadOnlyDictionary<string, decimal>> history, string element) => history[2018][element];

    [Theory]
    // A zone's GDP (亿元) growing 6.0–6.3% a year, then an ordinary slower or faster year: 3.8% and 8.3% lie 2.35 and
    // 2.15 points from the usual 6.15%, inside the 10-point band although far outside three median deviations (0.3 points).
    [InlineData("gdp", 812.0, 6.1, 6.3, 6.0, 6.2, 3.8)]
    [InlineData("gdp", 812.0, 6.1, 6.3, 6.0, 6.2, 8.3)]
    // Staff of a zone (人) growing 4.5–5.2%, then 8.3%: 3.4 points above the usual 4.9%.
    [InlineData("employees", 52300, 4.5, 5.0, 4.8, 5.2, 8.3)]
    // Revenue (亿元) growing about 8%, then 3.8%: 4.25 points below the usual 8.05%.
    [InlineData("revenue", 2450.0, 7.9, 8.1, 8.0, 8.2, 3.8)]
    public void Ordinary_growth_after_a_short_smooth_history_raises_no_warning(string element, double start, double g1, double g2, double g3, double g4, double thisYear)
    {
        var history = Grown(element, (decimal)start, (decimal)g1, (decimal)g2, (decimal)g3, (decimal)g4);
        var value = Math.Round(Last(history, element) * (1 + (decimal)thisYear / 100));

        Assert.Empty(Check(Zone, new() { [element] = value }, history));
    }

    [Fact]
    public void A_real_jump_after_a_smooth_history_is_still_a_warning()
    {
        var history = Grown("gdp", 812.0m, 6.1m, 6.3m, 6.0m, 6.2m);
        var last = Last(history, "gdp");

        // Ten times last year (a unit mistaken, 万元 for 亿元) and a dropped digit: both move more than ±50%.
        Assert.Contains(Check(Zone, new() { ["gdp"] = last * 10 }, history), p => p is ("outlier_yoy", "gdp", Severity.Warning, _));
        Assert.Contains(Check(Zone, new() { ["gdp"] = Math.Round(last / 10, 1) }, history), p => p is ("outlier_yoy", "gdp", Severity.Warning, _));
        // +25% after years of about 6%: within ±50%, but 18.85 points from the usual growth, beyond the 10-point band.
        Assert.Contains(Check(Zone, new() { ["gdp"] = Math.Round(last * 1.25m, 1) }, history), p => p is ("outlier_mad", "gdp", Severity.Warning, _));
    }

    [Fact]
    public void Correcting_a_flagged_value_raises_no_new_outlier_warning()
    {
        var history = Grown("gdp", 812.0m, 6.1m, 6.3m, 6.0m, 6.2m);
        var last = Last(history, "gdp");
        var meant = Math.Round(last * 1.038m, 1); // the true figure: +3.8%, a slow year

        var typed = Check(Zone, new() { ["gdp"] = meant * 10 }, history);          // typed with one digit too many
        var corrected = Check(Zone, new() { ["gdp"] = meant }, history);

        Assert.Contains(typed, p => p is ("outlier_yoy", "gdp", Severity.Warning, _));
        Assert.DoesNotContain(corrected, p => p.Code.StartsWith("outlier", StringComparison.Ordinal));
    }

    [Fact]
    public void A_data_set_file_with_a_rule_on_an_unknown_element_is_refused_with_its_line()
    {
        var yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "datasets", "liaoning-default.yaml"))
            .Replace("hte_count <= enterprise_count", "hte_count <= firm_count");

        var (set, errors) = DataSetParser.Parse("ds.yaml", yaml);

        Assert.Null(set);
        var error = Assert.Single(errors);
        Assert.Equal(("unknown_element", "rules[0].check"), (error.Code, error.Field));
        Assert.True(error.Line > 30);
    }
}
