using System.Text;
using Gaoxin.Core.Collection;
using Gaoxin.Data.Collection;
using Gaoxin.Features.Collection;

namespace Gaoxin.Tests.Collection;

/// <summary>The CSV interchange format: what is read, what is refused (each with its code and place), and what is written.</summary>
public class InterchangeCsvTests
{
    /// <summary>
    /// Units and a part of the default data set (datasets/liaoning-default.yaml), plus <c>rd_share</c>, a test-only
    /// element with an upper bound because the default set has none.
    /// </summary>
    internal static readonly ImportContext Context = new(
        [
            new ReportingUnit("liaoning", "辽宁省", IsProvince: true),
            new ReportingUnit("shenyang", "沈阳高新区", IsProvince: false),
            new ReportingUnit("dalian", "大连高新区", IsProvince: false),
            new ReportingUnit("suizhong", "绥中高新区", IsProvince: false),
        ],
        [
            new DataElement("gdp", "地区生产总值", "GDP", "亿元", ElementType.Number, 0, null, ProvinceLevel: false),
            new DataElement("employees", "从业人员期末人数", "Employees at year end", "人", ElementType.Integer, 0, null, ProvinceLevel: false),
            new DataElement("hte_count", "高新技术企业数", "High-tech enterprises", "家", ElementType.Integer, 0, null, ProvinceLevel: false),
            new DataElement("rd_share", "研发投入占比", "R&D share", "%", ElementType.Number, 0, 100, ProvinceLevel: false),
            new DataElement("prov_gdp", "全省地区生产总值", "Provincial GDP", "亿元", ElementType.Number, 0, null, ProvinceLevel: true),
            new DataElement("prov_hte_count", "全省高新技术企业数", "High-tech enterprises in the province", "家", ElementType.Integer, 0, null, ProvinceLevel: true),
        ]);

    private const string Header = "zone,year,element,value\n";

    private static ParsedImport Read(string csv) => Read(Encoding.UTF8.GetBytes(csv));

    private static ParsedImport Read(byte[] bytes) => DataImport.Read(new MemoryStream(bytes), "data.csv", Context);

    /// <summary>The file has exactly one problem, with this code, row and column; HasErrors is set.</summary>
    private static DataProblem Single(ParsedImport parsed, string code, int row, string? column)
    {
        var problem = Assert.Single(parsed.Problems);
        Assert.Equal((code, row, column), (problem.Code, problem.Row, problem.Column));
        Assert.Equal("data.csv", problem.File);
        Assert.True(parsed.HasErrors);
        return problem;
    }

    private static DataValue Value(string unit, string element, decimal value, int year = 2019) => new(unit, year, element, value);

    [Fact]
    public void Written_values_read_back_exactly()
    {
        DataValue[] values =
        [
            Value("shenyang", "gdp", 1234.5678m),
            Value("shenyang", "rd_share", 0.1m),
            Value("dalian", "gdp", 0.25m),
            Value("dalian", "employees", 12),
            Value("suizhong", "gdp", 98765432109876.54321m, 2020),
            Value("liaoning", "prov_gdp", 25315.4m),
        ];
        var writer = new StringWriter();
        InterchangeCsv.Write(writer, values);

        var parsed = Read(writer.ToString());

        Assert.Empty(parsed.Problems);
        Assert.Equal(values, parsed.Values.Select(v => v.Value));
        Assert.Equal((2, "value"), (parsed.Values[0].Row, parsed.Values[0].Column));
    }

    [Fact]
    public void Write_puts_plain_invariant_numbers_without_trailing_zeros()
    {
        var writer = new StringWriter();
        InterchangeCsv.Write(writer,
            [Value("shenyang", "gdp", 1234.50m), Value("shenyang", "rd_share", 0.250m), Value("dalian", "employees", 12.000m), Value("dalian", "gdp", 0.0000001m)]);

        Assert.Equal(
            "zone,year,element,value\r\nshenyang,2019,gdp,1234.5\r\nshenyang,2019,rd_share,0.25\r\ndalian,2019,employees,12\r\ndalian,2019,gdp,0.0000001\r\n",
            writer.ToString());
    }

