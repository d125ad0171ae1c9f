namespace Gaoxin.Core.Cases;

/// <summary>Who takes a step of a rectification or an appeal.</summary>
public enum CaseActor
{
    /// <summary>The provincial office (省高新区工作推进组): notices, reviews, re-checks and decides.</summary>
    Office,
    /// <summary>The zone's management committee (管委会): plans, progress reports and appeals, for its own zone only.</summary>
    Zone,
}

/// <summary>What a step causes in the zone's history (the registry records it in the step's transaction).</summary>
public enum CaseOutcome
{
    /// <summary>Nothing beyond the case.</summary>
    None,
    /// <summary>The yellow card is lifted (整改完成): <c>Rectified</c>.</summary>
    Rectified,
    /// <summary>A provincial zone not rectified is proposed for delisting (按有关程序摘牌): <c>DelistingProposed</c>.</summary>
    DelistingProposed,
    /// <summary>A national zone not rectified is reported to the ministry, which alone delists it: <c>ReportedUpward</c>.</summary>
    ReportedUpward,
}

/// <summary>The outcome of a step: the case's new status and what it causes, or the code of the rule it breaks.</summary>
public sealed record CaseStepResult(string? ErrorCode, string? Status, CaseOutcome Outcome)
{
    /// <summary>True when the step is allowed.</summary>
    public bool Succeeded => ErrorCode is null;

    /// <summary>True when the step ends the case.</summary>
    public bool Closes => Status is RectificationWorkflow.States.Closed or RectificationWorkflow.States.Decided;

    internal static CaseStepResult Refused(string code) => new(code, null, CaseOutcome.None);
}

/// <summary>
/// The rectification (整改) of a zone given a yellow card, and the zone's appeal (申诉) against a decision of it.
/// The plan's 保障措施: "对当年考核不合格的予以通报批评并'亮黄牌'警告,要求限期整改;对连续两年考核不合格的按有关程序摘牌",
/// and the results are "通报当地市政府". A published evaluation's yellow card opens the case (<see cref="States.Opened"/>);
/// the office's notice (通报, to the zone and its city government) asks for a plan; the zone's plan (measures, responsible
/// persons, deadlines) is accepted or returned; the zone reports progress; the office's re-check (复核) decides: rectified lifts the
/// card, not rectified proposes delisting (provincial) or reports the zone to the ministry (national). A later published
/// evaluation that already proposes delisting or reports upward closes an open case with an <see cref="Steps.Evaluation"/> step.
/// </summary>
public static class RectificationWorkflow
{
    /// <summary>The states (wire names) of a rectification and of an appeal.</summary>
    public static class States
    {
        /// <summary>Opened by a published yellow card; waits for the office's notice.</summary>
        public const string Opened = "opened";
        /// <summary>Notified (通报); waits for the zone's rectification plan.</summary>
        public const string Notified = "notified";
        /// <summary>The plan is with the office for review.</summary>
        public const string PlanSubmitted = "plan_submitted";
        /// <summary>The plan is accepted; the zone reports progress.</summary>
        public const string PlanAccepted = "plan_accepted";
        /// <summary>The plan was returned; the zone resubmits.</summary>
        public const string PlanReturned = "plan_returned";
        /// <summary>Progress reported at least once; waits for the re-check.</summary>
        public const string InProgress = "in_progress";
        /// <summary>Re-checked, or closed by a later evaluation.</summary>
        public const string Closed = "closed";
        /// <summary>An appeal filed; waits for the office's decision.</summary>
        public const string Filed = "filed";
        /// <summary>An appeal decided.</summary>
        public const string Decided = "decided";
    }

    /// <summary>The steps (wire names).</summary>
    public static class Steps
    {
        /// <summary>The office's notice (通报) to the zone and its city government.</summary>
        public const string Notice = "notice";
        /// <summary>The zone's rectification plan: measures, responsible persons, deadlines.</summary>
        public const string PlanSubmitted = "plan_submitted";
        /// <summary>The office's review of the plan: <c>accepted</c> or <c>returned</c>.</summary>
        public const string PlanReview = "plan_review";
        /// <summary>A progress report of the zone (any number).</summary>
        public const string Progress = "progress";
        /// <summary>The office's re-check (复核): <c>rectified</c> or <c>not_rectified</c>.</summary>
        public const string Recheck = "recheck";
        /// <summary>A later published evaluation proposed delisting or reported upward; the case closes with it.</summary>
        public const string Evaluation = "evaluation";
        /// <summary>An appeal filed against this case's decision (recorded on the case appealed against).</summary>
        public const string Appeal = "appeal";
        /// <summary>The office's decision on an appeal: <c>upheld</c> or <c>rejected</c>.</summary>
        public const string AppealDecision = "appeal_decision";
        /// <summary>The zone files an appeal (the first step of an appeal case).</summary>
        public const string Filing = "filing";
    }

