using Gaoxin.Data;
using Gaoxin.Data.Policies;
using Gaoxin.Data.Zones;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Policies;

/// <summary>/policies/{id}: one public policy; a policy that is not public is not found.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Hosting.WebApp.StoreVersionedPage)]
public sealed class DetailModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    public PublicPolicy Policy { get; private set; } = null!;
    public List<(long Id, string FileName, string ContentType, long Size)> Attachments { get; private set; } = [];
    public string ZoneNames { get; private set; } = "";
    public string? Section { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await PolicyStore.GetPublicAsync(db, id, clock.GetUtcNow(), ct) is not { } policy) return NotFound();
        Policy = policy;
        Attachments = await PolicyStore.AttachmentsAsync(db, id, ct);
        var zones = await ZoneRegistry.ListAsync(db, ct);
        ZoneNames = policy.Zones.Count == 0 ? Shared.Text.T("全省", "Province-wide")
            : string.Join(Shared.Text.T("、", ", "), policy.Zones.Select(c => zones.FirstOrDefault(z => z.Code == c) is { } z ? Shared.Text.T(z.Name, z.NameEn) : c));
        Section = await db.Policies.Where(p => p.Id == id).Select(p => p.PlanSection).FirstAsync(ct);
        return Page();
    }
}
