using Gaoxin.Core.Cases;
using Gaoxin.Data;
using Gaoxin.Data.Rectification;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Steps = Gaoxin.Core.Cases.RectificationWorkflow.Steps;

namespace Gaoxin.Features.Cases;

/// <summary>
/// /cases/{id}: a case's timeline of dated, signed steps, its documents and deadlines, and the forms of the steps the viewer may
/// take next — the office's (notice, plan review, re-check, appeal decision) and the zone's (plan, progress, appeal) each their own.
/// Every form carries the case's version: a stale one is refused and nothing changes.
/// </summary>
public sealed class DetailModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    public CaseView Case { get; private set; } = null!;
    public IReadOnlyList<string> NextSteps { get; private set; } = [];
    public IReadOnlyList<long> Appeals { get; private set; } = [];
    public string ZoneName { get; private set; } = "";
    /// <summary>The decision the zone may still appeal (a returned plan, a failed re-check, within 15 days), or null.</summary>
    public CaseStepView? Appealable { get; private set; }
    public string? Message { get; private set; }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var who = User.Caller();
        if (await RectificationStore.GetAsync(db, who, id, Today, ct) is not { } c) return false;
        Case = c;
        NextSteps = CasesApi.NextSteps(c, who);
        Appeals = await RectificationStore.AppealsOfAsync(db, id, ct);
        ZoneName = (await ZoneRegistry.NamesAsync(db, z => Shared.Text.T(z.Name, z.NameEn), ct)).GetValueOrDefault(c.Zone, c.Zone);
        var decided = c.Steps.LastOrDefault(s => s.Step is Steps.PlanReview or Steps.Recheck);
        if (c.Kind == CaseKind.Rectification && decided is not null && RectificationStore.ActorOf(who, c.Zone) == CaseActor.Zone
            && RectificationWorkflow.CheckAppeal(decided.Step, decided.Decision, decided.Date, Today, c.Steps.Any(s => s.Step == Steps.Appeal && s.Date >= decided.Date), CaseActor.Zone) is null)
            Appealable = decided;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostStepAsync(long id, string? step, string? decision, string? comment, string? measures, string? responsible,
        string? deadlines, int? version, CancellationToken ct)
    {
        var content = new Dictionary<string, string>();
        if (!string.IsNullOrWhiteSpace(measures)) content["measures"] = measures;
        if (!string.IsNullOrWhiteSpace(responsible)) content["responsible"] = responsible;
        if (!string.IsNullOrWhiteSpace(deadlines)) content["deadlines"] = deadlines;
        var refused = await RectificationStore.StepAsync(db, User.Caller(), id, new CaseStepInput(step, decision, comment, content, version),
            RectificationStore.Via.Form, clock, ct);
        return await AfterAsync(id, refused, ct);
    }

    public async Task<IActionResult> OnPostAppealAsync(long id, string? comment, int? version, CancellationToken ct)
    {
        var (appeal, refused) = await RectificationStore.AppealAsync(db, User.Caller(), id, version, comment, RectificationStore.Via.Form, clock, ct);
        return refused is null ? Redirect($"/cases/{appeal}") : await AfterAsync(id, refused, ct);
    }

    public async Task<IActionResult> OnPostAttachAsync(long id, IFormFile? file, long? stepId, CancellationToken ct)
    {
        string? refused = "file_empty";
        if (file is { Length: > 0 and <= RectificationStore.MaxDocumentBytes })
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            (_, refused) = await RectificationStore.AttachAsync(db, User.Caller(), id, stepId, file.FileName, file.ContentType, buffer.ToArray(), clock, ct);
        }
        else if (file is { Length: > RectificationStore.MaxDocumentBytes }) refused = "file_too_large";
        return await AfterAsync(id, refused, ct);
    }

    private async Task<IActionResult> AfterAsync(long id, string? refused, CancellationToken ct)
    {
        if (refused is null) return Redirect($"/cases/{id}");
        if (!await LoadAsync(id, ct)) return NotFound();
        Message = CasesText.Refusal(refused);
        Response.StatusCode = CasesText.StatusOf(refused) == 404 ? 404 : 200;
        return Page();
    }
}
