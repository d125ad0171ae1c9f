using System.Globalization;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Monitoring;
using Gaoxin.Data;
using Gaoxin.Data.Monitoring;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Plans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Monitoring;

/// <summary>/monitoring: one tile per plan target with its status and sparkline, a count by status, and a map of the zones.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Hosting.WebApp.StoreVersionedPage)]
public sealed class DashboardModel(GaoxinDb db, ReadCache cache, TimeProvider clock, Home.PortalMap map) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    /// <summary>The measure (or target id) the map shows.</summary>
    [BindProperty(SupportsGet = true)] public string? Measure { get; set; }

    public int ShownYear { get; private set; }
    /// <summary>True when no year was asked for and the page chose it.</summary>
    public bool DefaultYear { get; private set; }
    public PlanProgress Progress { get; private set; } = null!;
    public Dictionary<string, string> ZoneNames { get; private set; } = [];

    /// <summary>Targets with zone values, one per measure: the choices of the map.</summary>
    public List<TargetProgressRow> MapChoices { get; private set; } = [];

    /// <summary>
    /// Figures the plan tracks without a numeric target: each element derived from the technology contracts (the data set's
    /// <c>derived: contracts.…</c>), with every zone's figure in force for the year and its source.
    /// </summary>
    public List<(DataElement Element, Dictionary<string, Core.Figures.Figure> Zones)> Tracked { get; private set; } = [];
    public TargetProgressRow? MapRow { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        DefaultYear = Year is null;
        ShownYear = Year ?? await MonitoringPages.DefaultYearAsync(db, cache, clock, ct);
        var progress = await PlanProgressStore.CachedAsync(db, cache, PlanCommands.DefaultPlanId, GaoxinDatabase.BundleDirectory, ShownYear, ct);
        if (progress is null) return NotFound();
        Progress = progress;
        ZoneNames = await MonitoringPages.ZoneNamesAsync(db, ct);
        Zones = await ZoneRegistry.ListAsync(db, ct);
        var set = await Data.Collection.DataSetStore.GetAsync(db, ct);
        var tracked = set.Elements.Where(e => e.Contracts is not null).ToList();
        if (tracked.Count > 0)
        {
            var figures = await Data.Figures.FigureStore.InForceAsync(db, ShownYear, ShownYear, null, ct);
            Tracked = tracked.Select(e => (e, figures.Where(f => f.Value.Element == e.Code && f.Value.Unit != set.ProvinceCode).ToDictionary(f => f.Value.Unit))).ToList();
        }
        MapChoices = progress.Targets.Where(r => r.Zones.Values.Any(v => v is not null)).DistinctBy(r => r.Target.Measure).ToList();
        MapRow = MapChoices.FirstOrDefault(r => r.Target.Measure == Measure || r.Target.Id == Measure) ?? MapChoices.FirstOrDefault();
        return Page();
    }

    /// <summary>Targets counted by status, in the order of <see cref="MonitoringPages.Statuses"/>.</summary>
    public IEnumerable<(string Status, int Count)> Counts() =>
        MonitoringPages.Statuses.Select(s => (s, Progress.Targets.Count(r => r.Status() == s)));

    /// <summary>The sparkline of a tile: the series over the plan's years, and the target as a faint line.</summary>
    public object Sparkline(TargetProgressRow row) => new
    {
        points = row.Series.Select(p => new[] { p.Year, Math.Round(p.Value, 4) }),
        from = Progress.Plan.BaseYear,
        to = Math.Max(row.Target.Goal.Year, ShownYear),
        target = row.Target.Goal.Value,
        color = MonitoringPages.StatusColor(row.Status()),
    };

    /// <summary>
    /// The map: every zone of the plan at its point (the portal's zone locations, else the monitoring file's), coloured by the
    /// chosen measure's value in the year.
    /// </summary>
    public Home.GeoMapView GeoMap()
    {
        var row = MapRow!;
        var codes = Progress.Plan.Zones.Select(z => z.Code).ToHashSet();
        var fallback = Progress.Locations.ToDictionary(l => l.Zone, l => ((double)l.Longitude, (double)l.Latitude));
        var title = T(row.Target.Title, row.Target.TitleEn);
        return Home.GeoMapView.Of("zone-map", "zone-list", T($"{ShownYear} 年各高新区:{title}", $"{title}, each zone, {ShownYear}"), title, row.Target.Unit, map,
            Zones.Where(z => codes.Contains(z.Code) && (row.Zones.ContainsKey(z.Code) || fallback.ContainsKey(z.Code) || map.Locations.ContainsKey(z.Code))),
            row.Zones.ToDictionary(v => v.Key, v => v.Value is { } x ? Math.Round(x, 4) : (decimal?)null),
            code => $"/monitoring/zones/{code}?year={ShownYear}", fallback);
    }

    /// <summary>The zones of the registry (for the map's levels and cities), in registry order.</summary>
    public List<Data.Zones.ZoneSummary> Zones { get; private set; } = [];
}

