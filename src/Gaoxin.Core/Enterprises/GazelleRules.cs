using System.Runtime.CompilerServices;

namespace Gaoxin.Core.Enterprises;

/// <summary>What a gazelle scale route (规模效益) tests; wire names are the file's <c>test</c>.</summary>
public enum GazelleRouteTest
{
    /// <summary>Revenue of year t against a threshold (<c>revenue_level</c>), usually with an age limit.</summary>
    RevenueLevel,
    /// <summary>Compound annual revenue growth from t − years to t (<c>revenue_growth</c>).</summary>
    RevenueGrowth,
    /// <summary>Compound annual employee growth from t − years to t (<c>employee_growth</c>).</summary>
    EmployeeGrowth,
    /// <summary>Venture capital received in year t (<c>venture_capital</c>).</summary>
    VentureCapital,
}

/// <summary>One scale route of a gazelle rule set.</summary>
/// <param name="Id">Stable id, e.g. <c>young_large</c>.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Test">What the route tests.</param>
/// <param name="MaxAge">Oldest age (t − registration year) for which the route counts, or null for no limit.</param>
/// <param name="Threshold">
/// Revenue (万元) for <see cref="GazelleRouteTest.RevenueLevel"/>, the growth rate (0.20 = 20 %) for the growth tests, the
/// amount (万元) for <see cref="GazelleRouteTest.VentureCapital"/>.
/// </param>
/// <param name="Years">Span of a growth test (3: from t − 3 to t); 0 for the other tests.</param>
/// <param name="Base">Condition on the base-year value of a growth test (e.g. revenue &gt; 1,000万), or null.</param>
/// <param name="LastYearUp">A growth test also needs the value of t above that of t − 1.</param>
/// <param name="Source">Clause.</param>
public sealed record GazelleRoute(string Id, string Name, string NameEn, GazelleRouteTest Test, int? MaxAge, Bound Threshold, int Years,
    Bound? Base, bool LastYearUp, string Source);

/// <summary>The innovation threshold (创新门槛): Σ 科技活动经费 / Σ 营业收入 over the years t − (years − 1) .. t that have data.</summary>
/// <param name="Years">Window length (4: t − 3 .. t).</param>
/// <param name="Intensity">The intensity required.</param>
/// <param name="Source">Clause.</param>
public sealed record GazelleInnovationRule(int Years, Bound Intensity, string Source);

/// <summary>The unicorn rule (独角兽).</summary>
/// <param name="MaxAge">Oldest age, or null for no limit.</param>
/// <param name="Valuation">Valuation required, in million US dollars.</param>
/// <param name="Unlisted">Whether the enterprise must not be listed.</param>
/// <param name="Source">Clause.</param>
public sealed record UnicornRule(int? MaxAge, Bound Valuation, bool Unlisted, string Source);

/// <summary>Gazelle and unicorn rules as read from a file such as <c>rules/gazelle-liaoning-2021.yaml</c>.</summary>
/// <param name="Header">Identity, validity and source.</param>
/// <param name="MaxAge">Oldest age of a gazelle, or null.</param>
/// <param name="MaxAgeSource">Clause of the age limit.</param>
/// <param name="Routes">Scale routes (any one suffices), at most 32; a route's bit in <see cref="GazelleOutcome.Routes"/> is its index.</param>
/// <param name="Innovation">The innovation threshold.</param>
/// <param name="Unicorn">The unicorn rule.</param>
/// <param name="FirstDataYear">
/// The first data year the rule set judges when nobody names one (file key <c>firstDataYear</c>): the year of its
/// <c>effectiveFrom</c> unless the office writes another, e.g. to judge years before the document with it.
/// </param>
/// <param name="National">
/// The national standard (file key <c>national</c>): the national evaluation's indicator 5.5 (当年新晋瞪羚企业数) counts new
/// gazelles with it in every year, whatever rule set the province uses.
/// </param>
public sealed record GazelleRuleSet(RuleSetHeader Header, int? MaxAge, string MaxAgeSource, IReadOnlyList<GazelleRoute> Routes,
    GazelleInnovationRule Innovation, UnicornRule Unicorn, int? FirstDataYear = null, bool National = false) : EnterpriseRuleSet(Header)
{
    /// <summary>The first data year judged by default: <see cref="FirstDataYear"/>, else the year the rules came into force.</summary>
    public int FirstYearJudged => FirstDataYear ?? Header.EffectiveFrom.Year;

    /// <summary>The last data year judged by default: the year the rules ended, or null while they are in force.</summary>
    public int? LastYearJudged => Header.EffectiveTo?.Year;
}

