using System.Globalization;
using ClosedXML.Excel;
using Gaoxin.Core;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Market;
using Gaoxin.Core.Portal;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Data.Collection;
using Microsoft.EntityFrameworkCore;
using Sylvan.Data.Csv;

namespace Gaoxin.Data.Market;

/// <summary>What an import stored: the demands and achievements added, and the batch their audit rows share.</summary>
public sealed record MarketImportOutcome(int Demands, int Achievements, string? Batch, IReadOnlyList<DataProblem> Problems);

/// <summary>
/// <c>gaoxin market import FILE</c>: demands and achievements in bulk from a workbook (sheets 技术需求 and 技术成果) or a CSV
/// (a <c>side</c> column: demand or achievement). All or nothing: every problem is located (file, sheet, row, column, code)
/// and nothing is written when there is any. Imported profiles wait for the office's review, or are published at once when
/// the office asks (<c>--publish</c>). Every profile is audited under one batch id.
/// </summary>
public static class MarketImport
{
    /// <summary>The sheet names of a workbook, by side.</summary>
    public const string DemandSheet = "技术需求", AchievementSheet = "技术成果";

    /// <summary>The columns a file may have (header row, any order); <c>side</c> in a CSV only.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "side", "title", "text", "field", "keywords", "zone", "enterprise_name", "credit_code", "budget_min_wan", "budget_max_wan", "deadline",
        "maturity", "trl", "ip_status", "ip_numbers", "cooperation_modes", "price_min_wan", "price_max_wan", "institution", "owner_name", "region",
        "contact_name", "contact_phone", "contact_email", "valid_until",
    ];

    // The input's field names (as validation locates a problem) and their columns.
    private static readonly Dictionary<string, string> ColumnOfField = new(StringComparer.Ordinal)
    {
        ["title"] = "title", ["problem"] = "text", ["description"] = "text", ["field"] = "field", ["keywords"] = "keywords", ["zone"] = "zone",
        ["enterpriseName"] = "enterprise_name", ["creditCode"] = "credit_code", ["budgetMinWan"] = "budget_min_wan", ["budgetMaxWan"] = "budget_max_wan",
        ["maturity"] = "maturity", ["trl"] = "trl", ["ipStatus"] = "ip_status", ["ipNumbers"] = "ip_numbers", ["cooperationModes"] = "cooperation_modes",
        ["priceMinWan"] = "price_min_wan", ["priceMaxWan"] = "price_max_wan", ["institutionId"] = "institution", ["ownerName"] = "owner_name",
        ["region"] = "region", ["contactName"] = "contact_name", ["contactPhone"] = "contact_phone", ["contactEmail"] = "contact_email", ["validUntil"] = "valid_until",
    };

    /// <summary>A row as read from the file: its place, its side and its cells' text with their column letters (or names).</summary>
    private sealed record RawRow(string? Sheet, int Row, MarketSide? Side, Dictionary<string, (string Text, string Column)> Cells);

    /// <summary>Reads, checks and (when nothing is wrong) stores a file of profiles, owned by <paramref name="who"/>.</summary>
    public static async Task<MarketImportOutcome> ImportAsync(GaoxinDb db, Principal who, string fileName, Stream input, bool publish, IndustryCatalog catalog,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var problems = new List<DataProblem>();
        DataProblem Problem(string? sheet, int row, string? column, string? value, string code, string? detail = null) =>
            new(fileName, sheet, row, column, null, null, value, code, Severity.Error, detail);
        if (publish && !who.IsAdmin) return new(0, 0, null, [Problem(null, 0, null, null, "forbidden", "--publish")]);

        using var copy = new MemoryStream();
        if (!await DataImport.CopyAtMostAsync(input, copy, DataImport.MaxBytes, cancellationToken))
            return new(0, 0, null, [Problem(null, 0, null, null, "file_too_large", DataImport.MaxBytes.ToString(CultureInfo.InvariantCulture))]);
        copy.Position = 0;
        var rows = new List<RawRow>();
        if (fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            if (XlsxGuard.Check(copy) is { } unsafeFile)
                return new(0, 0, null, [Problem(unsafeFile.Entry, unsafeFile.Line, null, null, unsafeFile.Code == "unreadable_file" ? "not_a_workbook" : unsafeFile.Code, unsafeFile.Detail)]);
            XLWorkbook workbook;
            try { workbook = new XLWorkbook(copy); }
            catch (Exception) // passes the checks but is no workbook: it cannot be opened
            {
                return new(0, 0, null, [Problem(null, 0, null, null, "not_a_workbook")]);
            }
            using (workbook)
            {
                var found = false;
                foreach (var (name, side) in new[] { (DemandSheet, MarketSide.Demand), (AchievementSheet, MarketSide.Achievement) })
                {
                    if (!workbook.TryGetWorksheet(name, out var sheet)) continue;
                    found = true;
                    ReadSheet(sheet, side, rows, problems, Problem);
                }
                if (!found) problems.Add(Problem(null, 0, null, null, "missing_sheet", $"{DemandSheet}, {AchievementSheet}"));
            }
        }
        else if (fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) ReadCsv(copy, rows, problems, Problem);
        else return new(0, 0, null, [Problem(null, 0, null, null, "unknown_format", ".xlsx, .csv")]);
        if (problems.Count > 0) return new(0, 0, null, problems);

        var (zones, institutionIds) = await MarketStore.KnownAsync(db, cancellationToken);
        var institutions = await db.MarketInstitutions.AsNoTracking().ToDictionaryAsync(i => i.Name, i => i.Id, StringComparer.Ordinal, cancellationToken);
        var names = institutions.ToDictionary(i => i.Value, i => i.Key);
        var today = Publication.Today(clock.GetUtcNow());
        var inputs = new List<MarketProfileInput>();
        foreach (var row in rows)
        {
            string? Cell(string key) => row.Cells.TryGetValue(key, out var c) && c.Text.Length > 0 ? c.Text : null;
            string Column(string key) => row.Cells.TryGetValue(key, out var c) ? c.Column : key;
            var before = problems.Count;
            foreach (var (key, (text, column)) in row.Cells)
                if (InputLimits.ControlCharacterAt(text) is var at and >= 0) problems.Add(Problem(row.Sheet, row.Row, column, null, InputProblem.ControlCharacter, at.ToString(CultureInfo.InvariantCulture)));
            if (problems.Count > before) continue;
            decimal? Number(string key)
            {
                if (Cell(key) is not { } text) return null;
                if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) && Math.Abs(n) < 1e14m) return n;
                problems.Add(Problem(row.Sheet, row.Row, Column(key), text, "not_a_number"));
                return null;
            }
            DateOnly? Date(string key)
            {
                if (Cell(key) is not { } text) return null;
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
                problems.Add(Problem(row.Sheet, row.Row, Column(key), text, "bad_date", "yyyy-MM-dd"));
                return null;
            }
            int? trl = null;
            if (Cell("trl") is { } trlText)
            {
                if (int.TryParse(trlText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var t)) trl = t;
                else problems.Add(Problem(row.Sheet, row.Row, Column("trl"), trlText, "not_a_number"));
            }
            int? institution = null;
            if (Cell("institution") is { } institutionName)
            {
                if (institutions.TryGetValue(institutionName, out var id)) institution = id;
                else problems.Add(Problem(row.Sheet, row.Row, Column("institution"), institutionName, "unknown_institution"));
            }
            var side = row.Side!.Value;
            var profile = new MarketProfileInput(side, Cell("title"), Cell("text"), Cell("field"), Cell("keywords"), Cell("zone"), Cell("contact_name"),
                Cell("contact_phone"), Cell("contact_email"), Date("valid_until"),
                EnterpriseName: Cell("enterprise_name"), CreditCode: Cell("credit_code"), BudgetMinWan: Number("budget_min_wan"), BudgetMaxWan: Number("budget_max_wan"),
                Deadline: Date("deadline"), Maturity: Cell("maturity"), Trl: trl, IpStatus: Cell("ip_status"), IpNumbers: Cell("ip_numbers"),
                CooperationModes: Cell("cooperation_modes"), PriceMinWan: Number("price_min_wan"), PriceMaxWan: Number("price_max_wan"), InstitutionId: institution,
                OwnerName: Cell("owner_name"), Region: Cell("region"));
            if (problems.Count > before) continue;
            if (MarketWorkflow.CheckCreate(who, profile.Zone) is { } refused) problems.Add(Problem(row.Sheet, row.Row, Column("zone"), profile.Zone, refused));
            foreach (var p in MarketValidation.Check(profile, catalog, zones, institutionIds, today))
            {
                var key = ColumnOfField.GetValueOrDefault(p.Field, p.Field);
                problems.Add(Problem(row.Sheet, row.Row, Column(key), Cell(key), p.Code, p.Detail));
            }
            if (problems.Count == before) inputs.Add(profile);
        }
        if (problems.Count > 0) return new(0, 0, null, problems);
        if (inputs.Count == 0) return new(0, 0, null, [Problem(null, 0, null, null, "empty_file")]);

        var now = clock.GetUtcNow();
        var batch = Guid.NewGuid().ToString("N");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        CrashPoint.Reach("in-transaction");
        var records = new List<(MarketSide Side, IMarketProfile Record)>();
        foreach (var profile in inputs)
        {
            var record = MarketStore.NewRecord(profile.Side, who.Name, now, who.Name, isDemo: false);
            MarketStore.Apply(record, profile, names);
            record.State = publish ? PublicationState.Published : PublicationState.InReview;
            db.Add(record);
            records.Add((profile.Side, record));
        }
        await db.SaveChangesAsync(cancellationToken);
        CrashPoint.Reach("mid-write");
        foreach (var (side, record) in records)
            db.Audit.Add(MarketStore.Audit(now, who, MarketStore.Via.Import, side, record, publish ? "imported_published" : "imported", $"{fileName}: {record.Title}", batch));
        await db.SaveChangesAsync(cancellationToken);
        CrashPoint.Reach("before-commit");
        await transaction.CommitAsync(cancellationToken);
        return new(records.Count(r => r.Side == MarketSide.Demand), records.Count(r => r.Side == MarketSide.Achievement), batch, []);
    }

    private static void ReadSheet(IXLWorksheet sheet, MarketSide side, List<RawRow> rows, List<DataProblem> problems,
        Func<string?, int, string?, string?, string, string?, DataProblem> problem)
    {
        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var cell in sheet.Row(1).CellsUsed())
        {
            var key = cell.GetString().Trim();
            if (!Columns.Contains(key) || key == "side") problems.Add(problem(sheet.Name, 1, cell.Address.ColumnLetter, key, "unknown_column", null));
            else header[key] = cell.Address.ColumnNumber;
        }
        var last = sheet.LastRowUsed()?.RowNumber() ?? 0;
        for (var r = 2; r <= last; r++)
        {
            var cells = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
            foreach (var (key, c) in header)
            {
                var cell = sheet.Cell(r, c);
                var text = cell.DataType switch
                {
                    XLDataType.DateTime => DateOnly.FromDateTime(cell.GetDateTime()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    XLDataType.Number => ((decimal)cell.GetDouble()).ToString(CultureInfo.InvariantCulture),
                    _ => CellText.Restore(cell.GetString().Trim()),
                };
                cells[key] = (text, cell.Address.ColumnLetter);
            }
            if (cells.Values.All(v => v.Item1.Length == 0)) continue;
            rows.Add(new RawRow(sheet.Name, r, side, cells));
        }
    }

    private static void ReadCsv(Stream stream, List<RawRow> rows, List<DataProblem> problems, Func<string?, int, string?, string?, string, string?, DataProblem> problem)
    {
        using var text = CsvText.Open(stream);
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', Comment = '\0' });
        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < csv.FieldCount; i++)
        {
            var key = csv.GetName(i).Trim();
            if (!Columns.Contains(key)) problems.Add(problem(null, 1, key, key, "unknown_column", null));
            else header[key] = i;
        }
        if (!header.ContainsKey("side")) problems.Add(problem(null, 1, "side", null, "missing_column", "side"));
        if (problems.Count > 0) return;
        var row = 1;
        while (csv.Read())
        {
            row++;
            var cells = header.ToDictionary(h => h.Key, h => (h.Value < csv.RowFieldCount ? csv.GetString(h.Value).Trim() : "", h.Key), StringComparer.Ordinal);
            if (cells.Values.All(v => v.Item1.Length == 0)) continue;
            if (cells.Values.Any(v => v.Item1.Contains('\uFFFD'))) { problems.Add(problem(null, row, null, null, "not_utf8", null)); continue; }
            MarketSide? side = cells["side"].Item1 switch { "demand" or "技术需求" => MarketSide.Demand, "achievement" or "技术成果" => MarketSide.Achievement, _ => null };
            if (side is null) { problems.Add(problem(null, row, "side", cells["side"].Item1, "unknown_side", "demand, achievement")); continue; }
            rows.Add(new RawRow(null, row, side, cells));
        }
    }
}
