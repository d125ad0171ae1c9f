using Gaoxin.Core.Market;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Core.Tests.SiteSelection;

namespace Gaoxin.Core.Tests;

/// <summary>
/// The technology market's matcher worked out by hand. Text: BM25 as Lucene's BM25Similarity (k1 = 1.2, b = 0.75,
/// idf = ln(1 + (N − df + 0.5)/(df + 0.5))) with exact lengths, divided by the query's ideal score; the other parts with the
/// default weights 50 text / 20 field / 10 maturity / 10 region / 10 price (MarketMatcher's remarks state every rule).
/// </summary>
public sealed class MarketMatcherTests
{
    private static IndustryCatalog Catalog => IndustryCatalogTests.Catalog();

    private static MatchProfile Demand(string id, string[] terms, string field = "hydraulics", string? zone = null, string? region = null,
        decimal? min = null, decimal? max = null) =>
        new(id, MarketSide.Demand, "需求" + id, field, terms, null, zone, region, min, max);

    private static MatchProfile Achievement(string id, string[] terms, string field = "hydraulics", string? maturity = null, string? zone = null,
        string? region = null, decimal? min = null, decimal? max = null) =>
        new(id, MarketSide.Achievement, "成果" + id, field, terms, maturity, zone, region, min, max);

    private static decimal PointsOf(MarketMatch match, string part) => match.Reasons.Where(r => r.Part == part).Sum(r => r.Points);

    // Corpus of three achievements, N = 3, lengths 3 + 4 + 3 = 10, avgdl = 10/3 = 3.3333:
    //   1 [液压, 密封, 泄漏]   2 [液压, 油缸, 液压, 焊接]   3 [电池, 正极, 材料]
    // Query [液压, 密封] (length 2).
    //   idf(液压) = ln(1 + (3 − 2 + 0.5)/(2 + 0.5)) = ln 1.6 = 0.470004
    //   idf(密封) = ln(1 + (3 − 1 + 0.5)/(1 + 0.5)) = ln 2.6667 = 0.980829
    //   doc 1: |d| = 3, norm = 1 − 0.75 + 0.75·3/3.3333 = 0.925; tf 1 → 1·2.2/(1 + 1.2·0.925) = 2.2/2.11 = 1.042654
    //          score = (0.470004 + 0.980829)·1.042654 = 1.512717
    //   doc 2: |d| = 4, norm = 0.25 + 0.75·4/3.3333 = 1.15; tf(液压) 2 → 2·2.2/(2 + 1.38) = 1.301775; score = 0.470004·1.301775 = 0.611839
    //   doc 3: no word in common → not a match.
    //   ideal (the query as a document): |q| = 2, norm = 0.25 + 0.75·2/3.3333 = 0.7; tf 1 → 2.2/(1 + 0.84) = 1.195652
    //          ideal = 1.450833·1.195652 = 1.734691
    //   similarity 1 = 1.512717/1.734691 = 0.872038 → 50 × 0.872038 = 43.6 points
    //   similarity 2 = 0.611839/1.734691 = 0.352708 → 50 × 0.352708 = 17.6 points
    [Fact]
    public void Bm25_on_a_three_document_corpus_matches_the_hand_worked_scores()
    {
        Assert.Equal(0.470004, MarketMatcher.Idf(3, 2), 4);
        Assert.Equal(0.980829, MarketMatcher.Idf(3, 1), 4);
        Assert.Equal(1.042654, MarketMatcher.TermWeight(1, 3, 10f / 3), 4);
        Assert.Equal(1.301775, MarketMatcher.TermWeight(2, 4, 10f / 3), 4);

        // Field, maturity, region, price: the same for both (field same 20, maturity not stated 0, region none, price unknown 3).
        var matcher = new MarketMatcher([
            Achievement("1", ["液压", "密封", "泄漏"]), Achievement("2", ["液压", "油缸", "液压", "焊接"]), Achievement("3", ["电池", "正极", "材料"], "new_materials"),
        ], Catalog);
        var matches = matcher.Match(Demand("q", ["液压", "密封"]));

        Assert.Equal(["1", "2"], matches.Select(m => m.Id));
        Assert.Equal(43.6m, PointsOf(matches[0], "text"));
        Assert.Equal(17.6m, PointsOf(matches[1], "text"));
        // The reason names the shared words, weightiest first: 密封 0.980829·1.042654 = 1.0227 before 液压 0.4900.
        var text = matches[0].Reasons.Single(r => r.Part == "text");
        Assert.Equal("共同关键词:密封、液压(文本相似度 0.87)", text.Text);
        Assert.Equal("Shared keywords: 密封, 液压 (text similarity 0.87)", text.TextEn);
        // 43.6 + 20 + 0 + 0 + 3 = 66.6; 17.6 + 20 + 0 + 0 + 3 = 40.6. The reasons add up to the score.
        Assert.Equal(66.6m, matches[0].Score);
        Assert.Equal(40.6m, matches[1].Score);
        Assert.All(matches, m => Assert.Equal(m.Score, m.Reasons.Sum(r => r.Points)));
    }

