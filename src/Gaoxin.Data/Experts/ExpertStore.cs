using Gaoxin.Core;
using Gaoxin.Core.Applications;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Portal;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Notices;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Experts;

/// <summary>What the office sends to set up a panel.</summary>
/// <param name="ElementCode">For an indicator panel, the data element the indicator reads (resolved from the model by the caller).</param>
public sealed record PanelInput(string? Item, string? Subject, string? ZoneCode, int? Year, long? CaseId, string? ModelId, string? IndicatorCode,
    string? ElementCode, int? Trim, IReadOnlyList<string>? Members);

/// <summary>A member of a panel as a reader sees it: whether they scored, and their score when the reader may see it.</summary>
public sealed record PanelMemberView(string UserName, bool Scored, decimal? Score, string? Comment);

/// <summary>A panel as a reader sees it. Before it closes an expert sees only their own score, and nobody sees the others'.</summary>
public sealed record PanelView(long Id, string Item, string Subject, string ZoneCode, int Year, long? CaseId, string? ModelId, string? IndicatorCode,
    string? ElementCode, int? Trim, bool Closed, IReadOnlyList<PanelMemberView> Members, ReviewResult? Result, decimal? MyScore, string? MyComment,
    int Version, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt);

/// <summary>A conflict of interest as listed.</summary>
public sealed record ConflictView(long Id, string UserName, string ZoneCode, string? Reason, DateTimeOffset DeclaredAt);

/// <summary>
/// Expert panels: the office sets them up and closes them; experts score their panels' items independently and declare
/// conflicts of interest. Every change is audited; members are notified when assigned.
/// </summary>
public static class ExpertStore
{
    private static string Scope(long id) => $"expert-panel:{id}";

    private static AuditRecord Audit(DateTimeOffset now, Principal who, string via, string zone, string element, string action, string? comment) => new()
    {
        At = now, Actor = who.Name, Via = via, UnitCode = zone, Year = Publication.Today(now).Year, Action = action, ElementCode = element, Comment = comment,
    };

    /// <summary>The accounts with the expert role, by name.</summary>
    public static async Task<List<string>> ExpertsAsync(GaoxinDb db, CancellationToken cancellationToken) =>
        (await (from u in db.Users.AsNoTracking()
                join ur in db.UserRoles.AsNoTracking() on u.Id equals ur.UserId
                join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
                where r.Name == Roles.Expert
                select u.UserName).ToListAsync(cancellationToken)).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>Sets up a panel (the office): its item, the zone and year, the trim, and its expert members (none conflicted). Audited; members notified.</summary>
    public static async Task<(long? Id, string? Refused)> CreateAsync(GaoxinDb db, Principal who, PanelInput input, string via, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!who.IsAdmin) return (null, "forbidden");
        InputLimits.Ensure("subject", input.Subject, InputLimits.Title);
        if (input.Item is null || !PanelItems.All.Contains(input.Item)) return (null, "unknown_item");
        if (string.IsNullOrWhiteSpace(input.Subject)) return (null, "subject_required");
        if (string.IsNullOrWhiteSpace(input.ZoneCode)) return (null, "zone_required");
        if (input.Year is not (>= 2000 and <= 2100)) return (null, "year_required");
        if (input.Item == PanelItems.Application && input.CaseId is null) return (null, "case_required");
        if (input.Item == PanelItems.Indicator && string.IsNullOrWhiteSpace(input.ElementCode)) return (null, "indicator_required");
        if (input.Trim is < 0 or > 10) return (null, "bad_trim");
        var members = (input.Members ?? []).Select(m => m.Trim()).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (members.Count == 0) return (null, "members_required");
        var experts = await ExpertsAsync(db, cancellationToken);
        if (members.Any(m => !experts.Contains(m))) return (null, "not_an_expert");
        var zone = input.ZoneCode.Trim();
        var conflicted = await db.Set<ExpertConflictRecord>().AsNoTracking().Where(c => c.ZoneCode == zone && members.Contains(c.UserName))
            .Select(c => c.UserName).ToListAsync(cancellationToken);
        if (conflicted.Count > 0) return (null, "expert_conflicted");

