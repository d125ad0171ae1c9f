namespace Gaoxin.Core.Evaluation;

/// <summary>Values available to the engine: an approved value of (zone, element, year), or null.</summary>
public delegate decimal? ValueLookup(string zone, string element, int year);

/// <summary>A zone to evaluate and the group it is ranked in.</summary>
/// <param name="Zone">Zone code.</param>
/// <param name="Group">Its group as of the evaluated year (e.g. <c>national</c>/<c>provincial</c> for grouping by level, or the attribute's value).</param>
/// <param name="National">
/// A national zone (国家级): the province cannot delist it, so consecutive fails report it to the ministry
/// (<c>report_upward</c>) instead of proposing its delisting.
/// </param>
/// <param name="Province">The province the zone lies in, or null when not known.</param>
public sealed record EvaluationZone(string Zone, string Group, bool National = false, string? Province = null);

/// <summary>What to evaluate: a year, its zones and their values.</summary>
/// <param name="Year">The evaluated year t.</param>
/// <param name="Zones">The zones of year t with their groups.</param>
/// <param name="Values">Approved values by zone, element and year.</param>
/// <param name="PreviousYearZones">The zones and groups of earlier years (for the delisting rule and the comparison with last year); null → same as <paramref name="Zones"/>.</param>
public sealed record EvaluationInput(int Year, IReadOnlyList<EvaluationZone> Zones, ValueLookup Values,
    IReadOnlyList<EvaluationZone>? PreviousYearZones = null);

/// <summary>Settings of the Monte Carlo rank-uncertainty analysis.</summary>
/// <param name="Replications">Number of replications (≥ 1; the default of docs/evaluation-model.md is 1,000).</param>
/// <param name="Seed">Seed; the same seed gives the same intervals.</param>
/// <param name="WeightSpread">Each weight is multiplied by U(1 − spread, 1 + spread); 0 ≤ spread &lt; 1.</param>
/// <param name="VaryNormalisation">Draw each replication's normalisation from {efficacy, z-score, rank}; otherwise use the model's.</param>
public sealed record SensitivityOptions(int Replications, int Seed, decimal WeightSpread = 0.25m, bool VaryNormalisation = true);

/// <summary>One indicator of one zone.</summary>
/// <param name="Code">Indicator code.</param>
/// <param name="Value">The formula's value, or null when an operand is missing or a denominator is 0.</param>
/// <param name="Score">The normalised score (0 for a missing value under 0–100 normalisations).</param>
public sealed record IndicatorResult(string Code, decimal? Value, decimal Score);

/// <summary>
/// The rank of a zone across the Monte Carlo replications. Percentiles use the nearest-rank definition: the
/// P-th percentile of N sorted ranks is the one at position ⌈P/100 · N⌉ (at least 1); the median is the middle
/// rank, or the mean of the two middle ranks when N is even.
/// </summary>
/// <param name="Median">Median rank.</param>
/// <param name="P5">5th percentile rank (the better end).</param>
/// <param name="P95">95th percentile rank (the worse end).</param>
/// <param name="LastShare">Share of replications in which the zone was last in its group (0 for a group that is all tied or has one zone).</param>
public sealed record RankInterval(decimal Median, int P5, int P95, decimal LastShare);

/// <summary>The result of one zone in the evaluated year.</summary>
/// <param name="Zone">Zone code.</param>
/// <param name="Group">The group it was ranked in (<c>all</c> when the model does not group).</param>
/// <param name="Composite">Composite score, full precision.</param>
/// <param name="Rank">Rank in the group, 1 = best; ties share the better rank.</param>
/// <param name="GroupSize">Number of zones in the group.</param>
/// <param name="Grade">Grade after 末位淘汰; null when the model has no grades.</param>
/// <param name="Dimensions">Dimension scores by dimension code.</param>
/// <param name="Indicators">Indicator results by indicator code.</param>
/// <param name="Flags">Of <see cref="EvaluationFlags"/>, in the order missing_data, last_place, yellow_card, delisting_proposed or report_upward.</param>
/// <param name="Missing">Codes of the indicators without a value, in model order.</param>
/// <param name="Interval">Rank interval when a sensitivity analysis was asked for, else null.</param>
/// <param name="PreviousGrade">Grade in t−1 when the zone could be evaluated then, else null.</param>
/// <param name="Percentile">
/// 100 × the share of the group's zones whose composite is not above this zone's (the zone itself included): the best
/// scores 100, ties share the better figure and a unique last of n scores 100/n.
/// </param>
public sealed record ZoneResult(string Zone, string Group, decimal Composite, int Rank, int GroupSize, Grade? Grade,
    IReadOnlyDictionary<string, decimal> Dimensions, IReadOnlyDictionary<string, IndicatorResult> Indicators,
    IReadOnlyList<string> Flags, IReadOnlyList<string> Missing, RankInterval? Interval, Grade? PreviousGrade, decimal Percentile);

/// <summary>What a result's composite means.</summary>
public static class EvaluationScales
{
    /// <summary>A graded model: the composite is read against the model's cut-offs.</summary>
    public const string Grades = "grades";
    /// <summary>No grades, and every zone lies in one province: a relative index among that province's zones only (省内相对指数).</summary>
    public const string ProvincialRelativeIndex = "provincial_relative_index";
    /// <summary>No grades, zones of several (or unknown) provinces: a relative index among the zones evaluated.</summary>
    public const string RelativeIndex = "relative_index";
}

/// <summary>The evaluation of one year.</summary>
/// <param name="Year">The evaluated year.</param>
/// <param name="Model">The model's id.</param>
/// <param name="Zones">Zones ordered by group (as first seen in the input), then rank, then zone code.</param>
/// <param name="Scale">Of <see cref="EvaluationScales"/>: what the composite means.</param>
public sealed record EvaluationResult(int Year, string Model, IReadOnlyList<ZoneResult> Zones, string Scale);

