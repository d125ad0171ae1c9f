using Gaoxin.Core.Monitoring;
using Gaoxin.Core.Plans;

namespace Gaoxin.Core.Tests;

/// <summary>Plan target progress (evaluation-model.md, "Plan targets"): status against the linear path, the
/// least-squares forecast and the decomposition check, each against numbers worked out by hand.</summary>
public class TargetProgressTests
{
    private static TargetAssessment AssessOne(
        decimal baseline, int baselineYear, decimal target, Comparator comparator, int year, decimal value, decimal? max = null) =>
        TargetProgress.Assess(
            new TargetValue(target, max, 2020, comparator), (baseline, baselineYear), baselineYear, [new ProgressPoint(year, value)], year);

    // R&D intensity: baseline 2.0 (2016), target ≥ 2.8 (2020). path(t) = 2.0 + 0.8·(t − 2016)/4 = 2.0 + 0.2·(t − 2016);
    // at-risk margin 0.1·(2.8 − 2.0) = 0.08.
    public static TheoryData<int, decimal, TargetStatus> RisingCases => new()
    {
        { 2018, 2.4m, TargetStatus.OnTrack },   // path(2018) = 2.4; 2.4 ≥ 2.4
        { 2018, 2.5m, TargetStatus.OnTrack },   // above the path, below 2.8
        { 2018, 2.33m, TargetStatus.AtRisk },   // 2.33 < 2.4 but ≥ 2.4 − 0.08 = 2.32
        { 2018, 2.32m, TargetStatus.AtRisk },   // exactly on the at-risk line
        { 2018, 2.31m, TargetStatus.OffTrack }, // 2.31 < 2.32
        { 2018, 2.9m, TargetStatus.Achieved },  // achieved early: 2.9 ≥ 2.8 in 2018
        { 2018, 2.8m, TargetStatus.Achieved },  // 2.8 ≥ 2.8
        { 2019, 2.55m, TargetStatus.AtRisk },   // path(2019) = 2.6; 2.55 ≥ 2.52
        { 2020, 2.75m, TargetStatus.AtRisk },   // path(2020) = 2.8; 2.75 ≥ 2.72
        { 2021, 2.71m, TargetStatus.OffTrack }, // path clamps to 2.8 after 2020; 2.71 < 2.72
        { 2016, 1.95m, TargetStatus.AtRisk },   // path(2016) = 2.0; 1.95 ≥ 1.92
    };

    [Theory]
    [MemberData(nameof(RisingCases))]
    public void Rising_target_is_judged_against_the_path(int year, decimal value, TargetStatus expected)
    {
        var result = AssessOne(2.0m, 2016, 2.8m, Comparator.AtLeast, year, value);

        Assert.Equal(expected, result.Status);
        Assert.True(result.Rising);
        Assert.Equal(value, result.Value);
        Assert.Equal(TargetProgress.Path(2.0m, 2016, 2.8m, 2020, year), result.Path);
    }

    [Fact]
    public void Path_is_linear_and_clamped()
    {
        // 2.0 + 0.8·(t − 2016)/4: 2017 → 2.2, 2018 → 2.4, 2019 → 2.6; before 2016 → 2.0; after 2020 → 2.8.
        Assert.Equal(2.2m, TargetProgress.Path(2.0m, 2016, 2.8m, 2020, 2017));
        Assert.Equal(2.4m, TargetProgress.Path(2.0m, 2016, 2.8m, 2020, 2018));
        Assert.Equal(2.6m, TargetProgress.Path(2.0m, 2016, 2.8m, 2020, 2019));
        Assert.Equal(2.0m, TargetProgress.Path(2.0m, 2016, 2.8m, 2020, 2010));
        Assert.Equal(2.8m, TargetProgress.Path(2.0m, 2016, 2.8m, 2020, 2025));
        // Falling: 0.5 → 0.4 over 4 years: 2019 → 0.5 − 0.1·3/4 = 0.425.
        Assert.Equal(0.425m, TargetProgress.Path(0.5m, 2016, 0.4m, 2020, 2019));
    }

