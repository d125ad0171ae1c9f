using Gaoxin.Core.Collection;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Imports;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gaoxin.Features.Collection;

/// <summary>
/// The yearly data API. Reads of approved figures are public; everything else needs a personal token
/// (<c>Authorization: Bearer gx_…</c>). Cookies are not accepted here, so no page can be tricked into calling it.
/// </summary>
public static class DataApi
{
    public static void MapDataApi(this RouteGroupBuilder api)
    {
        var zones = api.MapGroup("/zones/{code}/data/{year:int}").WithTags("Data").Refuses(RefusalKind.NotFound, RefusalKind.Conflict, RefusalKind.Invalid);
        zones.MapGet("/", GetReport).AllowAnonymous().WithName("GetZoneData").WithSummary("A zone's figures for a year: approved for everyone, the draft for those who report for it");
        zones.MapPut("/", PutReport).RequireApi(Access.ZoneStaff).WithName("PutZoneData").WithSummary("Save values into the zone's draft (null removes a value)");
        zones.MapPost("/submit", Submit).RequireApi(Access.ZoneStaff).WithName("SubmitZoneData");
        zones.MapPost("/approve", Approve).RequireApi(Access.Office).WithName("ApproveZoneData");
        zones.MapPost("/return", Return).RequireApi(Access.Office).WithName("ReturnZoneData");

        var data = api.MapGroup("/data").WithTags("Data");
        data.MapGet("/elements", Elements).AllowAnonymous().WithName("ListDataElements").WithSummary("The data elements (数据元)");
        data.MapPost("/import", Import).RequireApi(Access.ZoneStaff).WithName("ImportData")
            .WithSummary("Import a CSV or Excel file, all or nothing: 202 with a background job (GET /api/imports/{id}); ?wait=true or dryRun answers at once").DisableAntiforgery()
            .Refuses(RefusalKind.Malformed, RefusalKind.TooLarge, RefusalKind.Invalid);
        api.MapGet("/audit", Audit).RequireApi(Access.ZoneStaff).WithTags("Data").WithName("ListAudit").WithSummary("Every change of a value and every workflow step, newest first");
        api.MapGet("/reports/completeness", Completeness).RequireApi(Access.ZoneStaff).WithTags("Data").WithName("Completeness").WithSummary("Per zone: report state, share filled, on time");
    }

    private static ProblemHttpResult Refused(ReportResult result) => (new Refusal(result.ErrorCode switch
        {
            "forbidden" => RefusalKind.Forbidden,
            "unknown_zone" => RefusalKind.NotFound,
            "invalid_values" or "has_problems" or "comment_required" or "report_empty" or "bad_year" => RefusalKind.Invalid,
            _ => RefusalKind.Conflict,
        }, result.ErrorCode!, RefusalText.Describe(result.ErrorCode!, false), RefusalText.Describe(result.ErrorCode!, true))
        {
            Extensions = new Dictionary<string, object?> { ["problems"] = result.Problems.Select(p => p.ToResponse(Text.IsEnglish)).ToList() },
        }).ToResult();

    private static async Task<(DataSetDefinition Set, ReportingUnit? Unit)> UnitAsync(GaoxinDb db, string code, CancellationToken ct)
    {
        var set = await DataSetStore.GetAsync(db, ct);
        var units = await DataSetStore.UnitsAsync(db, set, ct);
        return (set, units.FirstOrDefault(u => u.Code == code));
    }

    public static async Task<Results<Ok<ReportResponse>, ProblemHttpResult>> GetReport(string code, int year, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        if (Core.InputLimits.CheckYear("year", year) is { } badYear) return InputText.Problem(badYear);
        var (set, unit) = await UnitAsync(db, code, ct);
        if (unit is null) return Refusal.UnknownZone(code).ToResult();
        var view = await ReportStore.GetAsync(db, set, unit, year, await context.TokenPrincipalAsync(), ct);
        return TypedResults.Ok(view.ToResponse(Text.IsEnglish));
    }

