using System.Text.Json.Serialization;
using Gaoxin.Core.Market;
using Gaoxin.Core.Portal;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Data;
using Gaoxin.Data.Market;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Market;

/// <summary>
/// A profile on the wire. The contact fields (and a demand's credit code) are written for signed-in callers only and left
/// out — not null, absent — for anonymous ones. <c>version</c> is what a change must carry.
/// </summary>
public sealed record MarketProfileResponse(
    int Id, string Side, string Title, string Text, string Field, string FieldName, string? Domain, IReadOnlyList<string> Keywords, string? Zone, string? ZoneName,
    string? ValidUntil, string Stage, bool IsDemo, int Version,
    string? EnterpriseName, decimal? BudgetMinWan, decimal? BudgetMaxWan, string? Deadline,
    string? OwnerName, int? InstitutionId, string? Region, string? Maturity, string? MaturityName, int? Trl, string? IpStatus, string? IpNumbers,
    IReadOnlyList<string>? CooperationModes, decimal? PriceMinWan, decimal? PriceMaxWan,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContactName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContactPhone,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContactEmail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CreditCode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReturnComment);

public sealed record MarketPageResponse(IReadOnlyList<MarketProfileResponse> Items, int Page, int PageSize, int Total);

public sealed record MarketMineResponse(IReadOnlyList<MarketProfileResponse> Demands, IReadOnlyList<MarketProfileResponse> Achievements);

public sealed record MarketMatchResponse(string Id, string Title, decimal Score, IReadOnlyList<string> Reasons);

public sealed record MarketMatchesResponse(string Side, int Id, IReadOnlyList<MarketMatchResponse> Matches);

public sealed record MarketCreatedResponse(int Id, string Stage, int Version);

/// <summary>What an enterprise user, a zone operator or the office sends for a demand (with <c>version</c> on a change).</summary>
public sealed record DemandRequest(string? Title, string? Problem, string? Field, string? Keywords, string? Zone, string? EnterpriseName, string? CreditCode,
    decimal? BudgetMinWan, decimal? BudgetMaxWan, DateOnly? Deadline, string? ContactName, string? ContactPhone, string? ContactEmail, DateOnly? ValidUntil,
    int? Version = null)
{
    public MarketProfileInput ToInput() => new(MarketSide.Demand, Title, Problem, Field, Keywords, Zone, ContactName, ContactPhone, ContactEmail, ValidUntil,
        EnterpriseName: EnterpriseName, CreditCode: CreditCode, BudgetMinWan: BudgetMinWan, BudgetMaxWan: BudgetMaxWan, Deadline: Deadline);
}

/// <summary>What is sent for an achievement (with <c>version</c> on a change). <c>cooperationModes</c> is a comma-separated list of codes.</summary>
public sealed record AchievementRequest(string? Title, string? Description, string? Field, string? Keywords, string? Zone, string? Maturity, int? Trl,
    string? IpStatus, string? IpNumbers, string? CooperationModes, decimal? PriceMinWan, decimal? PriceMaxWan, int? InstitutionId, string? OwnerName, string? Region,
    string? ContactName, string? ContactPhone, string? ContactEmail, DateOnly? ValidUntil, int? Version = null)
{
    public MarketProfileInput ToInput() => new(MarketSide.Achievement, Title, Description, Field, Keywords, Zone, ContactName, ContactPhone, ContactEmail, ValidUntil,
        Maturity: Maturity, Trl: Trl, IpStatus: IpStatus, IpNumbers: IpNumbers, CooperationModes: CooperationModes, PriceMinWan: PriceMinWan,
        PriceMaxWan: PriceMaxWan, InstitutionId: InstitutionId, OwnerName: OwnerName, Region: Region);
}

/// <summary>The body of a step: the version it was made against, and the step's own value (release time, comment, new last day).</summary>
public sealed record MarketStepRequest(int? Version, DateTimeOffset? ReleaseAt = null, string? Comment = null, DateOnly? ValidUntil = null);

public sealed record InstitutionResponse(int Id, string Name, string? NameEn, string Kind, string KindName, string? Region, string? PartnerSet, string? Zone, string? Website);

public sealed record InstitutionRequest(string? Name, string? NameEn, string? Kind, string? Region, string? PartnerSet, string? Zone, string? Website)
{
    public InstitutionInput ToInput() => new(Name, NameEn, Kind, Region, PartnerSet, Zone, Website);
}

