using Gaoxin.Core.Applications;

namespace Gaoxin.Core.Tests.Applications;

public class ExpertReviewTests
{
    // 去掉最高分和最低分: 5 scores 60, 70, 80, 90, 100 → drop 60 and 100 → (70 + 80 + 90) / 3 = 80.
    // Population SD over all five: mean 80, squares 400 + 100 + 0 + 100 + 400 = 1000, / 5 = 200, √200 = 14.142… → 14.14; range 40.
    [Fact]
    public void Five_scores_drop_the_highest_and_the_lowest()
    {
        var r = ExpertReview.Aggregate([100m, 60m, 80m, 90m, 70m]);

        Assert.Equal(new ReviewResult(5, 1, 80m, 14.14m, 40m, 60m, 100m), r);
    }

    // Two experts (the acceptance journey): 80 and 90, below five scores nothing is dropped → mean 85; SD √25 = 5; range 10.
    [Fact]
    public void Two_scores_are_averaged_without_trimming()
    {
        var r = ExpertReview.Aggregate([80m, 90m]);

        Assert.Equal(new ReviewResult(2, 0, 85m, 5m, 10m, 80m, 90m), r);
    }

    [Theory]
    // count, configured trim, dropped each end
    [InlineData(0, null, 0)]
    [InlineData(4, null, 0)]     // four or fewer: none
    [InlineData(5, null, 1)]     // the default: one each end
    [InlineData(7, 2, 2)]        // configured two: 7 − 4 = 3 left
    [InlineData(5, 2, 2)]        // 5 − 4 = 1 left in the middle: allowed
    [InlineData(6, 3, 0)]        // 6 − 6 = nothing left: none dropped
    [InlineData(9, 0, 0)]        // configured off
    public void Trim_count_depends_on_the_number_of_scores(int count, int? trim, int expected) =>
        Assert.Equal(expected, ExpertReview.TrimFor(count, trim));

    // Ties at the extremes: 70, 70, 80, 90, 90 → one 70 and one 90 dropped → (70 + 80 + 90) / 3 = 80.
    [Fact]
    public void Tied_extremes_drop_one_each()
    {
        var r = ExpertReview.Aggregate([70m, 90m, 80m, 70m, 90m]);

        Assert.Equal(80m, r.Mean);
        Assert.Equal(20m, r.Range);
    }

    // A mean that does not divide evenly: 70, 75, 81 → 226 / 3 = 75.333… → 75.33.
    [Fact]
    public void Mean_is_rounded_to_two_decimals()
    {
        Assert.Equal(75.33m, ExpertReview.Aggregate([70m, 75m, 81m]).Mean);
    }

    [Fact]
    public void No_scores_give_no_figures()
    {
        Assert.Equal(new ReviewResult(0, 0, null, null, null, null, null), ExpertReview.Aggregate([]));
    }

    [Theory]
    [InlineData(null, "score_required")]
    [InlineData(-1.0, "score_out_of_range")]
    [InlineData(100.5, "score_out_of_range")]
    [InlineData(0.0, null)]
    [InlineData(100.0, null)]
    public void Scores_are_from_zero_to_one_hundred(double? score, string? expected) =>
        Assert.Equal(expected, ExpertReview.CheckScore(score is { } s ? (decimal)s : null));

    [Fact]
    public void A_declared_conflict_excludes_the_expert_from_that_zone_only()
    {
        var conflicts = new[] { ("wang", "SY") };

        Assert.True(ExpertReview.IsConflicted("wang", "SY", conflicts));
        Assert.False(ExpertReview.IsConflicted("wang", "DL", conflicts));
        Assert.False(ExpertReview.IsConflicted("li", "SY", conflicts));
    }

    [Fact]
    public void Before_the_panel_closes_an_expert_sees_only_their_own_score()
    {
        var scores = new[] { ("wang", 80m), ("li", 90m) };

        Assert.Equal([("wang", 80m)], ExpertReview.Visible("wang", closed: false, scores));
        Assert.Equal(scores, ExpertReview.Visible("wang", closed: true, scores));
    }
}