    [Fact]
    public void A_repeated_query_word_counts_once_per_repetition_and_similarity_is_capped_at_one()
    {
        // One candidate [液压]: N = 1, idf = ln(1 + 0.5/1.5) = 0.287682; avgdl 1.
        // Query [液压, 液压]: candidate score = 2 · 0.287682 · 2.2/(1 + 1.2) = 0.575364;
        // ideal = 2 · 0.287682 · 2·2.2/(2 + 1.2·(0.25 + 0.75·2)) = 0.575364 · 1.073171 = 0.617464 → similarity 0.931818 → 46.6.
        var matcher = new MarketMatcher([Achievement("1", ["液压"])], Catalog);
        var match = Assert.Single(matcher.Match(Demand("q", ["液压", "液压"])));
        Assert.Equal(46.6m, PointsOf(match, "text"));
        // A candidate with the word twice outweighs the query's own text [液压] (avgdl 4, idf(液压) = ln(1 + 1.5/1.5) = 0.693147):
        // candidate 0.693147 · 2·2.2/(2 + 1.2·(0.25 + 0.75·2/4)) = 1.109035, ideal 0.693147 · 2.2/(1 + 1.2·(0.25 + 0.75·1/4))
        // = 0.999950: similarity 1.109, capped at 1 → 50.
        var dense = new MarketMatcher([Achievement("1", ["液压", "液压"]), Achievement("2", ["电池", "正极", "材料", "涂层", "烧结", "掺杂"], "new_materials")], Catalog);
        Assert.Equal(50m, PointsOf(dense.Match(Demand("q", ["液压"]))[0], "text"));
    }

    [Fact]
    public void Empty_corpora_and_queries_give_no_matches_and_one_candidate_matches_only_on_shared_words()
    {
        Assert.Empty(new MarketMatcher([], Catalog).Match(Demand("q", ["液压"])));
        var one = new MarketMatcher([Achievement("1", ["液压", "密封"])], Catalog);
        Assert.Empty(one.Match(Demand("q", [])));
        Assert.Empty(one.Match(Demand("q", ["电池", "正极"])));
        Assert.Empty(one.Match(Demand("q", ["液压"]), top: 0));
        var match = Assert.Single(one.Match(Demand("q", ["液压", "密封"])));
        // Same text as the query: similarity 1 → 50 text points.
        Assert.Equal(50m, PointsOf(match, "text"));
    }

