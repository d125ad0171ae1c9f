using Gaoxin.Core.Collection;
using Gaoxin.Core.Plans;
using Gaoxin.Data;
using Gaoxin.Data.Plans;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Evaluation;
using Gaoxin.Features.Plans;
using Gaoxin.Features.Zones;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Home;

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
    /// <summary>
    /// The map: every zone at its point, coloured by the first key figure of the newest approved year (the zones' GDP on the
    /// data set as it ships); without approved figures the points show the zones' level only.
    /// </summary>
    public GeoMapView Map => MapFigure is { } f
        ? GeoMapView.Of("home-map", "home-map-table", T($"{KeyYear} 年各高新区{f.Element.Name}", $"{f.Element.NameEn} of each zone, {KeyYear}"),
            T(f.Element.Name, f.Element.NameEn), f.Element.Unit, map, Zones, MapValues.ToDictionary(v => v.Key, v => (decimal?)v.Value), ZoneUrl)
        : GeoMapView.Of("home-map", "home-map-table", T("省级以上高新区分布", "The zones at provincial level or above"), null, null, map, Zones,
            new Dictionary<string, decimal?>(), ZoneUrl);
    private static string ZoneUrl(string code) => $"/zones/{code}";
    /// <summary>The key figure the map colours the zones by, and each zone's value of it in <see cref="KeyYear"/>.</summary>
    public KeyFigure? MapFigure { get; private set; }
    public Dictionary<string, decimal> MapValues { get; private set; } = [];
    /// <summary>The plan's total area of the zones (专栏3), null when the plan has no such baseline.</summary>
    public Baseline? TotalArea => Plan?.Baselines.FirstOrDefault(b => b.Id == "total_area");
    /// <summary>The newest year with approved figures, and its key figures summed over the zones.</summary>
    public int? KeyYear { get; private set; }
    public List<KeyFigure> KeyFigures { get; private set; } = [];
    /// <summary>The newest published evaluation of the default model.</summary>
    public PublicFacts.PublishedRun? Evaluation { get; private set; }
    public Dictionary<string, string> ZoneNames { get; private set; } = [];

    private sealed record HomeData(List<ZoneSummary> Zones, int? KeyYear, List<KeyFigure> KeyFigures, PublicFacts.PublishedRun? Evaluation,
        Dictionary<string, decimal> MapValues);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Plan = await PlanStore.GetAsync(db, cache, PlanCommands.DefaultPlanId, ct);
        var data = await cache.GetAsync(db, "home-page", LoadAsync, ct);
        (Zones, KeyYear, KeyFigures, Evaluation, MapValues) = (data.Zones, data.KeyYear, data.KeyFigures, data.Evaluation, data.MapValues);
        MapFigure = KeyFigures.FirstOrDefault();
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
        var mapValues = new Dictionary<string, decimal>();
        if (year is { } y)
        {
            var elements = await PublicFacts.ElementsAsync(store, ct);
            var values = (await Data.Figures.FigureStore.InForceAsync(store, y, y, null, ct)).Select(f => f.Value).Where(v => codes.Contains(v.Unit)).ToList();
            foreach (var code in PublicFacts.KeyElements)
            {
                var of = values.Where(v => v.Element == code).ToList();
                if (of.Count > 0 && elements.TryGetValue(code, out var element))
                {
                    if (figures.Count == 0) mapValues = of.ToDictionary(v => v.Unit, v => v.Value);
                    figures.Add(new KeyFigure(element, of.Sum(v => v.Value), of.Count));
                }
            }
        }
        return new HomeData(zones, year, figures, await PublicFacts.LatestPublishedAsync(store, ct), mapValues);
    }
}
