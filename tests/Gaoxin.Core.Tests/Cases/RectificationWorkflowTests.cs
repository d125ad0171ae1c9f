using Gaoxin.Core.Cases;
using static Gaoxin.Core.Cases.RectificationWorkflow;

namespace Gaoxin.Core.Tests.Cases;

/// <summary>
/// The rectification of a yellow-carded zone and its appeals, worked by hand from the plan's 保障措施 ("对当年考核不合格的予以通报批评
/// 并'亮黄牌'警告,要求限期整改;对连续两年考核不合格的按有关程序摘牌", results "通报当地市政府").
/// </summary>
public class RectificationWorkflowTests
{
    public static TheoryData<string, string, string?, CaseActor, bool, string?, string?, CaseOutcome> Steps_taken => new()
    {
        // status, step, decision, actor, national → error, new status, outcome
        // 通报批评: the office notifies the zone (and its city government).
        { States.Opened, RectificationWorkflow.Steps.Notice, null, CaseActor.Office, false, null, States.Notified, CaseOutcome.None },
        // The zone cannot notify itself, and the office cannot write the zone's plan.
        { States.Opened, RectificationWorkflow.Steps.Notice, null, CaseActor.Zone, false, "forbidden", null, CaseOutcome.None },
        { States.Notified, RectificationWorkflow.Steps.PlanSubmitted, null, CaseActor.Office, false, "forbidden", null, CaseOutcome.None },
        // 限期整改: the plan (measures, persons, deadlines), submitted, then reviewed.
        { States.Notified, RectificationWorkflow.Steps.PlanSubmitted, null, CaseActor.Zone, false, null, States.PlanSubmitted, CaseOutcome.None },
        { States.Opened, RectificationWorkflow.Steps.PlanSubmitted, null, CaseActor.Zone, false, "step_not_allowed", null, CaseOutcome.None },
        { States.PlanSubmitted, RectificationWorkflow.Steps.PlanReview, Decisions.Returned, CaseActor.Office, false, null, States.PlanReturned, CaseOutcome.None },
        { States.PlanSubmitted, RectificationWorkflow.Steps.PlanReview, Decisions.Accepted, CaseActor.Office, false, null, States.PlanAccepted, CaseOutcome.None },
        { States.PlanSubmitted, RectificationWorkflow.Steps.PlanReview, null, CaseActor.Office, false, "decision_required", null, CaseOutcome.None },
        { States.PlanSubmitted, RectificationWorkflow.Steps.PlanReview, Decisions.Rectified, CaseActor.Office, false, "unknown_decision", null, CaseOutcome.None },
        { States.PlanSubmitted, RectificationWorkflow.Steps.PlanReview, Decisions.Accepted, CaseActor.Zone, false, "forbidden", null, CaseOutcome.None },
        // A returned plan is resubmitted.
        { States.PlanReturned, RectificationWorkflow.Steps.PlanSubmitted, null, CaseActor.Zone, false, null, States.PlanSubmitted, CaseOutcome.None },
        // Progress: any number of reports once the plan is accepted, none before.
        { States.PlanAccepted, RectificationWorkflow.Steps.Progress, null, CaseActor.Zone, false, null, States.InProgress, CaseOutcome.None },
        { States.InProgress, RectificationWorkflow.Steps.Progress, null, CaseActor.Zone, false, null, States.InProgress, CaseOutcome.None },
        { States.PlanReturned, RectificationWorkflow.Steps.Progress, null, CaseActor.Zone, false, "step_not_allowed", null, CaseOutcome.None },
        { States.InProgress, RectificationWorkflow.Steps.Progress, "accepted", CaseActor.Zone, false, "unknown_decision", null, CaseOutcome.None },
        // 复核: rectified lifts the card; not rectified is 摘牌 proposed (provincial) or reported to the ministry (national).
        { States.InProgress, RectificationWorkflow.Steps.Recheck, Decisions.Rectified, CaseActor.Office, false, null, States.Closed, CaseOutcome.Rectified },
        { States.InProgress, RectificationWorkflow.Steps.Recheck, Decisions.NotRectified, CaseActor.Office, false, null, States.Closed, CaseOutcome.DelistingProposed },
        { States.InProgress, RectificationWorkflow.Steps.Recheck, Decisions.NotRectified, CaseActor.Office, true, null, States.Closed, CaseOutcome.ReportedUpward },
        { States.PlanAccepted, RectificationWorkflow.Steps.Recheck, Decisions.Rectified, CaseActor.Office, true, null, States.Closed, CaseOutcome.Rectified },
        { States.PlanSubmitted, RectificationWorkflow.Steps.Recheck, Decisions.Rectified, CaseActor.Office, false, "step_not_allowed", null, CaseOutcome.None },
        // A later evaluation's proposal closes any open case (the proposal itself is recorded with the run).
        { States.Notified, RectificationWorkflow.Steps.Evaluation, Decisions.DelistingProposed, CaseActor.Office, false, null, States.Closed, CaseOutcome.None },
        { States.InProgress, RectificationWorkflow.Steps.Evaluation, Decisions.ReportUpward, CaseActor.Office, true, null, States.Closed, CaseOutcome.None },
        // A closed case takes nothing more.
        { States.Closed, RectificationWorkflow.Steps.Progress, null, CaseActor.Zone, false, "case_closed", null, CaseOutcome.None },
        { States.Closed, RectificationWorkflow.Steps.Recheck, Decisions.Rectified, CaseActor.Office, false, "case_closed", null, CaseOutcome.None },
        { States.Opened, "delist", null, CaseActor.Office, false, "unknown_step", null, CaseOutcome.None },
    };

