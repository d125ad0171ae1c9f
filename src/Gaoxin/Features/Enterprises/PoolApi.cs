using Gaoxin.Core.Enterprises;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Enterprises;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Features.Enterprises;

/// <summary>
/// The reserve pool (后备库) API, mirroring <c>gaoxin pool</c>: GET /api/pool, GET /api/pool/counts, POST /api/pool (propose),
/// POST /api/pool/{creditCode}/move, POST /api/pool/{creditCode}/trainings. A personal token is required for all of it;
/// the office acts on every zone, a zone operator on their own zone's enterprises, any other role on nothing. Refusals are
/// problems with a <c>code</c>: 403 forbidden, 404 unknown_enterprise / not_proposed, 409 already_proposed, 422 the rule's
/// refusals (entry_refused, transition_not_allowed, terminal_stage, not_in_pool, date_before_last_move, date_in_future, invalid_input).
/// </summary>
public static class PoolApi
{
    public static void MapPoolApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/pool").WithTags("Reserve pool").RequireApi(Access.ZoneStaff);
        group.MapGet("/", List).WithName("ListReservePool").WithSummary("Enterprises of the reserve pool by zone and stage");
        group.MapGet("/counts", Counts).WithName("ReservePoolCounts").WithSummary("Per zone: in the pool at year end, trained and recognised in the year and to date");
        group.MapPost("/", Propose).WithName("ProposeToReservePool").WithSummary("Propose an enterprise as a candidate with its self-assessment; the entry rule decides");
        group.MapPost("/{creditCode}/move", Move).WithName("MoveInReservePool").WithSummary("Move an enterprise along the pipeline");
        group.MapPost("/{creditCode}/trainings", Train).WithName("RecordReservePoolTraining").WithSummary("Record a training of an enterprise of the pool");
    }

    private static ProblemHttpResult Forbidden() => Shared.Refusal.Forbidden("forbidden",
        "后备库仅向省高新区办公室和本高新区填报员开放。", "The reserve pool is open to the provincial office and to a zone's own operators.").ToResult();

    /// <summary>A refused step as a typed refusal (<see cref="PoolText"/>), naming the enterprise by its name.</summary>
    public static async Task<ProblemHttpResult> RefusalAsync(GaoxinDb db, PoolOutcome outcome, string creditCode, ReservePoolRuleSet rules, CancellationToken ct)
    {
        var code = creditCode.Trim().ToUpperInvariant();
        var name = await db.Enterprises.AsNoTracking().Where(e => e.CreditCode == code).Select(e => e.Name).FirstOrDefaultAsync(ct);
        return PoolText.Refused(outcome, name, rules).ToResult();
    }

    public static async Task<Results<Ok<List<PoolMemberResponse>>, UnauthorizedHttpResult, ProblemHttpResult>> List(
        string? zone, string? stage, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var (_, own) = EnterpriseStore.Scope(who);
        if ((own is not null && !string.IsNullOrEmpty(zone) && zone != own)) return Forbidden();
        var filter = PoolMapping.Stage(stage);
        if (!string.IsNullOrEmpty(stage) && filter is null)
            return TypedResults.Problem(statusCode: 400, title: $"'{stage}' is no stage.", extensions: new Dictionary<string, object?> { ["code"] = "unknown_stage" });
        var items = await ReservePoolStore.ListAsync(db, own ?? (string.IsNullOrEmpty(zone) ? null : zone), filter, ct);
        return TypedResults.Ok(items.Select(i => i.ToResponse()).ToList());
    }

    public static async Task<Results<Ok<PoolYearResponse>, UnauthorizedHttpResult, ProblemHttpResult>> Counts(
        int year, string? zone, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var (_, own) = EnterpriseStore.Scope(who);
        if ((own is not null && !string.IsNullOrEmpty(zone) && zone != own)) return Forbidden();
        var figures = await ReservePoolStore.FiguresAsync(db, [year], own ?? (string.IsNullOrEmpty(zone) ? null : zone), ct);
        return TypedResults.Ok(PoolMapping.ToResponse(year, figures));
    }

    public static async Task<Results<Ok<PoolChangeResponse>, UnauthorizedHttpResult, ProblemHttpResult>> Propose(
        PoolProposeRequest request, HttpContext context, GaoxinDb db, EnterpriseRules rules, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var json = request.Assessment.GetRawText();
        var (hte, techSme, errors) = PoolAssessment.Read(rules, json, today);
        if (errors.Count > 0) return EnterpriseChecks.ToRefusal(errors.Select(e => e.Field == "assessment" ? e : e with { Field = "assessment." + e.Field })).ToResult();
        var outcome = await ReservePoolStore.ProposeAsync(db, who, rules.ReservePool, request.CreditCode, hte, techSme, json, request.Date ?? today, request.Note,
            ReportStore.Via.Api, clock, ct);
        return outcome.Done
            ? TypedResults.Ok(new PoolChangeResponse(request.CreditCode.Trim().ToUpperInvariant(), "candidate", outcome.Routes))
            : await RefusalAsync(db, outcome, request.CreditCode, rules.ReservePool, ct);
    }

    public static async Task<Results<Ok<PoolChangeResponse>, UnauthorizedHttpResult, ProblemHttpResult>> Move(
        string creditCode, PoolMoveRequest request, HttpContext context, GaoxinDb db, EnterpriseRules rules, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        if (PoolMapping.Stage(request.To) is not { } to)
            return (PoolText.Refused(PoolOutcome.Refused("unknown_stage", $"'{request.To}' is no stage."), null, rules.ReservePool) with { Field = "to" }).ToResult();
        var outcome = await ReservePoolStore.MoveAsync(db, who, rules.ReservePool, creditCode, to, request.Date ?? DateOnly.FromDateTime(clock.GetLocalNow().Date),
            request.Note, ReportStore.Via.Api, clock, ct);
        return outcome.Done ? TypedResults.Ok(Changed(creditCode, outcome)) : await RefusalAsync(db, outcome, creditCode, rules.ReservePool, ct);
    }

    public static async Task<Results<Ok<PoolChangeResponse>, UnauthorizedHttpResult, ProblemHttpResult>> Train(
        string creditCode, PoolTrainRequest request, HttpContext context, GaoxinDb db, EnterpriseRules rules, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var outcome = await ReservePoolStore.TrainAsync(db, who, rules.ReservePool, creditCode, request.Date, request.Course ?? "", request.Hours, request.Provider,
            ReportStore.Via.Api, clock, ct);
        return outcome.Done ? TypedResults.Ok(Changed(creditCode, outcome)) : await RefusalAsync(db, outcome, creditCode, rules.ReservePool, ct);
    }

    private static PoolChangeResponse Changed(string creditCode, PoolOutcome outcome) =>
        new(creditCode.Trim().ToUpperInvariant(), Core.Enterprises.EnterpriseWire.Name(outcome.Stage!.Value), outcome.Routes);
}