/// <summary>
/// Which gazelle rule set judges each data year t. When the office names one (<see cref="Only"/>), it judges every year.
/// Otherwise (<see cref="ByYear"/>) a year is judged by a rule set whose data years cover it — from
/// <see cref="GazelleRuleSet.FirstYearJudged"/> to <see cref="GazelleRuleSet.LastYearJudged"/> — the default-marked one
/// where several do, else the one that started last; so a provincial rule is never applied to years before its document
/// unless the office says so in its file. A year before every rule set is judged by the earliest one (the Torch standard,
/// whose series the national reports began); a year in a gap or after every rule set ended, by the one that ended last.
/// The rule of t − 1 matters too: <c>new</c> in t compares with the classification of t − 1 under t − 1's own rule set.
/// </summary>
public sealed class GazelleRuleChoice
{
    private readonly IReadOnlyList<GazelleRuleSet> _sets;

    private GazelleRuleChoice(IReadOnlyList<GazelleRuleSet> sets, bool named)
    {
        if (sets.Count == 0) throw new ArgumentException("a gazelle rule choice needs at least one rule set", nameof(sets));
        _sets = sets;
        IsNamed = named;
    }

    /// <summary>One rule set for every year: the office's explicit choice.</summary>
    public static GazelleRuleChoice Only(GazelleRuleSet rules) => new([rules], named: true);

    /// <summary>Each year judged by the rule set whose data years cover it (see the class).</summary>
    public static GazelleRuleChoice ByYear(IEnumerable<GazelleRuleSet> sets) =>
        new(sets.OrderBy(s => s.FirstYearJudged).ThenBy(s => s.Header.Id, StringComparer.Ordinal).ToList(), named: false);

    /// <summary>Whether one named rule set judges every year.</summary>
    public bool IsNamed { get; }

    /// <summary>The rule sets the choice picks from, earliest first.</summary>
    public IReadOnlyList<GazelleRuleSet> Sets => _sets;

    /// <summary>The rule set that judges data year <paramref name="year"/>.</summary>
    public GazelleRuleSet For(int year)
    {
        if (_sets.Count == 1) return _sets[0];
        GazelleRuleSet? best = null;
        foreach (var s in _sets)
        {
            if (s.FirstYearJudged > year || s.LastYearJudged < year) continue;
            if (best is null || (s.Header.IsDefault && !best.Header.IsDefault)
                || (s.Header.IsDefault == best.Header.IsDefault && s.FirstYearJudged > best.FirstYearJudged)) best = s;
        }
        if (best is not null) return best;
        if (year < _sets[0].FirstYearJudged) return _sets[0];
        // A gap or after the end: the rule set that ended last before the year.
        return _sets.Where(s => s.LastYearJudged < year).MaxBy(s => s.LastYearJudged!.Value)!;
    }
}

/// <summary>What an enterprise is in a year; wire names <c>none|gazelle|unicorn</c>.</summary>
public enum GazelleKind : byte
{
    /// <summary>Neither.</summary>
    None,
    /// <summary>瞪羚企业.</summary>
    Gazelle,
    /// <summary>独角兽企业 (takes precedence when an enterprise is both).</summary>
    Unicorn,
}

/// <summary>The classification of one (enterprise, year) row.</summary>
/// <param name="Kind">Unicorn if it is one, else gazelle if it is one, else none.</param>
/// <param name="IsGazelle">Meets the gazelle rule (age, a scale route, the innovation threshold).</param>
/// <param name="IsUnicorn">Meets the unicorn rule.</param>
/// <param name="New">Is of <paramref name="Kind"/> this year but was not of that kind in t − 1 (a missing t − 1 row counts as not).</param>
/// <param name="Routes">Bit i set when scale route i of the rule set holds (with its own age limit), whether or not the enterprise is a gazelle.</param>
/// <param name="IntensityMet">The innovation threshold holds.</param>
public readonly record struct GazelleOutcome(GazelleKind Kind, bool IsGazelle, bool IsUnicorn, bool New, uint Routes, bool IntensityMet);

