using System.CommandLine;
using System.Globalization;
using Gaoxin.Data.Notices;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Notices;

/// <summary>
/// <c>gaoxin reminders send [--now ISO] [--days N] [--format json|table]</c>: one reminder run — the reporting calendar, the
/// sweep and the e-mail outbox — for scripts and tests. The mail server comes from the settings as the server reads them:
/// environment variables (<c>Smtp__Host</c>, <c>Smtp__Port</c>, …) or trailing <c>--Smtp:Host=…</c> arguments.
/// </summary>
public static class RemindersCommands
{
    /// <summary>The JSON of <c>reminders send</c>.</summary>
    public sealed record SendResponse(int DeadlinesAdded, IReadOnlyList<NoticeResponse> Reminded, IReadOnlyList<NoticeResponse> Overdue, MailResponse Mail);

    public sealed record NoticeResponse(string Key, string? Zone, string DueOn, string Subject);

    public sealed record MailResponse(bool Configured, int Sent, int Notifications, int Failed);

    public static Command Build()
    {
        var now = new Option<string>("--now") { Description = "the instant to run at (ISO 8601, e.g. 2020-03-24T09:00:00+08:00; default: now)" };
        var days = new Option<int?>("--days") { Description = "days before a due date to remind (default: Reminders:DaysBefore, 7)" };
        var format = Cli.FormatOption();
        var send = new Command("send", "post due reminders and overdue notices, then e-mail the unsent notifications (settings Smtp:*)") { now, days, format };
        send.TreatUnmatchedTokensAsErrors = false;
        send.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var instant = DateTimeOffset.UtcNow;
            if (parse.GetValue(now) is { Length: > 0 } text &&
                !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant))
            {
                error.WriteLine($"gaoxin: --now is not an ISO 8601 instant: '{text}'");
                return Cli.InvalidInput;
            }
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(parse.UnmatchedTokens.ToArray()).Build();
            MailSettings mail;
            ReminderSettings settings;
            try
            {
                mail = NoticeSettings.Mail(configuration);
                settings = NoticeSettings.Reminders(configuration);
            }
            catch (InvalidOperationException e)
            {
                error.WriteLine($"gaoxin: {e.Message}");
                return Cli.InvalidInput;
            }
            var daysBefore = parse.GetValue(days) ?? settings.DaysBefore;
            if (daysBefore is < 0 or > Core.Notices.ReminderRules.MaxDaysBefore)
            {
                error.WriteLine($"gaoxin: --days must be from 0 to {Core.Notices.ReminderRules.MaxDaysBefore}");
                return Cli.InvalidInput;
            }
            await using var db = await Cli.OpenAsync(parse, ct);
            var outcome = await ReminderRun.RunAsync(db, mail, daysBefore, instant, Cli.Actor, "cli", ct);
            var response = new SendResponse(outcome.Sweep.DeadlinesAdded, outcome.Sweep.Reminded.Select(ToResponse).ToList(),
                outcome.Sweep.Overdue.Select(ToResponse).ToList(),
                new MailResponse(outcome.Mail.Configured, outcome.Mail.Sent, outcome.Mail.Notifications, outcome.Mail.Failed));
            // A failed e-mail is kept and tried again on the next run; the exit code tells a script it happened.
            var exitCode = response.Mail.Failed > 0 ? 1 : 0;
            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(Json.Serialize(response));
                return exitCode;
            }
            foreach (var n in response.Reminded) output.WriteLine($"reminded  {n.DueOn}  {n.Zone ?? "office"}  {n.Key}");
            foreach (var n in response.Overdue) output.WriteLine($"overdue   {n.DueOn}  {n.Zone ?? "office"}  {n.Key}");
            output.WriteLine($"{response.Reminded.Count} reminded, {response.Overdue.Count} overdue; " + (mail.IsConfigured
                ? $"e-mail: {response.Mail.Sent} sent, {response.Mail.Failed} failed."
                : "no mail server is configured (Smtp:Host); no e-mail was sent."));
            return exitCode;
        });
        return new Command("reminders", "deadlines: reminders, overdue notices and their e-mail") { send };
    }

    private static NoticeResponse ToResponse(SweepNotice n) =>
        new(n.Key, n.Zone, n.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), n.Subject);
}
