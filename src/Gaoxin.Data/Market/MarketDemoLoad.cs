using Gaoxin.Core.Collection;
using Gaoxin.Core.Demo;
using Gaoxin.Core.Portal;
using Gaoxin.Core.SiteSelection;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Market;

/// <summary>
/// Loads the technology market's demo profiles (<see cref="MarketDemo"/>) for <c>gaoxin demo seed</c>: demands and achievements
/// published and marked demo, valid for a year, in one transaction with one audit row.
/// </summary>
public static class MarketDemoLoad
{
    /// <summary>The generator's seed: the same profiles on every store.</summary>
    public const int Seed = 2017;

    /// <summary>How many demands the demo holds.</summary>
    public const int Demands = 1_500;

    /// <summary>How many achievements the demo holds.</summary>
    public const int Achievements = 3_000;

    /// <summary>
    /// Adds the demo profiles once (nothing when the store already holds demo demands or achievements). Achievements are owned
    /// by the institutions on record where there are any (else by generated enterprises); profiles whose zone the store does
    /// not hold keep their region without a zone. Returns how many demands and achievements were added.
    /// </summary>
    public static async Task<(int Demands, int Achievements)> SeedDemoAsync(GaoxinDb db, IndustryCatalog catalog, Principal who, TimeProvider clock,
        CancellationToken ct)
    {
        if (await db.MarketDemands.AnyAsync(d => d.IsDemo, ct) || await db.MarketAchievements.AnyAsync(a => a.IsDemo, ct)) return (0, 0);
        var now = clock.GetUtcNow();
        var today = Publication.Today(now);
        var validUntil = today.AddYears(1);
        var expiresAt = Publication.EndOfDay(validUntil);
        var zones = (await db.Zones.AsNoTracking().Select(z => z.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var institutions = (await db.MarketInstitutions.AsNoTracking().OrderBy(i => i.Id).ToListAsync(ct))
            .Select(i => new DemoInstitution(i.Id, i.Name, i.Kind, i.Region, i.ZoneCode)).ToList();
        var set = MarketDemo.Generate(Seed, Demands, Achievements, institutions, today);
        string Field(string code) => catalog.Find(code) is null ? throw new InvalidOperationException($"demo field '{code}' is not in portal/industries.yaml") : code;
        string? Zone(string? code) => code is not null && zones.Contains(code) ? code : null;

        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.MarketDemands.AddRange(set.Demands.Select(d => new MarketDemandRecord
            {
                Title = d.Title, Problem = d.Problem, Field = Field(d.Field), Keywords = d.Keywords, BudgetMinWan = d.BudgetMinWan, BudgetMaxWan = d.BudgetMaxWan,
                Deadline = d.Deadline, ZoneCode = Zone(d.Zone), EnterpriseName = d.EnterpriseName, ContactName = d.ContactName, ContactPhone = d.ContactPhone,
                ContactEmail = d.ContactEmail, ValidUntil = validUntil, State = PublicationState.Published, ReleaseAt = now, ExpiresAt = expiresAt,
                Owner = who.Name, Version = 1, IsDemo = true, CreatedAt = now, CreatedBy = who.Name, UpdatedAt = now, UpdatedBy = who.Name,
            }));
            db.MarketAchievements.AddRange(set.Achievements.Select(a => new MarketAchievementRecord
            {
                Title = a.Title, Description = a.Description, Field = Field(a.Field), Keywords = a.Keywords, Maturity = a.Maturity, Trl = a.Trl,
                IpStatus = a.IpStatus, IpNumbers = a.IpNumbers, CooperationModes = a.CooperationModes, PriceMinWan = a.PriceMinWan, PriceMaxWan = a.PriceMaxWan,
                InstitutionId = a.InstitutionId, OwnerName = a.OwnerName, Region = a.Region, ZoneCode = Zone(a.Zone), ContactName = a.ContactName,
                ContactPhone = a.ContactPhone, ContactEmail = a.ContactEmail, ValidUntil = validUntil, State = PublicationState.Published, ReleaseAt = now,
                ExpiresAt = expiresAt, Owner = who.Name, Version = 1, IsDemo = true, CreatedAt = now, CreatedBy = who.Name, UpdatedAt = now, UpdatedBy = who.Name,
            }));
            db.Audit.Add(new Collection.AuditRecord
            {
                At = now, Actor = who.Name, Via = "demo", UnitCode = "", Year = today.Year, Action = "market_demo_loaded", ElementCode = "",
                Comment = $"{set.Demands.Count} demo demands, {set.Achievements.Count} demo achievements (seed {Seed})",
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
            db.ChangeTracker.Clear();
        }
        return (set.Demands.Count, set.Achievements.Count);
    }
}
