using Gaoxin.Core.Investment;
using Gaoxin.Core.Portal;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Investment;

/// <summary>The investment pages' and API's words, Chinese first.</summary>
public static class InvestmentText
{
    public static string StageCode(PublicationStage stage) => stage switch
    {
        PublicationStage.InReview => "in_review",
        _ => stage.ToString().ToLowerInvariant(),
    };

    public static string Stage(PublicationStage stage) => stage switch
    {
        PublicationStage.Draft => T("草稿", "Draft"),
        PublicationStage.InReview => T("待审核", "In review"),
        PublicationStage.Scheduled => T("定时发布", "Scheduled"),
        PublicationStage.Public => T("已发布", "Published"),
        PublicationStage.Expired => T("已过期", "Expired"),
        PublicationStage.Withdrawn => T("已撤回", "Withdrawn"),
        _ => stage.ToString(),
    };

    public static string Cooperation(string code) =>
        InvestmentRules.Cooperation.TryGetValue(code, out var name) ? T(name.Zh, name.En) : code;

    public static string Refusal(string code) => code switch
    {
        "forbidden" => T("无权操作该项目(只能维护本区的项目;审核、发布、退回、撤回由省高新办进行)。", "You may not do this (zone staff keep their own zone's projects; the office reviews, publishes, returns and withdraws)."),
        "not_found" => T("项目不存在。", "No such project."),
        "title_required" => T("请填写项目名称。", "Enter a title."),
        "unknown_sector" => T("未知的产业代码。", "Unknown industry code."),
        "unknown_cooperation" => T("合作方式应为独资、合资、合作、PPP 或其他。", "The cooperation mode is sole, joint_venture, cooperation, ppp or other."),
        "unknown_zone" => T("未知的高新区。", "Unknown zone."),
        "unknown_size" => T("规模应为 small、medium 或 large。", "The size band is small, medium or large."),
        "negative_amount" => T("投资额不能为负。", "The amount may not be negative."),
        "negative_land" => T("用地面积不能为负。", "The land area may not be negative."),
        "invalid_email" => T("联系邮箱格式不正确。", "The contact email is not an address."),
        "comment_required" => T("退回时请写明意见。", "Say why the project is returned."),
        "publication_in_review" => T("项目正在审核,不能修改。", "The project is in review and cannot be changed."),
        "publication_published" => T("项目已发布,不能修改;请先撤回。", "The project is published; withdraw it before changing it."),
        "publication_not_draft" => T("只有草稿可以提交审核。", "Only a draft can be submitted."),
        "publication_not_in_review" => T("项目不在审核中。", "The project is not in review."),
        "publication_not_published" => T("项目未发布。", "The project is not published."),
        _ => code,
    };
}
