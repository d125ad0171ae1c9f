using Gaoxin.Core.Collection;
using Gaoxin.Core.Portal;
using Gaoxin.Data;
using Gaoxin.Data.News;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Policies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.News;

/// <summary>The news form as posted (management pages).</summary>
public sealed class NewsForm
{
    public string? Title { get; set; }
    public string? Kind { get; set; }
    public string? Summary { get; set; }
    public string? BodyHtml { get; set; }
    public string? Zone { get; set; }

    public NewsInput ToInput() => new(Title, Kind, Summary, BodyHtml, Zone);

    public static NewsForm Of(NewsRecord n) => new() { Title = n.Title, Kind = n.Kind, Summary = n.Summary, BodyHtml = n.BodyHtml, Zone = n.Zone };
}

/// <summary>/news/manage: the items the signed-in office or zone operator keeps, with their stage, and a form for a new one.</summary>
public sealed class ManageModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    [BindProperty] public NewsForm Form { get; set; } = new();
    public List<NewsRecord> Items { get; private set; } = [];
    public List<ZoneSummary> Zones { get; private set; } = [];
    public Principal Who => User.Caller();
    public string? Refusal { get; private set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        Items = await NewsStore.EditorListAsync(db, Who, ct);
        Zones = (await ZoneRegistry.ListAsync(db, ct)).Where(z => Who.IsAdmin || Who.Zone == z.Code).ToList();
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!Who.IsAdmin) Form.Zone = Who.Zone;
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var (id, refused) = await NewsStore.CreateAsync(db, Who, Form.ToInput(), clock, ct);
        if (refused is null) return Redirect($"/news/manage/{id}");
        Refusal = PolicyText.Refusal(refused);
        Response.StatusCode = PolicyText.StatusOf(refused);
        await LoadAsync(ct);
        return Page();
    }

    public PublicationStage StageOf(NewsRecord n) => Publication.StageAt(n.State, n.ReleaseAt, n.ExpiresAt, clock.GetUtcNow());
}
