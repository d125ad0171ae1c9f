using Gaoxin.Core.Market;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Data;
using Gaoxin.Data.Market;
using Gaoxin.Data.SiteSelection;
using Xunit.Abstractions;

namespace Gaoxin.Tests;

/// <summary>
/// The technology market's acceptance: a demand and an achievement on the same subject are matched with an explanation, and
/// unrelated ones are not in the top 10 — on hand-written Chinese profiles segmented by the platform's own analyzer
/// (<see cref="MarketText"/>), in both directions.
/// </summary>
public sealed class MarketMatchingSpec(ITestOutputHelper output)
{
    private static readonly IndustryCatalog Catalog = IndustryCatalogFile.Load(GaoxinDatabase.BundleDirectory);

    private sealed record Profile(string Id, string Subject, string Title, string Text, string Field, string? Maturity, string? Zone, string? Region,
        decimal? Min = null, decimal? Max = null);

    // Twelve demands, each on a subject one achievement below answers (same subject code).
    private static readonly Profile[] Demands =
    [
        new("d1", "seal", "液压缸密封件泄漏技术攻关", "我公司生产工程机械液压缸,高压工况下活塞杆密封件磨损快,外泄漏严重,密封寿命不足八百小时。寻求耐磨耐高压的往复密封材料和密封结构改进方案。",
            "hydraulics", null, "fuxin", "辽宁省阜新市", 50, 150),
        new("d2", "cathode", "高镍三元正极材料循环寿命提升", "公司为动力电池电芯生产企业,现用高镍三元正极材料循环寿命不足、高温下容量衰减快、产气严重,希望合作开发包覆或掺杂改性的正极材料。",
            "new_energy_vehicles", null, "dandong", "辽宁省丹东市", 200, 500),
        new("d3", "vision", "工业机器人视觉定位抓取", "焊接生产线来料工件摆放散乱,机器人只能靠人工上料。需要基于相机的视觉定位系统,引导工业机器人识别并抓取工件,定位精度优于零点五毫米。",
            "intelligent_manufacturing", null, "shenyang", "辽宁省沈阳市", 30, 80),
        new("d4", "antitumor", "抗肿瘤小分子候选药物引进", "本企业从事化学药研发生产,拟引进具有自主知识产权的抗肿瘤小分子候选化合物,重点关注克服肺癌靶向药耐药的新型激酶抑制剂,可合作完成临床前研究。",
            "biomedicine", null, "benxi", "辽宁省本溪市", 500, 2000),
        new("d5", "cladding", "轧辊表面激光熔覆修复", "公司冶金轧辊表面磨损后整体报废,备件成本高。希望采用激光熔覆技术在轧辊表面制备耐磨涂层实现再制造,熔覆层不得有裂纹。",
            "laser_optoelectronics", null, "anshan", "辽宁省鞍山市", 80, 200),
        new("d6", "packaging", "全生物降解食品包装膜开发", "我公司生产食品包装膜,客户要求改用可降解材料,但现有可降解薄膜拉伸强度低、易破损,阻隔性差导致食品保质期缩短,寻求配方和吹膜工艺。",
            "packaging_materials", null, "chaoyang", "辽宁省朝阳市", 20, 60),
        new("d7", "brine", "化工高盐废水零排放处理", "园区化工企业产生高盐废水,生化处理效果差,出水达不到排放标准,膜系统污堵频繁。需要高盐废水分盐结晶和零排放处理技术。",
            "resources_environment", null, "tieling", "辽宁省铁岭市", 300, 800),
        new("d8", "pumping", "油田抽油机节能改造", "油田现有游梁式抽油机耗电量大、系统效率低,井口数据无法远程查看。希望通过变频控制实现抽油机节能,并能远程监控油井工况。",
            "petroleum_equipment", null, "panjin", "辽宁省盘锦市", 100, 300),
        new("d9", "berry", "草莓采后保鲜与冷链", "合作社种植草莓,采后腐烂快、货架期只有三天,冷链运输损耗大。需要果蔬气调保鲜包装或天然保鲜剂,延长草莓货架期。",
            "agri_processing", null, "dandong", "辽宁省丹东市", 10, 30),
        new("d10", "testing", "外包项目自动化回归测试", "公司承接软件外包开发,每次版本交付前回归测试靠人工执行,测试用例维护工作量大,缺陷漏测多,希望建设持续集成自动化测试平台。",
            "software_outsourcing", null, "dalian", "辽宁省大连市", 50, 100),
        new("d11", "spindle", "加工中心电主轴热变形控制", "我公司生产立式加工中心,电主轴高速运行时热变形大,连续加工两小时后精度超差。寻求电主轴热变形补偿和润滑冷却技术。",
            "equipment_manufacturing", null, "yingkou", "辽宁省营口市", 40, 120),
        new("d12", "extrusion", "轨道车辆大截面铝型材挤压", "公司为轨道车辆配套铝型材,大截面薄壁型材挤压成品率低、尺寸超差,需要挤压模具设计和铝合金时效工艺方面的技术支持。",
            "aluminium", null, "liaoyang", "辽宁省辽阳市", 100, 400),
    ];