/// <summary>The flags a zone result can carry.</summary>
public static class EvaluationFlags
{
    /// <summary>At least one indicator has no value (it scores 0); <see cref="ZoneResult.Missing"/> names them.</summary>
    public const string MissingData = "missing_data";
    /// <summary>末位淘汰: last in a group large enough for the rule; the grade became fail when the model lets last place fail.</summary>
    public const string LastPlace = "last_place";
    /// <summary>黄牌: failed this year (通报批评, rectification due 31 December of t+1).</summary>
    public const string YellowCard = "yellow_card";
    /// <summary>摘牌: a provincial zone failed in this and the previous consecutive years the model asks for.</summary>
    public const string DelistingProposed = "delisting_proposed";
    /// <summary>报请科技部: a national zone failed as often as delisting needs; only the ministry can delist it.</summary>
    public const string ReportUpward = "report_upward";
}

/// <summary>An operand of an indicator's formula and the value it read.</summary>
/// <param name="Element">Data element code.</param>
/// <param name="Year">The year read (t, or t−1 for <c>@prev</c>).</param>
/// <param name="Value">The approved value, or null.</param>
public sealed record OperandValue(string Element, int Year, decimal? Value);

/// <summary>One indicator of an explained zone.</summary>
/// <param name="Code">Indicator code.</param>
/// <param name="Dimension">Its dimension's code.</param>
/// <param name="Value">Raw value, or null when missing.</param>
/// <param name="Operands">Every element the formula reads, with year and value.</param>
/// <param name="Score">Normalised score.</param>
/// <param name="EffectiveWeight">W_k/ΣW × a_i/Σa.</param>
/// <param name="Contribution">Effective weight × score; under arithmetic aggregation the contributions sum to the composite.</param>
/// <param name="GroupLow">Lowest present value in the zone's group, or null.</param>
/// <param name="GroupHigh">Highest present value in the zone's group, or null.</param>
public sealed record IndicatorExplanation(string Code, string Dimension, decimal? Value, IReadOnlyList<OperandValue> Operands, decimal Score,
    decimal EffectiveWeight, decimal Contribution, decimal? GroupLow, decimal? GroupHigh);

/// <summary>How one indicator's contribution moved against last year.</summary>
/// <param name="Code">Indicator code.</param>
/// <param name="PreviousValue">Raw value in t−1.</param>
/// <param name="CurrentValue">Raw value in t.</param>
/// <param name="PreviousContribution">Contribution in t−1.</param>
/// <param name="CurrentContribution">Contribution in t.</param>
/// <param name="Change">Current − previous contribution.</param>
public sealed record ContributionChange(string Code, decimal? PreviousValue, decimal? CurrentValue, decimal PreviousContribution,
    decimal CurrentContribution, decimal Change);

/// <summary>The change of a zone's result against t−1 (evaluated the same way, with t−1's groups).</summary>
/// <param name="PreviousYear">t−1.</param>
/// <param name="PreviousComposite">Composite in t−1.</param>
/// <param name="PreviousGrade">Grade in t−1 (null when the model has no grades).</param>
/// <param name="CompositeChange">Composite in t − composite in t−1.</param>
/// <param name="Indicators">The change of each indicator's contribution, in model order.</param>
public sealed record YearChange(int PreviousYear, decimal PreviousComposite, Grade? PreviousGrade, decimal CompositeChange,
    IReadOnlyList<ContributionChange> Indicators);

/// <summary>
/// What one indicator alone would need for the composite to reach the pass line, all other values of the zone
/// and of the other zones held fixed; the group's min/max do move when the zone's new value becomes the extreme.
/// </summary>
/// <param name="Code">Indicator code.</param>
/// <param name="CurrentValue">The zone's value now, or null when missing.</param>
/// <param name="RequiredValue">
/// The least improvement of the value that suffices (at least this much for a positive indicator, at most this
/// much for a negative one); null when any reported value would do (the value is missing now).
/// </param>
/// <param name="CurrentScore">The indicator's score now.</param>
/// <param name="RequiredScore">The score the indicator needs.</param>
/// <param name="RelativeChange">|required − current| / |current|, or null when either is missing or the current value is 0.</param>
/// <param name="NewComposite">The composite with the required value.</param>
public sealed record IndicatorImprovement(string Code, decimal? CurrentValue, decimal? RequiredValue, decimal CurrentScore,
    decimal RequiredScore, decimal? RelativeChange, decimal NewComposite);

/// <summary>The single-indicator improvements that lift a zone to the pass line.</summary>
/// <param name="Smallest">The option with the smallest relative change (options without one come last, then by code).</param>
/// <param name="Options">Every indicator that could do it alone, in that order.</param>
public sealed record PassLineImprovement(IndicatorImprovement Smallest, IReadOnlyList<IndicatorImprovement> Options);

/// <summary>The explanation of one zone's result.</summary>
/// <param name="Result">The zone's result (no interval).</param>
/// <param name="Year">The evaluated year.</param>
/// <param name="Model">The model's id.</param>
/// <param name="Indicators">Every indicator, in model order.</param>
/// <param name="Strongest">Up to three indicator codes with the highest scores (ties in model order).</param>
/// <param name="Weakest">Up to three indicator codes with the lowest scores (ties in model order).</param>
/// <param name="Change">The change against t−1, or null when the zone cannot be evaluated in t−1.</param>
/// <param name="PassLine">The pass cut-off of the model; null when the model has no grades.</param>
/// <param name="Improvement">
/// How a single indicator could lift the composite to the pass line; null when the composite already reaches it,
/// when no single indicator can, or without grades. (末位淘汰 may still fail a zone above the pass line.)
/// </param>
public sealed record ZoneExplanation(ZoneResult Result, int Year, string Model, IReadOnlyList<IndicatorExplanation> Indicators,
    IReadOnlyList<string> Strongest, IReadOnlyList<string> Weakest, YearChange? Change, decimal? PassLine, PassLineImprovement? Improvement);

/// <summary>
/// The evaluation engine: computes exactly what <c>docs/evaluation-model.md</c> specifies (value, score, dimension,
/// composite, rank, grade, 末位淘汰, yellow card, delisting) in decimal arithmetic without rounding, plus a seeded
/// Monte Carlo rank interval and per-zone explanations.
/// </summary>
public static class EvaluationEngine
{
    /// <summary>Composites closer than this share a rank.</summary>
    public const decimal TieTolerance = 1e-9m;

