using Gaoxin.Core.Figures;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Evaluation;
using Gaoxin.Data.Figures;
using Gaoxin.Features.Evaluation;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Features.Zones;

/// <summary>
/// What the public pages and the open data may show, in one place: published evaluation runs only (never a draft run),
/// and the figures in force, which are approved figures only (<see cref="FigureStore"/>).
/// </summary>
public static class PublicFacts
{
    /// <summary>The key figures the home page and the zone profiles show, in order.</summary>
    public static readonly string[] KeyElements = ["gdp", "revenue", "tax", "hte_count", "rd_expenditure", "employees"];

    /// <summary>A published run with its result.</summary>
    public sealed record PublishedRun(EvaluationRunRecord Run, EvaluationResponse Result);

    /// <summary>
    /// The published run of each year and model (the newest publication where a year was published twice), newest year
    /// first. Unpublished runs never appear.
    /// </summary>
    public static async Task<List<PublishedRun>> PublishedRunsAsync(GaoxinDb db, string? modelId, CancellationToken ct)
    {
        var query = db.EvaluationRuns.AsNoTracking().Where(r => r.PublishedAt != null);
        if (modelId is not null) query = query.Where(r => r.ModelId == modelId);
        var runs = await query.ToListAsync(ct);
        return runs.GroupBy(r => (r.Year, r.ModelId))
            .Select(g => g.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id).First())
            .OrderByDescending(r => r.Year).ThenBy(r => r.ModelId, StringComparer.Ordinal)
            .Select(r => new PublishedRun(r, EvaluationRunner.Read(r)))
            .ToList();
    }

    /// <summary>The newest published run of the default model, or null.</summary>
    public static async Task<PublishedRun?> LatestPublishedAsync(GaoxinDb db, CancellationToken ct) =>
        (await PublishedRunsAsync(db, EvaluationCommands.DefaultModel, ct)).FirstOrDefault();

    /// <summary>A zone's result in the newest published run of the default model that ranked it, or null.</summary>
    public static async Task<(int Year, ZoneEvaluationResponse Zone)?> LastPublishedResultAsync(GaoxinDb db, string zone, CancellationToken ct)
    {
        foreach (var run in await PublishedRunsAsync(db, EvaluationCommands.DefaultModel, ct))
            if (run.Result.Zones.FirstOrDefault(z => z.Zone == zone) is { } found) return (run.Run.Year, found);
        return null;
    }

    /// <summary>The figures in force (approved only) of every year, of one zone or of all.</summary>
    public static Task<IReadOnlyList<Figure>> FiguresAsync(GaoxinDb db, string? zone, CancellationToken ct) =>
        FigureStore.InForceAsync(db, Core.InputLimits.MinYear, Core.InputLimits.MaxYear, zone, ct);

    /// <summary>The newest year with an approved report, or null.</summary>
    public static Task<int?> NewestApprovedYearAsync(GaoxinDb db, CancellationToken ct) =>
        db.Reports.Where(r => r.State == Core.Collection.ReportState.Approved).MaxAsync(r => (int?)r.Year, ct);

    /// <summary>The data set's elements by code (names, units).</summary>
    public static async Task<Dictionary<string, Core.Collection.DataElement>> ElementsAsync(GaoxinDb db, CancellationToken ct) =>
        (await DataSetStore.GetAsync(db, ct)).Elements.ToDictionary(e => e.Code);
}
