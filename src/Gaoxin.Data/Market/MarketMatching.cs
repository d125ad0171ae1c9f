using Gaoxin.Core.Market;
using Gaoxin.Core.Portal;
using System.Collections.Concurrent;
using Gaoxin.Core.SiteSelection;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Market;

/// <summary>
/// Builds the matcher over one side's public profiles and keeps it in the <see cref="ReadCache"/> for as long as the store
/// is unchanged and the office's day the same (a profile's validity ends at a midnight no write announces), so a request
/// does not rebuild it.
/// </summary>
public static class MarketMatching
{
    // Segmenting is the slow part of building a matcher (about a millisecond a profile); a profile's words change only with
    // its version, so they are kept across rebuilds of the matcher, which every write to the store causes.
    private static readonly ConcurrentDictionary<(MarketSide Side, int Id, int Version), IReadOnlyList<string>> Words = new();
    private const int MaxKeptWords = 400_000;

    /// <summary>A profile as matching reads it: its words are the title, the problem or description and the keywords, segmented.</summary>
    public static MatchProfile ToMatchProfile(MarketProfileView p)
    {
        if (Words.Count > MaxKeptWords) Words.Clear();
        var terms = Words.GetOrAdd((p.Side, p.Id, p.Version), _ => MarketText.Terms(string.Join("。", [p.Title, p.Text, .. p.Keywords])));
        return new(p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Side, p.Title, p.Field, terms,
            p.Maturity, p.Zone, p.Region, p.MinWan, p.MaxWan);
    }

    /// <summary>The matcher over the public profiles of <paramref name="side"/> at <paramref name="now"/>.</summary>
    public static Task<MarketMatcher> MatcherAsync(ReadCache cache, GaoxinDb db, MarketSide side, IndustryCatalog catalog, DateTimeOffset now, CancellationToken cancellationToken) =>
        cache.GetAsync(db, $"market-matcher:{MarketStore.SideName(side)}:{Publication.Today(now):yyyy-MM-dd}", async (d, ct) =>
        {
            var profiles = (await MarketStore.PublicAsync(cache, d, side, now, ct)).Select(ToMatchProfile).ToList();
            // A demand names its zone, not its place: the zone's city stands in for the region fit.
            var province = (await Collection.DataSetStore.GetAsync(d, ct)).ProvinceName;
            var zoneRegions = await d.Zones.AsNoTracking().ToDictionaryAsync(z => z.Code, z => province + z.City, ct);
            var zoneNames = await d.Zones.AsNoTracking().ToDictionaryAsync(z => z.Code, z => (z.Name, z.NameEn), ct);
            return new MarketMatcher(profiles, catalog, zoneRegions: zoneRegions, zoneNames: zoneNames);
        }, cancellationToken);

    /// <summary>
    /// The profiles of the other side ranked for <paramref name="query"/> (a public profile, or one its writer reads), at
    /// most <paramref name="top"/>.
    /// </summary>
    public static async Task<IReadOnlyList<MarketMatch>> MatchAsync(ReadCache cache, GaoxinDb db, MarketProfileView query, IndustryCatalog catalog, DateTimeOffset now,
        int top, CancellationToken cancellationToken)
    {
        var other = query.Side == MarketSide.Demand ? MarketSide.Achievement : MarketSide.Demand;
        var matcher = await MatcherAsync(cache, db, other, catalog, now, cancellationToken);
        return matcher.Match(ToMatchProfile(query), top);
    }
}
