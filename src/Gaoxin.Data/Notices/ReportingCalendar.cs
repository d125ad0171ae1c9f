using Gaoxin.Core.Collection;
using Gaoxin.Core.Zones;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Notices;

/// <summary>
/// The data-collection part of the reporting calendar: for every reporting year with a deadline (<c>reporting_periods</c>)
/// and every zone listed that year, a deadline <c>data_collection/{year}/{zone}</c>, met once the zone's report for the year
/// has been submitted (submitted, approved, or approved and since corrected). Recomputing never duplicates: the key is stable,
/// and a moved deadline moves the open deadlines with it (<see cref="NoticeBoard.DueAsync"/>).
/// </summary>
public static class ReportingCalendar
{
    /// <summary>The key of a zone's data-collection deadline for a year.</summary>
    public static string Key(int year, string zone) => $"{DeadlineKinds.DataCollection}/{year}/{zone}";

    /// <summary>Adds or updates the data-collection deadlines (in the change tracker; the caller saves). Returns how many were added.</summary>
    public static async Task<int> RefreshAsync(GaoxinDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var periods = await db.ReportingPeriods.AsNoTracking().OrderBy(p => p.Year).ToListAsync(cancellationToken);
        if (periods.Count == 0) return 0;
        var zones = await db.Zones.AsNoTracking().Include(z => z.Events).ToListAsync(cancellationToken);
        var years = periods.Select(p => p.Year).ToList();
        // Tracked once here, so that DueAsync finds each in the change tracker instead of asking the store per key.
        await db.Deadlines.Where(d => d.Kind == DeadlineKinds.DataCollection && years.Contains(d.Year)).LoadAsync(cancellationToken);
        var submitted = (await db.Reports.AsNoTracking()
                .Where(r => years.Contains(r.Year) && (r.State == ReportState.Submitted || r.State == ReportState.Approved || r.State == ReportState.Superseded))
                .Select(r => new { r.UnitCode, r.Year, r.SubmittedAt, r.DecidedAt })
                .ToListAsync(cancellationToken))
            .GroupBy(r => (r.UnitCode, r.Year))
            .ToDictionary(g => g.Key, g => g.Min(r => r.SubmittedAt ?? r.DecidedAt) ?? now);
        var added = 0;
        foreach (var period in periods)
        {
            foreach (var zone in zones.OrderBy(z => z.Code, StringComparer.Ordinal))
            {
                // A zone reports for a year in which it is on the list (listed by the year's end and not delisted then).
                var state = ZoneHistory.StateOn(zone.Events.Select(e => e.ToEvent()), new DateOnly(period.Year, 12, 31));
                if (state is null || state.Status == ZoneStatus.Delisted) continue;
                var key = Key(period.Year, zone.Code);
                var isNew = !db.ChangeTracker.Entries<DeadlineRecord>().Any(e => e.Entity.Key == key);
                var deadline = await NoticeBoard.DueAsync(db, key, DeadlineKinds.DataCollection, zone.Code, period.Year, period.Deadline,
                    $"{zone.Name} {period.Year} 年度数据报送 / {zone.NameEn}: data report for {period.Year}",
                    $"/zones/{zone.Code}/data/{period.Year}", now, caseId: null, cancellationToken);
                if (isNew) added++;
                if (deadline.MetAt is null && submitted.TryGetValue((zone.Code, period.Year), out var at)) deadline.MetAt = at;
            }
        }
        return added;
    }
}
