using System.Globalization;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Portal;
using Gaoxin.Data;
using Gaoxin.Data.Policies;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Policies;

/// <summary>/policies/manage/{id}: edit a policy, attach files, and take it through review and publication.</summary>
public sealed class EditModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    [BindProperty] public PolicyForm Form { get; set; } = new();
    public PolicyRecord Policy { get; private set; } = null!;
    public List<ZoneSummary> Zones { get; private set; } = [];
    public List<(long Id, string FileName, string ContentType, long Size)> Attachments { get; private set; } = [];
    public Principal Who => User.Caller();
    public string? Refusal { get; private set; }
    public PublicationStage Stage => Publication.StageAt(Policy.State, Policy.ReleaseAt, Policy.ExpiresAt, clock.GetUtcNow());

    private async Task<bool> LoadAsync(string id, bool keepForm, CancellationToken ct)
    {
        if (await PolicyStore.GetForEditorAsync(db, Who, id, ct) is not { } policy) return false;
        Policy = policy;
        if (!keepForm) Form = PolicyForm.Of(policy);
        Zones = (await ZoneRegistry.ListAsync(db, ct)).Where(z => Who.IsAdmin || Who.Zone == z.Code).ToList();
        Attachments = await PolicyStore.AttachmentsAsync(db, id, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) => await LoadAsync(id, false, ct) ? Page() : NotFound();

    private async Task<IActionResult> AfterAsync(string id, string? refused, bool keepForm, CancellationToken ct)
    {
        if (refused is null) return Redirect($"/policies/manage/{Uri.EscapeDataString(id)}");
        if (!await LoadAsync(id, keepForm, ct)) return NotFound();
        Refusal = PolicyText.Refusal(refused);
        Response.StatusCode = PolicyText.StatusOf(refused);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string id, CancellationToken ct)
    {
        var refused = Form.ToInput(out var bad) is { } input ? await PolicyStore.EditAsync(db, Who, id, input, clock, ct) : bad;
        return await AfterAsync(id, refused, keepForm: true, ct);
    }

    public async Task<IActionResult> OnPostStepAsync(string id, string step, string? releaseAt, string? comment, CancellationToken ct)
    {
        var refused = Publication.ActionOf(step) is { } action
            ? await PolicyStore.StepAsync(db, Who, id, action, ChinaTime(releaseAt), comment, clock, ct)
            : "not_found";
        return await AfterAsync(id, refused, keepForm: false, ct);
    }

    public async Task<IActionResult> OnPostAttachAsync(string id, IFormFile? file, CancellationToken ct)
    {
        string? refused;
        if (file is null) refused = "file_required";
        else if (file.Length > Core.Policies.UploadedFileTypes.MaxAttachmentBytes) refused = "file_too_large";
        else
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            (_, refused) = await PolicyStore.AttachAsync(db, Who, id, file.FileName, buffer.ToArray(), clock, ct);
        }
        return await AfterAsync(id, refused, keepForm: false, ct);
    }

    /// <summary>A date and time from a datetime-local field, read on the office's clock (China Standard Time).</summary>
    public static DateTimeOffset? ChinaTime(string? local) =>
        DateTime.TryParse(local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Unspecified), Publication.ChinaTime) : null;
}
