using Gaoxin.Core.Formulas;
using Gaoxin.Core.Plans;
using Gaoxin.Core.Zones;

namespace Gaoxin.Core.Monitoring;

/// <summary>How the platform measures one of the plan's measures, or nothing when it has no data source yet.</summary>
/// <param name="Measure">The measure code the plan's targets use.</param>
/// <param name="FormulaText">A formula over data elements, as written; null for a registry measure.</param>
/// <param name="Formula">The parsed formula, or null.</param>
/// <param name="SinceBase">For a cumulative measure: the formula's value in year t minus its value in the plan's base year.</param>
/// <param name="Registry">A count taken from the zone registry (see <see cref="RegistryMeasures"/>), or null.</param>
/// <param name="Note">What the figure stands for, and where it is a proxy.</param>
/// <param name="Items">A registry type (e.g. <c>alliance</c>) whose approved items founded after the base year are counted, or null.</param>
/// <param name="InPeriod">For a cumulative measure over a yearly flow (e.g. <c>talents_new</c>, 当年引进高端人才数): the sum of the
/// formula's values over the years after the plan's base year up to year t — every item added in the plan period, whatever
/// closed meanwhile (see <see cref="MeasureCalculator"/>).</param>
public sealed record MeasureDefinition(string Measure, string? FormulaText, Formula? Formula, bool SinceBase, string? Registry, string? Note, string? Items = null,
    bool InPeriod = false);

/// <summary>A zone's place on the map (approximate: the city it lies in).</summary>
public sealed record ZoneLocation(string Zone, decimal Latitude, decimal Longitude);

/// <summary>How a plan is monitored: its measures and the zones' locations.</summary>
public sealed record MonitoringDefinition(string Plan, IReadOnlyList<MeasureDefinition> Measures, IReadOnlyList<ZoneLocation> Locations)
{
    /// <summary>The definition of a measure, or null when the platform has no data source for it.</summary>
    public MeasureDefinition? Find(string measure) => Measures.FirstOrDefault(m => m.Measure == measure);
}

/// <summary>Reads a monitoring file (YAML) with located errors.</summary>
public static class MonitoringParser
{
    /// <summary>Reads a monitoring file; formulas may only read known elements and registry names must be known.</summary>
    public static (MonitoringDefinition? Definition, IReadOnlyList<DataFileError> Errors) Parse(string file, string yaml, IReadOnlySet<string> elements)
    {
        var errors = new ErrorSink(file);
        if (errors.LoadRoot(yaml, "plan, measures, locations") is not { } doc) return (null, errors.Errors);
        var plan = doc.String("plan");
        var measures = doc.List("measures", m =>
        {
            var code = m.String("measure");
            var text = m.String("formula", required: false);
            var registry = m.String("registry", required: false);
            var sinceBase = m.Bool("sinceBase", required: false) ?? false;
            var inPeriod = m.Bool("inPeriod", required: false) ?? false;
            var note = m.String("note", required: false);
            var items = m.String("items", required: false);
            Formula? formula = null;
            if (text is not null)
            {
                try
                {
                    formula = Formula.Parse(text);
                    foreach (var (element, _) in formula.Operands().Where(o => !elements.Contains(o.Element)))
                        m.Error("formula", "unknown_element", $"the formula reads '{element}', which is not a data element");
                }
                catch (FormulaException ex)
                {
                    m.Error("formula", "bad_formula", $"{ex.Message} at character {ex.Position + 1}");
                }
            }
            if (new[] { text, registry, items }.Count(x => x is not null) != 1)
                m.Error("formula", "missing_field", "a measure needs exactly one of 'formula', 'registry' or 'items'");
            if (sinceBase && inPeriod)
                m.Error("inPeriod", "conflict", "a measure is either a change since the base year ('sinceBase') or a total over the plan period ('inPeriod'), not both");
            if ((sinceBase || inPeriod) && text is null)
                m.Error(sinceBase ? "sinceBase" : "inPeriod", "conflict", "'sinceBase' and 'inPeriod' apply to a 'formula'");
            if (registry is not null && !RegistryMeasures.Names.Contains(registry))
                m.Error("registry", "unknown_value", $"'registry' must be one of {string.Join(", ", RegistryMeasures.Names)}");
            return code is null ? null : new MeasureDefinition(code, text, formula, sinceBase, registry, note, items, inPeriod);
        });
        var locations = doc.List("locations", l =>
        {
            var zone = l.String("zone");
            var lat = l.Decimal("lat");
            var lon = l.Decimal("lon");
            return zone is null || lat is null || lon is null ? null : new ZoneLocation(zone, lat.Value, lon.Value);
        }, required: false);
        doc.ReportUnknownKeys();
        foreach (var duplicate in measures.GroupBy(m => m.Measure).Where(g => g.Count() > 1))
            doc.Error("measures", "duplicate_id", $"the measure '{duplicate.Key}' is defined {duplicate.Count()} times");
        return errors.Errors.Count > 0 || plan is null ? (null, errors.Errors) : (new MonitoringDefinition(plan, measures, locations), errors.Errors);
    }
}

/// <summary>A zone as the registry knows it: its county (for county-level zones) and its history.</summary>
public sealed record RegistryZone(string Code, string? County, IReadOnlyList<ZoneEvent> Events);