    /// <summary>Name of the single group when the model's grouping is <c>none</c>.</summary>
    public const string AllGroup = "all";

    /// <summary>
    /// Evaluates year t. Earlier years (t−1, … for the delisting rule and <see cref="ZoneResult.PreviousGrade"/>)
    /// are evaluated the same way over the zones of <see cref="EvaluationInput.PreviousYearZones"/> that have at
    /// least one indicator value in that year; a zone without data there has no grade there. 末位淘汰 applies to
    /// the zones at the last rank only when that rank is behind someone (a group that is all tied has no last place).
    /// </summary>
    /// <exception cref="ArgumentException">A zone is listed twice, or the sensitivity options are out of range.</exception>
    public static EvaluationResult Evaluate(EvaluationModel model, EvaluationInput input, SensitivityOptions? sensitivity = null)
    {
        var run = Run(model, input);
        IReadOnlyList<RankInterval>? intervals = null;
        if (sensitivity is not null) intervals = MonteCarlo.Run(model, run.Current, sensitivity);
        var results = new List<ZoneResult>();
        foreach (var z in run.Current.DisplayOrder())
            results.Add(run.ZoneResult(z, intervals?[z]));
        return new EvaluationResult(input.Year, model.Id, results, ScaleOf(model, input));
    }

    /// <summary>
    /// What a composite means: a graded model's composite is read against its cut-offs; without grades it is only an
    /// index relative to the zones evaluated, a provincial one when they all lie in one province.
    /// </summary>
    public static string ScaleOf(EvaluationModel model, EvaluationInput input) =>
        model.Grades is not null ? EvaluationScales.Grades
        : input.Zones.Count > 0 && input.Zones.All(z => z.Province is not null) && input.Zones.Select(z => z.Province).Distinct().Count() == 1
            ? EvaluationScales.ProvincialRelativeIndex
            : EvaluationScales.RelativeIndex;

    /// <summary>
    /// The explanation of one zone: every indicator's raw value, operands with their source values, score,
    /// contribution (effective weight × score), the strongest and weakest indicators, the change against t−1 by
    /// indicator contribution, and the single-indicator improvements that lift the composite to the pass line.
    /// The required values are solved exactly for efficacy, min-max, goalposts, expert scores and percentile rank
    /// (where they are the smallest sufficient value among the other zones'), and by bisection on the value
    /// (100 halvings after bracketing) for z-scores, whose scale moves with every value.
    /// </summary>
    /// <exception cref="ArgumentException">The zone is not among the input's zones.</exception>
    public static ZoneExplanation Explain(EvaluationModel model, EvaluationInput input, string zone)
    {
        var run = Run(model, input);
        var current = run.Current;
        var z = Array.IndexOf(current.Zones, zone);
        if (z < 0) throw new ArgumentException($"the zone '{zone}' is not among the evaluated zones", nameof(zone));
        var shape = current.Shape;
        var weights = Weighting.EffectiveWeights(model);
        var members = current.GroupMembers[current.GroupOf[z]];

        var indicators = new List<IndicatorExplanation>();
        for (var i = 0; i < shape.Count; i++)
        {
            var definition = model.Indicators[i];
            var operands = definition.Formula.Operands().Distinct()
                .Select(o => new OperandValue(o.Element, input.Year - o.Lag, input.Values(zone, o.Element, input.Year - o.Lag)))
                .ToList();
            var present = members.Select(m => current.Values[m][i]).OfType<decimal>().ToList();
            indicators.Add(new IndicatorExplanation(definition.Code, definition.Dimension, current.Values[z][i], operands, current.Scores[z][i],
                weights[definition.Code], weights[definition.Code] * current.Scores[z][i],
                present.Count > 0 ? present.Min() : null, present.Count > 0 ? present.Max() : null));
        }
        var strongest = indicators.Select((x, i) => (x, i)).OrderByDescending(p => p.x.Score).ThenBy(p => p.i).Take(3).Select(p => p.x.Code).ToList();
        var weakest = indicators.Select((x, i) => (x, i)).OrderBy(p => p.x.Score).ThenBy(p => p.i).Take(3).Select(p => p.x.Code).ToList();

        YearChange? change = null;
        var previous = run.Year(input.Year - 1);
        var pz = Array.IndexOf(previous.Zones, zone);
        if (pz >= 0)
        {
            var changes = new List<ContributionChange>();
            for (var i = 0; i < shape.Count; i++)
            {
                var w = weights[model.Indicators[i].Code];
                var before = w * previous.Scores[pz][i];
                var after = w * current.Scores[z][i];
                changes.Add(new ContributionChange(model.Indicators[i].Code, previous.Values[pz][i], current.Values[z][i], before, after, after - before));
            }
            change = new YearChange(previous.Year, previous.Composites[pz], previous.Grades[pz], current.Composites[z] - previous.Composites[pz], changes);
        }

        var improvement = model.Grades is { } grades && current.Composites[z] < grades.Pass ? PassLine.Solve(model, current, z, weights, grades.Pass) : null;
        return new ZoneExplanation(run.ZoneResult(z, null), input.Year, model.Id, indicators, strongest, weakest, change, model.Grades?.Pass, improvement);
    }

    private static EvaluationRun Run(EvaluationModel model, EvaluationInput input)
    {
        var seen = new HashSet<string>();
        foreach (var zone in input.Zones)
        {
            if (!seen.Add(zone.Zone)) throw new ArgumentException($"the zone '{zone.Zone}' is listed twice", nameof(input));
        }
        var shape = new ModelShape(model);
        var current = ScoredYear.Compute(shape, input.Year, input.Zones, input.Values, onlyWithData: false);
        return new EvaluationRun(shape, input, current);
    }

    /// <summary>The grade of a composite by the cut-offs (before 末位淘汰).</summary>
    public static Grade GradeOf(decimal composite, GradeCutoffs cutoffs) =>
        composite >= cutoffs.Excellent ? Grade.Excellent
        : composite >= cutoffs.Good ? Grade.Good
        : composite >= cutoffs.Pass ? Grade.Pass
        : Grade.Fail;

