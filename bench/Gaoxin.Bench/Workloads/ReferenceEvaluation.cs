using Gaoxin.Core.Evaluation;

namespace Gaoxin.Bench.Workloads;

/// <summary>
/// W4's peer: a straightforward implementation of docs/evaluation-model.md written from the text, the way an analyst
/// would (COINr-style): every Monte Carlo replication recomputes every score from the raw values in decimal under
/// the drawn normalisation, ranks with LINQ sorts, and keeps every rank for percentiles. Same random draws as the
/// engine (SplitMix64 seeded with (seed, replication)), so the results must be equal. Arithmetic aggregation only
/// (both bundled models are arithmetic).
/// </summary>
public static class ReferenceEvaluation
{
    public sealed record Result(string[] Zones, decimal?[][] Values, decimal[][] Scores, decimal[] Composites, int[] Ranks, RankInterval[]? Intervals);

    private static readonly Normalisation[] Drawn = [Normalisation.Efficacy, Normalisation.ZScore, Normalisation.Rank];

    public static Result Run(EvaluationModel model, EvaluationInput input, SensitivityOptions? sensitivity)
    {
        if (model.Aggregation != Aggregation.Arithmetic) throw new NotSupportedException("the reference implements arithmetic aggregation only");
        var zones = input.Zones.Select(z => z.Zone).ToArray();
        var n = zones.Length;
        var m = model.Indicators.Count;

        // Rule 1: values.
        var values = new decimal?[n][];
        for (var z = 0; z < n; z++)
        {
            values[z] = new decimal?[m];
            for (var i = 0; i < m; i++)
            {
                var zone = zones[z];
                values[z][i] = model.Indicators[i].Formula.Evaluate((element, lag) => input.Values(zone, element, input.Year - lag));
            }
        }

        // Groups as first seen.
        var groupOf = input.Zones.Select(z => model.Grouping == "none" ? "all" : z.Group).ToArray();
        var groups = groupOf.Distinct().Select(g => Enumerable.Range(0, n).Where(z => groupOf[z] == g).ToArray()).ToArray();

        var scores = ScoresUnder(model, model.Normalisation, values, groups);
        var composites = new decimal[n];
        for (var z = 0; z < n; z++) composites[z] = Composite(model, scores[z]);
        var ranks = new int[n];
        foreach (var group in groups)
        {
            var ordered = group.OrderByDescending(z => composites[z]).ThenBy(z => zones[z], StringComparer.Ordinal).ToList();
            for (var j = 0; j < ordered.Count; j++)
                ranks[ordered[j]] = j > 0 && composites[ordered[j - 1]] - composites[ordered[j]] < EvaluationEngine.TieTolerance ? ranks[ordered[j - 1]] : j + 1;
        }

        RankInterval[]? intervals = null;
        if (sensitivity is not null) intervals = MonteCarlo(model, values, groups, sensitivity);
        return new Result(zones, values, scores, composites, ranks, intervals);
    }

    /// <summary>Rules 3 and 4: dimension scores as weighted means of indicator scores, then the composite.</summary>
    private static decimal Composite(EvaluationModel model, decimal[] scores)
    {
        var dims = new decimal[model.Dimensions.Count];
        var within = new decimal[model.Dimensions.Count];
        var dimOf = model.Indicators.Select(i => model.Dimensions.ToList().FindIndex(d => d.Code == i.Dimension)).ToArray();
        for (var i = 0; i < scores.Length; i++)
        {
            dims[dimOf[i]] += model.Indicators[i].Weight * scores[i];
            within[dimOf[i]] += model.Indicators[i].Weight;
        }
        var composite = 0m;
        for (var k = 0; k < dims.Length; k++)
        {
            dims[k] /= within[k];
            composite += model.Dimensions[k].Weight * dims[k];
        }
        return composite / model.Dimensions.Sum(d => d.Weight);
    }

    private static decimal[][] ScoresUnder(EvaluationModel model, Normalisation normalisation, decimal?[][] values, int[][] groups)
    {
        var scores = values.Select(_ => new decimal[model.Indicators.Count]).ToArray();
        foreach (var group in groups)
        {
            for (var i = 0; i < model.Indicators.Count; i++)
            {
                var column = group.Select(z => values[z][i]).ToList();
                var scored = Column(normalisation, model.Indicators[i], column);
                for (var j = 0; j < group.Length; j++) scores[group[j]][i] = scored[j];
            }
        }
        return scores;
    }

