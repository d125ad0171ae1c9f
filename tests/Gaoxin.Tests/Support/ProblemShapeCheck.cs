using System.Net.Http.Headers;
using System.Text.Json;

namespace Gaoxin.Tests.Support;

/// <summary>
/// Sits in every HTTP client the suites point at the server and holds the API to one error shape: a response of status 400
/// or more to an <c>/api</c> path must be <c>application/problem+json</c> with <c>type</c>, <c>title</c> and a <c>status</c>
/// equal to the response's. Anything else fails the test that made the request, naming the request and the body.
/// </summary>
public sealed class ProblemShapeCheck(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode < 400 || request.Method == HttpMethod.Head) return response;
        var path = response.RequestMessage?.RequestUri?.AbsolutePath ?? request.RequestUri?.AbsolutePath ?? "";
        if (!(path == "/api" || path.StartsWith("/api/", StringComparison.Ordinal))) return response;
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (Fault(response.Content.Headers.ContentType, body, (int)response.StatusCode) is { } fault)
            throw new ProblemShapeException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode} {fault}:\n{Shorten(body)}");
        return response;
    }

    /// <summary>What is wrong with an error response of the API, or null when it is a problem with type, title and status.</summary>
    public static string? Fault(MediaTypeHeaderValue? contentType, string body, int status)
    {
        if (contentType?.MediaType != "application/problem+json") return $"with content type '{contentType?.MediaType ?? "(none)"}', not application/problem+json";
        JsonElement problem;
        try { problem = JsonDocument.Parse(body).RootElement; }
        catch (JsonException e) { return $"with a body that is not JSON ({e.Message})"; }
        if (problem.ValueKind != JsonValueKind.Object) return "with a body that is not a JSON object";
        if (!problem.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() is not { Length: > 0 }) return "without a type";
        if (!problem.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String || title.GetString() is not { Length: > 0 }) return "without a title";
        if (!problem.TryGetProperty("status", out var s) || s.ValueKind != JsonValueKind.Number || s.GetInt32() != status) return "without its status";
        return null;
    }

    private static string Shorten(string body) => body.Length > 2000 ? body[..2000] + "…" : body;
}

/// <summary>An API error that is not problem+json.</summary>
public sealed class ProblemShapeException(string message) : Exception(message);

/// <summary>The HTTP clients of the suites, each with <see cref="ProblemShapeCheck"/> in front of its handler.</summary>
public static class TestHttp
{
    /// <summary>A client over <paramref name="handler"/> (a plain one by default) for <paramref name="address"/>.</summary>
    public static HttpClient Client(Uri? address = null, HttpMessageHandler? handler = null)
    {
        var client = new HttpClient(new ProblemShapeCheck(handler ?? new SocketsHttpHandler()));
        if (address is not null) client.BaseAddress = address;
        return client;
    }
}

public static class HttpClientSettings
{
    /// <summary>Sets the client's timeout and gives it back, for one-line construction.</summary>
    public static HttpClient WithTimeout(this HttpClient client, TimeSpan timeout)
    {
        client.Timeout = timeout;
        return client;
    }
}
