using Gaoxin.Core.Cases;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Cases;

/// <summary>The cases' words, zh-CN first then en, and the HTTP status of each refusal.</summary>
public static class CasesText
{
    public static string Kind(CaseKind kind) => kind switch
    {
        CaseKind.Rectification => T("整改", "rectification"),
        CaseKind.Appeal => T("申诉", "appeal"),
        _ => T("认定与升级申请", "application"),
    };

    public static string Status(string status) => status switch
    {
        RectificationWorkflow.States.Opened => T("已立案", "opened"),
        RectificationWorkflow.States.Notified => T("已通报,待提交整改方案", "notified; plan awaited"),
        RectificationWorkflow.States.PlanSubmitted => T("整改方案待审核", "plan submitted"),
        RectificationWorkflow.States.PlanAccepted => T("整改方案已通过", "plan accepted"),
        RectificationWorkflow.States.PlanReturned => T("整改方案被退回", "plan returned"),
        RectificationWorkflow.States.InProgress => T("整改中", "in progress"),
        RectificationWorkflow.States.Closed => T("已结案", "closed"),
        RectificationWorkflow.States.Filed => T("申诉待决定", "appeal filed"),
        RectificationWorkflow.States.Decided => T("申诉已决定", "appeal decided"),
        // An application case carries the application's state.
        _ => Enum.GetValues<Gaoxin.Core.Applications.ApplicationState>().Where(st => Gaoxin.Core.Applications.ApplicationRules.Name(st) == status)
            .Select(Gaoxin.Features.Applications.ApplicationsText.State).FirstOrDefault() ?? status,
    };

    public static string Step(string step) => step switch
    {
        RectificationWorkflow.Steps.Notice => T("通报(抄送市政府)", "notice (copied to the city government)"),
        RectificationWorkflow.Steps.PlanSubmitted => T("提交整改方案", "rectification plan"),
        RectificationWorkflow.Steps.PlanReview => T("审核整改方案", "plan review"),
        RectificationWorkflow.Steps.Progress => T("报告整改进展", "progress report"),
        RectificationWorkflow.Steps.Recheck => T("复核", "re-check"),
        RectificationWorkflow.Steps.Evaluation => T("年度评价结果", "evaluation result"),
        RectificationWorkflow.Steps.Appeal => T("提出申诉", "appeal filed"),
        RectificationWorkflow.Steps.AppealDecision => T("申诉决定", "appeal decision"),
        RectificationWorkflow.Steps.Filing => T("申诉理由", "appeal filed"),
        // An application case's steps are the application's states (submitted, in_review …).
        _ => Status(step),
    };

    public static string Decision(string? decision) => decision switch
    {
        null => "",
        RectificationWorkflow.Decisions.Accepted => T("通过", "accepted"),
        RectificationWorkflow.Decisions.Returned => T("退回", "returned"),
        RectificationWorkflow.Decisions.Rectified => T("整改到位,撤销黄牌", "rectified; card lifted"),
        RectificationWorkflow.Decisions.NotRectified => T("整改不到位", "not rectified"),
        RectificationWorkflow.Decisions.Upheld => T("申诉成立", "upheld"),
        RectificationWorkflow.Decisions.Rejected => T("申诉不成立", "rejected"),
        RectificationWorkflow.Decisions.DelistingProposed => T("建议摘牌", "delisting proposed"),
        RectificationWorkflow.Decisions.ReportUpward => T("报请科技部", "reported to the ministry"),
        _ => decision,
    };

    public static string Field(string key) => key switch
    {
        "measures" => T("整改措施", "Measures"),
        "responsible" => T("责任人", "Responsible persons"),
        "deadlines" => T("完成时限", "Deadlines"),
        "progress" => T("进展", "Progress"),
        _ => key,
    };

    /// <summary>Where a step's field is shown: a plan's measures, then its persons and deadlines, then anything else.</summary>
    public static int FieldOrder(string key) => key switch { "measures" => 0, "responsible" => 1, "deadlines" => 2, "progress" => 3, _ => 4 };

    /// <summary>The HTTP status of a refusal: 404 not found, 403 the other side's step, 409 a stale version or a state that moved on, else 422.</summary>
    public static Shared.RefusalKind Kind(string code) => code switch
    {
        "not_found" => Shared.RefusalKind.NotFound,
        "forbidden" => Shared.RefusalKind.Forbidden,
        "stale" or "case_closed" or "step_not_allowed" or "appeal_open" => Shared.RefusalKind.Conflict,
        _ => Shared.RefusalKind.Invalid,
    };

    /// <summary>The HTTP status of a refusal (the pages answer it too), from its kind: <see cref="Shared.Problems.StatusOf"/>.</summary>
    public static int StatusOf(string code) => Shared.Problems.StatusOf(Kind(code));

    public static string Refusal(string code) => code switch
    {
        "not_found" => T("没有这个案件。", "No such case."),
        "forbidden" => T("这一步不由您办理。", "This step is not yours to take."),
        "version_required" => T("请求须带上案件的 version。", "Send the case's version."),
        "stale" => T("案件已被他人更新,请刷新后重试。", "The case changed since you read it; reload and try again."),
        "case_closed" => T("案件已结案。", "The case is closed."),
        "step_not_allowed" => T("案件当前状态下不能办理这一步。", "This step cannot be taken in the case's current state."),
        "unknown_step" => T("未知的步骤。", "Unknown step."),
        "decision_required" => T("这一步须作出决定。", "This step needs a decision."),
        "unknown_decision" => T("这一步不接受该决定。", "This step does not take that decision."),
        "comment_required" => T("请写明理由或进展。", "Give the reasons or the progress."),
        "plan_incomplete" => T("整改方案须写明整改措施。", "A plan names its measures."),
        "not_appealable" => T("没有可申诉的决定(仅整改方案退回和复核不合格可申诉)。", "Nothing to appeal: only a returned plan or a failed re-check is appealed."),
        "appeal_late" => T("已超过申诉期限(决定后15日内)。", "Too late: an appeal is filed within 15 days of the decision."),
        "appeal_open" => T("该决定已提出过申诉。", "That decision has been appealed already."),
        "file_empty" => T("文件为空。", "The file is empty."),
        "file_too_large" => T("文件超过 10 MB。", "The file is larger than 10 MB."),
        "no_yellow_card" => T("该高新区当前没有黄牌。", "The zone has no yellow card."),
        _ => code,
    };
}
