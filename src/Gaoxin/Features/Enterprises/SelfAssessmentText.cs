using System.Globalization;
using Gaoxin.Core.Enterprises;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Enterprises;

/// <summary>Names and value formats of the self-assessments' conditions and items, in both languages.</summary>
public static class SelfAssessmentText
{
    private static readonly Dictionary<string, (string Zh, string En)> Names = new()
    {
        // 高新技术企业 认定办法 第十一条
        ["registered_one_year"] = ("注册成立一年以上", "Registered at least one year"),
        ["owns_ip"] = ("拥有核心知识产权", "Owns core IP"),
        ["key_domain"] = ("核心技术属于国家重点支持的高新技术领域", "Core technology in a key supported high-tech domain"),
        ["st_staff_ratio"] = ("科技人员占职工总数的比例", "R&D staff as a share of employees"),
        ["rd_ratio"] = ("近三年研发费用占销售收入的比例", "R&D expense to sales revenue, last three years"),
        ["rd_domestic_share"] = ("境内研发费用占全部研发费用的比例", "Share of R&D expense incurred in China"),
        ["high_tech_revenue_share"] = ("近一年高新技术产品(服务)收入占总收入的比例", "High-tech products and services in last year's total revenue"),
        ["innovation_score"] = ("企业创新能力评价得分", "Innovation-capability score"),
        ["no_major_incident"] = ("申请前一年内无重大安全、质量事故或严重环境违法", "No major accident or serious environmental violation in the year before applying"),
        // 工作指引: which IP items count for an application, and the reserve pool beside the verdict
        ["class2_used_before"] = ("Ⅱ类知识产权已在以往申请中使用", "Class II IP already used in an earlier application"),
        ["joint_not_designated"] = ("共有知识产权未约定由本企业使用", "Jointly owned IP designated to another owner"),
        ["reserve_pool"] = ("高新技术企业培育后备库", "High-tech enterprise reserve pool"),
        // 企业创新能力评价 items
        ["tech_advancement"] = ("技术的先进程度", "Advancement of the technology"),
        ["core_support"] = ("对主要产品(服务)的核心支持作用", "Core support of the main products"),
        ["ip_count"] = ("知识产权数量", "Number of IP items"),
        ["ip_acquisition"] = ("知识产权获得方式", "How the IP was obtained"),
        ["standards"] = ("参与标准制定(加分项)", "Standards drafted (bonus)"),
        ["conversion"] = ("科技成果转化能力", "Conversion of scientific results"),
        ["rd_system"] = ("研发组织管理制度与核算体系", "R&D management rules and accounting"),
        ["rd_institution"] = ("研发机构与产学研合作", "R&D unit and cooperation"),
        ["conversion_incentives"] = ("成果转化激励与创新创业平台", "Conversion incentives and platforms"),
        ["talent"] = ("人才培养、引进与绩效奖励", "Training, recruitment and rewards"),
        ["net_asset_growth"] = ("净资产增长率", "Net-asset growth"),
        ["sales_growth"] = ("销售收入增长率", "Sales growth"),
        // 科技型中小企业 评价办法 第六条 and indicators
        ["resident_enterprise"] = ("在中国境内注册的居民企业", "Resident enterprise registered in mainland China"),
        ["employees"] = ("职工总数", "Employees"),
        ["sales_revenue"] = ("年销售收入", "Annual sales revenue"),
        ["total_assets"] = ("资产总额", "Total assets"),
        ["not_restricted"] = ("产品和服务不属于禁止、限制和淘汰类", "Products not prohibited, restricted or eliminated"),
        ["no_violation"] = ("无重大事故、严重违法失信或经营异常", "No major accident, violation, misconduct or listing"),
        ["score"] = ("综合评价得分", "Total score"),
        ["st_staff_score_nonzero"] = ("科技人员指标得分不为0", "R&D staff indicator scores above 0"),
        ["st_staff"] = ("科技人员指标", "R&D staff indicator"),
        ["rd_to_sales"] = ("研发投入指标(占销售收入)", "R&D indicator (to sales)"),
        ["rd_to_cost"] = ("研发投入指标(占成本费用)", "R&D indicator (to costs)"),
        ["ip"] = ("科技成果指标", "IP indicator"),
    };

    /// <summary>The name of a condition or item code in the visitor's language.</summary>
    public static string Name(string code, bool english) =>
        Names.TryGetValue(code, out var n) ? english ? n.En : n.Zh : code;

    /// <summary>符合 / 不符合 / 取决于专家评分.</summary>
    public static string Verdict(Eligibility e, bool english) => e switch
    {
        Eligibility.Yes => english ? "Eligible" : "符合",
        Eligibility.No => english ? "Not eligible" : "不符合",
        _ => english ? "Depends on the experts' scores" : "取决于专家评分",
    };

    /// <summary>✓ 符合 / ✗ 不符合 / ? 待专家评定.</summary>
    public static string Passed(bool? passed, bool english) => passed switch
    {
        true => english ? "✓ met" : "✓ 符合",
        false => english ? "✗ not met" : "✗ 不符合",
        null => english ? "? up to the experts" : "? 待专家评定",
    };

    private static readonly HashSet<string> Ratios = ["st_staff_ratio", "rd_ratio", "rd_domestic_share", "high_tech_revenue_share"];
    private static readonly HashSet<string> Money = ["sales_revenue", "total_assets"];
    private static readonly HashSet<string> Flags = ["resident_enterprise", "not_restricted", "no_violation"];

