using Gaoxin.Data;
using Gaoxin.Data.Notices;
using Gaoxin.Features.Accounts;

namespace Gaoxin.Features.Notices;

/// <summary>The unread count the layout's header shows a signed-in account.</summary>
public static class NoticeBadge
{
    public static async Task<int> UnreadAsync(HttpContext context)
    {
        if (context.User.ToPrincipal() is not { } who) return 0;
        return await NotificationStore.UnreadCountAsync(context.RequestServices.GetRequiredService<GaoxinDb>(), who, context.RequestAborted);
    }
}
