using Gaoxin.Core.Enterprises;

namespace Gaoxin.Core.Tests.Enterprises;

/// <summary>科技型中小企业评价 (2017) under rules/tech-sme-2017.yaml: 第六条 conditions, the 100-point score, the direct routes.</summary>
public class TechSmeEvaluationTests
{
    private static readonly TechSmeRuleSet Rules = RuleFiles.TechSme;

    /// <summary>
    /// Reference SME: 25 / 100 staff = 25 % → 16; R&amp;D 150 / sales 3000 = 5 % → 40 (vs 150 / 2500 costs = 6 % → 0);
    /// 3 Ⅱ类 → 18. Total 16 + 40 + 18 = 74 ≥ 60 → qualifies by score.
    /// </summary>
    internal static TechSmeInput Reference() => new(ResidentEnterprise: true, Employees: 100, StEmployees: 25, SalesRevenue: 3000m,
        TotalAssets: 5000m, RdExpense: 150m, CostExpense: 2500m, Class1Ip: 0, Class2Ip: 3, RestrictedIndustry: false, Violation: false,
        DirectQualifications: []);

    private static TechSmeResult Evaluate(TechSmeInput input) => TechSmeEvaluation.Evaluate(Rules, input);

    [Fact]
    public void Reference_sme_qualifies_by_a_score_of_74()
    {
        var result = Evaluate(Reference());

        Assert.Equal(Eligibility.Yes, result.Eligible);
        Assert.Equal(74, result.Score);
        Assert.Equal(new TechSmeBlocks(16, 40, 18), result.Blocks);
        Assert.Equal(("sales", 0.05m, 0.25m), (result.RdBasis, result.RdRatio!.Value, result.StStaffRatio!.Value));
        Assert.Equal("score", result.Route);
        Assert.Equal(["resident_enterprise", "employees", "sales_revenue", "total_assets", "not_restricted", "no_violation", "score",
            "st_staff_score_nonzero"], result.Conditions.Select(c => c.Code));
        Assert.All(result.Conditions, c => Assert.True(c.Passed, c.Code));
        // Hints: IP 18 < 0.6 × 30 = 18? no (not below); staff 16 ≥ 12; R&D 40 ≥ 30 → none.
        Assert.Empty(result.Hints);
    }

    [Theory]
    [InlineData(30, 20)]  // 30 %(含)以上
    [InlineData(29, 16)]  // 25 %–30 %
    [InlineData(25, 16)]
    [InlineData(20, 12)]
    [InlineData(15, 8)]
    [InlineData(10, 4)]   // exactly 10 %
    [InlineData(9, 0)]    // below 10 %
    public void St_staff_bands_have_inclusive_lower_bounds(int st, int points)
    {
        Assert.Equal(points, Evaluate(Reference() with { StEmployees = st }).Blocks.StStaff);
    }

    [Theory]
    [InlineData(180, 50)]  // 6 % of 3000
    [InlineData(179, 40)]  // 5.97 %
    [InlineData(120, 30)]  // 4 %
    [InlineData(90, 20)]   // 3 %
    [InlineData(60, 10)]   // 2 %
    [InlineData(59, 0)]    // 1.97 %
    public void Rd_to_sales_bands(int rd, int points)
    {
        // Costs 100,000 keep option (2) at ≤ 0.18 % → 0, so option (1) decides.
        Assert.Equal(points, Evaluate(Reference() with { RdExpense = rd, CostExpense = 100000m }).Blocks.Rd);
    }

    [Fact]
    public void The_better_rd_option_is_taken()
    {
        // (1) 150 / 3000 = 5 % → 40; (2) 150 / 500 = 30 % → 50 → cost basis, 50 points; total 16 + 50 + 18 = 84.
        var result = Evaluate(Reference() with { CostExpense = 500m });

        Assert.Equal(("cost", 0.3m, 50, 84), (result.RdBasis, result.RdRatio!.Value, result.Blocks.Rd, result.Score));
    }

    [Fact]
    public void Without_sales_or_costs_rd_scores_nothing()
    {
        var result = Evaluate(Reference() with { SalesRevenue = 0m, CostExpense = null });

        Assert.Equal(((string?)null, (decimal?)null, 0), (result.RdBasis, result.RdRatio, result.Blocks.Rd));
    }

