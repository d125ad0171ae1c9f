using Gaoxin.Core.Market;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Data;
using Gaoxin.Data.Market;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Market.Deals;

/// <summary>What the contract form posts (outcomes one per line).</summary>
public sealed class ContractForm
{
    public string? Type { get; set; }
    public string? Title { get; set; }
    public string? Buyer { get; set; }
    public string? BuyerCreditCode { get; set; }
    public string? Seller { get; set; }
    public string? SellerCreditCode { get; set; }
    public decimal? AmountWan { get; set; }
    public DateOnly? Signed { get; set; }
    public string? RegistrationNumber { get; set; }
    public string? Zone { get; set; }
    public string? Field { get; set; }
    public int? IntroductionId { get; set; }
    public int? DemandId { get; set; }
    public int? AchievementId { get; set; }
    public string? KeyTechnologies { get; set; }
    public string? NewProducts { get; set; }

    private static IReadOnlyList<string> Lines(string? text) =>
        text is null ? [] : text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public ContractInput ToInput() => new(Type, Title, Buyer, BuyerCreditCode, null, Seller, SellerCreditCode, null, AmountWan, Signed, RegistrationNumber, Zone,
        Field, IntroductionId, DemandId, AchievementId, Lines(KeyTechnologies), Lines(NewProducts));
}

/// <summary>
/// /market/deals: the introductions and technology contracts a zone's technology-transfer service keeps (the office: all) —
/// open an introduction, add notes, close it; record a contract; the office approves or returns. Each form goes through the
/// same stores as the API (audited with <c>via = form</c>) and carries the record's version, so a stale form is refused.
/// </summary>
public sealed class IndexModel(GaoxinDb db, IndustryCatalog catalog, TimeProvider clock) : PageModel
{
    public IndustryCatalog Catalog => catalog;
    public List<IntroductionView> Introductions { get; private set; } = [];
    public List<ContractView> Contracts { get; private set; } = [];
    public List<InterestView> Interests { get; private set; } = [];
    public List<ZoneSummary> Zones { get; private set; } = [];
    public string? Message { get; private set; }
    public bool IsOffice { get; private set; }
    public int? Year { get; private set; }
    public int ContractCount { get; private set; }

    [BindProperty] public ContractForm Contract { get; set; } = new();

    private async Task LoadAsync(int? year, CancellationToken ct)
    {
        var who = User.Caller();
        IsOffice = who.IsAdmin;
        Year = year;
        Introductions = await IntroductionStore.ListAsync(db, who, null, ct);
        // Those waiting for a step first; then the newest (30 without a year, every one of a year asked for, up to 500).
        var all = await ContractStore.ListAsync(db, who, year, null, ct);
        Contracts = all.Where(c => c.State is ContractState.Recorded or ContractState.Returned)
            .Concat(all.Where(c => c.State is ContractState.Approved or ContractState.Superseded).Take(year is null ? 30 : 500)).ToList();
        ContractCount = all.Count;
        Interests = (await IntroductionStore.InterestsAsync(db, who, ct)).Take(50).ToList();
        Zones = (await ZoneRegistry.ListAsync(db, ct)).Where(z => who.IsAdmin || z.Code == who.Zone).ToList();
    }

    public async Task OnGetAsync(int? year, CancellationToken ct) => await LoadAsync(year, ct);

    private IReadOnlySet<string> Fields => catalog.Industries.Select(i => i.Code).ToHashSet();

    public async Task<IActionResult> OnPostRecordAsync(CancellationToken ct)
    {
        var who = User.Caller();
        var input = Contract.ToInput() with { Zone = string.IsNullOrEmpty(Contract.Zone) ? who.Zone : Contract.Zone };
        var (_, refused) = await ContractStore.RecordAsync(db, who, input, Fields, ContractStore.Via.Form, clock, ct);
        return await AnswerAsync(refused, ct);
    }

    public async Task<IActionResult> OnPostStepAsync(int id, int version, string step, string? comment, CancellationToken ct)
    {
        ContractAction? action = step switch { "approve" => ContractAction.Approve, "return" => ContractAction.Return, _ => null };
        if (action is null) return BadRequest();
        return await AnswerAsync(await ContractStore.StepAsync(db, User.Caller(), id, version, action.Value, comment, ContractStore.Via.Form, clock, ct), ct);
    }

    public async Task<IActionResult> OnPostOpenAsync(int? demandId, int? achievementId, string? partyName, string? zone, string? note, CancellationToken ct)
    {
        var (_, refused) = await IntroductionStore.OpenAsync(db, User.Caller(), demandId, achievementId, partyName, zone, note, ContractStore.Via.Form, clock, ct);
        return await AnswerAsync(refused, ct);
    }

    public async Task<IActionResult> OnPostNoteAsync(int id, int version, string? text, CancellationToken ct) =>
        await AnswerAsync(await IntroductionStore.AddNoteAsync(db, User.Caller(), id, version, text, ContractStore.Via.Form, clock, ct), ct);

    public async Task<IActionResult> OnPostCloseAsync(int id, int version, string? outcome, string? contracts, string? reason, CancellationToken ct)
    {
        var ids = (contracts ?? "").Split([',', '，', ' ', '、'], StringSplitOptions.RemoveEmptyEntries)
            .Select(t => int.TryParse(t, out var n) ? n : -1).ToList();
        return await AnswerAsync(await IntroductionStore.CloseAsync(db, User.Caller(), id, version, outcome == "deal", ids, reason, ContractStore.Via.Form, clock, ct), ct);
    }

    private async Task<IActionResult> AnswerAsync(string? refused, CancellationToken ct)
    {
        if (refused is "forbidden") return Forbid();
        if (refused is "not_found") return NotFound();
        if (refused is null) return RedirectToPage();
        Response.StatusCode = DealsText.Status(refused);
        Message = DealsText.Refusal(refused);
        await LoadAsync(null, ct);
        return Page();
    }
}
