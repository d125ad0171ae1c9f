using Gaoxin.Core.Collection;
using Gaoxin.Core.Enterprises;
using Gaoxin.Data.Collection;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Enterprises;

/// <summary>What a change to the pool did: null <paramref name="Error"/> when it was recorded; otherwise a code and a message.</summary>
/// <param name="Error">
/// <c>unknown_enterprise</c>, <c>forbidden</c>, <c>already_proposed</c>, <c>entry_refused</c>, <c>not_proposed</c>, <c>not_in_pool</c>,
/// <c>transition_not_allowed</c>, <c>terminal_stage</c>, <c>date_before_last_move</c>, <c>date_in_future</c>, <c>invalid_input</c>.
/// </param>
/// <param name="Message">What went wrong, in English, naming the stages or the rule.</param>
/// <param name="Stage">The enterprise's stage after the attempt, when it is in the pool.</param>
/// <param name="Routes">For a proposal: the entry routes that held.</param>
public sealed record PoolOutcome(string? Error, string? Message, ReserveStage? Stage, IReadOnlyList<string> Routes)
{
    public bool Done => Error is null;

    public static PoolOutcome Refused(string code, string message, ReserveStage? stage = null) => new(code, message, stage, []);
}

/// <summary>An enterprise of the pool for lists.</summary>
public sealed record PoolListItem(string CreditCode, string Name, string Zone, ReserveStage Stage, DateOnly StageOn, DateOnly ProposedOn,
    IReadOnlyList<string> EntryRoutes, int Trainings, DateOnly? LastTrainingOn);

/// <summary>A zone's pool figures for a year.</summary>
public sealed record PoolZoneCounts(string Zone, ReservePoolFigures Figures);

/// <summary>
/// The reserve pool (高企培育后备库) store: proposals decided by the entry rule (<see cref="ReservePool.Admit"/>), moves by the
/// pipeline (<see cref="ReservePool.Move"/>), training records, every change audited; and the pool's zone-year figures
/// (<see cref="ReservePoolCounts"/>) as data values for plan monitoring.
/// </summary>
public static class ReservePoolStore
{
    /// <summary>Audit actions.</summary>
    public const string Proposed = "pool_proposed";
    public const string Moved = "pool_moved";
    public const string Trained = "pool_trained";

    /// <summary>The zone-year figures as data elements (家): in the pool at year end, trained (in the year and to date), recognised (in the year and to date),
    /// admitted to date.</summary>
    public static IReadOnlyList<string> Elements { get; } =
        ["reserve_pool", "reserve_trained", "reserve_trained_to_date", "reserve_recognised", "reserve_recognised_to_date", "reserve_entered_to_date"];

    private static string Normalize(string creditCode) => creditCode.Trim().ToUpperInvariant();

    /// <summary>May <paramref name="who"/> act on an enterprise of <paramref name="zone"/>? The office on all, a zone operator on their own.</summary>
    public static bool MayAct(Principal who, string zone) => EnterpriseStore.Scope(who) is (true, var own) && (own is null || own == zone);

    /// <summary>
    /// Proposes an enterprise of the registry as a candidate with its self-assessment results; the entry rule decides
    /// whether it may enter. Recorded as the first move (→ candidate) on <paramref name="on"/>.
    /// </summary>
    public static async Task<PoolOutcome> ProposeAsync(GaoxinDb db, Principal who, ReservePoolRuleSet rules, string creditCode,
        HteAssessmentResult? hte, TechSmeResult? techSme, string assessmentJson, DateOnly on, string? note, string via, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var code = Normalize(creditCode);
        var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == code, cancellationToken);
        if (enterprise is null) return PoolOutcome.Refused("unknown_enterprise", $"No enterprise '{code}' in the registry (import its returns first).");
        if (!MayAct(who, enterprise.ZoneCode)) return PoolOutcome.Refused("forbidden", "Only the office or the enterprise's zone operators may propose it.");
        if (DateCheck(on, clock) is { } future) return future;
        if (await db.ReservePoolMembers.AsNoTracking().FirstOrDefaultAsync(m => m.CreditCode == code, cancellationToken) is { } existing)
            return PoolOutcome.Refused("already_proposed", $"{code} is already in the reserve pool pipeline (stage {EnterpriseWire.Name(existing.Stage)}).", existing.Stage);
        if (hte is null && techSme is null) return PoolOutcome.Refused("invalid_input", "The proposal needs a high-tech self-assessment or a 科技型中小企业 evaluation.");

