using Gaoxin.Core.Collection;
using Gaoxin.Core.Market;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Market;

/// <summary>The yearly transfer report as stored data gives it (approved contracts, closed introductions).</summary>
public static class TransferReportStore
{
    /// <summary>
    /// The zones whose sections <paramref name="who"/> may read: the office every zone, a zone's operator their own, anyone else
    /// none (the province's total is published for everyone: see the guide).
    /// </summary>
    public static async Task<List<string>> VisibleZonesAsync(GaoxinDb db, Principal? who, CancellationToken cancellationToken)
    {
        if (who is null) return [];
        if (who.IsAdmin) return await db.Zones.AsNoTracking().OrderBy(z => z.Code).Select(z => z.Code).ToListAsync(cancellationToken);
        return who.Role == Roles.ZoneOperator && who.Zone is { } zone ? [zone] : [];
    }

    /// <summary>The report of <paramref name="year"/>: the province's section and the given zones'.</summary>
    public static async Task<TransferReportResult> ComputeAsync(GaoxinDb db, int year, IReadOnlyList<string> zones, CancellationToken cancellationToken)
    {
        var contracts = (await ContractStore.ApprovedAsync(db, null, cancellationToken)).Where(c => c.Signed.Year == year || c.Signed.Year == year - 1).ToList();
        var introductions = (await IntroductionStore.ClosedAsync(db, cancellationToken)).Where(i => i.Closed.Year == year || i.Closed.Year == year - 1).ToList();
        return TransferReport.Compute(year, contracts, introductions, zones);
    }

    /// <summary>True when any approved contract or introduction behind the report is demo data.</summary>
    public static async Task<bool> UsesDemoDataAsync(GaoxinDb db, int year, CancellationToken cancellationToken) =>
        (await db.TechContracts.AsNoTracking().Where(c => c.IsDemo && c.State == ContractState.Approved).Select(c => c.Signed).ToListAsync(cancellationToken))
            .Any(d => d.Year == year || d.Year == year - 1);
}
