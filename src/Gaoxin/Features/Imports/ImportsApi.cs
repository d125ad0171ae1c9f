using System.Globalization;
using Gaoxin.Core.Collection;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Enterprises;
using Gaoxin.Data.Imports;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Enterprises;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Gaoxin.Features.Imports;

/// <summary>What a finished import did, as the CLI sums it up.</summary>
/// <remarks>For a zone-data job <c>rows</c> counts the values read, <c>zoneYears</c> the zone-years changed, <c>valuesChanged</c> the values that changed and <c>approved</c> whether they became approved revisions.</remarks>
public sealed record ImportJobSummary(string BatchId, int Rows, int ZoneYears, IReadOnlyList<int> Years, int AggregateFigures, double Seconds,
    int ValuesChanged = 0, bool Approved = false);

/// <summary>
/// An import job as the API and the job page show it. <c>percent</c> follows the bytes read while rows are read and
/// checked (to 85), then the stages that store and sum them up; <c>secondsLeft</c> is estimated from the pace so far.
/// At the end, <c>result</c> (imported) or <c>problems</c> and <c>errorCount</c> (nothing imported), or <c>reason</c>
/// (<c>cancelled</c>, <c>interrupted</c>, <c>unexpected</c>, <c>forbidden</c>).
/// </summary>
public sealed record ImportJobResponse(
    string Id, string Kind, string State, string? Stage, string FileName, long Size, long BytesRead, int RowsRead, int RowsValidated,
    double Percent, double? SecondsLeft, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    string Url, string Page, string Message, ImportJobSummary? Result, int ErrorCount, IReadOnlyList<EnterpriseImportProblem> Problems, string? Reason)
{
    public bool Finished => ImportJobStates.IsFinished(State);
}

