using Gaoxin.Core.Collection;
using Gaoxin.Core.Demo;
using Gaoxin.Core.Registries;

namespace Gaoxin.Core.Tests;

/// <summary>How the registries count into yearly figures.</summary>
public class RegistryCountTests
{
    private static RegistryCount Count(string text)
    {
        var (count, error) = RegistryCount.Parse(text);
        Assert.True(count is not null, error);
        return count!;
    }

    private static RegistryEntry Item(string type, string? subtype = null, string? level = null, DateOnly? founded = null, DateOnly? closed = null,
        bool planned = false, decimal? amount = null, Dictionary<(int, string), decimal>? figures = null, List<RegistryProject>? projects = null,
        string[]? flags = null) =>
        new(type, subtype, "shenyang", level, planned, founded, closed, amount, figures ?? [], projects ?? [], flags?.ToHashSet());

    [Theory]
    [InlineData("carrier(maker_space).standing", "carrier", "maker_space", "", "standing", null)]
    [InlineData("rd_institution@national,provincial.standing", "rd_institution", "", "national,provincial", "standing", null)]
    [InlineData("cluster.revenue>=50", "cluster", "", "", "revenue", "50")]
    [InlineData("finance(bank, insurer).standing", "finance", "bank,insurer", "", "standing", null)]
    [InlineData("carrier.incubated+", "carrier", "", "", "incubated", null)]
    [InlineData("talent(person)[leading].new+", "talent", "person", "", "new", null)]
    [InlineData("outcome(key_technology).new+", "outcome", "key_technology", "", "new", null)]
    public void The_text_form_names_type_subtypes_levels_measure_and_threshold(string text, string type, string subtypes, string levels, string measure, string? atLeast)
    {
        var count = Count(text);

        Assert.Equal(type, count.Type);
        Assert.Equal(subtypes, string.Join(',', count.Subtypes));
        Assert.Equal(levels, string.Join(',', count.Levels));
        Assert.Equal(measure, count.Measure);
        Assert.Equal(atLeast is null ? null : decimal.Parse(atLeast, System.Globalization.CultureInfo.InvariantCulture), count.AtLeast);
        Assert.Equal(text.Replace(" ", "", StringComparison.Ordinal), count.ToString());
    }

