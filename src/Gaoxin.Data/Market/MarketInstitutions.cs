using System.Text;
using Gaoxin.Core;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Market;
using Gaoxin.Core.Plans;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Plans;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Market;

/// <summary>An institution as the pages and the API read it.</summary>
public sealed record InstitutionView(int Id, string Name, string? NameEn, string Kind, string? Region, string? PartnerSet, string? ZoneCode, string? Website, bool IsDemo);

/// <summary>What the office enters for an institution.</summary>
public sealed record InstitutionInput(string? Name, string? NameEn, string? Kind, string? Region, string? PartnerSet, string? ZoneCode, string? Website);

/// <summary>The institutions on record: seeded from <c>market/institutions.yaml</c>, added to and changed by the office (audited).</summary>
public static class MarketInstitutions
{
    /// <summary>
    /// Adds every institution of <c>market/*.yaml</c> the store does not hold yet (by name); what the office changed stays.
    /// </summary>
    /// <exception cref="PlanFileException">The seed file is invalid.</exception>
    public static async Task LoadBundledAsync(GaoxinDb db, string folder, TimeProvider clock, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, "institutions.yaml");
        if (!File.Exists(path)) return;
        var known = (await db.MarketInstitutions.Select(i => i.Name).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var yaml = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
        var textPath = InstitutionSeed.SourceTextOf(yaml) is { } relative ? Path.Combine(folder, relative) : null;
        var planText = textPath is not null && File.Exists(textPath) ? await File.ReadAllTextAsync(textPath, Encoding.UTF8, cancellationToken) : "";
        var (_, items, errors) = InstitutionSeed.Parse(yaml, planText);
        if (errors.Count > 0) throw new PlanFileException(errors.Select(e => new DataFileError(path, 0, 0, "institutions", "invalid_seed", e)).ToList());
        var now = clock.GetUtcNow();
        var added = false;
        foreach (var item in items.Where(i => !known.Contains(i.Name)))
        {
            db.MarketInstitutions.Add(new MarketInstitutionRecord
            {
                Name = item.Name, NameEn = item.NameEn, Kind = item.Kind, Region = item.Region, PartnerSet = item.PartnerSet, Website = item.Website,
                CreatedAt = now, CreatedBy = "system",
            });
            added = true;
        }
        if (added) await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Every institution: partner sets first, then by kind and name.</summary>
    public static async Task<List<InstitutionView>> ListAsync(GaoxinDb db, CancellationToken cancellationToken) =>
        (await db.MarketInstitutions.AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(i => i.PartnerSet is null).ThenBy(i => MarketTerms.InstitutionKinds.ToList().FindIndex(k => k.Code == i.Kind)).ThenBy(i => i.Name, StringComparer.Ordinal)
            .Select(i => new InstitutionView(i.Id, i.Name, i.NameEn, i.Kind, i.Region, i.PartnerSet, i.ZoneCode, i.Website, i.IsDemo)).ToList();

    private static async Task<string?> CheckAsync(GaoxinDb db, InstitutionInput input, int? id, CancellationToken cancellationToken)
    {
        foreach (var (field, text, limit) in new[] { ("name", input.Name, InputLimits.Name), ("nameEn", input.NameEn, InputLimits.Name), ("kind", input.Kind, 32),
                     ("region", input.Region, InputLimits.Name), ("partnerSet", input.PartnerSet, 64), ("zone", input.ZoneCode, 64), ("website", input.Website, InputLimits.Name) })
            InputLimits.Ensure(field, text, limit);
        if (string.IsNullOrWhiteSpace(input.Name)) return "name_required";
        if (MarketTerms.Find(MarketTerms.InstitutionKinds, input.Kind) is null) return "unknown_kind";
        if (input.ZoneCode is { Length: > 0 } zone && !await db.Zones.AnyAsync(z => z.Code == zone, cancellationToken)) return "unknown_zone";
        var name = input.Name.Trim();
        if (await db.MarketInstitutions.AnyAsync(i => i.Name == name && i.Id != (id ?? 0), cancellationToken)) return "duplicate_name";
        return null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Adds an institution (the office). Audited.</summary>
    public static async Task<(int? Id, string? Refused)> AddAsync(GaoxinDb db, Principal who, InstitutionInput input, string via, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!who.IsAdmin) return (null, "forbidden");
        if (await CheckAsync(db, input, null, cancellationToken) is { } refused) return (null, refused);
        var now = clock.GetUtcNow();
        var record = new MarketInstitutionRecord
        {
            Name = input.Name!.Trim(), NameEn = Clean(input.NameEn), Kind = input.Kind!, Region = Clean(input.Region), PartnerSet = Clean(input.PartnerSet),
            ZoneCode = Clean(input.ZoneCode), Website = Clean(input.Website), CreatedAt = now, CreatedBy = who.Name,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.MarketInstitutions.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        db.Audit.Add(new AuditRecord { At = now, Actor = who.Name, Via = via, UnitCode = record.ZoneCode ?? "", Year = now.Year, Action = "institution_added",
            ElementCode = $"market-institution:{record.Id}", Comment = record.Name });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (record.Id, null);
    }

    /// <summary>Changes an institution (the office), e.g. marks it as one of the 十校 of 两院十校. Audited with the fields changed.</summary>
    public static async Task<string?> EditAsync(GaoxinDb db, Principal who, int id, InstitutionInput input, string via, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!who.IsAdmin) return "forbidden";
        var record = await db.MarketInstitutions.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (record is null) return "not_found";
        if (await CheckAsync(db, input, id, cancellationToken) is { } refused) return refused;
        var now = clock.GetUtcNow();
        record.Name = input.Name!.Trim();
        record.NameEn = Clean(input.NameEn);
        record.Kind = input.Kind!;
        record.Region = Clean(input.Region);
        record.PartnerSet = Clean(input.PartnerSet);
        record.ZoneCode = Clean(input.ZoneCode);
        record.Website = Clean(input.Website);
        var changed = db.Entry(record).Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToList();
        db.Audit.Add(new AuditRecord { At = now, Actor = who.Name, Via = via, UnitCode = record.ZoneCode ?? "", Year = now.Year, Action = "institution_edited",
            ElementCode = $"market-institution:{record.Id}", Comment = changed.Count == 0 ? "no field changed" : "changed: " + string.Join(", ", changed) });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