    public static Task<Results<Ok<ReportResponse>, ProblemHttpResult, UnauthorizedHttpResult>> PutReport(
        string code, int year, ReportUpdateRequest request, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
        ActAsync(code, year, context, db, (set, unit, who) =>
            ReportStore.SaveDraftAsync(db, set, unit, year, request.Values, request.Comments ?? [], who, ReportStore.Via.Api, clock, ct, request.Expected), ct);

    public static Task<Results<Ok<ReportResponse>, ProblemHttpResult, UnauthorizedHttpResult>> Submit(
        string code, int year, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
        ActAsync(code, year, context, db, (set, unit, who) => ReportStore.SubmitAsync(db, set, unit, year, who, ReportStore.Via.Api, clock, ct), ct);

    public static Task<Results<Ok<ReportResponse>, ProblemHttpResult, UnauthorizedHttpResult>> Approve(
        string code, int year, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
        ActAsync(code, year, context, db, (_, unit, who) => ReportStore.ApproveAsync(db, unit.Code, year, who, ReportStore.Via.Api, clock, ct), ct);

    public static Task<Results<Ok<ReportResponse>, ProblemHttpResult, UnauthorizedHttpResult>> Return(
        string code, int year, ReturnRequest request, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
        ActAsync(code, year, context, db, (_, unit, who) => ReportStore.ReturnAsync(db, unit.Code, year, request.Comment, who, ReportStore.Via.Api, clock, ct), ct);

    /// <summary>One workflow step for a token holder: the report as it then stands, or why the step was refused.</summary>
    private static async Task<Results<Ok<ReportResponse>, ProblemHttpResult, UnauthorizedHttpResult>> ActAsync(
        string code, int year, HttpContext context, GaoxinDb db, Func<DataSetDefinition, ReportingUnit, Principal, Task<ReportResult>> step, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var (set, unit) = await UnitAsync(db, code, ct);
        if (unit is null) return Refusal.UnknownZone(code).ToResult();
        var result = await step(set, unit, who);
        if (!result.Succeeded) return Refused(result);
        return TypedResults.Ok((await ReportStore.GetAsync(db, set, unit, year, who, ct)).ToResponse(Text.IsEnglish));
    }

    public static async Task<Ok<List<ElementResponse>>> Elements(GaoxinDb db, CancellationToken ct) =>
        TypedResults.Ok((await DataSetStore.GetAsync(db, ct)).Elements.Select(CollectionMapping.ToResponse).ToList());

    /// <summary>
    /// POST /api/data/import (multipart: <c>file</c>, optional <c>approve</c>, <c>dryRun</c>): by default the file becomes a
    /// background job of kind <c>zone-data</c> — 202 with the job and its address (<c>Location: /api/imports/{id}</c>), whose
    /// progress, cancel and end (the same all-or-nothing result and located errors as <c>gaoxin data import</c>) are those of
    /// every import job. With <c>?wait=true</c>, or a dry run (nothing is written), the import runs in the request and answers
    /// 200 with the result, or 422 <c>import_refused</c> with every located problem, as before.
    /// </summary>
    public static async Task<Results<Ok<ImportResponse>, Accepted<ImportJobResponse>, ProblemHttpResult, UnauthorizedHttpResult>> Import(
        IFormFile file, [FromForm] bool? approve, [FromForm] bool? dryRun, [FromQuery] bool? wait, HttpContext context, GaoxinDb db,
        ImportJobQueue queue, ImportSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        if (wait != true && dryRun != true)
        {
            var (job, refusal) = await ImportsApi.StartZoneDataAsync(file, approve ?? false, who, ReportStore.Via.Api, db, queue, settings, clock, ct);
            if (refusal is not null) return refusal;
            return TypedResults.Accepted(ImportsApi.ApiUrl(job!.Record.Id), ImportsApi.View(job.Record, job));
        }
        var outcome = await DataImportFlow.ImportAsync(db, file, approve ?? false, dryRun ?? false, who, ReportStore.Via.Api, clock, ct);
        var response = outcome.ToResponse(Text.IsEnglish);
        if (!outcome.HasErrors) return TypedResults.Ok(response);
        var errors = response.Problems.Where(p => p.Severity == "error").ToList();
        return Refusal.ImportRefused(errors.Count > 0 ? errors : response.Problems, p => new RefusalLocation(p.File, p.Sheet, p.Row, p.Column),
            new Dictionary<string, object?>
            {
                ["batchId"] = response.BatchId, ["applied"] = response.Applied, ["valuesRead"] = response.ValuesRead,
                ["valuesChanged"] = response.ValuesChanged, ["reports"] = response.Reports, ["problems"] = response.Problems,
            }).ToResult();
    }

    public static async Task<Results<Ok<List<AuditResponse>>, UnauthorizedHttpResult>> Audit(
        string? zone, int? year, string? batch, int? limit, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var rows = await ReportStore.AuditAsync(db, who, zone, year, batch, Math.Clamp(limit ?? 500, 1, 5000), ct);
        return TypedResults.Ok(rows.Select(a => a.ToResponse()).ToList());
    }

    public static async Task<Results<Ok<List<CompletenessResponse>>, UnauthorizedHttpResult>> Completeness(int year, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var set = await DataSetStore.GetAsync(db, ct);
        var units = await DataSetStore.UnitsAsync(db, set, ct);
        var rows = await ReportStore.CompletenessAsync(db, set, units, year, ct);
        return TypedResults.Ok(rows.Where(r => who.IsAdmin || r.Unit == who.Zone).Select(r => r.ToResponse()).ToList());
    }
}

/// <summary>An uploaded file through the same checks as the CLI's import.</summary>
public static class DataImportFlow
{
    public static async Task<ImportOutcome> ImportAsync(GaoxinDb db, IFormFile file, bool approve, bool dryRun, Principal who, string via, TimeProvider clock, CancellationToken ct)
    {
        var set = await DataSetStore.GetAsync(db, ct);
        var units = await DataSetStore.UnitsAsync(db, set, ct);
        ParsedImport parsed;
        if (file.Length > DataImport.MaxBytes)
            parsed = new ParsedImport([], [new DataProblem(file.FileName, null, 0, null, null, null, null, "file_too_large", Severity.Error, DataImport.MaxBytes.ToString())]);
        else
        {
            await using var stream = file.OpenReadStream();
            parsed = DataImport.Read(stream, file.FileName, new ImportContext(units, set.Elements));
        }
        return await ReportStore.ImportAsync(db, set, units, parsed, file.FileName, approve, dryRun, who, via, clock, ct);
    }
}
