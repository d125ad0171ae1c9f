using Gaoxin.Core.Applications;
using Gaoxin.Data;
using Gaoxin.Data.Applications;
using Gaoxin.Data.Experts;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Applications;

/// <summary>The checklists of conditions per kind of application, read once at start from <c>governance/application-conditions.yaml</c>.</summary>
public sealed record Checklists(IReadOnlyList<ApplicationChecklist> All)
{
    public ApplicationChecklist Of(ApplicationKind kind) => All.First(c => c.Kind == kind);
}

/// <summary>A figure of the form: the data element, its value, and where it came from (<c>figures_in_force</c> or <c>typed</c>).</summary>
public sealed record ApplicationFigureResponse(string Element, decimal? Value, string Source);

/// <summary>A condition judged against the form's figures: <c>met</c> is null when the figure is missing.</summary>
public sealed record ConditionResponse(string Id, string Label, string Element, string Comparator, decimal Threshold, decimal? Value, bool? Met, bool OfficeSetting);

/// <summary>A dated, signed step.</summary>
public sealed record ApplicationStepResponse(string Step, string Date, string By, string? Decision, string? Comment);

/// <summary>
/// An application on the wire. <c>kind</c>: new_provincial or national_proposal; <c>status</c>: submitted, conditions_checked,
/// in_review, reviewed, approved, rejected, proposed or ministry_approved; <c>version</c> is what the next step must send.
/// </summary>
public sealed record ApplicationResponse(long Id, string Kind, string Zone, int Year, string Status, string Applicant, string Name, string NameEn, string City,
    string? County, decimal? ReviewScore, IReadOnlyList<ApplicationFigureResponse> Figures, IReadOnlyList<ConditionResponse> Conditions, bool? ConditionsMet,
    IReadOnlyList<ApplicationStepResponse> Steps, int Version);

/// <summary>What <c>gaoxin applications list --format json</c> prints.</summary>
public sealed record ApplicationListResponse(IReadOnlyList<ApplicationResponse> Applications);

/// <summary>An application to record. <c>figures</c>: typed values by data element (the zone's figures in force win where it has them).</summary>
public sealed record ApplicationRequest(string? Kind, string? Zone, int? Year, string? Applicant, string? Name, string? NameEn, string? City, string? County,
    Dictionary<string, decimal?>? Figures);

/// <summary>
/// A step: <c>version</c> always; <c>comment</c> to reject; <c>act</c> (the approving document) and <c>effectiveOn</c> to approve or
/// record the ministry's approval; <c>members</c> (expert accounts) and <c>trim</c> to start the review.
/// </summary>
public sealed record ApplicationStepRequest(int? Version, string? Comment, string? Act, DateOnly? EffectiveOn, List<string>? Members, int? Trim);

public sealed record ApplicationCreated(long Id, int Version);

