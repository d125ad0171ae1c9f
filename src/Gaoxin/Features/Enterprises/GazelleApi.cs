using Gaoxin.Core.Enterprises;
using Gaoxin.Data;
using Gaoxin.Data.Enterprises;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Enterprises;

/// <summary>
/// GET /api/gazelles?year=Y&amp;zone=&amp;rules=: the year's gazelles and unicorns from the enterprises' returns, each year
/// judged by its own rule set unless <c>rules</c> names one for every year; the same JSON as <c>gaoxin gazelles --format json</c>. Scoped like /api/enterprises: a personal token is required, the office
/// sees every zone, a zone operator their own (403 for another zone), any other role nothing.
/// </summary>
public static class GazelleApi
{
    public static void MapGazelleApi(this RouteGroupBuilder api)
    {
        api.MapGet("/gazelles", List).RequireApi(Access.ZoneStaff).WithTags("Enterprises").WithName("ListGazelles")
            .WithSummary("Gazelles (瞪羚) and unicorns (独角兽) of a year with their routes and per-zone counts");
    }

    public static async Task<Results<Ok<GazelleYearResponse>, UnauthorizedHttpResult, ProblemHttpResult>> List(
        int year, string? zone, string? rules, HttpContext context, GaoxinDb db, EnterpriseRules catalog, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var (_, own) = EnterpriseStore.Scope(who);
        if ((own is not null && !string.IsNullOrEmpty(zone) && zone != own))
            return Shared.Refusal.Forbidden("forbidden", "企业年报仅向省高新区办公室和本高新区填报员开放。",
                "Enterprise returns are open to the provincial office and to a zone's own operators.").ToResult();
        var (choice, error) = catalog.Gazelle(rules);
        if (choice is null) return EnterpriseChecks.ToRefusal([error!]).ToResult();
        var classifier = new GazelleClassifier(choice);
        var result = await Gazelles.IdentifyAsync(db, classifier, year, own ?? (string.IsNullOrEmpty(zone) ? null : zone), ct);
        return TypedResults.Ok(result.ToResponse(classifier));
    }
}
