using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>
/// Accounts on the pages, against a fresh database of each provider: a user changes their own password and keeps their own
/// tokens; the office creates, changes, disables and enables accounts and resets passwords on /admin/users and reads the
/// audit log on /admin/audit (filtered, and exported as CSV); sign-ins, failed ones and lockouts are in that log. The
/// office's pages refuse everyone else.
/// </summary>
public abstract partial class AccountSelfServiceSpec(ITestStore store) : IAsyncLifetime
{
    private const string Office = "office@example.org";
    private const string Operator = "shenyang@example.org";
    private const string Password = "correct-horse-battery";
    private const string TokenOnly = "/api/reports/completeness?year=2019";
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        foreach (var args in new[]
        {
            new[] { "users", "add", "--email", Office, "--role", "admin", "--password", Password },
            ["users", "add", "--email", Operator, "--role", "zone_operator", "--zone", "shenyang", "--password", Password],
        })
        {
            var result = await CliRun.RunAsync([.. args, "--db", store.DbArgument]);
            Assert.True(result.ExitCode == 0, result.Error);
        }
        _server = await RunningServer.StartAsync(store.Location);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private async Task<PageSession> SignedInAsync(string email, string password = Password)
    {
        var session = new PageSession(_server.Address);
        var signIn = await session.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/data", signIn.Headers.Location?.OriginalString);
        return session;
    }

    /// <summary>Whether a fresh browser signs in with this e-mail and password (the form redirects on success only).</summary>
    private async Task<bool> SignsInAsync(string email, string password)
    {
        using var session = new PageSession(_server.Address);
        return (await session.SignInAsync(email, password)).StatusCode == HttpStatusCode.Redirect;
    }

    private static Task<HttpResponseMessage> PostAsync(PageSession session, string page, string? handler, params (string Name, string Value)[] fields) =>
        session.PostFormAsync(page, handler is null ? page : $"{page}?handler={handler}", fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private async Task<List<AuditRecord>> AuditAsync(params string[] actions)
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        return await db.Audit.AsNoTracking().Where(a => actions.Contains(a.Action)).OrderBy(a => a.Id).ToListAsync();
    }

