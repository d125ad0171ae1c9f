using Gaoxin.Core.Market;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Data;
using Gaoxin.Data.Market;
using Gaoxin.Data.Zones;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Market;

/// <summary>/market/demands and /market/achievements: the public profiles of a side, paged, filtered by field, zone and text.</summary>
public sealed class ListModel(GaoxinDb db, ReadCache cache, IndustryCatalog catalog, TimeProvider clock) : PageModel
{
    public IndustryCatalog Catalog => catalog;
    public MarketSide Side { get; private set; }
    public string Segment { get; private set; } = "";
    [BindProperty(SupportsGet = true)] public string? Field { get; set; }
    [BindProperty(SupportsGet = true)] public string? Zone { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public List<MarketProfileView> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + MarketApi.DefaultPageSize - 1) / MarketApi.DefaultPageSize);
    public Dictionary<string, ZoneSummary> Zones { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string side, CancellationToken ct)
    {
        if (MarketPages.SideOf(side) is not { } s) return NotFound();
        (Side, Segment) = (s, side);
        Core.InputLimits.Ensure("q", Q, Core.InputLimits.Name);
        if (!string.IsNullOrEmpty(Field) && catalog.Find(Field) is null) Field = null;
        if (PageNumber < 1) PageNumber = 1;
        Zones = await MarketPages.ZonesAsync(db, ct);
        var all = MarketApi.Filter(await MarketStore.PublicAsync(cache, db, s, clock.GetUtcNow(), ct), Field, Zone, Q, catalog).ToList();
        Total = all.Count;
        Items = all.Skip((PageNumber - 1) * MarketApi.DefaultPageSize).Take(MarketApi.DefaultPageSize).ToList();
        return Page();
    }

    public string PageLink(int page) => $"/market/{Segment}" + QueryString.Create(new Dictionary<string, string?>
    {
        ["field"] = Field, ["zone"] = Zone, ["q"] = Q, ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
