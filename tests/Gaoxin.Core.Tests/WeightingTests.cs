using Gaoxin.Core.Evaluation;

namespace Gaoxin.Core.Tests;

/// <summary>Entropy weights (熵权法), AHP (层次分析法) and effective weights, each against values worked out by hand.</summary>
public class WeightingTests
{
    private const decimal Tolerance = 1e-15m;

    private static void Near(double expected, decimal actual, decimal tolerance = Tolerance) =>
        Assert.True(Math.Abs((decimal)expected - actual) <= tolerance, $"expected {expected}, found {actual}");

    [Fact]
    public void Entropy_weights_of_a_small_matrix_match_the_hand_computation()
    {
        // 4 zones × 3 criteria.
        //  c1 (+): 1, 2, 3, 4   → x' = 0, 1/3, 2/3, 1 → p = 0, 1/6, 2/6, 3/6
        //          H = (1/6)ln6 + (1/3)ln3 + (1/2)ln2 = (2/3)ln2 + (1/2)ln3;  e1 = H/ln4 = 1/3 + ln3/(4 ln2) = 0.729574
        //          d1 = 2/3 − ln3/(4 ln2) = 0.270426
        //  c2 (−): 10, 10, 10, 20 → x' = (20 − x)/10 = 1, 1, 1, 0 → p = 1/3, 1/3, 1/3, 0
        //          H = ln3;  e2 = ln3/ln4 = 0.792481;  d2 = 1 − ln3/(2 ln2) = 0.207519
        //  c3 (+): 5, 5, 5, 5 → does not vary: d3 = 0
        //  w = d/Σd: w1 = 0.270426/0.477945 = 0.565810, w2 = 0.434190, w3 = 0
        decimal[][] matrix = [[1, 10, 5], [2, 10, 5], [3, 10, 5], [4, 20, 5]];
        var ln2 = Math.Log(2);
        var ln3 = Math.Log(3);
        var d1 = 2.0 / 3 - ln3 / (4 * ln2);
        var d2 = 1 - ln3 / (2 * ln2);

        var weights = Weighting.Entropy(matrix, [Direction.Positive, Direction.Negative, Direction.Positive]);

        Near(d1 / (d1 + d2), weights[0], 1e-14m);
        Near(d2 / (d1 + d2), weights[1], 1e-14m);
        Assert.Equal(0m, weights[2]);
        Near(0.565810, weights[0], 1e-6m);
        Assert.Equal(1m, Math.Round(weights.Sum(), 20));
    }

    [Fact]
    public void Entropy_refuses_a_matrix_where_nothing_varies() =>
        Assert.Throws<ArgumentException>(() => Weighting.Entropy([[1m, 2m], [1m, 2m]], [Direction.Positive, Direction.Positive]));

    [Fact]
    public void Entropy_needs_two_alternatives() =>
        Assert.Throws<ArgumentException>(() => Weighting.Entropy([[1m, 2m]], [Direction.Positive, Direction.Positive]));

    [Fact]
    public void Ahp_on_a_consistent_matrix_gives_its_ratios_and_CR_zero()
    {
        // a_ij = w_i / w_j with w = (4, 2, 1)/7: every column is proportional to w, so A·w = 3·w exactly:
        // weights 4/7, 2/7, 1/7; λmax = n = 3; CI = (3 − 3)/2 = 0; CR = 0/0.58 = 0 → accepted.
        decimal[][] matrix = [[1, 2, 4], [0.5m, 1, 2], [0.25m, 0.5m, 1]];

        var result = Weighting.Ahp(matrix);

        Assert.True(result.Accepted);
        Near(4.0 / 7, result.Weights![0]);
        Near(2.0 / 7, result.Weights[1]);
        Near(1.0 / 7, result.Weights[2]);
        Near(3, result.LambdaMax);
        Near(0, result.ConsistencyIndex);
        Assert.Equal(0.58m, result.RandomIndex);
        Near(0, result.ConsistencyRatio);
    }

    [Fact]
    public void Ahp_refuses_an_inconsistent_matrix_and_reports_its_CR()
    {
        // A circular preference (1 over 2 twice, 2 over 3 twice, 3 over 1 twice) is a circulant matrix: its principal
        // eigenvector is uniform and λmax is a row sum, 1 + 2 + 1/2 = 3.5.
        // CI = (3.5 − 3)/(3 − 1) = 0.25; CR = 0.25/0.58 = 0.431034… > 0.1 → refused.
        decimal[][] matrix = [[1, 2, 0.5m], [0.5m, 1, 2], [2, 0.5m, 1]];

        var result = Weighting.Ahp(matrix);

        Assert.False(result.Accepted);
        Assert.Null(result.Weights);
        Near(3.5, result.LambdaMax);
        Near(0.25, result.ConsistencyIndex);
        Near(0.25 / 0.58, result.ConsistencyRatio, 1e-14m);
    }

    [Fact]
    public void Ahp_with_two_criteria_is_always_consistent()
    {
        // [[1, 3], [1/3, 1]] → w = (3/4, 1/4); n ≤ 2 → CI = RI = CR = 0.
        var result = Weighting.Ahp([[1m, 3m], [1m / 3, 1m]]);

        Assert.True(result.Accepted);
        Near(0.75, result.Weights![0]);
        Near(0.25, result.Weights[1]);
        Assert.Equal(0m, result.ConsistencyRatio);
    }

    [Fact]
    public void Ahp_accepts_rounded_reciprocals_and_refuses_broken_ones()
    {
        // 1/3 typed as 0.333 is within 1% of the reciprocal; 0.5 against 3 is not.
        Assert.True(Weighting.Ahp([[1m, 3m, 3m], [0.333m, 1m, 1m], [0.333m, 1m, 1m]]).Accepted);
        Assert.Throws<ArgumentException>(() => Weighting.Ahp([[1m, 3m], [0.5m, 1m]]));
        Assert.Throws<ArgumentException>(() => Weighting.Ahp([[1m, 3m], [1m / 3, 2m]]));
    }

    [Fact]
    public void Effective_weights_are_the_dimension_share_times_the_share_within_it()
    {
        // Dimensions a (W = 3) and b (W = 1): a carries 3/4, b 1/4. In a, X1 (a = 1) and X2 (a = 3):
        // X1 = 3/4 · 1/4 = 3/16, X2 = 3/4 · 3/4 = 9/16; in b, Y1 alone = 1/4.
        var weights = Weighting.EffectiveWeights(EvaluationEngineTests.WorkedModel);

        Assert.Equal(3m / 16, weights["X1"]);
        Assert.Equal(9m / 16, weights["X2"]);
        Assert.Equal(1m / 4, weights["Y1"]);
    }

    [Fact]
    public void Effective_weights_of_the_default_model_are_one_sixteenth_each()
    {
        // 4 dimensions × 0.25, 4 indicators × 1 in each: 0.25 · 1/4 = 1/16.
        var weights = Weighting.EffectiveWeights(EvaluationModelParserTests.LoadDefault());

        Assert.Equal(16, weights.Count);
        Assert.All(weights.Values, w => Assert.Equal(0.0625m, w));
    }
}
