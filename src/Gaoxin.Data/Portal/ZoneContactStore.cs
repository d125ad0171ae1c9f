using Gaoxin.Core.Collection;
using Gaoxin.Core.Portal;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Portal;

/// <summary>A zone's public contact, set by the office or the zone's own operator.</summary>
public sealed class ZoneContactRecord
{
    public required string ZoneCode { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    public ZoneContact ToContact() => new(Address, Phone, Email, Website);

    internal static void Configure(ModelBuilder model) => model.Entity<ZoneContactRecord>(e =>
    {
        e.ToTable("zone_contacts");
        e.HasKey(x => x.ZoneCode);
        e.Property(x => x.Address).HasMaxLength(Core.InputLimits.Title);
        e.Property(x => x.Phone).HasMaxLength(64);
        e.Property(x => x.Email).HasMaxLength(254);
        e.Property(x => x.Website).HasMaxLength(Core.InputLimits.Title);
        e.Property(x => x.UpdatedBy).HasMaxLength(200);
        e.HasOne<Zones.ZoneRecord>().WithMany().HasForeignKey(x => x.ZoneCode).OnDelete(DeleteBehavior.Cascade);
    });
}

/// <summary>Reads and writes zone contacts; every change is audited.</summary>
public static class ZoneContactStore
{
    /// <summary>The contact of a zone; an empty one when none was set.</summary>
    public static async Task<ZoneContact> GetAsync(GaoxinDb db, string zone, CancellationToken cancellationToken) =>
        (await db.ZoneContacts.AsNoTracking().FirstOrDefaultAsync(c => c.ZoneCode == zone, cancellationToken))?.ToContact()
        ?? new ZoneContact(null, null, null, null);

    /// <summary>Every zone's contact that has a field set, by zone code.</summary>
    public static async Task<Dictionary<string, ZoneContact>> AllAsync(GaoxinDb db, CancellationToken cancellationToken) =>
        (await db.ZoneContacts.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(c => c.ZoneCode, c => c.ToContact());

    /// <summary>The outcome of <see cref="SetAsync"/>: refused (<see cref="Refusal"/>: not_found, forbidden) or the field problems, or stored.</summary>
    public sealed record Outcome(string? Refusal, IReadOnlyList<ZoneContactRules.Problem> Problems, ZoneContact? Contact);

    /// <summary>
    /// Replaces a zone's contact (blank fields clear it). The office may set any zone's, a zone operator only their own zone's
    /// (<see cref="Principal.MayReport"/>). Audited with the old and new text and the way in (<paramref name="via"/>: api or form).
    /// </summary>
    public static async Task<Outcome> SetAsync(GaoxinDb db, string zone, ZoneContact contact, Principal who, TimeProvider clock, CancellationToken cancellationToken, string via = "api")
    {
        if (!await db.Zones.AnyAsync(z => z.Code == zone, cancellationToken)) return new Outcome("not_found", [], null);
        if (!who.MayReport(zone)) return new Outcome("forbidden", [], null);
        var normalized = ZoneContactRules.Normalize(contact);
        var problems = ZoneContactRules.Check(normalized);
        if (problems.Count > 0) return new Outcome(null, problems, null);

        await using var transaction = await WriteLock.BeginAsync(db, $"zone-contact:{zone}", cancellationToken);
        var record = await db.ZoneContacts.FirstOrDefaultAsync(c => c.ZoneCode == zone, cancellationToken);
        var before = record?.ToContact() ?? new ZoneContact(null, null, null, null);
        if (before == normalized) return new Outcome(null, [], normalized);
        var now = clock.GetUtcNow();
        if (record is null) db.ZoneContacts.Add(record = new ZoneContactRecord { ZoneCode = zone, UpdatedBy = who.Name });
        (record.Address, record.Phone, record.Email, record.Website, record.UpdatedAt, record.UpdatedBy) =
            (normalized.Address, normalized.Phone, normalized.Email, normalized.Website, now, who.Name);
        db.Audit.Add(new Collection.AuditRecord
        {
            At = now, Actor = who.Name, Via = via, UnitCode = zone, Year = now.Year, Action = "zone_contact_set",
            Comment = $"{Describe(before)} → {Describe(normalized)}",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Outcome(null, [], normalized);
    }

    private static string Describe(ZoneContact c) => $"address={c.Address}; phone={c.Phone}; email={c.Email}; website={c.Website}";
}
