using Gaoxin.Core.Enterprises;

namespace Gaoxin.Core.Tests.Enterprises;

/// <summary>
/// The reserve pool under rules/reserve-pool-default.yaml: enter when the 高企 self-assessment says depends, on a near miss
/// (verdict no, best score ≥ 60, at most one ratio condition failed, the required conditions met), or as a qualified
/// 科技型中小企业; then a pipeline candidate → in_pool → trained → applied → recognised / dropped.
/// </summary>
public class ReservePoolTests
{
    private static readonly ReservePoolRuleSet Rules = RuleFiles.ReservePool;

    private static HteAssessmentResult Hte(HteInput input) => HteAssessment.Assess(RuleFiles.Hte, input);

    private static ReserveEntryDecision Admit(HteInput? hte, TechSmeInput? sme = null) => ReservePool.Admit(Rules,
        hte is null ? null : Hte(hte), sme is null ? null : TechSmeEvaluation.Evaluate(RuleFiles.TechSme, sme));

    [Fact]
    public void A_depends_verdict_enters_the_pool()
    {
        // The reference enterprise scores [63, 78] with every condition met → depends.
        Assert.Equal(new[] { "hte_depends" }, Admit(HteAssessmentTests.Reference()).Routes);
    }

    [Fact]
    public void One_failed_ratio_with_a_best_score_of_78_is_a_near_miss()
    {
        // 19 / 200 staff = 9.5 % < 10 %: verdict no, one ratio condition failed, best score 78 ≥ 60.
        var decision = Admit(HteAssessmentTests.Reference() with { StEmployees = 19 });

        Assert.True(decision.Admitted);
        Assert.Equal(["hte_near_miss"], decision.Routes);
    }

    [Fact]
    public void All_conditions_met_but_a_best_score_of_62_is_a_near_miss()
    {
        // Reference with 先进程度 D 1–2, 核心支持 D 1–2 → IP [1+1+7+1+0, 2+2+8+6+0] = [10, 18]; total [10+19+16+10, 18+24+16+12]
        // = [55, 70] → no (70 < 71), no condition failed, 70 ≥ 60.
        var input = HteAssessmentTests.Reference() with
        {
            Innovation = HteAssessmentTests.Reference().Innovation with { TechAdvancement = "D", CoreSupport = "D" },
        };
        Assert.Equal(new ScoreRange(55, 70), Hte(input).Score);

        Assert.Equal(["hte_near_miss"], Admit(input).Routes);
    }

    [Fact]
    public void Two_failed_ratios_are_not_a_near_miss()
    {
        // 9.5 % staff and 3599 / 6000 high-tech revenue: two ratio conditions fail.
        Assert.False(Admit(HteAssessmentTests.Reference() with { StEmployees = 19, HighTechRevenue = 3599m }).Admitted);
    }

    [Fact]
    public void A_failed_required_condition_is_not_a_near_miss()
    {
        // Registered 180 days before the assessment.
        Assert.False(Admit(HteAssessmentTests.Reference() with { RegisteredOn = new DateOnly(2021, 1, 1) }).Admitted);
    }

    [Fact]
    public void A_best_score_below_60_is_not_a_near_miss()
    {
        // 先进程度 E 0, 核心支持 E 0, 标准 0, IP A 7–8, 获得 A 1–6 → [8, 14]; 3 conversions → E [1, 6]; management 16;
        // growth [10, 12]: total [35, 48]. Plus 9.5 % staff. Best 48 < 60.
        var input = HteAssessmentTests.Reference() with
        {
            StEmployees = 19, Innovation = HteAssessmentTests.Reference().Innovation with { TechAdvancement = "E", CoreSupport = "E", Conversions = 3 },
        };
        Assert.Equal(new ScoreRange(35, 48), Hte(input).Score);

        Assert.False(Admit(input).Admitted);
    }

    [Fact]
    public void A_yes_verdict_alone_does_not_enter_but_a_qualified_sme_does()
    {
        Assert.False(Admit(HteAssessmentTests.Strong()).Admitted);
        Assert.Equal(["tech_sme"], Admit(HteAssessmentTests.Strong(), TechSmeEvaluationTests.Reference()).Routes);
        Assert.Equal(["tech_sme"], Admit(null, TechSmeEvaluationTests.Reference()).Routes);
        Assert.False(Admit(null, TechSmeEvaluationTests.Reference() with { Violation = true }).Admitted);
    }