    /// <summary>Year t and, lazily, the earlier years the rules and explanations need.</summary>
    private sealed class EvaluationRun(ModelShape shape, EvaluationInput input, ScoredYear current)
    {
        private readonly Dictionary<int, ScoredYear> _years = new() { [input.Year] = current };

        public ScoredYear Current => current;

        /// <summary>An earlier year, over the previous year's zones that have data in it.</summary>
        public ScoredYear Year(int year)
        {
            if (!_years.TryGetValue(year, out var scored))
                _years[year] = scored = ScoredYear.Compute(shape, year, input.PreviousYearZones ?? input.Zones, input.Values, onlyWithData: true);
            return scored;
        }

        private Grade? GradeIn(int year, string zone)
        {
            var scored = Year(year);
            var index = Array.IndexOf(scored.Zones, zone);
            return index < 0 ? null : scored.Grades[index];
        }

        public ZoneResult ZoneResult(int z, RankInterval? interval)
        {
            var model = shape.Model;
            var code = current.Zones[z];
            var grade = current.Grades[z];
            var previousGrade = GradeIn(input.Year - 1, code);
            var flags = new List<string>();
            var missing = new List<string>();
            for (var i = 0; i < shape.Count; i++)
                if (current.Values[z][i] is null) missing.Add(model.Indicators[i].Code);
            if (missing.Count > 0) flags.Add(EvaluationFlags.MissingData);
            if (current.LastPlace[z]) flags.Add(EvaluationFlags.LastPlace);
            if (grade == Grade.Fail && model.Rules.YellowCard) flags.Add(EvaluationFlags.YellowCard);
            if (grade == Grade.Fail && model.Rules.Delisting)
            {
                var proposed = true;
                for (var back = 1; back < model.Rules.DelistingConsecutiveFails && proposed; back++)
                    proposed = (back == 1 ? previousGrade : GradeIn(input.Year - back, code)) == Grade.Fail;
                // The province delists only its own zones; a national zone goes to the ministry (domain.md §3.3).
                if (proposed) flags.Add(current.National[z] ? EvaluationFlags.ReportUpward : EvaluationFlags.DelistingProposed);
            }
            var dimensions = new Dictionary<string, decimal>();
            for (var k = 0; k < model.Dimensions.Count; k++) dimensions[model.Dimensions[k].Code] = current.DimensionScores[z][k];
            var indicators = new Dictionary<string, IndicatorResult>();
            for (var i = 0; i < shape.Count; i++)
            {
                var c = model.Indicators[i].Code;
                indicators[c] = new IndicatorResult(c, current.Values[z][i], current.Scores[z][i]);
            }
            var members = current.GroupMembers[current.GroupOf[z]];
            var percentile = 100m * members.Count(m => current.Ranks[m] >= current.Ranks[z]) / members.Length;
            return new ZoneResult(code, current.GroupNames[current.GroupOf[z]], current.Composites[z], current.Ranks[z],
                members.Length, grade, dimensions, indicators, flags, missing, interval, previousGrade, percentile);
        }
    }
}

/// <summary>The model in index form: indicator → dimension, weight totals.</summary>
internal sealed class ModelShape
{
    public ModelShape(EvaluationModel model)
    {
        Model = model;
        Count = model.Indicators.Count;
        DimensionOf = model.Indicators.Select(i => model.Dimensions.ToList().FindIndex(d => d.Code == i.Dimension)).ToArray();
        if (DimensionOf.Any(d => d < 0)) throw new ArgumentException("an indicator names a dimension the model does not declare", nameof(model));
        WithinTotals = new decimal[model.Dimensions.Count];
        for (var i = 0; i < Count; i++) WithinTotals[DimensionOf[i]] += model.Indicators[i].Weight;
        if (WithinTotals.Any(t => t <= 0)) throw new ArgumentException("every dimension needs an indicator with a positive weight", nameof(model));
        DimensionTotal = model.Dimensions.Sum(d => d.Weight);
    }

    public EvaluationModel Model { get; }
    public int Count { get; }
    public int[] DimensionOf { get; }
    public decimal[] WithinTotals { get; }
    public decimal DimensionTotal { get; }

    /// <summary>Rules 3 and 4: dimension scores and the composite from one zone's scores.</summary>
    public (decimal[] Dimensions, decimal Composite) Aggregate(decimal[] scores)
    {
        var model = Model;
        var dims = new decimal[model.Dimensions.Count];
        if (model.Aggregation == Aggregation.Arithmetic)
        {
            for (var i = 0; i < Count; i++) dims[DimensionOf[i]] += model.Indicators[i].Weight * scores[i];
            var composite = 0m;
            for (var k = 0; k < dims.Length; k++)
            {
                dims[k] /= WithinTotals[k];
                composite += model.Dimensions[k].Weight * dims[k];
            }
            return (dims, composite / DimensionTotal);
        }
        var zero = new bool[dims.Length];
        for (var i = 0; i < Count; i++)
        {
            var k = DimensionOf[i];
            if (scores[i] <= 0) zero[k] = true;
            else dims[k] += model.Indicators[i].Weight * DecimalMath.Ln(scores[i]);
        }
        var logComposite = 0m;
        var anyZero = false;
        for (var k = 0; k < dims.Length; k++)
        {
            dims[k] = zero[k] ? 0 : DecimalMath.Exp(dims[k] / WithinTotals[k]);
            if (dims[k] <= 0) anyZero = true;
            else logComposite += model.Dimensions[k].Weight * DecimalMath.Ln(dims[k]);
        }
        return (dims, anyZero ? 0 : DecimalMath.Exp(logComposite / DimensionTotal));
    }
}

