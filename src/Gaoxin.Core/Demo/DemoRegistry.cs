using Gaoxin.Core.Collection;

namespace Gaoxin.Core.Demo;

/// <summary>A registry item of the plan's own (seeded from its columns), as the demo registry sees it.</summary>
/// <param name="Id">The seed item's id.</param>
/// <param name="Type">Registry type.</param>
/// <param name="Subtype">Subtype, or null.</param>
/// <param name="Zone">Zone code, or null when the plan names no single zone.</param>
/// <param name="Status">existing or planned.</param>
/// <param name="Amount">The size the plan gives, or null.</param>
public sealed record NamedRegistryItem(string Id, string Type, string? Subtype, string? Zone, string Status, decimal? Amount = null);

/// <summary>A synthetic registry item made by the demo data.</summary>
/// <param name="Id">Identifier, <c>demo.TYPE.ZONE.N</c>.</param>
/// <param name="Type">Registry type.</param>
/// <param name="Subtype">Subtype.</param>
/// <param name="Zone">Zone code.</param>
/// <param name="Name">A Chinese name that says it is demo data.</param>
/// <param name="Level">Accreditation level.</param>
/// <param name="Founded">Founding date.</param>
/// <param name="Amount">A fund's size in 亿元, else null.</param>
/// <param name="Attributes">The item's own attributes (e.g. an outcome's industry, a leading talent's flag), or null.</param>
public sealed record DemoRegistryItem(string Id, string Type, string? Subtype, string Zone, string Name, string? Level, DateOnly Founded, decimal? Amount,
    IReadOnlyDictionary<string, string>? Attributes = null);

/// <summary>A demo collaborative project of an alliance.</summary>
public sealed record DemoProject(string ItemId, string Name, DateOnly Started, DateOnly? Ended, string? Result);

/// <summary>
/// The demo registries: synthetic items, founding dates for some of the plan's own items, yearly figures and projects, made so
/// that the counts the registries give equal the demo figures the zones would otherwise report (and so the plan's 2016
/// baselines: 研发机构272家, 产业专业技术创新平台36个, 产业技术创新联盟29个, 孵化器31个, 众创空间52家, 风险投资等机构184家,
/// 50亿元以上产业集群13个共3367亿元、其中超百亿元的8个).
/// </summary>
/// <param name="Items">Synthetic items.</param>
/// <param name="Foundings">Founding dates given to the plan's own items (by id).</param>
/// <param name="Figures">Yearly figures by item id (synthetic and the plan's own).</param>
/// <param name="Projects">Alliances' collaborative projects.</param>
/// <param name="Amounts">Sizes (亿元) given to the plan's own funds for which the plan states only a total (by id).</param>
public sealed record DemoRegistry(
    IReadOnlyList<DemoRegistryItem> Items,
    IReadOnlyDictionary<string, DateOnly> Foundings,
    IReadOnlyList<(string ItemId, int Year, string Measure, decimal Value)> Figures,
    IReadOnlyList<DemoProject> Projects,
    IReadOnlyDictionary<string, decimal> Amounts);

public static partial class DemoData
{
    /// <summary>The demo elements the registries count; with demo registries loaded, the demo reports leave them blank.</summary>
    public static IReadOnlySet<string> RegistryCountedElements { get; } = new HashSet<string>
    {
        "rd_institutions", "incubators", "maker_spaces", "incubating_enterprises", "finance_institutions", "vc_institutions", "clusters_over_50yi",
    };

    private const int TechPlatforms2016 = 36;
    private const int ClusterRevenue2016 = 3367;     // 亿元, clusters of 50亿元 and more
    private const int ClustersOver100Yi2016 = 8;

    private static readonly Dictionary<string, string> Cities = new()
    {
        ["shenyang"] = "沈阳", ["dalian"] = "大连", ["anshan"] = "鞍山", ["benxi"] = "本溪", ["jinzhou"] = "锦州", ["yingkou"] = "营口",
        ["fuxin"] = "阜新", ["liaoyang"] = "辽阳", ["fushun"] = "抚顺", ["dandong"] = "丹东", ["tieling"] = "铁岭", ["chaoyang"] = "朝阳",
        ["panjin"] = "盘锦", ["huludao"] = "葫芦岛", ["suizhong"] = "绥中",
    };

