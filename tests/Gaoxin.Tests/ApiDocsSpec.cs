using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gaoxin.Tests.Support;

namespace Gaoxin.Tests;

/// <summary>
/// The OpenAPI document is complete: the personal-token scheme and which operations need it, the problem+json error answers,
/// the imports' request bodies and descriptions from the code's XML comments; and the reference at /scalar needs no other host.
/// </summary>
public sealed partial class ApiDocsSpec : IAsyncLifetime
{
    private readonly ITestStore _store = new SqliteTestStore();
    private RunningServer _server = null!;
    private JsonElement _document;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync(_store.Location);
        _document = JsonDocument.Parse(await _server.Client.GetStringAsync("/openapi/v1.json")).RootElement;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _store.DisposeAsync();
    }

    private JsonElement Operation(string path, string method) => _document.GetProperty("paths").GetProperty(path).GetProperty(method);

    private static IEnumerable<string> SchemesRequired(JsonElement operation) =>
        operation.TryGetProperty("security", out var security) ? security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)) : [];

    [Fact]
    public void The_document_declares_the_bearer_scheme()
    {
        var bearer = _document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");

        Assert.Equal(("http", "bearer"), (bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString()));
    }

    [Theory]
    [InlineData("/api/data/import", "post")]
    [InlineData("/api/cases", "get")]
    [InlineData("/api/zones/{code}/data/{year}/approve", "post")]
    [InlineData("/api/enterprises/import", "post")]
    public void An_operation_that_needs_a_token_requires_the_bearer_scheme_and_answers_401_and_403_as_problems(string path, string method)
    {
        var operation = Operation(path, method);

        Assert.Contains("Bearer", SchemesRequired(operation));
        foreach (var status in new[] { "401", "403" })
            Assert.True(operation.GetProperty("responses").GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), $"{path} {status}");
    }

    [Theory]
    [InlineData("/api/zones", "get")]
    [InlineData("/api/zones/{code}/data/{year}", "get")]
    [InlineData("/api/open", "get")]
    [InlineData("/api/registries/{type}", "get")]
    public void An_anonymous_operation_requires_no_scheme_and_declares_no_401(string path, string method)
    {
        var operation = Operation(path, method);

        Assert.Empty(SchemesRequired(operation));
        Assert.False(operation.GetProperty("responses").TryGetProperty("401", out _));
    }

    [Theory]
    [InlineData("/api/zones/{code}/data/{year}/approve", "post", new[] { "404", "409", "422" })]
    [InlineData("/api/cases/{id}/steps", "post", new[] { "404", "409", "422" })]
    [InlineData("/api/data/import", "post", new[] { "413", "422" })]
    public void The_refusals_an_endpoint_declares_are_problem_responses(string path, string method, string[] statuses)
    {
        var responses = Operation(path, method).GetProperty("responses");

        foreach (var status in statuses)
        {
            var problem = responses.GetProperty(status).GetProperty("content").GetProperty("application/problem+json");
            Assert.Equal("#/components/schemas/Problem", problem.GetProperty("schema").GetProperty("$ref").GetString());
        }
        var schema = _document.GetProperty("components").GetProperty("schemas").GetProperty("Problem").GetProperty("properties");
        Assert.All(new[] { "type", "title", "status", "detail", "code", "zh", "en", "field", "location" }, p => Assert.True(schema.TryGetProperty(p, out _), p));
    }

    [Fact]
    public void The_imports_declare_their_request_bodies()
    {
        var data = Operation("/api/data/import", "post").GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data");
        var enterprises = Operation("/api/enterprises/import", "post").GetProperty("requestBody").GetProperty("content");
        var registry = Operation("/api/registries/{type}/import", "post").GetProperty("requestBody").GetProperty("content")
            .GetProperty("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").GetProperty("schema");

        Assert.Contains("\"file\"", data.GetProperty("schema").ToString());
        Assert.True(enterprises.TryGetProperty("multipart/form-data", out _));
        Assert.Equal(("string", "binary"), (registry.GetProperty("type").GetString(), registry.GetProperty("format").GetString()));
    }

    [Fact]
    public void Operations_are_described_from_the_xml_comments_and_keep_their_declared_summaries()
    {
        var certificate = Operation("/api/enterprises/{creditCode}/certificate", "put");

        // The handler's XML comment (EnterpriseApi.PutCertificate) lists the refusal codes.
        Assert.Contains("expires_before_issued", certificate.GetProperty("description").GetString());
        Assert.StartsWith("Enter an enterprise's high-tech enterprise certificate", certificate.GetProperty("summary").GetString());
    }

    [GeneratedRegex("""(?:src|href)\s*=\s*["']?(https?:)?//""")]
    private static partial Regex ExternalReference();

    [GeneratedRegex("""https?://(?!127\.0\.0\.1|localhost)[a-z0-9.-]+""")]
    private static partial Regex ExternalUrl();

    [Fact]
    public async Task The_api_reference_page_and_its_integration_script_name_no_other_host()
    {
        var html = await _server.Client.GetStringAsync("/scalar/");
        var scripts = Regex.Matches(html, """<script[^>]*src="([^"]+)""").Select(m => m.Groups[1].Value).ToList();
        var integration = await _server.Client.GetStringAsync("/scalar/scalar.aspnetcore.js");

        Assert.Contains("Gaoxin API", html);
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotMatch(ExternalUrl(), html);
        Assert.DoesNotMatch(ExternalUrl(), integration);
        // The default fonts (fetched from Scalar's CDN) are off: the page keeps the browser's own.
        Assert.Contains("\"withDefaultFonts\":false", html);
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            Assert.DoesNotMatch("^(https?:)?//", script);
            var response = await _server.Client.GetAsync(new Uri(new Uri(_server.Address, "/scalar/"), script));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
