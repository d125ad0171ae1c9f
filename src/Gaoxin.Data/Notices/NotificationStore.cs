using Gaoxin.Core.Collection;
using Gaoxin.Core.Notices;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Notices;

/// <summary>A notification as its reader sees it.</summary>
public sealed record NotificationView(long Id, string Audience, string Title, string Body, string? Link, DateTimeOffset CreatedAt, bool Read,
    DateTimeOffset? EmailedAt, string? EmailError);

/// <summary>A deadline as the calendar shows it.</summary>
public sealed record DeadlineView(long Id, string Kind, string Key, string? Zone, int Year, DateOnly DueOn, string Subject, string? Link,
    DateTimeOffset? MetAt, bool Overdue, int DaysLeft, DateTimeOffset? RemindedAt, DateTimeOffset? OverdueNotifiedAt);

/// <summary>
/// Each role's inbox: the office reads <c>office</c>, a zone's operator <c>zone:CODE</c>, an expert <c>experts</c>, and everyone
/// their own <c>user:NAME</c>; unread counts and marking read are per account. Also the deadlines each may see: the office all,
/// a zone's operator their zone's.
/// </summary>
public static class NotificationStore
{
    /// <summary>The most notifications a list returns.</summary>
    public const int MaxList = 200;

    /// <summary>The audiences <paramref name="who"/> reads.</summary>
    public static IReadOnlyList<string> AudiencesOf(Principal who)
    {
        var own = Audience.User(who.Name);
        return who.Role switch
        {
            Roles.Admin => [Audience.Office, own],
            Roles.ZoneOperator when who.Zone is { } zone => [Audience.Zone(zone), own],
            Roles.Expert => [Audience.Experts, own],
            _ => [own],
        };
    }

    /// <summary>The newest notifications of <paramref name="who"/>, at most <paramref name="limit"/>, unread ones only on request.</summary>
    public static async Task<List<NotificationView>> ListAsync(GaoxinDb db, Principal who, bool unreadOnly, int limit, CancellationToken cancellationToken)
    {
        var audiences = AudiencesOf(who).ToList();
        var read = db.Set<NotificationReadRecord>().Where(r => r.UserName == who.Name).Select(r => r.NotificationId);
        var query = db.Notifications.AsNoTracking().Where(n => audiences.Contains(n.Audience));
        if (unreadOnly) query = query.Where(n => !read.Contains(n.Id));
        var rows = await query.OrderByDescending(n => n.Id).Take(Math.Clamp(limit, 1, MaxList))
            .Select(n => new { n, Read = read.Contains(n.Id) }).ToListAsync(cancellationToken);
        return rows.Select(r => new NotificationView(r.n.Id, r.n.Audience, r.n.Title, r.n.Body, r.n.Link, r.n.CreatedAt, r.Read, r.n.EmailedAt, r.n.EmailError)).ToList();
    }

    /// <summary>How many of <paramref name="who"/>'s notifications are unread.</summary>
    public static async Task<int> UnreadCountAsync(GaoxinDb db, Principal who, CancellationToken cancellationToken)
    {
        var audiences = AudiencesOf(who).ToList();
        var read = db.Set<NotificationReadRecord>().Where(r => r.UserName == who.Name).Select(r => r.NotificationId);
        return await db.Notifications.AsNoTracking().CountAsync(n => audiences.Contains(n.Audience) && !read.Contains(n.Id), cancellationToken);
    }

    /// <summary>
    /// Marks a notification read for <paramref name="who"/>; reading it again changes nothing. Returns <c>not_found</c> for a
    /// notification that does not exist or is not addressed to them.
    /// </summary>
    public static async Task<string?> MarkReadAsync(GaoxinDb db, Principal who, long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var audiences = AudiencesOf(who).ToList();
        if (!await db.Notifications.AnyAsync(n => n.Id == id && audiences.Contains(n.Audience), cancellationToken)) return "not_found";
        if (await db.Set<NotificationReadRecord>().AnyAsync(r => r.NotificationId == id && r.UserName == who.Name, cancellationToken)) return null;
        db.Add(new NotificationReadRecord { NotificationId = id, UserName = who.Name, ReadAt = now.ToUniversalTime() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Read twice at once (two tabs): the other request's mark stands.
            db.ChangeTracker.Clear();
            if (!await db.Set<NotificationReadRecord>().AsNoTracking().AnyAsync(r => r.NotificationId == id && r.UserName == who.Name, cancellationToken)) throw;
        }
        return null;
    }

    /// <summary>Marks every unread notification of <paramref name="who"/> read; returns how many.</summary>
    public static async Task<int> MarkAllReadAsync(GaoxinDb db, Principal who, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var unread = await ListAsync(db, who, unreadOnly: true, MaxList, cancellationToken);
        foreach (var n in unread) db.Add(new NotificationReadRecord { NotificationId = n.Id, UserName = who.Name, ReadAt = now.ToUniversalTime() });
        await db.SaveChangesAsync(cancellationToken);
        return unread.Count;
    }

    /// <summary>
    /// The deadlines <paramref name="who"/> may see (the office all, a zone's operator their zone's, others none), soonest
    /// first; with <paramref name="overdueOnly"/> only those past and unmet at <paramref name="now"/>.
    /// </summary>
    public static async Task<List<DeadlineView>> DeadlinesAsync(GaoxinDb db, Principal who, string? zone, int? year, bool overdueOnly, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var query = db.Deadlines.AsNoTracking();
        if (who.IsAdmin) { if (zone is not null) query = query.Where(d => d.ZoneCode == zone); }
        else if (who.Role == Roles.ZoneOperator && who.Zone is { } own) query = query.Where(d => d.ZoneCode == own);
        else return [];
        if (year is not null) query = query.Where(d => d.Year == year);
        if (overdueOnly)
        {
            // A deadline due before today's China date has ended (its day ends at 24:00 China time).
            var today = ReminderRules.ChinaDate(now);
            query = query.Where(d => d.MetAt == null && d.DueOn < today);
        }
        var rows = await query.OrderBy(d => d.DueOn).ThenBy(d => d.ZoneCode).ThenBy(d => d.Key).Take(2000).ToListAsync(cancellationToken);
        return rows.Select(d => new DeadlineView(d.Id, d.Kind, d.Key, d.ZoneCode, d.Year, d.DueOn, d.Subject, d.Link, d.MetAt,
            ReminderRules.IsOverdue(d.DueOn, d.MetAt is not null, now), ReminderRules.DaysLeft(d.DueOn, now), d.RemindedAt, d.OverdueNotifiedAt)).ToList();
    }
}
