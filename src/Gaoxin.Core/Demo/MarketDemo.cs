using Gaoxin.Core.Market;

namespace Gaoxin.Core.Demo;

/// <summary>An institution the demo achievements may name as their owner (from the store's institutions).</summary>
/// <param name="Id">The institution's id in the store, or null for a generated owner.</param>
/// <param name="Name">Its name.</param>
/// <param name="Kind">A code of <see cref="MarketTerms.InstitutionKinds"/>.</param>
/// <param name="Region">Where it is (辽宁省沈阳市, 北京市 …), or null.</param>
/// <param name="Zone">Its zone, or null.</param>
public sealed record DemoInstitution(int? Id, string Name, string Kind, string? Region, string? Zone);

/// <summary>A demo technology demand (all demo data: fictional enterprises, contacts and numbers).</summary>
public sealed record DemoMarketDemand(string Title, string Problem, string Field, string Keywords, decimal? BudgetMinWan, decimal? BudgetMaxWan,
    DateOnly Deadline, string? Zone, string Region, string EnterpriseName, string ContactName, string ContactPhone, string ContactEmail, string Topic);

/// <summary>A demo technology achievement (all demo data: fictional numbers and contacts).</summary>
public sealed record DemoMarketAchievement(string Title, string Description, string Field, string Keywords, string Maturity, int Trl, string IpStatus,
    string? IpNumbers, string CooperationModes, decimal? PriceMinWan, decimal? PriceMaxWan, int? InstitutionId, string OwnerName, string Region,
    string? Zone, string ContactName, string ContactPhone, string ContactEmail, string Topic);

/// <summary>The demo profiles of the technology market.</summary>
public sealed record MarketDemoSet(IReadOnlyList<DemoMarketDemand> Demands, IReadOnlyList<DemoMarketAchievement> Achievements);

/// <summary>
/// A deterministic (seeded) generator of plausible Chinese technology demands and achievements for demonstrations and the
/// matching benchmark. Texts are composed from per-subject vocabularies covering the 8 national high-tech domains and the
/// zones' leading industries (专栏3 高新区主导产业发展情况: 沈阳 信息技术、智能制造、生物医药; 大连 软件和服务外包; 鞍山 工业自动化、
/// 激光; 本溪 生物医药; 锦州 汽车零部件、精细化工、健康保健食品; 营口 装备、新材料、数字化; 阜新 液压装备、农产品深加工; 辽阳 芳烃及精细化工、
/// 工业铝材; 抚顺 石油化工、化工新材料; 丹东 生物基纤维、智能仪表、新能源汽车; 铁岭 装备、节能环保新材料; 朝阳 新能源电器、新型包装材料;
/// 盘锦 石油装备; 葫芦岛 精细化工、电子信息; 绥中 数字技术、装备). Enterprises, contacts (张工, 138-0000-xxxx, example.cn) and
/// patent numbers (DEMO-…) are fictional; every title ends in (演示).
/// </summary>
public static class MarketDemo
{
    /// <summary>A subject of the market: its field, the zones whose leading industry it is, and the words texts are made of.</summary>
    public sealed record Topic(string Code, string Field, string[] Zones, string Name, string[] Words, string[] Products, string[] Problems,
        string[] Methods, string[] Effects);

    /// <summary>The zones and their cities (plans/liaoning-2017-2020.yaml).</summary>
    public static readonly IReadOnlyList<(string Zone, string City)> Zones =
    [
        ("shenyang", "沈阳市"), ("dalian", "大连市"), ("anshan", "鞍山市"), ("benxi", "本溪市"), ("jinzhou", "锦州市"), ("yingkou", "营口市"),
        ("fuxin", "阜新市"), ("liaoyang", "辽阳市"), ("fushun", "抚顺市"), ("dandong", "丹东市"), ("tieling", "铁岭市"), ("chaoyang", "朝阳市"),
        ("panjin", "盘锦市"), ("huludao", "葫芦岛市"), ("suizhong", "葫芦岛市"),
    ];

