using Gaoxin.Core.Market;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Data;
using Gaoxin.Data.Market;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Market;

/// <summary>A party of a contract on the wire.</summary>
public sealed record ContractPartyResponse(string Name, string? CreditCode, int? InstitutionId);

/// <summary>
/// A contract revision on the wire. <c>state</c>: recorded, returned, approved or superseded; <c>version</c> is what the next
/// change must send; <c>amountWan</c> is the technology transaction amount in 万元.
/// </summary>
public sealed record ContractResponse(int Id, string RegistrationNumber, int Revision, int? Revises, string State, string Type, string TypeName, string Title,
    ContractPartyResponse Buyer, ContractPartyResponse Seller, decimal AmountWan, string Signed, string Zone, string Field, int? IntroductionId, int? DemandId,
    int? AchievementId, IReadOnlyList<string> KeyTechnologies, IReadOnlyList<string> NewProducts, string? ReturnComment, int Version, bool IsDemo, string? ApprovedAt);

/// <summary>What a zone's operator or the office sends to record, change or correct a contract (<c>version</c>: the record's, for a change or a correction).</summary>
public sealed record ContractRequest(string? Type, string? Title, string? Buyer, string? BuyerCreditCode, int? BuyerInstitutionId, string? Seller,
    string? SellerCreditCode, int? SellerInstitutionId, decimal? AmountWan, DateOnly? Signed, string? RegistrationNumber, string? Zone, string? Field,
    int? IntroductionId, int? DemandId, int? AchievementId, IReadOnlyList<string>? KeyTechnologies, IReadOnlyList<string>? NewProducts, int? Version)
{
    public ContractInput ToInput() => new(Type, Title, Buyer, BuyerCreditCode, BuyerInstitutionId, Seller, SellerCreditCode, SellerInstitutionId, AmountWan,
        Signed, RegistrationNumber, Zone, Field, IntroductionId, DemandId, AchievementId, KeyTechnologies, NewProducts);
}

/// <summary>A workflow step: the version it is taken against, and the comment of a return.</summary>
public sealed record DealStepRequest(int? Version, string? Comment);

public sealed record CreatedResponse(int Id, int Version);

/// <summary>An expression of interest: <c>side</c> is demand or achievement.</summary>
public sealed record InterestRequest(string? Side, int? ProfileId, string? Message);

public sealed record InterestResponse(int Id, string Side, int ProfileId, string ProfileTitle, string Message, string Author, string CreatedAt, bool IsDemo);

/// <summary>An introduction to open: a demand and an achievement, or one of them and a named party; the office may name the zone it brokers for.</summary>
public sealed record IntroductionRequest(int? DemandId, int? AchievementId, string? PartyName, string? Zone, string? Note);

public sealed record NoteRequest(int? Version, string? Text);

/// <summary>Closing an introduction: <c>outcome</c> deal (with <c>contracts</c>) or no_deal (with <c>reason</c>).</summary>
public sealed record CloseRequest(int? Version, string? Outcome, IReadOnlyList<int>? Contracts, string? Reason);

public sealed record IntroductionNoteResponse(string At, string Author, string Text);

/// <summary>An introduction on the wire: <c>state</c> open, deal or no_deal.</summary>
public sealed record IntroductionResponse(int Id, int? DemandId, string? DemandTitle, int? AchievementId, string? AchievementTitle, string? PartyName, string? Zone,
    string State, string? Reason, IReadOnlyList<int> Contracts, IReadOnlyList<IntroductionNoteResponse> Notes, int Version, bool IsDemo, string CreatedAt, string? ClosedAt);

