using System.Globalization;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Gaoxin.Core.Collection;

namespace Gaoxin.Data.Collection;

/// <summary>
/// The Excel form of the interchange data: one sheet per year (named by the year), units as rows, elements as columns.
/// Row 1 holds element codes from column C on and column A unit codes from row 5 on; those are the keys read back.
/// Rows 2–4 (Chinese name, unit of measure, what is allowed) and column B (unit name) are for people and ignored on read.
/// In an export of the figures in force, a figure the platform derives carries a note <c>source: registry</c> (or
/// <c>enterprises</c>, <c>contracts</c>) and a shaded cell; reading it back refuses such cells, or skips them when told to.
/// </summary>
public static class ExcelWorkbook
{
    private const int HeaderRow = 1;
    private const int NameRow = 2;
    private const int MeasureRow = 3;
    private const int HintRow = 4;
    private const int FirstDataRow = 5;
    private const int UnitColumn = 1;
    private const int UnitNameColumn = 2;
    private const int FirstElementColumn = 3;

    private static readonly XLColor NotReported = XLColor.FromHtml("#D9D9D9");
    private static readonly XLColor HeaderFill = XLColor.FromHtml("#DDEBF7");
    private static readonly XLColor DerivedFill = XLColor.FromHtml("#FFF2CC");
    private const string SourceNote = "source: ";
    private static readonly Regex YearName = new(@"^[0-9]{4}$", RegexOptions.CultureInvariant);

    /// <summary>Writes the fill-in template: one sheet per year, <paramref name="values"/> pre-filled as numbers.</summary>
    /// <param name="output">Where the .xlsx goes.</param>
    /// <param name="years">One sheet per year, in this order.</param>
    /// <param name="context">Units (rows) and elements (columns).</param>
    /// <param name="values">Values already reported; those outside the sheets' years, units and elements are left out.</param>
    /// <param name="units">Limits the rows to these unit codes (a zone operator's template has only their zone).</param>
    /// <param name="sources">Where derived values come from (<c>registry</c>, <c>enterprises</c>, <c>contracts</c>), noted on their cells; null for reported values only.</param>
    public static void WriteTemplate(Stream output, IReadOnlyList<int> years, ImportContext context, IEnumerable<DataValue> values,
        IReadOnlySet<string>? units = null, IReadOnlyDictionary<(string Unit, int Year, string Element), string>? sources = null)
    {
        var rows = context.Units.Where(u => units is null || units.Contains(u.Code)).ToList();
        var known = new Dictionary<(string Unit, int Year, string Element), decimal>();
        foreach (var value in values) known[(value.Unit, value.Year, value.Element)] = value.Value;

        using var workbook = new XLWorkbook();
        foreach (var year in years.Distinct())
            WriteSheet(workbook.Worksheets.Add(year.ToString(CultureInfo.InvariantCulture)), year, rows, context.Elements, known, sources);
        workbook.SaveAs(output);
    }