    [Fact]
    public void A_candidate_sharing_only_a_light_word_is_not_a_match()
    {
        // 技术 is in every candidate (idf = ln(1 + 0.5/20.5) = 0.0241); 20 candidates hold it, one also holds the query's
        // subject words. The query's ideal is dominated by 液压 and 密封 (idf ln(1 + 19.5/1.5) = 2.639 each), so 技术 alone
        // weighs 0.0241/(0.0241 + 2·2.639) ≈ 0.5% < 15%: the 19 others are not listed, although their field is the same.
        var candidates = Enumerable.Range(1, 19).Select(i => Achievement($"{i}", ["技术", $"词{i}", "材料"])).Append(Achievement("20", ["技术", "液压", "密封"])).ToList();
        var matches = new MarketMatcher(candidates, Catalog).Match(Demand("q", ["技术", "液压", "密封"]));
        Assert.Equal(["20"], matches.Select(m => m.Id));
    }

    [Fact]
    public void Ties_are_ranked_by_id_numeric_ids_by_number()
    {
        var terms = new[] { "液压", "密封" };
        var matcher = new MarketMatcher([Achievement("10", terms), Achievement("9", terms), Achievement("100", terms), Achievement("x", ["液压", "焊接"])], Catalog);
        var matches = matcher.Match(Demand("q", terms));
        Assert.Equal(["9", "10", "100", "x"], matches.Select(m => m.Id));
        Assert.Equal(["9", "10"], matcher.Match(Demand("q", terms), top: 2).Select(m => m.Id));
        Assert.Equal(-1, MarketMatcher.CompareIds("a", "b"));
    }

    // Every candidate has the query's own text, so each has text 50 and only the part under test differs.
    private static readonly string[] Same = ["液压", "密封"];

    [Fact]
    public void Field_same_code_full_same_domain_half_other_none()
    {
        var matcher = new MarketMatcher([
            Achievement("1", Same, "hydraulics"), Achievement("2", Same, "equipment_manufacturing"), Achievement("3", Same, "biomedicine"),
            Achievement("4", Same, "advanced_manufacturing"), Achievement("5", Same, "agri_processing"),
        ], Catalog);
        var matches = matcher.Match(Demand("q", Same, "hydraulics")).ToDictionary(m => m.Id);
        Assert.Equal(20m, PointsOf(matches["1"], "field"));
        Assert.Equal("同一领域:液压装备", matches["1"].Reasons.Single(r => r.Part == "field").Text);
        // equipment_manufacturing and the domain itself are under 先进制造与自动化, as hydraulics is: 20 × 1/2 = 10.
        Assert.Equal(10m, PointsOf(matches["2"], "field"));
        Assert.Equal(10m, PointsOf(matches["4"], "field"));
        Assert.StartsWith("同属技术领域:先进制造与自动化", matches["2"].Reasons.Single(r => r.Part == "field").Text);
        Assert.Equal(0m, PointsOf(matches["3"], "field"));
        Assert.DoesNotContain(matches["3"].Reasons, r => r.Part == "field");
        // A code outside the 8 domains shares no domain with anything but itself.
        Assert.Equal(0m, PointsOf(matches["5"], "field"));
        Assert.Equal(0m, PointsOf(matcher.Match(Demand("q", Same, "agri_processing")).Single(m => m.Id == "1"), "field"));
    }

    [Fact]
    public void Maturity_ranks_industrialisation_over_pilot_over_small_trial_over_laboratory()
    {
        var matcher = new MarketMatcher([
            Achievement("1", Same, maturity: "lab"), Achievement("2", Same, maturity: "small_pilot"), Achievement("3", Same, maturity: "pilot"),
            Achievement("4", Same, maturity: "industrial"), Achievement("5", Same, maturity: null),
        ], Catalog);
        var matches = matcher.Match(Demand("q", Same));
        // 10 × 4/4, 3/4, 2/4, 1/4, not stated 0 — and so the ranking.
        Assert.Equal(["4", "3", "2", "1", "5"], matches.Select(m => m.Id));
        Assert.Equal([10m, 7.5m, 5m, 2.5m, 0m], matches.Select(m => PointsOf(m, "maturity")));
        Assert.StartsWith("成熟度:产业化阶段(越成熟越易落地,第 4 级", matches[0].Reasons.Single(r => r.Part == "maturity").Text);
        Assert.Equal("成熟度未说明,不计分", matches[4].Reasons.Single(r => r.Part == "maturity").Text);
        // The reverse: an achievement's own maturity counts for every demand alike.
        var reverse = new MarketMatcher([Demand("1", Same), Demand("2", Same)], Catalog).Match(Achievement("q", Same, maturity: "pilot"));
        Assert.All(reverse, m => Assert.Equal(7.5m, PointsOf(m, "maturity")));
    }

