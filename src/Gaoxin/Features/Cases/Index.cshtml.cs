using Gaoxin.Data;
using Gaoxin.Data.Rectification;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Cases;

/// <summary>/cases: the office sees every case with its status, next deadline and whether it is overdue; a zone's operator their zone's.</summary>
public sealed class IndexModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Zone { get; set; }
    public List<CaseView> Cases { get; private set; } = [];
    public Dictionary<string, string> ZoneNames { get; private set; } = [];
    public bool IsOffice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var who = User.Caller();
        IsOffice = who.IsAdmin;
        Cases = await RectificationStore.ListAsync(db, who, Year, string.IsNullOrWhiteSpace(Zone) ? null : Zone, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
        ZoneNames = await ZoneRegistry.NamesAsync(db, z => Shared.Text.T(z.Name, z.NameEn), ct);
    }
}
