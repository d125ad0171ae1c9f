using Gaoxin.Core.Evaluation;
using Gaoxin.Data;
using Gaoxin.Data.Evaluation;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Features.Evaluation;

/// <summary>/evaluation: a year's ranking per group with rank intervals; the office runs and publishes evaluations here.</summary>
public sealed class IndexModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string Model { get; set; } = EvaluationCommands.DefaultModel;
    public int ShownYear { get; private set; }
    /// <summary>True when no year was asked for and the page chose it (the newest year with a run to show).</summary>
    public bool DefaultYear { get; private set; }
    public EvaluationRunRecord? Run { get; private set; }
    public EvaluationResponse? Result { get; private set; }
    public bool IsOffice { get; private set; }
    public Dictionary<string, string> ZoneNames { get; private set; } = [];
    public IReadOnlyList<ModelFile> Models { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        IsOffice = User.ToPrincipal() is { IsAdmin: true };
        DefaultYear = Year is null;
        ShownYear = Year ?? await EvaluationStore.LatestRunYearAsync(db, Model, publishedOnly: !IsOffice, ct)
            ?? await db.Reports.Where(r => r.State == Core.Collection.ReportState.Approved).MaxAsync(r => (int?)r.Year, ct) ?? clock.GetUtcNow().Year - 1;
        Models = await EvaluationRunner.ModelsAsync(db, ct);
        Run = await EvaluationStore.RunForYearAsync(db, ShownYear, Model, ct);
        if (Run is { PublishedAt: null } && !IsOffice) Run = null;
        Result = Run is null ? null : EvaluationRunner.Read(Run);
        ZoneNames = await ZoneRegistry.NamesAsync(db, z => Shared.Text.T(z.Name, z.NameEn), ct);
    }

    public async Task<IActionResult> OnPostRunAsync(int year, int sensitivity, int seed, CancellationToken ct)
    {
        var office = User.Caller();
        var options = sensitivity > 0 ? new SensitivityOptions(Math.Min(sensitivity, 100_000), seed) : null;
        var outcome = await EvaluationRunner.RunAsync(db, year, Model, options, office.Name, clock, ct);
        TempData["notice"] = outcome.Error ?? Shared.Text.T($"已完成评价(记录 {outcome.RunId}),尚未发布。", $"Evaluated (run {outcome.RunId}); not published yet.");
        return RedirectToPage(new { year, model = Model });
    }

    public async Task<IActionResult> OnPostPublishAsync(long run, int year, string? documentNumber, bool confirmed, CancellationToken ct)
    {
        // Publication is final (cards, delisting proposals and cases follow from it): it happens only once the office has
        // ticked the confirmation, whatever the browser let through.
        if (!confirmed)
        {
            TempData["notice"] = Shared.Text.T("未发布:请先勾选确认,发布后不可更改。", "Not published: tick the confirmation first; a publication is final.");
            return RedirectToPage(new { year, model = Model });
        }
        var office = User.Caller();
        var refused = await Data.Rectification.RectificationStore.PublishRunAsync(db, run, office.Name, clock, ct,
            string.IsNullOrWhiteSpace(documentNumber) ? null : documentNumber);
        TempData["notice"] = refused is null
            ? Shared.Text.T("已发布;黄牌和建议摘牌已记入各区沿革。", "Published; yellow cards and delisting proposals are recorded in the zones' histories.")
            : PublishRefusal(refused);
        return RedirectToPage(new { year, model = Model });
    }

    /// <summary>Why a publication was refused, in words.</summary>
    public static string PublishRefusal(string code) => code switch
    {
        "run_not_found" => Shared.Text.T("没有该评价记录。", "There is no such run."),
        "run_published" => Shared.Text.T("该记录已发布,不能再次发布。", "The run is already published."),
        "year_published" => Shared.Text.T("该年度已有按同一模型发布的结果;已发布的结果不可替换。", "A run of this year and model is already published; a published result is never replaced."),
        "document_number_used" => Shared.Text.T("该文号已被其他通报使用。", "Another bulletin already carries this document number."),
        "document_number_empty" => Shared.Text.T("文号不能为空。", "The document number is empty."),
        "document_number_invalid" => Shared.Text.T($"文号过长(最多 {Core.Evaluation.BulletinNumber.MaxLength} 个字符)或含控制字符。",
            $"The document number is longer than {Core.Evaluation.BulletinNumber.MaxLength} characters or holds a control character."),
        _ => code,
    };

    public static string GradeText(string? grade) => grade switch
    {
        null => "—",
        "excellent" => Shared.Text.T("优秀", "excellent"),
        "good" => Shared.Text.T("良好", "good"),
        "pass" => Shared.Text.T("合格", "pass"),
        _ => Shared.Text.T("不合格", "fail"),
    };

    public static string FlagText(string flag) => flag switch
    {
        "missing_data" => Shared.Text.T("数据缺失", "missing data"),
        "last_place" => Shared.Text.T("末位", "last place"),
        "yellow_card" => Shared.Text.T("黄牌", "yellow card"),
        "delisting_proposed" => Shared.Text.T("建议摘牌", "delisting proposed"),
        "report_upward" => Shared.Text.T("报请科技部", "report to the ministry"),
        _ => flag,
    };

    /// <summary>Where a zone stands: its grade, or without grades its percentile in the group.</summary>
    public static string StandingText(ZoneEvaluationResponse zone) => zone.Grade is { } grade
        ? GradeText(grade)
        : Shared.Text.T($"百分位 {zone.Percentile.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}",
            $"percentile {zone.Percentile.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}");

    /// <summary>What the composite of a result means, in words; empty for a graded result.</summary>
    public static string ScaleText(string? scale) => scale switch
    {
        Core.Evaluation.EvaluationScales.ProvincialRelativeIndex => Shared.Text.T(
            "省内相对指数:该模型不设等次,只给出综合得分、排名和百分位;参评的只有本省高新区,得分只在本省高新区之间可比,不代表全国位次。",
            "Provincial relative index: this model has no grades and gives composite, rank and percentile only; only this province's zones are in it, so the scores compare them with each other, not with the country."),
        Core.Evaluation.EvaluationScales.RelativeIndex => Shared.Text.T(
            "相对指数:该模型不设等次,只给出综合得分、排名和百分位,得分只在参评高新区之间可比。",
            "Relative index: this model has no grades and gives composite, rank and percentile only; the scores compare the zones evaluated with each other."),
        _ => "",
    };

    public static string GroupText(string group) => group switch
    {
        "national" => Shared.Text.T("国家级高新区", "national zones"),
        "provincial" => Shared.Text.T("省级高新区", "provincial zones"),
        _ => group,
    };
}
