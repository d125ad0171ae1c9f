using System.Threading.RateLimiting;
using Gaoxin.Data;
using Gaoxin.Features.Home;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;

namespace Gaoxin.Features.OpenData;

/// <summary>
/// How much one client may ask of the open-data API: <see cref="PermitLimit"/> requests per fixed window of
/// <see cref="WindowSeconds"/> seconds, per client address (<c>OpenData:PermitLimit</c>, <c>OpenData:WindowSeconds</c>).
/// </summary>
public sealed record OpenDataLimits(int PermitLimit, int WindowSeconds)
{
    public static OpenDataLimits From(IConfiguration configuration)
    {
        var limits = new OpenDataLimits(configuration.GetValue("OpenData:PermitLimit", 60), configuration.GetValue("OpenData:WindowSeconds", 60));
        if (limits.PermitLimit < 1 || limits.WindowSeconds < 1)
            throw new InvalidOperationException("OpenData:PermitLimit and OpenData:WindowSeconds must be at least 1.");
        return limits;
    }
}

/// <summary>/api/open: the read-only public API of the open data — anonymous, GET only, any origin (CORS), rate limited.</summary>
public static class OpenDataApi
{
    /// <summary>The CORS policy of the group: any origin may read, nothing else.</summary>
    public const string CorsPolicy = "open-data";

    /// <summary>The rate-limit policy of the group.</summary>
    public const string RateLimit = "open-data";

    /// <summary>Reads the limits and adds the CORS policy of the group.</summary>
    public static OpenDataLimits AddOpenData(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = OpenDataLimits.From(configuration);
        services.AddSingleton(limits);
        services.AddCors(o => o.AddPolicy(CorsPolicy, p => p.AllowAnyOrigin().WithMethods("GET").AllowAnyHeader()));
        return limits;
    }

    /// <summary>The group's limiter: a fixed window per client address, no queue (past the limit: 429 with Retry-After).</summary>
    public static void AddOpenDataLimiter(this RateLimiterOptions options, OpenDataLimits limits) =>
        options.AddPolicy(RateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitLimit, Window = TimeSpan.FromSeconds(limits.WindowSeconds), QueueLimit = 0 }));

    public static void MapOpenDataApi(this RouteGroupBuilder api)
    {
        var open = api.MapGroup("/open").WithTags("Open data").AllowAnonymous().RequireCors(CorsPolicy).RequireRateLimiting(RateLimit);
        open.MapGet("/", Catalog).WithName("OpenDataCatalog").WithSummary("Every open dataset with its formats, data dictionary and the rate limit");
        open.MapGet("/{dataset}.{format}", Download).WithName("OpenDataDownload")
            .WithSummary("A dataset as csv, json or (figures only) jsonstat: approved figures, published evaluations and approved registry items only");
    }

    /// <summary>The answer of <c>GET /api/open</c>.</summary>
    public sealed record CatalogResponse(IReadOnlyList<DatasetResponse> Datasets, int PermitLimit, int WindowSeconds);

    public sealed record DatasetResponse(string Id, string Title, string TitleEn, IReadOnlyDictionary<string, string> Downloads, IReadOnlyList<OpenField> Fields);

    public static Ok<CatalogResponse> Catalog(OpenDataLimits limits) => TypedResults.Ok(new CatalogResponse(
        OpenDataCatalog.All.Select(d => new DatasetResponse(d.Id, d.Zh, d.En, d.Formats.ToDictionary(f => f, f => $"/api/open/{d.Id}.{f}"), d.Fields)).ToList(),
        limits.PermitLimit, limits.WindowSeconds));

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Download(string dataset, string format, GaoxinDb db, ReadCache cache,
        PortalMap map, TimeProvider clock, CancellationToken ct)
    {
        var set = OpenDataCatalog.All.FirstOrDefault(d => d.Id == dataset);
        if (set is null || !set.Formats.Contains(format))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No open dataset '{dataset}.{format}'.");
        // Built once per store version: any approval, publication or correction makes the next request rebuild it.
        var body = await cache.GetAsync(db, $"open-data:{dataset}.{format}", async (store, token) => format switch
        {
            "jsonstat" => await OpenDataCatalog.FiguresJsonStatAsync(store, clock, token),
            "csv" => OpenDataCatalog.Csv(set, await OpenDataCatalog.RowsAsync(set, store, map, token)),
            _ => OpenDataCatalog.JsonRows(set, await OpenDataCatalog.RowsAsync(set, store, map, token)),
        }, ct);
        return TypedResults.File(body, format == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8", $"gaoxin-{dataset}.{(format == "jsonstat" ? "jsonstat.json" : format)}");
    }
}
