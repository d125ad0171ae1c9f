using Gaoxin.Core.Policies;
using Gaoxin.Data;
using Gaoxin.Data.Policies;
using Gaoxin.Data.Zones;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Policies;

/// <summary>/policies: the public policy library, filtered by enterprise type (type=hte), zone (zone=shenyang) and level.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Hosting.WebApp.StoreVersionedPage, VaryByQueryKeys = ["type", "zone", "level"])]
public sealed class IndexModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Zone { get; set; }
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }

    public List<PublicPolicy> Policies { get; private set; } = [];
    public List<ZoneSummary> Zones { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Zones = await ZoneRegistry.ListAsync(db, ct);
        // Unknown filter values are ignored rather than answered with an empty list.
        if (Type is not null && !EnterpriseTypes.All.Contains(Type)) Type = null;
        if (Zone is not null && Zones.All(z => z.Code != Zone)) Zone = null;
        if (Level is not null && !PolicySeedParser.Levels.ContainsKey(Level)) Level = null;
        Policies = PolicyApi.Filter(await PolicyStore.PublicAsync(db, clock.GetUtcNow(), ct), Type, Zone, Level).ToList();
    }

    public string ZoneNames(IReadOnlyList<string> codes) => codes.Count == 0
        ? Shared.Text.T("全省", "Province-wide")
        : string.Join(Shared.Text.T("、", ", "), codes.Select(c => Zones.FirstOrDefault(z => z.Code == c) is { } z ? Shared.Text.T(z.Name, z.NameEn) : c));
}
