using Gaoxin.Core.Collection;
using Gaoxin.Core.Formulas;

namespace Gaoxin.Tests.Collection;

/// <summary>What the office reads beside a figure under review: the change from last year and the rules that concern it.</summary>
public sealed class ReportReviewTests
{
    [Theory]
    [InlineData("1000", "1100", "100", "10.0")]
    [InlineData("2900", "3400", "500", "17.2")]     // 500 / 2900 = 17.241…
    [InlineData("500", "480", "-20", "-4.0")]
    [InlineData("8", "9", "1", "12.5")]             // exactly half a tenth is rounded away from zero: 12.5
    [InlineData("-40", "-30", "10", "25.0")]        // a loss that shrinks is a rise against the size of last year's loss
    public void The_change_is_the_difference_and_its_share_of_last_years_size_to_one_decimal(string previous, string current, string absolute, string percent)
    {
        var change = ReportReview.Change(decimal.Parse(previous), decimal.Parse(current))!;

        Assert.Equal(decimal.Parse(absolute), change.Absolute);
        Assert.Equal(decimal.Parse(percent), change.Percent);
    }

    [Fact]
    public void Without_last_years_value_there_is_no_change_and_from_zero_no_percentage()
    {
        Assert.Null(ReportReview.Change(null, 5m));
        Assert.Null(ReportReview.Change(5m, null));
        var fromZero = ReportReview.Change(0m, 3m)!;
        Assert.Equal((3m, (decimal?)null), (fromZero.Absolute, fromZero.Percent));
    }

    private static ValidationRule Rule(string id, string check, Severity severity) =>
        new(id, check, Comparison.Parse(check), severity, id + "(中文)", id + " (English)");

    [Fact]
    public void A_rule_concerns_every_figure_it_reads_and_only_applies_when_all_are_there()
    {
        var set = new DataSetDefinition("t", 1, "t", "t", "p", "省", "Province", [],
            [Rule("hte", "hte_count <= enterprise_count", Severity.Error), Rule("tax", "tax < revenue", Severity.Warning), Rule("rd", "rd_expenditure < gdp", Severity.Error)],
            new OutlierSettings(0.5m, 3, 3));
        var values = new Dictionary<string, decimal> { ["hte_count"] = 120, ["enterprise_count"] = 480, ["tax"] = 3400, ["revenue"] = 3300, ["gdp"] = 1100 };

        var results = ReportReview.Rules(set, 2019, values, new Dictionary<int, IReadOnlyDictionary<string, decimal>>());

        Assert.Equal(["hte", "tax"], results.Select(r => r.Rule.Id));
        Assert.Equal(["hte_count", "enterprise_count"], results[0].Elements);
        Assert.True(results[0].Holds);
        Assert.False(results[1].Holds);
        Assert.False(results[1].IsError);
        Assert.Equal(["tax"], ReportReview.Concerning(results, "revenue").Select(r => r.Rule.Id));
        Assert.Empty(ReportReview.Concerning(results, "gdp"));
    }
}