    private static void WriteSheet(IXLWorksheet sheet, int year, IReadOnlyList<ReportingUnit> units, IReadOnlyList<DataElement> elements,
        Dictionary<(string Unit, int Year, string Element), decimal> known, IReadOnlyDictionary<(string Unit, int Year, string Element), string>? sources)
    {
        SetText(sheet.Cell(HeaderRow, UnitColumn), "zone");
        SetText(sheet.Cell(HeaderRow, UnitNameColumn), "name");
        SetText(sheet.Cell(NameRow, UnitColumn), "单位代码");
        SetText(sheet.Cell(NameRow, UnitNameColumn), "单位名称");
        SetText(sheet.Cell(MeasureRow, UnitNameColumn), "计量单位");
        SetText(sheet.Cell(HintRow, UnitNameColumn), "填报要求");

        for (var i = 0; i < elements.Count; i++)
        {
            var column = FirstElementColumn + i;
            var element = elements[i];
            SetText(sheet.Cell(HeaderRow, column), element.Code);
            SetText(sheet.Cell(NameRow, column), element.Name);
            SetText(sheet.Cell(MeasureRow, column), element.Unit);
            SetText(sheet.Cell(HintRow, column), Hint(element));
        }

        for (var r = 0; r < units.Count; r++)
        {
            var row = FirstDataRow + r;
            var unit = units[r];
            SetText(sheet.Cell(row, UnitColumn), unit.Code);
            SetText(sheet.Cell(row, UnitNameColumn), unit.Name);
            for (var i = 0; i < elements.Count; i++)
            {
                var cell = sheet.Cell(row, FirstElementColumn + i);
                if (!Reports(unit, elements[i]))
                    cell.Style.Fill.BackgroundColor = NotReported;
                else if (known.TryGetValue((unit.Code, year, elements[i].Code), out var value))
                {
                    cell.Value = value;
                    if (sources?.GetValueOrDefault((unit.Code, year, elements[i].Code)) is { } source && source != InterchangeCsv.ReportedSource)
                    {
                        cell.Comment.AddText(SourceNote + source);
                        cell.Style.Fill.BackgroundColor = DerivedFill;
                    }
                }
            }
        }

        for (var i = 0; i < elements.Count; i++)
            foreach (var (first, last) in ReportingRuns(units, elements[i]))
                Validate(sheet.Range(FirstDataRow + first, FirstElementColumn + i, FirstDataRow + last, FirstElementColumn + i), elements[i]);

        var lastColumn = Math.Max(UnitNameColumn, FirstElementColumn + elements.Count - 1);
        var headers = sheet.Range(HeaderRow, UnitColumn, HintRow, lastColumn);
        headers.Style.Fill.BackgroundColor = HeaderFill;
        headers.Style.Alignment.WrapText = true;
        headers.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        sheet.Range(NameRow, UnitColumn, NameRow, lastColumn).Style.Font.Bold = true;
        sheet.Range(HeaderRow, UnitColumn, HeaderRow, lastColumn).Style.Font.FontColor = XLColor.Gray;
        // Widths by number: measuring text to fit (AdjustToContents) needs GDI, absent on Linux servers.
        sheet.Column(UnitColumn).Width = 12;
        sheet.Column(UnitNameColumn).Width = 16;
        for (var column = FirstElementColumn; column <= lastColumn; column++) sheet.Column(column).Width = 16;
        sheet.SheetView.Freeze(HintRow, UnitNameColumn);
    }

    private static bool Reports(ReportingUnit unit, DataElement element) => element.ProvinceLevel == unit.IsProvince;

    /// <summary>Runs of consecutive rows (0-based, inclusive) whose unit reports the element, so each run gets one validation.</summary>
    private static IEnumerable<(int First, int Last)> ReportingRuns(IReadOnlyList<ReportingUnit> units, DataElement element)
    {
        var start = -1;
        for (var r = 0; r <= units.Count; r++)
        {
            var reports = r < units.Count && Reports(units[r], element);
            if (reports && start < 0) start = r;
            if (!reports && start >= 0)
            {
                yield return (start, r - 1);
                start = -1;
            }
        }
    }

    private static void Validate(IXLRange range, DataElement element)
    {
        var validation = range.SetDataValidation();
        IXLValidationCriteria criteria = element.Type == ElementType.Integer ? validation.WholeNumber : validation.Decimal;
        switch (element.Min, element.Max)
        {
            case ({ } min, { } max): criteria.Between(ImportRules.Format(min), ImportRules.Format(max)); break;
            case ({ } min, null): criteria.EqualOrGreaterThan(ImportRules.Format(min)); break;
            case (null, { } max): criteria.EqualOrLessThan(ImportRules.Format(max)); break;
            // Excel's number validation needs a comparison; the widest one still turns text away.
            default: criteria.Between("-1E+300", "1E+300"); break;
        }
        validation.IgnoreBlanks = true;
        validation.ShowInputMessage = true;
        validation.InputTitle = Truncate(CellText.Neutralize(element.Name), 32); // Excel's limits: 32 and 255 characters
        validation.InputMessage = Truncate(CellText.Neutralize($"{Hint(element)} ({element.Unit})"), 255);
        validation.ShowErrorMessage = true;
        validation.ErrorStyle = XLErrorStyle.Stop;
        validation.ErrorTitle = "数值无效 Invalid value";
        validation.ErrorMessage = Truncate(CellText.Neutralize($"{element.Name}: {Hint(element)}"), 255);
    }

