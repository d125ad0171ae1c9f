using ClosedXML.Excel;
using Gaoxin.Core.Collection;
using Gaoxin.Data.Collection;

namespace Gaoxin.Tests.Collection;

/// <summary>The Excel template: how it is laid out, that it reads back unchanged, and what a hand-edited one is refused for.</summary>
public class ExcelWorkbookTests
{
    private static readonly ImportContext Context = InterchangeCsvTests.Context;

    // Columns in the template: A code, B name, then the context's elements from C on.
    private const string Gdp = "C", Employees = "D", HteCount = "E", ProvGdp = "G";

    private static readonly DataValue[] Values =
    [
        new("shenyang", 2019, "gdp", 1234.5678m),
        new("shenyang", 2019, "employees", 35120),
        new("shenyang", 2019, "rd_share", 0.1m),
        new("dalian", 2019, "gdp", 0.25m),
        new("liaoning", 2019, "prov_gdp", 25315.4m),
        new("suizhong", 2020, "hte_count", 12),
    ];

    private static byte[] Template(IReadOnlySet<string>? units = null, IEnumerable<DataValue>? values = null)
    {
        var output = new MemoryStream();
        ExcelWorkbook.WriteTemplate(output, [2019, 2020], Context, values ?? Values, units);
        return output.ToArray();
    }

