using Gaoxin.Core.SiteSelection;
using Gaoxin.Data;
using Gaoxin.Data.Investment;
using Gaoxin.Data.Zones;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Investment;

/// <summary>
/// 区县招商: the published projects, filtered by sector, zone and size band. Not output-cached: a project leaves the list
/// when its validity ends, which no write announces.
/// </summary>
public sealed class IndexModel(GaoxinDb db, IndustryCatalog catalog, TimeProvider clock) : PageModel
{
    public IndustryCatalog Catalog => catalog;
    [BindProperty(SupportsGet = true)] public string? Sector { get; set; }
    [BindProperty(SupportsGet = true)] public string? Zone { get; set; }
    [BindProperty(SupportsGet = true)] public string? Size { get; set; }
    public List<InvestmentProjectView> Projects { get; private set; } = [];
    public Dictionary<string, ZoneSummary> Zones { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Zones = (await ZoneRegistry.ListAsync(db, ct)).ToDictionary(z => z.Code);
        Projects = InvestmentApi.Filter(await InvestmentStore.PublicAsync(db, clock.GetUtcNow(), ct), Sector, Zone, Size, catalog).ToList();
    }

    public string ZoneName(string? code) => code is null ? Shared.Text.T("全省", "Province-wide")
        : Zones.TryGetValue(code, out var z) ? Shared.Text.T(z.Name, z.NameEn) : code;

    public string SectorName(string code) => catalog.Find(code) is { } s ? Shared.Text.T(s.Name, s.NameEn) : code;
}
