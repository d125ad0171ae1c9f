using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Gaoxin.Core.Collection;
using Gaoxin.Data;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>
/// The office's review of a zone's report (<c>/zones/{code}/data/{year}</c>) and its overview of approved figures (<c>/data</c>),
/// against a fresh database of each provider. The case is worked by hand: Shenyang's approved 2018 report and its submitted 2019
/// report, whose changes, warnings and rule results are computed below from the figures themselves.
/// </summary>
public abstract partial class ReviewSpec(ITestStore store) : IAsyncLifetime
{
    private RunningServer _server = null!;
    private const string OfficeEmail = "office@example.org";
    private const string ShenyangEmail = "shenyang@example.org";
    private const string Password = "correct-horse-battery";
    private const string Page = "/zones/shenyang/data/2019";

    // Last year (approved) and this year (submitted). By hand:
    //   gdp                1000 → 1100   +100   +10.0%
    //   tax                2900 → 3400   +500   +17.2%  (500 / 2900 = 17.24…%); 3400 ≥ revenue 3300 breaks "tax < revenue" (a warning rule)
    //   enterprise_count    500 →  480    -20    -4.0%
    //   hte_count           100 →  120    +20   +20.0%  (120 ≤ 480: "hte_count <= enterprise_count" holds)
    //   employees         10000 → 16000  +6000  +60.0%  (over the data set's ±50%: a year-on-year warning)
    private const string LastYear = """
        zone,year,element,value
        shenyang,2018,gdp,1000
        shenyang,2018,revenue,3000
        shenyang,2018,tax,2900
        shenyang,2018,enterprise_count,500
        shenyang,2018,hte_count,100
        shenyang,2018,employees,10000
        """;

    private static readonly Dictionary<string, decimal?> ThisYear = new()
    {
        ["gdp"] = 1100m, ["revenue"] = 3300m, ["tax"] = 3400m, ["enterprise_count"] = 480m, ["hte_count"] = 120m, ["employees"] = 16000m,
    };

    private static readonly Dictionary<string, string?> Comments = new()
    {
        ["tax"] = "含一次性土地增值税清缴",
        ["revenue"] = "两家龙头企业投产",
        ["employees"] = "浑南片区并入后人数增加",
    };

    public async Task InitializeAsync()
    {
        foreach (var (email, role, zone) in new[] { (OfficeEmail, "admin", (string?)null), (ShenyangEmail, "zone_operator", "shenyang") })
        {
            var added = await Cli(["users", "add", "--email", email, "--role", role, "--password", Password, .. zone is null ? Array.Empty<string>() : ["--zone", zone]]);
            Assert.True(added.ExitCode == 0, added.Error);
        }
        var path = Path.Combine(Directory.CreateTempSubdirectory("gaoxin-review-").FullName, "2018.csv");
        await File.WriteAllTextAsync(path, LastYear, new UTF8Encoding(false));
        var imported = await Cli("data", "import", path, "--approve");
        Assert.True(imported.ExitCode == 0, imported.Error);
        _server = await RunningServer.StartAsync(store.Location);

        using var shenyang = await _server.TokenClientAsync(store, ShenyangEmail);
        Assert.Equal(HttpStatusCode.OK, (await shenyang.PutAsJsonAsync("/api/zones/shenyang/data/2019", new { values = ThisYear, comments = Comments })).StatusCode);
        var submitted = await shenyang.PostAsync("/api/zones/shenyang/data/2019/submit", null);
        Assert.True(submitted.StatusCode == HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    private async Task<PageSession> SignedInAsync(string email)
    {
        var session = new PageSession(_server.Address);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(email, Password)).StatusCode);
        return session;
    }

