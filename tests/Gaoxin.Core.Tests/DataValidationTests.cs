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
