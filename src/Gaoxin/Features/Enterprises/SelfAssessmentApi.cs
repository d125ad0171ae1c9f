using System.Text;
using Gaoxin.Features.Shared;
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
            .WithDescription("Query ?rules=ID picks a rule set (default: the one in force on assessedOn). Bad input: 422 validation_failed with each field's path, code and reason in problems.")
            .Accepts<HteAssessRequest>("application/json");
        api.MapPost("/tech-sme/assess", AssessTechSme).AllowAnonymous().WithTags("Enterprises").WithName("AssessTechSme")
            .WithSummary("科技型中小企业 evaluation: conditions, score, direct-qualification route, hints; nothing is stored")
            .WithDescription("Query ?rules=ID picks a rule set (default: the one in force on assessedOn, else today). Bad input: 422 validation_failed with each field's path, code and reason in problems.")
            .Accepts<TechSmeAssessRequest>("application/json");
        api.MapGet("/rules", ListRules).AllowAnonymous().WithTags("Enterprises").WithName("ListRuleSets")
            .WithSummary("The enterprise rule sets (rules/*.yaml): id, kind, name, validity and source document");
    }

    public static async Task<Results<Ok<HteAssessResponse>, ProblemHttpResult>> AssessHte(
        HttpRequest request, string? rules, EnterpriseRules catalog, CancellationToken ct)
    {
        if (await ReadBodyAsync(request, ct) is not { } json) return TooLarge();
        var outcome = EnterpriseChecks.Hte(catalog, json, rules);
        return outcome.Result is { } result
            ? TypedResults.Ok(result)
            : EnterpriseChecks.ToRefusal(outcome.Errors).ToResult();
    }

    public static async Task<Results<Ok<TechSmeAssessResponse>, ProblemHttpResult>> AssessTechSme(
        HttpRequest request, string? rules, EnterpriseRules catalog, TimeProvider clock, CancellationToken ct)
    {
        if (await ReadBodyAsync(request, ct) is not { } json) return TooLarge();
        var outcome = EnterpriseChecks.TechSme(catalog, json, rules, DateOnly.FromDateTime(clock.GetLocalNow().Date));
        return outcome.Result is { } result
            ? TypedResults.Ok(result)
            : EnterpriseChecks.ToRefusal(outcome.Errors).ToResult();
    }

    public static Ok<List<RuleSetResponse>> ListRules(EnterpriseRules catalog) =>
        TypedResults.Ok(catalog.Catalog.All.Select(s => s.ToResponse()).ToList());

    private static ProblemHttpResult TooLarge() => new Shared.Refusal(Shared.RefusalKind.TooLarge, "payload_too_large",
        $"请求体超过 {MaxBodyBytes} 字节的上限。", $"The request body is larger than {MaxBodyBytes} bytes.").ToResult();

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