    /// <summary>Rule 2 for one indicator over one group, straight from the definitions.</summary>
    private static List<decimal> Column(Normalisation normalisation, IndicatorDefinition indicator, List<decimal?> column)
    {
        var positive = indicator.Direction == Direction.Positive;
        if (indicator.ExpertScore && normalisation != Normalisation.ZScore) return column.Select(v => v is { } e ? Math.Clamp(e, 0, 100) : 0).ToList();
        var present = column.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        switch (normalisation)
        {
            case Normalisation.Efficacy:
            case Normalisation.MinMax:
            {
                decimal lo = present.Count > 0 ? present.Min() : 0, hi = present.Count > 0 ? present.Max() : 0;
                var (floor, span) = normalisation == Normalisation.Efficacy ? (60m, 40m) : (0m, 100m);
                return column.Select(v => v is not { } x ? 0 : hi == lo ? 100 : floor + span * (positive ? x - lo : hi - x) / (hi - lo)).ToList();
            }
            case Normalisation.Rank:
                // Share of present values not better than x, counted for each zone.
                return column.Select(v => v is not { } x ? 0 : 100m * present.Count(o => positive ? o <= x : o >= x) / present.Count).ToList();
            case Normalisation.ZScore:
            {
                var mean = present.Count > 0 ? present.Sum() / present.Count : 0;
                var squares = 0m;
                foreach (var v in present) squares += (v - mean) * (v - mean);
                var sd = present.Count > 0 ? Sqrt(squares / present.Count) : 0;
                decimal Z(decimal x) => sd == 0 ? 0 : (positive ? x - mean : mean - x) / sd;
                var weakest = present.Count == 0 ? 0 : present.Min(Z);
                return column.Select(v => v is { } y ? Z(y) : weakest - 1).ToList();
            }
            case Normalisation.Goalposts:
            {
                var low = indicator.GoalLow!.Value;
                var high = indicator.GoalHigh!.Value;
                return column.Select(v => v is not { } x ? 0 : 100 * Math.Clamp((positive ? x - low : high - x) / (high - low), 0, 1)).ToList();
            }
            default:
                throw new InvalidOperationException(normalisation.ToString());
        }
    }

    /// <summary>Newton's method in decimal.</summary>
    private static decimal Sqrt(decimal x)
    {
        if (x <= 0) return 0;
        var guess = (decimal)Math.Sqrt((double)x);
        for (var k = 0; k < 6; k++)
        {
            if (guess == 0) return 0;
            guess = (guess + x / guess) / 2;
        }
        return guess;
    }

    private static RankInterval[] MonteCarlo(EvaluationModel model, decimal?[][] values, int[][] groups, SensitivityOptions options)
    {
        var n = values.Length;
        var normalisations = options.VaryNormalisation ? Drawn : [model.Normalisation];
        var dimOf = model.Indicators.Select(i => model.Dimensions.ToList().FindIndex(d => d.Code == i.Dimension)).ToArray();
        var spread = (double)options.WeightSpread;
        var ranks = Enumerable.Range(0, n).Select(_ => new List<int>(options.Replications)).ToArray();
        var last = new int[n];
        for (var r = 0; r < options.Replications; r++)
        {
            var random = new SplitMix64(new SplitMix64(((ulong)(uint)options.Seed << 32) | (uint)r).Next());
            var normalisation = normalisations.Length == 1 ? normalisations[0]
                : normalisations[Math.Min(normalisations.Length - 1, (int)(random.NextDouble() * normalisations.Length))];
            var dimensionWeights = model.Dimensions.Select(d => (double)d.Weight * (1 - spread + 2 * spread * random.NextDouble())).ToArray();
            var dimensionTotal = 0.0;
            foreach (var w in dimensionWeights) dimensionTotal += w;
            var weights = new double[model.Indicators.Count];
            var within = new double[model.Dimensions.Count];
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] = (double)model.Indicators[i].Weight * (1 - spread + 2 * spread * random.NextDouble());
                within[dimOf[i]] += weights[i];
            }
            for (var i = 0; i < weights.Length; i++)
                weights[i] = dimensionWeights[dimOf[i]] / dimensionTotal * (weights[i] / within[dimOf[i]]);

            var scores = ScoresUnder(model, normalisation, values, groups);
            var composite = new double[n];
            for (var z = 0; z < n; z++)
            {
                var sum = 0.0;
                for (var i = 0; i < weights.Length; i++) sum += weights[i] * (double)scores[z][i];
                composite[z] = sum;
            }
            foreach (var group in groups)
            {
                var ordered = group.OrderBy(z => -composite[z]).ToList();
                var rankOf = new int[ordered.Count];
                for (var j = 0; j < ordered.Count; j++)
                    rankOf[j] = j > 0 && -composite[ordered[j]] - -composite[ordered[j - 1]] < 1e-9 ? rankOf[j - 1] : j + 1;
                var worst = ordered.Count == 0 ? 0 : rankOf[^1];
                for (var j = 0; j < ordered.Count; j++)
                {
                    ranks[ordered[j]].Add(rankOf[j]);
                    if (worst > 1 && rankOf[j] == worst) last[ordered[j]]++;
                }
            }
        }

        var result = new RankInterval[n];
        long count = options.Replications;
        for (var z = 0; z < n; z++)
        {
            var sorted = ranks[z].OrderBy(x => x).ToList();
            int At(long position) => sorted[(int)position - 1];
            var median = count % 2 == 1 ? At((count + 1) / 2) : (At(count / 2) + At(count / 2 + 1)) / 2m;
            result[z] = new RankInterval(median, At(Math.Max(1, (long)Math.Ceiling(0.05m * count))),
                At(Math.Max(1, (long)Math.Ceiling(0.95m * count))), (decimal)last[z] / count);
        }
        return result;
    }

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

        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
    }
}
