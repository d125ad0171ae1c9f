using Gaoxin.Data;
using Gaoxin.Data.Notices;

namespace Gaoxin.Features.Notices;

/// <summary>
/// Runs the reporting calendar, the reminder sweep and the e-mail outbox once at start and then every
/// <c>Reminders:IntervalMinutes</c> (hourly), while <c>Reminders:Enabled</c> (the tests' servers turn it off and run
/// <c>gaoxin reminders send</c> at the instants they choose). A failed run is logged and the next one tries again.
/// </summary>
public sealed partial class ReminderService(IServiceScopeFactory scopes, TimeProvider clock, ReminderSettings settings, MailSettings mail,
    ILogger<ReminderService> logger) : BackgroundService
{
    /// <summary>Who the audit records the service's notices as.</summary>
    public const string Actor = "system:reminders";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled) return;
        // Off the start-up path: SQLite answers synchronously, so without this the first sweep would run inside the host's
        // start and the server would listen only after it.
        await Task.Yield();
        if (!mail.IsConfigured) LogNoMail(logger);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<GaoxinDb>();
                var outcome = await ReminderRun.RunAsync(db, mail, settings.DaysBefore, clock.GetUtcNow(), Actor, "schedule", stoppingToken);
                LogRun(logger, outcome.Sweep.Reminded.Count, outcome.Sweep.Overdue.Count, outcome.Mail.Sent, outcome.Mail.Failed);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(logger, e);
            }
            try { await Task.Delay(settings.Interval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Reminders: {Reminded} reminded, {Overdue} overdue; e-mail {Sent} sent, {Failed} failed")]
    private static partial void LogRun(ILogger logger, int reminded, int overdue, int sent, int failed);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Error, Message = "The reminder run failed; the next run tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Information, Message = "No mail server is configured (Smtp:Host): notifications are in-app only")]
    private static partial void LogNoMail(ILogger logger);
}