    // Energy use per unit of output: baseline 0.5 (2016), target ≤ 0.4 (2020). path(t) = 0.5 − 0.025·(t − 2016);
    // at-risk margin 0.1·(0.5 − 0.4) = 0.01, above the path.
    public static TheoryData<Comparator, int, decimal, TargetStatus> FallingCases => new()
    {
        { Comparator.AtMost, 2018, 0.45m, TargetStatus.OnTrack },   // path(2018) = 0.45; 0.45 ≤ 0.45
        { Comparator.AtMost, 2018, 0.43m, TargetStatus.OnTrack },   // below the path, above 0.4
        { Comparator.AtMost, 2018, 0.455m, TargetStatus.AtRisk },   // 0.455 ≤ 0.45 + 0.01 = 0.46
        { Comparator.AtMost, 2018, 0.46m, TargetStatus.AtRisk },    // on the at-risk line
        { Comparator.AtMost, 2018, 0.47m, TargetStatus.OffTrack },  // 0.47 > 0.46
        { Comparator.AtMost, 2018, 0.38m, TargetStatus.Achieved },  // achieved early: 0.38 ≤ 0.4
        { Comparator.AtMost, 2020, 0.4m, TargetStatus.Achieved },   // 0.4 ≤ 0.4
        { Comparator.AtMost, 2020, 0.405m, TargetStatus.AtRisk },   // path(2020) = 0.4; 0.405 ≤ 0.41
    };

    [Theory]
    [MemberData(nameof(FallingCases))]
    public void Falling_target_mirrors_every_comparison(Comparator comparator, int year, decimal value, TargetStatus expected)
    {
        var result = AssessOne(0.5m, 2016, 0.4m, comparator, year, value);

        Assert.Equal(expected, result.Status);
        Assert.False(result.Rising);
    }

    // 新增10家: 0 in 2016 → exactly 10 in 2020, rising (10 ≥ 0). path(t) = 2.5·(t − 2016); margin 0.1·10 = 1.
    public static TheoryData<int, decimal, TargetStatus> ExactCountCases => new()
    {
        { 2018, 5m, TargetStatus.OnTrack },    // path(2018) = 5
        { 2018, 4m, TargetStatus.AtRisk },     // 4 ≥ 5 − 1
        { 2018, 3m, TargetStatus.OffTrack },   // 3 < 4
        { 2019, 7m, TargetStatus.AtRisk },     // path(2019) = 7.5; 7 ≥ 6.5
        { 2019, 10m, TargetStatus.Achieved },  // reached once reached
        { 2020, 12m, TargetStatus.Achieved },  // more than 10 still counts: an exact count is a floor once reached
        { 2020, 9m, TargetStatus.AtRisk },     // path(2020) = 10; 9 ≥ 9
        { 2020, 8m, TargetStatus.OffTrack },   // 8 < 9
    };

    [Theory]
    [MemberData(nameof(ExactCountCases))]
    public void Exact_count_target_is_reached_once_reached(int year, decimal value, TargetStatus expected)
    {
        var result = AssessOne(0m, 2016, 10m, Comparator.Exactly, year, value);

        Assert.Equal(expected, result.Status);
        Assert.True(result.Rising);
    }

    // 50人左右: baseline 20 (2016), about 50 (2020): achieved when |v − 50| ≤ 5, or v > 50.
    // Otherwise judged against path(t) = 20 + 7.5·(t − 2016) with margin 0.1·30 = 3.
    public static TheoryData<int, decimal, TargetStatus> AboutCases => new()
    {
        { 2020, 46m, TargetStatus.Achieved },  // |46 − 50| = 4 ≤ 5
        { 2020, 45m, TargetStatus.Achieved },  // |45 − 50| = 5 ≤ 5, the edge of 左右
        { 2020, 54m, TargetStatus.Achieved },  // within 5 above
        { 2020, 60m, TargetStatus.Achieved },  // beyond the target in its direction
        { 2020, 44m, TargetStatus.OffTrack },  // not achieved; path(2020) = 50, 44 < 50 − 3 = 47
        { 2019, 44m, TargetStatus.OnTrack },   // not achieved; path(2019) = 42.5 ≤ 44
        { 2019, 40m, TargetStatus.AtRisk },    // path(2019) = 42.5; 40 ≥ 39.5
        { 2019, 39m, TargetStatus.OffTrack },  // 39 < 39.5
        { 2018, 46m, TargetStatus.Achieved },  // achieved early
    };