    private async Task<ReportState> StateAsync(int year)
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        return await db.Reports.Where(r => r.UnitCode == "shenyang" && r.Year == year && r.State != ReportState.Superseded)
            .Select(r => r.State).SingleAsync();
    }

    [GeneratedRegex("<tr data-element=\"(?<code>[a-z0-9_]+)\"[^>]*>(?<row>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("data-(?<what>last-year|absolute|percent|comment)>(?<text>[^<]*)<")]
    private static partial Regex CellPattern();

    /// <summary>The review table's rows by element: the row's markup, decoded.</summary>
    private static Dictionary<string, string> Rows(string html) =>
        RowPattern().Matches(html).ToDictionary(m => m.Groups["code"].Value, m => WebUtility.HtmlDecode(m.Groups["row"].Value));

    private static Dictionary<string, string> Cells(string row) =>
        CellPattern().Matches(row).ToDictionary(m => m.Groups["what"].Value, m => m.Groups["text"].Value.Trim());

    [Fact]
    public async Task The_office_reads_each_figure_beside_its_comment_last_years_value_and_the_change_worked_by_hand()
    {
        using var office = await SignedInAsync(OfficeEmail);

        var html = await office.GetStringAsync(Page);
        var rows = Rows(html);

        Assert.Contains("id=\"review\"", html);
        Assert.Equal(new Dictionary<string, string> { ["last-year"] = "1000", ["absolute"] = "+100", ["percent"] = "+10.0%", ["comment"] = "—" }, Cells(rows["gdp"]));
        Assert.Equal(new Dictionary<string, string> { ["last-year"] = "2900", ["absolute"] = "+500", ["percent"] = "+17.2%", ["comment"] = "含一次性土地增值税清缴" }, Cells(rows["tax"]));
        Assert.Equal(new Dictionary<string, string> { ["last-year"] = "500", ["absolute"] = "-20", ["percent"] = "-4.0%", ["comment"] = "—" }, Cells(rows["enterprise_count"]));
        Assert.Equal(new Dictionary<string, string> { ["last-year"] = "10000", ["absolute"] = "+6000", ["percent"] = "+60.0%", ["comment"] = "浑南片区并入后人数增加" }, Cells(rows["employees"]));
        // An element reported in neither year has no change to show.
        Assert.DoesNotContain("data-absolute", rows["rd_expenditure"]);
    }

    [Fact]
    public async Task A_rule_result_and_a_warning_stand_beside_every_figure_they_concern_by_name_never_by_id()
    {
        using var office = await SignedInAsync(OfficeEmail);

        var chinese = WebUtility.HtmlDecode(await office.GetStringAsync(Page));
        var rows = Rows(await office.GetStringAsync(Page));
        var english = Rows(await office.GetStringAsync(Page + "?lang=en"));

        // tax 3400 ≥ revenue 3300: the warning rule fails, beside both figures it reads.
        Assert.Contains("不符合(预警):上缴税费通常小于营业收入", rows["tax"]);
        Assert.Contains("不符合(预警):上缴税费通常小于营业收入", rows["revenue"]);
        Assert.Contains("has-warning", RowPattern().Matches(await office.GetStringAsync(Page)).Single(m => m.Groups["code"].Value == "tax").Value);
        // 120 ≤ 480: the error rule holds, beside both its figures and nowhere else.
        Assert.Contains("符合:高新技术企业数不能超过入统企业数", rows["hte_count"]);
        Assert.Contains("符合:高新技术企业数不能超过入统企业数", rows["enterprise_count"]);
        Assert.DoesNotContain("高新技术企业数不能超过入统企业数", rows["gdp"]);
        // employees moved +60% (over ±50%): the year-on-year warning beside it, with last year's value and the rounded change.
        Assert.Contains("较上年 10000 变动 60%", rows["employees"]);
        Assert.Contains("Fails (warning): Taxes paid are normally below operating revenue", english["tax"]);
        Assert.Contains("Holds: High-tech enterprises cannot exceed the enterprises in the statistics", english["enterprise_count"]);
        foreach (var id in new[] { "tax_below_revenue", "hte_within_enterprises", "rd_below_gdp" }) Assert.DoesNotContain(id, chinese);
    }

    [Fact]
    public async Task Approving_without_the_confirmation_changes_nothing_and_with_it_approves()
    {
        using var office = await SignedInAsync(OfficeEmail);

        var page = await office.GetStringAsync(Page);
        var confirmPage = await office.GetStringAsync(Page + "?confirm=approve");
        var unconfirmed = await office.PostFormAsync(Page, Page + "?handler=Approve", []);
        var unconfirmedHtml = await unconfirmed.Content.ReadAsStringAsync();
        var stateAfterUnconfirmed = await StateAsync(2019);
        var confirmed = await office.PostFormAsync(Page, Page + "?handler=Approve", [new("Confirmed", "true")]);

        // The bar's buttons lead to a confirmation (a dialog, or the page with it open without script), never to the decision itself.
        Assert.Contains("id=\"review-bar\"", page);
        Assert.Matches("<dialog id=\"approve-dialog\"[^>]*>", page);
        Assert.DoesNotMatch("<dialog id=\"approve-dialog\"[^>]*open", page);
        Assert.Matches("<dialog id=\"approve-dialog\"[^>]*open", confirmPage);
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Matches("<dialog id=\"approve-dialog\"[^>]*open", unconfirmedHtml);
        Assert.Equal(ReportState.Submitted, stateAfterUnconfirmed);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(ReportState.Approved, await StateAsync(2019));
    }

    [Fact]
    public async Task Returning_needs_the_confirmation_too_and_a_zone_operator_cannot_decide_even_confirmed()
    {
        using var office = await SignedInAsync(OfficeEmail);
        using var zone = await SignedInAsync(ShenyangEmail);

        var unconfirmed = await office.PostFormAsync(Page, Page + "?handler=Return", [new("ReturnComment", "请附统计局核定数")]);
        var stateAfterUnconfirmed = await StateAsync(2019);
        var byZone = await zone.PostFormAsync(Page, Page + "?handler=Approve", [new("Confirmed", "true")]);
        var stateAfterZone = await StateAsync(2019);
        var zonePage = await zone.GetStringAsync(Page);
        var confirmed = await office.PostFormAsync(Page, Page + "?handler=Return", [new("ReturnComment", "请附统计局核定数"), new("Confirmed", "true")]);

        Assert.Matches("<dialog id=\"return-dialog\"[^>]*open", await unconfirmed.Content.ReadAsStringAsync());
        Assert.Equal(ReportState.Submitted, stateAfterUnconfirmed);
        Assert.Contains("/account/denied", byZone.Headers.Location!.OriginalString);
        Assert.Equal(ReportState.Submitted, stateAfterZone);
        // The zone's own view of its submitted report is as before: its figures, no review bar.
        Assert.Contains("id=\"approved\"", zonePage);
        Assert.DoesNotContain("id=\"review-bar\"", zonePage);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(ReportState.Returned, await StateAsync(2019));
    }

    [GeneratedRegex("data-element=\"alliances\" data-source=\"registry\">([0-9]+)<")]
    private static partial Regex AlliancesCell();

    [Fact]
    public async Task The_overview_shows_the_chosen_groups_columns_with_units_and_marks_the_figures_the_platform_filled()
    {
        using var officeApi = await _server.TokenClientAsync(store, OfficeEmail);
        using var office = await SignedInAsync(OfficeEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync(Page, Page + "?handler=Approve", [new("Confirmed", "true")])).StatusCode);
        var before = WebUtility.HtmlDecode(await office.GetStringAsync("/data?year=2019&group=registry"));
        var alliancesBefore = int.Parse(AlliancesCell().Match(before).Groups[1].Value);
        // One more alliance in the registry (the plan's registry already holds some) and one enterprise's return: rd_expense 300 万元 = 0.03 亿元, which the report left blank.
        Assert.Equal(HttpStatusCode.Created, (await officeApi.PostAsJsonAsync("/api/registries/alliance", new { name = "沈阳评审测试联盟", zone = "shenyang", founded = "2018-01-01" })).StatusCode);
        const string returns = "credit_code,name,zone,year,registered_on,industry,is_hte,revenue,employees,st_employees,rd_expense,st_expense,high_tech_revenue,net_assets,exports,vc_received,valuation_usd_m,listed\n";
        var row = $"{TestCreditCodes.Make(4101)},评审测试企业,shenyang,2019,2015-01-01,C39,0,6000,200,40,300,320,4800,1500,0,0,,0\n";
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(returns + row)), "file", "returns.csv" } })
            Assert.Equal(HttpStatusCode.OK, (await officeApi.PostAsync("/api/enterprises/import", form)).StatusCode);

        var core = WebUtility.HtmlDecode(await office.GetStringAsync("/data?year=2019&group=core"));
        var registry = WebUtility.HtmlDecode(await office.GetStringAsync("/data?year=2019&group=registry"));
        var english = WebUtility.HtmlDecode(await office.GetStringAsync("/data?year=2019&group=registry&lang=en"));

        Assert.Contains("data-group=\"core\"", core);
        Assert.Matches("<th scope=\"col\" data-element=\"gdp\">地区生产总值<br /><small>\\(亿元\\)</small></th>", core);
        Assert.DoesNotContain("data-element=\"alliances\"", core);
        Assert.Matches("<td class=\"num\" data-element=\"gdp\" data-source=\"reported\">1100</td>", core);
        Assert.Matches("<td class=\"num\" data-element=\"rd_expenditure\" data-source=\"enterprises\">0.03<sup class=\"source\" title=\"来源:企业年报汇总\">2</sup></td>", core);
        Assert.Contains("<sup class=\"source\">2</sup> 企业年报汇总", core);

        Assert.Contains("data-group=\"registry\"", registry);
        Assert.Matches("<th scope=\"col\" data-element=\"alliances\">产业技术创新联盟数<br /><small>\\(个\\)</small></th>", registry);
        Assert.DoesNotContain("data-element=\"gdp\"", registry);
        Assert.Matches($"<td class=\"num\" data-element=\"alliances\" data-source=\"registry\">{alliancesBefore + 1}<sup class=\"source\" title=\"来源:名录计数\">1</sup></td>", registry);
        Assert.Matches("<option value=\"registry\" selected=\"selected\">名录计数指标</option>", registry);

        Assert.Matches("<th scope=\"col\" data-element=\"alliances\">Industry technology innovation alliances<br /><small>\\(items\\)</small></th>", english);
        Assert.Contains("counted from the registries", english);
        Assert.DoesNotContain("产业技术创新联盟数", english);
    }
}

public sealed class ReviewOnSqlite() : ReviewSpec(new SqliteTestStore());

public sealed class ReviewOnPostgres() : ReviewSpec(new PostgresTestStore());
