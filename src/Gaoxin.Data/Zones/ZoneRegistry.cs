using Gaoxin.Core.Plans;
using Gaoxin.Core.Zones;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Zones;

/// <summary>A zone with its current level and status, as lists and pages show it.</summary>
public sealed record ZoneSummary(
    string Code, string Name, string NameEn, string City, string? County, ZoneLevel Level, ZoneStatus Status,
    Governance Governance, IReadOnlyList<string> LeadingIndustries, decimal? AreaKm2);

/// <summary>A zone with its whole history.</summary>
public sealed record ZoneDetail(ZoneSummary Zone, IReadOnlyList<ZoneEventRecord> Events, IReadOnlyList<ZoneYear> Years);

/// <summary>A new entry for a zone's history. For a new zone, the descriptive fields are required.</summary>
public sealed record ZoneChange(
    string Code, ZoneEventKind Kind, DateOnly EffectiveOn, string Act, string? Note = null,
    ZoneLevel? Level = null, string? Name = null, string? NameEn = null, string? City = null, string? County = null,
    Governance? Governance = null, IReadOnlyList<string>? LeadingIndustries = null);

/// <summary>The zone registry: zones, their history, and the rules for changing it.</summary>
public static class ZoneRegistry
{
    /// <summary>All zones in registry order (national first, then provincial, each by code of listing).</summary>
    public static async Task<List<ZoneSummary>> ListAsync(GaoxinDb db, CancellationToken cancellationToken)
    {
        var zones = await db.Zones.AsNoTracking().Include(z => z.Events).ToListAsync(cancellationToken);
        var order = await db.PlanZones.AsNoTracking().GroupBy(p => p.ZoneCode)
            .Select(g => new { Code = g.Key, Ordinal = g.Min(p => p.Ordinal) })
            .ToDictionaryAsync(x => x.Code, x => x.Ordinal, cancellationToken);
        return zones
            .Select(Summarize)
            .OrderBy(z => z.Status == ZoneStatus.Delisted)
            .ThenBy(z => z.Level)
            .ThenBy(z => order.GetValueOrDefault(z.Code, int.MaxValue))
            .ThenBy(z => z.Code, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Zone names by code; <paramref name="name"/> picks the form (Chinese, English, or the reader's language).</summary>
    public static async Task<Dictionary<string, string>> NamesAsync(GaoxinDb db, Func<ZoneSummary, string> name, CancellationToken cancellationToken) =>
        (await ListAsync(db, cancellationToken)).ToDictionary(z => z.Code, name);

    /// <summary>One zone with its history, or null.</summary>
    public static async Task<ZoneDetail?> GetAsync(GaoxinDb db, string code, int throughYear, CancellationToken cancellationToken)
    {
        var zone = await db.Zones.AsNoTracking().Include(z => z.Events).FirstOrDefaultAsync(z => z.Code == code, cancellationToken);
        if (zone is null) return null;
        var events = Ordered(zone.Events).ToList();
        var facts = events.Select(e => e.ToEvent()).ToList();
        var firstYear = facts.Count == 0 ? throughYear : facts.Min(e => e.EffectiveOn.Year);
        return new ZoneDetail(Summarize(zone), events, ZoneHistory.ByYear(facts, firstYear, Math.Max(firstYear, throughYear)));
    }

    /// <summary>
    /// Records an event in a zone's history, creating the zone for <see cref="ZoneEventKind.Established"/>.
    /// Returns the code of the broken rule instead of writing when the event is not allowed.
    /// </summary>
    public static async Task<string?> RecordAsync(GaoxinDb db, ZoneChange change, string actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var zone = await db.Zones.Include(z => z.Events).FirstOrDefaultAsync(z => z.Code == change.Code, cancellationToken);
        var facts = zone?.Events.Select(e => e.ToEvent()).ToList() ?? [];
        if (facts.Any(e => e.EffectiveOn > change.EffectiveOn))
            return "event_before_last";
        var current = ZoneHistory.StateOn(facts, DateOnly.MaxValue);
        var result = ZoneHistory.Apply(current, change.Kind, change.Level);
        if (!result.Succeeded) return result.ErrorCode;

        if (zone is null)
        {
            if (change.Name is null || change.NameEn is null || change.City is null)
                return "zone_details_missing";
            zone = new ZoneRecord
            {
                Code = change.Code, Name = change.Name, NameEn = change.NameEn, City = change.City, County = change.County,
                Governance = change.Governance ?? Governance.Dispatched, LeadingIndustries = [.. change.LeadingIndustries ?? []],
            };
            db.Zones.Add(zone);
        }
        zone.Events.Add(new ZoneEventRecord
        {
            ZoneCode = change.Code, EffectiveOn = change.EffectiveOn, Kind = change.Kind, Level = result.State!.Level,
            Status = result.State.Status, Act = change.Act, Note = change.Note, RecordedAt = clock.GetUtcNow(), RecordedBy = actor,
        });
        // Joins the caller's transaction when there is one (publishing a run records its cards in the run's).
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private static IEnumerable<ZoneEventRecord> Ordered(IEnumerable<ZoneEventRecord> events) =>
        events.OrderBy(e => e.EffectiveOn).ThenBy(e => e.Id);

    private static ZoneSummary Summarize(ZoneRecord zone)
    {
        var last = Ordered(zone.Events).LastOrDefault();
        return new ZoneSummary(zone.Code, zone.Name, zone.NameEn, zone.City, zone.County,
            last?.Level ?? ZoneLevel.Provincial, last?.Status ?? ZoneStatus.Active, zone.Governance,
            zone.LeadingIndustries, zone.AreaKm2);
    }
}
