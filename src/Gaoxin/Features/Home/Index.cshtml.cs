using Gaoxin.Core.Collection;
using Gaoxin.Core.Plans;
using Gaoxin.Data;
using Gaoxin.Data.Plans;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Evaluation;
using Gaoxin.Features.Plans;
using Gaoxin.Features.Zones;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Home;

/// <summary>What the map partial draws: the map and the zones (current level) to mark on it.</summary>
public sealed record ZoneMapView(PortalMap Map, IReadOnlyList<ZoneSummary> Zones);

/// <summary>A headline figure: the element, its total over the zones, and how many zones it adds up.</summary>
public sealed record KeyFigure(DataElement Element, decimal Total, int Zones);

/// <summary>/: the map of the zones, the headline figures, the newest published evaluation.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Hosting.WebApp.StoreVersionedPage)]
public sealed class IndexModel(GaoxinDb db, ReadCache cache, PortalMap map, TimeProvider clock) : PageModel
{
    /// <summary>The newest public news items and policies (five each), as the public sees them now.</summary>
    public List<Data.News.PublicNews> LatestNews { get; private set; } = [];
    public List<Data.Policies.PublicPolicy> LatestPolicies { get; private set; } = [];

    public Plan? Plan { get; private set; }
    public List<ZoneSummary> Zones { get; private set; } = [];
    public int NationalCount => Zones.Count(z => z.Level == ZoneLevel.National);
    public ZoneMapView Map => new(map, Zones);
    /// <summary>The plan's total area of the zones (专栏3), null when the plan has no such baseline.</summary>
    public Baseline? TotalArea => Plan?.Baselines.FirstOrDefault(b => b.Id == "total_area");
    /// <summary>The newest year with approved figures, and its key figures summed over the zones.</summary>
    public int? KeyYear { get; private set; }
    public List<KeyFigure> KeyFigures { get; private set; } = [];
    /// <summary>The newest published evaluation of the default model.</summary>
    public PublicFacts.PublishedRun? Evaluation { get; private set; }
    public Dictionary<string, string> ZoneNames { get; private set; } = [];

    private sealed record HomeData(List<ZoneSummary> Zones, int? KeyYear, List<KeyFigure> KeyFigures, PublicFacts.PublishedRun? Evaluation);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Plan = await PlanStore.GetAsync(db, cache, PlanCommands.DefaultPlanId, ct);
        var data = await cache.GetAsync(db, "home-page", LoadAsync, ct);
        (Zones, KeyYear, KeyFigures, Evaluation) = (data.Zones, data.KeyYear, data.KeyFigures, data.Evaluation);
        ZoneNames = Zones.ToDictionary(z => z.Code, z => Shared.Text.T(z.Name, z.NameEn));
        var now = clock.GetUtcNow();
        LatestNews = (await Data.News.NewsStore.PublicAsync(db, now, ct)).Take(5).ToList();
        LatestPolicies = (await Data.Policies.PolicyStore.PublicAsync(db, now, ct)).Take(5).ToList();
    }

    private static async Task<HomeData> LoadAsync(GaoxinDb store, CancellationToken ct)
    {
        var zones = (await ZoneRegistry.ListAsync(store, ct)).Where(z => z.Status != Core.Zones.ZoneStatus.Delisted).ToList();
        var codes = zones.Select(z => z.Code).ToHashSet();
        var year = await PublicFacts.NewestApprovedYearAsync(store, ct);
        var figures = new List<KeyFigure>();
        if (year is { } y)
        {
            var elements = await PublicFacts.ElementsAsync(store, ct);
            var values = (await Data.Figures.FigureStore.InForceAsync(store, y, y, null, ct)).Select(f => f.Value).Where(v => codes.Contains(v.Unit)).ToList();
            foreach (var code in PublicFacts.KeyElements)
            {
                var of = values.Where(v => v.Element == code).ToList();
                if (of.Count > 0 && elements.TryGetValue(code, out var element)) figures.Add(new KeyFigure(element, of.Sum(v => v.Value), of.Count));
            }
        }
        return new HomeData(zones, year, figures, await PublicFacts.LatestPublishedAsync(store, ct));
    }
}
