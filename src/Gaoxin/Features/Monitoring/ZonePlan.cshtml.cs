using Gaoxin.Core.Plans;
using Gaoxin.Data;
using Gaoxin.Data.Monitoring;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Plans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Monitoring;

/// <summary>/monitoring/zones/{code}: a zone's own share of the plan — its figures, its zone targets and the key tasks that name it.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Hosting.WebApp.StoreVersionedPage)]
public sealed class ZonePlanModel(GaoxinDb db, ReadCache cache, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public int ShownYear { get; private set; }
    public string Code { get; private set; } = "";
    public ZoneSummary Zone { get; private set; } = null!;
    public string ZoneName { get; private set; } = "";
    public Dictionary<string, string> ZoneNames { get; private set; } = [];
    public PlanProgress Progress { get; private set; } = null!;

    /// <summary>Targets with a value or a zone target for this zone.</summary>
    public List<ZoneTargetLine> Lines { get; private set; } = [];

    /// <summary>Targets the plan sets for this zone alone (scope <c>zone:CODE</c>).</summary>
    public List<TargetProgressRow> OwnTargets { get; private set; } = [];

    /// <summary>Key-task items that name this zone.</summary>
    public List<PlanTask> Tasks { get; private set; } = [];
    public Dictionary<string, TaskProgressRecord> TaskProgress { get; private set; } = [];

    public sealed record ZoneTargetLine(TargetProgressRow Row, bool HasValue, decimal? Value, ZoneTargetRecord? ZoneTarget, string? Status);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var zones = await ZoneRegistry.ListAsync(db, ct);
        if (zones.FirstOrDefault(z => z.Code == code) is not { } zone) return NotFound();
        ShownYear = Year ?? await MonitoringPages.DefaultYearAsync(db, cache, clock, ct);
        var progress = await PlanProgressStore.CachedAsync(db, cache, PlanCommands.DefaultPlanId, GaoxinDatabase.BundleDirectory, ShownYear, ct);
        if (progress is null) return NotFound();
        Code = code;
        Zone = zone;
        Progress = progress;
        ZoneNames = zones.ToDictionary(z => z.Code, z => T(z.Name, z.NameEn));
        ZoneName = ZoneNames[code];

        var split = (await PlanTrackingStore.DecompositionsAsync(db, progress.Plan, ct))
            .ToDictionary(d => d.TargetId, d => d.Zones.FirstOrDefault(z => z.ZoneCode == code));
        Lines = progress.Targets
            .Where(r => r.Zones.ContainsKey(code) || split.GetValueOrDefault(r.Target.Id) is not null)
            .Select(r =>
            {
                var value = r.Zones.GetValueOrDefault(code);
                var zoneTarget = split.GetValueOrDefault(r.Target.Id);
                var status = zoneTarget is null ? null
                    : value is not { } v ? "no_data"
                    : Holds(r, v, zoneTarget.Value) ? "achieved" : "not_achieved";
                return new ZoneTargetLine(r, r.Zones.ContainsKey(code), value, zoneTarget, status);
            }).ToList();
        OwnTargets = progress.Targets.Where(r => r.Target.Scope == "zone:" + code).ToList();
        Tasks = progress.Plan.AllTasks().Where(t => t.Zone == code).ToList();
        TaskProgress = await PlanTrackingStore.TaskProgressAsync(db, progress.Plan.Id, ct);
        return Page();
    }

    /// <summary>Whether a zone's value meets its zone target under the province target's comparator.</summary>
    public static bool Holds(TargetProgressRow row, decimal value, decimal zoneTarget)
    {
        var rising = row.Assessment?.Rising ?? row.Target.Goal.Comparator != Comparator.AtMost;
        return row.Target.Goal.Comparator switch
        {
            Comparator.AtLeast => value >= zoneTarget,
            Comparator.AtMost => value <= zoneTarget,
            Comparator.About => Math.Abs(value - zoneTarget) <= Core.Monitoring.TargetProgress.AboutTolerance * Math.Abs(zoneTarget)
                                || (rising ? value >= zoneTarget : value <= zoneTarget),
            _ => rising ? value >= zoneTarget : value <= zoneTarget,
        };
    }

    /// <summary>The comparator sign of a target, for "≥ 30 家".</summary>
    public static string Sign(Target target) => target.Goal.Comparator switch
    {
        Comparator.AtLeast => "≥ ",
        Comparator.AtMost => "≤ ",
        Comparator.About => "≈ ",
        _ => "",
    };

    /// <summary>The parent task of an item (its column or sub-task), for context.</summary>
    public string? ParentTitle(PlanTask task) =>
        Progress.Plan.AllTasks().FirstOrDefault(p => p.Children.Contains(task)) is { } parent ? T(parent.Title, parent.TitleEn) : null;
}
