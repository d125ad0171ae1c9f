using Gaoxin.Core.Collection;
using Gaoxin.Core.Policies;
using Gaoxin.Core.Portal;
using Gaoxin.Data;
using Gaoxin.Data.News;
using Gaoxin.Data.Policies;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Policies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Features.News;

/// <summary>/news/manage/{id}: edit an item, upload its images, and take it through review and publication.</summary>
public sealed class EditModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    [BindProperty] public NewsForm Form { get; set; } = new();
    public NewsRecord Item { get; private set; } = null!;
    public List<ZoneSummary> Zones { get; private set; } = [];
    public List<long> Images { get; private set; } = [];
    public Principal Who => User.Caller();
    public string? Refusal { get; private set; }
    public PublicationStage Stage => Publication.StageAt(Item.State, Item.ReleaseAt, Item.ExpiresAt, clock.GetUtcNow());

    private async Task<bool> LoadAsync(long id, bool keepForm, CancellationToken ct)
    {
        if (await NewsStore.GetForEditorAsync(db, Who, id, ct) is not { } item) return false;
        Item = item;
        if (!keepForm) Form = NewsForm.Of(item);
        Zones = (await ZoneRegistry.ListAsync(db, ct)).Where(z => Who.IsAdmin || Who.Zone == z.Code).ToList();
        Images = await db.NewsImages.Where(i => i.NewsId == id).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, false, ct) ? Page() : NotFound();

    private async Task<IActionResult> AfterAsync(long id, string? refused, bool keepForm, CancellationToken ct)
    {
        if (refused is null) return Redirect($"/news/manage/{id}");
        if (!await LoadAsync(id, keepForm, ct)) return NotFound();
        Refusal = PolicyText.Refusal(refused);
        Response.StatusCode = PolicyText.StatusOf(refused);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(long id, CancellationToken ct) =>
        await AfterAsync(id, await NewsStore.EditAsync(db, Who, id, Form.ToInput(), clock, ct), keepForm: true, ct);

    public async Task<IActionResult> OnPostStepAsync(long id, string step, string? releaseAt, string? comment, CancellationToken ct)
    {
        var refused = Publication.ActionOf(step) is { } action
            ? await NewsStore.StepAsync(db, Who, id, action, Policies.EditModel.ChinaTime(releaseAt), comment, clock, ct)
            : "not_found";
        return await AfterAsync(id, refused, keepForm: false, ct);
    }

    public async Task<IActionResult> OnPostImageAsync(long id, IFormFile? file, string? altText, CancellationToken ct)
    {
        string? refused;
        if (file is null) refused = "file_required";
        else if (file.Length > UploadedFileTypes.MaxImageBytes) refused = "file_too_large";
        else
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            (_, refused) = await NewsStore.AddImageAsync(db, Who, id, buffer.ToArray(), altText, clock, ct);
        }
        return await AfterAsync(id, refused, keepForm: false, ct);
    }
}
