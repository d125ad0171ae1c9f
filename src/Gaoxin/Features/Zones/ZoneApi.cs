using Gaoxin.Data;
using Gaoxin.Data.Zones;
using System.Text.Json;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Gaoxin.Features.Zones;

/// <summary>GET /api/zones and /api/zones/{code}.</summary>
public static class ZoneApi
{
    public static void MapZoneApi(this RouteGroupBuilder api)
    {
        var zones = api.MapGroup("/zones").WithTags("Zones").AllowAnonymous();
        zones.MapGet("/", ListZones).Produces<List<ZoneResponse>>(StatusCodes.Status200OK, "application/json").WithName("ListZones").WithSummary("Every zone with its current level, status and governance");
        zones.MapGet("/{code}", GetZone).WithName("GetZone").WithSummary("A zone with its history of level and status");
    }

    // The list changes only through the registry's writers and plan loads, which raise the store version: the body
    // is built and serialised once per version, not on every request.
    public static async Task<FileContentHttpResult> ListZones(GaoxinDb db, ReadCache cache, IOptions<JsonOptions> json, CancellationToken ct) =>
        TypedResults.Bytes(await cache.GetAsync(db, "zones:body", async (store, token) =>
            JsonSerializer.SerializeToUtf8Bytes((await ZoneRegistry.ListAsync(store, token)).Select(z => z.ToResponse()).ToList(), json.Value.SerializerOptions), ct),
            "application/json; charset=utf-8");

    public static async Task<Results<Ok<ZoneDetailResponse>, ProblemHttpResult>> GetZone(string code, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
        await ZoneRegistry.GetAsync(db, code, clock.GetUtcNow().Year, ct) is { } zone
            ? TypedResults.Ok(zone.ToResponse())
            : Refusal.UnknownZone(code).ToResult();
}
