using Gaoxin.Core.Monitoring;
using Gaoxin.Data;
using Gaoxin.Data.Monitoring;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Evaluation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Monitoring;

/// <summary>
/// /monitoring/reports/{year}[?kind=midterm]: the printable (A4) yearly monitoring report or mid-term review. Visitors see the newest
/// published edition; the office sees the newest edition (or a preview), writes the narratives of a draft and moves it to review and publication.
/// </summary>
public sealed class ReportsModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    public MonitoringReportRecord? Edition { get; private set; }
    public ReportDocument Document { get; private set; } = null!;
    public IReadOnlyList<ReportTable> Tables { get; private set; } = [];
    public Dictionary<string, string> ZoneNames { get; private set; } = [];
    public bool IsOffice { get; private set; }
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }

    /// <summary>The kind's wire name for links and forms.</summary>
    public string KindName => Kind == "midterm" ? "midterm" : "yearly";

    /// <summary>True when the office may write the narratives now.</summary>
    public bool Editable => IsOffice && Edition is { Status: MonitoringReportStates.Draft };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (MonitoringReportKinds.Parse(Kind) is not { } kind) return false;
        IsOffice = User.ToPrincipal() is { IsAdmin: true };
        var (edition, document) = await MonitoringReports.LoadAsync(db, kind, Year, IsOffice, ct);
        if (document is null) return false;
        (Edition, Document) = (edition, document);
        ZoneNames = await ZoneRegistry.NamesAsync(db, z => Shared.Text.T(z.Name, z.NameEn), ct);
        // A proposed zone (a new-zone application) is not in the registry yet: it goes by the name its application gives it.
        var proposed = await (from c in db.Cases.AsNoTracking() join a in db.Applications.AsNoTracking() on c.Id equals a.CaseId
                              select new { c.ZoneCode, a.ProposedName, a.ProposedNameEn }).ToListAsync(ct);
        foreach (var p in proposed) ZoneNames.TryAdd(p.ZoneCode, Shared.Text.T(p.ProposedName, p.ProposedNameEn));
        Tables = ReportTables.All(document, ZoneNames);
        return true;
    }

    public async Task<IActionResult> OnPostDraftAsync(CancellationToken ct)
    {
        if (MonitoringReportKinds.Parse(Kind) is not { } kind) return NotFound();
        var (_, refused) = await MonitoringReportStore.OpenDraftAsync(db, await MonitoringReports.PlanAsync(db, ct), kind, Year, User.Caller(), "form", clock, ct);
        return Done(refused, Shared.Text.T("已新建草稿。", "Draft opened."));
    }

    public async Task<IActionResult> OnPostSaveAsync(long id, int version, CancellationToken ct)
    {
        var narratives = MonitoringReport.Chapters.ToDictionary(c => c, c => (string?)Request.Form[$"n_{c}"].ToString());
        var refused = await MonitoringReportStore.SaveNarrativesAsync(db, id, version, narratives, User.Caller(), "form", clock, ct);
        return Done(refused, Shared.Text.T("已保存。", "Saved."));
    }

    public Task<IActionResult> OnPostSubmitAsync(long id, int version, CancellationToken ct) => StepAsync(id, version, MonitoringReportWorkflow.Submit, ct);

    public Task<IActionResult> OnPostReturnAsync(long id, int version, CancellationToken ct) => StepAsync(id, version, MonitoringReportWorkflow.Return, ct);

    public Task<IActionResult> OnPostPublishAsync(long id, int version, CancellationToken ct) => StepAsync(id, version, MonitoringReportWorkflow.Publish, ct);

    private async Task<IActionResult> StepAsync(long id, int version, string action, CancellationToken ct)
    {
        var refused = await MonitoringReportStore.StepAsync(db, await MonitoringReports.PlanAsync(db, ct), id, version, action, User.Caller(), "form",
            GaoxinDatabase.BundleDirectory, EvaluationCommands.DefaultModel, clock, ct);
        return Done(refused, MonitoringReportText.State(MonitoringReportWorkflow.Next(action)));
    }

    private RedirectResult Done(string? refused, string notice)
    {
        TempData["notice"] = refused is null ? notice : MonitoringReportText.Refusal(refused);
        return Redirect($"/monitoring/reports/{Year}{(KindName == "midterm" ? "?kind=midterm" : "")}");
    }
}
