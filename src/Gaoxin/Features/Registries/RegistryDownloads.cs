using Gaoxin.Core.Registries;
using Gaoxin.Data;
using Gaoxin.Data.Registries;

namespace Gaoxin.Features.Registries;

/// <summary>GET /registries/{type}/export.xlsx: a registry in Excel, also the template for bulk import.</summary>
public static class RegistryDownloads
{
    public static void MapRegistryDownloads(this WebApplication app) =>
        app.MapGet("/registries/{type}/export.xlsx", async (string type, string? zone, GaoxinDb db, CancellationToken ct) =>
        {
            if (!RegistrySeedParser.Types.Contains(type)) return Results.NotFound();
            var buffer = new MemoryStream();
            await RegistryWorkbook.WriteAsync(db, type, string.IsNullOrEmpty(zone) ? null : zone, buffer, ct);
            return Results.File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"registry-{type}.xlsx");
        }).ExcludeFromDescription().AllowAnonymous();
}
