using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Gaoxin.Core.Monitoring;
using Gaoxin.Data.Collection;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Monitoring;

/// <summary>The monitoring report as a Word document (A4, every chapter with its narrative) and as a workbook of its tabular chapters.</summary>
public static class ReportFiles
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The file name of a report download.</summary>
    public static string FileName(ReportDocument d, string extension) => $"gaoxin-monitoring-{d.Kind}-{d.Year}.{extension}";

    /// <summary>The report as .docx: title, period, then each chapter's heading, the office's narrative and its table or texts.</summary>
    public static byte[] Docx(ReportDocument d, IReadOnlyDictionary<string, string> zoneNames)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);
            body.Append(Para(MonitoringReportText.Title(d), bold: true, size: 32, center: true));
            body.Append(Para(T($"报告期:{d.Period.From}—{d.Period.To}年,对比{(d.Kind == "midterm" ? "基期" : "上年")} {d.Period.CompareYear} 年",
                $"Period {d.Period.From}–{d.Period.To}, compared with {d.Period.CompareYear}"), center: true));
            var tables = ReportTables.All(d, zoneNames).ToDictionary(t => t.Chapter);
            foreach (var chapter in MonitoringReport.Chapters)
            {
                body.Append(Para(MonitoringReportText.Chapter(chapter), bold: true, size: 28));
                if (d.Narratives.GetValueOrDefault(chapter) is { } narrative)
                    foreach (var line in narrative.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) body.Append(Para(line));
                if (chapter == "summary")
                    body.Append(Para(string.Join("  ", d.StatusCounts().Select(s => $"{MonitoringReportText.TargetStatus(s.Key)} {s.Value}"))));
                if (chapter == "evaluation" && d.Evaluation is null) body.Append(Para(T("本年度尚无已发布的综合评价。", "No evaluation of the year is published.")));
                if (tables.GetValueOrDefault(chapter) is { } table) body.Append(Grid(table));
                if (chapter == "self_assessments")
                {
                    if (d.SelfAssessments.Count == 0) body.Append(Para(T("尚无高新区提交自评报告。", "No zone has sent a self-assessment.")));
                    foreach (var s in d.SelfAssessments)
                    {
                        body.Append(Para($"{zoneNames.GetValueOrDefault(s.Zone, s.Zone)}({MonitoringReportText.State(s.Status)})", bold: true));
                        foreach (var (section, text) in s.Sections) body.Append(Para($"{MonitoringReportText.Section(section)}:{text}"));
                    }
                }
            }
            // A4 portrait, 2 cm margins (twentieths of a point).
            body.Append(new SectionProperties(new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134U, Right = 1134U }));
            main.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The report's tabular chapters as a workbook, one sheet per chapter; numbers stay numbers.</summary>
    public static byte[] Xlsx(ReportDocument d, IReadOnlyDictionary<string, string> zoneNames)
    {
        using var workbook = new XLWorkbook();
        foreach (var table in ReportTables.All(d, zoneNames))
        {
            var sheet = workbook.Worksheets.Add(table.Sheet);
            for (var c = 0; c < table.Headers.Count; c++) sheet.Cell(1, c + 1).Value = CellText.Neutralize(table.Headers[c]);
            for (var r = 0; r < table.Rows.Count; r++)
            {
                for (var c = 0; c < table.Rows[r].Count; c++)
                {
                    var cell = sheet.Cell(r + 2, c + 1);
                    switch (table.Rows[r][c])
                    {
                        case decimal number: cell.Value = number; break;
                        case int whole: cell.Value = whole; break;
                        case string text: cell.Value = CellText.Neutralize(text); break;
                    }
                }
            }
            sheet.Row(1).Style.Font.Bold = true;
            sheet.SheetView.FreezeRows(1);
        }
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static Paragraph Para(string text, bool bold = false, int? size = null, bool center = false)
    {
        var properties = new RunProperties(new RunFonts { EastAsia = "SimSun" });
        if (bold) properties.Append(new Bold());
        if (size is { } half) properties.Append(new FontSize { Val = half.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var paragraph = new Paragraph(new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        if (center) paragraph.PrependChild(new ParagraphProperties(new Justification { Val = JustificationValues.Center }));
        return paragraph;
    }

    private static Table Grid(ReportTable source)
    {
        // The schema's order: the width before the borders, and top, left, bottom, right, inside lines; a grid before the rows.
        var borders = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
            new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }, borders),
            new TableGrid(source.Headers.Select(_ => new GridColumn { Width = (9638 / source.Headers.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        TableRow Row(IEnumerable<string> cells, bool header) =>
            new(cells.Select(c => new TableCell(new Paragraph(new Run(header ? new RunProperties(new Bold(), new FontSize { Val = "16" }) : new RunProperties(new FontSize { Val = "16" }),
                new Text(c) { Space = SpaceProcessingModeValues.Preserve })))));
        table.Append(Row(source.Headers, header: true));
        foreach (var row in source.Rows) table.Append(Row(row.Select(ReportTables.Text), header: false));
        return table;
    }
}