/// <summary>What the monitoring pages share: the default year, zone names, status names and colours, number text and the status rule.</summary>
public static class MonitoringPages
{
    /// <summary>Every status, best first; the two without a figure last.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["achieved", "on_track", "at_risk", "off_track", "no_data", ProgressMapping.NoDataSource];

    /// <summary>
    /// The year a monitoring page shows when none is asked for: the newest year in which most measured targets have a
    /// figure (<see cref="PlanProgress.NewestCoveredYear"/>), looking back from the newest year with approved figures
    /// (else last year), which is also the answer when no year qualifies.
    /// </summary>
    public static async Task<int> DefaultYearAsync(GaoxinDb db, ReadCache cache, TimeProvider clock, CancellationToken ct) =>
        await cache.GetAsync(db, "monitoring:default-year", async (store, token) =>
        {
            var newest = await store.Reports.Where(r => r.State == ReportState.Approved).MaxAsync(r => (int?)r.Year, token) ?? clock.GetUtcNow().Year - 1;
            var progress = await PlanProgressStore.CachedAsync(store, cache, PlanCommands.DefaultPlanId, GaoxinDatabase.BundleDirectory, newest, token);
            return progress?.NewestCoveredYear() ?? newest;
        }, ct);

    /// <summary>The sentence that says which year a page shows and, when the page chose it, why.</summary>
    public static string ShownYearText(int year, bool chosen) => chosen
        ? T($"显示 {year} 年:多数目标已有数据的最近年份。可在上方选择其他年度。", $"Showing {year}: the newest year with figures for most targets. Choose another year above.")
        : T($"显示 {year} 年。", $"Showing {year}.");

    public static async Task<Dictionary<string, string>> ZoneNamesAsync(GaoxinDb db, CancellationToken ct) =>
        await ZoneRegistry.NamesAsync(db, z => T(z.Name, z.NameEn), ct);

    /// <summary>A zone's name without "高新区" / "High-tech Zone", for chart labels.</summary>
    public static string ShortName(string name) =>
        name.EndsWith("高新区", StringComparison.Ordinal) && name.Length > 3 ? name[..^3] : name.Replace(" High-tech Zone", "", StringComparison.Ordinal);

    public static string StatusLabel(string status) => status switch
    {
        "achieved" => T("达成", "achieved"),
        "on_track" => T("进度正常", "on track"),
        "at_risk" => T("存在风险", "at risk"),
        "off_track" => T("进度滞后", "off track"),
        "no_data" => T("暂无数据", "no data"),
        ProgressMapping.NoDataSource => T("暂无数据来源", "no data source"),
        "not_achieved" => T("尚未达成", "not yet achieved"),
        _ => status,
    };

    /// <summary>The colour of a status in charts (the same as monitoring.css).</summary>
    public static string StatusColor(string status) => status switch
    {
        "achieved" => "#1a7f37",
        "on_track" => "#0b5cad",
        "at_risk" => "#b7791f",
        "off_track" => "#c0392b",
        _ => "#8a96a3",
    };

    public static string Number(decimal? value) =>
        value is { } v ? Math.Round(v, Math.Abs(v) >= 100 ? 0 : 2).ToString("#,0.##", CultureInfo.InvariantCulture) : "—";

