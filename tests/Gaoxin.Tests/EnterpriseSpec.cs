using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gaoxin.Core.Figures;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Figures;
using Gaoxin.Data.Enterprises;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>Makes valid unified social credit codes for test files, computed here from GB 32100-2015 itself.</summary>
public static class TestCreditCodes
{
    private const string Alphabet = Core.Enterprises.CreditCode.Alphabet;

    /// <summary>A valid code for enterprise number <paramref name="n"/>: 9 (工商) 1 (企业), Shenyang's 210100, a 9-character body, the check character.</summary>
    public static string Make(long n)
    {
        var body = new char[9];
        for (var i = 8; i >= 0; i--)
        {
            body[i] = Alphabet[(int)(n % 31)];
            n /= 31;
        }
        var first17 = "91210100" + new string(body);
        return first17 + Core.Enterprises.CreditCode.CheckCharacter(first17);
    }

    /// <summary>The same code with its check character replaced by another valid character.</summary>
    public static string WithWrongCheck(string code) =>
        code[..17] + Alphabet[(Alphabet.IndexOf(code[17]) + 1) % 31];
}

/// <summary>
/// The enterprise registry end to end on each provider: the import verb (validation, all or nothing, replacement), the
/// zone-year aggregates and how they fill a zone's figures, and who sees what through the API.
/// </summary>
public abstract class EnterpriseSpec(ITestStore store) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private static readonly string A = TestCreditCodes.Make(1);
    private static readonly string B = TestCreditCodes.Make(2);
    private static readonly string C = TestCreditCodes.Make(3);

    private const string Header =
        "credit_code,name,zone,year,registered_on,industry,is_hte,revenue,employees,st_employees,rd_expense,st_expense,high_tech_revenue,net_assets,exports,vc_received,valuation_usd_m,listed,tax";

    // Row 2..5. B names its zone in Chinese; blanks are figures not reported.
    private static string[] Rows =>
    [
        $"{A},沈阳甲科技有限公司,shenyang,2020,2012-03-01,C39,1,1200.5,120,30,80.25,90,600,500,100,0,,0,12.5",
        $"{B},沈阳乙软件有限公司,沈阳高新区,2020,2015-07-15,I65,0,3000,200,20,10,12,,-50,,500,30.5,1,",
        $"{C},大连丙材料有限公司,dalian,2020,,C35,1,800,50,10,40,41,700,300,200.5,0,,0,3",
        $"{A},沈阳甲科技有限公司,shenyang,2019,2012-03-01,C39,1,1000,100,25,70,75,500,450,90,0,,0,",
    ];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await store.DisposeAsync();

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    private static string WriteFile(string name, string content)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("gaoxin-ent-").FullName, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private static string Csv(IEnumerable<string> rows, string header = Header) => string.Join("\n", rows.Prepend(header)) + "\n";

    private async Task<(int Enterprises, int Returns, int Aggregates, int Audit)> CountAsync()
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        return (await db.Enterprises.CountAsync(), await db.EnterpriseReturns.CountAsync(), await db.EnterpriseAggregates.CountAsync(),
            await db.Audit.CountAsync(a => a.Action == EnterpriseImport.AuditAction));
    }

    private async Task<Dictionary<string, decimal>> AggregatesAsync(string zone, int year)
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        return await db.EnterpriseAggregates.Where(a => a.ZoneCode == zone && a.Year == year).ToDictionaryAsync(a => a.Element, a => a.Value);
    }

    [Fact]
    public async Task Import_stores_exactly_the_files_rows_and_the_aggregates_are_the_hand_computed_sums()
    {
        var result = await Cli("enterprises", "import", WriteFile("returns.csv", Csv(Rows)));

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Equal((3, 4, 1), (await CountAsync()) is var c ? (c.Enterprises, c.Returns, c.Audit) : default);
        // Shenyang 2020 = A + B. Money 万元 → 亿元: (1200.5 + 3000) / 10000 = 0.42005; R&D (80.25 + 10) / 10000 = 0.009025.
        var shenyang = await AggregatesAsync("shenyang", 2020);
        Assert.Equal(2m, shenyang["enterprise_count"]);
        Assert.Equal(1m, shenyang["hte_count"]);
        Assert.Equal(0.42005m, shenyang["revenue"]);
        Assert.Equal(0.009025m, shenyang["rd_expenditure"]);
        Assert.Equal(320m, shenyang["employees"]);
        Assert.Equal(50m, shenyang["st_employees"]);
        Assert.Equal(0.01m, shenyang["n21_exports"]); // B left exports blank: only A's 100
        Assert.Equal(0.01m, shenyang["n21_hte_exports"]);
        Assert.Equal(1m, shenyang["n21_vc_backed_enterprises"]);
        Assert.Equal(0.06m, shenyang["high_tech_revenue"]);
        var dalian = await AggregatesAsync("dalian", 2020);
        Assert.Equal((1m, 1m, 0.08m, 0.02005m, 0m), (dalian["enterprise_count"], dalian["hte_count"], dalian["revenue"], dalian["n21_exports"], dalian["n21_vc_backed_enterprises"]));
        Assert.Equal((1m, 0.1m), ((await AggregatesAsync("shenyang", 2019))["enterprise_count"], (await AggregatesAsync("shenyang", 2019))["revenue"]));

        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var a = await db.Enterprises.SingleAsync(e => e.CreditCode == A);
        Assert.Equal(("沈阳甲科技有限公司", "shenyang", 2020, new DateOnly(2012, 3, 1)), (a.Name, a.ZoneCode, a.LatestYear, a.RegisteredOn!.Value));
        var b2020 = await db.EnterpriseReturns.SingleAsync(r => r.CreditCode == B && r.Year == 2020);
        Assert.Equal((-50m, (decimal?)null, 30.5m, true, (string?)null), (b2020.NetAssets!.Value, b2020.Exports, b2020.ValuationUsdM!.Value, b2020.Listed, b2020.Extra));
        var a2020 = await db.EnterpriseReturns.SingleAsync(r => r.CreditCode == A && r.Year == 2020);
        Assert.Equal(12.5m, JsonDocument.Parse(a2020.Extra!).RootElement.GetProperty("tax").GetDecimal());
    }

    [Fact]
    public async Task A_GB18030_returns_file_as_Excel_in_Chinese_saves_it_imports_like_its_UTF8_twin()
    {
        // The rows name B's zone in Chinese (沈阳高新区) and every enterprise by its Chinese name.
        var path = WriteFile("returns.csv", "");
        await File.WriteAllBytesAsync(path, Gaoxin.Data.Collection.CsvText.Gb18030.GetBytes(Csv(Rows).Replace("\n", "\r\n")));

        var result = await Cli("enterprises", "import", path);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var names = await db.Enterprises.OrderBy(e => e.CreditCode).Select(e => new { e.CreditCode, e.Name, e.ZoneCode }).ToListAsync();
        Assert.Equal([(A, "沈阳甲科技有限公司", "shenyang"), (B, "沈阳乙软件有限公司", "shenyang"), (C, "大连丙材料有限公司", "dalian")],
            names.Select(n => (n.CreditCode, n.Name, n.ZoneCode)).OrderBy(n => n.CreditCode, StringComparer.Ordinal).ToList());
        Assert.Equal(2m, (await AggregatesAsync("shenyang", 2020))["enterprise_count"]);
    }

    [Theory]
    [InlineData("check_digit", "3:credit_code", "bad_check_digit")]
    [InlineData("unknown_zone", "3:zone", "unknown_zone")]
    [InlineData("negative_revenue", "3:revenue", "negative")]
    [InlineData("duplicate", "4:credit_code", "duplicate_row")]
    [InlineData("bad_header", "1:revnue", "header_unknown_column")]
    public async Task A_bad_row_in_the_middle_rejects_the_whole_file_with_file_row_and_column(string fault, string place, string code)
    {
        var rows = Rows.ToList();
        var header = Header;
        switch (fault)
        {
            case "check_digit": rows[1] = rows[1].Replace(B, TestCreditCodes.WithWrongCheck(B)); break;
            case "unknown_zone": rows[1] = rows[1].Replace("沈阳高新区", "浑南新区"); break;
            case "negative_revenue": rows[1] = rows[1].Replace(",3000,", ",-3000,"); break;
            case "duplicate": rows.Insert(2, rows[0].Replace(",1200.5,", ",1300,")); break;
            case "bad_header": header = Header.Replace(",revenue,", ",revnue,"); break;
        }

        var result = await Cli("enterprises", "import", WriteFile("bad.csv", Csv(rows, header)));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"bad.csv:{place}: ", result.Error);
        Assert.Contains($"[{code}]", result.Error);
        if (fault == "duplicate") Assert.Contains("row 2", result.Error);
        Assert.Contains("nothing was imported", result.Output);
        Assert.Equal((0, 0, 0, 0), await CountAsync());
    }

    [Fact]
    public async Task The_downloadable_template_is_the_header_the_import_reads_and_a_row_added_under_it_imports()
    {
        await using var server = await RunningServer.StartAsync(store.Location);
        var response = await server.Client.GetAsync("/enterprises/returns-template.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        // A byte-order mark first, so Excel reads the file as UTF-8.
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Equal(Header.Replace(",tax", "", StringComparison.Ordinal) + "\r\n", text);

        // Filled in as a clerk would (one row under the header), it imports as it is.
        var filled = Path.Combine(Directory.CreateTempSubdirectory("gaoxin-template-").FullName, "returns.csv");
        await File.WriteAllBytesAsync(filled, [.. bytes, .. Encoding.UTF8.GetBytes($"{A},沈阳甲科技有限公司,shenyang,2020,2012-03-01,C39,1,1200.5,120,30,80.25,90,600,500,100,0,,0\r\n")]);
        var import = await CliRun.RunAsync("enterprises", "import", filled, "--db", store.DbArgument);
        Assert.True(import.ExitCode == 0, import.Output + import.Error);
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        Assert.Equal(1, await db.EnterpriseReturns.CountAsync(r => r.CreditCode == A && r.Year == 2020));
    }

    [Fact]
    public async Task Every_error_is_reported_not_just_the_first()
    {
        var rows = Rows.ToList();
        rows[0] = rows[0].Replace(",2020,", ",1999,");
        rows[2] = rows[2].Replace(",0,,0,3", ",0,,yes,3");

        var result = await Cli("enterprises", "import", WriteFile("two.csv", Csv(rows)));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("two.csv:2:year: ", result.Error);
        Assert.Contains("two.csv:4:listed: ", result.Error);
        Assert.Contains("2 error(s)", result.Output);
    }

    [Fact]
    public async Task Re_importing_an_enterprise_year_replaces_it_and_the_old_zones_sums_follow()
    {
        Assert.Equal(0, (await Cli("enterprises", "import", WriteFile("first.csv", Csv(Rows)))).ExitCode);

        // A corrects its 2020 revenue and has moved to Dalian; nothing else in the file.
        var correction = $"{A},沈阳甲科技有限公司,dalian,2020,2012-03-01,C39,1,1500,120,30,80.25,90,600,500,100,0,,0,";
        var result = await Cli("enterprises", "import", WriteFile("second.csv", Csv([correction])));

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Equal((3, 4, 2), (await CountAsync()) is var c ? (c.Enterprises, c.Returns, c.Audit) : default);
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var a2020 = await db.EnterpriseReturns.SingleAsync(r => r.CreditCode == A && r.Year == 2020);
        Assert.Equal((1500m, "dalian", (string?)null), (a2020.Revenue!.Value, a2020.ZoneCode, a2020.Extra));
        Assert.Equal("dalian", (await db.Enterprises.SingleAsync(e => e.CreditCode == A)).ZoneCode);
        var shenyang = await AggregatesAsync("shenyang", 2020);
        var dalian = await AggregatesAsync("dalian", 2020);
        Assert.Equal((1m, 0.3m), (shenyang["enterprise_count"], shenyang["revenue"]));
        Assert.Equal((2m, 0.23m), (dalian["enterprise_count"], dalian["revenue"]));
        // 2019 was not in the second file and is untouched.
        Assert.Equal(0.1m, (await AggregatesAsync("shenyang", 2019))["revenue"]);

        var rebuilt = await Cli("enterprises", "aggregate");
        Assert.Equal(0, rebuilt.ExitCode);
        Assert.Equal(shenyang, await AggregatesAsync("shenyang", 2020));
    }

    private async Task<List<(string Zone, int Year, string Element, decimal Value)>> AllAggregatesAsync()
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        return (await db.EnterpriseAggregates.AsNoTracking().ToListAsync())
            .Select(a => (a.ZoneCode, a.Year, a.Element, a.Value)).Order().ToList();
    }

    [Fact]
    public async Task A_fresh_imports_aggregates_are_summed_as_it_reads_and_equal_a_rebuild_from_the_stored_rows()
    {
        Assert.Equal(0, (await Cli("enterprises", "import", WriteFile("returns.csv", Csv(Rows)))).ExitCode);
        var summed = await AllAggregatesAsync();

        // Shenyang 2020 by hand: A + B; Dalian 2020: C; Shenyang 2019: A alone.
        var shenyang = await AggregatesAsync("shenyang", 2020);
        Assert.Equal((2m, 1m, 0.42005m, 0.009025m, 320m, 50m, 0.06m), (shenyang["enterprise_count"], shenyang["hte_count"], shenyang["revenue"],
            shenyang["rd_expenditure"], shenyang["employees"], shenyang["st_employees"], shenyang["high_tech_revenue"]));
        Assert.Equal((1m, 0.1m, 0.007m, 100m, 0.009m), ((await AggregatesAsync("shenyang", 2019)) is var y ? (y["enterprise_count"], y["revenue"],
            y["rd_expenditure"], y["employees"], y["n21_exports"]) : default));
        Assert.Equal(3, summed.Select(a => (a.Zone, a.Year)).Distinct().Count());

        var rebuilt = await Cli("enterprises", "aggregate");
        Assert.Equal(0, rebuilt.ExitCode);
        Assert.Equal(summed, await AllAggregatesAsync());
    }

    [Fact]
    public async Task A_file_with_a_new_year_and_a_replaced_year_keeps_both_years_sums_exact_when_an_enterprise_moves_zone()
    {
        Assert.Equal(0, (await Cli("enterprises", "import", WriteFile("first.csv", Csv(Rows)))).ExitCode);

        // 2020 is in the store (A corrects it and has moved to Dalian); 2021 is new to it (B and C, six-decimal figures).
        string[] second =
        [
            $"{A},沈阳甲科技有限公司,dalian,2020,2012-03-01,C39,1,1500.000001,120,30,80.25,90,600,500,100,0,,0,",
            $"{B},沈阳乙软件有限公司,shenyang,2021,2015-07-15,I65,1,3100.123456,210,25,11.000001,12,,-50,7.5,0,30.5,1,",
            $"{C},大连丙材料有限公司,dalian,2021,,C35,0,900.000004,55,11,40,41,700,300,200.5,1,,0,",
        ];
        var result = await Cli("enterprises", "import", WriteFile("second.csv", Csv(second)));

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        var shenyang2020 = await AggregatesAsync("shenyang", 2020);
        var dalian2020 = await AggregatesAsync("dalian", 2020);
        Assert.Equal((1m, 0.3m, 200m), (shenyang2020["enterprise_count"], shenyang2020["revenue"], shenyang2020["employees"]));
        // (800 + 1500.000001) / 10000 = 0.2300000001 亿元, kept to 6 decimals.
        Assert.Equal((2m, 0.23m, 170m), (dalian2020["enterprise_count"], dalian2020["revenue"], dalian2020["employees"]));
        var shenyang2021 = await AggregatesAsync("shenyang", 2021);
        var dalian2021 = await AggregatesAsync("dalian", 2021);
        // 3100.123456 万元 = 0.3100123456 亿元, rounded to the store's 6 decimals.
        Assert.Equal((1m, 1m, 0.310012m, 0.0011m, 0.00075m, 0.00075m, 0m), (shenyang2021["enterprise_count"], shenyang2021["hte_count"],
            shenyang2021["revenue"], shenyang2021["rd_expenditure"], shenyang2021["n21_exports"], shenyang2021["n21_hte_exports"],
            shenyang2021["n21_vc_backed_enterprises"]));
        Assert.Equal((1m, 0m, 0.09m, 1m, 55m), (dalian2021["enterprise_count"], dalian2021["hte_count"], dalian2021["revenue"],
            dalian2021["n21_vc_backed_enterprises"], dalian2021["employees"]));
        Assert.False(dalian2021.ContainsKey("n21_hte_exports")); // no high-tech enterprise reported exports there

        var kept = await AllAggregatesAsync();
        Assert.Equal(0, (await Cli("enterprises", "aggregate")).ExitCode);
        Assert.Equal(kept, await AllAggregatesAsync());
    }

    [Fact]
    public async Task A_refused_file_leaves_the_aggregates_as_they_were_even_for_a_year_new_to_the_store()
    {
        Assert.Equal(0, (await Cli("enterprises", "import", WriteFile("first.csv", Csv(Rows)))).ExitCode);
        var before = await AllAggregatesAsync();

        string[] bad =
        [
            $"{B},沈阳乙软件有限公司,shenyang,2021,2015-07-15,I65,1,3100,210,25,11,12,,-50,7.5,0,30.5,1,",
            $"{C},大连丙材料有限公司,dalian,2021,,C35,0,-900,55,11,40,41,700,300,200.5,1,,0,",
            $"{A},沈阳甲科技有限公司,dalian,2020,2012-03-01,C39,1,1500,120,30,80.25,90,600,500,100,0,,0,",
        ];
        var result = await Cli("enterprises", "import", WriteFile("bad.csv", Csv(bad)));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.csv:3:revenue: ", result.Error);
        Assert.Equal(before, await AllAggregatesAsync());
        Assert.Empty(await AggregatesAsync("shenyang", 2021));
    }

    [Fact]
    public async Task An_older_years_import_adds_its_return_but_leaves_the_enterprises_newer_description()
    {
        Assert.Equal(0, (await Cli("enterprises", "import", WriteFile("first.csv", Csv(Rows)))).ExitCode);

        // A's 2018 return, filed under its old name in Dalian, arrives after its 2020 one; B's 2021 return renames it.
        var old = $"{A},沈阳甲旧名有限公司,dalian,2018,2012-03-01,C38,1,900,90,20,60,65,400,400,80,0,,1,";
        var newer = $"{B},沈阳乙新名有限公司,shenyang,2021,2015-07-15,I64,0,3100,210,21,11,13,,-40,,500,31,1,";
        var result = await Cli("enterprises", "import", WriteFile("late.csv", Csv([old, newer])));

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var a = await db.Enterprises.SingleAsync(e => e.CreditCode == A);
        Assert.Equal(("沈阳甲科技有限公司", "shenyang", "C39", false, 2020), (a.Name, a.ZoneCode, a.Industry, a.Listed, a.LatestYear));
        var a2018 = await db.EnterpriseReturns.SingleAsync(r => r.CreditCode == A && r.Year == 2018);
        Assert.Equal(("dalian", 900m, true, 2), (a2018.ZoneCode, a2018.Revenue!.Value, a2018.Listed, a2018.SourceRow));
        var b = await db.Enterprises.SingleAsync(e => e.CreditCode == B);
        Assert.Equal(("沈阳乙新名有限公司", "I64", 2021), (b.Name, b.Industry, b.LatestYear));
        Assert.Equal(6, await db.EnterpriseReturns.CountAsync());
    }

    [Fact]
    public async Task Every_repeat_in_the_file_is_reported_at_its_later_row_with_the_row_it_repeats()
    {
        var rows = Rows.ToList();
        rows.Add(rows[2]);                                 // row 6 repeats row 4 (C 2020)
        rows.Add(rows[3].Replace(",1000,", ",1001,"));     // row 7 repeats row 5 (A 2019)
        rows.Add(rows[2]);                                 // row 8 repeats row 4 again

        var result = await Cli("enterprises", "import", WriteFile("repeats.csv", Csv(rows)));

        Assert.Equal(2, result.ExitCode);
        foreach (var (at, first) in new[] { (6, 4), (7, 5), (8, 4) })
            Assert.Matches($"repeats.csv:{at}:credit_code: .*row {first}", result.Error);
        Assert.DoesNotContain("repeats.csv:4:", result.Error);
        Assert.Contains("3 error(s)", result.Output);
        Assert.Equal((0, 0, 0, 0), await CountAsync());
    }

    [Fact]
    public async Task Aggregates_fill_a_zone_element_only_where_its_approved_report_left_it_blank_and_the_reported_value_wins()
    {
        // Shenyang's approved 2020 report gives revenue (亿元) but no enterprise count; Dalian has no approved report.
        var report = WriteFile("zone.csv", "zone,year,element,value\nshenyang,2020,revenue,999\nshenyang,2020,gdp,1500\n");
        Assert.Equal(0, (await Cli("data", "import", report, "--approve")).ExitCode);
        Assert.Equal(0, (await Cli("enterprises", "import", WriteFile("returns.csv", Csv(Rows)))).ExitCode);

        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var values = (await FigureStore.InForceAsync(db, 2020, 2020, null, CancellationToken.None))
            .ToDictionary(v => (v.Value.Unit, v.Value.Element));

        Assert.Equal((999m, FigureSource.Reported), (values[("shenyang", "revenue")].Value.Value, values[("shenyang", "revenue")].Source));
        Assert.Equal((2m, FigureSource.Enterprises), (values[("shenyang", "enterprise_count")].Value.Value, values[("shenyang", "enterprise_count")].Source));
        Assert.Equal((0.009025m, FigureSource.Enterprises), (values[("shenyang", "rd_expenditure")].Value.Value, values[("shenyang", "rd_expenditure")].Source));
        // No element of that code in the data set: the aggregate stays an aggregate.
        Assert.False(values.ContainsKey(("shenyang", "st_employees")));
        // No approved report: a zone that reported nothing is still missing, whatever its enterprises filed.
        Assert.DoesNotContain(values.Keys, k => k.Unit == "dalian");
    }

    [Fact]
    public async Task A_zone_operator_sees_only_their_zone_the_office_sees_all_and_anonymous_callers_nothing()
    {
        Assert.Equal(0, (await Cli("enterprises", "import", WriteFile("returns.csv", Csv(Rows)))).ExitCode);
        foreach (var (email, role, zone) in new[] { ("office@example.org", "admin", (string?)null), ("sy@example.org", "zone_operator", "shenyang"), ("firm@example.org", "enterprise", null) })
            Assert.Equal(0, (await Cli(["users", "add", "--email", email, "--role", role, "--password", Password, .. zone is null ? Array.Empty<string>() : ["--zone", zone]])).ExitCode);
        await using var server = await RunningServer.StartAsync(store.Location);
        using var office = await server.TokenClientAsync(store, "office@example.org");
        using var shenyang = await server.TokenClientAsync(store, "sy@example.org");
        using var firm = await server.TokenClientAsync(store, "firm@example.org");

        var anonymous = await server.Client.GetAsync("/api/enterprises");
        var all = await office.GetFromJsonAsync<JsonElement>("/api/enterprises?year=2020");
        var pageTwo = await office.GetFromJsonAsync<JsonElement>("/api/enterprises?page=2");
        var own = await shenyang.GetFromJsonAsync<JsonElement>("/api/enterprises?year=2020");
        var ownHte = await shenyang.GetFromJsonAsync<JsonElement>("/api/enterprises?year=2020&hte=true");
        var other = await shenyang.GetAsync("/api/enterprises?zone=dalian");
        var otherEnterprise = await shenyang.GetAsync($"/api/enterprises/{C}");
        var ownEnterprise = await shenyang.GetFromJsonAsync<JsonElement>($"/api/enterprises/{A}");
        var aggregates = await shenyang.GetFromJsonAsync<JsonElement>("/api/zones/shenyang/enterprise-aggregates?year=2020");
        var otherAggregates = await shenyang.GetAsync("/api/zones/dalian/enterprise-aggregates?year=2020");
        var enterpriseRole = await firm.GetAsync("/api/enterprises");
        var page = await server.Client.GetAsync("/enterprises");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.Equal((3, 2, 0), (pageTwo.GetProperty("total").GetInt32(), pageTwo.GetProperty("page").GetInt32(), pageTwo.GetProperty("items").GetArrayLength()));
        Assert.Equal([A, B], own.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("creditCode").GetString()).Order(StringComparer.Ordinal));
        Assert.All(own.GetProperty("items").EnumerateArray(), i => Assert.Equal("shenyang", i.GetProperty("zone").GetString()));
        Assert.Equal([A], ownHte.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("creditCode").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherEnterprise.StatusCode);
        Assert.Equal([2019, 2020], ownEnterprise.GetProperty("returns").EnumerateArray().Select(r => r.GetProperty("year").GetInt32()));
        Assert.Equal(12.5m, ownEnterprise.GetProperty("returns")[1].GetProperty("extra").GetProperty("tax").GetDecimal());
        var revenue = aggregates.EnumerateArray().Single(a => a.GetProperty("element").GetString() == "revenue");
        Assert.Equal((0.42005m, "亿元"), (revenue.GetProperty("value").GetDecimal(), revenue.GetProperty("unit").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, otherAggregates.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, enterpriseRole.StatusCode);
        Assert.Equal("/account/login", page.RequestMessage!.RequestUri!.AbsolutePath); // the page asks an anonymous visitor to sign in

        using var session = new PageSession(server.Address);
        await session.SignInAsync("sy@example.org", Password);
        var list = await session.GetStringAsync("/enterprises?year=2020");
        var detail = await session.GetStringAsync($"/enterprises/{A}");
        Assert.Contains("沈阳甲科技有限公司", list);
        Assert.DoesNotContain("大连丙材料有限公司", list);
        Assert.Contains("1200.5", detail);
    }

    private async Task UsersAsync()
    {
        foreach (var (email, role, zone) in new[]
                 {
                     ("office@example.org", "admin", (string?)null), ("sy@example.org", "zone_operator", "shenyang"), ("firm@example.org", "enterprise", null),
                 })
            Assert.Equal(0, (await Cli(["users", "add", "--email", email, "--role", role, "--password", Password, .. zone is null ? Array.Empty<string>() : ["--zone", zone]])).ExitCode);
    }

    private static MultipartFormDataContent Upload(string name, string content) =>
        new() { { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", name } };

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);

    [Fact]
    public async Task Uploading_the_returns_file_imports_it_as_the_cli_does_and_the_list_and_aggregates_follow()
    {
        await UsersAsync();
        await using var server = await RunningServer.StartAsync(store.Location);
        using var office = await server.TokenClientAsync(store, "office@example.org");

        var response = await office.PostAsync("/api/enterprises/import", Upload("returns.csv", Csv(Rows)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((4, 3), (body.GetProperty("rows").GetInt32(), body.GetProperty("zoneYears").GetInt32()));
        Assert.Equal([2019, 2020], body.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()));
        Assert.True(body.GetProperty("aggregateFigures").GetInt32() > 0);
        Assert.Equal((3, 4, 1), (await CountAsync()) is var c ? (c.Enterprises, c.Returns, c.Audit) : default);
        var list = await office.GetFromJsonAsync<JsonElement>("/api/enterprises?year=2020");
        Assert.Equal(3, list.GetProperty("total").GetInt32());
        var shenyang = await AggregatesAsync("shenyang", 2020);
        Assert.Equal((2m, 0.42005m), (shenyang["enterprise_count"], shenyang["revenue"]));
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var audit = await db.Audit.SingleAsync(a => a.Action == EnterpriseImport.AuditAction);
        Assert.Equal(("office@example.org", ReportStore.Via.Api, body.GetProperty("batchId").GetString()), (audit.Actor, audit.Via, audit.BatchId));
        Assert.Contains("returns.csv", audit.Comment);
        var openApi = await server.Client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/api/enterprises/import\"", openApi);
        Assert.Contains("\"/api/enterprises/{creditCode}/certificate\"", openApi);
    }

    [Fact]
    public async Task An_upload_with_a_bad_row_is_refused_with_400_naming_the_row_and_column_and_changes_nothing()
    {
        await UsersAsync();
        await using var server = await RunningServer.StartAsync(store.Location);
        using var office = await server.TokenClientAsync(store, "office@example.org");
        var rows = Rows.ToList();
        rows[1] = rows[1].Replace(",3000,", ",-3000,");

        var response = await office.PostAsync("/api/enterprises/import", Upload("bad.csv", Csv(rows)));
        var missing = await office.PostAsync("/api/enterprises/import", new MultipartFormDataContent { { new StringContent("x"), "other" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").EnumerateArray().Single();
        Assert.Equal(("bad.csv", 3, "revenue", "negative"),
            (problem.GetProperty("file").GetString(), problem.GetProperty("row").GetInt32(), problem.GetProperty("column").GetString(), problem.GetProperty("code").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("message").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal((0, 0, 0, 0), await CountAsync());

        // The page shows the same problems as a table and imports nothing; a good file is imported and summed up.
        using var session = new PageSession(server.Address);
        await session.SignInAsync("office@example.org", Password);
        var refused = await session.PostFileAsync("/enterprises", "/enterprises?handler=Import", "file", "bad.csv", Encoding.UTF8.GetBytes(Csv(rows)));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("id=\"import-problems\"", html);
        Assert.Contains("data-row=\"3\" data-column=\"revenue\"", html);
        Assert.Equal((0, 0, 0, 0), await CountAsync());

        var accepted = await session.PostFileAsync("/enterprises", "/enterprises?handler=Import", "file", "good.csv", Encoding.UTF8.GetBytes(Csv(Rows)));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var after = await session.GetStringAsync("/enterprises?year=2020");
        Assert.Contains("id=\"import-summary\"", after);
        Assert.Contains("大连丙材料有限公司", after);
        Assert.Equal((3, 4, 1), (await CountAsync()) is var c ? (c.Enterprises, c.Returns, c.Audit) : default);
    }

    [Fact]
    public async Task A_zone_operator_uploading_a_row_of_another_zone_is_refused_whole_and_may_upload_their_own()
    {
        await UsersAsync();
        await using var server = await RunningServer.StartAsync(store.Location);
        using var shenyang = await server.TokenClientAsync(store, "sy@example.org");
        using var firm = await server.TokenClientAsync(store, "firm@example.org");

        // Row 4 is Dalian's.
        var refused = await shenyang.PostAsync("/api/enterprises/import", Upload("mixed.csv", Csv(Rows)));
        var enterpriseRole = await firm.PostAsync("/api/enterprises/import", Upload("mixed.csv", Csv(Rows)));
        var anonymous = await server.Client.PostAsync("/api/enterprises/import", Upload("mixed.csv", Csv(Rows)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").EnumerateArray().Single();
        Assert.Equal(("mixed.csv", 4, "zone", "unit_not_yours", "dalian"),
            (problem.GetProperty("file").GetString(), problem.GetProperty("row").GetInt32(), problem.GetProperty("column").GetString(),
             problem.GetProperty("code").GetString(), problem.GetProperty("value").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, enterpriseRole.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal((0, 0, 0, 0), await CountAsync());

        var own = await shenyang.PostAsync("/api/enterprises/import", Upload("own.csv", Csv([Rows[0], Rows[1], Rows[3]])));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal((2, 3, 1), (await CountAsync()) is var c ? (c.Enterprises, c.Returns, c.Audit) : default);
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        Assert.Equal("sy@example.org", (await db.Audit.SingleAsync(a => a.Action == EnterpriseImport.AuditAction)).Actor);
    }

    private async Task<List<AuditRecord>> CertificateAuditAsync()
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        return await db.Audit.Where(a => a.Action == HteCertificates.AuditAction).OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task Certifying_through_the_cli_shows_on_the_detail_json_with_expiry_three_years_on_and_bad_input_is_refused()
    {
        Assert.Equal(0, (await Cli("enterprises", "import", WriteFile("returns.csv", Csv(Rows)))).ExitCode);
        var issued = Today.AddYears(-1);

        var done = await Cli("enterprises", "certify", A.ToLowerInvariant(), "--number", "GR202321000123", "--date", issued.ToString("yyyy-MM-dd"));
        var backwards = await Cli("enterprises", "certify", B, "--number", "GR1", "--date", "2019-12-02", "--expires", "2019-12-01");
        var notADate = await Cli("enterprises", "certify", B, "--number", "GR1", "--date", "2019-13-01");
        var blank = await Cli("enterprises", "certify", B, "--number", " ", "--date", "2019-12-02");
        var unknown = await Cli("enterprises", "certify", TestCreditCodes.Make(99), "--number", "GR1", "--date", "2019-12-02");

        Assert.True(done.ExitCode == 0, done.Error + done.Output);
        Assert.Contains($"expires {issued.AddYears(3):yyyy-MM-dd}", done.Output);
        Assert.Equal(2, backwards.ExitCode);
        Assert.Contains("[expires_before_issued]", backwards.Error);
        Assert.Equal(2, notADate.ExitCode);
        Assert.Contains("--date: \"2019-13-01\" is not a date", notADate.Error);
        Assert.Equal(2, blank.ExitCode);
        Assert.Contains("[number_required]", blank.Error);
        Assert.Equal(3, unknown.ExitCode);
        Assert.Contains("[unknown_enterprise]", unknown.Error);

        await UsersAsync();
        await using var server = await RunningServer.StartAsync(store.Location);
        using var office = await server.TokenClientAsync(store, "office@example.org");
        var a = await office.GetFromJsonAsync<JsonElement>($"/api/enterprises/{A}");
        var b = await office.GetFromJsonAsync<JsonElement>($"/api/enterprises/{B}");
        var certificate = a.GetProperty("hteCertificate");
        Assert.Equal(("GR202321000123", issued.ToString("yyyy-MM-dd"), issued.AddYears(3).ToString("yyyy-MM-dd"), true),
            (certificate.GetProperty("number").GetString(), certificate.GetProperty("issuedOn").GetString(), certificate.GetProperty("expiresOn").GetString(),
             certificate.GetProperty("valid").GetBoolean()));
        Assert.Equal(("沈阳甲科技有限公司", 2), (a.GetProperty("name").GetString(), a.GetProperty("returns").GetArrayLength()));
        Assert.Equal(JsonValueKind.Null, b.GetProperty("hteCertificate").ValueKind);

        var audit = Assert.Single(await CertificateAuditAsync());
        Assert.Equal((A, "shenyang", ReportStore.Via.Cli), (audit.ElementCode, audit.UnitCode, audit.Via));
        Assert.Contains("\"number\":null", audit.Comment);
        Assert.Contains("→", audit.Comment);
        Assert.Contains("\"number\":\"GR202321000123\"", audit.Comment);
    }

    [Fact]
    public async Task Certifying_through_the_api_and_the_page_is_kept_to_the_zone_refuses_bad_dates_and_audits_old_and_new_values()
    {
        Assert.Equal(0, (await Cli("enterprises", "import", WriteFile("returns.csv", Csv(Rows)))).ExitCode);
        await UsersAsync();
        await using var server = await RunningServer.StartAsync(store.Location);
        using var office = await server.TokenClientAsync(store, "office@example.org");
        using var shenyang = await server.TokenClientAsync(store, "sy@example.org");
        using var firm = await server.TokenClientAsync(store, "firm@example.org");

        var first = await office.PutAsJsonAsync($"/api/enterprises/{C}/certificate", new { number = "GR201921000456", issuedOn = "2019-12-02" });
        var renewed = await office.PutAsJsonAsync($"/api/enterprises/{C}/certificate",
            new { number = "GR202221000789", issuedOn = "2022-12-01", expiresOn = Today.AddYears(1).ToString("yyyy-MM-dd") });
        var backwards = await office.PutAsJsonAsync($"/api/enterprises/{C}/certificate", new { number = "GR9", issuedOn = "2023-12-02", expiresOn = "2023-12-01" });
        var notADate = await office.PutAsJsonAsync($"/api/enterprises/{C}/certificate", new { number = "GR9", issuedOn = "2023-02-30" });
        var blank = await office.PutAsJsonAsync($"/api/enterprises/{C}/certificate", new { number = "", issuedOn = "2023-12-02" });
        var unknown = await office.PutAsJsonAsync($"/api/enterprises/{TestCreditCodes.Make(99)}/certificate", new { number = "GR9", issuedOn = "2023-12-02" });
        var otherZone = await shenyang.PutAsJsonAsync($"/api/enterprises/{C}/certificate", new { number = "GR9", issuedOn = "2023-12-02" });
        var enterpriseRole = await firm.PutAsJsonAsync($"/api/enterprises/{A}/certificate", new { number = "GR9", issuedOn = "2023-12-02" });
        var anonymous = await server.Client.PutAsJsonAsync($"/api/enterprises/{A}/certificate", new { number = "GR9", issuedOn = "2023-12-02" });
        var own = await shenyang.PutAsJsonAsync($"/api/enterprises/{A}/certificate", new { number = "GR202321000123", issuedOn = "2023-12-02" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var stored = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("2022-12-02", false), (stored.GetProperty("expiresOn").GetString(), stored.GetProperty("valid").GetBoolean()));
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        async Task<(HttpStatusCode, string?)> Refusal(HttpResponseMessage r) =>
            (r.StatusCode, (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "expires_before_issued"), await Refusal(backwards));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "bad_date"), await Refusal(notADate));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "number_required"), await Refusal(blank));
        Assert.Equal((HttpStatusCode.NotFound, "unknown_enterprise"), await Refusal(unknown));
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), await Refusal(otherZone));
        Assert.Equal(HttpStatusCode.Forbidden, enterpriseRole.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        var c = (await office.GetFromJsonAsync<JsonElement>($"/api/enterprises/{C}")).GetProperty("hteCertificate");
        Assert.Equal(("GR202221000789", "2022-12-01", Today.AddYears(1).ToString("yyyy-MM-dd"), true),
            (c.GetProperty("number").GetString(), c.GetProperty("issuedOn").GetString(), c.GetProperty("expiresOn").GetString(), c.GetProperty("valid").GetBoolean()));
        var audit = await CertificateAuditAsync();
        Assert.Equal([C, C, A], audit.Select(x => x.ElementCode));
        Assert.Equal(("office@example.org", ReportStore.Via.Api, "dalian"), (audit[1].Actor, audit[1].Via, audit[1].UnitCode));
        var (old, @new) = (audit[1].Comment!.Split(" → ")[0], audit[1].Comment!.Split(" → ")[1]);
        Assert.Contains("GR201921000456", old);
        Assert.Contains("2022-12-02", old);
        Assert.Contains("GR202221000789", @new);

        // The page's form, for a zone operator's own enterprise.
        using var session = new PageSession(server.Address);
        await session.SignInAsync("sy@example.org", Password);
        var before = await session.GetStringAsync($"/enterprises/{A}");
        Assert.Contains("id=\"certificate-form\"", before);
        var badForm = await session.PostFormAsync($"/enterprises/{A}", $"/enterprises/{A}?handler=Certificate",
            [new("number", "GR202421000001"), new("issuedOn", "2024-12-02"), new("expiresOn", "2024-01-01")]);
        Assert.Equal(HttpStatusCode.OK, badForm.StatusCode);
        Assert.Contains("id=\"refusal\"", await badForm.Content.ReadAsStringAsync());
        var posted = await session.PostFormAsync($"/enterprises/{A}", $"/enterprises/{A}?handler=Certificate",
            [new("number", "GR202421000001"), new("issuedOn", Today.AddDays(-10).ToString("yyyy-MM-dd")), new("expiresOn", "")]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = await session.GetStringAsync($"/enterprises/{A}");
        Assert.Contains("GR202421000001", page);
        Assert.Contains(Today.AddDays(-10).AddYears(3).ToString("yyyy-MM-dd"), page);
        Assert.Contains("data-valid=\"true\"", page);
        Assert.Equal(4, (await CertificateAuditAsync()).Count);
        Assert.Equal(ReportStore.Via.Form, (await CertificateAuditAsync())[^1].Via);
    }
}

public sealed class EnterpriseOnSqlite() : EnterpriseSpec(new SqliteTestStore());

public sealed class EnterpriseOnPostgres() : EnterpriseSpec(new PostgresTestStore());

/// <summary>Runs alone: it measures the process's managed heap, which tests running beside it would disturb.</summary>
[CollectionDefinition(nameof(EnterpriseMemoryCollection), DisableParallelization = true)]
public sealed class EnterpriseMemoryCollection;

/// <summary>
/// A national-scale import on SQLite: 200,000 returns, generated here. Memory must be flat in the number of rows.
/// Method: a sampler thread records, every 2 ms, the managed heap size as of the last GC
/// (<c>GC.GetGCMemoryInfo().HeapSizeBytes</c>) and the bytes in use now (<c>GC.GetTotalMemory(false)</c>), keeping the
/// peak of each during one import; the 200,000-row import's peak must stay well under twice the 20,000-row import's
/// (it would be about ten times were the rows held). Total allocation is no measure of flatness and is not used.
/// </summary>
[Collection(nameof(EnterpriseMemoryCollection))]
public sealed class EnterpriseBulkImportOnSqlite : IAsyncLifetime
{
    private readonly ITestStore store = new SqliteTestStore();
    private readonly string folder = Directory.CreateTempSubdirectory("gaoxin-bulk-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>A deterministic file: enterprise n in zone n mod 15, money from a simple congruential sequence.</summary>
    private string Generate(string name, int rows, int year, string[] zones)
    {
        var path = Path.Combine(folder, name);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("credit_code,name,zone,year,registered_on,industry,is_hte,revenue,employees,st_employees,rd_expense,st_expense,high_tech_revenue,net_assets,exports,vc_received,valuation_usd_m,listed\n");
        var x = 12345L;
        for (var n = 0; n < rows; n++)
        {
            x = (x * 1103515245 + 12345) % 2147483648;
            var revenue = x % 500000 / 100m + 10;
            var employees = (int)(x % 2000) + 5;
            writer.Write(FormattableString.Invariant(
                $"{TestCreditCodes.Make(n)},企业{n},{zones[n % zones.Length]},{year},2010-01-01,C39,{n % 5 % 2},{revenue},{employees},{employees / 5},{Cents(revenue / 20)},{Cents(revenue / 15)},{Cents(revenue / 2)},{Cents(revenue / 3)},{n % 7 * 10},0,,0\n"));
        }
        return path;
    }

    private static decimal Cents(decimal value) => Math.Round(value, 2);

    private static async Task<(CliResult Result, long HeapPeak, long InUsePeak, TimeSpan Elapsed)> MeasuredAsync(string[] args)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long heapPeak = 0, inUsePeak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                heapPeak = Math.Max(heapPeak, GC.GetGCMemoryInfo().HeapSizeBytes);
                inUsePeak = Math.Max(inUsePeak, GC.GetTotalMemory(false));
                Thread.Sleep(2);
            }
        }) { IsBackground = true };
        sampler.Start();
        var watch = Stopwatch.StartNew();
        var result = await CliRun.RunAsync(args);
        watch.Stop();
        stop.Cancel();
        sampler.Join();
        return (result, heapPeak, inUsePeak, watch.Elapsed);
    }

    [Fact]
    public async Task Two_hundred_thousand_returns_import_with_memory_flat_in_the_number_of_rows()
    {
        string[] zones = ["shenyang", "dalian", "anshan", "fushun", "benxi", "dandong", "jinzhou", "yingkou", "fuxin", "liaoyang", "tieling", "chaoyang", "panjin", "huludao", "suizhong"];
        var small = Generate("small.csv", 20_000, 2019, zones);
        var large = Generate("large.csv", 200_000, 2020, zones);
        Assert.Equal(0, (await CliRun.RunAsync("zones", "list", "--db", store.DbArgument)).ExitCode); // create and migrate first

        var first = await MeasuredAsync(["enterprises", "import", small, "--db", store.DbArgument]);
        var second = await MeasuredAsync(["enterprises", "import", large, "--db", store.DbArgument]);

        Assert.True(first.Result.ExitCode == 0, first.Result.Error);
        Assert.True(second.Result.ExitCode == 0, second.Result.Error);
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            Assert.Equal(200_000, await db.EnterpriseReturns.CountAsync(r => r.Year == 2020));
            Assert.Equal(220_000, await db.EnterpriseReturns.CountAsync());
            Assert.Equal(200_000m, await db.EnterpriseAggregates.Where(a => a.Year == 2020 && a.Element == "enterprise_count").SumAsync(a => a.Value));
        }
        var report = $"20k: heap peak {first.HeapPeak >> 20} MB, in use peak {first.InUsePeak >> 20} MB, {first.Elapsed.TotalSeconds:0.0} s; " +
                     $"200k: heap peak {second.HeapPeak >> 20} MB, in use peak {second.InUsePeak >> 20} MB, {second.Elapsed.TotalSeconds:0.0} s " +
                     $"({200_000 / second.Elapsed.TotalSeconds:0} rows/s)";
        Console.WriteLine(report);
        Assert.True(second.HeapPeak < 1.5 * first.HeapPeak, report);
        Assert.True(second.InUsePeak < 1.5 * first.InUsePeak, report);
    }
}

/// <summary>The SQLite import writes values byte for byte as Microsoft.Data.Sqlite and System.Text.Json would.</summary>
public sealed class EnterpriseImportEncodingTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("0.000")]
    [InlineData("-0.00")]
    [InlineData("3000")]
    [InlineData("3000.00")]
    [InlineData("1200.50")]
    [InlineData("-50")]
    [InlineData("0.000001")]
    [InlineData("-0.000001")]
    [InlineData("99999999999999.999999")]
    [InlineData("100")]
    [InlineData("10.10")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("0.1000000000000000000000000001")]
    public void Decimals_are_stored_as_Microsoft_Data_Sqlite_formats_them(string text)
    {
        var value = decimal.Parse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture);
        var buffer = new byte[32];
        var written = SqliteReturnWriter.FormatDecimal(value, buffer);
        Assert.Equal(value.ToString(SqliteReturnWriter.DecimalFormat, System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetString(buffer, 0, written));
    }

    [Fact]
    public void Further_figures_are_the_json_a_Utf8JsonWriter_writes()
    {
        var elements = new Dictionary<string, Core.Collection.DataElement>(StringComparer.OrdinalIgnoreCase)
        {
            ["tax"] = new("tax", "税", "Tax", "万元", Core.Collection.ElementType.Number, null, null, false),
            ["f01"] = new("f01", "一", "One", "万元", Core.Collection.ElementType.Number, 0, null, false),
            ["n02"] = new("n02", "二", "Two", "个", Core.Collection.ElementType.Integer, 0, null, false),
        };
        var zones = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["shenyang"] = "shenyang" };
        var code = TestCreditCodes.Make(7);
        var head = "credit_code,name,zone,year,registered_on,industry,is_hte,revenue,employees,st_employees,rd_expense,st_expense,high_tech_revenue,net_assets,exports,vc_received,valuation_usd_m,listed";
        string[] cases = ["12.5,3.00,7", "-0.5,,", ",,", "+5,0.000001,0012", " 1 ,２,3"];
        var csv = head + ",tax,F01,n02\n" + string.Join("", cases.Select((c, i) => $"{code},甲,shenyang,{2010 + i},,,0,,,,,,,,,,,0,{c}\n"));
        var problems = new ProblemList("x.csv");
        var writer = new CapturingWriter();

        new ReturnReader(problems, zones, elements).Read(new StringReader(csv), writer);

        Assert.Equal(0, problems.Count);
        var expected = cases.Select(c =>
        {
            var parts = c.Split(',');
            var stream = new MemoryStream();
            var any = false;
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartObject();
                foreach (var (name, part) in new[] { "tax", "f01", "n02" }.Zip(parts))
                {
                    var clean = part.Normalize(NormalizationForm.FormKC).Trim();
                    if (clean.Length == 0) continue;
                    json.WriteNumber(name, decimal.Parse(clean, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture));
                    any = true;
                }
                json.WriteEndObject();
            }
            return any ? Encoding.UTF8.GetString(stream.ToArray()) : null;
        });
        Assert.Equal(expected, writer.Extras);
    }

    private sealed class CapturingWriter : IReturnWriter
    {
        public List<string?> Extras { get; } = [];

        public int? Write(ReturnRow row)
        {
            Extras.Add(row.Extra);
            return null;
        }

        public Task<IReadOnlyList<(int Row, int FirstRow, string CreditCode, int Year)>> DuplicatesAsync(int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<(int, int, string, int)>>([]);

        public Task StoreAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>The import's two threads: the reader's rows reach the store's writer whole, in file order, and its failures reach the reader.</summary>
public sealed class EnterprisePipelineTests
{
    private sealed class RecordingWriter(int failAt = -1) : IReturnWriter
    {
        public List<(int Row, string Code, decimal? Revenue, string? Extra)> Rows { get; } = [];
        public bool Stored { get; private set; }
        public bool Disposed { get; private set; }

        public int? Write(ReturnRow row)
        {
            if (Rows.Count == failAt) throw new IOException("disk full");
            Rows.Add((row.SourceRow, row.CreditCode, row.Revenue, row.Extra));
            return null;
        }

        public Task<IReadOnlyList<(int Row, int FirstRow, string CreditCode, int Year)>> DuplicatesAsync(int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<(int, int, string, int)>>([]);

        public Task StoreAsync(CancellationToken cancellationToken)
        {
            Stored = true;
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }

    private static ReturnRow Row(int i)
    {
        var row = new ReturnRow { SourceRow = i + 2, CreditCode = $"C{i}", Revenue = i * 1.5m, ExtraUtf8 = new byte[16] };
        row.ExtraLength = Encoding.UTF8.GetBytes($"{{\"f\":{i}}}", row.ExtraUtf8);
        return row;
    }

    [Fact]
    public async Task Every_row_reaches_the_writer_unchanged_and_in_file_order_though_the_reader_reuses_one_row()
    {
        var inner = new RecordingWriter();
        var reused = new ReturnRow { ExtraUtf8 = new byte[16] };
        await using (var pipeline = new PipelinedReturnWriter(inner, CancellationToken.None))
        {
            for (var i = 0; i < 5_000; i++)
            {
                Row(i).CopyTo(reused);
                Assert.Null(pipeline.Write(reused));
            }
            await pipeline.StoreAsync(CancellationToken.None);
        }

        Assert.True(inner.Stored && inner.Disposed);
        Assert.Equal(Enumerable.Range(0, 5_000).Select(i => (i + 2, $"C{i}", (decimal?)(i * 1.5m), (string?)$"{{\"f\":{i}}}")), inner.Rows);
    }

    [Fact]
    public async Task A_writer_that_fails_mid_file_stops_the_reader_with_its_own_error()
    {
        var inner = new RecordingWriter(failAt: 1_000);
        var pipeline = new PipelinedReturnWriter(inner, CancellationToken.None);
        var failure = await Assert.ThrowsAsync<IOException>(async () =>
        {
            for (var i = 0; i < 100_000; i++) pipeline.Write(Row(i));
            await pipeline.StoreAsync(CancellationToken.None);
        });
        await pipeline.DisposeAsync();

        Assert.Equal("disk full", failure.Message);
        Assert.False(inner.Stored);
        Assert.Equal(1_000, inner.Rows.Count);
        Assert.True(inner.Disposed);
    }

    [Fact]
    public async Task Cancelling_stops_the_reader_and_nothing_is_stored()
    {
        using var cancel = new CancellationTokenSource();
        var inner = new RecordingWriter();
        var pipeline = new PipelinedReturnWriter(inner, cancel.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                if (i == 3_000) await cancel.CancelAsync();
                pipeline.Write(Row(i));
            }
            await pipeline.StoreAsync(CancellationToken.None);
        });
        await pipeline.DisposeAsync();

        Assert.False(inner.Stored);
        Assert.True(inner.Rows.Count < 1_000_000);
    }
}

/// <summary>The GB 32100-2015 check character, on real published codes and generated ones.</summary>
public sealed class EnterpriseCreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")] // the standard's own example
    [InlineData("91330100716105852F")]
    [InlineData("9144030071526726XG")]
    [InlineData("91110000802100433B")]
    public void Published_codes_pass(string code) => Assert.Null(Core.Enterprises.CreditCode.Validate(code));

    [Fact]
    public void Generated_codes_pass_and_any_other_check_character_fails()
    {
        foreach (var n in new long[] { 0, 1, 30, 31, 961, 123_456_789 })
        {
            var code = TestCreditCodes.Make(n);
            Assert.Null(Core.Enterprises.CreditCode.Validate(code));
            Assert.Equal(code[17], Core.Enterprises.CreditCode.CheckCharacter(code.AsSpan(0, 17)));
            Assert.Equal("check_digit", Core.Enterprises.CreditCode.Validate(TestCreditCodes.WithWrongCheck(code))?.Code);
        }
    }

    [Theory]
    [InlineData("91350100M000100Y4", "length")]
    [InlineData("91350100M000100Y433", "length")]
    [InlineData("91350100M00010OY43", "bad_character")] // letter O is not in the alphabet
    [InlineData("91350100M000100y43", "bad_character")]
    public void Malformed_codes_say_why(string code, string why) => Assert.Equal(why, Core.Enterprises.CreditCode.Validate(code)?.Code);

    [Fact]
    public void Aggregates_are_in_the_units_of_the_bundled_data_elements_they_fill()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "datasets", "liaoning-default.yaml");
        var (set, errors) = Core.Collection.DataSetParser.Parse(path, File.ReadAllText(path));
        Assert.True(set is not null, string.Join("; ", errors));
        var elements = set.Elements.ToDictionary(e => e.Code);
        foreach (var aggregate in EnterpriseAggregates.Definitions.Where(d => elements.ContainsKey(d.Element)))
            Assert.Equal((aggregate.Element, elements[aggregate.Element].Unit), (aggregate.Element, aggregate.Unit));
        Assert.Equal(["enterprise_count", "hte_count", "revenue", "rd_expenditure", "employees", "n21_exports", "n21_hte_exports", "n21_vc_backed_enterprises"],
            EnterpriseAggregates.Definitions.Where(d => elements.ContainsKey(d.Element)).Select(d => d.Element));
    }
}
