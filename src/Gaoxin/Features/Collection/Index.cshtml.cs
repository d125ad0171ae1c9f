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
    /// <summary>The element group whose figures the overview shows as columns (see <see cref="ElementGroups"/>).</summary>
    [BindProperty(SupportsGet = true)] public string? Group { get; set; }
    public string ShownGroup => Group is { } g && ElementGroups.All(Set).Contains(g) ? g : ElementGroups.Core;
    /// <summary>The figures in force of the year (approved reports, and what the registries, returns and contracts fill in).</summary>
    public IReadOnlyList<Core.Figures.Figure> Figures { get; private set; } = [];
    /// <summary>The zones, with their names in both languages.</summary>
    public List<Data.Zones.ZoneSummary> Zones { get; private set; } = [];
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
        Figures = await Data.Figures.FigureStore.InForceAsync(db, ShownYear, ShownYear, null, ct);
        Zones = [.. await Data.Zones.ZoneRegistry.ListAsync(db, ct)];
        if (Who is not null) Completeness = (await ReportStore.CompletenessAsync(db, Set, Units, ShownYear, ct)).Where(r => Who.MayReport(r.Unit)).ToList();
    }

    /// <summary>The overview's columns: the zones' elements of the chosen group.</summary>
    public IEnumerable<DataElement> Columns => Set.Elements.Where(e => !e.ProvinceLevel && ElementGroups.Of(e) == ShownGroup);

    /// <summary>A unit as the reader's language writes it.</summary>
    public static string UnitOf(DataElement element) => ReportModel.UnitOf(element);

    /// <summary>
    /// The mark beside a figure that was not reported but filled by the platform, and the source's name for the legend:
    /// 1 the registries, 2 the enterprises' returns, 3 the technology contracts, 4 the expert panels; null for a reported figure.
    /// </summary>
    public static (string Mark, string Name)? SourceMark(Core.Figures.FigureSource source) => source switch
    {
        Core.Figures.FigureSource.Registry => ("1", Shared.Text.T("名录计数", "counted from the registries")),
        Core.Figures.FigureSource.Enterprises => ("2", Shared.Text.T("企业年报汇总", "summed from the enterprises' returns")),
        Core.Figures.FigureSource.Contracts => ("3", Shared.Text.T("技术合同登记", "summed from the registered technology contracts")),
        Core.Figures.FigureSource.Experts => ("4", Shared.Text.T("专家评分", "the expert panel's score")),
        _ => null,
    };

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
