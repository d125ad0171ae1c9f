using Gaoxin.Core.Plans;

namespace Gaoxin.Core.Monitoring;

/// <summary>How a plan target stands in a year (docs/evaluation-model.md, "Plan targets");
/// wire names <c>achieved|on_track|at_risk|off_track|no_data</c>.</summary>
public enum TargetStatus
{
    /// <summary>The target holds in the assessed year (wire name <c>achieved</c>).</summary>
    Achieved,
    /// <summary>Not yet achieved, but at or beyond the linear path (wire name <c>on_track</c>).</summary>
    OnTrack,
    /// <summary>Behind the path by at most a tenth of the distance from baseline to target (wire name <c>at_risk</c>).</summary>
    AtRisk,
    /// <summary>Further behind the path than <see cref="AtRisk"/>, past the upper end of a range,
    /// or no longer meeting a target the baseline already met (wire name <c>off_track</c>).</summary>
    OffTrack,
    /// <summary>The series has no value in the assessed year (wire name <c>no_data</c>).</summary>
    NoData,
}

/// <summary>The least-squares linear trend of a series, evaluated at the target year.</summary>
/// <param name="Value">The trend at <paramref name="Year"/>; null with fewer than two distinct data years.</param>
/// <param name="Year">The target year the trend is evaluated at.</param>
/// <param name="CrossingYear">The first whole year, not before the first data year, at which the trend meets the
/// target (≥ for a rising target, ≤ for a falling one); null when it never does (flat or moving away) or only after
/// the target year + 50.</param>
public sealed record Forecast(decimal? Value, int Year, int? CrossingYear);

/// <summary>A measured value of a target's measure in a year.</summary>
/// <param name="Year">The year the value describes.</param>
/// <param name="Value">The value, in the target's unit (percentages in percent).</param>
public sealed record ProgressPoint(int Year, decimal Value);

/// <summary>The assessment of one target in one year.</summary>
/// <param name="Status">Where the target stands.</param>
/// <param name="Value">The measured value in the assessed year, or null (then <paramref name="Status"/> is
/// <see cref="TargetStatus.NoData"/>).</param>
/// <param name="Path">The linear path from baseline to target at the assessed year (given even without data).</param>
/// <param name="Baseline">The baseline value used.</param>
/// <param name="BaselineYear">The year of the baseline used.</param>
/// <param name="Forecast">The linear forecast for the target year, or null with fewer than two distinct data years.</param>
/// <param name="Rising">True when the target asks the measure to rise (or stay high), false when it asks it to fall.</param>
public sealed record TargetAssessment(
    TargetStatus Status,
    decimal? Value,
    decimal? Path,
    decimal Baseline,
    int BaselineYear,
    Forecast? Forecast,
    bool Rising);

/// <summary>Progress of plan targets: status against the linear path, the least-squares forecast and the check
/// that zone targets add up to a province target (docs/evaluation-model.md, "Plan targets").</summary>
/// <remarks>
/// <para>Direction: a target is rising when its comparator is <see cref="Comparator.AtLeast"/> or
/// <see cref="Comparator.Exactly"/> (an exact count such as 设立2亿元基金 is a floor once reached, whatever the baseline),
/// or <see cref="Comparator.About"/> with target ≥ baseline; it is falling when its comparator is
/// <see cref="Comparator.AtMost"/>, or About with target &lt; baseline (降至…左右). A range target
/// (<see cref="TargetValue.Max"/> set, e.g. 1至2个) is always rising. Every comparison is mirrored for a falling target.</para>
/// <para>Achieved, in the assessed year (which may precede the target year): AtLeast: value ≥ target; AtMost:
/// value ≤ target; Exactly: value ≥ target (an exact count such as 新增10家 is reached once reached); About (左右): |value − target| ≤ 10% of |target|, or beyond the target in
/// its direction. A range is achieved when lower ≤ value ≤ upper; below it the target is judged as AtLeast the
/// lower end; above the upper end it is <see cref="TargetStatus.OffTrack"/>.</para>
/// <para>Otherwise, for a rising target: <see cref="TargetStatus.OnTrack"/> when value ≥ path(t),
/// <see cref="TargetStatus.AtRisk"/> when value ≥ path(t) − 0.1·(target − baseline), else
/// <see cref="TargetStatus.OffTrack"/>; for a falling one: on track when value ≤ path(t), at risk when
/// value ≤ path(t) + 0.1·(baseline − target).</para>
/// <para>A baseline that already meets the target (at or beyond it in the target's direction, e.g. 8 clusters over 200亿元
/// against 超200亿元产业集群6个) leaves nothing to climb: the path is the target itself in every year, a value that meets
/// the target is achieved whatever the baseline, and one that no longer meets it is off track.</para>
/// </remarks>
public static class TargetProgress
{
    /// <summary>The tolerance of an About (左右) target: 10% of the target's magnitude.</summary>
    public const decimal AboutTolerance = 0.1m;