    /// <summary>
    /// A company registered six months before the assessment (2021-01-01 → 2021-06-30, 180 days) and otherwise the strong
    /// reference: 认定办法 第十一条(一) fails, so the verdict is no. The pool's near-miss route requires registered_one_year
    /// (reserve-pool-default.yaml, after domain.md §5.4: "registered ≥ 1 year"), and hte_depends needs a depends verdict.
    /// </summary>
    private static HteInput SixMonthsOld() => HteAssessmentTests.Strong() with { RegisteredOn = new DateOnly(2021, 1, 1) };

    [Fact]
    public void For_a_six_month_old_company_the_hint_and_the_pool_give_the_same_answer()
    {
        var hte = Hte(SixMonthsOld());
        Assert.Equal((false, Eligibility.No), (hte.Condition("registered_one_year").Passed!.Value, hte.Eligible));

        var outlook = ReservePool.Outlook(Rules, hte);
        var pool = ReservePool.Admit(Rules, hte, null);

        // Not admitted on the self-assessment alone, by either; the only way left is the 科技型中小企业 route…
        Assert.Equal((false, false), (outlook.Admitted, pool.Admitted));
        Assert.Equal(pool.Routes, outlook.Routes);
        Assert.Equal(["tech_sme"], outlook.OtherRoutes.Select(r => r.Id));
        // …which the pool indeed takes once the company is a qualified 科技型中小企业.
        Assert.Equal(["tech_sme"], Admit(SixMonthsOld(), TechSmeEvaluationTests.Reference()).Routes);
        // The assessment's own hints no longer promise the pool: the rule file's hint for 第十一条(一) says when to apply only.
        Assert.All(hte.Hints, h => Assert.DoesNotContain("后备库", h.Zh, StringComparison.Ordinal));
        Assert.All(hte.Hints, h => Assert.DoesNotContain("reserve pool", h.En, StringComparison.Ordinal));
    }

    [Fact]
    public void The_outlook_admits_exactly_when_the_pool_admits_on_the_self_assessment()
    {
        // depends (the reference), a near miss (9.5 % staff), eligible (strong), six months old.
        foreach (var input in new[] { HteAssessmentTests.Reference(), HteAssessmentTests.Reference() with { StEmployees = 19 }, HteAssessmentTests.Strong(), SixMonthsOld() })
        {
            var hte = Hte(input);
            var (pool, outlook) = (ReservePool.Admit(Rules, hte, null), ReservePool.Outlook(Rules, hte));
            Assert.Equal((pool.Admitted, pool.Routes), (outlook.Admitted, outlook.Routes), (a, b) => a.Item1 == b.Item1 && a.Item2.SequenceEqual(b.Item2));
        }
    }

    [Fact]
    public void The_pipeline_allows_only_the_moves_in_the_file()
    {
        Assert.Equal(new ReserveMove(true, ReserveStage.InPool, null), ReservePool.Move(Rules, ReserveStage.Candidate, ReserveStage.InPool));
        Assert.Equal(new ReserveMove(false, ReserveStage.Candidate, "transition_not_allowed"),
            ReservePool.Move(Rules, ReserveStage.Candidate, ReserveStage.Applied));
        Assert.Equal(new ReserveMove(true, ReserveStage.InPool, null), ReservePool.Move(Rules, ReserveStage.Applied, ReserveStage.InPool));
        Assert.Equal([ReserveStage.Trained, ReserveStage.Dropped], ReservePool.Next(Rules, ReserveStage.InPool));
        Assert.Equal([ReserveStage.Recognised, ReserveStage.InPool, ReserveStage.Dropped], ReservePool.Next(Rules, ReserveStage.Applied));
    }

    [Theory]
    [InlineData(ReserveStage.Recognised)]
    [InlineData(ReserveStage.Dropped)]
    public void Recognised_and_dropped_are_terminal(ReserveStage stage)
    {
        Assert.True(ReservePool.IsTerminal(Rules, stage));
        Assert.Equal(new ReserveMove(false, stage, "terminal_stage"), ReservePool.Move(Rules, stage, ReserveStage.InPool));
    }

    [Fact]
    public void Stages_have_wire_names_and_display_names()
    {
        Assert.Equal(["candidate", "in_pool", "trained", "applied", "recognised", "dropped"], Rules.Stages.Select(s => EnterpriseWire.Name(s.Stage)));
        Assert.Equal(("入库", "In the pool"), (Rules.Stages[1].Name, Rules.Stages[1].NameEn));
    }
}
