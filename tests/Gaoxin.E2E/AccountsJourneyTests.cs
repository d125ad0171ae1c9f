using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gaoxin.E2E;

/// <summary>
/// Accounts in Chromium: the office creates a zone operator for Shenyang on the users page; the operator signs in with the
/// temporary password, changes it, creates a personal API token and revokes it (after which the API refuses it); the office
/// finds both the password change and the revocation in the audit log, filtered to that operator. Each page passes axe-core
/// in Chinese and in English.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class AccountsJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Office = "office@example.org";
    private const string Password = "correct-horse-battery";
    private const string Operator = "sy-operator@example.org";
    private readonly SqliteTestStore _store = new();
    private RunningServer _server = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        var added = await CliRun.RunAsync("users", "add", "--email", Office, "--role", "admin", "--password", Password, "--db", ((ITestStore)_store).DbArgument);
        Assert.True(added.ExitCode == 0, added.Error);
        _server = await RunningServer.StartAsync(((ITestStore)_store).Location);
        _page = await browser.NewPageAsync(_server.Address);
    }

    public async Task DisposeAsync()
    {
        if (_page is not null) await _page.Context.CloseAsync();
        if (_server is not null) await _server.DisposeAsync();
        await _store.DisposeAsync();
    }

    private async Task SignOutAsync()
    {
        await _page.Locator("#logout").ClickAsync();
        await Expect(_page.Locator("#login-link")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Office_creates_a_zone_operator_who_changes_the_password_and_revokes_a_token_and_the_office_sees_both_in_the_audit()
    {
        const string test = nameof(Office_creates_a_zone_operator_who_changes_the_password_and_revokes_a_token_and_the_office_sees_both_in_the_audit);

        // The office creates the operator, bound to Shenyang, and is shown the temporary password once.
        await BrowserFixture.SignInAsync(_page, Office, Password);
        await _page.Locator("#nav-users").ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/admin/users$"));
        await PageChecks.AssertAccessibleAsync(_page);
        await _page.GetByLabel("邮箱(登录名)").FillAsync(Operator);
        await _page.GetByLabel("角色", new() { Exact = true }).SelectOptionAsync("zone_operator");
        await _page.GetByLabel("高新区(仅高新区填报员,填代码)").FillAsync("shenyang");
        await _page.Locator("#create-user-submit").ClickAsync();
        await Expect(_page.Locator("#users-done")).ToContainTextAsync(Operator);
        var temporary = await _page.Locator("#temporary-password").InputValueAsync();
        Assert.True(temporary.Length >= 10, temporary);
        var row = _page.Locator($"#users tr[data-email='{Operator}']");
        await Expect(row.Locator(".role")).ToHaveTextAsync("高新区填报员");
        await Expect(row.Locator(".zone")).ToContainTextAsync("沈阳高新区");
        await Expect(row.Locator(".state")).ToHaveTextAsync("启用");
        await PageChecks.AssertAccessibleAsync(_page);
        await browser.ScreenshotAsync(_page, $"{test}-1-users");
        await SignOutAsync();

        // The operator signs in with it and changes it.
        await BrowserFixture.SignInAsync(_page, Operator, temporary);
        await _page.Locator("#nav-account").ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/account/password$"));
        await PageChecks.AssertAccessibleAsync(_page);
        await _page.GetByLabel("当前密码").FillAsync("not-the-password");
        await _page.GetByLabel("新密码", new() { Exact = true }).FillAsync("my-own-new-password");
        await _page.GetByLabel("再次输入新密码").FillAsync("my-own-new-password");
        await _page.Locator("#change-password").ClickAsync();
        await Expect(_page.Locator("#pw-Current-error")).ToHaveTextAsync("当前密码不正确。");
        await PageChecks.AssertAccessibleAsync(_page);
        await _page.GetByLabel("当前密码").FillAsync(temporary);
        await _page.GetByLabel("新密码", new() { Exact = true }).FillAsync("my-own-new-password");
        await _page.GetByLabel("再次输入新密码").FillAsync("my-own-new-password");
        await _page.Locator("#change-password").ClickAsync();
        await Expect(_page.Locator("#password-changed")).ToBeVisibleAsync();
        await Expect(_page.Locator("#who")).ToHaveTextAsync(Operator);
        await browser.ScreenshotAsync(_page, $"{test}-2-password");

        // … creates a token, which the API accepts, and revokes it, after which the API refuses it.
        await _page.Locator("#to-tokens").ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/account/tokens$"));
        await PageChecks.AssertAccessibleAsync(_page);
        await _page.GetByLabel("用途(名称)").FillAsync("数据报送脚本");
        await _page.Locator("#create").ClickAsync();
        var token = await _page.Locator("#new-token").InputValueAsync();
        Assert.StartsWith("gx_", token);
        using var api = TestHttp.Client(_server.Address);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/reports/completeness?year=2019")).StatusCode);
        await PageChecks.AssertAccessibleAsync(_page);
        var tokenRow = _page.Locator("#tokens tr[data-name='数据报送脚本']");
        await Expect(tokenRow.Locator(".state")).ToHaveTextAsync("有效");
        await tokenRow.Locator("button.revoke").ClickAsync();
        await Expect(_page.Locator("#token-revoked")).ToBeVisibleAsync();
        await Expect(tokenRow.Locator(".state")).ToContainTextAsync("已吊销");
        await Expect(_page.Locator("#new-token")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/reports/completeness?year=2019")).StatusCode);
        await browser.ScreenshotAsync(_page, $"{test}-3-tokens");
        await SignOutAsync();

        // The office finds both in the audit log, filtered to the operator.
        await BrowserFixture.SignInAsync(_page, Office, Password);
        await _page.Locator("#nav-audit").ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/admin/audit$"));
        await _page.GetByLabel("操作人或账号(邮箱的一部分)").FillAsync(Operator);
        await _page.Locator("#filter").ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("who=sy-operator%40example.org"));
        var audit = _page.Locator("#audit tbody tr");
        await Expect(_page.Locator("#audit tr[data-action='user_password_changed']")).ToContainTextAsync(Operator);
        await Expect(_page.Locator("#audit tr[data-action='user_password_changed'] .action")).ToHaveTextAsync("修改密码");
        await Expect(_page.Locator("#audit tr[data-action='user_token_revoked']")).ToContainTextAsync("数据报送脚本");
        await Expect(_page.Locator("#audit tr[data-action='user_token_revoked'] .action")).ToHaveTextAsync("吊销接口令牌");
        // Nothing of anyone else: every row is the operator's, as actor or as the account it is about.
        foreach (var text in await audit.AllInnerTextsAsync()) Assert.Contains(Operator, text);
        await PageChecks.AssertAccessibleAsync(_page);
        await browser.ScreenshotAsync(_page, $"{test}-4-audit");

        // The same pages in English.
        foreach (var path in new[] { "/admin/users", "/admin/audit", "/account/password", "/account/tokens" })
        {
            await _page.GotoAsync($"/lang/en?returnUrl={Uri.EscapeDataString(path)}");
            await Expect(_page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await PageChecks.AssertAccessibleAsync(_page);
        }
    }
}