    [GeneratedRegex("id=\"new-token\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex NewToken();

    [GeneratedRegex("id=\"temporary-password\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TemporaryPassword();

    [Fact]
    public async Task A_user_changes_their_own_password_a_wrong_current_one_is_refused_and_both_are_audited()
    {
        using var session = await SignedInAsync(Operator);

        var wrong = await PostAsync(session, "/account/password", null, ("Current", "not-my-password"), ("New", "a-new-long-password"), ("Confirm", "a-new-long-password"));
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        var mismatch = await (await PostAsync(session, "/account/password", null, ("Current", Password), ("New", "a-new-long-password"), ("Confirm", "another-password"))).Content.ReadAsStringAsync();
        var tooShort = await (await PostAsync(session, "/account/password", null, ("Current", Password), ("New", "short"), ("Confirm", "short"))).Content.ReadAsStringAsync();
        var changed = await PostAsync(session, "/account/password", null, ("Current", Password), ("New", "a-new-long-password"), ("Confirm", "a-new-long-password"));
        var after = await session.GetAsync(changed.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Matches("id=\"pw-Current-error\"[^<]*<li class=\"problem error\">当前密码不正确。", wrongHtml);
        Assert.Contains("id=\"pw-Confirm-error\"", mismatch);
        Assert.Contains("两次输入的新密码不一致", mismatch);
        Assert.Matches("id=\"pw-New-error\"[^<]*<li class=\"problem error\">密码至少需要 10 个字符。", tooShort);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        // The browser that changed the password stays signed in; the old password no longer works, the new one does.
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("id=\"password-changed\"", await after.Content.ReadAsStringAsync());
        Assert.False(await SignsInAsync(Operator, Password));
        Assert.True(await SignsInAsync(Operator, "a-new-long-password"));
        var audit = await AuditAsync("user_password_changed", "user_password_change_refused");
        Assert.Equal(["user_password_change_refused wrong_password", "user_password_change_refused PasswordTooShort", "user_password_changed "],
            audit.Select(a => $"{a.Action} {a.Comment}"));
        Assert.All(audit, a => Assert.Equal((Operator, Operator, "shenyang", "form"), (a.Actor, a.ElementCode, a.UnitCode, a.Via)));
        Assert.DoesNotContain(audit, a => (a.Comment ?? "").Contains("a-new-long-password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_user_creates_a_token_shown_once_lists_it_and_revokes_it_after_which_it_no_longer_authenticates()
    {
        using var session = await SignedInAsync(Operator);

        var created = await (await PostAsync(session, "/account/tokens", "Create", ("Name", "报表脚本"), ("LastDay", "2099-12-31"))).Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(NewToken().Match(created).Groups[1].Value);
        using var api = TestHttp.Client(_server.Address);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var before = await api.GetAsync(TokenOnly);
        var listed = await session.GetStringAsync("/account/tokens");
        var id = Regex.Match(listed, "<tr data-id=\"(\\d+)\" data-name=\"报表脚本\"").Groups[1].Value;
        // Someone else's token is not theirs to revoke.
        using (var other = await SignedInAsync(Office))
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(other, "/account/tokens", "Revoke", ("id", id))).StatusCode);
        var stillWorks = await api.GetAsync(TokenOnly);
        var revoked = await PostAsync(session, "/account/tokens", "Revoke", ("id", id));
        var afterRevoke = await api.GetAsync(TokenOnly);
        var listedAfter = await session.GetStringAsync("/account/tokens");

        Assert.StartsWith("gx_", token);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
        Assert.DoesNotContain(token, listed);
        Assert.Contains("2099-12-31", listed);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Contains("已吊销", listedAfter);
        Assert.DoesNotContain("class=\"revoke\"", listedAfter);
        var audit = await AuditAsync("user_token_created", "user_token_revoked");
        Assert.Equal(["user_token_created", "user_token_revoked"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal((Operator, Operator, "form"), (a.Actor, a.ElementCode, a.Via)));
        // Neither the log nor the store keeps the token itself.
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        Assert.False(await db.Audit.AnyAsync(a => (a.Comment ?? "").Contains(token) || (a.ElementCode ?? "").Contains(token)));
        Assert.False(await db.ApiTokens.AnyAsync(t => t.TokenHash == token || t.Name == token));
    }

    [Fact]
    public async Task Only_the_office_reaches_the_users_and_audit_pages_and_a_zone_operators_post_changes_nothing()
    {
        using var anonymous = new PageSession(_server.Address);
        using var zoneOperator = await SignedInAsync(Operator);
        using var office = await SignedInAsync(Office);

        foreach (var path in new[] { "/admin/users", "/admin/audit", "/admin/audit?handler=Csv" })
        {
            var anon = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, anon.StatusCode);
            Assert.StartsWith("/account/login", anon.Headers.Location!.AbsolutePath);
            var denied = await zoneOperator.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.StartsWith("/account/denied", denied.Headers.Location!.AbsolutePath);
            Assert.Equal(HttpStatusCode.OK, (await office.GetAsync(path)).StatusCode);
        }
        var token = await zoneOperator.TokenAsync("/account/password");
        var forged = await zoneOperator.PostFormWithTokenAsync("/admin/users?handler=Create", token,
            [new("Email", "mine@example.org"), new("Role", "admin"), new("Password", "long-enough-password")]);

        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.StartsWith("/account/denied", forged.Headers.Location!.AbsolutePath);
        Assert.False(await SignsInAsync("mine@example.org", "long-enough-password"));
        Assert.DoesNotContain(await AuditAsync("user_added"), a => a.ElementCode == "mine@example.org");
        // The account pages are any signed-in user's, never an anonymous visitor's.
        foreach (var path in new[] { "/account/password", "/account/tokens" })
        {
            Assert.StartsWith("/account/login", (await anonymous.GetAsync(path)).Headers.Location!.AbsolutePath);
            Assert.Equal(HttpStatusCode.OK, (await zoneOperator.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task The_office_creates_a_zone_operator_who_signs_in_and_a_disabled_one_cannot_until_enabled_again()
    {
        using var office = await SignedInAsync(Office);
        const string email = "dalian@example.org";

        var unknownZone = await (await PostAsync(office, "/admin/users", "Create", ("Email", email), ("Role", "zone_operator"), ("Zone", "atlantis"))).Content.ReadAsStringAsync();
        var noZone = await (await PostAsync(office, "/admin/users", "Create", ("Email", email), ("Role", "zone_operator"), ("Zone", ""))).Content.ReadAsStringAsync();
        var created = await (await PostAsync(office, "/admin/users", "Create", ("Email", email), ("Role", "zone_operator"), ("Zone", "dalian"), ("Password", ""))).Content.ReadAsStringAsync();
        var temporary = WebUtility.HtmlDecode(TemporaryPassword().Match(created).Groups[1].Value);
        var signsIn = await SignsInAsync(email, temporary);
        var list = await office.GetStringAsync("/admin/users");

        Assert.Contains("没有该高新区。可选:", unknownZone);
        Assert.Contains("shenyang", unknownZone[unknownZone.IndexOf("没有该高新区", StringComparison.Ordinal)..]);
        Assert.Contains("高新区填报员须绑定一个高新区", noZone);
        Assert.True(temporary.Length >= 10, created);
        Assert.True(signsIn);
        Assert.Matches($"<tr data-email=\"{email}\" data-state=\"active\">", list);

        var disabled = await PostAsync(office, "/admin/users", "Disable", ("Email", email));
        var signsInDisabled = await SignsInAsync(email, temporary);
        var selfDisable = await (await PostAsync(office, "/admin/users", "Disable", ("Email", Office))).Content.ReadAsStringAsync();
        var enabled = await PostAsync(office, "/admin/users", "Enable", ("Email", email));
        var signsInEnabled = await SignsInAsync(email, temporary);
        var moved = await PostAsync(office, "/admin/users", "Change", ("Email", email), ("Role", "zone_operator"), ("Zone", "anshan"));
        var reset = await (await PostAsync(office, "/admin/users", "Reset", ("Email", email), ("Password", "office-chosen-password"))).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.False(signsInDisabled);
        Assert.Contains("不能停用自己的账号", selfDisable);
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.True(signsInEnabled);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Contains("office-chosen-password", reset);
        Assert.False(await SignsInAsync(email, temporary));
        Assert.True(await SignsInAsync(email, "office-chosen-password"));
        Assert.True(await SignsInAsync(Office, Password));
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        Assert.Equal("anshan", (await db.Users.SingleAsync(u => u.Email == email)).ZoneCode);
        var audit = await AuditAsync("user_added", "user_disabled", "user_enabled", "user_changed", "user_password_reset", "sign_in_locked_out");
        Assert.Equal(["user_added", "user_disabled", "sign_in_locked_out", "user_enabled", "user_changed", "user_password_reset"],
            audit.Where(a => a.ElementCode == email).Select(a => a.Action));
        Assert.All(audit.Where(a => a.ElementCode == email && a.Action.StartsWith("user_")), a => Assert.Equal((Office, "form"), (a.Actor, a.Via)));
        Assert.DoesNotContain(audit, a => (a.Comment ?? "").Contains(temporary) || (a.Comment ?? "").Contains("office-chosen-password"));
    }

    [Fact]
    public async Task Sign_ins_failed_sign_ins_and_lockouts_are_audited_with_the_email_tried_and_the_client_address()
    {
        Assert.False(await SignsInAsync("nobody@example.org", "whatever-password"));
        for (var i = 0; i < 5; i++) Assert.False(await SignsInAsync(Operator, "wrong-password-" + i));
        Assert.False(await SignsInAsync(Operator, Password));
        Assert.True(await SignsInAsync(Office, Password));

        var audit = await AuditAsync("sign_in", "sign_in_failed", "sign_in_locked_out");

        Assert.Equal(
            [
                "sign_in_failed nobody@example.org ", "sign_in_failed shenyang@example.org shenyang", "sign_in_failed shenyang@example.org shenyang",
                "sign_in_failed shenyang@example.org shenyang", "sign_in_failed shenyang@example.org shenyang", "sign_in_locked_out shenyang@example.org shenyang",
                "sign_in_locked_out shenyang@example.org shenyang", "sign_in office@example.org ",
            ],
            audit.Select(a => $"{a.Action} {a.Actor} {a.UnitCode}"));
        Assert.All(audit, a => Assert.Equal("127.0.0.1", a.Comment));
        Assert.All(audit, a => Assert.InRange(a.At, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1)));
        // The zone's own audit through the API leaves the accounts' rows (and their client addresses) to the office.
        Assert.Equal(0, (await CliRun.RunAsync("users", "enable", "--email", Operator, "--db", store.DbArgument)).ExitCode);
        using (var zone = await _server.TokenClientAsync(store, Operator))
        {
            var rows = (await zone.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/audit")).EnumerateArray().Select(r => r.GetProperty("action").GetString()).ToList();
            Assert.DoesNotContain(rows, a => a!.StartsWith("sign_in", StringComparison.Ordinal) || a.StartsWith("user_", StringComparison.Ordinal));
        }
        using var office = await SignedInAsync(Office);
        Assert.Matches("<tr data-email=\"office@example.org\"[^>]*>(?:(?!</tr>).)*\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}", (await office.GetStringAsync("/admin/users")).ReplaceLineEndings(" "));
    }

    [Fact]
    public async Task The_audit_page_filters_by_who_what_zone_and_day_and_the_csv_holds_exactly_the_filtered_rows()
    {
        using (var zoneOperator = await SignedInAsync(Operator))
        {
            await PostAsync(zoneOperator, "/account/tokens", "Create", ("Name", "一号"), ("LastDay", ""));
            await PostAsync(zoneOperator, "/account/tokens", "Create", ("Name", "二号"), ("LastDay", ""));
        }
        Assert.False(await SignsInAsync(Office, "wrong-password-1"));
        using var office = await SignedInAsync(Office);
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).ToString("yyyy-MM-dd");
        var tomorrow = DateOnly.Parse(today).AddDays(1).ToString("yyyy-MM-dd");
        var yesterday = DateOnly.Parse(today).AddDays(-1).ToString("yyyy-MM-dd");

        async Task<List<string>> Rows(string query) =>
            [.. Regex.Matches(await office.GetStringAsync("/admin/audit" + query), "<tr data-action=\"([a-z_]+)\"").Select(m => m.Groups[1].Value)];

        var all = await Rows("");
        var byOperator = await Rows($"?who={Operator}");
        var tokensOnly = await Rows($"?who={Operator}&what=user_token_created");
        var shenyang = await Rows("?zone=shenyang");
        var fromToday = await Rows($"?who={Operator}&from={today}&to={today}");
        var fromTomorrow = await Rows($"?from={tomorrow}");
        var untilYesterday = await Rows($"?to={yesterday}");
        var page = await office.GetStringAsync($"/admin/audit?who={Operator}&what=user_token_created");
        var csv = await office.GetAsync($"/admin/audit?handler=Csv&who={Operator}&what=user_token_created");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        // Newest first: the office's sign-in is the latest row, the CLI's account creations the earliest.
        Assert.Equal("sign_in", all[0]);
        Assert.Equal("user_added", all[^1]);
        Assert.Equal(["user_token_created", "user_token_created", "sign_in", "user_added"], byOperator);
        Assert.Equal(["user_token_created", "user_token_created"], tokensOnly);
        Assert.Equal(byOperator, shenyang);
        Assert.Equal(byOperator, fromToday);
        Assert.Empty(fromTomorrow);
        Assert.Empty(untilYesterday);
        Assert.Contains("创建接口令牌", page);
        Assert.Contains("共 2 条", page);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("时间,操作人,操作,操作代码,方式,高新区,年度,对象,原值,新值,说明,批次", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.All(lines[1..], l => Assert.Contains($",{Operator},创建接口令牌,user_token_created,form,shenyang,", l));
        Assert.Contains("令牌“二号”", lines[1]);
        Assert.Contains("一号", lines[2]);
        var allCsv = Encoding.UTF8.GetString((await (await office.GetAsync("/admin/audit?handler=Csv")).Content.ReadAsByteArrayAsync()).AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(all.Count + 1, allCsv.Length);
    }
}

public sealed class AccountSelfServiceOnSqlite() : AccountSelfServiceSpec(new SqliteTestStore());

public sealed class AccountSelfServiceOnPostgres() : AccountSelfServiceSpec(new PostgresTestStore());
