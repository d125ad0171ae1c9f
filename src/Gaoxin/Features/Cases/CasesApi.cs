using Gaoxin.Core.Cases;
using Gaoxin.Data;
using Gaoxin.Data.Rectification;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Cases;

/// <summary>A step of a case on the wire (<c>date</c> yyyy-MM-dd; <c>by</c> the account that signed it).</summary>
public sealed record CaseStepResponse(string Step, string Date, string By, string? Decision);

/// <summary>A case in a list: <c>kind</c> rectification, appeal or application; <c>status</c> the workflow's state.</summary>
public sealed record CaseResponse(long Id, string Kind, string Zone, int Year, string Status, IReadOnlyList<CaseStepResponse> Steps);

/// <summary><c>gaoxin cases list --format json</c> and <c>GET /api/cases</c>.</summary>
public sealed record CaseListResponse(IReadOnlyList<CaseResponse> Cases);

/// <summary>A step with what it carries.</summary>
public sealed record CaseStepDetailResponse(long Id, string Step, string Date, string By, string? Decision, string? Comment, IReadOnlyDictionary<string, string> Content);

public sealed record CaseDocumentResponse(long Id, long? StepId, string FileName, string ContentType, string Sha256, int Size, string UploadedAt, string UploadedBy, string Url);

public sealed record CaseDeadlineResponse(string Key, string DueOn, string Subject, bool Met, bool Overdue);

/// <summary>
/// One case: its steps, documents and deadlines, the appeals against it, the <c>version</c> the next step must send, and the
/// steps the caller may take next.
/// </summary>
public sealed record CaseDetailResponse(long Id, string Kind, string Zone, int Year, string Status, string Subject, long? Parent, long? Run, int Version,
    string OpenedAt, string OpenedBy, string? ClosedAt, IReadOnlyList<CaseStepDetailResponse> Steps, IReadOnlyList<CaseDocumentResponse> Documents,
    IReadOnlyList<CaseDeadlineResponse> Deadlines, IReadOnlyList<long> Appeals, IReadOnlyList<string> NextSteps);

/// <summary>A step to take: <c>step</c>, its <c>decision</c> when it decides, a <c>comment</c>, the step's <c>content</c> fields (a plan: measures, responsible, deadlines) and the case's <c>version</c>.</summary>
public sealed record CaseStepRequest(string? Step, string? Decision, string? Comment, Dictionary<string, string>? Content, int? Version);

/// <summary>An appeal against the case's last appealable decision: the case's <c>version</c> and the <c>comment</c> giving the reasons.</summary>
public sealed record CaseAppealRequest(int? Version, string? Comment);

public sealed record CaseCreatedResponse(long Id, int Version);

public sealed record CaseDocumentCreatedResponse(long Id, string Sha256, string Url);

