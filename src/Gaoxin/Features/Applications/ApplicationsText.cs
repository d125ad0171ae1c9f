using Gaoxin.Core.Applications;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Applications;

/// <summary>The words of applications for status and expert review, Chinese first.</summary>
public static class ApplicationsText
{
    public static string Kind(ApplicationKind kind) => kind == ApplicationKind.NewProvincial
        ? T("新设省级高新区", "New provincial-level zone")
        : T("推荐升级国家级高新区", "Proposal for national level");

    public static string State(ApplicationState state) => state switch
    {
        ApplicationState.Submitted => T("已提交", "Submitted"),
        ApplicationState.ConditionsChecked => T("已完成条件审查", "Conditions checked"),
        ApplicationState.InReview => T("专家评审中", "In expert review"),
        ApplicationState.Reviewed => T("评审完成", "Reviewed"),
        ApplicationState.Approved => T("已批准", "Approved"),
        ApplicationState.Rejected => T("未批准", "Rejected"),
        ApplicationState.Proposed => T("已推荐至科技部", "Proposed to the ministry"),
        _ => T("科技部已批准升级", "Approved by the ministry"),
    };

    public static string Step(string step) => step switch
    {
        "submitted" => T("提交申请", "Submitted"),
        "check" => T("条件审查", "Conditions checked"),
        "review" => T("组织专家评审", "Sent to expert review"),
        "reviewed" => T("专家评审结束", "Expert review closed"),
        "approve" => T("省高新办批准", "Approved by the office"),
        "reject" => T("不予批准", "Rejected"),
        "ministry_approve" => T("科技部批准升级", "Approved by the ministry"),
        _ => step,
    };

    /// <summary>A step's decision as shown: the checklist's outcome, the state reached, or the panel's mean.</summary>
    public static string Decision(string decision) => decision switch
    {
        "met" => T("条件全部符合", "all conditions met"),
        "not_met" => T("有条件不符合", "a condition not met"),
        "incomplete" => T("部分条件缺数据", "some figures missing"),
        "rejected" => T("不予批准", "rejected"),
        _ when ApplicationRules.ParseState(decision) is { } state => State(state),
        _ when decimal.TryParse(decision, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var mean) =>
            T($"平均分 {mean:0.##}", $"mean {mean:0.##}"),
        _ => decision,
    };

    public static string Met(bool? met) => met switch { true => T("符合", "Met"), false => T("不符合", "Not met"), null => T("缺数据", "No figure") };

    public static string Source(string source) => source == "figures_in_force" ? T("本区已审核数据", "Zone's approved data") : T("申请填报", "Typed in the form");

    public static string Item(string item) => item switch
    {
        "application" => T("认定与升级申请", "Application for status"),
        "indicator" => T("评价模型的专家评分指标", "Expert-score indicator of a model"),
        _ => T("规划中期评估", "Mid-term review"),
    };

    public static Shared.RefusalKind Kind(string code) => code switch
    {
        "forbidden" => Shared.RefusalKind.Forbidden,
        "not_found" => Shared.RefusalKind.NotFound,
        "stale" or "application_open" or "panel_open" or "zone_exists" or "conflict_declared" => Shared.RefusalKind.Conflict,
        _ => Shared.RefusalKind.Invalid,
    };

    /// <summary>The HTTP status of a refusal (the pages answer it too), from its kind: <see cref="Shared.Problems.StatusOf"/>.</summary>
    public static int Status(string code) => Shared.Problems.StatusOf(Kind(code));

    public static string Refusal(string code) => code switch
    {
        "forbidden" => T("无权操作(申请由省高新办登记,高新区可申报本区升级国家级;审查与决定由省高新办进行;评分由专家组成员进行)。",
            "You may not do this (the office records applications, a zone may propose itself for national level; the office checks and decides; panel members score)."),
        "not_found" => T("记录不存在或不可见。", "No such record, or not visible to you."),
        "stale" => T("该记录已被他人修改,请刷新后重试(未作任何更改)。", "Someone changed this record meanwhile; reload and try again (nothing was changed)."),
        "version_required" => T("请提交所修改记录的版本号(version)。", "Send the version of the record you change."),
        "unknown_kind" => T("申请类型应为新设省级高新区或推荐升级国家级。", "The kind is new_provincial or national_proposal."),
        "unknown_step" => T("未知的步骤。", "Unknown step."),
        "zone_required" => T("请填写高新区代码。", "Enter the zone's code."),
        "year_required" => T("请填写数据年度。", "Enter the year of the figures."),
        "applicant_required" => T("请填写申请单位(县、市人民政府或管委会)。", "Enter the applicant (the county or city government, or the zone's committee)."),
        "zone_details_missing" => T("请填写拟设高新区的名称、英文名称和所在市。", "Enter the proposed zone's name, English name and city."),
        "zone_exists" => T("该代码的高新区已在名录中。", "A zone with this code is already in the registry."),
        "unknown_zone" => T("名录中没有该高新区。", "No such zone in the registry."),
        "not_provincial" => T("只有在册的省级高新区可以申请升级国家级。", "Only a listed provincial zone can be proposed for national level."),
        "application_open" => T("该高新区已有未办结的申请。", "This zone already has an open application."),
        "application_closed" => T("该申请已办结。", "This application is closed."),
        "application_wrong_step" => T("该申请当前不能进行这一步。", "This step does not apply to the application now."),
        "act_required" => T("请填写批准文件(文号)。", "Enter the approving act (document number)."),
        "comment_required" => T("请填写理由。", "Enter the reasons."),
        "too_many_figures" => T("填报的数据项过多。", "Too many figures."),
        "panel_required" => T("该申请没有进行中的专家组。", "The application has no open panel."),
        "panel_open" => T("该申请已有进行中的专家组。", "The application already has an open panel."),
        "panel_closed" => T("专家组评审已结束。", "The panel is closed."),
        "panel_no_scores" => T("尚无专家评分,不能结束评审。", "No expert has scored yet."),
        "members_required" => T("请至少选择一名专家。", "Choose at least one expert."),
        "not_an_expert" => T("所选账号不是专家。", "A chosen account is not an expert."),
        "expert_conflicted" => T("专家已声明与该高新区存在利益冲突,须回避。", "An expert declared a conflict of interest with this zone."),
        "conflict_declared" => T("已声明过与该高新区的利益冲突。", "This conflict is already declared."),
        "score_required" => T("请填写评分。", "Enter a score."),
        "score_out_of_range" => T("评分应在0到100之间。", "The score is from 0 to 100."),
        "unknown_item" => T("评审对象应为申请、专家评分指标或中期评估。", "The item is an application, an indicator or the mid-term review."),
        "subject_required" => T("请填写评审事项。", "Enter the subject."),
        "case_required" => T("请指定申请。", "Name the application."),
        "indicator_required" => T("请指定评价模型中的专家评分指标。", "Name an expert-score indicator of a model."),
        "bad_trim" => T("去掉最高、最低分的个数应在0到10之间。", "The trim is from 0 to 10."),
        _ => code,
    };
}
