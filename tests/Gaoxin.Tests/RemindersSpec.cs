using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gaoxin.Data;
using Gaoxin.Data.Notices;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>
/// Deadlines and reminders on both providers, through <c>gaoxin reminders send --now</c> and a local SMTP sink: the 2019
/// reports are due 31 March 2020; Dalian's is approved, Shenyang's is not. A reminder e-mail reaches Shenyang's operator
/// before the deadline and an overdue notice after it (and the office), each once; Dalian gets neither; without a mail
/// server nothing is sent and the notifications are still there; a refused e-mail is kept and sent on the next run.
/// </summary>
public abstract class RemindersSpec(ITestStore store) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private const string Office = "office@example.org", Shenyang = "sy@example.org", Dalian = "dl@example.org";
    private const string BeforeDeadline = "2020-03-24T09:00:00+08:00";
    // 00:00:01 China time on 1 April 2020: the due day (31 March) ended a second ago.
    private const string AfterDeadline = "2020-04-01T00:00:01+08:00";
    private readonly SmtpSink _sink = new();

    public async Task InitializeAsync()
    {
        foreach (var (email, role, zone) in new[] { (Office, "admin", (string?)null), (Shenyang, "zone_operator", "shenyang"), (Dalian, "zone_operator", "dalian") })
            Assert.Equal(0, (await CliRun.RunAsync(["users", "add", "--email", email, "--role", role, "--password", Password,
                .. zone is null ? Array.Empty<string>() : ["--zone", zone], "--db", store.DbArgument])).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync("data", "deadline", "--year", "2019", "--date", "2020-03-31", "--db", store.DbArgument)).ExitCode);
        var csv = Path.Combine(Path.GetTempPath(), $"gaoxin-reminders-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(csv, ["zone,year,element,value", "dalian,2019,gdp,100"]);
        Assert.Equal(0, (await CliRun.RunAsync("data", "import", csv, "--approve", "--db", store.DbArgument)).ExitCode);
        File.Delete(csv);
    }

    public async Task DisposeAsync()
    {
        await _sink.DisposeAsync();
        await store.DisposeAsync();
    }

    private async Task<JsonElement> SendAsync(string now, bool mail = true, int exitCode = 0)
    {
        var result = await CliRun.RunAsync(["reminders", "send", "--now", now, "--format", "json", "--db", store.DbArgument, .. mail ? _sink.Settings : []]);
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}: {result.Error}{result.Output}");
        return JsonDocument.Parse(result.Output).RootElement;
    }

    private static List<string> Keys(JsonElement outcome, string list) =>
        outcome.GetProperty(list).EnumerateArray().Select(n => n.GetProperty("key").GetString()!).ToList();

    [Fact]
    public async Task A_reminder_email_reaches_the_sink_before_a_data_collection_deadline_and_an_overdue_notice_after_it()
    {
        var before = await SendAsync(BeforeDeadline);

        Assert.Contains("data_collection/2019/shenyang", Keys(before, "reminded"));
        Assert.DoesNotContain("data_collection/2019/dalian", Keys(before, "reminded"));
        Assert.Empty(Keys(before, "overdue"));
        Assert.True(before.GetProperty("mail").GetProperty("configured").GetBoolean());
        var reminder = Assert.Single(_sink.To(Shenyang));
        Assert.Equal(["sy@example.org"], reminder.Recipients);
        Assert.Equal("gaoxin@example.org", reminder.From);
        Assert.Contains("shenyang", reminder.Text);
        Assert.Contains("沈阳", reminder.Text);
        Assert.Contains("2020-03-31", reminder.Text);
        Assert.Contains("截止提醒", reminder.Message.Subject);
        Assert.Contains("7", reminder.Message.TextBody);
        Assert.Empty(_sink.To(Dalian));

        // The same instant again: sent once.
        var again = await SendAsync(BeforeDeadline);
        Assert.Empty(Keys(again, "reminded"));
        Assert.Single(_sink.To(Shenyang));

        var after = await SendAsync(AfterDeadline);

        Assert.Contains("data_collection/2019/shenyang", Keys(after, "overdue"));
        Assert.DoesNotContain("data_collection/2019/dalian", Keys(after, "overdue"));
        var toShenyang = _sink.To(Shenyang);
        Assert.Equal(2, toShenyang.Count);
        Assert.Contains("逾期", toShenyang[1].Message.Subject);
        Assert.Contains("2020-03-31", toShenyang[1].Text);
        Assert.Contains(_sink.To(Office), m => m.Text.Contains("shenyang", StringComparison.Ordinal) && m.Message.Subject!.Contains("逾期", StringComparison.Ordinal));
        Assert.DoesNotContain(_sink.To(Office), m => m.Text.Contains("(dalian)", StringComparison.Ordinal));
        Assert.Empty(_sink.To(Dalian));

        // After the deadline, run again: nothing new.
        var count = _sink.Messages.Count;
        var later = await SendAsync("2020-04-03T10:00:00+08:00");
        Assert.Empty(Keys(later, "reminded"));
        Assert.Empty(Keys(later, "overdue"));
        Assert.Equal(count, _sink.Messages.Count);

        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var deadline = await db.Deadlines.AsNoTracking().SingleAsync(d => d.Key == "data_collection/2019/shenyang");
        Assert.NotNull(deadline.RemindedAt);
        Assert.NotNull(deadline.OverdueNotifiedAt);
        Assert.Null(deadline.MetAt);
        Assert.NotNull((await db.Deadlines.AsNoTracking().SingleAsync(d => d.Key == "data_collection/2019/dalian")).MetAt);
        Assert.True(await db.Audit.AnyAsync(a => a.Action == "overdue_notified" && a.UnitCode == "shenyang" && a.Year == 2019));
    }

    [Fact]
    public async Task Without_a_mail_server_nothing_is_sent_and_the_notifications_are_still_posted()
    {
        var outcome = await SendAsync(BeforeDeadline, mail: false);

        Assert.False(outcome.GetProperty("mail").GetProperty("configured").GetBoolean());
        Assert.Contains("data_collection/2019/shenyang", Keys(outcome, "reminded"));
        Assert.Empty(_sink.Messages);
        var table = await CliRun.RunAsync("reminders", "send", "--now", AfterDeadline, "--db", store.DbArgument);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("no mail server is configured", table.Output);
        Assert.Empty(_sink.Messages);
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var posted = await db.Notifications.AsNoTracking().Where(n => n.Audience == "zone:shenyang").ToListAsync();
        Assert.Equal(2, posted.Count);
        Assert.All(posted, n => Assert.Null(n.EmailedAt));
    }

    [Fact]
    public async Task A_refused_email_is_recorded_and_sent_on_the_next_run()
    {
        _sink.RefuseRecipients = true;
        await SendAsync(BeforeDeadline, exitCode: 1);
        Assert.Empty(_sink.Messages);
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            var failed = await db.Notifications.AsNoTracking().SingleAsync(n => n.Audience == "zone:shenyang");
            Assert.Null(failed.EmailedAt);
            Assert.Contains("mailbox unavailable", failed.EmailError);
        }

        _sink.RefuseRecipients = false;
        var retry = await SendAsync("2020-03-25T09:00:00+08:00");

        Assert.Empty(Keys(retry, "reminded"));
        Assert.Single(_sink.To(Shenyang));
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            var sent = await db.Notifications.AsNoTracking().SingleAsync(n => n.Audience == "zone:shenyang");
            Assert.NotNull(sent.EmailedAt);
            Assert.Null(sent.EmailError);
        }
    }

    [Fact]
    public async Task Each_role_reads_its_own_notifications_and_deadlines_through_the_api()
    {
        await SendAsync(AfterDeadline, mail: false);
        await using var server = await RunningServer.StartAsync(store.Location);
        using var office = await server.TokenClientAsync(store, Office);
        using var shenyang = await server.TokenClientAsync(store, Shenyang);
        using var dalian = await server.TokenClientAsync(store, Dalian);

        var inbox = await shenyang.GetFromJsonAsync<JsonElement>("/api/notifications");
        var mine = inbox.GetProperty("notifications").EnumerateArray().ToList();
        var overdue = Assert.Single(mine);
        Assert.Equal("zone:shenyang", overdue.GetProperty("audience").GetString());
        Assert.Equal(1, inbox.GetProperty("unread").GetInt32());
        var id = overdue.GetProperty("id").GetInt64();
        Assert.Empty((await dalian.GetFromJsonAsync<JsonElement>("/api/notifications")).GetProperty("notifications").EnumerateArray());
        Assert.Contains((await office.GetFromJsonAsync<JsonElement>("/api/notifications")).GetProperty("notifications").EnumerateArray(),
            n => n.GetProperty("body").GetString()!.Contains("(shenyang)", StringComparison.Ordinal));

        // Another zone's operator cannot mark it; its own operator can, once or twice.
        Assert.Equal(HttpStatusCode.NotFound, (await dalian.PostAsync($"/api/notifications/{id}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await shenyang.PostAsync($"/api/notifications/{id}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await shenyang.PostAsync($"/api/notifications/{id}/read", null)).StatusCode);
        Assert.Equal(0, (await shenyang.GetFromJsonAsync<JsonElement>("/api/notifications")).GetProperty("unread").GetInt32());

        var overdueList = (await office.GetFromJsonAsync<JsonElement>("/api/deadlines?overdue=true&year=2019")).GetProperty("deadlines").EnumerateArray()
            .Select(d => d.GetProperty("zone").GetString()).ToList();
        Assert.Contains("shenyang", overdueList);
        Assert.DoesNotContain("dalian", overdueList);
        var zoneView = (await dalian.GetFromJsonAsync<JsonElement>("/api/deadlines")).GetProperty("deadlines").EnumerateArray().ToList();
        var own = Assert.Single(zoneView);
        Assert.Equal("dalian", own.GetProperty("zone").GetString());
        Assert.True(own.GetProperty("met").GetBoolean());
        Assert.Equal("2020-03-31", own.GetProperty("dueOn").GetString());
    }

    [Fact]
    public async Task The_server_runs_the_reminders_itself_when_enabled()
    {
        // The server's clock is today's: the 2019 reports were due long ago, so its first run sends the overdue notice.
        await using var server = await RunningServer.StartAsync(store.Location, ["--Reminders:Enabled=true", .. _sink.Settings]);

        var received = await _sink.WaitForAsync(Shenyang, 1, TimeSpan.FromSeconds(30));

        var overdue = Assert.Single(received);
        Assert.Contains("逾期", overdue.Message.Subject);
        Assert.Empty(_sink.To(Dalian));
    }
}

public sealed class RemindersOnSqlite() : RemindersSpec(new SqliteTestStore());

public sealed class RemindersOnPostgres() : RemindersSpec(new PostgresTestStore());
