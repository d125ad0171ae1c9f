using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Gaoxin.Tests.Support;

namespace Gaoxin.Tests;

/// <summary>
/// What any text or year sent to the platform may be (<c>InputLimits</c>): names, comments and other text have a maximum
/// length, no text holds a control character, years run from 2000 to 2100 — refused alike on SQLite and PostgreSQL as a 422
/// problem that names the field and the limit, with nothing stored. The language switch only ever redirects within the site.
/// </summary>
public abstract class InputLimitsSpec(ITestStore store) : IAsyncLifetime
{
    private RunningServer _server = null!;
    private HttpClient _office = null!;
    private HttpClient _shenyang = null!;

    public async Task InitializeAsync()
    {
        foreach (var (email, role, zone) in new[] { ("office@example.org", "admin", (string?)null), ("sy@example.org", "zone_operator", "shenyang") })
        {
            var added = await CliRun.RunAsync(["users", "add", "--email", email, "--role", role, "--password", "correct-horse-battery",
                .. zone is null ? Array.Empty<string>() : ["--zone", zone], "--db", store.DbArgument]);
            Assert.True(added.ExitCode == 0, added.Error);
        }
        _server = await RunningServer.StartAsync(store.Location);
        _office = await _server.TokenClientAsync(store, "office@example.org");
        _shenyang = await _server.TokenClientAsync(store, "sy@example.org");
    }

    public async Task DisposeAsync()
    {
        _office.Dispose();
        _shenyang.Dispose();
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.UnprocessableEntity)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {(text.Length > 300 ? text[..300] + "…" : text)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }

    private Task<HttpResponseMessage> AddItemAsync(string name, string zone = "shenyang") =>
        _office.PostAsJsonAsync("/api/registries/tech_platform", new { name, zone, founded = "2020-03-01" });

    private async Task<int> ItemCountAsync() =>
        (await _office.GetFromJsonAsync<JsonElement>("/api/registries/tech_platform?zone=shenyang")).GetArrayLength();

    [Fact]
    public async Task A_registry_name_over_the_limit_is_refused_naming_the_field_and_the_limit_and_the_export_still_opens()
    {
        var before = await ItemCountAsync();
        var problem = await ProblemAsync(await AddItemAsync(new string('名', 1_000_000)));
        Assert.Equal("too_long", problem.GetProperty("code").GetString());
        Assert.Equal("name", problem.GetProperty("field").GetString());
        Assert.Equal(300, problem.GetProperty("limit").GetInt32());
        Assert.Equal(before, await ItemCountAsync());

        // A name at the limit is stored and exported whole.
        var longest = new string('名', 300);
        Assert.Equal(HttpStatusCode.Created, (await AddItemAsync(longest)).StatusCode);
        var export = await _office.GetAsync("/registries/tech_platform/export.xlsx?zone=shenyang");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var workbook = new XLWorkbook(new MemoryStream(await export.Content.ReadAsByteArrayAsync()));
        Assert.Contains(workbook.Worksheet("tech_platform").Column(2).CellsUsed(), c => c.GetString() == longest);
    }

    [Fact]
    public async Task A_control_character_in_a_name_a_lookup_or_a_comment_is_a_located_422_and_nothing_is_stored()
    {
        foreach (var control in new[] { "\u0000", "\u0001", "\u001b" }) await ControlCharacterIsRefusedAsync(control);
    }

    private async Task ControlCharacterIsRefusedAsync(string control)
    {
        var before = await ItemCountAsync();
        var named = await ProblemAsync(await AddItemAsync($"Lab{control}One"));
        Assert.Equal("control_character", named.GetProperty("code").GetString());
        Assert.Equal("name", named.GetProperty("field").GetString());
        Assert.Equal(3, named.GetProperty("position").GetInt32());

        // In a value only looked up (a zone code), where PostgreSQL failed before anything was written.
        var zone = await ProblemAsync(await AddItemAsync("Lab Two", $"shen{control}yang"));
        Assert.Equal("control_character", zone.GetProperty("code").GetString());
        Assert.Equal(before, await ItemCountAsync());

        // In a draft comment: refused with the element it belongs to, and the draft keeps nothing.
        var draft = await ProblemAsync(await _shenyang.PutAsJsonAsync("/api/zones/shenyang/data/2023",
            new { values = new Dictionary<string, decimal?> { ["gdp"] = 100m }, comments = new Dictionary<string, string> { ["gdp"] = $"up{control}" } }));
        var located = Assert.Single(draft.GetProperty("problems").EnumerateArray());
        Assert.Equal("control_character", located.GetProperty("code").GetString());
        Assert.Equal("gdp", located.GetProperty("element").GetString());
        var report = await _shenyang.GetFromJsonAsync<JsonElement>("/api/zones/shenyang/data/2023");
        Assert.Equal(JsonValueKind.Null, report.GetProperty("draft").ValueKind);
    }

    [Fact]
    public async Task A_control_character_given_to_the_cli_is_one_line_naming_the_field_with_exit_code_2_and_nothing_is_stored()
    {
        var refused = await CliRun.RunAsync("zones", "record", "tieling", "--event", "yellow_card", "--date", "2019-05-10", "--act", "通报ZX9\u0001", "--db", store.DbArgument);
        var zone = await CliRun.RunAsync("zones", "show", "tieling", "--db", store.DbArgument);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("control character", refused.Error);
        Assert.DoesNotContain("Exception", refused.Error);
        Assert.Single(refused.Error.Trim().Split('\n'));
        Assert.Equal(0, zone.ExitCode);
        Assert.DoesNotContain("ZX9", zone.Output);
    }