    [Fact]
    public void Write_neutralises_text_that_a_spreadsheet_would_run()
    {
        var writer = new StringWriter();
        InterchangeCsv.Write(writer, [new DataValue("=HYPERLINK(\"x\")", 2019, "@sum", -5)]);

        Assert.EndsWith("\"'=HYPERLINK(\"\"x\"\")\",2019,'@sum,-5\r\n", writer.ToString());
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("-cmd", "'-cmd")]
    [InlineData("@x", "'@x")]
    [InlineData("+x", "'+x")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("沈阳高新区", "沈阳高新区")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void Neutralize_prefixes_formula_starts_only(string text, string expected) =>
        Assert.Equal(expected, CellText.Neutralize(text));

    [Fact]
    public void A_Chinese_zone_name_is_read_as_its_code()
    {
        var parsed = Read(Header + "沈阳高新区,2019,gdp,1200\n辽宁省,2019,prov_gdp,25000\n");

        Assert.Empty(parsed.Problems);
        Assert.Equal([Value("shenyang", "gdp", 1200), Value("liaoning", "prov_gdp", 25000)], parsed.Values.Select(v => v.Value));
    }

    [Fact]
    public void A_byte_order_mark_is_accepted()
    {
        var parsed = Read([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Header + "dalian,2019,gdp,5\n")]);

        Assert.Empty(parsed.Problems);
        Assert.Equal(Value("dalian", "gdp", 5), Assert.Single(parsed.Values).Value);
    }

    [Fact]
    public void Full_width_digits_point_and_minus_are_read_as_ascii()
    {
        var parsed = Read(Header + "dalian,２０１９,employees,１２３\ndalian,2019,gdp,１２．５\nｓｈｅｎｙａｎｇ,2019,gdp,　7　\n");

        Assert.Empty(parsed.Problems);
        Assert.Equal([Value("dalian", "employees", 123), Value("dalian", "gdp", 12.5m), Value("shenyang", "gdp", 7)],
            parsed.Values.Select(v => v.Value));

        // The full-width minus is read too, and then the bound applies.
        Assert.Equal("below_min", Assert.Single(Read(Header + "dalian,2019,gdp,－１\n").Problems).Code);
    }

    [Fact]
    public void Whitespace_around_fields_and_blank_lines_are_ignored()
    {
        var parsed = Read("\r\n Zone , YEAR ,element, value \r\n shenyang , 2019 , gdp , 1.5 \r\n\r\n,,,\r\ndalian,2019,gdp,2\r\n\r\n\r\n");

        Assert.Empty(parsed.Problems);
        Assert.Equal([Value("shenyang", "gdp", 1.5m), Value("dalian", "gdp", 2)], parsed.Values.Select(v => v.Value));
        Assert.Equal(6, parsed.Values[1].Row);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("\r\n\r\n")]
    [InlineData("zone,year,element,value\n")]
    [InlineData("zone,year,element,value\n\n\n")]
    public void An_empty_file_is_refused(string csv) => Single(Read(csv), "empty_file", 0, null);

    [Fact]
    public void A_file_over_the_limit_is_refused_before_reading()
    {
        var big = new MemoryStream();
        big.SetLength(DataImport.MaxBytes + 1);

        var problem = Assert.Single(DataImport.Read(big, "big.csv", Context).Problems);

        Assert.Equal(("file_too_large", 0, DataImport.MaxBytes.ToString()), (problem.Code, problem.Row, problem.Detail));
    }

    [Fact]
    public void A_stream_without_length_is_counted_and_stopped_at_the_limit()
    {
        var endless = new EndlessStream();

        var problem = Assert.Single(DataImport.Read(endless, "big.csv", Context).Problems);

        Assert.Equal("file_too_large", problem.Code);
        Assert.True(endless.Served <= DataImport.MaxBytes + 81920);
    }

    [Fact]
    public void A_GB18030_file_as_Excel_in_Chinese_saves_it_reads_like_its_UTF8_twin()
    {
        // Units named in Chinese: 沈阳高新区 is shenyang, 绥中高新区 suizhong (the context above).
        const string Csv = Header + "dalian,2019,gdp,1\r\n沈阳高新区,2019,gdp,2\r\n绥中高新区,2019,gdp,3\r\n";

        var parsed = Read(CsvText.Gb18030.GetBytes(Csv));

        Assert.Empty(parsed.Problems);
        Assert.Equal([Value("dalian", "gdp", 1), Value("shenyang", "gdp", 2), Value("suizhong", "gdp", 3)], parsed.Values.Select(v => v.Value));
    }

    [Fact]
    public void A_file_whose_start_is_UTF8_and_a_later_row_is_not_is_refused_as_not_utf8_at_that_row()
    {
        // The encoding is decided by the first 64 KB: here all plain ASCII (the header and blank lines), so UTF-8; the
        // GB18030 row after them cannot be read as UTF-8. Row 1 is the header, rows 2..70001 blank, row 70002 the bad one.
        var start = Encoding.ASCII.GetBytes(Header + new string('\n', 70_000));
        var bytes = start.Concat(CsvText.Gb18030.GetBytes("沈阳高新区,2019,gdp,2\n")).ToArray();

        Single(Read(bytes), "not_utf8", 70_002, null);
    }

