using System.Globalization;
using System.Text;
using Gaoxin.Core.Collection;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Collection;

/// <summary>A zone's (or the province's) report for a year: the entry form, the workflow buttons and the audit.</summary>
public sealed class ReportModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    public DataSetDefinition Set { get; private set; } = null!;
    public ReportingUnit Unit { get; private set; } = null!;
    public ReportView View { get; private set; } = null!;
    /// <summary>
    /// What the registries count and the approved technology contracts sum for this zone-year, by element (shown beside the
    /// entry; used where the report leaves it blank).
    /// </summary>
    public Dictionary<string, decimal> Derived { get; private set; } = [];
    /// <summary>Where each of <see cref="Derived"/> comes from: <c>registry</c> or <c>contracts</c>.</summary>
    public Dictionary<string, Core.Figures.FigureSource> DerivedFrom { get; private set; } = [];
    public Principal? Who { get; private set; }
    public List<AuditRecord> Audit { get; private set; } = [];
    public List<DataProblem> Problems { get; private set; } = [];
    public string? Notice { get; private set; }
    public ImportOutcome? Upload { get; private set; }
    public int Year { get; private set; }

    [BindProperty] public Dictionary<string, string?> Values { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Comments { get; set; } = [];
    [BindProperty] public string? ReturnComment { get; set; }
    /// <summary>Set by the confirmation step (the dialog, or the confirmation shown without script): approve and return act only with it.</summary>
    [BindProperty] public bool Confirmed { get; set; }
    /// <summary>The confirmation step to show open (<c>approve</c> or <c>return</c>): how the review bar works without script.</summary>
    [BindProperty(SupportsGet = true, Name = "confirm")] public string? Confirm { get; set; }
    /// <summary>The unit's name in the reader's language.</summary>
    public string UnitName { get; private set; } = "";
    /// <summary>The results of the data set's rules on the report under review (see <see cref="ReportReview.Rules"/>).</summary>
    public IReadOnlyList<RuleResult> RuleResults { get; private set; } = [];
    /// <summary>The values the form showed when it was opened (hidden fields): one changed since by someone else refuses the save.</summary>
    [BindProperty] public Dictionary<string, string?> Loaded { get; set; } = [];

    public bool MayReport => Who?.MayReport(Unit.Code) == true;
    /// <summary>The office reads a submitted report: each figure beside its comment, last year's value and the rules' results.</summary>
    public bool Reviewing => Who?.IsAdmin == true && View.State == ReportState.Submitted;
    public bool Editable => MayReport && (View.State is null or ReportState.Draft or ReportState.Returned || View.State == ReportState.Approved);
    /// <summary>The hint's and the badge's words for a derived figure: a registry count or the registered technology contracts.</summary>
    public (string Hint, string Badge) DerivedWords(string element) => DerivedFrom.GetValueOrDefault(element) == Core.Figures.FigureSource.Contracts
        ? (Gaoxin.Features.Shared.Text.T("技术合同登记:", "Registered technology contracts: "), Gaoxin.Features.Shared.Text.T("技术合同登记", "contract registrations"))
        : (Gaoxin.Features.Shared.Text.T("名录计数:", "Registry count: "), Gaoxin.Features.Shared.Text.T("名录计数", "registry count"));

    public IEnumerable<DataElement> Elements => Set.Elements.Where(e => e.ProvinceLevel == Unit.IsProvince);

    private async Task<bool> LoadAsync(string code, int year, CancellationToken ct)
    {
        Year = year;
        Who = User.ToPrincipal();
        Set = await DataSetStore.GetAsync(db, ct);
        var units = await DataSetStore.UnitsAsync(db, Set, ct);
        if (units.FirstOrDefault(u => u.Code == code) is not { } unit) return false;
        Unit = unit;
        View = await ReportStore.GetAsync(db, Set, unit, year, Who, ct);
        UnitName = unit.IsProvince ? Shared.Text.T(Set.ProvinceName, Set.ProvinceNameEn)
            : (await Data.Zones.ZoneRegistry.ListAsync(db, ct)).FirstOrDefault(z => z.Code == unit.Code) is { } zone ? Shared.Text.T(zone.Name, zone.NameEn) : unit.Name;
        if (Reviewing && View.Open is { } open)
            RuleResults = ReportReview.Rules(Set, year, open, await ReportStore.ApprovedHistoryAsync(db, unit.Code, ct));
        if (!unit.IsProvince)
        {
            foreach (var v in await Data.Registries.RegistryStore.DerivedValuesAsync(db, Set, unit.Code, [year], ct))
                (Derived[v.Element], DerivedFrom[v.Element]) = (v.Value, Core.Figures.FigureSource.Registry);
            foreach (var v in await Data.Market.ContractStore.DerivedValuesAsync(db, Set, unit.Code, [year], ct))
                (Derived[v.Element], DerivedFrom[v.Element]) = (v.Value, Core.Figures.FigureSource.Contracts);
        }
        if (MayReport) Audit = await ReportStore.AuditAsync(db, Who!, unit.Code, year, null, 200, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(string code, int year, CancellationToken ct)
    {
        if (!await LoadAsync(code, year, ct)) return NotFound();
        Problems = [.. View.Problems];
        return Page();
    }

    /// <summary>Reads the typed figures: blanks remove a value; full-width digits are accepted, thousands separators are not.</summary>
    private Dictionary<string, decimal?> ParseForm()
    {
        var parsed = new Dictionary<string, decimal?>();
        foreach (var element in Elements)
        {
            var text = Values.GetValueOrDefault(element.Code)?.Normalize(NormalizationForm.FormKC).Trim();
            if (string.IsNullOrEmpty(text)) { parsed[element.Code] = null; continue; }
            if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                parsed[element.Code] = value;
            else
                Problems.Add(new DataProblem("form", null, 0, element.Code, Unit.Code, element.Code, text, text.Contains(',') ? "thousands_separator" : "not_a_number"));
        }
        return parsed;
    }

    private async Task<IActionResult> SaveAsync(string code, int year, CancellationToken ct)
    {
        var values = ParseForm();
        if (Problems.Count > 0) return await RedisplayAsync(code, year, ct);
        var expected = Loaded.ToDictionary(l => l.Key, l => decimal.TryParse(l.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out var v) ? v : (decimal?)null);
        var result = await ReportStore.SaveDraftAsync(db, Set, Unit, year, values, Comments, Who!, ReportStore.Via.Form, clock, ct, expected);
        if (!result.Succeeded)
        {
            Problems.AddRange(result.Problems);
            Notice = RefusalText.Describe(result.ErrorCode!, Shared.Text.IsEnglish);
            return await RedisplayAsync(code, year, ct);
        }
        return null!;
    }

    private async Task<IActionResult> RedisplayAsync(string code, int year, CancellationToken ct)
    {
        var problems = Problems;
        var notice = Notice;
        await LoadAsync(code, year, ct);
        Problems = problems;
        Notice = notice;
        return Page();
    }

    private IActionResult Done(string code, int year, string notice)
    {
        TempData["notice"] = notice;
        return RedirectToPage(new { code, year });
    }

    public async Task<IActionResult> OnPostSaveAsync(string code, int year, CancellationToken ct)
    {
        if (!await LoadAsync(code, year, ct)) return NotFound();
        if (!MayReport) return Forbid();
        if (await SaveAsync(code, year, ct) is { } page) return page;
        return Done(code, year, Shared.Text.T("草稿已保存。", "Draft saved."));
    }

    public async Task<IActionResult> OnPostSubmitAsync(string code, int year, CancellationToken ct)
    {
        if (!await LoadAsync(code, year, ct)) return NotFound();
        if (!MayReport) return Forbid();
        if (await SaveAsync(code, year, ct) is { } page) return page;
        var result = await ReportStore.SubmitAsync(db, Set, Unit, year, Who!, ReportStore.Via.Form, clock, ct);
        if (!result.Succeeded)
        {
            Problems.AddRange(result.Problems);
            Notice = RefusalText.Describe(result.ErrorCode!, Shared.Text.IsEnglish);
            return await RedisplayAsync(code, year, ct);
        }
        return Done(code, year, Shared.Text.T("已提交,等待省高新区办公室审核。", "Submitted; the provincial office will review it."));
    }

    /// <summary>A decision posted without its confirmation changes nothing: the page comes back with the confirmation step open.</summary>
    private PageResult Unconfirmed(string step)
    {
        Confirm = step;
        Problems = [.. View.Problems];
        Notice = step == "approve"
            ? Shared.Text.T("尚未批准:请在确认框中确认。", "Not approved yet: confirm it in the confirmation box.")
            : Shared.Text.T("尚未退回:请在确认框中填写意见并确认。", "Not returned yet: give the reason in the confirmation box and confirm.");
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(string code, int year, CancellationToken ct)
    {
        if (!await LoadAsync(code, year, ct)) return NotFound();
        if (Who is not { IsAdmin: true }) return Forbid();
        if (!Confirmed) return Unconfirmed("approve");
        var result = await ReportStore.ApproveAsync(db, Unit.Code, year, Who ?? new Principal("?", "", null), ReportStore.Via.Form, clock, ct);
        if (result.ErrorCode == "forbidden") return Forbid();
        return result.Succeeded
            ? Done(code, year, Shared.Text.T("已批准,数据已锁定。", "Approved; the figures are locked."))
            : Done(code, year, RefusalText.Describe(result.ErrorCode!, Shared.Text.IsEnglish));
    }

    public async Task<IActionResult> OnPostReturnAsync(string code, int year, CancellationToken ct)
    {
        if (!await LoadAsync(code, year, ct)) return NotFound();
        if (Who is not { IsAdmin: true }) return Forbid();
        if (!Confirmed) return Unconfirmed("return");
        var result = await ReportStore.ReturnAsync(db, Unit.Code, year, ReturnComment ?? "", Who ?? new Principal("?", "", null), ReportStore.Via.Form, clock, ct);
        if (result.ErrorCode == "forbidden") return Forbid();
        return result.Succeeded
            ? Done(code, year, Shared.Text.T("已退回修改。", "Returned for changes."))
            : Done(code, year, RefusalText.Describe(result.ErrorCode!, Shared.Text.IsEnglish));
    }

    public async Task<IActionResult> OnPostUploadAsync(string code, int year, IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(code, year, ct)) return NotFound();
        if (!MayReport) return Forbid();
        if (file is null)
        {
            Notice = Shared.Text.T("请选择文件。", "Choose a file.");
            return Page();
        }
        if (await Imports.ImportsApi.StartZoneDataPageAsync(HttpContext, file, approve: false, Who!, ct) is { } job) return Redirect(job);
        Upload = await DataImportFlow.ImportAsync(db, file, approve: false, dryRun: false, Who!, ReportStore.Via.Import, clock, ct);
        await LoadAsync(code, year, ct);
        Problems = [.. View.Problems];
        Notice = Upload.HasErrors
            ? Shared.Text.T("文件有误,未导入任何数据。", "The file has errors; nothing was imported.")
            : Shared.Text.T($"已导入 {Upload.ValuesChanged} 个数值到草稿。", $"{Upload.ValuesChanged} values imported into the draft.");
        return Page();
    }

    /// <summary>The figure to show in the form: what the user just typed, else the open draft's, else the approved one.</summary>
    public string FieldValue(string element)
    {
        if (Values.TryGetValue(element, out var typed)) return typed ?? "";
        var source = View.Open ?? View.Approved;
        return source.TryGetValue(element, out var value) ? DataValidation.Format(value) : "";
    }

    /// <summary>The stored value the form starts from (a correction starts from the approved one), for the hidden <c>Loaded</c> field.</summary>
    public string LoadedValue(string element) =>
        (View.Open ?? View.Approved).TryGetValue(element, out var value) ? Shared.Json.Normalize(value).ToString(CultureInfo.InvariantCulture) : "";

    public string? FieldComment(string element) =>
        Comments.TryGetValue(element, out var typed) ? typed : View.Comments.GetValueOrDefault(element);

    /// <summary>An element's name in the reader's language, for problems found in the form.</summary>
    public string ElementName(string? code) =>
        Set.Elements.FirstOrDefault(e => e.Code == code) is { } e ? Shared.Text.T(e.Name, e.NameEn) : code ?? "";

    public IEnumerable<DataProblem> ProblemsOf(string element) => Problems.Where(p => p.Element == element);

    /// <summary>A unit as the reader's language writes it.</summary>
    public static string UnitOf(DataElement element) => Shared.Text.UnitText(element.Unit);

    /// <summary>
    /// The checks beside a figure under review: the outliers and range problems found on it, then the results of the rules
    /// that read it (a failed rule is listed by its own message here, not only beside the first figure it names).
    /// </summary>
    public IEnumerable<DataProblem> FindingsOf(string element) => Problems.Where(p => p.Element == element && p.Code != "rule_failed");

    /// <summary>The rules' results that concern a figure, failures first.</summary>
    public IReadOnlyList<RuleResult> RulesOf(string element) => ReportReview.Concerning(RuleResults, element);

    /// <summary>A signed number as the change column writes it (+100, -20).</summary>
    public static string Signed(decimal value) => (value > 0 ? "+" : "") + DataValidation.Format(value);

    /// <summary>A signed percentage with one decimal (+10.0%).</summary>
    public static string SignedPercent(decimal value) => (value > 0 ? "+" : "") + value.ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