/// <summary>
/// /api/market/interests, /api/market/introductions and /api/market/contracts: brokering and technology contracts. Interests
/// for any signed-in account (the store refuses the office, which brokers instead); introductions and contracts for zone staff
/// (which zone: the store); approving and returning contracts for the office.
/// </summary>
public static class DealsApi
{
    public static void MapDealsApi(this RouteGroupBuilder api)
    {
        var interests = api.MapGroup("/market/interests").WithTags("Technology market: brokering").RequireApi(Access.SignedIn);
        interests.MapGet("/", InterestsAsync).WithName("ListMarketInterests").WithSummary("Interests you may read: your own, in your profiles, your zone's (the office: all)");
        interests.MapPost("/", ExpressInterestAsync).WithName("ExpressMarketInterest").WithSummary("Express interest in a public demand or achievement, with a message");

        var introductions = api.MapGroup("/market/introductions").WithTags("Technology market: brokering").RequireApi(Access.ZoneStaff);
        introductions.MapGet("/", ListIntroductionsAsync).WithName("ListMarketIntroductions").WithSummary("Introductions of your zone (the office: all)");
        introductions.MapGet("/{id:int}", GetIntroductionAsync).WithName("GetMarketIntroduction").WithSummary("One introduction with its notes and contracts");
        introductions.MapPost("/", OpenIntroductionAsync).WithName("OpenMarketIntroduction").WithSummary("Introduce a demand and an achievement (or one and a named party)");
        introductions.MapPost("/{id:int}/notes", AddNoteAsync).WithName("AddMarketIntroductionNote").WithSummary("Add a note to an open introduction");
        introductions.MapPost("/{id:int}/close", CloseAsync).WithName("CloseMarketIntroduction").WithSummary("Close with a deal (contracts) or without (reason)");

        var contracts = api.MapGroup("/market/contracts").WithTags("Technology market: contracts").Refuses(RefusalKind.NotFound, RefusalKind.Conflict, RefusalKind.Invalid);
        var keep = contracts.MapGroup("").RequireApi(Access.ZoneStaff);
        var decide = contracts.MapGroup("").RequireApi(Access.Office);
        keep.MapGet("/", ListContractsAsync).WithName("ListTechContracts").WithSummary("Contracts of your zone (the office: all), by signing year and state");
        keep.MapGet("/{id:int}", GetContractAsync).WithName("GetTechContract").WithSummary("One contract revision");
        keep.MapPost("/", RecordContractAsync).WithName("RecordTechContract").WithSummary("Record a contract for your zone; it counts once the office approves it");
        keep.MapPut("/{id:int}", UpdateContractAsync).WithName("EditTechContract").WithSummary("Change a recorded or returned contract (send its version)");
        keep.MapPost("/{id:int}/revisions", ReviseContractAsync).WithName("CorrectTechContract").WithSummary("Record a correction of an approved contract as a new revision");
        decide.MapPost("/{id:int}/approve", (int id, DealStepRequest? request, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
                StepAsync(id, ContractAction.Approve, request, c, db, clock, ct))
            .WithName("ApproveTechContract").WithSummary("Approve a recorded contract: it counts to its zone's turnover; its outcomes enter the registry");
        decide.MapPost("/{id:int}/return", (int id, DealStepRequest? request, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
                StepAsync(id, ContractAction.Return, request, c, db, clock, ct))
            .WithName("ReturnTechContract").WithSummary("Send a recorded contract back with a comment");
    }

    public static ProblemHttpResult Refused(string code) => Refusal.Of(DealsText.Kind(code), code, () => DealsText.Refusal(code)).ToResult();

    public static ContractResponse ToResponse(ContractView c) => new(c.Id, c.RegistrationNumber, c.Revision, c.RevisesId, ContractRules.Name(c.State), c.Type,
        DealsText.ContractType(c.Type), c.Title, new ContractPartyResponse(c.Buyer, c.BuyerCreditCode, c.BuyerInstitutionId),
        new ContractPartyResponse(c.Seller, c.SellerCreditCode, c.SellerInstitutionId), Json.Normalize(c.AmountWan), c.Signed.ToString("yyyy-MM-dd"), c.Zone, c.Field,
        c.IntroductionId, c.DemandId, c.AchievementId, c.KeyTechnologies, c.NewProducts, c.ReturnComment, c.Version, c.IsDemo, c.ApprovedAt?.ToString("O"));

    public static IntroductionResponse ToResponse(IntroductionView i) => new(i.Id, i.DemandId, i.DemandTitle, i.AchievementId, i.AchievementTitle, i.PartyName, i.Zone,
        ContractRules.Name(i.State), i.Reason, i.Contracts, i.Notes.Select(n => new IntroductionNoteResponse(n.At.ToString("O"), n.Author, n.Text)).ToList(),
        i.Version, i.IsDemo, i.CreatedAt.ToString("O"), i.ClosedAt?.ToString("O"));

    private static IReadOnlySet<string> Fields(IndustryCatalog catalog) => catalog.Industries.Select(i => i.Code).ToHashSet();

    private static MarketSide? SideOf(string? side) => side switch { "demand" => MarketSide.Demand, "achievement" => MarketSide.Achievement, _ => null };

    public static async Task<Ok<List<InterestResponse>>> InterestsAsync(HttpContext context, GaoxinDb db, CancellationToken ct) =>
        TypedResults.Ok((await IntroductionStore.InterestsAsync(db, await context.CallerAsync(), ct))
            .Select(i => new InterestResponse(i.Id, i.Side.ToString().ToLowerInvariant(), i.ProfileId, i.ProfileTitle, i.Message, i.Author, i.CreatedAt.ToString("O"), i.IsDemo)).ToList());

    public static async Task<Results<Created<CreatedResponse>, ProblemHttpResult>> ExpressInterestAsync(InterestRequest request, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct)
    {
        if (SideOf(request.Side) is not { } side) return Refused("profile_required");
        var (id, refused) = await IntroductionStore.ExpressInterestAsync(db, await context.CallerAsync(), side, request.ProfileId ?? 0, request.Message,
            ContractStore.Via.Api, clock, ct);
        return refused is not null ? Refused(refused) : TypedResults.Created($"/api/market/interests/{id}", new CreatedResponse(id!.Value, 1));
    }

    public static async Task<Ok<List<IntroductionResponse>>> ListIntroductionsAsync(HttpContext context, GaoxinDb db, CancellationToken ct) =>
        TypedResults.Ok((await IntroductionStore.ListAsync(db, await context.CallerAsync(), null, ct)).Select(ToResponse).ToList());

    public static async Task<Results<Ok<IntroductionResponse>, ProblemHttpResult>> GetIntroductionAsync(int id, HttpContext context, GaoxinDb db, CancellationToken ct) =>
        (await IntroductionStore.ListAsync(db, await context.CallerAsync(), id, ct)).FirstOrDefault() is { } i ? TypedResults.Ok(ToResponse(i))
            : Refusal.NotFound("unknown_introduction", $"没有编号为 {id} 的对接记录(或您无权查看)。", $"No introduction {id} (or it is not yours to see).").ToResult();

    public static async Task<Results<Created<CreatedResponse>, ProblemHttpResult>> OpenIntroductionAsync(IntroductionRequest request, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct)
    {
        var (id, refused) = await IntroductionStore.OpenAsync(db, await context.CallerAsync(), request.DemandId, request.AchievementId, request.PartyName,
            request.Zone, request.Note, ContractStore.Via.Api, clock, ct);
        return refused is not null ? Refused(refused) : TypedResults.Created($"/api/market/introductions/{id}", new CreatedResponse(id!.Value, 1));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> AddNoteAsync(int id, NoteRequest request, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct) =>
        await IntroductionStore.AddNoteAsync(db, await context.CallerAsync(), id, request.Version, request.Text, ContractStore.Via.Api, clock, ct) is { } refused
            ? Refused(refused) : TypedResults.NoContent();

    public static async Task<Results<NoContent, ProblemHttpResult>> CloseAsync(int id, CloseRequest request, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct)
    {
        if (request.Outcome is not ("deal" or "no_deal")) return Refused("outcome_required");
        return await IntroductionStore.CloseAsync(db, await context.CallerAsync(), id, request.Version, request.Outcome == "deal", request.Contracts, request.Reason,
            ContractStore.Via.Api, clock, ct) is { } refused ? Refused(refused) : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<List<ContractResponse>>, ProblemHttpResult>> ListContractsAsync(int? year, string? state, HttpContext context, GaoxinDb db,
        CancellationToken ct)
    {
        ContractState? filter = null;
        if (!string.IsNullOrEmpty(state))
        {
            if (!Enum.TryParse<ContractState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)) return Refused("unknown_state");
            filter = parsed;
        }
        return TypedResults.Ok((await ContractStore.ListAsync(db, await context.CallerAsync(), year, filter, ct)).Select(ToResponse).ToList());
    }

    public static async Task<Results<Ok<ContractResponse>, ProblemHttpResult>> GetContractAsync(int id, HttpContext context, GaoxinDb db, CancellationToken ct) =>
        await ContractStore.GetAsync(db, await context.CallerAsync(), id, ct) is { } c ? TypedResults.Ok(ToResponse(c))
            : Refusal.NotFound("unknown_contract", $"没有编号为 {id} 的技术合同(或您无权查看)。", $"No technology contract {id} (or it is not yours to see).").ToResult();

    public static async Task<Results<Created<CreatedResponse>, ProblemHttpResult>> RecordContractAsync(ContractRequest request, HttpContext context, GaoxinDb db,
        IndustryCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var input = request.ToInput() with { Zone = string.IsNullOrWhiteSpace(request.Zone) && !who.IsAdmin ? who.Zone : request.Zone };
        var (id, refused) = await ContractStore.RecordAsync(db, who, input, Fields(catalog), ContractStore.Via.Api, clock, ct);
        return refused is not null ? Refused(refused) : TypedResults.Created($"/api/market/contracts/{id}", new CreatedResponse(id!.Value, 1));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UpdateContractAsync(int id, ContractRequest request, HttpContext context, GaoxinDb db,
        IndustryCatalog catalog, TimeProvider clock, CancellationToken ct) =>
        await ContractStore.UpdateAsync(db, await context.CallerAsync(), id, request.Version, request.ToInput(), Fields(catalog), ContractStore.Via.Api, clock, ct) is { } refused
            ? Refused(refused) : TypedResults.NoContent();

    public static async Task<Results<Created<CreatedResponse>, ProblemHttpResult>> ReviseContractAsync(int id, ContractRequest request, HttpContext context, GaoxinDb db,
        IndustryCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var (revision, refused) = await ContractStore.ReviseAsync(db, await context.CallerAsync(), id, request.Version, request.ToInput(), Fields(catalog),
            ContractStore.Via.Api, clock, ct);
        return refused is not null ? Refused(refused) : TypedResults.Created($"/api/market/contracts/{revision}", new CreatedResponse(revision!.Value, 1));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> StepAsync(int id, ContractAction action, DealStepRequest? request, HttpContext context,
        GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
        await ContractStore.StepAsync(db, await context.CallerAsync(), id, request?.Version, action, request?.Comment, ContractStore.Via.Api, clock, ct) is { } refused
            ? Refused(refused) : TypedResults.NoContent();
}