    /// <summary>The template changed by hand, as a user would in Excel.</summary>
    private static byte[] Edited(Action<XLWorkbook> edit)
    {
        using var workbook = new XLWorkbook(new MemoryStream(Template()));
        edit(workbook);
        var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    private static ParsedImport Read(byte[] bytes) => DataImport.Read(new MemoryStream(bytes), "data.xlsx", Context);

    /// <summary>The file has exactly one problem, at this sheet, row and column; HasErrors is set.</summary>
    private static DataProblem Single(ParsedImport parsed, string code, string? sheet, int row, string? column)
    {
        var problem = Assert.Single(parsed.Problems);
        Assert.Equal((code, sheet, row, column), (problem.Code, problem.Sheet, problem.Row, problem.Column));
        Assert.Equal("data.xlsx", problem.File);
        Assert.True(parsed.HasErrors);
        return problem;
    }

    private static IEnumerable<DataValue> Sorted(IEnumerable<DataValue> values) =>
        values.OrderBy(v => v.Year).ThenBy(v => v.Unit, StringComparer.Ordinal).ThenBy(v => v.Element, StringComparer.Ordinal);

    [Fact]
    public void A_written_template_reads_back_unchanged()
    {
        var parsed = Read(Template());

        Assert.Empty(parsed.Problems);
        Assert.Equal(Sorted(Values), Sorted(parsed.Values.Select(v => v.Value)));
        var gdp = parsed.Values.Single(v => v.Value is { Unit: "shenyang", Element: "gdp" });
        Assert.Equal(("2019", 6, Gdp), (gdp.Sheet, gdp.Row, gdp.Column));
    }

    [Fact]
    public void The_template_has_codes_names_units_hints_and_one_sheet_per_year()
    {
        using var workbook = new XLWorkbook(new MemoryStream(Template()));

        Assert.Equal(["2019", "2020"], workbook.Worksheets.Select(s => s.Name));
        var sheet = workbook.Worksheet("2019");
        Assert.Equal(["gdp", "地区生产总值", "亿元", "数值, ≥ 0"], Enumerable.Range(1, 4).Select(r => sheet.Cell(r, 3).GetString()));
        Assert.Equal("整数, ≥ 0", sheet.Cell(4, 4).GetString());
        Assert.Equal("数值, ≥ 0, ≤ 100", sheet.Cell(4, 6).GetString());
        Assert.Equal(["liaoning", "shenyang", "dalian", "suizhong"], Enumerable.Range(5, 4).Select(r => sheet.Cell(r, 1).GetString()));
        Assert.Equal("沈阳高新区", sheet.Cell(6, 2).GetString());
        Assert.Equal(XLDataType.Number, sheet.Cell($"{Gdp}6").DataType);
        Assert.Equal(1234.5678, sheet.Cell($"{Gdp}6").GetDouble());
        Assert.True(sheet.Cell($"{Gdp}8").IsEmpty());
        Assert.Equal((4, 2), (sheet.SheetView.SplitRow, sheet.SheetView.SplitColumn));
    }

    [Fact]
    public void Data_cells_carry_data_validation_with_an_input_message()
    {
        using var workbook = new XLWorkbook(new MemoryStream(Template()));
        var sheet = workbook.Worksheet("2019");

        var gdp = sheet.Cell($"{Gdp}6");
        Assert.True(gdp.HasDataValidation);
        Assert.Equal((XLAllowedValues.Decimal, XLOperator.EqualOrGreaterThan, "0"),
            (gdp.DataValidation.AllowedValues, gdp.DataValidation.Operator, gdp.DataValidation.MinValue));
        Assert.Contains("数值, ≥ 0", gdp.DataValidation.InputMessage);

        var employees = sheet.Cell($"{Employees}8");
        Assert.True(employees.HasDataValidation);
        Assert.Equal(XLAllowedValues.WholeNumber, employees.DataValidation.AllowedValues);
    }

    [Fact]
    public void Cells_a_unit_does_not_report_are_grey_and_empty()
    {
        using var workbook = new XLWorkbook(new MemoryStream(Template()));
        var sheet = workbook.Worksheet("2019");
        var grey = XLColor.FromHtml("#D9D9D9");

        Assert.Equal(grey, sheet.Cell($"{ProvGdp}6").Style.Fill.BackgroundColor); // shenyang, a province element
        Assert.Equal(grey, sheet.Cell($"{Gdp}5").Style.Fill.BackgroundColor);     // liaoning, a zone element
        Assert.True(sheet.Cell($"{ProvGdp}6").IsEmpty());
        Assert.NotEqual(grey, sheet.Cell($"{Gdp}6").Style.Fill.BackgroundColor);
        Assert.NotEqual(grey, sheet.Cell($"{ProvGdp}5").Style.Fill.BackgroundColor);
        Assert.Equal(25315.4, sheet.Cell($"{ProvGdp}5").GetDouble());
    }

    [Fact]
    public void A_zone_template_holds_only_that_zone()
    {
        var bytes = Template(new HashSet<string> { "dalian" });

        using (var workbook = new XLWorkbook(new MemoryStream(bytes)))
        {
            var sheet = workbook.Worksheet("2019");
            Assert.Equal("dalian", sheet.Cell("A5").GetString());
            Assert.Equal(5, sheet.LastRowUsed().RowNumber());
        }
        Assert.Equal([new DataValue("dalian", 2019, "gdp", 0.25m)], Read(bytes).Values.Select(v => v.Value));
    }

    [Fact]
    public void Text_in_the_template_is_neutralised()
    {
        var context = Context with { Units = [new ReportingUnit("shenyang", "=HYPERLINK(\"http://x\")", false)] };
        var output = new MemoryStream();
        ExcelWorkbook.WriteTemplate(output, [2019], context, []);

        using var workbook = new XLWorkbook(new MemoryStream(output.ToArray()));
        var name = workbook.Worksheet("2019").Cell("B5");
        Assert.False(name.HasFormula);
        Assert.Equal("'=HYPERLINK(\"http://x\")", name.GetString());
    }

    [Fact]
    public void An_empty_template_is_an_empty_file() => Single(Read(Template(values: [])), "empty_file", null, 0, null);

    [Fact]
    public void A_formula_is_refused_at_its_cell()
    {
        var parsed = Read(Edited(w => w.Worksheet("2019").Cell($"{Employees}7").FormulaA1 = "100+20"));

        var problem = Single(parsed, "formula_not_allowed", "2019", 7, Employees);
        Assert.Equal(("dalian", "employees", "=100+20"), (problem.Unit, problem.Element, problem.Value));
    }

    [Fact]
    public void Merged_cells_are_refused()
    {
        var problem = Single(Read(Edited(w => w.Worksheet("2020").Range("C7:D7").Merge())), "merged_cells", "2020", 7, "C");

        Assert.Equal("C7:D7", problem.Value);
    }

    [Fact]
    public void A_sheet_that_is_not_a_year_is_refused()
    {
        var parsed = Read(Edited(w => w.Worksheets.Add("说明").Cell("A1").SetValue("填表说明")));

        Assert.Equal("说明", Single(parsed, "extra_sheet", "说明", 0, null).Value);
    }

    [Fact]
    public void An_unknown_element_code_in_row_1_is_refused_with_its_column()
    {
        var problem = Single(Read(Edited(w => w.Worksheet("2019").Cell($"{Employees}1").SetValue("employes"))), "unknown_element", "2019", 1, Employees);

        Assert.Equal(("employes", "employees"), (problem.Value, problem.Detail));
    }

    [Fact]
    public void An_unknown_unit_in_column_A_is_refused()
    {
        var problem = Single(Read(Edited(w => w.Worksheet("2019").Cell("A6").SetValue("北京高新区"))), "unknown_zone", "2019", 6, "A");

        Assert.Equal("北京高新区", problem.Value);
    }

    [Fact]
    public void A_Chinese_unit_name_in_column_A_is_accepted()
    {
        var parsed = Read(Edited(w => w.Worksheet("2019").Cell("A6").SetValue("沈阳高新区")));

        Assert.Empty(parsed.Problems);
        Assert.Contains(parsed.Values, v => v.Value == new DataValue("shenyang", 2019, "gdp", 1234.5678m));
    }

    [Fact]
    public void Text_in_a_data_cell_is_not_a_number()
    {
        var problem = Single(Read(Edited(w => w.Worksheet("2019").Cell($"{Gdp}7").SetValue("约 5 亿"))), "not_a_number", "2019", 7, Gdp);

        Assert.Equal(("dalian", "gdp", "约 5 亿"), (problem.Unit, problem.Element, problem.Value));
    }

    [Fact]
    public void Text_cells_follow_the_csv_rules_for_full_width_digits_and_separators()
    {
        var parsed = Read(Edited(w =>
        {
            w.Worksheet("2019").Cell($"{Gdp}7").SetValue("１２．５");
            w.Worksheet("2019").Cell($"{Gdp}8").SetValue("1,234");
        }));

        Assert.Contains(parsed.Values, v => v.Value == new DataValue("dalian", 2019, "gdp", 12.5m));
        Single(parsed, "thousands_separator", "2019", 8, Gdp);
    }

    [Fact]
    public void A_value_in_a_grey_cell_is_refused()
    {
        var problem = Single(Read(Edited(w => w.Worksheet("2019").Cell($"{ProvGdp}6").Value = 5)), "element_not_for_unit", "2019", 6, ProvGdp);

        Assert.Equal(("shenyang", "prov_gdp"), (problem.Unit, problem.Element));
    }

    [Fact]
    public void Bounds_and_whole_numbers_apply_to_numeric_cells()
    {
        var parsed = Read(Edited(w =>
        {
            w.Worksheet("2019").Cell($"{HteCount}6").Value = -2;
            w.Worksheet("2019").Cell($"{Employees}7").Value = 10.5;
        }));

        Assert.Equal([("below_min", 6, HteCount), ("not_integer", 7, Employees)], parsed.Problems.Select(p => (p.Code, p.Row, p.Column)));
    }

    [Fact]
    public void A_unit_given_twice_on_a_sheet_keeps_neither_value()
    {
        var parsed = Read(Edited(w =>
        {
            var sheet = w.Worksheet("2019");
            sheet.Cell("A9").SetValue("shenyang");
            sheet.Cell($"{Gdp}9").Value = 1000;
        }));

        Assert.Equal("6", Single(parsed, "duplicate_row", "2019", 9, Gdp).Detail);
        Assert.DoesNotContain(parsed.Values, v => v.Value is { Unit: "shenyang", Element: "gdp" });
        Assert.Contains(parsed.Values, v => v.Value is { Unit: "shenyang", Element: "employees" });
    }

    [Fact]
    public void A_sheet_without_the_code_row_is_refused()
    {
        var parsed = Read(Edited(w =>
        {
            var sheet = w.Worksheet("2020");
            sheet.Row(1).Delete();
        }));

        Assert.Contains(parsed.Problems, p => (p.Code, p.Sheet, p.Row) == ("missing_header", "2020", 1));
    }

    [Fact]
    public void A_damaged_workbook_is_unreadable()
    {
        var bytes = Template();
        var damaged = bytes.Take(bytes.Length / 2).ToArray();

        Single(Read(damaged), "unreadable_file", null, 0, null);
    }

    /// <summary>The template with its first sheet's XML rewritten (given the original text), or entries added.</summary>
    private static byte[] Repacked(Func<string, string>? sheet = null, Action<System.IO.Compression.ZipArchive>? add = null)
    {
        var output = new MemoryStream();
        output.Write(Template());
        using (var zip = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            if (sheet is not null)
            {
                var entry = zip.GetEntry(SheetEntry)!;
                string text;
                using (var reader = new StreamReader(entry.Open())) text = reader.ReadToEnd();
                entry.Delete();
                using var writer = new StreamWriter(zip.CreateEntry(SheetEntry).Open());
                writer.Write(sheet(text));
            }
            add?.Invoke(zip);
        }
        return output.ToArray();
    }

    private const string SheetEntry = "xl/worksheets/sheet1.xml";

    [Fact]
    public void A_workbook_that_unpacks_to_more_than_the_limit_is_refused_at_that_part_before_it_is_loaded()
    {
        var bomb = Repacked(add: zip =>
        {
            using var stream = zip.CreateEntry("xl/media/padding.bin", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (int i = 0; i < 120; i++) stream.Write(zeros);
        });

        var problem = Single(Read(bomb), "file_too_large", "xl/media/padding.bin", 0, null);
        Assert.Equal(XlsxGuard.MaxUnpackedBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Detail);
        Assert.True(bomb.Length < 1024 * 1024);
    }

    [Fact]
    public void A_workbook_of_too_many_parts_is_refused()
    {
        var crowded = Repacked(add: zip =>
        {
            for (int i = 0; i <= XlsxGuard.MaxEntries; i++) zip.CreateEntry($"customXml/item{i}.bin");
        });

        Single(Read(crowded), "too_many_entries", null, 0, null);
    }

    [Fact]
    public void A_document_type_declaration_is_refused_where_it_stands_and_its_entity_is_never_resolved()
    {
        var secret = Path.Combine(Path.GetTempPath(), $"gaoxin-secret-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secret, "TOP-SECRET-VALUE");
        var xxe = Repacked(sheet: xml =>
        {
            var root = xml.IndexOf("?>", StringComparison.Ordinal) + 2;
            return xml[..root] + $"\n<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file://{secret}\">]>\n" + xml[root..];
        });

        var parsed = Read(xxe);
        File.Delete(secret);

        Single(parsed, "xml_dtd_not_allowed", SheetEntry, 2, null);
        Assert.DoesNotContain(parsed.Problems, p => (p.Detail ?? "").Contains("TOP-SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_sheet_xml_is_refused_at_its_part_and_line()
    {
        var problem = Assert.Single(Read(Repacked(sheet: xml => xml[..(xml.Length / 2)])).Problems);

        Assert.Equal(("malformed_xml", SheetEntry), (problem.Code, problem.Sheet));
        Assert.True(problem.Row > 0);
    }
}