        await using var transaction = await WriteLock.BeginAsync(db, $"expert-panels:{zone}", cancellationToken);
        if (input.Item == PanelItems.Application
            && await db.Set<ExpertPanelRecord>().AnyAsync(p => p.CaseId == input.CaseId && p.ClosedAt == null, cancellationToken))
            return (null, "panel_open");
        var now = clock.GetUtcNow();
        var panel = new ExpertPanelRecord
        {
            Item = input.Item, Subject = input.Subject.Trim(), ZoneCode = zone, Year = input.Year.Value, CaseId = input.CaseId,
            ModelId = input.ModelId, IndicatorCode = input.IndicatorCode, ElementCode = input.ElementCode, Trim = input.Trim, CreatedAt = now,
            CreatedBy = who.Name, Version = 1, Members = members.Select(m => new ExpertPanelMemberRecord { UserName = m }).ToList(),
        };
        db.Add(panel);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var m in members)
            NoticeBoard.Post(db, Audience.User(m), $"评审任务:{panel.Subject}", $"您已被选为专家组成员,请独立评分(0–100)。",
                "/experts", now, input.CaseId);
        db.Audit.Add(Audit(now, who, via, zone, $"panel:{panel.Id}", "panel_created", $"{input.Item}; members {string.Join(", ", members)}"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (panel.Id, null);
    }

    /// <summary>
    /// An expert scores (or re-scores) an open panel's item they sit on: 0–100 with a comment. Refused when conflicted with
    /// the zone or when the panel is closed. Audited (without the score: it stays sealed until the panel closes).
    /// </summary>
    public static async Task<string?> ScoreAsync(GaoxinDb db, Principal who, long panelId, decimal? score, string? comment, string via, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        InputLimits.Ensure("comment", comment, InputLimits.Comment);
        if (who.Role != Roles.Expert) return "forbidden";
        if (ExpertReview.CheckScore(score) is { } bad) return bad;
        await using var transaction = await WriteLock.BeginAsync(db, Scope(panelId), cancellationToken);
        var panel = await db.Set<ExpertPanelRecord>().Include(p => p.Members).FirstOrDefaultAsync(p => p.Id == panelId, cancellationToken);
        if (panel is null || panel.Members.All(m => m.UserName != who.Name)) return "not_found";
        if (panel.ClosedAt is not null) return "panel_closed";
        var conflicts = await db.Set<ExpertConflictRecord>().AsNoTracking().Where(c => c.UserName == who.Name)
            .Select(c => new { c.UserName, c.ZoneCode }).ToListAsync(cancellationToken);
        if (ExpertReview.IsConflicted(who.Name, panel.ZoneCode, conflicts.Select(c => (c.UserName, c.ZoneCode)))) return "expert_conflicted";
        var now = clock.GetUtcNow();
        var row = await db.Set<ExpertScoreRecord>().FirstOrDefaultAsync(s => s.PanelId == panelId && s.UserName == who.Name, cancellationToken);
        if (row is null) db.Add(new ExpertScoreRecord { PanelId = panelId, UserName = who.Name, Score = score!.Value, Comment = comment?.Trim(), ScoredAt = now });
        else { row.Score = score!.Value; row.Comment = comment?.Trim(); row.ScoredAt = now; }
        panel.Version++;
        db.Audit.Add(Audit(now, who, via, panel.ZoneCode, $"panel:{panelId}", row is null ? "panel_scored" : "panel_rescored", null));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// An expert declares a conflict of interest with a zone: they leave that zone's open panels (their scores there are
    /// withdrawn) and are never put on its panels. Audited.
    /// </summary>
    public static async Task<string?> DeclareConflictAsync(GaoxinDb db, Principal who, string? zone, string? reason, string via, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        InputLimits.Ensure("reason", reason, InputLimits.Comment);
        if (who.Role != Roles.Expert) return "forbidden";
        if (string.IsNullOrWhiteSpace(zone)) return "zone_required";
        var code = zone.Trim();
        await using var transaction = await WriteLock.BeginAsync(db, $"expert-panels:{code}", cancellationToken);
        if (await db.Set<ExpertConflictRecord>().AnyAsync(c => c.UserName == who.Name && c.ZoneCode == code, cancellationToken)) return "conflict_declared";
        var now = clock.GetUtcNow();
        db.Add(new ExpertConflictRecord { UserName = who.Name, ZoneCode = code, Reason = reason?.Trim(), DeclaredAt = now });
        var open = await db.Set<ExpertPanelRecord>().Include(p => p.Members)
            .Where(p => p.ZoneCode == code && p.ClosedAt == null && p.Members.Any(m => m.UserName == who.Name)).ToListAsync(cancellationToken);
        foreach (var panel in open)
        {
            panel.Members.RemoveAll(m => m.UserName == who.Name);
            db.RemoveRange(await db.Set<ExpertScoreRecord>().Where(s => s.PanelId == panel.Id && s.UserName == who.Name).ToListAsync(cancellationToken));
            panel.Version++;
            NoticeBoard.Post(db, Audience.Office, $"专家回避:{panel.Subject}", $"{who.Name} 声明与 {code} 存在利益冲突,已退出该专家组。", "/applications/panels", now, panel.CaseId);
        }
        db.Audit.Add(Audit(now, who, via, code, $"conflict:{who.Name}", "conflict_declared", reason?.Trim()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>The office closes a panel: the scores are aggregated (trimmed mean, dispersion) and become visible. Audited.</summary>
    public static async Task<(ReviewResult? Result, string? Refused)> CloseAsync(GaoxinDb db, Principal who, long panelId, int? version, string via,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!who.IsAdmin) return (null, "forbidden");
        await using var transaction = await WriteLock.BeginAsync(db, Scope(panelId), cancellationToken);
        var (result, refused) = await CloseInAsync(db, who, panelId, version, via, clock, cancellationToken);
        if (refused is not null) return (null, refused);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (result, null);
    }

    /// <summary>Closes a panel inside the caller's transaction (the caller saves): what <see cref="CloseAsync"/> and an application's review step share.</summary>
    public static async Task<(ReviewResult? Result, string? Refused)> CloseInAsync(GaoxinDb db, Principal who, long panelId, int? version, string via,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        // The panel's lock (held already when called from CloseAsync): a score cannot land between the aggregate and the close.
        await WriteLock.TakeAsync(db, Scope(panelId), cancellationToken);
        var panel = await db.Set<ExpertPanelRecord>().FirstOrDefaultAsync(p => p.Id == panelId, cancellationToken);
        if (panel is null) return (null, "not_found");
        if (version is null) return (null, "version_required");
        if (version != panel.Version) return (null, "stale");
        if (panel.ClosedAt is not null) return (null, "panel_closed");
        var scores = await db.Set<ExpertScoreRecord>().AsNoTracking().Where(s => s.PanelId == panelId).Select(s => s.Score).ToListAsync(cancellationToken);
        if (scores.Count == 0) return (null, "panel_no_scores");
        var result = ExpertReview.Aggregate(scores, panel.Trim);
        var now = clock.GetUtcNow();
        panel.ClosedAt = now;
        panel.ClosedBy = who.Name;
        panel.Mean = result.Mean;
        panel.StandardDeviation = result.StandardDeviation;
        panel.Range = result.Range;
        panel.Version++;
        db.Audit.Add(Audit(now, who, via, panel.ZoneCode, $"panel:{panelId}", "panel_closed",
            $"{result.Count} scores, {result.Trimmed} dropped each end, mean {result.Mean}, sd {result.StandardDeviation}, range {result.Range}"));
        return (result, null);
    }

    /// <summary>
    /// Panels as <paramref name="who"/> sees them: the office all, an expert those they sit on. Scores are shown once the panel
    /// closes; before that a reader sees whether each member scored, and an expert their own score only.
    /// </summary>
    public static async Task<List<PanelView>> ListAsync(GaoxinDb db, Principal who, long? id, long? caseId, CancellationToken cancellationToken)
    {
        var query = db.Set<ExpertPanelRecord>().AsNoTracking().Include(p => p.Members).AsQueryable();
        if (id is not null) query = query.Where(p => p.Id == id);
        if (caseId is not null) query = query.Where(p => p.CaseId == caseId);
        if (!who.IsAdmin)
        {
            if (who.Role != Roles.Expert) return [];
            query = query.Where(p => p.Members.Any(m => m.UserName == who.Name));
        }
        var panels = await query.OrderByDescending(p => p.Id).ToListAsync(cancellationToken);
        var ids = panels.Select(p => p.Id).ToList();
        var scores = (await db.Set<ExpertScoreRecord>().AsNoTracking().Where(s => ids.Contains(s.PanelId)).ToListAsync(cancellationToken))
            .ToLookup(s => s.PanelId);
        return panels.Select(p =>
        {
            var closed = p.ClosedAt is not null;
            var mine = scores[p.Id].FirstOrDefault(s => s.UserName == who.Name);
            var visible = ExpertReview.Visible(who.Name, closed, scores[p.Id].Select(s => (s.UserName, s.Score))).Select(s => s.Item1).ToHashSet();
            var members = p.Members.Select(m => m.UserName).Union(scores[p.Id].Select(s => s.UserName)).Order(StringComparer.Ordinal)
                .Select(m => scores[p.Id].FirstOrDefault(s => s.UserName == m) is { } s
                    ? new PanelMemberView(m, true, visible.Contains(m) ? s.Score : null, visible.Contains(m) ? s.Comment : null)
                    : new PanelMemberView(m, false, null, null)).ToList();
            var result = closed ? ExpertReview.Aggregate(scores[p.Id].Select(s => s.Score).ToList(), p.Trim) : null;
            return new PanelView(p.Id, p.Item, p.Subject, p.ZoneCode, p.Year, p.CaseId, p.ModelId, p.IndicatorCode, p.ElementCode, p.Trim, closed, members,
                result, mine?.Score, mine?.Comment, p.Version, p.CreatedAt, p.ClosedAt);
        }).ToList();
    }

    /// <summary>The conflicts an expert declared (the office: everyone's).</summary>
    public static async Task<List<ConflictView>> ConflictsAsync(GaoxinDb db, Principal who, CancellationToken cancellationToken)
    {
        var query = db.Set<ExpertConflictRecord>().AsNoTracking();
        if (!who.IsAdmin) query = query.Where(c => c.UserName == who.Name);
        return (await query.ToListAsync(cancellationToken)).OrderBy(c => c.UserName, StringComparer.Ordinal).ThenBy(c => c.ZoneCode, StringComparer.Ordinal)
            .Select(c => new ConflictView(c.Id, c.UserName, c.ZoneCode, c.Reason, c.DeclaredAt)).ToList();
    }

    /// <summary>
    /// The closed indicator panels' means as data values (unit = zone, the indicator's element, the panel's year): the figures
    /// of source <c>experts</c>. The latest closed panel of a zone, year and element counts.
    /// </summary>
    public static async Task<List<DataValue>> ValuesAsync(GaoxinDb db, string? zone, IReadOnlyCollection<int> years, CancellationToken cancellationToken)
    {
        var query = db.Set<ExpertPanelRecord>().AsNoTracking()
            .Where(p => p.Item == PanelItems.Indicator && p.ClosedAt != null && p.Mean != null && p.ElementCode != null && years.Contains(p.Year));
        if (zone is not null) query = query.Where(p => p.ZoneCode == zone);
        var rows = await query.Select(p => new { p.Id, p.ZoneCode, p.Year, p.ElementCode, p.Mean }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => (r.ZoneCode, r.Year, r.ElementCode)).Select(g => g.OrderByDescending(r => r.Id).First())
            .Select(r => new DataValue(r.ZoneCode, r.Year, r.ElementCode!, r.Mean!.Value)).ToList();
    }
}