    [Theory]
    [MemberData(nameof(Steps_taken))]
    public void A_rectification_step_moves_the_case_or_names_the_rule_it_breaks(string status, string step, string? decision, CaseActor actor, bool national,
        string? error, string? next, CaseOutcome outcome)
    {
        var result = Take(CaseKind.Rectification, status, step, decision, actor, national);

        Assert.Equal((error, next, outcome), (result.ErrorCode, result.Status, result.Outcome));
    }

    [Theory]
    [InlineData(Decisions.Upheld, null, States.Decided)]
    [InlineData(Decisions.Rejected, null, States.Decided)]
    [InlineData("accepted", "unknown_decision", null)]
    public void The_office_decides_an_appeal_upheld_or_rejected(string decision, string? error, string? next)
    {
        var result = Take(CaseKind.Appeal, States.Filed, RectificationWorkflow.Steps.AppealDecision, decision, CaseActor.Office, false);

        Assert.Equal((error, next), (result.ErrorCode, result.Status));
        Assert.Equal("forbidden", Take(CaseKind.Appeal, States.Filed, RectificationWorkflow.Steps.AppealDecision, decision, CaseActor.Zone, false).ErrorCode);
        Assert.Equal("case_closed", Take(CaseKind.Appeal, States.Decided, RectificationWorkflow.Steps.AppealDecision, Decisions.Upheld, CaseActor.Office, false).ErrorCode);
    }

    [Theory]
    // A plan returned on 1 March may be appealed until 16 March (15 days), not on the 17th.
    [InlineData(RectificationWorkflow.Steps.PlanReview, Decisions.Returned, "2020-03-01", "2020-03-16", false, CaseActor.Zone, null)]
    [InlineData(RectificationWorkflow.Steps.PlanReview, Decisions.Returned, "2020-03-01", "2020-03-17", false, CaseActor.Zone, "appeal_late")]
    // A re-check of 20 December may be appealed into January (4 January is the 15th day).
    [InlineData(RectificationWorkflow.Steps.Recheck, Decisions.NotRectified, "2020-12-20", "2021-01-04", false, CaseActor.Zone, null)]
    // Nothing to appeal in an accepted plan or a lifted card; one appeal per decision; the office does not appeal.
    [InlineData(RectificationWorkflow.Steps.PlanReview, Decisions.Accepted, "2020-03-01", "2020-03-02", false, CaseActor.Zone, "not_appealable")]
    [InlineData(RectificationWorkflow.Steps.Recheck, Decisions.Rectified, "2020-03-01", "2020-03-02", false, CaseActor.Zone, "not_appealable")]
    [InlineData(RectificationWorkflow.Steps.Recheck, Decisions.NotRectified, "2020-03-01", "2020-03-02", true, CaseActor.Zone, "appeal_open")]
    [InlineData(RectificationWorkflow.Steps.Recheck, Decisions.NotRectified, "2020-03-01", "2020-03-02", false, CaseActor.Office, "forbidden")]
    public void An_appeal_is_filed_by_the_zone_within_15_days_of_a_return_or_a_failed_recheck(string step, string decision, string decided, string filed,
        bool already, CaseActor actor, string? error) =>
        Assert.Equal(error, CheckAppeal(step, decision, DateOnly.Parse(decided), DateOnly.Parse(filed), already, actor));