    [Theory]
    [InlineData(1, 0, 30)]
    [InlineData(0, 4, 24)]
    [InlineData(0, 3, 18)]
    [InlineData(0, 2, 12)]
    [InlineData(0, 1, 6)]
    [InlineData(0, 0, 0)]
    public void Ip_bands(int class1, int class2, int points)
    {
        Assert.Equal(points, Evaluate(Reference() with { Class1Ip = class1, Class2Ip = class2 }).Blocks.Ip);
    }

    [Fact]
    public void A_score_of_exactly_60_qualifies_and_58_does_not()
    {
        // 20 / 100 staff → 12; R&D 120 / 3000 = 4 % → 30; 3 Ⅱ类 → 18: 60.
        var sixty = Evaluate(Reference() with { StEmployees = 20, RdExpense = 120m, CostExpense = null });
        // 25 % → 16; 4 % → 30; 2 Ⅱ类 → 12: 58.
        var fiftyEight = Evaluate(Reference() with { RdExpense = 120m, CostExpense = null, Class2Ip = 2 });

        Assert.Equal((60, Eligibility.Yes, "score"), (sixty.Score, sixty.Eligible, sixty.Route));
        Assert.Equal((58, Eligibility.No, (string?)null), (fiftyEight.Score, fiftyEight.Eligible, fiftyEight.Route));
        Assert.False(fiftyEight.Condition("score").Passed);
        Assert.Contains("score", fiftyEight.Hints.Select(h => h.Code));
    }

    [Fact]
    public void A_zero_staff_score_fails_even_with_a_high_total()
    {
        // 9 % staff → 0; R&D 6 % → 50; 1 Ⅰ类 → 30: total 80 ≥ 60 but 科技人员 scores 0.
        var result = Evaluate(Reference() with { StEmployees = 9, RdExpense = 180m, Class1Ip = 1 });

        Assert.Equal((80, Eligibility.No), (result.Score, result.Eligible));
        Assert.Equal((false, 0m), (result.Condition("st_staff_score_nonzero").Passed!.Value, result.Condition("st_staff_score_nonzero").Actual!.Value));
        Assert.Equal(["st_staff_score_nonzero", "st_staff"], result.Hints.Select(h => h.Code));
    }

    [Theory]
    [InlineData(500, 20000, 20000, true)]        // at the limits (不超过)
    [InlineData(501, 20000, 20000, false)]
    [InlineData(500, 20000.01, 20000, false)]
    [InlineData(500, 20000, 20000.01, false)]
    public void Size_limits_are_inclusive(int employees, double sales, double assets, bool eligible)
    {
        // Staff scaled to keep 25 %: employees / 4 (rounded down) → 25 % or just below, ≥ 20 % either way.
        var input = Reference() with { Employees = employees, StEmployees = employees / 4, SalesRevenue = (decimal)sales, TotalAssets = (decimal)assets, RdExpense = 1200m };

        Assert.Equal(eligible, Evaluate(input).Eligible == Eligibility.Yes);
    }

    [Theory]
    [InlineData("hte_certificate")]
    [InlineData("national_st_award")]
    [InlineData("provincial_rd_institution")]
    [InlineData("led_standard")]
    public void Each_direct_route_alone_qualifies_whatever_the_score(string route)
    {
        // 5 % staff → 0, no R&D, no IP: score 0, yet conditions 1–4 hold and the route qualifies directly.
        var input = Reference() with { StEmployees = 5, RdExpense = 0m, Class2Ip = 0, DirectQualifications = [route] };

        var result = Evaluate(input);

        Assert.Equal((Eligibility.Yes, route, 0), (result.Eligible, result.Route, result.Score));
        Assert.Equal([route], result.DirectRoutesHeld);
        Assert.Empty(result.Hints);  // the score no longer matters
    }

    [Fact]
    public void Direct_routes_need_conditions_one_to_four()
    {
        var result = Evaluate(Reference() with { Violation = true, DirectQualifications = ["hte_certificate"] });

        Assert.Equal((Eligibility.No, (string?)null), (result.Eligible, result.Route));
        Assert.Equal(["no_violation"], result.Hints.Select(h => h.Code));
    }

    [Fact]
    public void The_first_route_in_the_rule_file_is_reported_and_unknown_routes_are_ignored()
    {
        var result = Evaluate(Reference() with { DirectQualifications = ["led_standard", "made_up", "hte_certificate"] });

        Assert.Equal("hte_certificate", result.Route);
        Assert.Equal(["hte_certificate", "led_standard"], result.DirectRoutesHeld);
    }
}
