using Gaoxin.Core.Market;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Data;
using Gaoxin.Data.Market;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Market;

/// <summary>/market: the technology market's overview — counts per domain, the latest demands and achievements, a filter.</summary>
public sealed class IndexModel(GaoxinDb db, ReadCache cache, IndustryCatalog catalog, TimeProvider clock) : PageModel
{
    public IndustryCatalog Catalog => catalog;
    public List<MarketProfileView> Demands { get; private set; } = [];
    public List<MarketProfileView> Achievements { get; private set; } = [];
    /// <summary>Per domain (null: outside the 8 domains), the public demands and achievements.</summary>
    public List<(Industry? Domain, int Demands, int Achievements)> PerDomain { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        Demands = await MarketStore.PublicAsync(cache, db, MarketSide.Demand, now, ct);
        Achievements = await MarketStore.PublicAsync(cache, db, MarketSide.Achievement, now, ct);
        PerDomain = catalog.Industries.Where(i => i.IsDomain)
            .Select(d => ((Industry?)d, Demands.Count(p => catalog.DomainOf(p.Field) == d.Code), Achievements.Count(p => catalog.DomainOf(p.Field) == d.Code)))
            .Append((null, Demands.Count(p => catalog.DomainOf(p.Field) is null), Achievements.Count(p => catalog.DomainOf(p.Field) is null)))
            .ToList();
    }
}
