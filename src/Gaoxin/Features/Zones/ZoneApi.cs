using Gaoxin.Data;
using Gaoxin.Data.Zones;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Zones;

/// <summary>GET /api/zones and /api/zones/{code}.</summary>
public static class ZoneApi
{
    public static void MapZoneApi(this RouteGroupBuilder api)
    {
        var zones = api.MapGroup("/zones").WithTags("Zones");
        zones.MapGet("/", ListZones).WithName("ListZones").WithSummary("Every zone with its current level, status and governance");
        zones.MapGet("/{code}", GetZone).WithName("GetZone").WithSummary("A zone with its history of level and status");
    }

    public static async Task<Ok<List<ZoneResponse>>> ListZones(GaoxinDb db, CancellationToken ct) =>
        TypedResults.Ok((await ZoneRegistry.ListAsync(db, ct)).Select(z => z.ToResponse()).ToList());

    public static async Task<Results<Ok<ZoneDetailResponse>, ProblemHttpResult>> GetZone(string code, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
        await ZoneRegistry.GetAsync(db, code, clock.GetUtcNow().Year, ct) is { } zone
            ? TypedResults.Ok(zone.ToResponse())
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No zone '{code}'.");
}
