using System.Text;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Monitoring;
using Gaoxin.Core.Plans;
using Gaoxin.Core.Zones;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Figures;
using Gaoxin.Data.Plans;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Monitoring;

/// <summary>One target's progress in a year.</summary>
/// <param name="Target">The plan's target.</param>
/// <param name="Measure">How it is measured, or null when the platform has no data source for it.</param>
/// <param name="Assessment">Status, value, path and forecast; null without a data source, or without any figure yet.</param>
/// <param name="Series">The measured values from the base year to the assessed year.</param>
/// <param name="Zones">The value of each zone in scope (for zone-level measures), by zone code.</param>
/// <param name="UsesDemoData">True when any figure behind it is demo data.</param>
public sealed record TargetProgressRow(Target Target, MeasureDefinition? Measure, TargetAssessment? Assessment,
    IReadOnlyList<ProgressPoint> Series, IReadOnlyDictionary<string, decimal?> Zones, bool UsesDemoData)
{
    /// <summary>True when the value and series are the minimum over the zones (a target every zone must meet), not a total.</summary>
    public bool MinimumOverZones => EachZone.IsMinimumOverZones(Target.Scope);
}

/// <summary>A plan's progress in a year, target by target.</summary>
public sealed record PlanProgress(Plan Plan, int Year, IReadOnlyList<TargetProgressRow> Targets, IReadOnlyList<ZoneLocation> Locations)
{
    /// <summary>
    /// The newest year, from <see cref="Year"/> back to the base year, in which more than half of the targets with a data
    /// source have a figure; null when no year has. One zone's early report for a new year gives few targets a figure,
    /// so that year is not yet the one to show.
    /// </summary>
    public int? NewestCoveredYear()
    {
        var measured = Targets.Where(t => t.Measure is not null).ToList();
        for (var year = Year; year >= Plan.BaseYear; year--)
        {
            if (2 * measured.Count(t => t.Series.Any(p => p.Year == year)) > measured.Count) return year;
        }
        return null;
    }
}

/// <summary>Computes plan progress from approved figures and the zone registry.</summary>
public static class PlanProgressStore
{
    /// <summary>The monitoring file of a plan (<c>monitoring/PLAN.yaml</c> beside the executable), or an empty definition.</summary>
    /// <exception cref="PlanFileException">The file is invalid.</exception>
    public static MonitoringDefinition LoadMonitoring(string bundleDirectory, string planId, IReadOnlySet<string> elements)
    {
        var path = Path.Combine(bundleDirectory, "monitoring", planId + ".yaml");
        if (!File.Exists(path)) return new MonitoringDefinition(planId, [], []);
        var (definition, errors) = MonitoringParser.Parse(path, File.ReadAllText(path, Encoding.UTF8), elements);
        return definition ?? throw new PlanFileException(errors);
    }

    /// <summary>
    /// <see cref="ComputeAsync"/>'s result, kept while the store's version holds: the monitoring pages and the progress API
    /// read it on every request, and computing it reads every approved figure up to the year.
    /// </summary>
    public static Task<PlanProgress?> CachedAsync(GaoxinDb db, ReadCache cache, string planId, string bundleDirectory, int year, CancellationToken cancellationToken) =>
        cache.GetAsync(db, $"plan-progress:{bundleDirectory}:{planId}:{year}",
            (store, token) => ComputeAsync(store, planId, bundleDirectory, year, token), cancellationToken);

