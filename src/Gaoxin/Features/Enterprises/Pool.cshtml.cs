using Gaoxin.Core.Enterprises;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Enterprises;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Features.Enterprises;

/// <summary>
/// /enterprises/pool?zone=&amp;stage=: the reserve pool (后备库) — enterprises per zone and stage, the list, and forms to
/// propose, move and record trainings. Office and zone operators only; a zone operator sees and acts on their zone.
/// </summary>
public sealed class PoolModel(GaoxinDb db, EnterpriseRules rules, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Zone { get; set; }
    [BindProperty(SupportsGet = true)] public string? Stage { get; set; }
    public string? OwnZone { get; private set; }
    public string? Notice { get; private set; }
    public Dictionary<string, string> ZoneNames { get; private set; } = [];
    public List<(string Zone, ReserveStage Stage, int Count)> Pipeline { get; private set; } = [];
    public List<PoolListItem> Members { get; private set; } = [];
    public ReservePoolRuleSet Rules => rules.ReservePool;
    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var who = User.Caller();
        if (!await LoadAsync(who, ct)) return Forbid();
        return Page();
    }

    private async Task<bool> LoadAsync(Core.Collection.Principal who, CancellationToken ct)
    {
        var (allowed, own) = EnterpriseStore.Scope(who);
        if (!allowed) return false;
        OwnZone = own;
        if (own is not null) Zone = own;
        var zone = string.IsNullOrEmpty(Zone) ? null : Zone;
        ZoneNames = await ZoneRegistry.NamesAsync(db, z => Shared.Text.T(z.Name, z.NameEn), ct);
        Pipeline = await ReservePoolStore.PipelineAsync(db, zone, ct);
        Members = await ReservePoolStore.ListAsync(db, zone, PoolMapping.Stage(Stage), ct);
        return true;
    }

    public string ZoneName(string code) => ZoneNames.GetValueOrDefault(code, code);

    public string StageName(ReserveStage stage) => Rules.Stages.FirstOrDefault(s => s.Stage == stage) is { } info
        ? Shared.Text.T(info.Name, info.NameEn) : EnterpriseWire.Name(stage);

    public IReadOnlyList<ReserveStage> Next(ReserveStage stage) => ReservePool.Next(Rules, stage);

    /// <summary>Trainings are recorded for enterprises in the pool (入库, 已培训, 已申报).</summary>
    public bool TakesTraining(ReserveStage stage) => ReservePoolCounts.IsInPool(stage);

    private async Task<IActionResult> AfterAsync(Core.Collection.Principal who, PoolOutcome outcome, string done, CancellationToken ct)
    {
        if (outcome.Error == "forbidden") return Forbid();
        if (outcome.Done)
        {
            TempData["notice"] = done;
            return RedirectToPage(new { zone = OwnZone is null ? Zone : null, stage = Stage });
        }
        if (!await LoadAsync(who, ct)) return Forbid();
        Notice = await NoticeAsync(outcome, ct);
        return Page();
    }

    /// <summary>A refused step in the page's language, naming the enterprise (the form's <c>creditCode</c>) by its name.</summary>
    private async Task<string> NoticeAsync(PoolOutcome outcome, CancellationToken ct)
    {
        var code = (RouteData.Values["creditCode"]?.ToString() ?? (Request.HasFormContentType ? Request.Form["creditCode"].ToString() : "")).Trim().ToUpperInvariant();
        var name = code.Length == 0 ? null
            : await db.Enterprises.AsNoTracking().Where(e => e.CreditCode == code).Select(e => e.Name).FirstOrDefaultAsync(ct);
        return PoolText.Describe(outcome, name, Rules, Shared.Text.IsEnglish);
    }

    public async Task<IActionResult> OnPostProposeAsync(string creditCode, string assessment, DateOnly? date, string? note, CancellationToken ct)
    {
        var who = User.Caller();
        var (hte, techSme, errors) = PoolAssessment.Read(rules, assessment ?? "", Today);
        if (errors.Count > 0)
            return await AfterAsync(who, PoolOutcome.Refused("invalid_input", string.Join("; ", errors.Select(EnterpriseChecks.Describe))), "", ct);
        var outcome = await ReservePoolStore.ProposeAsync(db, who, Rules, creditCode ?? "", hte, techSme, assessment!, date ?? Today, note, ReportStore.Via.Form, clock, ct);
        return await AfterAsync(who, outcome, Shared.Text.T($"{creditCode} 已列为候选({string.Join("、", outcome.Routes.Select(RouteName))})。", $"{creditCode} is now a candidate ({string.Join("; ", outcome.Routes.Select(RouteName))})."), ct);
    }

    /// <summary>
    /// A proposal made from the self-assessment form (its fields posted here by the form's "propose" button): the figures
    /// are kept as the JSON a pasted file would give, and judged by the same path.
    /// </summary>
    public async Task<IActionResult> OnPostProposeFormAsync(string creditCode, [Bind(Prefix = "Form")] HteForm form, DateOnly? date, string? note, CancellationToken ct)
    {
        var who = User.Caller();
        var problems = new List<EnterpriseInputError>();
        if (form.ToInput(problems) is not { } input)
            return await AfterAsync(who, PoolOutcome.Refused("invalid_input", string.Join(Shared.Text.T(";", "; "), problems.Select(p => $"{EnterpriseFormText.Label(p.Field)}{Shared.Text.T("：", ": ")}{EnterpriseFormText.Message(p)}"))), "", ct);
        return await OnPostProposeAsync(creditCode, HteInputJson.Write(input), date, note, ct);
    }

    /// <summary>An entry route's name in the reader's language (the rule file's id otherwise).</summary>
    public string RouteName(string id) => Rules.Entry.FirstOrDefault(r => r.Id == id) is { } route ? Shared.Text.T(route.Name, route.NameEn) : id;

    public async Task<IActionResult> OnPostMoveAsync(string creditCode, string to, DateOnly? date, string? note, CancellationToken ct)
    {
        var who = User.Caller();
        if (PoolMapping.Stage(to) is not { } stage)
            return await AfterAsync(who, PoolOutcome.Refused("unknown_stage", $"'{to}' is no stage."), "", ct);
        var outcome = await ReservePoolStore.MoveAsync(db, who, Rules, creditCode, stage, date ?? Today, note, ReportStore.Via.Form, clock, ct);
        return await AfterAsync(who, outcome, Shared.Text.T($"{creditCode} 已转入“{StageName(stage)}”。", $"{creditCode} moved to “{StageName(stage)}”."), ct);
    }

    public async Task<IActionResult> OnPostTrainAsync(string creditCode, DateOnly? date, string? course, decimal? hours, string? provider, CancellationToken ct)
    {
        var who = User.Caller();
        var outcome = await ReservePoolStore.TrainAsync(db, who, Rules, creditCode, date ?? Today, course ?? "", hours, provider, ReportStore.Via.Form, clock, ct);
        return await AfterAsync(who, outcome, Shared.Text.T($"已记录 {creditCode} 的培训。", $"Training of {creditCode} recorded."), ct);
    }
}
