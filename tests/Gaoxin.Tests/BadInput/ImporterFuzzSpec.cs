using System.Data.Common;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using CsCheck;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Tests.BadInput;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Enterprises;
using Gaoxin.Data.Registries;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests.BadInput;

/// <summary>
/// Property-based tests of every importer that writes the store — yearly data as CSV and as Excel, enterprise returns,
/// registry workbooks — and of the self-assessment JSON: whatever the file, the answer is a result or problems that say where
/// (file, row, column), never an exception and never a hang; and when there is any error, not one row of the store changed
/// (every table's checksum is compared before and after). Cases are valid files broken at random plus the fixed hostile ones:
/// GBK text, byte order marks, quoted newlines, a 1 MB field, 100,000 columns, NaN/Infinity/1e400, formulas, a zip bomb named
/// .xlsx and files cut short.
/// </summary>
public abstract class ImporterFuzzSpec(ITestStore store) : IAsyncLifetime
{
    private static readonly Principal Office = new("office@example.org", Roles.Admin, null);
    private DataSetDefinition _set = null!;
    private List<ReportingUnit> _units = null!;

    public async Task InitializeAsync()
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        await GaoxinDatabase.InitializeAsync(db, GaoxinDatabase.BundleDirectory, TimeProvider.System);
        _set = await DataSetStore.GetAsync(db, default);
        _units = await DataSetStore.UnitsAsync(db, _set, default);
    }

    public async Task DisposeAsync() => await store.DisposeAsync();

    /// <summary>Each table's row count and a hash of its rows, in a stable order.</summary>
    private async Task<Dictionary<string, string>> ChecksumsAsync()
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = store.Provider == DatabaseProvider.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT tablename FROM pg_tables WHERE schemaname = 'public'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var sums = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
                rows.Add(string.Join("\u001f", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            rows.Sort(StringComparer.Ordinal);
            sums[table] = $"{rows.Count}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", rows))))}";
        }
        return sums;
    }

    /// <summary>Runs one import and checks the contract: no exception, errors located, and nothing stored when there is an error.</summary>
    private async Task ImportsOrChangesNothingAsync(Func<GaoxinDb, Task<IReadOnlyList<DataProblem>>> import, string shown)
    {
        // Taken afresh only after an import that stored something: most cases are refused and leave it as it was.
        var before = _checksums ??= await ChecksumsAsync();
        IReadOnlyList<DataProblem> problems;
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            var work = import(db);
            if (await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(20))) != work) throw new TimeoutException("no answer within 20 s for " + shown);
            problems = await work;
        }
        var errors = problems.Where(p => p.Severity == Severity.Error).ToList();
        Assert.All(errors, p => Assert.False(string.IsNullOrEmpty(p.File) || string.IsNullOrEmpty(p.Code), $"an unlocated problem {p} for {shown}"));
        if (errors.Count > 0) Assert.Equal(before, await ChecksumsAsync());
        else _checksums = null;
    }

    private Dictionary<string, string>? _checksums;

    private Task ImportDataAsync(byte[] bytes, string fileName) => ImportsOrChangesNothingAsync(async db =>
    {
        var parsed = DataImport.Read(new MemoryStream(bytes), fileName, new ImportContext(_units, _set.Elements));
        var outcome = await ReportStore.ImportAsync(db, _set, _units, parsed, fileName, approve: false, dryRun: false, Office, ReportStore.Via.Import, TimeProvider.System, default);
        return outcome.Problems;
    }, $"{fileName} ({bytes.Length} bytes)");

    private Task ImportReturnsAsync(byte[] bytes) => ImportsOrChangesNothingAsync(async db =>
        (await EnterpriseImport.ImportAsync(db, new MemoryStream(bytes), "returns.csv", "cli:test", "cli", TimeProvider.System, default)).Problems,
        $"returns.csv ({bytes.Length} bytes)");

    private Task ImportRegistryAsync(byte[] bytes) => ImportsOrChangesNothingAsync(async db =>
        (await RegistryWorkbook.ImportAsync(db, Office, "tech_platform", "registry.xlsx", new MemoryStream(bytes), TimeProvider.System, default)).Problems,
        $"registry.xlsx ({bytes.Length} bytes)");

    private const string DataCsv = "zone,year,element,value\nshenyang,2023,gdp,100\n\"shenyang\",2023,revenue,\"4200.5\"\ndalian,2023,tax,300\n";

    private static readonly string ReturnsCsv =
        "credit_code,name,zone,year,registered_on,industry,is_hte,revenue,employees,st_employees,rd_expense,st_expense,high_tech_revenue,net_assets,exports,vc_received,valuation_usd_m,listed\n"
        + $"{TestCreditCodes.Make(1)},沈阳甲科技有限公司,shenyang,2020,2012-03-01,C39,1,1200.5,120,30,80.25,90,600,500,100,0,,0\n"
        + $"{TestCreditCodes.Make(2)},\"大连乙, 软件\",dalian,2020,2015-07-15,I65,0,3000,200,20,10,12,,-50,,500,30.5,1\n";

    /// <summary>Text as a file: UTF-8 with or without its BOM, GB18030 (what Excel in Chinese saves), or UTF-16; now and then cut inside a character.</summary>
    private static Gen<byte[]> Encoded(Gen<string> text) => Gen.Select(text, Gen.Int[0, 3], Gen.Double[0, 1], Gen.Bool, (t, encoding, cut, truncate) =>
    {
        var bytes = encoding switch
        {
            0 => Encoding.UTF8.GetBytes(t),
            1 => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(t)],
            2 => CsvText.Gb18030.GetBytes(t),
            _ => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(t)],
        };
        return truncate && bytes.Length > 1 ? bytes[..(int)(cut * bytes.Length)] : bytes;
    });

    [Fact]
    public async Task Any_data_csv_is_imported_or_refused_where_it_is_wrong_and_a_refused_one_changes_nothing()
    {
        await Encoded(Mutations.Of(DataCsv)).SampleAsync(bytes => ImportDataAsync(bytes, "data.csv"), iter: 100, threads: 1, print: b => $"{b.Length} bytes");
    }

    [Fact]
    public async Task Any_enterprise_returns_csv_is_imported_or_refused_where_it_is_wrong_and_a_refused_one_changes_nothing()
    {
        await Encoded(Mutations.Of(ReturnsCsv)).SampleAsync(ImportReturnsAsync, iter: 100, threads: 1, print: b => $"{b.Length} bytes");
    }

    /// <summary>A workbook with some cells overwritten by hostile text or formulas, saved, and now and then cut short.</summary>
    private static Gen<byte[]> Workbooks(byte[] valid) =>
        Gen.Select(Gen.Select(Gen.Int[1, 20], Gen.Int[1, 16], Mutations.Fragment, Gen.Bool).Array[1, 5], Gen.Double[0, 1], Gen.Int[0, 5], (edits, cut, mode) =>
        {
            using var workbook = new XLWorkbook(new MemoryStream(valid));
            var sheet = workbook.Worksheets.First();
            foreach (var (row, column, text, formula) in edits)
            {
                var cell = sheet.Cell(row, column);
                var clipped = text.Length > 32_000 ? text[..32_000] : text;
                if (formula) cell.FormulaA1 = "SUM(A1:A3)+" + row;
                else cell.SetValue(new string(clipped.Where(c => !char.IsSurrogate(c) && (c >= ' ' || c is '\t' or '\n' or '\r' || c == '\u0001')).ToArray()));
            }
            var output = new MemoryStream();
            workbook.SaveAs(output);
            var bytes = output.ToArray();
            return mode == 0 ? bytes[..(int)(cut * bytes.Length)] : bytes;
        });

    private async Task<byte[]> DataWorkbookAsync()
    {
        using var output = new MemoryStream();
        ExcelWorkbook.WriteTemplate(output, [2023], new ImportContext(_units, _set.Elements), [new DataValue("shenyang", 2023, "gdp", 100m)]);
        return output.ToArray();
    }

    private async Task<byte[]> RegistryWorkbookAsync()
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        await RegistryStore.AddAsync(db, Office, "tech_platform", null, "沈阳示范平台", "shenyang", null, new DateOnly(2019, 5, 1), 12.5m, "万元", TimeProvider.System, default);
        using var output = new MemoryStream();
        await RegistryWorkbook.WriteAsync(db, "tech_platform", null, output, default);
        return output.ToArray();
    }

    [Fact]
    public async Task Any_data_workbook_is_imported_or_refused_where_it_is_wrong_and_a_refused_one_changes_nothing()
    {
        var valid = await DataWorkbookAsync();
        await Workbooks(valid).SampleAsync(bytes => ImportDataAsync(bytes, "data.xlsx"), iter: 30, threads: 1, print: b => $"{b.Length} bytes");
    }

    [Fact]
    public async Task Any_registry_workbook_is_imported_or_refused_where_it_is_wrong_and_a_refused_one_changes_nothing()
    {
        var valid = await RegistryWorkbookAsync();
        await Workbooks(valid).SampleAsync(ImportRegistryAsync, iter: 40, threads: 1, print: b => $"{b.Length} bytes");
    }

    /// <summary>The hostile files every importer is given as they are.</summary>
    public static TheoryData<string> FixedCases => ["bom-only", "gbk", "quoted-newline", "megabyte-field", "hundred-thousand-columns", "not-numbers",
        "formulas", "control-characters", "zip-bomb", "truncated-zip", "empty", "binary"];

    private static byte[] Fixed(string name, string csv) => name switch
    {
        "bom-only" => Encoding.UTF8.GetPreamble(),
        "gbk" => CsvText.Gb18030.GetBytes(csv.Replace("shenyang", "沈阳高新区")),
        "quoted-newline" => Encoding.UTF8.GetBytes(csv.Replace("shenyang", "\"shen\nyang\"")),
        "megabyte-field" => Encoding.UTF8.GetBytes(csv.Replace("shenyang", new string('沈', 1_000_000))),
        "hundred-thousand-columns" => Encoding.UTF8.GetBytes(string.Join(',', Enumerable.Range(0, 100_000).Select(i => "c" + i)) + "\n" + new string(',', 99_999) + "\n"),
        "not-numbers" => Encoding.UTF8.GetBytes(csv.Replace("100", "NaN").Replace("4200.5", "Infinity").Replace("300", "1e400").Replace("1200.5", "-Infinity")),
        "formulas" => Encoding.UTF8.GetBytes(csv.Replace("shenyang", "=cmd|' /C calc'!A0").Replace("dalian", "@SUM(1+1)")),
        "control-characters" => Encoding.UTF8.GetBytes(csv.Replace("shenyang", "shen\0yang").Replace("大连", "大\u0001连")),
        "zip-bomb" => ZipBomb(),
        "truncated-zip" => ZipBomb()[..200],
        "empty" => [],
        _ => [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37))],
    };

    /// <summary>A small .xlsx-looking zip whose sheet unpacks to 200 MB of spaces.</summary>
    private static byte[] ZipBomb()
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open())) types.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)' ');
            for (var i = 0; i < 200; i++) sheet.Write(block);
        }
        return output.ToArray();
    }

    [Theory]
    [MemberData(nameof(FixedCases))]
    public async Task A_hostile_file_is_refused_where_it_is_wrong_by_every_importer_and_changes_nothing(string name)
    {
        await ImportDataAsync(Fixed(name, DataCsv), name.Contains("zip") ? "data.xlsx" : "data.csv");
        await ImportDataAsync(Fixed(name, DataCsv), "data.xlsx");
        await ImportReturnsAsync(Fixed(name, ReturnsCsv));
        await ImportRegistryAsync(Fixed(name, DataCsv));
    }

    [Fact]
    public async Task Registry_text_with_a_control_character_or_over_its_limit_is_refused_at_its_cell()
    {
        var valid = await RegistryWorkbookAsync();
        foreach (var (text, code) in new[] { ("沈阳\u0000平台", "control_character"), (new string('名', 301), "too_long") })
        {
            using var workbook = new XLWorkbook(new MemoryStream(valid));
            workbook.Worksheet("tech_platform").Cell(3, 2).SetValue(text.Replace('\0', '\u0002'));
            var output = new MemoryStream();
            workbook.SaveAs(output);
            await using var db = GaoxinDatabase.CreateContext(store.Location);
            var (_, _, problems) = await RegistryWorkbook.ImportAsync(db, Office, "tech_platform", "registry.xlsx", new MemoryStream(output.ToArray()), TimeProvider.System, default);
            var problem = Assert.Single(problems);
            Assert.Equal((code, 3, "B"), (problem.Code, problem.Row, problem.Column));
        }
    }

    [Fact]
    public async Task An_enterprise_name_with_a_control_character_is_refused_at_its_row_and_column()
    {
        var csv = ReturnsCsv.Replace("沈阳甲科技有限公司", "沈阳\0甲科技");
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var outcome = await EnterpriseImport.ImportAsync(db, new MemoryStream(Encoding.UTF8.GetBytes(csv)), "returns.csv", "cli:test", "cli", TimeProvider.System, default);
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal(("control_character", 2, "name"), (problem.Code, problem.Row, problem.Column));
        Assert.False(outcome.Applied);
    }

    /// <summary>The high-tech self-assessment of the reference enterprise, as JSON.</summary>
    private const string HteJson = """
        {"registeredOn":"2018-03-01","assessedOn":"2021-06-30","domain":"electronic_information",
         "ip":{"class1":1,"class2":6,"selfDeveloped":7},"employees":200,"stEmployees":40,
         "salesRevenue":[4000,5000,6000],"rdExpense":[200,250,300],"rdExpenseDomestic":600,"highTechRevenue":4800,"totalRevenue":6000,
         "netAssets":[1000,1200,1500],
         "innovation":{"techAdvancement":"B","coreSupport":"B","ipAcquisition":"A","standards":false,"conversions":12,
           "rdManagement":{"system":5,"institution":5,"conversionIncentives":3,"talent":3}},
         "majorIncident":false}
        """;

    [Fact]
    public async Task Any_self_assessment_json_is_assessed_or_refused_with_the_path_of_the_field_never_a_server_error()
    {
        await using var server = await RunningServer.StartAsync(store.Location);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync("/api/hte/assess", new StringContent(HteJson, Encoding.UTF8, "application/json"))).StatusCode);
        await Mutations.Of(HteJson).SampleAsync(async json =>
        {
            foreach (var path in new[] { "/api/hte/assess", "/api/tech-sme/assess" })
            {
                var response = await server.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
                var status = (int)response.StatusCode;
                Assert.True(status is 200 or 400 or 413 or 415 or 422, $"{status} from {path} for {Mutations.Show(json)}: {await response.Content.ReadAsStringAsync()}");
            }
        }, iter: 100, threads: 1, print: Mutations.Show);
    }
}

public sealed class ImporterFuzzOnSqlite() : ImporterFuzzSpec(new SqliteTestStore());

public sealed class ImporterFuzzOnPostgres() : ImporterFuzzSpec(new PostgresTestStore());
