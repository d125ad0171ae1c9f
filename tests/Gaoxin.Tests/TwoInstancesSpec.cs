using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gaoxin.Tests.Support;

namespace Gaoxin.Tests;

/// <summary>
/// Two <c>gaoxin serve</c> processes on one PostgreSQL database, as behind a reverse proxy without sticky sessions.
/// Each runs with a home folder of its own, as on two machines; they share nothing but the database.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public const string Password = "Gaoxin-Test-1";
    public const string Office = "office@example.org";
    public const string Shenyang = "sy@example.org";

    public PostgresTestStore Store { get; } = new();
    public ServeProcess A { get; private set; } = null!;
    public ServeProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The CLI creates and migrates the store first, as an operator does before starting the servers.
        Assert.Equal(0, (await Cli("users", "add", "--email", Office, "--role", "admin", "--password", Password)).ExitCode);
        Assert.Equal(0, (await Cli("users", "add", "--email", Shenyang, "--role", "zone_operator", "--zone", "shenyang", "--password", Password)).ExitCode);
        A = await ServeProcess.StartAsync(Store.DbArgument);
        B = await ServeProcess.StartAsync(Store.DbArgument);
    }

    public async Task DisposeAsync()
    {
        if (A is not null) await A.DisposeAsync();
        if (B is not null) await B.DisposeAsync();
        await Store.DisposeAsync();
    }

    public Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", Store.DbArgument]);
}

