using Gaoxin.Core.Market;
using Gaoxin.Core.Portal;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Data;
using Gaoxin.Data.Market;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Market;

/// <summary>
/// /market/manage: the profiles a user keeps (an enterprise user their own, a zone operator their zone's, the office all)
/// with their steps, and the office's review queue. Each step goes through the same store as the API (<c>via = form</c>),
/// carrying the version the page showed.
/// </summary>
public sealed class ManageModel(GaoxinDb db, IndustryCatalog catalog, TimeProvider clock) : PageModel
{
    public IndustryCatalog Catalog => catalog;
    public List<MarketProfileView> Demands { get; private set; } = [];
    public List<MarketProfileView> Achievements { get; private set; } = [];
    public List<MarketProfileView> Queue { get; private set; } = [];
    public IReadOnlyList<ZoneSummary> Zones { get; private set; } = [];
    public IReadOnlyList<InstitutionView> Institutions { get; private set; } = [];
    public bool IsOffice { get; private set; }
    public string? Message { get; private set; }
    public IReadOnlyList<MarketProblem> Problems { get; private set; } = [];

    /// <summary>Rows of each kept list per page: the office keeps every profile of the province, thousands with the demo data.</summary>
    public const int PageSize = 50;

    /// <summary>The page of the kept lists (<c>?p=N</c>, from 1), newest first.</summary>
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    /// <summary>How many pages the longer of the two kept lists fills.</summary>
    public int PageCount { get; private set; } = 1;

    [BindProperty] public DemandRequest Demand { get; set; } = new(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    [BindProperty] public AchievementRequest Achievement { get; set; } = new(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    private async Task LoadAsync(CancellationToken ct)
    {
        var who = User.Caller();
        var now = clock.GetUtcNow();
        IsOffice = who.IsAdmin;
        Demands = await MarketStore.KeptByAsync(db, MarketSide.Demand, who, now, ct);
        Achievements = await MarketStore.KeptByAsync(db, MarketSide.Achievement, who, now, ct);
        PageCount = Math.Max(1, (Math.Max(Demands.Count, Achievements.Count) + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Demands = Demands.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        Achievements = Achievements.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        if (IsOffice)
            Queue = [.. await MarketStore.InReviewAsync(db, MarketSide.Demand, now, ct), .. await MarketStore.InReviewAsync(db, MarketSide.Achievement, now, ct)];
        Zones = (await ZoneRegistry.ListAsync(db, ct)).Where(z => who.Role != Core.Collection.Roles.ZoneOperator || z.Code == who.Zone).ToList();
        Institutions = await MarketInstitutions.ListAsync(db, ct);
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateDemandAsync(CancellationToken ct)
    {
        var (_, refused) = await MarketStore.CreateAsync(db, User.Caller(), Demand.ToInput(), catalog, MarketStore.Via.Form, clock, ct);
        return await AnswerAsync(refused, ct);
    }

    public async Task<IActionResult> OnPostCreateAchievementAsync(CancellationToken ct)
    {
        Achievement = WithModes(Achievement, Request.Form);
        var (_, refused) = await MarketStore.CreateAsync(db, User.Caller(), Achievement.ToInput(), catalog, MarketStore.Via.Form, clock, ct);
        return await AnswerAsync(refused, ct);
    }

    public async Task<IActionResult> OnPostStepAsync(string side, int id, int? version, string step, string? comment, DateOnly? validUntil, CancellationToken ct)
    {
        if (MarketPages.SideOf(side) is not { } s) return BadRequest();
        var who = User.Caller();
        MarketRefusal? refused;
        if (step == "renew") refused = await MarketStore.RenewAsync(db, who, s, id, version, validUntil, MarketStore.Via.Form, clock, ct);
        else if (Publication.ActionOf(step) is { } action)
            refused = await MarketStore.StepAsync(db, who, s, id, version, action, null, comment, MarketStore.Via.Form, clock, ct);
        else return BadRequest();
        return await AnswerAsync(refused, ct);
    }

    /// <summary>The cooperation modes ticked on the form (one value per box), as the comma-separated list the store reads.</summary>
    public static AchievementRequest WithModes(AchievementRequest request, IFormCollection form) =>
        form.TryGetValue("Achievement.CooperationModes", out var modes) ? request with { CooperationModes = string.Join(",", modes.OfType<string>()) } : request;

    private async Task<IActionResult> AnswerAsync(MarketRefusal? refused, CancellationToken ct)
    {
        if (refused is null) return RedirectToPage();
        if (refused.Code is "forbidden") return Forbid();
        if (refused.Code is "not_found") return NotFound();
        Response.StatusCode = refused.Code is "stale_version" || refused.Code.StartsWith("publication_", StringComparison.Ordinal)
            ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        Message = MarketWords.Refusal(refused.Code);
        Problems = refused.Problems;
        await LoadAsync(ct);
        return Page();
    }
}
