using Gaoxin.Core.Collection;

namespace Gaoxin.Core.Market;

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
