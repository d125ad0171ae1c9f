using Gaoxin.Core.Plans;
using Gaoxin.Data;
using Gaoxin.Data.Plans;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Plans;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Home;

public sealed class IndexModel(GaoxinDb db) : PageModel
{
    public Plan? Plan { get; private set; }
    public List<ZoneSummary> Zones { get; private set; } = [];
    public int NationalCount => Zones.Count(z => z.Level == ZoneLevel.National);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Plan = await PlanStore.GetAsync(db, PlanCommands.DefaultPlanId, ct);
        Zones = (await ZoneRegistry.ListAsync(db, ct)).Where(z => z.Status != Core.Zones.ZoneStatus.Delisted).ToList();
    }
}
