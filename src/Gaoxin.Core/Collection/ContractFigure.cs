namespace Gaoxin.Core.Collection;

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
