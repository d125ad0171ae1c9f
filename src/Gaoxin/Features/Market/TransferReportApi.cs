using Gaoxin.Core.Market;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Data;
using Gaoxin.Data.Market;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Market;

public sealed record YearOnYearResponse(decimal Value, decimal Previous, decimal Change, decimal? Growth);

public sealed record TransferRowResponse(string Code, string Name, YearOnYearResponse Contracts, YearOnYearResponse TurnoverWan);

/// <summary>A section of the transfer report: <c>zone</c> null for the province. <c>growth</c> is null when the year before was zero.</summary>
public sealed record TransferSectionResponse(string? Zone, YearOnYearResponse Contracts, YearOnYearResponse TurnoverWan, IReadOnlyList<TransferRowResponse> ByType,
    IReadOnlyList<TransferRowResponse> ByField, YearOnYearResponse DealsBrokered, YearOnYearResponse AchievementsConverted, YearOnYearResponse KeyTechnologies,
    YearOnYearResponse NewProducts);

public sealed record TransferReportResponse(int Year, TransferSectionResponse Province, IReadOnlyList<TransferSectionResponse> Zones, bool UsesDemoData);

/// <summary>
/// The yearly transfer report (科技成果转移转化年度报告): <c>GET /api/market/report?year=Y[&amp;zone=Z]</c> and the workbook
/// <c>GET /market/report.xlsx?year=Y[&amp;zone=Z]</c>. The province's section is public; zones' sections go to the office (all)
/// and a zone's operator (their own).
/// </summary>
public static class TransferReportApi
{
    public static void MapTransferReportApi(RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        api.MapGet("/market/report", GetAsync).AllowAnonymous().WithTags("Technology market: contracts").WithName("GetTransferReport")
            .WithSummary("The yearly technology-transfer report: the province for everyone; zones for the office and their own operators");
        app.MapGet("/market/report.xlsx", WorkbookAsync).AllowAnonymous().WithName("DownloadTransferReport");
    }

    /// <summary>The zones a caller's report shows, or a refusal: a named zone the caller may not see is refused, not left out.</summary>
    public static async Task<(List<string>? Zones, string? Refused)> ZonesAsync(GaoxinDb db, Core.Collection.Principal? who, string? zone, CancellationToken ct)
    {
        var visible = await TransferReportStore.VisibleZonesAsync(db, who, ct);
        if (string.IsNullOrEmpty(zone)) return (visible, null);
        if (!await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Zones, z => z.Code == zone, ct)) return (null, "unknown_zone");
        return visible.Contains(zone) ? ([zone], null) : (null, "forbidden");
    }

    private static YearOnYearResponse R(YearOnYear y) => new(Json.Normalize(y.Value), Json.Normalize(y.Previous), Json.Normalize(y.Difference), y.Growth);

    public static TransferSectionResponse ToResponse(TransferReportSection s, IndustryCatalog catalog) => new(s.Zone, R(s.Contracts), R(s.TurnoverWan),
        s.ByType.Select(r => new TransferRowResponse(r.Code, DealsText.ContractType(r.Code), R(r.Contracts), R(r.TurnoverWan))).ToList(),
        s.ByField.Select(r => new TransferRowResponse(r.Code, catalog.Find(r.Code) is { } f ? Text.T(f.Name, f.NameEn) : r.Code, R(r.Contracts), R(r.TurnoverWan))).ToList(),
        R(s.DealsBrokered), R(s.AchievementsConverted), R(s.KeyTechnologies), R(s.NewProducts));

    public static async Task<Results<Ok<TransferReportResponse>, ProblemHttpResult>> GetAsync(int? year, string? zone, HttpContext context, GaoxinDb db,
        IndustryCatalog catalog, CancellationToken ct)
    {
        if (year is not { } y || !Core.InputLimits.IsYear(y)) return DealsApi.Refused("unknown_year");
        var (zones, refused) = await ZonesAsync(db, await context.TokenPrincipalAsync(), zone, ct);
        if (refused is not null) return DealsApi.Refused(refused);
        var report = await TransferReportStore.ComputeAsync(db, y, zones!, ct);
        return TypedResults.Ok(new TransferReportResponse(y, ToResponse(report.Province, catalog), report.Zones.Select(s => ToResponse(s, catalog)).ToList(),
            await TransferReportStore.UsesDemoDataAsync(db, y, ct)));
    }

    /// <summary>GET /market/report.xlsx: the page's report as a workbook (signed-in users by their cookie).</summary>
    public static async Task<IResult> WorkbookAsync(int? year, string? zone, HttpContext context, GaoxinDb db, IndustryCatalog catalog, CancellationToken ct)
    {
        if (year is not { } y || !Core.InputLimits.IsYear(y)) return DealsApi.Refused("unknown_year");
        var (zones, refused) = await ZonesAsync(db, context.User.ToPrincipal(), zone, ct);
        if (refused is not null) return DealsApi.Refused(refused);
        var report = await TransferReportStore.ComputeAsync(db, y, zones!, ct);
        var names = await ZoneRegistry.NamesAsync(db, z => z.Name, ct);
        var fields = catalog.Industries.ToDictionary(i => i.Code, i => i.Name);
        return Results.File(TransferWorkbook.Write(report, names, fields, await TransferReportStore.UsesDemoDataAsync(db, y, ct)),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"gaoxin-transfer-report-{y}{(string.IsNullOrEmpty(zone) ? "" : "-" + zone)}.xlsx");
    }
}