/// <summary>Counts taken from the zone registry.</summary>
public static class RegistryMeasures
{
    /// <summary>Zones at provincial level or above, not delisted, at the end of the year.</summary>
    public const string ZonesProvincialOrAbove = "zones_provincial_or_above";
    /// <summary>Zones promoted to national level after the base year, up to the year.</summary>
    public const string PromotionsSinceBase = "promotions_since_base";
    /// <summary>Zones newly established after the base year, up to the year.</summary>
    public const string EstablishedSinceBase = "established_since_base";
    /// <summary>County-level zones newly established after the base year, up to the year.</summary>
    public const string CountyEstablishedSinceBase = "county_established_since_base";

    /// <summary>Every registry measure.</summary>
    public static readonly IReadOnlyList<string> Names = [ZonesProvincialOrAbove, PromotionsSinceBase, EstablishedSinceBase, CountyEstablishedSinceBase];

    /// <summary>The count for the year.</summary>
    public static decimal Count(string measure, IReadOnlyList<RegistryZone> zones, int baseYear, int year)
    {
        var end = new DateOnly(year, 12, 31);
        bool After(ZoneEvent e) => e.EffectiveOn.Year > baseYear && e.EffectiveOn <= end;
        return measure switch
        {
            ZonesProvincialOrAbove => zones.Count(z => ZoneHistory.StateOn(z.Events, end) is { Status: not ZoneStatus.Delisted }),
            PromotionsSinceBase => zones.Sum(z => z.Events.Count(e => e.Kind == ZoneEventKind.Promoted && After(e))),
            EstablishedSinceBase => zones.Sum(z => z.Events.Count(e => e.Kind == ZoneEventKind.Established && After(e))),
            CountyEstablishedSinceBase => zones.Where(z => z.County is not null).Sum(z => z.Events.Count(e => e.Kind == ZoneEventKind.Established && After(e))),
            _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, null),
        };
    }
}

/// <summary>Values of formula measures over approved figures.</summary>
public static class MeasureCalculator
{
    /// <summary>
    /// The measure over a set of zones: each zone-level element is summed over the zones (all of them must have reported it,
    /// never a partial sum); province-level elements are the province's own. Null when a figure is missing.
    /// </summary>
    /// <param name="measure">A formula measure.</param>
    /// <param name="zones">The zones in scope.</param>
    /// <param name="province">The province's reporting code.</param>
    /// <param name="provinceElements">Elements reported by the province only.</param>
    /// <param name="values">Approved value of (unit, element, year), or null.</param>
    /// <param name="year">The year.</param>
    /// <param name="baseYear">The plan's base year (for measures counted since then).</param>
    public static decimal? Aggregate(MeasureDefinition measure, IReadOnlyCollection<string> zones, string province, IReadOnlySet<string> provinceElements,
        Func<string, string, int, decimal?> values, int year, int baseYear)
    {
        decimal? At(int y) => measure.Formula!.Evaluate((element, lag) =>
        {
            if (provinceElements.Contains(element)) return values(province, element, y - lag);
            decimal sum = 0;
            foreach (var zone in zones)
            {
                if (values(zone, element, y - lag) is not { } v) return null;
                sum += v;
            }
            return zones.Count == 0 ? null : sum;
        });
        return Difference(measure, At, year, baseYear);
    }

    /// <summary>The measure for one zone.</summary>
    public static decimal? ForZone(MeasureDefinition measure, string zone, string province, IReadOnlySet<string> provinceElements,
        Func<string, string, int, decimal?> values, int year, int baseYear) =>
        Aggregate(measure, [zone], province, provinceElements, values, year, baseYear);

    private static decimal? Difference(MeasureDefinition measure, Func<int, decimal?> at, int year, int baseYear)
    {
        if (measure.InPeriod) return PeriodTotal(at, year, baseYear);
        if (!measure.SinceBase) return at(year);
        return at(year) is { } now && at(baseYear) is { } then ? now - then : null;
    }

    /// <summary>
    /// Gross additions in the plan period: the sum of a yearly flow over the years after <paramref name="baseYear"/> up to
    /// <paramref name="year"/> (0 up to the base year: nothing added yet); null when a year of the period has no figure, never
    /// a partial sum. Unlike a change of the standing count (<see cref="MeasureDefinition.SinceBase"/>), items closed in the
    /// period do not cancel items added: 新组建100个工程技术研究中心… counts what was set up.
    /// </summary>
    public static decimal? PeriodTotal(Func<int, decimal?> flow, int year, int baseYear)
    {
        decimal total = 0;
        for (var y = baseYear + 1; y <= year; y++)
        {
            if (flow(y) is not { } v) return null;
            total += v;
        }
        return total;
    }
}

/// <summary>
/// Targets every zone must meet (scope <c>each_zone</c>, e.g. 每个高新区引进或设立5家以上银行、保险或担保等金融机构): the one
/// figure shown for the province is the weakest zone's, and is labelled so, since the target holds only when it holds there.
/// </summary>
public static class EachZone
{
    /// <summary>The scope that asks a target of every zone.</summary>
    public const string Scope = "each_zone";

    /// <summary>Whether a target's province-level figure is the minimum over its zones.</summary>
    public static bool IsMinimumOverZones(string scope) => scope == Scope;

    /// <summary>The minimum over the zones' figures; null without zones or when a zone has no figure (never the minimum of the rest).</summary>
    public static decimal? Minimum(IEnumerable<decimal?> perZone)
    {
        decimal? least = null;
        foreach (var value in perZone)
        {
            if (value is not { } v) return null;
            least = least is { } l ? Math.Min(l, v) : v;
        }
        return least;
    }
}
