using Gaoxin.Core.Collection;
using Gaoxin.Core.Monitoring;
using Gaoxin.Core.Plans;
using Gaoxin.Data;
using Gaoxin.Data.Monitoring;
using Gaoxin.Data.Plans;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Shared;
using Gaoxin.Features.Evaluation;
using Gaoxin.Features.Plans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Monitoring;

/// <summary>A report edition on the wire.</summary>
public sealed record ReportEditionResponse(long Id, string Kind, int Year, int Edition, string Status, int Version, DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt, string? PublishedBy);

/// <summary>A report: its edition (null for the office's preview before any draft) and the document.</summary>
public sealed record MonitoringReportResponse(ReportEditionResponse? Edition, ReportDocument Document);

/// <summary>A zone's task with its report of the year.</summary>
public sealed record ZoneTaskResponse(string Task, string Title, string TitleEn, string Status, string? Narrative, string? Evidence);

/// <summary>A zone's self-assessment of a year; <c>status</c> is <c>draft</c> with empty sections before one is started.</summary>
public sealed record SelfAssessmentResponse(string Zone, int Year, string Status, int Version, IReadOnlyDictionary<string, string?> Sections,
    string? ReturnComment, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt, string? DecidedBy);

/// <summary>Loading a report as a caller may see it: the shared step of the API, the page and the downloads.</summary>
public static class MonitoringReports
{
    /// <summary>The default plan.</summary>
    public static async Task<Plan> PlanAsync(GaoxinDb db, CancellationToken ct) =>
        (await PlanStore.GetAsync(db, PlanCommands.DefaultPlanId, ct)) ?? throw new InvalidOperationException($"The plan '{PlanCommands.DefaultPlanId}' is not loaded.");

    /// <summary>
    /// The newest edition the caller may see with its document: anyone sees the newest published edition; the office sees the newest edition
    /// whatever its state, or a preview assembled from today's data when there is none. Null document: nothing to show.
    /// </summary>
    public static async Task<(MonitoringReportRecord? Edition, ReportDocument? Document)> LoadAsync(GaoxinDb db, MonitoringReportKind kind, int year, bool office,
        CancellationToken ct)
    {
        var plan = await PlanAsync(db, ct);
        var edition = await MonitoringReportStore.CurrentAsync(db, plan.Id, kind, year, office, ct);
        if (edition is not null)
            return (edition, await MonitoringReportStore.DocumentAsync(db, plan, edition, GaoxinDatabase.BundleDirectory, EvaluationCommands.DefaultModel, ct));
        if (!office) return (null, null);
        return (null, await MonitoringReportStore.AssembleAsync(db, plan, kind, year, GaoxinDatabase.BundleDirectory, EvaluationCommands.DefaultModel,
            new Dictionary<string, string>(), ct));
    }

    public static ReportEditionResponse ToResponse(this MonitoringReportRecord r) =>
        new(r.Id, r.Kind, r.Year, r.Edition, r.Status, r.Version, r.UpdatedAt, r.PublishedAt, r.PublishedBy);

    public static SelfAssessmentResponse ToResponse(this SelfAssessmentRecord? s, string zone, int year) => s is null
        ? new(zone, year, SelfAssessmentWorkflow.Draft, 0, SelfAssessmentWorkflow.Sections.ToDictionary(k => k, _ => (string?)null), null, null, null, null)
        : new(s.ZoneCode, s.Year, s.Status, s.Version, s.Sections(), s.ReturnComment, s.SubmittedAt, s.DecidedAt, s.DecidedBy);
}

/// <summary>
/// /api/monitoring/reports: the yearly monitoring report and the mid-term review (published editions for everyone, drafts and steps for the
/// office), the zones' task reports and self-assessments (a zone's own, and the office's); and the .docx/.xlsx downloads under /monitoring/reports.
/// </summary>
public static class MonitoringReportApi
{
    public sealed record DraftBody(string? Kind);
    public sealed record NarrativesBody(string? Kind, int Version, Dictionary<string, string?> Narratives);
    public sealed record StepBody(string? Kind, int Version);
    public sealed record ZoneTaskBody(string Task, string Status, string? Narrative, string? Evidence);
    public sealed record ZoneTasksBody(List<ZoneTaskBody> Tasks);
    public sealed record SelfAssessmentBody(int? Version, Dictionary<string, string?>? Sections, string? Comment);

