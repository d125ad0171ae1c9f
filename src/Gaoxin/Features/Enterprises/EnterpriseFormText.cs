using Gaoxin.Core.Enterprises;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Enterprises;

/// <summary>Field labels and problem texts of the self-assessment forms; fields are named by their JSON path.</summary>
public static class EnterpriseFormText
{
    /// <summary>Form property → JSON path of the 高企 input.</summary>
    public static readonly IReadOnlyDictionary<string, string> HteFields = new Dictionary<string, string>
    {
        ["RegisteredOn"] = "registeredOn", ["AssessedOn"] = "assessedOn", ["Domain"] = "domain", ["MajorIncident"] = "majorIncident",
        ["IpClass1"] = "ip.class1", ["IpClass2"] = "ip.class2", ["IpSelfDeveloped"] = "ip.selfDeveloped",
        ["Employees"] = "employees", ["StEmployees"] = "stEmployees", ["SalesRevenue"] = "salesRevenue", ["RdExpense"] = "rdExpense",
        ["NetAssets"] = "netAssets", ["RdExpenseDomestic"] = "rdExpenseDomestic", ["HighTechRevenue"] = "highTechRevenue",
        ["TotalRevenue"] = "totalRevenue", ["TechAdvancement"] = "innovation.techAdvancement", ["CoreSupport"] = "innovation.coreSupport",
        ["IpAcquisition"] = "innovation.ipAcquisition", ["Standards"] = "innovation.standards", ["Conversions"] = "innovation.conversions",
        ["RdSystem"] = "innovation.rdManagement.system", ["RdInstitution"] = "innovation.rdManagement.institution",
        ["ConversionIncentives"] = "innovation.rdManagement.conversionIncentives", ["Talent"] = "innovation.rdManagement.talent",
        ["RuleSet"] = "rules",
    };

    private static readonly Dictionary<string, (string Zh, string En)> Labels = new()
    {
        ["rules"] = ("规则版本", "Rule set"),
        ["registeredOn"] = ("注册成立日期", "Date of registration"),
        ["assessedOn"] = ("自评(申报)日期", "Assessment (application) date"),
        ["domain"] = ("核心技术所属领域", "Domain of the core technology"),
        ["majorIncident"] = ("申请前一年内发生重大安全、重大质量事故或严重环境违法行为", "A major safety or quality accident or serious environmental violation in the year before applying"),
        ["ip.class1"] = ("Ⅰ类知识产权(发明专利、植物新品种、集成电路布图设计专有权等)", "Class I IP (invention patents, plant varieties, IC layouts…)"),
        ["ip.class2"] = ("Ⅱ类知识产权(实用新型、外观设计、软件著作权等)", "Class II IP (utility models, designs, software copyright…)"),
        ["ip.selfDeveloped"] = ("其中自主研发取得的", "Of which self-developed"),
        ["ip.items"] = ("知识产权逐项(选填)", "IP item by item (optional)"),
        ["ip.items.name"] = ("名称或编号", "Name or number"),
        ["ip.items.class"] = ("类别", "Class"),
        ["ip.items.selfDeveloped"] = ("自主研发", "Self-developed"),
        ["ip.items.usedBefore"] = ("已在以往高企认定申请中使用", "Used in an earlier recognition application"),
        ["ip.items.jointlyOwned"] = ("多个权属人共有", "Jointly owned"),
        ["ip.items.designatedOwner"] = ("约定由本企业在申请时使用", "Agreed that this enterprise uses it"),
        ["employees"] = ("职工总数", "Employees"),
        ["stEmployees"] = ("科技人员数(累计工作满183天)", "R&D staff (183 days or more in the year)"),
        ["salesRevenue"] = ("销售收入", "Sales revenue"),
        ["rdExpense"] = ("研究开发费用", "R&D expense"),
        ["netAssets"] = ("年末净资产", "Net assets at year-end"),
        ["rdExpenseDomestic"] = ("其中境内发生的研发费用(三年合计)", "R&D expense incurred in China (three-year total)"),
        ["highTechRevenue"] = ("近一年高新技术产品(服务)收入", "Last year's high-tech products and services revenue"),
        ["totalRevenue"] = ("近一年总收入", "Last year's total revenue"),
        ["innovation.techAdvancement"] = ("技术的先进程度", "Advancement of the technology"),
        ["innovation.coreSupport"] = ("对主要产品(服务)的核心支持作用", "Core support of the main products or services"),
        ["innovation.ipAcquisition"] = ("知识产权获得方式", "How the IP was obtained"),
        ["innovation.standards"] = ("参与编制国家或行业标准、检测方法、技术规范", "Took part in drafting national or industry standards, test methods or specifications"),
        ["innovation.conversions"] = ("近三年科技成果转化数(项)", "Results converted in the last three years"),
        ["innovation.rdManagement.system"] = ("研发组织管理制度、核算体系、辅助账(0–6分)", "R&D management rules, accounting, sub-ledger (0–6)"),
        ["innovation.rdManagement.institution"] = ("内部研发机构、产学研合作(0–6分)", "In-house R&D unit, cooperation (0–6)"),
        ["innovation.rdManagement.conversionIncentives"] = ("成果转化激励、创新创业平台(0–4分)", "Conversion incentives, innovation platform (0–4)"),
        ["innovation.rdManagement.talent"] = ("人才培养、引进与绩效奖励(0–4分)", "Training, recruitment and rewards (0–4)"),
        // 科技型中小企业
        ["residentEnterprise"] = ("在中国境内(不含港澳台)注册的居民企业", "Resident enterprise registered in mainland China"),
        ["totalAssets"] = ("资产总额", "Total assets"),
        ["costExpense"] = ("成本费用支出总额(选填)", "Total costs and expenses (optional)"),
        ["class1Ip"] = ("与主要产品相关的有效Ⅰ类知识产权", "Valid Class I IP related to the main products"),
        ["class2Ip"] = ("与主要产品相关的有效Ⅱ类知识产权", "Valid Class II IP related to the main products"),
        ["restrictedIndustry"] = ("产品或服务属于国家禁止、限制或淘汰类", "Products or services in a prohibited, restricted or eliminated catalogue"),
        ["violation"] = ("上一年及当年发生重大事故、严重违法或失信,或列入经营异常名录、严重违法失信名单", "A major accident, serious violation or misconduct this or last year, or listed as abnormal or seriously dishonest"),
        ["directQualifications"] = ("直接确认条件", "Direct-qualification routes"),
    };

    /// <summary>The label of a field (JSON path) in the visitor's language.</summary>
    public static string Label(string field) => Labels.TryGetValue(field, out var l) ? T(l.Zh, l.En) : field;

    /// <summary>A problem in the visitor's language: the Core's English text, or a Chinese one by code.</summary>
    public static string Message(EnterpriseInputError e)
    {
        if (IsEnglish || e.Code is "missing_field" or "wrong_type") return e.Message;
        return (e.Field, e.Code) switch
        {
            ("stEmployees", _) => "科技人员数不能超过职工总数。",
            ("rdExpense", "length_mismatch") => "研发费用须与销售收入填写相同的年份。",
            (_, "count_mismatch") => "与逐项填写的知识产权数量不一致;逐项填写时可将数量留空。",
            (_, "out_of_range") when e.Field.StartsWith("innovation.rdManagement.", StringComparison.Ordinal) => "分值超出该项的范围。",
            (_, "out_of_range") => "数值不能为负数或超出范围。",
            ("rules", _) => "所选规则版本不可用:" + e.Message,
            _ => "取值无效:" + e.Message,
        };
    }
}
