using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Notices;

/// <summary>The kinds of deadline the reporting calendar keeps (wire names).</summary>
public static class DeadlineKinds
{
    /// <summary>A zone's yearly data report (数据采集), from the reporting period's deadline.</summary>
    public const string DataCollection = "data_collection";
    /// <summary>A step a rectification or appeal waits for (整改方案, 复核, 申诉决定).</summary>
    public const string CaseStep = "case_step";
    /// <summary>A step an application waits for (材料, 专家评审, 决定).</summary>
    public const string Application = "application";
    /// <summary>A zone's yearly report on its plan tasks and its self-assessment (任务进展, 自评报告).</summary>
    public const string TaskProgress = "task_progress";
}

/// <summary>
/// Something someone must do by a date: who (a zone, or the office when <see cref="ZoneCode"/> is null), what, by when, and
/// whether it was met. Reminders and overdue notices are sent from these; each is sent once.
/// </summary>
public sealed class DeadlineRecord
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    /// <summary>A stable key of what is due (e.g. <c>data_collection/2019/SY</c>, <c>case/12/plan</c>) so that recomputing never duplicates.</summary>
    public required string Key { get; set; }
    public string? ZoneCode { get; set; }
    public long? CaseId { get; set; }
    public int Year { get; set; }
    public DateOnly DueOn { get; set; }
    public required string Subject { get; set; }
    public string? Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? MetAt { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
    public DateTimeOffset? OverdueNotifiedAt { get; set; }
}

/// <summary>Who a notification is for: the office, a zone's operators, the experts, or one account.</summary>
public static class Audience
{
    public const string Office = "office";
    public static string Zone(string code) => $"zone:{code}";
    public const string Experts = "experts";
    public static string User(string userName) => $"user:{userName}";
}

/// <summary>An in-app notification (通知), and its e-mail when SMTP is configured.</summary>
public sealed class NotificationRecord
{
    public long Id { get; set; }
    /// <summary>See <see cref="Audience"/>.</summary>
    public required string Audience { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public string? Link { get; set; }
    public long? DeadlineId { get; set; }
    public long? CaseId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When its e-mail left (null: not sent, or no SMTP configured); the outbox sends the unsent at least once.</summary>
    public DateTimeOffset? EmailedAt { get; set; }
    public string? EmailError { get; set; }
}

/// <summary>That one account has read one notification.</summary>
public sealed class NotificationReadRecord
{
    public long NotificationId { get; set; }
    public required string UserName { get; set; }
    public DateTimeOffset ReadAt { get; set; }
}

/// <summary>The notices' tables.</summary>
public static class NoticeModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<DeadlineRecord>(e =>
        {
            e.ToTable("deadlines");
            e.HasKey(d => d.Id);
            e.Property(d => d.Kind).HasMaxLength(32);
            e.Property(d => d.Key).HasMaxLength(200);
            e.Property(d => d.ZoneCode).HasMaxLength(64);
            e.Property(d => d.Subject).HasMaxLength(Core.InputLimits.Title);
            e.Property(d => d.Link).HasMaxLength(Core.InputLimits.Title);
            e.HasIndex(d => d.Key).IsUnique();
            e.HasIndex(d => d.DueOn);
        });
        model.Entity<NotificationRecord>(e =>
        {
            e.ToTable("notifications");
            e.HasKey(n => n.Id);
            e.Property(n => n.Audience).HasMaxLength(264);
            e.Property(n => n.Title).HasMaxLength(Core.InputLimits.Title);
            e.Property(n => n.Body).HasMaxLength(Core.InputLimits.Comment);
            e.Property(n => n.Link).HasMaxLength(Core.InputLimits.Title);
            e.Property(n => n.EmailError).HasMaxLength(Core.InputLimits.Title);
            e.HasIndex(n => new { n.Audience, n.CreatedAt });
            e.HasOne<DeadlineRecord>().WithMany().HasForeignKey(n => n.DeadlineId).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<NotificationReadRecord>(e =>
        {
            e.ToTable("notification_reads");
            e.HasKey(r => new { r.NotificationId, r.UserName });
            e.Property(r => r.UserName).HasMaxLength(256);
            e.HasOne<NotificationRecord>().WithMany().HasForeignKey(r => r.NotificationId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

/// <summary>
/// The one way features post notifications and deadlines: a rectification step, an application or a report calls these in
/// its own transaction (they only add to the change tracker; the caller saves). Sending e-mail is the outbox's job.
/// </summary>
public static class NoticeBoard
{
    /// <summary>Adds a notification for <paramref name="audience"/> (see <see cref="Audience"/>).</summary>
    public static NotificationRecord Post(GaoxinDb db, string audience, string title, string body, string? link, DateTimeOffset now,
        long? caseId = null, long? deadlineId = null)
    {
        var notification = new NotificationRecord
        {
            Audience = audience, Title = title, Body = body, Link = link, CreatedAt = now, CaseId = caseId, DeadlineId = deadlineId,
        };
        db.Add(notification);
        return notification;
    }

    /// <summary>
    /// Sets the deadline with <paramref name="key"/> (adds it, or moves its date and subject when it is not yet met; a moved
    /// date can be reminded again).
    /// </summary>
    public static async Task<DeadlineRecord> DueAsync(GaoxinDb db, string key, string kind, string? zoneCode, int year, DateOnly dueOn,
        string subject, string? link, DateTimeOffset now, long? caseId, CancellationToken cancellationToken)
    {
        var deadline = db.ChangeTracker.Entries<DeadlineRecord>().Select(e => e.Entity).FirstOrDefault(d => d.Key == key)
            ?? await db.Set<DeadlineRecord>().FirstOrDefaultAsync(d => d.Key == key, cancellationToken);
        if (deadline is null)
        {
            deadline = new DeadlineRecord
            {
                Key = key, Kind = kind, ZoneCode = zoneCode, Year = year, DueOn = dueOn, Subject = subject, Link = link,
                CreatedAt = now, CaseId = caseId,
            };
            db.Add(deadline);
            return deadline;
        }
        if (deadline.MetAt is null)
        {
            if (deadline.DueOn != dueOn) { deadline.RemindedAt = null; deadline.OverdueNotifiedAt = null; }
            deadline.DueOn = dueOn;
            deadline.Subject = subject;
            deadline.Link = link;
        }
        return deadline;
    }

    /// <summary>Marks the deadline with <paramref name="key"/> met, if there is one and it is not met yet.</summary>
    public static async Task MeetAsync(GaoxinDb db, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deadline = db.ChangeTracker.Entries<DeadlineRecord>().Select(e => e.Entity).FirstOrDefault(d => d.Key == key)
            ?? await db.Set<DeadlineRecord>().FirstOrDefaultAsync(d => d.Key == key, cancellationToken);
        if (deadline is { MetAt: null }) deadline.MetAt = now;
    }
}
