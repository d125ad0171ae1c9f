using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gaoxin.E2E;

/// <summary>
/// Reminders in Chromium: the 2019 reports are due 31 March 2020 and Shenyang has not reported. After a reminder run before the
/// date and one after it, Shenyang's operator sees the reminder and the overdue notice in the inbox (with the unread count in
/// the header) and marks the reminder read; the office sees Shenyang on the overdue list of the calendar and the note that no
/// mail server is configured.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class NotificationsJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private readonly SqliteTestStore _store = new();
    private RunningServer _server = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        var db = ((ITestStore)_store).DbArgument;
        foreach (var args in new[]
        {
            new[] { "users", "add", "--email", "office@example.org", "--role", "admin", "--password", Password },
            ["users", "add", "--email", "shenyang@example.org", "--role", "zone_operator", "--zone", "shenyang", "--password", Password],
            ["data", "deadline", "--year", "2019", "--date", "2020-03-31"],
            ["reminders", "send", "--now", "2020-03-24T09:00:00+08:00"],
            ["reminders", "send", "--now", "2020-04-01T08:00:00+08:00"],
        })
        {
            var result = await CliRun.RunAsync([.. args, "--db", db]);
            Assert.True(result.ExitCode == 0, result.Error);
        }
        _server = await RunningServer.StartAsync(((ITestStore)_store).Location);
        _page = await browser.NewPageAsync(_server.Address);
    }

    public async Task DisposeAsync()
    {
        if (_page is not null) await _page.Context.CloseAsync();
        if (_server is not null) await _server.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task Zone_operator_reads_the_reminder_and_the_office_sees_the_overdue_list_and_the_mail_note()
    {
        const string test = nameof(Zone_operator_reads_the_reminder_and_the_office_sees_the_overdue_list_and_the_mail_note);

        await BrowserFixture.SignInAsync(_page, "shenyang@example.org", Password);
        await Expect(_page.Locator("#unread-badge")).ToHaveTextAsync("2");
        await _page.Locator("#nav-notifications").ClickAsync();
        var rows = _page.Locator("#notifications tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        var reminder = _page.Locator("#notifications tr.unread", new() { HasText = "截止提醒" });
        await Expect(reminder).ToContainTextAsync("2020-03-31");
        await Expect(_page.Locator("#notifications tr", new() { HasText = "逾期通知" })).ToBeVisibleAsync();
        await Expect(_page.Locator("#no-mail")).ToContainTextAsync("未配置邮件服务器,不发送邮件");
        await browser.ScreenshotAsync(_page, $"{test}-1-inbox");
        await reminder.Locator(".mark-read").ClickAsync();
        await Expect(_page.Locator("#notifications tr.read", new() { HasText = "截止提醒" })).ToContainTextAsync("已读");
        await Expect(_page.Locator("#unread-badge")).ToHaveTextAsync("1");
        await _page.GotoAsync("/calendar");
        await Expect(_page.Locator("#deadlines tr[data-key='data_collection/2019/shenyang']")).ToContainTextAsync("已逾期");
        await Expect(_page.Locator("#overdue-list")).ToHaveCountAsync(0);
        await _page.Locator("#logout").ClickAsync();
        await Expect(_page.Locator("#login-link")).ToBeVisibleAsync();

        await BrowserFixture.SignInAsync(_page, "office@example.org", Password);
        await _page.GotoAsync("/calendar");
        await Expect(_page.Locator("#overdue-list tr[data-zone=shenyang]")).ToContainTextAsync("2020-03-31");
        await Expect(_page.Locator("#mail #no-mail")).ToContainTextAsync("未配置邮件服务器,不发送邮件");
        await browser.ScreenshotAsync(_page, $"{test}-2-calendar");
        await _page.GotoAsync("/calendar?lang=en");
        await Expect(_page.Locator("#mail #no-mail")).ToContainTextAsync("No mail server is configured; no e-mail is sent.");
    }
}
