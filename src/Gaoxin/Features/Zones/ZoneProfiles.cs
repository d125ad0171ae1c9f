using Gaoxin.Core.Collection;
using Gaoxin.Core.Portal;
using Gaoxin.Data;
using Gaoxin.Data.Portal;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Evaluation;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Features.Zones;

/// <summary>One key figure of a zone over the years: approved figures in force only.</summary>
public sealed record FigureSeries(DataElement Element, IReadOnlyList<(int Year, decimal Value)> Points);

/// <summary>What the profile and the comparison show of a zone beyond its registry entry.</summary>
/// <param name="Zone">The zone's registry entry.</param>
/// <param name="RegistryCounts">Approved registry items by type (clusters, carriers, platforms …).</param>
/// <param name="LastResult">The zone's result in the newest published evaluation that ranked it.</param>
/// <param name="Series">The key figures over the years, in <see cref="PublicFacts.KeyElements"/> order (only those with a figure).</param>
/// <param name="Contact">The contact the office or the zone's operator set.</param>
public sealed record ZoneProfile(
    ZoneSummary Zone, IReadOnlyDictionary<string, int> RegistryCounts, (int Year, ZoneEvaluationResponse Result)? LastResult,
    IReadOnlyList<FigureSeries> Series, ZoneContact Contact)
{
    /// <summary>The newest year with any key figure, or null.</summary>
    public int? NewestYear => Series.SelectMany(s => s.Points).Select(p => (int?)p.Year).Max();
}

/// <summary>Loads zone profiles under the store version (any write makes the next request reload them).</summary>
public static class ZoneProfiles
{
    /// <summary>The profile of a zone, or null when there is no such zone.</summary>
    public static Task<ZoneProfile?> GetAsync(GaoxinDb db, ReadCache cache, string code, CancellationToken ct) =>
        cache.GetAsync(db, $"zone-profile:{code}", (store, token) => LoadAsync(store, code, token), ct);

    private static async Task<ZoneProfile?> LoadAsync(GaoxinDb db, string code, CancellationToken ct)
    {
        var zone = (await ZoneRegistry.ListAsync(db, ct)).FirstOrDefault(z => z.Code == code);
        if (zone is null) return null;
        var counts = await db.RegistryItems.AsNoTracking().Where(i => i.ZoneCode == code && i.Approval == "approved")
            .GroupBy(i => i.Type).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var elements = await PublicFacts.ElementsAsync(db, ct);
        var figures = (await PublicFacts.FiguresAsync(db, code, ct)).Select(f => f.Value).Where(v => v.Unit == code).ToList();
        var series = PublicFacts.KeyElements
            .Where(elements.ContainsKey)
            .Select(e => new FigureSeries(elements[e], figures.Where(v => v.Element == e).OrderBy(v => v.Year).Select(v => (v.Year, v.Value)).ToList()))
            .Where(s => s.Points.Count > 0)
            .ToList();
        return new ZoneProfile(zone, counts, await PublicFacts.LastPublishedResultAsync(db, code, ct), series, await ZoneContactStore.GetAsync(db, code, ct));
    }
}