    // Twelve achievements answering the demands, one near subject (液压泵, close to d1's 液压) and fourteen on other subjects.
    private static readonly Profile[] Achievements =
    [
        new("a1", "seal", "耐高压液压缸组合密封件", "针对液压缸活塞杆往复密封泄漏和磨损问题,研制改性聚氨酯组合密封件,在三十五兆帕高压下连续运行无泄漏,密封寿命提高三倍。",
            "hydraulics", "industrial", "fuxin", "辽宁省阜新市", 60, 100),
        new("a2", "cathode", "包覆掺杂改性高镍三元正极材料", "采用表面包覆与体相掺杂改性制备高镍三元正极材料,比容量二百一十毫安时每克,循环一千次容量保持率百分之九十以上,高温产气减少一半。",
            "new_energy_vehicles", "pilot", null, "辽宁省大连市", 300, 600),
        new("a3", "vision", "基于三维视觉的机器人无序抓取系统", "基于三维点云的工件识别和视觉定位算法,配合手眼标定,引导工业机器人抓取散乱工件,定位精度零点一毫米,抓取节拍小于四秒。",
            "intelligent_manufacturing", "industrial", "shenyang", "辽宁省沈阳市", 50, 120),
        new("a4", "antitumor", "新型激酶抑制剂类抗肿瘤候选化合物", "发现一类新型激酶抑制剂抗肿瘤小分子候选化合物,对耐药肺癌细胞抑制活性达纳摩尔级,已完成临床前药效和毒理研究。",
            "biomedicine", "pilot", null, "北京市", 800, 1500),
        new("a5", "cladding", "轧辊高速激光熔覆再制造技术", "高速激光熔覆耐磨涂层技术,通过粉末成分设计控制熔覆层裂纹和气孔,用于冶金轧辊再制造,修复后寿命达到新件的一点五倍。",
            "laser_optoelectronics", "industrial", "anshan", "辽宁省鞍山市", 100, 180),
        new("a6", "packaging", "高阻隔全生物降解包装膜", "全生物降解包装膜配方与吹膜工艺,多层复合提高阻隔性,拉伸强度提高一倍,氧气透过率降低百分之八十,适用于食品包装。",
            "packaging_materials", "pilot", null, "江苏省南京市", 30, 80),
        new("a7", "brine", "高盐废水分盐结晶零排放工艺", "针对化工高盐废水难以生化处理的问题,采用抗污染膜分离与分盐结晶技术实现零排放,出水达到一级标准,膜清洗周期延长两倍。",
            "resources_environment", "industrial", null, "辽宁省沈阳市", 400, 1000),
        new("a8", "pumping", "智能变频抽油机节能控制系统", "智能变频抽油机节能控制技术,根据油井工况自动调节冲次,节电百分之三十,并实现油井远程监控与工况诊断。",
            "petroleum_equipment", "industrial", "panjin", "辽宁省盘锦市", 80, 150),
        new("a9", "berry", "浆果气调保鲜包装技术", "果蔬气调保鲜包装技术和天然保鲜剂,用于草莓、蓝莓等浆果采后保鲜,货架期延长一倍,冷链损耗率降低到百分之五。",
            "agri_processing", "pilot", null, "辽宁省沈阳市", 10, 20),
        new("a10", "testing", "基于模型的测试用例自动生成平台", "基于模型的测试用例自动生成与持续集成自动化测试平台,支持上千用例并行执行,回归测试时间缩短百分之七十,缺陷漏测率下降一半。",
            "software_outsourcing", "industrial", "dalian", "辽宁省大连市", 40, 90),
        new("a11", "spindle", "高速电主轴热变形补偿技术", "电主轴热变形在线补偿与油气润滑冷却技术,主轴热伸长控制在五微米以内,适用于加工中心和数控车床。",
            "equipment_manufacturing", "pilot", null, "上海市", 60, 100),
        new("a12", "extrusion", "大截面铝型材精密挤压与时效工艺", "大截面薄壁铝型材精密挤压模具设计和高强韧铝合金时效工艺,成品率提高到百分之八十五,用于轨道车辆车体型材。",
            "aluminium", "industrial", "liaoyang", "辽宁省辽阳市", 150, 300),
        new("a13", "pump", "低噪声斜盘式轴向柱塞泵", "基于流固耦合仿真的柱塞泵配流盘减振槽设计,液压泵噪声降低六分贝,压力脉动幅值降低一半。",
            "hydraulics", "pilot", "fuxin", "辽宁省阜新市"),
        new("a14", "tcm", "中药配方颗粒指纹图谱质控方法", "建立中药指纹图谱与多成分定量质量控制方法,配方颗粒批间一致性明显提高,有效成分含量偏差小于百分之五。",
            "biomedicine", "industrial", "benxi", "辽宁省本溪市"),
        new("a15", "antibody", "高表达CHO细胞株与抗体纯化工艺", "构建高表达CHO细胞株,无血清培养表达量达到每升五克,单克隆抗体亲和层析纯化收率提高到百分之八十。",
            "biomedicine", "pilot", null, "江苏省苏州市"),
        new("a16", "inverter", "高效率光伏并网逆变器", "高效率光伏逆变器拓扑与多峰最大功率点跟踪算法,最高转换效率百分之九十八点六,并网电流谐波小于百分之三。",
            "new_energy_electrics", "industrial", "chaoyang", "辽宁省朝阳市"),
        new("a17", "uav", "氢燃料电池长航时巡检无人机", "氢燃料电池长航时无人机,续航时间超过三小时,配合巡检图像智能识别,电力线路缺陷识别准确率百分之九十五。",
            "civil_aviation", "pilot", "shenyang", "辽宁省沈阳市"),
        new("a18", "ceramic", "碳化硅陶瓷无压烧结技术", "碳化硅陶瓷无压烧结技术,致密度达到百分之九十八,可用于陶瓷衬板和陶瓷轴承球等耐磨零件。",
            "new_materials", "industrial", "huludao", "辽宁省葫芦岛市"),
        new("a19", "surfactant", "耐高盐驱油用表面活性剂", "耐高盐驱油用表面活性剂及复配技术,油水界面张力达到十的负三次方毫牛每米,用于三次采油。",
            "fine_chemicals", "industrial", "fushun", "辽宁省抚顺市"),
        new("a20", "aromatics", "芳烃吸附分离与结晶提纯技术", "芳烃吸附分离与结晶提纯技术,对二甲苯纯度百分之九十九点九,分离能耗降低两成。",
            "fine_chemicals", "pilot", "liaoyang", "辽宁省辽阳市"),
        new("a21", "titanium", "航空钛合金构件增材制造", "钛合金激光增材制造与热等静压技术,航空结构件疲劳性能达到锻件水平,材料利用率提高到百分之六十。",
            "aerospace", "pilot", "shenyang", "辽宁省沈阳市"),
        new("a22", "meter", "超声波流量计及低功耗远传", "超声波流量计量算法与换能器设计,小流量计量精度达到零点五级,低功耗远传电池寿命超过六年。",
            "instruments", "industrial", "dandong", "辽宁省丹东市"),
        new("a23", "probiotic", "益生菌微胶囊包埋技术", "益生菌微胶囊包埋与发酵工艺,常温储存十二个月活菌数保持稳定,适用于功能性保健食品。",
            "health", "industrial", "jinzhou", "辽宁省锦州市"),
        new("a24", "steering", "电动助力转向异响抑制技术", "电动助力转向控制算法与高精度扭矩传感器,消除转向器低速异响,已通过主机厂验证。",
            "auto_parts", "industrial", "jinzhou", "辽宁省锦州市"),
        new("a25", "vocs", "沸石转轮吸附浓缩催化燃烧", "沸石转轮吸附浓缩与低温催化燃烧技术治理涂装车间挥发性有机物,去除率百分之九十五以上。",
            "resources_environment", "industrial", null, "辽宁省抚顺市"),
        new("a26", "mine", "煤矿井下人员精确定位系统", "煤矿智能化管控平台与井下人员、设备精确定位系统,定位精度三十厘米,安全监测数据统一预警。",
            "information_technology", "industrial", "yingkou", "辽宁省营口市"),
        new("a27", "rf", "氮化镓射频功放与数字预失真", "氮化镓射频功放与数字预失真技术,通信基站功放效率提高到百分之五十,发热明显降低。",
            "electronic_information", "pilot", "panjin", "辽宁省盘锦市"),
    ];