    /// <summary>The subjects.</summary>
    public static readonly IReadOnlyList<Topic> Topics =
    [
        new("hydraulic_seal", "hydraulics", ["fuxin"], "液压缸密封",
            ["液压缸", "密封件", "泄漏", "活塞杆", "聚氨酯", "往复密封", "耐磨", "高压"],
            ["工程机械液压缸", "矿用液压支架立柱", "农机液压油缸"],
            ["液压缸在高压工况下密封件磨损快,活塞杆处泄漏严重", "往复密封在低温下变硬失效,出现外泄漏", "密封件寿命不足八百小时,更换频繁影响生产"],
            ["采用改性聚氨酯往复密封材料与组合密封结构", "通过密封沟槽优化与活塞杆表面强化处理", "研制耐磨耐高压的组合式液压缸密封件"],
            ["泄漏量降低百分之九十以上,密封寿命提高三倍", "在三十五兆帕高压下连续运行无泄漏", "低温零下四十度密封可靠"]),
        new("hydraulic_pump", "hydraulics", ["fuxin"], "液压泵降噪",
            ["柱塞泵", "噪声", "振动", "配流盘", "容积效率", "液压泵", "压力脉动"],
            ["轴向柱塞泵", "齿轮泵", "液压泵站"],
            ["柱塞泵运行噪声超过八十五分贝,压力脉动大", "配流盘磨损导致容积效率下降", "液压泵振动大,影响整机可靠性"],
            ["采用配流盘减振槽优化设计与压力脉动主动抑制", "基于流固耦合仿真的柱塞泵降噪设计", "研制低噪声高效率的斜盘式柱塞泵"],
            ["噪声降低六分贝,容积效率提高到百分之九十五", "压力脉动幅值降低一半", "振动烈度明显下降"]),
        new("robot_vision", "intelligent_manufacturing", ["shenyang"], "工业机器人视觉定位",
            ["工业机器人", "视觉定位", "手眼标定", "工件识别", "抓取", "三维点云", "相机"],
            ["焊接机器人工作站", "码垛机器人", "装配生产线"],
            ["机器人抓取散乱工件时定位误差大,需人工上料", "来料位置不固定,机器人示教编程效率低", "视觉定位受光照影响,识别率不稳定"],
            ["基于三维点云的工件识别与视觉定位算法", "采用手眼标定与深度学习相结合的机器人抓取技术", "研发结构光相机与机器人视觉引导系统"],
            ["定位精度达到零点一毫米,识别率百分之九十九", "散乱工件抓取节拍小于四秒", "换型无需重新示教"]),
        new("cnc_spindle", "equipment_manufacturing", ["yingkou", "tieling", "suizhong"], "数控机床主轴",
            ["数控机床", "电主轴", "热变形", "精度保持", "轴承", "动平衡", "切削"],
            ["立式加工中心", "数控车床", "五轴机床"],
            ["电主轴高速运行时热变形大,加工精度难以保持", "主轴轴承寿命短,动平衡性能差", "机床切削振动导致表面质量不稳定"],
            ["采用电主轴热变形补偿与油气润滑技术", "基于在线动平衡的高速电主轴设计", "研制高刚度精密电主轴及轴承预紧系统"],
            ["主轴热伸长控制在五微米以内", "转速达到两万四千转,精度保持三年以上", "切削振动降低四成"]),
        new("lithium_cathode", "new_energy_vehicles", ["dandong"], "锂电池正极材料",
            ["锂电池", "正极材料", "高镍三元", "循环寿命", "包覆", "比容量", "掺杂"],
            ["动力电池电芯", "储能电池", "电动车电池包"],
            ["高镍三元正极材料循环寿命不足,容量衰减快", "正极材料高温下结构不稳定,产气严重", "比容量达不到客户要求"],
            ["采用表面包覆与体相掺杂改性的高镍三元正极材料", "共沉淀法制备单晶高镍正极材料", "开发正极材料包覆改性成套工艺"],
            ["循环一千次容量保持率百分之九十以上", "比容量达到二百一十毫安时每克", "高温存储产气减少一半"]),
        new("battery_management", "new_energy_vehicles", ["dandong"], "动力电池管理系统",
            ["电池管理系统", "荷电状态", "均衡", "热管理", "电芯", "估算", "新能源汽车"],
            ["纯电动物流车", "电动客车", "电池包"],
            ["电池荷电状态估算误差大,续航显示不准", "电芯一致性差,均衡效率低", "电池包热管理不足,夏季温升过高"],
            ["基于卡尔曼滤波的荷电状态估算算法", "主动均衡电池管理系统及热管理策略", "研制液冷电池包热管理系统"],
            ["荷电状态估算误差小于百分之三", "电芯温差控制在三度以内", "续航里程提高一成"]),
        new("antitumor_drug", "biomedicine", ["shenyang", "benxi"], "抗肿瘤小分子药物",
            ["抗肿瘤", "小分子", "靶向", "激酶抑制剂", "候选化合物", "临床前", "肺癌"],
            ["化学药", "创新药", "仿制药"],
            ["缺少具有自主知识产权的抗肿瘤小分子候选化合物", "现有激酶抑制剂耐药问题突出,需要新一代靶向药物", "临床前药效与安全性评价能力不足"],
            ["发现新型激酶抑制剂类抗肿瘤小分子候选化合物", "基于结构的靶向药物设计与合成", "完成候选化合物临床前药效和毒理研究"],
            ["对耐药肺癌细胞抑制活性达纳摩尔级", "已获得临床试验申请受理", "口服生物利用度良好"]),
        new("tcm_quality", "biomedicine", ["benxi"], "中药质量控制",
            ["中药", "配方颗粒", "指纹图谱", "质量控制", "提取", "有效成分", "道地药材"],
            ["中药配方颗粒", "中成药", "中药饮片"],
            ["中药提取过程批间差异大,质量控制手段落后", "配方颗粒有效成分含量不稳定", "道地药材检测缺少指纹图谱标准"],
            ["建立中药指纹图谱与多成分定量质量控制方法", "中药提取过程在线监测与过程控制技术", "开发道地药材配方颗粒标准化生产工艺"],
            ["批间一致性提高,有效成分含量偏差小于百分之五", "检测时间缩短一半", "形成企业质量标准"]),
        new("antibody", "biomedicine", ["shenyang", "benxi"], "单克隆抗体制备",
            ["单克隆抗体", "细胞培养", "表达量", "纯化", "生物制剂", "CHO细胞"],
            ["生物制剂", "诊断试剂", "治疗性抗体"],
            ["CHO细胞表达量低,单克隆抗体生产成本高", "抗体纯化收率低,杂质难以去除", "细胞培养工艺放大困难"],
            ["高表达CHO细胞株构建与无血清细胞培养工艺", "单克隆抗体亲和层析纯化工艺", "生物反应器细胞培养放大技术"],
            ["表达量达到每升五克", "纯化收率提高到百分之八十", "完成两百升规模放大"]),
        new("medical_device", "health", ["benxi", "shenyang"], "医疗器械",
            ["医疗器械", "超声", "影像", "监护", "体外诊断", "探头", "注册证"],
            ["便携式超声诊断仪", "多参数监护仪", "体外诊断分析仪"],
            ["超声探头成像分辨率不足,图像噪声大", "体外诊断分析仪检测通量低", "监护设备算法误报率高"],
            ["高频超声探头与图像降噪算法", "微流控体外诊断芯片及检测仪", "基于深度学习的监护报警算法"],
            ["图像分辨率提高三成", "检测通量每小时三百测试", "误报率下降百分之六十"]),
        new("health_food", "health", ["jinzhou"], "功能性保健食品",
            ["保健食品", "功能性", "益生菌", "多糖", "发酵", "活性成分"],
            ["益生菌饮品", "功能性食品", "营养补充剂"],
            ["益生菌活菌数在储存期内下降快", "多糖提取得率低,活性成分损失大", "产品功能性评价缺乏依据"],
            ["益生菌微胶囊包埋与发酵工艺", "多糖超声辅助提取与纯化技术", "功能性食品活性成分评价方法"],
            ["常温储存十二个月活菌数保持", "多糖得率提高一倍", "通过功能性动物实验验证"]),
        new("auto_steering", "auto_parts", ["jinzhou"], "汽车转向器",
            ["转向器", "电动助力转向", "齿轮齿条", "异响", "汽车零部件", "扭矩传感器"],
            ["电动助力转向器", "转向管柱", "转向机总成"],
            ["电动助力转向器低速异响,客户投诉多", "扭矩传感器信号漂移影响转向手感", "齿轮齿条磨损导致转向间隙增大"],
            ["电动助力转向控制算法与异响抑制技术", "高精度非接触式扭矩传感器", "齿轮齿条精密加工与表面强化工艺"],
            ["异响问题消除,通过主机厂验证", "扭矩检测精度达到百分之一", "转向间隙保持性提高"]),
        new("brake_lightweight", "auto_parts", ["jinzhou"], "汽车制动盘轻量化",
            ["制动盘", "轻量化", "铝基复合材料", "热衰退", "铸造", "制动"],
            ["乘用车制动盘", "商用车制动鼓", "制动卡钳"],
            ["铸铁制动盘质量大,不满足整车轻量化要求", "制动盘高温热衰退明显", "制动卡钳铸造缺陷率高"],
            ["铝基复合材料制动盘成形技术", "制动盘结构拓扑优化与散热设计", "低压铸造制动卡钳缺陷控制工艺"],
            ["减重百分之四十以上", "热衰退率降低三成", "铸造废品率低于百分之二"]),
        new("laser_cladding", "laser_optoelectronics", ["anshan"], "激光熔覆修复",
            ["激光熔覆", "再制造", "涂层", "轧辊", "耐磨", "熔覆层", "裂纹"],
            ["冶金轧辊", "液压支架立柱", "汽轮机叶片"],
            ["轧辊表面磨损报废量大,更换成本高", "熔覆层易出现裂纹和气孔", "传统堆焊热影响区大,零件变形严重"],
            ["高速激光熔覆耐磨涂层及再制造技术", "熔覆层裂纹控制与粉末成分设计", "激光熔覆成套装备与工艺"],
            ["修复后寿命达到新件的一点五倍", "熔覆层无裂纹,硬度六十洛氏", "零件变形小于零点一毫米"]),
        new("laser_cutting", "laser_optoelectronics", ["anshan"], "光纤激光切割",
            ["光纤激光器", "激光切割", "切割头", "功率", "板材", "穿孔"],
            ["激光切割机", "激光焊接设备", "光纤激光器"],
            ["厚板激光切割断面粗糙,挂渣严重", "光纤激光器功率稳定性差", "切割头穿孔效率低"],
            ["万瓦级光纤激光器及厚板切割工艺", "智能切割头自动调焦技术", "激光切割穿孔与路径优化软件"],
            ["三十毫米碳钢切割断面光滑无挂渣", "功率波动小于百分之二", "穿孔时间缩短一半"]),
        new("plc_control", "industrial_automation", ["anshan"], "工业自动化控制系统",
            ["控制系统", "PLC", "分布式控制", "工业以太网", "现场总线", "自动化", "国产化"],
            ["冶金自动化生产线", "化工装置控制系统", "水处理自控系统"],
            ["进口控制系统备件昂贵,需要国产化替代", "生产线控制系统通讯延迟大", "现场总线设备兼容性差"],
            ["国产化可编程控制器与分布式控制系统", "基于工业以太网的实时控制技术", "多协议现场总线网关"],
            ["控制周期一毫秒,已替代进口产品", "通讯延迟降低到微秒级", "兼容主流现场总线协议"]),
        new("flexible_power", "industrial_automation", ["anshan"], "柔性输配电",
            ["柔性输配电", "无功补偿", "电能质量", "变流器", "谐波", "配电网"],
            ["静止无功发生器", "配电网设备", "电能质量治理装置"],
            ["企业配电网谐波污染严重,电能质量不达标", "无功补偿响应慢,功率因数低", "变流器散热差,故障率高"],
            ["静止无功发生器及谐波治理技术", "柔性输配电变流器控制与散热设计", "配电网电能质量综合治理系统"],
            ["谐波畸变率降到百分之三以下", "动态响应时间小于十毫秒", "功率因数达到零点九八"]),
        new("software_testing", "software_outsourcing", ["dalian"], "软件自动化测试",
            ["软件测试", "自动化测试", "测试用例", "持续集成", "缺陷", "回归测试"],
            ["软件外包交付", "金融业务系统", "嵌入式软件"],
            ["外包项目回归测试依赖人工,交付周期长", "测试用例维护成本高,缺陷漏测多", "缺少持续集成与自动化测试平台"],
            ["基于模型的测试用例自动生成技术", "持续集成自动化测试平台", "缺陷预测与智能回归测试"],
            ["回归测试时间缩短百分之七十", "缺陷漏测率下降一半", "支持上千用例并行执行"]),
        new("industrial_bigdata", "information_technology", ["shenyang", "suizhong", "yingkou"], "工业大数据平台",
            ["工业大数据", "数据采集", "设备预测性维护", "工业互联网", "数字化", "边缘计算"],
            ["设备管理系统", "制造执行系统", "工业互联网平台"],
            ["设备数据分散,无法统一采集分析", "设备突发故障多,缺少预测性维护手段", "工厂数字化程度低,生产数据不透明"],
            ["工业互联网平台与多协议数据采集网关", "基于工业大数据的设备预测性维护模型", "边缘计算与数字孪生工厂系统"],
            ["接入设备超过五千台", "故障提前预警准确率百分之九十", "设备综合效率提升一成"]),
        new("mine_intelligent", "information_technology", ["yingkou"], "煤矿智能化管控",
            ["煤矿", "智能化", "管控平台", "井下", "定位", "安全监测", "无人化"],
            ["煤矿综采工作面", "井下运输系统", "安全监测系统"],
            ["井下人员与设备定位精度低,安全管控难", "综采工作面无人化程度低", "安全监测数据孤立,预警滞后"],
            ["煤矿智能化管控平台与井下精确定位系统", "综采工作面智能控制技术", "矿井安全监测大数据预警系统"],
            ["井下定位精度三十厘米", "工作面作业人员减少一半", "预警提前量超过半小时"]),
        new("ic_equipment", "electronic_information", ["shenyang", "huludao", "panjin"], "集成电路装备",
            ["集成电路", "半导体", "晶圆", "刻蚀", "真空", "IC装备", "洁净"],
            ["晶圆传输系统", "真空泵", "刻蚀机零部件"],
            ["晶圆传输机械手定位精度不足,颗粒污染超标", "真空获得设备依赖进口", "刻蚀腔体零部件寿命短"],
            ["晶圆传输真空机械手及洁净控制技术", "干式真空泵国产化设计", "刻蚀腔体耐等离子体涂层"],
            ["定位重复精度正负零点零五毫米", "极限真空达到国外同类水平", "零部件寿命提高两倍"]),
        new("rf_module", "electronic_information", ["panjin", "huludao", "fuxin"], "射频通信模块",
            ["射频", "通信模块", "天线", "功放", "5G", "滤波器", "电子信息"],
            ["通信基站", "物联网终端", "车载通信"],
            ["射频功放效率低,发热严重", "小型化天线增益不足", "滤波器插损大,量产一致性差"],
            ["氮化镓射频功放与数字预失真技术", "小型化多频段天线设计", "陶瓷介质滤波器量产工艺"],
            ["功放效率提高到百分之五十", "天线增益提高三分贝", "插损降低零点五分贝"]),
        new("surfactant", "fine_chemicals", ["fushun", "jinzhou", "liaoyang", "huludao"], "表面活性剂",
            ["表面活性剂", "乳化", "驱油", "磺酸盐", "精细化工", "合成工艺"],
            ["三次采油驱油剂", "洗涤剂原料", "农药乳化剂"],
            ["驱油用表面活性剂耐盐性差,界面张力达不到要求", "磺酸盐合成副产物多,收率低", "乳化剂环保性能不达标"],
            ["耐高盐驱油用表面活性剂及复配技术", "磺酸盐连续化合成工艺", "绿色可降解乳化剂"],
            ["界面张力达到十的负三次方毫牛每米", "收率提高到百分之九十五", "生物降解率百分之九十"]),
        new("aromatics", "fine_chemicals", ["liaoyang"], "芳烃精细化工",
            ["芳烃", "对二甲苯", "催化剂", "分离", "结晶", "下游产品"],
            ["芳烃联合装置", "精细化学品", "聚酯原料"],
            ["芳烃分离能耗高,产品纯度不稳定", "芳烃下游精细化学品附加值低", "催化剂寿命短,更换频繁"],
            ["芳烃吸附分离与结晶提纯技术", "芳烃下游高附加值精细化学品合成", "长寿命芳烃转化催化剂"],
            ["分离能耗降低两成,纯度百分之九十九点九", "产品附加值提高三倍", "催化剂寿命延长一倍"]),
        new("catalyst_refining", "petrochemicals", ["fushun", "panjin"], "炼油催化剂",
            ["催化裂化", "催化剂", "炼油", "加氢", "渣油", "石油化工", "转化率"],
            ["催化裂化装置", "加氢装置", "炼油厂"],
            ["渣油催化裂化转化率低,焦炭产率高", "加氢催化剂失活快", "炼油装置能耗偏高"],
            ["重油催化裂化催化剂及配套工艺", "渣油加氢催化剂级配技术", "炼油装置节能优化"],
            ["轻油收率提高一点五个百分点", "催化剂运行周期延长半年", "装置能耗降低百分之八"]),
        new("resin_composite", "chemical_materials", ["fushun"], "树脂基复合材料",
            ["树脂基复合材料", "碳纤维", "预浸料", "固化", "环氧树脂", "成型"],
            ["风电叶片", "轨道交通部件", "压力容器"],
            ["碳纤维预浸料固化周期长,生产效率低", "环氧树脂韧性不足,制件易开裂", "复合材料成型孔隙率高"],
            ["快速固化环氧树脂体系与预浸料制备技术", "增韧环氧树脂基复合材料", "复合材料模压成型孔隙控制工艺"],
            ["固化时间缩短到十分钟", "冲击后压缩强度提高三成", "孔隙率低于百分之一"]),
        new("aluminium_profile", "aluminium", ["liaoyang"], "工业铝型材",
            ["铝型材", "挤压", "铝合金", "时效", "表面处理", "工业铝材"],
            ["轨道车辆铝型材", "汽车铝合金结构件", "光伏边框"],
            ["大截面铝型材挤压成品率低,尺寸超差", "铝合金强度不足,不能满足车辆结构要求", "型材表面处理色差大"],
            ["大截面铝型材精密挤压与模具设计技术", "高强韧铝合金成分设计与时效工艺", "铝型材绿色表面处理技术"],
            ["成品率提高到百分之八十五", "抗拉强度达到四百兆帕", "色差控制在一级"]),
        new("bio_fibre", "bio_fibre", ["dandong"], "生物基纤维",
            ["生物基纤维", "聚乳酸", "纺丝", "可降解", "纤维素", "柞蚕丝"],
            ["非织造布", "纺织面料", "卫生材料"],
            ["聚乳酸纤维纺丝断头多,强度低", "生物基纤维染色性差", "纤维素纤维生产污染大"],
            ["聚乳酸熔融纺丝与高强纤维制备技术", "生物基纤维低温染色工艺", "纤维素纤维绿色溶剂法纺丝"],
            ["纤维强度达到四厘牛每分特", "染色上染率提高两成", "溶剂回收率百分之九十九"]),
        new("degradable_packaging", "packaging_materials", ["chaoyang"], "可降解包装材料",
            ["可降解", "包装膜", "阻隔", "淀粉基", "吹膜", "包装材料"],
            ["食品包装膜", "快递包装袋", "农用地膜"],
            ["可降解包装膜力学性能差,易破损", "包装膜阻隔性不足,食品保质期短", "淀粉基材料加工性能差"],
            ["全生物降解包装膜配方与吹膜工艺", "高阻隔可降解多层复合膜", "改性淀粉基包装材料"],
            ["拉伸强度提高一倍", "氧气透过率降低百分之八十", "一百八十天降解率九成"]),
        new("pv_inverter", "new_energy_electrics", ["chaoyang"], "光伏逆变器",
            ["光伏", "逆变器", "最大功率点跟踪", "并网", "转换效率", "新能源电器"],
            ["光伏电站", "储能变流器", "分布式光伏"],
            ["逆变器转换效率偏低,发热大", "弱光条件下最大功率点跟踪不准", "并网谐波超标"],
            ["高效率光伏逆变器拓扑与控制技术", "多峰最大功率点跟踪算法", "并网逆变器谐波抑制技术"],
            ["最高转换效率百分之九十八点六", "发电量提高百分之三", "并网电流谐波小于百分之三"]),
        new("solid_waste", "energy_saving_materials", ["tieling"], "工业固废综合利用",
            ["固废", "尾矿", "粉煤灰", "综合利用", "建材", "节能环保"],
            ["尾矿库", "电厂粉煤灰", "新型墙体材料"],
            ["尾矿堆存量大,综合利用率低", "粉煤灰活性低,建材掺量受限", "固废处置成本高"],
            ["尾矿制备新型建材成套技术", "粉煤灰活化与高掺量利用技术", "工业固废协同处置工艺"],
            ["尾矿利用率达到百分之八十", "粉煤灰掺量提高到百分之五十", "处置成本降低三成"]),
        new("vocs", "resources_environment", ["fushun", "panjin", "liaoyang"], "挥发性有机物治理",
            ["挥发性有机物", "废气", "催化燃烧", "吸附", "VOCs", "排放"],
            ["化工园区", "涂装车间", "储罐区"],
            ["涂装车间挥发性有机物排放超标", "废气浓度波动大,治理设备运行不稳定", "吸附材料更换频繁,运行成本高"],
            ["沸石转轮吸附浓缩与催化燃烧技术", "低温催化燃烧催化剂", "VOCs在线监测与智能治理系统"],
            ["去除率达到百分之九十五以上", "运行成本降低四成", "排放稳定达标"]),
        new("wastewater", "resources_environment", ["tieling", "fuxin"], "工业废水处理",
            ["废水处理", "高盐废水", "膜分离", "生化", "零排放", "污泥"],
            ["化工废水", "焦化废水", "制药废水"],
            ["高盐废水难以生化处理,出水不达标", "膜分离系统污堵严重", "污泥产量大,处置困难"],
            ["高盐废水分盐结晶与零排放技术", "抗污染膜分离组件", "污泥减量化处理工艺"],
            ["出水达到一级标准", "膜清洗周期延长两倍", "污泥减量百分之四十"]),
        new("aero_titanium", "aerospace", ["shenyang"], "航空钛合金构件",
            ["钛合金", "航空", "锻造", "增材制造", "构件", "疲劳"],
            ["航空结构件", "航空发动机零件", "无人机机身"],
            ["钛合金构件锻造成本高,材料利用率低", "增材制造钛合金构件疲劳性能不足", "大型构件加工变形难以控制"],
            ["钛合金增材制造与热等静压技术", "钛合金精密等温锻造工艺", "大型航空构件加工变形控制"],
            ["材料利用率提高到百分之六十", "疲劳性能达到锻件水平", "加工变形小于零点二毫米"]),
        new("uav", "civil_aviation", ["shenyang"], "工业无人机",
            ["无人机", "巡检", "航拍", "续航", "飞控", "载荷"],
            ["电力巡检", "农林植保", "应急测绘"],
            ["无人机续航时间短,巡检范围受限", "复杂环境下飞控稳定性差", "巡检图像缺陷识别依赖人工"],
            ["氢燃料电池长航时无人机", "抗风扰飞控系统", "无人机巡检图像智能识别"],
            ["续航时间超过三小时", "六级风稳定飞行", "缺陷识别准确率百分之九十五"]),
        new("industrial_ceramics", "new_materials", ["huludao", "yingkou"], "工业陶瓷",
            ["工业陶瓷", "氧化铝", "碳化硅", "烧结", "耐磨", "陶瓷"],
            ["耐磨陶瓷衬板", "陶瓷密封环", "陶瓷轴承球"],
            ["陶瓷衬板烧结开裂,成品率低", "碳化硅陶瓷致密度不足", "陶瓷零件加工成本高"],
            ["碳化硅陶瓷无压烧结技术", "氧化铝耐磨陶瓷配方与成型工艺", "陶瓷近净成形技术"],
            ["致密度达到百分之九十八", "耐磨性提高五倍", "加工余量减少一半"]),
        new("magnesium_material", "new_materials", ["yingkou"], "镁质新材料",
            ["镁", "菱镁矿", "耐火材料", "氧化镁", "高纯", "新材料"],
            ["镁质耐火材料", "高纯氧化镁", "镁基阻燃剂"],
            ["菱镁矿资源利用率低,产品附加值低", "镁质耐火材料抗热震性差", "高纯氧化镁生产能耗高"],
            ["低品位菱镁矿提纯与高纯氧化镁制备技术", "高抗热震镁质耐火材料", "镁基阻燃剂表面改性"],
            ["氧化镁纯度达到百分之九十九点五", "抗热震次数提高两倍", "能耗降低两成"]),
        new("oil_pumping", "petroleum_equipment", ["panjin"], "石油抽油装备",
            ["抽油机", "采油", "节能", "油井", "石油装备", "井口"],
            ["游梁式抽油机", "螺杆泵采油系统", "智能井口"],
            ["抽油机能耗高,系统效率低", "稠油井采油困难,检泵周期短", "井口数据无法远程监控"],
            ["智能变频抽油机节能控制技术", "稠油螺杆泵采油系统", "油井远程监控与工况诊断"],
            ["节电百分之三十", "检泵周期延长一倍", "实现无人值守"]),
        new("drilling_tool", "petroleum_equipment", ["panjin"], "钻井工具",
            ["钻头", "钻井", "井下工具", "机械钻速", "耐磨", "海洋工程"],
            ["钻井平台", "定向钻井", "海洋工程装备"],
            ["硬地层钻头寿命短,机械钻速低", "井下工具可靠性差", "海洋钻井装备依赖进口"],
            ["复合片钻头结构优化与耐磨技术", "高可靠井下动力钻具", "海洋工程钻井装备国产化"],
            ["机械钻速提高三成", "单只钻头进尺翻倍", "关键部件实现国产化"]),
        new("smart_meter", "instruments", ["dandong"], "智能仪表",
            ["智能仪表", "流量计", "计量", "传感器", "精度", "远传"],
            ["电磁流量计", "超声波水表", "压力变送器"],
            ["流量计在小流量下计量精度低", "仪表远传通信功耗大", "传感器零点漂移大"],
            ["超声波流量计量算法与换能器设计", "低功耗远传智能仪表", "传感器温度补偿技术"],
            ["计量精度达到零点五级", "电池寿命超过六年", "零点漂移减小八成"]),
        new("corn_processing", "agri_processing", ["fuxin", "tieling"], "农产品深加工",
            ["玉米", "深加工", "淀粉", "发酵", "农产品", "副产物"],
            ["玉米淀粉", "饲料", "食品配料"],
            ["玉米深加工副产物利用率低", "淀粉加工水耗和能耗高", "产品附加值低,同质化严重"],
            ["玉米副产物高值化利用技术", "淀粉加工节水节能工艺", "农产品深加工功能配料开发"],
            ["副产物增值两倍", "吨淀粉水耗降低四成", "开发出三种新产品"]),
        new("fruit_preservation", "agri_processing", ["jinzhou", "dandong"], "果蔬保鲜",
            ["保鲜", "冷链", "果蔬", "气调", "货架期", "生鲜"],
            ["草莓", "蓝莓", "生鲜食品"],
            ["草莓采后腐烂快,货架期短", "冷链运输损耗率高", "气调储藏成本高"],
            ["果蔬气调保鲜包装技术", "生鲜冷链温控与品质监测", "天然保鲜剂"],
            ["货架期延长一倍", "损耗率降低到百分之五", "保鲜成本降低三成"]),
        new("testing_service", "high_tech_services", ["shenyang", "dalian"], "检验检测服务",
            ["检验检测", "认证", "失效分析", "计量校准", "实验室", "第三方"],
            ["零部件检测", "材料检测", "产品认证"],
            ["产品出口认证检测周期长", "零部件失效原因不明,缺少分析手段", "企业实验室能力不足"],
            ["材料失效分析与检验检测技术服务", "出口产品认证检测一站式服务", "计量校准与实验室能力建设"],
            ["检测周期缩短一半", "完成百余项失效分析", "通过实验室认可"]),
    ];

