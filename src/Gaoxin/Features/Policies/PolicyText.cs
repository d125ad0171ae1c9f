using Gaoxin.Core.Policies;
using Gaoxin.Core.Portal;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Policies;

/// <summary>How the policy library and the news centre word their codes, in Chinese or English.</summary>
public static class PolicyText
{
    public static string Level(PolicyLevel? level) => level switch
    {
        PolicyLevel.National => T("国家级", "National"),
        PolicyLevel.Provincial => T("省级", "Provincial"),
        PolicyLevel.City => T("市级", "City"),
        PolicyLevel.Zone => T("园区级", "Zone"),
        _ => T("未注明", "Not stated"),
    };

    public static string Status(PolicyStatus status) => status switch
    {
        PolicyStatus.InForce => T("现行有效", "In force"),
        PolicyStatus.Amended => T("已修订", "Amended"),
        PolicyStatus.Expired => T("已失效", "Expired"),
        PolicyStatus.NotYetInForce => T("尚未施行", "Not yet in force"),
        _ => status.ToString(),
    };

    public static string Type(string code) => T(EnterpriseTypes.NameZh(code), EnterpriseTypes.NameEn(code));

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

    public static string NewsKind(string kind) => kind == "notice" ? T("通知公告", "Notice") : T("新闻", "News");

    /// <summary>One sentence for a refusal code of the policy and news stores.</summary>
    public static string Refusal(string code) => code switch
    {
        "forbidden" => T("您无权对此条目执行该操作。", "You may not do this to this item."),
        "not_found" => T("未找到该条目。", "No such item."),
        "title_required" => T("请填写标题。", "A title is required."),
        "unknown_kind" => T("类别无效。", "Unknown kind."),
        "unknown_level" => T("层级无效。", "Unknown level."),
        "unknown_zone" => T("高新区代码无效。", "Unknown zone code."),
        "unknown_target_type" => T("适用企业类型无效。", "Unknown enterprise type."),
        "dates_out_of_order" => T("失效日期早于施行日期。", "The in-force-until date is before the in-force-from date."),
        "comment_required" => T("退回时请填写意见。", "Returning needs a comment."),
        "bundled_policy" => T("规划所列政策由系统维护,不能修改。", "Policies the plan names are kept by the system and cannot be edited."),
        "publication_in_review" => T("条目正在审核,不能修改。", "The item is in review and cannot be edited."),
        "publication_published" => T("条目已发布,需先撤回才能修改。", "The item is published; withdraw it before editing."),
        "publication_not_draft" => T("只有草稿可以提交审核。", "Only a draft can be submitted."),
        "publication_not_in_review" => T("只有待审核的条目可以发布或退回。", "Only an item in review can be published or returned."),
        "publication_not_published" => T("只有已发布的条目可以撤回。", "Only a published item can be withdrawn."),
        "file_too_large" => T("文件过大。", "The file is too large."),
        "file_name_required" => T("请提供文件名。", "A file name is required."),
        "file_required" => T("请选择文件。", "Choose a file."),
        "file_type_not_allowed" => T("文件类型不允许:仅接受 PDF、Word、Excel 或图片,且内容须与扩展名相符。",
            "File type not allowed: only PDF, Word, Excel or image files whose content matches their extension."),
        "image_type_not_allowed" => T("图片类型不允许:仅接受 PNG、JPEG、GIF 或 WebP 图片(按文件内容判断)。",
            "Image type not allowed: only PNG, JPEG, GIF or WebP images (judged by the file's content)."),
        _ => code,
    };

    /// <summary>The HTTP status of a refusal code.</summary>
    public static Shared.RefusalKind Kind(string code) => code switch
    {
        "forbidden" => Shared.RefusalKind.Forbidden,
        "not_found" => Shared.RefusalKind.NotFound,
        "bundled_policy" or "publication_in_review" or "publication_published" or "publication_not_draft" or "publication_not_in_review" or "publication_not_published" => Shared.RefusalKind.Conflict,
        "file_too_large" => Shared.RefusalKind.TooLarge,
        "file_type_not_allowed" or "image_type_not_allowed" => Shared.RefusalKind.UnsupportedMediaType,
        _ => Shared.RefusalKind.Invalid,
    };

    /// <summary>The HTTP status of a refusal (the pages answer it too), from its kind: <see cref="Shared.Problems.StatusOf"/>.</summary>
    public static int StatusOf(string code) => Shared.Problems.StatusOf(Kind(code));
}
