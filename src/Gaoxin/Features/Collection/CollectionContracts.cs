using Gaoxin.Core.Collection;
using Gaoxin.Data.Collection;
using Gaoxin.Features.Plans;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Collection;

public sealed record ElementResponse(string Code, string Name, string NameEn, string Unit, string Type, decimal? Min, decimal? Max, bool ProvinceLevel);

public sealed record ProblemResponse(string Severity, string Code, string File, string? Sheet, int Row, string? Column, string? Zone,
    string? Element, string? Value, string Message);

public sealed record ImportResponse(string BatchId, bool Applied, int ValuesRead, int ValuesChanged, IReadOnlyList<string> Reports, IReadOnlyList<ProblemResponse> Problems);

public sealed record ReportResponse(string Zone, int Year, string? State, int? Revision, bool IsDemo,
    IReadOnlyDictionary<string, decimal> Approved, IReadOnlyDictionary<string, decimal>? Draft,
    IReadOnlyDictionary<string, string?> Comments, string? DecisionComment, IReadOnlyList<ProblemResponse> Problems);

/// <summary>
/// Values to save (null removes one). <c>Expected</c> optionally gives, per element, the value the editor started from
/// (null: none); if another edit changed it since, nothing is saved and the answer is 409 <c>stale_values</c>.
/// </summary>
public sealed record ReportUpdateRequest(Dictionary<string, decimal?> Values, Dictionary<string, string?>? Comments, Dictionary<string, decimal?>? Expected = null);

public sealed record ReturnRequest(string Comment);

public sealed record AuditResponse(long Id, DateTimeOffset At, string Actor, string Via, string? BatchId, string Zone, int Year, int Revision,
    string Action, string? Element, decimal? OldValue, decimal? NewValue, string? Comment);

public sealed record CompletenessResponse(string Zone, string Name, string State, int Filled, int Expected, double Share, bool? OnTime, DateTimeOffset? SubmittedAt);

public static class CollectionMapping
{
    public static ElementResponse ToResponse(DataElement e) =>
        new(e.Code, e.Name, e.NameEn, e.Unit, e.Type.ToString().ToLowerInvariant(), e.Min, e.Max, e.ProvinceLevel);

    public static ProblemResponse ToResponse(this DataProblem p, bool english) =>
        new(p.Severity.ToString().ToLowerInvariant(), p.Code, p.File, p.Sheet, p.Row, p.Column, p.Unit, p.Element, p.Value, ProblemText.Describe(p, english));

    public static ImportResponse ToResponse(this ImportOutcome o, bool english) =>
        new(o.BatchId, o.Applied, o.ValuesRead, o.ValuesChanged, o.UnitYearsChanged, o.Problems.Select(p => p.ToResponse(english)).ToList());

    public static ReportResponse ToResponse(this ReportView v, bool english) =>
        new(v.Unit, v.Year, v.State is { } s ? PlanMapping.Wire(s) : null, v.Revision, v.IsDemo, Normalize(v.Approved),
            v.Open is null ? null : Normalize(v.Open), v.Comments, v.DecisionComment,
            v.Problems.Select(p => p.ToResponse(english)).ToList());

    public static AuditResponse ToResponse(this AuditRecord a) =>
        new(a.Id, a.At, a.Actor, a.Via, a.BatchId, a.UnitCode, a.Year, a.Revision, a.Action, a.ElementCode,
            Json.Normalize(a.OldValue), Json.Normalize(a.NewValue), a.Comment);

    /// <summary>Values as typed (5, not 5.0 or 5.000000 as the stores give them back).</summary>
    private static Dictionary<string, decimal> Normalize(IReadOnlyDictionary<string, decimal> values) =>
        values.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => Json.Normalize(kv.Value));

    public static CompletenessResponse ToResponse(this CompletenessRow r) =>
        new(r.Unit, r.Name, r.State, r.Filled, r.Expected, r.Expected == 0 ? 0 : Math.Round((double)r.Filled / r.Expected, 4), r.OnTime, r.SubmittedAt);
}
