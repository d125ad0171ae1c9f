using System.Text.Json;
using Gaoxin.Data;
using Gaoxin.Data.Enterprises;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Enterprises;

public sealed record EnterpriseListItemResponse(
    string CreditCode, string Name, string Zone, int Year, string? Industry, bool IsHte, bool Listed, decimal? Revenue, int? Employees);

public sealed record EnterpriseListResponse(IReadOnlyList<EnterpriseListItemResponse> Items, int Total, int Page, int PageSize);

/// <summary>
/// The high-tech enterprise certificate: <c>issued</c>/<c>expires</c> as first published, <c>issuedOn</c>/<c>expiresOn</c>
/// the same days under the names of the PUT request, and <c>valid</c> when <c>expiresOn</c> is today or later.
/// </summary>
public sealed record HteCertificateResponse(string? Number, string? IssuedOn, string? ExpiresOn, bool Valid);

/// <summary>A certificate to enter: dates as yyyy-MM-dd; <c>expiresOn</c> may be omitted for three years after <c>issuedOn</c>.</summary>
public sealed record CertificateRequest(string? Number, string? IssuedOn, string? ExpiresOn);

/// <summary>What an upload imported: returns (rows), zone-years and years touched, aggregate figures recomputed, the import's batch.</summary>
public sealed record EnterpriseImportResponse(string BatchId, int Rows, int ZoneYears, IReadOnlyList<int> Years, int AggregateFigures);

/// <summary>A located problem of an uploaded file, in the shape of the registries' import problems (<c>sheet</c> is null for CSV).</summary>
public sealed record EnterpriseImportProblem(string File, string? Sheet, int Row, string? Column, string? Value, string Code, string Message)
{
    /// <summary><c>error</c> (the file is refused) or <c>warning</c> (a zone-data import's note; the figures are still imported).</summary>
    public string Severity { get; init; } = "error";
}

public sealed record EnterpriseReturnResponse(
    int Year, string Zone, bool IsHte, decimal? Revenue, int? Employees, int? StEmployees, decimal? RdExpense, decimal? StExpense,
    decimal? HighTechRevenue, decimal? NetAssets, decimal? Exports, decimal? VcReceived, decimal? ValuationUsdM, bool Listed,
    IReadOnlyDictionary<string, decimal> Extra);

public sealed record EnterpriseResponse(
    string CreditCode, string Name, string Zone, string? Industry, string? RegisteredOn, bool Listed, HteCertificateResponse? HteCertificate,
    IReadOnlyList<EnterpriseReturnResponse> Returns);

public sealed record EnterpriseAggregateResponse(int Year, string Element, decimal Value, string Unit);