    [Theory]
    [MemberData(nameof(AboutCases))]
    public void About_target_holds_within_ten_percent(int year, decimal value, TargetStatus expected)
    {
        var result = AssessOne(20m, 2016, 50m, Comparator.About, year, value);

        Assert.Equal(expected, result.Status);
        Assert.True(result.Rising);
    }

    [Fact]
    public void About_target_below_the_baseline_falls()
    {
        // Baseline 100, about 50: falling. 54 → |54 − 50| = 4 ≤ 5 → achieved; 40 → beyond 50 downwards → achieved;
        // 70 in 2018 → path(2018) = 100 − 25 = 75 ≥ 70 → on track; 80 in 2018 → 80 ≤ 75 + 5 → at risk.
        Assert.Equal(TargetStatus.Achieved, AssessOne(100m, 2016, 50m, Comparator.About, 2020, 54m).Status);
        Assert.Equal(TargetStatus.Achieved, AssessOne(100m, 2016, 50m, Comparator.About, 2020, 40m).Status);
        Assert.Equal(TargetStatus.OnTrack, AssessOne(100m, 2016, 50m, Comparator.About, 2018, 70m).Status);
        Assert.Equal(TargetStatus.AtRisk, AssessOne(100m, 2016, 50m, Comparator.About, 2018, 80m).Status);
        Assert.False(AssessOne(100m, 2016, 50m, Comparator.About, 2018, 80m).Rising);
    }

    // 1至2个: baseline 0 (2016), range 1–2 (2020). Achieved within [1, 2]; above 2 off track; below 1 judged as
    // AtLeast 1: path(t) = 0.25·(t − 2016), margin 0.1.
    public static TheoryData<int, decimal, TargetStatus> RangeCases => new()
    {
        { 2020, 1m, TargetStatus.Achieved },   // lower end
        { 2020, 1.5m, TargetStatus.Achieved }, // inside
        { 2020, 2m, TargetStatus.Achieved },   // upper end
        { 2020, 3m, TargetStatus.OffTrack },   // above the range
        { 2018, 3m, TargetStatus.OffTrack },   // above the range, even early
        { 2018, 0.5m, TargetStatus.OnTrack },  // path(2018) = 0.5
        { 2018, 0.45m, TargetStatus.AtRisk },  // 0.45 ≥ 0.5 − 0.1
        { 2018, 0m, TargetStatus.OffTrack },   // 0 < 0.4
    };

    [Theory]
    [MemberData(nameof(RangeCases))]
    public void Range_target_is_achieved_inside_and_off_track_above(int year, decimal value, TargetStatus expected)
    {
        var result = AssessOne(0m, 2016, 1m, Comparator.Exactly, year, value, max: 2m);

        Assert.Equal(expected, result.Status);
        Assert.True(result.Rising);
    }

    [Fact]
    public void Range_target_is_rising_even_from_a_baseline_above_it()
    {
        // Baseline 3, range 1–2: a range is always rising. 1.5 → achieved; 2.5 → above the range → off track.
        Assert.True(AssessOne(3m, 2016, 1m, Comparator.Exactly, 2020, 1.5m, max: 2m).Rising);
        Assert.Equal(TargetStatus.Achieved, AssessOne(3m, 2016, 1m, Comparator.Exactly, 2020, 1.5m, max: 2m).Status);
        Assert.Equal(TargetStatus.OffTrack, AssessOne(3m, 2016, 1m, Comparator.Exactly, 2020, 2.5m, max: 2m).Status);
    }

