using Gaoxin.Data;
using Gaoxin.Data.Zones;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Zones;

/// <summary>/zones/compare?codes=a,b[,c]: two or three zones side by side, the same facts in columns.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Hosting.WebApp.StoreVersionedPage)]
public sealed class CompareModel(GaoxinDb db, ReadCache cache) : PageModel
{
    /// <summary>The most zones shown side by side; more do not fit a phone's width.</summary>
    public const int MaxZones = 3;

    /// <summary>The codes asked for: <c>codes=a,b</c> or <c>codes=a&amp;codes=b</c> (the zone list's checkboxes).</summary>
    [BindProperty(SupportsGet = true)] public string[] Codes { get; set; } = [];
    public List<ZoneProfile> Profiles { get; private set; } = [];
    public List<ZoneSummary> AllZones { get; private set; } = [];
    /// <summary>Why nothing is compared (too few or too many zones), or null.</summary>
    public string? Problem { get; private set; }
    /// <summary>Every registry type any compared zone has, and every key figure's year.</summary>
    public List<string> RegistryTypes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        AllZones = await ZoneRegistry.ListAsync(db, ct);
        var codes = Codes.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count < 2 || codes.Count > MaxZones)
        {
            Problem = Shared.Text.T($"请选择 2 至 {MaxZones} 家高新区进行比较。", $"Choose two or three zones to compare.");
            Codes = [.. codes];
            return Page();
        }
        // Columns in the registry's order (national first, then as the plan lists them), whatever order the boxes were ticked in.
        foreach (var code in codes.OrderBy(c => AllZones.FindIndex(z => z.Code == c)))
        {
            if (await ZoneProfiles.GetAsync(db, cache, code, ct) is not { } profile) return NotFound();
            Profiles.Add(profile);
        }
        Codes = [.. codes];
        RegistryTypes = Profiles.SelectMany(p => p.RegistryCounts.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        return Page();
    }
}