/// <summary>
/// GET /api/enterprises, /api/enterprises/{creditCode} and /api/zones/{code}/enterprise-aggregates; POST
/// /api/enterprises/import (the returns CSV) and PUT /api/enterprises/{creditCode}/certificate. Enterprise returns are
/// not public: a personal token is required (401 without), the office sees every zone, a zone operator their own zone
/// (403 for another zone's list, 404 for another zone's enterprise), any other role nothing (403). Money is in 万元.
/// </summary>
public static class EnterpriseApi
{
    public static void MapEnterpriseApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/enterprises").WithTags("Enterprises").RequireApi(Access.ZoneStaff);
        group.MapGet("/", List).WithName("ListEnterprises").WithSummary("Enterprises with one year's return (or their latest), by zone and high-tech status, 50 a page");
        group.MapGet("/{creditCode}", Get).WithName("GetEnterprise").WithSummary("An enterprise of the registry with its returns by year");
        group.MapPost("/import", Import).WithName("ImportEnterpriseReturns").DisableAntiforgery()
            .Refuses(RefusalKind.Malformed, RefusalKind.TooLarge, RefusalKind.Invalid)
            .WithSummary("Upload the yearly returns CSV (multipart field file), all or nothing; a zone operator only their zone's rows");
        group.MapPut("/{creditCode}/certificate", PutCertificate).WithName("SetHteCertificate")
            .WithSummary("Enter an enterprise's high-tech enterprise certificate; expiresOn defaults to issuedOn + 3 years");
        api.MapGet("/zones/{code}/enterprise-aggregates", Aggregates).RequireApi(Access.ZoneStaff).WithTags("Enterprises").WithName("ZoneEnterpriseAggregates")
            .WithSummary("A zone's figures summed from the enterprise returns, in the units of the data elements they fill");
    }

    public static async Task<Results<Ok<EnterpriseListResponse>, UnauthorizedHttpResult, ProblemHttpResult>> List(
        string? zone, int? year, bool? hte, int? page, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var (_, own) = EnterpriseStore.Scope(who);
        if (own is not null && !string.IsNullOrEmpty(zone) && zone != own) return Forbidden();
        var result = await EnterpriseStore.ListAsync(db, own ?? (string.IsNullOrEmpty(zone) ? null : zone), year, hte, page ?? 1, ct);
        return TypedResults.Ok(new EnterpriseListResponse(
            result.Items.Select(i => new EnterpriseListItemResponse(i.CreditCode, i.Name, i.ZoneCode, i.Year, i.Industry, i.IsHte, i.Listed,
                Json.Normalize(i.Revenue), i.Employees)).ToList(),
            result.Total, result.Page, result.PageSize));
    }

    public static async Task<Results<Ok<EnterpriseResponse>, UnauthorizedHttpResult, ProblemHttpResult>> Get(
        string creditCode, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var (_, own) = EnterpriseStore.Scope(who);
        var detail = await EnterpriseStore.GetAsync(db, creditCode, own, ct);
        if (detail is null)
            return Refusal.NotFound("unknown_enterprise", $"企业名录中没有统一社会信用代码为“{creditCode}”的企业(或您无权查看)。",
                $"No enterprise '{creditCode}' (or it is not yours to see).").ToResult();
        return TypedResults.Ok(ToResponse(detail, Today(clock)));
    }

    public static async Task<Results<Ok<List<EnterpriseAggregateResponse>>, UnauthorizedHttpResult, ProblemHttpResult>> Aggregates(
        string code, int? year, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var (_, own) = EnterpriseStore.Scope(who);
        if (own is not null && own != code) return Forbidden();
        if (await db.Zones.FindAsync([code], ct) is null) return Refusal.UnknownZone(code).ToResult();
        var units = EnterpriseAggregates.Definitions.ToDictionary(d => d.Element, d => d.Unit);
        var rows = await EnterpriseStore.AggregatesAsync(db, code, year, ct);
        return TypedResults.Ok(rows.Select(a => new EnterpriseAggregateResponse(a.Year, a.Element, Json.Normalize(a.Value), units.GetValueOrDefault(a.Element, ""))).ToList());
    }

    /// <summary>
    /// POST /api/enterprises/import: the same import as <c>gaoxin enterprises import</c>, audited as the uploader. 200 with
    /// what was imported; 422 <c>import_refused</c> with the located problems in <c>problems</c> (nothing imported), like
    /// /api/registries/{type}/import's; 400 <c>file_required</c> without the form field <c>file</c>; 401 without a token, 403 for
    /// a role that sees no enterprise returns.
    /// </summary>
    public static async Task<Results<Ok<EnterpriseImportResponse>, UnauthorizedHttpResult, ProblemHttpResult>> Import(
        IFormFile? file, HttpContext context, GaoxinDb db, EnterpriseRules rules, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        if (file is null || file.Length == 0)
            return (Refusal.Malformed("file_required", "请以 multipart 表单字段 file 上传 CSV 文件。", "Upload the CSV as the multipart form field \"file\".")
                with { Field = "file" }).ToResult();
        var result = await EnterpriseUpload.ImportAsync(db, file, who, rules, Data.Collection.ReportStore.Via.Api, clock, ct);
        if (result.Forbidden) return Forbidden();
        if (!result.Applied)
            return Refusal.ImportRefused(result.Problems.Select(ToProblem).ToList(), p => new RefusalLocation(p.File, p.Sheet, p.Row, p.Column)).ToResult();
        var o = result.Outcome!;
        return TypedResults.Ok(new EnterpriseImportResponse(o.BatchId, o.Rows, o.ZoneYears, o.Years, o.Aggregates?.Figures ?? 0));
    }

    public static EnterpriseImportProblem ToProblem(Core.Collection.DataProblem p) =>
        new(p.File, p.Sheet, p.Row, p.Column, p.Value, p.Code, EnterpriseText.Describe(p, Text.IsEnglish));

    /// <summary>
    /// PUT /api/enterprises/{creditCode}/certificate: 200 with the stored certificate; 404 unknown_enterprise, 403 forbidden
    /// (another zone's enterprise, or a role without enterprise data), 422 issued_required, bad_date, number_required,
    /// number_too_long, expires_before_issued — each a problem with its <c>code</c>.
    /// </summary>
    public static async Task<Results<Ok<HteCertificateResponse>, UnauthorizedHttpResult, ProblemHttpResult>> PutCertificate(
        string creditCode, CertificateRequest request, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var code = creditCode.Trim().ToUpperInvariant();
        var (issuedOn, expiresOn, bad) = CertificateInput.Read(request.IssuedOn, request.ExpiresOn);
        if (bad is { } b) return CertificateRefusal(b.Code, english => CertificateInput.Describe(b.Code, english, b.Field, b.Value), b.Field);
        var outcome = await HteCertificates.SetAsync(db, who, code, request.Number, issuedOn, expiresOn, Data.Collection.ReportStore.Via.Api, clock, ct);
        if (!outcome.Done) return CertificateRefusal(outcome.Error!, english => CertificateInput.Describe(outcome.Error!, english, value: code), null);
        return TypedResults.Ok(ToResponse(outcome.New!, Today(clock))!);
    }

    private static ProblemHttpResult CertificateRefusal(string code, Func<bool, string> message, string? field) =>
        (new Refusal(code switch { "unknown_enterprise" => RefusalKind.NotFound, "forbidden" => RefusalKind.Forbidden, _ => RefusalKind.Invalid }, code,
            message(false), message(true))
        {
            Field = field ?? code switch
            {
                "number_required" or "number_too_long" => "number",
                "expires_before_issued" => "expiresOn",
                _ => null,
            },
        }).ToResult();

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().Date);

    /// <summary>The certificate as the API shows it, or null when none was ever entered.</summary>
    public static HteCertificateResponse? ToResponse(HteCertificate c, DateOnly today) =>
        c.Number is null && c.IssuedOn is null ? null
            : new HteCertificateResponse(c.Number, c.IssuedOn?.ToString("yyyy-MM-dd"), c.ExpiresOn?.ToString("yyyy-MM-dd"), c.ValidOn(today));

    private static ProblemHttpResult Forbidden() => Refusal.Forbidden("forbidden",
        "企业年报仅向省高新区办公室和本区操作员开放。", "Enterprise returns are open to the provincial office and to a zone's own operators.").ToResult();

    /// <summary>An enterprise as the API shows it; the certificate's <c>valid</c> is as of <paramref name="today"/> (default: the local date).</summary>
    public static EnterpriseResponse ToResponse(EnterpriseDetail d, DateOnly? today = null)
    {
        var e = d.Enterprise;
        return new EnterpriseResponse(e.CreditCode, e.Name, e.ZoneCode, e.Industry, e.RegisteredOn?.ToString("yyyy-MM-dd"), e.Listed,
            ToResponse(HteCertificate.Of(e), today ?? DateOnly.FromDateTime(DateTime.Now)),
            d.Returns.Select(r => new EnterpriseReturnResponse(r.Year, r.ZoneCode, r.IsHte, Json.Normalize(r.Revenue), r.Employees, r.StEmployees,
                Json.Normalize(r.RdExpense), Json.Normalize(r.StExpense), Json.Normalize(r.HighTechRevenue), Json.Normalize(r.NetAssets),
                Json.Normalize(r.Exports), Json.Normalize(r.VcReceived), Json.Normalize(r.ValuationUsdM), r.Listed, Extra(r.Extra))).ToList());
    }

    /// <summary>The further figures of a return, from their JSON column.</summary>
    public static IReadOnlyDictionary<string, decimal> Extra(string? json) =>
        json is null ? new Dictionary<string, decimal>() : JsonSerializer.Deserialize<Dictionary<string, decimal>>(json) ?? [];
}
