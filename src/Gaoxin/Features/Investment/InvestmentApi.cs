using Gaoxin.Core.Investment;
using Gaoxin.Core.Portal;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Data;
using Gaoxin.Data.Investment;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Investment;

public sealed record InvestmentContactResponse(string? Name, string? Phone, string? Email);

/// <summary>A project on the wire. <c>contact</c> is given for public projects, and to the project's zone and the office.</summary>
public sealed record InvestmentProjectResponse(int Id, string Title, string Sector, string SectorName, string? Zone, string? County, decimal? AmountWan,
    string? SizeBand, decimal? LandMu, decimal? LandHectares, string Cooperation, InvestmentContactResponse? Contact, string? ValidUntil, string? Description,
    string Stage, string? ReleaseAt, string? ReturnComment, bool IsDemo);

/// <summary>What a zone's operator or the office sends to add or change a project.</summary>
public sealed record InvestmentProjectRequest(string? Title, string? Sector, string? Zone, string? County, decimal? AmountWan, decimal? LandMu, string? Cooperation,
    string? ContactName, string? ContactPhone, string? ContactEmail, DateOnly? ValidUntil, string? Description)
{
    public InvestmentInput ToInput() => new(Title, Sector, Zone, County, AmountWan, LandMu, Cooperation, ContactName, ContactPhone, ContactEmail, ValidUntil, Description);
}

public sealed record PublishRequest(DateTimeOffset? ReleaseAt);

public sealed record ReturnRequest(string? Comment);

public sealed record CreatedProjectResponse(int Id, string Stage);