/// <summary>Rule 2 and the other normalisations: the scores of one indicator over one group.</summary>
internal static class Scoring
{
    public static decimal[] Column(Normalisation normalisation, IndicatorDefinition indicator, IReadOnlyList<decimal?> values)
    {
        var n = values.Count;
        var scores = new decimal[n];
        var positive = indicator.Direction == Direction.Positive;
        if (indicator.ExpertScore && normalisation != Normalisation.ZScore)
        {
            for (var z = 0; z < n; z++) scores[z] = values[z] is { } v ? Math.Clamp(v, 0, 100) : 0;
            return scores;
        }
        var present = 0;
        decimal lo = 0, hi = 0, sum = 0;
        foreach (var value in values)
        {
            if (value is not { } v) continue;
            if (present == 0) lo = hi = v;
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
            sum += v;
            present++;
        }
        switch (normalisation)
        {
            case Normalisation.Efficacy:
            case Normalisation.MinMax:
                var (floor, span) = normalisation == Normalisation.Efficacy ? (60m, 40m) : (0m, 100m);
                for (var z = 0; z < n; z++)
                {
                    if (values[z] is not { } x) continue; // missing scores 0
                    scores[z] = hi == lo ? 100 : floor + span * (positive ? x - lo : hi - x) / (hi - lo);
                }
                break;
            case Normalisation.Rank:
                // The share of zones not better than x (ties count as not better): with the values sorted once, the count
                // of values ≤ x (positive) or ≥ x (negative) is a position found by binary search — O(n log n), not O(n²).
                var sorted = new decimal[present];
                var filled = 0;
                foreach (var value in values)
                    if (value is { } v) sorted[filled++] = v;
                Array.Sort(sorted);
                for (var z = 0; z < n; z++)
                {
                    if (values[z] is not { } x) continue;
                    var notBetter = positive ? CountAtMost(sorted, x) : present - CountBelow(sorted, x);
                    scores[z] = 100m * notBetter / present;
                }
                break;
            case Normalisation.ZScore:
                var mean = present > 0 ? sum / present : 0;
                var squares = 0m;
                foreach (var value in values)
                    if (value is { } v) squares += (v - mean) * (v - mean);
                var sd = present > 0 ? DecimalMath.Sqrt(squares / present) : 0;
                decimal? weakest = null;
                for (var z = 0; z < n; z++)
                {
                    if (values[z] is not { } x) continue;
                    scores[z] = sd == 0 ? 0 : (positive ? x - mean : mean - x) / sd;
                    weakest = weakest is null ? scores[z] : Math.Min(weakest.Value, scores[z]);
                }
                for (var z = 0; z < n; z++)
                    if (values[z] is null) scores[z] = (weakest ?? 0) - 1;
                break;
            case Normalisation.Goalposts:
                var low = indicator.GoalLow ?? throw new InvalidOperationException($"indicator {indicator.Code} has no goalLow");
                var high = indicator.GoalHigh ?? throw new InvalidOperationException($"indicator {indicator.Code} has no goalHigh");
                for (var z = 0; z < n; z++)
                {
                    if (values[z] is not { } x) continue;
                    scores[z] = 100 * Math.Clamp((positive ? x - low : high - x) / (high - low), 0, 1);
                }
                break;
            default:
                throw new InvalidOperationException($"unknown normalisation {normalisation}");
        }
        return scores;
    }

