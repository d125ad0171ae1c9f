using System.Data.Common;
using System.Text.Json;
using Gaoxin.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace Gaoxin.Features.Hosting;

/// <summary>What an operator watches: liveness, readiness and metrics.</summary>
public static class Operations
{
    /// <summary>The tag of the checks <c>/readyz</c> runs; <c>/healthz</c> runs none.</summary>
    public const string Ready = "ready";

    /// <summary>
    /// Health checks, and OpenTelemetry metrics when configured: <c>Telemetry:Prometheus=true</c> serves <c>/metrics</c>
    /// in the Prometheus text format; <c>Telemetry:OtlpEndpoint</c> pushes to an OpenTelemetry collector. Both are off by default.
    /// </summary>
    public static void AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [Ready]);

        var prometheus = builder.Configuration.GetValue<bool>("Telemetry:Prometheus");
        var otlp = builder.Configuration["Telemetry:OtlpEndpoint"];
        if (!prometheus && string.IsNullOrWhiteSpace(otlp)) return;
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            // Requests (http.server.request.duration and Kestrel's connections), and the platform's own meter.
            metrics.AddAspNetCoreInstrumentation().AddMeter(Telemetry.MeterName);
            if (prometheus) metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            if (!string.IsNullOrWhiteSpace(otlp))
                metrics.AddOtlpExporter(o =>
                {
                    o.Endpoint = new Uri(otlp);
                    o.Protocol = OtlpExportProtocol.HttpProtobuf;
                });
        });
    }

    /// <summary><c>/healthz</c> (the process answers), <c>/readyz</c> (the store answers and is migrated), and <c>/metrics</c> when configured.</summary>
    public static void MapOperations(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).ExcludeFromDescription().AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync }).ExcludeFromDescription().AllowAnonymous();
        if (app.Configuration.GetValue<bool>("Telemetry:Prometheus")) app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
    }

    /// <summary>The answer of a health endpoint.</summary>
    /// <param name="Status">Healthy or Unhealthy (the status code says the same: 200 or 503).</param>
    /// <param name="Checks">Each check run, with what it found.</param>
    public sealed record HealthResponse(string Status, IReadOnlyList<CheckResponse> Checks);

    /// <summary>One check of a health answer.</summary>
    public sealed record CheckResponse(string Name, string Status, string? Description);

    private static readonly JsonSerializerOptions HealthJson = new(JsonSerializerDefaults.Web);

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var answer = new HealthResponse(report.Status.ToString(),
            report.Entries.Select(e => new CheckResponse(e.Key, e.Value.Status.ToString(), e.Value.Description)).ToList());
        return context.Response.WriteAsync(JsonSerializer.Serialize(answer, HealthJson));
    }
}

/// <summary>Reports whether the store answers.</summary>
public sealed class DatabaseHealthCheck(GaoxinDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("the database answers")
            : HealthCheckResult.Unhealthy("the database does not answer");
}

/// <summary>Reports whether the store holds every migration of this build (another instance may not have applied them yet).</summary>
public sealed class MigrationsHealthCheck(GaoxinDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("every migration is applied")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending: {string.Join(", ", pending)}");
        }
        catch (DbException)
        {
            // The reason stays out of the answer (it may name the server); the database check says the store does not answer.
            return HealthCheckResult.Unhealthy("the migration history cannot be read");
        }
    }
}
