using Gaoxin.Core.Market;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Data;
using Gaoxin.Data.Zones;

namespace Gaoxin.Features.Market;

/// <summary>What the market's pages share: the side named in the URL, zone and field names.</summary>
public static class MarketPages
{
    /// <summary>The side of <c>demands</c> or <c>achievements</c>, or null.</summary>
    public static MarketSide? SideOf(string? segment) => segment switch
    {
        "demands" => MarketSide.Demand,
        "achievements" => MarketSide.Achievement,
        _ => null,
    };

    public static async Task<Dictionary<string, ZoneSummary>> ZonesAsync(GaoxinDb db, CancellationToken ct) =>
        (await ZoneRegistry.ListAsync(db, ct)).ToDictionary(z => z.Code);

    public static string ZoneName(IReadOnlyDictionary<string, ZoneSummary> zones, string? code) => code is null ? "—"
        : zones.TryGetValue(code, out var z) ? Shared.Text.T(z.Name, z.NameEn) : code;

    /// <summary>The field choices of a filter: each domain, then its finer codes.</summary>
    public static IEnumerable<Industry> FieldChoices(IndustryCatalog catalog) =>
        catalog.Industries.Where(i => i.IsDomain).SelectMany(d => new[] { d }.Concat(catalog.Industries.Where(i => !i.IsDomain && i.Parent == d.Code)))
            .Concat(catalog.Industries.Where(i => !i.IsDomain && i.Parent is null));
}
