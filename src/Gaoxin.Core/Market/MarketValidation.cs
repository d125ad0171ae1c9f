using Gaoxin.Core.SiteSelection;

namespace Gaoxin.Core.Market;

/// <summary>
/// What a demand or an achievement says, as a form, the API or an import row gives it (side-specific fields are null on
/// the other side). Keywords and cooperation modes are lists written with commas (、 and ， accepted).
/// </summary>
public sealed record MarketProfileInput(
    MarketSide Side, string? Title, string? Text, string? Field, string? Keywords, string? Zone,
    string? ContactName, string? ContactPhone, string? ContactEmail, DateOnly? ValidUntil,
    // Demand
    string? EnterpriseName = null, string? CreditCode = null, decimal? BudgetMinWan = null, decimal? BudgetMaxWan = null, DateOnly? Deadline = null,
    // Achievement
    string? Maturity = null, int? Trl = null, string? IpStatus = null, string? IpNumbers = null, string? CooperationModes = null,
    decimal? PriceMinWan = null, decimal? PriceMaxWan = null, int? InstitutionId = null, string? OwnerName = null, string? Region = null);

/// <summary>One thing wrong with a profile: the field (as the API names it), a code, and the limit or value involved.</summary>
public sealed record MarketProblem(string Field, string Code, string? Detail = null);

/// <summary>The checks a profile passes before it is stored, whichever way it came in (pure: the known codes are passed in).</summary>
public static class MarketValidation
{
    /// <summary>The separators a list may be written with: comma, Chinese comma, enumeration comma, semicolon.</summary>
    private static readonly char[] Separators = [',', '，', '、', ';', '；'];

    /// <summary>A written list as its trimmed, distinct items, in order.</summary>
    public static IReadOnlyList<string> Split(string? list) =>
        string.IsNullOrWhiteSpace(list) ? [] : list.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    /// <summary>A written list as stored: items joined by a comma.</summary>
    public static string Join(string? list) => string.Join(",", Split(list));

