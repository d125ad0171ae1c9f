using Gaoxin.Core.Monitoring;
using Gaoxin.Data.Monitoring;
using Gaoxin.Features.Plans;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Monitoring;

// The wire form of plan progress: `gaoxin plan progress --format json` and GET /api/plans/{id}/progress?year=Y.

public sealed record ForecastResponse(decimal? Value, int Year, int? CrossingYear);

public sealed record SeriesPointResponse(int Year, decimal Value);

public sealed record TargetProgressResponse(
    string Id, string Title, string TitleEn, string Measure, decimal? Value, string Status, ForecastResponse? Forecast,
    IReadOnlyDictionary<string, decimal?> Zones, TargetValueResponse Target, string Unit, string Scope, decimal? Path,
    decimal? Baseline, int? BaselineYear, IReadOnlyList<SeriesPointResponse> Series, string? DataSource, bool UsesDemoData, SourceResponse Source,
    string ValueBasis);

public sealed record PlanProgressResponse(string Plan, int Year, IReadOnlyList<TargetProgressResponse> Targets);

public static class ProgressMapping
{
    public const string NoDataSource = "no_data_source";

    /// <summary>What <c>value</c> and <c>series</c> stand for: <c>minimum_over_zones</c> for a target every zone must meet (the
    /// weakest zone's figure), else <c>scope_total</c> (the figure of the scope as a whole).</summary>
    public static string ValueBasis(this TargetProgressRow row) => row.MinimumOverZones ? "minimum_over_zones" : "scope_total";

    public static string Wire(TargetStatus status) => PlanMapping.Wire(status);

    public static string Status(this TargetProgressRow row) =>
        row.Assessment is { } a ? Wire(a.Status) : row.Measure is null ? NoDataSource : Wire(TargetStatus.NoData);

    public static PlanProgressResponse ToResponse(this PlanProgress progress) => new(
        progress.Plan.Id, progress.Year,
        progress.Targets.Select(row =>
        {
            var t = row.Target;
            var a = row.Assessment;
            return new TargetProgressResponse(
                t.Id, t.Title, t.TitleEn, t.Measure, Json.Normalize(a?.Value), row.Status(),
                a?.Forecast is { } f ? new ForecastResponse(Json.Normalize(f.Value), f.Year, f.CrossingYear) : null,
                row.Zones.ToDictionary(z => z.Key, z => Json.Normalize(z.Value)),
                new TargetValueResponse(Json.Normalize(t.Goal.Value), Json.Normalize(t.Goal.Max), t.Goal.Year, PlanMapping.Wire(t.Goal.Comparator)),
                t.Unit, t.Scope, Json.Normalize(a?.Path), Json.Normalize(a?.Baseline), a?.BaselineYear,
                row.Series.Select(p => new SeriesPointResponse(p.Year, Json.Normalize(p.Value))).ToList(),
                row.Measure?.Note, row.UsesDemoData, new SourceResponse(t.Source.Section, t.Source.Quote), row.ValueBasis());
        }).ToList());
}
