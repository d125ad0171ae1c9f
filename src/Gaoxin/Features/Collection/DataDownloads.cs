using System.Text;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Collection;

/// <summary>File downloads for pages: the Excel template and the approved figures as CSV or Excel.</summary>
public static class DataDownloads
{
    public static void MapDataDownloads(this WebApplication app)
    {
        var group = app.MapGroup("/data").ExcludeFromDescription();
        // The template holds what a reporter may see: the office's or a zone operator's (their zone only, decided below).
        group.MapGet("/template/{year:int}.xlsx", Template).RequireAuthorization(Access.ZoneStaff);
        // Approved figures: public.
        group.MapGet("/export/{year:int}.csv", ExportCsv).AllowAnonymous();
        group.MapGet("/export/{year:int}.xlsx", ExportXlsx).AllowAnonymous();
    }

    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A signed-in reporter's template: a zone operator's holds only their zone, pre-filled with what they may see.</summary>
    public static async Task<Results<FileContentHttpResult, ChallengeHttpResult, ForbidHttpResult>> Template(int year, string? zone, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        var who = context.User.ToPrincipal()!;
        var set = await DataSetStore.GetAsync(db, ct);
        var units = await DataSetStore.UnitsAsync(db, set, ct);
        var only = who.IsAdmin ? (zone is null ? null : new HashSet<string> { zone }) : who.Zone is { } z ? new HashSet<string> { z } : null;
        if (!who.IsAdmin && (only is null || (zone is not null && zone != who.Zone))) return TypedResults.Forbid();
        var shown = new List<Core.Collection.DataValue>();
        foreach (var unit in units.Where(u => only is null || only.Contains(u.Code)))
        {
            var view = await ReportStore.GetAsync(db, set, unit, year, who, ct);
            shown.AddRange((view.Open ?? view.Approved).Select(kv => new Core.Collection.DataValue(unit.Code, year, kv.Key, kv.Value)));
        }
        using var stream = new MemoryStream();
        ExcelWorkbook.WriteTemplate(stream, [year], new ImportContext(units, set.Elements), shown, only);
        return TypedResults.File(stream.ToArray(), Xlsx, $"gaoxin-{year}{(only?.Count == 1 ? "-" + only.First() : "")}.xlsx");
    }

    /// <summary>Approved figures only: what anyone may see.</summary>
    public static async Task<FileContentHttpResult> ExportCsv(int year, GaoxinDb db, CancellationToken ct)
    {
        var values = (await ReportStore.ApprovedValuesAsync(db, year, ct)).Select(v => v.Value);
        await using var writer = new StringWriter();
        InterchangeCsv.Write(writer, values);
        return TypedResults.File(new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(writer.ToString())).ToArray(), "text/csv; charset=utf-8", $"gaoxin-{year}.csv");
    }

    public static async Task<FileContentHttpResult> ExportXlsx(int year, GaoxinDb db, CancellationToken ct)
    {
        var set = await DataSetStore.GetAsync(db, ct);
        var units = await DataSetStore.UnitsAsync(db, set, ct);
        var values = (await ReportStore.ApprovedValuesAsync(db, year, ct)).Select(v => v.Value);
        using var stream = new MemoryStream();
        ExcelWorkbook.WriteTemplate(stream, [year], new ImportContext(units, set.Elements), values);
        return TypedResults.File(stream.ToArray(), Xlsx, $"gaoxin-{year}.xlsx");
    }
}