/// <summary>
/// A panel of enterprise-years as columns, rows sorted by enterprise then year (years strictly rising within an enterprise,
/// gaps allowed). Money in 万元, valuation in million US dollars; <see cref="double.NaN"/> marks a missing value.
/// </summary>
public readonly ref struct GazellePanel
{
    /// <summary>Wraps the columns; all must have the same length.</summary>
    /// <param name="enterprise">Enterprise key of each row (rows of one enterprise are contiguous).</param>
    /// <param name="year">Year t of each row.</param>
    /// <param name="registrationYear">Year of registration of the row's enterprise.</param>
    /// <param name="revenue">营业收入 of year t.</param>
    /// <param name="employees">从业人员 at t.</param>
    /// <param name="stExpense">科技活动经费 of year t.</param>
    /// <param name="vcReceived">Venture capital received in year t.</param>
    /// <param name="valuationUsdM">Latest valuation in million US dollars.</param>
    /// <param name="listed">Listed on a stock exchange at t.</param>
    public GazellePanel(ReadOnlySpan<int> enterprise, ReadOnlySpan<int> year, ReadOnlySpan<int> registrationYear, ReadOnlySpan<double> revenue,
        ReadOnlySpan<double> employees, ReadOnlySpan<double> stExpense, ReadOnlySpan<double> vcReceived, ReadOnlySpan<double> valuationUsdM,
        ReadOnlySpan<bool> listed)
    {
        var n = enterprise.Length;
        if (year.Length != n || registrationYear.Length != n || revenue.Length != n || employees.Length != n || stExpense.Length != n
            || vcReceived.Length != n || valuationUsdM.Length != n || listed.Length != n)
            throw new ArgumentException("every column of the panel must have the same length");
        Enterprise = enterprise;
        Year = year;
        RegistrationYear = registrationYear;
        Revenue = revenue;
        Employees = employees;
        StExpense = stExpense;
        VcReceived = vcReceived;
        ValuationUsdM = valuationUsdM;
        Listed = listed;
    }

    /// <summary>Number of rows.</summary>
    public int Length => Enterprise.Length;

    /// <summary>Enterprise key per row.</summary>
    public ReadOnlySpan<int> Enterprise { get; }

    /// <summary>Year per row.</summary>
    public ReadOnlySpan<int> Year { get; }

    /// <summary>Registration year per row.</summary>
    public ReadOnlySpan<int> RegistrationYear { get; }

    /// <summary>Revenue per row (万元).</summary>
    public ReadOnlySpan<double> Revenue { get; }

    /// <summary>Employees per row.</summary>
    public ReadOnlySpan<double> Employees { get; }

    /// <summary>科技活动经费 per row (万元).</summary>
    public ReadOnlySpan<double> StExpense { get; }

    /// <summary>Venture capital received per row (万元).</summary>
    public ReadOnlySpan<double> VcReceived { get; }

    /// <summary>Valuation per row (million US dollars).</summary>
    public ReadOnlySpan<double> ValuationUsdM { get; }

    /// <summary>Listed per row.</summary>
    public ReadOnlySpan<bool> Listed { get; }
}

/// <summary>One year of one enterprise for the per-enterprise API. Money in 万元; null = no data.</summary>
/// <param name="Revenue">营业收入.</param>
/// <param name="Employees">从业人员.</param>
/// <param name="StExpense">科技活动经费.</param>
/// <param name="VcReceived">Venture capital received in the year.</param>
/// <param name="ValuationUsdM">Latest valuation, million US dollars.</param>
/// <param name="Listed">Listed.</param>
public sealed record GazelleFigures(decimal? Revenue, decimal? Employees, decimal? StExpense, decimal? VcReceived, decimal? ValuationUsdM, bool Listed);

/// <summary>The classification of one year of one enterprise, with route ids.</summary>
/// <param name="Year">Year t.</param>
/// <param name="Age">t − registration year.</param>
/// <param name="Kind">none, gazelle or unicorn.</param>
/// <param name="Routes">Ids of the scale routes that hold.</param>
/// <param name="New">Not of this kind in t − 1.</param>
/// <param name="IsGazelle">Meets the gazelle rule.</param>
/// <param name="IsUnicorn">Meets the unicorn rule.</param>
/// <param name="IntensityMet">The innovation threshold holds.</param>
/// <param name="RuleSetId">The rule set that judged the year.</param>
public sealed record GazelleYearResult(int Year, int Age, GazelleKind Kind, IReadOnlyList<string> Routes, bool New, bool IsGazelle,
    bool IsUnicorn, bool IntensityMet, string RuleSetId = "");

