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
/// One demand or achievement with the other side's ranked matches and their reasons. Contacts only for signed-in users;
/// a profile that is not public is a 404 except to those who may write it.
/// </summary>
public sealed class DetailModel(GaoxinDb db, ReadCache cache, IndustryCatalog catalog, TimeProvider clock) : PageModel
{
    public IndustryCatalog Catalog => catalog;
    public MarketProfileView Profile { get; private set; } = null!;
    public string Segment { get; private set; } = "";
    public string OtherSegment { get; private set; } = "";
    public IReadOnlyList<MarketMatch> Matches { get; private set; } = [];
    public Dictionary<string, ZoneSummary> Zones { get; private set; } = [];
    public string? InstitutionName { get; private set; }
    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public async Task<IActionResult> OnGetAsync(string side, int id, CancellationToken ct)
    {
        if (MarketPages.SideOf(side) is not { } s) return NotFound();
        var now = clock.GetUtcNow();
        if (await MarketStore.GetAsync(db, s, User.ToPrincipal(), id, now, ct) is not { } profile) return NotFound();
        (Profile, Segment, OtherSegment) = (profile, side, s == MarketSide.Demand ? "achievements" : "demands");
        Zones = await MarketPages.ZonesAsync(db, ct);
        if (profile.InstitutionId is { } institution)
            InstitutionName = (await MarketInstitutions.ListAsync(db, ct)).FirstOrDefault(i => i.Id == institution)?.Name;
        Matches = await MarketMatching.MatchAsync(cache, db, profile, catalog, now, 10, ct);
        return Page();
    }
}