    public static async Task<PlanProgress?> ComputeAsync(GaoxinDb db, string planId, string bundleDirectory, int year, CancellationToken cancellationToken)
    {
        var plan = await PlanStore.GetAsync(db, planId, cancellationToken);
        if (plan is null) return null;
        var set = await DataSetStore.GetAsync(db, cancellationToken);
        var monitoring = LoadMonitoring(bundleDirectory, planId, set.Elements.Select(e => e.Code).ToHashSet());
        var provinceElements = set.Elements.Where(e => e.ProvinceLevel).Select(e => e.Code).ToHashSet();

        var reports = await db.Reports.AsNoTracking().Include(r => r.Values)
            .Where(r => r.State == ReportState.Approved && r.Year <= year).ToListAsync(cancellationToken);
        // The figures in force: registry counts and enterprise aggregates fill what an approved report left blank.
        var values = (await FigureStore.InForceAsync(db, int.MinValue, year, null, cancellationToken))
            .ToDictionary(v => (v.Value.Unit, v.Value.Element, v.Value.Year), v => v.Value.Value);
        var demoYears = reports.Where(r => r.IsDemo).Select(r => r.Year).ToHashSet();
        decimal? Lookup(string unit, string element, int y) => values.TryGetValue((unit, element, y), out var v) ? v : null;

        var registry = (await db.Zones.AsNoTracking().Include(z => z.Events).ToListAsync(cancellationToken))
            .Select(z => new RegistryZone(z.Code, z.County, z.Events.Select(e => e.ToEvent()).ToList())).ToList();
        var planZones = plan.Zones.Select(z => z.Code).ToList();

        // Zones in a target's scope in a year: the plan's zones still listed then (national/provincial by their level that year).
        IReadOnlyList<string> Scope(string scope, int y)
        {
            var end = new DateOnly(y, 12, 31);
            var states = registry.Where(z => planZones.Contains(z.Code))
                .Select(z => (z.Code, State: ZoneHistory.StateOn(z.Events, end)))
                .Where(z => z.State is { Status: not ZoneStatus.Delisted }).ToList();
            return scope switch
            {
                "national_zones" => states.Where(z => z.State!.Level == ZoneLevel.National).Select(z => z.Code).ToList(),
                "provincial_zones" => states.Where(z => z.State!.Level == ZoneLevel.Provincial).Select(z => z.Code).ToList(),
                _ when scope.StartsWith("zone:", StringComparison.Ordinal) => [scope[5..]],
                _ => states.Select(z => z.Code).ToList(),
            };
        }

        var foundings = new Dictionary<string, List<(string Zone, int Year)>>();
        foreach (var type in monitoring.Measures.Select(m => m.Items).OfType<string>().Distinct())
            foundings[type] = await Registries.RegistryStore.ApprovedFoundingsAsync(db, type, cancellationToken);
        // Approved registry items of a type founded after the base year, up to the year, in the given zones.
        decimal ItemsFounded(string type, IReadOnlyCollection<string> zones, int y) =>
            foundings[type].Count(f => f.Year > plan.BaseYear && f.Year <= y && zones.Contains(f.Zone));

        var rows = new List<TargetProgressRow>();
        foreach (var target in plan.Targets)
        {
            var measure = monitoring.Find(target.Measure);
            if (measure is null)
            {
                rows.Add(new TargetProgressRow(target, null, null, [], new Dictionary<string, decimal?>(), false));
                continue;
            }

            decimal? ValueIn(int y)
            {
                if (measure.Registry is { } name) return RegistryMeasures.Count(name, registry, plan.BaseYear, y);
                var zones = Scope(target.Scope, y);
                if (measure.Items is { } itemType)
                    return EachZone.IsMinimumOverZones(target.Scope)
                        ? EachZone.Minimum(zones.Select(z => (decimal?)ItemsFounded(itemType, [z], y)))
                        : ItemsFounded(itemType, zones, y);
                if (EachZone.IsMinimumOverZones(target.Scope))
                    return EachZone.Minimum(zones.Select(z => MeasureCalculator.ForZone(measure, z, set.ProvinceCode, provinceElements, Lookup, y, plan.BaseYear)));
                return MeasureCalculator.Aggregate(measure, zones, set.ProvinceCode, provinceElements, Lookup, y, plan.BaseYear);
            }

            var series = Enumerable.Range(plan.BaseYear, Math.Max(0, year - plan.BaseYear + 1))
                .Select(y => (Year: y, Value: ValueIn(y))).Where(p => p.Value is not null)
                .Select(p => new ProgressPoint(p.Year, p.Value!.Value)).ToList();
            var baseline = target.BaselineId is { } id && plan.FindBaseline(id) is { } b ? (b.Value, b.Year) : ((decimal, int)?)null;
            // Without any figure and without a baseline from the plan there is nothing to assess yet.
            var assessment = series.Count == 0 && baseline is null ? null : TargetProgress.Assess(target.Goal, baseline, plan.BaseYear, series, year);

            var zoneValues = new Dictionary<string, decimal?>();
            foreach (var zone in measure.Formula is not null || measure.Items is not null ? Scope(target.Scope, year) : [])
            {
                zoneValues[zone] = measure.Items is { } itemType
                    ? ItemsFounded(itemType, [zone], year)
                    : MeasureCalculator.ForZone(measure, zone, set.ProvinceCode, provinceElements, Lookup, year, plan.BaseYear);
            }
            rows.Add(new TargetProgressRow(target, measure, assessment, series, zoneValues,
                measure.Formula is not null && series.Any(p => demoYears.Contains(p.Year))));
        }
        return new PlanProgress(plan, year, rows, monitoring.Locations);
    }
}