    // Subjects close enough that either may be listed for the other (both 液压); all other pairs are unrelated.
    private static bool Related(string a, string b) => a == b || (a, b) is ("seal", "pump") or ("pump", "seal");

    private static readonly Dictionary<string, string> ZoneRegions = new()
    {
        ["shenyang"] = "辽宁省沈阳市", ["dalian"] = "辽宁省大连市", ["anshan"] = "辽宁省鞍山市", ["benxi"] = "辽宁省本溪市", ["jinzhou"] = "辽宁省锦州市",
        ["yingkou"] = "辽宁省营口市", ["fuxin"] = "辽宁省阜新市", ["liaoyang"] = "辽宁省辽阳市", ["fushun"] = "辽宁省抚顺市", ["dandong"] = "辽宁省丹东市",
        ["tieling"] = "辽宁省铁岭市", ["chaoyang"] = "辽宁省朝阳市", ["panjin"] = "辽宁省盘锦市", ["huludao"] = "辽宁省葫芦岛市",
    };

    private static MatchProfile ToMatch(Profile p, MarketSide side) =>
        new(p.Id, side, p.Title, p.Field, MarketText.Terms(p.Title + "。" + p.Text), p.Maturity, p.Zone, p.Region, p.Min, p.Max);

    private void Show(string query, IReadOnlyList<MarketMatch> matches)
    {
        output.WriteLine($"{query}: " + string.Join(" | ", matches.Select(m => $"{m.Id} {m.Score} {m.Reasons[0].Text}")));
    }