    // 超200亿元产业集群6个 (三、重点任务 / 推进产业转型升级) with 8 such clusters in the base year 2016: the baseline already
    // meets the target, so the path is 6 in every year. 8 ≥ 6 → achieved, in 2020 and before, whether the plan file writes
    // the count as ≥ or =; only a value below 6 (no longer meeting it) is off track.
    public static TheoryData<Comparator, int, decimal, TargetStatus> BaselineAboveCases => new()
    {
        { Comparator.AtLeast, 2020, 8m, TargetStatus.Achieved },
        { Comparator.Exactly, 2020, 8m, TargetStatus.Achieved },
        { Comparator.AtLeast, 2018, 7m, TargetStatus.Achieved },
        { Comparator.Exactly, 2018, 6m, TargetStatus.Achieved },
        { Comparator.AtLeast, 2020, 5m, TargetStatus.OffTrack },
        { Comparator.Exactly, 2018, 5m, TargetStatus.OffTrack },
    };

    [Theory]
    [MemberData(nameof(BaselineAboveCases))]
    public void Baseline_already_above_a_count_target_is_never_off_track_for_it(Comparator comparator, int year, decimal value, TargetStatus expected)
    {
        var result = AssessOne(8m, 2016, 6m, comparator, year, value);

        Assert.Equal(expected, result.Status);
        Assert.True(result.Rising);
        Assert.Equal(6m, result.Path);
        Assert.Equal(8m, result.Baseline);
    }

    [Fact]
    public void Target_equal_to_the_baseline_not_achieved_is_off_track()
    {
        // ≥ 10 from 10: 9 fails the target, and the path is flat at 10 with no margin → off track.
        Assert.Equal(TargetStatus.OffTrack, AssessOne(10m, 2016, 10m, Comparator.AtLeast, 2018, 9m).Status);
        // About 50 from 50: 44 is 6 away (> 5) → off track; 46 → achieved.
        Assert.Equal(TargetStatus.OffTrack, AssessOne(50m, 2016, 50m, Comparator.About, 2018, 44m).Status);
        Assert.Equal(TargetStatus.Achieved, AssessOne(50m, 2016, 50m, Comparator.About, 2018, 46m).Status);
    }

    [Fact]
    public void One_data_point_gives_a_status_but_no_forecast()
    {
        // Baseline 2.0 (2016), ≥ 2.8 (2020); only 2018 = 2.4 measured: path(2018) = 2.4 → on track; one year → no trend.
        var result = AssessOne(2.0m, 2016, 2.8m, Comparator.AtLeast, 2018, 2.4m);

        Assert.Equal(TargetStatus.OnTrack, result.Status);
        Assert.Null(result.Forecast);
        Assert.Null(TargetProgress.LinearForecast([new ProgressPoint(2018, 2.4m)], 2.8m, 2020, true));
        Assert.Null(TargetProgress.LinearForecast([], 2.8m, 2020, true));
    }

    [Fact]
    public void No_value_in_the_year_is_no_data_but_keeps_path_and_forecast()
    {
        // Series 2016: 2.0, 2017: 2.1; assessed 2018 → no value. Path(2018) = 2.4.
        // Trend: slope 0.1, trend(2020) = 2.0 + 0.4 = 2.4; 2.0 + 0.1·(y − 2016) ≥ 2.8 first at y = 2024.
        var result = TargetProgress.Assess(
            new TargetValue(2.8m, null, 2020, Comparator.AtLeast), (2.0m, 2016), 2016,
            [new ProgressPoint(2016, 2.0m), new ProgressPoint(2017, 2.1m)], 2018);

        Assert.Equal(TargetStatus.NoData, result.Status);
        Assert.Null(result.Value);
        Assert.Equal(2.4m, result.Path);
        Assert.Equal(new Forecast(2.4m, 2020, 2024), result.Forecast);
    }

