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
    /// <summary>The zone's approved registry items by type.</summary>
    public Dictionary<string, List<Data.Registries.RegistryItemRecord>> RegistryItems { get; private set; } = [];
    /// <summary>The counted elements of <see cref="CountsYear"/>: the registries' count beside the reported value.</summary>
    public List<Registries.ZoneCountResponse> Counts { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public int? CountsYear { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Zone = await ZoneRegistry.GetAsync(db, code, clock.GetUtcNow().Year, ct);
        if (Zone is null) return NotFound();
        var plan = await PlanStore.GetAsync(db, cache, PlanCommands.DefaultPlanId, ct);
        PlanZone = plan?.Zones.FirstOrDefault(z => z.Code == code);
        Tasks = plan?.AllTasks().Where(t => t.Zone == code).ToList() ?? [];
        var items = await db.RegistryItems.AsNoTracking().Where(i => i.ZoneCode == code && i.Approval == "approved").ToListAsync(ct);
        RegistryItems = items.GroupBy(i => i.Type).ToDictionary(g => g.Key, g => g.OrderBy(i => i.Status).ThenBy(i => i.Id, StringComparer.Ordinal).ToList());
        RegistryCounts = RegistryItems.ToDictionary(g => g.Key, g => g.Value.Count);
        CountsYear ??= await db.Reports.Where(r => r.UnitCode == code && r.State == Core.Collection.ReportState.Approved).MaxAsync(r => (int?)r.Year, ct)
            ?? clock.GetUtcNow().Year - 1;
        Counts = await Registries.RegistryApi.CountsOfAsync(db, code, CountsYear.Value, ct);
        return Page();
    }
}