/// <summary>
/// What a deployment of several servers on one PostgreSQL needs: a user may land on either instance at any request (the
/// two share one fixture; each test uses data of its own).
/// </summary>
public sealed partial class TwoInstancesOnOnePostgres(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private const string Password = TwoInstances.Password;
    private const string Office = TwoInstances.Office;
    private const string Shenyang = TwoInstances.Shenyang;
    private const string TokenOnly = "/api/reports/completeness?year=2019";

    private ServeProcess A => instances.A;

    private ServeProcess B => instances.B;

    private Task<CliResult> Cli(params string[] args) => instances.Cli(args);

    private async Task<HttpClient> TokenClientAsync(string email, string name = "api")
    {
        var made = await Cli("users", "token", "--email", email, "--name", name);
        Assert.True(made.ExitCode == 0, made.Error);
        var client = TestHttp.Client();
        client.DefaultRequestHeaders.Authorization = new("Bearer", made.Output.Trim());
        return client;
    }

    private static Uri On(ServeProcess instance, string path) => new(instance.Address, path);

    [Fact]
    public async Task A_sign_in_made_on_one_instance_is_honoured_by_the_other_and_so_is_a_form_the_first_one_served()
    {
        const string Name = "辽宁省集成电路装备产业技术创新联盟";
        using var office = new Browser();
        using var shenyang = new Browser();

        var officeSignIn = await office.SignInAsync(On(A, "/account/login"), Office);
        var officeOnB = await office.GetStringAsync(On(B, "/registries/alliance"));
        var shenyangSignIn = await shenyang.SignInAsync(On(A, "/account/login"), Shenyang);
        // The add form is served by A, with A's anti-forgery token; the proxy sends the post to B.
        var token = await shenyang.TokenAsync(On(A, "/registries/alliance"));
        var added = await shenyang.PostAsync(On(B, "/registries/alliance?handler=Add"), token,
            [new("name", Name), new("zone", "shenyang"), new("founded", "2019-04-01")]);
        var noticeOnA = await shenyang.GetStringAsync(On(A, "/registries/alliance"));
        var pendingForOfficeOnA = await office.GetStringAsync(On(A, "/registries/alliance"));

        Assert.Equal(HttpStatusCode.Redirect, officeSignIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, shenyangSignIn.StatusCode);
        Assert.Contains(Office, officeOnB);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        // The notice B left in its (protected) temp-data cookie is read by A.
        Assert.Contains("已提交,待省高新区办公室审核后计入名录。", noticeOnA);
        Assert.Contains(Name, pendingForOfficeOnA);
    }

    [Fact]
    public async Task A_registry_item_approved_on_one_instance_shows_at_once_on_the_others_cached_page_and_in_its_api()
    {
        const string Name = "沈阳机器人产业技术创新联盟";
        using var shenyangOnA = await TokenClientAsync(Shenyang);
        using var officeOnA = await TokenClientAsync(Office);
        using var anonymous = TestHttp.Client();
        var added = await shenyangOnA.PostAsJsonAsync(On(A, "/api/registries/alliance"), new { name = Name, zone = "shenyang", founded = "2018-05-20" });
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await anonymous.GetStringAsync(On(B, "/zones/shenyang"));
        var cachedOnB = await anonymous.GetAsync(On(B, "/zones/shenyang"));
        var apiOnBBefore = await anonymous.GetAsync(On(B, $"/api/registries/items/{id}"));

        var approved = await officeOnA.PostAsync(On(A, $"/api/registries/items/{id}/approve"), null);
        var pageOnB = await anonymous.GetStringAsync(On(B, "/zones/shenyang"));
        var apiOnB = await anonymous.GetAsync(On(B, $"/api/registries/items/{id}"));

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        // B answered the page before the approval from its output cache (an Age header), without the pending item.
        Assert.NotNull(cachedOnB.Headers.Age);
        Assert.DoesNotContain(Name, await cachedOnB.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, apiOnBBefore.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, approved.StatusCode);
        Assert.Contains(Name, pageOnB);
        Assert.Equal(HttpStatusCode.OK, apiOnB.StatusCode);
        Assert.Equal(Name, (await apiOnB.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("item").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_token_made_while_both_run_works_on_both_and_once_revoked_on_neither()
    {
        using var client = await TokenClientAsync(Shenyang, "both-instances");
        var onA = await client.GetAsync(On(A, TokenOnly));
        var onB = await client.GetAsync(On(B, TokenOnly));
        var id = JsonDocument.Parse((await Cli("users", "tokens", "--email", Shenyang, "--format", "json")).Output).RootElement
            .EnumerateArray().Single(t => t.GetProperty("name").GetString() == "both-instances").GetProperty("id").GetInt64();

        var revoked = await Cli("users", "revoke-token", "--id", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var revokedOnA = await client.GetAsync(On(A, TokenOnly));
        var revokedOnB = await client.GetAsync(On(B, TokenOnly));

        Assert.Equal(HttpStatusCode.OK, onA.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        Assert.True(revoked.ExitCode == 0, revoked.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, revokedOnA.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revokedOnB.StatusCode);
    }

    [Fact]
    public async Task A_policy_published_on_one_instance_is_found_by_the_others_search_within_seconds()
    {
        const string Title = "关于支持量子通信产业集聚发展的若干措施";
        const string Search = "/api/search?q=%E9%87%8F%E5%AD%90%E9%80%9A%E4%BF%A1&type=policy"; // q=量子通信
        using var officeOnA = await TokenClientAsync(Office, "search-publisher");
        using var anonymous = TestHttp.Client();
        var created = await officeOnA.PostAsJsonAsync(On(A, "/api/policies"), new { title = Title, zones = Array.Empty<string>(), level = "provincial",
            summary = "对量子通信企业给予研发补助。" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await officeOnA.PostAsync(On(A, $"/api/policies/{id}/submit"), null)).StatusCode);
        // B builds its index while the policy is still in review: it must not be found, and B now holds an index to keep fresh.
        var beforeOnB = await HitIdsAsync(anonymous, On(B, Search));

        var published = await officeOnA.PostAsJsonAsync(On(A, $"/api/policies/{id}/publish"), new { });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var afterOnB = await HitIdsAsync(anonymous, On(B, Search));
        while (!afterOnB.Contains(id!) && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(200);
            afterOnB = await HitIdsAsync(anonymous, On(B, Search));
        }

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain(id!, beforeOnB);
        Assert.Equal(HttpStatusCode.NoContent, published.StatusCode);
        Assert.Contains(id!, afterOnB);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"found after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task<List<string>> HitIdsAsync(HttpClient client, Uri search)
    {
        using var response = await client.GetAsync(search);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!).ToList();
    }

    /// <summary>
    /// One browser in front of the proxy: one cookie jar for both instances (cookies are kept per host, and both listen
    /// on 127.0.0.1), no redirects followed.
    /// </summary>
    private sealed partial class Browser : IDisposable
    {
        private readonly HttpClient _client = TestHttp.Client(null, new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });

        [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex TokenPattern();

        public async Task<string> GetStringAsync(Uri page) => await (await _client.GetAsync(page)).Content.ReadAsStringAsync();

        public async Task<string> TokenAsync(Uri page) =>
            TokenPattern().Match(await GetStringAsync(page)) is { Success: true } m
                ? WebUtility.HtmlDecode(m.Groups[1].Value)
                : throw new InvalidOperationException($"no form token on {page}");

        public Task<HttpResponseMessage> PostAsync(Uri action, string token, IEnumerable<KeyValuePair<string, string>> fields) =>
            _client.PostAsync(action, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));

        public async Task<HttpResponseMessage> SignInAsync(Uri login, string email) =>
            await PostAsync(login, await TokenAsync(login), [new("Email", email), new("Password", Password)]);

        public void Dispose() => _client.Dispose();
    }
}
