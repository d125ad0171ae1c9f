using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Enterprises;

/// <summary>
/// The enterprise self-checks: the same JSON in and out as <c>gaoxin hte assess</c> and <c>gaoxin tech-sme assess</c>.
/// Anonymous — a self-check that stores nothing — and the rule sets they run on.
/// </summary>
public static class SelfAssessmentApi
{
    /// <summary>Largest request body read: an assessment is a few hundred bytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static void MapSelfAssessmentApi(this RouteGroupBuilder api)
    {
        api.MapPost("/hte/assess", AssessHte).AllowAnonymous().WithTags("Enterprises").WithName("AssessHighTechEnterprise")
            .WithSummary("High-tech enterprise self-assessment (高企自评): conditions, innovation score range per block, hints; nothing is stored")
            .WithDescription("Query ?rules=ID picks a rule set (default: the one in force on assessedOn). Bad input: 400 with each field's path and reason.")
            .Accepts<HteAssessRequest>("application/json");
        api.MapPost("/tech-sme/assess", AssessTechSme).AllowAnonymous().WithTags("Enterprises").WithName("AssessTechSme")
            .WithSummary("科技型中小企业 evaluation: conditions, score, direct-qualification route, hints; nothing is stored")
            .WithDescription("Query ?rules=ID picks a rule set (default: the one in force on assessedOn, else today). Bad input: 400 with each field's path and reason.")
            .Accepts<TechSmeAssessRequest>("application/json");
        api.MapGet("/rules", ListRules).AllowAnonymous().WithTags("Enterprises").WithName("ListRuleSets")
            .WithSummary("The enterprise rule sets (rules/*.yaml): id, kind, name, validity and source document");
    }

    public static async Task<Results<Ok<HteAssessResponse>, ValidationProblem, ProblemHttpResult>> AssessHte(
        HttpRequest request, string? rules, EnterpriseRules catalog, CancellationToken ct)
    {
        if (await ReadBodyAsync(request, ct) is not { } json) return TooLarge();
        var outcome = EnterpriseChecks.Hte(catalog, json, rules);
        return outcome.Result is { } result
            ? TypedResults.Ok(result)
            : TypedResults.ValidationProblem(EnterpriseChecks.ToDictionary(outcome.Errors), title: "The input cannot be assessed.");
    }

    public static async Task<Results<Ok<TechSmeAssessResponse>, ValidationProblem, ProblemHttpResult>> AssessTechSme(
        HttpRequest request, string? rules, EnterpriseRules catalog, TimeProvider clock, CancellationToken ct)
    {
        if (await ReadBodyAsync(request, ct) is not { } json) return TooLarge();
        var outcome = EnterpriseChecks.TechSme(catalog, json, rules, DateOnly.FromDateTime(clock.GetLocalNow().Date));
        return outcome.Result is { } result
            ? TypedResults.Ok(result)
            : TypedResults.ValidationProblem(EnterpriseChecks.ToDictionary(outcome.Errors), title: "The input cannot be evaluated.");
    }

    public static Ok<List<RuleSetResponse>> ListRules(EnterpriseRules catalog) =>
        TypedResults.Ok(catalog.Catalog.All.Select(s => s.ToResponse()).ToList());

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"The request body is larger than {MaxBodyBytes} bytes.");

    /// <summary>The body as text, or null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes) return null;
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
