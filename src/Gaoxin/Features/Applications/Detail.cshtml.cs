using Gaoxin.Core.Applications;
using Gaoxin.Core.Collection;
using Gaoxin.Data;
using Gaoxin.Data.Applications;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Experts;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Applications;

/// <summary>
/// /applications/{id}: an application's form, its checklist result, its expert panel (scores sealed until the panel closes)
/// and its steps; the office takes the next step here (check, send to experts, close the review, approve or reject, record
/// the ministry's approval).
/// </summary>
public sealed class DetailModel(GaoxinDb db, Checklists checklists, TimeProvider clock) : PageModel
{
    public ApplicationView Application { get; private set; } = null!;
    public IReadOnlyList<ConditionResult> Conditions { get; private set; } = [];
    public bool? ConditionsMet { get; private set; }
    public List<PanelView> Panels { get; private set; } = [];
    public List<string> Experts { get; private set; } = [];
    public Dictionary<string, DataElement> Elements { get; private set; } = [];
    public Principal Who { get; private set; } = null!;
    public string? Message { get; private set; }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        Who = User.Caller();
        if ((await ApplicationStore.ListAsync(db, Who, id, null, ct)).FirstOrDefault() is not { } a) return false;
        Application = a;
        Conditions = ApplicationRules.Evaluate(checklists.Of(a.Kind), a.Figures.ToDictionary(f => f.Element, f => f.Value));
        ConditionsMet = ApplicationRules.AllMet(Conditions);
        Panels = await ExpertStore.ListAsync(db, Who, null, id, ct);
        Experts = Who.IsAdmin ? await ExpertStore.ExpertsAsync(db, ct) : [];
        Elements = (await DataSetStore.GetAsync(db, ct)).Elements.ToDictionary(e => e.Code);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostStepAsync(long id, string? step, int? version, string? comment, string? act, DateOnly? effectiveOn,
        List<string>? members, int? trim, CancellationToken ct)
    {
        var refused = ApplicationRules.ParseAction(step) is { } action
            ? await ApplicationStore.StepAsync(db, User.Caller(), id, action, new ApplicationStepInput(version, comment, act, effectiveOn, members, trim),
                checklists.All, "form", clock, ct)
            : "unknown_step";
        if (refused is null) return Redirect($"/applications/{id}");
        if (refused is "forbidden") return Forbid();
        if (refused is "not_found" || !await LoadAsync(id, ct)) return NotFound();
        Message = ApplicationsText.Refusal(refused);
        return Page();
    }

    public bool Can(ApplicationAction action) => Who.IsAdmin && ApplicationRules.Check(Application.Kind, Application.State, action, Who) is null;
}
