using Gaoxin.Core.Plans;
using Gaoxin.Data;
using Gaoxin.Data.Plans;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Plans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Features.Zones;

public sealed class DetailModel(GaoxinDb db, TimeProvider clock, ReadCache cache) : PageModel
{
    public ZoneDetail? Zone { get; private set; }
    public PlanZone? PlanZone { get; private set; }
    public List<PlanTask> Tasks { get; private set; } = [];
    public Dictionary<string, int> RegistryCounts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Zone = await ZoneRegistry.GetAsync(db, code, clock.GetUtcNow().Year, ct);
        if (Zone is null) return NotFound();
        var plan = await PlanStore.GetAsync(db, cache, PlanCommands.DefaultPlanId, ct);
        PlanZone = plan?.Zones.FirstOrDefault(z => z.Code == code);
        Tasks = plan?.AllTasks().Where(t => t.Zone == code).ToList() ?? [];
        RegistryCounts = await db.RegistryItems.AsNoTracking().Where(i => i.ZoneCode == code).GroupBy(i => i.Type)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return Page();
    }
}
