using Gaoxin.Core.Collection;
using Gaoxin.Core.Figures;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Enterprises;
using Gaoxin.Data.Registries;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Figures;

/// <summary>The figures in force as stored: what evaluation, plan monitoring, the export and the zone pages read.</summary>
public static class FigureStore
{
    /// <summary>
    /// The figures in force for the years <paramref name="fromYear"/>..<paramref name="toYear"/> (of one zone, or of every unit):
    /// approved reported values, and for elements a unit-year's approved report left blank the registry counts, then the
    /// approved technology contracts' sums, then the enterprise aggregates (with the gazelle counts), the reserve pool's counts and the closed expert panels' scores
    /// (<see cref="FiguresInForce.Merge"/>).
    /// </summary>
    public static async Task<IReadOnlyList<Figure>> InForceAsync(GaoxinDb db, int fromYear, int toYear, string? zone, CancellationToken cancellationToken)
    {
        var approved = db.Reports.AsNoTracking().Where(r => r.State == ReportState.Approved && r.Year >= fromYear && r.Year <= toYear);
        if (zone is not null) approved = approved.Where(r => r.UnitCode == zone);
        var rows = await (from r in approved
                          join v in db.ReportValues.AsNoTracking() on r.Id equals v.ReportId
                          select new { r.UnitCode, r.Year, v.ElementCode, v.Value }).ToListAsync(cancellationToken);
        var reported = rows.Select(r => new DataValue(r.UnitCode, r.Year, r.ElementCode, r.Value)).ToList();
        // Only unit-years with an approved report take counts and aggregates, so only their years are counted.
        var years = reported.Select(v => v.Year).Distinct().ToList();
        if (years.Count == 0) return [];
        var set = await DataSetStore.GetAsync(db, cancellationToken);
        var registry = await RegistryStore.DerivedValuesAsync(db, set, zone, years, cancellationToken);
        var enterprises = await EnterpriseAggregates.ValuesAsync(db, set, years, cancellationToken);
        // The reserve pool's counts fill like the enterprise aggregates (they cover elements of their own).
        enterprises.AddRange(await ReservePoolStore.ValuesAsync(db, set, years, cancellationToken));
        enterprises.AddRange(await HteCertificates.ValuesAsync(db, set, years, cancellationToken));
        var contracts = await Market.ContractStore.DerivedValuesAsync(db, set, zone, years, cancellationToken);
        // A closed expert panel's score of an expert-score indicator fills its element like the other derived figures.
        var experts = await Experts.ExpertStore.ValuesAsync(db, zone, years, cancellationToken);
        return FiguresInForce.Merge(reported, registry, zone is null ? enterprises : enterprises.Where(v => v.Unit == zone), contracts, experts);
    }
}