    /// <summary>What a cell accepts, as row 4 and the input message say it: "整数, ≥ 0", "数值, ≥ 0, ≤ 100".</summary>
    private static string Hint(DataElement element)
    {
        var parts = new List<string> { element.Type == ElementType.Integer ? "整数" : "数值" };
        if (element.Min is { } min) parts.Add("≥ " + ImportRules.Format(min));
        if (element.Max is { } max) parts.Add("≤ " + ImportRules.Format(max));
        return string.Join(", ", parts);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    // SetValue keeps text as text; assigning Value would turn "2019" into a number or "=…" into a formula.
    private static void SetText(IXLCell cell, string text) => cell.SetValue(CellText.Neutralize(text));

    /// <summary>
    /// Reads a workbook laid out as <see cref="WriteTemplate"/> writes it. The stream must be seekable; the size limit
    /// is checked, and uploads buffered, by <see cref="DataImport.Read"/>.
    /// </summary>
    public static ParsedImport Read(Stream stream, string fileName, ImportContext context)
    {
        if (!stream.CanSeek) throw new ArgumentException("A workbook is read from a seekable stream; use DataImport.Read for uploads.", nameof(stream));
        var collector = new ImportCollector(fileName);
        // Size, entry count, well-formed XML without DTDs: checked before the spreadsheet library loads the package whole.
        if (XlsxGuard.Check(stream) is { } refused)
        {
            collector.Problem(refused.Entry, refused.Line, null, refused.Code, detail: refused.Detail);
            return collector.Result();
        }

        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(stream);
        }
        catch (Exception) // anything the package or spreadsheet layer throws means the same to the user: it cannot be opened
        {
            collector.Problem(null, 0, null, "unreadable_file");
            return collector.Result();
        }

        using (workbook)
        {
            var lookup = new ImportLookup(context);
            var sawData = false;
            foreach (var sheet in workbook.Worksheets)
                sawData |= ReadSheet(sheet, collector, lookup, context.SkipDerived);
            if (!sawData) collector.Problem(null, 0, null, "empty_file");
        }
        return collector.Result();
    }

    /// <summary>Reads one sheet; returns whether it held any data cell.</summary>
    private static bool ReadSheet(IXLWorksheet sheet, ImportCollector collector, ImportLookup lookup, bool skipDerived)
    {
        var name = sheet.Name;
        if (!YearName.IsMatch(ImportRules.Clean(name)))
        {
            // Notes sheets are refused rather than skipped: a renamed year sheet would otherwise vanish unnoticed.
            collector.Problem(name, 0, null, "extra_sheet", value: name);
            return false;
        }
        var year = ImportRules.Year(name);
        if (year is null)
        {
            collector.Problem(name, 0, null, "bad_year", value: name);
            return false;
        }

        foreach (var merged in sheet.MergedRanges)
        {
            var first = merged.RangeAddress.FirstAddress;
            collector.Problem(name, first.RowNumber, first.ColumnLetter, "merged_cells",
                value: merged.RangeAddress.ToString());
        }

        var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 0;
        var lastColumn = sheet.LastColumnUsed()?.ColumnNumber() ?? 0;
        var rows = Enumerable.Range(FirstDataRow, Math.Max(0, lastRow - FirstDataRow + 1))
            .Select(row => (Row: row, Cells: DataCells(sheet, row, lastColumn)))
            .Where(r => r.Cells.Count > 0)
            .ToList();
        if (rows.Count == 0) return false;

        var columns = ElementColumns(sheet, lastColumn, collector, lookup);
        if (columns is null) return true;

        foreach (var (row, cells) in rows)
        {
            var unitCell = sheet.Cell(row, UnitColumn);
            var unitText = CellText.Restore(unitCell.GetString().Trim());
            var unit = lookup.Unit(unitText);
            if (unit is null)
                collector.Problem(name, row, unitCell.Address.ColumnLetter, "unknown_zone", value: unitText);

            foreach (var cell in cells)
            {
                var element = columns[cell.Address.ColumnNumber];
                if (cell.HasFormula)
                {
                    // Only the cached result could be read, and it may be stale or depend on other files.
                    collector.Problem(name, row, cell.Address.ColumnLetter, "formula_not_allowed", unit?.Code, element?.Code, "=" + cell.FormulaA1);
                    continue;
                }
                if (DerivedSource(cell) is { } source)
                {
                    // A registry count or an enterprise aggregate read back as a report would stop following its registry.
                    if (!skipDerived)
                        collector.Problem(name, row, cell.Address.ColumnLetter, "derived_figure", unit?.Code, element?.Code, source);
                    continue;
                }
                if (unit is not null && element is not null) ReadCell(cell, name, year.Value, unit, element, collector);
            }
        }
        return true;
    }

    /// <summary>The source a cell's note names when it is not <c>reported</c>, or null.</summary>
    private static string? DerivedSource(IXLCell cell)
    {
        if (!cell.HasComment) return null;
        var text = cell.Comment.Text.Trim();
        if (!text.StartsWith(SourceNote, StringComparison.OrdinalIgnoreCase)) return null;
        var source = text[SourceNote.Length..].Trim().ToLowerInvariant();
        return source == InterchangeCsv.ReportedSource ? null : source;
    }