    /// <summary>The share of the distance from baseline to target by which a value may lag the path and be at risk.</summary>
    public const decimal AtRiskMargin = 0.1m;

    /// <summary>How many years past the target year a crossing year is still reported.</summary>
    public const int CrossingHorizon = 50;

    /// <summary>Assesses a target in a year.</summary>
    /// <param name="target">The target value, year and comparator.</param>
    /// <param name="baseline">The plan's baseline value and year, or null: then the series' value in
    /// <paramref name="planBaseYear"/> if present, else the earliest value of the series (its year becomes the
    /// baseline year).</param>
    /// <param name="planBaseYear">The plan's base year.</param>
    /// <param name="series">The measured values by year, in any order; years must be unique.</param>
    /// <param name="year">The year assessed; its value is used, and the status is <see cref="TargetStatus.NoData"/>
    /// when the series has none (the path and forecast are still given).</param>
    /// <returns>The status, the value, the path at <paramref name="year"/>, the baseline used, the forecast for the
    /// target year (crossing the target value itself; for a range, its lower end) and the direction.</returns>
    /// <exception cref="ArgumentException">A year occurs twice in the series; a range's upper end is below its
    /// lower end; or no baseline is given and the series is empty, so no baseline can be found.</exception>
    public static TargetAssessment Assess(
        TargetValue target,
        (decimal Value, int Year)? baseline,
        int planBaseYear,
        IReadOnlyList<ProgressPoint> series,
        int year)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Select(p => p.Year).Distinct().Count() != series.Count)
            throw new ArgumentException("The series holds a year more than once.", nameof(series));
        if (target.Max is { } upper && upper < target.Value)
            throw new ArgumentException($"The range's upper end {upper} is below its lower end {target.Value}.", nameof(target));

        var (baseValue, baseYear) = baseline ?? ResolveBaseline(planBaseYear, series);
        var goal = target.Value;
        var isRange = target.Max is not null;
        var rising = isRange || target.Comparator switch
        {
            Comparator.AtLeast => true,
            Comparator.AtMost => false,
            Comparator.Exactly => true,
            _ => goal >= baseValue,
        };
        var alreadyMet = rising ? baseValue >= goal : baseValue <= goal;

        var path = Path(alreadyMet ? goal : baseValue, baseYear, goal, target.Year, year);
        var forecast = LinearForecast(series, goal, target.Year, rising);
        var point = series.FirstOrDefault(p => p.Year == year);
        if (point is null)
            return new TargetAssessment(TargetStatus.NoData, null, path, baseValue, baseYear, forecast, rising);

        var value = point.Value;
        var status = Judge(target, rising, alreadyMet, baseValue, path, value);
        return new TargetAssessment(status, value, path, baseValue, baseYear, forecast, rising);
    }

    /// <summary>The linear path from baseline to target: baseline + (target − baseline)·(year − baselineYear) /
    /// (targetYear − baselineYear), equal to the target from the target year on and to the baseline up to the
    /// baseline year (the target year is checked first, so a target year not after the baseline year gives a step).</summary>
    /// <param name="baseline">The baseline value.</param>
    /// <param name="baselineYear">The baseline year.</param>
    /// <param name="target">The target value.</param>
    /// <param name="targetYear">The target year.</param>
    /// <param name="year">The year of the path.</param>
    /// <returns>The value the path expects in <paramref name="year"/>.</returns>
    public static decimal Path(decimal baseline, int baselineYear, decimal target, int targetYear, int year)
    {
        if (year >= targetYear) return target;
        if (year <= baselineYear) return baseline;
        return baseline + (target - baseline) * (year - baselineYear) / (targetYear - baselineYear);
    }

    /// <summary>The ordinary least-squares linear trend over all points of the series, evaluated at the target year,
    /// with the first whole year (not before the first data year) at which the trend meets the target.</summary>
    /// <remarks>Computed in decimal: with x = year − first data year, n points, D = nΣx² − (Σx)² and
    /// N = nΣxy − ΣxΣy, the trend is (ΣyD + N(nx − Σx))/(nD); whether it meets the target is decided on the
    /// numerator, without division, so a trend that lands exactly on the target meets it. The crossing year is null when the trend does not meet the target in the first
    /// data year and the slope is ≤ 0 for a rising target (≥ 0 for a falling one), or when it would be after the
    /// target year + <see cref="CrossingHorizon"/>.</remarks>
    /// <param name="series">The measured values; a year may repeat (each point counts).</param>
    /// <param name="target">The value to meet.</param>
    /// <param name="targetYear">The year the trend is evaluated at.</param>
    /// <param name="rising">True to meet the target from below (trend ≥ target), false from above (trend ≤ target).</param>
    /// <returns>The forecast, or null when the series has fewer than two distinct years.</returns>
    public static Forecast? LinearForecast(IReadOnlyList<ProgressPoint> series, decimal target, int targetYear, bool rising)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Select(p => p.Year).Distinct().Count() < 2) return null;

        var first = series.Min(p => p.Year);
        decimal n = series.Count, sx = 0, sxx = 0, sy = 0, sxy = 0;
        foreach (var p in series)
        {
            decimal x = p.Year - first;
            sx += x;
            sxx += x * x;
            sy += p.Value;
            sxy += x * p.Value;
        }
        var d = n * sxx - sx * sx; // > 0 with two distinct years
        var slopeNumerator = n * sxy - sx * sy;

        // n·D·trend(year): sums of products of the data, exact while they fit decimal's 28 digits.
        decimal Scaled(int y) => sy * d + slopeNumerator * (n * (y - first) - sx);
        var scaledTarget = target * n * d;
        bool Meets(int y) => rising ? Scaled(y) >= scaledTarget : Scaled(y) <= scaledTarget;

        var value = Scaled(targetYear) / (n * d);
        int? crossing = null;
        var limit = (long)targetYear + CrossingHorizon;
        var movesToward = rising ? slopeNumerator > 0 : slopeNumerator < 0;
        if (first > limit)
            crossing = null; // every candidate year lies past the horizon
        else if (Meets(first))
            crossing = first;
        else if (movesToward)
        {
            // The smallest x with n·N·x ≥ (or ≤) the threshold; the division only gives a guess, settled exactly.
            var exact = (scaledTarget - sy * d + slopeNumerator * sx) / (n * slopeNumerator);
            var guess = first + (long)Math.Ceiling(Math.Clamp(exact, 0m, limit - first + 1m));
            while (guess - 1 > first && guess - 1 <= limit && Meets((int)(guess - 1))) guess--;
            while (guess <= limit && !Meets((int)guess)) guess++;
            if (guess <= limit) crossing = (int)guess;
        }
        return new Forecast(value, targetYear, crossing);
    }

    /// <summary>Checks that zone targets of an additive measure add up to the province target.</summary>
    /// <param name="provinceTarget">The province target.</param>
    /// <param name="zoneTargets">The zones' targets.</param>
    /// <returns>The zones' sum, the gap (sum − province) and whether |gap| ≤ 1e-9·max(1, |province|).</returns>
    public static (decimal Sum, decimal Gap, bool AddsUp) CheckDecomposition(decimal provinceTarget, IEnumerable<decimal> zoneTargets)
    {
        ArgumentNullException.ThrowIfNull(zoneTargets);
        var sum = zoneTargets.Sum();
        var gap = sum - provinceTarget;
        var tolerance = 0.000000001m * Math.Max(1m, Math.Abs(provinceTarget));
        return (sum, gap, Math.Abs(gap) <= tolerance);
    }

    private static (decimal Value, int Year) ResolveBaseline(int planBaseYear, IReadOnlyList<ProgressPoint> series)
    {
        if (series.Count == 0)
            throw new ArgumentException("No baseline is given and the series is empty.", nameof(series));
        var point = series.FirstOrDefault(p => p.Year == planBaseYear) ?? series.MinBy(p => p.Year)!;
        return (point.Value, point.Year);
    }

    private static TargetStatus Judge(TargetValue target, bool rising, bool alreadyMet, decimal baseline, decimal path, decimal value)
    {
        var goal = target.Value;
        if (target.Max is { } upper)
        {
            if (value > upper) return TargetStatus.OffTrack;
            if (value >= goal) return TargetStatus.Achieved;
        }
        else
        {
            var achieved = target.Comparator switch
            {
                Comparator.AtLeast => value >= goal,
                Comparator.AtMost => value <= goal,
                Comparator.Exactly => value >= goal,
                Comparator.About => Math.Abs(value - goal) <= AboutTolerance * Math.Abs(goal)
                                    || (rising ? value >= goal : value <= goal),
                _ => throw new ArgumentOutOfRangeException(nameof(target), target.Comparator, "Unknown comparator."),
            };
            if (achieved) return TargetStatus.Achieved;
        }

        if (alreadyMet) return TargetStatus.OffTrack;
        if (rising)
        {
            if (value >= path) return TargetStatus.OnTrack;
            return value >= path - AtRiskMargin * (goal - baseline) ? TargetStatus.AtRisk : TargetStatus.OffTrack;
        }
        if (value <= path) return TargetStatus.OnTrack;
        return value <= path + AtRiskMargin * (baseline - goal) ? TargetStatus.AtRisk : TargetStatus.OffTrack;
    }
}
