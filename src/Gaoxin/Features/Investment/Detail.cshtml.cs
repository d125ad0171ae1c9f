using Gaoxin.Core.SiteSelection;
using Gaoxin.Data;
using Gaoxin.Data.Investment;
using Gaoxin.Data.Zones;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Investment;

/// <summary>One public project with its contact; anything not public is a 404 here, whoever asks.</summary>
public sealed class DetailModel(GaoxinDb db, IndustryCatalog catalog, TimeProvider clock) : PageModel
{
    public InvestmentProjectView Project { get; private set; } = null!;
    public string ZoneName { get; private set; } = "";
    public string SectorName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await InvestmentStore.GetPublicAsync(db, id, clock.GetUtcNow(), ct) is not { } project) return NotFound();
        Project = project;
        var zones = (await ZoneRegistry.ListAsync(db, ct)).ToDictionary(z => z.Code);
        ZoneName = project.Zone is { } code && zones.TryGetValue(code, out var z) ? Shared.Text.T(z.Name, z.NameEn) : Shared.Text.T("全省", "Province-wide");
        SectorName = catalog.Find(project.Sector) is { } s ? Shared.Text.T(s.Name, s.NameEn) : project.Sector;
        return Page();
    }
}
