namespace Gaoxin.Core.Investment;

/// <summary>The fixed vocabularies and derived values of an investment project (区县招商项目).</summary>
public static class InvestmentRules
{
    /// <summary>Cooperation modes: 独资, 合资, 合作, PPP, 其他.</summary>
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> Cooperation = new Dictionary<string, (string, string)>
    {
        ["sole"] = ("独资", "Wholly owned"),
        ["joint_venture"] = ("合资", "Joint venture"),
        ["cooperation"] = ("合作", "Cooperation"),
        ["ppp"] = ("PPP", "PPP"),
        ["other"] = ("其他", "Other"),
    };

    /// <summary>Size bands of the investment amount (万元): small under 1亿, medium 1亿 up to 10亿, large 10亿 and over.</summary>
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> SizeBands = new Dictionary<string, (string, string)>
    {
        ["small"] = ("1亿元以下", "under 100 million yuan"),
        ["medium"] = ("1亿—10亿元", "100 million to 1 billion yuan"),
        ["large"] = ("10亿元及以上", "1 billion yuan or more"),
    };

    /// <summary>The band of an amount in 万元 (10,000 yuan), or null when the amount is unknown.</summary>
    public static string? SizeBand(decimal? amountWan) => amountWan switch
    {
        null => null,
        < 10_000m => "small",
        < 100_000m => "medium",
        _ => "large",
    };

    /// <summary>One 亩 is 1/15 hectare.</summary>
    public static decimal Hectares(decimal mu) => Math.Round(mu / 15m, 2, MidpointRounding.AwayFromZero);
}
