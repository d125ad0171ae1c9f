using Gaoxin.Data.Collection;
using Gaoxin.Core.Notices;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Notices;

/// <summary>One notice a sweep posted: which deadline, whose, due when.</summary>
public sealed record SweepNotice(string Key, string? Zone, DateOnly DueOn, string Subject);

/// <summary>What one sweep did.</summary>
public sealed record SweepOutcome(int DeadlinesAdded, IReadOnlyList<SweepNotice> Reminded, IReadOnlyList<SweepNotice> Overdue);

/// <summary>
/// The reminder sweep: refreshes the reporting calendar, then applies <see cref="ReminderRules"/> to every open deadline —
/// a reminder to whoever must act (the zone's operators, or the office for the office's own deadlines), an overdue notice to
/// them and to the office — marking each deadline reminded or notified in the same transaction, and auditing each. Sweeps
/// run one at a time across servers (one write lock), so a notice is posted once however many servers sweep.
/// </summary>
public static class ReminderSweep
{
    /// <summary>The write-lock scope of the sweep.</summary>
    public const string LockScope = "notices/sweep";

    /// <summary>Runs one sweep at <paramref name="now"/>, reminding <paramref name="daysBefore"/> days ahead.</summary>
    public static async Task<SweepOutcome> RunAsync(GaoxinDb db, DateTimeOffset now, int daysBefore, string actor, string via, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(daysBefore);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(daysBefore, ReminderRules.MaxDaysBefore);
        now = now.ToUniversalTime();
        await using var transaction = await WriteLock.BeginAsync(db, LockScope, cancellationToken);
        var added = await ReportingCalendar.RefreshAsync(db, now, cancellationToken);
        // Saved (not yet committed) so that new deadlines have the ids their notifications point to.
        await db.SaveChangesAsync(cancellationToken);
        // Tracked deadlines (the calendar's) and the rest of the open ones from the store.
        await db.Deadlines.Where(d => d.MetAt == null).LoadAsync(cancellationToken);
        var open = db.ChangeTracker.Entries<DeadlineRecord>().Select(e => e.Entity).Where(d => d.MetAt is null)
            .OrderBy(d => d.DueOn).ThenBy(d => d.Key, StringComparer.Ordinal).ToList();
        var reminded = new List<SweepNotice>();
        var overdue = new List<SweepNotice>();
        foreach (var deadline in open)
        {
            var action = ReminderRules.Decide(new DeadlineState(deadline.DueOn, false, deadline.RemindedAt is not null, deadline.OverdueNotifiedAt is not null), now, daysBefore);
            if (action == ReminderAction.None) continue;
            var notice = new SweepNotice(deadline.Key, deadline.ZoneCode, deadline.DueOn, deadline.Subject);
            var owner = deadline.ZoneCode is { } zone ? Audience.Zone(zone) : Audience.Office;
            var due = deadline.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var where = deadline.ZoneCode is { } code ? $"({code})" : "";
            if (action == ReminderAction.Remind)
            {
                var left = ReminderRules.DaysLeft(deadline.DueOn, now);
                NoticeBoard.Post(db, owner, $"截止提醒 Reminder: {deadline.Subject}",
                    $"{deadline.Subject}{where}截止日期为 {due}(北京时间当日 24:00),还剩 {left} 天。\n" +
                    $"{deadline.Subject} {where} is due on {due} (24:00 China time): {left} day(s) left.",
                    deadline.Link, now, deadline.CaseId, deadline.Id);
                deadline.RemindedAt = now;
                reminded.Add(notice);
                db.Audit.Add(Audit(now, actor, via, deadline, "reminder_sent", owner));
            }
            else
            {
                var title = $"逾期通知 Overdue: {deadline.Subject}";
                var body = $"{deadline.Subject}{where}已于 {due}(北京时间当日 24:00)截止,尚未完成。\n" +
                           $"{deadline.Subject} {where} was due on {due} (24:00 China time) and is not done.";
                NoticeBoard.Post(db, owner, title, body, deadline.Link, now, deadline.CaseId, deadline.Id);
                if (owner != Audience.Office)
                    NoticeBoard.Post(db, Audience.Office, title, body, deadline.Link, now, deadline.CaseId, deadline.Id);
                deadline.OverdueNotifiedAt = now;
                overdue.Add(notice);
                db.Audit.Add(Audit(now, actor, via, deadline, "overdue_notified", owner));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SweepOutcome(added, reminded, overdue);
    }

    private static AuditRecord Audit(DateTimeOffset now, string actor, string via, DeadlineRecord deadline, string action, string audience) => new()
    {
        At = now, Actor = actor, Via = via, UnitCode = deadline.ZoneCode ?? Audience.Office, Year = deadline.Year, Action = action,
        Comment = $"{deadline.Key} due {deadline.DueOn:yyyy-MM-dd} → {audience}",
    };
}
