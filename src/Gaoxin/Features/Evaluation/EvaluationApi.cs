using Gaoxin.Core.Evaluation;
using Gaoxin.Data;
using Gaoxin.Data.Evaluation;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Shared;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Gaoxin.Features.Evaluation;

/// <summary>
/// Evaluation runs. Published results are public; the office (with a token) also sees unpublished runs, starts runs
/// and publishes them.
/// </summary>
public static class EvaluationApi
{
    public sealed record RunRequest(int Year, string? Model, int? Sensitivity, int? Seed);

    public static void MapEvaluationApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/evaluations").WithTags("Evaluation");
        group.MapGet("/", ListRuns).AllowAnonymous().WithName("ListEvaluationRuns").WithSummary("Evaluation runs, newest first (published ones only without a token)");
        group.MapGet("/{year:int}", GetYear).AllowAnonymous().Produces<EvaluationResponse>(StatusCodes.Status200OK, "application/json").WithName("GetEvaluation").WithSummary("The evaluation of a year: the published run, or for the office the newest run");
        group.MapGet("/{year:int}/{zone}", GetExplanation).AllowAnonymous().WithName("GetEvaluationExplanation")
            .WithSummary("Why a zone scored what it did in a stored run: the year's published run, or ?run=ID (unpublished runs for the office)");
        group.MapPost("/", Run).RequireApi(Access.Office).WithName("RunEvaluation").WithSummary("Run an evaluation and keep it as a record (office)");
        group.MapPost("/runs/{id:long}/publish", Publish).RequireApi(Access.Office).WithName("PublishEvaluation").WithSummary("Publish a run (office)");
    }

    /// <summary>Unpublished runs are shown to the office's token only.</summary>
    private static async Task<bool> IsOfficeAsync(HttpContext context) => await context.TokenPrincipalAsync() is { IsAdmin: true };

    public static async Task<Ok<List<EvaluationRunResponse>>> ListRuns(HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        var office = await IsOfficeAsync(context);
        var runs = await EvaluationStore.ListRunsAsync(db, ct);
        return TypedResults.Ok(runs.Where(r => office || r.PublishedAt is not null).Select(r => r.ToResponse()).ToList());
    }

    /// <summary>The run a year's request is answered from, with its response body as the API writes it.</summary>
    private sealed record YearRun(bool Published, byte[] Body);

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetYear(
        int year, string? model, HttpContext context, GaoxinDb db, ReadCache cache, IOptions<JsonOptions> json, CancellationToken ct)
    {
        // A run's result never changes once stored, and which run answers a year changes only when a run is stored or
        // published (both raise the store version): the body is serialised once, not on every request.
        var modelId = model ?? EvaluationCommands.DefaultModel;
        var run = await cache.GetAsync(db, $"evaluation:{year}:{modelId}", async (store, token) =>
            await EvaluationStore.RunForYearAsync(store, year, modelId, token) is { } r
                ? new YearRun(r.PublishedAt is not null, JsonSerializer.SerializeToUtf8Bytes(EvaluationRunner.Read(r), json.Value.SerializerOptions))
                : null, ct);
        if (run is null || (!run.Published && !await IsOfficeAsync(context)))
            return Refusal.NotFound("unknown_evaluation", $"{year} 年尚无已发布的评价结果。", $"No published evaluation of {year}.").ToResult();
        return TypedResults.Bytes(run.Body, "application/json; charset=utf-8");
    }

    public static async Task<Results<Ok<ZoneExplanationResponse>, ProblemHttpResult>> GetExplanation(
        int year, string zone, string? model, long? run, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        var explained = await EvaluationRunner.ExplainAsync(db, year, zone, model, run, await IsOfficeAsync(context), ct);
        if (explained is null)
            return Refusal.NotFound("unknown_evaluation", $"{year} 年尚无该高新区“{zone}”的已发布评价结果。", $"No published evaluation of {zone} in {year}.").ToResult();
        if (explained.Explanation is not { } explanation)
            return Refusal.Conflict("run_without_figures", $"评价记录 {explained.Run.Id} 保存时尚未记录计算所用数据,请重新运行该年度的评价后再查看说明。",
                $"Run {explained.Run.Id} was stored before runs kept their figures; run the year again to explain it.").ToResult();
        return TypedResults.Ok(explanation.ToResponse(explained.Run));
    }

    public static async Task<Results<Ok<EvaluationRunResponse>, ProblemHttpResult, UnauthorizedHttpResult>> Run(
        RunRequest request, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var office = await context.CallerAsync();
        var sensitivity = request.Sensitivity is > 0 and var n ? new SensitivityOptions(Math.Min(n, 100_000), request.Seed ?? 1) : null;
        var outcome = await EvaluationRunner.RunAsync(db, request.Year, request.Model ?? EvaluationCommands.DefaultModel, sensitivity,
            office.Name, clock, ct);
        if (outcome.Error is { } error)
            return (Refusal.NotFound("unknown_model", $"没有评价模型“{request.Model ?? EvaluationCommands.DefaultModel}”。", error) with { Field = "model" }).ToResult();
        var run = (await EvaluationStore.ListRunsAsync(db, ct)).First(r => r.Id == outcome.RunId);
        return TypedResults.Ok(run.ToResponse());
    }

    /// <summary>Publishes a run (office); <c>?documentNumber=</c> gives the bulletin's document number (文号), else the next free one of the year is taken.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult, UnauthorizedHttpResult>> Publish(long id, string? documentNumber, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct)
    {
        var office = await context.CallerAsync();
        var refused = await Data.Rectification.RectificationStore.PublishRunAsync(db, id, office.Name, clock, ct, documentNumber);
        if (refused is null) return TypedResults.NoContent();
        return (Refusal.Of(refused switch
        {
            "run_not_found" => RefusalKind.NotFound,
            "document_number_empty" or "document_number_invalid" => RefusalKind.Invalid,
            _ => RefusalKind.Conflict,
        }, refused, () => IndexModel.PublishRefusal(refused)) with { Field = refused.StartsWith("document_number", StringComparison.Ordinal) ? "documentNumber" : null }).ToResult();
    }
}
