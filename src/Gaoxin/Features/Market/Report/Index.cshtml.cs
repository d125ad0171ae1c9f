using Gaoxin.Core.Market;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Data;
using Gaoxin.Data.Market;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Market.Report;

/// <summary>
/// /market/report?year=Y[&amp;zone=Z]: the printable yearly transfer report. Everyone reads the province's section; the office
/// every zone's, a zone's operator their own.
/// </summary>
public sealed class IndexModel(GaoxinDb db, IndustryCatalog catalog, TimeProvider clock) : PageModel
{
    public TransferReportResult Report { get; private set; } = null!;
    public Dictionary<string, string> ZoneNames { get; private set; } = [];
    public IndustryCatalog Catalog => catalog;
    public bool UsesDemoData { get; private set; }
    public string? Zone { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? year, string? zone, CancellationToken ct)
    {
        var y = year ?? Core.Portal.Publication.Today(clock.GetUtcNow()).Year - 1;
        if (!Core.InputLimits.IsYear(y)) return BadRequest();
        var (zones, refused) = await TransferReportApi.ZonesAsync(db, User.ToPrincipal(), zone, ct);
        if (refused == "unknown_zone") return NotFound();
        if (refused is not null) return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
        Zone = string.IsNullOrEmpty(zone) ? null : zone;
        Report = await TransferReportStore.ComputeAsync(db, y, zones!, ct);
        ZoneNames = await ZoneRegistry.NamesAsync(db, z => Shared.Text.T(z.Name, z.NameEn), ct);
        UsesDemoData = await TransferReportStore.UsesDemoDataAsync(db, y, ct);
        return Page();
    }

    public string FieldName(string code) => catalog.Find(code) is { } f ? Shared.Text.T(f.Name, f.NameEn) : code;
}
