using Gaoxin.Core.Plans;
using Gaoxin.Data;
using Gaoxin.Data.Plans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Plans;

public sealed class IndexModel(GaoxinDb db) : PageModel
{
    public Plan? Plan { get; private set; }
    public List<PlanRecord> Others { get; private set; } = [];
    private Dictionary<string, string> _zoneNames = [];

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken ct)
    {
        Plan = await PlanStore.GetAsync(db, id ?? PlanCommands.DefaultPlanId, ct);
        if (Plan is null) return NotFound();
        Others = (await PlanStore.ListAsync(db, ct)).Where(p => p.Id != Plan.Id).ToList();
        _zoneNames = Plan.Zones.ToDictionary(z => z.Code, z => T(z.Name, z.NameEn));
        return Page();
    }

    /// <summary>How a target's scope reads.</summary>
    public string Scope(string scope) => scope switch
    {
        "zones" => T("全省高新区", "all zones"),
        "province" => T("全省", "province"),
        "each_zone" => T("每个高新区", "each zone"),
        "national_zones" => T("国家级高新区", "national zones"),
        "provincial_zones" => T("省级高新区", "provincial zones"),
        _ when scope.StartsWith("zone:") => _zoneNames.GetValueOrDefault(scope[5..], scope[5..]),
        _ => scope,
    };
}
