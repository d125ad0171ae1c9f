using Gaoxin.Data;
using Gaoxin.Data.News;
using Gaoxin.Data.Zones;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.News;

/// <summary>/news/{id}: one public item, its stored (sanitised) body; an item that is not public is not found.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Hosting.WebApp.StoreVersionedPage)]
public sealed class DetailModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    public PublicNews Item { get; private set; } = null!;
    public string ZoneName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await NewsStore.GetPublicAsync(db, id, clock.GetUtcNow(), ct) is not { } item) return NotFound();
        Item = item;
        var zone = item.Zone is null ? null : (await ZoneRegistry.ListAsync(db, ct)).FirstOrDefault(z => z.Code == item.Zone);
        ZoneName = item.Zone is null ? Shared.Text.T("全省", "Province-wide") : zone is null ? item.Zone : Shared.Text.T(zone.Name, zone.NameEn);
        return Page();
    }
}
