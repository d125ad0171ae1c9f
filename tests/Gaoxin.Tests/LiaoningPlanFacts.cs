namespace Gaoxin.Tests;

/// <summary>
/// The Liaoning 2017–2020 plan's zones, baselines and targets, listed by hand from the plan text
/// (辽宁省高新技术产业开发区发展规划(2017—2020年)), each with the words that state it.
/// </summary>
public static class LiaoningPlanFacts
{
    public const string PlanId = "liaoning-2017-2020";

    public static readonly IReadOnlyDictionary<string, (string Level, string Governance)> Zones = new Dictionary<string, (string, string)>
    {
        // 发展基础: 8 national zones; 专栏1: merged with the district government, or a dispatched agency.
        ["shenyang"] = ("national", "merged"),
        ["dalian"] = ("national", "dispatched"),
        ["anshan"] = ("national", "dispatched"),
        ["benxi"] = ("national", "dispatched"),
        ["jinzhou"] = ("national", "merged"),
        ["yingkou"] = ("national", "merged"),
        ["fuxin"] = ("national", "dispatched"),
        ["liaoyang"] = ("national", "merged"),
        // 7 provincial zones.
        ["fushun"] = ("provincial", "merged"),
        ["dandong"] = ("provincial", "dispatched"),
        ["tieling"] = ("provincial", "merged"),
        ["chaoyang"] = ("provincial", "dispatched"),
        ["panjin"] = ("provincial", "dispatched"),
        ["huludao"] = ("provincial", "dispatched"),
        ["suizhong"] = ("provincial", "merged"),
    };

    public sealed record BaselineFact(string Id, decimal Value, string Unit, string Words);

    public static readonly BaselineFact[] Baselines =
    [
        new("zones_national", 8, "个", "8个国家级高新区"),
        new("zones_provincial", 7, "个", "7个省级高新区"),
        new("zones_total", 15, "个", "15个省级以上高新区"),
        new("total_area", 1248.9m, "平方公里", "1248.9平方公里"),
        new("governance_merged", 7, "个", "7个高新区管委会与行政区人民政府合并"),
        new("governance_dispatched", 8, "个", "8个高新区管委会作为所在地人民政府的派出机关"),
        new("rd_institutions", 272, "家", "研发机构272家"),
        new("tech_platforms", 36, "个", "产业专业技术创新平台36个"),
        new("alliances", 29, "个", "产业技术创新联盟29个"),
        new("incubators", 31, "个", "科技企业孵化器31个"),
        new("maker_spaces", 52, "家", "众创空间52家"),
        new("high_level_talents", 4961, "人", "高端人才4961人"),
        new("patents_granted_share", 15.1m, "%", "15.1%"),
        new("invention_patents_share", 20.5m, "%", "20.5%"),
        new("hte_share", 30, "%", "近30%"),
        new("clusters_over_5bn", 13, "个", "产业集群有13个"),
        new("clusters_over_5bn_revenue", 3367, "亿元", "3367亿元"),
        new("clusters_over_10bn", 8, "个", "超百亿元的8个"),
        new("listed_companies", 36, "家", "上市企业数为36家"),
        new("neeq_companies", 74, "家", "新三板挂牌企业数达74家"),
        new("finance_institutions", 184, "家", "小额贷款机构184家"),
        new("sci_fin_demo_zones", 8, "个", "8个高新区正在建设省级科技金融创新服务示范区"),
        new("sci_fin_pilot_parks", 8, "个", "8个科技金融试点园区"),
        new("zones_shenda_corridor", 6, "个", "6个国家级高新区"),
    ];

    public sealed record TargetFact(string Id, decimal Value, decimal? Max, string Unit, string Comparator, string Words);