    [Fact]
    public void Without_a_baseline_the_series_value_of_the_plan_base_year_is_used()
    {
        // Series 2015: 1.8, 2016: 2.0, 2018: 2.4; plan base year 2016 → baseline 2.0 (2016), not the earlier 1.8.
        // path(2018) = 2.4 → on track.
        var result = TargetProgress.Assess(
            new TargetValue(2.8m, null, 2020, Comparator.AtLeast), null, 2016,
            [new ProgressPoint(2018, 2.4m), new ProgressPoint(2015, 1.8m), new ProgressPoint(2016, 2.0m)], 2018);

        Assert.Equal(2.0m, result.Baseline);
        Assert.Equal(2016, result.BaselineYear);
        Assert.Equal(2.4m, result.Path);
        Assert.Equal(TargetStatus.OnTrack, result.Status);
    }

    [Fact]
    public void Without_a_baseline_or_base_year_value_the_earliest_value_is_used()
    {
        // Series 2018: 2.4, 2017: 2.2; base year 2016 absent → baseline 2.2 (2017).
        // path(2018) = 2.2 + 0.6·1/3 = 2.4 → on track.
        var result = TargetProgress.Assess(
            new TargetValue(2.8m, null, 2020, Comparator.AtLeast), null, 2016,
            [new ProgressPoint(2018, 2.4m), new ProgressPoint(2017, 2.2m)], 2018);

        Assert.Equal(2.2m, result.Baseline);
        Assert.Equal(2017, result.BaselineYear);
        Assert.Equal(2.4m, result.Path);
        Assert.Equal(TargetStatus.OnTrack, result.Status);
    }

    [Fact]
    public void A_given_baseline_wins_over_the_series()
    {
        // Baseline (1.6, 2015) given; the series' 2016 value 2.0 is ignored. path(2018) = 1.6 + 1.2·3/5 = 2.32.
        var result = TargetProgress.Assess(
            new TargetValue(2.8m, null, 2020, Comparator.AtLeast), (1.6m, 2015), 2016,
            [new ProgressPoint(2016, 2.0m), new ProgressPoint(2018, 2.33m)], 2018);

        Assert.Equal(1.6m, result.Baseline);
        Assert.Equal(2015, result.BaselineYear);
        Assert.Equal(2.32m, result.Path);
        Assert.Equal(TargetStatus.OnTrack, result.Status);
    }

    [Fact]
    public void Assess_refuses_repeated_years_and_an_unknown_baseline()
    {
        var target = new TargetValue(2.8m, null, 2020, Comparator.AtLeast);
        Assert.Throws<ArgumentException>(() => TargetProgress.Assess(
            target, (2.0m, 2016), 2016, [new ProgressPoint(2018, 2.4m), new ProgressPoint(2018, 2.5m)], 2018));
        Assert.Throws<ArgumentException>(() => TargetProgress.Assess(target, null, 2016, [], 2018));
        Assert.Throws<ArgumentException>(() => TargetProgress.Assess(
            new TargetValue(2m, 1m, 2020, Comparator.Exactly), (0m, 2016), 2016, [new ProgressPoint(2018, 1m)], 2018));
    }

    [Fact]
    public void Direction_follows_the_comparator_and_the_baseline()
    {
        // AtLeast rises even from above the target; so does Exactly (a count the plan names is a floor), from 12 or from 10.
        Assert.True(AssessOne(30m, 2016, 25m, Comparator.AtLeast, 2018, 30m).Rising);
        Assert.True(AssessOne(12m, 2016, 10m, Comparator.Exactly, 2018, 11m).Rising);
        Assert.True(AssessOne(10m, 2016, 10m, Comparator.Exactly, 2018, 10m).Rising);
        Assert.False(AssessOne(0m, 2016, 10m, Comparator.AtMost, 2018, 5m).Rising);
    }

    private static readonly ProgressPoint[] RdSeries =
        [new(2019, 2.4m), new(2016, 2.0m), new(2018, 2.3m), new(2017, 2.1m)]; // any order

