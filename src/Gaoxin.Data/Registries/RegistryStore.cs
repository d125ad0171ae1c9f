using System.Text;
using Gaoxin.Core.Registries;
using Gaoxin.Data.Plans;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Registries;

/// <summary>The typed registries: seeded from the plan's columns, kept by the zones and the office.</summary>
public static class RegistryStore
{
    /// <summary>
    /// Adds every seed item of <c>registries/*.yaml</c> that the store does not hold yet (by id). Items already stored are
    /// never overwritten, so what the zones and the office changed stays.
    /// </summary>
    /// <exception cref="PlanFileException">A seed file is invalid.</exception>
    public static async Task LoadBundledAsync(GaoxinDb db, string folder, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder)) return;
        var zoneCodes = (await db.Zones.Select(z => z.Code).ToListAsync(cancellationToken)).ToHashSet();
        var known = (await db.RegistryItems.Select(i => i.Id).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var path in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var yaml = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
            var textPath = RegistrySeedParser.SourceTextOf(yaml) is { } relative ? Path.Combine(Path.GetDirectoryName(path)!, relative) : null;
            var planText = textPath is not null && File.Exists(textPath) ? await File.ReadAllTextAsync(textPath, Encoding.UTF8, cancellationToken) : "";
            var (seed, errors) = RegistrySeedParser.Parse(path, yaml, planText, zoneCodes);
            if (seed is null) throw new PlanFileException(errors);
            var now = clock.GetUtcNow();
            db.RegistryItems.AddRange(seed.Items.Where(i => !known.Contains(i.Id)).Select(i => new RegistryItemRecord
            {
                Id = i.Id, Type = i.Type, Subtype = i.Subtype, Name = i.Name, ZoneCode = i.Zone, Level = i.Level, Amount = i.Amount,
                Unit = i.Unit, Status = i.Status, PlanId = seed.Plan, Section = i.Source.Section, Quote = i.Source.Quote,
                CreatedAt = now, CreatedBy = "system",
            }));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Items of a type, optionally of one zone and standing in a year (founded by its end and not closed before it;
    /// seeded items without a founding date count from the plan's start).
    /// </summary>
    public static async Task<List<RegistryItemRecord>> ListAsync(GaoxinDb db, string type, string? zone, int? year, CancellationToken cancellationToken)
    {
        var query = db.RegistryItems.AsNoTracking().Where(i => i.Type == type);
        if (zone is not null) query = query.Where(i => i.ZoneCode == zone);
        var items = await query.OrderBy(i => i.ZoneCode).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        if (year is { } y)
        {
            var end = new DateOnly(y, 12, 31);
            items = items.Where(i => (i.Founded is null || i.Founded <= end) && (i.Closed is null || i.Closed > end)).ToList();
        }
        return items;
    }

    /// <summary>How many items each type holds.</summary>
    public static async Task<Dictionary<string, int>> CountsAsync(GaoxinDb db, CancellationToken cancellationToken) =>
        await db.RegistryItems.AsNoTracking().GroupBy(i => i.Type).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
}