    [Theory]
    [InlineData("zone;year;element;value\nshenyang;2019;gdp;1\n", ";")]
    [InlineData("zone\tyear\telement\tvalue\nshenyang\t2019\tgdp\t1\n", "tab")]
    public void A_semicolon_or_tab_delimiter_is_refused(string csv, string delimiter) =>
        Assert.Equal(delimiter, Single(Read(csv), "wrong_delimiter", 1, null).Detail);

    [Theory]
    [InlineData("shenyang,2019,gdp,1\n")]
    [InlineData("2019,shenyang,gdp,1\n")]
    public void A_file_without_header_is_refused(string csv) => Single(Read(csv), "missing_header", 1, null);

    [Fact]
    public void A_misspelled_header_is_refused_and_named_but_rows_are_still_checked()
    {
        var parsed = Read("zone,year,element,vaule\nshenyang,2019,gdp,1\ndalian,2019,gdp,x\n");

        Assert.True(parsed.HasErrors);
        Assert.Collection(parsed.Problems,
            p => Assert.Equal(("header_misspelled", 1, "vaule", "value"), (p.Code, p.Row, p.Column, p.Detail)),
            p => Assert.Equal(("not_a_number", 3, "value"), (p.Code, p.Row, p.Column)));
        Assert.Equal(Value("shenyang", "gdp", 1), Assert.Single(parsed.Values).Value);
    }

    [Fact]
    public void An_unknown_header_column_is_refused() =>
        Assert.Equal("note", Single(Read("zone,year,element,value,note\nshenyang,2019,gdp,1,ok\n"), "header_unknown_column", 1, "note").Value);

    [Fact]
    public void A_repeated_header_column_is_refused() =>
        Single(Read("zone,year,element,value,Value\nshenyang,2019,gdp,1,2\n"), "header_duplicate", 1, "Value");

    [Fact]
    public void A_missing_header_column_is_refused() =>
        Assert.Equal("value", Single(Read("zone,year,element\nshenyang,2019,gdp\n"), "header_missing_column", 1, null).Detail);

    [Fact]
    public void A_row_with_too_many_fields_is_refused()
    {
        var problem = Single(Read(Header + "shenyang,2019,gdp,1,234\n"), "wrong_column_count", 2, null);

        Assert.Equal(("5", "4"), (problem.Value, problem.Detail));
    }

    [Fact]
    public void An_unknown_zone_is_refused() =>
        Assert.Equal("beijing", Single(Read(Header + "beijing,2019,gdp,1\n"), "unknown_zone", 2, "zone").Value);

    [Fact]
    public void An_unknown_element_is_refused_with_a_suggestion()
    {
        var problem = Single(Read(Header + "shenyang,2019,gpd,1\n"), "unknown_element", 2, "element");

        Assert.Equal(("shenyang", "gpd", "gdp"), (problem.Unit, problem.Value, problem.Detail));
    }

    [Fact]
    public void A_province_element_for_a_zone_and_a_zone_element_for_the_province_are_refused()
    {
        var parsed = Read(Header + "shenyang,2019,prov_gdp,1\nliaoning,2019,gdp,2\n");

        Assert.True(parsed.HasErrors);
        Assert.Empty(parsed.Values);
        Assert.Collection(parsed.Problems,
            p => Assert.Equal(("element_not_for_unit", 2, "element", "shenyang", "prov_gdp"), (p.Code, p.Row, p.Column, p.Unit, p.Element)),
            p => Assert.Equal(("element_not_for_unit", 3, "element", "liaoning", "gdp"), (p.Code, p.Row, p.Column, p.Unit, p.Element)));
    }

    [Theory]
    [InlineData("1999")]
    [InlineData("2101")]
    [InlineData("2019.5")]
    [InlineData("")]
    [InlineData("去年")]
    public void A_year_outside_2000_to_2100_is_refused(string year) =>
        Assert.Equal(year, Single(Read(Header + $"shenyang,{year},gdp,1\n"), "bad_year", 2, "year").Value);

    [Fact]
    public void A_missing_value_is_refused() => Single(Read(Header + "shenyang,2019,gdp, \n"), "missing_value", 2, "value");

