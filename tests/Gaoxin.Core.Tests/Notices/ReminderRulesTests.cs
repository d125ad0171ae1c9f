using Gaoxin.Core.Notices;

namespace Gaoxin.Core.Tests.Notices;

/// <summary>
/// When a deadline is reminded and when it is overdue (保障措施: 明确责任、加强督促检查). Worked by hand for a report due
/// 31 March 2020 with the default 7 days: the reminder window opens at 00:00 China time on 24 March (16:00 UTC on 23 March)
/// and the due day ends at 24:00 China time on 31 March (16:00 UTC on 31 March).
/// </summary>
public class ReminderRulesTests
{
    private static readonly DateOnly Due = new(2020, 3, 31);

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z", System.Globalization.CultureInfo.InvariantCulture);

    public static TheoryData<string, bool, bool, bool, ReminderAction> Cases => new()
    {
        // Before the window: nothing (23 March 23:59:59 China time).
        { "2020-03-23T15:59:59", false, false, false, ReminderAction.None },
        // The window opens at 00:00 China time on 24 March, 7 days before.
        { "2020-03-23T16:00:00", false, false, false, ReminderAction.Remind },
        // Within the window, already reminded: nothing more.
        { "2020-03-28T04:00:00", false, true, false, ReminderAction.None },
        // The due day itself, last second (23:59:59 China time on 31 March): still a reminder, not overdue.
        { "2020-03-31T15:59:59", false, false, false, ReminderAction.Remind },
        // The day ended (00:00 China time on 1 April): overdue, whether reminded or not.
        { "2020-03-31T16:00:00", false, true, false, ReminderAction.Overdue },
        { "2020-03-31T16:00:00", false, false, false, ReminderAction.Overdue },
        // Overdue already notified: sent once.
        { "2020-05-01T00:00:00", false, true, true, ReminderAction.None },
        // Met: nothing, before or after the date.
        { "2020-03-25T00:00:00", true, false, false, ReminderAction.None },
        { "2020-04-02T00:00:00", true, false, false, ReminderAction.None },
        // 31 March 12:00 UTC is already 20:00 China time on the due day: a reminder still; UTC's date would not decide it.
        { "2020-03-31T12:00:00", false, false, false, ReminderAction.Remind },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_reminds_within_seven_days_and_notifies_overdue_after_the_due_day_ends_in_China(string utc, bool met, bool reminded, bool overdueNotified, ReminderAction expected) =>
        Assert.Equal(expected, ReminderRules.Decide(new DeadlineState(Due, met, reminded, overdueNotified), Utc(utc)));

    [Theory]
    // 0 days: the window is the due day alone (from 00:00 China time on 31 March = 16:00 UTC on 30 March).
    [InlineData(0, "2020-03-30T15:59:59", ReminderAction.None)]
    [InlineData(0, "2020-03-30T16:00:00", ReminderAction.Remind)]
    // 14 days: from 00:00 China time on 17 March = 16:00 UTC on 16 March.
    [InlineData(14, "2020-03-16T15:59:59", ReminderAction.None)]
    [InlineData(14, "2020-03-16T16:00:00", ReminderAction.Remind)]
    public void Decide_opens_the_reminder_window_the_configured_days_before(int days, string utc, ReminderAction expected) =>
        Assert.Equal(expected, ReminderRules.Decide(new DeadlineState(Due, false, false, false), Utc(utc), days));

    [Theory]
    [InlineData(-1)]
    [InlineData(367)]
    public void Decide_refuses_a_reminder_window_out_of_range(int days) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReminderRules.Decide(new DeadlineState(Due, false, false, false), Utc("2020-03-01T00:00:00"), days));

    [Theory]
    // 16:00 UTC is midnight in China: the China date moves a day ahead of UTC's.
    [InlineData("2020-03-30T15:59:59", 1)]
    [InlineData("2020-03-30T16:00:00", 0)]
    [InlineData("2020-03-31T16:00:00", -1)]
    public void DaysLeft_counts_china_days_to_the_due_date(string utc, int expected) =>
        Assert.Equal(expected, ReminderRules.DaysLeft(Due, Utc(utc)));

    [Fact]
    public void EndOf_is_midnight_china_time_after_the_due_day() =>
        Assert.Equal(Utc("2020-03-31T16:00:00"), ReminderRules.EndOf(Due));

    [Theory]
    [InlineData("2020-03-31T15:59:59", false, false)]
    [InlineData("2020-03-31T16:00:00", false, true)]
    [InlineData("2020-03-31T16:00:00", true, false)]
    public void IsOverdue_once_the_day_has_ended_and_not_met(string utc, bool met, bool expected) =>
        Assert.Equal(expected, ReminderRules.IsOverdue(Due, met, Utc(utc)));
}
