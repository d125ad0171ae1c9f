using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Enterprises;
using Gaoxin.Tests.Support;
using static Gaoxin.Tests.Support.ImportJobPolling;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>
/// Imports run as background jobs (POST /api/imports/enterprise-returns, GET /api/imports/{id}, POST …/cancel) on each
/// provider: a job ends in what the CLI's import of the same file writes, a cancelled job and a bad file write nothing but
/// the job's own record, and a job is seen by its owner and the office only.
/// </summary>
public abstract class ImportJobsSpec(ITestStore store, ITestStore cliStore) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private readonly string _folder = Directory.CreateTempSubdirectory("gaoxin-jobs-").FullName;

    /// <summary>The tables an import of returns writes.</summary>
    private static readonly string[] ReturnTables = ["enterprises", "enterprise_returns", "enterprise_aggregates"];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await cliStore.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    private async Task UsersAsync()
    {
        foreach (var (email, role, zone) in new[]
                 {
                     ("office@example.org", "admin", (string?)null), ("sy@example.org", "zone_operator", "shenyang"), ("dl@example.org", "zone_operator", "dalian"),
                 })
            Assert.Equal(0, (await Cli(["users", "add", "--email", email, "--role", role, "--password", Password, .. zone is null ? Array.Empty<string>() : ["--zone", zone]])).ExitCode);
    }

    private static MultipartFormDataContent Upload(string path) =>
        new() { { new StreamContent(File.OpenRead(path)), "file", Path.GetFileName(path) } };

    private static async Task<JsonElement> StartAsync(HttpClient client, string path)
    {
        using var response = await client.PostAsync("/api/imports/enterprise-returns", Upload(path));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var job = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/imports/{job.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        return job;
    }


    private static async Task<Dictionary<string, string>> ReturnTablesAsync(ITestStore s)
    {
        var snapshot = await StoreSnapshot.NormalizedAsync(s.Location);
        return ReturnTables.ToDictionary(t => t, t => snapshot[t]);
    }

    private async Task<(int Enterprises, int Returns, int Aggregates, int Audit)> CountAsync()
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        return (await db.Enterprises.CountAsync(), await db.EnterpriseReturns.CountAsync(), await db.EnterpriseAggregates.CountAsync(),
            await db.Audit.CountAsync(a => a.Action == EnterpriseImport.AuditAction));
    }

    [Fact]
    public async Task A_job_imports_the_file_to_exactly_what_the_cli_import_of_it_writes_on_another_store()
    {
        var (returns, zones, rows) = ReturnsFiles.Write(_folder, 3_000);
        await UsersAsync();
        await ReturnsFiles.PrepareStoreAsync(store.DbArgument, zones);
        await ReturnsFiles.PrepareStoreAsync(cliStore.DbArgument, zones);
        var cli = await CliRun.RunAsync("enterprises", "import", returns, "--db", cliStore.DbArgument);
        Assert.True(cli.ExitCode == 0, cli.Error + cli.Output);

        await using var server = await RunningServer.StartAsync(store.Location);
        using var office = await server.TokenClientAsync(store, "office@example.org");
        var started = await StartAsync(office, returns);
        Assert.Equal(new FileInfo(returns).Length, started.GetProperty("size").GetInt64());
        var job = await WaitAsync(office, started.GetProperty("id").GetString()!, Finished);

        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Equal((100.0, (int)rows, (int)rows), (job.GetProperty("percent").GetDouble(), job.GetProperty("rowsRead").GetInt32(), job.GetProperty("rowsValidated").GetInt32()));
        var result = job.GetProperty("result");
        Assert.Equal((int)rows, result.GetProperty("rows").GetInt32());
        Assert.Equal([2024], result.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()));
        var english = await office.GetFromJsonAsync<JsonElement>(job.GetProperty("url").GetString() + "?lang=en");
        Assert.Contains($"returns.csv: {rows} returns imported for", english.GetProperty("message").GetString());
        Assert.Contains($"已导入 {rows} 条年报", job.GetProperty("message").GetString());
        Assert.Equal(await ReturnTablesAsync(cliStore), await ReturnTablesAsync(store));
        // Audited as the CLI's import is, as the uploader through the API.
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var audit = await db.Audit.SingleAsync(a => a.Action == EnterpriseImport.AuditAction);
        Assert.Equal(("office@example.org", ReportStore.Via.Api, result.GetProperty("batchId").GetString()), (audit.Actor, audit.Via, audit.BatchId));
    }

    [Fact]
    public async Task A_job_cancelled_while_it_runs_says_cancelled_and_nothing_of_the_file_is_written()
    {
        var (returns, zones, rows) = ReturnsFiles.Write(_folder, 20_000);
        await UsersAsync();
        await ReturnsFiles.PrepareStoreAsync(store.DbArgument, zones);
        // The worker is held as the job enters its store stage: every row read and checked, its transaction open.
        using var hold = new ImportStageHold("storing");
        await using var server = await RunningServer.StartAsync(store.Location, [ImportStageHold.Setting], hold);
        using var office = await server.TokenClientAsync(store, "office@example.org");
        var before = await StoreSnapshot.ExactAsync(store.Location);

        var id = (await StartAsync(office, returns)).GetProperty("id").GetString()!;
        Assert.Equal(id, await hold.Reached);
        var running = await office.GetFromJsonAsync<JsonElement>($"/api/imports/{id}");
        Assert.Equal(("running", "storing", (int)rows), (running.GetProperty("state").GetString(), running.GetProperty("stage").GetString(),
            running.GetProperty("rowsValidated").GetInt32()));
        Assert.True(running.GetProperty("percent").GetDouble() is > 0 and < 100, running.ToString());
        using var cancel = await office.PostAsync($"/api/imports/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        hold.Release();
        var job = await WaitAsync(office, id, Finished);

        Assert.Equal(("cancelled", "cancelled"), (job.GetProperty("state").GetString(), job.GetProperty("reason").GetString()));
        var after = await StoreSnapshot.ExactAsync(store.Location);
        Assert.Equal(["import_jobs"], StoreSnapshot.Differences(before, after).Select(d => d[..d.IndexOf(' ')]));
        // A finished job cannot be cancelled again.
        using var again = await office.PostAsync($"/api/imports/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_bad_file_ends_the_job_with_the_located_errors_the_cli_prints_and_writes_nothing()
    {
        await UsersAsync();
        var path = Path.Combine(_folder, "bad.csv");
        var good = TestCreditCodes.Make(1);
        await File.WriteAllTextAsync(path,
            "credit_code,name,zone,year,registered_on,industry,is_hte,revenue,employees,st_employees,rd_expense,st_expense,high_tech_revenue,net_assets,exports,vc_received,valuation_usd_m,listed\n" +
            $"{good},沈阳甲科技有限公司,shenyang,2020,2012-03-01,C39,1,1200.5,120,30,80.25,90,600,500,100,0,,0\n" +
            $"{TestCreditCodes.Make(2)},沈阳乙软件有限公司,shenyang,2020,2015-07-15,I65,0,-3000,200,20,10,12,,-50,,500,30.5,1\n", new UTF8Encoding(false));
        var cli = await CliRun.RunAsync("enterprises", "import", path, "--db", cliStore.DbArgument);
        await using var server = await RunningServer.StartAsync(store.Location);
        using var office = await server.TokenClientAsync(store, "office@example.org");

        var id = (await StartAsync(office, path)).GetProperty("id").GetString()!;
        var job = await WaitAsync(office, id, Finished);

        Assert.Equal(("failed", 1), (job.GetProperty("state").GetString(), job.GetProperty("errorCount").GetInt32()));
        var problem = job.GetProperty("problems").EnumerateArray().Single();
        Assert.Equal(("bad.csv", 3, "revenue", "negative"),
            (problem.GetProperty("file").GetString(), problem.GetProperty("row").GetInt32(), problem.GetProperty("column").GetString(), problem.GetProperty("code").GetString()));
        Assert.Contains("bad.csv:3:revenue: ", cli.Error);
        Assert.Equal((2, 1), (job.GetProperty("rowsRead").GetInt32(), job.GetProperty("rowsValidated").GetInt32()));
        Assert.Equal((0, 0, 0, 0), await CountAsync());
    }

    [Fact]
    public async Task A_job_is_seen_and_cancelled_by_its_owner_and_the_office_only()
    {
        await UsersAsync();
        var path = Path.Combine(_folder, "sy.csv");
        await File.WriteAllTextAsync(path,
            "credit_code,name,zone,year,registered_on,industry,is_hte,revenue,employees,st_employees,rd_expense,st_expense,high_tech_revenue,net_assets,exports,vc_received,valuation_usd_m,listed\n" +
            $"{TestCreditCodes.Make(7)},沈阳丙科技有限公司,shenyang,2021,2012-03-01,C39,1,1200.5,120,30,80.25,90,600,500,100,0,,0\n", new UTF8Encoding(false));
        await using var server = await RunningServer.StartAsync(store.Location);
        using var shenyang = await server.TokenClientAsync(store, "sy@example.org");
        using var dalian = await server.TokenClientAsync(store, "dl@example.org");
        using var office = await server.TokenClientAsync(store, "office@example.org");

        var id = (await StartAsync(shenyang, path)).GetProperty("id").GetString()!;
        var own = await WaitAsync(shenyang, id, Finished);

        Assert.Equal("succeeded", own.GetProperty("state").GetString());
        Assert.Equal("succeeded", (await office.GetFromJsonAsync<JsonElement>($"/api/imports/{id}")).GetProperty("state").GetString());
        using var other = await dalian.GetAsync($"/api/imports/{id}");
        using var otherCancel = await dalian.PostAsync($"/api/imports/{id}/cancel", null);
        using var anonymous = await server.Client.GetAsync($"/api/imports/{id}");
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized), (other.StatusCode, otherCancel.StatusCode, anonymous.StatusCode));
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal("unknown_job", (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        // The page: the owner sees the job, another zone's operator does not.
        using var page = new PageSession(server.Address);
        await page.SignInAsync("sy@example.org", Password);
        Assert.Contains("id=\"import-summary\"", await page.GetStringAsync($"/imports/{id}"));
        using var otherPage = new PageSession(server.Address);
        await otherPage.SignInAsync("dl@example.org", Password);
        Assert.Equal(HttpStatusCode.NotFound, (await otherPage.GetAsync($"/imports/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_job_left_running_by_a_stopped_server_is_marked_failed_as_interrupted_when_the_server_starts()
    {
        await UsersAsync();
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            await Data.Imports.ImportJobStore.CreateAsync(db, "leftover0000001", Data.Imports.ImportJobStore.EnterpriseReturns, "office@example.org", null,
                ReportStore.Via.Api, "returns.csv", 1000, TimeProvider.System, default);
            await Data.Imports.ImportJobStore.UpdateAsync(db, "leftover0000001", Data.Imports.ImportJobStates.Running, null, null, TimeProvider.System, default);
        }

        await using var server = await RunningServer.StartAsync(store.Location);
        using var office = await server.TokenClientAsync(store, "office@example.org");
        var job = await office.GetFromJsonAsync<JsonElement>("/api/imports/leftover0000001");

        Assert.Equal(("failed", "interrupted"), (job.GetProperty("state").GetString(), job.GetProperty("reason").GetString()));
        Assert.Contains("服务器在导入完成前停止", job.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_cli_import_shows_no_progress_line_when_its_error_output_is_not_the_terminal()
    {
        var (returns, zones, rows) = ReturnsFiles.Write(_folder, 5_000);
        await ReturnsFiles.PrepareStoreAsync(store.DbArgument, zones);

        var cli = await Cli("enterprises", "import", returns);

        Assert.True(cli.ExitCode == 0, cli.Error + cli.Output);
        Assert.Equal("", cli.Error);
        Assert.Contains($"{rows} returns imported", cli.Output);
        // On a terminal the line reads like this (written in place with a carriage return).
        var line = Features.Imports.TerminalProgress.Format(new Data.Imports.ImportProgress("reading", 50L * 1048576, 100L * 1048576, 90_000, 89_990), TimeSpan.FromSeconds(17));
        Assert.Equal(" 42.5% · 90,000 rows read, 89,990 validated · 50/100 MB · about 0:23 left", line);
    }

    [Fact]
    public async Task An_upload_over_the_configured_limit_is_refused_with_413_and_no_job()
    {
        await UsersAsync();
        var path = Path.Combine(_folder, "big.csv");
        await File.WriteAllBytesAsync(path, new byte[4096]);
        await using var server = await RunningServer.StartAsync(store.Location, "--Imports:MaxUploadBytes=1024");
        using var office = await server.TokenClientAsync(store, "office@example.org");

        using var response = await office.PostAsync("/api/imports/enterprise-returns", Upload(path));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("file_too_large", problem.GetProperty("code").GetString());
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        Assert.Equal(0, await db.ImportJobs.CountAsync());
    }
}

public sealed class ImportJobsOnSqlite() : ImportJobsSpec(new SqliteTestStore(), new SqliteTestStore());

public sealed class ImportJobsOnPostgres() : ImportJobsSpec(new PostgresTestStore(), new PostgresTestStore());
