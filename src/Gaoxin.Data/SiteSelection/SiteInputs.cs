using Gaoxin.Core.Investment;
using Gaoxin.Core.Zones;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Data.Figures;
using Gaoxin.Data.Investment;
using Gaoxin.Data.Zones;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.SiteSelection;

/// <summary>
/// What the site-selection score reads, approved and public data only: the zones in operation with their leading industries,
/// their approved registry items, their operating revenue in force (the latest year with approved reports) and the published
/// investment projects offering land.
/// </summary>
public static class SiteInputs
{
    /// <summary>The data element of operating revenue (营业收入, 亿元).</summary>
    public const string RevenueElement = "revenue";

    /// <summary>The zones as the score sees them at <paramref name="now"/>; <paramref name="sizeBand"/> limits the land projects counted to that band.</summary>
    public static async Task<List<SiteZone>> LoadAsync(GaoxinDb db, DateTimeOffset now, string? sizeBand, CancellationToken cancellationToken)
    {
        var zones = (await ZoneRegistry.ListAsync(db, cancellationToken)).Where(z => z.Status != ZoneStatus.Delisted).ToList();
        var items = (await db.RegistryItems.AsNoTracking().Where(i => i.Approval == "approved" && i.ZoneCode != null && i.Closed == null)
                .Select(i => new { i.ZoneCode, i.Type, i.Subtype, i.Name }).ToListAsync(cancellationToken))
            .ToLookup(i => i.ZoneCode!, i => new SiteItem(i.Type, i.Subtype, i.Name));
        var latest = await db.Reports.AsNoTracking().Where(r => r.State == Core.Collection.ReportState.Approved)
            .Select(r => (int?)r.Year).MaxAsync(cancellationToken);
        var revenue = latest is { } year
            ? (await FigureStore.InForceAsync(db, year, year, null, cancellationToken)).Where(f => f.Value.Element == RevenueElement)
                .ToDictionary(f => f.Value.Unit, f => f.Value.Value)
            : [];
        var land = (await InvestmentStore.PublicAsync(db, now, cancellationToken))
            .Where(p => p.Zone is not null && p.LandMu > 0 && (sizeBand is null || InvestmentRules.SizeBand(p.AmountWan) == sizeBand))
            .GroupBy(p => p.Zone!).ToDictionary(g => g.Key, g => g.Count());
        return zones.Select(z => new SiteZone(z.Code, z.Name, z.NameEn, z.LeadingIndustries, items[z.Code].ToList(),
            revenue.TryGetValue(z.Code, out var r) ? r : null, revenue.ContainsKey(z.Code) ? latest : null, land.GetValueOrDefault(z.Code))).ToList();
    }
}