/// <summary>/api/investment-projects: public reads of published projects; zone staff write their zone's, the office reviews.</summary>
public static class InvestmentApi
{
    public static void MapInvestmentApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/investment-projects").WithTags("Investment projects").Refuses(RefusalKind.NotFound, RefusalKind.Conflict, RefusalKind.Invalid);
        var read = group.MapGroup("").AllowAnonymous();
        var keep = group.MapGroup("").RequireApi(Access.ZoneStaff);
        var decide = group.MapGroup("").RequireApi(Access.Office);
        read.MapGet("/", ListAsync).WithName("ListInvestmentProjects").WithSummary("Published projects, filtered by sector, zone and size band (small, medium, large)");
        read.MapGet("/{id:int}", GetAsync).WithName("GetInvestmentProject").WithSummary("A published project (its zone's staff and the office see it at every stage)");
        keep.MapPost("/", CreateAsync).WithName("AddInvestmentProject").WithSummary("Add a draft project for your zone (the office: any zone or the province)");
        keep.MapPut("/{id:int}", UpdateAsync).WithName("EditInvestmentProject").WithSummary("Change a draft or withdrawn project (it becomes a draft)");
        keep.MapPost("/{id:int}/submit", (int id, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => StepAsync(id, PublicationAction.Submit, null, null, c, db, clock, ct))
            .WithName("SubmitInvestmentProject").WithSummary("Send a draft to the office for review");
        decide.MapPost("/{id:int}/publish", (int id, PublishRequest? request, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
                StepAsync(id, PublicationAction.Publish, request?.ReleaseAt, null, c, db, clock, ct))
            .WithName("PublishInvestmentProject").WithSummary("Approve and publish, at once or at releaseAt");
        decide.MapPost("/{id:int}/return", (int id, ReturnRequest request, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
                StepAsync(id, PublicationAction.Return, null, request.Comment, c, db, clock, ct))
            .WithName("ReturnInvestmentProject").WithSummary("Send a project in review back to its zone with a comment");
        decide.MapPost("/{id:int}/withdraw", (int id, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => StepAsync(id, PublicationAction.Withdraw, null, null, c, db, clock, ct))
            .WithName("WithdrawInvestmentProject").WithSummary("Take a published project off the portal");
    }

    public static ProblemHttpResult Refused(string code) => Refusal.Of(code switch
    {
        "forbidden" => RefusalKind.Forbidden,
        "not_found" => RefusalKind.NotFound,
        _ when code.StartsWith("publication_", StringComparison.Ordinal) => RefusalKind.Conflict,
        _ => RefusalKind.Invalid,
    }, code, () => InvestmentText.Refusal(code)).ToResult();

    public static InvestmentProjectResponse ToResponse(InvestmentProjectView p, IndustryCatalog catalog) => new(
        p.Id, p.Title, p.Sector, catalog.Find(p.Sector) is { } s ? Text.T(s.Name, s.NameEn) : p.Sector, p.Zone, p.County, Json.Normalize(p.AmountWan), p.SizeBand,
        Json.Normalize(p.LandMu), p.LandMu is { } mu ? Json.Normalize(InvestmentRules.Hectares(mu)) : null, p.Cooperation,
        p.Contact is { } c ? new InvestmentContactResponse(c.Name, c.Phone, c.Email) : null, p.ValidUntil?.ToString("yyyy-MM-dd"), p.Description,
        InvestmentText.StageCode(p.Stage), p.ReleaseAt?.ToString("O"), p.ReturnComment, p.IsDemo);

    /// <summary>The public projects matching the filters (all optional).</summary>
    public static IEnumerable<InvestmentProjectView> Filter(IEnumerable<InvestmentProjectView> projects, string? sector, string? zone, string? size, IndustryCatalog catalog) =>
        projects.Where(p => string.IsNullOrEmpty(sector) || p.Sector == sector || catalog.DomainOf(p.Sector) == sector)
            .Where(p => string.IsNullOrEmpty(zone) || p.Zone == zone)
            .Where(p => string.IsNullOrEmpty(size) || p.SizeBand == size);

    public static async Task<Results<Ok<List<InvestmentProjectResponse>>, ProblemHttpResult>> ListAsync(string? sector, string? zone, string? size,
        GaoxinDb db, IndustryCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(size) && !InvestmentRules.SizeBands.ContainsKey(size)) return Bad("unknown_size");
        if (!string.IsNullOrEmpty(sector) && catalog.Find(sector) is null) return Bad("unknown_sector");
        var projects = await InvestmentStore.PublicAsync(db, clock.GetUtcNow(), ct);
        return TypedResults.Ok(Filter(projects, sector, zone, size, catalog).Select(p => ToResponse(p, catalog)).ToList());
    }

    private static ProblemHttpResult Bad(string code) => Refusal.Of(RefusalKind.Malformed, code, () => InvestmentText.Refusal(code)).ToResult();

    public static async Task<Results<Ok<InvestmentProjectResponse>, ProblemHttpResult>> GetAsync(int id, HttpContext context, GaoxinDb db, IndustryCatalog catalog,
        TimeProvider clock, CancellationToken ct) =>
        await InvestmentStore.GetAsync(db, await context.TokenPrincipalAsync(), id, clock.GetUtcNow(), ct) is { } p
            ? TypedResults.Ok(ToResponse(p, catalog))
            : Refusal.NotFound("unknown_project", $"没有编号为 {id} 的招商项目(或尚未公开)。", $"No investment project {id} (or it is not public).").ToResult();

    private static IReadOnlySet<string> Sectors(IndustryCatalog catalog) => catalog.Industries.Select(i => i.Code).ToHashSet();

    public static async Task<Results<Created<CreatedProjectResponse>, ProblemHttpResult>> CreateAsync(InvestmentProjectRequest request, HttpContext context,
        GaoxinDb db, IndustryCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var (id, refused) = await InvestmentStore.CreateAsync(db, who, request.ToInput(), Sectors(catalog), InvestmentStore.Via.Api, clock, ct);
        return refused is not null ? Refused(refused) : TypedResults.Created($"/api/investment-projects/{id}", new CreatedProjectResponse(id!.Value, "draft"));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UpdateAsync(int id, InvestmentProjectRequest request, HttpContext context,
        GaoxinDb db, IndustryCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        return await InvestmentStore.UpdateAsync(db, who, id, request.ToInput(), Sectors(catalog), InvestmentStore.Via.Api, clock, ct) is { } refused
            ? Refused(refused) : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> StepAsync(int id, PublicationAction action, DateTimeOffset? releaseAt, string? comment,
        HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        return await InvestmentStore.StepAsync(db, who, id, action, releaseAt, comment, InvestmentStore.Via.Api, clock, ct) is { } refused
            ? Refused(refused) : TypedResults.NoContent();
    }
}
