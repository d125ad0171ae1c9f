using Gaoxin.Data;
using Gaoxin.Data.Zones;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Zones;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Hosting.WebApp.StoreVersionedPage)]
public sealed class IndexModel(GaoxinDb db) : PageModel
{
    public List<ZoneSummary> Zones { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Zones = await ZoneRegistry.ListAsync(db, ct);
}
