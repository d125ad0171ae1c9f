using Gaoxin.Data;
using Gaoxin.Data.Experts;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Experts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Applications;

/// <summary>
/// /applications/panels (the office): every expert panel with its members and, once closed, its result; set up a panel for an
/// expert-score indicator of a model (zone and year) or for the mid-term review, and close an open panel. Application panels
/// are set up from the application's page.
/// </summary>
public sealed class PanelsModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    public List<PanelView> Panels { get; private set; } = [];
    public List<string> Experts { get; private set; } = [];
    public List<ConflictView> Conflicts { get; private set; } = [];
    public string? Message { get; private set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        var who = User.Caller();
        Panels = await ExpertStore.ListAsync(db, who, null, null, ct);
        Experts = await ExpertStore.ExpertsAsync(db, ct);
        Conflicts = await ExpertStore.ConflictsAsync(db, who, ct);
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(string? item, string? subject, string? zone, int? year, string? model, string? indicator, int? trim,
        List<string>? members, CancellationToken ct)
    {
        var element = item == PanelItems.Indicator ? await ExpertsApi.IndicatorElementAsync(db, model, indicator, ct) : null;
        var (_, refused) = await ExpertStore.CreateAsync(db, User.Caller(), new PanelInput(item, subject, zone, year, null, model, indicator, element, trim, members),
            "form", clock, ct);
        return await AfterAsync(refused, ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(long id, int? version, CancellationToken ct)
    {
        var (_, refused) = await ExpertStore.CloseAsync(db, User.Caller(), id, version, "form", clock, ct);
        return await AfterAsync(refused, ct);
    }

    private async Task<IActionResult> AfterAsync(string? refused, CancellationToken ct)
    {
        if (refused is null) return Redirect("/applications/panels");
        if (refused is "forbidden") return Forbid();
        if (refused is "not_found") return NotFound();
        Message = ApplicationsText.Refusal(refused);
        await LoadAsync(ct);
        return Page();
    }
}