    // x = t − 2016: 0, 1, 2, 3; y = 2.0, 2.1, 2.3, 2.4. x̄ = 1.5, ȳ = 2.2.
    // Sxy = (−1.5)(−0.2) + (−0.5)(−0.1) + (0.5)(0.1) + (1.5)(0.2) = 0.7; Sxx = 2.25 + 0.25 + 0.25 + 2.25 = 5.
    // slope = 0.14; trend(2016) = 2.2 − 0.14·1.5 = 1.99; trend(t) = 1.99 + 0.14·(t − 2016).
    // trend(2017) = 2.13, trend(2020) = 2.55, trend(2021) = 2.69, trend(2022) = 2.83.
    public static TheoryData<decimal, int?> RdCrossings => new()
    {
        { 2.8m, 2022 },  // 2.69 < 2.8 ≤ 2.83
        { 2.69m, 2021 }, // lands exactly on 2.69 in 2021
        { 2.0m, 2017 },  // 1.99 < 2.0 ≤ 2.13
        { 1.5m, 2016 },  // already met in the first data year
        { 9.0m, 2067 },  // (9 − 1.99)/0.14 = 50.07 → x = 51 → 2016 + 51 = 2067 ≤ 2020 + 50
        { 9.55m, 2070 }, // trend(2070) = 1.99 + 0.14·54 = 9.55: exactly met in the last year of the horizon
        { 9.56m, null }, // trend(2070) = 9.55 < 9.56 ≤ trend(2071) = 9.69, but 2071 > 2020 + 50
        { 100m, null },  // (100 − 1.99)/0.14 = 700.07 → far past 2070
    };

    [Theory]
    [MemberData(nameof(RdCrossings))]
    public void Forecast_of_a_rising_series_matches_the_hand_computation(decimal target, int? crossing)
    {
        var forecast = TargetProgress.LinearForecast(RdSeries, target, 2020, rising: true);

        Assert.NotNull(forecast);
        Assert.Equal(2.55m, forecast.Value);
        Assert.Equal(2020, forecast.Year);
        Assert.Equal(crossing, forecast.CrossingYear);
    }

    [Fact]
    public void Forecast_is_null_when_the_trend_is_flat_or_moves_away()
    {
        // Flat 2.0, 2.0: trend(2020) = 2.0, never reaches 2.8.
        var flat = TargetProgress.LinearForecast([new(2016, 2.0m), new(2017, 2.0m)], 2.8m, 2020, rising: true);
        Assert.Equal(new Forecast(2.0m, 2020, null), flat);
        // Falling 2.4, 2.3 for a rising target: slope −0.1, trend(2020) = 2.4 − 0.4 = 2.0, never reaches 2.8.
        var away = TargetProgress.LinearForecast([new(2016, 2.4m), new(2017, 2.3m)], 2.8m, 2020, rising: true);
        Assert.Equal(new Forecast(2.0m, 2020, null), away);
        // The same series already meets 2.2 in 2016 although it moves away afterwards: crossing 2016.
        Assert.Equal(2016, TargetProgress.LinearForecast([new(2016, 2.4m), new(2017, 2.3m)], 2.2m, 2020, true)!.CrossingYear);
    }

