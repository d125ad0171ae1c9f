using System.Globalization;
using System.Text;
using Gaoxin.Core.Collection;
using Sylvan.Data.Csv;

namespace Gaoxin.Data.Collection;

/// <summary>
/// The CSV interchange format: UTF-8 (BOM optional) or GB18030 (<see cref="CsvText"/>), header <c>zone,year,element,value</c>, one value per row.
/// <c>zone</c> is a unit code or its Chinese name; <c>value</c> a plain decimal. An export of the figures in force adds a
/// <c>source</c> column (<c>reported</c>, <c>registry</c> or <c>enterprises</c>); on import only <c>reported</c> rows are
/// reported figures, so the others are refused, or skipped when the import is told to skip them.
/// </summary>
public static class InterchangeCsv
{
    /// <summary>The columns, in the order <see cref="Write"/> puts them.</summary>
    public static IReadOnlyList<string> Columns => Required;

    /// <summary>The optional column naming where a figure comes from; a file without it holds reported figures.</summary>
    public const string SourceColumn = "source";

    /// <summary>The source of a reported figure; any other source is a figure the platform derives.</summary>
    public const string ReportedSource = "reported";

    private static readonly string[] Required = ["zone", "year", "element", "value"];
    private static readonly string[] Names = [.. Required, SourceColumn];

    private const string NewLine = "\r\n"; // RFC 4180, and what spreadsheet programs write

