using System.Diagnostics;
using System.Globalization;
using Gaoxin.Data;
using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Gaoxin.E2E;

/// <summary>
/// The office uploads a year of national enterprise returns (a generated file over 100 MB) on the enterprises page: the
/// upload and then the import show their progress, a cancelled import writes nothing, and the same file left to finish
/// stores exactly what the CLI's import of it stores in a separate store.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class BigImportJourneyTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    /// <summary>About 577 bytes a row: 185,000 enterprises make a file of ~107 MB (≥ 100 MiB).</summary>
    private const int Enterprises = 185_000;
    private static readonly string[] ReturnTables = ["enterprises", "enterprise_returns", "enterprise_aggregates"];

    private readonly SqliteTestStore _store = new();
    private readonly SqliteTestStore _cliStore = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("gaoxin-e2e-big-").FullName;
    private RunningServer _server = null!;
    private IPage _page = null!;
    private string _returns = "";
    private long _rows;

    private ITestStore Store => _store;

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        (_returns, var zones, _rows) = ReturnsFiles.Write(_folder, Enterprises);
        output.WriteLine($"generated {_rows:N0} rows, {new FileInfo(_returns).Length:N0} bytes in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(0, (await CliRun.RunAsync("users", "add", "--email", "office@example.org", "--role", "admin", "--password", Password, "--db", Store.DbArgument)).ExitCode);
        await ReturnsFiles.PrepareStoreAsync(Store.DbArgument, zones);
        await ReturnsFiles.PrepareStoreAsync(((ITestStore)_cliStore).DbArgument, zones);
        _server = await RunningServer.StartAsync(Store.Location);
        _page = await browser.NewPageAsync(_server.Address);
    }

    public async Task DisposeAsync()
    {
        if (_page is not null) await _page.Context.CloseAsync();
        if (_server is not null) await _server.DisposeAsync();
        await _store.DisposeAsync();
        await _cliStore.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static double Number(string text) => double.Parse(text.Replace(",", "").Trim(), CultureInfo.InvariantCulture);

    private async Task<double> PercentAsync() => Number(await _page.Locator("#job-percent").InnerTextAsync());

    /// <summary>Waits (up to <paramref name="seconds"/>) until the job page's percent is above <paramref name="above"/>; returns it.</summary>
    private async Task<double> PercentAboveAsync(double above, int seconds = 60)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var percent = await PercentAsync();
            if (percent > above) return percent;
            Assert.True(clock.Elapsed.TotalSeconds < seconds, $"the progress stayed at {percent}% (waiting for more than {above}%)");
            await Task.Delay(200);
        }
    }

    private async Task UploadAsync()
    {
        await _page.GotoAsync("/enterprises");
        await _page.Locator("#upload summary").ClickAsync();
        await _page.Locator("#import input[type=file]").SetInputFilesAsync(_returns);
        await _page.Locator("#import button[type=submit]").ClickAsync();
        await Expect(_page.Locator("#upload-status")).ToBeVisibleAsync();
        await _page.WaitForURLAsync("**/imports/*", new() { Timeout = 120_000 });
    }

    private async Task<Dictionary<string, string>> ReturnTablesAsync(ITestStore store)
    {
        var snapshot = await StoreSnapshot.NormalizedAsync(store.Location);
        return ReturnTables.ToDictionary(t => t, t => snapshot[t]);
    }

    [Fact]
    public async Task A_100_MB_returns_file_shows_progress_can_be_cancelled_with_nothing_written_and_finishes_as_the_cli_import()
    {
        const string test = nameof(A_100_MB_returns_file_shows_progress_can_be_cancelled_with_nothing_written_and_finishes_as_the_cli_import);
        Assert.True(new FileInfo(_returns).Length >= 100L * 1024 * 1024, $"the file has {new FileInfo(_returns).Length:N0} bytes");
        await BrowserFixture.SignInAsync(_page, "office@example.org", Password);
        // Taken after signing in, which is itself audited.
        var before = await StoreSnapshot.ExactAsync(Store.Location);

        // First upload: the import's progress advances, then it is cancelled.
        var clock = Stopwatch.StartNew();
        await UploadAsync();
        output.WriteLine($"upload 1: {clock.Elapsed.TotalSeconds:0.0} s");
        await Expect(_page.Locator("h1")).ToContainTextAsync("returns.csv");
        var first = await PercentAboveAsync(0);
        var later = await PercentAboveAsync(first);
        Assert.True(later > first);
        Assert.True(Number(await _page.Locator("#job-rows-read").InnerTextAsync()) > 0);
        Assert.True(Number(await _page.Locator("#job-rows-validated").InnerTextAsync()) > 0);
        await Expect(_page.Locator("#job-time-left")).Not.ToBeEmptyAsync();
        await browser.ScreenshotAsync(_page, $"{test}-1-running");
        await _page.Locator("#job-cancel button[type=submit]").ClickAsync();
        await Expect(_page.Locator("#job-state")).ToHaveAttributeAsync("data-state", "cancelled", new() { Timeout = 60_000 });
        await Expect(_page.Locator("#job-message")).ToContainTextAsync("已取消,未导入任何内容");
        await browser.ScreenshotAsync(_page, $"{test}-2-cancelled");
        var afterCancel = await StoreSnapshot.ExactAsync(Store.Location);
        Assert.Equal(["import_jobs"], StoreSnapshot.Differences(before, afterCancel).Select(d => d[..d.IndexOf(' ')]));

        // The job's state is in the store: a reload shows the same.
        await _page.ReloadAsync();
        await Expect(_page.Locator("#job-state")).ToHaveAttributeAsync("data-state", "cancelled");

        // Second upload, left to finish.
        clock.Restart();
        await UploadAsync();
        await Expect(_page.Locator("#job-state")).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = 240_000 });
        output.WriteLine($"upload and import 2: {clock.Elapsed.TotalSeconds:0.0} s");
        await Expect(_page.Locator("#import-summary")).ToContainTextAsync($"已导入 {_rows} 条年报");
        await Expect(_page.Locator("#job-percent")).ToHaveTextAsync("100");
        await Expect(_page.Locator("#job-rows-read")).ToHaveTextAsync(_rows.ToString("N0", CultureInfo.InvariantCulture));
        await browser.ScreenshotAsync(_page, $"{test}-3-imported");

        // The same file through the CLI into a separate store: the same rows and aggregates.
        clock.Restart();
        var cli = await CliRun.RunAsync("enterprises", "import", _returns, "--db", ((ITestStore)_cliStore).DbArgument);
        output.WriteLine($"CLI import: {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(cli.ExitCode == 0, cli.Error + cli.Output);
        Assert.Contains($"{_rows} returns imported", cli.Output);
        Assert.Equal(await ReturnTablesAsync(_cliStore), await ReturnTablesAsync(Store));
        await using var db = GaoxinDatabase.CreateContext(Store.Location);
        Assert.Equal(_rows, await db.EnterpriseReturns.LongCountAsync());
    }
}
