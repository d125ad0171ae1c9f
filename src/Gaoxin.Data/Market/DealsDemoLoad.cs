using Gaoxin.Core.Collection;
using Gaoxin.Core.Market;
using Gaoxin.Data.Collection;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Market;

/// <summary>
/// Loads the demo contracts (approved, marked demo) and, where the market holds demo profiles, demo introductions of a demand
/// and an achievement of the same field, some closed with a deal. The demo reports carry the turnover themselves, so their
/// reported value stays the figure in force; the contracts feed the transfer report.
/// </summary>
public static class DealsDemoLoad
{
    /// <summary>Adds the demo once (nothing when the store already holds demo contracts). Audited once.</summary>
    public static async Task SeedDemoAsync(GaoxinDb db, IReadOnlyList<string> fields, int seed, Principal who, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await db.TechContracts.AnyAsync(c => c.IsDemo, cancellationToken)) return;
        var zones = await db.Zones.AsNoTracking().OrderBy(z => z.Code).Select(z => z.Code).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var contracts = DealsDemo.Generate(seed, zones, fields).Select(c => new TechContractRecord
        {
            RegistrationNumber = c.RegistrationNumber, Type = c.Type, Title = c.Title, Buyer = c.Buyer, Seller = c.Seller, AmountWan = c.AmountWan, Signed = c.Signed,
            ZoneCode = c.Zone, Field = c.Field, State = ContractState.Approved, Version = 1, IsDemo = true, CreatedAt = now, CreatedBy = who.Name,
            UpdatedAt = now, UpdatedBy = who.Name, ApprovedAt = now, ApprovedBy = who.Name,
        }).ToList();
        db.TechContracts.AddRange(contracts);
        await db.SaveChangesAsync(cancellationToken);

        // Introductions pair demo demands with demo achievements of the same field and zone, when the market has them.
        var demands = await db.MarketDemands.AsNoTracking().Where(d => d.IsDemo && d.ZoneCode != null).OrderBy(d => d.Id)
            .Select(d => new { d.Id, d.Field, d.ZoneCode }).Take(400).ToListAsync(cancellationToken);
        var achievements = (await db.MarketAchievements.AsNoTracking().Where(a => a.IsDemo).OrderBy(a => a.Id).Select(a => new { a.Id, a.Field }).ToListAsync(cancellationToken))
            .ToLookup(a => a.Field);
        var introductions = 0;
        foreach (var (demand, i) in demands.Select((d, i) => (d, i)))
        {
            if (introductions >= 200 || achievements[demand.Field].FirstOrDefault() is not { } achievement) continue;
            var dealt = contracts.FirstOrDefault(c => c.ZoneCode == demand.ZoneCode && c.IntroductionId is null && c.Field == demand.Field);
            var state = i % 3 == 0 && dealt is not null ? IntroductionState.Deal : i % 3 == 1 ? IntroductionState.NoDeal : IntroductionState.Open;
            var introduction = new MarketIntroductionRecord
            {
                DemandId = demand.Id, AchievementId = achievement.Id, ZoneCode = demand.ZoneCode, State = state, Version = 1, IsDemo = true,
                Reason = state == IntroductionState.NoDeal ? "价格未谈拢(演示)" : null, ClosedAt = state == IntroductionState.Open ? null : now, ClosedBy = state == IntroductionState.Open ? null : who.Name,
                CreatedAt = now, CreatedBy = who.Name, UpdatedAt = now, UpdatedBy = who.Name,
                Notes = [new MarketIntroductionNoteRecord { Text = "首次对接洽谈(演示)", At = now, Author = who.Name }],
            };
            db.MarketIntroductions.Add(introduction);
            await db.SaveChangesAsync(cancellationToken);
            if (state == IntroductionState.Deal)
            {
                dealt!.IntroductionId = introduction.Id;
                dealt.AchievementId = achievement.Id;
                dealt.DemandId = demand.Id;
            }
            introductions++;
        }
        db.Audit.Add(new AuditRecord
        {
            At = now, Actor = who.Name, Via = ContractStore.Via.Demo, UnitCode = "", Year = DealsDemo.FirstYear, Action = "market_deals_demo_loaded", ElementCode = "",
            Comment = $"{contracts.Count} contracts, {introductions} introductions",
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
