using Gaoxin.Core.Plans;
using Gaoxin.Core.Registries;

namespace Gaoxin.Core.Tests;

/// <summary>
/// The registry seed loader, and the bundled Liaoning seed file checked against a list written by hand from
/// the plan text (专栏2 and 专栏4–10), independently of the YAML.
/// </summary>
public class RegistrySeedTests
{
    private const string BundledName = "registries/liaoning-2017-2020.yaml";

    private static readonly string[] PlanZoneCodes =
        ["shenyang", "dalian", "anshan", "benxi", "jinzhou", "yingkou", "fuxin", "liaoyang",
         "fushun", "dandong", "tieling", "chaoyang", "panjin", "huludao", "suizhong"];

    // ---------------------------------------------------------------- the bundled file

    /// <summary>The repository folder (the one holding Gaoxin.slnx), found by walking up from the test output.</summary>
    private static string RepositoryRoot() => BundledFiles.RepositoryRoot();

    /// <summary>The bundled seed file: from the test output when the project copies registries/ there, otherwise from the repository.</summary>
    private static string BundledPath()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "registries", "liaoning-2017-2020.yaml");
        return File.Exists(copied) ? copied : Path.Combine(RepositoryRoot(), "registries", "liaoning-2017-2020.yaml");
    }

    private static Plan BundledPlan()
    {
        var folder = Path.Combine(RepositoryRoot(), "plans");
        var yaml = File.ReadAllText(Path.Combine(folder, "liaoning-2017-2020.yaml"));
        var result = PlanParser.Parse("liaoning-2017-2020.yaml", yaml, name => File.ReadAllText(Path.Combine(folder, name)));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Plan!;
    }

    private static readonly Lazy<(RegistrySeedFile? File, IReadOnlyList<DataFileError> Errors)> Bundled = new(() =>
    {
        var path = BundledPath();
        var yaml = File.ReadAllText(path);
        var sourceText = RegistrySeedParser.SourceTextOf(yaml) ?? throw new InvalidOperationException("no sourceText");
        var text = File.ReadAllText(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, sourceText)));
        var zones = BundledPlan().Zones.Select(z => z.Code).ToHashSet();
        return RegistrySeedParser.Parse(BundledName, yaml, text, zones);
    });

    internal static IReadOnlyList<RegistryItemSeed> BundledItems()
    {
        var (file, errors) = Bundled.Value;
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return file!.Items;
    }

    [Fact]
    public void Bundled_seed_file_parses_without_error_against_the_15_zones_of_the_plan()
    {
        Assert.Equal(PlanZoneCodes.Order(), BundledPlan().Zones.Select(z => z.Code).Order());

        var (file, errors) = Bundled.Value;

        Assert.Empty(errors);
        Assert.Equal("liaoning-2017-2020", file!.Plan);
        Assert.Equal("../plans/liaoning-2017-2020.txt", RegistrySeedParser.SourceTextOf(File.ReadAllText(BundledPath())));
    }

    [Fact]
    public void Types_are_the_eight_column_registries_the_partnerships_and_the_plan_period_sources()
    {
        Assert.Equal(["alliance", "cluster", "rd_institution", "tech_platform", "carrier", "fund", "finance", "talent", "partnership",
                "partner_institution", "outcome", "focus_industry"],
            RegistrySeedParser.Types);
        Assert.Equal(RegistrySeedParser.Types.Order(), RegistrySeedParser.Subtypes.Keys.Order());
    }

    // Hand-made from the plan text, zone by zone. A null zone: the plan asks it of every zone.

    /// <summary>专栏2: every alliance. Where the plan writes the shared suffix once, the name is the part it writes.</summary>
    private static readonly (string Zone, string Name)[] Alliances =
    [
        ("shenyang", "机器人产业技术创新战略联盟"), ("shenyang", "IC装备产业技术创新战略联盟"), ("shenyang", "大数据产业技术创新战略联盟"),
        ("dalian", "人工智能"), ("dalian", "虚拟仿真产业技术创新联盟"),
        ("anshan", "激光应用产业创新联盟"), ("anshan", "金融安全及系统装备产业创新联盟"), ("anshan", "柔性输配电产业创新联盟"),
        ("benxi", "中药生产过程化质量控制"), ("benxi", "辽宁海凭医疗器械产业技术创新联盟"),
        ("jinzhou", "辽宁省汽车零部件产业技术创新战略联盟"), ("jinzhou", "辽宁省生鲜食品产业技术创新战略联盟"),
        ("yingkou", "智能装备产业技术联盟"), ("yingkou", "煤矿智能化管控产业技术联盟"), ("yingkou", "改性高硅氧纤维覆膜滤料产业联盟"),
        ("fuxin", "辽宁省液压产业技术创新战略联盟"),
        ("liaoyang", "辽宁省铝型材产业技术创新战略联盟"), ("liaoyang", "辽宁省精细化工产业技术联盟"),
        ("fushun", "树脂基复合材料"), ("fushun", "“表面活性剂”技术创新联盟"),
        ("dandong", "辽宁省智能仪表产业技术创新战略联盟"), ("dandong", "生物基纤维新材料产业技术创新战略联盟"),
        ("tieling", "矿产资源高效综合利用产业技术创新战略联盟"), ("tieling", "智能精整装备制造产业技术创新战略联盟"),
        ("panjin", "北京—盘锦石油装备产业技术创新战略联盟"), ("panjin", "盘锦海洋工程装备制造产业技术创新战略联盟"),
        ("chaoyang", "新能源电器产业技术创新联盟"), ("chaoyang", "新型包装材料产业技术创新联盟"),
        ("huludao", "工业陶瓷"), ("huludao", "航空新材料技术创新联盟"),
        ("suizhong", "玻璃产业技术创新联盟"),
    ];

    /// <summary>专栏4: the clusters, per category; the zone is the one of the city the cluster is named after.</summary>
    private static readonly (string Subtype, string Zone, string Name)[] Clusters =
    [
        ("high_end_equipment", "shenyang", "沈阳机器人和信息技术产业集群"),
        ("high_end_equipment", "shenyang", "沈阳民用航空产业集群"),
        ("high_end_equipment", "dalian", "大连人工智能和智能制造产业集群"),
        ("high_end_equipment", "anshan", "鞍山光电产业集群"),
        ("high_end_equipment", "anshan", "鞍山工业自动化控制产业集群"),
        ("high_end_equipment", "dandong", "丹东仪表产业集群"),
        ("high_end_equipment", "yingkou", "营口先进装备制造产业集群"),
        ("high_end_equipment", "panjin", "盘锦石油天然气装备产业集群"),
        ("high_end_equipment", "fuxin", "阜新液压产业集群"),
        ("high_end_equipment", "jinzhou", "锦州汽车零部件产业集群"),
        ("high_end_equipment", "huludao", "葫芦岛先进制造产业集群"),
        ("new_materials", "fushun", "抚顺化工及精细化工产业集群"),
        ("new_materials", "liaoyang", "辽阳芳烃产业集群"),
        ("new_materials", "liaoyang", "辽阳工业铝型材产业集群"),
        ("new_materials", "panjin", "盘锦石油化工产业集群"),
        ("new_materials", "yingkou", "营口新材料产业集群"),
        ("new_materials", "huludao", "葫芦岛新材料产业集群"),
        ("new_generation_it", "shenyang", "沈阳信息技术产业集群"),
        ("new_generation_it", "dalian", "大连软件和信息技术服务产业集群"),
        ("new_generation_it", "panjin", "盘锦电子信息产业集群"),
        ("health_biomed", "shenyang", "沈阳健康医疗和生物医药产业集群"),
        ("health_biomed", "benxi", "本溪生物医药产业集群"),
        ("health_biomed", "jinzhou", "锦州健康产业集群"),
    ];

    /// <summary>专栏5: engineering centres and laboratories.</summary>
    private static readonly (string Zone, string Name)[] RdInstitutions =
    [
        ("shenyang", "软件架构新技术国家重点实验室"), ("shenyang", "信息网络与信息对抗重点实验室"), ("shenyang", "辽宁省微波与射频工程实验室"),
        ("shenyang", "辽宁省城市建设大数据管理与分析重点实验室"), ("shenyang", "辽宁省智能与网络化测控技术重点实验室"),
        ("dalian", "辽宁省大连海心信息工程有限公司重点实验室"), ("dalian", "辽宁省心医国际数字医疗系统有限公司工程技术研究中心"),
        ("dalian", "中国华录技术中心"), ("dalian", "船舶导航系统国家工程研究中心"), ("dalian", "辽宁省飞机数字化装配系统工程技术研究中心"),
        ("anshan", "国家金融设备工程技术研究中心"), ("anshan", "辽宁省鞍山森远路桥机械工程技术研究中心"),
        ("benxi", "省糖类重点工程实验室"), ("benxi", "国家药物制剂工程技术研究中心"), ("benxi", "夸克侠药物一致性评价重点实验室"),
        ("jinzhou", "辽宁省奥鸿药业工程技术研究中心"), ("jinzhou", "辽宁锦州航星集团有限公司工程技术研究中心"),
        ("jinzhou", "辽宁锦州拓新电力电子工程技术研究中心"), ("jinzhou", "辽宁省硅材料工程技术研究中心"),
        ("jinzhou", "辽宁省光伏发电控制与集成工程技术研究中心"),
        ("yingkou", "智慧矿山安全保障系统工程研究中心"), ("yingkou", "汽车保修设备工程技术研究中心"),
        ("fuxin", "辽宁省瀚石机械制造有限公司工程技术研究中心"), ("fuxin", "辽宁阜新液压装备工程技术研究中心"),
        ("liaoyang", "辽宁忠旺集团工程技术研究中心"), ("liaoyang", "辽宁奥克环氧乙烷开发利用工程技术研究中心"),
        ("liaoyang", "辽阳石化分公司研究院工程技术研究中心"), ("liaoyang", "辽宁科隆化工工程技术研究中心"),
        ("fushun", "辽宁石油化工大学驻高新区技术研究中心"),
        ("dandong", "辽宁恒星化工有限公司技术中心"), ("dandong", "辽宁曙光汽车集团股份有限公司技术中心"),
        ("dandong", "丹东百特仪器有限公司技术中心"), ("dandong", "辽宁康辰药业有限公司技术中心"),
        ("tieling", "高精度矫直装备工程技术研究中心"), ("tieling", "金属材料复合研究中心"), ("tieling", "高精度矫直机研究中心"),
        ("panjin", "辽宁省盘锦市禹王建材集团工程技术研究中心"), ("panjin", "盘锦泰利达软件技术有限公司工程技术研究中心"),
        ("chaoyang", "朝阳光达化工有限公司工程技术研究中心"),
        ("huludao", "辽宁省航空有机透明材料重点实验室"), ("huludao", "辽宁省航空润滑材料工程实验室"), ("huludao", "锦西化工研究院技术中心"),
        ("suizhong", "辽宁省明晖工业工程技术研究中心"), ("suizhong", "辽宁乐威科技工程技术研究中心"),
    ];

    /// <summary>专栏6: technology platforms.</summary>
    private static readonly (string Zone, string Name)[] TechPlatforms =
    [
        ("shenyang", "IC装备创新中心"), ("shenyang", "生物医药和医疗设备创新中心"), ("shenyang", "国家机器人创新中心"),
        ("dalian", "博奥生物"), ("dalian", "医科大学附属二院精准研发中心暨合作实验平台"), ("dalian", "理工大学生命科学与技术学院转化平台"),
        ("anshan", "辽宁聚龙金融安全及系统装备专业技术创新平台"), ("anshan", "辽宁森远沥青路面再生专业技术创新平台"),
        ("benxi", "辽宁省医疗器械产业专业技术创新平台"), ("benxi", "辽宁省诊断试剂及设备产业专业技术创新平台"),
        ("jinzhou", "辽宁锦州航星海洋装备仪器专业技术创新平台"), ("jinzhou", "汽车电机电器技术创新服务平台"),
        ("yingkou", "中科院金属所新材料研发平台"), ("yingkou", "医学标准化病人仿真机器人系统研发服务平台"),
        ("fuxin", "辽宁省液压产品质量监督检验中心"), ("fuxin", "辽宁阜新液压产业基地公共技术服务平台"),
        ("liaoyang", "工业铝合金产品研发与检测技术服务平台"), ("liaoyang", "忠旺交通用铝型材深加工专业技术创新平台"),
        ("liaoyang", "环氧乙烷精深加工技术服务平台"), ("liaoyang", "环氧乙烷衍生精深加工专业技术创新平台"),
        ("fushun", "辽宁C4烯烃高效利用专业技术创新平台"), ("fushun", "石化北天创客东部站"),
        ("dandong", "辽宁恒星功能纺织材料专业技术创新平台"), ("dandong", "丹东满药专业技术创新平台"),
        ("tieling", "辽宁五寰应用磁学专业技术创新平台"), ("tieling", "冶金矿山装备智能制造共性技术平台"),
        ("chaoyang", "辽宁朝阳新能源电器产业基地新型包装材料技术创新平台"), ("chaoyang", "辽宁液态传热介质研发检测技术服务平台"),
        ("panjin", "辽宁陆海石油钻采装备专业技术创新平台"), ("panjin", "辽宁石油装备专业技术创新平台"),
        ("huludao", "航空润滑材料工程技术创新平台"), ("huludao", "工业透平机机械技术平台"),
        ("suizhong", "阀门综合流量测试省级产业专业技术平台"),
    ];

    /// <summary>专栏7: every maker space and incubator.</summary>
    private static readonly (string Zone, string Name)[] Carriers =
    [
        ("shenyang", "锦联创业邦"), ("shenyang", "博众青年创业工场"), ("shenyang", "富国禹铭众创空间"),
        ("shenyang", "米库创服众创空间"), ("shenyang", "沈阳电商虚拟产业创客基地"),
        ("dalian", "中以国际创新孵化器"), ("dalian", "大连软件园COCO-SPACE"), ("dalian", "大连创客空间"),
        ("anshan", "鞍山高新技术创业服务中心"), ("anshan", "哈工大鞍山科技园孵化器"), ("anshan", "辽宁科大万泓科技园"), ("anshan", "启迪科技园"),
        ("benxi", "创无限众创空间"), ("benxi", "沈本青都汇"),
        ("jinzhou", "渤海大学海纳众创空间"), ("jinzhou", "高新区大学科技园众创空间"),
        ("yingkou", "营口众创空间"),
        ("fuxin", "阜新高新技术创业服务中心"), ("fuxin", "辽宁工大兴科中小企业服务中心"),
        ("liaoyang", "辽阳科技创业服务中心"), ("liaoyang", "辽阳信息产业园"),
        ("fushun", "清华启迪之星“创新综合体”孵化器"), ("fushun", "抚顺科技孵化器项目转化基地"),
        ("dandong", "中科院沈阳分院丹东产业技术创新与育成中心"), ("dandong", "丹东高新技术创业服务中心"),
        ("dandong", "丹东创E园工业仪表设备产业孵化园"),
        ("tieling", "国家级科技企业孵化器"), ("tieling", "校地协同众创空间"),
        ("panjin", "盘锦科技孵化器"), ("panjin", "盘锦市互联网创业大厦"),
        ("chaoyang", "朝阳高新区科技孵化器"),
        ("huludao", "葫芦岛创客空间"),
        ("suizhong", "知谷汇环球创业与社会组织孵化基地"), ("suizhong", "创业大厦科技企业孵化器"),
    ];

    /// <summary>
    /// 专栏8: the funds with the amounts the plan gives (亿元) and their kind. 鞍山高新区设立3只总额不低于6亿元的股权投资基金 is
    /// three funds whose sizes the plan does not give (only their total); 风险投资补偿资金 makes good venture investors' losses.
    /// </summary>
    private static readonly (string? Zone, string Name, decimal? Amount, string Subtype)[] Funds =
    [
        ("shenyang", "创新创业投资基金", 2m, "vc"),
        ("anshan", "股权投资基金", null, "vc"),
        ("anshan", "股权投资基金", null, "vc"),
        ("anshan", "股权投资基金", null, "vc"),
        ("fushun", "精细化工产业投资基金", 2.5m, "industry"),
        ("dandong", "战略性新兴产业发展基金", 1m, "industry"),
        ("jinzhou", "创业投资基金", 2m, "vc"),
        ("jinzhou", "科技互助贷款基金", null, "loan"),
        (null, "产业投资引导资金", null, "guidance"),
        (null, "风险投资补偿资金", null, "risk_compensation"),
        (null, "天使投资资金", null, "angel"),
    ];

    /// <summary>专栏9: finance institutions and measures.</summary>
    private static readonly (string Zone, string Name)[] Finance =
    [
        ("shenyang", "科技金融产业联盟"), ("shenyang", "科技投融资综合服务平台"),
        ("dalian", "科技金融大厦"), ("dalian", "双创金融小镇"), ("dalian", "科技金融综合服务平台"),
        ("panjin", "融资租赁公司"),
        ("chaoyang", "锦州银行"), ("chaoyang", "盛京银行"),
        ("anshan", "助保贷业务"), ("fushun", "助保贷业务"), ("benxi", "助保贷业务"), ("yingkou", "助保贷业务"), ("dandong", "助保贷业务"),
    ];

    /// <summary>专栏10: talent bases, workstations, facilities, programmes, funds, policies and events.</summary>
    private static readonly (string Zone, string Name)[] Talent =
    [
        ("shenyang", "沈阳院士专家创新创业基地"), ("shenyang", "国家千人计划创新创业示范基地"),
        ("shenyang", "中国海外人才离岸创新创业自由港"), ("shenyang", "中国海外留学报国基地"), ("shenyang", "千人计划沈阳行"),
        ("shenyang", "欧美同学会·中国留学人员联谊会"),
        ("dalian", "关于创新创业企业吸纳人才补贴政策的实施办法"), ("dalian", "人才服务大厦"), ("dalian", "辽宁省博士后创新实践基地"),
        ("dalian", "产业人才培训基地"), ("dalian", "政府公共培训"), ("dalian", "高新区企业高级经理人培训项目"),
        ("anshan", "“城市合伙人”计划"), ("anshan", "高端人才和创新创业人才评价体系"), ("anshan", "人才评价领导小组"), ("anshan", "专家库"),
        ("benxi", "生物医药高新技术交易会"), ("benxi", "海外学子药都行"), ("benxi", "外国专家药都行"),
        ("yingkou", "营口高新区鼓励投资和促进产业发展优惠政策"),
        ("yingkou", "营口高新区暨辽宁省海外高层次人才创新创业基地引进高层次人才暂行规定"),
        ("yingkou", "辽宁省海外高层次人才创新创业基地"),
        ("liaoyang", "人才基金"),
        ("fushun", "院士工作站"), ("fushun", "博士工作站"), ("fushun", "专家工作站"),
        ("dandong", "高层次人才专项资金"), ("dandong", "科学家团队工作站"),
        ("panjin", "青年公寓和专家公寓"),
        ("tieling", "五寰"), ("tieling", "北祥重工"), ("tieling", "银捷"),
        ("huludao", "孚迪斯博士后创新实验基地"),
        ("suizhong", "引进京津冀企业直接引资人奖励办法"), ("suizhong", "招商引资优惠政策"),
    ];

    private static List<string> Keys(IEnumerable<(string? Zone, string Name)> pairs) =>
        pairs.Select(p => $"{p.Zone ?? "-"} | {p.Name}").Order(StringComparer.Ordinal).ToList();

    private static List<string> BundledKeys(string type) =>
        Keys(BundledItems().Where(i => i.Type == type).Select(i => (i.Zone, i.Name)));

    [Fact]
    public void Column2_every_alliance_is_registered_with_its_zone()
    {
        Assert.Equal(Keys(Alliances.Select(a => ((string?)a.Zone, a.Name))), BundledKeys("alliance"));
    }

    [Fact]
    public void Column2_as_many_alliances_stand_at_the_base_year_as_the_plan_counts_there()
    {
        // 一、发展基础: 产业技术创新联盟29个 (2016), while 专栏2 names 31; the two taken as newer stand from their founding date.
        var alliances = BundledItems().Where(i => i.Type == "alliance").ToList();

        Assert.Equal(29, alliances.Count(i => i.Status == "existing"));
        Assert.Equal(["alliance.dalian.ai", "alliance.dalian.virtual_simulation"],
            alliances.Where(i => i.Status == "planned").Select(i => i.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Column4_every_cluster_is_registered_with_its_zone_and_category()
    {
        Assert.Equal(Keys(Clusters.Select(c => ((string?)c.Zone, c.Name))), BundledKeys("cluster"));
        var byName = BundledItems().Where(i => i.Type == "cluster").ToDictionary(i => i.Name);
        Assert.All(Clusters, c => Assert.Equal(c.Subtype, byName[c.Name].Subtype));
        Assert.All(byName.Values, i => Assert.Equal("planned", i.Status));
    }

    [Fact]
    public void Column5_every_centre_and_laboratory_is_registered_with_its_zone()
    {
        Assert.Equal(Keys(RdInstitutions.Select(r => ((string?)r.Zone, r.Name))), BundledKeys("rd_institution"));
    }

    [Fact]
    public void Column6_every_platform_is_registered_with_its_zone()
    {
        Assert.Equal(Keys(TechPlatforms.Select(p => ((string?)p.Zone, p.Name))), BundledKeys("tech_platform"));
    }

    [Fact]
    public void Column7_every_maker_space_and_incubator_is_registered_with_its_zone()
    {
        Assert.Equal(Keys(Carriers.Select(c => ((string?)c.Zone, c.Name))), BundledKeys("carrier"));
    }

    [Fact]
    public void Column7_counts_only_technology_business_incubators_as_incubators()
    {
        // 育成中心, 产业孵化园 and a 创业与社会组织孵化基地 are carriers, but not accredited 科技企业孵化器.
        var others = BundledItems().Where(i => i.Type == "carrier" && i.Subtype == "other").Select(i => i.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["中科院沈阳分院丹东产业技术创新与育成中心", "丹东创E园工业仪表设备产业孵化园", "盘锦市互联网创业大厦", "知谷汇环球创业与社会组织孵化基地", "辽宁工大兴科中小企业服务中心"],
            others);
    }

    [Fact]
    public void The_partnerships_the_plan_names_are_registered()
    {
        var partnerships = BundledItems().Where(i => i.Type == "partnership").Select(i => (i.Zone, i.Name, i.Subtype)).ToList();
        Assert.Contains((null, "辽宁省与江苏省", "domestic"), partnerships);
        Assert.Contains(("shenyang", "沈阳市与北京市", "domestic"), partnerships);
        Assert.Contains(("dalian", "大连市与上海市", "domestic"), partnerships);
        Assert.Contains((null, "东北四省区合作", "domestic"), partnerships);
        Assert.Contains(partnerships, p => p.Subtype == "international");
    }

    [Fact]
    public void The_seven_coastal_and_riverside_zones_each_carry_the_international_cooperation()
    {
        // 以沈阳、大连、营口、锦州、丹东、葫芦岛、盘锦等沿海沿江高新区为依托,稳步开展中日韩俄蒙德等国科技、贸易合作
        var international = BundledItems().Where(i => i.Type == "partnership" && i.Subtype == "international").ToList();

        Assert.Equal(["dalian", "dandong", "huludao", "jinzhou", "panjin", "shenyang", "yingkou"],
            international.Select(i => i.Zone!).Order(StringComparer.Ordinal));
        Assert.All(international, i => Assert.Equal("中日韩俄蒙德等国科技、贸易合作", i.Name));
    }

    [Fact]
    public void The_partner_set_two_academies_and_ten_universities_is_a_partner_institution()
    {
        var partner = Assert.Single(BundledItems(), i => i.Type == "partner_institution");

        Assert.Equal(("两院十校", "partner_set", (string?)null, "existing"), (partner.Name, partner.Subtype, partner.Zone, partner.Status));
        Assert.Equal("深化与“两院十校”为代表的国内外高等院校、科研院所合作", partner.Source.Quote);
    }

    [Fact]
    public void Column8_every_fund_is_registered_with_its_amount_and_kind()
    {
        static string Key(string? zone, string name, decimal? amount, string? subtype) => $"{zone ?? "-"} | {name} | {amount} | {subtype}";
        var funds = BundledItems().Where(i => i.Type == "fund").ToList();

        Assert.Equal(Funds.Select(f => Key(f.Zone, f.Name, f.Amount, f.Subtype)).Order(StringComparer.Ordinal),
            funds.Select(f => Key(f.Zone, f.Name, f.Amount, f.Subtype)).Order(StringComparer.Ordinal));
        Assert.All(funds, f => Assert.Equal(f.Amount is null ? null : "亿元", f.Unit));
        Assert.All(funds, f => Assert.Equal("planned", f.Status));
    }

    [Fact]
    public void Column8_Anshans_three_funds_are_three_items_and_the_venture_loss_fund_is_a_risk_compensation_fund()
    {
        var funds = BundledItems().Where(i => i.Type == "fund").ToList();

        var anshan = funds.Where(f => f.Zone == "anshan").ToList();
        Assert.Equal(3, anshan.Count);
        Assert.All(anshan, f => Assert.Equal("鞍山高新区设立3只总额不低于6亿元的股权投资基金", f.Source.Quote));
        Assert.Equal("risk_compensation", Assert.Single(funds, f => f.Name == "风险投资补偿资金").Subtype);
    }

    [Fact]
    public void Column9_every_finance_item_is_registered_with_its_zone()
    {
        Assert.Equal(Keys(Finance.Select(f => ((string?)f.Zone, f.Name))), BundledKeys("finance"));
        Assert.Equal(2, BundledItems().Count(i => i.Type == "finance" && i.Subtype == "bank" && i.Zone == "chaoyang"));
    }

    [Fact]
    public void Column10_every_talent_item_is_registered_and_the_facilities_carry_their_size()
    {
        Assert.Equal(Keys(Talent.Select(t => ((string?)t.Zone, t.Name))), BundledKeys("talent"));
        var talent = BundledItems().Where(i => i.Type == "talent").ToList();
        (string Zone, string Name, decimal Amount, string Unit, string Subtype)[] sized =
        [
            ("dalian", "人才服务大厦", 1.6m, "万平方米", "facility"),
            ("liaoyang", "人才基金", 200m, "万元", "fund"),
            ("panjin", "青年公寓和专家公寓", 2m, "万平方米", "facility"),
        ];
        foreach (var (zone, name, amount, unit, subtype) in sized)
        {
            var item = Assert.Single(talent, t => t.Zone == zone && t.Name == name);
            Assert.Equal((amount, unit, subtype), (item.Amount, item.Unit, item.Subtype));
        }
        Assert.Equal(3, talent.Count(t => t.Amount is not null));
    }

    [Fact]
    public void Column10_the_returned_scholars_association_is_registered_though_the_text_breaks_its_name_with_private_use_characters()
    {
        var item = Assert.Single(BundledItems(), i => i.Name == "欧美同学会·中国留学人员联谊会");

        Assert.Equal(("talent", "shenyang", "existing"), (item.Type, item.Zone, item.Status));
        Assert.Equal("发挥欧美同学会·中国留学人员联谊会、千人计划沈阳行等平台的作用", item.Source.Quote);
        // The name is not in the raw text: the private-use characters stand inside it.
        Assert.DoesNotContain(item.Name, File.ReadAllText(Path.Combine(RepositoryRoot(), "plans", "liaoning-2017-2020.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_per_type_are_pinned()
    {
        var counts = BundledItems().GroupBy(i => i.Type).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(new Dictionary<string, int>
        {
            ["alliance"] = 31,
            ["cluster"] = 23,
            ["rd_institution"] = 44,
            ["tech_platform"] = 33,
            ["carrier"] = 34,
            ["fund"] = 11,               // Anshan's 3只 are three
            ["finance"] = 13,
            ["talent"] = 35,             // with 欧美同学会·中国留学人员联谊会
            ["partnership"] = 12,        // 中日韩俄蒙德 cooperation once per coastal or riverside zone (7)
            ["partner_institution"] = 1, // 两院十校
        }, counts);
        Assert.Equal(237, BundledItems().Count);
    }

    [Fact]
    public void Counts_per_zone_are_pinned()
    {
        var counts = BundledItems().GroupBy(i => i.Zone ?? "-").ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(new Dictionary<string, int>
        {
            ["shenyang"] = 31,
            ["dalian"] = 26,
            ["anshan"] = 21,
            ["benxi"] = 14,
            ["jinzhou"] = 16,
            ["yingkou"] = 15,
            ["fuxin"] = 8,
            ["liaoyang"] = 15,
            ["fushun"] = 13,
            ["dandong"] = 17,
            ["tieling"] = 12,
            ["chaoyang"] = 8,
            ["panjin"] = 14,
            ["huludao"] = 12,
            ["suizhong"] = 8,
            ["-"] = 7,
        }, counts);
    }

    [Fact]
    public void Bundled_items_are_consistent_with_their_names_and_quotes()
    {
        var items = BundledItems();
        var cities = BundledPlan().Zones.ToDictionary(z => z.Code, z => z.Name.Replace("高新区", "", StringComparison.Ordinal));
        // Dalian's 专栏10 entry is long; these quotes cite the clause that names the item, not the zone.
        string[] quoteWithoutZone =
            ["talent.dalian.talent_service_building", "talent.dalian.postdoc_bases", "talent.dalian.training_bases", "talent.dalian.public_training"];

        Assert.All(items, i =>
        {
            Assert.StartsWith(i.Type + ".", i.Id, StringComparison.Ordinal);
            // level is set exactly where the name itself says 国家 / 辽宁省 / 省(级); partnerships have no level.
            if (i.Type == "partnership") { Assert.Null(i.Level); return; }
            var saysNational = i.Name.Contains("国家", StringComparison.Ordinal);
            var saysProvincial = !saysNational && (i.Name.StartsWith("辽宁省", StringComparison.Ordinal)
                || i.Name.StartsWith('省') || i.Name.Contains("省级", StringComparison.Ordinal));
            Assert.Equal(saysNational ? "national" : saysProvincial ? "provincial" : null, i.Level);
            if (i.Zone is { } zone && !quoteWithoutZone.Contains(i.Id))
                Assert.True(i.Source.Quote.Contains(cities[zone], StringComparison.Ordinal) || i.Name.Contains(cities[zone], StringComparison.Ordinal),
                    $"{i.Id}: neither the quote nor the name names {cities[zone]}");
        });
        // The Yingkou regulation is the zone's own; only the base it names is provincial.
        Assert.Null(items.Single(i => i.Id == "talent.yingkou.talent_rules").Level);
        Assert.All(items.Where(i => i.Type is "rd_institution" or "tech_platform" or "carrier"), i => Assert.Equal("existing", i.Status));
        Assert.All(items.Where(i => i.Type is "fund" or "finance"), i => Assert.Equal("planned", i.Status));
    }

    // ---------------------------------------------------------------- malformed inputs

    private const string Text = """
        三、重点任务
        专栏2 推进联盟建设甲高新区:机器人联盟、大数据联盟。
        专栏8 设立基金重点推进甲高新区设立2亿元创业投资基金。
        """;

    private const string Valid = """
        plan: sample-2020
        sourceText: ../plans/sample.txt
        items:
          - id: alliance.jia.robot
            type: alliance
            subtype: null
            name: 机器人联盟
            zone: jia
            level: null
            amount: null
            unit: null
            status: existing
            source: {section: "三、重点任务 / 专栏2 推进联盟建设", quote: "甲高新区:机器人联盟"}
          - id: fund.jia.vc
            type: fund
            subtype: vc
            name: 创业投资基金
            zone: jia
            amount: 2
            unit: 亿元
            status: planned
            source:
              section: 三、重点任务 / 专栏8 设立基金
              quote: 甲高新区设立2亿元创业投资基金
        """;

    private static (RegistrySeedFile? File, IReadOnlyList<DataFileError> Errors) Parse(string yaml, string text = Text) =>
        RegistrySeedParser.Parse("registries/sample.yaml", yaml, text, new HashSet<string> { "jia" });

    private static string ReplaceFirst(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{old}' not in the sample");
        return text[..at] + replacement + text[(at + old.Length)..];
    }

    private static int LineOf(string yaml, string fragment, bool last = false)
    {
        var at = last ? yaml.LastIndexOf(fragment, StringComparison.Ordinal) : yaml.IndexOf(fragment, StringComparison.Ordinal);
        return yaml[..at].Count(c => c == '\n') + 1;
    }

    [Fact]
    public void Parse_reads_a_valid_file()
    {
        var (file, errors) = Parse(Valid);

        Assert.Empty(errors);
        Assert.Equal("sample-2020", file!.Plan);
        Assert.Equal(
            [
                new RegistryItemSeed("alliance.jia.robot", "alliance", null, "机器人联盟", "jia", null, null, null, "existing",
                    new SourceRef("三、重点任务 / 专栏2 推进联盟建设", "甲高新区:机器人联盟")),
                new RegistryItemSeed("fund.jia.vc", "fund", "vc", "创业投资基金", "jia", null, 2m, "亿元", "planned",
                    new SourceRef("三、重点任务 / 专栏8 设立基金", "甲高新区设立2亿元创业投资基金")),
            ], file.Items);
        Assert.Equal("../plans/sample.txt", RegistrySeedParser.SourceTextOf(Valid));
    }

    [Theory]
    [InlineData("type: alliance", "type: union", "unknown_value", "items[0].type")]
    [InlineData("quote: 甲高新区设立2亿元创业投资基金", "quote: 甲高新区将设立2亿元创业投资基金", "quote_not_found", "items[1].source.quote")]
    [InlineData("name: 机器人联盟", "name: 大数据联盟", "name_not_in_quote", "items[0].source.quote", "quote: \"甲高新区:机器人联盟\"")]
    [InlineData("zone: jia", "zone: yi", "unknown_reference", "items[0].zone")]
    [InlineData("name: 创业投资基金", "name: 天使投资基金", "quote_not_found", "items[1].name")]
    [InlineData("subtype: null", "subtype: national", "unknown_value", "items[0].subtype")]
    [InlineData("subtype: vc", "subtype: bank", "unknown_value", "items[1].subtype")]
    [InlineData("level: null", "level: county", "unknown_value", "items[0].level")]
    [InlineData("status: planned", "status: proposed", "unknown_value", "items[1].status")]
    [InlineData("unit: 亿元", "unit: 万美元", "unknown_value", "items[1].unit")]
    [InlineData("amount: 2", "amount: 3", "value_not_in_quote", "items[1].source.quote", "quote: 甲高新区设立2亿元创业投资基金")]
    [InlineData("amount: 2", "amount: two", "wrong_type", "items[1].amount")]
    [InlineData("section: 三、重点任务 / 专栏8 设立基金", "section: 三、重点任务 / 专栏9 设立基金", "section_not_found", "items[1].source.section")]
    [InlineData("id: fund.jia.vc", "id: Fund-Jia", "bad_id", "items[1].id")]
    [InlineData("    status: existing", "    status: existing\n    colour: red", "unknown_field", "items[0].colour")]
    [InlineData("plan: sample-2020", "plan: sample-2020\nowner: me", "unknown_field", "owner")]
    public void Parse_refuses_a_bad_field_at_its_file_and_line(string old, string replacement, string code, string field, string? at = null)
    {
        var yaml = ReplaceFirst(Valid, old, replacement);
        // The error stands at the changed line, or at the quote when the quote is what fails to support the field.
        var changed = at ?? replacement.Split('\n')[^1].Trim();

        var (file, errors) = Parse(yaml);

        Assert.Null(file);
        var error = Assert.Single(errors);
        Assert.Equal((code, field), (error.Code, error.Field));
        Assert.Equal("registries/sample.yaml", error.File);
        Assert.Equal(LineOf(yaml, changed), error.Line);
        Assert.StartsWith($"registries/sample.yaml:{error.Line}:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_refuses_a_duplicate_id_at_the_second_use()
    {
        var yaml = ReplaceFirst(Valid, "id: fund.jia.vc", "id: alliance.jia.robot");

        var (file, errors) = Parse(yaml);

        Assert.Null(file);
        var error = Assert.Single(errors);
        Assert.Equal(("duplicate_id", "items[1].id"), (error.Code, error.Field));
        Assert.Equal(LineOf(yaml, "id: alliance.jia.robot", last: true), error.Line);
        Assert.Contains("items[0]", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"registries/sample.yaml:{error.Line}:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_reports_missing_fields_at_the_item()
    {
        var yaml = ReplaceFirst(ReplaceFirst(Valid, "    name: 机器人联盟\n", ""), "    unit: 亿元\n", "");

        var (file, errors) = Parse(yaml);

        Assert.Null(file);
        Assert.Equal(
            [("missing_field", "items[0].name", LineOf(yaml, "- id: alliance.jia.robot")),
             ("missing_field", "items[1].unit", LineOf(yaml, "- id: fund.jia.vc"))],
            errors.Select(e => (e.Code, e.Field, e.Line)));
    }

    [Fact]
    public void Parse_refuses_names_and_quotes_with_private_use_characters()
    {
        const string garbled = "欧美同学\uE008会";
        var text = Text + "\n专栏10 人才甲高新区:发挥" + garbled + "的作用。";
        var yaml = ReplaceFirst(ReplaceFirst(Valid, "name: 机器人联盟", "name: " + garbled),
            "quote: \"甲高新区:机器人联盟\"", "quote: \"发挥" + garbled + "\"");

        var (file, errors) = Parse(yaml, text);

        Assert.Null(file);
        Assert.Equal([("private_use_character", "items[0].name"), ("private_use_character", "items[0].source.quote")],
            errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void Parse_matches_across_private_use_characters_of_the_plan_text()
    {
        // The text breaks the name with private-use characters; the clean name and a clean quote are found.
        var text = Text + "\n专栏10 人才甲高新区:发挥欧美同学\uE008会·中\uE009国留学人员联谊会的作用。";
        var yaml = ReplaceFirst(ReplaceFirst(Valid, "name: 机器人联盟", "name: 欧美同学会·中国留学人员联谊会"),
            "quote: \"甲高新区:机器人联盟\"", "quote: \"发挥欧美同学会·中国留学人员联谊会的作用\"");

        var (file, errors) = Parse(yaml, text);

        Assert.Empty(errors);
        Assert.Equal("欧美同学会·中国留学人员联谊会", file!.Items[0].Name);
    }

    [Theory]
    [InlineData("甲高新区:发挥欧美同学会\u00B7中国留学人员联谊会的作用", "发挥欧美同学会\u30FB中国留学人员联谊会的作用")] // another middle dot
    [InlineData("甲高新区:发挥 欧美同学会\u00B7中国留学人员联谊会的作用", "发挥欧美同学会\u00B7中国留学人员联谊会的作用")] // a space left out
    [InlineData("甲高新区\uFF1A发挥欧美同学会\u00B7中国留学人员联谊会的作用", "甲高新区\u003A发挥欧美同学会\u00B7中国留学人员联谊会的作用")] // a colon's width
    [InlineData("甲高新区:发挥欧美同学会\u00B7中国留学人员联谊会的作用", "发挥欧美同学会中国留学人员联谊会的作用")]       // the dot left out
    public void Parse_stays_strict_about_everything_but_private_use_characters(string written, string quoted)
    {
        var text = Text + "\n专栏10 人才" + written;
        var yaml = ReplaceFirst(Valid, "quote: \"甲高新区:机器人联盟\"", "quote: \"" + quoted + "\"");
        yaml = ReplaceFirst(yaml, "name: 机器人联盟", "name: 中国留学人员联谊会");

        var (file, errors) = Parse(yaml, text);

        Assert.Null(file);
        Assert.Equal([("quote_not_found", "items[0].source.quote")], errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void Parse_locates_a_yaml_syntax_error()
    {
        var yaml = ReplaceFirst(Valid, "quote: \"甲高新区:机器人联盟\"}", "quote: \"甲高新区:机器人联盟\"");

        var (file, errors) = Parse(yaml);

        Assert.Null(file);
        var error = Assert.Single(errors);
        Assert.Equal("yaml_syntax", error.Code);
        Assert.True(error.Line > 0);
    }
}
