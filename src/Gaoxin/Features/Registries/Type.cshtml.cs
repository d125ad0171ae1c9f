using Gaoxin.Core.Registries;
using Gaoxin.Data;
using Gaoxin.Data.Registries;
using Gaoxin.Data.Zones;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Registries;

/// <summary>/registries/{type}: one registry, filtered by zone, status and year.</summary>
public sealed class TypeModel(GaoxinDb db) : PageModel
{
    public string Type { get; private set; } = "";
    [BindProperty(SupportsGet = true)] public string? Zone { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public List<RegistryItemRecord> Items { get; private set; } = [];
    public Dictionary<string, string> ZoneNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string type, CancellationToken ct)
    {
        if (!RegistrySeedParser.Types.Contains(type)) return NotFound();
        Type = type;
        Items = (await RegistryStore.ListAsync(db, type, string.IsNullOrEmpty(Zone) ? null : Zone, Year, ct))
            .Where(i => string.IsNullOrEmpty(Status) || i.Status == Status).ToList();
        ZoneNames = (await ZoneRegistry.ListAsync(db, ct)).ToDictionary(z => z.Code, z => Shared.Text.T(z.Name, z.NameEn));
        return Page();
    }
}