    [Theory]
    [InlineData("carriers.standing", "unknown registry type")]
    [InlineData("carrier(lab).standing", "not a subtype")]
    [InlineData("carrier@global.standing", "unknown level")]
    [InlineData("carrier.revenue", "not a measure of carrier")]
    [InlineData("carrier.standing>=3", "applies to a figure")]
    [InlineData("fund.projects", "only alliances")]
    [InlineData("carrier standing", "expected TYPE")]
    [InlineData("carrier.standing+", "totals a yearly measure")]
    [InlineData("talent(person)[famous].new", "'famous' is not a flag of talent")]
    [InlineData("carrier[leading].standing", "carrier items carry no flags")]
    public void A_bad_count_says_what_is_wrong(string text, string reason)
    {
        var (count, error) = RegistryCount.Parse(text);

        Assert.Null(count);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Standing_counts_items_founded_by_the_year_end_and_not_closed_by_then()
    {
        var items = new[]
        {
            Item("carrier", "maker_space"),                                                   // the plan's own: stands throughout
            Item("carrier", "maker_space", founded: new DateOnly(2018, 12, 31)),              // stands from 2018
            Item("carrier", "maker_space", founded: new DateOnly(2016, 5, 1), closed: new DateOnly(2019, 12, 31)), // closed on the last day: not at 2019's end
            Item("carrier", "maker_space", planned: true),                                    // asked for, not founded: never
            Item("carrier", "incubator"),                                                     // another subtype
        };
        var count = Count("carrier(maker_space).standing");

        Assert.Equal(2m, RegistryCounter.Count(count, items, 2017));
        Assert.Equal(3m, RegistryCounter.Count(count, items, 2018));
        Assert.Equal(2m, RegistryCounter.Count(count, items, 2019));
        Assert.Equal(4m, RegistryCounter.Count(Count("carrier.standing"), items, 2018));
    }

    [Fact]
    public void A_flag_counts_only_the_items_that_carry_it()
    {
        // 依托国家级高新区引进……的高端人才50人左右: persons flagged as leading talents, counted from their founding (arrival) date.
        var talents = new[]
        {
            Item("talent", "person", founded: new DateOnly(2015, 6, 1), flags: ["leading"]),   // before the base year
            Item("talent", "person", founded: new DateOnly(2017, 3, 1), flags: ["leading"]),
            Item("talent", "person", founded: new DateOnly(2018, 7, 1), flags: ["leading"]),
            Item("talent", "person", founded: new DateOnly(2018, 8, 1)),                        // a high-level talent, not a leading one
            Item("talent", "team", founded: new DateOnly(2018, 9, 1), flags: ["leading"]),      // a team, not a person
        };
        var leading = Count("talent(person)[leading].new+");

        Assert.Equal(1m, RegistryCounter.Count(leading, talents, 2016));
        Assert.Equal(3m, RegistryCounter.Count(leading, talents, 2018));
        Assert.Equal(2m, RegistryCounter.Count(leading, talents, 2018) - RegistryCounter.Count(leading, talents, 2016)); // since the base year
        Assert.Equal(4m, RegistryCounter.Count(Count("talent(person).new+"), talents, 2018));
    }

    [Theory]
    [InlineData("是", true)]
    [InlineData(" yes ", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("否", false)]
    [InlineData("no", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_flag_attribute_is_set_only_by_a_yes(string? value, bool set) => Assert.Equal(set, RegistryFlags.IsSet(value));

    [Fact]
    public void Outcomes_count_key_technologies_and_new_products_apart_and_since_the_base_year()
    {
        var outcomes = new[]
        {
            Item("outcome", "key_technology", founded: new DateOnly(2016, 11, 1)),
            Item("outcome", "key_technology", founded: new DateOnly(2017, 2, 1)),
            Item("outcome", "key_technology", founded: new DateOnly(2019, 5, 1)),
            Item("outcome", "new_product", founded: new DateOnly(2017, 4, 1)),
            Item("outcome", "new_product", founded: new DateOnly(2021, 1, 1)),                  // after the year asked
        };
        decimal SinceBase(string count, int year) => RegistryCounter.Count(Count(count), outcomes, year) - RegistryCounter.Count(Count(count), outcomes, 2016);

        Assert.Equal(2m, SinceBase("outcome(key_technology).new+", 2020));   // 2017 and 2019; the 2016 one is the base year's
        Assert.Equal(1m, SinceBase("outcome(new_product).new+", 2020));
    }

    [Fact]
    public void Clusters_and_focus_industries_stand_from_their_dates()
    {
        // 每个高新区要重点建设1至2个……创新型产业集群; 聚焦1-2个战略性新兴产业 — each counted as standing at the year's end.
        var items = new[]
        {
            Item("cluster", planned: true),                                                           // asked for, not begun: no
            Item("cluster", founded: new DateOnly(2012, 1, 1)),
            Item("cluster", founded: new DateOnly(2018, 6, 1)),
            Item("focus_industry", "new_materials", founded: new DateOnly(2017, 5, 1)),
            Item("focus_industry", "new_generation_it", founded: new DateOnly(2017, 5, 1), closed: new DateOnly(2019, 3, 1)), // dropped in 2019
            Item("focus_industry", "biomedical_engineering", founded: new DateOnly(2019, 3, 1)),                               // its replacement
        };

        Assert.Equal(1m, RegistryCounter.Count(Count("cluster.standing"), items, 2017));
        Assert.Equal(2m, RegistryCounter.Count(Count("cluster.standing"), items, 2020));
        Assert.Equal(0m, RegistryCounter.Count(Count("focus_industry.standing"), items, 2016));
        Assert.Equal(2m, RegistryCounter.Count(Count("focus_industry.standing"), items, 2018));
        Assert.Equal(2m, RegistryCounter.Count(Count("focus_industry.standing"), items, 2019));
    }

    [Fact]
    public void New_counts_items_founded_in_the_year_and_levels_keep_items_of_unknown_level()
    {
        var items = new[]
        {
            Item("rd_institution", level: "national", founded: new DateOnly(2018, 3, 1)),
            Item("rd_institution", level: "municipal", founded: new DateOnly(2018, 6, 1)),
            Item("rd_institution", level: null, founded: new DateOnly(2018, 9, 1)),
            Item("rd_institution", level: "provincial", founded: new DateOnly(2017, 9, 1)),
        };

        Assert.Equal(3m, RegistryCounter.Count(Count("rd_institution.new"), items, 2018));
        Assert.Equal(2m, RegistryCounter.Count(Count("rd_institution@national,provincial.new"), items, 2018));
        Assert.Equal(3m, RegistryCounter.Count(Count("rd_institution@national,provincial.standing"), items, 2018));
    }

    [Fact]
    public void Figures_sum_or_count_against_a_threshold_and_amounts_sum_standing_items()
    {
        var clusters = new[]
        {
            Item("cluster", planned: true, figures: new() { [(2018, "revenue")] = 1200m }),
            Item("cluster", figures: new() { [(2018, "revenue")] = 500m }),
            Item("cluster", figures: new() { [(2018, "revenue")] = 499.9m, [(2017, "revenue")] = 520m }),
        };
        var funds = new[]
        {
            Item("fund", amount: 3m, founded: new DateOnly(2017, 1, 1)),
            Item("fund", amount: 2.5m, founded: new DateOnly(2019, 1, 1)),
            Item("fund", amount: null, founded: new DateOnly(2017, 1, 1)),
        };

        Assert.Equal(2m, RegistryCounter.Count(Count("cluster.revenue>=500"), clusters, 2018));
        Assert.Equal(1m, RegistryCounter.Count(Count("cluster.revenue>=1000"), clusters, 2018));
        Assert.Equal(2199.9m, RegistryCounter.Count(Count("cluster.revenue"), clusters, 2018));
        Assert.Equal(3m, RegistryCounter.Count(Count("fund.amount"), funds, 2018));
        Assert.Equal(5.5m, RegistryCounter.Count(Count("fund.amount"), funds, 2019));
    }

    [Fact]
    public void Projects_count_those_started_in_the_year_and_those_running_at_its_end()
    {
        var alliance = Item("alliance", projects:
        [
            new RegistryProject(new DateOnly(2018, 2, 1), null),
            new RegistryProject(new DateOnly(2018, 5, 1), new DateOnly(2018, 11, 30)),
            new RegistryProject(new DateOnly(2017, 5, 1), new DateOnly(2019, 1, 31)),
        ]);

        Assert.Equal(2m, RegistryCounter.Count(Count("alliance.projects_new"), [alliance], 2018));
        Assert.Equal(2m, RegistryCounter.Count(Count("alliance.projects"), [alliance], 2018));
    }

    [Fact]
    public void A_to_date_count_totals_the_years_up_to_the_year_so_its_increase_is_what_came_since_a_base_year()
    {
        var items = new[]
        {
            Item("carrier", founded: new DateOnly(2015, 1, 1), figures: new() { [(2016, "incubated")] = 10m, [(2017, "incubated")] = 12m, [(2019, "incubated")] = 5m }),
            Item("carrier", founded: new DateOnly(2018, 7, 1), closed: new DateOnly(2019, 6, 30), figures: new() { [(2018, "incubated")] = 3m }),
            Item("carrier"),
        };

        Assert.Equal(10m, RegistryCounter.Count(Count("carrier.incubated+"), items, 2016));
        Assert.Equal(25m, RegistryCounter.Count(Count("carrier.incubated+"), items, 2018));
        // Incubated since the 2016 base year, by 2019: 12 + 3 + 5.
        Assert.Equal(20m, RegistryCounter.Count(Count("carrier.incubated+"), items, 2019) - RegistryCounter.Count(Count("carrier.incubated+"), items, 2016));
        // Founded to date counts an item that has since closed; items from before the plan have no founding date.
        Assert.Equal(2m, RegistryCounter.Count(Count("carrier.new+"), items, 2020));
        Assert.Equal(1m, RegistryCounter.Count(Count("carrier.new+"), items, 2017));
    }

    private static (IReadOnlyList<DataValue> Values, Dictionary<string, List<RegistryEntry>> ByZone) DemoRegistries(int seed)
    {
        var values = DemoData.Generate(seed);
        var seeded = RegistrySeedTests.BundledItems();
        var demo = DemoData.GenerateRegistry(seed, values, seeded.Select(i => new NamedRegistryItem(i.Id, i.Type, i.Subtype, i.Zone, i.Status, i.Amount)).ToList());
        var figures = demo.Figures.ToLookup(f => f.ItemId);
        var projects = demo.Projects.ToLookup(p => p.ItemId);
        RegistryEntry Entry(string id, string type, string? subtype, string zone, string? level, bool planned, DateOnly? founded, decimal? amount,
            IReadOnlyDictionary<string, string>? attributes = null) =>
            new(type, subtype, zone, level, planned, founded, null, amount, figures[id].ToDictionary(f => (f.Year, f.Measure), f => f.Value),
                projects[id].Select(p => new RegistryProject(p.Started, p.Ended)).ToList(),
                attributes is null ? null : RegistryFlags.FromAttributes(type, attributes));
        var entries = seeded.Where(i => i.Zone is not null)
            .Select(i => (Zone: i.Zone!, Entry: Entry(i.Id, i.Type, i.Subtype, i.Zone!, i.Level, i.Status == "planned" && !demo.Foundings.ContainsKey(i.Id),
                demo.Foundings.TryGetValue(i.Id, out var f) ? f : null, i.Amount ?? (demo.Amounts.TryGetValue(i.Id, out var a) ? a : null))))
            .Concat(demo.Items.Select(i => (Zone: i.Zone, Entry: Entry(i.Id, i.Type, i.Subtype, i.Zone, i.Level, false, i.Founded, i.Amount, i.Attributes))));
        return (values, entries.GroupBy(e => e.Zone).ToDictionary(g => g.Key, g => g.Select(e => e.Entry).ToList()));
    }

    private static readonly Dictionary<string, string> CountedBy = new()
    {
        ["rd_institutions"] = "rd_institution@national,provincial.standing",
        ["incubators"] = "carrier(incubator).standing",
        ["maker_spaces"] = "carrier(maker_space).standing",
        ["incubating_enterprises"] = "carrier.incubating",
        ["finance_institutions"] = "finance(bank,insurer,guarantor,leasing).standing",
        ["vc_institutions"] = "finance(vc_institution,microloan).standing",
        ["clusters_over_50yi"] = "cluster.revenue>=50",
    };

    [Theory]
    [InlineData(2017)]
    [InlineData(1)]
    [InlineData(42)]
    public void The_demo_registries_count_exactly_the_demo_figures_of_every_zone_and_year(int seed)
    {
        var (values, byZone) = DemoRegistries(seed);

        Assert.Equal(CountedBy.Keys.Order(), DemoData.RegistryCountedElements.Order());
        foreach (var v in values.Where(v => CountedBy.ContainsKey(v.Element)))
            Assert.True(v.Value == RegistryCounter.Count(Count(CountedBy[v.Element]), byZone[v.Unit], v.Year),
                $"{v.Unit} {v.Year} {v.Element}: demo {v.Value}, registry {RegistryCounter.Count(Count(CountedBy[v.Element]), byZone[v.Unit], v.Year)}");
    }

    [Fact]
    public void The_demo_registries_reproduce_the_plans_2016_baselines()
    {
        var (_, byZone) = DemoRegistries(2017);
        decimal Total(string count) => byZone.Values.Sum(items => RegistryCounter.Count(Count(count), items, 2016));
        decimal RevenueOver(decimal line) => byZone.Values.SelectMany(i => i)
            .Sum(i => i.Figures.TryGetValue((2016, "revenue"), out var r) && r >= line ? r : 0);

        Assert.Equal(272m, Total("rd_institution@national,provincial.standing"));   // 省级以上工程中心、重点实验室等研发机构272家
        Assert.Equal(36m, Total("tech_platform.standing"));                          // 产业专业技术创新平台36个
        Assert.Equal(29m, Total("alliance.standing"));                               // 产业技术创新联盟29个
        Assert.Equal(31m, Total("carrier(incubator).standing"));                     // 科技企业孵化器31个
        Assert.Equal(52m, Total("carrier(maker_space).standing"));                   // 众创空间52家
        Assert.Equal(184m, Total("finance(vc_institution,microloan).standing"));     // 风险投资、科技担保、小额贷款机构184家
        Assert.Equal(13m, Total("cluster.revenue>=50"));                             // 50亿元以上规模的产业集群有13个
        Assert.Equal(3367m, RevenueOver(50));                                        // 共实现销售收入3367亿元
        Assert.Equal(8m, Total("cluster.revenue>=100"));                             // 其中超百亿元的8个
    }

    [Fact]
    public void The_demo_registries_bring_new_alliances_platforms_and_projects_after_the_base_year()
    {
        var (_, byZone) = DemoRegistries(2017);
        decimal Sum(string count, int year) => byZone.Values.Sum(items => RegistryCounter.Count(Count(count), items, year));

        var newAlliances = Enumerable.Range(2017, 4).Sum(y => Sum("alliance.new", y));
        Assert.InRange(newAlliances, 20m, 40m);
        Assert.Equal(29m + newAlliances, Sum("alliance.standing", 2020));
        Assert.InRange(Enumerable.Range(2017, 4).Sum(y => Sum("alliance.projects_new", y)), 60m, 200m);
        Assert.InRange(Enumerable.Range(2017, 4).Sum(y => Sum("tech_platform.new", y)), 30m, 55m);
        Assert.True(Sum("fund.standing", 2020) >= 15);
    }

    [Theory]
    [InlineData(2017)]
    [InlineData(1)]
    [InlineData(42)]
    public void The_demo_registries_give_the_plan_period_targets_plausible_values(int seed)
    {
        var (_, byZone) = DemoRegistries(seed);
        decimal Of(string zone, string count, int year) => RegistryCounter.Count(Count(count), byZone[zone], year);
        decimal SinceBase(string count, IEnumerable<string> zones) => zones.Sum(z => Of(z, count, 2020) - Of(z, count, 2016));
        string[] national = ["shenyang", "dalian", "anshan", "benxi", "jinzhou", "yingkou", "fuxin", "liaoyang"];

        // 每个高新区要重点建设1至2个创新型产业集群 / 聚焦1-2个战略性新兴产业: every zone has at least one of each by 2020.
        Assert.All(byZone.Keys, z => Assert.True(Of(z, "cluster.standing", 2020) >= 1, $"{z} has no cluster"));
        Assert.All(byZone.Keys, z => Assert.InRange(Of(z, "focus_industry.standing", 2020), 1m, 2m));
        Assert.All(byZone.Keys, z => Assert.Equal(0m, Of(z, "focus_industry.standing", 2016)));
        // 攻克250项关键技术,研发400个新产品 (2017–2020): around the targets.
        Assert.InRange(SinceBase("outcome(key_technology).new+", byZone.Keys), 220m, 290m);
        Assert.InRange(SinceBase("outcome(new_product).new+", byZone.Keys), 360m, 460m);
        // 依托国家级高新区引进……高端人才50人左右: only national zones, about 50.
        Assert.InRange(SinceBase("talent(person)[leading].new+", national), 40m, 56m);
        Assert.Equal(0m, SinceBase("talent(person)[leading].new+", byZone.Keys.Except(national)));
        // 鞍山高新区设立3只总额不低于6亿元的股权投资基金: three standing funds of at least 6亿元 together.
        Assert.Equal(3m, Of("anshan", "fund.standing", 2020));
        Assert.True(Of("anshan", "fund.amount", 2020) >= 6m);
    }
}

/// <summary>The same item entered twice in slightly different words.</summary>
public class RegistryNameTests
{
    [Theory]
    [InlineData("机器人产业技术创新战略联盟", "机器人产业技术创新战略联盟 ", true)]          // a trailing space
    [InlineData("机器人产业技术创新战略联盟", "机器人产业技术创新战略联盟。", true)]         // punctuation
    [InlineData("IC装备产业技术创新战略联盟", "ic装备产业技术创新战略联盟", true)]            // letter case
    [InlineData("机器人产业技术创新战略联盟", "机器人产业技术创新联盟", true)]              // two characters left out of 13
    [InlineData("辽宁省液压产业技术创新战略联盟", "液压产业技术创新战略联盟", true)]          // one contains the other
    [InlineData("IC装备产业技术创新战略联盟", "大数据产业技术创新战略联盟", false)]         // a different alliance of the same zone
    [InlineData("人工智能", "虚拟仿真", false)]
    [InlineData("锦联创业邦", "锦联", false)]                                          // too short to count as contained
    public void Names_that_differ_only_slightly_are_taken_for_the_same_item(string a, string b, bool similar)
    {
        Assert.Equal(similar, RegistryNames.Similar(a, b));
        Assert.Equal(similar, RegistryNames.Similar(b, a));
    }
}
