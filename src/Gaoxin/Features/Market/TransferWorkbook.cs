using ClosedXML.Excel;
using Gaoxin.Core.Market;
using Gaoxin.Data.Collection;

namespace Gaoxin.Features.Market;

/// <summary>
/// The yearly transfer report as an Excel workbook: a summary sheet (the province, then each zone), and the breakdowns by
/// contract type and by field. Text cells pass through <see cref="CellText.Neutralize"/>; numbers are numbers.
/// </summary>
public static class TransferWorkbook
{
    private static readonly string[] FigureHeaders = ["本年 This year", "上年 Last year", "增减 Change", "增长率 Growth"];

    public static byte[] Write(TransferReportResult report, IReadOnlyDictionary<string, string> zoneNames, IReadOnlyDictionary<string, string> fieldNames, bool demo)
    {
        using var workbook = new XLWorkbook();
        var sections = new[] { report.Province }.Concat(report.Zones).ToList();
        string Name(TransferReportSection s) => s.Zone is null ? "全省 Province" : zoneNames.GetValueOrDefault(s.Zone, s.Zone);

        var summary = workbook.Worksheets.Add("汇总 Summary");
        string[] headers = ["范围 Scope", "代码 Code", "项目 Figure", .. FigureHeaders];
        for (var c = 0; c < headers.Length; c++) summary.Cell(1, c + 1).Value = headers[c];
        var row = 2;
        foreach (var s in sections)
        {
            foreach (var (label, figure) in new[]
                     {
                         ("技术合同数 Contracts", s.Contracts), ("技术合同成交额(万元) Turnover (10,000 yuan)", s.TurnoverWan),
                         ("促成对接成交数 Deals brokered", s.DealsBrokered), ("转化科技成果数 Achievements converted", s.AchievementsConverted),
                         ("关键技术数 Key technologies", s.KeyTechnologies), ("新产品数 New products", s.NewProducts),
                     })
            {
                summary.Cell(row, 1).Value = CellText.Neutralize(Name(s));
                summary.Cell(row, 2).Value = CellText.Neutralize(s.Zone ?? "province");
                summary.Cell(row, 3).Value = label;
                Figure(summary, row, 4, figure);
                row++;
            }
        }
        Style(summary, headers.Length);

        Breakdown(workbook.Worksheets.Add("按类型 By type"), "合同类型 Type", sections, Name, s => s.ByType, code => DealsText.ContractType(code));
        Breakdown(workbook.Worksheets.Add("按领域 By field"), "领域 Field", sections, Name, s => s.ByField, code => fieldNames.GetValueOrDefault(code, code));

        var about = workbook.Worksheets.Add("说明 About");
        (string, object)[] facts =
        [
            ("报告 Report", "科技成果转移转化年度报告 Yearly technology-transfer report"), ("年度 Year", report.Year), ("对比 Against", report.Year - 1),
            ("口径 Basis", "经省高新办批准的技术合同(按签订年度、登记方所在高新区)与结束的对接 Approved contracts by signing year and registering zone; introductions by closing year"),
            ("增长率 Growth", "上年为零时不计算增长率 No growth rate when the year before is zero"),
            ("演示数据 Demo data", demo ? "是:含合成演示数据 yes: synthetic demo figures" : "否 no"),
        ];
        for (var i = 0; i < facts.Length; i++)
        {
            about.Cell(i + 1, 1).Value = facts[i].Item1;
            about.Cell(i + 1, 2).Value = facts[i].Item2 is int n ? n : CellText.Neutralize(facts[i].Item2.ToString()!);
        }
        about.Column(1).Width = 18;
        about.Column(2).Width = 60;

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Breakdown(IXLWorksheet sheet, string what, List<TransferReportSection> sections, Func<TransferReportSection, string> name,
        Func<TransferReportSection, IReadOnlyList<TransferBreakdownRow>> rows, Func<string, string> label)
    {
        string[] headers = ["范围 Scope", "代码 Code", what, "合同数 Contracts", "上年 Last year", "成交额(万元) Turnover", "上年 Last year", "增减 Change", "增长率 Growth"];
        for (var c = 0; c < headers.Length; c++) sheet.Cell(1, c + 1).Value = headers[c];
        var row = 2;
        foreach (var s in sections)
        foreach (var r in rows(s))
        {
            sheet.Cell(row, 1).Value = CellText.Neutralize(name(s));
            sheet.Cell(row, 2).Value = CellText.Neutralize(r.Code);
            sheet.Cell(row, 3).Value = CellText.Neutralize(label(r.Code));
            sheet.Cell(row, 4).Value = r.Contracts.Value;
            sheet.Cell(row, 5).Value = r.Contracts.Previous;
            Figure(sheet, row, 6, r.TurnoverWan);
            row++;
        }
        Style(sheet, headers.Length);
    }

    /// <summary>This year, last year, the change and the growth (left empty when last year was zero: never an infinite growth).</summary>
    private static void Figure(IXLWorksheet sheet, int row, int column, YearOnYear figure)
    {
        sheet.Cell(row, column).Value = figure.Value;
        sheet.Cell(row, column + 1).Value = figure.Previous;
        sheet.Cell(row, column + 2).Value = figure.Difference;
        if (figure.Growth is { } g)
        {
            sheet.Cell(row, column + 3).Value = g;
            sheet.Cell(row, column + 3).Style.NumberFormat.Format = "0.0%";
        }
        else sheet.Cell(row, column + 3).Value = figure.Value == 0 ? "—" : "上年为零 none last year";
    }

    private static void Style(IXLWorksheet sheet, int columns)
    {
        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
        // Widths by number: measuring text to fit (AdjustToContents) needs GDI, absent on Linux servers.
        for (var c = 1; c <= columns; c++) sheet.Column(c).Width = c <= 3 ? 24 : 14;
    }
}