/// <summary>
/// /api/market: public reads of the public profiles (contacts for signed-in callers only), the matches of a profile, the
/// institutions; signed-in users post and keep their own profiles (zone operators their zone's), the office reviews.
/// </summary>
public static class MarketApi
{
    public const int DefaultPageSize = 20, MaxPageSize = 100;

    public static void MapMarketApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/market").WithTags("Technology market").Refuses(RefusalKind.NotFound, RefusalKind.Conflict, RefusalKind.Invalid);
        var read = group.MapGroup("").AllowAnonymous();
        var keep = group.MapGroup("").RequireApi(Access.SignedIn);
        var decide = group.MapGroup("").RequireApi(Access.Office);
        read.MapGet("/matches", MatchesAsync).WithName("MarketMatches").WithSummary("The other side's public profiles ranked for ?demand=ID or ?achievement=ID, with the score's reasons");
        read.MapGet("/institutions", InstitutionsAsync).WithName("MarketInstitutions").WithSummary("Universities, institutes and services on record, with the 两院十校 partner set");
        decide.MapPost("/institutions", AddInstitutionAsync).WithName("AddMarketInstitution").WithSummary("Add an institution (the office)");
        decide.MapPut("/institutions/{id:int}", EditInstitutionAsync).WithName("EditMarketInstitution").WithSummary("Change an institution, e.g. mark one of the 十校 (the office)");
        keep.MapGet("/mine", MineAsync).WithName("MyMarketProfiles").WithSummary("The profiles you keep, drafts included (a zone: its zone's; the office: all)");
        foreach (var side in new[] { MarketSide.Demand, MarketSide.Achievement })
        {
            var path = Plural(side);
            var title = side == MarketSide.Demand ? "Demand" : "Achievement";
            read.MapGet($"/{path}", (int? page, int? pageSize, string? field, string? zone, string? q, HttpContext c, GaoxinDb db, ReadCache cache, IndustryCatalog catalog, TimeProvider clock, CancellationToken ct) =>
                    ListAsync(side, page, pageSize, field, zone, q, c, db, cache, catalog, clock, ct))
                .WithName($"List{title}s").WithSummary($"Public {path}, paged, filtered by field (a domain takes its finer codes), zone and text");
            read.MapGet($"/{path}/{{id:int}}", (int id, HttpContext c, GaoxinDb db, IndustryCatalog catalog, TimeProvider clock, CancellationToken ct) => GetAsync(side, id, c, db, catalog, clock, ct))
                .WithName($"Get{title}").WithSummary($"A public {MarketStore.SideName(side)} (its writers see it at every stage)");
            if (side == MarketSide.Demand)
            {
                keep.MapPost("/demands", (DemandRequest r, HttpContext c, GaoxinDb db, IndustryCatalog catalog, TimeProvider clock, CancellationToken ct) => CreateAsync(r.ToInput(), c, db, catalog, clock, ct))
                    .WithName("AddDemand").WithSummary("Post a draft demand (yours; a zone operator's for their zone)");
                keep.MapPut("/demands/{id:int}", (int id, DemandRequest r, HttpContext c, GaoxinDb db, IndustryCatalog catalog, TimeProvider clock, CancellationToken ct) => UpdateAsync(id, r.Version, r.ToInput(), c, db, catalog, clock, ct))
                    .WithName("EditDemand").WithSummary("Change a draft or withdrawn demand, made against version");
            }
            else
            {
                keep.MapPost("/achievements", (AchievementRequest r, HttpContext c, GaoxinDb db, IndustryCatalog catalog, TimeProvider clock, CancellationToken ct) => CreateAsync(r.ToInput(), c, db, catalog, clock, ct))
                    .WithName("AddAchievement").WithSummary("Post a draft achievement (yours; a zone operator's for their zone)");
                keep.MapPut("/achievements/{id:int}", (int id, AchievementRequest r, HttpContext c, GaoxinDb db, IndustryCatalog catalog, TimeProvider clock, CancellationToken ct) => UpdateAsync(id, r.Version, r.ToInput(), c, db, catalog, clock, ct))
                    .WithName("EditAchievement").WithSummary("Change a draft or withdrawn achievement, made against version");
            }
            keep.MapPost($"/{path}/{{id:int}}/submit", (int id, MarketStepRequest r, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => StepAsync(side, id, PublicationAction.Submit, r, c, db, clock, ct))
                .WithName($"Submit{title}").WithSummary("Send a draft to the office for review");
            keep.MapPost($"/{path}/{{id:int}}/renew", (int id, MarketStepRequest r, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => RenewAsync(side, id, r, c, db, clock, ct))
                .WithName($"Renew{title}").WithSummary("Move a published or expired profile's last valid day (at most a year ahead), without a new review");
            decide.MapPost($"/{path}/{{id:int}}/publish", (int id, MarketStepRequest r, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => StepAsync(side, id, PublicationAction.Publish, r, c, db, clock, ct))
                .WithName($"Publish{title}").WithSummary("Approve and publish, at once or at releaseAt");
            decide.MapPost($"/{path}/{{id:int}}/return", (int id, MarketStepRequest r, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => StepAsync(side, id, PublicationAction.Return, r, c, db, clock, ct))
                .WithName($"Return{title}").WithSummary("Send a profile in review back with a comment");
            decide.MapPost($"/{path}/{{id:int}}/withdraw", (int id, MarketStepRequest r, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => StepAsync(side, id, PublicationAction.Withdraw, r, c, db, clock, ct))
                .WithName($"Withdraw{title}").WithSummary("Take a published profile off the market");
        }
    }

    public static string Plural(MarketSide side) => side == MarketSide.Demand ? "demands" : "achievements";

    /// <summary>A refusal as problem+json: 403, 404, 409 (stale version, wrong stage), 422 (invalid, with every problem located).</summary>
    public static ProblemHttpResult Refused(MarketRefusal refusal)
    {
        var kind = refusal.Code switch
        {
            "forbidden" => RefusalKind.Forbidden,
            "not_found" => RefusalKind.NotFound,
            "stale_version" => RefusalKind.Conflict,
            _ when refusal.Code.StartsWith("publication_", StringComparison.Ordinal) => RefusalKind.Conflict,
            _ => RefusalKind.Invalid,
        };
        var extensions = new Dictionary<string, object?>();
        if (refusal.Problems.Count > 0)
            extensions["problems"] = refusal.Problems.Select(p => new { field = p.Field, code = p.Code, detail = p.Detail, message = MarketWords.Refusal(p.Code) }).ToList();
        return (Refusal.Of(kind, refusal.Code, () => MarketWords.Refusal(refusal.Code)) with
        {
            Field = refusal.Problems.Count == 1 ? refusal.Problems[0].Field : null, Extensions = extensions,
        }).ToResult();
    }

    private static ProblemHttpResult Bad(string code) => Refusal.Of(RefusalKind.Malformed, code, () => MarketWords.Refusal(code)).ToResult();

    /// <summary>A view on the wire; contacts only when <paramref name="withContact"/> (a signed-in caller), the return comment only to its writers.</summary>
    public static MarketProfileResponse ToResponse(MarketProfileView p, IndustryCatalog catalog, bool withContact, bool writer, IReadOnlyDictionary<string, string>? zoneNames = null) => new(
        p.Id, MarketStore.SideName(p.Side), p.Title, p.Text, p.Field, MarketWords.Field(catalog, p.Field), catalog.DomainOf(p.Field), p.Keywords, p.Zone,
        p.Zone is { } z && zoneNames is not null ? zoneNames.GetValueOrDefault(z) : null,
        p.ValidUntil?.ToString("yyyy-MM-dd"), MarketWords.StageCode(p.Stage), p.IsDemo, p.Version,
        p.EnterpriseName, Json.Normalize(p.BudgetMinWan), Json.Normalize(p.BudgetMaxWan), p.Deadline?.ToString("yyyy-MM-dd"),
        p.OwnerName, p.InstitutionId, p.Region, p.Maturity, p.Maturity is null ? null : MarketWords.Code(MarketTerms.Maturities, p.Maturity), p.Trl, p.IpStatus, p.IpNumbers,
        p.Side == MarketSide.Achievement ? p.CooperationModes : null, Json.Normalize(p.PriceMinWan), Json.Normalize(p.PriceMaxWan),
        withContact ? p.Contact.Name : null, withContact ? p.Contact.Phone : null, withContact ? p.Contact.Email : null,
        withContact ? p.Contact.CreditCode : null, writer ? p.ReturnComment : null);

    /// <summary>The public profiles matching the filters: a field code (a domain also takes its finer codes), a zone, and every word of a text.</summary>
    public static IEnumerable<MarketProfileView> Filter(IEnumerable<MarketProfileView> profiles, string? field, string? zone, string? q, IndustryCatalog catalog)
    {
        var words = string.IsNullOrWhiteSpace(q) ? [] : MarketText.Terms(q) is { Count: > 0 } terms ? terms : [q.Trim()];
        return profiles
            .Where(p => string.IsNullOrEmpty(field) || p.Field == field || catalog.DomainOf(p.Field) == field)
            .Where(p => string.IsNullOrEmpty(zone) || p.Zone == zone)
            .Where(p => words.Count == 0 || words.All(w => Haystack(p).Contains(w, StringComparison.OrdinalIgnoreCase)));
    }

    private static string Haystack(MarketProfileView p) => string.Join(" ", [p.Title, p.Text, p.Party, .. p.Keywords]);

    public static async Task<Results<Ok<MarketPageResponse>, ProblemHttpResult>> ListAsync(MarketSide side, int? page, int? pageSize, string? field, string? zone, string? q,
        HttpContext context, GaoxinDb db, ReadCache cache, IndustryCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var (number, size) = (page ?? 1, pageSize ?? DefaultPageSize);
        if (number < 1 || size is < 1 or > MaxPageSize) return Bad("bad_page");
        if (!string.IsNullOrEmpty(field) && catalog.Find(field) is null) return Bad("unknown_field");
        Core.InputLimits.Ensure("q", q, Core.InputLimits.Name);
        var signedIn = await context.TokenPrincipalAsync() is not null;
        var all = Filter(await MarketStore.PublicAsync(cache, db, side, clock.GetUtcNow(), ct), field, zone, q, catalog).ToList();
        var zones = await ZoneNamesAsync(db, ct);
        var items = all.Skip((number - 1) * size).Take(size).Select(p => ToResponse(p, catalog, signedIn, writer: false, zones)).ToList();
        return TypedResults.Ok(new MarketPageResponse(items, number, size, all.Count));
    }

    /// <summary>No public profile <paramref name="id"/> on this side (or not the caller's to see): 404 <c>unknown_demand</c> / <c>unknown_achievement</c>.</summary>
    private static ProblemHttpResult UnknownProfile(MarketSide side, int id) => side == MarketSide.Demand
        ? Refusal.NotFound("unknown_demand", $"没有编号为 {id} 的技术需求(或尚未公开)。", $"No technology demand {id} (or it is not public).").ToResult()
        : Refusal.NotFound("unknown_achievement", $"没有编号为 {id} 的科技成果(或尚未公开)。", $"No achievement {id} (or it is not public).").ToResult();

    public static async Task<Results<Ok<MarketProfileResponse>, ProblemHttpResult>> GetAsync(MarketSide side, int id, HttpContext context, GaoxinDb db, IndustryCatalog catalog,
        TimeProvider clock, CancellationToken ct)
    {
        var who = await context.TokenPrincipalAsync();
        if (await MarketStore.GetAsync(db, side, who, id, clock.GetUtcNow(), ct) is not { } p) return UnknownProfile(side, id);
        return TypedResults.Ok(ToResponse(p, catalog, who is not null, who is not null && MarketWorkflow.MayWrite(who, p.Owner, p.Zone), await ZoneNamesAsync(db, ct)));
    }

    private static async Task<IReadOnlyDictionary<string, string>> ZoneNamesAsync(GaoxinDb db, CancellationToken ct) =>
        (await Data.Zones.ZoneRegistry.ListAsync(db, ct)).ToDictionary(z => z.Code, z => Text.T(z.Name, z.NameEn));

    public static async Task<Ok<MarketMineResponse>> MineAsync(HttpContext context, GaoxinDb db, IndustryCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var now = clock.GetUtcNow();
        var demands = await MarketStore.KeptByAsync(db, MarketSide.Demand, who, now, ct);
        var achievements = await MarketStore.KeptByAsync(db, MarketSide.Achievement, who, now, ct);
        return TypedResults.Ok(new MarketMineResponse(demands.Select(p => ToResponse(p, catalog, true, true)).ToList(),
            achievements.Select(p => ToResponse(p, catalog, true, true)).ToList()));
    }

    /// <summary>The match reasons in the request's language.</summary>
    public static MarketMatchResponse ToResponse(MarketMatch m) =>
        new(m.Id, m.Title, Json.Normalize(m.Score), m.Reasons.Select(r => Text.T(r.Text, r.TextEn)).ToList());

    public static async Task<Results<Ok<MarketMatchesResponse>, ProblemHttpResult>> MatchesAsync(int? demand, int? achievement, int? top,
        HttpContext context, GaoxinDb db, ReadCache cache, IndustryCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        if ((demand is null) == (achievement is null)) return Bad("one_profile");
        if (top is < 1 or > 50) return Bad("bad_page");
        var side = demand is not null ? MarketSide.Demand : MarketSide.Achievement;
        var now = clock.GetUtcNow();
        // Only a public profile may be asked about anonymously; its writers may ask about theirs at every stage.
        if (await MarketStore.GetAsync(db, side, await context.TokenPrincipalAsync(), (demand ?? achievement)!.Value, now, ct) is not { } query) return UnknownProfile(side, (demand ?? achievement)!.Value);
        var matches = await MarketMatching.MatchAsync(cache, db, query, catalog, now, top ?? 10, ct);
        return TypedResults.Ok(new MarketMatchesResponse(MarketStore.SideName(side), query.Id, matches.Select(ToResponse).ToList()));
    }

    private static async Task<Results<Created<MarketCreatedResponse>, ProblemHttpResult>> CreateAsync(MarketProfileInput input, HttpContext context, GaoxinDb db,
        IndustryCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var (id, refused) = await MarketStore.CreateAsync(db, await context.CallerAsync(), input, catalog, MarketStore.Via.Api, clock, ct);
        return refused is not null ? Refused(refused)
            : TypedResults.Created($"/api/market/{Plural(input.Side)}/{id}", new MarketCreatedResponse(id!.Value, "draft", 1));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UpdateAsync(int id, int? version, MarketProfileInput input, HttpContext context, GaoxinDb db,
        IndustryCatalog catalog, TimeProvider clock, CancellationToken ct) =>
        await MarketStore.UpdateAsync(db, await context.CallerAsync(), id, version, input, catalog, MarketStore.Via.Api, clock, ct) is { } refused
            ? Refused(refused) : TypedResults.NoContent();

    private static async Task<Results<NoContent, ProblemHttpResult>> StepAsync(MarketSide side, int id, PublicationAction action, MarketStepRequest request,
        HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
        await MarketStore.StepAsync(db, await context.CallerAsync(), side, id, request.Version, action, request.ReleaseAt, request.Comment, MarketStore.Via.Api, clock, ct) is { } refused
            ? Refused(refused) : TypedResults.NoContent();

    private static async Task<Results<NoContent, ProblemHttpResult>> RenewAsync(MarketSide side, int id, MarketStepRequest request, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct) =>
        await MarketStore.RenewAsync(db, await context.CallerAsync(), side, id, request.Version, request.ValidUntil, MarketStore.Via.Api, clock, ct) is { } refused
            ? Refused(refused) : TypedResults.NoContent();

    public static InstitutionResponse ToResponse(InstitutionView i) =>
        new(i.Id, i.Name, i.NameEn, i.Kind, MarketWords.Code(MarketTerms.InstitutionKinds, i.Kind), i.Region, i.PartnerSet, i.ZoneCode, i.Website);

    public static async Task<Ok<List<InstitutionResponse>>> InstitutionsAsync(GaoxinDb db, CancellationToken ct) =>
        TypedResults.Ok((await MarketInstitutions.ListAsync(db, ct)).Select(ToResponse).ToList());

    private static async Task<Results<Created<MarketCreatedResponse>, ProblemHttpResult>> AddInstitutionAsync(InstitutionRequest request, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct)
    {
        var (id, refused) = await MarketInstitutions.AddAsync(db, await context.CallerAsync(), request.ToInput(), MarketStore.Via.Api, clock, ct);
        return refused is not null ? Refused(MarketRefusal.Of(refused)) : TypedResults.Created($"/api/market/institutions/{id}", new MarketCreatedResponse(id!.Value, "recorded", 1));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EditInstitutionAsync(int id, InstitutionRequest request, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct) =>
        await MarketInstitutions.EditAsync(db, await context.CallerAsync(), id, request.ToInput(), MarketStore.Via.Api, clock, ct) is { } refused
            ? Refused(MarketRefusal.Of(refused)) : TypedResults.NoContent();
}
