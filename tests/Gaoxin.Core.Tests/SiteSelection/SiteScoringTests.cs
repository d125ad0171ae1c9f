using Gaoxin.Core.Investment;
using Gaoxin.Core.Portal;
using Gaoxin.Core.SiteSelection;

namespace Gaoxin.Core.Tests.SiteSelection;

/// <summary>
/// The site-selection score worked out by hand, with the default weights of portal/industries.yaml: industry 40, cluster 25,
/// carriers 15, needs 10, scale 10. Zones and items are the plan's own (专栏3 leading industries, 专栏4 clusters, 专栏5–7 and 9
/// items), revenues made up.
/// </summary>
public sealed class SiteScoringTests
{
    private static readonly SiteWeights Defaults = new(40, 25, 15, 10, 10);

    private static SiteItem Item(string type, string name, string? subtype = null) => new(type, subtype, name);

    private static readonly SiteZone Benxi = new("benxi", "本溪高新区", "Benxi", ["生物医药"],
    [
        Item("cluster", "本溪生物医药产业集群"),
        Item("rd_institution", "省糖类重点工程实验室"),
        Item("rd_institution", "国家药物制剂工程技术研究中心"),
        Item("rd_institution", "夸克侠药物一致性评价重点实验室"),
        Item("tech_platform", "辽宁省医疗器械产业专业技术创新平台"),
        Item("carrier", "创无限众创空间", "maker_space"),
        Item("finance", "助保贷业务", "other"),
    ], Revenue: 100, RevenueYear: 2020, LandProjects: 1);

    private static readonly SiteZone Shenyang = new("shenyang", "沈阳高新区", "Shenyang", ["信息技术", "智能制造", "生物医药"],
    [
        Item("cluster", "沈阳机器人和信息技术产业集群"),
        Item("cluster", "沈阳健康医疗和生物医药产业集群"),
        Item("tech_platform", "生物医药和医疗设备创新中心"),
        Item("tech_platform", "国家机器人创新中心"),
        Item("finance", "科技金融产业联盟", "alliance"),
    ], Revenue: 400, RevenueYear: 2020, LandProjects: 0);

    private static readonly SiteZone Jinzhou = new("jinzhou", "锦州高新区", "Jinzhou", ["汽车零部件", "精细化工", "健康保健食品"],
    [
        Item("cluster", "锦州汽车零部件产业集群"),
        Item("cluster", "锦州健康产业集群"),
        Item("rd_institution", "辽宁省奥鸿药业工程技术研究中心"),
    ], Revenue: 200, RevenueYear: 2020, LandProjects: 0);

    private static readonly SiteZone Dalian = new("dalian", "大连高新区", "Dalian", ["软件和服务外包产业"],
    [
        Item("cluster", "大连软件和信息技术服务产业集群"),
        Item("tech_platform", "博奥生物"),
        Item("carrier", "大连软件园COCO-SPACE", "maker_space"),
    ], Revenue: null, RevenueYear: null, LandProjects: 0);

    private static SiteSelectionResult Rank(string text, string[] needs, SiteWeights? weights = null) =>
        SiteScoring.Rank(IndustryCatalogTests.Catalog(), text, needs, weights ?? Defaults, [Dalian, Jinzhou, Shenyang, Benxi]);

    private static decimal PointsOf(SiteRanking zone, string part) => zone.Parts.Single(p => p.Part == part).Points;

    [Fact]
    public void Biomedicine_with_finance_and_land_scores_benxi_by_hand()
    {
        var benxi = Rank("生物医药", ["land", "finance"]).Zones.Single(z => z.Zone == "benxi");

        // industry: 生物医药 is biomedicine → fit 1 → 40.
        Assert.Equal(40, PointsOf(benxi, "industry"));
        // cluster: 本溪生物医药产业集群 → fit 1 → 25.
        Assert.Equal(25, PointsOf(benxi, "cluster"));
        // carriers: the two 药物 institutions count (1/3 each); the sugar laboratory is no code, 医疗器械 is health (same domain, not the field),
        // the maker space names no industry → 2/3 × 15 = 10.
        Assert.Equal(10, PointsOf(benxi, "carriers"));
        // needs: land (one published project with land) and finance (助保贷业务) both met → 2/2 × 10 = 10.
        Assert.Equal(10, PointsOf(benxi, "needs"));
        // scale: revenue 100 of the largest 400 (Shenyang) → 0.25 × 10 = 2.5.
        Assert.Equal(2.5m, PointsOf(benxi, "scale"));
        Assert.Equal(87.5m, benxi.Score);
        Assert.All(benxi.Parts, p => Assert.False(string.IsNullOrWhiteSpace(p.Reason)));
        Assert.Contains("本溪生物医药产业集群", benxi.Parts.Single(p => p.Part == "cluster").Reason);
    }

