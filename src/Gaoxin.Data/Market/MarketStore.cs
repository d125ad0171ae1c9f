using Gaoxin.Data.Portal;
using Gaoxin.Core;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Market;
using Gaoxin.Core.Portal;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Data.Collection;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Market;

/// <summary>Whom to call about a profile: shown to signed-in users only, never to an anonymous visitor.</summary>
public sealed record MarketContact(string? Name, string? Phone, string? Email, string? CreditCode);

/// <summary>
/// A demand or an achievement as a page, the API, matching or the search reads it (plain values, no entity). Side-specific
/// values are null on the other side; <see cref="Contact"/> is always read — the edge decides who sees it.
/// </summary>
public sealed record MarketProfileView(
    MarketSide Side, int Id, string Title, string Text, string Field, IReadOnlyList<string> Keywords, string? Zone, MarketContact Contact,
    DateOnly? ValidUntil, PublicationState State, PublicationStage Stage, DateTimeOffset? ReleaseAt, DateTimeOffset? ExpiresAt,
    string? ReturnComment, string Owner, int Version, bool IsDemo, DateTimeOffset UpdatedAt,
    string? EnterpriseName, decimal? BudgetMinWan, decimal? BudgetMaxWan, DateOnly? Deadline,
    string? Maturity, int? Trl, string? IpStatus, string? IpNumbers, IReadOnlyList<string> CooperationModes, decimal? PriceMinWan, decimal? PriceMaxWan,
    int? InstitutionId, string? OwnerName, string? Region)
{
    /// <summary>The lower end of the budget (demand) or asking price (achievement), in 万元.</summary>
    public decimal? MinWan => Side == MarketSide.Demand ? BudgetMinWan : PriceMinWan;
    /// <summary>The upper end, in 万元.</summary>
    public decimal? MaxWan => Side == MarketSide.Demand ? BudgetMaxWan : PriceMaxWan;
    /// <summary>Who offers or asks: the enterprise of a demand, the owner of an achievement.</summary>
    public string Party => (Side == MarketSide.Demand ? EnterpriseName : OwnerName) ?? "";
}

/// <summary>Why a change was refused: a code (forbidden, not_found, stale_version, invalid …) and, for invalid input, every problem located by field.</summary>
public sealed record MarketRefusal(string Code, IReadOnlyList<MarketProblem> Problems)
{
    public static MarketRefusal Of(string code) => new(code, []);
}

/// <summary>
/// The technology market's demands and achievements: posted by enterprise users (their own), zone operators (their zone's)
/// or the office, reviewed and published by the office (<see cref="Publication"/> with <see cref="MarketWorkflow"/>'s
/// ownership), off the market when their validity ends, renewable without a new review. Every change carries the version it
/// was made against (a stale one is refused, nothing overwritten) and is audited.
/// </summary>
public static class MarketStore
{
    /// <summary>How a change arrived, as the audit records it.</summary>
    public static class Via
    {
        public const string Api = "api";
        public const string Form = "form";
        public const string Import = "import";
        public const string Demo = "demo";
    }

    /// <summary>The audit's element code of a profile: <c>market-demand:12</c>, <c>market-achievement:7</c>.</summary>
    public static string ElementCode(MarketSide side, int id) => $"{SideCode(side)}:{id}";

    /// <summary>demand or achievement, as URLs and files write a side.</summary>
    public static string SideName(MarketSide side) => side == MarketSide.Demand ? "demand" : "achievement";

    private static string SideCode(MarketSide side) => "market-" + SideName(side);

    /// <summary>Which rows to read: by state, by id, or those an owner or a zone keeps (all null: every row).</summary>
    private sealed record Rows(PublicationState? State = null, int? Id = null, string? Owner = null, string? Zone = null);

    /// <summary>Every profile of <paramref name="side"/> the public may see at <paramref name="now"/>, newest first.</summary>
    public static async Task<List<MarketProfileView>> PublicAsync(GaoxinDb db, MarketSide side, DateTimeOffset now, CancellationToken cancellationToken) =>
        // Release and expiry are compared here, not in SQL: SQLite cannot compare DateTimeOffset.
        (await LoadAsync(db, side, new Rows(State: PublicationState.Published), now, cancellationToken))
            .Where(p => p.Stage == PublicationStage.Public)
            .OrderByDescending(p => p.ReleaseAt ?? p.UpdatedAt).ThenByDescending(p => p.Id).ToList();