    [Theory]
    [InlineData("1e3")]
    [InlineData("1E-2")]
    [InlineData("abc")]
    [InlineData("12亿元")]
    [InlineData("5%")]
    [InlineData("0x10")]
    public void Text_and_exponents_are_not_numbers(string value) =>
        Assert.Equal(value, Single(Read(Header + $"shenyang,2019,gdp,{value}\n"), "not_a_number", 2, "value").Value);

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("∞")]
    public void Non_finite_values_are_refused(string value) =>
        Single(Read(Header + $"shenyang,2019,gdp,{value}\n"), "not_finite", 2, "value");

    [Theory]
    [InlineData("\"1,234.5\"")]
    [InlineData("\"1,234\"")]
    [InlineData("１，２３４")]
    [InlineData("\"1,5\"")]
    public void Thousands_separators_are_refused_not_guessed(string value) =>
        Single(Read(Header + $"shenyang,2019,gdp,{value}\n"), "thousands_separator", 2, "value");

    [Fact]
    public void A_fraction_for_a_whole_number_element_is_refused()
    {
        var problem = Single(Read(Header + "shenyang,2019,employees,12.5\n"), "not_integer", 2, "value");

        Assert.Equal(("employees", "12.5"), (problem.Element, problem.Value));
    }

    [Fact]
    public void A_negative_count_is_below_the_minimum() =>
        Assert.Equal("0", Single(Read(Header + "shenyang,2019,hte_count,-3\n"), "below_min", 2, "value").Detail);

    [Fact]
    public void A_value_over_the_maximum_is_refused() =>
        Assert.Equal("100", Single(Read(Header + "shenyang,2019,rd_share,100.5\n"), "above_max", 2, "value").Detail);

    [Fact]
    public void A_repeated_unit_year_and_element_keeps_neither_value()
    {
        var parsed = Read(Header + "shenyang,2019,gdp,1\ndalian,2019,gdp,2\n沈阳高新区,2019,gdp,3\n");

        var problem = Single(parsed, "duplicate_row", 4, "value");
        Assert.Equal("2", problem.Detail);
        Assert.Equal(Value("dalian", "gdp", 2), Assert.Single(parsed.Values).Value);
    }

    [Fact]
    public void A_stray_quote_is_refused_at_its_row() =>
        Single(Read(Header + "shenyang,2019,gdp,1\nshenyang,\"20\"19,gdp,1\n"), "bad_quotes", 3, null);

    [Fact]
    public void Every_problem_of_every_row_is_reported()
    {
        var parsed = Read(Header + "beijing,1999,gpd,abc\nshenyang,2019,employees,-1.5\ndalian,2019,gdp,7\n");

        Assert.Equal(
            [("unknown_zone", 2), ("bad_year", 2), ("unknown_element", 2), ("not_a_number", 2), ("not_integer", 3), ("below_min", 3)],
            parsed.Problems.Select(p => (p.Code, p.Row)));
        Assert.Equal(Value("dalian", "gdp", 7), Assert.Single(parsed.Values).Value);
    }

    [Fact]
    public void The_old_xls_format_is_named_as_such()
    {
        var problem = Assert.Single(Read([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).Problems);

        Assert.Equal(("unreadable_file", "xls"), (problem.Code, problem.Detail));
    }

    public static readonly TheoryData<string> Codes =
    [
        "empty_file", "file_too_large", "unreadable_file", "not_utf8", "bad_quotes", "wrong_delimiter", "missing_header",
        "header_misspelled", "header_unknown_column", "header_duplicate", "header_missing_column", "wrong_column_count",
        "unknown_zone", "unknown_element", "element_not_for_unit", "bad_year", "missing_value", "not_a_number", "not_finite",
        "thousands_separator", "not_integer", "below_min", "above_max", "duplicate_row", "formula_not_allowed", "merged_cells",
        "extra_sheet",
    ];

    [Theory]
    [MemberData(nameof(Codes))]
    public void ProblemText_describes_every_code_in_both_languages(string code)
    {
        var problem = new DataProblem("data.csv", null, 3, "value", "shenyang", "gdp", "1,234", code, Detail: "20971520");

        var chinese = ProblemText.Describe(problem, english: false);
        var english = ProblemText.Describe(problem, english: true);

        Assert.NotEqual(code, chinese);
        Assert.NotEqual(code, english);
        Assert.NotEqual(chinese, english);
    }

    [Fact]
    public void ProblemText_locates_file_sheet_row_and_column()
    {
        var csv = new DataProblem("data.csv", null, 3, "value", null, null, null, "not_a_number");
        var xlsx = new DataProblem("data.xlsx", "2019", 5, "D", null, null, null, "not_a_number");
        var file = new DataProblem("data.csv", null, 0, null, null, null, null, "empty_file");

        Assert.Equal("data.csv 第3行 value列", ProblemText.Locate(csv, english: false));
        Assert.Equal("data.csv row 3, column value", ProblemText.Locate(csv, english: true));
        Assert.Equal("data.xlsx 工作表2019 第5行 D列", ProblemText.Locate(xlsx, english: false));
        Assert.Equal("data.xlsx sheet 2019, row 5, column D", ProblemText.Locate(xlsx, english: true));
        Assert.Equal("data.csv", ProblemText.Locate(file, english: true));
        Assert.Equal("file_size_odd", ProblemText.Describe(file with { Code = "file_size_odd" }, english: true));
    }

    /// <summary>A network upload: no length, no seeking, and more bytes than allowed.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'1', offset, count);
            Served += count;
            return count;
        }
    }
}
