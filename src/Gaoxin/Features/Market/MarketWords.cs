using Gaoxin.Core.Market;
using Gaoxin.Core.Portal;
using Gaoxin.Core.SiteSelection;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Market;

/// <summary>The technology market's words on pages and in the API's refusals, Chinese first.</summary>
public static class MarketWords
{
    public static string Side(MarketSide side) => side == MarketSide.Demand ? T("技术需求", "Technology demand") : T("科技成果", "Technology achievement");

    public static string Code(IReadOnlyList<MarketCode> list, string? code) =>
        MarketTerms.Find(list, code) is { } c ? T(c.Name, c.NameEn) : code ?? "—";

    public static string Field(IndustryCatalog catalog, string code) => catalog.Find(code) is { } s ? T(s.Name, s.NameEn) : code;

    public static string Range(decimal? min, decimal? max) => (min, max) switch
    {
        (null, null) => T("面议", "Negotiable"),
        ({ } a, null) => T($"{a:#,0.##} 万元以上", $"from {a:#,0.##} × 10,000 yuan"),
        (null, { } b) => T($"{b:#,0.##} 万元以内", $"up to {b:#,0.##} × 10,000 yuan"),
        ({ } a, { } b) => T($"{a:#,0.##}—{b:#,0.##} 万元", $"{a:#,0.##}–{b:#,0.##} × 10,000 yuan"),
    };

    public static string Stage(PublicationStage stage) => Investment.InvestmentText.Stage(stage);

    public static string StageCode(PublicationStage stage) => Investment.InvestmentText.StageCode(stage);

    public static string Refusal(string code) => code switch
    {
        "forbidden" => T("无权操作(企业用户只能维护自己发布的信息,园区只能维护本园区的信息;发布、退回、撤回由省高新办进行)。",
            "You may not do this (an enterprise user keeps their own profiles, a zone its zone's; the office publishes, returns and withdraws)."),
        "not_found" => T("信息不存在。", "No such profile."),
        "stale_version" => T("信息已被他人修改,请刷新后重试。", "The profile was changed meanwhile; reload it and try again."),
        "version_required" => T("请提供修改所依据的版本号(version)。", "Send the version the change was made against."),
        "invalid" => T("信息填写有误,请按提示修改。", "The profile has problems; see each field."),
        "comment_required" => T("退回时请写明意见。", "Say why it is returned."),
        "title_required" => T("请填写标题。", "Enter a title."),
        "text_required" => T("请填写需求描述或成果简介。", "Describe the problem or the achievement."),
        "field_required" => T("请选择技术领域。", "Choose a field."),
        "unknown_field" => T("未知的技术领域代码。", "Unknown field code."),
        "unknown_zone" => T("未知的高新区。", "Unknown zone."),
        "invalid_email" => T("联系邮箱格式不正确。", "The contact email is not an address."),
        "enterprise_required" => T("请填写需求企业名称。", "Enter the enterprise's name."),
        "invalid_credit_code" => T("统一社会信用代码不正确。", "The unified social credit code is not valid."),
        "owner_required" => T("请填写成果持有单位。", "Enter the achievement's owner."),
        "maturity_required" => T("请选择成熟度。", "Choose the maturity."),
        "unknown_maturity" => T("成熟度应为实验室、小试、中试或产业化阶段。", "The maturity is lab, small_pilot, pilot or industrial."),
        "trl_out_of_range" => T("技术就绪度应为 1—9。", "The TRL is 1 to 9."),
        "trl_not_in_stage" => T("技术就绪度与成熟度阶段不符(1—3 实验室,4—5 小试,6—7 中试,8—9 产业化)。", "The TRL does not fall in the maturity stage (1–3 lab, 4–5 small pilot, 6–7 pilot, 8–9 industrial)."),
        "ip_status_required" => T("请选择知识产权状况。", "Choose the IP status."),
        "unknown_ip_status" => T("未知的知识产权状况。", "Unknown IP status."),
        "cooperation_required" => T("请选择至少一种合作方式。", "Choose at least one cooperation mode."),
        "unknown_cooperation" => T("合作方式应为转让、许可、作价入股或合作开发。", "The cooperation mode is transfer, license, equity or joint_development."),
        "negative_amount" => T("金额不能为负。", "An amount may not be negative."),
        "min_above_max" => T("金额下限不能高于上限。", "The lower end may not exceed the upper end."),
        "unknown_institution" => T("未知的机构。", "Unknown institution."),
        "valid_until_past" => T("有效期不能早于今天。", "The last valid day may not be in the past."),
        "valid_until_too_far" => T("有效期最长为一年。", "The validity is at most one year ahead."),
        "valid_until_required" => T("请填写新的有效期。", "Enter the new last valid day."),
        "valid_until_not_later" => T("续期后的有效期应晚于当前有效期。", "A renewal moves the last valid day later."),
        "too_long" => T("内容过长。", "Too long."),
        "control_character" => T("含有不可见的控制字符。", "Holds a control character."),
        "name_required" => T("请填写名称。", "Enter a name."),
        "unknown_kind" => T("未知的机构类型。", "Unknown kind of institution."),
        "duplicate_name" => T("已有同名机构。", "An institution of that name exists."),
        "one_profile" => T("请给出 demand 或 achievement 之一。", "Give either demand or achievement."),
        "bad_page" => T("页码或每页条数不正确(每页最多 100 条)。", "Bad page or page size (at most 100)."),
        "publication_in_review" => T("信息正在审核,不能修改。", "It is in review and cannot be changed."),
        "publication_published" => T("信息已发布,不能修改;可续期,或请省高新办撤回后修改。", "It is published; renew it, or have the office withdraw it to change it."),
        "publication_not_draft" => T("只有草稿可以提交审核。", "Only a draft can be submitted."),
        "publication_not_in_review" => T("信息不在审核中。", "It is not in review."),
        "publication_not_published" => T("信息未发布。", "It is not published."),
        _ => code,
    };
}
