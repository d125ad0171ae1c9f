using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gaoxin.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Gaoxin.Tests;

/// <summary>
/// One error shape: every error of the API — the features' refusals and the framework's own (no token, a role that may not,
/// an unknown route, a wrong method or content type, a body that is not JSON, too large, too many requests, a fault) — is
/// RFC 9457 problem+json with a stable <c>type</c> and <c>code</c> and the message in both languages. The site's pages show
/// an error page instead, in the visitor's language, never JSON.
/// </summary>
public sealed class ProblemsSpec : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private readonly ITestStore _store = new SqliteTestStore();
    private RunningServer _server = null!;
    private HttpClient _office = null!;
    private HttpClient _firm = null!;

    public async Task InitializeAsync()
    {
        await Cli("users", "add", "--email", "office@example.org", "--role", "admin", "--password", Password);
        await Cli("users", "add", "--email", "firm@example.org", "--role", "enterprise", "--password", Password);
        _server = await RunningServer.StartAsync(_store.Location, "--OpenData:PermitLimit=2");
        _office = await _server.TokenClientAsync(_store, "office@example.org");
        _firm = await _server.TokenClientAsync(_store, "firm@example.org");
    }

    public async Task DisposeAsync()
    {
        _office.Dispose();
        _firm.Dispose();
        await _server.DisposeAsync();
        await _store.DisposeAsync();
    }

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", _store.DbArgument]);

    /// <summary>A client that follows no redirect, to see exactly what the server answers (and to ask for HTML).</summary>
    private HttpClient Raw() => TestHttp.Client(_server.Address, new HttpClientHandler { AllowAutoRedirect = false });

    /// <summary>The response is problem+json of the status with the code, its type URI, a title and both languages.</summary>
    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(ProblemShapeCheck.Fault(response.Content.Headers.ContentType, body, (int)status));
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal($"https://gaoxin.local/problems/{code}", problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("zh").GetString());
        Assert.Matches("^[\\x20-\\x7E‘’“”…]+$", problem.GetProperty("en").GetString());
        return problem;
    }

    [Fact]
    public async Task No_token_is_401_problem_json_with_the_bearer_challenge()
    {
        var response = await _server.Client.GetAsync("/api/cases");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task An_invalid_token_is_401_problem_json()
    {
        using var forged = TestHttp.Client(_server.Address);
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "gx_not-a-real-token");

        var response = await forged.GetAsync("/api/cases");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(ProblemShapeCheck.Fault(response.Content.Headers.ContentType, await response.Content.ReadAsStringAsync(), 401));
    }

    [Fact]
    public async Task A_role_that_may_not_is_403_problem_json()
    {
        await AssertProblemAsync(await _firm.GetAsync("/api/cases"), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task An_unknown_api_route_is_404_problem_json_even_when_the_client_asks_for_html()
    {
        using var raw = Raw();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/no-such-thing");
        request.Headers.Accept.ParseAdd("text/html");

        await AssertProblemAsync(await raw.SendAsync(request), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task An_unknown_id_is_404_problem_json_with_the_features_code()
    {
        var problem = await AssertProblemAsync(await _office.GetAsync("/api/zones/atlantis/data/2019"), HttpStatusCode.NotFound, "unknown_zone");

        Assert.Contains("atlantis", problem.GetProperty("en").GetString());
        Assert.Contains("atlantis", problem.GetProperty("zh").GetString());
    }

    [Theory]
    [InlineData("/api/investment-projects/999999", "unknown_project", "999999")]
    [InlineData("/api/news/999999", "unknown_news", "999999")]
    [InlineData("/api/registries/items/no-such-item", "unknown_registry_item", "no-such-item")]
    [InlineData("/api/zones/atlantis/counts", "unknown_zone", "atlantis")]
    [InlineData("/api/zones/atlantis/contact", "unknown_zone", "atlantis")]
    [InlineData("/api/panels/999999", "unknown_panel", "999999")]
    [InlineData("/api/market/demands/999999", "unknown_demand", "999999")]
    [InlineData("/api/market/achievements/999999", "unknown_achievement", "999999")]
    [InlineData("/api/market/matches?demand=999999", "unknown_demand", "999999")]
    [InlineData("/api/market/introductions/999999", "unknown_introduction", "999999")]
    [InlineData("/api/market/contracts/999999", "unknown_contract", "999999")]
    [InlineData("/api/applications/999999", "unknown_application", "999999")]
    [InlineData("/api/policies/no-such-policy", "unknown_policy", "no-such-policy")]
    [InlineData("/api/evaluations/1999", "unknown_evaluation", "1999")]
    [InlineData("/api/evaluations/1999/shenyang", "unknown_evaluation", "1999")]
    [InlineData("/api/imports/nosuchjob", "unknown_job", "nosuchjob")]
    [InlineData("/api/zones/atlantis", "unknown_zone", "atlantis")]
    [InlineData("/api/plans/no-such-plan", "unknown_plan", "no-such-plan")]
    [InlineData("/api/enterprises/91210100MA0NOSUCH1", "unknown_enterprise", "91210100MA0NOSUCH1")]
    public async Task Each_lookup_of_an_unknown_thing_says_what_was_not_found_in_both_languages(string url, string code, string what)
    {
        var problem = await AssertProblemAsync(await _office.GetAsync(url), HttpStatusCode.NotFound, code);

        Assert.Contains(what, problem.GetProperty("zh").GetString());
        Assert.Contains(what, problem.GetProperty("en").GetString());
        Assert.Equal(problem.GetProperty("zh").GetString(), problem.GetProperty("title").GetString());
        var english = await AssertProblemAsync(await _office.GetAsync(url + (url.Contains('?') ? "&" : "?") + "lang=en"), HttpStatusCode.NotFound, code);
        Assert.Equal(english.GetProperty("en").GetString(), english.GetProperty("title").GetString());
    }

    /// <summary>A 422 <c>validation_failed</c> naming the first refused field, with every field in <c>problems</c> (field, code, zh, en).</summary>
    private static async Task<JsonElement> AssertFieldsAsync(HttpResponseMessage response, string field, string fieldCode)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.False(problem.TryGetProperty("errors", out _));
        var fields = problem.GetProperty("problems").EnumerateArray().ToList();
        Assert.NotEmpty(fields);
        Assert.Equal(fields[0].GetProperty("field").GetString(), problem.GetProperty("field").GetString());
        var named = fields.FirstOrDefault(f => f.GetProperty("field").GetString() == field);
        Assert.True(named.ValueKind == JsonValueKind.Object, $"no field {field} in {problem}");
        Assert.Equal(fieldCode, named.GetProperty("code").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", named.GetProperty("zh").GetString());
        Assert.Matches("^[\\x20-\\x7E‘’“”…–]+$", named.GetProperty("en").GetString());
        Assert.Equal(named.GetProperty("zh").GetString(), named.GetProperty("message").GetString());
        return problem;
    }

    [Fact]
    public async Task Refused_fields_of_the_self_checks_pool_gazelles_and_contacts_are_422_validation_failed_with_each_field_located()
    {
        await AssertFieldsAsync(await _server.Client.PostAsync("/api/hte/assess", new StringContent("{}", Encoding.UTF8, "application/json")), "salesRevenue", "missing_field");
        await AssertFieldsAsync(await _server.Client.PostAsync("/api/tech-sme/assess", new StringContent("{}", Encoding.UTF8, "application/json")), "employees", "missing_field");
        await AssertFieldsAsync(await _office.GetAsync("/api/gazelles?year=2020&rules=no-such-rules"), "rules", "unknown_rule_set");
        await AssertFieldsAsync(await _office.PostAsJsonAsync("/api/pool", new { creditCode = "91210100MA0XXXXXX1", assessment = new { } }),
            "assessment", "unknown_assessment");
        var contact = await AssertFieldsAsync(await _office.PutAsJsonAsync("/api/zones/shenyang/contact", new { email = "not-an-address", website = "javascript:alert(1)" }),
            "email", "bad_email");
        Assert.Equal("email", contact.GetProperty("field").GetString());
        Assert.Equal("电子邮箱格式不正确。", contact.GetProperty("problems")[0].GetProperty("zh").GetString());
        Assert.Equal("The email is not an address.", contact.GetProperty("problems")[0].GetProperty("en").GetString());
        Assert.Equal("bad_website", contact.GetProperty("problems")[1].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Publishing_an_unknown_run_or_with_an_empty_document_number_is_a_typed_refusal()
    {
        var unknown = await AssertProblemAsync(await _office.PostAsync("/api/evaluations/runs/999999/publish", null), HttpStatusCode.NotFound, "run_not_found");
        Assert.Equal("没有该评价记录。", unknown.GetProperty("zh").GetString());
        Assert.Equal("There is no such run.", unknown.GetProperty("en").GetString());
        var model = await AssertProblemAsync(await _office.PostAsJsonAsync("/api/evaluations", new { year = 2019, model = "no-such-model" }), HttpStatusCode.NotFound, "unknown_model");
        Assert.Equal("model", model.GetProperty("field").GetString());
        Assert.Contains("no-such-model", model.GetProperty("zh").GetString());
    }

    [Fact]
    public async Task A_pool_step_on_an_unknown_enterprise_or_stage_is_a_typed_refusal_in_both_languages()
    {
        var unknown = await AssertProblemAsync(await _office.PostAsJsonAsync("/api/pool/91210100MA0XXXXXX1/move", new { to = "trained" }),
            HttpStatusCode.NotFound, "not_proposed");
        Assert.Equal("该企业尚未推荐入后备库。", unknown.GetProperty("zh").GetString());
        var stage = await AssertProblemAsync(await _office.PostAsJsonAsync("/api/pool/91210100MA0XXXXXX1/move", new { to = "moon" }),
            HttpStatusCode.UnprocessableEntity, "unknown_stage");
        Assert.Equal("to", stage.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_method_the_route_does_not_take_is_405_problem_json()
    {
        await AssertProblemAsync(await _office.DeleteAsync("/api/zones"), HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task A_body_of_the_wrong_content_type_is_415_problem_json()
    {
        var response = await _office.PutAsync("/api/zones/shenyang/data/2019", new StringContent("values=1", Encoding.UTF8, "text/plain"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task A_body_that_is_not_json_and_a_parameter_of_the_wrong_type_are_400_problem_json()
    {
        var badJson = await _office.PutAsync("/api/zones/shenyang/data/2019", new StringContent("{\"values\": {", Encoding.UTF8, "application/json"));
        var badParameter = await _office.GetAsync("/api/cases?year=last");

        await AssertProblemAsync(badJson, HttpStatusCode.BadRequest, "malformed_request");
        await AssertProblemAsync(badParameter, HttpStatusCode.BadRequest, "malformed_request");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_problem_json()
    {
        using var office = TestHttp.Client(_server.Address, new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(2) });
        office.DefaultRequestHeaders.Authorization = _office.DefaultRequestHeaders.Authorization;
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[25 * 1024 * 1024]), "file", "huge.csv" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/data/import") { Content = form };
        request.Headers.ExpectContinue = true;

        var response = await office.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(ProblemShapeCheck.Fault(response.Content.Headers.ContentType, await response.Content.ReadAsStringAsync(), 413));
    }

    [Fact]
    public async Task Too_many_requests_are_429_problem_json_with_retry_after()
    {
        HttpResponseMessage response;
        var attempts = 0;
        do response = await _server.Client.GetAsync("/api/open/");
        while (response.StatusCode != HttpStatusCode.TooManyRequests && ++attempts < 10);

        await AssertProblemAsync(response, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task An_import_refused_whole_is_422_problem_json_located_at_its_first_problem()
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes("zone,year,element,value\nshenyang,2019,gdp,lots\n")), "file", "figures.csv" },
        };

        var problem = await AssertProblemAsync(await _office.PostAsync("/api/data/import?wait=true", form), HttpStatusCode.UnprocessableEntity, "import_refused");

        var location = problem.GetProperty("location");
        Assert.Equal(("figures.csv", 2, "value"), (location.GetProperty("file").GetString(), location.GetProperty("row").GetInt32(), location.GetProperty("column").GetString()));
        Assert.Equal("not_a_number", problem.GetProperty("problems").EnumerateArray().Single().GetProperty("code").GetString());
        Assert.StartsWith("figures.csv 第2行 value列", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_state_conflict_is_409_and_the_title_follows_the_language()
    {
        await Cli("data", "import", WriteCsv("zone,year,element,value\nshenyang,2019,gdp,1\n"), "--approve");

        var twice = await _office.PostAsync("/api/zones/shenyang/data/2019/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var chinese = await AssertProblemAsync(twice, HttpStatusCode.Conflict, (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!);
        var english = await (await _office.PostAsync("/api/zones/shenyang/data/2019/approve?lang=en", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(chinese.GetProperty("zh").GetString(), chinese.GetProperty("title").GetString());
        Assert.Equal(english.GetProperty("en").GetString(), english.GetProperty("title").GetString());
    }

    private string WriteCsv(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"gaoxin-problems-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task A_fault_is_500_problem_json_on_the_api_and_an_error_page_on_the_site()
    {
        // A real fault: the audit and zone tables disappear under the running server.
        await using (var connection = new SqliteConnection($"Data Source={_store.DbArgument}"))
        {
            await connection.OpenAsync();
            await using var rename = connection.CreateCommand();
            rename.CommandText = "ALTER TABLE audit RENAME TO audit_gone; ALTER TABLE zones RENAME TO zones_gone;";
            await rename.ExecuteNonQueryAsync();
        }

        var api = await _office.GetAsync("/api/audit");
        using var raw = Raw();
        var page = await raw.GetAsync("/zones");
        var html = await page.Content.ReadAsStringAsync();

        var problem = await AssertProblemAsync(api, HttpStatusCode.InternalServerError, "server_error");
        Assert.DoesNotContain("audit_gone", problem.ToString());
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("id=\"error-page\"", html);
        Assert.Contains("服务器出错", html);
        Assert.DoesNotContain("zones_gone", html);
    }

    [Theory]
    [InlineData("/no-such-page", "", 404, "页面不存在", "返回首页", "zh-CN")]
    [InlineData("/no-such-page?lang=en", "", 404, "Page not found", "Back to the home page", "en")]
    [InlineData("/zones/atlantis", "", 404, "页面不存在", "返回首页", "zh-CN")]
    [InlineData("/error/500?lang=en", "", 500, "Server error", "Back to the home page", "en")]
    public async Task A_missing_page_or_a_fault_shows_an_html_page_in_the_visitors_language_with_the_layout_and_a_way_home(
        string path, string _, int status, string heading, string home, string lang)
    {
        using var raw = Raw();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");

        var response = await raw.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<html lang=\"{lang}\">", html);
        Assert.Contains("<header class=\"site\">", html);
        Assert.Contains(heading, html);
        Assert.Contains($"<a href=\"/\" id=\"error-home\">{home}</a>", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public async Task A_missing_page_asked_for_as_json_is_still_an_html_page()
    {
        using var raw = Raw();
        var response = await raw.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_forbidden_page_is_the_denied_page_in_the_visitors_language()
    {
        using var session = new PageSession(_server.Address);
        await session.SignInAsync("firm@example.org", Password);

        var refused = await session.GetAsync("/cases");
        var denied = await session.GetAsync(refused.Headers.Location!.OriginalString);
        var english = await session.GetAsync(refused.Headers.Location!.OriginalString + "&lang=en");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("无权访问", await denied.Content.ReadAsStringAsync());
        Assert.Contains("Not allowed", await english.Content.ReadAsStringAsync());
        Assert.Equal("text/html", denied.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void The_shape_check_fails_on_an_api_error_that_is_not_problem_json()
    {
        Assert.NotNull(ProblemShapeCheck.Fault(new MediaTypeHeaderValue("application/json"), "[{\"code\":\"x\"}]", 422));
        Assert.NotNull(ProblemShapeCheck.Fault(new MediaTypeHeaderValue("application/problem+json"), "{\"title\":\"t\",\"status\":422}", 422));
        Assert.NotNull(ProblemShapeCheck.Fault(new MediaTypeHeaderValue("application/problem+json"), "{\"type\":\"x\",\"title\":\"t\",\"status\":400}", 422));
        Assert.NotNull(ProblemShapeCheck.Fault(null, "", 404));
        Assert.Null(ProblemShapeCheck.Fault(new MediaTypeHeaderValue("application/problem+json"), "{\"type\":\"x\",\"title\":\"t\",\"status\":422}", 422));
    }
}
