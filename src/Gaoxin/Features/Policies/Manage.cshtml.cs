using Gaoxin.Core.Collection;
using Gaoxin.Core.Policies;
using Gaoxin.Core.Portal;
using Gaoxin.Data;
using Gaoxin.Data.Policies;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Policies;

/// <summary>The policy form as posted (management pages).</summary>
public sealed class PolicyForm
{
    public string? Title { get; set; }
    public string? TitleEn { get; set; }
    public string? Kind { get; set; }
    public string? Issuer { get; set; }
    public string? DocumentNumber { get; set; }
    public string? Level { get; set; }
    public DateOnly? IssuedOn { get; set; }
    public DateOnly? InForceFrom { get; set; }
    public DateOnly? InForceUntil { get; set; }
    public string? AmendedBy { get; set; }
    public List<string> Zones { get; set; } = [];
    public List<string> TargetTypes { get; set; } = [];
    public string? Summary { get; set; }
    public string? FullText { get; set; }

    public PolicyInput? ToInput(out string? refused)
    {
        var level = PolicyApi.ParseLevel(Level, out var bad);
        refused = bad ? "unknown_level" : null;
        return bad ? null : new PolicyInput(Title, TitleEn, Kind, Issuer, DocumentNumber, level, IssuedOn, InForceFrom, InForceUntil, AmendedBy, Zones, TargetTypes, Summary, FullText);
    }

    public static PolicyForm Of(PolicyRecord p) => new()
    {
        Title = p.Title, TitleEn = p.TitleEn, Kind = p.Kind, Issuer = p.Issuer, DocumentNumber = p.DocumentNumber, Level = PolicyApi.LevelCode(p.Level),
        IssuedOn = p.IssuedOn, InForceFrom = p.InForceFrom, InForceUntil = p.InForceUntil, AmendedBy = p.AmendedBy, Zones = [.. p.ZoneList],
        TargetTypes = [.. p.TargetTypeList], Summary = p.Summary, FullText = p.FullText,
    };
}

/// <summary>/policies/manage: the policies the signed-in office or zone operator keeps, with their stage, and a form for a new one.</summary>
public sealed class ManageModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    [BindProperty] public PolicyForm Form { get; set; } = new();
    public List<PolicyRecord> Policies { get; private set; } = [];
    public List<ZoneSummary> Zones { get; private set; } = [];
    public Principal Who => User.Caller();
    public string? Refusal { get; private set; }
    public DateTimeOffset Now => clock.GetUtcNow();

    private async Task LoadAsync(CancellationToken ct)
    {
        Policies = await PolicyStore.EditorListAsync(db, Who, ct);
        Zones = (await ZoneRegistry.ListAsync(db, ct)).Where(z => Who.IsAdmin || Who.Zone == z.Code).ToList();
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!Who.IsAdmin && Who.Zone is { } zone) Form.Zones = [zone];
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var (id, refused) = Form.ToInput(out var bad) is { } input ? await PolicyStore.CreateAsync(db, Who, input, clock, ct) : (null, bad);
        if (refused is null) return Redirect($"/policies/manage/{Uri.EscapeDataString(id!)}");
        Refusal = PolicyText.Refusal(refused);
        Response.StatusCode = PolicyText.StatusOf(refused);
        await LoadAsync(ct);
        return Page();
    }

    public PublicationStage StageOf(PolicyRecord p) => Publication.StageAt(p.State, p.ReleaseAt, p.ExpiresAt, Now);
}
