using System.Net.Sockets;
using Gaoxin.Core.Collection;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Gaoxin.Data.Notices;

/// <summary>
/// The SMTP server notices are e-mailed through (settings <c>Smtp:Host</c>, <c>Smtp:Port</c>, <c>Smtp:From</c>,
/// <c>Smtp:UserName</c>, <c>Smtp:Password</c>, <c>Smtp:UseTls</c>). With no host nothing is sent.
/// </summary>
/// <param name="UseTls">TLS on connect for port 465, else STARTTLS (required); false sends in the clear (a relay on the same host).</param>
public sealed record MailSettings(string? Host, int Port = 25, string? From = null, string? UserName = null, string? Password = null, bool UseTls = true)
{
    /// <summary>No mail server: notifications stay in-app only.</summary>
    public static readonly MailSettings None = new((string?)null);

    /// <summary>True when a host is set and e-mail is sent.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>The sender's address: <c>Smtp:From</c>, else the user name when it is an address, else gaoxin@ the host.</summary>
    public string Sender => From is { Length: > 0 } from ? from : UserName is { } user && user.Contains('@') ? user : $"gaoxin@{Host}";

    /// <summary>The settings without the password, as pages and logs may show them.</summary>
    public override string ToString() => $"{Host}:{Port} from {Sender}{(UseTls ? " (TLS)" : "")}{(UserName is { Length: > 0 } ? $" as {UserName}" : "")}";
}

/// <summary>What one run of the outbox did.</summary>
/// <param name="Configured">False when no mail server is set: nothing was tried.</param>
/// <param name="Sent">Messages that left (one per recipient).</param>
/// <param name="Notifications">Notifications marked e-mailed.</param>
/// <param name="Failed">Notifications that failed this time (kept for the next run, with the error).</param>
public sealed record OutboxOutcome(bool Configured, int Sent, int Notifications, int Failed);

/// <summary>
/// The outbox: every notification not yet e-mailed (and no older than <see cref="RetryWindow"/>) goes to the e-mail addresses
/// of its audience's accounts — the office's administrators, a zone's operators, the experts, or one account — and is marked
/// e-mailed. A failure is recorded on the notification (<see cref="NotificationRecord.EmailError"/>) and tried again on the
/// next run, so each is sent at least once; a notification with no one to send to is marked with <c>no_recipients</c>.
/// </summary>
public static class Mailer
{
    /// <summary>How long an unsent notification is retried; older ones are left unsent (in-app only).</summary>
    public static readonly TimeSpan RetryWindow = TimeSpan.FromDays(7);

    /// <summary>The most notifications one run looks at.</summary>
    public const int Batch = 500;

    /// <summary>The note on a notification no account with an e-mail address was to receive.</summary>
    public const string NoRecipients = "no_recipients";

    /// <summary>Sends the outbox through <paramref name="settings"/>; does nothing without a mail server.</summary>
    public static async Task<OutboxOutcome> SendOutboxAsync(GaoxinDb db, MailSettings settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!settings.IsConfigured) return new OutboxOutcome(false, 0, 0, 0);
        now = now.ToUniversalTime();
        // SQLite cannot compare DateTimeOffset in SQL: the newest unsent are read by id and the window applied here.
        var pending = (await db.Notifications.Where(n => n.EmailedAt == null && (n.EmailError == null || n.EmailError != NoRecipients))
                .OrderByDescending(n => n.Id).Take(Batch).ToListAsync(cancellationToken))
            .Where(n => n.CreatedAt >= now - RetryWindow).OrderBy(n => n.Id).ToList();
        if (pending.Count == 0) return new OutboxOutcome(true, 0, 0, 0);
        var accounts = await AccountsAsync(db, cancellationToken);
        var work = new List<(NotificationRecord Notification, List<string> To)>();
        foreach (var notification in pending)
        {
            var to = Recipients(notification.Audience, accounts);
            if (to.Count == 0) { notification.EmailError = NoRecipients; continue; }
            work.Add((notification, to));
        }
        await db.SaveChangesAsync(cancellationToken);
        if (work.Count == 0) return new OutboxOutcome(true, 0, 0, 0);