    [Fact]
    public void Region_same_zone_city_province_and_the_plans_paired_regions()
    {
        var zones = new Dictionary<string, string> { ["shenyang"] = "辽宁省沈阳市", ["dalian"] = "辽宁省大连市" };
        var matcher = new MarketMatcher([
            Achievement("1", Same, zone: "shenyang"), Achievement("2", Same, region: "辽宁省沈阳市"), Achievement("3", Same, region: "辽宁省大连市"),
            Achievement("4", Same, region: "北京市"), Achievement("5", Same, region: "江苏省南京市"), Achievement("6", Same, region: "上海市"),
            Achievement("7", Same, region: "浙江省杭州市"), Achievement("8", Same), Achievement("9", Same, region: "沈阳市"),
        ], Catalog, zoneRegions: zones);
        var fromShenyang = matcher.Match(Demand("q", Same, zone: "shenyang"), top: 20).ToDictionary(m => m.Id, m => PointsOf(m, "region"));
        // Same zone 10, same city 8 (a bare 沈阳市 is in 辽宁省 too), same province 6, paired (沈阳–北京, 辽宁–江苏) 5, else 0.
        Assert.Equal(10m, fromShenyang["1"]);
        Assert.Equal(8m, fromShenyang["2"]);
        Assert.Equal(8m, fromShenyang["9"]);
        Assert.Equal(6m, fromShenyang["3"]);
        Assert.Equal(5m, fromShenyang["4"]);
        Assert.Equal(5m, fromShenyang["5"]);
        Assert.Equal(0m, fromShenyang["6"]);
        Assert.Equal(0m, fromShenyang["7"]);
        Assert.Equal(0m, fromShenyang["8"]);
        var fromDalian = matcher.Match(Demand("q", Same, zone: "dalian"), top: 20).ToDictionary(m => m.Id);
        // 大连–上海 paired; 大连–北京 is not a pair, but 北京 is not in 辽宁 either: 0.
        Assert.Equal(5m, PointsOf(fromDalian["6"], "region"));
        Assert.Equal("对口合作地区:大连市—上海市", fromDalian["6"].Reasons.Single(r => r.Part == "region").Text);
        Assert.Equal(0m, PointsOf(fromDalian["4"], "region"));
        Assert.Equal(5m, PointsOf(fromDalian["5"], "region"));
        Assert.Equal(("辽宁省", "沈阳市"), MarketMatcher.ParseRegion("辽宁省沈阳市浑南区"));
        // The reason names the zone in each language, never by its code.
        var named = new MarketMatcher([Achievement("1", Same, zone: "shenyang")], Catalog, zoneRegions: zones,
            zoneNames: new Dictionary<string, (string, string)> { ["shenyang"] = ("沈阳高新区", "Shenyang High-tech Zone") });
        var zoneReason = named.Match(Demand("q", Same, zone: "shenyang")).Single().Reasons.Single(r => r.Part == "region");
        Assert.Equal("同一高新区:沈阳高新区", zoneReason.Text);
        Assert.Equal("Same high-tech zone: Shenyang High-tech Zone", zoneReason.TextEn);
        Assert.Equal(("北京市", "北京市"), MarketMatcher.ParseRegion("北京市海淀区"));
        Assert.Equal(((string?)null, (string?)null), MarketMatcher.ParseRegion(null));
    }

