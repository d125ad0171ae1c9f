namespace Gaoxin.Core;

/// <summary>
/// Units of measure as the plan, the models and the registries write them (in Chinese: 亿元, 家, 件/万人) and as an English
/// reader reads them. A compound unit is read part by part (“件/万人” → “items per 10,000 people”); a unit already in Latin
/// letters or symbols (%, km², ratio) stays as it is.
/// </summary>
public static class UnitNames
{
    private static readonly Dictionary<string, string> English = new(StringComparer.Ordinal)
    {
        ["元"] = "yuan",
        ["万元"] = "10,000 yuan",
        ["千万元"] = "10 million yuan",
        ["亿元"] = "100 million yuan",
        ["百亿元"] = "10 billion yuan",
        ["万美元"] = "10,000 US dollars",
        ["亿美元"] = "100 million US dollars",
        ["平方米"] = "m²",
        ["万平方米"] = "10,000 m²",
        ["平方公里"] = "km²",
        ["公里"] = "km",
        ["吨"] = "t",
        ["万吨"] = "10,000 t",
        ["吨标准煤"] = "tce",
        ["万吨标准煤"] = "10,000 tce",
        ["人"] = "people",
        ["万人"] = "10,000 people",
        ["人年"] = "person-years",
        ["人次"] = "person-times",
        ["家"] = "organisations",
        ["个"] = "items",
        ["项"] = "items",
        ["件"] = "items",
        ["只"] = "funds",
        ["支"] = "teams",
        ["所"] = "institutions",
        ["分"] = "points",
        ["倍"] = "times",
        ["年"] = "years",
        ["月"] = "month",
        ["天"] = "days",
        ["小时"] = "hours",
        ["学时"] = "class hours",
    };

    /// <summary>The English form of <paramref name="unit"/>; empty for none, the unit itself when it has no Chinese part.</summary>
    public static string InEnglish(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit)) return "";
        if (English.TryGetValue(unit.Trim(), out var whole)) return whole;
        var parts = unit.Split('/');
        if (parts.Length == 2) return $"{Part(parts[0])} per {Part(parts[1])}".Trim();
        return Part(unit);
    }

    private static string Part(string part) => English.TryGetValue(part.Trim(), out var english) ? english : part.Trim();
}