        int sent = 0, done = 0, failed = 0;
        using var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            var security = !settings.UseTls ? SecureSocketOptions.None : settings.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(settings.Host!, settings.Port, security, cancellationToken);
            if (settings.UserName is { Length: > 0 } user) await client.AuthenticateAsync(user, settings.Password ?? "", cancellationToken);
        }
        catch (Exception e) when (IsMailFailure(e, cancellationToken))
        {
            foreach (var (notification, _) in work) notification.EmailError = Clip($"connect {settings.Host}:{settings.Port}: {e.Message}");
            await db.SaveChangesAsync(cancellationToken);
            return new OutboxOutcome(true, 0, 0, work.Count);
        }
        var broken = false;
        foreach (var (notification, to) in work)
        {
            if (broken) { failed++; continue; }
            try
            {
                foreach (var address in to)
                {
                    await client.SendAsync(Message(settings, notification, address), cancellationToken);
                    sent++;
                }
                notification.EmailedAt = now;
                notification.EmailError = null;
                done++;
            }
            catch (Exception e) when (IsMailFailure(e, cancellationToken))
            {
                notification.EmailError = Clip(e.Message);
                failed++;
                // A refused recipient leaves the connection usable; a dropped connection ends this run (the rest wait for the next).
                broken = e is not SmtpCommandException;
            }
            // Saved after each so that a notification that left is not sent again after a crash.
            await db.SaveChangesAsync(cancellationToken);
        }
        if (!broken)
        {
            try { await client.DisconnectAsync(true, cancellationToken); }
            catch (Exception e) when (IsMailFailure(e, cancellationToken)) { }
        }
        return new OutboxOutcome(true, sent, done, failed);
    }

    private static bool IsMailFailure(Exception e, CancellationToken cancellationToken) =>
        e is SocketException or IOException or TimeoutException or SmtpCommandException or SmtpProtocolException or AuthenticationException
            or ServiceNotConnectedException or ServiceNotAuthenticatedException or SslHandshakeException or ParseException or FormatException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static string Clip(string text) => text.Length <= Core.InputLimits.Title ? text : text[..Core.InputLimits.Title];

    private static MimeMessage Message(MailSettings settings, NotificationRecord notification, string to)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.Sender));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = notification.Title;
        message.Date = notification.CreatedAt;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(settings.Host ?? "localhost");
        var link = notification.Link is { Length: > 0 } l ? $"\n\n{l}" : "";
        message.Body = new TextPart("plain") { Text = notification.Body + link };
        return message;
    }

    private sealed record Account(string UserName, string? Email, string? Zone, HashSet<string> Roles);

    private static async Task<List<Account>> AccountsAsync(GaoxinDb db, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().Where(u => u.Email != null).Select(u => new { u.Id, u.UserName, u.Email, u.ZoneCode }).ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles.AsNoTracking() join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var byUser = roles.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(r => r.Name ?? "").ToHashSet());
        return users.Select(u => new Account(u.UserName ?? "", u.Email, u.ZoneCode, byUser.GetValueOrDefault(u.Id) ?? [])).ToList();
    }

    /// <summary>The e-mail addresses of an audience's accounts.</summary>
    private static List<string> Recipients(string audience, List<Account> accounts)
    {
        IEnumerable<Account> chosen = audience switch
        {
            Audience.Office => accounts.Where(a => a.Roles.Contains(Roles.Admin)),
            Audience.Experts => accounts.Where(a => a.Roles.Contains(Roles.Expert)),
            _ when audience.StartsWith("zone:", StringComparison.Ordinal) =>
                accounts.Where(a => a.Roles.Contains(Roles.ZoneOperator) && a.Zone == audience["zone:".Length..]),
            _ when audience.StartsWith("user:", StringComparison.Ordinal) =>
                accounts.Where(a => a.UserName == audience["user:".Length..] || string.Equals(a.Email, audience["user:".Length..], StringComparison.OrdinalIgnoreCase)),
            _ => [],
        };
        return chosen.Select(a => a.Email!).Where(e => e.Contains('@')).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
    }
}
