using Gaoxin.Core.Collection;
using Gaoxin.Data;
using Gaoxin.Data.Notices;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Notices;

/// <summary>
/// /calendar: the reporting calendar. A zone's operator sees their zone's deadlines; the office sees them all, the overdue
/// list by zone, whether a mail server is configured, and may run the reminders now.
/// </summary>
public sealed class CalendarModel(GaoxinDb db, TimeProvider clock, MailSettings mail, ReminderSettings settings) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public Principal Who { get; private set; } = null!;
    public List<DeadlineView> Deadlines { get; private set; } = [];
    public List<IGrouping<string, DeadlineView>> OverdueByZone { get; private set; } = [];
    public MailSettings Mail => mail;
    public ReminderSettings Settings => settings;
    public string? Notice { get; private set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        Who = User.Caller();
        var now = clock.GetUtcNow();
        Deadlines = await NotificationStore.DeadlinesAsync(db, Who, null, Year, overdueOnly: false, now, ct);
        OverdueByZone = Deadlines.Where(d => d.Overdue).GroupBy(d => d.Zone ?? Data.Notices.Audience.Office).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Notice = TempData["notice"] as string;
    }

    public async Task<IActionResult> OnPostSweepAsync(CancellationToken ct)
    {
        var who = User.Caller();
        if (!who.IsAdmin) return Forbid();
        var outcome = await ReminderRun.RunAsync(db, mail, settings.DaysBefore, clock.GetUtcNow(), who.Name, Data.Collection.ReportStore.Via.Form, ct);
        TempData["notice"] = Shared.Text.T(
            $"已发送提醒 {outcome.Sweep.Reminded.Count} 条、逾期通知 {outcome.Sweep.Overdue.Count} 条;" + (mail.IsConfigured ? $"邮件 {outcome.Mail.Sent} 封,失败 {outcome.Mail.Failed}。" : NoticeText.NoMailServer),
            $"{outcome.Sweep.Reminded.Count} reminder(s) and {outcome.Sweep.Overdue.Count} overdue notice(s) posted; " + (mail.IsConfigured ? $"{outcome.Mail.Sent} e-mail(s) sent, {outcome.Mail.Failed} failed." : NoticeText.NoMailServer));
        return RedirectToPage();
    }
}
