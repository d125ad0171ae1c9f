using System.Text.RegularExpressions;
using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gaoxin.E2E;

/// <summary>A zone adds an alliance on the registry page; it waits for the office, which approves it.</summary>
[Collection(E2ECollection.Name)]
public sealed class RegistryJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private readonly SqliteTestStore _store = new();
    private RunningServer _server = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        var db = ((ITestStore)_store).DbArgument;
        Assert.Equal(0, (await CliRun.RunAsync("users", "add", "--email", "office@example.org", "--role", "admin", "--password", Password, "--db", db)).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync("users", "add", "--email", "sy@example.org", "--role", "zone_operator", "--zone", "shenyang", "--password", Password, "--db", db)).ExitCode);
        _server = await RunningServer.StartAsync(((ITestStore)_store).Location);
        _page = await browser.NewPageAsync(_server.Address);
    }

    public async Task DisposeAsync()
    {
        if (_page is not null) await _page.Context.CloseAsync();
        if (_server is not null) await _server.DisposeAsync();
        await _store.DisposeAsync();
    }

    private Task SignInAsync(string email) => BrowserFixture.SignInAsync(_page, email, Password);

    [Fact]
    public async Task Zone_adds_an_alliance_and_the_office_approves_it()
    {
        const string test = nameof(Zone_adds_an_alliance_and_the_office_approves_it);
        await _page.GotoAsync("/registries");
        // The eight columns' registries, the partnerships, and the plan-period sources (partner institutions, outcomes, focus industries).
        await Expect(_page.Locator("#registry-types a.card")).ToHaveCountAsync(12);
        await browser.ScreenshotAsync(_page, $"{test}-1-registries");

        await SignInAsync("sy@example.org");
        await _page.GotoAsync("/registries/alliance?zone=shenyang");
        await Expect(_page.Locator("#items tbody tr")).ToHaveCountAsync(3);
        await _page.Locator("#add-item input[name=name]").FillAsync("工业互联网产业技术创新联盟");
        await _page.Locator("#add-item input[name=founded]").FillAsync("2018-05-20");
        await _page.Locator("#add-item button[type=submit]").ClickAsync();
        await Expect(_page.Locator(".notice")).ToContainTextAsync("待省高新区办公室审核");
        await Expect(_page.Locator("#pending")).ToContainTextAsync("工业互联网产业技术创新联盟");
        await browser.ScreenshotAsync(_page, $"{test}-2-pending");
        await _page.Locator("#logout").ClickAsync();
        await Expect(_page.Locator("#login-link")).ToBeVisibleAsync();

        await SignInAsync("office@example.org");
        await _page.GotoAsync("/registries/alliance");
        await _page.Locator("#pending tr", new() { HasText = "工业互联网" }).GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();
        await Expect(_page.Locator(".notice")).ToContainTextAsync("已批准");
        await _page.GotoAsync("/registries/alliance?zone=shenyang");
        await Expect(_page.Locator("#items tbody tr")).ToHaveCountAsync(4);
        await browser.ScreenshotAsync(_page, $"{test}-3-approved");
    }

    [Fact]
    public async Task With_demo_data_the_cluster_page_draws_revenue_against_the_plans_lines_and_an_item_page_shows_its_figures()
    {
        const string test = nameof(With_demo_data_the_cluster_page_draws_revenue_against_the_plans_lines_and_an_item_page_shows_its_figures);
        Assert.Equal(0, (await CliRun.RunAsync("demo", "seed", "--db", ((ITestStore)_store).DbArgument)).ExitCode);

        await _page.GotoAsync("/registries/clusters");
        await Expect(_page.Locator("#cluster-chart")).ToHaveAttributeAsync("data-rendered", "true");
        // The three dashed lines of the plan (200亿, 500亿, 1000亿) are drawn with their labels.
        await Expect(_page.Locator("#cluster-chart svg")).ToContainTextAsync("1000亿元");
        await Expect(_page.Locator("#cluster-chart svg")).ToContainTextAsync("500亿元");
        await Expect(_page.Locator("#bands tr[data-year='2016'] td").Nth(1)).ToHaveTextAsync("13");
        await browser.ScreenshotAsync(_page, $"{test}-1-clusters");

        await _page.Locator("#clusters tbody tr a").First.ClickAsync();
        await Expect(_page.Locator("#figures tbody tr")).ToHaveCountAsync(5);
        await Expect(_page.Locator("#cluster-chart")).ToHaveAttributeAsync("data-rendered", "true");
        await browser.ScreenshotAsync(_page, $"{test}-2-cluster");

        await _page.GotoAsync("/registries/carrier?zone=dalian&level=national");
        await Expect(_page.Locator("#items tbody tr").First).ToBeVisibleAsync();
        await Expect(_page.Locator("#export")).ToHaveAttributeAsync("href", "/registries/carrier/export.xlsx?zone=dalian");
        await _page.GotoAsync("/zones/shenyang");
        await Expect(_page.Locator("#counts tr[data-element='maker_spaces']")).ToHaveAttributeAsync("data-source", "registry");
        await Expect(_page.Locator("#counts tr[data-element='high_level_talents']")).ToHaveAttributeAsync("data-source", "reported");
        await Expect(_page.Locator("details.registry-section[data-type='alliance']")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(_page, $"{test}-3-zone");
    }
}
