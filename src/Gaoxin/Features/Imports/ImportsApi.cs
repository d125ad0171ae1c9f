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
public sealed record ImportJobSummary(string BatchId, int Rows, int ZoneYears, IReadOnlyList<int> Years, int AggregateFigures, double Seconds);

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
            return (null, Refusal(StatusCodes.Status409Conflict, "job_finished",
                Text.T("导入已结束,无法取消。", "The import has already finished; it can no longer be cancelled.")));
        // Several instances on one store: the job runs in the process that received its file.
        if (live is null)
            return (null, Refusal(StatusCodes.Status409Conflict, "job_on_another_server",
                Text.T("该导入在平台的另一台服务器上运行,本服务器无法取消;请稍后重试。", "The import runs on another server of the platform, which alone can cancel it; try again later.")));
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
        Refusal(StatusCodes.Status404NotFound, "unknown_job", Text.T($"没有编号为“{id}”的导入任务。", $"No import job '{id}'."));

    private static ProblemHttpResult Refusal(int status, string code, string title, IReadOnlyList<EnterpriseImportProblem>? problems = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (problems is not null) extensions["problems"] = problems;
        return TypedResults.Problem(statusCode: status, title: title, type: $"https://gaoxin.local/problems/{code}", extensions: extensions);
    }

    private static ProblemHttpResult FileProblem(int status, string code, string file, string? detail, string message) =>
        Refusal(status, code, message, [new EnterpriseImportProblem(file, null, 0, "file", null, code, message)]);

    /// <summary>
    /// Receives the upload into a file of its own (streamed; at most <see cref="ImportSettings.MaxUploadBytes"/>), records the
    /// job (queued) and hands it to the worker.
    /// </summary>
    private static async Task<(LiveJob? Job, ProblemHttpResult? Refusal)> StartAsync(HttpContext context, Principal who, string via, GaoxinDb db,
        ImportJobQueue queue, ImportSettings settings, TimeProvider clock, bool formFallback, CancellationToken ct, IAntiforgery? antiforgery = null)
    {
        var (allowed, _) = EnterpriseStore.Scope(who);
        if (!allowed)
            return (null, Refusal(StatusCodes.Status403Forbidden, "forbidden",
                Text.T("只有省高新区办公室和高新区填报员可以导入企业年报。", "Only the office and zone operators may import enterprise returns.")));

        // This endpoint alone takes files this large; every other keeps the server's smaller limit.
        var limit = settings.MaxUploadBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit + 1024 * 1024;
        var tooLarge = FileProblem(StatusCodes.Status413PayloadTooLarge, "file_too_large", "", null,
            Text.T($"文件超过 {limit / (1024 * 1024)} MB 的上限。", $"The file is larger than the limit of {limit / (1024 * 1024)} MB."));
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
            return (null, Refusal(StatusCodes.Status400BadRequest, "antiforgery", Text.T("页面已过期,请刷新后重新上传。", "The page has expired; reload it and upload again.")));
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
            return (null, FileProblem(StatusCodes.Status400BadRequest, "file_required", "", null,
                Text.T("请以 multipart 表单字段 file 上传 CSV 文件。", "Upload the CSV as the multipart form field \"file\".")));
        }
        var record = await ImportJobStore.CreateAsync(db, id, ImportJobStore.EnterpriseReturns, who.Name, who.Zone, via, name, length, clock, ct);
        var job = new LiveJob(record, who, path);
        queue.Enqueue(job);
        return (job, null);
    }

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
        var problems = outcome?.Problems.Select(p => EnterpriseApi.ToProblem(p.ToProblem())).ToList() ?? [];
        ImportJobSummary? summary = outcome is { Applied: true } o
            ? new ImportJobSummary(o.BatchId!, o.Rows, o.ZoneYears, o.Years, o.AggregateFigures, Math.Round(o.Seconds, 2))
            : null;
        var cancelling = live is not null && live.Cancel.IsCancellationRequested && !ImportJobStates.IsFinished(state);
        return new ImportJobResponse(record.Id, record.Kind, state, cancelling ? "cancelling" : stage, record.FileName, record.Size, bytes, rows, validated,
            percent, left, record.CreatedAt, record.StartedAt, record.FinishedAt, ApiPath(record.Id), PagePath(record.Id),
            ImportText.Message(state, cancelling ? "cancelling" : stage, outcome, record.FileName, english),
            summary, outcome?.ErrorCount ?? 0, problems, outcome?.Reason);
    }
}