    /// <summary>The decisions (wire names).</summary>
    public static class Decisions
    {
        public const string Accepted = "accepted";
        public const string Returned = "returned";
        public const string Rectified = "rectified";
        public const string NotRectified = "not_rectified";
        public const string Upheld = "upheld";
        public const string Rejected = "rejected";
        public const string DelistingProposed = "delisting_proposed";
        public const string ReportUpward = "report_upward";
    }

    /// <summary>Days the zone has to submit its plan after the notice.</summary>
    public const int PlanDays = 30;
    /// <summary>Days the zone has to appeal after the decision it appeals.</summary>
    public const int AppealDays = 15;
    /// <summary>Days the office has to decide an appeal after it is filed.</summary>
    public const int AppealDecisionDays = 30;

    /// <summary>The plan is due <see cref="PlanDays"/> days after the notice.</summary>
    public static DateOnly PlanDue(DateOnly noticeOn) => noticeOn.AddDays(PlanDays);

    /// <summary>The re-check is due 31 December of the year after the case opened (限期整改至次年12月31日).</summary>
    public static DateOnly RecheckDue(DateOnly openedOn) => new(openedOn.Year + 1, 12, 31);

    /// <summary>The last day an appeal against a decision of <paramref name="decidedOn"/> may be filed.</summary>
    public static DateOnly AppealDeadline(DateOnly decidedOn) => decidedOn.AddDays(AppealDays);

    /// <summary>The appeal's decision is due <see cref="AppealDecisionDays"/> days after filing.</summary>
    public static DateOnly AppealDecisionDue(DateOnly filedOn) => filedOn.AddDays(AppealDecisionDays);

    /// <summary>True while a rectification or an appeal is not yet closed or decided.</summary>
    public static bool IsOpen(string status) => status is not (States.Closed or States.Decided);

    /// <summary>Who takes <paramref name="step"/>, or null for a step nobody takes by hand (the evaluation's).</summary>
    public static CaseActor? TakenBy(string step) => step switch
    {
        Steps.Notice or Steps.PlanReview or Steps.Recheck or Steps.AppealDecision => CaseActor.Office,
        Steps.PlanSubmitted or Steps.Progress or Steps.Filing => CaseActor.Zone,
        _ => null,
    };

    /// <summary>The steps <paramref name="actor"/> may take next on a case of <paramref name="kind"/> in <paramref name="status"/>.</summary>
    public static IReadOnlyList<string> NextSteps(CaseKind kind, string status, CaseActor actor)
    {
        string[] candidates = kind == CaseKind.Appeal
            ? [Steps.AppealDecision]
            : [Steps.Notice, Steps.PlanSubmitted, Steps.PlanReview, Steps.Progress, Steps.Recheck];
        return candidates.Where(s => TakenBy(s) == actor && Take(kind, status, s, DecisionsOf(s).FirstOrDefault(), actor, false).Succeeded).ToList();
    }

    /// <summary>The decisions a step takes (empty: the step decides nothing).</summary>
    public static IReadOnlyList<string> DecisionsOf(string step) => step switch
    {
        Steps.PlanReview => [Decisions.Accepted, Decisions.Returned],
        Steps.Recheck => [Decisions.Rectified, Decisions.NotRectified],
        Steps.AppealDecision => [Decisions.Upheld, Decisions.Rejected],
        Steps.Evaluation => [Decisions.DelistingProposed, Decisions.ReportUpward],
        _ => [],
    };

