using Gaoxin.Data;
using Gaoxin.Data.Plans;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Plans;

/// <summary>GET /api/plans and /api/plans/{id}.</summary>
public static class PlanApi
{
    public static void MapPlanApi(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/plans").WithTags("Plans").AllowAnonymous();
        plans.MapGet("/", ListPlans).WithName("ListPlans").WithSummary("The stored plans");
        plans.MapGet("/{id}", GetPlan).WithName("GetPlan").WithSummary("A plan: zones, baselines, targets and key tasks, each with its quote");
    }

    public static async Task<Ok<List<PlanSummaryResponse>>> ListPlans(GaoxinDb db, CancellationToken ct) =>
        TypedResults.Ok((await PlanStore.ListAsync(db, ct))
            .Select(p => new PlanSummaryResponse(p.Id, p.Version, p.Title, p.TitleEn, p.BaseYear, p.TargetYear)).ToList());

    public static async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> GetPlan(string id, GaoxinDb db, CancellationToken ct) =>
        await PlanStore.GetAsync(db, id, ct) is { } plan
            ? TypedResults.Ok(plan.ToResponse())
            : Refusal.NotFound("unknown_plan", $"没有编号为“{id}”的规划。", $"No plan '{id}'.").ToResult();
}
