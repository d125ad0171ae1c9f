namespace Gaoxin.Data.Notices;

/// <summary>What one reminder run did: the sweep's notices and the outbox's e-mail.</summary>
public sealed record ReminderRunOutcome(SweepOutcome Sweep, OutboxOutcome Mail);

/// <summary>
/// One reminder run, as the hourly service and <c>gaoxin reminders send</c> both do it: the calendar and the sweep in one
/// transaction (<see cref="ReminderSweep"/>), then the outbox (<see cref="Mailer"/>), which sends outside any transaction.
/// </summary>
public static class ReminderRun
{
    public static async Task<ReminderRunOutcome> RunAsync(GaoxinDb db, MailSettings mail, int daysBefore, DateTimeOffset now, string actor, string via,
        CancellationToken cancellationToken)
    {
        // Stored instants are UTC (PostgreSQL's timestamptz takes offset 0 only); the rules read China time from any offset.
        now = now.ToUniversalTime();
        var sweep = await ReminderSweep.RunAsync(db, now, daysBefore, actor, via, cancellationToken);
        db.ChangeTracker.Clear();
        var sent = await Mailer.SendOutboxAsync(db, mail, now, cancellationToken);
        return new ReminderRunOutcome(sweep, sent);
    }
}