/// <summary>
/// The background imports: <c>POST /api/imports/enterprise-returns</c> (a multipart upload, field <c>file</c>, streamed to
/// disk, never held in memory) answers 202 with the job's address; <c>GET /api/imports/{id}</c> its progress and, at the
/// end, the result or the located errors; <c>POST /api/imports/{id}/cancel</c> stops it (nothing is imported). A job is
/// seen by the account that started it and by the office only. The pages upload to <c>POST /imports/enterprise-returns</c>
/// (signed in, with the antiforgery token) and show the job at <c>/imports/{id}</c>.
/// </summary>
public static class ImportsApi
{
    public static void MapImportsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/imports").WithTags("Imports").RequireApi(Access.ZoneStaff);
        group.MapPost("/enterprise-returns", StartFromApi).WithName("StartEnterpriseReturnsImport")
            .WithSummary("Upload the yearly returns CSV (multipart field file) to import in the background, all or nothing; 202 with the job")
            .Accepts<IFormFile>("multipart/form-data");
        group.MapGet("/{id}", Get).WithName("GetImportJob").WithSummary("An import job: state, rows read and validated, percent, time left; at the end the result or the located errors");
        group.MapPost("/{id}/cancel", CancelFromApi).WithName("CancelImportJob").WithSummary("Cancel a queued or running import job; nothing is imported");
    }

    /// <summary>The page's upload (cookie and antiforgery token), answered with the job page or, to a script, 202 and the job.</summary>
    public static void MapImportPages(this WebApplication app) =>
        app.MapPost("/imports/enterprise-returns", StartFromPage).RequireAuthorization(Access.ZoneStaff).ExcludeFromDescription();

    private static string PagePath(string id) => $"/imports/{id}";

    private static string ApiPath(string id) => $"/api/imports/{id}";

    /// <summary>May <paramref name="who"/> see the job? Its owner and the office.</summary>
    public static bool MaySee(ImportJobRecord job, Principal who) => who.IsAdmin || job.Owner == who.Name;

    public static async Task<Results<Accepted<ImportJobResponse>, ProblemHttpResult, UnauthorizedHttpResult>> StartFromApi(
        HttpContext context, GaoxinDb db, ImportJobQueue queue, ImportSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var (job, refusal) = await StartAsync(context, who, ReportStore.Via.Api, db, queue, settings, clock, formFallback: false, ct);
        if (refusal is not null) return refusal;
        return TypedResults.Accepted(ApiPath(job!.Record.Id), View(job.Record, job));
    }

    public static async Task<IResult> StartFromPage(HttpContext context, GaoxinDb db, ImportJobQueue queue, ImportSettings settings, TimeProvider clock,
        IAntiforgery antiforgery, CancellationToken ct)
    {
        var who = context.User.Caller();
        var (job, refusal) = await StartAsync(context, who, ReportStore.Via.Import, db, queue, settings, clock, formFallback: true, ct, antiforgery);
        var script = context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        if (refusal is not null) return refusal;
        var page = PagePath(job!.Record.Id);
        return script ? TypedResults.Accepted(page, View(job.Record, job)) : Results.Redirect(page, permanent: false, preserveMethod: false);
    }

    public static async Task<Results<Ok<ImportJobResponse>, ProblemHttpResult, UnauthorizedHttpResult>> Get(
        string id, HttpContext context, GaoxinDb db, ImportJobQueue queue, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var view = await FindAsync(db, queue, id, who, ct);
        return view is null ? NotFound(id) : TypedResults.Ok(view);
    }

    public static async Task<Results<Accepted<ImportJobResponse>, ProblemHttpResult, UnauthorizedHttpResult>> CancelFromApi(
        string id, HttpContext context, GaoxinDb db, ImportJobQueue queue, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var (view, refusal) = await CancelAsync(db, queue, id, who, ct);
        return refusal ?? (Results<Accepted<ImportJobResponse>, ProblemHttpResult, UnauthorizedHttpResult>)TypedResults.Accepted(ApiPath(id), view!);
    }

    /// <summary>Asks a queued or running job to stop; 404 for a job the caller may not see, 409 for one already finished.</summary>
    public static async Task<(ImportJobResponse? View, ProblemHttpResult? Refusal)> CancelAsync(GaoxinDb db, ImportJobQueue queue, string id, Principal who,
        CancellationToken ct)
    {
        var view = await FindAsync(db, queue, id, who, ct);
        if (view is null) return (null, NotFound(id));
        var live = queue.Find(id);
        if (view.Finished)
            return (null, Refusal(RefusalKind.Conflict, "job_finished",
                "导入已结束,无法取消。", "The import has already finished; it can no longer be cancelled."));
        // Several instances on one store: the job runs in the process that received its file.
        if (live is null)
            return (null, Refusal(RefusalKind.Conflict, "job_on_another_server",
                "该导入在平台的另一台服务器上运行,本服务器无法取消;请稍后重试。", "The import runs on another server of the platform, which alone can cancel it; try again later."));
        await live.Cancel.CancelAsync();
        return (await FindAsync(db, queue, id, who, ct), null);
    }

    /// <summary>The job as <paramref name="who"/> may see it, or null (unknown, or someone else's).</summary>
    public static async Task<ImportJobResponse?> FindAsync(GaoxinDb db, ImportJobQueue queue, string id, Principal who, CancellationToken ct)
    {
        if (id.Length > 32) return null;
        var record = await ImportJobStore.GetAsync(db, id, ct);
        if (record is null || !MaySee(record, who)) return null;
        return View(record, ImportJobStates.IsFinished(record.State) ? null : queue.Find(id));
    }

    private static ProblemHttpResult NotFound(string id) =>
        Shared.Refusal.NotFound("unknown_job", $"没有编号为“{id}”的导入任务。", $"No import job '{id}'.").ToResult();

    private static ProblemHttpResult Refusal(RefusalKind kind, string code, string zh, string en) => new Refusal(kind, code, zh, en).ToResult();

    /// <summary>A refusal of the upload itself, pointing at the form field <c>file</c> (also listed as the one problem, as the import's refusals are).</summary>
    private static ProblemHttpResult FileProblem(RefusalKind kind, string code, string zh, string en) =>
        new Refusal(kind, code, zh, en)
        {
            Field = "file",
            Extensions = new Dictionary<string, object?> { ["problems"] = new[] { new EnterpriseImportProblem("", null, 0, "file", null, code, Text.IsEnglish ? en : zh) } },
        }.ToResult();

    /// <summary>
    /// Receives the upload into a file of its own (streamed; at most <see cref="ImportSettings.MaxUploadBytes"/>), records the
    /// job (queued) and hands it to the worker.
    /// </summary>
    private static async Task<(LiveJob? Job, ProblemHttpResult? Refusal)> StartAsync(HttpContext context, Principal who, string via, GaoxinDb db,
        ImportJobQueue queue, ImportSettings settings, TimeProvider clock, bool formFallback, CancellationToken ct, IAntiforgery? antiforgery = null)
    {
        var (allowed, _) = EnterpriseStore.Scope(who);
        if (!allowed)
            return (null, Refusal(RefusalKind.Forbidden, "forbidden",
                "只有省高新区办公室和高新区填报员可以导入企业年报。", "Only the office and zone operators may import enterprise returns."));

        // This endpoint alone takes files this large; every other keeps the server's smaller limit.
        var limit = settings.MaxUploadBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit + 1024 * 1024;
        var tooLarge = TooLarge(limit);
        if (context.Request.ContentLength > limit + 1024 * 1024) return (null, tooLarge);

        Directory.CreateDirectory(settings.Folder);
        var id = ImportJobStore.NewId();
        var path = Path.Combine(settings.Folder, id + ".upload");
        string? name;
        long length;
        try
        {
            var headerToken = antiforgery is not null && context.Request.Headers.ContainsKey("RequestVerificationToken");
            if (antiforgery is not null && !headerToken)
            {
                // A form posted without script: the token is in the form, so the form is read (files buffered on disk, not in memory).
                context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions { MultipartBodyLengthLimit = limit + 1024 * 1024 }));
            }
            if (antiforgery is not null) await antiforgery.ValidateRequestAsync(context);
            (name, length) = context.Request.HasFormContentType && context.Features.Get<IFormFeature>()?.Form is { } form
                ? await SaveFormFileAsync(form, path, limit, ct)
                : await SaveStreamedAsync(context.Request, path, limit, ct);
        }
        catch (AntiforgeryValidationException)
        {
            TryDelete(path);
            return (null, Refusal(RefusalKind.Malformed, "antiforgery", "页面已过期,请刷新后重新上传。", "The page has expired; reload it and upload again."));
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            TryDelete(path);
            return (null, tooLarge);
        }
        catch
        {
            TryDelete(path);
            throw;
        }
        if (length < 0)
        {
            TryDelete(path);
            return (null, tooLarge);
        }
        if (name is null || length == 0)
        {
            TryDelete(path);
            return (null, FileProblem(RefusalKind.Malformed, "file_required",
                "请以 multipart 表单字段 file 上传 CSV 文件。", "Upload the CSV as the multipart form field \"file\"."));
        }
        var record = await ImportJobStore.CreateAsync(db, id, ImportJobStore.EnterpriseReturns, who.Name, who.Zone, via, name, length, clock, ct);
        var job = new LiveJob(record, who, path);
        queue.Enqueue(job);
        return (job, null);
    }

    private static ProblemHttpResult TooLarge(long limit) => FileProblem(RefusalKind.TooLarge, "file_too_large",
        $"文件超过 {limit / (1024 * 1024)} MB 的上限。", $"The file is larger than the limit of {limit / (1024 * 1024)} MB.");

    /// <summary>
    /// A zone-data import as a job: the upload (already received by the form reader, which keeps large files on disk) is
    /// copied to the job's own file, the job recorded (queued) and handed to the worker, which imports it as
    /// <c>gaoxin data import</c> does (with <paramref name="approve"/> as <c>--approve</c>, the office only).
    /// </summary>
    public static async Task<(LiveJob? Job, ProblemHttpResult? Refusal)> StartZoneDataAsync(IFormFile file, bool approve, Principal who, string via,
        GaoxinDb db, ImportJobQueue queue, ImportSettings settings, TimeProvider clock, CancellationToken ct)
    {
        if (file.Length > DataImport.MaxBytes) return (null, TooLarge(DataImport.MaxBytes));
        if (file.Length == 0)
            return (null, FileProblem(RefusalKind.Malformed, "file_required",
                "请以 multipart 表单字段 file 上传 CSV 或 Excel 文件。", "Upload the CSV or Excel file as the multipart form field \"file\"."));
        Directory.CreateDirectory(settings.Folder);
        var id = ImportJobStore.NewId();
        var path = Path.Combine(settings.Folder, id + ".upload");
        try
        {
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using var source = file.OpenReadStream();
            await source.CopyToAsync(target, ct);
        }
        catch
        {
            TryDelete(path);
            throw;
        }
        var record = await ImportJobStore.CreateAsync(db, id, ImportJobStore.ZoneData, who.Name, who.Zone, via, CleanName(file.FileName), file.Length, clock, ct);
        var job = new LiveJob(record, who, path) { Approve = approve };
        queue.Enqueue(job);
        return (job, null);
    }

    /// <summary>
    /// The pages' upload of zone figures (/data, a zone's data page) as a job: the job page to go to, or null when the upload
    /// is refused before a job (too large, empty) and the page reads it in the request to show the located problem.
    /// </summary>
    public static async Task<string?> StartZoneDataPageAsync(HttpContext context, IFormFile file, bool approve, Principal who, CancellationToken ct)
    {
        var services = context.RequestServices;
        var (job, refusal) = await StartZoneDataAsync(file, approve, who, ReportStore.Via.Import, services.GetRequiredService<GaoxinDb>(),
            services.GetRequiredService<ImportJobQueue>(), services.GetRequiredService<ImportSettings>(), services.GetRequiredService<TimeProvider>(), ct);
        return refusal is null ? PagePath(job!.Record.Id) : null;
    }

    /// <summary>The job's address in the API.</summary>
    public static string ApiUrl(string id) => ApiPath(id);

    /// <summary>The job's page.</summary>
    public static string PageUrl(string id) => PagePath(id);

    /// <summary>A file name fit to show and store: no folders, no control characters, at most 200 characters.</summary>
    private static string CleanName(string? raw)
    {
        var name = Path.GetFileName(raw ?? "");
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length > 200) name = name[^200..];
        return name.Length > 0 ? name : "upload.csv";
    }

    /// <summary>Copies the multipart field <c>file</c> from the body to <paramref name="path"/>; length -1 when it is over the limit.</summary>
    private static async Task<(string? Name, long Length)> SaveStreamedAsync(HttpRequest request, string path, long limit, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return (null, 0);
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) return (null, 0);
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data") || HeaderUtilities.RemoveQuotes(disposition.Name).Value != "file"
                || (string.IsNullOrEmpty(disposition.FileName.Value) && string.IsNullOrEmpty(disposition.FileNameStar.Value)))
                continue; // other fields are drained by the reader
            var name = CleanName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value);
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            if (!await DataImport.CopyAtMostAsync(section.Body, target, limit, ct)) return (name, -1);
            return (name, target.Length);
        }
        return (null, 0);
    }

    private static async Task<(string? Name, long Length)> SaveFormFileAsync(IFormCollection form, string path, long limit, CancellationToken ct)
    {
        if (form.Files.GetFile("file") is not { } file) return (null, 0);
        if (file.Length > limit) return (CleanName(file.FileName), -1);
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await using var source = file.OpenReadStream();
        await source.CopyToAsync(target, ct);
        return (CleanName(file.FileName), target.Length);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
    }

    // ── the view ──

    private static readonly string[] Stages = ["reading", "checking", "storing", "aggregating", "committing"];

    /// <summary>How far along: the bytes read while reading (to 85%), then each later stage a step.</summary>
    public static double Percent(string state, string? stage, long bytesRead, long size)
    {
        if (state == ImportJobStates.Succeeded) return 100;
        var reading = size > 0 ? 85.0 * Math.Min(1, (double)bytesRead / size) : 0;
        return stage switch
        {
            "checking" => 86,
            "storing" => 88,
            "aggregating" => 95,
            "committing" => 99,
            _ => Math.Round(reading, 1),
        };
    }

    public static ImportJobResponse View(ImportJobRecord record, LiveJob? live)
    {
        var progress = live?.Progress;
        var state = live is { Running: true } && !ImportJobStates.IsFinished(record.State) ? ImportJobStates.Running : record.State;
        var stage = state == ImportJobStates.Running ? progress?.Stage ?? "reading" : null;
        var bytes = progress?.BytesRead ?? record.BytesRead;
        var rows = progress?.RowsRead ?? record.RowsRead;
        var validated = progress?.RowsValidated ?? record.RowsValidated;
        var percent = Percent(state, stage, bytes, record.Size);
        double? left = null;
        if (state == ImportJobStates.Running && live is not null && percent > 0)
            left = Math.Round(live.Clock.Elapsed.TotalSeconds * (100 - percent) / percent, 0);
        var outcome = StoredOutcome.FromJson(record.Outcome);
        var english = Text.IsEnglish;
        var zoneData = record.Kind == ImportJobStore.ZoneData;
        var problems = outcome?.Problems.Select(p => p.ToProblem())
            .Select(p => zoneData ? new EnterpriseImportProblem(p.File, p.Sheet, p.Row, p.Column, p.Value, p.Code, Collection.ProblemText.Describe(p, english))
                { Severity = p.Severity == Severity.Warning ? "warning" : "error" } : EnterpriseApi.ToProblem(p))
            .ToList() ?? [];
        ImportJobSummary? summary = outcome is { Applied: true } o
            ? new ImportJobSummary(o.BatchId!, o.Rows, o.ZoneYears, o.Years, o.AggregateFigures, Math.Round(o.Seconds, 2), o.ValuesChanged, o.Approved)
            : null;
        var cancelling = live is not null && live.Cancel.IsCancellationRequested && !ImportJobStates.IsFinished(state);
        return new ImportJobResponse(record.Id, record.Kind, state, cancelling ? "cancelling" : stage, record.FileName, record.Size, bytes, rows, validated,
            percent, left, record.CreatedAt, record.StartedAt, record.FinishedAt, ApiPath(record.Id), PagePath(record.Id),
            ImportText.Message(record.Kind, state, cancelling ? "cancelling" : stage, outcome, record.FileName, english),
            summary, outcome?.ErrorCount ?? 0, problems, outcome?.Reason);
    }
}
