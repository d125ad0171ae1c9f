using System.Globalization;
using Gaoxin.Data;
using Gaoxin.Data.Notices;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Notices;

/// <summary>A notification on the wire.</summary>
public sealed record NotificationResponse(long Id, string Audience, string Title, string Body, string? Link, DateTimeOffset CreatedAt, bool Read);

/// <summary>The caller's inbox: the newest notifications and how many are unread.</summary>
public sealed record NotificationsResponse(int Unread, IReadOnlyList<NotificationResponse> Notifications);

/// <summary>A deadline on the wire; <c>dueOn</c> is a China date, the deadline ending at 24:00 China time.</summary>
public sealed record DeadlineResponse(long Id, string Kind, string Key, string? Zone, int Year, string DueOn, string Subject, string? Link,
    bool Met, DateTimeOffset? MetAt, bool Overdue, int DaysLeft, DateTimeOffset? RemindedAt, DateTimeOffset? OverdueNotifiedAt);

public sealed record DeadlinesResponse(IReadOnlyList<DeadlineResponse> Deadlines);

/// <summary>
/// GET /api/notifications (every signed-in account, its own inbox), POST /api/notifications/{id}/read, and GET /api/deadlines
/// (the office all, with <c>overdue=true</c> the overdue list; a zone's operator their zone's).
/// </summary>
public static class NotificationsApi
{
    public static void MapNotificationsApi(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications").RequireApi(Access.SignedIn);
        notifications.MapGet("/", List).WithName("ListNotifications")
            .WithSummary("The caller's notifications, newest first (office: office; zone operator: the zone's; expert: the experts'; and the caller's own)");
        notifications.MapPost("/{id:long}/read", MarkRead).WithName("MarkNotificationRead").WithSummary("Marks one of the caller's notifications read");
        api.MapGet("/deadlines", Deadlines).WithTags("Notifications").RequireApi(Access.ZoneStaff).WithName("ListDeadlines")
            .WithSummary("The reporting calendar's deadlines: the office all (filters zone, year, overdue), a zone operator their zone's");
    }

    public static async Task<Ok<NotificationsResponse>> List(bool? unread, int? limit, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var list = await NotificationStore.ListAsync(db, who, unread == true, limit ?? 50, ct);
        var count = await NotificationStore.UnreadCountAsync(db, who, ct);
        return TypedResults.Ok(new NotificationsResponse(count,
            list.Select(n => new NotificationResponse(n.Id, n.Audience, n.Title, n.Body, n.Link, n.CreatedAt, n.Read)).ToList()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(long id, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        return await NotificationStore.MarkReadAsync(db, who, id, clock.GetUtcNow(), ct) is null
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No notification {id} for you.", extensions: new Dictionary<string, object?> { ["code"] = "not_found" });
    }

    public static async Task<Ok<DeadlinesResponse>> Deadlines(string? zone, int? year, bool? overdue, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var list = await NotificationStore.DeadlinesAsync(db, who, zone, year, overdue == true, clock.GetUtcNow(), ct);
        return TypedResults.Ok(new DeadlinesResponse(list.Select(ToResponse).ToList()));
    }

    public static DeadlineResponse ToResponse(DeadlineView d) => new(d.Id, d.Kind, d.Key, d.Zone, d.Year,
        d.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Subject, d.Link, d.MetAt is not null, d.MetAt, d.Overdue, d.DaysLeft,
        d.RemindedAt, d.OverdueNotifiedAt);
}
