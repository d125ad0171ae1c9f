using System.Globalization;
using ClosedXML.Excel;
using Gaoxin.Core;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Registries;
using Gaoxin.Data.Collection;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Registries;

/// <summary>
/// A registry in Excel: one sheet named by the type, one row per item. Row 1 holds the column keys read back, row 2 their
/// Chinese names. On import a row with an id edits that item and a row without one adds an item; the whole file is checked
/// first and nothing is stored when any row is wrong.
/// </summary>
public static class RegistryWorkbook
{
    /// <summary>Column keys, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["id", "name", "zone", "subtype", "level", "founded", "accredited", "closed", "amount", "unit", "status", "attributes", "section", "quote"];

    private static readonly string[] Headings =
        ["编号(新增留空)", "名称", "高新区代码", "类别", "级别(national/provincial/municipal)", "成立日期", "认定日期", "撤销日期", "金额/规模", "单位", "状态", "属性(键=值;…)", "规划出处", "规划原文"];

    private const int FirstDataRow = 3;

    /// <summary>The column of <c>amount</c> (1-based), the one written as a number.</summary>
    private const int AmountColumn = 9;

    /// <summary>Writes the approved items of a type (all zones, or one).</summary>
    public static async Task WriteAsync(GaoxinDb db, string type, string? zone, Stream output, CancellationToken cancellationToken)
    {
        var items = await RegistryStore.ListAsync(db, type, zone, null, cancellationToken);
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(type);
        for (int c = 0; c < Columns.Count; c++)
        {
            sheet.Cell(1, c + 1).SetValue(Columns[c]);
            sheet.Cell(2, c + 1).SetValue(Headings[c]);
        }
        sheet.Row(1).Style.Font.Bold = true;
        sheet.Row(2).Style.Fill.BackgroundColor = XLColor.FromHtml("#DDEBF7");
        int row = FirstDataRow;
        foreach (var i in items)
        {
            // The amount is written as a number (a negative amount too), never as text.
            if (i.Amount is { } amount) sheet.Cell(row, AmountColumn).SetValue(amount);
            string?[] cells =
            [
                i.Id, i.Name, i.ZoneCode, i.Subtype, i.Level, Date(i.Founded), Date(i.Accredited), Date(i.Closed),
                null, i.Unit, i.Status,
                string.Join("; ", RegistryStore.AttributesOf(i).Select(a => $"{a.Key}={a.Value}")), i.Section, i.Quote,
            ];
            for (int c = 0; c < cells.Length; c++)
                if (cells[c] is { Length: > 0 } text) sheet.Cell(row, c + 1).SetValue(CellText.Neutralize(text));
            row++;
        }
        // Fixed widths: measuring text needs fonts the server may not have.
        sheet.Column(2).Width = 40;
        sheet.Column(12).Width = 30;
        sheet.Column(13).Width = 30;
        sheet.Column(14).Width = 60;
        workbook.SaveAs(output);
    }

