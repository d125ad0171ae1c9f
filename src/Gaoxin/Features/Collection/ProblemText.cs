using System.Globalization;
using Gaoxin.Core.Collection;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Collection;

/// <summary>How import problems read, in Chinese or English: what is wrong and where.</summary>
public static class ProblemText
{
    /// <summary>One sentence saying what is wrong and, where it helps, how to fix it.</summary>
    public static string Describe(DataProblem p, bool english)
    {
        var value = Quoted(p.Value, english);
        var detail = p.Detail ?? "";
        return p.Code switch
        {
            "empty_file" => english
                ? "The file holds no data: it is empty or has only the header."
                : "文件中没有数据：文件为空或只有表头。",
            "file_too_large" => english
                ? $"The file is too large; the limit is {Megabytes(p.Detail)} MB."
                : $"文件过大，上限为 {Megabytes(p.Detail)} MB。",
            "unreadable_file" when detail == "xls" => english
                ? "Old .xls workbooks cannot be read; save it as .xlsx or as CSV UTF-8."
                : "无法读取旧版 .xls 工作簿，请另存为 .xlsx 或 CSV UTF-8 格式。",
            "unreadable_file" => english
                ? "The file cannot be read; it may be damaged or not a CSV or .xlsx file."
                : "无法读取文件，文件可能已损坏，或不是 CSV 或 .xlsx 文件。",
            "too_many_entries" => english
                ? $"The workbook has too many parts (more than {detail}); save it again from Excel."
                : $"工作簿内部文件过多（超过 {detail} 个），请用 Excel 重新保存后上传。",
            "xml_dtd_not_allowed" => english
                ? "The workbook contains a document type declaration (DTD), which Excel never writes; it is refused for safety."
                : "工作簿中含有文档类型声明（DTD），Excel 不会写入此类内容，出于安全原因拒绝导入。",
            "malformed_xml" => english
                ? "A part of the workbook is not well-formed XML; it may be damaged. Save it again from Excel."
                : "工作簿中有部分内容不是格式正确的 XML，文件可能已损坏，请用 Excel 重新保存。",
            "not_utf8" => english
                ? "The file's start is UTF-8 text but this row is not (the file mixes encodings); save it as \"CSV UTF-8\" and upload again."
                : "文件开头为 UTF-8 编码，但此行不是（文件混用了编码），请另存为“CSV UTF-8”格式后重新上传。",
            "bad_quotes" => english
                ? "A quotation mark is out of place: a quoted field must be closed and followed by a comma or line end."
                : "引号位置不正确：带引号的字段必须闭合，并紧跟逗号或换行。",
            "wrong_delimiter" => english
                ? $"Columns are separated by {(detail == "tab" ? "tabs" : "semicolons")}; separate them with commas."
                : $"列之间用的是{(detail == "tab" ? "制表符" : "分号")}，请改用英文逗号分隔。",
            "missing_header" => english
                ? "The first row must be the header (CSV: zone,year,element,value; Excel: element codes from column C)."
                : "第一行必须是表头（CSV 为 zone,year,element,value；Excel 为从 C 列起的数据元代码）。",
            "header_misspelled" => english
                ? $"Column name {value} looks misspelled; it should be \"{detail}\"."
                : $"列名{value}可能拼写错误，应为“{detail}”。",
            "header_unknown_column" => english
                ? $"Unknown column {value}; remove it."
                : $"未知的列{value}，请删除该列。",
            "header_duplicate" => english
                ? $"Column {value} appears twice (first as column {detail}); keep one."
                : $"列{value}重复出现（首次为 {detail} 列），请只保留一列。",
            "header_missing_column" => english
                ? $"The header lacks the column \"{detail}\"."
                : $"表头缺少“{detail}”列。",
            "wrong_column_count" => english
                ? $"The row has {p.Value} fields instead of {detail}; a comma inside a number (1,234) also splits it."
                : $"该行有 {p.Value} 个字段，应为 {detail} 个；数字中的逗号（如 1,234）也会把字段拆开。",
            "unknown_zone" => english
                ? $"Unknown reporting unit {value}; use a zone code or its Chinese name (the list: gaoxin zones list, or the zones page)."
                : $"未知的填报单位{value}，请使用高新区代码或中文名称（列表见 gaoxin zones list 或“高新区”页面）。",
            "unknown_element" when p.Detail is not null => english
                ? $"Unknown data element {value}; did you mean \"{detail}\"?"
                : $"未知的数据元{value}，是否应为“{detail}”？",
            "unknown_element" => english
                ? $"Unknown data element {value} (the list: gaoxin data elements, or the CSV template)."
                : $"未知的数据元{value}（列表见 gaoxin data elements 或 CSV 模板）。",
            "element_not_for_unit" when detail == "province_only" => english
                ? $"Element {Quoted(p.Element, true)} is reported by the province only, not by a zone."
                : $"数据元{Quoted(p.Element, false)}只由省级填报，高新区不填报。",
            "element_not_for_unit" => english
                ? $"Element {Quoted(p.Element, true)} is reported by the zones, not by the province."
                : $"数据元{Quoted(p.Element, false)}由各高新区填报，省级不填报。",
            "bad_year" => english
                ? $"Year {value} is not a year between 2000 and 2100."
                : $"年份{value}不是 2000 至 2100 之间的年份。",
            "too_long" => english
                ? $"The text is longer than {detail} characters; shorten it."
                : $"文字超过 {detail} 个字符,请缩短。",
            "control_character" => english
                ? $"The text holds a control character (position {detail}); remove it."
                : $"文字中含有控制字符(位置 {detail}),请删除。",
            "missing_value" => english
                ? "The value is missing."
                : "缺少数值。",
            "not_a_number" => english
                ? $"{value} is not a plain number (digits with an optional point, no exponent or units)."
                : $"{value}不是普通数字（只能包含数字和小数点，不能有科学计数法或单位）。",
            "not_finite" => english
                ? $"{value} is not a finite number."
                : $"{value}不是有限数值。",
            "thousands_separator" => english
                ? $"{value} contains a separator; remove thousands separators and write decimals with a point (1234.5)."
                : $"{value}含有分隔符，请删除千位分隔符，小数用小数点表示（如 1234.5）。",
            "not_integer" => english
                ? $"{value} must be a whole number."
                : $"{value}必须是整数。",
            "below_min" => english
                ? $"{value} is below the minimum of {detail}."
                : $"{value}小于下限 {detail}。",
            "above_max" => english
                ? $"{value} is above the maximum of {detail}."
                : $"{value}大于上限 {detail}。",
            "duplicate_row" => english
                ? $"The same unit, year and element already appear in row {detail}; neither value is imported."
                : $"同一单位、年份和数据元已在第{detail}行出现，两个数值均不导入。",
            "formula_not_allowed" => english
                ? $"The cell holds a formula ({p.Value}); enter the number itself."
                : $"单元格中有公式（{p.Value}），请直接填写数值。",
            "merged_cells" => english
                ? $"Cells {p.Value} are merged; unmerge them."
                : $"单元格 {p.Value} 被合并，请取消合并。",
            "derived_figure" => english
                ? $"This figure comes from the {(p.Value switch { "enterprises" => "enterprise returns", "contracts" => "registered technology contracts", _ => "registries" })}, not from a report; importing it would turn it into a reported figure. Import an export made with --reported-only, or skip such figures (--skip-derived)."
                : $"该数值来自{(p.Value switch { "enterprises" => "企业年报汇总", "contracts" => "技术合同登记", _ => "名录计数" })}而非填报，导入会把它变成填报值。请导入用 --reported-only 导出的文件，或跳过此类数值（--skip-derived）。",
            "unknown_source" => english
                ? $"Unknown source {value}; the source column takes reported, registry, enterprises or contracts."
                : $"未知的来源{value}，来源列只能是 reported、registry、enterprises 或 contracts。",
            "extra_sheet" => english
                ? $"Sheet {value} is not a year; only sheets named by the year (e.g. 2019) are allowed."
                : $"工作表{value}不是年份，只允许以年份命名的工作表（如 2019）。",
            // A rule reads by its own words in the reader's language; its id is for files and the API, not for pages.
            "rule_failed" when (english ? p.MessageEn : p.Message) is { } ruleText => english ? $"{ruleText}." : $"{ruleText}。",
            "rule_failed" => english ? $"The check {detail} fails." : $"未通过校验规则 {detail}。",
            "outlier_yoy" => english
                ? $"{value} moves {Part(detail, 1)}% from last year's {Part(detail, 0)}; check it, or explain it in a comment."
                : $"{value}较上年 {Part(detail, 0)} 变动 {Part(detail, 1)}%,请核实或在说明中解释。",
            "outlier_mad" => english
                ? $"{value} means growth of {Part(detail, 0)}%, far from this unit's usual {Part(detail, 1)}%; check it, or explain it in a comment."
                : $"{value}对应增长 {Part(detail, 0)}%,明显偏离本单位通常的 {Part(detail, 1)}%,请核实或在说明中解释。",
            "unit_not_yours" => english
                ? $"This row is for {Quoted(p.Unit, true)}; you may only upload your own zone's figures."
                : $"该行属于{Quoted(p.Unit, false)},您只能上传本区的数据。",
            "approve_forbidden" => english
                ? "Only the provincial office may import figures as approved."
                : "只有省高新区办公室可以导入已批准数据。",
            "report_submitted" => english
                ? $"The {value} report of {Quoted(p.Unit, true)} is submitted and waits for review; it cannot take new values now."
                : $"{Quoted(p.Unit, false)} {value} 年报表已提交待审核,暂不能导入新数值。",
            "stale_value" => english
                ? $"{p.Element} was changed by someone else since you opened the report; it is now {value ?? "empty"}."
                : $"{p.Element} 在您打开报表后已被他人修改,现为 {value ?? "空"}。",
            _ => p.Code,
        };
    }