    public static void MapMonitoringReportApi(RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        var group = api.MapGroup("/monitoring/reports").WithTags("Monitoring").Refuses(RefusalKind.NotFound, RefusalKind.Conflict, RefusalKind.Invalid);
        group.MapGet("", List).AllowAnonymous().WithName("ListMonitoringReports").WithSummary("Report editions (published ones; the office sees drafts too)");
        group.MapGet("/{year:int}", Get).AllowAnonymous().WithName("GetMonitoringReport")
            .WithSummary("The newest published edition of a year's report (?kind=yearly|midterm); the office sees the newest draft or a preview");
        group.MapPost("/{year:int}/draft", OpenDraft).RequireApi(Access.Office).WithName("OpenMonitoringReportDraft").WithSummary("Open a draft (or the open one) of a year's report (office)");
        group.MapPut("/{year:int}/narratives", SaveNarratives).RequireApi(Access.Office).WithName("SaveMonitoringReportNarratives").WithSummary("Set the narratives of a draft by chapter (office)");
        group.MapPost("/{year:int}/submit", (int year, StepBody body, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => Step(year, body, MonitoringReportWorkflow.Submit, c, db, clock, ct))
            .RequireApi(Access.Office).WithName("SubmitMonitoringReport").WithSummary("Send a draft for review (office)");
        group.MapPost("/{year:int}/return", (int year, StepBody body, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => Step(year, body, MonitoringReportWorkflow.Return, c, db, clock, ct))
            .RequireApi(Access.Office).WithName("ReturnMonitoringReport").WithSummary("Send a report in review back to draft (office)");
        group.MapPost("/{year:int}/publish", (int year, StepBody body, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => Step(year, body, MonitoringReportWorkflow.Publish, c, db, clock, ct))
            .RequireApi(Access.Office).WithName("PublishMonitoringReport").WithSummary("Publish a report in review: it keeps a snapshot and never changes (office)");
        group.MapGet("/{year:int}/self-assessments", ListSelfAssessments).RequireApi(Access.Office).WithName("ListSelfAssessments").WithSummary("The zones' self-assessments sent to the office");
        group.MapGet("/{year:int}/zones/{zone}/tasks", GetZoneTasks).RequireApi(Access.ZoneStaff).WithName("GetZoneTaskReports").WithSummary("A zone's tasks with its progress of the year");
        group.MapPut("/{year:int}/zones/{zone}/tasks", PutZoneTasks).RequireApi(Access.ZoneStaff).WithName("PutZoneTaskReports").WithSummary("Report progress on the zone's tasks (status, narrative, evidence)");
        group.MapGet("/{year:int}/zones/{zone}/self-assessment", GetSelfAssessment).RequireApi(Access.ZoneStaff).WithName("GetSelfAssessment").WithSummary("A zone's self-assessment of the year");
        group.MapPut("/{year:int}/zones/{zone}/self-assessment", (int year, string zone, SelfAssessmentBody body, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
            SelfAssessmentStep(year, zone, "edit", body, c, db, clock, ct)).RequireApi(Access.ZoneStaff).WithName("PutSelfAssessment").WithSummary("Write the sections of a draft self-assessment");
        group.MapPost("/{year:int}/zones/{zone}/self-assessment/submit", (int year, string zone, SelfAssessmentBody body, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
            SelfAssessmentStep(year, zone, "submit", body, c, db, clock, ct)).RequireApi(Access.ZoneStaff).WithName("SubmitSelfAssessment").WithSummary("Send the self-assessment to the office");
        group.MapPost("/{year:int}/zones/{zone}/self-assessment/return", (int year, string zone, SelfAssessmentBody body, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
            SelfAssessmentStep(year, zone, "return", body, c, db, clock, ct)).RequireApi(Access.Office).WithName("ReturnSelfAssessment").WithSummary("Return a self-assessment with a comment (office)");
        group.MapPost("/{year:int}/zones/{zone}/self-assessment/accept", (int year, string zone, SelfAssessmentBody body, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
            SelfAssessmentStep(year, zone, "accept", body, c, db, clock, ct)).RequireApi(Access.Office).WithName("AcceptSelfAssessment").WithSummary("Accept a self-assessment (office)");

        app.MapGet("/monitoring/reports/{year:int}.docx", (int year, string? kind, HttpContext c, GaoxinDb db, CancellationToken ct) => DownloadAsync(year, kind, "docx", c, db, ct))
            .ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/monitoring/reports/{year:int}.xlsx", (int year, string? kind, HttpContext c, GaoxinDb db, CancellationToken ct) => DownloadAsync(year, kind, "xlsx", c, db, ct))
            .ExcludeFromDescription().AllowAnonymous();
    }

    public static ProblemHttpResult Refused(string code) =>
        Refusal.Of(MonitoringReportText.Kind(code), code, () => MonitoringReportText.Refusal(code)).ToResult();

    private static async Task<bool> IsOfficeAsync(HttpContext context) => await context.TokenPrincipalAsync() is { IsAdmin: true };

    public static async Task<Ok<List<ReportEditionResponse>>> List(int? year, HttpContext context, GaoxinDb db, CancellationToken ct) =>
        TypedResults.Ok((await MonitoringReportStore.ListAsync(db, PlanCommands.DefaultPlanId, year, await IsOfficeAsync(context), ct)).Select(r => r.ToResponse()).ToList());

    public static async Task<Results<Ok<MonitoringReportResponse>, ProblemHttpResult>> Get(int year, string? kind, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        if (MonitoringReportKinds.Parse(kind) is not { } k) return Refused("unknown_kind");
        var (edition, document) = await MonitoringReports.LoadAsync(db, k, year, await IsOfficeAsync(context), ct);
        return document is null ? Refused("not_found") : TypedResults.Ok(new MonitoringReportResponse(edition?.ToResponse(), document));
    }

    public static async Task<Results<Ok<ReportEditionResponse>, ProblemHttpResult>> OpenDraft(int year, DraftBody? body, HttpContext context, GaoxinDb db, TimeProvider clock,
        CancellationToken ct)
    {
        if (MonitoringReportKinds.Parse(body?.Kind) is not { } k) return Refused("unknown_kind");
        var (report, refused) = await MonitoringReportStore.OpenDraftAsync(db, await MonitoringReports.PlanAsync(db, ct), k, year, await context.CallerAsync(), "api", clock, ct);
        return refused is not null ? Refused(refused) : TypedResults.Ok(report!.ToResponse());
    }

    /// <summary>The open edition a step acts on: the newest one of the year and kind.</summary>
    private static async Task<(MonitoringReportRecord? Report, string? Refused)> EditionAsync(GaoxinDb db, int year, string? kind, CancellationToken ct)
    {
        if (MonitoringReportKinds.Parse(kind) is not { } k) return (null, "unknown_kind");
        var report = await MonitoringReportStore.CurrentAsync(db, PlanCommands.DefaultPlanId, k, year, office: true, ct);
        return report is null ? (null, "no_draft") : (report, null);
    }

    public static async Task<Results<Ok<ReportEditionResponse>, ProblemHttpResult>> SaveNarratives(int year, NarrativesBody body, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct)
    {
        var (report, missing) = await EditionAsync(db, year, body.Kind, ct);
        if (missing is not null) return Refused(missing);
        var refused = await MonitoringReportStore.SaveNarrativesAsync(db, report!.Id, body.Version, body.Narratives ?? [], await context.CallerAsync(), "api", clock, ct);
        return refused is not null ? Refused(refused) : TypedResults.Ok((await db.MonitoringReports.FindAsync([report.Id], ct))!.ToResponse());
    }

    private static async Task<Results<Ok<ReportEditionResponse>, ProblemHttpResult>> Step(int year, StepBody body, string action, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct)
    {
        var (report, missing) = await EditionAsync(db, year, body.Kind, ct);
        if (missing is not null) return Refused(missing);
        var refused = await MonitoringReportStore.StepAsync(db, await MonitoringReports.PlanAsync(db, ct), report!.Id, body.Version, action, await context.CallerAsync(), "api",
            GaoxinDatabase.BundleDirectory, EvaluationCommands.DefaultModel, clock, ct);
        return refused is not null ? Refused(refused) : TypedResults.Ok((await db.MonitoringReports.FindAsync([report.Id], ct))!.ToResponse());
    }

    public static async Task<Ok<List<SelfAssessmentResponse>>> ListSelfAssessments(int year, GaoxinDb db, CancellationToken ct) =>
        TypedResults.Ok((await MonitoringReportStore.SentSelfAssessmentsAsync(db, year, ct)).Select(s => s.ToResponse(s.ZoneCode, year)).ToList());

    public static async Task<Results<Ok<List<ZoneTaskResponse>>, ProblemHttpResult>> GetZoneTasks(int year, string zone, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        if (!(await context.CallerAsync()).MayReport(zone)) return Refused("forbidden");
        var plan = await MonitoringReports.PlanAsync(db, ct);
        var reports = await MonitoringReportStore.ZoneTasksAsync(db, plan.Id, zone, year, ct);
        return TypedResults.Ok(MonitoringReportStore.TasksOf(plan, zone).Select(t => reports.GetValueOrDefault(t.Id) is { } r
            ? new ZoneTaskResponse(t.Id, t.Title, t.TitleEn, r.Status, r.Narrative, r.Evidence)
            : new ZoneTaskResponse(t.Id, t.Title, t.TitleEn, "not_started", null, null)).ToList());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> PutZoneTasks(int year, string zone, ZoneTasksBody body, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct)
    {
        var refused = await MonitoringReportStore.SaveZoneTasksAsync(db, await MonitoringReports.PlanAsync(db, ct), zone, year,
            (body.Tasks ?? []).Select(t => (t.Task, t.Status, t.Narrative, t.Evidence)).ToList(), await context.CallerAsync(), "api", clock, ct);
        return refused is not null ? Refused(refused) : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<SelfAssessmentResponse>, ProblemHttpResult>> GetSelfAssessment(int year, string zone, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        if (!who.MayReport(zone)) return Refused("forbidden");
        var record = await MonitoringReportStore.SelfAssessmentAsync(db, zone, year, ct);
        // A draft is the zone's own: the office sees it once it is sent.
        if (who.IsAdmin && record is { Status: SelfAssessmentWorkflow.Draft }) record = null;
        return TypedResults.Ok(record.ToResponse(zone, year));
    }

    private static async Task<Results<Ok<SelfAssessmentResponse>, ProblemHttpResult>> SelfAssessmentStep(int year, string zone, string action, SelfAssessmentBody? body,
        HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var (record, refused) = await MonitoringReportStore.SelfAssessmentStepAsync(db, zone, year, action, body?.Version, body?.Sections, body?.Comment,
            await context.CallerAsync(), "api", clock, ct);
        return refused is not null ? Refused(refused) : TypedResults.Ok(record.ToResponse(zone, year));
    }

    /// <summary>GET /monitoring/reports/{year}.docx|.xlsx[?kind=midterm]: the report the signed-in user (or a visitor) may see.</summary>
    private static async Task<IResult> DownloadAsync(int year, string? kind, string extension, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        if (MonitoringReportKinds.Parse(kind) is not { } k) return Results.NotFound();
        var (_, document) = await MonitoringReports.LoadAsync(db, k, year, context.User.ToPrincipal() is { IsAdmin: true }, ct);
        if (document is null) return Results.NotFound();
        var names = await ZoneRegistry.NamesAsync(db, z => Shared.Text.T(z.Name, z.NameEn), ct);
        return extension == "docx"
            ? Results.File(ReportFiles.Docx(document, names), ReportFiles.DocxType, ReportFiles.FileName(document, "docx"))
            : Results.File(ReportFiles.Xlsx(document, names), ReportFiles.XlsxType, ReportFiles.FileName(document, "xlsx"));
    }
}