    /// <summary>The most characters a column's cell may hold.</summary>
    private static int TextLimit(string key) => key switch
    {
        "name" or "zone" or "id" => InputLimits.Name,
        "attributes" or "quote" => InputLimits.FreeText,
        "section" => InputLimits.Comment,
        _ => InputLimits.Title,
    };

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The office and zone operators import registry workbooks (an operator only their zone's rows); enterprises do not.</summary>
    public static bool MayImport(Principal who) => who.IsAdmin || (who.Role == Roles.ZoneOperator && who.Zone is not null);

    /// <summary>A row of an import, checked.</summary>
    private sealed record Row(int Number, string? Id, string Name, string Zone, string? Subtype, string? Level, DateOnly? Founded, DateOnly? Accredited,
        decimal? Amount, string? Unit, Dictionary<string, string> Attributes);

    /// <summary>
    /// Imports a workbook of one type. Returns the problems (file, sheet, row, column, reason); when there is any error nothing is
    /// stored. Zone operators may only touch their zone's rows, and their rows wait for the office's approval like any other change.
    /// </summary>
    public static async Task<(int Added, int Edited, IReadOnlyList<DataProblem> Problems)> ImportAsync(GaoxinDb db, Principal who, string type, string fileName,
        Stream input, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var job = Telemetry.Start(Telemetry.Jobs.RegistryImport);
        var problems = new List<DataProblem>();
        DataProblem Problem(int row, string? column, string? value, string code, string? detail = null) =>
            new(fileName, type, row, column, null, null, value, code, Severity.Error, detail);
        // Who may import is settled before a byte of the file is read.
        if (!MayImport(who)) return (0, 0, [Problem(0, null, null, "forbidden")]);
        if (!RegistrySeedParser.Types.Contains(type)) return (0, 0, [Problem(0, null, type, "unknown_type")]);

        // The upload is bounded, then checked as the data import checks its workbooks (size, entries, XML without DTDs), then opened.
        using var copy = new MemoryStream();
        if (input.CanSeek ? input.Length - input.Position > DataImport.MaxBytes : !await DataImport.CopyAtMostAsync(input, copy, DataImport.MaxBytes, cancellationToken))
            return (0, 0, [Problem(0, null, null, "file_too_large", DataImport.MaxBytes.ToString(CultureInfo.InvariantCulture))]);
        if (!input.CanSeek) { copy.Position = 0; input = copy; }
        if (XlsxGuard.Check(input) is { } unsafeFile)
            return (0, 0, [new(fileName, unsafeFile.Entry ?? type, unsafeFile.Line, null, null, null, null,
                unsafeFile.Code == "unreadable_file" ? "not_a_workbook" : unsafeFile.Code, Severity.Error, unsafeFile.Detail)]);

        XLWorkbook workbook;
        try { workbook = new XLWorkbook(input); }
        catch (Exception) // a package that passes the checks but is not a workbook (no workbook part, a broken relationship): it cannot be opened
        {
            return (0, 0, [Problem(0, null, null, "not_a_workbook")]);
        }
        using (workbook)
        {
            if (!workbook.TryGetWorksheet(type, out var sheet)) return (0, 0, [Problem(0, null, type, "missing_sheet", type)]);
            var header = new Dictionary<string, int>();
            foreach (var cell in sheet.Row(1).CellsUsed())
            {
                var key = cell.GetString().Trim();
                if (!Columns.Contains(key)) problems.Add(Problem(1, cell.Address.ColumnLetter, key, "unknown_column"));
                else header[key] = cell.Address.ColumnNumber;
            }
            foreach (var needed in new[] { "name", "zone" }.Where(n => !header.ContainsKey(n)))
                problems.Add(Problem(1, null, needed, "missing_column", needed));
            if (problems.Count > 0) return (0, 0, problems);

            var zones = (await db.Zones.AsNoTracking().Select(z => z.Code).ToListAsync(cancellationToken)).ToHashSet();
            var stored = await db.RegistryItems.AsNoTracking().Where(i => i.Type == type && i.Approval != "rejected").ToListAsync(cancellationToken);
            var byId = stored.ToDictionary(i => i.Id);
            var names = stored.ToDictionary(i => (i.ZoneCode, RegistryNames.Normalize(i.Name)), i => i.Id);
            var rows = new List<Row>();
            var last = sheet.LastRowUsed()?.RowNumber() ?? 0;
            for (int r = FirstDataRow; r <= last; r++)
            {
                // A cell the export neutralised ('=…) reads back as the text it was.
                string? Cell(string key) => header.TryGetValue(key, out var c) && CellText.Restore(sheet.Cell(r, c).GetString().Trim()) is { Length: > 0 } t ? t : null;
                string Letter(string key) => header.TryGetValue(key, out var c) ? sheet.Cell(r, c).Address.ColumnLetter : key;
                if (Columns.All(k => Cell(k) is null)) continue;
                int before = problems.Count;
                // Text the store would refuse is refused here, at its cell (InputLimits).
                foreach (var key in header.Keys)
                    if (Cell(key) is { } text && InputLimits.Check(key, text, TextLimit(key)) is { } bad)
                        problems.Add(Problem(r, Letter(key), null, bad.Code, (bad.Limit ?? bad.Position)?.ToString(CultureInfo.InvariantCulture)));
                if (problems.Count > before) continue;
                var id = Cell("id");
                var name = Cell("name");
                var zone = Cell("zone");
                if (name is null) problems.Add(Problem(r, Letter("name"), null, "name_required"));
                if (zone is null || !zones.Contains(zone)) problems.Add(Problem(r, Letter("zone"), zone, "unknown_zone"));
                if (id is not null && !byId.ContainsKey(id)) problems.Add(Problem(r, Letter("id"), id, "unknown_item"));
                if (id is not null && byId.TryGetValue(id, out var existing) && existing.ZoneCode != zone)
                    problems.Add(Problem(r, Letter("zone"), zone, "zone_changed", existing.ZoneCode));
                if (zone is not null && !who.MayReport(zone) && !who.IsAdmin) problems.Add(Problem(r, Letter("zone"), zone, "forbidden"));
                var subtype = Cell("subtype");
                if (subtype is not null && !RegistrySeedParser.Subtypes[type].Contains(subtype))
                    problems.Add(Problem(r, Letter("subtype"), subtype, "unknown_subtype", string.Join(", ", RegistrySeedParser.Subtypes[type])));
                var level = Cell("level");
                if (level is not null && !RegistrySeedParser.Levels.Contains(level)) problems.Add(Problem(r, Letter("level"), level, "unknown_level"));
                DateOnly? ReadDate(string key)
                {
                    if (Cell(key) is not { } text) return null;
                    var cell = sheet.Cell(r, header[key]);
                    if (cell.DataType == XLDataType.DateTime) return DateOnly.FromDateTime(cell.GetDateTime());
                    if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
                    problems.Add(Problem(r, Letter(key), text, "bad_date", "yyyy-MM-dd"));
                    return null;
                }
                var founded = ReadDate("founded");
                var accredited = ReadDate("accredited");
                if (id is null && founded is null && Cell("founded") is null) problems.Add(Problem(r, Letter("founded"), null, "founded_required"));
                decimal? amount = null;
                if (Cell("amount") is { } amountText)
                {
                    var amountCell = sheet.Cell(r, header["amount"]);
                    if (amountCell.DataType == XLDataType.Number)
                    {
                        var number = amountCell.GetDouble();
                        if (double.IsFinite(number) && number >= 0 && number < 1e14) amount = (decimal)number;
                        else problems.Add(Problem(r, Letter("amount"), amountText, "not_a_number"));
                    }
                    else if (decimal.TryParse(amountText, NumberStyles.Number, CultureInfo.InvariantCulture, out var a) && a >= 0 && a < 1e14m) amount = a;
                    else problems.Add(Problem(r, Letter("amount"), amountText, "not_a_number"));
                }
                var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
                if (Cell("attributes") is { } attributeText)
                {
                    foreach (var part in attributeText.Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        var eq = part.IndexOfAny(['=', '＝']);
                        if (eq <= 0) problems.Add(Problem(r, Letter("attributes"), part, "bad_attribute", "key=value"));
                        else attributes[part[..eq].Trim()] = part[(eq + 1)..].Trim();
                    }
                }
                // The same item twice, in the file or against the registry, in slightly different words.
                if (name is not null && zone is not null && problems.Count == before)
                {
                    var key = (zone, RegistryNames.Normalize(name));
                    if (names.TryGetValue(key, out var other) && other != (id ?? ""))
                        problems.Add(Problem(r, Letter("name"), name, "duplicate_name", other));
                    names[key] = id ?? $"row {r}";
                }
                if (problems.Count == before)
                    rows.Add(new Row(r, id, name!, zone!, subtype, level, founded, accredited, amount, Cell("unit"), attributes));
            }
            if (problems.Count > 0) return (0, 0, problems);

            // All rows are good: store them together.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            CrashPoint.Reach("in-transaction");
            int added = 0, edited = 0;
            foreach (var row in rows)
            {
                string? refused;
                if (row.Id is null)
                {
                    string? newId;
                    (newId, refused) = await RegistryStore.AddAsync(db, who, type, row.Subtype, row.Name, row.Zone, row.Level, row.Founded!.Value, row.Amount, row.Unit, clock, cancellationToken);
                    if (refused is null && (row.Accredited is not null || row.Attributes.Count > 0))
                        refused = await RegistryStore.EditAsync(db, who, newId!, new RegistryStore.ItemChange(null, null, null, null, row.Accredited, null, null, row.Attributes), clock, cancellationToken);
                    added++;
                }
                else
                {
                    refused = await RegistryStore.EditAsync(db, who, row.Id, new RegistryStore.ItemChange(row.Name, row.Subtype, row.Level, row.Founded, row.Accredited, row.Amount, row.Unit,
                        row.Attributes.Count > 0 ? row.Attributes : null), clock, cancellationToken);
                    edited++;
                }
                if (refused is not null)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    return (0, 0, [Problem(row.Number, null, row.Name, refused)]);
                }
                if (added + edited == (rows.Count + 1) / 2) CrashPoint.Reach("mid-write");
            }
            CrashPoint.Reach("before-commit");
            await transaction.CommitAsync(cancellationToken);
            job.Stored(added + edited);
            return (added, edited, []);
        }
    }
}