    /// <summary>The value of a row as a reader says it: "2.58 %", or why there is none.</summary>
    public static string ValueText(TargetProgressRow row) => row.Status() switch
    {
        ProgressMapping.NoDataSource => T("暂无数据来源", "no data source"),
        _ when row.Assessment?.Value is null => T("暂无数据", "no data"),
        // A target every zone must meet shows the weakest zone's figure, and says so.
        _ when row.MinimumOverZones => $"{Number(row.Assessment!.Value)} {UnitText(row.Target.Unit)} {T("(各高新区最小值)", "(minimum over the zones)")}",
        _ => $"{Number(row.Assessment!.Value)} {UnitText(row.Target.Unit)}",
    };

    /// <summary>Where the scope of a target lies, in words.</summary>
    public static string Scope(string scope, IReadOnlyDictionary<string, string> zoneNames) => scope switch
    {
        "zones" => T("全省高新区合计", "all zones together"),
        "province" => T("全省", "province"),
        "each_zone" => T("每个高新区(取最弱者)", "each zone (the weakest counts)"),
        "national_zones" => T("国家级高新区", "national zones"),
        "provincial_zones" => T("省级高新区", "provincial zones"),
        _ when scope.StartsWith("zone:", StringComparison.Ordinal) => zoneNames.GetValueOrDefault(scope[5..], scope[5..]),
        _ => scope,
    };

    /// <summary>The forecast in words: the trend at the target year and when it meets the target.</summary>
    public static string ForecastText(TargetProgressRow row)
    {
        if (row.Assessment?.Forecast is not { } f || f.Value is not { } value)
            return row.Measure is null ? "" : T("不足两年数据,暂不外推。", "Fewer than two years of figures: no forecast yet.");
        var unit = UnitText(row.Target.Unit);
        var trend = T($"按最小二乘线性趋势,{f.Year} 年约为 {Number(value)} {unit}", $"The least-squares trend gives {Number(value)} {unit} in {f.Year}");
        if (f.CrossingYear is not { } crossing)
            return trend + T(";按此趋势无法达到目标。", "; on this trend the target is not reached.");
        return trend + (crossing <= f.Year
            ? T($";趋势于 {crossing} 年达到目标,可按期完成。", $"; the trend meets the target in {crossing}, in time.")
            : T($";趋势要到 {crossing} 年才达到目标,比目标年晚 {crossing - f.Year} 年。", $"; the trend meets the target only in {crossing}, {crossing - f.Year} year(s) late."));
    }

    /// <summary>The status rule (docs/evaluation-model.md, "Plan targets"), in plain words, as list items.</summary>
    public static IReadOnlyList<(string Status, string Text)> Rule() =>
    [
        ("achieved", T("当年数值已满足目标(如“≥ 2.8%”即不低于 2.8%;“左右”指在目标值上下 10% 以内;区间目标指落在区间内)。",
                       "The year's value meets the target (\"≥ 2.8 %\" means at least 2.8 %; \"about\" means within 10 % of it; a range means inside it).")),
        ("on_track", T("尚未达成,但不低于规划路径。规划路径:从基期值到目标值按年平均推进,当年应达到的数值。",
                       "Not yet met, but at or above the planned path: the value the year should reach moving evenly from the baseline to the target.")),
        ("at_risk", T("低于规划路径,但差距不超过基期到目标距离的十分之一。",
                      "Below the path by no more than a tenth of the distance from the baseline to the target.")),
        ("off_track", T("落后规划路径更多;或目标值与基期值相同而尚未达成;或超出区间目标的上限。",
                        "Further behind the path; or not met while the target equals the baseline; or above the upper end of a range.")),
        ("no_data", T("该年还没有已审核通过的数据。", "No approved figure for that year yet.")),
        (ProgressMapping.NoDataSource, T("平台尚未采集衡量该目标的数据,不作判断,也不按零计。", "The platform collects nothing that measures it yet: not judged, and never counted as zero.")),
    ];

    public static string RuleFootnote() =>
        T("对要求下降的目标,以上比较方向相反。趋势外推采用有数据年份(两年及以上)的最小二乘线性趋势,并给出趋势达到目标的年份。",
          "For a target that asks a figure to fall, every comparison is mirrored. The forecast is the least-squares linear trend over the years with figures (two or more), with the year it meets the target.");

    public static string TaskStatusLabel(string status) => status switch
    {
        "not_started" => T("未开始", "not started"),
        "in_progress" => T("推进中", "in progress"),
        "done" => T("已完成", "done"),
        "delayed" => T("延期", "delayed"),
        _ => status,
    };
}
