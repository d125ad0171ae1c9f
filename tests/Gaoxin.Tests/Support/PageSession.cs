using System.Net;
using System.Text.RegularExpressions;

namespace Gaoxin.Tests.Support;

/// <summary>A browser-like client for the pages: keeps cookies, and posts forms with their anti-forgery token.</summary>
public sealed partial class PageSession : IDisposable
{
    private readonly HttpClient _client;

    public PageSession(Uri address)
    {
        _client = TestHttp.Client(address, new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path);

    /// <summary>Headers sent with every request, e.g. the X-Forwarded-For a reverse proxy would add.</summary>
    public System.Net.Http.Headers.HttpRequestHeaders Headers => _client.DefaultRequestHeaders;

    /// <summary>Any request, with the session's cookies.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _client.SendAsync(request);

    public async Task<string> GetStringAsync(string path) => await (await _client.GetAsync(path)).Content.ReadAsStringAsync();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>The anti-forgery token of the first form on a page.</summary>
    public async Task<string> TokenAsync(string path)
    {
        var html = await GetStringAsync(path);
        return TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException($"no form token on {path}");
    }

    /// <summary>Posts a form as the page would, with the token taken from <paramref name="formPage"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await TokenAsync(formPage);
        return await _client.PostAsync(action, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    /// <summary>Posts a form with an anti-forgery token taken earlier (e.g. before the account was changed).</summary>
    public Task<HttpResponseMessage> PostFormWithTokenAsync(string action, string token, IEnumerable<KeyValuePair<string, string>> fields) =>
        _client.PostAsync(action, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));

    /// <summary>Posts a file upload form (multipart) as the page would, with the token taken from <paramref name="formPage"/>.</summary>
    public async Task<HttpResponseMessage> PostFileAsync(string formPage, string action, string field, string fileName, byte[] content)
    {
        var token = await TokenAsync(formPage);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(content), field, fileName },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        return await _client.PostAsync(action, form);
    }

    /// <summary>Posts a form without any anti-forgery token, as a forged cross-site request would.</summary>
    public Task<HttpResponseMessage> PostWithoutTokenAsync(string action, IEnumerable<KeyValuePair<string, string>> fields) =>
        _client.PostAsync(action, new FormUrlEncodedContent(fields));

    public async Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        await PostFormAsync("/account/login", "/account/login", [new("Email", email), new("Password", password)]);

    public void Dispose() => _client.Dispose();
}
