using Gaoxin.Data;
using Gaoxin.Data.Enterprises;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Enterprises;

/// <summary>
/// /enterprises: the enterprise registry by zone, year and high-tech status, 50 a page, and the upload of the yearly
/// returns CSV (the CLI's import: all or nothing; a zone operator only their own zone's rows). Office and zone operators only.
/// </summary>
public sealed class IndexModel(GaoxinDb db, EnterpriseRules rules, TimeProvider clock, Imports.ImportSettings imports) : PageModel
{
    /// <summary>The largest file the background import takes, in MB.</summary>
    public long MaxUploadMegabytes => imports.MaxUploadBytes / (1024 * 1024);

    [BindProperty(SupportsGet = true)] public string? Zone { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Hte { get; set; }
    // "page" is Razor Pages' own route value, so the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public string? OwnZone { get; private set; }
    public EnterprisePage Result { get; private set; } = new([], 0, 1, EnterpriseStore.PageSize);
    public List<int> Years { get; private set; } = [];
    public Dictionary<string, string> ZoneNames { get; private set; } = [];

    /// <summary>The refused upload's problems (at most <see cref="EnterpriseImport.MaxProblems"/>) and how many there were.</summary>
    public IReadOnlyList<Core.Collection.DataProblem> ImportProblems { get; private set; } = [];
    public int ImportErrorCount { get; private set; }
    public string? Notice { get; private set; }

    public int Pages => Math.Max(1, (Result.Total + Result.PageSize - 1) / Result.PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var who = User.Caller();
        return await LoadAsync(who, ct) ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        var who = User.Caller();
        if (file is null || file.Length == 0)
        {
            Notice = Shared.Text.T("请选择要上传的 CSV 文件。", "Choose the CSV file to upload.");
            return await LoadAsync(who, ct) ? Page() : Forbid();
        }
        var result = await EnterpriseUpload.ImportAsync(db, file, who, rules, Data.Collection.ReportStore.Via.Import, clock, ct);
        if (result.Forbidden) return Forbid();
        if (result.Applied)
        {
            var o = result.Outcome!;
            TempData["notice"] = Shared.Text.T(
                $"已导入 {o.Rows} 条年报,涉及 {o.ZoneYears} 个高新区年度(年度 {string.Join("、", o.Years)}),重算汇总数 {o.Aggregates?.Figures ?? 0} 项(批次 {o.BatchId})。",
                $"Imported {o.Rows} returns for {o.ZoneYears} zone-years (years {string.Join(", ", o.Years)}); {o.Aggregates?.Figures ?? 0} aggregate figures recomputed (batch {o.BatchId}).");
            return RedirectToPage();
        }
        ImportProblems = result.Problems;
        ImportErrorCount = result.ErrorCount;
        Notice = Shared.Text.T($"文件有 {result.ErrorCount} 处错误,未导入任何内容。", $"The file has {result.ErrorCount} error(s); nothing was imported.");
        return await LoadAsync(who, ct) ? Page() : Forbid();
    }

    private async Task<bool> LoadAsync(Core.Collection.Principal who, CancellationToken ct)
    {
        var (allowed, own) = EnterpriseStore.Scope(who);
        if (!allowed) return false;
        OwnZone = own;
        if (own is not null) Zone = own;
        bool? hte = Hte switch { "1" => true, "0" => false, _ => null };
        Result = await EnterpriseStore.ListAsync(db, string.IsNullOrEmpty(Zone) ? null : Zone, Year, hte, PageNumber, ct);
        Years = await EnterpriseStore.YearsAsync(db, ct);
        ZoneNames = await ZoneRegistry.NamesAsync(db, z => Shared.Text.T(z.Name, z.NameEn), ct);
        return true;
    }

    /// <summary>The link to another page of the same list.</summary>
    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["zone"] = Zone, ["year"] = Year?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["hte"] = Hte,
        ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
