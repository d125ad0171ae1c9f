using Gaoxin.Core.Monitoring;
using Gaoxin.Data;
using Gaoxin.Data.Monitoring;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Plans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Monitoring;

/// <summary>/monitoring/targets/{id}: one target's figure beside the plan's words, its trajectory, its zones and its split.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Hosting.WebApp.StoreVersionedPage)]
public sealed class TargetModel(GaoxinDb db, ReadCache cache, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public int ShownYear { get; private set; }
    public PlanProgress Progress { get; private set; } = null!;
    public TargetProgressRow Row { get; private set; } = null!;
    public TargetDecompositionView Decomposition { get; private set; } = null!;
    public Dictionary<string, string> ZoneNames { get; private set; } = [];
    /// <summary>Each data element's name in the chosen language, by code, to read the measure's formula in words.</summary>
    public Dictionary<string, string> ElementNames { get; private set; } = [];
    public bool IsOffice { get; private set; }

    /// <summary>The zones of the breakdown, in the plan's order: those with a value, then those with only a zone target.</summary>
    public List<ZoneLine> Zones { get; private set; } = [];

    public sealed record ZoneLine(string Code, string Name, bool HasValue, decimal? Value, ZoneTargetRecord? Target);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        IsOffice = User.ToPrincipal() is { IsAdmin: true };
        ShownYear = Year ?? await MonitoringPages.DefaultYearAsync(db, cache, clock, ct);
        var progress = await PlanProgressStore.CachedAsync(db, cache, PlanCommands.DefaultPlanId, GaoxinDatabase.BundleDirectory, ShownYear, ct);
        if (progress?.Targets.FirstOrDefault(r => r.Target.Id == id) is not { } row) return NotFound();
        Progress = progress;
        Row = row;
        Decomposition = (await PlanTrackingStore.DecompositionsAsync(db, progress.Plan, ct)).First(d => d.TargetId == id);
        ZoneNames = await MonitoringPages.ZoneNamesAsync(db, ct);
        ElementNames = (await Gaoxin.Data.Collection.DataSetStore.GetAsync(db, ct)).Elements.ToDictionary(e => e.Code, e => T(e.Name, e.NameEn));
        var zoneTargets = Decomposition.Zones.ToDictionary(z => z.ZoneCode);
        Zones = progress.Plan.Zones.Select(z => z.Code)
            .Concat(zoneTargets.Keys.Where(k => progress.Plan.Zones.All(z => z.Code != k)))
            .Where(code => row.Zones.ContainsKey(code) || zoneTargets.ContainsKey(code))
            .Select(code => new ZoneLine(code, ZoneNames.GetValueOrDefault(code, code), row.Zones.ContainsKey(code),
                row.Zones.GetValueOrDefault(code), zoneTargets.GetValueOrDefault(code)))
            .ToList();
        return Page();
    }

    public string Status => Row.Status();

    /// <summary>How this target's status came about, with its own numbers.</summary>
    public string StatusReason()
    {
        var unit = Row.Target.Unit;
        var goal = Row.Target.Goal;
        if (Row.Assessment is not { } a)
            return Row.Measure is null
                ? T("平台尚无衡量该目标的数据,因此不作判断。", "The platform has no figure that measures this target, so it is not judged.")
                : T($"{ShownYear} 年及以前尚无已审核的数据。", $"No approved figures up to {ShownYear} yet.");
        var path = MonitoringPages.Number(a.Path);
        var margin = MonitoringPages.Number(TargetProgress.AtRiskMargin * Math.Abs(goal.Value - a.Baseline));
        var from = T($"规划路径从 {MonitoringPages.Number(a.Baseline)} {unit}({a.BaselineYear} 年)到 {MonitoringPages.Number(goal.Value)} {unit}({goal.Year} 年),{ShownYear} 年应达到 {path} {unit}",
                     $"The planned path runs from {MonitoringPages.Number(a.Baseline)} {unit} ({a.BaselineYear}) to {MonitoringPages.Number(goal.Value)} {unit} ({goal.Year}); in {ShownYear} it stands at {path} {unit}");
        if (a.Value is not { } value)
            return from + T($";{ShownYear} 年尚无数据。", $"; there is no figure for {ShownYear}.");
        var v = MonitoringPages.Number(value);
        var direction = a.Rising ? T("低于", "below") : T("高于", "above");
        return Status switch
        {
            "achieved" => T($"{ShownYear} 年数值 {v} {unit} 已满足目标 {goal.Describe(unit)}。", $"The {ShownYear} value {v} {unit} meets the target {goal.Describe(unit)}.") ,
            "on_track" => from + T($";当年数值 {v} {unit} 未{direction}路径,进度正常。", $"; the value {v} {unit} is not {direction} it: on track."),
            "at_risk" => from + T($";当年数值 {v} {unit} {direction}路径,但差距在 {margin} {unit}(基期到目标距离的十分之一)以内,存在风险。",
                                   $"; the value {v} {unit} is {direction} it, but by no more than {margin} {unit} (a tenth of the distance from baseline to target): at risk."),
            _ when goal.Max is { } max && value > max => T($"{ShownYear} 年数值 {v} {unit} 超出目标区间上限 {MonitoringPages.Number(max)} {unit}。", $"The {ShownYear} value {v} {unit} is above the range's upper end {MonitoringPages.Number(max)} {unit}."),
            _ when goal.Value == a.Baseline => T($"目标值与基期值相同,而 {ShownYear} 年数值 {v} {unit} 尚未达到。", $"The target equals the baseline, and the {ShownYear} value {v} {unit} does not meet it."),
            _ => from + T($";当年数值 {v} {unit} {direction}路径超过 {margin} {unit}(基期到目标距离的十分之一),进度滞后。",
                          $"; the value {v} {unit} is {direction} it by more than {margin} {unit} (a tenth of the distance from baseline to target): off track."),
        };
    }

    /// <summary>The trajectory chart: the measured series, the planned path, the least-squares trend and the target line.</summary>
    public object Trajectory()
    {
        var goal = Row.Target.Goal;
        var a = Row.Assessment;
        var crossing = a?.Forecast?.CrossingYear;
        var lastData = Row.Series.Count > 0 ? Row.Series.Max(p => p.Year) : ShownYear;
        // Show a late crossing when it is near enough to read, so the dotted trend visibly meets the target line.
        var end = Math.Max(Math.Max(goal.Year, lastData), crossing is { } c && c > goal.Year && c <= goal.Year + 6 ? c : goal.Year);
        var start = Math.Min(a?.BaselineYear ?? Progress.Plan.BaseYear, Row.Series.Count > 0 ? Row.Series.Min(p => p.Year) : Progress.Plan.BaseYear);
        return new
        {
            measured = Row.Series.Select(p => new[] { p.Year, Math.Round(p.Value, 4) }),
            path = a is null ? null : new[] { new[] { a.BaselineYear, Math.Round(a.Baseline, 4) }, new[] { goal.Year, goal.Value } },
            forecast = Trend(end),
            target = goal.Value,
            targetMax = goal.Max,
            from = start,
            to = end,
            unit = Row.Target.Unit,
            labels = new
            {
                measured = T("实际值", "measured"),
                path = T("规划路径", "planned path"),
                forecast = T("趋势外推", "trend"),
                target = T("目标", "target"),
            },
        };
    }

    /// <summary>The ordinary least-squares line through the series, from its first year to <paramref name="end"/>; null with fewer than two years.</summary>
    private decimal[][]? Trend(int end)
    {
        var s = Row.Series;
        if (s.Select(p => p.Year).Distinct().Count() < 2) return null;
        decimal mx = s.Average(p => (decimal)p.Year), my = s.Average(p => p.Value);
        var slope = s.Sum(p => (p.Year - mx) * (p.Value - my)) / s.Sum(p => (p.Year - mx) * (p.Year - mx));
        var first = s.Min(p => p.Year);
        return Enumerable.Range(first, Math.Max(1, end - first + 1))
            .Select(y => new[] { y, Math.Round(my + slope * (y - mx), 4) }).ToArray();
    }

    /// <summary>The zone bars: each zone's value (largest first), its zone target, and the province target as a reference for ratios.</summary>
    public object ZoneBars()
    {
        var lines = Zones.Where(z => z.Value is not null).OrderByDescending(z => z.Value).ToList();
        return new
        {
            names = lines.Select(z => MonitoringPages.ShortName(z.Name)),
            values = lines.Select(z => Math.Round(z.Value!.Value, 4)),
            targets = lines.Select(z => z.Target?.Value),
            reference = Decomposition.Additive ? (decimal?)null : Row.Target.Goal.Value,
            unit = Row.Target.Unit,
            labels = new { value = T($"{ShownYear} 年数值", $"{ShownYear} value"), target = T("本区目标", "zone target"), reference = T("全省目标", "province target") },
        };
    }

    /// <summary>The warning of a split that does not add up, or null.</summary>
    public string? DecompositionWarning()
    {
        if (Decomposition is not { Additive: true, AddsUp: false, Sum: { } sum, Gap: { } gap }) return null;
        var unit = Row.Target.Unit;
        var goal = MonitoringPages.Number(Row.Target.Goal.Value);
        var abs = MonitoringPages.Number(Math.Abs(gap));
        var signed = (gap > 0 ? "+" : "-") + abs;
        return gap < 0
            ? T($"分解到各区的目标合计 {MonitoringPages.Number(sum)} {unit},少于全省目标 {goal} {unit}:还差 {abs} {unit}(差额 {signed})。",
                $"The zone targets add up to {MonitoringPages.Number(sum)} {unit}, short of the province target {goal} {unit} by {abs} {unit} (gap {signed}).")
            : T($"分解到各区的目标合计 {MonitoringPages.Number(sum)} {unit},多于全省目标 {goal} {unit}:多出 {abs} {unit}(差额 {signed})。",
                $"The zone targets add up to {MonitoringPages.Number(sum)} {unit}, over the province target {goal} {unit} by {abs} {unit} (gap {signed}).");
    }
}
