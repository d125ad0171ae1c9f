using System.Text.RegularExpressions;
using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gaoxin.E2E;

/// <summary>The published evaluation in Chromium: the ranking with its intervals chart, and the printable bulletin.</summary>
[Collection(E2ECollection.Name)]
public sealed class EvaluationJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly SqliteTestStore _store = new();
    private RunningServer _server = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        var db = ((ITestStore)_store).DbArgument;
        Assert.Equal(0, (await CliRun.RunAsync("demo", "seed", "--db", db)).ExitCode);
        var run = await CliRun.RunAsync("evaluate", "--year", "2019", "--sensitivity", "300", "--seed", "7", "--db", db);
        var id = Regex.Match(run.Output, @"Run (\d+) recorded").Groups[1].Value;
        Assert.Equal(0, (await CliRun.RunAsync("evaluate", "publish", id, "--db", db)).ExitCode);
        _server = await RunningServer.StartAsync(((ITestStore)_store).Location);
        _page = await browser.NewPageAsync(_server.Address);
    }

    public async Task DisposeAsync()
    {
        if (_page is not null) await _page.Context.CloseAsync();
        if (_server is not null) await _server.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task Visitor_reads_the_ranking_with_intervals_and_the_printable_bulletin()
    {
        const string test = nameof(Visitor_reads_the_ranking_with_intervals_and_the_printable_bulletin);

        await _page.GotoAsync("/evaluation?year=2019");
        await Expect(_page.Locator("h1")).ToContainTextAsync("2019 年度综合评价考核");
        await Expect(_page.Locator("table.ranking[data-group=national] tbody tr")).ToHaveCountAsync(8);
        await Expect(_page.Locator("table.ranking[data-group=provincial] tbody tr")).ToHaveCountAsync(7);
        await Expect(_page.Locator(".chart[data-rendered=true]")).ToHaveCountAsync(2);
        await Expect(_page.Locator(".chart svg").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync(_page, $"{test}-1-ranking");

        // A failing zone's explanation: every indicator with its approved figures, and what it would take to pass.
        await _page.Locator("table.ranking tr[data-zone=liaoyang] a").ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/evaluation/2019/liaoyang"));
        await Expect(_page.Locator("#indicators tbody tr")).ToHaveCountAsync(16);
        await Expect(_page.Locator("#grade")).ToHaveTextAsync("不合格");
        await Expect(_page.Locator(".chart[data-chart=radar][data-rendered=true]")).ToHaveCountAsync(1);
        await browser.ScreenshotAsync(_page, $"{test}-2-zone");

        await _page.GotoAsync("/evaluation/2019/bulletin");
        await _page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(_page.Locator("h1")).ToContainTextAsync("综合评价考核结果的通报");
        await Expect(_page.Locator(".chart[data-rendered=true]")).ToHaveCountAsync(3);
        await Expect(_page.Locator("p.profile")).ToHaveCountAsync(15);
        await browser.ScreenshotAsync(_page, $"{test}-3-bulletin");
        var pdf = await _page.PdfAsync(new() { Format = "A4", PrintBackground = true });
        Assert.True(pdf.Length > 10_000);
    }
}
