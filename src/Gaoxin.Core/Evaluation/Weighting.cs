namespace Gaoxin.Core.Evaluation;

/// <summary>
/// The outcome of the analytic hierarchy process (AHP, 层次分析法) on one pairwise comparison matrix.
/// </summary>
/// <param name="Weights">The priority weights (summing to 1), or null when the matrix was refused because CR &gt; 0.1.</param>
/// <param name="LambdaMax">The principal eigenvalue λmax.</param>
/// <param name="ConsistencyIndex">CI = (λmax − n)/(n − 1), 0 for n ≤ 2 (never below 0).</param>
/// <param name="RandomIndex">Saaty's random index RI for n (0 for n ≤ 2).</param>
/// <param name="ConsistencyRatio">CR = CI/RI (0 for n ≤ 2).</param>
public sealed record AhpResult(IReadOnlyList<decimal>? Weights, decimal LambdaMax, decimal ConsistencyIndex, decimal RandomIndex, decimal ConsistencyRatio)
{
    /// <summary>Largest consistency ratio accepted.</summary>
    public const decimal MaximumConsistencyRatio = 0.1m;

    /// <summary>True when the matrix is consistent enough (CR ≤ 0.1) and <see cref="Weights"/> holds the weights.</summary>
    public bool Accepted => Weights is not null;
}

/// <summary>
/// Ways to derive weights: the entropy weight method (熵权法) from data, the analytic hierarchy process
/// (层次分析法) from expert pairwise comparisons, and the effective weight of each indicator in a model.
/// All in decimal arithmetic.
/// </summary>
public static class Weighting
{
    /// <summary>Saaty's random consistency index RI for n = 1..10.</summary>
    public static readonly IReadOnlyList<decimal> RandomIndices = [0m, 0m, 0.58m, 0.90m, 1.12m, 1.24m, 1.32m, 1.41m, 1.45m, 1.49m];

    /// <summary>
    /// Entropy weight method (熵权法), textbook form: each criterion j is first standardised by min-max over the m
    /// alternatives (x' = (x − min)/(max − min), or (max − x)/(max − min) for a negative criterion), then
    /// p_ij = x'_ij / Σ_i x'_ij, e_j = −(1/ln m) Σ_i p_ij ln p_ij (with 0·ln 0 = 0), d_j = 1 − e_j and
    /// w_j = d_j / Σ d. A criterion that does not vary carries no information: e = 1, d = 0, weight 0.
    /// </summary>
    /// <param name="matrix">One row per alternative (zone), one column per criterion (indicator); at least 2 rows.</param>
    /// <param name="directions">The direction of each criterion; its count fixes the number of columns.</param>
    /// <exception cref="ArgumentException">Fewer than 2 rows, a row of the wrong length, or no criterion varies.</exception>
    public static IReadOnlyList<decimal> Entropy(IReadOnlyList<IReadOnlyList<decimal>> matrix, IReadOnlyList<Direction> directions)
    {
        var m = matrix.Count;
        var n = directions.Count;
        if (m < 2) throw new ArgumentException("the entropy method needs at least 2 alternatives", nameof(matrix));
        if (n < 1) throw new ArgumentException("the entropy method needs at least 1 criterion", nameof(directions));
        foreach (var row in matrix)
            if (row.Count != n) throw new ArgumentException($"every row must have {n} values", nameof(matrix));

        var lnM = DecimalMath.Ln(m);
        var d = new decimal[n];
        for (var j = 0; j < n; j++)
        {
            decimal lo = matrix[0][j], hi = lo;
            for (var i = 1; i < m; i++)
            {
                lo = Math.Min(lo, matrix[i][j]);
                hi = Math.Max(hi, matrix[i][j]);
            }
            if (hi == lo) continue; // d = 0
            var standardised = new decimal[m];
            var sum = 0m;
            for (var i = 0; i < m; i++)
            {
                standardised[i] = directions[j] == Direction.Positive ? (matrix[i][j] - lo) / (hi - lo) : (hi - matrix[i][j]) / (hi - lo);
                sum += standardised[i];
            }
            var entropy = 0m;
            for (var i = 0; i < m; i++)
            {
                var p = standardised[i] / sum;
                if (p > 0) entropy -= p * DecimalMath.Ln(p);
            }
            d[j] = 1 - entropy / lnM;
        }
        var total = d.Sum();
        if (total <= 0) throw new ArgumentException("no criterion varies across the alternatives; the entropy method gives no weights", nameof(matrix));
        return d.Select(x => x / total).ToArray();
    }

