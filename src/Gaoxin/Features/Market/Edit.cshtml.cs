using Gaoxin.Core.Collection;
using Gaoxin.Core.Market;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Data;
using Gaoxin.Data.Market;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Market;

/// <summary>
/// /market/manage/{side}/{id}: change a draft or withdrawn profile one may write; the form carries the version it showed, so a
/// change made meanwhile by someone else is refused (409) instead of overwritten.
/// </summary>
public sealed class EditModel(GaoxinDb db, IndustryCatalog catalog, TimeProvider clock) : PageModel
{
    public MarketForm Form { get; private set; } = null!;
    public MarketSide Side { get; private set; }
    public int Version { get; private set; }
    public string? Message { get; private set; }
    public IReadOnlyList<MarketProblem> Problems { get; private set; } = [];
    [BindProperty] public DemandRequest? Demand { get; set; }
    [BindProperty] public AchievementRequest? Achievement { get; set; }

    private async Task<IActionResult?> LoadAsync(string side, int id, bool fromStore, CancellationToken ct)
    {
        if (MarketPages.SideOf(side) is not { } s) return NotFound();
        var who = User.Caller();
        var profile = await MarketStore.GetAsync(db, s, who, id, clock.GetUtcNow(), ct);
        if (profile is null) return NotFound();
        if (!MarketWorkflow.MayWrite(who, profile.Owner, profile.Zone)) return Forbid();
        Side = s;
        if (fromStore)
        {
            Version = profile.Version;
            if (s == MarketSide.Demand)
                Demand = new(profile.Title, profile.Text, profile.Field, string.Join(",", profile.Keywords), profile.Zone, profile.EnterpriseName, profile.Contact.CreditCode,
                    profile.BudgetMinWan, profile.BudgetMaxWan, profile.Deadline, profile.Contact.Name, profile.Contact.Phone, profile.Contact.Email, profile.ValidUntil, profile.Version);
            else
                Achievement = new(profile.Title, profile.Text, profile.Field, string.Join(",", profile.Keywords), profile.Zone, profile.Maturity, profile.Trl, profile.IpStatus,
                    profile.IpNumbers, string.Join(",", profile.CooperationModes), profile.PriceMinWan, profile.PriceMaxWan, profile.InstitutionId, profile.OwnerName,
                    profile.Region, profile.Contact.Name, profile.Contact.Phone, profile.Contact.Email, profile.ValidUntil, profile.Version);
        }
        var zones = (await ZoneRegistry.ListAsync(db, ct)).Where(z => who.Role != Roles.ZoneOperator || z.Code == who.Zone).ToList();
        Form = new MarketForm(Demand, Achievement, catalog, zones, await MarketInstitutions.ListAsync(db, ct));
        return null;
    }

    public async Task<IActionResult> OnGetAsync(string side, int id, CancellationToken ct) => await LoadAsync(side, id, fromStore: true, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string side, int id, int? version, CancellationToken ct)
    {
        if (MarketPages.SideOf(side) is not { } s) return NotFound();
        var input = s == MarketSide.Demand ? (Demand ?? new DemandRequest(null, null, null, null, null, null, null, null, null, null, null, null, null, null)).ToInput()
            : ManageModel.WithModes(Achievement ?? new AchievementRequest(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null), Request.Form).ToInput();
        var refused = await MarketStore.UpdateAsync(db, User.Caller(), id, version, input, catalog, MarketStore.Via.Form, clock, ct);
        if (refused is null) return Redirect("/market/manage");
        if (refused.Code is "forbidden") return Forbid();
        if (refused.Code is "not_found") return NotFound();
        Response.StatusCode = refused.Code is "stale_version" || refused.Code.StartsWith("publication_", StringComparison.Ordinal) ? 409 : 422;
        Message = MarketWords.Refusal(refused.Code);
        Problems = refused.Problems;
        if (s == MarketSide.Achievement) Achievement = ManageModel.WithModes(Achievement!, Request.Form);
        Version = version ?? 0;
        return await LoadAsync(side, id, fromStore: false, ct) ?? Page();
    }
}
