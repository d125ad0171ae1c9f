using Gaoxin.Data;
using Gaoxin.Data.Market;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Market;

/// <summary>/market/institutions: universities, institutes and services on record, with 两院十校; the office adds and edits (audited).</summary>
public sealed class InstitutionsModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    public List<InstitutionView> Institutions { get; private set; } = [];
    public string? Message { get; private set; }
    [BindProperty] public InstitutionRequest Input { get; set; } = new(null, null, "university", null, null, null, null);

    public async Task OnGetAsync(CancellationToken ct) => Institutions = await MarketInstitutions.ListAsync(db, ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var (_, refused) = await MarketInstitutions.AddAsync(db, User.Caller(), Input.ToInput(), MarketStore.Via.Form, clock, ct);
        return await AnswerAsync(refused, ct);
    }

    public async Task<IActionResult> OnPostEditAsync(int id, CancellationToken ct) =>
        await AnswerAsync(await MarketInstitutions.EditAsync(db, User.Caller(), id, Input.ToInput(), MarketStore.Via.Form, clock, ct), ct);

    private async Task<IActionResult> AnswerAsync(string? refused, CancellationToken ct)
    {
        if (refused is null) return RedirectToPage();
        if (refused is "forbidden") return Forbid();
        if (refused is "not_found") return NotFound();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        Message = MarketWords.Refusal(refused);
        await OnGetAsync(ct);
        return Page();
    }
}
