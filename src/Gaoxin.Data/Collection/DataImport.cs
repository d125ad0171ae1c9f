using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Gaoxin.Core.Collection;

namespace Gaoxin.Data.Collection;

/// <summary>Who may report and what: the units and the data set's elements an import is checked against.</summary>
/// <param name="SkipDerived">
/// Skip the figures a file marks as derived (source <c>registry</c>, <c>enterprises</c> or <c>contracts</c>, as an export of the figures in force
/// writes them) instead of refusing the file; they are never imported as reported figures.
/// </param>
public sealed record ImportContext(IReadOnlyList<ReportingUnit> Units, IReadOnlyList<DataElement> Elements, bool SkipDerived = false);

/// <summary>A value read from a file, with where it came from (sheet, 1-based row, column name or letter).</summary>
public sealed record ParsedValue(DataValue Value, string? Sheet, int Row, string? Column);

/// <summary>What a file held: the values that passed every check, and every problem found.</summary>
public sealed record ParsedImport(IReadOnlyList<ParsedValue> Values, IReadOnlyList<DataProblem> Problems)
{
    /// <summary>True when any problem is an error; the caller then imports nothing.</summary>
    public bool HasErrors => Problems.Any(p => p.Severity == Severity.Error);
}

/// <summary>Reads an uploaded interchange file, CSV or Excel.</summary>
public static class DataImport
{
    /// <summary>Files above this size are refused before parsing.</summary>
    public const long MaxBytes = 20L * 1024 * 1024;

    /// <summary>
    /// Reads CSV or .xlsx, decided by content (a ZIP signature means xlsx, anything else CSV), because browsers and
    /// users get file extensions wrong. <paramref name="fileName"/> only names the file in problems.
    /// </summary>
    public static ParsedImport Read(Stream stream, string fileName, ImportContext context)
    {
        if (stream.CanSeek)
            return stream.Length - stream.Position > MaxBytes ? TooLarge(fileName) : ReadSeekable(stream, fileName, context);

        // Both formats need to look at the start first and xlsx needs seeking anyway; the limit keeps the copy small.
        using var copy = new MemoryStream();
        if (!CopyAtMost(stream, copy, MaxBytes)) return TooLarge(fileName);
        copy.Position = 0;
        return ReadSeekable(copy, fileName, context);
    }

    private static ParsedImport ReadSeekable(Stream stream, string fileName, ImportContext context)
    {
        var start = stream.Position;
        var head = new byte[4];
        var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;

        if (length == 0) return Refused(fileName, "empty_file");
        if (length == 4 && head is [(byte)'P', (byte)'K', 3, 4]) return ExcelWorkbook.Read(stream, fileName, context);
        // The old binary .xls format (an OLE compound file) is not read; the message asks for .xlsx or CSV.
        if (length == 4 && head is [0xD0, 0xCF, 0x11, 0xE0]) return Refused(fileName, "unreadable_file", "xls");
        return InterchangeCsv.Read(stream, fileName, context);
    }

    private static bool CopyAtMost(Stream source, Stream target, long limit)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            total += read;
            if (total > limit) return false;
            target.Write(buffer, 0, read);
        }
        return true;
    }

    /// <summary>
    /// Copies an upload into <paramref name="target"/> while it stays within <paramref name="limit"/> bytes; false (and the
    /// rest unread) as soon as it goes over, so a body of any size costs at most the limit.
    /// </summary>
    public static async Task<bool> CopyAtMostAsync(Stream source, Stream target, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit) return false;
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return true;
    }

    private static ParsedImport TooLarge(string fileName) =>
        Refused(fileName, "file_too_large", MaxBytes.ToString(CultureInfo.InvariantCulture));

    internal static ParsedImport Refused(string fileName, string code, string? detail = null) =>
        new([], [new DataProblem(fileName, null, 0, null, null, null, null, code, Severity.Error, detail)]);
}