    [Theory]
    // Upheld against a failed re-check: the card is lifted, the case stays closed.
    [InlineData(RectificationWorkflow.Steps.Recheck, States.Closed, Decisions.Upheld, States.Closed, CaseOutcome.Rectified)]
    [InlineData(RectificationWorkflow.Steps.Recheck, States.Closed, Decisions.Rejected, States.Closed, CaseOutcome.None)]
    // Upheld against a returned plan: the plan counts as accepted, unless the case has moved on.
    [InlineData(RectificationWorkflow.Steps.PlanReview, States.PlanReturned, Decisions.Upheld, States.PlanAccepted, CaseOutcome.None)]
    [InlineData(RectificationWorkflow.Steps.PlanReview, States.PlanSubmitted, Decisions.Upheld, States.PlanAccepted, CaseOutcome.None)]
    [InlineData(RectificationWorkflow.Steps.PlanReview, States.InProgress, Decisions.Upheld, States.InProgress, CaseOutcome.None)]
    [InlineData(RectificationWorkflow.Steps.PlanReview, States.PlanReturned, Decisions.Rejected, States.PlanReturned, CaseOutcome.None)]
    public void An_upheld_appeal_reverses_the_decision_it_appealed(string appealed, string parentStatus, string decision, string next, CaseOutcome outcome)
    {
        var result = AppealDecided(appealed, parentStatus, decision);

        Assert.Equal((next, outcome), (result.Status, result.Outcome));
    }

    [Fact]
    public void Deadlines_count_from_the_step_that_starts_them()
    {
        // Plan 30 days after the notice; re-check by 31 December of the year after opening; appeal decided 30 days after filing.
        Assert.Equal(new DateOnly(2020, 4, 30), PlanDue(new DateOnly(2020, 3, 31)));
        Assert.Equal(new DateOnly(2021, 12, 31), RecheckDue(new DateOnly(2020, 1, 15)));
        Assert.Equal(new DateOnly(2020, 3, 31), AppealDecisionDue(new DateOnly(2020, 3, 1)));
        Assert.Equal(new DateOnly(2020, 3, 16), AppealDeadline(new DateOnly(2020, 3, 1)));
    }

    [Fact]
    public void Each_side_sees_only_its_own_next_steps()
    {
        Assert.Equal([RectificationWorkflow.Steps.Notice], NextSteps(CaseKind.Rectification, States.Opened, CaseActor.Office));
        Assert.Empty(NextSteps(CaseKind.Rectification, States.Opened, CaseActor.Zone));
        Assert.Equal([RectificationWorkflow.Steps.Progress], NextSteps(CaseKind.Rectification, States.PlanAccepted, CaseActor.Zone));
        Assert.Equal([RectificationWorkflow.Steps.Recheck], NextSteps(CaseKind.Rectification, States.InProgress, CaseActor.Office));
        Assert.Empty(NextSteps(CaseKind.Rectification, States.Closed, CaseActor.Office));
        Assert.Equal([RectificationWorkflow.Steps.AppealDecision], NextSteps(CaseKind.Appeal, States.Filed, CaseActor.Office));
    }
}
