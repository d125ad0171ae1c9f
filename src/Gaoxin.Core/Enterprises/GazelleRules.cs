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
public sealed record GazelleRuleSet(RuleSetHeader Header, int? MaxAge, string MaxAgeSource, IReadOnlyList<GazelleRoute> Routes,
    GazelleInnovationRule Innovation, UnicornRule Unicorn) : EnterpriseRuleSet(Header);

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
public sealed record GazelleYearResult(int Year, int Age, GazelleKind Kind, IReadOnlyList<string> Routes, bool New, bool IsGazelle,
    bool IsUnicorn, bool IntensityMet);

/// <summary>
/// Identifies gazelles (瞪羚) and unicorns (独角兽) year by year under a <see cref="GazelleRuleSet"/>. The columnar
/// <see cref="Classify"/> makes one pass over a sorted panel, looking back at most a few rows per row, and allocates nothing;
/// thresholds are prepared once here. Comparisons at exact thresholds allow a relative 1e-12 for binary rounding, so that
/// growth of exactly 20 % counts as 20 %.
/// </summary>
public sealed class GazelleClassifier
{
    private const double Tolerance = 1e-12;
    private readonly GazelleRuleSet _rules;
    private readonly GazelleRouteTest[] _test;
    private readonly int[] _maxAge;
    private readonly BoundKind[] _kind;
    private readonly double[] _threshold;
    private readonly int[] _years;
    private readonly bool[] _hasBase;
    private readonly BoundKind[] _baseKind;
    private readonly double[] _base;
    private readonly bool[] _lastYearUp;
    private readonly int _lookBack;

    /// <summary>Prepares a classifier for a rule set.</summary>
    public GazelleClassifier(GazelleRuleSet rules)
    {
        if (rules.Routes.Count > 32) throw new ArgumentException("a gazelle rule set holds at most 32 routes", nameof(rules));
        _rules = rules;
        var n = rules.Routes.Count;
        _test = new GazelleRouteTest[n];
        _maxAge = new int[n];
        _kind = new BoundKind[n];
        _threshold = new double[n];
        _years = new int[n];
        _hasBase = new bool[n];
        _baseKind = new BoundKind[n];
        _base = new double[n];
        _lastYearUp = new bool[n];
        _lookBack = Math.Clamp(rules.Innovation.Years - 1, 1, 3);
        for (var i = 0; i < n; i++)
        {
            var r = rules.Routes[i];
            _test[i] = r.Test;
            _maxAge[i] = r.MaxAge ?? int.MaxValue;
            _kind[i] = r.Threshold.Kind;
            _years[i] = r.Years;
            if (r.Test is GazelleRouteTest.RevenueGrowth or GazelleRouteTest.EmployeeGrowth)
            {
                // CAGR ≥ g over n years ⇔ v(t) ≥ v(t − n)·(1 + g)^n; the factor is computed exactly in decimal.
                var factor = 1m;
                for (var k = 0; k < r.Years; k++) factor *= 1 + r.Threshold.Value;
                _threshold[i] = (double)factor;
                _lookBack = Math.Max(_lookBack, r.Years);
            }
            else
            {
                _threshold[i] = (double)r.Threshold.Value;
            }
            if (r.Base is { } b)
            {
                _hasBase[i] = true;
                _baseKind[i] = b.Kind;
                _base[i] = (double)b.Value;
            }
            _lastYearUp[i] = r.LastYearUp;
        }
    }

    /// <summary>The rule set this classifier applies.</summary>
    public GazelleRuleSet Rules => _rules;

    /// <summary>
    /// Classifies every row of <paramref name="panel"/> into <paramref name="results"/> (same row order). Throws
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
        var innovationYears = _rules.Innovation.Years;
        var intensityKind = _rules.Innovation.Intensity.Kind;
        var intensity = (double)_rules.Innovation.Intensity.Value;
        var maxAge = _rules.MaxAge ?? int.MaxValue;
        var unicorn = _rules.Unicorn;
        var unicornMaxAge = unicorn.MaxAge ?? int.MaxValue;
        var unlisted = unicorn.Unlisted;
        var valuationKind = unicorn.Valuation.Kind;
        var valuation = (double)unicorn.Valuation.Value;
        var routeCount = _test.Length;
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
            var intensityMet = sumRevenue > 0 && Holds(intensityKind, sumSt, intensity * sumRevenue);
            var prev = back[1];

            uint routes = 0;
            for (var r = 0; r < routeCount; r++)
            {
                if (age > _maxAge[r]) continue;
                bool held;
                switch (_test[r])
                {
                    case GazelleRouteTest.RevenueLevel:
                        held = Holds(_kind[r], revenue[i], _threshold[r]);
                        break;
                    case GazelleRouteTest.VentureCapital:
                        held = Holds(_kind[r], vcReceived[i], _threshold[r]);
                        break;
                    default:
                        var values = _test[r] == GazelleRouteTest.RevenueGrowth ? revenue : employees;
                        var baseRow = back[_years[r]];
                        held = baseRow >= 0 && Growth(values[i], values[baseRow], r)
                            && (!_lastYearUp[r] || (prev >= 0 && values[i] > values[prev]));
                        break;
                }
                if (held) routes |= 1u << r;
            }

            var isGazelle = age <= maxAge && routes != 0 && intensityMet;
            var isUnicorn = age <= unicornMaxAge && !(unlisted && listed[i]) && Holds(valuationKind, valuations[i], valuation);
            var kind = isUnicorn ? GazelleKind.Unicorn : isGazelle ? GazelleKind.Gazelle : GazelleKind.None;
            var isNew = false;
            if (kind != GazelleKind.None)
            {
                var was = prev >= 0 && (kind == GazelleKind.Unicorn ? results[prev].IsUnicorn : results[prev].IsGazelle);
                isNew = !was;
            }
            results[i] = new GazelleOutcome(kind, isGazelle, isUnicorn, isNew, routes, intensityMet);
        }
    }

    private bool Growth(double now, double then, int r)
    {
        // The base value must be positive for a growth rate to exist, and must meet the route's base condition.
        if (!(then > 0) || double.IsNaN(now)) return false;
        if (_hasBase[r] && !Holds(_baseKind[r], then, _base[r])) return false;
        return Holds(_kind[r], now, then * _threshold[r]);
    }

    private static int Find(ReadOnlySpan<int> year, int lowest, int i, int wanted)
    {
        for (var j = i - 1; j >= lowest; j--)
        {
            if (year[j] == wanted) return j;
            if (year[j] < wanted) return -1;
        }
        return -1;
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

    /// <summary>The ids of the routes whose bits are set in <paramref name="routes"/>, in rule-set order.</summary>
    public IReadOnlyList<string> RouteIds(uint routes)
    {
        var ids = new List<string>();
        for (var r = 0; r < _rules.Routes.Count; r++)
        {
            if ((routes & (1u << r)) != 0) ids.Add(_rules.Routes[r].Id);
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
        return years.Select((y, i) => new GazelleYearResult(y, y - registrationYear, outcomes[i].Kind, RouteIds(outcomes[i].Routes), outcomes[i].New,
            outcomes[i].IsGazelle, outcomes[i].IsUnicorn, outcomes[i].IntensityMet)).ToList();
    }
}