    /// <summary>
    /// Demo registries consistent with <paramref name="values"/> (the output of <see cref="Generate"/> for the same seed) and the
    /// plan's own items. Deterministic per seed.
    /// </summary>
    public static DemoRegistry GenerateRegistry(int seed, IReadOnlyList<DataValue> values, IReadOnlyList<NamedRegistryItem> named)
    {
        var rng = new Prng(seed ^ 0x5EED);
        var items = new List<DemoRegistryItem>();
        var foundings = new Dictionary<string, DateOnly>();
        var figures = new List<(string, int, string, decimal)>();
        var projects = new List<DemoProject>();
        var lookup = values.ToDictionary(v => (v.Unit, v.Element, v.Year), v => v.Value);
        int Value(string zone, string element, int year) => (int)lookup[(zone, element, year)];
        int serial = 0;
        DateOnly DateIn(int year) => new DateOnly(year, 1, 1).AddDays((int)(rng.Next() * 365));
        DemoRegistryItem Add(string type, string? subtype, string zone, string kind, string? level, DateOnly founded, decimal? amount = null,
            IReadOnlyDictionary<string, string>? attributes = null)
        {
            var item = new DemoRegistryItem($"demo.{type}.{zone}.{++serial:D4}", type, subtype, zone, $"演示·{Cities[zone]}{kind}{serial % 1000:D3}", level, founded, amount,
                attributes);
            items.Add(item);
            return item;
        }
        string LevelOf(double national, double provincial)
        {
            double r = rng.Next();
            return r < national ? "national" : r < national + provincial ? "provincial" : "municipal";
        }

        // Keeps the number of standing items of a kind equal to the demo count each year: the plan's own existing items stand
        // first; synthetic items fill the rest, founded before 2016 or in the year the count grows.
        List<string> Keep(string zone, string type, string[] subtypes, string element, Func<string> subtype, string kind, Func<string?> level)
        {
            var own = named.Where(i => i.Zone == zone && i.Type == type && i.Status == "existing" && subtypes.Contains(i.Subtype ?? "")).Select(i => i.Id).ToList();
            var ids = new List<string>(own);
            int standing = own.Count;
            for (int year = FirstYear; year <= LastYear; year++)
            {
                int wanted = Value(zone, element, year);
                for (; standing < wanted; standing++)
                    ids.Add(Add(type, subtype(), zone, kind, level(), year == FirstYear ? DateIn(2005 + (int)(rng.Next() * 11)) : DateIn(year)).Id);
            }
            return ids;
        }

        var zones = Zones.Select(z => z.Code).ToList();
        foreach (var zone in zones)
        {
            Keep(zone, "rd_institution", ["engineering_research_centre", "key_laboratory", "engineering_laboratory", "enterprise_tech_centre", "other"], "rd_institutions",
                () => rng.Next() < 0.6 ? "engineering_research_centre" : rng.Next() < 0.5 ? "key_laboratory" : "enterprise_tech_centre", "研发机构", () => LevelOf(0.12, 0.88));
            var incubators = Keep(zone, "carrier", ["incubator"], "incubators", () => "incubator", "科技企业孵化器", () => LevelOf(0.25, 0.5));
            var makers = Keep(zone, "carrier", ["maker_space"], "maker_spaces", () => "maker_space", "众创空间", () => LevelOf(0.2, 0.5));
            Keep(zone, "finance", ["bank", "insurer", "guarantor", "leasing"], "finance_institutions",
                () => rng.Next() < 0.6 ? "bank" : rng.Next() < 0.5 ? "insurer" : "leasing", "金融机构", () => null);
            Keep(zone, "finance", ["vc_institution", "microloan"], "vc_institutions",
                () => rng.Next() < 0.7 ? "vc_institution" : "microloan", "创投及小贷机构", () => null);

            // Start-ups in incubation, spread over the carriers standing each year (a carrier counts from the year it is founded).
            var carriers = incubators.Concat(makers).ToList();
            var founded = items.Where(i => i.Zone == zone && i.Type == "carrier").ToDictionary(i => i.Id, i => i.Founded.Year);
            for (int year = FirstYear; year <= LastYear; year++)
            {
                var open = carriers.Where(id => !founded.TryGetValue(id, out var y) || y <= year).ToList();
                var split = Apportion(Value(zone, "incubating_enterprises", year), open.Select(_ => rng.Range(0.5, 1.5)).ToArray(), 0, null);
                for (int i = 0; i < open.Count; i++)
                {
                    figures.Add((open[i], year, "incubating", split[i]));
                    figures.Add((open[i], year, "incubated", Math.Round(split[i] * (decimal)rng.Range(0.2, 0.4))));
                    figures.Add((open[i], year, "graduated", Math.Round(split[i] * (decimal)rng.Range(0.05, 0.15))));
                }
            }

            // High-level teams: a few per zone, more each year.
            for (int k = (int)(rng.Next() * 4) + 1; k > 0; k--) Add("talent", "team", zone, "高层次创新创业团队", null, DateIn(2012 + (int)(rng.Next() * 5)));
            for (int year = FirstYear + 1; year <= LastYear; year++)
                for (int k = (int)(rng.Next() * 3); k > 0; k--) Add("talent", "team", zone, "高层次创新创业团队", null, DateIn(year));
        }

        // Alliances: the plan names 31, of which 29 stand at its base-year count and the two it asks for after that are founded
        // in 2017; new alliances follow each year, with collaborative projects.
        var alliances = named.Where(i => i.Type == "alliance" && i.Zone is not null).ToList();
        foreach (var late in alliances.Where(a => a.Status == "planned")) foundings[late.Id] = DateIn(FirstYear + 1);
        var allianceIds = alliances.Select(a => (a.Id, Zone: a.Zone!, Year: foundings.TryGetValue(a.Id, out var f) ? f.Year : FirstYear)).ToList();
        for (int year = FirstYear + 1; year <= LastYear; year++)
            for (int k = 5 + (int)(rng.Next() * 4); k > 0; k--)
            {
                var zone = zones[(int)(rng.Next() * zones.Count)];
                var item = Add("alliance", null, zone, "产业技术创新联盟", null, DateIn(year));
                allianceIds.Add((item.Id, zone, year));
            }
        int project = 0;
        foreach (var (id, _, since) in allianceIds)
        {
            figures.Add((id, LastYear, "members", 8 + (int)(rng.Next() * 30)));
            for (int year = Math.Max(since, FirstYear + 1); year <= LastYear; year++)
                for (int k = (int)(rng.Next() * 2.2); k > 0; k--)
                {
                    var started = DateIn(year);
                    bool done = year < LastYear && rng.Next() < 0.6;
                    projects.Add(new DemoProject(id, $"演示·协同创新项目{++project:D3}", started, done ? started.AddDays(365 + (int)(rng.Next() * 300)) : null,
                        done ? (rng.Next() < 0.5 ? "形成行业标准草案" : "新产品实现产业化") : null));
                }
        }

        // Technology platforms: 36 产业专业技术创新平台 in 2016 against the 33 the plan names; new ones of the three kinds follow
        // (the kind taken in turn, so the random sequence — and every other demo figure — stays as it was).
        var platforms = named.Count(i => i.Type == "tech_platform" && i.Status == "existing");
        for (int k = platforms; k < TechPlatforms2016; k++)
            Add("tech_platform", "specialised_technology", zones[k % zones.Count], "产业专业技术创新平台", "provincial", DateIn(2012 + k % 4));
        (string Subtype, string Kind)[] threeKinds =
            [("specialised_technology", "产业专业技术创新平台"), ("common_technology", "产业共性技术创新平台"), ("comprehensive_service", "产业技术创新综合服务平台")];
        int platformTurn = 0;
        for (int year = FirstYear + 1; year <= LastYear; year++)
            for (int k = 8 + (int)(rng.Next() * 5); k > 0; k--)
            {
                var (subtype, kind) = threeKinds[platformTurn++ % threeKinds.Length];
                Add("tech_platform", subtype, zones[(int)(rng.Next() * zones.Count)], kind, "provincial", DateIn(year));
            }

        // Funds: the plan's funds are set up in 2017–2019; each zone without one gets a demo fund.
        foreach (var fund in named.Where(i => i.Type == "fund" && i.Zone is not null)) foundings[fund.Id] = DateIn(FirstYear + 1 + (int)(rng.Next() * 3));
        foreach (var zone in zones.Where(z => !named.Any(i => i.Type == "fund" && i.Zone == z)))
            Add("fund", rng.Next() < 0.5 ? "angel" : "vc", zone, "天使及创投基金", null, DateIn(FirstYear + 1 + (int)(rng.Next() * 4)), Math.Round((decimal)rng.Range(0.5, 5), 1));

        // The plan's funds of which it gives only a total (Anshan's 3只总额不低于6亿元): 2–2.5亿元 each.
        var amounts = new Dictionary<string, decimal>();
        foreach (var fund in named.Where(i => i.Type == "fund" && i.Zone is not null && i.Amount is null && i.Subtype != "loan"))
            amounts[fund.Id] = Math.Round((decimal)rng.Range(2, 2.5), 1);

        var withRevenue = new HashSet<string>();
        Clusters(rng, zones, named, lookup, figures, zone => Add("cluster", "high_end_equipment", zone, "产业集群", null, new DateOnly(2010, 1, 1)).Id, withRevenue);
        PlanPeriodSources(rng, zones, named, withRevenue, foundings, DateIn, Add);
        return new DemoRegistry(items, foundings, figures, projects, amounts);
    }

