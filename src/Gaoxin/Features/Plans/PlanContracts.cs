using Gaoxin.Core.Plans;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Plans;

// The plan's wire form, shared by `gaoxin plan show --format json` and GET /api/plans/{id}.

public sealed record SourceResponse(string Section, string Quote);

public sealed record PlanZoneResponse(
    string Code, string Name, string NameEn, string City, string? County, string Level, string Governance,
    IReadOnlyList<string> LeadingIndustries, decimal? AreaKm2, PlanZoneSources Sources);

public sealed record PlanZoneSources(SourceResponse? Level, SourceResponse? Governance, SourceResponse? LeadingIndustries);

public sealed record BaselineResponse(
    string Id, string Title, string TitleEn, decimal Value, string Unit, int Year, bool Approximate, SourceResponse Source);

public sealed record TargetBaselineResponse(string Id, decimal Value, int Year);

public sealed record TargetValueResponse(decimal Value, decimal? Max, int Year, string Comparator);

public sealed record TargetResponse(
    string Id, string Title, string TitleEn, string Measure, string Kind, TargetBaselineResponse? Baseline,
    TargetValueResponse Target, string Unit, string Scope, SourceResponse Source);

public sealed record TaskResponse(
    string Id, string Title, string TitleEn, string Kind, string? Zone, IReadOnlyList<string> Targets,
    SourceResponse Source, IReadOnlyList<TaskResponse> Children);

public sealed record PlanResponse(
    string Id, int Version, string Title, string TitleEn, int BaseYear, int TargetYear,
    IReadOnlyList<PlanZoneResponse> Zones, IReadOnlyList<BaselineResponse> Baselines,
    IReadOnlyList<TargetResponse> Targets, IReadOnlyList<TaskResponse> Tasks);

public sealed record PlanSummaryResponse(string Id, int Version, string Title, string TitleEn, int BaseYear, int TargetYear);

public static class PlanMapping
{
    public static PlanResponse ToResponse(this Plan plan) => new(
        plan.Id, plan.Version, plan.Title, plan.TitleEn, plan.BaseYear, plan.TargetYear,
        plan.Zones.Select(z => new PlanZoneResponse(
            z.Code, z.Name, z.NameEn, z.City, z.County, Wire(z.Level), Wire(z.Governance), z.LeadingIndustries,
            Json.Normalize(z.AreaKm2),
            new PlanZoneSources(Source(z.LevelSource), Source(z.GovernanceSource), Source(z.IndustriesSource)))).ToList(),
        plan.Baselines.Select(b => new BaselineResponse(
            b.Id, b.Title, b.TitleEn, Json.Normalize(b.Value), b.Unit, b.Year, b.Approximate, Source(b.Source)!)).ToList(),
        plan.Targets.Select(t => new TargetResponse(
            t.Id, t.Title, t.TitleEn, t.Measure, Wire(t.Kind),
            t.BaselineId is { } id && plan.FindBaseline(id) is { } b ? new TargetBaselineResponse(b.Id, Json.Normalize(b.Value), b.Year) : null,
            new TargetValueResponse(Json.Normalize(t.Goal.Value), Json.Normalize(t.Goal.Max), t.Goal.Year, Wire(t.Goal.Comparator)),
            t.Unit, t.Scope, Source(t.Source)!)).ToList(),
        plan.Tasks.Select(ToResponse).ToList());

    private static TaskResponse ToResponse(PlanTask task) => new(
        task.Id, task.Title, task.TitleEn, Wire(task.Kind), task.Zone, task.TargetIds, Source(task.Source)!,
        task.Children.Select(ToResponse).ToList());

    private static SourceResponse? Source(SourceRef? source) => source is null ? null : new SourceResponse(source.Section, source.Quote);

    public static string Wire(Enum value) => value switch
    {
        Comparator c => PlanParser.Comparators.First(p => p.Value == c).Key,
        _ => SnakeCase(value.ToString()),
    };

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>The target as a reader says it: "≥ 2.8 % (2020)".</summary>
    public static string Describe(this TargetValue goal, string unit)
    {
        var sign = goal.Comparator switch
        {
            Comparator.AtLeast => "≥ ",
            Comparator.AtMost => "≤ ",
            Comparator.About => "≈ ",
            _ => "",
        };
        var value = goal.Max is { } max ? $"{TextTable.Number(goal.Value)}–{TextTable.Number(max)}" : TextTable.Number(goal.Value);
        return $"{sign}{value} {Gaoxin.Features.Shared.Text.UnitText(unit)}";
    }
}
