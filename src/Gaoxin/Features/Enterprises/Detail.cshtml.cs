using Gaoxin.Data;
using Gaoxin.Data.Enterprises;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Enterprises;

/// <summary>/enterprises/{creditCode}: one enterprise, its certificate and its returns by year.</summary>
public sealed class DetailModel(GaoxinDb db) : PageModel
{
    public EnterpriseDetail Detail { get; private set; } = null!;
    public Dictionary<string, string> ZoneNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string creditCode, CancellationToken ct)
    {
        if (User.ToPrincipal() is not { } who) return Challenge();
        var (allowed, own) = EnterpriseStore.Scope(who);
        if (!allowed) return Forbid();
        if (await EnterpriseStore.GetAsync(db, creditCode, own, ct) is not { } detail) return NotFound();
        Detail = detail;
        ZoneNames = await ZoneRegistry.NamesAsync(db, z => Shared.Text.T(z.Name, z.NameEn), ct);
        return Page();
    }
}
