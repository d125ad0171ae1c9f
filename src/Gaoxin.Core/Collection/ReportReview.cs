namespace Gaoxin.Core.Collection;

/// <summary>How a figure moved from last year: the two values, the difference and the relative change.</summary>
/// <param name="Previous">Last year's approved value.</param>
/// <param name="Current">This year's value under review.</param>
/// <param name="Absolute">Current − previous.</param>
/// <param name="Percent">
/// (current − previous) / |previous| × 100, rounded to one decimal (half away from zero); null when last year's value is 0, where
/// a relative change has no meaning.
/// </param>
public sealed record YearChange(decimal Previous, decimal Current, decimal Absolute, decimal? Percent);

/// <summary>A cross-field rule judged on one unit-year: whether it holds, and the elements it reads (the figures it concerns).</summary>
public sealed record RuleResult(ValidationRule Rule, bool Holds, IReadOnlyList<string> Elements)
{
    /// <summary>True when the rule fails with the severity of an error (a warning when false and failing).</summary>
    public bool IsError => !Holds && Rule.Severity == Severity.Error;
}

/// <summary>
/// What the office reads beside each figure when it reviews a report: last year's value and the change, and the results of
/// the data set's rules on the figures each rule reads.
/// </summary>
public static class ReportReview
{
    /// <summary>The change from <paramref name="previous"/> to <paramref name="current"/>, or null when either is missing.</summary>
    public static YearChange? Change(decimal? previous, decimal? current)
    {
        if (previous is not { } before || current is not { } now) return null;
        var absolute = now - before;
        decimal? percent = before == 0 ? null : Math.Round(absolute / Math.Abs(before) * 100, 1, MidpointRounding.AwayFromZero);
        return new YearChange(before, now, absolute, percent);
    }

    /// <summary>
    /// The elements a rule concerns: every element it reads, in the order the check names them, once each (a rule on
    /// <c>hte_count &lt;= enterprise_count</c> concerns both figures, so its result shows beside both).
    /// </summary>
    public static IReadOnlyList<string> Concerns(ValidationRule rule) => rule.Check.Operands().Select(o => o.Element).Distinct().ToList();

    /// <summary>
    /// Every rule of the data set that applies to the unit-year (all its operands present in <paramref name="values"/> or, for
    /// earlier years, in <paramref name="history"/>), with whether it holds. A rule with a missing operand does not apply and
    /// is left out, as in <see cref="DataValidation"/>.
    /// </summary>
    public static IReadOnlyList<RuleResult> Rules(DataSetDefinition set, int year, IReadOnlyDictionary<string, decimal> values,
        IReadOnlyDictionary<int, IReadOnlyDictionary<string, decimal>> history)
    {
        decimal? Lookup(string code, int lag)
        {
            if (lag == 0) return values.TryGetValue(code, out var v) ? v : null;
            return history.TryGetValue(year - lag, out var past) && past.TryGetValue(code, out var p) ? p : null;
        }

        var results = new List<RuleResult>();
        foreach (var rule in set.Rules)
            if (rule.Check.Holds(Lookup) is { } holds) results.Add(new RuleResult(rule, holds, Concerns(rule)));
        return results;
    }

    /// <summary>The results that concern one element, failures first (errors before warnings), then the rules that hold.</summary>
    public static IReadOnlyList<RuleResult> Concerning(IEnumerable<RuleResult> results, string element) =>
        results.Where(r => r.Elements.Contains(element))
            .OrderBy(r => r.Holds ? 2 : r.IsError ? 0 : 1).ToList();
}

/// <summary>
/// The groups of a data set's elements, as pages offer them: the core yearly report (elements without a group) and each
/// supplementary set named by the elements' <see cref="DataElement.Group"/>.
/// </summary>
public static class ElementGroups
{
    /// <summary>The key of the core yearly report's elements (those without a group).</summary>
    public const string Core = "core";

    /// <summary>The group an element belongs to.</summary>
    public static string Of(DataElement element) => element.Group ?? Core;

    /// <summary>The groups of the zones' elements, the core report first, then the others in the order the data set lists them.</summary>
    public static IReadOnlyList<string> All(DataSetDefinition set) =>
        set.Elements.Where(e => !e.ProvinceLevel).Select(Of).Distinct().OrderBy(g => g == Core ? 0 : 1).ToList();

    /// <summary>A group's name in Chinese and English; a group the platform does not know reads as its own key.</summary>
    public static (string Zh, string En) Name(string group) => group switch
    {
        Core => ("年度核心指标", "Core yearly figures"),
        "cn-htz-2021" => ("国家高新区评价补充指标", "Supplementary figures of the national evaluation"),
        "registry" => ("名录计数指标", "Figures the registries count"),
        "enterprise" => ("企业年报汇总指标", "Figures summed from enterprise returns"),
        _ => (group, group),
    };
}