    /// <summary>
    /// Takes a step of a rectification or an appeal: the new status and what it causes in the zone's history, or the code of
    /// the broken rule — <c>forbidden</c> (the other side's step), <c>unknown_step</c>, <c>decision_required</c>,
    /// <c>unknown_decision</c>, <c>case_closed</c>, <c>step_not_allowed</c> (not in this state).
    /// </summary>
    /// <param name="kind">A rectification or an appeal.</param>
    /// <param name="status">The case's status.</param>
    /// <param name="step">The step (see <see cref="Steps"/>).</param>
    /// <param name="decision">The decision, for a step that decides.</param>
    /// <param name="actor">Who takes it. The evaluation's step is the office's (it comes with a published run).</param>
    /// <param name="nationalZone">The zone is national: a failed re-check reports it upward instead of proposing delisting.</param>
    public static CaseStepResult Take(CaseKind kind, string status, string step, string? decision, CaseActor actor, bool nationalZone)
    {
        if (kind is not (CaseKind.Rectification or CaseKind.Appeal)) return CaseStepResult.Refused("unknown_step");
        var allowed = kind == CaseKind.Appeal ? step == Steps.AppealDecision : step is Steps.Notice or Steps.PlanSubmitted or Steps.PlanReview
            or Steps.Progress or Steps.Recheck or Steps.Evaluation;
        if (!allowed) return CaseStepResult.Refused("unknown_step");
        if ((TakenBy(step) ?? CaseActor.Office) != actor) return CaseStepResult.Refused("forbidden");
        var decisions = DecisionsOf(step);
        if (decisions.Count > 0 && string.IsNullOrEmpty(decision)) return CaseStepResult.Refused("decision_required");
        if (decisions.Count > 0 && !decisions.Contains(decision!)) return CaseStepResult.Refused("unknown_decision");
        if (decisions.Count == 0 && !string.IsNullOrEmpty(decision)) return CaseStepResult.Refused("unknown_decision");
        if (!IsOpen(status)) return CaseStepResult.Refused("case_closed");

        CaseStepResult To(string next, CaseOutcome outcome = CaseOutcome.None) => new(null, next, outcome);
        return (kind, step, status) switch
        {
            (CaseKind.Appeal, Steps.AppealDecision, States.Filed) => To(States.Decided),
            (CaseKind.Rectification, Steps.Notice, States.Opened) => To(States.Notified),
            (CaseKind.Rectification, Steps.PlanSubmitted, States.Notified or States.PlanReturned) => To(States.PlanSubmitted),
            (CaseKind.Rectification, Steps.PlanReview, States.PlanSubmitted) =>
                To(decision == Decisions.Accepted ? States.PlanAccepted : States.PlanReturned),
            (CaseKind.Rectification, Steps.Progress, States.PlanAccepted or States.InProgress) => To(States.InProgress),
            // 复核: rectified lifts the card (亮黄牌 → 整改完成); not rectified goes the way of 摘牌 — proposed for a provincial zone,
            // reported to the ministry (which alone delists) for a national one.
            (CaseKind.Rectification, Steps.Recheck, States.PlanAccepted or States.InProgress) => decision == Decisions.Rectified
                ? To(States.Closed, CaseOutcome.Rectified)
                : To(States.Closed, nationalZone ? CaseOutcome.ReportedUpward : CaseOutcome.DelistingProposed),
            // The evaluation's own proposal is recorded when the run is published; the case only closes.
            (CaseKind.Rectification, Steps.Evaluation, _) => To(States.Closed),
            _ => CaseStepResult.Refused("step_not_allowed"),
        };
    }

    /// <summary>
    /// May the zone appeal the decision <paramref name="decision"/> of <paramref name="step"/>, taken on
    /// <paramref name="decidedOn"/>, by filing on <paramref name="filedOn"/>? Returns null, or <c>not_appealable</c> (only a
    /// returned plan and a re-check that found the zone not rectified are appealed), <c>appeal_late</c> (more than
    /// <see cref="AppealDays"/> days after the decision), <c>appeal_open</c> (an appeal against it is pending or decided),
    /// <c>forbidden</c> (not the zone).
    /// </summary>
    public static string? CheckAppeal(string step, string? decision, DateOnly decidedOn, DateOnly filedOn, bool alreadyAppealed, CaseActor actor)
    {
        if (actor != CaseActor.Zone) return "forbidden";
        var appealable = (step, decision) is (Steps.PlanReview, Decisions.Returned) or (Steps.Recheck, Decisions.NotRectified);
        if (!appealable) return "not_appealable";
        if (alreadyAppealed) return "appeal_open";
        if (filedOn > AppealDeadline(decidedOn)) return "appeal_late";
        return null;
    }

    /// <summary>
    /// What an upheld appeal does to the case appealed against: against a returned plan the plan counts as accepted
    /// (status <see cref="States.PlanAccepted"/>, unless the case has moved past review); against a failed re-check the decision is reversed: the card is lifted
    /// (<see cref="CaseOutcome.Rectified"/>) and the case stays closed. A rejected appeal changes nothing.
    /// </summary>
    public static CaseStepResult AppealDecided(string appealedStep, string parentStatus, string decision) =>
        decision != Decisions.Upheld ? new CaseStepResult(null, parentStatus, CaseOutcome.None)
        : appealedStep == Steps.PlanReview ? new CaseStepResult(null,
            parentStatus is States.PlanReturned or States.PlanSubmitted ? States.PlanAccepted : parentStatus, CaseOutcome.None)
        : new CaseStepResult(null, States.Closed, CaseOutcome.Rectified);
}
