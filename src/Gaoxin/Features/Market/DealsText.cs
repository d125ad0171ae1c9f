using Gaoxin.Core.Market;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Market;

/// <summary>The words of brokering, contracts and the transfer report, Chinese first.</summary>
public static class DealsText
{
    public static string ContractType(string code) => MarketTerms.Find(MarketTerms.ContractTypes, code) is { } t ? T(t.Name, t.NameEn) : code;

    public static string State(ContractState state) => state switch
    {
        ContractState.Recorded => T("待审核", "Awaiting approval"),
        ContractState.Returned => T("已退回", "Returned"),
        ContractState.Approved => T("已批准", "Approved"),
        _ => T("已被更正版本取代", "Superseded by a correction"),
    };

    public static string State(IntroductionState state) => state switch
    {
        IntroductionState.Open => T("对接中", "Open"),
        IntroductionState.Deal => T("已成交", "Closed with a deal"),
        _ => T("未成交", "Closed without a deal"),
    };

    /// <summary>A year-on-year change as shown: the difference and the growth, or “新增” when the year before had nothing.</summary>
    public static string Change(YearOnYear figure, Func<decimal, string> number)
    {
        var difference = (figure.Difference >= 0 ? "+" : "") + number(figure.Difference);
        return figure.Growth is { } g
            ? $"{difference} ({(g >= 0 ? "+" : "")}{g * 100:0.0}%)"
            : figure.Value == 0 ? "—" : $"{difference} ({T("上年为零", "none the year before")})";
    }

    public static string Refusal(string code) => code switch
    {
        "forbidden" => T("无权操作(高新区只能登记、对接本区的合同和成果;审核由省高新办进行)。", "You may not do this (a zone records and brokers its own; the office approves)."),
        "not_found" => T("记录不存在或不可见。", "No such record, or not visible to you."),
        "stale" => T("该记录已被他人修改,请刷新后重试(未作任何更改)。", "Someone changed this record meanwhile; reload and try again (nothing was changed)."),
        "version_required" => T("请提交所修改记录的版本号(version)。", "Send the version of the record you change."),
        "duplicate_registration" => T("该技术合同登记号已登记。", "This registration number is already recorded."),
        "registration_fixed" => T("技术合同登记号不能更改。", "The registration number cannot change."),
        "contract_locked" => T("已批准的合同不能直接修改,请提交更正。", "An approved contract is locked; record a correction instead."),
        "contract_not_recorded" => T("只有待审核的合同可以批准或退回。", "Only a contract awaiting approval can be approved or returned."),
        "contract_not_approved" => T("只有已批准的合同可以更正。", "Only an approved contract can be corrected."),
        "revision_open" => T("该合同已有待审核的更正。", "A correction of this contract is already waiting."),
        "unknown_contract_type" => T("合同类型应为技术开发、转让、许可、咨询或服务。", "The type is development, transfer, license, consulting or service."),
        "title_required" => T("请填写合同名称。", "Enter a title."),
        "parties_required" => T("请填写买方和卖方。", "Enter the buyer and the seller."),
        "amount_required" => T("成交额应大于零(万元)。", "The amount (10,000 yuan) must be above zero."),
        "amount_too_large" => T("成交额超出上限。", "The amount is above the limit."),
        "signed_required" => T("请填写签订日期。", "Enter the signing date."),
        "registration_required" => T("请填写技术合同登记号。", "Enter the registration number."),
        "zone_required" => T("请选择高新区。", "Choose a zone."),
        "unknown_zone" => T("未知的高新区。", "Unknown zone."),
        "unknown_field" => T("未知的产业领域代码。", "Unknown industry code."),
        "too_many_outcomes" => T("关键技术或新产品过多。", "Too many key technologies or new products."),
        "outcome_name_required" => T("关键技术和新产品须有名称。", "Key technologies and new products need names."),
        "unknown_introduction" => T("对接记录不存在。", "No such introduction."),
        "unknown_demand" => T("技术需求不存在。", "No such demand."),
        "unknown_achievement" => T("科技成果不存在。", "No such achievement."),
        "unknown_institution" => T("机构不存在。", "No such institution."),
        "unknown_contract" => T("合同不存在。", "No such contract."),
        "contract_unusable" => T("所列合同已退回、已被取代或属于其他对接。", "A contract named is returned, superseded or another introduction's."),
        "comment_required" => T("退回时请写明意见。", "Say why it is returned."),
        "message_required" => T("请填写留言。", "Write a message."),
        "profile_required" => T("请选择需求或成果。", "Choose a demand or an achievement."),
        "party_required" => T("只对接一项需求或成果时,请填写对接方。", "Name the other party when only one profile is introduced."),
        "note_required" => T("请填写跟进记录。", "Write the note."),
        "introduction_closed" => T("对接已结束。", "The introduction is closed."),
        "contracts_required" => T("成交须列出至少一份技术合同。", "A deal names at least one contract."),
        "reason_required" => T("未成交时请写明原因。", "Give the reason there was no deal."),
        "unknown_year" => T("年度无效。", "Invalid year."),
        "unknown_state" => T("状态应为 recorded、returned、approved 或 superseded。", "The state is recorded, returned, approved or superseded."),
        "outcome_required" => T("结果应为 deal(成交)或 no_deal(未成交)。", "The outcome is deal or no_deal."),
        _ => code,
    };

    /// <summary>The HTTP status of a refusal: 403, 404, 409 for a race or a state that does not allow the step, else 422.</summary>
    public static Shared.RefusalKind Kind(string code) => code switch
    {
        "forbidden" => Shared.RefusalKind.Forbidden,
        "not_found" => Shared.RefusalKind.NotFound,
        "stale" or "duplicate_registration" or "contract_locked" or "contract_not_recorded" or "contract_not_approved" or "revision_open"
            or "introduction_closed" => Shared.RefusalKind.Conflict,
        _ => Shared.RefusalKind.Invalid,
    };

    /// <summary>The HTTP status of a refusal (the pages answer it too), from its kind: <see cref="Shared.Problems.StatusOf"/>.</summary>
    public static int Status(string code) => Shared.Problems.StatusOf(Kind(code));
}
