using Gaoxin.Core.Formulas;

namespace Gaoxin.Core.Tests;

/// <summary>The formula language of rules and indicators.</summary>
public class FormulaTests
{
    private static readonly Dictionary<(string, int), decimal> Values = new()
    {
        [("gdp", 0)] = 200m, [("gdp", 1)] = 160m, [("area_km2", 0)] = 50m, [("employees", 0)] = 40000m,
        [("invention_patents_granted", 0)] = 120m, [("zero", 0)] = 0m, [("hte_count", 0)] = 230m, [("hte_count", 3)] = 100m,
    };

    private static decimal? Evaluate(string text) => Formula.Parse(text).Evaluate((code, lag) => Values.TryGetValue((code, lag), out var v) ? v : null);

    [Theory]
    [InlineData("gdp / area_km2", 4)]                                      // D1 地均GDP
    [InlineData("gdp / gdp@prev - 1", 0.25)]                               // D2 GDP增长率
    [InlineData("invention_patents_granted * 10000 / employees", 30)]      // I2 万人发明专利授权数
    [InlineData("2 * (gdp + 10) - -5", 425)]
    [InlineData("gdp × 2", 400)]
    [InlineData("hte_count / hte_count@prev3", 2.3)]                       // 三年倍增: this year's count over the count three years earlier
    public void Evaluates_arithmetic_with_precedence_and_prev(string text, double expected) =>
        Assert.Equal((decimal)expected, Evaluate(text));

    [Theory]
    [InlineData("gdp / zero")]          // a zero denominator gives no value, not infinity
    [InlineData("tax / area_km2")]      // a missing operand gives no value
    [InlineData("area_km2@prev + 1")]   // no value last year
    public void Missing_operands_and_zero_denominators_give_no_value(string text) => Assert.Null(Evaluate(text));

    [Theory]
    [InlineData("gdp +", "the formula ends too early")]
    [InlineData("gdp @last", "unexpected '@'")]
    [InlineData("gdp@last", "only '@prev' or '@prevN' (N years earlier) may follow an element")]
    [InlineData("gdp@prev0", "the years in '@prevN' must be 1 to 50")]
    [InlineData("(gdp", "expected ')'")]
    [InlineData("GDP", "unexpected 'G'")]
    public void Refuses_malformed_formulas_with_a_reason(string text, string reason) =>
        Assert.Equal(reason, Assert.Throws<FormulaException>(() => Formula.Parse(text)).Message);

    [Theory]
    [InlineData("gdp <= 200", true)]
    [InlineData("gdp < 200", false)]
    [InlineData("gdp@prev > area_km2", true)]
    [InlineData("gdp == 2 * gdp@prev", false)]
    public void Comparisons_hold_or_not(string text, bool expected) =>
        Assert.Equal(expected, Comparison.Parse(text).Holds((c, l) => Values.TryGetValue((c, l), out var v) ? v : null));

    [Fact]
    public void A_comparison_with_a_missing_operand_does_not_apply() =>
        Assert.Null(Comparison.Parse("tax < gdp").Holds((c, l) => Values.TryGetValue((c, l), out var v) ? v : null));

    [Fact]
    public void Operands_list_every_element_with_its_lag() =>
        Assert.Equal([("gdp", 0), ("gdp", 1)], Formula.Parse("gdp / gdp@prev - 1").Operands());

    [Fact]
    public void A_lag_of_several_years_reads_that_many_years_back_and_prints_as_written()
    {
        var formula = Formula.Parse("hte_count / hte_count@prev3");
        Assert.Equal([("hte_count", 0), ("hte_count", 3)], formula.Operands());
        Assert.Equal("hte_count@prev3", Formula.Parse("hte_count@prev3").ToString());
        Assert.Equal("gdp@prev", Formula.Parse("gdp@prev1").ToString());
    }
}
