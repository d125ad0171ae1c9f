using Gaoxin.Data;
using Gaoxin.Data.Notices;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Notices;

/// <summary>/notifications: the signed-in account's inbox (the office's, a zone's, the experts', and their own), marked read one by one or all.</summary>
public sealed class IndexModel(GaoxinDb db, TimeProvider clock, MailSettings mail) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool Unread { get; set; }
    public List<NotificationView> Notifications { get; private set; } = [];
    public int UnreadCount { get; private set; }
    public bool MailConfigured => mail.IsConfigured;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var who = User.Caller();
        Notifications = await NotificationStore.ListAsync(db, who, Unread, NotificationStore.MaxList, ct);
        UnreadCount = await NotificationStore.UnreadCountAsync(db, who, ct);
    }

    public async Task<IActionResult> OnPostReadAsync(long id, CancellationToken ct) =>
        await NotificationStore.MarkReadAsync(db, User.Caller(), id, clock.GetUtcNow(), ct) is null ? RedirectToPage(new { unread = Unread }) : NotFound();

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        await NotificationStore.MarkAllReadAsync(db, User.Caller(), clock.GetUtcNow(), ct);
        return RedirectToPage();
    }
}