    [Fact]
    public void Each_demands_same_subject_achievement_ranks_first_with_its_shared_words_and_unrelated_ones_are_not_listed()
    {
        var matcher = new MarketMatcher(Achievements.Select(a => ToMatch(a, MarketSide.Achievement)).ToList(), Catalog, zoneRegions: ZoneRegions);
        var subjects = Achievements.ToDictionary(a => a.Id, a => a.Subject);
        foreach (var demand in Demands)
        {
            var matches = matcher.Match(ToMatch(demand, MarketSide.Demand));
            Show(demand.Id, matches);
            var first = Assert.IsType<MarketMatch>(matches.FirstOrDefault(), exactMatch: false);
            Assert.Equal(demand.Subject, subjects[first.Id]);
            // The text reason names shared words (segmented by the analyzer, not characters) and its similarity.
            var text = first.Reasons.Single(r => r.Part == "text");
            Assert.Matches(@"^共同关键词:[^、]{2,}(、[^、]{2,}){0,2}\(文本相似度 [01]\.\d\d\)$", text.Text);
            Assert.True(text.Points >= 10, $"{demand.Id}: {text.Text}");
            Assert.All(matches, m => Assert.True(Related(demand.Subject, subjects[m.Id]), $"{demand.Id} ({demand.Subject}) lists {m.Id} ({subjects[m.Id]}): {m.Reasons[0].Text}"));
            Assert.Equal(matches.OrderByDescending(m => m.Score).Select(m => m.Id), matches.Select(m => m.Id));
        }
    }