    /// <summary>The plan's eight national zones (一、发展基础).</summary>
    private static readonly HashSet<string> NationalZones = ["shenyang", "dalian", "anshan", "benxi", "jinzhou", "yingkou", "fuxin", "liaoyang"];

    private static readonly string[] EmergingIndustries = ["high_end_equipment", "new_generation_it", "new_materials", "biomedical_engineering", "energy_saving_environmental"];
    private static readonly string[] OutcomeIndustries = ["高端装备制造", "新一代信息技术", "新材料", "生物医药"];

    /// <summary>
    /// Registry sources of the plan-period targets: founding dates for the clusters (those with sales stood before the plan,
    /// the others are built in 2017–2020, and a zone without any gets one), each zone's 1–2 focus industries, project outcomes
    /// (about 250 key technologies and 400 new products in 2017–2020, a few already in 2016) and about 50 leading talents
    /// brought in through the national zones.
    /// </summary>
    private static void PlanPeriodSources(Prng rng, List<string> zones, IReadOnlyList<NamedRegistryItem> named, IReadOnlySet<string> withRevenue,
        Dictionary<string, DateOnly> foundings, Func<int, DateOnly> dateIn,
        Func<string, string?, string, string, string?, DateOnly, decimal?, IReadOnlyDictionary<string, string>?, DemoRegistryItem> add)
    {
        var size = zones.ToDictionary(z => z, z => Zones.First(p => p.Code == z).Size);
        foreach (var zone in zones)
        {
            var clusters = named.Where(i => i.Type == "cluster" && i.Zone == zone).ToList();
            foreach (var cluster in clusters)
                foundings[cluster.Id] = withRevenue.Contains(cluster.Id) ? dateIn(2005 + (int)(rng.Next() * 11)) : dateIn(FirstYear + 1 + (int)(rng.Next() * 4));
            if (clusters.Count == 0 && !withRevenue.Any(id => id.StartsWith($"demo.cluster.{zone}.", StringComparison.Ordinal)))
                add("cluster", "high_end_equipment", zone, "创新型产业集群", null, dateIn(FirstYear + 1 + (int)(rng.Next() * 3)), null, null);

            var focus = EmergingIndustries.OrderBy(_ => rng.Next()).Take(rng.Next() < 0.5 ? 1 : 2).ToList();
            for (int k = 0; k < focus.Count; k++)
                add("focus_industry", focus[k], zone, "聚焦战略性新兴产业", null, dateIn(FirstYear + 1 + k + (int)(rng.Next() * 2)), null,
                    new Dictionary<string, string> { ["act"] = "演示·高新区产业发展规划" });
        }

        var weights = zones.Select(z => size[z]).ToArray();
        for (int year = FirstYear; year <= LastYear; year++)
        {
            // 2016 has fewer: the plan's drive starts in 2017.
            double scale = year == FirstYear ? 0.4 : 1;
            var technologies = Apportion((int)Math.Round(scale * rng.Range(55, 72)), weights, 0, null);
            var products = Apportion((int)Math.Round(scale * rng.Range(90, 115)), weights, 0, null);
            for (int z = 0; z < zones.Count; z++)
            {
                for (int k = 0; k < technologies[z]; k++)
                    add("outcome", "key_technology", zones[z], "关键技术", null, dateIn(year), null,
                        new Dictionary<string, string> { ["industry"] = OutcomeIndustries[(int)(rng.Next() * OutcomeIndustries.Length)] });
                for (int k = 0; k < products[z]; k++)
                    add("outcome", "new_product", zones[z], "新产品", null, dateIn(year), null,
                        new Dictionary<string, string> { ["industry"] = OutcomeIndustries[(int)(rng.Next() * OutcomeIndustries.Length)] });
            }
        }

        var national = zones.Where(NationalZones.Contains).ToList();
        var nationalWeights = national.Select(z => size[z]).ToArray();
        for (int year = FirstYear + 1; year <= LastYear; year++)
        {
            var leaders = Apportion(10 + (int)(rng.Next() * 5), nationalWeights, 0, null);
            for (int z = 0; z < national.Count; z++)
                for (int k = 0; k < leaders[z]; k++)
                    add("talent", "person", national[z], "领军人才", null, dateIn(year), null, new Dictionary<string, string> { ["leading"] = "是" });
        }
    }

