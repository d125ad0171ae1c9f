using Gaoxin.Core;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Market;
using Gaoxin.Core.Portal;
using Gaoxin.Data.Collection;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Market;

/// <summary>An expression of interest as its readers see it.</summary>
public sealed record InterestView(int Id, MarketSide Side, int ProfileId, string ProfileTitle, string Message, string Author, DateTimeOffset CreatedAt, bool IsDemo);

/// <summary>A note on an introduction.</summary>
public sealed record IntroductionNoteView(DateTimeOffset At, string Author, string Text);

/// <summary>An introduction as pages and the API read it.</summary>
public sealed record IntroductionView(int Id, int? DemandId, string? DemandTitle, int? AchievementId, string? AchievementTitle, string? PartyName, string? Zone,
    IntroductionState State, string? Reason, IReadOnlyList<int> Contracts, IReadOnlyList<IntroductionNoteView> Notes, int Version, bool IsDemo,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? ClosedAt);

/// <summary>
/// Brokering on the technology market: expressions of interest in public profiles, and introductions (对接) the office or a
/// zone's technology-transfer service makes, with notes and an outcome. Every change is audited; a change to an
/// introduction names the version it was made against, and a stale one is refused.
/// </summary>
public static class IntroductionStore
{
    private static string Scope(int id) => $"market-introduction:{id}";

    private static AuditRecord Audit(DateTimeOffset now, Principal who, string via, string? zone, string element, string action, string? comment) => new()
    {
        At = now, Actor = who.Name, Via = via, UnitCode = zone ?? "", Year = Publication.Today(now).Year, Action = action, ElementCode = element, Comment = comment,
    };

