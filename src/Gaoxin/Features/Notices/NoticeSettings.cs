using System.Globalization;
using Gaoxin.Core.Notices;
using Gaoxin.Data.Notices;

namespace Gaoxin.Features.Notices;

/// <summary>
/// The reminder settings: <c>Reminders:Enabled</c> (the hourly run in <c>gaoxin serve</c>, default true),
/// <c>Reminders:DaysBefore</c> (default 7), <c>Reminders:IntervalMinutes</c> (default 60).
/// </summary>
public sealed record ReminderSettings(bool Enabled, int DaysBefore, TimeSpan Interval);

/// <summary>Reads and checks the <c>Smtp:*</c> and <c>Reminders:*</c> settings once, at start; a bad value stops with its name.</summary>
public static class NoticeSettings
{
    public static MailSettings Mail(IConfiguration configuration)
    {
        var smtp = configuration.GetSection("Smtp");
        var host = smtp["Host"];
        if (string.IsNullOrWhiteSpace(host)) return MailSettings.None;
        var useTls = Bool(smtp["UseTls"], "Smtp:UseTls", true);
        var port = Int(smtp["Port"], "Smtp:Port", useTls ? 587 : 25, 1, 65535);
        var from = smtp["From"];
        if (from is { Length: > 0 } && !MimeKit.MailboxAddress.TryParse(from, out _))
            throw new InvalidOperationException($"Smtp:From is not an e-mail address: '{from}'.");
        return new MailSettings(host.Trim(), port, string.IsNullOrWhiteSpace(from) ? null : from, NullIfBlank(smtp["UserName"]), smtp["Password"], useTls);
    }

    public static ReminderSettings Reminders(IConfiguration configuration)
    {
        var section = configuration.GetSection("Reminders");
        return new ReminderSettings(
            Bool(section["Enabled"], "Reminders:Enabled", true),
            Int(section["DaysBefore"], "Reminders:DaysBefore", ReminderRules.DefaultDaysBefore, 0, ReminderRules.MaxDaysBefore),
            TimeSpan.FromMinutes(Int(section["IntervalMinutes"], "Reminders:IntervalMinutes", 60, 1, 24 * 60)));
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static bool Bool(string? value, string name, bool fallback) =>
        string.IsNullOrWhiteSpace(value) ? fallback
        : bool.TryParse(value, out var b) ? b
        : throw new InvalidOperationException($"{name} must be true or false, not '{value}'.");

    private static int Int(string? value, string name, int fallback, int min, int max) =>
        string.IsNullOrWhiteSpace(value) ? fallback
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n
        : throw new InvalidOperationException($"{name} must be a whole number from {min} to {max}, not '{value}'.");
}

/// <summary>The reminders' part of the composition root.</summary>
public static class ReminderHosting
{
    /// <summary>The mail server and reminder settings (read and checked now) and the hourly <see cref="ReminderService"/>.</summary>
    public static void AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(NoticeSettings.Mail(configuration));
        services.AddSingleton(NoticeSettings.Reminders(configuration));
        services.AddHostedService<ReminderService>();
    }
}