    public static readonly TargetFact[] Targets =
    [
        // 二、发展目标
        new("rd_intensity", 2.8m, null, "%", ">=", "GDP比重达到2.8%"),
        new("hte_share", 40, null, "%", ">=", "力争达到40%以上"),
        new("gdp_share", 10, null, "%", ">=", "力争达到10%以上"),
        new("zones_total", 25, null, "家", ">=", "省级以上高新区数量达到25家以上"),
        // 完善发展规划与布局
        new("zones_upgraded_national", 2, null, "家", ">=", "新升级国家级高新区2家以上"),
        new("zones_new_provincial", 10, null, "家", ">=", "新增省级高新区10家"),
        new("zones_total_layout", 25, null, "家", ">=", "省级以上高新区总数达到25家以上"),
        new("provincial_to_national", 5, null, "个", ">=", "有5个省级高新区进入到国家级高新区行列"),
        new("county_zones_promoted", 10, null, "家", ">=", "县域晋升省级高新区数量达到10家"),
        new("focus_industries_per_zone", 1, 2, "个", "=", "聚焦1-2个战略性新兴产业"),
        // 推进产业转型升级
        new("clusters_per_zone", 1, 2, "个", "=", "1至2个"),
        new("clusters_over_100bn", 2, null, "个", ">=", "超千亿元产业集群2个"),
        new("clusters_over_50bn", 4, null, "个", ">=", "超500亿元产业集群4个"),
        new("clusters_over_20bn", 6, null, "个", ">=", "超200亿元产业集群6个"),
        new("hte_recognised", 1600, null, "家", ">=", "认定高新技术企业1600家"),
        new("hte_reserve_pool", 5000, null, "家", ">=", "入库企业5000家以上"),
        new("hte_trained", 3000, null, "家", ">=", "培训辅导企业3000家以上"),
        new("hte_doubling", 2, null, "倍", ">=", "高新技术企业“三年倍增计划”"),
        // 专栏2
        new("new_alliances", 30, null, "个", ">=", "产业技术创新联盟30个以上"),
        new("alliance_projects", 120, null, "项", ">=", "协同创新项目120项以上"),
        // 提升科技创新能力
        new("new_tri_platforms", 50, null, "个", ">=", "50个“三类”平台"),
        new("new_rd_centres", 100, null, "个", ">=", "100个工程技术研究中心"),
        new("key_technologies", 250, null, "项", ">=", "攻克250项关键技术"),
        new("new_products", 400, null, "个", ">=", "研发400个新产品"),
        // 优化创新创业生态
        new("new_carriers", 80, null, "家", ">=", "创业载体80家以上"),
        new("incubated_startups", 4000, null, "个", ">=", "4000个以上"),
        // 专栏8
        new("fund_shenyang", 2, null, "亿元", "=", "2亿元创新创业投资基金"),
        new("fund_anshan_count", 3, null, "只", "=", "3只"),
        new("fund_anshan_total", 6, null, "亿元", ">=", "不低于6亿元"),
        new("fund_fushun", 2.5m, null, "亿元", "=", "2.5亿元精细化工产业投资基金"),
        new("fund_dandong", 1, null, "亿元", "=", "1亿元战略性新兴产业发展基金"),
        new("fund_jinzhou", 2, null, "亿元", "=", "2亿元创业投资基金"),
        new("funds_per_zone", 1, null, "只", "=", "各1只"),
        // 专栏9
        new("finance_institutions_per_zone", 5, null, "家", ">=", "5家以上银行"),
        // 加快人才强区建设
        new("high_level_talents_new", 1000, null, "人", ">=", "高层次人才1000人"),
        new("high_level_teams", 200, null, "个", ">=", "高层次创新团队200个以上"),
        new("leading_talents", 50, null, "人", "~", "高端人才50人左右"),
        // 专栏10
        new("dalian_talent_building", 1.6m, null, "万平方米", "=", "1.6万平方米的人才服务大厦"),
        new("liaoyang_talent_fund", 200, null, "万元", "=", "人才基金200万元"),
        new("panjin_apartments", 2, null, "万平方米", "=", "2万平方米青年公寓"),
    ];
}
