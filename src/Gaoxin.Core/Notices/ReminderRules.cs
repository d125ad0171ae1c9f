namespace Gaoxin.Core.Notices;

/// <summary>What the reminder sweep does about one deadline at one instant.</summary>
public enum ReminderAction
{
    /// <summary>Nothing: met, not yet near, or already told.</summary>
    None,
    /// <summary>Send the reminder that the date is near (once).</summary>
    Remind,
    /// <summary>Send the overdue notice: the due day has ended and it is not met (once).</summary>
    Overdue,
}

/// <summary>A deadline as the rules see it: its date, whether it is met, and what was already sent.</summary>
/// <param name="DueOn">The last day (China time) on which it may be met.</param>
/// <param name="Met">Done (the report submitted, the step taken).</param>
/// <param name="Reminded">The reminder has been sent.</param>
/// <param name="OverdueNotified">The overdue notice has been sent.</param>
public sealed record DeadlineState(DateOnly DueOn, bool Met, bool Reminded, bool OverdueNotified);

/// <summary>
/// When a deadline is reminded and when it is overdue. The plan's 保障措施 ask the office to 明确责任、加强督促检查: a zone is told
/// ahead of a date and the office learns who missed it. Dates are China's (UTC+8): a deadline "by 31 March" holds until
/// 24:00 China time on 31 March, whatever the server's time zone.
/// </summary>
public static class ReminderRules
{
    /// <summary>China Standard Time, the platform's civil time (no daylight saving).</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>How many days before the due date the reminder goes out unless configured otherwise.</summary>
    public const int DefaultDaysBefore = 7;

    /// <summary>The most days before a due date a reminder may be configured for.</summary>
    public const int MaxDaysBefore = 366;

    /// <summary>The calendar day in China at <paramref name="instant"/>.</summary>
    public static DateOnly ChinaDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(ChinaOffset).DateTime);

    /// <summary>The instant the due day ends: 24:00 China time on <paramref name="dueOn"/> (00:00 of the next day, UTC+8).</summary>
    public static DateTimeOffset EndOf(DateOnly dueOn) => new(dueOn.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaOffset);

    /// <summary>The instant the reminder window opens: 00:00 China time <paramref name="daysBefore"/> days before the due date.</summary>
    public static DateTimeOffset RemindFrom(DateOnly dueOn, int daysBefore) => new(dueOn.AddDays(-daysBefore).ToDateTime(TimeOnly.MinValue), ChinaOffset);

    /// <summary>Whether the deadline is past and unmet at <paramref name="now"/>.</summary>
    public static bool IsOverdue(DateOnly dueOn, bool met, DateTimeOffset now) => !met && now >= EndOf(dueOn);

    /// <summary>
    /// Days left until the due date, counted in China days (0 on the due day itself, negative once it has passed).
    /// </summary>
    public static int DaysLeft(DateOnly dueOn, DateTimeOffset now) => dueOn.DayNumber - ChinaDate(now).DayNumber;

    /// <summary>
    /// Decides what to send for <paramref name="deadline"/> at <paramref name="now"/>: an overdue notice once the due day has
    /// ended (once, whether or not a reminder went before it), a reminder from 00:00 China time <paramref name="daysBefore"/>
    /// days before the due date until the day ends (once), else nothing. A met deadline gets nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="daysBefore"/> is negative or above <see cref="MaxDaysBefore"/>.</exception>
    public static ReminderAction Decide(DeadlineState deadline, DateTimeOffset now, int daysBefore = DefaultDaysBefore)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(daysBefore);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(daysBefore, MaxDaysBefore);
        if (deadline.Met) return ReminderAction.None;
        if (now >= EndOf(deadline.DueOn)) return deadline.OverdueNotified ? ReminderAction.None : ReminderAction.Overdue;
        if (now >= RemindFrom(deadline.DueOn, daysBefore)) return deadline.Reminded ? ReminderAction.None : ReminderAction.Remind;
        return ReminderAction.None;
    }
}
