using Gaoxin.Core.Enterprises;
using Gaoxin.Data.Enterprises;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Enterprises;

/// <summary>
/// How a refused step of the reserve pool reads, in Chinese or English, naming the enterprise by its name and the stage by
/// the rule file's name — never a code. The API answers the same words as a typed refusal.
/// </summary>
public static class PoolText
{
    /// <summary>The kind of refusal each code of <see cref="ReservePoolStore"/> means.</summary>
    public static RefusalKind Kind(string? code) => code switch
    {
        "forbidden" => RefusalKind.Forbidden,
        "unknown_enterprise" or "not_proposed" => RefusalKind.NotFound,
        "already_proposed" => RefusalKind.Conflict,
        _ => RefusalKind.Invalid,
    };

    /// <summary>The refusal in <paramref name="english"/> or Chinese; <paramref name="enterprise"/> is the enterprise's name, if known.</summary>
    public static string Describe(PoolOutcome outcome, string? enterprise, ReservePoolRuleSet rules, bool english)
    {
        var who = enterprise ?? (english ? "The enterprise" : "该企业");
        var stage = outcome.Stage is { } s ? StageName(rules, s, english) : "";
        return outcome.Error switch
        {
            "unknown_enterprise" => english ? "The enterprise is not in the registry; import its returns first." : "企业名录中没有该企业,请先导入其年报。",
            "forbidden" => english ? "Only the office or the enterprise's zone operators may do this." : "只有省高新区办公室或该企业所在高新区的填报员可以这样做。",
            "already_proposed" => english ? $"{who} is already in the reserve pool (stage: {stage})." : $"{who}已在后备库中(阶段:{stage})。",
            "not_proposed" => english ? $"{who} has not been proposed to the reserve pool." : $"{who}尚未推荐入后备库。",
            "entry_refused" => english ? $"{who} meets none of the reserve pool's entry routes." : $"{who}不符合后备库的任何入库条件。",
            "terminal_stage" => english ? $"{who} is at a final stage ({stage}); no move leaves it." : $"{who}已处于最终阶段({stage}),不能再移动。",
            "transition_not_allowed" => english
                ? $"{who} cannot move from its stage ({stage}) to the one chosen; allowed: {string.Join(", ", Next(rules, outcome, english))}."
                : $"{who}不能从当前阶段({stage})移到所选阶段;可移至:{string.Join("、", Next(rules, outcome, english))}。",
            "date_before_last_move" => english ? $"The date is before {who}'s last move." : $"日期早于{who}上一次阶段变动的日期。",
            "date_in_future" => english ? "The date is in the future." : "日期不能晚于今天。",
            "unknown_stage" => english ? "No such stage of the reserve pool." : "后备库没有这个阶段。",
            "invalid_input" when outcome.Message is { } m && IsInOwnLanguage(m, english) => m,
            "invalid_input" => english ? "The input is incomplete or not valid: " + outcome.Message : "输入不完整或有误,请检查自评结果、培训课程名称和学时。",
            _ => outcome.Message ?? (english ? "The step was refused." : "操作被拒绝。"),
        };
    }

    /// <summary>The refusal to answer the API with.</summary>
    public static Refusal Refused(PoolOutcome outcome, string? enterprise, ReservePoolRuleSet rules) =>
        new(Kind(outcome.Error), outcome.Error ?? "refused", Describe(outcome, enterprise, rules, false), Describe(outcome, enterprise, rules, true));

    private static string StageName(ReservePoolRuleSet rules, ReserveStage stage, bool english) =>
        rules.Stages.FirstOrDefault(i => i.Stage == stage) is { } info ? english ? info.NameEn : info.Name : EnterpriseWire.Name(stage);

    private static IEnumerable<string> Next(ReservePoolRuleSet rules, PoolOutcome outcome, bool english) =>
        outcome.Stage is { } s ? ReservePool.Next(rules, s).Select(n => StageName(rules, n, english)) : [];

    /// <summary>A message the page already worded (in the page's language).</summary>
    private static bool IsInOwnLanguage(string message, bool english) => english != message.Any(c => c >= '\u4e00' && c <= '\u9fff');
}