    /// <summary>How many of the ascending <paramref name="sorted"/> are ≤ <paramref name="x"/>.</summary>
    private static int CountAtMost(decimal[] sorted, decimal x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (sorted[mid] <= x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>How many of the ascending <paramref name="sorted"/> are &lt; <paramref name="x"/>.</summary>
    private static int CountBelow(decimal[] sorted, decimal x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (sorted[mid] < x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>The score a zone would get with <paramref name="value"/> while the others keep theirs.</summary>
    public static decimal Of(Normalisation normalisation, IndicatorDefinition indicator, IReadOnlyList<decimal> others, decimal? value)
    {
        var column = new decimal?[others.Count + 1];
        for (var j = 0; j < others.Count; j++) column[j] = others[j];
        column[^1] = value;
        return Column(normalisation, indicator, column)[^1];
    }
}

/// <summary>One evaluated year: values, scores, composites, ranks and grades (rules 1–7).</summary>
internal sealed class ScoredYear
{
    public required ModelShape Shape { get; init; }
    public required int Year { get; init; }
    public required string[] Zones { get; init; }
    public required bool[] National { get; init; }
    public required string[] GroupNames { get; init; }
    public required int[] GroupOf { get; init; }
    public required int[][] GroupMembers { get; init; }
    public required decimal?[][] Values { get; init; }
    public decimal[][] Scores { get; private set; } = [];
    public decimal[][] DimensionScores { get; private set; } = [];
    public decimal[] Composites { get; private set; } = [];
    public int[] Ranks { get; private set; } = [];
    public Grade?[] Grades { get; private set; } = [];
    public bool[] LastPlace { get; private set; } = [];

    public static ScoredYear Compute(ModelShape shape, int year, IReadOnlyList<EvaluationZone> zones, ValueLookup lookup, bool onlyWithData)
    {
        var model = shape.Model;
        var rows = new List<(EvaluationZone Zone, decimal?[] Values)>();
        foreach (var zone in zones)
        {
            // Rule 1: the value of each indicator; missing when an operand is missing or a denominator is 0.
            var values = new decimal?[shape.Count];
            for (var i = 0; i < shape.Count; i++)
                values[i] = model.Indicators[i].Formula.Evaluate((element, lag) => lookup(zone.Zone, element, year - lag));
            if (!onlyWithData || values.Any(v => v is not null)) rows.Add((zone, values));
        }
        var groupNames = new List<string>();
        var groupOf = new int[rows.Count];
        for (var z = 0; z < rows.Count; z++)
        {
            var name = model.Grouping == "none" ? EvaluationEngine.AllGroup : rows[z].Zone.Group;
            var g = groupNames.IndexOf(name);
            if (g < 0) { g = groupNames.Count; groupNames.Add(name); }
            groupOf[z] = g;
        }
        var members = Enumerable.Range(0, groupNames.Count).Select(g => Enumerable.Range(0, rows.Count).Where(z => groupOf[z] == g).ToArray()).ToArray();
        var scored = new ScoredYear
        {
            Shape = shape, Year = year, Zones = rows.Select(r => r.Zone.Zone).ToArray(), National = rows.Select(r => r.Zone.National).ToArray(),
            GroupNames = groupNames.ToArray(),
            GroupOf = groupOf, GroupMembers = members, Values = rows.Select(r => r.Values).ToArray(),
        };
        scored.Score(model.Normalisation);
        return scored;
    }

    /// <summary>Scores of every zone under a normalisation, group by group.</summary>
    public decimal[][] ScoresUnder(Normalisation normalisation)
    {
        var scores = Zones.Select(_ => new decimal[Shape.Count]).ToArray();
        foreach (var group in GroupMembers)
        {
            for (var i = 0; i < Shape.Count; i++)
            {
                var column = Scoring.Column(normalisation, Shape.Model.Indicators[i], group.Select(z => Values[z][i]).ToArray());
                for (var j = 0; j < group.Length; j++) scores[group[j]][i] = column[j];
            }
        }
        return scores;
    }

    private void Score(Normalisation normalisation)
    {
        var model = Shape.Model;
        Scores = ScoresUnder(normalisation);
        DimensionScores = new decimal[Zones.Length][];
        Composites = new decimal[Zones.Length];
        for (var z = 0; z < Zones.Length; z++)
            (DimensionScores[z], Composites[z]) = Shape.Aggregate(Scores[z]);

        Ranks = new int[Zones.Length];
        Grades = new Grade?[Zones.Length];
        LastPlace = new bool[Zones.Length];
        foreach (var group in GroupMembers)
        {
            // Rule 5: highest first; a composite within the tolerance of the one above shares its rank.
            var order = group.OrderByDescending(z => Composites[z]).ThenBy(z => Zones[z], StringComparer.Ordinal).ToArray();
            for (var j = 0; j < order.Length; j++)
            {
                Ranks[order[j]] = j > 0 && Composites[order[j - 1]] - Composites[order[j]] < EvaluationEngine.TieTolerance ? Ranks[order[j - 1]] : j + 1;
            }
            // Rule 6: grade (none without cut-offs); rule 7: 末位淘汰, failing the last place only when the model says so.
            foreach (var z in group) Grades[z] = model.Grades is { } cutoffs ? EvaluationEngine.GradeOf(Composites[z], cutoffs) : null;
            var worst = order.Length == 0 ? 0 : Ranks[order[^1]];
            if (model.Rules.LastPlace && group.Length >= model.Rules.LastPlaceMinimumGroup && worst > 1)
            {
                foreach (var z in group.Where(z => Ranks[z] == worst))
                {
                    LastPlace[z] = true;
                    if (model.Rules.LastPlaceFails && Grades[z] is not null) Grades[z] = Grade.Fail;
                }
            }
        }
    }

    /// <summary>Zone indices by group (as first seen), then rank, then zone code.</summary>
    public IEnumerable<int> DisplayOrder() =>
        GroupMembers.SelectMany(g => g.OrderBy(z => Ranks[z]).ThenBy(z => Zones[z], StringComparer.Ordinal));
}

/// <summary>The single-indicator improvements that lift a zone's composite to the pass line.</summary>
internal static class PassLine
{
    public static PassLineImprovement? Solve(EvaluationModel model, ScoredYear year, int z, IReadOnlyDictionary<string, decimal> weights, decimal pass)
    {
        var shape = year.Shape;
        var normalisation = model.Normalisation;
        var composite = year.Composites[z];
        var scores = year.Scores[z];
        var members = year.GroupMembers[year.GroupOf[z]];
        var options = new List<IndicatorImprovement>();
        for (var i = 0; i < shape.Count; i++)
        {
            var indicator = model.Indicators[i];
            var e = weights[indicator.Code];
            decimal needed;
            if (model.Aggregation == Aggregation.Arithmetic)
            {
                needed = scores[i] + (pass - composite) / e;
            }
            else
            {
                // c = Π s_j^e_j, so s_i = (pass / Π_{j≠i} s_j^e_j)^(1/e_i).
                var log = 0m;
                var blocked = false;
                for (var j = 0; j < shape.Count && !blocked; j++)
                {
                    if (j == i) continue;
                    if (scores[j] <= 0) blocked = true;
                    else log += weights[model.Indicators[j].Code] * DecimalMath.Ln(scores[j]);
                }
                if (blocked) continue;
                needed = DecimalMath.Exp((DecimalMath.Ln(pass) - log) / e);
            }
            var others = members.Where(m => m != z).Select(m => year.Values[m][i]).OfType<decimal>().ToList();
            var current = year.Values[z][i];
            if (!Required(normalisation, indicator, others, current, needed, out var required)) continue;

            // A value that suffices whatever it is: score it as the weakest value the zone could report.
            var probe = required ?? Weakest(indicator, others);
            var newScores = (decimal[])scores.Clone();
            newScores[i] = Scoring.Of(normalisation, indicator, others, probe);
            var newComposite = shape.Aggregate(newScores).Composite;
            if (newComposite < pass - 1e-12m) continue;
            decimal? relative = required is { } r && current is { } c && c != 0 ? Math.Abs(r - c) / Math.Abs(c) : null;
            options.Add(new IndicatorImprovement(indicator.Code, current, required, scores[i], needed, relative, newComposite));
        }
        if (options.Count == 0) return null;
        var ordered = options.OrderBy(o => o.RelativeChange is null ? 1 : 0).ThenBy(o => o.RelativeChange ?? 0)
            .ThenBy(o => o.Code, StringComparer.Ordinal).ToList();
        return new PassLineImprovement(ordered[0], ordered);
    }

    private static decimal Weakest(IndicatorDefinition indicator, List<decimal> others) =>
        others.Count == 0 ? 0 : indicator.Direction == Direction.Positive ? others.Min() : others.Max();

    /// <summary>
    /// The least improved value that scores at least <paramref name="needed"/>; false when none can, true with a
    /// null value when any reported value would.
    /// </summary>
    private static bool Required(Normalisation normalisation, IndicatorDefinition indicator, List<decimal> others, decimal? current, decimal needed,
        out decimal? required)
    {
        required = null;
        var positive = indicator.Direction == Direction.Positive;
        if (normalisation == Normalisation.ZScore) return Bisect(indicator, others, current, needed, out required);
        if (needed > 100) return false;
        if (indicator.ExpertScore)
        {
            required = Math.Max(needed, 0);
            return true;
        }
        switch (normalisation)
        {
            case Normalisation.Efficacy:
            case Normalisation.MinMax:
            {
                var (floor, span) = normalisation == Normalisation.Efficacy ? (60m, 40m) : (0m, 100m);
                if (others.Count == 0 || needed <= floor) return true; // any reported value scores at least the floor (100 when alone)
                decimal lo = others.Min(), hi = others.Max();
                if (hi == lo)
                {
                    required = lo; // equal to the others scores 100, anything worse the floor
                    return true;
                }
                var t = (needed - floor) / span;
                required = positive ? lo + t * (hi - lo) : hi - t * (hi - lo);
                return true;
            }
            case Normalisation.Goalposts:
            {
                if (needed <= 0) return true;
                var low = indicator.GoalLow!.Value;
                var high = indicator.GoalHigh!.Value;
                required = positive ? low + needed / 100 * (high - low) : high - needed / 100 * (high - low);
                return true;
            }
            case Normalisation.Rank:
            {
                // score = 100 · (1 + others not better) / (others + 1) ≥ needed.
                var n = others.Count + 1;
                var count = (int)Math.Ceiling(needed * n / 100 - 1 - 1e-20m);
                if (count <= 0) return true;
                var sorted = positive ? others.OrderBy(v => v).ToList() : others.OrderByDescending(v => v).ToList();
                required = sorted[count - 1];
                return true;
            }
            default:
                return false;
        }
    }

    /// <summary>Z-scores: the zone's z rises monotonically with its value but the mean and sd move too, so bisect.</summary>
    private static bool Bisect(IndicatorDefinition indicator, List<decimal> others, decimal? current, decimal needed, out decimal? required)
    {
        required = null;
        var sign = indicator.Direction == Direction.Positive ? 1m : -1m;
        decimal Score(decimal u) => Scoring.Of(Normalisation.ZScore, indicator, others, sign * u);
        if (others.Count == 0) return needed <= 0; // alone: any value scores 0
        try
        {
            var better = others.Select(v => sign * v).ToList();
            var range = Math.Max(1, Math.Max(better.Max() - better.Min(), Math.Abs(better.Max())));
            decimal low;
            if (current is { } c) low = sign * c;
            else
            {
                low = better.Min() - range;
                var steps = 0;
                while (Score(low) >= needed)
                {
                    if (++steps > 90) return true; // any value would do
                    low -= range * steps;
                }
            }
            var high = better.Max() + range;
            for (var steps = 0; Score(high) < needed; steps++)
            {
                if (steps > 90) return false;
                high += high - low;
            }
            for (var step = 0; step < 100; step++)
            {
                var middle = (low + high) / 2;
                if (Score(middle) >= needed) high = middle;
                else low = middle;
            }
            required = sign * high;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}

/// <summary>
/// The Monte Carlo rank interval. Raw values are fixed; the scores under each candidate normalisation are
/// computed once (in decimal, then held as double); each replication only draws weight factors and a
/// normalisation, re-aggregates in double and ranks each group. Replication r draws from SplitMix64 seeded with
/// (seed, r), so results do not depend on how replications are spread over threads.
/// </summary>
internal static class MonteCarlo
{
    private static readonly Normalisation[] Drawn = [Normalisation.Efficacy, Normalisation.ZScore, Normalisation.Rank];

    public static RankInterval[] Run(EvaluationModel model, ScoredYear year, SensitivityOptions options)
    {
        if (options.Replications < 1) throw new ArgumentException("at least one replication is needed", nameof(options));
        if (options.WeightSpread < 0 || options.WeightSpread >= 1) throw new ArgumentException("the weight spread must be in [0, 1)", nameof(options));
        var shape = year.Shape;
        var zoneCount = year.Zones.Length;
        var count = shape.Count;
        var dimensionCount = model.Dimensions.Count;
        var geometric = model.Aggregation == Aggregation.Geometric;
        var normalisations = options.VaryNormalisation ? Drawn : [model.Normalisation];

        // Zones laid out group by group: position p holds zone order[p].
        var order = year.GroupMembers.SelectMany(g => g).ToArray();
        var groupStart = new int[year.GroupMembers.Length + 1];
        for (var g = 0; g < year.GroupMembers.Length; g++) groupStart[g + 1] = groupStart[g] + year.GroupMembers[g].Length;
        var maxGroup = year.GroupMembers.Length == 0 ? 0 : year.GroupMembers.Max(g => g.Length);

        var tables = new double[normalisations.Length][];
        for (var t = 0; t < normalisations.Length; t++)
        {
            var scores = year.ScoresUnder(normalisations[t]);
            var table = new double[zoneCount * count];
            for (var p = 0; p < zoneCount; p++)
            {
                for (var i = 0; i < count; i++)
                {
                    var s = (double)scores[order[p]][i];
                    // Geometric: log scores; a drawn z-score enters as e^z (any monotone score serves for ranking).
                    table[p * count + i] = !geometric ? s : normalisations[t] == Normalisation.ZScore ? s : s > 0 ? Math.Log(s) : double.NegativeInfinity;
                }
            }
            tables[t] = table;
        }
        var baseIndicatorWeights = model.Indicators.Select(i => (double)i.Weight).ToArray();
        var baseDimensionWeights = model.Dimensions.Select(d => (double)d.Weight).ToArray();
        var dimensionOf = shape.DimensionOf;
        var spread = (double)options.WeightSpread;
        // Each replication writes its rank of every zone into its own row of one shared table (replication-major, so that a
        // thread writes contiguous memory); the intervals are read from each zone's sorted ranks. Per thread there are only
        // buffers the size of the zones and indicators, not a zones × ranks table.
        var replications = options.Replications;
        var ranks = new int[(long)replications * zoneCount];
        var last = new long[zoneCount];
        var gate = new object();

        Parallel.For(0, replications,
            () => new Buffers(zoneCount, count, dimensionCount, maxGroup),
            (r, _, b) =>
            {
                var random = new SplitMix64(new SplitMix64(((ulong)(uint)options.Seed << 32) | (uint)r).Next());
                var table = tables[normalisations.Length == 1 ? 0 : Math.Min(normalisations.Length - 1, (int)(random.NextDouble() * normalisations.Length))];
                var dimensionTotal = 0.0;
                for (var k = 0; k < dimensionCount; k++)
                {
                    b.DimensionWeights[k] = baseDimensionWeights[k] * (1 - spread + 2 * spread * random.NextDouble());
                    dimensionTotal += b.DimensionWeights[k];
                    b.WithinTotals[k] = 0;
                }
                for (var i = 0; i < count; i++)
                {
                    b.Effective[i] = baseIndicatorWeights[i] * (1 - spread + 2 * spread * random.NextDouble());
                    b.WithinTotals[dimensionOf[i]] += b.Effective[i];
                }
                for (var i = 0; i < count; i++)
                    b.Effective[i] = b.DimensionWeights[dimensionOf[i]] / dimensionTotal * (b.Effective[i] / b.WithinTotals[dimensionOf[i]]);
                for (var p = 0; p < zoneCount; p++)
                {
                    var sum = 0.0;
                    var row = p * count;
                    for (var i = 0; i < count; i++) sum += b.Effective[i] * table[row + i];
                    b.Composite[p] = geometric ? Math.Exp(sum) : sum;
                }
                var mine = ranks.AsSpan((int)((long)r * zoneCount), zoneCount);
                for (var g = 0; g + 1 < groupStart.Length; g++)
                {
                    var start = groupStart[g];
                    var length = groupStart[g + 1] - start;
                    for (var j = 0; j < length; j++)
                    {
                        b.Keys[j] = -b.Composite[start + j];
                        b.Items[j] = start + j;
                    }
                    Array.Sort(b.Keys, b.Items, 0, length);
                    for (var j = 0; j < length; j++)
                    {
                        b.Ranks[j] = j > 0 && b.Keys[j] - b.Keys[j - 1] < 1e-9 ? b.Ranks[j - 1] : j + 1;
                    }
                    var worst = length == 0 ? 0 : b.Ranks[length - 1];
                    for (var j = 0; j < length; j++)
                    {
                        var p = b.Items[j];
                        mine[p] = b.Ranks[j];
                        if (worst > 1 && b.Ranks[j] == worst) b.Last[p]++;
                    }
                }
                return b;
            },
            b =>
            {
                lock (gate)
                {
                    for (var p = 0; p < zoneCount; p++) last[p] += b.Last[p];
                }
            });

        var n = (long)replications;
        var result = new RankInterval[zoneCount];
        // The nearest-rank positions asked for, ascending: 5th percentile, the median (one or two middle positions), 95th.
        long[] positions = n % 2 == 1
            ? [Math.Max(1, (long)Math.Ceiling(0.05m * n)), (n + 1) / 2, Math.Max(1, (long)Math.Ceiling(0.95m * n))]
            : [Math.Max(1, (long)Math.Ceiling(0.05m * n)), n / 2, n / 2 + 1, Math.Max(1, (long)Math.Ceiling(0.95m * n))];
        // Zones in blocks of 16 (one cache line of a replication's row): a block reads the table once, counting each of its
        // zones' ranks (ranks run from 1 to the largest group); one walk over a zone's counts then finds every position.
        Parallel.For(0, (zoneCount + Block - 1) / Block, () => (Counts: new int[Block * (maxGroup + 1)], Found: new int[positions.Length]), (block, _, local) =>
        {
            Intervals(ranks, replications, zoneCount, maxGroup, block * Block, positions, local.Counts, local.Found, order, last, result);
            return local;
        }, _ => { });
        return result;
    }

    private const int Block = 16;

    /// <summary>The intervals of the zones at positions <paramref name="first"/> … <paramref name="first"/> + 15 of the table.</summary>
    // Runs once per evaluation over every replication: compiled fully optimised at once rather than from unoptimised code.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Intervals(int[] ranks, int replications, int zoneCount, int maxGroup, int first, long[] positions, int[] counts, int[] found,
        int[] order, long[] last, RankInterval[] result)
    {
        var n = (long)replications;
        var width = Math.Min(Block, zoneCount - first);
        var stride = maxGroup + 1;
        Array.Clear(counts);
        for (var r = 0; r < replications; r++)
        {
            var row = (long)r * zoneCount + first;
            for (var k = 0; k < width; k++) counts[k * stride + ranks[row + k]]++;
        }
        for (var k = 0; k < width; k++)
        {
            long cumulative = 0;
            var next = 0;
            for (var rank = 1; rank <= maxGroup && next < positions.Length; rank++)
            {
                cumulative += counts[k * stride + rank];
                while (next < positions.Length && cumulative >= positions[next]) found[next++] = rank;
            }
            while (next < positions.Length) found[next++] = maxGroup;
            decimal median = n % 2 == 1 ? found[1] : (found[1] + found[2]) / 2m;
            var p = first + k;
            result[order[p]] = new RankInterval(median, found[0], found[^1], (decimal)last[p] / n);
        }
    }

    private sealed class Buffers(int zones, int indicators, int dimensions, int maxGroup)
    {
        public readonly double[] Effective = new double[indicators];
        public readonly double[] DimensionWeights = new double[dimensions];
        public readonly double[] WithinTotals = new double[dimensions];
        public readonly double[] Composite = new double[zones];
        public readonly double[] Keys = new double[maxGroup];
        public readonly int[] Items = new int[maxGroup];
        public readonly int[] Ranks = new int[maxGroup];
        public readonly long[] Last = new long[zones];
    }

    /// <summary>SplitMix64 (Steele, Lea, Flood 2014): small, fast, and fully determined by its 64-bit state.</summary>
    private struct SplitMix64(ulong state)
    {
        private ulong _state = state;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
    }
}
