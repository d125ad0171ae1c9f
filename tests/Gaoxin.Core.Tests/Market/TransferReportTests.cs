using Gaoxin.Core.Market;

namespace Gaoxin.Core.Tests.Market;

/// <summary>
/// The yearly transfer report (科技成果转移转化年度报告), worked by hand: contracts count to their signing year and zone,
/// introductions to the year they closed; each figure beside the year before, a zero year before shown as such.
/// </summary>
public class TransferReportTests
{
    private static ApprovedContract C(int id, string zone, string signed, decimal wan, string type, string field, int? achievement = null, int key = 0, int products = 0) =>
        new(id, type, field, zone, DateOnly.Parse(signed), wan, achievement, key, products);

    private static readonly ApprovedContract[] Contracts =
    [
        // 2019, Shenyang: development 1,000 (achievement 7, 2 key technologies), transfer 500 (achievement 7 again, 1 new product),
        // service 200 (no achievement). Dalian: license 300 (achievement 7 too, province counts it once), consulting 100 (achievement 8).
        C(1, "shenyang", "2019-03-01", 1_000m, "development", "intelligent_manufacturing", 7, key: 2),
        C(2, "shenyang", "2019-08-01", 500m, "transfer", "intelligent_manufacturing", 7, products: 1),
        C(3, "shenyang", "2019-12-31", 200m, "service", "new_materials"),
        C(4, "dalian", "2019-05-01", 300m, "license", "software_outsourcing", 7),
        C(5, "dalian", "2019-06-01", 100m, "consulting", "software_outsourcing", 8),
        // 2018: Shenyang development 800 (achievement 6, 1 key technology); nothing in Dalian.
        C(6, "shenyang", "2018-04-01", 800m, "development", "intelligent_manufacturing", 6, key: 1),
        // 2017 and 2020 are neither the year nor the year before.
        C(7, "shenyang", "2017-04-01", 9_999m, "development", "intelligent_manufacturing"),
        C(8, "dalian", "2020-01-01", 9_999m, "development", "software_outsourcing"),
    ];

    private static readonly ClosedIntroduction[] Introductions =
    [
        new(1, "shenyang", new DateOnly(2019, 5, 1), Deal: true),
        new(2, "shenyang", new DateOnly(2019, 6, 1), Deal: false),   // without a deal: not a deal brokered
        new(3, "shenyang", new DateOnly(2018, 6, 1), Deal: true),
        new(4, null, new DateOnly(2019, 7, 1), Deal: true),          // the office's own: the province only
    ];

    private static TransferReportResult Report() => TransferReport.Compute(2019, Contracts, Introductions, ["shenyang", "dalian"]);

    [Fact]
    public void A_zones_figures_are_its_contracts_of_the_year_beside_the_year_before()
    {
        var sy = Report().Zones[0];
        Assert.Equal("shenyang", sy.Zone);
        Assert.Equal(new YearOnYear(3, 1), sy.Contracts);
        // 1,000 + 500 + 200 = 1,700 万元 against 800: +900, +112.5%.
        Assert.Equal(new YearOnYear(1_700m, 800m), sy.TurnoverWan);
        Assert.Equal((900m, 1.125m), (sy.TurnoverWan.Difference, sy.TurnoverWan.Growth));
        Assert.Equal(new YearOnYear(1, 1), sy.DealsBrokered);
        // Achievement 7 twice is one achievement converted; 2018: achievement 6.
        Assert.Equal(new YearOnYear(1, 1), sy.AchievementsConverted);
        Assert.Equal(new YearOnYear(2, 1), sy.KeyTechnologies);
        Assert.Equal(new YearOnYear(1, 0), sy.NewProducts);
    }

    [Fact]
    public void Every_contract_type_is_listed_and_fields_are_ordered_by_turnover()
    {
        var sy = Report().Zones[0];
        Assert.Equal(["development", "transfer", "license", "consulting", "service"], sy.ByType.Select(r => r.Code));
        var development = sy.ByType[0];
        Assert.Equal((new YearOnYear(1, 1), new YearOnYear(1_000m, 800m)), (development.Contracts, development.TurnoverWan));
        Assert.Equal((new YearOnYear(0, 0), new YearOnYear(0, 0)), (sy.ByType[2].Contracts, sy.ByType[2].TurnoverWan));
        // intelligent_manufacturing 1,500 (2018: 800), new_materials 200.
        Assert.Equal([("intelligent_manufacturing", 1_500m, 800m), ("new_materials", 200m, 0m)],
            sy.ByField.Select(r => (r.Code, r.TurnoverWan.Value, r.TurnoverWan.Previous)));
    }

    [Fact]
    public void A_zero_year_before_gives_no_growth_rate_never_an_infinite_one()
    {
        var dl = Report().Zones[1];
        Assert.Equal(new YearOnYear(400m, 0m), dl.TurnoverWan);
        Assert.Null(dl.TurnoverWan.Growth);
        Assert.Equal(400m, dl.TurnoverWan.Difference);
        Assert.Null(new YearOnYear(0, 0).Growth);
        // A fall to zero is −100%.
        Assert.Equal(-1m, new YearOnYear(0, 50).Growth);
    }

    [Fact]
    public void The_province_sums_every_zone_counts_an_achievement_once_and_the_offices_own_deals()
    {
        var province = Report().Province;
        Assert.Null(province.Zone);
        Assert.Equal(new YearOnYear(5, 1), province.Contracts);
        Assert.Equal(new YearOnYear(2_100m, 800m), province.TurnoverWan);
        // Achievements 7 and 8 in 2019 (7 in two zones counts once); 6 in 2018.
        Assert.Equal(new YearOnYear(2, 1), province.AchievementsConverted);
        // Shenyang's deal and the office's own in 2019; Shenyang's in 2018.
        Assert.Equal(new YearOnYear(2, 1), province.DealsBrokered);
        Assert.Equal(province.TurnoverWan.Value, province.ByType.Sum(r => r.TurnoverWan.Value));
    }

    [Fact]
    public void A_year_without_anything_is_all_zeros_with_every_type_listed_and_no_field()
    {
        var empty = TransferReport.Compute(2016, Contracts, Introductions, ["shenyang"]).Zones[0];
        Assert.Equal(new YearOnYear(0, 0), empty.Contracts);
        Assert.Equal(5, empty.ByType.Count);
        Assert.Empty(empty.ByField);
    }
}