    [Fact]
    public void Forecast_of_a_falling_series_crosses_from_above()
    {
        // Energy 2016: 0.50, 2017: 0.48, 2018: 0.47, 2019: 0.45. x̄ = 1.5, ȳ = 0.475.
        // Sxy = (−1.5)(0.025) + (−0.5)(0.005) + (0.5)(−0.005) + (1.5)(−0.025) = −0.08; Sxx = 5 → slope −0.016.
        // trend(2016) = 0.475 + 0.016·1.5 = 0.499; trend(2020) = 0.499 − 0.064 = 0.435.
        // ≤ 0.4: 0.499 − 0.016x ≤ 0.4 ⇔ x ≥ 6.1875 → x = 7 → 2023 (trend(2022) = 0.403, trend(2023) = 0.387).
        ProgressPoint[] series = [new(2016, 0.50m), new(2017, 0.48m), new(2018, 0.47m), new(2019, 0.45m)];

        var forecast = TargetProgress.LinearForecast(series, 0.4m, 2020, rising: false);
        Assert.Equal(new Forecast(0.435m, 2020, 2023), forecast);

        // Through Assess: ≤ 0.4 from 0.5 (2016), assessed 2019 at 0.45: path(2019) = 0.425, at-risk line 0.435
        // → 0.45 is off track; the forecast is carried along.
        var result = TargetProgress.Assess(new TargetValue(0.4m, null, 2020, Comparator.AtMost), (0.5m, 2016), 2016, series, 2019);
        Assert.Equal(TargetStatus.OffTrack, result.Status);
        Assert.False(result.Rising);
        Assert.Equal(new Forecast(0.435m, 2020, 2023), result.Forecast);
    }

    [Fact]
    public void Forecast_with_a_repeating_mean_stays_exact_enough()
    {
        // 2016: 1, 2017: 1, 2018: 2. x̄ = 1, ȳ = 4/3; Sxy = (−1)(−1/3) + 0 + (1)(2/3) = 1; Sxx = 2 → slope 0.5.
        // trend(2016) = 4/3 − 1/2 = 5/6; trend(2020) = 5/6 + 2 = 17/6 = 2.8333…
        // ≥ 3: (5 + 3x)/6 ≥ 3 ⇔ x ≥ 13/3 → x = 5 → 2021.
        ProgressPoint[] series = [new(2016, 1m), new(2017, 1m), new(2018, 2m)];

        var forecast = TargetProgress.LinearForecast(series, 3m, 2020, rising: true)!;

        Assert.True(Math.Abs(forecast.Value!.Value - 17m / 6m) < 1e-20m, $"found {forecast.Value}");
        Assert.Equal(2021, forecast.CrossingYear);
    }

    [Fact]
    public void Decomposition_adds_up()
    {
        // 新增孵化器 30 = 10 + 12 + 8 → gap 0.
        var (sum, gap, addsUp) = TargetProgress.CheckDecomposition(30m, [10m, 12m, 8m]);
        Assert.Equal(30m, sum);
        Assert.Equal(0m, gap);
        Assert.True(addsUp);
        // 0.5 vs 0.2 + 0.3000000005: gap 5e-10 ≤ 1e-9·max(1, 0.5) = 1e-9 → adds up.
        Assert.True(TargetProgress.CheckDecomposition(0.5m, [0.2m, 0.3000000005m]).AddsUp);
        // 4,000,000,000 vs zones summing 4,000,000,003: gap 3 ≤ 1e-9·4e9 = 4 → adds up.
        Assert.True(TargetProgress.CheckDecomposition(4_000_000_000m, [2_000_000_000m, 2_000_000_003m]).AddsUp);
    }

    [Fact]
    public void Decomposition_does_not_add_up()
    {
        // 30 vs 10 + 12 + 7 = 29 → gap −1.
        var (sum, gap, addsUp) = TargetProgress.CheckDecomposition(30m, [10m, 12m, 7m]);
        Assert.Equal(29m, sum);
        Assert.Equal(-1m, gap);
        Assert.False(addsUp);
        // 0.5 vs 0.2 + 0.300000002: gap 2e-9 > 1e-9 → does not add up.
        Assert.False(TargetProgress.CheckDecomposition(0.5m, [0.2m, 0.300000002m]).AddsUp);
        // 4e9 vs 4,000,000,005: gap 5 > 4.
        Assert.False(TargetProgress.CheckDecomposition(4_000_000_000m, [2_000_000_000m, 2_000_000_005m]).AddsUp);
        // No zones at all: sum 0, gap −30.
        Assert.Equal((0m, -30m, false), TargetProgress.CheckDecomposition(30m, []));
    }
}