/// <summary>
/// Identifies gazelles (瞪羚) and unicorns (独角兽) year by year, each year under the rule set a <see cref="GazelleRuleChoice"/>
/// gives it. The columnar <see cref="Classify"/> makes one pass over a sorted panel, looking back at most a few rows per row,
/// and allocates nothing; thresholds are prepared once here, per rule set, and a row finds its year's by one array index.
/// Comparisons at exact thresholds allow a relative 1e-12 for binary rounding, so that growth of exactly 20 % counts as 20 %.
/// </summary>
public sealed class GazelleClassifier
{
    private const double Tolerance = 1e-12;
    private readonly GazelleRuleChoice _choice;
    // The prepared rule set of each year from _lowYear to _highYear; years outside take the nearest end (the choice is
    // constant before every rule set's first year and after every boundary).
    private readonly Prepared[] _byYear;
    private readonly int _lowYear;
    private readonly int _highYear;
    private readonly int _lookBack;

    /// <summary>Prepares a classifier that judges every year by <paramref name="rules"/>.</summary>
    public GazelleClassifier(GazelleRuleSet rules) : this(GazelleRuleChoice.Only(rules))
    {
    }

    /// <summary>Prepares a classifier that judges each year by the rule set <paramref name="choice"/> gives it.</summary>
    public GazelleClassifier(GazelleRuleChoice choice)
    {
        _choice = choice;
        var prepared = choice.Sets.ToDictionary(s => s, s => new Prepared(s));
        var boundaries = choice.Sets.SelectMany(s => s.LastYearJudged is { } last ? new[] { s.FirstYearJudged, last } : [s.FirstYearJudged]).ToList();
        _lowYear = boundaries.Min() - 1;
        _highYear = boundaries.Max() + 1;
        _byYear = new Prepared[_highYear - _lowYear + 1];
        for (var y = _lowYear; y <= _highYear; y++) _byYear[y - _lowYear] = prepared[choice.For(y)];
        _lookBack = prepared.Values.Max(p => p.LookBack);
    }

    /// <summary>Which rule set judges which year.</summary>
    public GazelleRuleChoice Choice => _choice;

    /// <summary>The rule set that judges data year <paramref name="year"/>.</summary>
    public GazelleRuleSet RulesFor(int year) => For(year).Rules;

    /// <summary>How many years before t the classification of t reads (at most 3: t − 3 .. t).</summary>
    public int LookBack => _lookBack;

    private Prepared For(int year) => _byYear[Math.Clamp(year, _lowYear, _highYear) - _lowYear];

    /// <summary>One rule set's thresholds as flat arrays, one slot per route.</summary>
    private sealed class Prepared
    {
        public readonly GazelleRuleSet Rules;
        public readonly GazelleRouteTest[] Test;
        public readonly int[] MaxAgeOfRoute;
        public readonly BoundKind[] Kind;
        public readonly double[] Threshold;
        public readonly int[] Years;
        public readonly bool[] HasBase;
        public readonly BoundKind[] BaseKind;
        public readonly double[] Base;
        public readonly bool[] LastYearUp;
        public readonly int LookBack;
        public readonly int InnovationYears;
        public readonly BoundKind IntensityKind;
        public readonly double Intensity;
        public readonly int MaxAge;
        public readonly int UnicornMaxAge;
        public readonly bool Unlisted;
        public readonly BoundKind ValuationKind;
        public readonly double Valuation;

