using Gaoxin.Data;
using Gaoxin.Data.Experts;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Experts;

/// <summary>
/// /experts: an expert's own items to score (the panels they sit on), the score form, and the conflict-of-interest declaration.
/// Another expert's score is not shown before the panel closes.
/// </summary>
public sealed class IndexModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    public List<PanelView> Panels { get; private set; } = [];
    public List<ConflictView> Conflicts { get; private set; } = [];
    public string? Message { get; private set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        var who = User.Caller();
        Panels = await ExpertStore.ListAsync(db, who, null, null, ct);
        Conflicts = await ExpertStore.ConflictsAsync(db, who, ct);
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostScoreAsync(long id, decimal? score, string? comment, CancellationToken ct) =>
        await AfterAsync(await ExpertStore.ScoreAsync(db, User.Caller(), id, score, comment, "form", clock, ct), ct);

    public async Task<IActionResult> OnPostConflictAsync(string? zone, string? reason, CancellationToken ct) =>
        await AfterAsync(await ExpertStore.DeclareConflictAsync(db, User.Caller(), zone, reason, "form", clock, ct), ct);

    private async Task<IActionResult> AfterAsync(string? refused, CancellationToken ct)
    {
        if (refused is null) return Redirect("/experts");
        if (refused is "forbidden") return Forbid();
        if (refused is "not_found") return NotFound();
        Message = ApplicationsText.Refusal(refused);
        await LoadAsync(ct);
        return Page();
    }
}
