using Gaoxin.Core.Enterprises;

namespace Gaoxin.Features.Enterprises;

/// <summary>An assessment's answer, or the problems with its input (each naming its field).</summary>
public sealed record CheckOutcome<T>(T? Result, IReadOnlyList<EnterpriseInputError> Errors) where T : class;

/// <summary>The reserve pool's answer beside a high-tech self-assessment, and the text (code <c>reserve_pool</c>) that words it.</summary>
public sealed record PoolHint(ReservePoolOutlook Outlook, ImprovementHint Hint);

/// <summary>
/// The self-checks shared by the CLI, the API and the pages: read, pick the rule set, validate, assess. Nothing is stored.
/// </summary>
public static class EnterpriseChecks
{
    /// <summary>High-tech self-assessment of figures already read; the rule set is <paramref name="ruleSetId"/> or the one in force on the assessment date.</summary>
    public static CheckOutcome<HteAssessmentResult> Hte(EnterpriseRules rules, HteInput input, string? ruleSetId)
    {
        var (set, error) = rules.Pick<HteRuleSet>(ruleSetId, input.AssessedOn);
        if (set is null) return new(null, [error!]);
        var errors = HteAssessment.Validate(set, input).ToList();
        if (EnterpriseInputReader.CheckDomain(set, input.Domain) is { } domain) errors.Insert(0, domain);
        return errors.Count > 0 ? new(null, errors) : new(HteAssessment.Assess(set, input), []);
    }

    /// <summary>High-tech self-assessment of a JSON text (<see cref="HteAssessRequest"/>).</summary>
    public static CheckOutcome<HteAssessResponse> Hte(EnterpriseRules rules, string json, string? ruleSetId)
    {
        var (root, error) = EnterpriseInputReader.Parse(json);
        if (root is null) return new(null, [error!]);
        var reader = new EnterpriseInputReader();
        if (reader.ReadHte(root.Value) is not { } input) return new(null, reader.Errors);
        var outcome = Hte(rules, input, ruleSetId);
        return new(outcome.Result is { } result ? result.ToResponse(Pool(rules, result)) : null, outcome.Errors);
    }

    /// <summary>
    /// The reserve pool's answer on a high-tech self-assessment and the hint that words it, or null when the enterprise is
    /// eligible (it applies instead) or no reserve-pool rule set is installed. The decision is the pool's own
    /// (<see cref="ReservePool.Outlook"/>), so a hint never promises an entry the pool would refuse.
    /// </summary>
    public static PoolHint? Pool(EnterpriseRules rules, HteAssessmentResult result)
    {
        if (result.Eligible == Eligibility.Yes || rules.All<ReservePoolRuleSet>().Count == 0) return null;
        var pool = rules.ReservePool;
        var outlook = ReservePool.Outlook(pool, result);
        return new PoolHint(outlook, SelfAssessmentText.PoolHint(pool, outlook));
    }

    /// <summary>科技型中小企业 evaluation of figures already read; the rule set is <paramref name="ruleSetId"/> or the one in force on <paramref name="date"/>.</summary>
    public static CheckOutcome<TechSmeResult> TechSme(EnterpriseRules rules, TechSmeInput input, string? ruleSetId, DateOnly date)
    {
        var (set, error) = rules.Pick<TechSmeRuleSet>(ruleSetId, date);
        if (set is null) return new(null, [error!]);
        var errors = EnterpriseInputReader.Validate(set, input);
        return errors.Count > 0 ? new(null, errors) : new(TechSmeEvaluation.Evaluate(set, input), []);
    }

    /// <summary>科技型中小企业 evaluation of a JSON text (<see cref="TechSmeAssessRequest"/>); <paramref name="today"/> stands in for a missing <c>assessedOn</c>.</summary>
    public static CheckOutcome<TechSmeAssessResponse> TechSme(EnterpriseRules rules, string json, string? ruleSetId, DateOnly today)
    {
        var (root, error) = EnterpriseInputReader.Parse(json);
        if (root is null) return new(null, [error!]);
        var reader = new EnterpriseInputReader();
        var (input, assessedOn) = reader.ReadTechSme(root.Value);
        if (input is null) return new(null, reader.Errors);
        var outcome = TechSme(rules, input, ruleSetId, assessedOn ?? today);
        return new(outcome.Result?.ToResponse(), outcome.Errors);
    }

    /// <summary>The problems as the CLI prints them: <c>field: message [code]</c>.</summary>
    public static string Describe(EnterpriseInputError e) => $"{e.Field}: {e.Message} [{e.Code}]";

    /// <summary>The problems as one refusal (422 <c>validation_failed</c>), each field's message in Chinese and English.</summary>
    public static Shared.Refusal ToRefusal(IEnumerable<EnterpriseInputError> errors) =>
        Shared.Refusal.ValidationFailed(errors.Select(e => new Shared.FieldRefusal(e.Field, e.Code, e.Code switch
            {
                "missing_field" => $"缺少必填字段“{e.Field}”。",
                "wrong_type" => $"字段“{e.Field}”的类型不对:{e.Message}",
                "unknown_assessment" => "请提供高企自评或科技型中小企业评价的结果(与命令行自评所读的 JSON 相同),或同时提供两者。",
                _ => Shared.Refusal.In(false, () => EnterpriseFormText.Message(e)),
            }, Shared.Refusal.In(true, () => EnterpriseFormText.Message(e)))).ToList());
}
