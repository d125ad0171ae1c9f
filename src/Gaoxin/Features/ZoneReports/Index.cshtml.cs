using Gaoxin.Core.Collection;
using Gaoxin.Core.Monitoring;
using Gaoxin.Core.Plans;
using Gaoxin.Data;
using Gaoxin.Data.Monitoring;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Monitoring;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.ZoneReports;

/// <summary>
/// /zones/report/{year}: a zone's year for the monitoring report — progress on the tasks the plan assigns to it (status, narrative,
/// evidence) and its annual self-assessment (自评报告). A zone's operator sees their own zone; the office names one with ?zone=.
/// </summary>
public sealed class IndexModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<PlanTask> Tasks { get; private set; } = [];
    public Dictionary<string, ZoneTaskReportRecord> Reports { get; private set; } = [];
    public SelfAssessmentRecord? Assessment { get; private set; }
    public string ZoneName { get; private set; } = "";
    public IReadOnlyList<(string Code, string Name)> Zones { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Zone { get; set; }

    /// <summary>True when the self-assessment takes edits (a draft or a returned one).</summary>
    public bool AssessmentEditable => Assessment is null or { Status: SelfAssessmentWorkflow.Draft or SelfAssessmentWorkflow.Returned };

    /// <summary>The zone acted on: the operator's own, or the office's choice; null when the caller may not see the named zone.</summary>
    private string? ZoneOf(Principal who)
    {
        if (who.IsAdmin) return string.IsNullOrEmpty(Zone) ? null : Zone;
        return string.IsNullOrEmpty(Zone) || Zone == who.Zone ? who.Zone : null;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var who = User.Caller();
        var plan = await MonitoringReports.PlanAsync(db, ct);
        if (who.IsAdmin && string.IsNullOrEmpty(Zone))
        {
            var names = await ZoneRegistry.NamesAsync(db, z => Shared.Text.T(z.Name, z.NameEn), ct);
            Zones = plan.Zones.Select(z => (z.Code, names.GetValueOrDefault(z.Code, z.Code))).ToList();
            return Page();
        }
        if (ZoneOf(who) is not { } zone) return Forbid();
        Zone = zone;
        Tasks = MonitoringReportStore.TasksOf(plan, zone);
        Reports = await MonitoringReportStore.ZoneTasksAsync(db, plan.Id, zone, Year, ct);
        Assessment = await MonitoringReportStore.SelfAssessmentAsync(db, zone, Year, ct);
        // A draft is the zone's own: the office sees a self-assessment once it is sent.
        if (who.IsAdmin && Assessment is { Status: SelfAssessmentWorkflow.Draft }) Assessment = null;
        ZoneName = (await ZoneRegistry.NamesAsync(db, z => Shared.Text.T(z.Name, z.NameEn), ct)).GetValueOrDefault(zone, zone);
        return Page();
    }

    public async Task<IActionResult> OnPostTasksAsync(CancellationToken ct)
    {
        var who = User.Caller();
        if (ZoneOf(who) is not { } zone) return Forbid();
        var plan = await MonitoringReports.PlanAsync(db, ct);
        var reports = MonitoringReportStore.TasksOf(plan, zone).Where(t => Request.Form.ContainsKey($"status_{t.Id}"))
            .Select(t => (t.Id, Request.Form[$"status_{t.Id}"].ToString(), (string?)Request.Form[$"narrative_{t.Id}"].ToString(), (string?)Request.Form[$"evidence_{t.Id}"].ToString()))
            .ToList();
        var refused = await MonitoringReportStore.SaveZoneTasksAsync(db, plan, zone, Year, reports, who, "form", clock, ct);
        return Done(zone, refused, Shared.Text.T("任务进展已保存。", "Task progress saved."), "tasks");
    }

    public Task<IActionResult> OnPostSaveAssessmentAsync(int? version, CancellationToken ct) => AssessmentAsync("edit", version, ct);

    public Task<IActionResult> OnPostSubmitAssessmentAsync(int? version, CancellationToken ct) => AssessmentAsync("submit", version, ct);

    private async Task<IActionResult> AssessmentAsync(string action, int? version, CancellationToken ct)
    {
        var who = User.Caller();
        if (ZoneOf(who) is not { } zone) return Forbid();
        var sections = SelfAssessmentWorkflow.Sections.ToDictionary(s => s, s => (string?)Request.Form[$"s_{s}"].ToString());
        var (_, refused) = await MonitoringReportStore.SelfAssessmentStepAsync(db, zone, Year, action, version, sections, null, who, "form", clock, ct);
        return Done(zone, refused, action == "submit" ? Shared.Text.T("自评报告已提交。", "Self-assessment sent.") : Shared.Text.T("已保存。", "Saved."), "assessment");
    }

    private RedirectResult Done(string zone, string? refused, string notice, string anchor)
    {
        TempData["notice"] = refused is null ? notice : MonitoringReportText.Refusal(refused);
        return Redirect($"/zones/report/{Year}?zone={zone}#{anchor}");
    }
}
