using Gaoxin.Data;
using Gaoxin.Data.Monitoring;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Plans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Monitoring;

/// <summary>/monitoring/report/{year}: the printable yearly assessment; with ?compare=Y the mid-term comparison with year Y.</summary>
public sealed class ReportModel(GaoxinDb db, ReadCache cache) : PageModel
{
    public PlanProgress Progress { get; private set; } = null!;
    public PlanProgress? Earlier { get; private set; }
    public Dictionary<string, string> ZoneNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int year, int? compare, CancellationToken ct)
    {
        var progress = await PlanProgressStore.CachedAsync(db, cache, PlanCommands.DefaultPlanId, GaoxinDatabase.BundleDirectory, year, ct);
        if (progress is null) return NotFound();
        Progress = progress;
        if (compare is { } earlier && earlier != year)
            Earlier = await PlanProgressStore.CachedAsync(db, cache, PlanCommands.DefaultPlanId, GaoxinDatabase.BundleDirectory, earlier, ct);
        ZoneNames = await ZoneRegistry.NamesAsync(db, z => Shared.Text.T(z.Name, z.NameEn), ct);
        return Page();
    }

    /// <summary>GET /monitoring/report/{year}.xlsx[?compare=Y].</summary>
    public static async Task<IResult> WorkbookAsync(int year, int? compare, GaoxinDb db, ReadCache cache, CancellationToken ct)
    {
        var progress = await PlanProgressStore.CachedAsync(db, cache, PlanCommands.DefaultPlanId, GaoxinDatabase.BundleDirectory, year, ct);
        if (progress is null) return Results.NotFound();
        var earlier = compare is { } y && y != year ? await PlanProgressStore.CachedAsync(db, cache, PlanCommands.DefaultPlanId, GaoxinDatabase.BundleDirectory, y, ct) : null;
        var names = await ZoneRegistry.NamesAsync(db, z => z.Name, ct);
        return Results.File(ProgressReport.Write(progress, earlier, names), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"gaoxin-plan-assessment-{year}{(earlier is null ? "" : $"-vs-{earlier.Year}")}.xlsx");
    }
}
