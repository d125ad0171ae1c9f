using Gaoxin.Core.Applications;
using Gaoxin.Core.Evaluation;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Evaluation;
using Gaoxin.Data.Experts;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Applications;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Experts;

/// <summary>A panel member: whether they scored, and their score and comment once the reader may see them.</summary>
public sealed record PanelMemberResponse(string Expert, bool Scored, decimal? Score, string? Comment);

/// <summary>The aggregated result of a closed panel: the mean after dropping <c>trimmed</c> scores at each end, and the dispersion.</summary>
public sealed record PanelResultResponse(int Count, int Trimmed, decimal? Mean, decimal? StandardDeviation, decimal? Range, decimal? Lowest, decimal? Highest);

/// <summary>A panel on the wire. <c>item</c>: application, indicator or midterm_review; <c>status</c>: open or closed.</summary>
public sealed record PanelResponse(long Id, string Item, string Subject, string Zone, int Year, long? Application, string? Model, string? Indicator,
    string? Element, int? Trim, string Status, IReadOnlyList<PanelMemberResponse> Members, PanelResultResponse? Result, decimal? MyScore, int Version);

/// <summary>A panel to set up: <c>application</c> (its id) for an application; <c>model</c> and <c>indicator</c> (an expert-score indicator) for an indicator.</summary>
public sealed record PanelRequest(string? Item, string? Subject, string? Zone, int? Year, long? Application, string? Model, string? Indicator, int? Trim,
    List<string>? Members);

public sealed record PanelCloseRequest(int? Version);

public sealed record ScoreRequest(decimal? Score, string? Comment);

public sealed record ConflictRequest(string? Zone, string? Reason);

public sealed record ConflictResponse(string Expert, string Zone, string? Reason, string DeclaredAt);

public sealed record PanelCreated(long Id, int Version);

/// <summary>
/// /api/panels (the office sets up and closes panels; experts read theirs) and /api/experts (an expert's scores and conflicts
/// of interest). Before a panel closes nobody sees another expert's score.
/// </summary>
public static class ExpertsApi
{
    public static void MapExpertsApi(this RouteGroupBuilder api)
    {
        var panels = api.MapGroup("/panels").WithTags("Expert review");
        panels.MapGet("/", ListAsync).RequireApi(Access.OfficeOrExpert).WithName("ListPanels").WithSummary("Panels (the office: all; an expert: theirs)");
        panels.MapGet("/{id:long}", GetAsync).RequireApi(Access.OfficeOrExpert).WithName("GetPanel").WithSummary("One panel; scores are sealed until it closes");
        panels.MapPost("/", CreateAsync).RequireApi(Access.Office).WithName("CreatePanel").WithSummary("Set up a panel of experts for an item");
        panels.MapPost("/{id:long}/close", CloseAsync).RequireApi(Access.Office).WithName("ClosePanel")
            .WithSummary("Close a panel: the trimmed mean and dispersion are fixed; an indicator's mean enters the figures (source experts)");

        var experts = api.MapGroup("/experts").WithTags("Expert review").RequireApi(Access.Expert);
        experts.MapPost("/panels/{id:long}/score", ScoreAsync).WithName("ScorePanel").WithSummary("Score (0–100) an open panel's item you sit on");
        experts.MapGet("/conflicts", ConflictsAsync).WithName("ListConflicts").WithSummary("Your declared conflicts of interest");
        experts.MapPost("/conflicts", DeclareAsync).WithName("DeclareConflict").WithSummary("Declare a conflict of interest with a zone");
    }

    public static PanelResponse ToResponse(PanelView p) => new(p.Id, p.Item, p.Subject, p.ZoneCode, p.Year, p.CaseId, p.ModelId, p.IndicatorCode, p.ElementCode,
        p.Trim, p.Closed ? "closed" : "open",
        p.Members.Select(m => new PanelMemberResponse(m.UserName, m.Scored, m.Score is { } s ? Json.Normalize(s) : null, m.Comment)).ToList(),
        p.Result is { } r ? new PanelResultResponse(r.Count, r.Trimmed, r.Mean, r.StandardDeviation, r.Range, r.Lowest is { } l ? Json.Normalize(l) : null,
            r.Highest is { } h ? Json.Normalize(h) : null) : null,
        p.MyScore is { } my ? Json.Normalize(my) : null, p.Version);