    /// <summary>Reads an interchange CSV. The size limit is checked by <see cref="DataImport.Read"/>.</summary>
    public static ParsedImport Read(Stream stream, string fileName, ImportContext context)
    {
        var collector = new ImportCollector(fileName);
        // UTF-8 or GB18030 (CsvText); bytes invalid in it decode to U+FFFD, reported as not_utf8 at the first row holding one.
        using var text = CsvText.Open(stream);
        try
        {
            // Delimiter fixed (no guessing from the header) and comments off, so that a row starting with # is not skipped.
            using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = false, Delimiter = ',', Comment = '\0' });
            ReadRows(csv, collector, new ImportLookup(context), context.SkipDerived);
        }
        catch (CsvInvalidCharacterException e)
        {
            collector.Problem(null, e.RowNumber, null, "bad_quotes");
        }
        catch (CsvFormatException e)
        {
            collector.Problem(null, e.RowNumber, null, "unreadable_file");
        }
        return collector.Result();
    }

    /// <summary>Writes the header, then one row per value in the given order.</summary>
    public static void Write(TextWriter writer, IEnumerable<DataValue> values)
    {
        writer.Write(string.Join(',', Columns) + NewLine);
        foreach (var value in values)
            writer.Write(string.Join(',', Field(value.Unit), value.Year.ToString(CultureInfo.InvariantCulture),
                Field(value.Element), ImportRules.Format(value.Value)) + NewLine);
    }

    /// <summary>Writes the header with the <c>source</c> column, then one row per figure with where it comes from.</summary>
    public static void Write(TextWriter writer, IEnumerable<(DataValue Value, string Source)> figures)
    {
        writer.Write(string.Join(',', Names) + NewLine);
        foreach (var (value, source) in figures)
            writer.Write(string.Join(',', Field(value.Unit), value.Year.ToString(CultureInfo.InvariantCulture),
                Field(value.Element), ImportRules.Format(value.Value), Field(source)) + NewLine);
    }

    private static string Field(string text)
    {
        var safe = CellText.Neutralize(text);
        return safe.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + safe.Replace("\"", "\"\"") + "\"" : safe;
    }

    private static void ReadRows(CsvDataReader csv, ImportCollector collector, ImportLookup lookup, bool skipDerived)
    {
        string[] header;
        do
        {
            if (!csv.Read())
            {
                collector.Problem(null, 0, null, "empty_file");
                return;
            }
            header = Fields(csv);
        } while (header.All(string.IsNullOrWhiteSpace));
        var headerRow = csv.RowNumber; // 1 unless blank lines come first
        if (header.Any(IsUndecodable))
        {
            collector.Problem(null, headerRow, null, "not_utf8");
            return;
        }
        if (Header(headerRow, header, collector) is not { } ordinals) return;

        var sawData = false;
        while (csv.Read())
        {
            var fields = Fields(csv);
            // Blank lines, and the ",,," rows spreadsheet programs leave, carry nothing.
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            sawData = true;
            var row = csv.RowNumber;
            if (fields.Any(IsUndecodable))
            {
                // One problem for the whole file: every later row would fail the same way.
                collector.Problem(null, row, null, "not_utf8");
                return;
            }
            if (fields.Length != header.Length)
            {
                collector.Problem(null, row, null, "wrong_column_count",
                    value: fields.Length.ToString(CultureInfo.InvariantCulture), detail: header.Length.ToString(CultureInfo.InvariantCulture));
                continue;
            }
            ReadRow(row, fields, ordinals, collector, lookup, skipDerived);
        }
        if (!sawData) collector.Problem(null, 0, null, "empty_file");
    }

    private static string[] Fields(CsvDataReader csv) =>
        Enumerable.Range(0, csv.RowFieldCount).Select(csv.GetString).ToArray();

    private static bool IsUndecodable(string field) => field.Contains('\uFFFD');

    /// <summary>
    /// Checks the header and returns the ordinals of zone, year, element, value and source (−1 when absent), or null when rows cannot be read.
    /// A misspelled name is reported but still used, so that the rows' own problems show up in the same pass.
    /// </summary>
    private static int[]? Header(int row, string[] fields, ImportCollector collector)
    {
        if (fields.Length == 1 && (fields[0].Contains(';') || fields[0].Contains('\t')))
        {
            collector.Problem(null, row, null, "wrong_delimiter", value: fields[0].Trim(), detail: fields[0].Contains(';') ? ";" : "tab");
            return null;
        }

        var names = fields.Select(f => ImportRules.Clean(f)).ToArray();
        var exact = names.Select(n => Names.FirstOrDefault(c => c.Equals(n, StringComparison.OrdinalIgnoreCase))).ToArray();
        var close = names.Select(n => ImportRules.Closest(n, Names)).ToArray();
        if (exact.All(c => c is null) && close.All(c => c is null))
        {
            // Most likely the first row is already data: nothing can be read without knowing the columns.
            collector.Problem(null, row, null, "missing_header", value: string.Join(",", names));
            return null;
        }

        var ordinals = new int[Names.Length];
        Array.Fill(ordinals, -1);
        for (var i = 0; i < fields.Length; i++)
        {
            var name = exact[i] ?? close[i];
            if (name is null)
            {
                collector.Problem(null, row, names[i], "header_unknown_column", value: names[i]);
                continue;
            }
            var slot = Array.IndexOf(Names, name);
            if (ordinals[slot] >= 0)
            {
                collector.Problem(null, row, names[i], "header_duplicate", value: names[i], detail: name);
                continue;
            }
            if (exact[i] is null) collector.Problem(null, row, names[i], "header_misspelled", value: names[i], detail: name);
            ordinals[slot] = i;
        }

        var complete = true;
        for (var slot = 0; slot < Columns.Count; slot++)
        {
            if (ordinals[slot] >= 0) continue;
            collector.Problem(null, row, null, "header_missing_column", detail: Columns[slot]);
            complete = false;
        }
        return complete ? ordinals : null;
    }

    private static void ReadRow(int row, string[] fields, int[] ordinals, ImportCollector collector, ImportLookup lookup, bool skipDerived)
    {
        var (zoneText, yearText, elementText, valueText) =
            (CellText.Restore(fields[ordinals[0]].Trim()), fields[ordinals[1]].Trim(), CellText.Restore(fields[ordinals[2]].Trim()), fields[ordinals[3]]);
        var source = ordinals[4] >= 0 ? ImportRules.Clean(fields[ordinals[4]]).ToLowerInvariant() : ReportedSource;
        if (source is not (ReportedSource or "registry" or "enterprises" or "contracts"))
        {
            collector.Problem(null, row, SourceColumn, "unknown_source", value: source);
            return;
        }
        if (source != ReportedSource)
        {
            // A registry count, a contract sum or an enterprise aggregate read back as a report would stop following its source: refused unless skipped.
            if (!skipDerived) collector.Problem(null, row, SourceColumn, "derived_figure", value: source, element: elementText);
            return;
        }

        var unit = lookup.Unit(zoneText);
        if (unit is null) collector.Problem(null, row, "zone", "unknown_zone", value: zoneText);

        var year = ImportRules.Year(yearText);
        if (year is null) collector.Problem(null, row, "year", "bad_year", unit?.Code, value: yearText);

        var element = lookup.Element(elementText);
        if (element is null)
            collector.Problem(null, row, "element", "unknown_element", unit?.Code, value: elementText, detail: lookup.SimilarElement(elementText));

        var fits = true;
        if (unit is not null && element is not null && element.ProvinceLevel != unit.IsProvince)
        {
            fits = false;
            collector.Problem(null, row, "element", "element_not_for_unit", unit.Code, element.Code, elementText,
                element.ProvinceLevel ? "province_only" : "zones_only");
        }

        var number = collector.Number(null, row, "value", unit?.Code, element, valueText);
        if (unit is not null && year is not null && element is not null)
            collector.Figure(null, row, "value", unit, year.Value, element, fits ? number : null, valueText.Trim());
    }
}