    /// <summary>
    /// <see cref="PublicAsync(GaoxinDb, MarketSide, DateTimeOffset, CancellationToken)"/> through the <see cref="ReadCache"/>: the published
    /// profiles are read once per store version, and release and expiry are applied at <paramref name="now"/> on every call.
    /// </summary>
    public static async Task<List<MarketProfileView>> PublicAsync(ReadCache cache, GaoxinDb db, MarketSide side, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await cache.GetAsync(db, $"market-published:{SideName(side)}", (d, ct) => PublishedAsync(d, side, now, ct), cancellationToken))
            .Where(p => Publication.IsPublic(p.State, p.ReleaseAt, p.ExpiresAt, now))
            .Select(p => p with { Stage = PublicationStage.Public })
            .OrderByDescending(p => p.ReleaseAt ?? p.UpdatedAt).ThenByDescending(p => p.Id).ToList();

    /// <summary>Every published profile of a side (release and expiry applied by the reader): what the search indexes.</summary>
    public static Task<List<MarketProfileView>> PublishedAsync(GaoxinDb db, MarketSide side, DateTimeOffset now, CancellationToken cancellationToken) =>
        LoadAsync(db, side, new Rows(State: PublicationState.Published), now, cancellationToken);

    /// <summary>
    /// One profile as <paramref name="who"/> may see it: whole for those who may write it, else only when public; null
    /// otherwise (a 404: a draft's existence is not told).
    /// </summary>
    public static async Task<MarketProfileView?> GetAsync(GaoxinDb db, MarketSide side, Principal? who, int id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = (await LoadAsync(db, side, new Rows(Id: id), now, cancellationToken)).FirstOrDefault();
        if (found is null) return null;
        if (who is not null && MarketWorkflow.MayWrite(who, found.Owner, found.Zone)) return found;
        return found.Stage == PublicationStage.Public ? found : null;
    }