        public Prepared(GazelleRuleSet rules)
        {
            if (rules.Routes.Count > 32) throw new ArgumentException("a gazelle rule set holds at most 32 routes", nameof(rules));
            Rules = rules;
            var n = rules.Routes.Count;
            Test = new GazelleRouteTest[n];
            MaxAgeOfRoute = new int[n];
            Kind = new BoundKind[n];
            Threshold = new double[n];
            Years = new int[n];
            HasBase = new bool[n];
            BaseKind = new BoundKind[n];
            Base = new double[n];
            LastYearUp = new bool[n];
            LookBack = Math.Clamp(rules.Innovation.Years - 1, 1, 3);
            for (var i = 0; i < n; i++)
            {
                var r = rules.Routes[i];
                Test[i] = r.Test;
                MaxAgeOfRoute[i] = r.MaxAge ?? int.MaxValue;
                Kind[i] = r.Threshold.Kind;
                Years[i] = r.Years;
                if (r.Test is GazelleRouteTest.RevenueGrowth or GazelleRouteTest.EmployeeGrowth)
                {
                    // CAGR ≥ g over n years ⇔ v(t) ≥ v(t − n)·(1 + g)^n; the factor is computed exactly in decimal.
                    var factor = 1m;
                    for (var k = 0; k < r.Years; k++) factor *= 1 + r.Threshold.Value;
                    Threshold[i] = (double)factor;
                    LookBack = Math.Max(LookBack, r.Years);
                }
                else
                {
                    Threshold[i] = (double)r.Threshold.Value;
                }
                if (r.Base is { } b)
                {
                    HasBase[i] = true;
                    BaseKind[i] = b.Kind;
                    Base[i] = (double)b.Value;
                }
                LastYearUp[i] = r.LastYearUp;
            }
            InnovationYears = rules.Innovation.Years;
            IntensityKind = rules.Innovation.Intensity.Kind;
            Intensity = (double)rules.Innovation.Intensity.Value;
            MaxAge = rules.MaxAge ?? int.MaxValue;
            UnicornMaxAge = rules.Unicorn.MaxAge ?? int.MaxValue;
            Unlisted = rules.Unicorn.Unlisted;
            ValuationKind = rules.Unicorn.Valuation.Kind;
            Valuation = (double)rules.Unicorn.Valuation.Value;
        }

        public bool Growth(double now, double then, int r)
        {
            // The base value must be positive for a growth rate to exist, and must meet the route's base condition.
            if (!(then > 0) || double.IsNaN(now)) return false;
            if (HasBase[r] && !Holds(BaseKind[r], then, Base[r])) return false;
            return Holds(Kind[r], now, then * Threshold[r]);
        }
    }

    /// <summary>
    /// Classifies every row of <paramref name="panel"/> into <paramref name="results"/> (same row order), each row under its
    /// year's rule set. A row's <c>New</c> compares with the enterprise's row of t − 1 as classified here, so the panel must
    /// reach back <see cref="LookBack"/> years before t − 1 for that flag to rest on full history. Throws
    /// <see cref="ArgumentException"/> when the panel is not sorted by enterprise then rising year.
    /// </summary>
    // Compiled fully optimised at once: the method is called a few times over millions of rows, so tiering would leave it
    // in on-stack-replaced code for a whole run.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Classify(in GazellePanel panel, Span<GazelleOutcome> results)
    {
        var n = panel.Length;
        if (results.Length < n) throw new ArgumentException("the result span is shorter than the panel", nameof(results));
        var ent = panel.Enterprise;
        var year = panel.Year;
        var registration = panel.RegistrationYear;
        var revenue = panel.Revenue;
        var employees = panel.Employees;
        var st = panel.StExpense;
        var vcReceived = panel.VcReceived;
        var valuations = panel.ValuationUsdM;
        var listed = panel.Listed;
        var lookBack = _lookBack;
        // back[k] = row of year t − k within the enterprise, or −1 (k = 1 .. lookBack ≤ 3).
        Span<int> back = stackalloc int[4];
        var start = 0;
        for (var i = 0; i < n; i++)
        {
            var t = year[i];
            if (i > 0 && ent[i] == ent[i - 1])
            {
                if (t <= year[i - 1])
                    throw new ArgumentException($"the panel must be sorted by enterprise then rising year (row {i})", nameof(panel));
            }
            else
            {
                start = i;
            }
            var p = _byYear[Math.Clamp(t, _lowYear, _highYear) - _lowYear];
            var innovationYears = p.InnovationYears;
            var age = t - registration[i];

            // One look back over the enterprise's preceding rows finds t − 1 .. t − 3 and sums the innovation window
            // (创新门槛: the years of t − (years − 1) .. t that have both figures).
            back[1] = back[2] = back[3] = -1;
            double sumSt = 0, sumRevenue = 0;
            if (!double.IsNaN(revenue[i]) && !double.IsNaN(st[i]))
            {
                sumSt = st[i];
                sumRevenue = revenue[i];
            }
            var lowest = Math.Max(start, i - lookBack);
            for (var j = i - 1; j >= lowest; j--)
            {
                var k = t - year[j];
                if (k > lookBack) break;
                back[k] = j;
                if (k < innovationYears && !double.IsNaN(revenue[j]) && !double.IsNaN(st[j]))
                {
                    sumSt += st[j];
                    sumRevenue += revenue[j];
                }
            }
            var intensityMet = sumRevenue > 0 && Holds(p.IntensityKind, sumSt, p.Intensity * sumRevenue);
            var prev = back[1];

            uint routes = 0;
            var routeCount = p.Test.Length;
            for (var r = 0; r < routeCount; r++)
            {
                if (age > p.MaxAgeOfRoute[r]) continue;
                bool held;
                switch (p.Test[r])
                {
                    case GazelleRouteTest.RevenueLevel:
                        held = Holds(p.Kind[r], revenue[i], p.Threshold[r]);
                        break;
                    case GazelleRouteTest.VentureCapital:
                        held = Holds(p.Kind[r], vcReceived[i], p.Threshold[r]);
                        break;
                    default:
                        var values = p.Test[r] == GazelleRouteTest.RevenueGrowth ? revenue : employees;
                        var baseRow = back[p.Years[r]];
                        held = baseRow >= 0 && p.Growth(values[i], values[baseRow], r)
                            && (!p.LastYearUp[r] || (prev >= 0 && values[i] > values[prev]));
                        break;
                }
                if (held) routes |= 1u << r;
            }

            var isGazelle = age <= p.MaxAge && routes != 0 && intensityMet;
            var isUnicorn = age <= p.UnicornMaxAge && !(p.Unlisted && listed[i]) && Holds(p.ValuationKind, valuations[i], p.Valuation);
            var kind = isUnicorn ? GazelleKind.Unicorn : isGazelle ? GazelleKind.Gazelle : GazelleKind.None;
            var isNew = false;
            if (kind != GazelleKind.None)
            {
                // t − 1 as judged by its own year's rule set (its row was classified above, under that rule set).
                var was = prev >= 0 && (kind == GazelleKind.Unicorn ? results[prev].IsUnicorn : results[prev].IsGazelle);
                isNew = !was;
            }
            results[i] = new GazelleOutcome(kind, isGazelle, isUnicorn, isNew, routes, intensityMet);
        }
    }

