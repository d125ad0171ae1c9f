namespace Gaoxin.Core.Collection;

/// <summary>
/// Checks one unit's values for one year: each value against its element (type, range, who reports it),
/// the data set's cross-field rules, and the unit's own history (outliers).
/// </summary>
public static class DataValidation
{
    /// <summary>
    /// The smallest distance from the unit's usual growth (0.10 = 10 percentage points) that the median rule calls unusual.
    /// A short, smooth history has a tiny median deviation, so without this floor every ordinary change (a year of +3.8% after
    /// years of +6%) would demand a comment; larger moves than the floor still need the median deviations to agree.
    /// </summary>
    public const decimal MinimumGrowthBand = 0.10m;

    /// <summary>Checks each value against its element: known, reported by this kind of unit, whole where it must be, within range.</summary>
    public static IEnumerable<DataProblem> CheckElements(DataSetDefinition set, ReportingUnit unit, int year,
        IReadOnlyDictionary<string, decimal> values, string source)
    {
        var elements = set.Elements.ToDictionary(e => e.Code);
        foreach (var (code, value) in values)
        {
            if (!elements.TryGetValue(code, out var element))
            {
                yield return Problem(source, unit, code, value, "unknown_element");
                continue;
            }
            if (element.ProvinceLevel != unit.IsProvince)
                yield return Problem(source, unit, code, value, "element_not_for_unit");
            if (element.Type == ElementType.Integer && value != decimal.Truncate(value))
                yield return Problem(source, unit, code, value, "not_integer");
            if (element.Min is { } min && value < min)
                yield return Problem(source, unit, code, value, "below_min", detail: Format(min));
            if (element.Max is { } max && value > max)
                yield return Problem(source, unit, code, value, "above_max", detail: Format(max));
        }
    }

    /// <summary>
    /// Applies the cross-field rules and the outlier checks. A rule whose operands are not all present does not
    /// apply. <paramref name="history"/> holds the unit's approved values of other years, by year.
    /// </summary>
    public static IEnumerable<DataProblem> CheckRulesAndHistory(DataSetDefinition set, ReportingUnit unit, int year,
        IReadOnlyDictionary<string, decimal> values, IReadOnlyDictionary<int, IReadOnlyDictionary<string, decimal>> history, string source)
    {
        decimal? Lookup(string code, int lag)
        {
            if (lag == 0) return values.TryGetValue(code, out var v) ? v : null;
            return history.TryGetValue(year - lag, out var past) && past.TryGetValue(code, out var p) ? p : null;
        }

        foreach (var rule in set.Rules)
        {
            if (rule.Check.Holds(Lookup) == false)
            {
                var first = rule.Check.Operands().First().Element;
                yield return Problem(source, unit, first, values.GetValueOrDefault(first), "rule_failed", rule.Severity, rule.Id) with
                {
                    Message = rule.Message, MessageEn = rule.MessageEn,
                };
            }
        }

        foreach (var (code, value) in values)
        {
            if (history.TryGetValue(year - 1, out var last) && last.TryGetValue(code, out var previous) && previous != 0)
            {
                var change = value / previous - 1;
                if (Math.Abs(change) > set.Outliers.YearOnYearChange)
                {
                    yield return Problem(source, unit, code, value, "outlier_yoy", Severity.Warning, $"{Format(previous)}|{Format(Math.Round(change * 100, 1))}");
                    continue;
                }
            }
            // Zone figures trend, so the median rule looks at growth rates, not levels: this year's growth is unusual
            // when it lies more than k median absolute deviations, and more than the minimum band, from the unit's typical growth.
            if (GrowthThisYear(history, year, code, value) is not { } growth) continue;
            var pastGrowth = history.Keys.Where(y => y < year).Select(y => GrowthThisYear(history, y, code, history[y].GetValueOrDefault(code, decimal.MinValue)))
                .OfType<decimal>().ToList();
            if (pastGrowth.Count >= set.Outliers.MinimumHistory)
            {
                var median = Median(pastGrowth);
                var deviation = Median(pastGrowth.Select(g => Math.Abs(g - median)).ToList());
                var band = Math.Max(set.Outliers.MedianDeviations * deviation, MinimumGrowthBand);
                if (Math.Abs(growth - median) > band)
                    yield return Problem(source, unit, code, value, "outlier_mad", Severity.Warning,
                        $"{Format(Math.Round(growth * 100, 1))}|{Format(Math.Round(median * 100, 1))}");
            }
        }
    }

    /// <summary>Growth of an element from the year before to <paramref name="year"/>, or null without a usable previous value.</summary>
    private static decimal? GrowthThisYear(IReadOnlyDictionary<int, IReadOnlyDictionary<string, decimal>> history, int year, string code, decimal value) =>
        value != decimal.MinValue && history.TryGetValue(year - 1, out var last) && last.TryGetValue(code, out var previous) && previous != 0
            ? value / previous - 1
            : null;

    /// <summary>All checks at once.</summary>
    public static IReadOnlyList<DataProblem> Check(DataSetDefinition set, ReportingUnit unit, int year,
        IReadOnlyDictionary<string, decimal> values, IReadOnlyDictionary<int, IReadOnlyDictionary<string, decimal>> history, string source) =>
        CheckElements(set, unit, year, values, source).Concat(CheckRulesAndHistory(set, unit, year, values, history, source)).ToList();

    /// <summary>The median of a non-empty list.</summary>
    public static decimal Median(IReadOnlyList<decimal> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static DataProblem Problem(string source, ReportingUnit unit, string element, decimal value, string code,
        Severity severity = Severity.Error, string? detail = null) =>
        new(source, null, 0, element, unit.Code, element, Format(value), code, severity, detail);

    /// <summary>A number as the user typed it: invariant, no trailing zeros.</summary>
    public static string Format(decimal value) => Plans.PlanParser.FormatNumber(value);
}
