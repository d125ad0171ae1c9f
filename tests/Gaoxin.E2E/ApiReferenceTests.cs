using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;
using Microsoft.Playwright;

namespace Gaoxin.E2E;

/// <summary>
/// The API reference at /scalar works offline, as a government intranet needs it: with every request to another host
/// blocked, the page loads, draws the operations of the OpenAPI document, and has asked no other host for anything.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ApiReferenceTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly ITestStore _store = new SqliteTestStore();
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(_store.Location);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task The_api_reference_loads_and_shows_the_operations_with_every_other_host_blocked()
    {
        var page = await browser.NewPageAsync(_server.Address);
        var elsewhere = new List<string>();
        await page.Context.RouteAsync("**/*", async route =>
        {
            var host = new Uri(route.Request.Url).Host;
            if (host is "127.0.0.1" or "localhost") await route.ContinueAsync();
            else
            {
                lock (elsewhere) elsewhere.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        try
        {
            var response = await page.GotoAsync("/scalar");
            Assert.True(response is { Ok: true }, $"/scalar: {response?.Status}");
            // The reference draws the document's operations, grouped by their tags.
            await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Open Group - Data", new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Open Group - Zones");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

            Assert.True(elsewhere.Count == 0, "requests to other hosts: " + string.Join(", ", elsewhere));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
