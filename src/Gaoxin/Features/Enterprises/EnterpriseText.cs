using Gaoxin.Core.Collection;
using Gaoxin.Features.Collection;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Enterprises;

/// <summary>How enterprise import problems and figures read, in Chinese or English.</summary>
public static class EnterpriseText
{
    /// <summary>What is wrong; codes shared with the data import read as there.</summary>
    public static string Describe(DataProblem p, bool english)
    {
        var value = p.Value ?? "";
        var detail = p.Detail ?? "";
        return p.Code switch
        {
            "bad_check_digit" => english
                ? $"\"{value}\" fails the GB 32100-2015 check character: the 18th character does not match the first 17 (a typo?)."
                : $"“{value}”未通过 GB 32100-2015 校验:第18位校验码与前17位不符(是否输入有误?)。",
            "bad_credit_code" when detail == "length" => english
                ? $"\"{value}\" is not a unified social credit code: it must have 18 characters."
                : $"“{value}”不是统一社会信用代码:应为18位。",
            "bad_credit_code" => english
                ? $"\"{value}\" is not a unified social credit code: only digits and capitals other than I, O, S, V, Z are used."
                : $"“{value}”不是统一社会信用代码:只能由数字和除 I、O、S、V、Z 以外的大写字母组成。",
            "unknown_zone" => english
                ? $"Unknown zone \"{value}\"; use a zone code or its Chinese name (see gaoxin zones list)."
                : $"未知的高新区“{value}”,请使用高新区代码或中文名称(见 gaoxin zones list)。",
            "unit_not_yours" => english
                ? $"\"{value}\" is another zone; you may upload only returns of your own zone ({detail}). Nothing was imported."
                : $"“{value}”是其他高新区;只能上传本区({detail})企业的年报,整个文件未导入。",
            "header_unknown_column" when p.Detail is not null => english
                ? $"Unknown column \"{value}\": neither a return column nor a data element code; did you mean \"{detail}\"?"
                : $"未知的列“{value}”:既不是年报列,也不是数据元代码;是否应为“{detail}”?",
            "header_unknown_column" => english
                ? $"Unknown column \"{value}\": neither a return column nor a data element code (see gaoxin data elements)."
                : $"未知的列“{value}”:既不是年报列,也不是数据元代码(见 gaoxin data elements)。",
            "header_duplicate" => english
                ? $"Column \"{value}\" appears twice (first as column {detail}); keep one."
                : $"列“{value}”重复出现(首次为第 {detail} 列),请只保留一列。",
            "duplicate_row" => english
                ? $"Enterprise and year {value} already appear in row {detail}; one return per enterprise and year."
                : $"同一企业同一年度({value})已在第{detail}行出现,每家企业每年只能有一行。",
            "negative" => english ? $"{value} is negative; this figure cannot be below 0." : $"{value}为负数,该项不能小于0。",
            "bad_flag" => english ? $"\"{value}\" must be 0 or 1." : $"“{value}”只能填 0 或 1。",
            "bad_date" => english ? $"\"{value}\" is not a date; write it as 2015-06-30." : $"“{value}”不是日期,请写作 2015-06-30。",
            "registered_after_year" => english
                ? $"Registered on {value}, after the year {detail} the return is for."
                : $"注册日期 {value} 晚于年报所属年度 {detail}。",
            "too_long" => english ? $"The text is longer than {detail} characters." : $"文字超过 {detail} 个字符。",
            "too_many_decimals" => english ? $"{value} has more than {detail} decimals." : $"{value}的小数位超过 {detail} 位。",
            "exceeds_total" => english
                ? $"{value} exceeds the enterprise's {detail}; a part cannot be larger than its whole."
                : $"{value}超过本企业的 {detail},部分不能大于总数。",
            _ => ProblemText.Describe(p, english),
        };
    }

    /// <summary><c>FILE:ROW:COLUMN: reason [code]</c>, as compilers print, so that editors can jump to the place.</summary>
    public static string Locate(DataProblem p, bool english) =>
        $"{p.File}:{p.Row}:{p.Column ?? ""}: {Describe(p, english)} [{p.Code}]";

    /// <summary>The name of an aggregate figure.</summary>
    public static string Figure(string element) => element switch
    {
        "enterprise_count" => T("入统企业数", "Enterprises"),
        "hte_count" => T("高新技术企业数", "High-tech enterprises"),
        "revenue" => T("营业收入", "Operating revenue"),
        "rd_expenditure" => T("R&D经费支出", "R&D expenditure"),
        "employees" => T("从业人员", "Employees"),
        "n21_exports" => T("出口总额", "Exports"),
        "n21_hte_exports" => T("高新技术企业出口额", "Exports of high-tech enterprises"),
        "n21_vc_backed_enterprises" => T("获得风险投资的企业数", "Enterprises with venture capital"),
        "st_employees" => T("科技人员", "S&T staff"),
        "high_tech_revenue" => T("高新技术产品(服务)收入", "High-tech product revenue"),
        _ => element,
    };
}
