using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gaoxin.Data;
using Gaoxin.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>
/// Accounts end to end against a fresh database of each provider: disabling, enabling, deleting and changing an account
/// ends its sign-ins at once; tokens expire, can be listed and revoked; every change is audited.
/// </summary>
public abstract class AccountsSpec(ITestStore store) : IAsyncLifetime
{
    private RunningServer _server = null!;
    private const string ShenyangEmail = "shenyang@example.org";
    private const string Password = "correct-horse-battery";
    private const string SignedInOnly = "/data/template/2019.xlsx";
    private const string TokenOnly = "/api/reports/completeness?year=2019";

    public async Task InitializeAsync()
    {
        var added = await Cli("users", "add", "--email", ShenyangEmail, "--role", "zone_operator", "--zone", "shenyang", "--password", Password);
        Assert.True(added.ExitCode == 0, added.Error);
        _server = await RunningServer.StartAsync(store.Location);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    private async Task<HttpClient> ApiAsAsync(string email, params string[] options)
    {
        var result = await Cli(["users", "token", "--email", email, .. options]);
        Assert.True(result.ExitCode == 0, result.Error);
        var client = TestHttp.Client(_server.Address);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", result.Output.Trim());
        return client;
    }

    private async Task<PageSession> SignedInAsync()
    {
        var session = new PageSession(_server.Address);
        await session.SignInAsync(ShenyangEmail, Password);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync(SignedInOnly)).StatusCode);
        return session;
    }

    private static void AssertSentToLogin(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
    }

    private async Task<List<string>> AccountAuditAsync()
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        return await db.Audit.Where(a => a.Action.StartsWith("user_")).OrderBy(a => a.Id).Select(a => a.Action + " " + a.ElementCode).ToListAsync();
    }

    [Fact]
    public async Task A_disabled_users_cookie_and_token_stop_working_at_once_and_their_save_never_happens()
    {
        using var session = await SignedInAsync();
        using var api = await ApiAsAsync(ShenyangEmail);
        var formToken = await session.TokenAsync("/zones/shenyang/data/2019");

        var disabled = await Cli("users", "disable", "--email", ShenyangEmail);
        var page = await session.GetAsync(SignedInOnly);
        var save = await session.PostFormWithTokenAsync("/zones/shenyang/data/2019?handler=Save", formToken, [new("Values[gdp]", "1")]);
        var token = await api.GetAsync(TokenOnly);
        var signIn = await new PageSession(_server.Address).SignInAsync(ShenyangEmail, Password);

        Assert.True(disabled.ExitCode == 0, disabled.Error);
        AssertSentToLogin(page);
        Assert.False(save.IsSuccessStatusCode && save.StatusCode != HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        Assert.Equal("application/problem+json", token.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            Assert.Equal(0, await db.ReportValues.CountAsync());
            Assert.False(await db.Audit.AnyAsync(a => a.Action == "value_set"));
        }
        Assert.Equal([$"user_added {ShenyangEmail}", $"user_token_created {ShenyangEmail}", $"user_disabled {ShenyangEmail}"], await AccountAuditAsync());
    }

    [Fact]
    public async Task Enabling_an_account_again_lets_its_token_and_a_fresh_sign_in_work()
    {
        using var api = await ApiAsAsync(ShenyangEmail);
        await Cli("users", "disable", "--email", ShenyangEmail);

        var enabled = await Cli("users", "enable", "--email", ShenyangEmail);

        Assert.True(enabled.ExitCode == 0, enabled.Error);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(TokenOnly)).StatusCode);
        using var session = await SignedInAsync();
        Assert.Equal([$"user_added {ShenyangEmail}", $"user_token_created {ShenyangEmail}", $"user_disabled {ShenyangEmail}", $"user_enabled {ShenyangEmail}"], await AccountAuditAsync());
    }

    [Fact]
    public async Task A_deleted_user_is_refused_everywhere_but_stays_on_record_so_the_audit_still_names_them()
    {
        using var session = await SignedInAsync();
        using var api = await ApiAsAsync(ShenyangEmail);
        var put = await api.PutAsJsonAsync("/api/zones/shenyang/data/2019", new { values = new Dictionary<string, decimal?> { ["gdp"] = 900m } });
        Assert.True(put.IsSuccessStatusCode);
        var formToken = await session.TokenAsync("/zones/shenyang/data/2019");

        var deleted = await Cli("users", "delete", "--email", ShenyangEmail);
        var page = await session.GetAsync(SignedInOnly);
        var save = await session.PostFormWithTokenAsync("/zones/shenyang/data/2019?handler=Save", formToken, [new("Values[gdp]", "1")]);
        var token = await api.GetAsync(TokenOnly);
        var again = await Cli("users", "enable", "--email", ShenyangEmail);
        var listed = JsonDocument.Parse((await Cli("users", "list", "--format", "json")).Output).RootElement.EnumerateArray().Single();
        var tokens = JsonDocument.Parse((await Cli("users", "tokens", "--email", ShenyangEmail, "--format", "json")).Output).RootElement.EnumerateArray().Single();

        Assert.True(deleted.ExitCode == 0, deleted.Error);
        AssertSentToLogin(page);
        Assert.False(save.IsSuccessStatusCode && save.StatusCode != HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Equal("deleted", listed.GetProperty("state").GetString());
        Assert.Equal("revoked", tokens.GetProperty("state").GetString());
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        Assert.Equal(900m, await db.ReportValues.Select(v => v.Value).SingleAsync());
        var actors = await db.Audit.Where(a => a.Action == "value_set").Select(a => a.Actor).ToListAsync();
        Assert.Equal(ShenyangEmail, Assert.Single(actors));
        Assert.True(await db.Users.AnyAsync(u => u.Email == ShenyangEmail));
        Assert.Equal([$"user_added {ShenyangEmail}", $"user_token_created {ShenyangEmail}", $"user_deleted {ShenyangEmail}"], await AccountAuditAsync());
    }

    [Fact]
    public async Task Changing_a_users_role_or_zone_ends_the_sign_ins_made_before()
    {
        using var session = await SignedInAsync();

        var changed = await Cli("users", "change", "--email", ShenyangEmail, "--role", "zone_operator", "--zone", "dalian");
        var page = await session.GetAsync(SignedInOnly);

        Assert.True(changed.ExitCode == 0, changed.Error);
        AssertSentToLogin(page);
        var listed = JsonDocument.Parse((await Cli("users", "list", "--format", "json")).Output).RootElement.EnumerateArray().Single();
        Assert.Equal("dalian", listed.GetProperty("zone").GetString());
        using var fresh = await SignedInAsync();
        Assert.Equal([$"user_added {ShenyangEmail}", $"user_changed {ShenyangEmail}"], await AccountAuditAsync());
    }

    [Fact]
    public async Task Resetting_a_password_ends_the_sign_ins_made_before_and_only_the_new_password_signs_in()
    {
        using var session = await SignedInAsync();

        var tooShort = await Cli("users", "reset-password", "--email", ShenyangEmail, "--password", "short");
        var reset = await Cli("users", "reset-password", "--email", ShenyangEmail);
        var generated = reset.Output.Split("New password: ")[1].Trim();
        var page = await session.GetAsync(SignedInOnly);

        Assert.Equal(2, tooShort.ExitCode);
        Assert.True(reset.ExitCode == 0, reset.Error);
        AssertSentToLogin(page);
        Assert.Equal(HttpStatusCode.OK, (await new PageSession(_server.Address).SignInAsync(ShenyangEmail, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await new PageSession(_server.Address).SignInAsync(ShenyangEmail, generated)).StatusCode);
        Assert.Equal([$"user_added {ShenyangEmail}", $"user_password_reset {ShenyangEmail}"], await AccountAuditAsync());
    }

    [Fact]
    public async Task A_revoked_token_is_refused_while_the_users_other_tokens_keep_working()
    {
        using var first = await ApiAsAsync(ShenyangEmail, "--name", "first");
        using var second = await ApiAsAsync(ShenyangEmail, "--name", "second");
        var listed = JsonDocument.Parse((await Cli("users", "tokens", "--email", ShenyangEmail, "--format", "json")).Output).RootElement
            .EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);

        var revoked = await Cli("users", "revoke-token", "--id", listed["first"].GetProperty("id").GetInt64().ToString());
        var unknown = await Cli("users", "revoke-token", "--id", "999999");

        Assert.True(revoked.ExitCode == 0, revoked.Error);
        Assert.Equal(3, unknown.ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync(TokenOnly)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/zones/shenyang/data/2019")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(TokenOnly)).StatusCode);
        Assert.Equal(["live", "live"], listed.Values.Select(t => t.GetProperty("state").GetString()));
        Assert.Equal([$"user_added {ShenyangEmail}", $"user_token_created {ShenyangEmail}", $"user_token_created {ShenyangEmail}", $"user_token_revoked {ShenyangEmail}"], await AccountAuditAsync());
    }

    [Fact]
    public async Task A_token_expires_after_a_year_by_default_or_on_the_day_given_and_is_refused_afterwards()
    {
        using var yearly = await ApiAsAsync(ShenyangEmail, "--name", "yearly");
        using var dated = await ApiAsAsync(ShenyangEmail, "--name", "dated", "--expires", "2099-12-31");
        var past = await Cli("users", "token", "--email", ShenyangEmail, "--expires", "2020-01-01");
        Assert.Equal(HttpStatusCode.OK, (await dated.GetAsync(TokenOnly)).StatusCode);

        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            var tokens = await db.ApiTokens.ToDictionaryAsync(t => t.Name);
            Assert.Equal(2, tokens.Count);
            Assert.InRange(tokens["yearly"].ExpiresAt!.Value - tokens["yearly"].CreatedAt, TimeSpan.FromDays(364), TimeSpan.FromDays(366));
            Assert.Equal(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero), tokens["dated"].ExpiresAt);
            tokens["dated"].ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }

        Assert.Equal(2, past.ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await dated.GetAsync(TokenOnly)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await yearly.GetAsync(TokenOnly)).StatusCode);
    }
}

