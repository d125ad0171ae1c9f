using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gaoxin.Core.Figures;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Figures;
using Gaoxin.Tests.Support;

namespace Gaoxin.Tests;

/// <summary>
/// Gazelle (瞪羚) and unicorn (独角兽) identification over stored returns, on each provider: a hand-made panel whose
/// enterprises each hit one route or one age limit of rules/gazelle-liaoning-2021.yaml and rules/gazelle-torch.yaml, the
/// exact list of <c>gaoxin gazelles</c>, the API's zone scoping, and the per-zone counts filling a zone's blank figure.
/// The data year is t = 2020; age = 2020 − year of registration. 2020 comes before the Liaoning document (2021), so by
/// default the Torch standard judges it; the Liaoning lists name that rule set, as the office may.
/// </summary>
public abstract class GazelleSpec(ITestStore store) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private const string Header = "credit_code,name,zone,year,registered_on,industry,is_hte,revenue,employees,st_employees,rd_expense,st_expense,high_tech_revenue,net_assets,exports,vc_received,valuation_usd_m,listed";

    private static string Code(int n) => TestCreditCodes.Make(1000 + n);

    /// <summary>One return: 科技活动经费 is 3 % of revenue (the 2.5 % innovation threshold holds) unless given.</summary>
    private static string Row(int n, string zone, int year, string registered, decimal revenue, int employees, decimal? st = null, decimal vc = 0,
        decimal? valuation = null, bool listed = false) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Code(n)},企业{n},{zone},{year},{registered},C39,1,{revenue},{employees},10,1,{st ?? revenue * 0.03m},,,,{vc},{valuation},{(listed ? 1 : 0)}");

    private static IEnumerable<string> Rows()
    {
        // 1: 5 years old, revenue exactly 5亿 — Liaoning's young_large (≥) holds, Torch's (>) does not. 4亿 the year before.
        yield return Row(1, "shenyang", 2019, "2016-05-01", 40000, 300);
        yield return Row(1, "shenyang", 2020, "2016-05-01", 50000, 300);
        // 2: 9 years old, 12亿 both years — large under both rule sets, a gazelle already in 2019 (not new).
        yield return Row(2, "shenyang", 2019, "2011-01-01", 120000, 800);
        yield return Row(2, "shenyang", 2020, "2011-01-01", 120000, 800);
        // 3: 15 years old, revenue 2000 → 3456 over three years: CAGR exactly 20 %, up on the year; Torch's age limit 15 still holds.
        foreach (var (y, r) in new[] { (2017, 2000m), (2018, 2500m), (2019, 3000m), (2020, 3456m) })
            yield return Row(3, "shenyang", y, "2005-07-01", r, 50);
        // 4: 12 years old, employees 1000 → 2197: CAGR exactly 30 %, revenue flat.
        foreach (var (y, e) in new[] { (2017, 1000), (2018, 1500), (2019, 2000), (2020, 2197) })
            yield return Row(4, "shenyang", y, "2008-01-01", 5000, e);
        // 5: 16 years old, a 1,000万 venture round in 2020: Liaoning's venture_capital route; Torch has none.
        yield return Row(5, "shenyang", 2019, "2004-01-01", 3000, 60);
        yield return Row(5, "shenyang", 2020, "2004-01-01", 3000, 60, vc: 1000);
        // 6: 21 years old with 3's growth: over Liaoning's 20 years and Torch's 15 — nobody's gazelle.
        foreach (var (y, r) in new[] { (2017, 2000m), (2018, 2500m), (2019, 3000m), (2020, 3456m) })
            yield return Row(6, "shenyang", y, "1999-01-01", r, 50);
        // 7: 17 years old with 3's growth: a Liaoning gazelle, too old for Torch's growth routes.
        foreach (var (y, r) in new[] { (2017, 2000m), (2018, 2500m), (2019, 3000m), (2020, 3456m) })
            yield return Row(7, "shenyang", y, "2003-01-01", r, 50);
        // 8: as 2 but 科技活动经费 2 % of revenue: the innovation threshold fails.
        yield return Row(8, "shenyang", 2020, "2011-01-01", 120000, 800, st: 2400);
        // 9: 6 years old, valued US$1.5bn in 2020 (800m in 2019), unlisted: a new unicorn.
        yield return Row(9, "shenyang", 2019, "2014-01-01", 500, 40, valuation: 800);
        yield return Row(9, "shenyang", 2020, "2014-01-01", 500, 40, valuation: 1500);
        // 10: 12 years old and US$2bn: too old for a unicorn. 11: listed: not a unicorn.
        yield return Row(10, "shenyang", 2020, "2008-01-01", 500, 40, valuation: 2000);
        yield return Row(11, "shenyang", 2020, "2014-01-01", 500, 40, valuation: 2000, listed: true);
        // 12: 6 years old with 6亿: past young_large's 5 years, short of large's 10亿.
        yield return Row(12, "shenyang", 2020, "2014-01-01", 60000, 500);
        // 14: growth to 3600 in 2019, then down to 3456: the last year must be up.
        foreach (var (y, r) in new[] { (2017, 2000m), (2018, 2500m), (2019, 3600m), (2020, 3456m) })
            yield return Row(14, "shenyang", y, "2005-07-01", r, 50);
        // 13: Dalian, 8 years old, 15亿 both years.
        yield return Row(13, "dalian", 2019, "2012-01-01", 150000, 900);
        yield return Row(13, "dalian", 2020, "2012-01-01", 150000, 900);
    }

    public async Task InitializeAsync()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("gaoxin-gaz-").FullName, "returns.csv");
        await File.WriteAllTextAsync(path, string.Join("\n", Rows().Prepend(Header)) + "\n", new UTF8Encoding(false));
        var import = await Cli("enterprises", "import", path);
        Assert.True(import.ExitCode == 0, import.Error + import.Output);
    }

    public async Task DisposeAsync() => await store.DisposeAsync();

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    private static IEnumerable<string> Listing(JsonElement result) =>
        result.GetProperty("enterprises").EnumerateArray().Select(e =>
            $"{e.GetProperty("credit_code").GetString()} {e.GetProperty("kind").GetString()} {(e.GetProperty("new").GetBoolean() ? "new" : "old")} "
            + string.Join("+", e.GetProperty("routes").EnumerateArray().Select(r => r.GetString())));

    private static string[] Expected(params (int N, string Kind, bool New, string Routes)[] rows) =>
        rows.OrderBy(r => Code(r.N), StringComparer.Ordinal).Select(r => $"{Code(r.N)} {r.Kind} {(r.New ? "new" : "old")} {r.Routes}").ToArray();

    private async Task<JsonElement> GazellesAsync(params string[] args)
    {
        var result = await Cli(["gazelles", "--year", "2020", "--format", "json", .. args]);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output).RootElement;
    }

    [Fact]
    public async Task The_Liaoning_rules_list_exactly_the_enterprises_built_to_pass_with_new_flags_and_routes()
    {
        var result = await GazellesAsync("--rules", "gazelle-liaoning-2021");

        Assert.Equal(2020, result.GetProperty("year").GetInt32());
        Assert.Equal("gazelle-liaoning-2021", result.GetProperty("rules").GetString());
        Assert.Equal(Expected(
            (1, "gazelle", true, "young_large"),
            (2, "gazelle", false, "large"),
            (3, "gazelle", true, "revenue_growth"),
            (4, "gazelle", true, "employee_growth"),
            (5, "gazelle", true, "venture_capital"),
            (7, "gazelle", true, "revenue_growth"),
            (9, "unicorn", true, ""),
            (13, "gazelle", false, "large")), Listing(result));
        var first = result.GetProperty("enterprises").EnumerateArray().Single(e => e.GetProperty("credit_code").GetString() == Code(13));
        Assert.Equal(("企业13", "dalian"), (first.GetProperty("name").GetString(), first.GetProperty("zone").GetString()));
        var zones = result.GetProperty("zones").EnumerateArray().ToDictionary(z => z.GetProperty("zone").GetString()!);
        Assert.Equal((13, 6, 5, 1), (zones["shenyang"].GetProperty("enterprises").GetInt32(), zones["shenyang"].GetProperty("gazelles").GetInt32(),
            zones["shenyang"].GetProperty("gazelles_new").GetInt32(), zones["shenyang"].GetProperty("unicorns").GetInt32()));
        Assert.Equal((1, 1, 0, 0), (zones["dalian"].GetProperty("enterprises").GetInt32(), zones["dalian"].GetProperty("gazelles").GetInt32(),
            zones["dalian"].GetProperty("gazelles_new").GetInt32(), zones["dalian"].GetProperty("unicorns").GetInt32()));
    }

    [Fact]
    public async Task The_Torch_rules_drop_the_exact_5_yi_the_venture_round_and_the_17_year_old()
    {
        var result = await GazellesAsync("--rules", "gazelle-torch");

        Assert.Equal("gazelle-torch", result.GetProperty("rules").GetString());
        Assert.Equal(Expected(
            (2, "gazelle", false, "large"),
            (3, "gazelle", true, "revenue_growth"),
            (4, "gazelle", true, "employee_growth"),
            (9, "unicorn", true, ""),
            (13, "gazelle", false, "large")), Listing(result));
    }

    [Fact]
    public async Task A_zone_option_keeps_that_zones_enterprises_and_the_table_names_the_routes()
    {
        var dalian = await GazellesAsync("--zone", "dalian");
        var table = await Cli("gazelles", "--year", "2020", "--rules", "gazelle-liaoning-2021");
        var unknown = await Cli("gazelles", "--year", "2020", "--rules", "gazelle-1999");

        Assert.Equal(Expected((13, "gazelle", false, "large")), Listing(dalian));
        Assert.Equal(["dalian"], dalian.GetProperty("zones").EnumerateArray().Select(z => z.GetProperty("zone").GetString()));
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("2020: 7 gazelles, 1 unicorns (rules gazelle-liaoning-2021)", table.Output);
        Assert.Contains("venture_capital", table.Output);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("[unknown_rule_set]", unknown.Error);
    }

    [Fact]
    public async Task The_per_zone_counts_fill_a_zones_blank_figure_and_follow_a_re_import()
    {
        var report = Path.Combine(Directory.CreateTempSubdirectory("gaoxin-gaz-").FullName, "zone.csv");
        await File.WriteAllTextAsync(report, "zone,year,element,value\nshenyang,2020,gdp,1500\nshenyang,2019,gdp,1400\n");
        Assert.Equal(0, (await Cli("data", "import", report, "--approve")).ExitCode);

        Dictionary<(string, int, string), Figure> values;
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
            values = (await FigureStore.InForceAsync(db, 2019, 2020, null, CancellationToken.None)).ToDictionary(v => (v.Value.Unit, v.Value.Year, v.Value.Element));

        // 2020 under Torch (the rules of 2020, and the national ones that n21_new_gazelles counts with): 2, 3 and 4 are
        // gazelles, 3 and 4 new (2 was one in 2019); 1's exact 5亿 is not above 5亿.
        Assert.Equal((2m, FigureSource.Enterprises), (values[("shenyang", 2020, "n21_new_gazelles")].Value.Value, values[("shenyang", 2020, "n21_new_gazelles")].Source));
        Assert.Equal(3m, values[("shenyang", 2020, "gazelles")].Value.Value);
        Assert.Equal(1m, values[("shenyang", 2020, "unicorns")].Value.Value);
        // 2019: only 2 is a gazelle (large; 1 had 4亿, the growth routes lack t − 3); nobody is a unicorn, the zone still gets 0.
        Assert.Equal((1m, 1m, 0m), (values[("shenyang", 2019, "gazelles")].Value.Value, values[("shenyang", 2019, "n21_new_gazelles")].Value.Value,
            values[("shenyang", 2019, "unicorns")].Value.Value));
        Assert.DoesNotContain(values.Keys, k => k.Item1 == "dalian"); // no approved report: nothing is filled

        // A 2019 correction to 5.5亿 makes 1 a gazelle in 2019 (young_large, above 5亿), new: the 2019 counts follow; 2020's
        // stay (1's 5亿 of 2020 is still no Torch gazelle).
        var correction = Path.Combine(Path.GetDirectoryName(report)!, "correction.csv");
        await File.WriteAllTextAsync(correction, Header + "\n" + Row(1, "shenyang", 2019, "2016-05-01", 55000, 300) + "\n");
        Assert.Equal(0, (await Cli("enterprises", "import", correction)).ExitCode);
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
            values = (await FigureStore.InForceAsync(db, 2019, 2020, null, CancellationToken.None)).ToDictionary(v => (v.Value.Unit, v.Value.Year, v.Value.Element));
        Assert.Equal(2m, values[("shenyang", 2020, "n21_new_gazelles")].Value.Value);
        Assert.Equal((2m, 2m), (values[("shenyang", 2019, "gazelles")].Value.Value, values[("shenyang", 2019, "n21_new_gazelles")].Value.Value));

        var rebuilt = await Cli("enterprises", "aggregate");
        Assert.Equal(0, rebuilt.ExitCode);
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
            Assert.Equal(2m, (await FigureStore.InForceAsync(db, 2020, 2020, null, CancellationToken.None))
                .Single(v => v.Value.Unit == "shenyang" && v.Value.Element == "n21_new_gazelles").Value.Value);
    }

    [Fact]
    public async Task The_api_gives_the_office_every_zone_a_zone_operator_their_own_and_the_page_lists_them_in_Chinese()
    {
        foreach (var (email, role, zone) in new[] { ("office@example.org", "admin", (string?)null), ("sy@example.org", "zone_operator", "shenyang"), ("firm@example.org", "enterprise", null) })
            Assert.Equal(0, (await Cli(["users", "add", "--email", email, "--role", role, "--password", Password, .. zone is null ? Array.Empty<string>() : ["--zone", zone]])).ExitCode);
        await using var server = await RunningServer.StartAsync(store.Location);
        using var office = await server.TokenClientAsync(store, "office@example.org");
        using var shenyang = await server.TokenClientAsync(store, "sy@example.org");
        using var firm = await server.TokenClientAsync(store, "firm@example.org");

        var cli = await GazellesAsync();
        var all = await office.GetFromJsonAsync<JsonElement>("/api/gazelles?year=2020");
        var torch = await office.GetFromJsonAsync<JsonElement>("/api/gazelles?year=2020&rules=gazelle-torch");
        var own = await shenyang.GetFromJsonAsync<JsonElement>("/api/gazelles?year=2020");
        var other = await shenyang.GetAsync("/api/gazelles?year=2020&zone=dalian");
        var anonymous = await server.Client.GetAsync("/api/gazelles?year=2020");
        var enterpriseRole = await firm.GetAsync("/api/gazelles?year=2020");
        var unknown = await office.GetAsync("/api/gazelles?year=2020&rules=gazelle-1999");

        Assert.Equal(Listing(cli), Listing(all));
        Assert.Equal(5, torch.GetProperty("enterprises").GetArrayLength());
        Assert.Equal(Listing(cli).Where(l => !l.StartsWith(Code(13), StringComparison.Ordinal)), Listing(own));
        Assert.All(own.GetProperty("enterprises").EnumerateArray(), e => Assert.Equal("shenyang", e.GetProperty("zone").GetString()));
        Assert.Equal(["shenyang"], own.GetProperty("zones").EnumerateArray().Select(z => z.GetProperty("zone").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, enterpriseRole.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal("rules", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());

        using var session = new PageSession(server.Address);
        await session.SignInAsync("sy@example.org", Password);
        var page = await session.GetStringAsync("/enterprises/gazelles?year=2020&rules=gazelle-liaoning-2021");
        var byYear = await session.GetStringAsync("/enterprises/gazelles?year=2020");
        Assert.Contains("高成长(营收)", page);
        Assert.Contains("规模(5年内)", page);
        Assert.Contains("风投", page);
        Assert.Contains("新晋", page);
        Assert.Contains($"data-code=\"{Code(9)}\" data-kind=\"unicorn\"", page);
        Assert.DoesNotContain(Code(13), page);
        // Without a named rule set the page says which rules judged 2020 and 2019 (Torch: before the Liaoning document).
        Assert.Contains("data-year=\"2020\" data-rules=\"gazelle-torch\"", byYear);
        Assert.Contains("data-year=\"2019\" data-rules=\"gazelle-torch\"", byYear);
    }
}

public sealed class GazelleOnSqlite() : GazelleSpec(new SqliteTestStore());

public sealed class GazelleOnPostgres() : GazelleSpec(new PostgresTestStore());
