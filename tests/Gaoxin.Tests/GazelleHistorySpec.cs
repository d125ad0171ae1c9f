using System.Globalization;
using System.Text;
using System.Text.Json;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Enterprises;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>
/// Gazelle status over several years, on each provider: <c>new</c> in t is decided on t − 1 classified on its full history
/// (t − 4 .. t − 1), under the rule set that judged t − 1; each data year is judged by the rules in force for it (the Torch
/// standard before 2021, rules/gazelle-liaoning-2021.yaml from 2021, 辽科创办发〔2021〕2号) unless the office names one; the
/// kept zone counts follow the same rule, and the national model's 5.5 (n21_new_gazelles) counts with the national
/// (Torch) rules. Innovation: 科技活动经费 is 3–4 % of revenue throughout, above both rule sets' 2.5 %.
/// </summary>
public abstract class GazelleHistorySpec(ITestStore store) : IAsyncLifetime
{
    private const string Header = "credit_code,name,zone,year,registered_on,industry,is_hte,revenue,employees,st_employees,rd_expense,st_expense,high_tech_revenue,net_assets,exports,vc_received,valuation_usd_m,listed";

    private static string Code(int n) => TestCreditCodes.Make(2000 + n);

    private static string Row(int n, string zone, int year, string registered, decimal revenue, int employees, decimal stShare, decimal vc = 0) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Code(n)},企业{n},{zone},{year},{registered},C39,1,{revenue},{employees},10,1,{revenue * stShare},,,,{vc},,0");

    /// <summary>
    /// 1 (沈阳): registered 2008-05-01, revenue 1,500 / 2,000 / 2,500 / 3,125 / 3,906.25万 in 2015–2019, staff flat, 科技活动经费
    /// 4 % of revenue. 2018 (age 10): 3,125 / 1,500 = 2.08 ≥ 1.2³ = 1.728 on a base above 1,000万 and up on 2017 → revenue_growth.
    /// 2019 (age 11): 3,906.25 / 2,000 = 1.95 ≥ 1.728, up on 2018 → revenue_growth again. 2017 lacks its t − 3 (2014): no gazelle.
    /// </summary>
    private static readonly (int Year, decimal Revenue)[] Example = [(2015, 1500m), (2016, 2000m), (2017, 2500m), (2018, 3125m), (2019, 3906.25m)];

    private static IEnumerable<string> Rows()
    {
        foreach (var (y, r) in Example) yield return Row(1, "shenyang", y, "2008-05-01", r, 80, 0.04m);
        // 2 (大连): registered 2010, a 1,000万 venture round in 2020 and in 2021 — Liaoning's venture_capital route (≥ 1,000万,
        // age ≤ 20); Torch has no such route, and no growth route without a t − 3 year.
        yield return Row(2, "dalian", 2020, "2010-03-01", 3000, 60, 0.03m, vc: 1000);
        yield return Row(2, "dalian", 2021, "2010-03-01", 3000, 60, 0.03m, vc: 1000);
        // 3 (大连): registered 2012, revenue 2,000 → 3,456 over 2018–2021: 3,456 / 2,000 = 1.728, a CAGR of exactly 20 %, up on
        // 2020 — revenue_growth under both rule sets (age 9 ≤ Torch's 15). 2020 lacks 2017: not a gazelle then.
        foreach (var (y, r) in new[] { (2018, 2000m), (2019, 2400m), (2020, 2880m), (2021, 3456m) })
            yield return Row(3, "dalian", y, "2012-01-01", r, 50, 0.03m);
        // 4 (大连): registered 2012, first return 2021 with a 2,000万 venture round: a new Liaoning gazelle, no Torch one.
        yield return Row(4, "dalian", 2021, "2012-01-01", 3000, 60, 0.03m, vc: 2000);
    }

    public async Task InitializeAsync()
    {
        var import = await Cli("enterprises", "import", await WriteAsync("returns.csv", Rows()));
        Assert.True(import.ExitCode == 0, import.Error + import.Output);
    }

    public async Task DisposeAsync() => await store.DisposeAsync();

    private static async Task<string> WriteAsync(string name, IEnumerable<string> rows)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("gaoxin-gazh-").FullName, name);
        await File.WriteAllTextAsync(path, string.Join("\n", rows.Prepend(Header)) + "\n", new UTF8Encoding(false));
        return path;
    }

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    private async Task<JsonElement> GazellesAsync(int year, params string[] args)
    {
        var result = await Cli(["gazelles", "--year", year.ToString(CultureInfo.InvariantCulture), "--format", "json", .. args]);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output).RootElement;
    }

    private static string[] Listing(JsonElement result) =>
        result.GetProperty("enterprises").EnumerateArray().Select(e =>
            $"{e.GetProperty("credit_code").GetString()} {e.GetProperty("kind").GetString()} {(e.GetProperty("new").GetBoolean() ? "new" : "old")} "
            + string.Join("+", e.GetProperty("routes").EnumerateArray().Select(r => r.GetString()))).ToArray();

    private static string[] RulesByYear(JsonElement result) =>
        result.GetProperty("rules_by_year").EnumerateArray().Select(r => $"{r.GetProperty("year").GetInt32()} {r.GetProperty("rules").GetString()}").ToArray();

    /// <summary>The kept counts of a zone-year: element → value.</summary>
    private async Task<Dictionary<string, decimal>> CountsAsync(string zone, int year)
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        return await db.EnterpriseAggregates.AsNoTracking().Where(a => a.ZoneCode == zone && a.Year == year)
            .ToDictionaryAsync(a => a.Element, a => a.Value);
    }

    [Fact]
    public async Task Last_years_gazelle_through_revenue_growth_is_not_new_because_last_year_is_judged_on_its_full_history()
    {
        var y2018 = await GazellesAsync(2018, "--zone", "shenyang");
        var y2019 = await GazellesAsync(2019, "--zone", "shenyang");
        // The same under the Liaoning rules named for every year: age 11 ≤ 20, the same growth route.
        var liaoning2019 = await GazellesAsync(2019, "--zone", "shenyang", "--rules", "gazelle-liaoning-2021");

        Assert.Equal([$"{Code(1)} gazelle new revenue_growth"], Listing(y2018));
        Assert.Equal([$"{Code(1)} gazelle old revenue_growth"], Listing(y2019));
        Assert.Equal([$"{Code(1)} gazelle old revenue_growth"], Listing(liaoning2019));
        // 2018 and 2019 come before the Liaoning rules (2021): the Torch standard judges both.
        Assert.Equal("gazelle-torch", y2019.GetProperty("rules").GetString());
        Assert.Equal(["2019 gazelle-torch", "2018 gazelle-torch"], RulesByYear(y2019));
        Assert.Equal(["2019 gazelle-liaoning-2021", "2018 gazelle-liaoning-2021"], RulesByYear(liaoning2019));
    }

    [Fact]
    public async Task The_kept_zone_count_of_new_gazelles_reads_the_full_history_after_a_one_year_import_and_follows_an_older_correction()
    {
        // After the whole panel: 2018 one gazelle, new; 2019 the same gazelle, not new.
        Assert.Equal((1m, 1m), ((await CountsAsync("shenyang", 2018))["gazelles"], (await CountsAsync("shenyang", 2018))["gazelles_new"]));
        Assert.Equal((1m, 0m), ((await CountsAsync("shenyang", 2019))["gazelles"], (await CountsAsync("shenyang", 2019))["gazelles_new"]));

        // Re-importing 2019 alone recounts 2019 from a panel that must still reach 2015 (2018's base year).
        var again = await Cli("enterprises", "import", await WriteAsync("2019.csv", [Row(1, "shenyang", 2019, "2008-05-01", 3906.25m, 80, 0.04m)]));
        Assert.True(again.ExitCode == 0, again.Error);
        var after2019 = await CountsAsync("shenyang", 2019);
        Assert.Equal((1m, 0m), (after2019["gazelles"], after2019["gazelles_new"]));
        Assert.Equal(0m, after2019["gazelles_new_national"]);

        // 2015 corrected to 1,000万: 2018's base is no longer above 1,000万, so 2018 has no gazelle and 2019's is new —
        // a change four years back reaches the new count of 2019.
        var correction = await Cli("enterprises", "import", await WriteAsync("2015.csv", [Row(1, "shenyang", 2015, "2008-05-01", 1000m, 80, 0.04m)]));
        Assert.True(correction.ExitCode == 0, correction.Error);
        Assert.Equal((0m, 0m), ((await CountsAsync("shenyang", 2018))["gazelles"], (await CountsAsync("shenyang", 2018))["gazelles_new"]));
        Assert.Equal((1m, 1m), ((await CountsAsync("shenyang", 2019))["gazelles"], (await CountsAsync("shenyang", 2019))["gazelles_new"]));
    }

    [Fact]
    public async Task Each_year_is_judged_by_its_own_rules_unless_the_office_names_one_and_the_output_says_which()
    {
        var byYear = await GazellesAsync(2021, "--zone", "dalian");
        var named = await GazellesAsync(2021, "--zone", "dalian", "--rules", "gazelle-liaoning-2021");
        var year2020 = await GazellesAsync(2020, "--zone", "dalian");
        var table = await Cli("gazelles", "--year", "2021", "--zone", "dalian");

        // 2021 under Liaoning; 2020 under Torch, where 2's venture round makes no gazelle — so 2 is new in 2021.
        Assert.Equal("gazelle-liaoning-2021", byYear.GetProperty("rules").GetString());
        Assert.Equal([$"{Code(2)} gazelle new venture_capital", $"{Code(3)} gazelle new revenue_growth", $"{Code(4)} gazelle new venture_capital"],
            Listing(byYear).Order(StringComparer.Ordinal));
        Assert.Empty(Listing(year2020));
        Assert.Equal("gazelle-torch", year2020.GetProperty("rules").GetString());
        Assert.Equal(["2021 gazelle-liaoning-2021", "2020 gazelle-torch"], RulesByYear(byYear));
        // Liaoning named for every year: 2 was already a gazelle in 2020 (age 10, 1,000万 round), so not new.
        Assert.Equal(["2021 gazelle-liaoning-2021", "2020 gazelle-liaoning-2021"], RulesByYear(named));
        Assert.Contains($"{Code(2)} gazelle old venture_capital", Listing(named));
        Assert.Contains("2021 judged by gazelle-liaoning-2021; 2020 judged by gazelle-torch", table.Output);
    }

    [Fact]
    public async Task The_national_models_new_gazelles_are_counted_with_the_national_rules_not_Liaonings()
    {
        // 2021 in 大连 under each year's rules (Liaoning, against Torch's 2020): 2, 3 and 4 are new. Under the national Torch
        // rules in both years only 3 is (2 and 4 qualify by a venture round, which Torch does not count).
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            var set = await DataSetStore.GetAsync(db, CancellationToken.None);
            var filled = await EnterpriseAggregates.ValuesAsync(db, set, [2021], CancellationToken.None);
            // n21_new_gazelles is the input of the national model's indicator 5.5 (models/cn-htz-2021.yaml n5_5).
            Assert.Equal(1m, filled.Single(v => v.Unit == "dalian" && v.Element == "n21_new_gazelles").Value);
            Assert.Equal(3m, filled.Single(v => v.Unit == "dalian" && v.Element == "gazelles").Value);
        }
        var counts = await CountsAsync("dalian", 2021);
        Assert.Equal((3m, 3m, 1m), (counts["gazelles"], counts["gazelles_new"], counts["gazelles_new_national"]));
    }
}

public sealed class GazelleHistoryOnSqlite() : GazelleHistorySpec(new SqliteTestStore());

public sealed class GazelleHistoryOnPostgres() : GazelleHistorySpec(new PostgresTestStore());