/// <summary>
/// /api/applications: applications for status (认定与升级). Reading for any signed-in account (which: the store — the office and
/// experts all, a zone's operator their own zone's); recording for the office (and a zone's operator for their own zone's
/// national proposal); the steps for the office.
/// </summary>
public static class ApplicationsApi
{
    public static void MapApplicationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/applications").WithTags("Applications for status").Refuses(RefusalKind.NotFound, RefusalKind.Conflict, RefusalKind.Invalid);
        var read = group.MapGroup("").RequireApi(Access.SignedIn);
        read.MapGet("/", ListAsync).WithName("ListApplications").WithSummary("Applications you may read, optionally of one year");
        read.MapGet("/{id:long}", GetAsync).WithName("GetApplication").WithSummary("One application with its figures, checklist result and steps");
        group.MapPost("/", SubmitAsync).RequireApi(Access.ZoneStaff).WithName("SubmitApplication")
            .WithSummary("Record an application (the office; a zone's operator for their own zone's national proposal)");
        group.MapPost("/{id:long}/{step}", StepAsync).RequireApi(Access.Office).WithName("ApplicationStep")
            .WithSummary("A step of the office: check, review, reviewed, approve, reject or ministry_approve");
    }

    public static ProblemHttpResult Refused(string code) =>
        Refusal.Of(ApplicationsText.Kind(code), code, () => ApplicationsText.Refusal(code)).ToResult();

    public static ApplicationResponse ToResponse(ApplicationView a, Checklists checklists)
    {
        var results = ApplicationRules.Evaluate(checklists.Of(a.Kind), a.Figures.ToDictionary(f => f.Element, f => f.Value));
        return new ApplicationResponse(a.Id, ApplicationRules.Name(a.Kind), a.ZoneCode, a.Year, ApplicationRules.Name(a.State), a.Applicant, a.Name, a.NameEn,
            a.City, a.County, a.ReviewScore is { } s ? Json.Normalize(s) : null,
            a.Figures.Select(f => new ApplicationFigureResponse(f.Element, f.Value is { } v ? Json.Normalize(v) : null, f.Source)).ToList(),
            results.Select(r => new ConditionResponse(r.Condition.Id, Text.T(r.Condition.Label, r.Condition.LabelEn), r.Condition.Element, r.Condition.Comparator,
                r.Condition.Threshold, r.Value is { } v ? Json.Normalize(v) : null, r.Met, r.Condition.OfficeSetting)).ToList(),
            ApplicationRules.AllMet(results),
            a.Steps.Select(s => new ApplicationStepResponse(s.Step, s.Date.ToString("yyyy-MM-dd"), s.By, s.Decision, s.Comment)).ToList(), a.Version);
    }

    public static async Task<Ok<List<ApplicationResponse>>> ListAsync(int? year, HttpContext context, GaoxinDb db, Checklists checklists, CancellationToken ct) =>
        TypedResults.Ok((await ApplicationStore.ListAsync(db, await context.CallerAsync(), null, year, ct)).Select(a => ToResponse(a, checklists)).ToList());

    public static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> GetAsync(long id, HttpContext context, GaoxinDb db, Checklists checklists,
        CancellationToken ct) =>
        (await ApplicationStore.ListAsync(db, await context.CallerAsync(), id, null, ct)).FirstOrDefault() is { } a
            ? TypedResults.Ok(ToResponse(a, checklists))
            : Refusal.NotFound("unknown_application", $"没有编号为 {id} 的申请(或您无权查看)。", $"No application {id} (or it is not yours to see).").ToResult();

    public static async Task<Results<Created<ApplicationCreated>, ProblemHttpResult>> SubmitAsync(ApplicationRequest request, HttpContext context, GaoxinDb db,
        Checklists checklists, TimeProvider clock, CancellationToken ct)
    {
        var (id, refused) = await ApplicationStore.SubmitAsync(db, await context.CallerAsync(), new ApplicationInput(request.Kind, request.Zone, request.Year,
            request.Applicant, request.Name, request.NameEn, request.City, request.County, request.Figures), checklists.All, "api", clock, ct);
        return refused is not null ? Refused(refused) : TypedResults.Created($"/api/applications/{id}", new ApplicationCreated(id!.Value, 1));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> StepAsync(long id, string step, ApplicationStepRequest? request, HttpContext context,
        GaoxinDb db, Checklists checklists, TimeProvider clock, CancellationToken ct)
    {
        if (ApplicationRules.ParseAction(step) is not { } action) return Refused("unknown_step");
        request ??= new ApplicationStepRequest(null, null, null, null, null, null);
        return await ApplicationStore.StepAsync(db, await context.CallerAsync(), id, action,
                new ApplicationStepInput(request.Version, request.Comment, request.Act, request.EffectiveOn, request.Members, request.Trim), checklists.All, "api", clock, ct)
            is { } refused ? Refused(refused) : TypedResults.NoContent();
    }
}
