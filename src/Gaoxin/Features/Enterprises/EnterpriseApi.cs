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

public sealed record HteCertificateResponse(string? Number, string? Issued, string? Expires);

public sealed record EnterpriseReturnResponse(
    int Year, string Zone, bool IsHte, decimal? Revenue, int? Employees, int? StEmployees, decimal? RdExpense, decimal? StExpense,
    decimal? HighTechRevenue, decimal? NetAssets, decimal? Exports, decimal? VcReceived, decimal? ValuationUsdM, bool Listed,
    IReadOnlyDictionary<string, decimal> Extra);

public sealed record EnterpriseResponse(
    string CreditCode, string Name, string Zone, string? Industry, string? RegisteredOn, bool Listed, HteCertificateResponse? HteCertificate,
    IReadOnlyList<EnterpriseReturnResponse> Returns);

public sealed record EnterpriseAggregateResponse(int Year, string Element, decimal Value, string Unit);

/// <summary>
/// GET /api/enterprises, /api/enterprises/{creditCode} and /api/zones/{code}/enterprise-aggregates. Enterprise returns are
/// not public: a personal token is required (401 without), the office sees every zone, a zone operator their own zone
/// (403 for another zone's list, 404 for another zone's enterprise), any other role nothing (403). Money is in 万元.
/// </summary>
public static class EnterpriseApi
{
    public static void MapEnterpriseApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/enterprises").WithTags("Enterprises");
        group.MapGet("/", List).WithName("ListEnterprises").WithSummary("Enterprises with one year's return (or their latest), by zone and high-tech status, 50 a page");
        group.MapGet("/{creditCode}", Get).WithName("GetEnterprise").WithSummary("An enterprise of the registry with its returns by year");
        api.MapGet("/zones/{code}/enterprise-aggregates", Aggregates).WithTags("Enterprises").WithName("ZoneEnterpriseAggregates")
            .WithSummary("A zone's figures summed from the enterprise returns, in the units of the data elements they fill");
    }

    public static async Task<Results<Ok<EnterpriseListResponse>, UnauthorizedHttpResult, ProblemHttpResult>> List(
        string? zone, int? year, bool? hte, int? page, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        if (await context.TokenPrincipalAsync() is not { } who) return TypedResults.Unauthorized();
        var (allowed, own) = EnterpriseStore.Scope(who);
        if (!allowed) return Forbidden();
        if (own is not null && !string.IsNullOrEmpty(zone) && zone != own) return Forbidden();
        var result = await EnterpriseStore.ListAsync(db, own ?? (string.IsNullOrEmpty(zone) ? null : zone), year, hte, page ?? 1, ct);
        return TypedResults.Ok(new EnterpriseListResponse(
            result.Items.Select(i => new EnterpriseListItemResponse(i.CreditCode, i.Name, i.ZoneCode, i.Year, i.Industry, i.IsHte, i.Listed,
                Json.Normalize(i.Revenue), i.Employees)).ToList(),
            result.Total, result.Page, result.PageSize));
    }

    public static async Task<Results<Ok<EnterpriseResponse>, UnauthorizedHttpResult, ProblemHttpResult>> Get(
        string creditCode, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        if (await context.TokenPrincipalAsync() is not { } who) return TypedResults.Unauthorized();
        var (allowed, own) = EnterpriseStore.Scope(who);
        if (!allowed) return Forbidden();
        var detail = await EnterpriseStore.GetAsync(db, creditCode, own, ct);
        if (detail is null) return TypedResults.Problem(statusCode: 404, title: $"No enterprise '{creditCode}'.");
        return TypedResults.Ok(ToResponse(detail));
    }

    public static async Task<Results<Ok<List<EnterpriseAggregateResponse>>, UnauthorizedHttpResult, ProblemHttpResult>> Aggregates(
        string code, int? year, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        if (await context.TokenPrincipalAsync() is not { } who) return TypedResults.Unauthorized();
        var (allowed, own) = EnterpriseStore.Scope(who);
        if (!allowed || (own is not null && own != code)) return Forbidden();
        if (await db.Zones.FindAsync([code], ct) is null) return TypedResults.Problem(statusCode: 404, title: $"No zone '{code}'.");
        var units = EnterpriseAggregates.Definitions.ToDictionary(d => d.Element, d => d.Unit);
        var rows = await EnterpriseStore.AggregatesAsync(db, code, year, ct);
        return TypedResults.Ok(rows.Select(a => new EnterpriseAggregateResponse(a.Year, a.Element, Json.Normalize(a.Value), units.GetValueOrDefault(a.Element, ""))).ToList());
    }

    private static ProblemHttpResult Forbidden() =>
        TypedResults.Problem(statusCode: 403, title: "Enterprise returns are open to the provincial office and to a zone's own operators.");

    public static EnterpriseResponse ToResponse(EnterpriseDetail d)
    {
        var e = d.Enterprise;
        return new EnterpriseResponse(e.CreditCode, e.Name, e.ZoneCode, e.Industry, e.RegisteredOn?.ToString("yyyy-MM-dd"), e.Listed,
            e.HteCertificateNumber is null && e.HteCertifiedOn is null ? null
                : new HteCertificateResponse(e.HteCertificateNumber, e.HteCertifiedOn?.ToString("yyyy-MM-dd"), e.HteExpiresOn?.ToString("yyyy-MM-dd")),
            d.Returns.Select(r => new EnterpriseReturnResponse(r.Year, r.ZoneCode, r.IsHte, Json.Normalize(r.Revenue), r.Employees, r.StEmployees,
                Json.Normalize(r.RdExpense), Json.Normalize(r.StExpense), Json.Normalize(r.HighTechRevenue), Json.Normalize(r.NetAssets),
                Json.Normalize(r.Exports), Json.Normalize(r.VcReceived), Json.Normalize(r.ValuationUsdM), r.Listed, Extra(r.Extra))).ToList());
    }

    /// <summary>The further figures of a return, from their JSON column.</summary>
    public static IReadOnlyDictionary<string, decimal> Extra(string? json) =>
        json is null ? new Dictionary<string, decimal>() : JsonSerializer.Deserialize<Dictionary<string, decimal>>(json) ?? [];
}