    private static string Part(string detail, int index) => detail.Split('|') is var parts && parts.Length > index ? parts[index] : "?";

    /// <summary>Where the problem is, in the visitor's language: <c>data.csv 第3行 value列</c> / <c>data.csv row 3, column value</c>.</summary>
    public static string Locate(DataProblem p) => Locate(p, Text.IsEnglish);

    /// <summary>Where the problem is, in the given language.</summary>
    public static string Locate(DataProblem p, bool english)
    {
        var parts = new List<string>();
        if (p.Sheet is not null) parts.Add(english ? $"sheet {p.Sheet}" : $"工作表{p.Sheet}");
        if (p.Row > 0) parts.Add(english ? $"row {p.Row}" : $"第{p.Row}行");
        if (!string.IsNullOrEmpty(p.Column)) parts.Add(english ? $"column {p.Column}" : $"{p.Column}列");
        if (parts.Count == 0) return p.File;
        return p.File + " " + string.Join(english ? ", " : " ", parts);
    }

    private static string Quoted(string? value, bool english) =>
        string.IsNullOrEmpty(value) ? (english ? "(empty)" : "（空）") : english ? $"\"{value}\"" : $"“{value}”";

    private static string Megabytes(string? bytes) =>
        long.TryParse(bytes, NumberStyles.None, CultureInfo.InvariantCulture, out var b)
            ? (b / (1024m * 1024m)).ToString("0.#", CultureInfo.InvariantCulture)
            : "?";
}