    public static string Percent(decimal? fraction) =>
        fraction is { } f ? (f * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "—";

    private static string Number(decimal value) => TextTable.Number(value);

    /// <summary>The enterprise's value of a condition, readable: 20%, 1217 天, 63–78 分, 无.</summary>
    public static string Actual(ConditionResult c, bool english, Func<string, string>? domainName = null)
    {
        if (c.Code == "key_domain")
            return c.Detail is { } d ? domainName?.Invoke(d) ?? d : english ? "none given" : "未填写";
        if (c.Code == "no_major_incident") return c.Actual == 1 ? english ? "yes, occurred" : "有" : english ? "none" : "无";
        if (Flags.Contains(c.Code)) return c.Passed == true ? english ? "yes" : "是" : english ? "no" : "否";
        if (c.Actual is not { } a) return english ? "cannot be computed" : "无法计算";
        if (Ratios.Contains(c.Code)) return Percent(a);
        return c.Code switch
        {
            "registered_one_year" => english ? $"{Number(a)} days" : $"{Number(a)} 天",
            "owns_ip" => OwnedIp(a, c.Detail, english),
            "innovation_score" => english ? $"{c.Detail} points" : $"{c.Detail} 分",
            "employees" => english ? $"{Number(a)} people" : $"{Number(a)} 人",
            "score" or "st_staff_score_nonzero" => english ? $"{Number(a)} points" : $"{Number(a)} 分",
            _ when Money.Contains(c.Code) => english ? $"{Number(a)} (10k yuan)" : $"{Number(a)} 万元",
            _ => Number(a),
        };
    }

    // "5" with detail "2 not counted" → 5 项(另有 2 项不计入) / 5 items (2 more not counted).
    private static string OwnedIp(decimal counted, string? detail, bool english)
    {
        var left = detail?.Split(' ')[0];
        if (left is null) return english ? $"{Number(counted)} items" : $"{Number(counted)} 项";
        return english ? $"{Number(counted)} items ({left} more not counted)" : $"{Number(counted)} 项(另有 {left} 项不计入)";
    }

    /// <summary>Ⅰ类 / Ⅱ类 (Class I / Class II).</summary>
    public static string IpClass(HteIpClass value, bool english) => value == HteIpClass.I ? english ? "Class I" : "Ⅰ类" : english ? "Class II" : "Ⅱ类";

    /// <summary>
    /// The reserve pool's answer worded as a hint: admitted by which routes, or not by this self-assessment and which other
    /// routes remain. Every word of it follows from <paramref name="outlook"/>, the pool's own decision.
    /// </summary>
    public static ImprovementHint PoolHint(ReservePoolRuleSet rules, ReservePoolOutlook outlook)
    {
        string Names(IEnumerable<ReserveEntryRoute> routes, bool english) => string.Join(english ? "; " : "、", routes.Select(r => english ? r.NameEn : r.Name));
        var held = rules.Entry.Where(r => outlook.Routes.Contains(r.Id)).ToList();
        if (outlook.Admitted)
            return new ImprovementHint("reserve_pool",
                $"可由所在高新区推荐进入培育后备库(入库途径:{Names(held, false)}),在库培育后再申报。",
                $"The zone may propose the enterprise to the reserve pool (route: {Names(held, true)}) to be cultivated before it applies.");
        if (outlook.OtherRoutes.Count > 0)
            return new ImprovementHint("reserve_pool",
                $"按本次高企自评结果不能进入培育后备库;仍可经以下途径入库:{Names(outlook.OtherRoutes, false)}。",
                $"This self-assessment does not admit the enterprise to the reserve pool; it may still enter as: {Names(outlook.OtherRoutes, true)}.");
        return new ImprovementHint("reserve_pool", "按本次高企自评结果不能进入培育后备库。",
            "This self-assessment does not admit the enterprise to the reserve pool.");
    }

    /// <summary>What the rule requires, readable: ≥ 10%, ≥ 365 天, ≥ 71 分, 八大领域之一.</summary>
    public static string Required(ConditionResult c, bool english)
    {
        if (c.Code == "key_domain") return english ? "one of the eight key domains" : "八大领域之一";
        if (c.Code == "no_major_incident") return english ? "none" : "无";
        if (Flags.Contains(c.Code)) return english ? "yes" : "是";
        if (c.Required is not { } r) return "";
        var sign = c.Operator;
        var value = Ratios.Contains(c.Code) ? Percent(r) : c.Code switch
        {
            "registered_one_year" => english ? $"{Number(r)} days" : $"{Number(r)} 天",
            "owns_ip" => english ? $"{Number(r)} item" : $"{Number(r)} 项",
            "innovation_score" or "score" or "st_staff_score_nonzero" => english ? $"{Number(r)} points" : $"{Number(r)} 分",
            "employees" => english ? $"{Number(r)} people" : $"{Number(r)} 人",
            _ when Money.Contains(c.Code) => english ? $"{Number(r)} (10k yuan)" : $"{Number(r)} 万元",
            _ => Number(r),
        };
        var tier = c.Code == "rd_ratio" && c.Detail is { } d ? Tier(d, english) : "";
        return $"{sign} {value}{tier}";
    }

    // "sales≤20000" → (最近一年销售收入 ≤ 20000 万元档)
    private static string Tier(string detail, bool english)
    {
        var text = detail.Replace("sales", "", StringComparison.Ordinal);
        return english ? $" (tier: last-year sales {text} × 10k yuan)" : $"(最近一年销售收入 {text} 万元档)";
    }
}