    /// <summary>
    /// Every problem of <paramref name="input"/>, in the order of the fields: lengths and control characters, required
    /// fields, the field code in <paramref name="catalog"/>, the closed lists of <see cref="MarketTerms"/>, TRL within the
    /// maturity stage, ranges (0 ≤ min ≤ max), the zone in <paramref name="zones"/> and the institution in
    /// <paramref name="institutions"/>, the last valid day from <paramref name="today"/> to a year ahead. Empty: storable.
    /// </summary>
    public static IReadOnlyList<MarketProblem> Check(MarketProfileInput input, IndustryCatalog catalog, IReadOnlySet<string> zones,
        IReadOnlySet<int> institutions, DateOnly today)
    {
        var problems = new List<MarketProblem>();
        var demand = input.Side == MarketSide.Demand;
        var textField = demand ? "problem" : "description";
        foreach (var (field, text, limit) in new[]
                 {
                     ("title", input.Title, InputLimits.Title), (textField, input.Text, InputLimits.FreeText), ("field", input.Field, 64),
                     ("keywords", input.Keywords, InputLimits.Comment), ("zone", input.Zone, 64), ("contactName", input.ContactName, InputLimits.Name),
                     ("contactPhone", input.ContactPhone, 64), ("contactEmail", input.ContactEmail, InputLimits.Name),
                     ("enterpriseName", input.EnterpriseName, InputLimits.Name), ("creditCode", input.CreditCode, 18),
                     ("maturity", input.Maturity, 32), ("ipStatus", input.IpStatus, 32), ("ipNumbers", input.IpNumbers, InputLimits.Comment),
                     ("cooperationModes", input.CooperationModes, 128), ("ownerName", input.OwnerName, InputLimits.Name), ("region", input.Region, InputLimits.Name),
                 })
            if (InputLimits.Check(field, text, limit) is { } bad) problems.Add(new MarketProblem(field, bad.Code, (bad.Limit ?? bad.Position)?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (problems.Count > 0) return problems;

        if (string.IsNullOrWhiteSpace(input.Title)) problems.Add(new("title", "title_required"));
        if (string.IsNullOrWhiteSpace(input.Text)) problems.Add(new(textField, "text_required"));
        if (string.IsNullOrWhiteSpace(input.Field)) problems.Add(new("field", "field_required"));
        else if (catalog.Find(input.Field.Trim()) is null) problems.Add(new("field", "unknown_field", input.Field));
        if (!string.IsNullOrWhiteSpace(input.Zone) && !zones.Contains(input.Zone.Trim())) problems.Add(new("zone", "unknown_zone", input.Zone));
        if (!string.IsNullOrWhiteSpace(input.ContactEmail) && !LooksLikeEmail(input.ContactEmail.Trim())) problems.Add(new("contactEmail", "invalid_email"));
        if (demand)
        {
            if (string.IsNullOrWhiteSpace(input.EnterpriseName)) problems.Add(new("enterpriseName", "enterprise_required"));
            if (!string.IsNullOrWhiteSpace(input.CreditCode) && !Enterprises.CreditCode.IsValid(input.CreditCode.Trim()))
                problems.Add(new("creditCode", "invalid_credit_code", input.CreditCode));
            Range(problems, "budgetMinWan", "budgetMaxWan", input.BudgetMinWan, input.BudgetMaxWan);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(input.OwnerName) && input.InstitutionId is null) problems.Add(new("ownerName", "owner_required"));
            var maturity = input.Maturity?.Trim();
            if (string.IsNullOrEmpty(maturity)) problems.Add(new("maturity", "maturity_required"));
            else if (MarketTerms.Find(MarketTerms.Maturities, maturity) is null) problems.Add(new("maturity", "unknown_maturity", maturity));
            if (input.Trl is { } trl)
            {
                if (MarketTerms.StageOfTrl(trl) is not { } stage) problems.Add(new("trl", "trl_out_of_range", trl.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                else if (MarketTerms.Find(MarketTerms.Maturities, maturity) is not null && stage != maturity)
                    problems.Add(new("trl", "trl_not_in_stage", $"{trl}/{maturity}"));
            }
            var ip = input.IpStatus?.Trim();
            if (string.IsNullOrEmpty(ip)) problems.Add(new("ipStatus", "ip_status_required"));
            else if (MarketTerms.Find(MarketTerms.IpStatuses, ip) is null) problems.Add(new("ipStatus", "unknown_ip_status", ip));
            var modes = Split(input.CooperationModes);
            if (modes.Count == 0) problems.Add(new("cooperationModes", "cooperation_required"));
            foreach (var mode in modes.Where(m => MarketTerms.Find(MarketTerms.CooperationModes, m) is null))
                problems.Add(new("cooperationModes", "unknown_cooperation", mode));
            Range(problems, "priceMinWan", "priceMaxWan", input.PriceMinWan, input.PriceMaxWan);
            if (input.InstitutionId is { } institution && !institutions.Contains(institution))
                problems.Add(new("institutionId", "unknown_institution", institution.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (MarketWorkflow.CheckValidUntil(input.ValidUntil, today) is { } validity) problems.Add(new("validUntil", validity));
        return problems;
    }

    private static void Range(List<MarketProblem> problems, string minField, string maxField, decimal? min, decimal? max)
    {
        if (min is < 0) problems.Add(new(minField, "negative_amount"));
        if (max is < 0) problems.Add(new(maxField, "negative_amount"));
        if (min is { } low && max is { } high && low > high) problems.Add(new(minField, "min_above_max", $"{low}>{high}"));
    }

    private static bool LooksLikeEmail(string text)
    {
        var at = text.IndexOf('@');
        return at > 0 && at == text.LastIndexOf('@') && text.IndexOf('.', at) > at + 1 && !text.EndsWith('.') && !text.Any(char.IsWhiteSpace);
    }
}
