using System.Net;
using System.Text.RegularExpressions;
using Gaoxin.Tests.Support;

namespace Gaoxin.Tests;

/// <summary>
/// The sign-in form's limits: 20 attempts (POSTs) a minute per client address — opening the page costs nothing — where the
/// address behind a configured reverse proxy is the client's from X-Forwarded-For and, without one, the connection's
/// (a forwarded header from anyone else is ignored); and one answer for every failed sign-in, so that the form does not
/// tell which e-mails have accounts.
/// </summary>
public abstract partial class SignInLimitsSpec(ITestStore store) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private const int Limit = 20;
    private readonly List<RunningServer> _servers = [];

    public async Task InitializeAsync() =>
        Assert.Equal(0, (await CliRun.RunAsync("users", "add", "--email", "sy@example.org", "--role", "zone_operator", "--zone", "shenyang",
            "--password", Password, "--db", store.DbArgument)).ExitCode);

    public async Task DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
        await store.DisposeAsync();
    }

    private async Task<RunningServer> StartAsync(params string[] configuration)
    {
        var server = await RunningServer.StartAsync(store.Location, configuration);
        _servers.Add(server);
        return server;
    }

    private static PageSession Client(RunningServer server, string? forwardedFor = null)
    {
        var session = new PageSession(server.Address);
        if (forwardedFor is not null) session.Headers.Add("X-Forwarded-For", forwardedFor);
        return session;
    }

    [GeneratedRegex("role=\"alert\">([^<]*)<")]
    private static partial Regex AlertPattern();

    private static async Task<(HttpStatusCode Status, string Message)> AnswerAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, AlertPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : "");
    }

    [Fact]
    public async Task Opening_the_sign_in_page_uses_up_no_attempts()
    {
        var server = await StartAsync();
        using var browser = Client(server);

        var opened = new List<HttpStatusCode>();
        for (var i = 0; i < Limit + 10; i++) opened.Add((await browser.GetAsync("/account/login")).StatusCode);
        var signIn = await browser.SignInAsync("sy@example.org", Password);

        Assert.All(opened, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task Behind_a_known_proxy_each_client_address_has_its_own_attempts()
    {
        var server = await StartAsync("--ReverseProxy:KnownProxies:0=127.0.0.1");
        using var guesser = Client(server, "203.0.113.10");
        using var colleague = Client(server, "203.0.113.20");

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < Limit; i++) guesses.Add((await guesser.SignInAsync($"guess{i}@example.org", "wrong-password-1")).StatusCode);
        var overLimit = await guesser.SignInAsync("sy@example.org", Password);
        var other = await colleague.SignInAsync("sy@example.org", Password);

        Assert.All(guesses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, overLimit.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }

    [Fact]
    public async Task Without_a_configured_proxy_a_forwarded_address_is_ignored_and_cannot_escape_the_limit()
    {
        var server = await StartAsync();

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < Limit; i++)
        {
            using var forged = Client(server, $"198.51.100.{i + 1}");
            guesses.Add((await forged.SignInAsync($"guess{i}@example.org", "wrong-password-1")).StatusCode);
        }
        using var next = Client(server, "198.51.100.200");
        var overLimit = await next.SignInAsync("sy@example.org", Password);

        Assert.All(guesses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, overLimit.StatusCode);
    }

    [Fact]
    public async Task A_locked_account_and_an_unknown_e_mail_get_the_same_answer()
    {
        var server = await StartAsync();
        using var browser = Client(server);

        var unknown = await AnswerAsync(await browser.SignInAsync("nobody@example.org", "wrong-password-1"));
        var wrong = await AnswerAsync(await browser.SignInAsync("sy@example.org", "wrong-password-1"));
        for (var i = 0; i < 5; i++) await browser.SignInAsync("sy@example.org", "wrong-password-1");
        var locked = await AnswerAsync(await browser.SignInAsync("sy@example.org", "wrong-password-1"));
        var lockedRightPassword = await AnswerAsync(await browser.SignInAsync("sy@example.org", Password));

        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.NotEqual("", unknown.Message);
        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, locked);
        Assert.Equal(unknown, lockedRightPassword);
    }
}

public sealed class SignInLimitsOnSqlite() : SignInLimitsSpec(new SqliteTestStore());

public sealed class SignInLimitsOnPostgres() : SignInLimitsSpec(new PostgresTestStore());