/// <summary>
/// /api/cases: rectification cases, appeals and applications. The office's token reads every case, a zone operator's their
/// zone's; the steps are checked in the store (a zone cannot take the office's steps: 403).
/// </summary>
public static class CasesApi
{
    public static void MapCasesApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Governance: cases").RequireApi(Access.ZoneStaff).Refuses(RefusalKind.NotFound, RefusalKind.Conflict, RefusalKind.Invalid);
        cases.MapGet("/", ListAsync).WithName("ListCases").WithSummary("Cases of every kind (the office: all; a zone operator: their zone's), by year and zone");
        cases.MapGet("/{id:long}", GetAsync).WithName("GetCase").WithSummary("One case with its steps, documents, deadlines and the steps you may take");
        cases.MapPost("/{id:long}/steps", StepAsync).WithName("TakeCaseStep").WithSummary("Take the next step of a case (send its version; a stale one is refused with 409)");
        cases.MapPost("/{id:long}/appeal", AppealAsync).WithName("AppealCase").WithSummary("The zone appeals a returned plan or a failed re-check within 15 days");
        cases.MapPost("/{id:long}/documents", AttachAsync).WithName("AttachCaseDocument").WithSummary("Attach a document (multipart field 'file', optional field 'stepId'; at most 10 MB)").DisableAntiforgery();
        cases.MapGet("/{id:long}/documents/{documentId:long}", DownloadAsync).WithName("GetCaseDocument").WithSummary("A document of a case");
    }

    /// <summary>Pages' downloads of a case's documents (signed in on the site).</summary>
    public static void MapCaseDownloads(this WebApplication app) =>
        app.MapGet("/cases/{id:long}/documents/{documentId:long}", PageDownloadAsync).ExcludeFromDescription().RequireAuthorization(Access.ZoneStaff);

    public static ProblemHttpResult Refused(string code) =>
        Refusal.Of(CasesText.Kind(code), code, () => CasesText.Refusal(code)).ToResult();

    public static CaseResponse ToResponse(CaseView c) => new(c.Id, CaseKinds.Name(c.Kind), c.Zone, c.Year, c.Status,
        c.Steps.Select(s => new CaseStepResponse(s.Step, s.Date.ToString("yyyy-MM-dd"), s.By, s.Decision)).ToList());

    public static CaseDetailResponse ToDetail(CaseView c, IReadOnlyList<long> appeals, IReadOnlyList<string> next) => new(c.Id, CaseKinds.Name(c.Kind), c.Zone, c.Year,
        c.Status, c.Subject, c.ParentId, c.RunId, c.Version, c.OpenedAt.ToString("O"), c.OpenedBy, c.ClosedAt?.ToString("O"),
        c.Steps.Select(s => new CaseStepDetailResponse(s.Id, s.Step, s.Date.ToString("yyyy-MM-dd"), s.By, s.Decision, s.Comment, s.Content)).ToList(),
        c.Documents.Select(d => new CaseDocumentResponse(d.Id, d.StepId, d.FileName, d.ContentType, d.Sha256, d.Size, d.UploadedAt.ToString("O"), d.UploadedBy,
            $"/api/cases/{c.Id}/documents/{d.Id}")).ToList(),
        c.Deadlines.Select(d => new CaseDeadlineResponse(d.Key, d.DueOn.ToString("yyyy-MM-dd"), d.Subject, d.Met, d.Overdue)).ToList(), appeals, next);

    /// <summary>The steps <paramref name="who"/> may take next on the case.</summary>
    public static IReadOnlyList<string> NextSteps(CaseView c, Core.Collection.Principal who) =>
        c.Kind is CaseKind.Rectification or CaseKind.Appeal && RectificationStore.ActorOf(who, c.Zone) is { } actor
            ? RectificationWorkflow.NextSteps(c.Kind, c.Status, actor) : [];

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static async Task<Ok<CaseListResponse>> ListAsync(int? year, string? zone, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(new CaseListResponse((await RectificationStore.ListAsync(db, await context.CallerAsync(), year, zone, Today(clock), ct)).Select(ToResponse).ToList()));

    public static async Task<Results<Ok<CaseDetailResponse>, ProblemHttpResult>> GetAsync(long id, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        if (await RectificationStore.GetAsync(db, who, id, Today(clock), ct) is not { } c) return Refused("not_found");
        return TypedResults.Ok(ToDetail(c, await RectificationStore.AppealsOfAsync(db, id, ct), NextSteps(c, who)));
    }

    public static async Task<Results<Ok<CaseDetailResponse>, ProblemHttpResult>> StepAsync(long id, CaseStepRequest request, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        if (await RectificationStore.StepAsync(db, who, id, new CaseStepInput(request.Step, request.Decision, request.Comment, request.Content, request.Version),
                RectificationStore.Via.Api, clock, ct) is { } refused)
            return Refused(refused);
        var c = (await RectificationStore.GetAsync(db, who, id, Today(clock), ct))!;
        return TypedResults.Ok(ToDetail(c, await RectificationStore.AppealsOfAsync(db, id, ct), NextSteps(c, who)));
    }

    public static async Task<Results<Created<CaseCreatedResponse>, ProblemHttpResult>> AppealAsync(long id, CaseAppealRequest request, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct)
    {
        var (appeal, refused) = await RectificationStore.AppealAsync(db, await context.CallerAsync(), id, request.Version, request.Comment, RectificationStore.Via.Api, clock, ct);
        return refused is not null ? Refused(refused) : TypedResults.Created($"/api/cases/{appeal}", new CaseCreatedResponse(appeal!.Value, 1));
    }

    public static async Task<Results<Created<CaseDocumentCreatedResponse>, ProblemHttpResult>> AttachAsync(long id, IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] long? stepId,
        HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        if (file is null) return Refused("file_empty");
        if (file.Length > RectificationStore.MaxDocumentBytes) return Refused("file_too_large");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var (documentId, refused) = await RectificationStore.AttachAsync(db, who, id, stepId, file.FileName, file.ContentType, buffer.ToArray(), clock, ct);
        if (refused is not null) return Refused(refused);
        var url = $"/api/cases/{id}/documents/{documentId}";
        return TypedResults.Created(url, new CaseDocumentCreatedResponse(documentId!.Value, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(buffer.ToArray())), url));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(long id, long documentId, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        if (await RectificationStore.DocumentAsync(db, await context.CallerAsync(), id, documentId, ct) is not { } file) return Refused("not_found");
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> PageDownloadAsync(long id, long documentId, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        if (await RectificationStore.DocumentAsync(db, context.User.Caller(), id, documentId, ct) is not { } file) return TypedResults.NotFound();
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }
}
