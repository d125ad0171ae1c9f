using Gaoxin.Data;
using Gaoxin.Data.Monitoring;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Monitoring;

/// <summary>GET /api/plans/{id}/progress?year=Y: plan monitoring from approved (public) figures.</summary>
public static class ProgressApi
{
    public static void MapProgressApi(this RouteGroupBuilder api) =>
        api.MapGet("/plans/{id}/progress", GetProgress).AllowAnonymous().WithTags("Plans").WithName("GetPlanProgress")
            .WithSummary("Every target's value, status (achieved/on_track/at_risk/off_track/no_data/no_data_source), forecast and zone breakdown");

    public static async Task<Results<Ok<PlanProgressResponse>, ProblemHttpResult>> GetProgress(string id, int? year, GaoxinDb db, ReadCache cache, TimeProvider clock, CancellationToken ct)
    {
        var progress = await PlanProgressStore.CachedAsync(db, cache, id, GaoxinDatabase.BundleDirectory, year ?? clock.GetUtcNow().Year - 1, ct);
        return progress is null
            ? TypedResults.Problem(statusCode: 404, title: $"No plan '{id}'.")
            : TypedResults.Ok(progress.ToResponse());
    }
}