/// <summary>The reading rules both formats share: how typed text becomes a unit, element, year or number.</summary>
internal static class ImportRules
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    // Plain decimal notation only: no exponent (1e3 is refused, people do not type it on purpose), no grouping.
    private static readonly Regex PlainNumber = new(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$", RegexOptions.CultureInvariant);
    private static readonly Regex WholeNumber = new(@"^[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly string[] NonFinite = ["nan", "inf", "infinity", "∞"];

    /// <summary>
    /// NFKC turns full-width digits, letters, point, comma and minus (１２．５, －３) into ASCII, so text typed with a
    /// Chinese input method reads the same; then surrounding whitespace (including the ideographic space) goes.
    /// </summary>
    public static string Clean(string text) => text.Normalize(NormalizationForm.FormKC).Replace('\u2212', '-').Trim();

    /// <summary>The year, or null when it is not a whole number in 2000..2100.</summary>
    public static int? Year(string text)
    {
        var clean = Clean(text);
        return WholeNumber.IsMatch(clean) && int.TryParse(clean, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year is >= FirstYear and <= LastYear ? year : null;
    }

    /// <summary>Reads a typed number; returns the problem code, or null with <paramref name="value"/> set.</summary>
    public static string? ParseNumber(string text, out decimal value)
    {
        value = 0;
        var clean = Clean(text);
        if (clean.Length == 0) return "missing_value";
        if (NonFinite.Contains(clean.TrimStart('+', '-'), StringComparer.OrdinalIgnoreCase)) return "not_finite";
        if (PlainNumber.IsMatch(clean))
            return decimal.TryParse(clean, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
                ? null
                : "not_a_number"; // more digits than a decimal holds
        // 1,234.5 and 1 234 are refused rather than guessed: 1,234 may also be a decimal comma (1.234).
        var ungrouped = clean.Replace(",", "").Replace(" ", "");
        return ungrouped != clean && PlainNumber.IsMatch(ungrouped) ? "thousands_separator" : "not_a_number";
    }

    /// <summary>Invariant, without trailing zeros or exponent: 1234.5, 0.25, 12.</summary>
    public static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>Edit distance counting a swap of neighbours as one edit, to tell a misspelled name from an unknown one.</summary>
    public static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), Math.Min(d[i - 1, j], d[i, j - 1]) + 1);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }

    /// <summary>The closest of <paramref name="names"/> when it is near enough to be a typo, else null.</summary>
    public static string? Closest(string text, IEnumerable<string> names)
    {
        var best = names.Select(n => (Name: n, Distance: Distance(text, n))).MinBy(x => x.Distance);
        // Two edits for longer names, one for short ones: "valeu" → value, but "tax" is not a typo of "gdp".
        return best.Name is not null && best.Distance <= (best.Name.Length > 4 ? 2 : 1) ? best.Name : null;
    }
}

/// <summary>Finds units (by code or Chinese name) and elements (by code), ignoring case and full-width forms.</summary>
internal sealed class ImportLookup
{
    private readonly Dictionary<string, ReportingUnit> units = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DataElement> elements = new(StringComparer.OrdinalIgnoreCase);

    public ImportLookup(ImportContext context)
    {
        foreach (var unit in context.Units) units.TryAdd(unit.Code, unit);
        foreach (var unit in context.Units) units.TryAdd(unit.Name, unit);
        foreach (var element in context.Elements) elements.TryAdd(element.Code, element);
    }

    public ReportingUnit? Unit(string text) => units.GetValueOrDefault(ImportRules.Clean(text));

    public DataElement? Element(string text) => elements.GetValueOrDefault(ImportRules.Clean(text));

    /// <summary>An element code the text is probably a typo of, for the message.</summary>
    public string? SimilarElement(string text) => ImportRules.Closest(ImportRules.Clean(text), elements.Keys);
}

/// <summary>
/// Gathers the values and problems of one file. A unit, year and element given twice keeps neither value:
/// which one is meant cannot be known.
/// </summary>
internal sealed class ImportCollector(string file)
{
    private readonly List<ParsedValue> values = [];
    private readonly List<DataProblem> problems = [];
    private readonly Dictionary<(string Unit, int Year, string Element), int> firstRows = [];
    private readonly HashSet<(string Unit, int Year, string Element)> repeated = [];

    public void Problem(string? sheet, int row, string? column, string code,
        string? unit = null, string? element = null, string? value = null, string? detail = null) =>
        problems.Add(new DataProblem(file, sheet, row, column, unit, element, value, code, Severity.Error, detail));

    /// <summary>Reads typed text as the element's number; null (with problems) when it is not usable.</summary>
    public decimal? Number(string? sheet, int row, string? column, string? unit, DataElement? element, string text)
    {
        var code = ImportRules.ParseNumber(text, out var number);
        if (code is null) return element is null ? number : Checked(sheet, row, column, unit, element, number, text.Trim());
        Problem(sheet, row, column, code, unit, element?.Code, text.Trim());
        return null;
    }

    /// <summary>Applies the element's type and bounds; null (with problems) when the number breaks any of them.</summary>
    public decimal? Checked(string? sheet, int row, string? column, string? unit, DataElement element, decimal number, string shown)
    {
        var ok = true;
        if (element.Type == ElementType.Integer && number != decimal.Truncate(number))
            ok = Fail("not_integer", null);
        if (element.Min is { } min && number < min)
            ok = Fail("below_min", ImportRules.Format(min));
        if (element.Max is { } max && number > max)
            ok = Fail("above_max", ImportRules.Format(max));
        return ok ? number : null;

        bool Fail(string code, string? detail)
        {
            Problem(sheet, row, column, code, unit, element.Code, shown, detail);
            return false;
        }
    }

    /// <summary>
    /// Records the figure for a known unit, year and element; <paramref name="number"/> is null when the figure had a
    /// problem, which still counts for spotting repeats.
    /// </summary>
    public void Figure(string? sheet, int row, string? column, ReportingUnit unit, int year, DataElement element, decimal? number, string shown)
    {
        var key = (unit.Code, year, element.Code);
        if (firstRows.TryGetValue(key, out var firstRow))
        {
            Problem(sheet, row, column, "duplicate_row", unit.Code, element.Code, shown, firstRow.ToString(CultureInfo.InvariantCulture));
            repeated.Add(key);
            return;
        }
        firstRows[key] = row;
        if (number is { } value) values.Add(new ParsedValue(new DataValue(unit.Code, year, element.Code, value), sheet, row, column));
    }

    public ParsedImport Result() => new(
        values.Where(v => !repeated.Contains((v.Value.Unit, v.Value.Year, v.Value.Element))).ToList(),
        problems);
}
