using System.Globalization;
using Gaoxin.Core.Investment;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Data;
using Gaoxin.Data.SiteSelection;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.SiteSelection;

/// <summary>A site-selection question as the page's form and the API take it, checked.</summary>
public sealed record SiteQuery(string Industry, IReadOnlyList<string> Needs, string? Size, SiteWeights Weights)
{
    /// <summary>The longest industry text taken.</summary>
    public const int MaxIndustryLength = 100;

    /// <summary>The largest weight of a part.</summary>
    public const decimal MaxWeight = 1000;

    /// <summary>A refused question: the code, the field, and the message in the reader's language.</summary>
    public sealed record Refusal(string Code, string Field, string Message);

    /// <summary>The question, or why it is refused. <paramref name="needs"/> may repeat or hold comma-separated needs.</summary>
    public static (SiteQuery? Query, Refusal? Refused) Parse(string? industry, IEnumerable<string?>? needs, string? size,
        IReadOnlyDictionary<string, string?> weights, IndustryCatalog catalog)
    {
        var text = industry?.Trim() ?? "";
        if (text.Length == 0)
            return (null, new("industry_required", "industry", Text.T("请填写产业,例如“生物医药”。", "Enter an industry, e.g. biomedicine.")));
        if (text.Length > MaxIndustryLength)
            return (null, new("industry_too_long", "industry", Text.T($"产业描述不能超过 {MaxIndustryLength} 个字符。", $"The industry text may have at most {MaxIndustryLength} characters.")));
        if (Core.InputLimits.ControlCharacterAt(text) >= 0)
            return (null, new("control_character", "industry", Text.T("产业描述含有控制字符。", "The industry text holds a control character.")));
        var list = new List<string>();
        foreach (var need in (needs ?? []).SelectMany(n => (n ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!SiteNeeds.All.Contains(need))
                return (null, new("unknown_need", "needs", Text.T($"未知的需求“{Trim(need)}”,可选:{string.Join("、", SiteNeeds.All)}。",
                    $"Unknown need '{Trim(need)}'; the needs are {string.Join(", ", SiteNeeds.All)}.")));
            if (!list.Contains(need)) list.Add(need);
        }
        string? band = null;
        if (!string.IsNullOrWhiteSpace(size))
        {
            if (InvestmentRules.SizeBands.ContainsKey(size.Trim())) band = size.Trim();
            else if (decimal.TryParse(size, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) && amount >= 0) band = InvestmentRules.SizeBand(amount);
            else return (null, new("unknown_size", "size", Text.T("规模应为 small、medium、large 或投资额(万元)。", "The size is small, medium, large or an amount in 10,000 yuan.")));
        }
        var used = catalog.Weights;
        foreach (var part in SiteWeights.Parts)
        {
            if (!weights.TryGetValue(part, out var raw) || string.IsNullOrWhiteSpace(raw)) continue;
            if (!decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var weight) || weight < 0 || weight > MaxWeight)
                return (null, new("invalid_weight", "w." + part, Text.T($"权重 w.{part} 应为 0 至 {MaxWeight} 之间的数。", $"The weight w.{part} must be a number from 0 to {MaxWeight}.")));
            used = used.With(part, weight);
        }
        return (new SiteQuery(text, list, band, used), null);
    }

    private static string Trim(string text) => text.Length > 40 ? text[..40] + "…" : text;

    /// <summary>The ranking for the question, on approved and public data at <paramref name="now"/>.</summary>
    public async Task<SiteSelectionResult> RankAsync(GaoxinDb db, IndustryCatalog catalog, DateTimeOffset now, CancellationToken ct) =>
        SiteScoring.Rank(catalog, Industry, Needs, Weights, await SiteInputs.LoadAsync(db, now, Size, ct));
}
