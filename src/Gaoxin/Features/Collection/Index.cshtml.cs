using Gaoxin.Core.Collection;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Features.Collection;

/// <summary>/data: the year's reports — completeness for the office, the way in for a zone, approved figures for everyone.</summary>
public sealed class IndexModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public int ShownYear => Year ?? clock.GetUtcNow().Year - 1;
    public Principal? Who { get; private set; }
    public DataSetDefinition Set { get; private set; } = null!;
    public List<CompletenessRow> Completeness { get; private set; } = [];
    public List<(DataValue Value, bool IsDemo)> Approved { get; private set; } = [];
    public List<ReportingUnit> Units { get; private set; } = [];
    public DateOnly Deadline { get; private set; }
    public bool StoreIsEmpty { get; private set; }
    public ImportOutcome? Upload { get; private set; }
    public string? Notice { get; private set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        Who = User.ToPrincipal();
        Set = await DataSetStore.GetAsync(db, ct);
        Units = await DataSetStore.UnitsAsync(db, Set, ct);
        Deadline = await ReportStore.DeadlineAsync(db, ShownYear, ct);
        StoreIsEmpty = !await db.Reports.AnyAsync(ct);
        Approved = await ReportStore.ApprovedValuesAsync(db, ShownYear, ct);
        if (Who is not null) Completeness = (await ReportStore.CompletenessAsync(db, Set, Units, ShownYear, ct)).Where(r => Who.MayReport(r.Unit)).ToList();
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDemoAsync(CancellationToken ct)
    {
        if (User.ToPrincipal() is not { IsAdmin: true } who) return Forbid();
        var outcome = await DemoSeeding.SeedAsync(db, 2017, who, clock, ct);
        TempData["notice"] = outcome is null
            ? Shared.Text.T("数据库中已有填报数据,未载入演示数据。", "The store already holds reports; demo data was not loaded.")
            : Shared.Text.T($"已载入 {outcome.ValuesChanged} 个演示数值(2016—2020 年,均标注为演示数据)。", $"Loaded {outcome.ValuesChanged} demo values (2016–2020, marked as demo data).");
        return RedirectToPage(new { year = 2020 });
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, bool approve, bool dryRun, CancellationToken ct)
    {
        var who = User.Caller();
        if (file is null) { await LoadAsync(ct); Notice = Shared.Text.T("请选择文件。", "Choose a file."); return Page(); }
        if (!dryRun && await Imports.ImportsApi.StartZoneDataPageAsync(HttpContext, file, approve && who.IsAdmin, who, ct) is { } job) return Redirect(job);
        Upload = await DataImportFlow.ImportAsync(db, file, approve && who.IsAdmin, dryRun, who, ReportStore.Via.Import, clock, ct);
        await LoadAsync(ct);
        Notice = Upload.HasErrors
            ? Shared.Text.T("文件有误,未导入任何数据。", "The file has errors; nothing was imported.")
            : dryRun
                ? Shared.Text.T($"试导入:将修改 {Upload.ValuesChanged} 个数值,未写入。", $"Dry run: {Upload.ValuesChanged} values would change; nothing written.")
                : Shared.Text.T($"已导入,修改 {Upload.ValuesChanged} 个数值(批次 {Upload.BatchId})。", $"Imported: {Upload.ValuesChanged} values changed (batch {Upload.BatchId}).");
        return Page();
    }
}
