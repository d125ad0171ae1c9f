using Gaoxin.Core.Collection;

namespace Gaoxin.Core.Market;

/// <summary>
/// How a data element is derived from the approved technology contracts, written in the data set as
/// <c>derived: "contracts.turnover"</c>: the sum of the contracts' amounts (技术交易额) per zone and signing year, in the element's
/// unit (亿元 or 万元), or <c>contracts.count</c>: the number of contracts.
/// </summary>
/// <param name="Measure"><c>turnover</c> or <c>count</c>.</param>
public sealed record ContractFigure(string Measure)
{
    /// <summary>The prefix that marks a contract figure in a <c>derived:</c> text.</summary>
    public const string Prefix = "contracts.";

    /// <summary>The measures contracts give.</summary>
    public static IReadOnlyList<string> Measures { get; } = ["turnover", "count"];

    /// <summary>True when a <c>derived:</c> text names a contract figure rather than a registry count.</summary>
    public static bool Names(string text) => text.Replace(" ", "", StringComparison.Ordinal).StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Reads the text form for an element of <paramref name="unit"/>; returns null and why when it is not valid.</summary>
    public static (ContractFigure? Figure, string? Error) Parse(string text, string unit)
    {
        var measure = text.Replace(" ", "", StringComparison.Ordinal);
        if (!measure.StartsWith(Prefix, StringComparison.Ordinal)) return (null, "expected contracts.turnover or contracts.count");
        measure = measure[Prefix.Length..];
        if (!Measures.Contains(measure)) return (null, $"'{measure}' is not a measure of contracts (one of {string.Join(", ", Measures)})");
        if (measure == "turnover" && Scale(unit) is null) return (null, $"a turnover is summed in 亿元 or 万元, not {unit}");
        return (new ContractFigure(measure), null);
    }

    /// <summary>What one 万元 is in <paramref name="unit"/>: 0.0001 for 亿元, 1 for 万元, null for any other unit.</summary>
    public static decimal? Scale(string unit) => unit switch
    {
        "亿元" => 0.0001m,
        "万元" => 1m,
        _ => null,
    };

    /// <inheritdoc/>
    public override string ToString() => Prefix + Measure;
}

/// <summary>An approved technology contract as the figures and the transfer report read it.</summary>
/// <param name="Id">The contract's id (of its approved revision).</param>
/// <param name="Type">A code of <see cref="MarketTerms.ContractTypes"/>.</param>
/// <param name="Field">An industry code.</param>
/// <param name="Zone">The zone whose turnover it counts to.</param>
/// <param name="Signed">Signing date: its year is the year it counts to.</param>
/// <param name="AmountWan">Technology transaction amount in 万元.</param>
/// <param name="AchievementId">The achievement it converts, if any.</param>
/// <param name="KeyTechnologies">Key technologies (关键技术) recorded with it.</param>
/// <param name="NewProducts">New products (新产品) recorded with it.</param>
/// <param name="IntroductionId">The brokered introduction it came from, if any.</param>
public sealed record ApprovedContract(int Id, string Type, string Field, string Zone, DateOnly Signed, decimal AmountWan, int? AchievementId = null,
    int KeyTechnologies = 0, int NewProducts = 0, int? IntroductionId = null);

/// <summary>The figures approved contracts give the data elements derived from them.</summary>
public static class ContractFigures
{
    /// <summary>
    /// One value per zone, signing year (among <paramref name="years"/>) and element derived from contracts. A zone-year without
    /// a contract gives no value (not zero): a blank stays blank, as a zone that signed nothing registered nothing.
    /// </summary>
    public static IReadOnlyList<DataValue> Values(IEnumerable<DataElement> elements, IEnumerable<ApprovedContract> contracts, IReadOnlyCollection<int> years)
    {
        var derived = elements.Where(e => e.Contracts is not null).ToList();
        if (derived.Count == 0) return [];
        var values = new List<DataValue>();
        foreach (var group in contracts.Where(c => years.Contains(c.Signed.Year)).GroupBy(c => (c.Zone, c.Signed.Year))
                     .OrderBy(g => g.Key.Zone, StringComparer.Ordinal).ThenBy(g => g.Key.Year))
        foreach (var element in derived)
        {
            var value = element.Contracts!.Measure == "count"
                ? group.Count()
                // 万元 → the element's unit (亿元: ÷ 10,000), summed first so that rounding happens once.
                : group.Sum(c => c.AmountWan) * ContractFigure.Scale(element.Unit)!.Value;
            values.Add(new DataValue(group.Key.Zone, group.Key.Year, element.Code, value));
        }
        return values;
    }
}
