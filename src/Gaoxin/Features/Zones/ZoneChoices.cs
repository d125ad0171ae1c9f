using Gaoxin.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Features.Zones;

/// <summary>
/// What the command line says of a zone code it does not know: the code, and the codes it does know with their names,
/// so that the next try can be right without another command.
/// </summary>
public static class ZoneChoices
{
    /// <summary>Null when <paramref name="code"/> is empty or names a zone of the store; otherwise the line to print.</summary>
    public static async Task<string?> UnknownAsync(GaoxinDb db, string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(code)) return null;
        var zones = await ListAsync(db, cancellationToken);
        return zones.Any(z => z.Code == code) ? null : Describe(code, zones);
    }

    /// <summary>The store's zones, code and name, in code order (ordinal, as the CLI and the pages list them).</summary>
    public static async Task<List<(string Code, string Name)>> ListAsync(GaoxinDb db, CancellationToken cancellationToken) =>
        [.. (await db.Zones.AsNoTracking().Select(z => new { z.Code, z.Name }).ToListAsync(cancellationToken))
            .OrderBy(z => z.Code, StringComparer.Ordinal).Select(z => (z.Code, z.Name))];

    /// <summary>The store's zone codes in order: the valid choices a refusal of an unknown zone lists.</summary>
    public static async Task<List<string>> CodesAsync(GaoxinDb db, CancellationToken cancellationToken) =>
        [.. (await ListAsync(db, cancellationToken)).Select(z => z.Code)];

    /// <summary>"unknown zone 'x'; the zones are: anshan (鞍山高新区), benxi (本溪高新区), …".</summary>
    public static string Describe(string code, IEnumerable<(string Code, string Name)> zones)
    {
        var known = zones.Select(z => $"{z.Code} ({z.Name})").ToList();
        return known.Count == 0
            ? $"unknown zone '{code}'; the store has no zones yet"
            : $"unknown zone '{code}'; the zones are: {string.Join(", ", known)}";
    }
}