        var decision = ReservePool.Admit(rules, hte, techSme);
        if (!decision.Admitted)
        {
            var why = string.Join("; ", new[]
            {
                hte is null ? null : $"high-tech self-assessment says {EnterpriseWire.Name(hte.Eligible)} with score {hte.Score.Min}–{hte.Score.Max}",
                techSme is null ? null : $"科技型中小企业 evaluation says {EnterpriseWire.Name(techSme.Eligible)}",
            }.Where(s => s is not null));
            return PoolOutcome.Refused("entry_refused",
                $"No entry route of {rules.Header.Id} holds ({string.Join(", ", rules.Entry.Select(r => r.Id))}): {why}.");
        }

        var now = clock.GetUtcNow();
        db.ReservePoolMembers.Add(new ReservePoolMemberRecord
        {
            CreditCode = code, ZoneCode = enterprise.ZoneCode, Stage = ReserveStage.Candidate, StageOn = on, ProposedOn = on, ProposedBy = who.Name,
            RuleSetId = rules.Header.Id, EntryRoutes = string.Join(",", decision.Routes), Assessment = assessmentJson,
        });
        db.ReservePoolMoves.Add(new ReservePoolMoveRecord { CreditCode = code, FromStage = null, ToStage = ReserveStage.Candidate, MovedOn = on, Actor = who.Name, Note = note, At = now });
        db.Audit.Add(Audit(who, via, enterprise.ZoneCode, on, Proposed, now, $"{code}: proposed as candidate by {string.Join(",", decision.Routes)} ({rules.Header.Id})", note));
        await db.SaveChangesAsync(cancellationToken);
        return new PoolOutcome(null, null, ReserveStage.Candidate, decision.Routes);
    }

    /// <summary>Moves an enterprise of the pool to <paramref name="to"/> on <paramref name="on"/>, if the pipeline allows it.</summary>
    public static async Task<PoolOutcome> MoveAsync(GaoxinDb db, Principal who, ReservePoolRuleSet rules, string creditCode, ReserveStage to, DateOnly on,
        string? note, string via, TimeProvider clock, CancellationToken cancellationToken)
    {
        var code = Normalize(creditCode);
        var member = await db.ReservePoolMembers.FirstOrDefaultAsync(m => m.CreditCode == code, cancellationToken);
        if (member is null) return PoolOutcome.Refused("not_proposed", $"{code} has not been proposed to the reserve pool.");
        if (!MayAct(who, member.ZoneCode)) return PoolOutcome.Refused("forbidden", "Only the office or the enterprise's zone operators may move it.");
        if (DateCheck(on, clock) is { } future) return future;
        var move = ReservePool.Move(rules, member.Stage, to);
        if (!move.Allowed)
        {
            var next = ReservePool.Next(rules, member.Stage);
            return PoolOutcome.Refused(move.Error!, move.Error == "terminal_stage"
                ? $"{code} is {EnterpriseWire.Name(member.Stage)}, a final stage: no move leaves it."
                : $"{code} cannot move from {EnterpriseWire.Name(member.Stage)} to {EnterpriseWire.Name(to)}; allowed: {string.Join(", ", next.Select(EnterpriseWire.Name))}.",
                member.Stage);
        }
        if (on < member.StageOn)
            return PoolOutcome.Refused("date_before_last_move", $"{on:yyyy-MM-dd} is before {code}'s last move ({member.StageOn:yyyy-MM-dd}).", member.Stage);
        RecordMove(db, who, member, to, on, note, via, clock);
        await db.SaveChangesAsync(cancellationToken);
        return new PoolOutcome(null, null, to, []);
    }

    private static void RecordMove(GaoxinDb db, Principal who, ReservePoolMemberRecord member, ReserveStage to, DateOnly on, string? note, string via,
        TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var from = member.Stage;
        member.Stage = to;
        member.StageOn = on;
        db.ReservePoolMoves.Add(new ReservePoolMoveRecord { CreditCode = member.CreditCode, FromStage = from, ToStage = to, MovedOn = on, Actor = who.Name, Note = note, At = now });
        db.Audit.Add(Audit(who, via, member.ZoneCode, on, Moved, now, $"{member.CreditCode}: {EnterpriseWire.Name(from)} → {EnterpriseWire.Name(to)}", note));
    }

    /// <summary>
    /// Records a training of an enterprise of the pool. An enterprise in the pool (入库) that takes a training moves on to
    /// 已培训 the same day, when the pipeline has that move; candidates and enterprises that left the pipeline take none.
    /// </summary>
    public static async Task<PoolOutcome> TrainAsync(GaoxinDb db, Principal who, ReservePoolRuleSet rules, string creditCode, DateOnly on, string course,
        decimal? hours, string? provider, string via, TimeProvider clock, CancellationToken cancellationToken)
    {
        var code = Normalize(creditCode);
        if (string.IsNullOrWhiteSpace(course)) return PoolOutcome.Refused("invalid_input", "A training needs its course or title.");
        if (hours is < 0) return PoolOutcome.Refused("invalid_input", "Hours cannot be negative.");
        var member = await db.ReservePoolMembers.FirstOrDefaultAsync(m => m.CreditCode == code, cancellationToken);
        if (member is null) return PoolOutcome.Refused("not_proposed", $"{code} has not been proposed to the reserve pool.");
        if (!MayAct(who, member.ZoneCode)) return PoolOutcome.Refused("forbidden", "Only the office or the enterprise's zone operators may record its training.");
        if (DateCheck(on, clock) is { } future) return future;
        if (!ReservePoolCounts.IsInPool(member.Stage))
            return PoolOutcome.Refused("not_in_pool", $"{code} is {EnterpriseWire.Name(member.Stage)}: trainings are recorded for enterprises in the pool.", member.Stage);
        if (on < member.ProposedOn)
            return PoolOutcome.Refused("date_before_last_move", $"{on:yyyy-MM-dd} is before {code} was proposed ({member.ProposedOn:yyyy-MM-dd}).", member.Stage);

        var now = clock.GetUtcNow();
        db.ReservePoolTrainings.Add(new ReservePoolTrainingRecord
        {
            CreditCode = code, TrainedOn = on, Course = course.Trim(), Hours = hours, Provider = string.IsNullOrWhiteSpace(provider) ? null : provider.Trim(),
            Actor = who.Name, At = now,
        });
        db.Audit.Add(Audit(who, via, member.ZoneCode, on, Trained, now, $"{code}: training “{course.Trim()}”", hours is { } h ? $"{h} h" : null));
        if (member.Stage == ReserveStage.InPool && on >= member.StageOn && ReservePool.Move(rules, member.Stage, ReserveStage.Trained).Allowed)
            RecordMove(db, who, member, ReserveStage.Trained, on, "training", via, clock);
        await db.SaveChangesAsync(cancellationToken);
        return new PoolOutcome(null, null, member.Stage, []);
    }

    private static PoolOutcome? DateCheck(DateOnly on, TimeProvider clock) =>
        on > DateOnly.FromDateTime(clock.GetLocalNow().Date)
            ? PoolOutcome.Refused("date_in_future", $"{on:yyyy-MM-dd} is in the future.")
            : null;

    private static AuditRecord Audit(Principal who, string via, string zone, DateOnly on, string action, DateTimeOffset now, string comment, string? note) => new()
    {
        At = now, Actor = who.Name, Via = via, UnitCode = zone, Year = on.Year, Action = action,
        Comment = note is { Length: > 0 } ? $"{comment} — {note}" : comment,
    };

    /// <summary>The enterprises of the pool, by zone and stage (null: all), ordered by zone then credit code.</summary>
    public static async Task<List<PoolListItem>> ListAsync(GaoxinDb db, string? zone, ReserveStage? stage, CancellationToken cancellationToken)
    {
        var query = from m in db.ReservePoolMembers.AsNoTracking()
                    join e in db.Enterprises.AsNoTracking() on m.CreditCode equals e.CreditCode
                    select new { m, e.Name };
        if (zone is not null) query = query.Where(x => x.m.ZoneCode == zone);
        if (stage is { } s) query = query.Where(x => x.m.Stage == s);
        var rows = await query.ToListAsync(cancellationToken);
        var codes = rows.Select(r => r.m.CreditCode).ToList();
        var trainings = (await db.ReservePoolTrainings.AsNoTracking().Where(t => codes.Contains(t.CreditCode))
                .Select(t => new { t.CreditCode, t.TrainedOn }).ToListAsync(cancellationToken))
            .GroupBy(t => t.CreditCode).ToDictionary(g => g.Key, g => (Count: g.Count(), Last: g.Max(t => t.TrainedOn)));
        return rows
            .Select(r => new PoolListItem(r.m.CreditCode, r.Name, r.m.ZoneCode, r.m.Stage, r.m.StageOn, r.m.ProposedOn,
                r.m.EntryRoutes.Split(',', StringSplitOptions.RemoveEmptyEntries),
                trainings.TryGetValue(r.m.CreditCode, out var t) ? t.Count : 0, trainings.TryGetValue(r.m.CreditCode, out var u) ? u.Last : null))
            .OrderBy(i => i.Zone, StringComparer.Ordinal).ThenBy(i => i.CreditCode, StringComparer.Ordinal).ToList();
    }

    /// <summary>The moves and trainings of one enterprise of the pool, oldest first.</summary>
    public static async Task<(List<ReservePoolMoveRecord> Moves, List<ReservePoolTrainingRecord> Trainings)> HistoryAsync(GaoxinDb db, string creditCode,
        CancellationToken cancellationToken)
    {
        var code = Normalize(creditCode);
        var moves = await db.ReservePoolMoves.AsNoTracking().Where(m => m.CreditCode == code).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var trainings = await db.ReservePoolTrainings.AsNoTracking().Where(t => t.CreditCode == code).OrderBy(t => t.TrainedOn).ThenBy(t => t.Id)
            .ToListAsync(cancellationToken);
        return (moves, trainings);
    }

    /// <summary>
    /// The pool figures of every zone (or one) for the given years, from the recorded moves and trainings (see
    /// <see cref="ReservePoolCounts.Count"/>).
    /// </summary>
    public static async Task<IReadOnlyDictionary<(string Zone, int Year), ReservePoolFigures>> FiguresAsync(GaoxinDb db, IReadOnlyCollection<int> years,
        string? zone, CancellationToken cancellationToken)
    {
        var members = db.ReservePoolMembers.AsNoTracking();
        if (zone is not null) members = members.Where(m => m.ZoneCode == zone);
        var zoneOf = await members.ToDictionaryAsync(m => m.CreditCode, m => m.ZoneCode, cancellationToken);
        var moves = (await db.ReservePoolMoves.AsNoTracking().Select(m => new { m.CreditCode, m.ToStage, m.MovedOn, m.Id }).ToListAsync(cancellationToken))
            .Select(m => new ReservePoolMoveFact(m.CreditCode, m.ToStage, m.MovedOn, m.Id));
        var trainings = (await db.ReservePoolTrainings.AsNoTracking().Select(t => new { t.CreditCode, t.TrainedOn }).ToListAsync(cancellationToken))
            .Select(t => new ReservePoolTrainingFact(t.CreditCode, t.TrainedOn));
        var zones = zone is not null ? [zone] : await db.Zones.AsNoTracking().Select(z => z.Code).ToListAsync(cancellationToken);
        return ReservePoolCounts.Count(zoneOf, moves, trainings, zones, years);
    }

    /// <summary>Enterprises per zone and current stage.</summary>
    public static async Task<List<(string Zone, ReserveStage Stage, int Count)>> PipelineAsync(GaoxinDb db, string? zone, CancellationToken cancellationToken)
    {
        var members = db.ReservePoolMembers.AsNoTracking();
        if (zone is not null) members = members.Where(m => m.ZoneCode == zone);
        var rows = await members.Select(m => new { m.ZoneCode, m.Stage }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => (r.ZoneCode, r.Stage)).Select(g => (g.Key.ZoneCode, g.Key.Stage, g.Count()))
            .OrderBy(r => r.ZoneCode, StringComparer.Ordinal).ThenBy(r => r.Stage).ToList();
    }

    /// <summary>
    /// The pool's zone-year figures as values of the data elements in <see cref="Elements"/> the data set has (unit 家). Once
    /// the pool is in use (any proposal recorded) every zone gets its figure, zeros included, so that sums over zones exist;
    /// before that there are none, and the targets they feed say “no data” rather than zero.
    /// </summary>
    public static async Task<List<DataValue>> ValuesAsync(GaoxinDb db, DataSetDefinition set, IReadOnlyCollection<int> years, CancellationToken cancellationToken)
    {
        var fillable = set.Elements.Where(e => !e.ProvinceLevel && e.Unit == "家" && Elements.Contains(e.Code)).Select(e => e.Code).ToHashSet();
        if (fillable.Count == 0 || years.Count == 0 || !await db.ReservePoolMembers.AnyAsync(cancellationToken)) return [];
        var figures = await FiguresAsync(db, years, null, cancellationToken);
        var values = new List<DataValue>();
        foreach (var ((zone, year), f) in figures)
        {
            void Add(string element, int value)
            {
                if (fillable.Contains(element)) values.Add(new DataValue(zone, year, element, value));
            }
            Add("reserve_pool", f.InPool);
            Add("reserve_trained", f.Trained);
            Add("reserve_trained_to_date", f.TrainedToDate);
            Add("reserve_recognised", f.Recognised);
            Add("reserve_recognised_to_date", f.RecognisedToDate);
            Add("reserve_entered_to_date", f.EnteredToDate);
        }
        return values;
    }
}
