using Gaoxin.Core.Collection;

namespace Gaoxin.Core.Figures;

/// <summary>Where a figure in force comes from; the lower-case name is what exports and the API write.</summary>
public enum FigureSource
{
    /// <summary>Reported by the zone (or the province) and approved.</summary>
    Reported,
    /// <summary>Counted from the registries (the element's <see cref="DataElement.Derived"/> count).</summary>
    Registry,
    /// <summary>Summed from the enterprises' yearly returns, the gazelle classification and the reserve pool.</summary>
    Enterprises,
    /// <summary>Summed from the approved technology contracts (the element's <see cref="DataElement.Contracts"/> figure).</summary>
    Contracts,
    /// <summary>The aggregated score of a closed expert panel on an expert-score indicator (专家评分).</summary>
    Experts,
}

/// <summary>A figure in force: the value evaluation, plan monitoring, exports and the zone pages read, with where it comes from.</summary>
public sealed record Figure(DataValue Value, FigureSource Source)
{
    /// <summary>The source as written in files and responses: <c>reported</c>, <c>registry</c>, <c>enterprises</c>, <c>contracts</c> or <c>experts</c>.</summary>
    public string SourceName => Name(Source);

    /// <summary>The written name of a source.</summary>
    public static string Name(FigureSource source) => source.ToString().ToLowerInvariant();
}

/// <summary>
/// The one rule for the figure in force of a unit, year and element: the approved reported value; else the registry count;
/// else the sum of the approved technology contracts; else the enterprise aggregate. Counts and aggregates fill an element only for a unit-year that has an approved report
/// and left that element blank, so a zone keeping its registry need not enter the count twice, while a zone that reported
/// nothing is still missing. The registry count comes before the aggregate should both give an element (they normally
/// cover different elements).
/// </summary>
public static class FiguresInForce
{
    /// <param name="reported">Approved reported values.</param>
    /// <param name="registry">Values counted from the registries, per unit, year and element.</param>
    /// <param name="enterprises">Values aggregated from the enterprise returns (and the reserve pool), in the element's unit.</param>
    /// <param name="contracts">Values summed from the approved technology contracts, in the element's unit (none when omitted).</param>
    /// <param name="experts">Closed expert panels' aggregated scores of expert-score elements (none when omitted); they fill last.</param>
    public static IReadOnlyList<Figure> Merge(IEnumerable<DataValue> reported, IEnumerable<DataValue> registry, IEnumerable<DataValue> enterprises,
        IEnumerable<DataValue>? contracts = null, IEnumerable<DataValue>? experts = null)
    {
        var result = new Dictionary<(string, int, string), Figure>();
        var reportedYears = new HashSet<(string, int)>();
        foreach (var v in reported)
        {
            result[(v.Unit, v.Year, v.Element)] = new Figure(v, FigureSource.Reported);
            reportedYears.Add((v.Unit, v.Year));
        }
        Fill(registry, FigureSource.Registry);
        Fill(contracts ?? [], FigureSource.Contracts);
        Fill(enterprises, FigureSource.Enterprises);
        Fill(experts ?? [], FigureSource.Experts);
        return result.Values.ToList();

        void Fill(IEnumerable<DataValue> values, FigureSource source)
        {
            foreach (var v in values)
            {
                if (reportedYears.Contains((v.Unit, v.Year))) result.TryAdd((v.Unit, v.Year, v.Element), new Figure(v, source));
            }
        }
    }
}
