using Gaoxin.Core.Plans;
using Gaoxin.Data;
using Gaoxin.Data.Monitoring;
using Gaoxin.Data.Plans;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Plans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Monitoring;

/// <summary>/monitoring/tasks: which of the plan's key tasks and column commitments are done, by whom, by when.</summary>
public sealed class TasksModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    public Plan Plan { get; private set; } = null!;
    public Dictionary<string, TaskProgressRecord> Progress { get; private set; } = [];
    public ILookup<string, TaskNoteRecord> Notes { get; private set; } = Array.Empty<TaskNoteRecord>().ToLookup(n => n.TaskId);
    public bool IsOffice { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Edit { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        IsOffice = User.ToPrincipal() is { IsAdmin: true };
        Plan = (await PlanStore.GetAsync(db, PlanCommands.DefaultPlanId, ct))!;
        Progress = await PlanTrackingStore.TaskProgressAsync(db, Plan.Id, ct);
        Notes = (await PlanTrackingStore.TaskNotesAsync(db, Plan.Id, ct)).ToLookup(n => n.TaskId);
    }

    public async Task<IActionResult> OnPostAsync(string taskId, string? owner, int? dueYear, string status, string? note, CancellationToken ct)
    {
        var office = User.Caller();
        await LoadAsync(ct);
        var refused = await PlanTrackingStore.UpdateTaskAsync(db, Plan, taskId, owner, dueYear, status, note, clock.GetUtcNow().Year, office.Name, clock, ct);
        TempData["notice"] = refused ?? Shared.Text.T("已更新。", "Updated.");
        return Redirect($"/monitoring/tasks#task-{taskId}");
    }

    public string StatusOf(string taskId) => Progress.GetValueOrDefault(taskId)?.Status ?? "not_started";

    public static string StatusText(string status) => status switch
    {
        "done" => Shared.Text.T("已完成", "done"),
        "in_progress" => Shared.Text.T("推进中", "in progress"),
        "delayed" => Shared.Text.T("滞后", "delayed"),
        _ => Shared.Text.T("未启动", "not started"),
    };

    /// <summary>Leaf commitments by status, for the summary line.</summary>
    public IEnumerable<(string Status, int Count)> Summary() =>
        Plan.AllTasks().Where(t => t.Children.Count == 0).GroupBy(t => StatusOf(t.Id)).Select(g => (g.Key, g.Count()));
}