    [Fact]
    public void The_shared_words_of_the_hydraulic_seal_are_named()
    {
        var matcher = new MarketMatcher(Achievements.Select(a => ToMatch(a, MarketSide.Achievement)).ToList(), Catalog, zoneRegions: ZoneRegions);
        var matches = matcher.Match(ToMatch(Demands[0], MarketSide.Demand));
        var text = matches[0].Reasons.Single(r => r.Part == "text").Text;
        Assert.Equal("a1", matches[0].Id);
        Assert.Equal("共同关键词:密封、泄漏、液压(文本相似度 0.57)", text);
        // Same code (液压装备) full field points, same zone (阜新) full region points, industrialised, 60–100 inside 50–150.
        Assert.Equal(20m, matches[0].Reasons.Single(r => r.Part == "field").Points);
        Assert.Equal(10m, matches[0].Reasons.Single(r => r.Part == "region").Points);
        Assert.Equal(10m, matches[0].Reasons.Single(r => r.Part == "maturity").Points);
        Assert.Equal(10m, matches[0].Reasons.Single(r => r.Part == "price").Points);
    }

    [Fact]
    public void Each_achievement_finds_its_demand_first_and_achievements_of_other_subjects_find_no_unrelated_demand()
    {
        var matcher = new MarketMatcher(Demands.Select(d => ToMatch(d, MarketSide.Demand)).ToList(), Catalog, zoneRegions: ZoneRegions);
        var subjects = Demands.ToDictionary(d => d.Id, d => d.Subject);
        foreach (var achievement in Achievements)
        {
            var matches = matcher.Match(ToMatch(achievement, MarketSide.Achievement));
            Show(achievement.Id, matches);
            if (subjects.ContainsValue(achievement.Subject))
            {
                Assert.NotEmpty(matches);
                Assert.Equal(achievement.Subject, subjects[matches[0].Id]);
                Assert.StartsWith("共同关键词:", matches[0].Reasons[0].Text);
            }
            Assert.All(matches, m => Assert.True(Related(achievement.Subject, subjects[m.Id]), $"{achievement.Id} ({achievement.Subject}) lists {m.Id}: {m.Reasons[0].Text}"));
        }
    }

    [Fact]
    public void Segmenting_drops_function_words_and_keeps_the_analyzers_words()
    {
        var terms = MarketText.Terms("液压缸的密封件和活塞杆在高压下泄漏");
        Assert.DoesNotContain("的", terms);
        Assert.DoesNotContain("和", terms);
        Assert.DoesNotContain("在", terms);
        Assert.Contains("泄漏", terms);
        Assert.Contains("高压", terms);
    }
}