    private static readonly string[] Brands =
        ["恒泰", "华信", "瑞达", "中科", "鑫源", "博远", "天成", "宏达", "新锐", "金诚", "远航", "百川", "德润", "嘉禾", "凯盛", "明辉", "鼎盛", "启航",
         "众联", "华晟", "东方", "北科", "辽海", "盛京", "正泰", "永兴", "汇丰", "龙腾", "星火", "卓越"];

    private static readonly string[] Surnames = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "孙", "马", "朱", "胡", "郭", "何"];
    private static readonly string[] Titles = ["工", "经理", "老师", "主任"];

    private static readonly (string Region, string? City)[] OutsideRegions =
        [("北京市", "北京市"), ("江苏省南京市", "南京市"), ("江苏省苏州市", "苏州市"), ("上海市", "上海市")];

    private static readonly string[] Requirements =
        ["要求一年内完成中试验证", "希望以技术开发或技术转让方式合作", "要求技术成熟可靠,能够尽快产业化", "可联合申报科技项目", "希望与高校院所共建研发中心"];

    private static readonly string[] Intros = ["我公司主要生产{0}", "本企业为{0}生产企业", "公司从事{0}的研发与制造"];
    private static readonly string[] Applications = ["已在省内多家企业应用", "已完成中试验证", "已建成示范生产线", "已完成样机试制", "已通过用户现场测试"];

    /// <summary>
    /// <paramref name="demands"/> demands and <paramref name="achievements"/> achievements, the same for the same arguments.
    /// Achievements are owned by <paramref name="institutions"/> (three in four, when any) or by generated enterprises.
    /// </summary>
    public static MarketDemoSet Generate(int seed, int demands, int achievements, IReadOnlyList<DemoInstitution> institutions, DateOnly today)
    {
        var random = new Random(seed);
        var demandList = new List<DemoMarketDemand>(demands);
        for (var i = 0; i < demands; i++) demandList.Add(Demand(random, i, today));
        var achievementList = new List<DemoMarketAchievement>(achievements);
        for (var i = 0; i < achievements; i++) achievementList.Add(Achievement(random, i, institutions, today));
        return new MarketDemoSet(demandList, achievementList);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> list) => list[random.Next(list.Count)];

    private static string Words(Random random, string[] words, int count)
    {
        var chosen = words.OrderBy(_ => random.Next()).Take(count);
        return string.Join(",", chosen);
    }

    private static (string Zone, string City) ZoneOf(Random random, Topic topic)
    {
        if (random.NextDouble() >= 0.8) return Pick(random, Zones);
        var zone = Pick(random, topic.Zones);
        return Zones.First(z => z.Zone == zone);
    }

    private static string Enterprise(Random random, string city, Topic topic) =>
        $"{city.TrimEnd('市')}{Pick(random, Brands)}{Pick(random, topic.Words).Replace("5G", "通信", StringComparison.Ordinal)}科技有限公司";

    private static (string Name, string Phone, string Email) Contact(Random random, int n, string prefix) =>
        ($"{Pick(random, Surnames)}{Pick(random, Titles)}", $"138-0000-{random.Next(10_000):D4}", $"{prefix}{n:D5}@example.cn");

    private static (decimal? Min, decimal? Max) Range(Random random)
    {
        if (random.NextDouble() < 0.1) return (null, null);
        decimal[] lows = [10, 20, 30, 50, 80, 100, 150, 200, 300, 500];
        var low = Pick(random, lows);
        var high = low * (decimal)(1.5 + random.Next(6) * 0.5);
        return (low, high);
    }

    private static string Fit(string text, string extra)
    {
        if (text.Length < 60) text += extra;
        return text.Length <= 200 ? text : text[..199] + "。";
    }

    private static DemoMarketDemand Demand(Random random, int n, DateOnly today)
    {
        var topic = Pick(random, Topics);
        var (zone, city) = ZoneOf(random, topic);
        var inZone = random.NextDouble() < 0.9;
        var product = Pick(random, topic.Products);
        var problem = Pick(random, topic.Problems);
        var word = Pick(random, topic.Words);
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(random, Intros), product) + $",目前{problem}。" +
                   $"希望寻求{topic.Name}方面的技术方案,重点解决{word}相关难题,{Pick(random, Requirements)}。";
        text = Fit(text, $"欢迎掌握{topic.Name}技术的高校、科研院所和企业联系洽谈。");
        string[] suffixes = ["技术攻关需求", "工艺改进需求", "关键技术需求", "技术合作需求"];
        var title = $"{product}{topic.Name}{Pick(random, suffixes)}(演示)";
        var (min, max) = Range(random);
        var contact = Contact(random, n, "demand");
        return new DemoMarketDemand(title, text, topic.Field, Words(random, topic.Words, 3), min, max, today.AddDays(90 + random.Next(450)),
            inZone ? zone : null, $"辽宁省{city}", Enterprise(random, city, topic), contact.Name, contact.Phone, contact.Email, topic.Code);
    }

    private static DemoMarketAchievement Achievement(Random random, int n, IReadOnlyList<DemoInstitution> institutions, DateOnly today)
    {
        var topic = Pick(random, Topics);
        var method = Pick(random, topic.Methods);
        var effect = Pick(random, topic.Effects);
        var problem = Pick(random, topic.Problems);
        var text = $"针对{problem}的难题,本成果{method},{effect}。{Pick(random, Applications)},可应用于{Pick(random, topic.Products)}等领域。";
        text = Fit(text, $"可为{topic.Name}领域企业提供技术支持。");
        string[] suffixes = ["关键技术及应用", "新技术", "成套工艺", "技术与装备", "研究成果"];
        var title = $"{topic.Name}{Pick(random, suffixes)}(演示)";
        if (random.NextDouble() < 0.4) title = $"{Pick(random, topic.Words)}{title}";

        // More mature stages are less common: 实验室 20%, 小试 30%, 中试 30%, 产业化 20%.
        var roll = random.NextDouble();
        var trl = roll < 0.2 ? 1 + random.Next(3) : roll < 0.5 ? 4 + random.Next(2) : roll < 0.8 ? 6 + random.Next(2) : 8 + random.Next(2);
        var maturity = MarketTerms.StageOfTrl(trl)!;
        var ip = Pick(random, MarketTerms.IpStatuses).Code;
        var ipNumbers = ip is "invention_patent" or "patent_pending" or "utility_model" or "software_copyright"
            ? string.Join(",", Enumerable.Range(0, 1 + random.Next(3)).Select(_ => $"DEMO-{(ip == "software_copyright" ? "RZ" : "ZL")}{2016 + random.Next(5)}-{random.Next(100_000):D5}"))
            : null;
        var modes = MarketTerms.CooperationModes.OrderBy(_ => random.Next()).Take(1 + random.Next(2)).Select(m => m.Code)
            .OrderBy(c => MarketTerms.CooperationModes.ToList().FindIndex(m => m.Code == c));
        var (min, max) = Range(random);

        int? institutionId = null;
        string owner, region;
        string? zone = null;
        if (institutions.Count > 0 && random.NextDouble() < 0.75)
        {
            var institution = Pick(random, institutions);
            institutionId = institution.Id;
            owner = institution.Name;
            region = institution.Region ?? "辽宁省沈阳市";
            zone = institution.Zone;
        }
        else if (random.NextDouble() < 0.7)
        {
            var (z, city) = ZoneOf(random, topic);
            owner = Enterprise(random, city, topic);
            region = $"辽宁省{city}";
            zone = random.NextDouble() < 0.8 ? z : null;
        }
        else
        {
            var (outside, city) = Pick(random, OutsideRegions);
            owner = Enterprise(random, city!, topic);
            region = outside;
        }
        var contact = Contact(random, n, "achievement");
        return new DemoMarketAchievement(title, text, topic.Field, Words(random, topic.Words, 3 + random.Next(2)), maturity, trl, ip, ipNumbers,
            string.Join(",", modes), min, max, institutionId, owner, region, zone, contact.Name, contact.Phone, contact.Email, topic.Code);
    }
}
