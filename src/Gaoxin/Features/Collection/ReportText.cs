using Gaoxin.Core.Collection;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Collection;

/// <summary>How report states and audit actions read on pages.</summary>
public static class ReportText
{
    public static string State(ReportState? state) => state switch
    {
        null => T("未填报", "not started"),
        ReportState.Draft => T("草稿", "draft"),
        ReportState.Submitted => T("已提交", "submitted"),
        ReportState.Returned => T("已退回", "returned"),
        ReportState.Approved => T("已批准", "approved"),
        _ => T("已被更正", "superseded"),
    };

    public static string State(string state) => state == "none" ? State((ReportState?)null) : State(Enum.Parse<ReportState>(state, ignoreCase: true));

    /// <summary>How a change came in (the audit's <c>via</c>), in words.</summary>
    public static string Via(string? via) => via switch
    {
        "api" => T("接口", "API"),
        "form" => T("网页", "web form"),
        "demo" => T("演示数据", "demo data"),
        "cli" => T("命令行", "command line"),
        "import" => T("文件导入", "file import"),
        "evaluation" => T("综合评价", "evaluation"),
        null or "" => "",
        _ => via,
    };

    /// <summary>A group of supplementary figures on the form: the registry's counts, the enterprises' returns, a model's figures.</summary>
    public static string Group(string group) => group switch
    {
        "registry" => T("名录计数", "registry counts"),
        "enterprise" => T("企业年报汇总", "enterprise returns"),
        _ => T("评价模型所需指标", "figures an evaluation model needs"),
    };

    /// <summary>An audit comment the platform wrote (an import that approves at once), in words; a person's comment as written.</summary>
    public static string Comment(string? comment) => comment switch
    {
        null => "",
        "imported as approved" => T("导入即批准", "imported as approved"),
        _ when System.Text.RegularExpressions.Regex.Match(comment, @"^imported as approved, replacing revision (\d+)$") is { Success: true } m
            => T($"导入即批准,取代第 {m.Groups[1].Value} 版", comment),
        _ => comment,
    };

    public static string Action(string action) => action switch
    {
        "value_set" => T("填写/修改", "value set"),
        "value_removed" => T("删除数值", "value removed"),
        "submitted" => T("提交", "submitted"),
        "approved" => T("批准", "approved"),
        "returned" => T("退回", "returned"),
        "correction_started" => T("发起更正", "correction started"),
        Data.Enterprises.EnterpriseImport.AuditAction => T("导入企业年报", "enterprise returns imported"),
        _ => action,
    };
}

/// <summary>Why the workflow refused a step, in the reader's language.</summary>
public static class RefusalText
{
    public static string Describe(string code, bool english) => code switch
    {
        "forbidden" => english ? "You may not report for this unit." : "您无权填报或审核该单位的数据。",
        "invalid_values" => english ? "Some values are not valid; nothing was saved." : "部分数值不合规,未保存。",
        "has_problems" => english ? "Fix the errors, and comment every warning, before submitting." : "请先改正错误,并为每个预警项填写说明,再提交。",
        "report_submitted" => english ? "The report is submitted and waits for review; it cannot be changed now." : "报表已提交待审核,暂不能修改。",
        "report_locked" => english ? "The report is approved and locked." : "报表已批准并锁定。",
        "report_not_submitted" => english ? "Only a submitted report can be approved or returned." : "只有已提交的报表才能批准或退回。",
        "no_open_report" => english ? "There is no draft to submit." : "没有可提交的草稿。",
        "report_empty" => english ? "The report has no values." : "报表中没有任何数值。",
        "comment_required" => english ? "Say why the report goes back." : "退回时请填写意见。",
        "stale_values" => english ? "Someone else changed these values since you opened the report; nothing was saved. Reload and edit again." : "您打开报表后,这些数值已被他人修改,本次未保存。请刷新后重新修改。",
        "bad_year" => english ? $"The year must be between {Core.InputLimits.MinYear} and {Core.InputLimits.MaxYear}." : $"年份须在 {Core.InputLimits.MinYear} 至 {Core.InputLimits.MaxYear} 之间。",
        "concurrent_change" => english ? "Someone else changed this report at the same moment; nothing was saved. Reload and try again." : "他人同时修改了该报表,本次未保存。请刷新后重试。",
        _ => code,
    };
}
