using System.Net;
using System.Text.RegularExpressions;
using Gaoxin.Tests.Support;

namespace Gaoxin.Tests;

/// <summary>
/// What every answer tells the browser: a Content-Security-Policy that runs no inline script and allows no framing,
/// nosniff, X-Frame-Options and a Referrer-Policy; pages free of inline scripts and event-handler attributes; cookies
/// HttpOnly and SameSite, and Secure when the request came over HTTPS (here through a known proxy's X-Forwarded-Proto).
/// </summary>
public abstract partial class SecurityHeadersSpec(ITestStore store) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await Cli("demo", "seed")).ExitCode);
        Assert.Equal(0, (await Cli("users", "add", "--email", "office@example.org", "--role", "admin", "--password", Password)).ExitCode);
        _server = await RunningServer.StartAsync(store.Location, "--ReverseProxy:KnownProxies:0=127.0.0.1");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    [Theory]
    [InlineData("/")]
    [InlineData("/monitoring")]
    [InlineData("/api/zones")]
    [InlineData("/api/enterprises")]
    [InlineData("/css/site.css")]
    [InlineData("/no/such/page")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var response = await _server.Client.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scriptSrc);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [GeneratedRegex(@"<script\b(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[a-z][^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    [Fact]
    public async Task No_page_has_an_inline_script_or_an_event_handler_attribute()
    {
        using var office = new PageSession(_server.Address);
        Assert.Equal(HttpStatusCode.Redirect, (await office.SignInAsync("office@example.org", Password)).StatusCode);
        string[] pages =
        [
            "/", "/zones", "/zones/dalian", "/plans/liaoning-2017-2020", "/monitoring?year=2019", "/monitoring/report/2019", "/monitoring/targets/rd_intensity",
            "/monitoring/targets/rd_intensity/decompose", "/monitoring/zones/dalian", "/monitoring/tasks", "/evaluation", "/evaluation/models",
            "/registries", "/registries/clusters", "/registries/alliance", "/data", "/zones/dalian/data/2019", "/enterprises", "/enterprises/gazelles?year=2019",
            "/enterprises/pool", "/enterprises/self-assessment?example=true", "/enterprises/tech-sme", "/account/login", "/account/denied",
        ];

        var offending = new List<string>();
        foreach (var page in pages)
        {
            using var response = await office.GetAsync(page);
            // The denied page answers 403 by design; every other page is shown.
            Assert.True(response.StatusCode == (page == "/account/denied" ? HttpStatusCode.Forbidden : HttpStatusCode.OK), $"{page}: {response.StatusCode}");
            var html = await response.Content.ReadAsStringAsync();
            offending.AddRange(InlineScript().Matches(html).Concat(EventHandlerAttribute().Matches(html)).Select(m => $"{page}: {m.Value}"));
        }

        Assert.Empty(offending);
    }

    /// <summary>The Set-Cookie header of the cookie whose name starts with <paramref name="name"/>, lower-cased.</summary>
    private static string CookieOf(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.FirstOrDefault(c => c.StartsWith(name, StringComparison.Ordinal)) is { } cookie
            ? cookie.ToLowerInvariant()
            : throw new InvalidOperationException($"no {name} cookie set");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    /// <summary>Signs in by hand (cookies passed on as headers), as through a proxy that says the client's scheme was <paramref name="scheme"/>.</summary>
    private async Task<(string Antiforgery, string Auth, string Culture)> SignInCookiesAsync(string scheme)
    {
        using var client = TestHttp.Client(_server.Address, new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", scheme);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.5");
        using var form = await client.GetAsync("/account/login");
        var antiforgery = CookieOf(form, ".AspNetCore.Antiforgery.");
        var token = WebUtility.HtmlDecode(FormToken().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent([new("Email", "office@example.org"), new("Password", Password), new("__RequestVerificationToken", token)]),
        };
        post.Headers.Add("Cookie", form.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).Split(';')[0]);
        using var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        using var language = await client.GetAsync("/lang/en?returnUrl=/");
        return (antiforgery, CookieOf(signedIn, "gaoxin.auth="), CookieOf(language, ".AspNetCore.Culture="));
    }

    [Fact]
    public async Task Cookies_are_http_only_and_same_site_and_secure_when_the_request_came_over_https()
    {
        var plain = await SignInCookiesAsync("http");
        var tls = await SignInCookiesAsync("https");

        foreach (var cookie in new[] { plain.Antiforgery, plain.Auth, plain.Culture, tls.Antiforgery, tls.Auth, tls.Culture })
        {
            Assert.Contains("; httponly", cookie);
            Assert.Matches("; samesite=(lax|strict)", cookie);
        }
        Assert.Contains("; samesite=strict", plain.Antiforgery);
        Assert.All(new[] { plain.Antiforgery, plain.Auth, plain.Culture }, cookie => Assert.DoesNotContain("; secure", cookie));
        Assert.All(new[] { tls.Antiforgery, tls.Auth, tls.Culture }, cookie => Assert.Contains("; secure", cookie));
    }
}

public sealed class SecurityHeadersOnSqlite() : SecurityHeadersSpec(new SqliteTestStore());

public sealed class SecurityHeadersOnPostgres() : SecurityHeadersSpec(new PostgresTestStore());