    private static bool Holds(BoundKind kind, double x, double threshold)
    {
        var slack = Math.Abs(threshold) * Tolerance;
        return kind switch
        {
            BoundKind.AtLeast => x >= threshold - slack,
            BoundKind.Above => x > threshold + slack,
            BoundKind.AtMost => x <= threshold + slack,
            _ => x < threshold - slack,
        };
    }

    /// <summary>The ids of the routes whose bits are set in <paramref name="routes"/>, in the order of the rule set that judged <paramref name="year"/>.</summary>
    public IReadOnlyList<string> RouteIds(int year, uint routes)
    {
        var rules = RulesFor(year);
        var ids = new List<string>();
        for (var r = 0; r < rules.Routes.Count; r++)
        {
            if ((routes & (1u << r)) != 0) ids.Add(rules.Routes[r].Id);
        }
        return ids;
    }

    /// <summary>Classifies every year of one enterprise (any order of years in <paramref name="panel"/>; results by rising year).</summary>
    /// <param name="registrationYear">Year of registration.</param>
    /// <param name="panel">Figures by year.</param>
    public IReadOnlyList<GazelleYearResult> ClassifyEnterprise(int registrationYear, IReadOnlyDictionary<int, GazelleFigures> panel)
    {
        var years = panel.Keys.Order().ToArray();
        var n = years.Length;
        static double D(decimal? value) => value is { } v ? (double)v : double.NaN;
        var figures = years.Select(y => panel[y]).ToArray();
        var outcomes = new GazelleOutcome[n];
        Classify(new GazellePanel(new int[n], years, Enumerable.Repeat(registrationYear, n).ToArray(),
            figures.Select(f => D(f.Revenue)).ToArray(), figures.Select(f => D(f.Employees)).ToArray(),
            figures.Select(f => D(f.StExpense)).ToArray(), figures.Select(f => D(f.VcReceived)).ToArray(),
            figures.Select(f => D(f.ValuationUsdM)).ToArray(), figures.Select(f => f.Listed).ToArray()), outcomes);
        return years.Select((y, i) => new GazelleYearResult(y, y - registrationYear, outcomes[i].Kind, RouteIds(y, outcomes[i].Routes), outcomes[i].New,
            outcomes[i].IsGazelle, outcomes[i].IsUnicorn, outcomes[i].IntensityMet, RulesFor(y).Header.Id)).ToList();
    }
}
