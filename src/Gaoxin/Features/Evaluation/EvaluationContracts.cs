using System.Text.Json.Serialization;
using Gaoxin.Core.Evaluation;

namespace Gaoxin.Features.Evaluation;

// The wire form of an evaluation: printed by `gaoxin evaluate --format json`, served by /api/evaluations/{year}
// and kept as the run's record.

public sealed record IndicatorScoreResponse(decimal? Value, decimal Score);

public sealed record RankIntervalResponse(decimal Median, int P5, int P95, decimal LastShare);

/// <summary>One zone's result; <c>grade</c> is left out when the model has no grades.</summary>
public sealed record ZoneEvaluationResponse(
    string Zone, string Group, decimal Composite, int Rank, decimal Percentile,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Grade,
    IReadOnlyDictionary<string, decimal> Dimensions, IReadOnlyDictionary<string, IndicatorScoreResponse> Indicators,
    IReadOnlyList<string> Flags, IReadOnlyList<string> Missing,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RankIntervalResponse? RankInterval);

/// <summary>A year's result; <c>scale</c> says what the composite means (grades, provincial_relative_index or relative_index).</summary>
public sealed record EvaluationResponse(int Year, string Model, string? Scale, IReadOnlyList<ZoneEvaluationResponse> Zones)
{
    /// <summary>True when the composite is read against grade cut-offs (runs stored before the scale was kept are graded).</summary>
    [JsonIgnore] public bool Graded => Scale is null or EvaluationScales.Grades;
}

public sealed record OperandResponse(string Element, int Year, decimal? Value);

public sealed record IndicatorExplanationResponse(string Code, string Dimension, decimal? Value, IReadOnlyList<OperandResponse> Operands,
    decimal Score, decimal EffectiveWeight, decimal Contribution, decimal? GroupLow, decimal? GroupHigh);

/// <summary>A zone's explanation in a stored run (<c>/api/evaluations/{year}/{zone}</c>); <c>grade</c> and <c>passLine</c> are left out without grades.</summary>
public sealed record ZoneExplanationResponse(int Year, string Model, long Run, bool Published, string Zone, string Group, decimal Composite, int Rank,
    decimal Percentile, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Grade, IReadOnlyList<string> Flags,
    IReadOnlyList<IndicatorExplanationResponse> Indicators, IReadOnlyList<string> Strongest, IReadOnlyList<string> Weakest,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? PassLine);

public sealed record EvaluationRunResponse(long Id, int Year, string Model, int ModelVersion, string ModelHash, int Replications, int Seed,
    bool UsesDemoData, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? PublishedAt, string? PublishedBy, string? DocumentNumber);

public static class EvaluationMapping
{
    public static string Wire(Grade grade) => grade.ToString().ToLowerInvariant();

    public static string? Wire(Grade? grade) => grade is { } g ? Wire(g) : null;

    public static EvaluationResponse ToResponse(this EvaluationResult result) => new(
        result.Year, result.Model, result.Scale,
        result.Zones.Select(z => new ZoneEvaluationResponse(
            z.Zone, z.Group, z.Composite, z.Rank, z.Percentile, Wire(z.Grade),
            z.Dimensions.ToDictionary(d => d.Key, d => d.Value),
            z.Indicators.ToDictionary(i => i.Key, i => new IndicatorScoreResponse(i.Value.Value, i.Value.Score)),
            z.Flags, z.Missing,
            z.Interval is { } r ? new RankIntervalResponse(r.Median, r.P5, r.P95, r.LastShare) : null)).ToList());

    public static ZoneExplanationResponse ToResponse(this ZoneExplanation e, Data.Evaluation.EvaluationRunRecord run) => new(
        e.Year, e.Model, run.Id, run.PublishedAt is not null, e.Result.Zone, e.Result.Group, e.Result.Composite, e.Result.Rank,
        e.Result.Percentile, Wire(e.Result.Grade), e.Result.Flags,
        e.Indicators.Select(i => new IndicatorExplanationResponse(i.Code, i.Dimension, i.Value,
            i.Operands.Select(o => new OperandResponse(o.Element, o.Year, o.Value)).ToList(), i.Score, i.EffectiveWeight, i.Contribution,
            i.GroupLow, i.GroupHigh)).ToList(),
        e.Strongest, e.Weakest, e.PassLine);

    public static EvaluationRunResponse ToResponse(this Data.Evaluation.EvaluationRunRecord r) => new(
        r.Id, r.Year, r.ModelId, r.ModelVersion, r.ModelHash, r.Replications, r.Seed, r.UsesDemoData, r.CreatedAt, r.CreatedBy, r.PublishedAt, r.PublishedBy, r.DocumentNumber);
}
