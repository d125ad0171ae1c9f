using Gaoxin.Core.Portal;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Data;
using Gaoxin.Data.Investment;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Investment;

/// <summary>
/// The projects a zone's operator keeps (the office: all): add a draft, submit it; the office publishes, returns with a
/// comment or withdraws. Each step goes through the same store as the API, audited with <c>via = form</c>.
/// </summary>
public sealed class ManageModel(GaoxinDb db, IndustryCatalog catalog, TimeProvider clock) : PageModel
{
    public IndustryCatalog Catalog => catalog;
    public List<InvestmentProjectView> Projects { get; private set; } = [];
    public List<ZoneSummary> Zones { get; private set; } = [];
    public string? Message { get; private set; }
    public bool IsOffice { get; private set; }

    [BindProperty] public InvestmentProjectRequest Input { get; set; } = new(null, null, null, null, null, null, "cooperation", null, null, null, null, null);

    private async Task LoadAsync(CancellationToken ct)
    {
        var who = User.Caller();
        IsOffice = who.IsAdmin;
        Projects = await InvestmentStore.KeptByAsync(db, who, clock.GetUtcNow(), ct);
        Zones = (await ZoneRegistry.ListAsync(db, ct)).Where(z => who.IsAdmin || z.Code == who.Zone).ToList();
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var who = User.Caller();
        var input = Input with { Zone = string.IsNullOrEmpty(Input.Zone) ? (who.IsAdmin ? null : who.Zone) : Input.Zone };
        var (_, refused) = await InvestmentStore.CreateAsync(db, who, input.ToInput(), catalog.Industries.Select(i => i.Code).ToHashSet(), InvestmentStore.Via.Form, clock, ct);
        return await AnswerAsync(refused, ct);
    }

    public async Task<IActionResult> OnPostStepAsync(int id, string step, string? comment, CancellationToken ct)
    {
        var action = Publication.ActionOf(step);
        if (action is null) return BadRequest();
        var refused = await InvestmentStore.StepAsync(db, User.Caller(), id, action.Value, null, comment, InvestmentStore.Via.Form, clock, ct);
        return await AnswerAsync(refused, ct);
    }

    private async Task<IActionResult> AnswerAsync(string? refused, CancellationToken ct)
    {
        if (refused is "forbidden") return Forbid();
        if (refused is "not_found") return NotFound();
        if (refused is null) return RedirectToPage();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        Message = InvestmentText.Refusal(refused);
        await LoadAsync(ct);
        return Page();
    }
}