public sealed class AccountsOnSqlite() : AccountsSpec(new SqliteTestStore());

public sealed class AccountsOnPostgres() : AccountsSpec(new PostgresTestStore());

/// <summary>Token requests only read the store: while a long import holds SQLite's write lock they still answer at once.</summary>
public sealed class TokenUseWhileSqliteIsLockedSpec : IAsyncLifetime
{
    private readonly ITestStore _store = new SqliteTestStore();
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        await CliRun.RunAsync("users", "add", "--email", "office@example.org", "--role", "admin", "--password", "correct-horse-battery", "--db", _store.DbArgument);
        _server = await RunningServer.StartAsync(_store.Location);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task A_token_GET_answers_promptly_while_another_connection_holds_the_write_lock_and_its_use_is_recorded_later()
    {
        using var api = await _server.TokenClientAsync(_store, "office@example.org");
        api.Timeout = TimeSpan.FromSeconds(10);
        await using (var writer = new SqliteConnection($"Data Source={_store.DbArgument}"))
        {
            await writer.OpenAsync();
            await using var begin = writer.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE; UPDATE api_tokens SET name = name;";
            await begin.ExecuteNonQueryAsync();

            var watch = Stopwatch.StartNew();
            var first = await api.GetAsync("/api/reports/completeness?year=2019");
            var second = await api.GetAsync("/api/reports/completeness?year=2019");
            watch.Stop();

            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
            await using var rollback = writer.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        await _server.DisposeAsync();

        await using var db = GaoxinDatabase.CreateContext(_store.Location);
        Assert.NotNull((await db.ApiTokens.SingleAsync()).LastUsedAt);
    }
}