    /// <summary>
    /// Cluster revenue so that each zone's count of clusters of 50亿元 and more equals its demo figure every year, and in 2016
    /// the 13 such clusters sell 3367亿元 together, 8 of them over 100亿元.
    /// </summary>
    private static void Clusters(Prng rng, List<string> zones, IReadOnlyList<NamedRegistryItem> named, Dictionary<(string, string, int), decimal> lookup,
        List<(string, int, string, decimal)> figures, Func<string, string> newCluster, HashSet<string> withRevenue)
    {
        int years = LastYear - FirstYear + 1;
        var slots = new List<(string Zone, double Weight)>();
        foreach (var zone in zones)
        {
            int first = (int)lookup[(zone, "clusters_over_50yi", FirstYear)];
            for (int k = 0; k < first; k++) slots.Add((zone, (double)lookup[(zone, "leading_industry_revenue", FirstYear)] / first * rng.Range(0.8, 1.2)));
        }
        var ranked = slots.OrderByDescending(s => s.Weight).ToList();
        var small = ranked.Skip(ClustersOver100Yi2016).Select(_ => 55 + (int)(rng.Next() * 40)).ToList();
        var large = Apportion(ClusterRevenue2016 - small.Sum(), ranked.Take(ClustersOver100Yi2016).Select(s => s.Weight).ToArray(), 100, null);
        var start = ranked.Select((s, i) => (s.Zone, Revenue: (decimal)(i < ClustersOver100Yi2016 ? large[i] : small[i - ClustersOver100Yi2016]))).ToList();

        foreach (var zone in zones)
        {
            var own = new Queue<string>(named.Where(i => i.Type == "cluster" && i.Zone == zone).Select(i => i.Id));
            string Next()
            {
                var id = own.Count > 0 ? own.Dequeue() : newCluster(zone);
                withRevenue.Add(id);
                return id;
            }
            // Clusters above the line from 2016 grow 3–12% a year, so they stay above it.
            foreach (var (_, revenue) in start.Where(s => s.Zone == zone))
            {
                var id = Next();
                decimal r = revenue;
                for (int t = 0; t < years; t++)
                {
                    if (t > 0) r = Math.Round(r * (decimal)rng.Range(1.03, 1.12));
                    figures.Add((id, FirstYear + t, "revenue", r));
                }
            }
            // A cluster crosses 50亿元 in each year the zone's count rises.
            for (int t = 1; t < years; t++)
            {
                int rise = (int)(lookup[(zone, "clusters_over_50yi", FirstYear + t)] - lookup[(zone, "clusters_over_50yi", FirstYear + t - 1)]);
                for (; rise > 0; rise--)
                {
                    var id = Next();
                    var series = new decimal[years];
                    series[t] = 50 + (int)(rng.Next() * 8);
                    series[t - 1] = 40 + (int)(rng.Next() * 9);
                    for (int k = t - 2; k >= 0; k--) series[k] = Math.Round(series[k + 1] / (decimal)rng.Range(1.03, 1.10));
                    for (int k = t + 1; k < years; k++) series[k] = Math.Round(series[k - 1] * (decimal)rng.Range(1.03, 1.12));
                    for (int k = 0; k < years; k++) figures.Add((id, FirstYear + k, "revenue", series[k]));
                }
            }
        }
    }
}
