using Gaoxin.Core.Plans;
using Gaoxin.Data;
using Gaoxin.Data.Monitoring;
using Gaoxin.Data.Plans;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Plans;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Monitoring;

/// <summary>Target decomposition and key-task progress: readable by all, written by the office with a token.</summary>
public static class TrackingApi
{
    public sealed record ZoneTargetBody(decimal Value, string? ResponsibleUnit, string? Contact);
    public sealed record DecompositionBody(string? ResponsibleUnit, string? Contact, Dictionary<string, ZoneTargetBody> Zones);
    public sealed record ZoneTargetResponse(string Zone, decimal Value, string? ResponsibleUnit, string? Contact);
    public sealed record DecompositionResponse(string Target, string? ResponsibleUnit, string? Contact, bool Additive, decimal? Sum, decimal? Gap, bool? AddsUp,
        IReadOnlyList<ZoneTargetResponse> Zones);
    public sealed record TaskBody(string? Owner, int? DueYear, string Status, string? Note, int? Year);
    public sealed record TaskNoteResponse(int Year, string Text, DateTimeOffset At, string By);
    public sealed record TaskProgressResponse(string Id, string Title, string Kind, string? Zone, string Status, string? Owner, int? DueYear,
        IReadOnlyList<TaskNoteResponse> Notes, IReadOnlyList<TaskProgressResponse> Children);

    public static void MapTrackingApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/plans/{id}").WithTags("Plans");
        group.MapGet("/decomposition", GetDecomposition).AllowAnonymous().WithName("GetDecomposition").WithSummary("Each target's owner and zone split; addsUp is false where additive zone targets do not add up");
        group.MapPut("/targets/{targetId}/decomposition", PutDecomposition).RequireApi(Access.Office).WithName("PutDecomposition").WithSummary("Set a target's owner and zone split (office)");
        group.MapGet("/tasks", GetTasks).AllowAnonymous().WithName("GetTaskProgress").WithSummary("The key tasks as a tree with owner, due year, status and notes");
        group.MapPut("/tasks/{taskId}", PutTask).RequireApi(Access.Office).WithName("PutTaskProgress").WithSummary("Update a key task's progress (office)");
    }


    private static DecompositionResponse ToResponse(TargetDecompositionView v) => new(v.TargetId, v.ResponsibleUnit, v.Contact, v.Additive, v.Sum, v.Gap, v.AddsUp,
        v.Zones.Select(z => new ZoneTargetResponse(z.ZoneCode, Json.Normalize(z.Value), z.ResponsibleUnit, z.Contact)).ToList());

    public static async Task<Results<Ok<List<DecompositionResponse>>, ProblemHttpResult>> GetDecomposition(string id, GaoxinDb db, CancellationToken ct) =>
        await PlanStore.GetAsync(db, id, ct) is { } plan
            ? TypedResults.Ok((await PlanTrackingStore.DecompositionsAsync(db, plan, ct)).Select(ToResponse).ToList())
            : TypedResults.Problem(statusCode: 404, title: $"No plan '{id}'.");

    public static async Task<Results<Ok<DecompositionResponse>, ProblemHttpResult, UnauthorizedHttpResult>> PutDecomposition(
        string id, string targetId, DecompositionBody body, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var office = (await context.CallerAsync()).Name;
        if (await PlanStore.GetAsync(db, id, ct) is not { } plan || plan.Targets.All(t => t.Id != targetId))
            return TypedResults.Problem(statusCode: 404, title: $"No target '{targetId}' in plan '{id}'.");
        if (body.Zones.Keys.FirstOrDefault(z => plan.Zones.All(pz => pz.Code != z)) is { } unknown)
            return TypedResults.Problem(statusCode: 422, title: $"No zone '{unknown}' in the plan.");
        if (body.Zones.Values.Any(z => z.Value < 0)) return TypedResults.Problem(statusCode: 422, title: "Zone targets cannot be negative.");
        await PlanTrackingStore.SetOwnerAsync(db, id, targetId, body.ResponsibleUnit, body.Contact, office, clock, ct);
        await PlanTrackingStore.SetZoneTargetsAsync(db, id, targetId, body.Zones.ToDictionary(z => z.Key, z => (z.Value.Value, z.Value.ResponsibleUnit, z.Value.Contact)), office, clock, ct);
        return TypedResults.Ok(ToResponse((await PlanTrackingStore.DecompositionsAsync(db, plan, ct)).Single(v => v.TargetId == targetId)));
    }

    public static async Task<Results<Ok<List<TaskProgressResponse>>, ProblemHttpResult>> GetTasks(string id, GaoxinDb db, CancellationToken ct)
    {
        if (await PlanStore.GetAsync(db, id, ct) is not { } plan) return TypedResults.Problem(statusCode: 404, title: $"No plan '{id}'.");
        var progress = await PlanTrackingStore.TaskProgressAsync(db, id, ct);
        var notes = (await PlanTrackingStore.TaskNotesAsync(db, id, ct)).ToLookup(n => n.TaskId);
        TaskProgressResponse Map(PlanTask t) => new(t.Id, t.Title, PlanMapping.Wire(t.Kind), t.Zone,
            progress.GetValueOrDefault(t.Id)?.Status ?? "not_started", progress.GetValueOrDefault(t.Id)?.Owner, progress.GetValueOrDefault(t.Id)?.DueYear,
            notes[t.Id].Select(n => new TaskNoteResponse(n.Year, n.Text, n.At, n.By)).ToList(), t.Children.Select(Map).ToList());
        return TypedResults.Ok(plan.Tasks.Select(Map).ToList());
    }

    public static async Task<Results<NoContent, ProblemHttpResult, UnauthorizedHttpResult>> PutTask(
        string id, string taskId, TaskBody body, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var office = (await context.CallerAsync()).Name;
        if (await PlanStore.GetAsync(db, id, ct) is not { } plan) return TypedResults.Problem(statusCode: 404, title: $"No plan '{id}'.");
        var refused = await PlanTrackingStore.UpdateTaskAsync(db, plan, taskId, body.Owner, body.DueYear, body.Status, body.Note,
            body.Year ?? clock.GetUtcNow().Year, office, clock, ct);
        return refused switch
        {
            null => TypedResults.NoContent(),
            "unknown_task" => TypedResults.Problem(statusCode: 404, title: $"No task '{taskId}'."),
            _ => TypedResults.Problem(statusCode: 422, title: $"Status must be one of {string.Join(", ", PlanTrackingStore.TaskStatuses)}."),
        };
    }
}
