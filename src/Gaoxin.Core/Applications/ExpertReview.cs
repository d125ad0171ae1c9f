namespace Gaoxin.Core.Applications;

/// <summary>
/// A panel's scores aggregated: the mean after dropping <see cref="Trimmed"/> scores at each end, and the dispersion of all
/// the scores (population standard deviation, range), so the office sees how far the experts agree.
/// </summary>
public sealed record ReviewResult(int Count, int Trimmed, decimal? Mean, decimal? StandardDeviation, decimal? Range, decimal? Lowest, decimal? Highest);

/// <summary>How expert scores are aggregated, and who may score what.</summary>
public static class ExpertReview
{
    /// <summary>Scores are 0 to 100 (the models' expert-score indicators are entered on that scale).</summary>
    public const decimal MaxScore = 100;

    /// <summary>Below this many scores nothing is dropped: with four or fewer, dropping the extremes leaves too little.</summary>
    public const int MinimumForTrim = 5;

    /// <summary>
    /// How many scores are dropped at each end: <paramref name="trim"/> (default 1) when there are at least
    /// <see cref="MinimumForTrim"/> scores and at least one is left in the middle; none otherwise.
    /// </summary>
    public static int TrimFor(int count, int? trim = null)
    {
        var each = trim ?? 1;
        if (each <= 0 || count < MinimumForTrim) return 0;
        return count - 2 * each >= 1 ? each : 0;
    }

    /// <summary>
    /// The mean after dropping the highest and lowest <see cref="TrimFor"/> scores (去掉最高分和最低分后的平均分), rounded to two
    /// decimals; the standard deviation (population, over all scores) and the range. Every figure is null without scores.
    /// </summary>
    public static ReviewResult Aggregate(IReadOnlyList<decimal> scores, int? trim = null)
    {
        if (scores.Count == 0) return new ReviewResult(0, 0, null, null, null, null, null);
        var sorted = scores.Order().ToList();
        var each = TrimFor(sorted.Count, trim);
        var kept = sorted.Skip(each).Take(sorted.Count - 2 * each).ToList();
        var mean = Math.Round(kept.Sum() / kept.Count, 2, MidpointRounding.AwayFromZero);
        var allMean = sorted.Sum() / sorted.Count;
        var variance = sorted.Sum(s => (s - allMean) * (s - allMean)) / sorted.Count;
        var deviation = Math.Round((decimal)Math.Sqrt((double)variance), 2, MidpointRounding.AwayFromZero);
        return new ReviewResult(sorted.Count, each, mean, deviation, sorted[^1] - sorted[0], sorted[0], sorted[^1]);
    }

    /// <summary>A score is a number from 0 to <see cref="MaxScore"/>; null when valid, else the refusal's code.</summary>
    public static string? CheckScore(decimal? score) => score is not { } s ? "score_required" : s is < 0 or > MaxScore ? "score_out_of_range" : null;

    /// <summary>
    /// An expert who declared a conflict of interest with a zone (利益冲突回避) may not score that zone's items, nor sit on
    /// their panels.
    /// </summary>
    public static bool IsConflicted(string expert, string zone, IEnumerable<(string Expert, string Zone)> conflicts) =>
        conflicts.Any(c => c.Expert == expert && c.Zone == zone);

    /// <summary>
    /// What an expert sees of a panel's scores: every score once the panel is closed; before that only their own, so that
    /// experts score independently.
    /// </summary>
    public static IEnumerable<(string Expert, decimal Score)> Visible(string viewer, bool closed, IEnumerable<(string Expert, decimal Score)> scores) =>
        closed ? scores : scores.Where(s => s.Expert == viewer);
}
