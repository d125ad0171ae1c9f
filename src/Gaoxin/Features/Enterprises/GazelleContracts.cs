using System.Text.Json.Serialization;
using Gaoxin.Core.Enterprises;
using Gaoxin.Data.Enterprises;

namespace Gaoxin.Features.Enterprises;

// The contract of `gaoxin gazelles --format json` and GET /api/gazelles (one shape for both; snake_case as the CLI's
// contract names it).

/// <summary>A gazelle or unicorn of the year: <c>kind</c> is <c>gazelle</c> or <c>unicorn</c>; <c>new</c> when it was not of that kind in t − 1; <c>routes</c> the scale routes that hold.</summary>
public sealed record GazelleResponse(
    [property: JsonPropertyName("credit_code")] string CreditCode,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("zone")] string Zone,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("new")] bool New,
    [property: JsonPropertyName("routes")] IReadOnlyList<string> Routes);

/// <summary>A zone's counts: enterprises with a return that year, gazelles, new gazelles, unicorns.</summary>
public sealed record GazelleZoneResponse(
    [property: JsonPropertyName("zone")] string Zone,
    [property: JsonPropertyName("enterprises")] int Enterprises,
    [property: JsonPropertyName("gazelles")] int Gazelles,
    [property: JsonPropertyName("gazelles_new")] int GazellesNew,
    [property: JsonPropertyName("unicorns")] int Unicorns);

/// <summary>A data year and the rule set that judged it: <c>rules</c> its id, <c>name</c> its Chinese name.</summary>
public sealed record GazelleJudgedYearResponse(
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("rules")] string Rules,
    [property: JsonPropertyName("name")] string Name);

/// <summary>
/// The gazelles and unicorns of a year: <c>rules</c> is the id of the rule set that judged the year; <c>rules_by_year</c>
/// names the rule set of the year and of the year before (whose classification decides <c>new</c>).
/// </summary>
public sealed record GazelleYearResponse(
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("rules")] string Rules,
    [property: JsonPropertyName("enterprises")] IReadOnlyList<GazelleResponse> Enterprises,
    [property: JsonPropertyName("zones")] IReadOnlyList<GazelleZoneResponse> Zones,
    [property: JsonPropertyName("rules_by_year")] IReadOnlyList<GazelleJudgedYearResponse> RulesByYear);

public static class GazelleMapping
{
    public static GazelleYearResponse ToResponse(this GazelleYear year, GazelleClassifier classifier) => new(
        year.Year, year.RuleSetId,
        year.Enterprises.Select(e => new GazelleResponse(e.CreditCode, e.Name, e.Zone, EnterpriseWire.Name(e.Kind), e.New,
            classifier.RouteIds(year.Year, e.Routes))).ToList(),
        year.Zones.Select(z => new GazelleZoneResponse(z.Zone, z.Enterprises, z.Gazelles, z.GazellesNew, z.Unicorns)).ToList(),
        year.Judged.Select(j => new GazelleJudgedYearResponse(j.Year, j.Rules.Header.Id, j.Rules.Header.Name)).ToList());

    /// <summary>Short names of the scale routes for lists: 高成长(营收), 高成长(人数), 规模(5年内), 规模(10年内), 风投.</summary>
    public static string RouteLabel(GazelleRuleSet rules, string id) => id switch
    {
        "revenue_growth" => Shared.Text.T("高成长(营收)", "High growth (revenue)"),
        "employee_growth" => Shared.Text.T("高成长(人数)", "High growth (staff)"),
        "young_large" => Shared.Text.T("规模(5年内)", "Scale (within 5 years)"),
        "large" => Shared.Text.T("规模(10年内)", "Scale (within 10 years)"),
        "venture_capital" => Shared.Text.T("风投", "Venture capital"),
        _ => rules.Routes.FirstOrDefault(r => r.Id == id) is { } r ? Shared.Text.T(r.Name, r.NameEn) : id,
    };
}