    /// <summary>
    /// The profiles <paramref name="who"/> keeps, drafts included: an enterprise user their own, a zone operator their
    /// zone's and their own, the office all; newest first.
    /// </summary>
    public static async Task<List<MarketProfileView>> KeptByAsync(GaoxinDb db, MarketSide side, Principal who, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = who.IsAdmin ? new Rows() : new Rows(Owner: who.Name, Zone: who.Role == Roles.ZoneOperator ? who.Zone : null);
        return (await LoadAsync(db, side, rows, now, cancellationToken)).OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id).ToList();
    }

    /// <summary>The profiles waiting for the office's review, oldest first.</summary>
    public static async Task<List<MarketProfileView>> InReviewAsync(GaoxinDb db, MarketSide side, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await LoadAsync(db, side, new Rows(State: PublicationState.InReview), now, cancellationToken)).OrderBy(p => p.UpdatedAt).ThenBy(p => p.Id).ToList();

    private static Task<List<MarketProfileView>> LoadAsync(GaoxinDb db, MarketSide side, Rows rows, DateTimeOffset now, CancellationToken cancellationToken) =>
        side == MarketSide.Demand ? LoadAsync(db.MarketDemands, rows, now, cancellationToken) : LoadAsync(db.MarketAchievements, rows, now, cancellationToken);

    private static async Task<List<MarketProfileView>> LoadAsync<T>(DbSet<T> set, Rows rows, DateTimeOffset now, CancellationToken cancellationToken)
        where T : class, IMarketProfile
    {
        IQueryable<T> query = set.AsNoTracking();
        if (rows.State is { } state) query = query.Where(p => p.State == state);
        if (rows.Id is { } id) query = query.Where(p => p.Id == id);
        if (rows.Owner is { } owner)
        {
            var zone = rows.Zone;
            query = zone is null ? query.Where(p => p.Owner == owner) : query.Where(p => p.Owner == owner || p.ZoneCode == zone);
        }
        return (await query.ToListAsync(cancellationToken)).Select(p => ToView(p, now)).ToList();
    }

    /// <summary>A record as a view, its stage at <paramref name="now"/>.</summary>
    public static MarketProfileView ToView(IMarketProfile p, DateTimeOffset now)
    {
        var stage = Publication.StageAt(p.State, p.ReleaseAt, p.ExpiresAt, now);
        IReadOnlyList<string> keywords = MarketValidation.Split(p.Keywords);
        return p switch
        {
            MarketDemandRecord d => new(MarketSide.Demand, d.Id, d.Title, d.Problem, d.Field, keywords, d.ZoneCode,
                new MarketContact(d.ContactName, d.ContactPhone, d.ContactEmail, d.CreditCode), d.ValidUntil, d.State, stage, d.ReleaseAt, d.ExpiresAt,
                d.ReturnComment, d.Owner, d.Version, d.IsDemo, d.UpdatedAt, d.EnterpriseName, d.BudgetMinWan, d.BudgetMaxWan, d.Deadline,
                null, null, null, null, [], null, null, null, null, null),
            MarketAchievementRecord a => new(MarketSide.Achievement, a.Id, a.Title, a.Description, a.Field, keywords, a.ZoneCode,
                new MarketContact(a.ContactName, a.ContactPhone, a.ContactEmail, null), a.ValidUntil, a.State, stage, a.ReleaseAt, a.ExpiresAt,
                a.ReturnComment, a.Owner, a.Version, a.IsDemo, a.UpdatedAt, null, null, null, null,
                a.Maturity, a.Trl, a.IpStatus, a.IpNumbers, MarketValidation.Split(a.CooperationModes), a.PriceMinWan, a.PriceMaxWan,
                a.InstitutionId, a.OwnerName, a.Region),
            _ => throw new ArgumentOutOfRangeException(nameof(p), p.GetType().Name, null),
        };
    }

    /// <summary>What checking an input needs from the store: the zones and the institutions on record.</summary>
    public static async Task<(IReadOnlySet<string> Zones, IReadOnlySet<int> Institutions)> KnownAsync(GaoxinDb db, CancellationToken cancellationToken) =>
        ((await db.Zones.AsNoTracking().Select(z => z.Code).ToListAsync(cancellationToken)).ToHashSet(),
         (await db.MarketInstitutions.AsNoTracking().Select(i => i.Id).ToListAsync(cancellationToken)).ToHashSet());

    /// <summary>The problems of an input at <paramref name="now"/>, as the store checks it (empty: storable).</summary>
    public static async Task<IReadOnlyList<MarketProblem>> CheckAsync(GaoxinDb db, MarketProfileInput input, IndustryCatalog catalog, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var (zones, institutions) = await KnownAsync(db, cancellationToken);
        return MarketValidation.Check(input, catalog, zones, institutions, Publication.Today(now));
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Writes an input's values into a record (the input has been checked).</summary>
    internal static void Apply(IMarketProfile p, MarketProfileInput input, IReadOnlyDictionary<int, string> institutionNames)
    {
        p.Title = input.Title!.Trim();
        p.Field = input.Field!.Trim();
        p.Keywords = MarketValidation.Join(input.Keywords);
        p.ZoneCode = Clean(input.Zone);
        p.ContactName = Clean(input.ContactName);
        p.ContactPhone = Clean(input.ContactPhone);
        p.ContactEmail = Clean(input.ContactEmail);
        p.ValidUntil = input.ValidUntil;
        p.ExpiresAt = Publication.EndOfDay(input.ValidUntil);
        switch (p)
        {
            case MarketDemandRecord d:
                d.Problem = input.Text!.Trim();
                d.EnterpriseName = input.EnterpriseName!.Trim();
                d.CreditCode = Clean(input.CreditCode);
                d.BudgetMinWan = input.BudgetMinWan;
                d.BudgetMaxWan = input.BudgetMaxWan;
                d.Deadline = input.Deadline;
                break;
            case MarketAchievementRecord a:
                a.Description = input.Text!.Trim();
                a.Maturity = input.Maturity!.Trim();
                a.Trl = input.Trl;
                a.IpStatus = input.IpStatus!.Trim();
                a.IpNumbers = Clean(input.IpNumbers) is { } numbers ? MarketValidation.Join(numbers) : null;
                a.CooperationModes = MarketValidation.Join(input.CooperationModes);
                a.PriceMinWan = input.PriceMinWan;
                a.PriceMaxWan = input.PriceMaxWan;
                a.InstitutionId = input.InstitutionId;
                a.OwnerName = Clean(input.OwnerName) ?? (input.InstitutionId is { } i ? institutionNames.GetValueOrDefault(i, "") : "");
                a.Region = Clean(input.Region);
                break;
        }
    }

    /// <summary>A new, empty record of a side, owned by <paramref name="owner"/>.</summary>
    internal static IMarketProfile NewRecord(MarketSide side, string owner, DateTimeOffset now, string actor, bool isDemo) => side == MarketSide.Demand
        ? new MarketDemandRecord
        {
            Title = "", Problem = "", Field = "", EnterpriseName = "", Owner = owner, State = PublicationState.Draft, Version = 1, IsDemo = isDemo,
            CreatedAt = now, CreatedBy = actor, UpdatedAt = now, UpdatedBy = actor,
        }
        : new MarketAchievementRecord
        {
            Title = "", Description = "", Field = "", Maturity = "", IpStatus = "", CooperationModes = "", OwnerName = "", Owner = owner,
            State = PublicationState.Draft, Version = 1, IsDemo = isDemo, CreatedAt = now, CreatedBy = actor, UpdatedAt = now, UpdatedBy = actor,
        };

    internal static AuditRecord Audit(DateTimeOffset now, Principal who, string via, MarketSide side, IMarketProfile p, string action, string? comment = null,
        string? batch = null) => new()
    {
        At = now, Actor = who.Name, Via = via, BatchId = batch, UnitCode = p.ZoneCode ?? "", Year = now.Year, Action = $"{SideName(side)}_{action}",
        ElementCode = ElementCode(side, p.Id), Comment = comment ?? p.Title,
    };

    /// <summary>The write lock of one profile: of two steps on it at once, the second sees the first's result.</summary>
    private static string Scope(MarketSide side, int id) => $"{SideCode(side)}:{id}";

    private static async Task<IMarketProfile?> FindAsync(GaoxinDb db, MarketSide side, int id, CancellationToken cancellationToken) => side == MarketSide.Demand
        ? await db.MarketDemands.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
        : await db.MarketAchievements.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    private static async Task<IReadOnlyDictionary<int, string>> InstitutionNamesAsync(GaoxinDb db, MarketProfileInput input, CancellationToken cancellationToken) =>
        input.InstitutionId is { } id
            ? await db.MarketInstitutions.AsNoTracking().Where(i => i.Id == id).ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken)
            : new Dictionary<int, string>();

    /// <summary>
    /// Adds a draft owned by <paramref name="who"/> (a zone operator: in their own zone). Checked in full (every problem
    /// located), audited. Returns the new id or the refusal.
    /// </summary>
    public static async Task<(int? Id, MarketRefusal? Refused)> CreateAsync(GaoxinDb db, Principal who, MarketProfileInput input, IndustryCatalog catalog,
        string via, TimeProvider clock, CancellationToken cancellationToken, bool isDemo = false)
    {
        if (MarketWorkflow.CheckCreate(who, Clean(input.Zone)) is { } refused) return (null, MarketRefusal.Of(refused));
        var now = clock.GetUtcNow();
        if (await CheckAsync(db, input, catalog, now, cancellationToken) is { Count: > 0 } problems) return (null, new MarketRefusal("invalid", problems));
        var record = NewRecord(input.Side, who.Name, now, who.Name, isDemo);
        Apply(record, input, await InstitutionNamesAsync(db, input, cancellationToken));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        db.Audit.Add(Audit(now, who, via, input.Side, record, "created"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (record.Id, null);
    }

    /// <summary>
    /// Changes a draft or a withdrawn profile (which becomes a draft again) made against <paramref name="version"/>.
    /// Neither its present zone nor the zone it moves to may be closed to <paramref name="who"/>. Audited with the fields changed.
    /// </summary>
    public static async Task<MarketRefusal?> UpdateAsync(GaoxinDb db, Principal who, int id, int? version, MarketProfileInput input, IndustryCatalog catalog,
        string via, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteLock.BeginAsync(db, Scope(input.Side, id), cancellationToken);
        var record = await FindAsync(db, input.Side, id, cancellationToken);
        if (record is null) return MarketRefusal.Of("not_found");
        if (MarketWorkflow.Check(record.State, PublicationAction.Edit, who, record.Owner, record.ZoneCode) is { } refused) return MarketRefusal.Of(refused);
        if (Clean(input.Zone) != record.ZoneCode && !MarketWorkflow.MayWrite(who, record.Owner, Clean(input.Zone))) return MarketRefusal.Of("forbidden");
        if (MarketWorkflow.CheckVersion(record.Version, version) is { } stale) return MarketRefusal.Of(stale);
        var now = clock.GetUtcNow();
        if (await CheckAsync(db, input, catalog, now, cancellationToken) is { Count: > 0 } problems) return new MarketRefusal("invalid", problems);
        Apply(record, input, await InstitutionNamesAsync(db, input, cancellationToken));
        var changed = db.Entry(record).Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToList();
        record.State = Publication.After(record.State, PublicationAction.Edit);
        record.ReleaseAt = null;
        record.Version++;
        record.UpdatedAt = now;
        record.UpdatedBy = who.Name;
        db.Audit.Add(Audit(now, who, via, input.Side, record, "edited", changed.Count == 0 ? "no field changed" : "changed: " + string.Join(", ", changed)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// A workflow step made against <paramref name="version"/>: submit (who may write the profile), publish at once or at
    /// <paramref name="releaseAt"/>, return with a comment, withdraw (the office). Audited.
    /// </summary>
    public static async Task<MarketRefusal?> StepAsync(GaoxinDb db, Principal who, MarketSide side, int id, int? version, PublicationAction action,
        DateTimeOffset? releaseAt, string? comment, string via, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (action == PublicationAction.Edit) throw new ArgumentOutOfRangeException(nameof(action), action, "edits go through UpdateAsync");
        InputLimits.Ensure("comment", comment, InputLimits.Comment);
        await using var transaction = await WriteLock.BeginAsync(db, Scope(side, id), cancellationToken);
        var record = await FindAsync(db, side, id, cancellationToken);
        if (record is null) return MarketRefusal.Of("not_found");
        if (MarketWorkflow.Check(record.State, action, who, record.Owner, record.ZoneCode) is { } refused) return MarketRefusal.Of(refused);
        if (MarketWorkflow.CheckVersion(record.Version, version) is { } stale) return MarketRefusal.Of(stale);
        var now = clock.GetUtcNow();
        if (PortalSteps.Move(record, action, who, releaseAt, comment, now) is { } missing) return MarketRefusal.Of(missing);
        record.Version++;
        db.Audit.Add(Audit(now, who, via, side, record, PortalSteps.Done(action), PortalSteps.Note(action, releaseAt, comment)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Renews a published (public or expired) profile to <paramref name="validUntil"/>, made against
    /// <paramref name="version"/>: the owner, the zone or the office; no new review. Audited with the old and new day.
    /// </summary>
    public static async Task<MarketRefusal?> RenewAsync(GaoxinDb db, Principal who, MarketSide side, int id, int? version, DateOnly? validUntil,
        string via, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteLock.BeginAsync(db, Scope(side, id), cancellationToken);
        var record = await FindAsync(db, side, id, cancellationToken);
        if (record is null) return MarketRefusal.Of("not_found");
        var now = clock.GetUtcNow();
        if (MarketWorkflow.CheckRenewal(record.State, who, record.Owner, record.ZoneCode, record.ValidUntil, validUntil, now) is { } refused)
            return refused.StartsWith("valid_until", StringComparison.Ordinal) ? new MarketRefusal("invalid", [new MarketProblem("validUntil", refused)]) : MarketRefusal.Of(refused);
        if (MarketWorkflow.CheckVersion(record.Version, version) is { } stale) return MarketRefusal.Of(stale);
        var before = record.ValidUntil;
        record.ValidUntil = validUntil;
        record.ExpiresAt = Publication.EndOfDay(validUntil);
        record.Version++;
        record.UpdatedAt = now;
        record.UpdatedBy = who.Name;
        db.Audit.Add(Audit(now, who, via, side, record, "renewed", $"valid until {before?.ToString("yyyy-MM-dd") ?? "-"} → {validUntil:yyyy-MM-dd}"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }
}
