using System.Globalization;
using Gaoxin.Core.Evaluation;

namespace Gaoxin.Core.Tests;

/// <summary>
/// The evaluation engine against cases worked out by hand. "rule N" cites the numbered steps of
/// docs/evaluation-model.md § "Computation for year t".
/// </summary>
public class EvaluationEngineTests
{
    private const int Year = 2020;

    private static readonly HashSet<string> Elements = ["v", "w", "x1", "x2", "y1", "y2", "num", "den", "gdp", "score"];

    // ---------------------------------------------------------------- helpers

    private static string Dim(string code, decimal weight = 1) =>
        $"  - {{code: {code}, name: {code}, nameEn: {code}, weight: {weight.ToString(CultureInfo.InvariantCulture)}}}";

    private static string Ind(string code, string formula, string dimension = "a", string direction = "positive", decimal weight = 1, string extra = "") =>
        $"  - {{code: {code}, name: {code}, nameEn: {code}, dimension: {dimension}, formula: \"{formula}\", direction: {direction}, " +
        $"weight: {weight.ToString(CultureInfo.InvariantCulture)}, unit: u{extra}}}";

    private static string Flag(bool on) => on ? "true" : "false";

    private static EvaluationModel Build(IEnumerable<string> dimensions, IEnumerable<string> indicators, string normalisation = "efficacy",
        string aggregation = "arithmetic", string grouping = "level", string grades = "{excellent: 90, good: 80, pass: 70}",
        bool lastPlace = true, bool yellowCard = true, bool delisting = true, int consecutiveFails = 2, bool? lastPlaceFails = null)
    {
        var yaml = ModelYaml(dimensions, indicators, normalisation, aggregation, grouping, grades, lastPlace, yellowCard, delisting, consecutiveFails, lastPlaceFails);
        var (model, errors) = EvaluationModelParser.Parse("test.yaml", yaml, Elements);
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + yaml);
        return model!;
    }

    private static string ModelYaml(IEnumerable<string> dimensions, IEnumerable<string> indicators, string normalisation = "efficacy",
        string aggregation = "arithmetic", string grouping = "level", string grades = "{excellent: 90, good: 80, pass: 70}",
        bool lastPlace = true, bool yellowCard = true, bool delisting = true, int consecutiveFails = 2, bool? lastPlaceFails = null)
    {
        var lastPlaceFailsKey = lastPlaceFails is { } fails ? $", lastPlaceFails: {Flag(fails)}" : "";
        return $"""
            id: test
            version: 1
            title: 测试模型
            titleEn: Test model
            grouping: {grouping}
            normalisation: {normalisation}
            aggregation: {aggregation}
            dimensions:
            {string.Join("\n", dimensions)}
            indicators:
            {string.Join("\n", indicators)}
            grades: {grades}
            rules: {"{"}lastPlace: {Flag(lastPlace)}, lastPlaceMinimumGroup: 3, yellowCard: {Flag(yellowCard)}, delisting: {Flag(delisting)}, delistingConsecutiveFails: {consecutiveFails}{lastPlaceFailsKey}{"}"}
            """;
    }

    /// <summary>One dimension, one indicator V = v: the composite is V's score.</summary>
    private static EvaluationModel Single(string normalisation = "efficacy", string direction = "positive", string extra = "",
        bool lastPlace = true, bool yellowCard = true, int consecutiveFails = 2, string grades = "{excellent: 90, good: 80, pass: 70}") =>
        Build([Dim("a")], [Ind("V", "v", direction: direction, extra: extra)], normalisation, grades: grades, lastPlace: lastPlace,
            yellowCard: yellowCard, consecutiveFails: consecutiveFails);

    /// <summary>
    /// The worked model: dimensions a (W = 3) and b (W = 1); in a, X1 = x1 (+, a = 1) and X2 = x2 / y2 (−, a = 3);
    /// in b, Y1 = y1 (+).
    /// </summary>
    public static readonly EvaluationModel WorkedModel = Build(
        [Dim("a", 3), Dim("b", 1)],
        [Ind("X1", "x1"), Ind("X2", "x2 / y2", direction: "negative", weight: 3), Ind("Y1", "y1", dimension: "b")]);

    private sealed class Data
    {
        private readonly Dictionary<(string Zone, string Element, int Year), decimal> _values = [];

        public Data Set(string element, int year, params (string Zone, decimal Value)[] values)
        {
            foreach (var (zone, value) in values) _values[(zone, element, year)] = value;
            return this;
        }

        public Data Set(string element, params (string Zone, decimal Value)[] values) => Set(element, Year, values);

        public decimal? Lookup(string zone, string element, int year) => _values.TryGetValue((zone, element, year), out var v) ? v : null;
    }

    private static EvaluationInput Input(Data data, params string[] zones) =>
        new(Year, zones.Select(z => new EvaluationZone(z, "national")).ToList(), data.Lookup);

    private static EvaluationInput Input(Data data, IReadOnlyList<(string Zone, string Group)> zones, IReadOnlyList<(string Zone, string Group)>? previous = null) =>
        new(Year, zones.Select(z => new EvaluationZone(z.Zone, z.Group)).ToList(), data.Lookup,
            previous?.Select(z => new EvaluationZone(z.Zone, z.Group)).ToList());

    private static ZoneResult Zone(EvaluationResult result, string zone) => result.Zones.Single(z => z.Zone == zone);

    private static void Near(decimal expected, decimal actual, decimal tolerance = 1e-20m) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected}, found {actual}");

    // ---------------------------------------------------------------- rules 1–8 on the worked model

    [Fact]
    public void Worked_example_with_weights_a_negative_indicator_and_equal_values()
    {
        // rule 2 (efficacy):  X1 = 10, 20, 30        → 60, 80, 100
        //                     X2 = 1, 2, 3 (−)       → 60 + 40·(3 − x)/2 = 100, 80, 60
        //                     Y1 = 5, 5, 5 (hi = lo) → 100, 100, 100
        // rule 3: a = (1·X1 + 3·X2)/4 → p (60 + 300)/4 = 90, q (80 + 240)/4 = 80, r (100 + 180)/4 = 70;  b = 100
        // rule 4: c = (3·a + 1·b)/4   → p 92.5, q 85, r 77.5
        // rules 5–8: ranks 1, 2, 3; grades excellent, good, pass → r is last of 3 → fail, yellow card.
        var data = new Data()
            .Set("x1", ("p", 10), ("q", 20), ("r", 30))
            .Set("x2", ("p", 1), ("q", 2), ("r", 3))
            .Set("y2", ("p", 1), ("q", 1), ("r", 1))
            .Set("y1", ("p", 5), ("q", 5), ("r", 5));

        var result = EvaluationEngine.Evaluate(WorkedModel, Input(data, "r", "q", "p"));

        Assert.Equal((Year, "test"), (result.Year, result.Model));
        Assert.Equal(["p", "q", "r"], result.Zones.Select(z => z.Zone));
        Assert.Equal([92.5m, 85m, 77.5m], result.Zones.Select(z => z.Composite));
        Assert.Equal([1, 2, 3], result.Zones.Select(z => z.Rank));
        Assert.All(result.Zones, z => Assert.Equal(3, z.GroupSize));
        Assert.Equal([Grade.Excellent, Grade.Good, Grade.Fail], result.Zones.Select(z => z.Grade));
        Assert.Equal([90m, 80m, 70m], result.Zones.Select(z => z.Dimensions["a"]));
        Assert.All(result.Zones, z => Assert.Equal(100m, z.Dimensions["b"]));
        Assert.Equal([100m, 80m, 60m], result.Zones.Select(z => z.Indicators["X2"].Score));
        Assert.Equal(3m, Zone(result, "r").Indicators["X2"].Value);
        Assert.Equal([[], [], ["last_place", "yellow_card"]], result.Zones.Select(z => z.Flags));
        Assert.All(result.Zones, z => Assert.Null(z.Interval));
        Assert.All(result.Zones, z => Assert.Null(z.PreviousGrade));
    }

    [Fact]
    public void Missing_values_and_zero_denominators_score_zero_are_flagged_and_ties_share_the_better_rank()
    {
        // rule 1: W = num / den: p 1/2 = 0.5; q has no num → missing; r den = 0 → missing; s 2/2 = 1.
        // rule 2: V = 10, 20, 30, missing → 60, 80, 100, 0;   W = 0.5, –, –, 1 → 60, 0, 0, 100.
        // rule 3–4 (a = 1 each): p (60 + 60)/2 = 60, q (80 + 0)/2 = 40, r (100 + 0)/2 = 50, s (0 + 100)/2 = 50.
        // rule 5: ties 1, 2, 2, 4 (p, r = s, q); rule 7: q is last of 4 → last_place; rule 8: all < 70 → yellow cards.
        var model = Build([Dim("a")], [Ind("V", "v"), Ind("W", "num / den")]);
        var data = new Data()
            .Set("v", ("p", 10), ("q", 20), ("r", 30))
            .Set("num", ("p", 1), ("r", 3), ("s", 2))
            .Set("den", ("p", 2), ("q", 2), ("r", 0), ("s", 2));

        var result = EvaluationEngine.Evaluate(model, Input(data, "p", "q", "r", "s"));

        Assert.Equal(["p", "r", "s", "q"], result.Zones.Select(z => z.Zone));
        Assert.Equal([60m, 50m, 50m, 40m], result.Zones.Select(z => z.Composite));
        Assert.Equal([1, 2, 2, 4], result.Zones.Select(z => z.Rank));
        Assert.Equal([[], ["W"], ["V"], ["W"]], result.Zones.Select(z => z.Missing));
        Assert.Equal(["yellow_card"], Zone(result, "p").Flags);
        Assert.Equal(["missing_data", "yellow_card"], Zone(result, "r").Flags);
        Assert.Equal(["missing_data", "last_place", "yellow_card"], Zone(result, "q").Flags);
        Assert.Equal(new IndicatorResult("W", null, 0), Zone(result, "r").Indicators["W"]);   // zero denominator
        Assert.Equal(new IndicatorResult("V", null, 0), Zone(result, "s").Indicators["V"]);
        Assert.Equal(new IndicatorResult("W", 1, 100), Zone(result, "s").Indicators["W"]);
    }

    [Theory]
    // rule 5: scores 100, 80, 80.0000000000004, 60 → |Δ| = 4e-13 < 1e-9 → ranks 1, 2, 2, 4
    [InlineData("50.000000000001", new[] { 1, 2, 2, 4 })]
    // rule 5: scores 100, 80, 80.000000004, 60 → |Δ| = 4e-9 ≥ 1e-9 → ranks 1, 3, 2, 4
    [InlineData("50.00000001", new[] { 1, 3, 2, 4 })]
    public void Composites_within_the_tolerance_share_the_better_rank(string nearFifty, int[] ranks)
    {
        var data = new Data().Set("v", ("a", 100), ("b", 50), ("c", decimal.Parse(nearFifty, CultureInfo.InvariantCulture)), ("d", 0));

        var result = EvaluationEngine.Evaluate(Single(), Input(data, "a", "b", "c", "d"));

        Assert.Equal(ranks, new[] { "a", "b", "c", "d" }.Select(z => Zone(result, z).Rank));
    }

    [Fact]
    public void Equal_values_all_score_100_and_an_all_tied_group_has_no_last_place()
    {
        // rule 2: hi = lo → every present zone scores 100; rule 5: all rank 1; rule 7: nobody is behind anyone.
        var data = new Data().Set("v", ("p", 7), ("q", 7), ("r", 7));

        var result = EvaluationEngine.Evaluate(Single(), Input(data, "p", "q", "r"));

        Assert.All(result.Zones, z => Assert.Equal((100m, 1, Grade.Excellent, 0), (z.Composite, z.Rank, z.Grade, z.Flags.Count)));
    }

    [Fact]
    public void A_growth_rate_without_last_years_value_is_missing()
    {
        // rule 1: G = gdp / gdp@prev − 1: p 110/100 − 1 = 0.1, q 120/100 − 1 = 0.2, r has no 2019 GDP → missing.
        // rule 2: p 60, q 100, r 0 (+ missing_data).
        var model = Build([Dim("a")], [Ind("G", "gdp / gdp@prev - 1")]);
        var data = new Data()
            .Set("gdp", ("p", 110), ("q", 120), ("r", 130))
            .Set("gdp", Year - 1, ("p", 100), ("q", 100));

        var result = EvaluationEngine.Evaluate(model, Input(data, "p", "q", "r"));

        Assert.Equal(new IndicatorResult("G", 0.1m, 60), Zone(result, "p").Indicators["G"]);
        Assert.Equal(new IndicatorResult("G", 0.2m, 100), Zone(result, "q").Indicators["G"]);
        Assert.Equal(new IndicatorResult("G", null, 0), Zone(result, "r").Indicators["G"]);
        Assert.Equal(["G"], Zone(result, "r").Missing);
        Assert.Equal("missing_data", Zone(result, "r").Flags[0]);
    }

    [Theory]
    // normalisation, direction, scores of a = 10, b = 20, c = 20, d = 30, e = missing
    [InlineData("efficacy", "positive", 60, 80, 80, 100, 0)]                 // rule 2: 60 + 40·(x − 10)/20
    [InlineData("efficacy", "negative", 100, 80, 80, 60, 0)]                 // rule 2: 60 + 40·(30 − x)/20 (like D4)
    [InlineData("minmax", "positive", 0, 50, 50, 100, 0)]                    // 100·(x − 10)/20
    [InlineData("rank", "positive", 25, 75, 75, 100, 0)]                     // 100 · (present values ≤ x)/4: 1/4, 3/4, 3/4, 4/4
    [InlineData("rank", "negative", 100, 75, 75, 25, 0)]                     // 100 · (present values ≥ x)/4
    [InlineData("zscore", "positive", -1.4142135623730951, 0, 0, 1.4142135623730951, -2.4142135623730951)] // mean 20, sd √((100+0+0+100)/4) = √50; missing = −√2 − 1
    [InlineData("zscore", "negative", 1.4142135623730951, 0, 0, -1.4142135623730951, -2.4142135623730951)]
    [InlineData("goalposts", "positive", 25, 50, 50, 75, 0)]                 // goalposts 0–40: 100·x/40
    [InlineData("goalposts", "negative", 75, 50, 50, 25, 0)]                 // 100·(40 − x)/40
    public void Each_normalisation_scores_a_column_as_worked_out(string normalisation, string direction, double a, double b, double c, double d, double e)
    {
        var model = Single(normalisation, direction, extra: normalisation == "goalposts" ? ", goalLow: 0, goalHigh: 40" : "");
        var data = new Data().Set("v", ("a", 10), ("b", 20), ("c", 20), ("d", 30));

        var result = EvaluationEngine.Evaluate(model, Input(data, "a", "b", "c", "d", "e"));

        double[] expected = [a, b, c, d, e];
        var zones = new[] { "a", "b", "c", "d", "e" };
        for (var i = 0; i < zones.Length; i++)
            Near((decimal)expected[i], Zone(result, zones[i]).Composite, 1e-12m);
    }

    [Fact]
    public void Goalposts_clamp_to_0_and_100()
    {
        // 100·(50 − 0)/40 = 125 → 100; 100·(−10)/40 = −25 → 0.
        var data = new Data().Set("v", ("a", 50), ("b", -10));

        var result = EvaluationEngine.Evaluate(Single("goalposts", extra: ", goalLow: 0, goalHigh: 40"), Input(data, "a", "b"));

        Assert.Equal([100m, 0m], result.Zones.Select(z => z.Composite));
    }

    [Fact]
    public void Geometric_aggregation_multiplies_weighted_scores()
    {
        // rule 2: V = 100, 10, 0, 50 → 100, 64, 60, 80;  W = 100, 100, 0, missing → 100, 100, 60, 0.
        // geometric (a = 1 each): p √(100·100) = 100, q √(64·100) = 80, r √(60·60) = 60, s √(80·0) = 0.
        var model = Build([Dim("a")], [Ind("V", "v"), Ind("W", "w")], aggregation: "geometric");
        var data = new Data()
            .Set("v", ("p", 100), ("q", 10), ("r", 0), ("s", 50))
            .Set("w", ("p", 100), ("q", 100), ("r", 0));

        var result = EvaluationEngine.Evaluate(model, Input(data, "p", "q", "r", "s"));

        Near(100, Zone(result, "p").Composite);
        Near(80, Zone(result, "q").Composite);
        Near(60, Zone(result, "r").Composite);
        Assert.Equal(0m, Zone(result, "s").Composite);
        Near(80, Zone(result, "q").Dimensions["a"]);
    }

    [Fact]
    public void An_expert_score_is_taken_as_given_clamped_to_0_100()
    {
        // Expert scores are not rescaled: 85 → 85, 120 → 100, missing → 0.
        var model = Build([Dim("a")], [Ind("S", "score", extra: ", expertScore: true")], lastPlace: false);
        var data = new Data().Set("score", ("a", 85), ("b", 120));

        var result = EvaluationEngine.Evaluate(model, Input(data, "a", "b", "c"));

        Assert.Equal([100m, 85m, 0m], result.Zones.Select(z => z.Composite));
    }

    // ---------------------------------------------------------------- groups (分类评价) and rules 6–9

    [Fact]
    public void One_and_two_zone_groups_are_scored_apart_and_have_no_last_place()
    {
        // national: p alone → hi = lo → 100, rank 1 of 1.
        // provincial: q 10 → 60, r 20 → 100; q is last of 2 but rule 7 needs 3 → only the yellow card (rule 8).
        var data = new Data().Set("v", ("p", 5), ("q", 10), ("r", 20));

        var result = EvaluationEngine.Evaluate(Single(), Input(data, [("p", "national"), ("q", "provincial"), ("r", "provincial")]));

        Assert.Equal([("p", "national", 1, 1), ("r", "provincial", 1, 2), ("q", "provincial", 2, 2)],
            result.Zones.Select(z => (z.Zone, z.Group, z.Rank, z.GroupSize)));
        Assert.Equal(100m, Zone(result, "p").Composite);
        Assert.Equal((60m, Grade.Fail), (Zone(result, "q").Composite, Zone(result, "q").Grade));
        Assert.Equal(["yellow_card"], Zone(result, "q").Flags);
    }

    [Fact]
    public void Without_grouping_every_zone_is_ranked_together()
    {
        var data = new Data().Set("v", ("p", 5), ("q", 10), ("r", 20));
        var model = Build([Dim("a")], [Ind("V", "v")], grouping: "none");

        var result = EvaluationEngine.Evaluate(model, Input(data, [("p", "national"), ("q", "provincial"), ("r", "provincial")]));

        Assert.Equal([("r", "all", 1, 3), ("q", "all", 2, 3), ("p", "all", 3, 3)], result.Zones.Select(z => (z.Zone, z.Group, z.Rank, z.GroupSize)));
    }

    [Theory]
    // rule 2: V = 10, 0, 2.5 → 100, 60, 70;  W = 0, 10, 5 → 60, 100, 80.
    // rule 3–4: a (100 + 60)/2 = 80, b (60 + 100)/2 = 80, c (70 + 80)/2 = 75 → ranks 1, 1, 3.
    // rule 7: c would pass on its score but is last of 3 → fail (+ rule 8 yellow card).
    [InlineData(true, Grade.Fail, new[] { "last_place", "yellow_card" })]
    [InlineData(false, Grade.Pass, new string[0])]
    public void Last_place_in_a_group_of_three_fails(bool lastPlace, Grade grade, string[] flags)
    {
        var model = Build([Dim("a")], [Ind("V", "v"), Ind("W", "w")], lastPlace: lastPlace);
        var data = new Data().Set("v", ("a", 10), ("b", 0), ("c", 2.5m)).Set("w", ("a", 0), ("b", 10), ("c", 5));

        var result = EvaluationEngine.Evaluate(model, Input(data, "a", "b", "c"));

        var c = Zone(result, "c");
        Assert.Equal([1, 1, 3], result.Zones.Select(z => z.Rank));
        Assert.Equal((75m, 3), (c.Composite, c.Rank));
        Assert.Equal(grade, c.Grade);
        Assert.Equal(flags, c.Flags);
    }

    [Fact]
    public void A_failing_grade_gets_a_yellow_card_only_when_the_rule_is_on()
    {
        // rule 8: q 0 → 60 < 70 → fail (group of 2, no last place).
        var data = new Data().Set("v", ("p", 100), ("q", 0));

        Assert.Equal(["yellow_card"], Zone(EvaluationEngine.Evaluate(Single(), Input(data, "p", "q")), "q").Flags);
        var off = Zone(EvaluationEngine.Evaluate(Single(yellowCard: false), Input(data, "p", "q")), "q");
        Assert.Equal((Grade.Fail, 0), (off.Grade, off.Flags.Count));
    }

    [Theory]
    // rule 6 edges with V = 60 + 0.4·v (lo 0, hi 100), last place off:
    [InlineData("z100", 100, Grade.Excellent)]
    [InlineData("z75", 90, Grade.Excellent)]       // exactly 90 → excellent
    [InlineData("z74", 89.6, Grade.Good)]
    [InlineData("z50", 80, Grade.Good)]            // exactly 80 → good
    [InlineData("z25", 70, Grade.Pass)]            // exactly 70 → pass
    [InlineData("z2499", 69.996, Grade.Fail)]      // 60 + 0.4·24.99 just below 70 → fail
    [InlineData("z0", 60, Grade.Fail)]
    public void Grade_cut_offs_include_their_lower_edge(string zone, double composite, Grade grade)
    {
        var data = new Data().Set("v", ("z100", 100), ("z75", 75), ("z74", 74), ("z50", 50), ("z25", 25), ("z2499", 24.99m), ("z0", 0));

        var result = EvaluationEngine.Evaluate(Single(lastPlace: false), Input(data, "z100", "z75", "z74", "z50", "z25", "z2499", "z0"));

        Assert.Equal(((decimal)composite, grade), (Zone(result, zone).Composite, Zone(result, zone).Grade));
    }

    public static TheoryData<string, Grade?, string[]> DelistingCases => new()
    {
        // rule 9 (model V, W; "both" sets v = w so the composite is that score):
        // p 0 of (0, 100) → 60 in 2019 and 2020 → fail twice → delisting proposed.
        { "failed_both_years", Grade.Fail, ["yellow_card", "delisting_proposed"] },
        // 2019: p 100 of (100, 0) → excellent; 2020 fail → only the yellow card.
        { "passed_last_year", Grade.Excellent, ["yellow_card"] },
        // 2019: no value for p → p is not evaluated in 2019 (no grade), not counted as a fail.
        { "no_data_last_year", null, ["yellow_card"] },
        // 2019 evaluated the same way: V = 2.5, 10, 0 → 70, 100, 60; W = 5, 0, 10 → 80, 60, 100;
        // p (70 + 80)/2 = 75 passes on its score but is last of 3 (q, r 80) → fail. 2020: p 60, last → fail again.
        { "last_place_last_year", Grade.Fail, ["last_place", "yellow_card", "delisting_proposed"] },
        // the same values, but p was provincial (alone) in 2019 → 100 → excellent → no delisting.
        { "other_group_last_year", Grade.Excellent, ["last_place", "yellow_card"] },
    };

    [Theory]
    [MemberData(nameof(DelistingCases))]
    public void Delisting_needs_a_fail_this_year_and_last_year(string scenario, Grade? previous, string[] flags)
    {
        var model = Build([Dim("a")], [Ind("V", "v"), Ind("W", "w")]);
        var data = new Data();
        void Both(int year, params (string, decimal)[] values) => data.Set("v", year, values).Set("w", year, values);
        List<(string, string)> zones = [("p", "national"), ("q", "national")];
        List<(string, string)>? previousZones = null;
        switch (scenario)
        {
            case "failed_both_years":
                Both(Year, ("p", 0), ("q", 100));
                Both(Year - 1, ("p", 0), ("q", 100));
                break;
            case "passed_last_year":
                Both(Year, ("p", 0), ("q", 100));
                Both(Year - 1, ("p", 100), ("q", 0));
                break;
            case "no_data_last_year":
                Both(Year, ("p", 0), ("q", 100));
                Both(Year - 1, ("q", 0));
                break;
            case "last_place_last_year":
            case "other_group_last_year":
                zones.Add(("r", "national"));
                Both(Year, ("p", 0), ("q", 100), ("r", 50));
                data.Set("v", Year - 1, ("p", 2.5m), ("q", 10), ("r", 0)).Set("w", Year - 1, ("p", 5), ("q", 0), ("r", 10));
                if (scenario == "other_group_last_year") previousZones = [("p", "provincial"), ("q", "national"), ("r", "national")];
                break;
        }

        var p = Zone(EvaluationEngine.Evaluate(model, Input(data, zones, previousZones)), "p");

        Assert.Equal(Grade.Fail, p.Grade);
        Assert.Equal(previous, p.PreviousGrade);
        Assert.Equal(flags, p.Flags);
    }

    [Fact]
    public void Three_consecutive_fails_when_the_model_asks_for_three()
    {
        // p 0 of (0, 100) fails in 2020 and 2019; in 2018 too only in the second data set.
        var twoYears = new Data().Set("v", ("p", 0), ("q", 100)).Set("v", Year - 1, ("p", 0), ("q", 100)).Set("v", Year - 2, ("p", 100), ("q", 0));
        var threeYears = new Data().Set("v", ("p", 0), ("q", 100)).Set("v", Year - 1, ("p", 0), ("q", 100)).Set("v", Year - 2, ("p", 0), ("q", 100));
        var model = Single(consecutiveFails: 3);

        Assert.Equal(["yellow_card"], Zone(EvaluationEngine.Evaluate(model, Input(twoYears, "p", "q")), "p").Flags);
        Assert.Equal(["yellow_card", "delisting_proposed"], Zone(EvaluationEngine.Evaluate(model, Input(threeYears, "p", "q")), "p").Flags);
    }

    // ---------------------------------------------------------------- consequences by level, the last-place switch, models without grades

    [Fact]
    public void A_national_zone_failing_as_often_as_delisting_needs_is_reported_upward_and_a_provincial_one_proposed_for_delisting()
    {
        // domain.md §3.3: 2 consecutive 不合格 → propose revocation (省级) / report to MOST/MIIT (国家级).
        // rule 9 on V, W with v = w: in each group p 0 of (0, 100) → 60 < 70 in 2019 and 2020 → fail twice (groups of 2: no last place).
        var model = Build([Dim("a")], [Ind("V", "v"), Ind("W", "w")]);
        var data = new Data();
        foreach (var year in new[] { Year - 1, Year })
        {
            data.Set("v", year, ("np", 0), ("nq", 100), ("pp", 0), ("pq", 100)).Set("w", year, ("np", 0), ("nq", 100), ("pp", 0), ("pq", 100));
        }
        List<EvaluationZone> zones =
        [
            new("np", "national", National: true), new("nq", "national", National: true),
            new("pp", "provincial", National: false), new("pq", "provincial", National: false),
        ];

        var result = EvaluationEngine.Evaluate(model, new EvaluationInput(Year, zones, data.Lookup));

        Assert.Equal(["yellow_card", "report_upward"], Zone(result, "np").Flags);
        Assert.Equal(["yellow_card", "delisting_proposed"], Zone(result, "pp").Flags);
        Assert.Equal((Grade.Fail, Grade.Fail), (Zone(result, "np").Grade, Zone(result, "pp").Grade));
    }

    [Theory]
    // The case of Last_place_in_a_group_of_three_fails: c scores 75 (pass on its composite) and is last of 3.
    // lastPlaceFails true (the default model's setting): fail + yellow card; false: the flag stays, the grade is the composite's.
    [InlineData(true, Grade.Fail, new[] { "last_place", "yellow_card" })]
    [InlineData(false, Grade.Pass, new[] { "last_place" })]
    public void Last_place_fails_the_grade_only_when_the_model_switch_says_so(bool lastPlaceFails, Grade grade, string[] flags)
    {
        var model = Build([Dim("a")], [Ind("V", "v"), Ind("W", "w")], lastPlaceFails: lastPlaceFails);
        var data = new Data().Set("v", ("a", 10), ("b", 0), ("c", 2.5m)).Set("w", ("a", 0), ("b", 10), ("c", 5));

        var c = Zone(EvaluationEngine.Evaluate(model, Input(data, "a", "b", "c")), "c");

        Assert.Equal(lastPlaceFails, model.Rules.LastPlaceFails);
        Assert.Equal((75m, 3, grade), (c.Composite, c.Rank, c.Grade));
        Assert.Equal(flags, c.Flags);
    }

    [Fact]
    public void Last_place_fails_when_the_model_does_not_say_otherwise()
    {
        var model = Build([Dim("a")], [Ind("V", "v")]);

        Assert.True(model.Rules.LastPlaceFails);
    }

    [Fact]
    public void A_model_without_grades_gives_composite_rank_and_percentile_and_no_grade()
    {
        // min-max: V = 10, 0, 2.5, 2.5 → 100, 0, 25, 25 → ranks a 1, c 2, d 2, b 4.
        // Percentile = 100 × zones of the group not above the zone / group size: a 4/4, c and d 3/4, b 1/4.
        var model = Build([Dim("a")], [Ind("V", "v")], normalisation: "minmax", grades: "none", lastPlace: false, yellowCard: false, delisting: false);
        var data = new Data().Set("v", ("a", 10), ("b", 0), ("c", 2.5m), ("d", 2.5m));
        var zones = new[] { "a", "b", "c", "d" }.Select(z => new EvaluationZone(z, "national", National: true, Province: "21")).ToList();

        var result = EvaluationEngine.Evaluate(model, new EvaluationInput(Year, zones, data.Lookup));

        Assert.Null(model.Grades);
        Assert.All(result.Zones, z => Assert.Null(z.Grade));
        Assert.Equal([("a", 1, 100m), ("c", 2, 75m), ("d", 2, 75m), ("b", 4, 25m)], result.Zones.Select(z => (z.Zone, z.Rank, z.Percentile)));
        Assert.Equal((100m, 0m), (Zone(result, "a").Composite, Zone(result, "b").Composite));
        Assert.Equal(EvaluationScales.ProvincialRelativeIndex, result.Scale);
        Assert.Null(EvaluationEngine.Explain(model, new EvaluationInput(Year, zones, data.Lookup), "b").PassLine);
    }

    [Fact]
    public void Without_grades_zones_of_several_provinces_make_a_relative_index_and_a_graded_model_keeps_its_grades()
    {
        var ungraded = Build([Dim("a")], [Ind("V", "v")], grades: "none", lastPlace: false, yellowCard: false, delisting: false);
        var data = new Data().Set("v", ("a", 10), ("b", 0));
        List<EvaluationZone> twoProvinces = [new("a", "national", true, "21"), new("b", "national", true, "22")];

        Assert.Equal(EvaluationScales.RelativeIndex, EvaluationEngine.Evaluate(ungraded, new EvaluationInput(Year, twoProvinces, data.Lookup)).Scale);
        Assert.Equal(EvaluationScales.Grades, EvaluationEngine.Evaluate(Single(), new EvaluationInput(Year, twoProvinces, data.Lookup)).Scale);
    }

    [Theory]
    [InlineData(true, false, false, "yellowCard")]
    [InlineData(false, true, false, "delisting")]
    [InlineData(false, false, true, "lastPlaceFails")]
    public void A_model_without_grades_refuses_a_rule_that_starts_from_a_fail(bool yellowCard, bool delisting, bool lastPlace, string field)
    {
        var yaml = ModelYaml([Dim("a")], [Ind("V", "v")], grades: "none", lastPlace: lastPlace, yellowCard: yellowCard, delisting: delisting);

        var (model, errors) = EvaluationModelParser.Parse("test.yaml", yaml, Elements);

        Assert.Null(model);
        var error = Assert.Single(errors);
        Assert.Equal(($"rules.{field}", "out_of_range"), (error.Field, error.Code));
    }

    [Fact]
    public void A_zone_listed_twice_is_refused() =>
        Assert.Throws<ArgumentException>(() => EvaluationEngine.Evaluate(Single(), Input(new Data(), "p", "p")));

    // ---------------------------------------------------------------- the bundled default model end to end

    /// <summary>
    /// Three national zones where, on every one of the 16 indicators, shenyang is best, dalian worst and anshan
    /// exactly half-way (so every score is 100, 60 or 80), and fushun alone in the provincial group.
    /// </summary>
    private static Data DefaultModelData()
    {
        var data = new Data();
        void Three(string element, decimal dalian, decimal anshan, decimal shenyang) =>
            data.Set(element, ("dalian", dalian), ("anshan", anshan), ("shenyang", shenyang), ("fushun", anshan));
        Three("area_km2", 10, 10, 10);
        Three("gdp", 100, 150, 200);               // D1 = 10, 15, 20
        data.Set("gdp", Year - 1, ("dalian", 100), ("anshan", 100), ("shenyang", 100), ("fushun", 100)); // D2 = 0, 0.5, 1
        Three("tax", 1, 2, 3);                     // D3 = 0.1, 0.2, 0.3
        Three("energy_consumption", 30, 30, 20);   // D4 = 0.3, 0.2, 0.1 (lower is better)
        Three("revenue", 100, 100, 100);
        Three("leading_industry_revenue", 30, 40, 50);  // A1 = 0.3, 0.4, 0.5
        Three("hte_count", 10, 20, 30);            // A2; A3 = 0.1, 0.2, 0.3
        Three("enterprise_count", 100, 100, 100);
        Three("clusters_over_50yi", 1, 2, 3);      // A4
        Three("rd_expenditure", 1, 3, 6);          // I1 = 0.01, 0.02, 0.03
        Three("employees", 10000, 10000, 10000);
        Three("invention_patents_granted", 1, 2, 3);    // I2 = 1, 2, 3
        Three("rd_institutions", 1, 2, 3);         // I3
        Three("tech_contract_turnover", 1, 3, 6);  // I4 = 0.01, 0.02, 0.03
        Three("incubators", 1, 2, 3);
        Three("maker_spaces", 1, 2, 3);            // E1 = 2, 4, 6
        Three("incubating_enterprises", 10, 20, 30);    // E2
        Three("high_level_talents", 1, 2, 3);      // E3 = 1, 2, 3
        Three("finance_institutions", 1, 2, 3);
        Three("vc_institutions", 0, 0, 0);         // E4 = 1, 2, 3
        return data;
    }

    private static readonly (string, string)[] DefaultZones = [("dalian", "national"), ("anshan", "national"), ("shenyang", "national"), ("fushun", "provincial")];

    [Fact]
    public void The_default_model_scores_the_hand_built_zones()
    {
        // Every indicator: shenyang 100, anshan 80, dalian 60 → composites 100, 80, 60 (weights equal);
        // dalian last of 3 and below 70 → fail, last place, yellow card. fushun is alone in its group → 100.
        var model = EvaluationModelParserTests.LoadDefault();

        var result = EvaluationEngine.Evaluate(model, Input(DefaultModelData(), DefaultZones));

        Assert.Equal([("shenyang", 100m, Grade.Excellent), ("anshan", 80m, Grade.Good), ("dalian", 60m, Grade.Fail), ("fushun", 100m, Grade.Excellent)],
            result.Zones.Select(z => (z.Zone, z.Composite, z.Grade)));
        Assert.All(Zone(result, "anshan").Indicators.Values, i => Assert.Equal(80m, i.Score));
        Assert.Equal(0.2m, Zone(result, "anshan").Indicators["D4"].Value);
        Assert.Equal(["last_place", "yellow_card"], Zone(result, "dalian").Flags);
    }

    // ---------------------------------------------------------------- Monte Carlo rank intervals

    [Fact]
    public void Monte_Carlo_is_deterministic_per_seed()
    {
        var data = new Data()
            .Set("x1", ("a", 3), ("b", 7), ("c", 5), ("d", 9), ("e", 1), ("f", 6))
            .Set("x2", ("a", 4), ("b", 2), ("c", 8), ("d", 5), ("e", 3), ("f", 9))
            .Set("y2", ("a", 1), ("b", 1), ("c", 2), ("d", 1), ("e", 1), ("f", 3))
            .Set("y1", ("a", 8), ("b", 3), ("c", 6), ("d", 2), ("e", 9), ("f", 5));
        var input = Input(data, "a", "b", "c", "d", "e", "f");
        var options = new SensitivityOptions(2000, 42);

        var first = EvaluationEngine.Evaluate(WorkedModel, input, options).Zones.Select(z => (z.Zone, z.Interval)).ToList();
        var second = EvaluationEngine.Evaluate(WorkedModel, input, options).Zones.Select(z => (z.Zone, z.Interval)).ToList();

        Assert.Equal(first, second);
        Assert.All(first, z =>
        {
            var i = z.Interval!;
            Assert.InRange(i.P5, 1, 6);
            Assert.InRange(i.Median, i.P5, i.P95);
            Assert.InRange(i.P95, 1, 6);
            Assert.InRange(i.LastShare, 0m, 1m);
        });
        Assert.Equal(1m, first.Sum(z => z.Interval!.LastShare));  // exactly one zone is last in each replication (no ties in this data)
    }

    [Fact]
    public void Without_perturbation_the_interval_collapses_to_the_nominal_rank()
    {
        // The missing-values case: ranks 1, 2, 2, 4 (q last). Factors fixed at 1, the model's own normalisation:
        // every replication reproduces the nominal ranking.
        var model = Build([Dim("a")], [Ind("V", "v"), Ind("W", "num / den")]);
        var data = new Data()
            .Set("v", ("p", 10), ("q", 20), ("r", 30))
            .Set("num", ("p", 1), ("r", 3), ("s", 2))
            .Set("den", ("p", 2), ("q", 2), ("r", 0), ("s", 2));

        var result = EvaluationEngine.Evaluate(model, Input(data, "p", "q", "r", "s"), new SensitivityOptions(101, 7, WeightSpread: 0, VaryNormalisation: false));

        Assert.All(result.Zones, z =>
            Assert.Equal(new RankInterval(z.Rank, z.Rank, z.Rank, z.Zone == "q" ? 1 : 0), z.Interval));
    }

    [Fact]
    public void A_zone_worst_on_every_indicator_is_always_last()
    {
        // shenyang is best and dalian worst on every indicator: under any positive weights and any of the three
        // normalisations (each monotone per indicator) shenyang ranks 1 and dalian 3 in every replication.
        var model = EvaluationModelParserTests.LoadDefault();

        var result = EvaluationEngine.Evaluate(model, Input(DefaultModelData(), DefaultZones), new SensitivityOptions(1000, 2017));

        Assert.Equal(new RankInterval(1, 1, 1, 0), Zone(result, "shenyang").Interval);
        Assert.Equal(new RankInterval(3, 3, 3, 1), Zone(result, "dalian").Interval);
        Assert.Equal(new RankInterval(2, 2, 2, 0), Zone(result, "anshan").Interval);
        Assert.Equal(new RankInterval(1, 1, 1, 0), Zone(result, "fushun").Interval);   // alone: never "last"
    }

    [Fact]
    public void Sensitivity_options_out_of_range_are_refused()
    {
        var input = Input(new Data().Set("v", ("p", 1)), "p");

        Assert.Throws<ArgumentException>(() => EvaluationEngine.Evaluate(Single(), input, new SensitivityOptions(0, 1)));
        Assert.Throws<ArgumentException>(() => EvaluationEngine.Evaluate(Single(), input, new SensitivityOptions(10, 1, WeightSpread: 1)));
    }

    // ---------------------------------------------------------------- explanations

    /// <summary>V and W in one dimension (a = 1 each), efficacy, grades 90/80/70.</summary>
    private static Data ExplainData() => new Data()
        .Set("v", ("p", 100), ("q", 50), ("r", 10))
        .Set("w", ("p", 40), ("q", 20), ("r", 10))
        .Set("v", Year - 1, ("p", 100), ("q", 50), ("r", 100))
        .Set("w", Year - 1, ("p", 40), ("q", 20), ("r", 10));

    private static EvaluationModel ExplainModel(string grades = "{excellent: 90, good: 80, pass: 70}", string vDirection = "positive") =>
        Build([Dim("a")], [Ind("V", "v", direction: vDirection), Ind("W", "w")], grades: grades);

    [Fact]
    public void Explain_finds_the_smallest_single_indicator_lift_to_the_pass_line_exactly()
    {
        // 2020: V = 100, 50, 10 → r 60;  W = 40, 20, 10 → r 60;  r's composite 60 < 70.
        // One indicator alone must reach 60 + (70 − 60)/0.5 = 80 (effective weight 1/2).
        // V: the others are 50 and 100, so once r leaves the bottom the scale is 50–100, not 10–100:
        //    80 = 60 + 40·(x − 50)/50 → x = 75 (holding the old min 10 would give 55, which only scores 64).
        // W: others 20 and 40 → 80 = 60 + 40·(x − 20)/20 → x = 30.
        // Relative changes: V (75 − 10)/10 = 6.5, W (30 − 10)/10 = 2 → the smallest is W.
        var explanation = EvaluationEngine.Explain(ExplainModel(), Input(ExplainData(), "p", "q", "r"), "r");

        Assert.Equal(70m, explanation.PassLine);
        var improvement = explanation.Improvement!;
        Assert.Equal(new IndicatorImprovement("W", 10, 30, 60, 80, 2, 70), improvement.Smallest);
        Assert.Equal([new IndicatorImprovement("W", 10, 30, 60, 80, 2, 70), new IndicatorImprovement("V", 10, 75, 60, 80, 6.5m, 70)],
            improvement.Options);
    }

    [Fact]
    public void Explain_solves_a_negative_indicator_downwards()
    {
        // V negative: 10, 50, 100 → r (100) is worst → 60. Others 10 and 50: 80 = 60 + 40·(50 − x)/40 → x = 30.
        // Relative change |30 − 100|/100 = 0.7 beats W's 2.
        var data = new Data().Set("v", ("p", 10), ("q", 50), ("r", 100)).Set("w", ("p", 40), ("q", 20), ("r", 10));

        var explanation = EvaluationEngine.Explain(ExplainModel(vDirection: "negative"), Input(data, "p", "q", "r"), "r");

        Assert.Equal(new IndicatorImprovement("V", 100, 30, 60, 80, 0.7m, 70), explanation.Improvement!.Smallest);
    }

    [Fact]
    public void Explain_returns_no_improvement_when_no_single_indicator_can_reach_the_pass_line()
    {
        // Pass line 90: r needs 60 + (90 − 60)/0.5 = 120 on one indicator, above the maximum 100.
        var explanation = EvaluationEngine.Explain(ExplainModel("{excellent: 98, good: 95, pass: 90}"), Input(ExplainData(), "p", "q", "r"), "r");

        Assert.Null(explanation.Improvement);
    }

    [Fact]
    public void Explain_returns_no_improvement_above_the_pass_line()
    {
        // q: V 60 + 40·40/90 = 77.78, W 60 + 40·10/30 = 73.33 → 75.56 ≥ 70.
        var explanation = EvaluationEngine.Explain(ExplainModel(), Input(ExplainData(), "p", "q", "r"), "q");

        Assert.True(explanation.Result.Composite >= 70);
        Assert.Null(explanation.Improvement);
    }

    [Fact]
    public void Explain_compares_contributions_with_last_year()
    {
        // 2019: V = 100, 50, 100 → r 100; W as in 2020 → r 60; r = 80 (good; q is last of 3 then).
        // 2020: r = 60. V's contribution 0.5·100 = 50 → 0.5·60 = 30 (−20); W's 30 → 30 (0).
        var explanation = EvaluationEngine.Explain(ExplainModel(), Input(ExplainData(), "p", "q", "r"), "r");

        var change = explanation.Change!;
        Assert.Equal((2019, 80m, Grade.Good, -20m), (change.PreviousYear, change.PreviousComposite, change.PreviousGrade, change.CompositeChange));
        Assert.Equal([new ContributionChange("V", 100, 10, 50, 30, -20), new ContributionChange("W", 10, 10, 30, 30, 0)], change.Indicators);
        Assert.Equal(Grade.Good, explanation.Result.PreviousGrade);
    }

    [Fact]
    public void Explain_lists_values_operands_scores_and_contributions()
    {
        // Worked model, zone q: X1 = 20 → 80, X2 = 2/1 → 80, Y1 = 5 → 100.
        // Effective weights 3/16, 9/16, 1/4 → contributions 15, 45, 25 (sum 85 = composite).
        var data = new Data()
            .Set("x1", ("p", 10), ("q", 20), ("r", 30))
            .Set("x2", ("p", 1), ("q", 2), ("r", 3))
            .Set("y2", ("p", 1), ("q", 1), ("r", 1))
            .Set("y1", ("p", 5), ("q", 5), ("r", 5));

        var explanation = EvaluationEngine.Explain(WorkedModel, Input(data, "p", "q", "r"), "q");

        Assert.Equal((Year, "test", 85m), (explanation.Year, explanation.Model, explanation.Result.Composite));
        var x2 = explanation.Indicators[1];
        Assert.Equal(("X2", "a", 2m, 80m, 9m / 16, 45m, 1m, 3m), (x2.Code, x2.Dimension, x2.Value, x2.Score, x2.EffectiveWeight, x2.Contribution, x2.GroupLow, x2.GroupHigh));
        Assert.Equal([new OperandValue("x2", Year, 2), new OperandValue("y2", Year, 1)], x2.Operands);
        Assert.Equal([15m, 45m, 25m], explanation.Indicators.Select(i => i.Contribution));
        Assert.Equal(["Y1", "X1", "X2"], explanation.Strongest);    // 100, then the 80s in model order
        Assert.Equal(["X1", "X2", "Y1"], explanation.Weakest);
        Assert.Null(explanation.Change);                            // no 2019 data
    }

    [Fact]
    public void Explain_shows_the_missing_previous_year_operand()
    {
        var model = Build([Dim("a")], [Ind("G", "gdp / gdp@prev - 1")]);
        var data = new Data().Set("gdp", ("p", 110), ("q", 120), ("r", 130)).Set("gdp", Year - 1, ("p", 100), ("q", 100));

        var g = EvaluationEngine.Explain(model, Input(data, "p", "q", "r"), "r").Indicators.Single();

        Assert.Equal([new OperandValue("gdp", Year, 130), new OperandValue("gdp", Year - 1, null)], g.Operands);
        Assert.Equal((null, 0m), (g.Value, g.Score));
    }

    [Fact]
    public void Explain_under_rank_normalisation_needs_an_other_zones_value()
    {
        // Rank: V = 40, 30, 20, 10 → s scores 100·1/4 = 25. Needed 70 = 100·(1 + k)/4 → k ≥ 1.8 → 2 of the others not
        // better → the second-smallest other value, 30 (then 30, 20 and s's 30 are ≤ 30: 3/4 → 75).
        var model = Single("rank");
        var data = new Data().Set("v", ("p", 40), ("q", 30), ("r", 20), ("s", 10));

        var smallest = EvaluationEngine.Explain(model, Input(data, "p", "q", "r", "s"), "s").Improvement!.Smallest;

        Assert.Equal(new IndicatorImprovement("V", 10, 30, 25, 70, 2, 75), smallest);
    }

    [Fact]
    public void Explain_under_z_scores_bisects_to_the_value()
    {
        // z-scores, pass line 0: V = 10, 20, 30, 40 → the zone at 10 scores −15/√125. z = 0 means x = mean:
        // x = (20 + 30 + 40 + x)/4 → x = 30.
        var model = Single("zscore", grades: "{excellent: 1, good: 0.5, pass: 0}");
        var data = new Data().Set("v", ("p", 40), ("q", 30), ("r", 20), ("s", 10));

        var smallest = EvaluationEngine.Explain(model, Input(data, "p", "q", "r", "s"), "s").Improvement!.Smallest;

        Near(30, smallest.RequiredValue!.Value, 1e-15m);
        Near(0, smallest.NewComposite, 1e-15m);
        Near(-15 / 11.180339887498948482045868344m, smallest.CurrentScore, 1e-20m);
    }

    [Fact]
    public void Explain_refuses_an_unknown_zone() =>
        Assert.Throws<ArgumentException>(() => EvaluationEngine.Explain(ExplainModel(), Input(ExplainData(), "p", "q", "r"), "x"));
}