    /// <summary>A profile's title, zone and owner account, and whether it is public at <paramref name="now"/>; null when there is none.</summary>
    private static async Task<(string Title, string? Zone, string Owner, bool Public)?> ProfileAsync(GaoxinDb db, MarketSide side, int id, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (side == MarketSide.Demand)
            return await db.MarketDemands.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken) is { } d
                ? (d.Title, d.ZoneCode, d.Owner, Publication.IsPublic(d.State, d.ReleaseAt, d.ExpiresAt, now)) : null;
        return await db.MarketAchievements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) is { } a
            ? (a.Title, a.ZoneCode, a.Owner, Publication.IsPublic(a.State, a.ReleaseAt, a.ExpiresAt, now)) : null;
    }

    /// <summary>
    /// An enterprise user's or a zone operator's interest in a public demand or achievement, with a message. Audited.
    /// Refused for the office (it brokers instead), for a profile that is not public, and for an empty message.
    /// </summary>
    public static async Task<(int? Id, string? Refused)> ExpressInterestAsync(GaoxinDb db, Principal who, MarketSide side, int profileId, string? message, string via,
        TimeProvider clock, CancellationToken cancellationToken, bool isDemo = false)
    {
        InputLimits.Ensure("message", message, InputLimits.Comment);
        if (who.Role is not (Roles.Enterprise or Roles.ZoneOperator)) return (null, "forbidden");
        if (string.IsNullOrWhiteSpace(message)) return (null, "message_required");
        var now = clock.GetUtcNow();
        if (await ProfileAsync(db, side, profileId, now, cancellationToken) is not { Public: true } profile) return (null, "not_found");
        var interest = new MarketInterestRecord
        {
            Side = side, ProfileId = profileId, Message = message.Trim(), Author = who.Name, AuthorRole = who.Role, AuthorZone = who.Zone, IsDemo = isDemo, CreatedAt = now,
        };
        db.MarketInterests.Add(interest);
        await db.SaveChangesAsync(cancellationToken);
        db.Audit.Add(Audit(now, who, via, profile.Zone, $"interest:{interest.Id}", "market_interest_expressed", $"{side.ToString().ToLowerInvariant()}:{profileId}"));
        await db.SaveChangesAsync(cancellationToken);
        return (interest.Id, null);
    }

    /// <summary>
    /// The interests <paramref name="who"/> may read, newest first: the office all; others their own and those in profiles they
    /// own, and a zone operator those in their zone's profiles.
    /// </summary>
    public static async Task<List<InterestView>> InterestsAsync(GaoxinDb db, Principal who, CancellationToken cancellationToken)
    {
        var demands = await db.MarketDemands.AsNoTracking().Select(d => new { d.Id, d.Title, d.ZoneCode, d.Owner }).ToDictionaryAsync(d => d.Id, cancellationToken);
        var achievements = await db.MarketAchievements.AsNoTracking().Select(a => new { a.Id, a.Title, a.ZoneCode, a.Owner }).ToDictionaryAsync(a => a.Id, cancellationToken);
        var rows = await db.MarketInterests.AsNoTracking().ToListAsync(cancellationToken);
        var list = new List<InterestView>();
        foreach (var i in rows.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id))
        {
            var (title, zone, owner) = i.Side == MarketSide.Demand
                ? demands.TryGetValue(i.ProfileId, out var d) ? (d.Title, d.ZoneCode, d.Owner) : ("", null, "")
                : achievements.TryGetValue(i.ProfileId, out var a) ? (a.Title, a.ZoneCode, a.Owner) : ("", null, "");
            var sees = who.IsAdmin || i.Author == who.Name || owner == who.Name || (who.Role == Roles.ZoneOperator && zone is not null && zone == who.Zone);
            if (sees) list.Add(new InterestView(i.Id, i.Side, i.ProfileId, title, i.Message, i.Author, i.CreatedAt, i.IsDemo));
        }
        return list;
    }

    private static IntroductionView ToView(MarketIntroductionRecord i, IReadOnlyDictionary<int, string> demands, IReadOnlyDictionary<int, string> achievements,
        IReadOnlyList<int> contracts) => new(
        i.Id, i.DemandId, i.DemandId is { } d ? demands.GetValueOrDefault(d) : null, i.AchievementId, i.AchievementId is { } a ? achievements.GetValueOrDefault(a) : null,
        i.PartyName, i.ZoneCode, i.State, i.Reason, contracts, i.Notes.OrderBy(n => n.At).ThenBy(n => n.Id).Select(n => new IntroductionNoteView(n.At, n.Author, n.Text)).ToList(),
        i.Version, i.IsDemo, i.CreatedAt, i.CreatedBy, i.ClosedAt);

    /// <summary>
    /// The introductions <paramref name="who"/> sees, newest first: the office all; a zone operator those of their zone or whose
    /// demand or achievement is of their zone.
    /// </summary>
    public static async Task<List<IntroductionView>> ListAsync(GaoxinDb db, Principal who, int? id, CancellationToken cancellationToken)
    {
        var query = db.MarketIntroductions.AsNoTracking().Include(i => i.Notes).AsQueryable();
        if (id is { } one) query = query.Where(i => i.Id == one);
        var rows = await query.ToListAsync(cancellationToken);
        var demandIds = rows.Select(r => r.DemandId).OfType<int>().ToHashSet();
        var achievementIds = rows.Select(r => r.AchievementId).OfType<int>().ToHashSet();
        var demands = await db.MarketDemands.AsNoTracking().Where(d => demandIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => (d.Title, d.ZoneCode), cancellationToken);
        var achievements = await db.MarketAchievements.AsNoTracking().Where(a => achievementIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => (a.Title, a.ZoneCode), cancellationToken);
        var ids = rows.Select(r => (int?)r.Id).ToHashSet();
        var contracts = (await db.TechContracts.AsNoTracking().Where(c => ids.Contains(c.IntroductionId) && c.State != ContractState.Superseded)
            .Select(c => new { c.Id, c.IntroductionId }).ToListAsync(cancellationToken)).ToLookup(c => c.IntroductionId!.Value, c => c.Id);
        bool Sees(MarketIntroductionRecord i) => who.IsAdmin || (who.Role == Roles.ZoneOperator && who.Zone is { } zone && (i.ZoneCode == zone
            || (i.DemandId is { } d && demands.GetValueOrDefault(d).ZoneCode == zone) || (i.AchievementId is { } a && achievements.GetValueOrDefault(a).ZoneCode == zone)));
        return rows.Where(Sees).OrderByDescending(i => i.UpdatedAt).ThenByDescending(i => i.Id)
            .Select(i => ToView(i, demands.ToDictionary(d => d.Key, d => d.Value.Title), achievements.ToDictionary(a => a.Key, a => a.Value.Title),
                contracts[i.Id].Order().ToList())).ToList();
    }

    /// <summary>
    /// Opens an introduction of a demand and an achievement, or of one of them and a named party. The office brokers any (for a
    /// zone, or its own with no zone); a zone's operator one whose demand or achievement is of their zone (the introduction is
    /// their zone's). Audited.
    /// </summary>
    public static async Task<(int? Id, string? Refused)> OpenAsync(GaoxinDb db, Principal who, int? demandId, int? achievementId, string? partyName, string? zone,
        string? note, string via, TimeProvider clock, CancellationToken cancellationToken, bool isDemo = false)
    {
        InputLimits.Ensure("partyName", partyName, InputLimits.Name);
        InputLimits.Ensure("note", note, InputLimits.Comment);
        InputLimits.Ensure("zone", zone, 64);
        if (demandId is null && achievementId is null) return (null, "profile_required");
        if ((demandId is null || achievementId is null) && string.IsNullOrWhiteSpace(partyName)) return (null, "party_required");
        var now = clock.GetUtcNow();
        var zones = new List<string?>();
        foreach (var (side, id) in new[] { (MarketSide.Demand, demandId), (MarketSide.Achievement, achievementId) })
        {
            if (id is not { } profileId) continue;
            if (await ProfileAsync(db, side, profileId, now, cancellationToken) is not { } profile) return (null, side == MarketSide.Demand ? "unknown_demand" : "unknown_achievement");
            zones.Add(profile.Zone);
        }
        if (!ContractRules.MayBroker(who, zones)) return (null, "forbidden");
        var brokeredFor = who.IsAdmin ? (string.IsNullOrWhiteSpace(zone) ? null : zone.Trim()) : who.Zone;
        if (brokeredFor is not null && !await db.Zones.AnyAsync(z => z.Code == brokeredFor, cancellationToken)) return (null, "unknown_zone");
        var introduction = new MarketIntroductionRecord
        {
            DemandId = demandId, AchievementId = achievementId, PartyName = string.IsNullOrWhiteSpace(partyName) ? null : partyName.Trim(), ZoneCode = brokeredFor,
            State = IntroductionState.Open, Version = 1, IsDemo = isDemo, CreatedAt = now, CreatedBy = who.Name, UpdatedAt = now, UpdatedBy = who.Name,
        };
        if (!string.IsNullOrWhiteSpace(note)) introduction.Notes.Add(new MarketIntroductionNoteRecord { Text = note.Trim(), At = now, Author = who.Name });
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.MarketIntroductions.Add(introduction);
        await db.SaveChangesAsync(cancellationToken);
        db.Audit.Add(Audit(now, who, via, brokeredFor, $"introduction:{introduction.Id}", "market_introduction_opened",
            $"demand {demandId?.ToString() ?? "-"}, achievement {achievementId?.ToString() ?? "-"}{(introduction.PartyName is { } p ? ", party " + p : "")}"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (introduction.Id, null);
    }

    /// <summary>The introduction under its lock, if <paramref name="who"/> may broker it and <paramref name="version"/> is current.</summary>
    private static async Task<(MarketIntroductionRecord? Introduction, string? Refused)> FindAsync(GaoxinDb db, Principal who, int id, int? version,
        CancellationToken cancellationToken)
    {
        var introduction = await db.MarketIntroductions.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (introduction is null) return (null, "not_found");
        var zones = new List<string?> { introduction.ZoneCode };
        if (introduction.DemandId is { } d) zones.Add(await db.MarketDemands.Where(x => x.Id == d).Select(x => x.ZoneCode).FirstOrDefaultAsync(cancellationToken));
        if (introduction.AchievementId is { } a) zones.Add(await db.MarketAchievements.Where(x => x.Id == a).Select(x => x.ZoneCode).FirstOrDefaultAsync(cancellationToken));
        if (!ContractRules.MayBroker(who, zones)) return (null, "forbidden");
        if (version is null) return (null, "version_required");
        return version != introduction.Version ? (null, "stale") : (introduction, null);
    }

    /// <summary>Adds a dated note to an open introduction. Audited.</summary>
    public static async Task<string?> AddNoteAsync(GaoxinDb db, Principal who, int id, int? version, string? text, string via, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        InputLimits.Ensure("text", text, InputLimits.Comment);
        if (string.IsNullOrWhiteSpace(text)) return "note_required";
        await using var transaction = await WriteLock.BeginAsync(db, Scope(id), cancellationToken);
        var (introduction, refused) = await FindAsync(db, who, id, version, cancellationToken);
        if (introduction is null) return refused;
        if (introduction.State != IntroductionState.Open) return "introduction_closed";
        var now = clock.GetUtcNow();
        db.MarketIntroductionNotes.Add(new MarketIntroductionNoteRecord { IntroductionId = id, Text = text.Trim(), At = now, Author = who.Name });
        introduction.Version++;
        introduction.UpdatedAt = now;
        introduction.UpdatedBy = who.Name;
        db.Audit.Add(Audit(now, who, via, introduction.ZoneCode, $"introduction:{id}", "market_introduction_note", text.Trim()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Closes an open introduction: with a deal (the technology contracts it led to, which are linked to it; none may be returned
    /// or another introduction's) or without one (a reason). Audited.
    /// </summary>
    public static async Task<string?> CloseAsync(GaoxinDb db, Principal who, int id, int? version, bool deal, IReadOnlyList<int>? contracts, string? reason,
        string via, TimeProvider clock, CancellationToken cancellationToken)
    {
        InputLimits.Ensure("reason", reason, InputLimits.Comment);
        await using var transaction = await WriteLock.BeginAsync(db, Scope(id), cancellationToken);
        var (introduction, refused) = await FindAsync(db, who, id, version, cancellationToken);
        if (introduction is null) return refused;
        var named = (contracts ?? []).Distinct().ToList();
        if (ContractRules.CheckClose(introduction.State, deal, deal ? named.Count : 0, reason) is { } broken) return broken;
        var now = clock.GetUtcNow();
        if (deal)
        {
            var rows = await db.TechContracts.Where(c => named.Contains(c.Id)).ToListAsync(cancellationToken);
            if (rows.Count != named.Count) return "unknown_contract";
            if (rows.Any(c => c.State is ContractState.Returned or ContractState.Superseded || (c.IntroductionId is { } other && other != id))) return "contract_unusable";
            if (rows.Any(c => !who.MayReport(c.ZoneCode))) return "forbidden";
            foreach (var c in rows.Where(c => c.IntroductionId is null))
            {
                c.IntroductionId = id;
                c.Version++;
            }
        }
        introduction.State = deal ? IntroductionState.Deal : IntroductionState.NoDeal;
        introduction.Reason = deal ? null : reason!.Trim();
        introduction.ClosedAt = now;
        introduction.ClosedBy = who.Name;
        introduction.Version++;
        introduction.UpdatedAt = now;
        introduction.UpdatedBy = who.Name;
        db.Audit.Add(Audit(now, who, via, introduction.ZoneCode, $"introduction:{id}", deal ? "market_introduction_deal" : "market_introduction_no_deal",
            deal ? "contracts " + string.Join(", ", named) : introduction.Reason));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>The closed introductions, as the transfer report reads them (closing day in China time).</summary>
    public static async Task<List<ClosedIntroduction>> ClosedAsync(GaoxinDb db, CancellationToken cancellationToken) =>
        (await db.MarketIntroductions.AsNoTracking().Where(i => i.State != IntroductionState.Open && i.ClosedAt != null)
            .Select(i => new { i.Id, i.ZoneCode, i.ClosedAt, i.State }).ToListAsync(cancellationToken))
        .Select(i => new ClosedIntroduction(i.Id, i.ZoneCode, Publication.Today(i.ClosedAt!.Value), i.State == IntroductionState.Deal)).ToList();
}
