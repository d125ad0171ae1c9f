using Gaoxin.Core.Portal;
using Gaoxin.Data;
using Gaoxin.Data.Portal;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Zones;

/// <summary>A zone's public contact as the API reads and writes it; a blank or missing field is "not set".</summary>
public sealed record ZoneContactRequest(string? Address, string? Phone, string? Email, string? Website);

/// <summary>GET and PUT /api/zones/{code}/contact: public to read; the office or the zone's own operator writes.</summary>
public static class ZoneContactApi
{
    public static void MapZoneContactApi(this RouteGroupBuilder api)
    {
        var contact = api.MapGroup("/zones/{code}/contact").WithTags("Zones");
        contact.MapGet("/", GetContact).AllowAnonymous().WithName("GetZoneContact").WithSummary("A zone's public contact: address, phone, email, website");
        contact.MapPut("/", SetContact).RequireApi(Access.ZoneStaff).WithName("SetZoneContact")
            .WithSummary("Replaces a zone's contact (the office, or the zone's own operator); audited");
    }

    public static async Task<Results<Ok<ZoneContactRequest>, ProblemHttpResult>> GetContact(string code, GaoxinDb db, CancellationToken ct) =>
        await db.Zones.FindAsync([code], ct) is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No zone '{code}'.")
            : TypedResults.Ok(ToResponse(await ZoneContactStore.GetAsync(db, code, ct)));

    public static async Task<Results<Ok<ZoneContactRequest>, ValidationProblem, ProblemHttpResult>> SetContact(string code, ZoneContactRequest request,
        HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var outcome = await ZoneContactStore.SetAsync(db, code, new ZoneContact(request.Address, request.Phone, request.Email, request.Website), who, clock, ct);
        return outcome switch
        {
            { Refusal: "not_found" } => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No zone '{code}'."),
            { Refusal: "forbidden" } => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the office or the zone's own operator sets its contact."),
            { Problems.Count: > 0 } => TypedResults.ValidationProblem(outcome.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Code).ToArray()),
                title: "The contact cannot be stored."),
            _ => TypedResults.Ok(ToResponse(outcome.Contact!)),
        };
    }

    private static ZoneContactRequest ToResponse(ZoneContact c) => new(c.Address, c.Phone, c.Email, c.Website);
}
