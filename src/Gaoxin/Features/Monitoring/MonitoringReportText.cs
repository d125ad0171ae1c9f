using Gaoxin.Core.Monitoring;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Monitoring;

/// <summary>How the monitoring report, the zones' task reports and self-assessments read, in Chinese or English.</summary>
public static class MonitoringReportText
{
    /// <summary>The report's title.</summary>
    public static string Title(ReportDocument d) => d.Kind == "midterm"
        ? T($"《{d.PlanTitle}》中期评估报告({d.Period.From}—{d.Period.To}年)", $"{d.PlanTitleEn}: mid-term review {d.Period.From}–{d.Period.To}")
        : T($"《{d.PlanTitle}》{d.Year}年度监测报告", $"{d.PlanTitleEn}: monitoring report {d.Year}");

    /// <summary>A chapter's heading.</summary>
    public static string Chapter(string chapter) => chapter switch
    {
        "summary" => T("一、总体情况", "1. Overview"),
        "targets" => T("二、发展目标完成情况", "2. Targets"),
        "tasks" => T("三、重点任务进展", "3. Key tasks"),
        "registries" => T("四、创新载体与平台变化", "4. Registries' changes"),
        "evaluation" => T("五、综合评价结果", "5. Evaluation results"),
        "cases" => T("六、整改与申请事项", "6. Rectification and applications"),
        "self_assessments" => T("七、高新区自评情况", "7. Zones' self-assessments"),
        "outlook" => T("八、存在问题与下一步工作", "8. Problems and next steps"),
        _ => chapter,
    };

    /// <summary>A section of a self-assessment.</summary>
    public static string Section(string section) => section switch
    {
        "targets" => T("目标完成情况", "Targets"),
        "tasks" => T("重点任务落实情况", "Tasks"),
        "measures" => T("主要举措", "Measures"),
        "problems" => T("存在问题", "Problems"),
        "next_year" => T("下一年度工作计划", "Next year's plan"),
        _ => section,
    };

    /// <summary>A target status.</summary>
    public static string TargetStatus(string status) => status switch
    {
        "achieved" => T("已达标", "achieved"),
        "on_track" => T("按进度", "on track"),
        "at_risk" => T("有风险", "at risk"),
        "off_track" => T("滞后", "off track"),
        "no_data_source" => T("暂无数据来源", "no data source"),
        _ => T("暂无数据", "no data"),
    };

    /// <summary>A zone's or the office's task status.</summary>
    public static string TaskStatus(string? status) => status switch
    {
        "done" => T("已完成", "done"),
        "on_track" => T("按计划推进", "on track"),
        "in_progress" => T("推进中", "in progress"),
        "delayed" => T("滞后", "delayed"),
        null => "—",
        _ => T("未启动", "not started"),
    };

    /// <summary>A report edition's or a self-assessment's state.</summary>
    public static string State(string state) => state switch
    {
        "draft" => T("草稿", "draft"),
        "in_review" => T("审核中", "in review"),
        "published" => T("已发布", "published"),
        "submitted" => T("已提交", "submitted"),
        "returned" => T("已退回", "returned"),
        "accepted" => T("已接收", "accepted"),
        _ => state,
    };

    /// <summary>A registry type.</summary>
    public static string Registry(string type) => Registries.RegistryText.TypeName(type, IsEnglish);

    /// <summary>What a refusal means.</summary>
    public static string Refusal(string code) => code switch
    {
        "forbidden" => T("无权执行此操作。", "You may not do this."),
        "not_found" => T("未找到。", "Not found."),
        "stale" => T("该记录已被他人修改,请刷新后重试(未作任何更改)。", "Someone changed this record meanwhile; reload and try again (nothing was changed)."),
        "no_period" => T("中期评估只针对规划期前半程的最后一年。", "A mid-term review is made for the last year of the plan period's first half only."),
        "unknown_kind" => T("报告类型应为 yearly 或 midterm。", "The kind is yearly or midterm."),
        "no_draft" => T("该报告尚无草稿,请先新建草稿。", "The report has no draft yet; open one first."),
        "unknown_chapter" => T("未知的章节。", "Unknown chapter."),
        "report_published" => T("报告已发布,不能再修改;如需修订请新建一版。", "The report is published and cannot change; open a new edition."),
        "report_in_review" => T("报告审核中,退回后才能修改。", "The report is in review; return it to edit."),
        "report_not_in_review" => T("报告未提交审核。", "The report is not in review."),
        "unknown_task" => T("该任务未分配给本高新区。", "The task is not assigned to this zone."),
        "unknown_status" => T("状态应为 not_started、on_track、delayed 或 done。", "The status is not_started, on_track, delayed or done."),
        "assessment_submitted" => T("自评报告已提交,等待审核。", "The self-assessment is submitted and waits for the office."),
        "assessment_locked" => T("自评报告已接收,不能再修改。", "The self-assessment is accepted and locked."),
        "assessment_incomplete" => T("五个部分都填写后才能提交。", "Fill in all five sections before submitting."),
        "assessment_not_submitted" => T("自评报告尚未提交。", "The self-assessment is not submitted."),
        "comment_required" => T("退回时请写明原因。", "Say why when returning."),
        _ => code,
    };

    /// <summary>The HTTP status of a refusal: 403, 404, 409 for a race or a state that does not allow the step, else 422.</summary>
    public static Shared.RefusalKind Kind(string code) => code switch
    {
        "forbidden" => Shared.RefusalKind.Forbidden,
        "not_found" => Shared.RefusalKind.NotFound,
        "stale" or "no_draft" or "report_published" or "report_in_review" or "report_not_in_review" or "assessment_submitted" or "assessment_locked"
            or "assessment_not_submitted" => Shared.RefusalKind.Conflict,
        _ => Shared.RefusalKind.Invalid,
    };

    /// <summary>The HTTP status of a refusal (the pages answer it too), from its kind: <see cref="Shared.Problems.StatusOf"/>.</summary>
    public static int Status(string code) => Shared.Problems.StatusOf(Kind(code));

    /// <summary>A number as the report prints it: up to 2 decimals, or a dash.</summary>
    public static string N(decimal? value) => value is { } v ? v.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture) : "—";

    /// <summary>A share as a percentage, or a dash.</summary>
    public static string Percent(decimal? share) => share is { } s ? (s * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>A signed change, or a dash.</summary>
    public static string Signed(decimal? value) => value is { } v ? (v > 0 ? "+" : "") + N(v) : "—";
}