    [Fact]
    public void Biomedicine_ranks_benxi_then_shenyang_then_jinzhou_by_hand()
    {
        var result = Rank("生物医药", ["land", "finance"]);

        // Shenyang: 40 + 25 (健康医疗和生物医药 cluster) + 5 (one platform) + 5 (finance yes, land no) + 10 (largest revenue) = 85.
        // Jinzhou: 健康保健食品 and 锦州健康产业集群 are health, the same domain → half: 20 + 12.5; 奥鸿药业 → 5; needs 0; 200/400 → 5 = 42.5.
        // Dalian: only 博奥生物 → 5; no revenue → 5.
        Assert.Equal([("benxi", 87.5m), ("shenyang", 85m), ("jinzhou", 42.5m), ("dalian", 5m)], result.Zones.Select(z => (z.Zone, z.Score)));
        Assert.Equal(["biomedicine"], result.Matched.Select(m => m.Code));
    }

    [Fact]
    public void The_english_reason_names_an_industry_in_english_and_keeps_names_without_one_as_written()
    {
        var benxi = Rank("生物医药", []).Zones.Single(z => z.Zone == "benxi");
        // 生物医药 is the catalog's own name of biomedicine; the cluster's name has no English form and stays Chinese.
        Assert.Equal("Leading industries (column 3): Biomedicine within Biomedicine, full 40 points", benxi.Parts.Single(p => p.Part == "industry").ReasonEn);
        Assert.StartsWith("Innovative clusters (column 4): 本溪生物医药产业集群 within", benxi.Parts.Single(p => p.Part == "cluster").ReasonEn);
        Assert.StartsWith("主导产业(专栏3):生物医药 属于", benxi.Parts.Single(p => p.Part == "industry").Reason);
    }

    [Fact]
    public void Weights_change_the_order()
    {
        // Without scale: Benxi 85, Shenyang 75.
        var noScale = Rank("生物医药", ["land", "finance"], Defaults with { Scale = 0 });
        Assert.Equal([("benxi", 85m), ("shenyang", 75m)], noScale.Zones.Take(2).Select(z => (z.Zone, z.Score)));
        // Scale alone: the largest revenue first — Shenyang 10, Jinzhou 5, Benxi 2.5, Dalian 0.
        var scaleOnly = Rank("生物医药", [], new SiteWeights(0, 0, 0, 0, 10));
        Assert.Equal([("shenyang", 10m), ("jinzhou", 5m), ("benxi", 2.5m), ("dalian", 0m)], scaleOnly.Zones.Select(z => (z.Zone, z.Score)));
    }

    [Fact]
    public void Software_outsourcing_ranks_dalian_first()
    {
        var result = Rank("软件和服务外包", []);
        var dalian = result.Zones[0];
        // 40 (软件和服务外包产业) + 25 (软件和信息技术服务 cluster) + 5 (软件园) + 0 (no needs) + 0 (no revenue) = 70.
        Assert.Equal(("dalian", 70m), (dalian.Zone, dalian.Score));
        // Shenyang's 信息技术 is information technology, the same domain (电子信息): 20 + 12.5 (its 信息技术 cluster) + 10 (scale) = 42.5.
        Assert.Equal(42.5m, result.Zones.Single(z => z.Zone == "shenyang").Score);
    }

    [Fact]
    public void Text_naming_no_industry_scores_only_needs_and_scale_and_says_so()
    {
        var result = Rank("咖啡", ["finance"]);
        Assert.Empty(result.Matched);
        Assert.All(result.Zones, z => Assert.Equal(0, PointsOf(z, "industry") + PointsOf(z, "cluster") + PointsOf(z, "carriers")));
        Assert.Contains("未从所填产业识别出产业代码", result.Zones[0].Parts[0].Reason);
        // Shenyang: finance 10 + scale 10.
        Assert.Equal(("shenyang", 20m), (result.Zones[0].Zone, result.Zones[0].Score));
    }

    [Fact]
    public void Equal_scores_keep_the_order_the_zones_were_given_in()
    {
        var result = SiteScoring.Rank(IndustryCatalogTests.Catalog(), "咖啡", [], Defaults,
            [Dalian with { Revenue = null }, Jinzhou with { Revenue = null }]);
        Assert.Equal(["dalian", "jinzhou"], result.Zones.Select(z => z.Zone));
        Assert.All(result.Zones, z => Assert.Equal(0, z.Score));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(0.0, "small")]
    [InlineData(9_999.99, "small")]
    [InlineData(10_000.0, "medium")]
    [InlineData(99_999.0, "medium")]
    [InlineData(100_000.0, "large")]
    public void Size_bands_of_amounts_in_wan(double? amount, string? band) =>
        Assert.Equal(band, InvestmentRules.SizeBand(amount is { } a ? (decimal)a : null));

    [Fact]
    public void A_project_valid_until_a_day_expires_at_the_next_midnight_in_china()
    {
        Assert.Equal(new DateTimeOffset(2020, 6, 30, 16, 0, 0, TimeSpan.Zero), Publication.EndOfDay(new DateOnly(2020, 6, 30)));
        Assert.Null(Publication.EndOfDay(null));
        Assert.Equal(8m, InvestmentRules.Hectares(120));
    }
}