    /// <summary>The cells of a data row that hold something (a value or a formula), from column C on.</summary>
    private static List<IXLCell> DataCells(IXLWorksheet sheet, int row, int lastColumn) =>
        Enumerable.Range(FirstElementColumn, Math.Max(0, lastColumn - FirstElementColumn + 1))
            .Select(column => sheet.Cell(row, column))
            .Where(HasContent)
            .ToList<IXLCell>();

    /// <summary>
    /// Maps columns to elements from row 1 (indexed by column number; null where there is none), or null when row 1
    /// holds no element code at all, so the sheet cannot be read.
    /// </summary>
    private static DataElement?[]? ElementColumns(IXLWorksheet sheet, int lastColumn, ImportCollector collector, ImportLookup lookup)
    {
        var headers = Enumerable.Range(FirstElementColumn, Math.Max(0, lastColumn - FirstElementColumn + 1))
            .Select(column => sheet.Cell(HeaderRow, column))
            .ToList();
        if (!headers.Any(h => lookup.Element(h.GetString()) is not null))
        {
            // Row 1 is not the code row (data pasted from row 1, or another layout): one problem rather than one per column.
            collector.Problem(sheet.Name, HeaderRow, null, "missing_header");
            return null;
        }

        var columns = new DataElement?[lastColumn + 1];
        var firstColumnOf = new Dictionary<string, string>();
        foreach (var cell in headers)
        {
            var text = cell.GetString().Trim();
            var letter = cell.Address.ColumnLetter;
            var element = lookup.Element(text);
            if (text.Length == 0)
            {
                if (ColumnHasData(sheet, cell.Address.ColumnNumber))
                    collector.Problem(sheet.Name, HeaderRow, letter, "header_unknown_column", value: text);
            }
            else if (element is null)
                collector.Problem(sheet.Name, HeaderRow, letter, "unknown_element", value: text, detail: lookup.SimilarElement(text));
            else if (firstColumnOf.TryGetValue(element.Code, out var firstLetter))
                collector.Problem(sheet.Name, HeaderRow, letter, "header_duplicate", element: element.Code, value: text, detail: firstLetter);
            else
            {
                firstColumnOf[element.Code] = letter;
                columns[cell.Address.ColumnNumber] = element;
            }
        }
        return columns;
    }

    private static bool ColumnHasData(IXLWorksheet sheet, int column) =>
        sheet.Column(column).CellsUsed().Any(c => c.Address.RowNumber >= FirstDataRow && HasContent(c));

    /// <summary>A value or a formula; empty cells and cells holding only spaces mean "not reported".</summary>
    private static bool HasContent(IXLCell cell) => cell.HasFormula || cell.GetString().Trim().Length > 0;

    private static void ReadCell(IXLCell cell, string sheet, int year, ReportingUnit unit, DataElement element, ImportCollector collector)
    {
        var row = cell.Address.RowNumber;
        var letter = cell.Address.ColumnLetter;
        if (!Reports(unit, element))
        {
            collector.Problem(sheet, row, letter, "element_not_for_unit", unit.Code, element.Code, cell.GetString().Trim(),
                element.ProvinceLevel ? "province_only" : "zones_only");
            collector.Figure(sheet, row, letter, unit, year, element, null, cell.GetString().Trim());
            return;
        }

        decimal? number;
        string shown;
        switch (cell.DataType)
        {
            case XLDataType.Number:
                // Excel keeps 15 significant digits; the decimal conversion rounds to them, so 0.1 reads as 0.1.
                var value = cell.GetDouble();
                if (double.IsFinite(value) && Math.Abs(value) < (double)decimal.MaxValue)
                {
                    var read = (decimal)value;
                    shown = ImportRules.Format(read);
                    number = collector.Checked(sheet, row, letter, unit.Code, element, read, shown);
                }
                else
                {
                    shown = cell.GetString();
                    collector.Problem(sheet, row, letter, "not_a_number", unit.Code, element.Code, shown);
                    number = null;
                }
                break;
            case XLDataType.Text:
                // Typed or pasted text gets the CSV rules: full-width digits pass, 1,234 is refused with its reason.
                shown = cell.GetString().Trim();
                number = collector.Number(sheet, row, letter, unit.Code, element, shown);
                break;
            default: // dates, times and TRUE/FALSE
                shown = cell.GetFormattedString();
                collector.Problem(sheet, row, letter, "not_a_number", unit.Code, element.Code, shown);
                number = null;
                break;
        }
        collector.Figure(sheet, row, letter, unit, year, element, number, shown);
    }
}
