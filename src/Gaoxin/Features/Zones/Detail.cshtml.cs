using Gaoxin.Core.Plans;
using Gaoxin.Data;
using Gaoxin.Data.Plans;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Plans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Features.Zones;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Hosting.WebApp.StoreVersionedPage)]
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
    /// <summary>What the enterprises' returns of <see cref="CountsYear"/> sum to for the zone (enterprises, high-tech enterprises); empty without returns.</summary>
    public Dictionary<string, decimal> EnterpriseCounts { get; private set; } = [];
    /// <summary>The public profile: last published result, key figures over the years, contact.</summary>
    public ZoneProfile? Profile { get; private set; }
    /// <summary>The zone's open rectification cases and appeals.</summary>
    public List<Data.Rectification.CaseView> OpenCases { get; private set; } = [];
    /// <summary>The other zones, to compare with.</summary>
    public List<ZoneSummary> Others { get; private set; } = [];
    /// <summary>The years the zone has data reports, newest first: only for the office and the zone's own operators.</summary>
    public List<int> ReportYears { get; private set; } = [];

    /// <summary>The enterprise aggregates the page shows, by their element code.</summary>
    public static readonly string[] EnterpriseCountElements = ["enterprise_count", "hte_count"];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var throughYear = clock.GetUtcNow().Year;
        // Everything below is read under the store version: any write (through the save, or the bulk paths that raise
        // it themselves: docs/adr/0005) makes the next request reload it.
        var data = await cache.GetAsync(db, $"zone-page:{code}:{throughYear}:{CountsYear}",
            (d, c) => LoadAsync(d, code, throughYear, CountsYear, c), ct);
        if (data is null) return NotFound();
        (Zone, RegistryItems, CountsYear, Counts, EnterpriseCounts) = (data.Zone, data.RegistryItems, data.CountsYear, data.Counts, data.EnterpriseCounts);
        RegistryCounts = RegistryItems.ToDictionary(g => g.Key, g => g.Value.Count);
        var plan = await PlanStore.GetAsync(db, cache, PlanCommands.DefaultPlanId, ct);
        PlanZone = plan?.Zones.FirstOrDefault(z => z.Code == code);
        Tasks = plan?.AllTasks().Where(t => t.Zone == code).ToList() ?? [];
        Profile = await ZoneProfiles.GetAsync(db, cache, code, ct);
        Others = (await ZoneRegistry.ListAsync(db, ct)).Where(z => z.Code != code).ToList();
        OpenCases = await Data.Rectification.RectificationStore.OpenOfZoneAsync(db, code, null, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
        if (Accounts.Access.IsOffice(User) || (Accounts.Access.IsZoneStaff(User) && User.FindFirst(Accounts.AccountSetup.ZoneClaim)?.Value == code))
            ReportYears = await db.Reports.AsNoTracking().Where(r => r.UnitCode == code).Select(r => r.Year).Distinct().OrderByDescending(y => y).ToListAsync(ct);
        return Page();
    }

    private sealed record ZonePageData(
        ZoneDetail Zone, Dictionary<string, List<Data.Registries.RegistryItemRecord>> RegistryItems, int CountsYear,
        List<Registries.ZoneCountResponse> Counts, Dictionary<string, decimal> EnterpriseCounts);

    private async Task<ZonePageData?> LoadAsync(GaoxinDb store, string code, int throughYear, int? countsYear, CancellationToken ct)
    {
        var zone = await ZoneRegistry.GetAsync(store, code, throughYear, ct);
        if (zone is null) return null;
        var items = await store.RegistryItems.AsNoTracking().Where(i => i.ZoneCode == code && i.Approval == "approved").ToListAsync(ct);
        var byType = items.GroupBy(i => i.Type).ToDictionary(g => g.Key, g => g.OrderBy(i => i.Status).ThenBy(i => i.Id, StringComparer.Ordinal).ToList());
        var year = countsYear
            ?? await store.Reports.Where(r => r.UnitCode == code && r.State == Core.Collection.ReportState.Approved).MaxAsync(r => (int?)r.Year, ct)
            ?? throughYear - 1;
        var counts = await Registries.RegistryApi.CountsOfAsync(store, code, year, ct);
        var enterprises = await store.EnterpriseAggregates.AsNoTracking()
            .Where(a => a.ZoneCode == code && a.Year == year && EnterpriseCountElements.Contains(a.Element))
            .ToDictionaryAsync(a => a.Element, a => a.Value, ct);
        return new ZonePageData(zone, byType, year, counts, enterprises);
    }
}