    public static async Task<Ok<List<PanelResponse>>> ListAsync(HttpContext context, GaoxinDb db, CancellationToken ct) =>
        TypedResults.Ok((await ExpertStore.ListAsync(db, await context.CallerAsync(), null, null, ct)).Select(ToResponse).ToList());

    public static async Task<Results<Ok<PanelResponse>, ProblemHttpResult>> GetAsync(long id, HttpContext context, GaoxinDb db, CancellationToken ct) =>
        (await ExpertStore.ListAsync(db, await context.CallerAsync(), id, null, ct)).FirstOrDefault() is { } p ? TypedResults.Ok(ToResponse(p))
            : Refusal.NotFound("unknown_panel", $"没有编号为 {id} 的评审组(或您不在其中)。", $"No review panel {id} (or you are not on it).").ToResult();

    /// <summary>The data element an expert-score indicator of a bundled model reads, or null when there is no such indicator.</summary>
    public static async Task<string?> IndicatorElementAsync(GaoxinDb db, string? model, string? indicator, CancellationToken ct)
    {
        if (model is null || indicator is null) return null;
        var set = await DataSetStore.GetAsync(db, ct);
        var file = EvaluationStore.LoadModels(GaoxinDatabase.BundleDirectory, set.Elements.Select(e => e.Code).ToHashSet())
            .FirstOrDefault(m => m.Model.Id == model);
        var definition = file?.Model.Indicators.FirstOrDefault(i => i.Code == indicator && i.ExpertScore);
        return definition?.Formula.Operands().Select(o => o.Element).FirstOrDefault();
    }

    public static async Task<Results<Created<PanelCreated>, ProblemHttpResult>> CreateAsync(PanelRequest request, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct)
    {
        var element = request.Item == PanelItems.Indicator ? await IndicatorElementAsync(db, request.Model, request.Indicator, ct) : null;
        var (id, refused) = await ExpertStore.CreateAsync(db, await context.CallerAsync(), new PanelInput(request.Item, request.Subject, request.Zone,
            request.Year, request.Application, request.Model, request.Indicator, element, request.Trim, request.Members), "api", clock, ct);
        return refused is not null ? ApplicationsApi.Refused(refused) : TypedResults.Created($"/api/panels/{id}", new PanelCreated(id!.Value, 1));
    }

    public static async Task<Results<Ok<PanelResultResponse>, ProblemHttpResult>> CloseAsync(long id, PanelCloseRequest request, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct)
    {
        var (r, refused) = await ExpertStore.CloseAsync(db, await context.CallerAsync(), id, request.Version, "api", clock, ct);
        return refused is not null ? ApplicationsApi.Refused(refused)
            : TypedResults.Ok(new PanelResultResponse(r!.Count, r.Trimmed, r.Mean, r.StandardDeviation, r.Range, r.Lowest, r.Highest));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ScoreAsync(long id, ScoreRequest request, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct) =>
        await ExpertStore.ScoreAsync(db, await context.CallerAsync(), id, request.Score, request.Comment, "api", clock, ct) is { } refused
            ? ApplicationsApi.Refused(refused) : TypedResults.NoContent();

    public static async Task<Ok<List<ConflictResponse>>> ConflictsAsync(HttpContext context, GaoxinDb db, CancellationToken ct) =>
        TypedResults.Ok((await ExpertStore.ConflictsAsync(db, await context.CallerAsync(), ct))
            .Select(c => new ConflictResponse(c.UserName, c.ZoneCode, c.Reason, c.DeclaredAt.ToString("O"))).ToList());

    public static async Task<Results<NoContent, ProblemHttpResult>> DeclareAsync(ConflictRequest request, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct) =>
        await ExpertStore.DeclareConflictAsync(db, await context.CallerAsync(), request.Zone, request.Reason, "api", clock, ct) is { } refused
            ? ApplicationsApi.Refused(refused) : TypedResults.NoContent();
}
