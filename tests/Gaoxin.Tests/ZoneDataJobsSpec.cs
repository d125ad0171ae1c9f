using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gaoxin.Data;
using Gaoxin.Tests.Support;
using static Gaoxin.Tests.Support.ImportJobPolling;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>
/// The zones' yearly figures imported as background jobs (POST /api/data/import answers 202 with a job of kind
/// <c>zone-data</c>; the job's progress, cancel and end are those of every import job) on each provider: a job writes what
/// <c>gaoxin data import</c> writes, a file with an error ends failed with the CLI's located error and writes nothing, a
/// cancelled job writes nothing, and the /data page's upload goes to the job's page.
/// </summary>
public abstract class ZoneDataJobsSpec(ITestStore store, ITestStore cliStore) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private readonly string _folder = Directory.CreateTempSubdirectory("gaoxin-zone-jobs-").FullName;


    private const string Figures = """
        zone,year,element,value
        shenyang,2019,gdp,1234.5678
        shenyang,2019,revenue,3100
        shenyang,2019,enterprise_count,5200
        大连高新区,2019,gdp,1100.25
        dalian,2019,employees,150000
        liaoning,2019,prov_gdp,24909.5
        """;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await cliStore.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private async Task UsersAsync()
    {
        foreach (var (email, role, zone) in new[] { ("office@example.org", "admin", (string?)null), ("sy@example.org", "zone_operator", "shenyang") })
            Assert.Equal(0, (await CliRun.RunAsync(["users", "add", "--email", email, "--role", role, "--password", Password,
                .. zone is null ? Array.Empty<string>() : ["--zone", zone], "--db", store.DbArgument])).ExitCode);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private static MultipartFormDataContent Upload(string path, bool approve) => new()
    {
        { new StreamContent(File.OpenRead(path)), "file", Path.GetFileName(path) },
        { new StringContent(approve ? "true" : "false"), "approve" },
    };

    private static async Task<JsonElement> StartAsync(HttpClient client, string path, bool approve = false)
    {
        using var response = await client.PostAsync("/api/data/import", Upload(path, approve));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var job = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/imports/{job.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        Assert.Equal("zone-data", job.GetProperty("kind").GetString());
        return job;
    }


    /// <summary>The reports and values an import writes, without who wrote them (the CLI or the uploader) and when.</summary>
    private static async Task<(List<string> Reports, string Values)> FiguresAsync(ITestStore s)
    {
        var snapshot = await StoreSnapshot.NormalizedAsync(s.Location);
        await using var db = GaoxinDatabase.CreateContext(s.Location);
        var reports = (await db.Reports.Select(r => new { r.UnitCode, r.Year, r.Revision, r.State, r.IsDemo, Values = r.Values.Count }).ToListAsync())
            .Select(r => $"{r.UnitCode}/{r.Year} r{r.Revision} {r.State} demo={r.IsDemo} values={r.Values}").Order(StringComparer.Ordinal).ToList();
        return (reports, snapshot["report_values"]);
    }

    [Fact]
    public async Task A_job_imports_the_figures_to_exactly_what_the_cli_import_of_them_writes_on_another_store()
    {
        var file = Write("figures.csv", Figures);
        await UsersAsync();
        var cli = await CliRun.RunAsync("data", "import", file, "--approve", "--db", cliStore.DbArgument);
        Assert.True(cli.ExitCode == 0, cli.Error + cli.Output);

        await using var server = await RunningServer.StartAsync(store.Location);
        using var office = await server.TokenClientAsync(store, "office@example.org");
        var started = await StartAsync(office, file, approve: true);
        var job = await WaitAsync(office, started.GetProperty("id").GetString()!, Finished);

        Assert.Equal(("succeeded", 100.0), (job.GetProperty("state").GetString(), job.GetProperty("percent").GetDouble()));
        Assert.Equal((6, 6), (job.GetProperty("rowsRead").GetInt32(), job.GetProperty("rowsValidated").GetInt32()));
        var result = job.GetProperty("result");
        Assert.Equal((6, 6, 3, true), (result.GetProperty("rows").GetInt32(), result.GetProperty("valuesChanged").GetInt32(),
            result.GetProperty("zoneYears").GetInt32(), result.GetProperty("approved").GetBoolean()));
        var (cliReports, cliValues) = await FiguresAsync(cliStore);
        var (jobReports, jobValues) = await FiguresAsync(store);
        Assert.Equal(cliReports, jobReports);
        Assert.Equal(cliValues, jobValues);
        // The summary the CLI prints, in either language.
        Assert.Contains("figures.csv: 6 values read; 6 changed in 3 report(s), approved.", cli.Output);
        Assert.StartsWith("figures.csv: 6 values read; 6 changed in 3 report(s), approved.",
            (await office.GetFromJsonAsync<JsonElement>(job.GetProperty("url").GetString() + "?lang=en")).GetProperty("message").GetString());
        Assert.StartsWith("figures.csv:读取 6 个数值,3 份报表中修改 6 个,已审核通过。", job.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_file_with_an_error_ends_the_job_failed_with_the_located_error_the_cli_prints_and_writes_nothing()
    {
        var file = Write("bad.csv", Figures + "\nshenyang,2019,tax,lots\n");
        await UsersAsync();
        var cli = await CliRun.RunAsync("data", "import", file, "--approve", "--db", cliStore.DbArgument);
        await using var server = await RunningServer.StartAsync(store.Location);
        using var office = await server.TokenClientAsync(store, "office@example.org");
        var before = await StoreSnapshot.ExactAsync(store.Location);

        var id = (await StartAsync(office, file, approve: true)).GetProperty("id").GetString()!;
        var job = await WaitAsync(office, id, Finished);

        Assert.Equal(("failed", 1), (job.GetProperty("state").GetString(), job.GetProperty("errorCount").GetInt32()));
        var problem = job.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("severity").GetString() == "error");
        Assert.Equal(("bad.csv", 8, "value", "not_a_number"),
            (problem.GetProperty("file").GetString(), problem.GetProperty("row").GetInt32(), problem.GetProperty("column").GetString(), problem.GetProperty("code").GetString()));
        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("bad.csv", cli.Error);
        Assert.Contains("[not_a_number]", cli.Error);
        Assert.Equal((7, 6), (job.GetProperty("rowsRead").GetInt32(), job.GetProperty("rowsValidated").GetInt32()));
        Assert.Equal("bad.csv:文件有 1 处错误,未导入任何内容。", job.GetProperty("message").GetString());
        var after = await StoreSnapshot.ExactAsync(store.Location);
        Assert.Equal(["import_jobs"], StoreSnapshot.Differences(before, after).Select(d => d[..d.IndexOf(' ')]));
    }

    [Fact]
    public async Task A_cancelled_job_says_cancelled_and_nothing_of_its_file_is_written()
    {
        // A returns import runs first and is held as it starts reading (before its transaction, so the store stays
        // writable), so the figures' job certainly waits in the queue when it is cancelled; then the returns import is
        // cancelled too.
        var (returns, zones, _) = ReturnsFiles.Write(_folder, 2_000);
        await UsersAsync();
        await ReturnsFiles.PrepareStoreAsync(store.DbArgument, zones);
        var file = Write("figures.csv", Figures);
        using var hold = new ImportStageHold("reading");
        await using var server = await RunningServer.StartAsync(store.Location, [ImportStageHold.Setting], hold);
        using var office = await server.TokenClientAsync(store, "office@example.org");
        var before = await StoreSnapshot.ExactAsync(store.Location);

        using var first = await office.PostAsync("/api/imports/enterprise-returns", new MultipartFormDataContent
        {
            { new StreamContent(File.OpenRead(returns)), "file", "returns.csv" },
        });
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var returnsJob = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(returnsJob, await hold.Reached);
        var id = (await StartAsync(office, file, approve: true)).GetProperty("id").GetString()!;
        Assert.Equal("queued", (await office.GetFromJsonAsync<JsonElement>($"/api/imports/{id}")).GetProperty("state").GetString());
        using var cancel = await office.PostAsync($"/api/imports/{id}/cancel", null);
        using var cancelReturns = await office.PostAsync($"/api/imports/{returnsJob}/cancel", null);
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (cancel.StatusCode, cancelReturns.StatusCode));
        hold.Release();
        var job = await WaitAsync(office, id, Finished);

        Assert.Equal(("cancelled", "cancelled"), (job.GetProperty("state").GetString(), job.GetProperty("reason").GetString()));
        Assert.Equal("Cancelled; nothing was imported.",
            (await office.GetFromJsonAsync<JsonElement>($"/api/imports/{id}?lang=en")).GetProperty("message").GetString());
        Assert.Equal("cancelled", (await WaitAsync(office, returnsJob, Finished)).GetProperty("state").GetString());
        var after = await StoreSnapshot.ExactAsync(store.Location);
        Assert.Equal(["import_jobs"], StoreSnapshot.Differences(before, after).Select(d => d[..d.IndexOf(' ')]));
    }

    [Fact]
    public async Task The_data_pages_upload_goes_to_the_jobs_page_and_wait_true_keeps_the_answer_in_the_request()
    {
        await UsersAsync();
        await using var server = await RunningServer.StartAsync(store.Location);
        using var page = new PageSession(server.Address);
        await page.SignInAsync("sy@example.org", Password);

        var upload = await page.PostFileAsync("/data", "/data?handler=Import", "file", "sy.csv", Encoding.UTF8.GetBytes("zone,year,element,value\nshenyang,2020,gdp,10\n"));

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var jobPage = upload.Headers.Location!.OriginalString;
        Assert.StartsWith("/imports/", jobPage);
        var clock = Stopwatch.StartNew();
        string html;
        while (!(html = await page.GetStringAsync(jobPage)).Contains("id=\"import-summary\"") && clock.Elapsed < TimeSpan.FromMinutes(1)) await Task.Delay(100);
        Assert.Contains("高新区年度数据", html);
        Assert.Contains("href=\"/data?year=2020\"", html);
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
            Assert.Equal(10m, (await db.ReportValues.SingleAsync()).Value);

        using var shenyang = await server.TokenClientAsync(store, "sy@example.org");
        using var waited = await shenyang.PostAsync("/api/data/import?wait=true", Upload(Write("again.csv", "zone,year,element,value\nshenyang,2020,gdp,11\n"), approve: false));
        Assert.Equal(HttpStatusCode.OK, waited.StatusCode);
        Assert.Equal(1, (await waited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("valuesChanged").GetInt32());
    }
}

public sealed class ZoneDataJobsOnSqlite() : ZoneDataJobsSpec(new SqliteTestStore(), new SqliteTestStore());

public sealed class ZoneDataJobsOnPostgres() : ZoneDataJobsSpec(new PostgresTestStore(), new PostgresTestStore());