    [Fact]
    public void Price_overlap_full_within_half_part_unknown_neutral_else_none()
    {
        // Budget 100–200 万元.
        var matcher = new MarketMatcher([
            Achievement("1", Same, min: 150, max: 300),  // overlaps → 10
            Achievement("2", Same, min: 200, max: 250),  // touches at 200 → overlap → 10
            Achievement("3", Same, min: 300, max: 400),  // 100 above the top, = 50% of 200 → 5
            Achievement("4", Same, min: 300.01m),        // 100.01 above → 0
            Achievement("5", Same, min: 40, max: 50),    // 50 below the bottom, = 50% of 100 → 5
            Achievement("6", Same, min: 30, max: 49.99m),// 50.01 below → 0
            Achievement("7", Same),                      // not stated → neutral 3
            Achievement("8", Same, max: 120),            // open below, up to 120 → overlap → 10
        ], Catalog);
        var matches = matcher.Match(Demand("q", Same, min: 100, max: 200), top: 20).ToDictionary(m => m.Id, m => PointsOf(m, "price"));
        Assert.Equal(10m, matches["1"]);
        Assert.Equal(10m, matches["2"]);
        Assert.Equal(5m, matches["3"]);
        Assert.Equal(0m, matches["4"]);
        Assert.Equal(5m, matches["5"]);
        Assert.Equal(0m, matches["6"]);
        Assert.Equal(3m, matches["7"]);
        Assert.Equal(10m, matches["8"]);
        // A demand without a budget: every price is neutral.
        Assert.All(matcher.Match(Demand("q", Same), top: 20), m => Assert.Equal(3m, PointsOf(m, "price")));
        Assert.Contains(matcher.Match(Demand("q", Same, min: 100, max: 200), top: 20).Single(m => m.Id == "4").Reasons,
            r => r is { Part: "price", Points: 0m, Text: "预算与报价相差超过 50%,不计分" });
    }

    [Fact]
    public void The_reverse_direction_ranks_demands_for_an_achievement()
    {
        var matcher = new MarketMatcher([
            Demand("1", ["液压", "密封", "泄漏"], min: 10, max: 50, region: "辽宁省阜新市"),
            Demand("2", ["液压", "油缸", "液压", "焊接"], region: "辽宁省阜新市"),
            Demand("3", ["电池", "正极", "材料"], "new_materials"),
        ], Catalog);
        var matches = matcher.Match(Achievement("q", ["液压", "密封"], maturity: "industrial", region: "辽宁省阜新市", min: 30, max: 40));
        Assert.Equal(["1", "2"], matches.Select(m => m.Id));
        // Same texts as the first test: 43.6 text + 20 field + 10 maturity + 8 same city + 10 price = 91.6.
        Assert.Equal(91.6m, matches[0].Score);
        Assert.Equal(17.6m + 20 + 10 + 8 + 3, matches[1].Score);
    }

    [Fact]
    public void Concurrent_matches_give_the_same_answers_as_one_at_a_time()
    {
        var candidates = Enumerable.Range(1, 300).Select(i => Achievement($"{i}", [$"词{i % 17}", $"词{i % 23}", "液压", $"词{i % 5}"])).ToList();
        var matcher = new MarketMatcher(candidates, Catalog);
        var queries = Enumerable.Range(0, 64).Select(i => Demand($"q{i}", [$"词{i % 17}", $"词{i % 23}"])).ToList();
        var expected = queries.Select(q => string.Join(";", matcher.Match(q).Select(m => $"{m.Id}:{m.Score}"))).ToList();
        var actual = new string[queries.Count];
        Parallel.For(0, queries.Count * 4, i => actual[i % queries.Count] = string.Join(";", matcher.Match(queries[i % queries.Count]).Select(m => $"{m.Id}:{m.Score}")));
        Assert.Equal(expected, actual);
        Assert.All(expected, e => Assert.NotEmpty(e));
    }
}