    [Fact]
    public async Task A_draft_comment_over_the_limit_is_refused_with_its_element_and_limit_and_nothing_is_saved()
    {
        var response = await _shenyang.PutAsJsonAsync("/api/zones/shenyang/data/2023",
            new { values = new Dictionary<string, decimal?> { ["gdp"] = 100m }, comments = new Dictionary<string, string> { ["gdp"] = new string('x', 2_000_000) } });
        var problem = await ProblemAsync(response);
        var located = Assert.Single(problem.GetProperty("problems").EnumerateArray());
        Assert.Equal("too_long", located.GetProperty("code").GetString());
        Assert.Equal("gdp", located.GetProperty("element").GetString());
        Assert.Contains("4000", located.GetProperty("message").GetString());
        var report = await _shenyang.GetFromJsonAsync<JsonElement>("/api/zones/shenyang/data/2023");
        Assert.Equal(JsonValueKind.Null, report.GetProperty("draft").ValueKind);

        // A comment at the limit is kept.
        var kept = await _shenyang.PutAsJsonAsync("/api/zones/shenyang/data/2023",
            new { values = new Dictionary<string, decimal?> { ["gdp"] = 100m }, comments = new Dictionary<string, string> { ["gdp"] = new string('x', 4_000) } });
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }

    [Fact]
    public async Task A_year_outside_2000_to_2100_is_refused_by_the_data_api_as_the_importers_refuse_it()
    {
        foreach (var year in new[] { 0, -5, 1999, 2101, 99_999 }) await YearIsRefusedAsync(year);
    }

    private async Task YearIsRefusedAsync(int year)
    {
        var put = await ProblemAsync(await _shenyang.PutAsJsonAsync($"/api/zones/shenyang/data/{year}", new { values = new Dictionary<string, decimal?> { ["gdp"] = 1m } }));
        Assert.Equal("bad_year", put.GetProperty("code").GetString());
        var get = await ProblemAsync(await _shenyang.GetAsync($"/api/zones/shenyang/data/{year}"));
        Assert.Equal("year", get.GetProperty("field").GetString());
        var submit = await ProblemAsync(await _shenyang.PostAsync($"/api/zones/shenyang/data/{year}/submit", null));
        Assert.Equal("bad_year", submit.GetProperty("code").GetString());
        var audit = await _office.GetFromJsonAsync<JsonElement>("/api/audit?zone=shenyang");
        Assert.DoesNotContain(audit.EnumerateArray(), a => a.GetProperty("year").GetInt32() == year);
    }

    [Fact]
    public async Task Text_a_spreadsheet_would_run_is_exported_behind_an_apostrophe_numbers_stay_numbers_and_the_export_imports_back_unchanged()
    {
        string[] names = ["=HYPERLINK(\"http://evil.example\",\"甲\")", "-5号乙平台", "+丙中心", "@丁实验室", "'=己站"];
        foreach (var name in names)
            Assert.Equal(HttpStatusCode.Created, (await _office.PostAsJsonAsync("/api/registries/tech_platform",
                new { name, zone = "dalian", founded = "2020-03-01", amount = 12.5m, unit = "=1+1", confirmDistinct = true })).StatusCode);

        var export = await _office.GetByteArrayAsync("/registries/tech_platform/export.xlsx?zone=dalian");
        using (var workbook = new XLWorkbook(new MemoryStream(export)))
        {
            var sheet = workbook.Worksheet("tech_platform");
            var rows = sheet.RowsUsed().Where(r => r.RowNumber() >= 3 && names.Contains(r.Cell(2).GetString()[1..])).ToList();
            Assert.Equal(names.Length, rows.Count);
            foreach (var row in rows)
            {
                Assert.All(new[] { row.Cell(2), row.Cell(10) }, c => Assert.False(c.HasFormula));
                Assert.StartsWith("'", row.Cell(2).GetString());
                Assert.Equal("'=1+1", row.Cell(10).GetString());
                Assert.Equal(XLDataType.Number, row.Cell(9).DataType);
                Assert.Equal(12.5, row.Cell(9).GetDouble());
            }
        }

        var import = await _office.PostAsync("/api/registries/tech_platform/import", new ByteArrayContent(export));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        var items = (await _office.GetFromJsonAsync<JsonElement>("/api/registries/tech_platform?zone=dalian")).EnumerateArray()
            .Where(i => names.Contains(i.GetProperty("name").GetString())).ToList();
        Assert.Equal(names.Length, items.Count);
        Assert.All(items, i => Assert.Equal(("=1+1", 12.5m), (i.GetProperty("unit").GetString(), i.GetProperty("amount").GetDecimal())));
    }

    [Fact]
    public async Task The_language_switch_sends_a_return_address_off_the_site_home_never_away_and_never_to_an_error()
    {
        foreach (var returnUrl in new[] { "/\\evil.example", "//evil.example", "/\\/evil.example/", "https://evil.example/", "/\t/evil.example", "\\\\evil.example" })
            await RedirectsHomeAsync(returnUrl);
    }

    private async Task RedirectsHomeAsync(string returnUrl)
    {
        using var client = TestHttp.Client(_server.Address, new HttpClientHandler { AllowAutoRedirect = false });
        var response = await client.GetAsync("/lang/en?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/",
            $"{returnUrl} gave {(int)response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task The_language_switch_returns_to_a_page_of_the_site()
    {
        using var client = TestHttp.Client(_server.Address, new HttpClientHandler { AllowAutoRedirect = false });
        var response = await client.GetAsync("/lang/en?returnUrl=" + Uri.EscapeDataString("/monitoring?year=2019"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/monitoring?year=2019", response.Headers.Location?.OriginalString);
    }
}

public sealed class InputLimitsOnSqlite() : InputLimitsSpec(new SqliteTestStore());

public sealed class InputLimitsOnPostgres() : InputLimitsSpec(new PostgresTestStore());
