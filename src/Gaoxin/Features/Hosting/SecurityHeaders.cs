using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Gaoxin.Features.Hosting;

/// <summary>
/// The headers every answer carries: a Content-Security-Policy that runs only the server's own script files (no inline
/// script, no event-handler attributes, no framing), nosniff, no framing for older browsers, and a referrer kept on this site.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts and everything else from this server only. Inline <c>style</c> attributes stay allowed (the pages size bars
    /// and colour swatches with them); no inline script does.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference (<c>/scalar</c>) is the bundled Scalar page, which starts itself with an inline script: it alone
    /// may run inline script; it still cannot be framed.
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // Set when the answer starts, so that error pages written after an exception carry them too.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar") ? ApiReferencePolicy : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>
    /// The addresses of the reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed
    /// (<c>ReverseProxy:KnownProxies</c>, a list of IP addresses). None by default: then no forwarded header is read, and
    /// the client address is the connection's.
    /// </summary>
    public static IReadOnlyList<IPAddress> KnownProxies(IConfiguration configuration)
    {
        var section = configuration.GetSection("ReverseProxy:KnownProxies");
        var values = section.GetChildren().Select(c => c.Value).ToList();
        if (values.Count == 0 && section.Value is { } single) values = [.. single.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)];
        return values.OfType<string>().Select(v => IPAddress.TryParse(v.Trim(), out var address)
            ? address
            : throw new InvalidOperationException($"ReverseProxy:KnownProxies: '{v}' is not an IP address.")).ToList();
    }

    /// <summary>Reads the client's address and scheme from the known proxies' forwarded headers, and from no one else.</summary>
    public static IApplicationBuilder UseKnownProxies(this IApplicationBuilder app, IReadOnlyList<IPAddress> proxies)
    {
        // With no proxy configured the middleware is left out: given empty lists it would believe any sender.
        if (proxies.Count == 0) return app;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in proxies) options.KnownProxies.Add(proxy);
        return app.UseForwardedHeaders(options);
    }
}