    /// <summary>
    /// Analytic hierarchy process on a reciprocal pairwise comparison matrix (a_ij = how much more important i is
    /// than j, a_ji = 1/a_ij). Weights are the principal eigenvector, found by power iteration and scaled to sum 1;
    /// λmax = (1/n) Σ (A·w)_i / w_i; CI = (λmax − n)/(n − 1); CR = CI/RI with Saaty's RI (n = 1..10). A matrix with
    /// CR &gt; 0.1 is refused (<see cref="AhpResult.Weights"/> null, its CR reported); n ≤ 2 is always consistent.
    /// </summary>
    /// <param name="pairwise">The n×n matrix, 1 ≤ n ≤ 10, positive, 1 on the diagonal, reciprocal within 1% (so 1/3 may be entered as 0.333).</param>
    /// <exception cref="ArgumentException">The matrix is not square, not positive, not reciprocal, or larger than 10×10.</exception>
    public static AhpResult Ahp(IReadOnlyList<IReadOnlyList<decimal>> pairwise)
    {
        var n = pairwise.Count;
        if (n < 1 || n > RandomIndices.Count)
            throw new ArgumentException($"AHP needs between 1 and {RandomIndices.Count} criteria, found {n}", nameof(pairwise));
        for (var i = 0; i < n; i++)
        {
            if (pairwise[i].Count != n) throw new ArgumentException($"the matrix must be square ({n}×{n})", nameof(pairwise));
            for (var j = 0; j < n; j++)
            {
                if (pairwise[i][j] <= 0) throw new ArgumentException($"entry [{i},{j}] must be positive", nameof(pairwise));
            }
        }
        for (var i = 0; i < n; i++)
        {
            if (Math.Abs(pairwise[i][i] - 1) > 1e-9m) throw new ArgumentException($"entry [{i},{i}] must be 1", nameof(pairwise));
            for (var j = i + 1; j < n; j++)
            {
                if (Math.Abs(pairwise[i][j] * pairwise[j][i] - 1) > 0.01m)
                    throw new ArgumentException($"entries [{i},{j}] and [{j},{i}] must be reciprocal", nameof(pairwise));
            }
        }

        var w = Enumerable.Repeat(1m / n, n).ToArray();
        var product = new decimal[n];
        for (var iteration = 0; iteration < 1000; iteration++)
        {
            Multiply(pairwise, w, product);
            var sum = product.Sum();
            var change = 0m;
            for (var i = 0; i < n; i++)
            {
                var next = product[i] / sum;
                change = Math.Max(change, Math.Abs(next - w[i]));
                w[i] = next;
            }
            if (change < 1e-25m) break;
        }
        Multiply(pairwise, w, product);
        var lambda = 0m;
        for (var i = 0; i < n; i++) lambda += product[i] / w[i];
        lambda /= n;
        if (n <= 2) return new AhpResult(w, lambda, 0, 0, 0);
        var ci = Math.Max(0, (lambda - n) / (n - 1));
        var ri = RandomIndices[n - 1];
        var cr = ci / ri;
        return new AhpResult(cr > AhpResult.MaximumConsistencyRatio ? null : w, lambda, ci, ri, cr);
    }

    private static void Multiply(IReadOnlyList<IReadOnlyList<decimal>> a, decimal[] w, decimal[] result)
    {
        for (var i = 0; i < w.Length; i++)
        {
            var s = 0m;
            for (var j = 0; j < w.Length; j++) s += a[i][j] * w[j];
            result[i] = s;
        }
    }

    /// <summary>
    /// The effective weight of each indicator in the composite: W_k/ΣW × a_i/Σa (the sum over its dimension's
    /// indicators). The effective weights of a model sum to 1; under arithmetic aggregation the composite is
    /// Σ effective weight × score.
    /// </summary>
    public static IReadOnlyDictionary<string, decimal> EffectiveWeights(EvaluationModel model)
    {
        var totalDimensionWeight = model.Dimensions.Sum(d => d.Weight);
        var result = new Dictionary<string, decimal>();
        foreach (var dimension in model.Dimensions)
        {
            var withinTotal = model.Indicators.Where(i => i.Dimension == dimension.Code).Sum(i => i.Weight);
            foreach (var indicator in model.Indicators.Where(i => i.Dimension == dimension.Code))
                result[indicator.Code] = dimension.Weight / totalDimensionWeight * (indicator.Weight / withinTotal);
        }
        return result;
    }
}

/// <summary>Square root, natural logarithm, exponential and power in decimal arithmetic (about 26 significant digits).</summary>
internal static class DecimalMath
{
    private const decimal Ln2 = 0.6931471805599453094172321215m;

    public static decimal Sqrt(decimal x)
    {
        if (x < 0) throw new ArgumentOutOfRangeException(nameof(x), "square root of a negative number");
        if (x == 0) return 0;
        var r = (decimal)Math.Sqrt((double)x);
        for (var i = 0; i < 8; i++)
        {
            var next = (r + x / r) / 2;
            if (next == r) break;
            r = next;
        }
        return r;
    }

    public static decimal Ln(decimal x)
    {
        if (x <= 0) throw new ArgumentOutOfRangeException(nameof(x), "logarithm of a number that is not positive");
        var k = 0;
        while (x >= 2) { x /= 2; k++; }
        while (x < 1) { x *= 2; k--; }
        // ln m = 2·atanh(y) with y = (m − 1)/(m + 1) in [0, 1/3).
        var y = (x - 1) / (x + 1);
        var y2 = y * y;
        var term = y;
        var sum = 0m;
        for (var n = 1; term != 0 && n < 400; n += 2)
        {
            sum += term / n;
            term *= y2;
        }
        return 2 * sum + k * Ln2;
    }

    public static decimal Exp(decimal x)
    {
        if (x == 0) return 1;
        if (x < -66) return 0;
        if (x > 66) throw new OverflowException("exponential too large for decimal");
        var k = (int)Math.Round(x / Ln2);
        var r = x - k * Ln2;
        decimal term = 1, sum = 1;
        for (var n = 1; n < 100; n++)
        {
            term = term * r / n;
            if (term == 0) break;
            sum += term;
        }
        for (; k > 0; k--) sum *= 2;
        for (; k < 0; k++) sum /= 2;
        return sum;
    }

    /// <summary>b^e for b ≥ 0; 0^e = 0 for e &gt; 0.</summary>
    public static decimal Pow(decimal b, decimal e) => b == 0 ? 0 : Exp(e * Ln(b));
}
