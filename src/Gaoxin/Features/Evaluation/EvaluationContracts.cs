using System.Text.Json.Serialization;
using Gaoxin.Core.Evaluation;

namespace Gaoxin.Features.Evaluation;

// The wire form of an evaluation: printed by `gaoxin evaluate --format json`, served by /api/evaluations/{year}
// and kept as the run's record.

public sealed record IndicatorScoreResponse(decimal? Value, decimal Score);

public sealed record RankIntervalResponse(decimal Median, int P5, int P95, decimal LastShare);

public sealed record ZoneEvaluationResponse(
    string Zone, string Group, decimal Composite, int Rank, string Grade,
    IReadOnlyDictionary<string, decimal> Dimensions, IReadOnlyDictionary<string, IndicatorScoreResponse> Indicators,
    IReadOnlyList<string> Flags, IReadOnlyList<string> Missing,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RankIntervalResponse? RankInterval);

public sealed record EvaluationResponse(int Year, string Model, IReadOnlyList<ZoneEvaluationResponse> Zones);

public sealed record EvaluationRunResponse(long Id, int Year, string Model, int ModelVersion, string ModelHash, int Replications, int Seed,
    bool UsesDemoData, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? PublishedAt, string? PublishedBy);

public static class EvaluationMapping
{
    public static string Wire(Grade grade) => grade.ToString().ToLowerInvariant();

    public static EvaluationResponse ToResponse(this EvaluationResult result) => new(
        result.Year, result.Model,
        result.Zones.Select(z => new ZoneEvaluationResponse(
            z.Zone, z.Group, z.Composite, z.Rank, Wire(z.Grade),
            z.Dimensions.ToDictionary(d => d.Key, d => d.Value),
            z.Indicators.ToDictionary(i => i.Key, i => new IndicatorScoreResponse(i.Value.Value, i.Value.Score)),
            z.Flags, z.Missing,
            z.Interval is { } r ? new RankIntervalResponse(r.Median, r.P5, r.P95, r.LastShare) : null)).ToList());

    public static EvaluationRunResponse ToResponse(this Data.Evaluation.EvaluationRunRecord r) => new(
        r.Id, r.Year, r.ModelId, r.ModelVersion, r.ModelHash, r.Replications, r.Seed, r.UsesDemoData, r.CreatedAt, r.CreatedBy, r.PublishedAt, r.PublishedBy);
}
