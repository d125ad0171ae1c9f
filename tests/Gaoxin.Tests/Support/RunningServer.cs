using Gaoxin.Data;
using Gaoxin.Features.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gaoxin.Tests.Support;

/// <summary>The real server (Kestrel on a free loopback port) over a test database, as `gaoxin serve` runs it.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>The server's services, e.g. its endpoint data source.</summary>
    public IServiceProvider Services => _app.Services;

    /// <param name="configuration">Further settings as command-line arguments, e.g. <c>--ReverseProxy:KnownProxies=127.0.0.1</c>.</param>
    public static async Task<RunningServer> StartAsync(DatabaseLocation location, params string[] configuration)
    {
        var app = WebApp.Build(["--Logging:LogLevel:Default=Warning", .. configuration], new WebSettings(location, "http://127.0.0.1:0"));
        await WebApp.InitializeAsync(app, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningServer(app, new Uri(address));
    }

    /// <summary>A client that sends the personal token of <paramref name="email"/>, made with `gaoxin users token` on <paramref name="store"/>.</summary>
    public async Task<HttpClient> TokenClientAsync(ITestStore store, string email)
    {
        var token = (await CliRun.RunAsync("users", "token", "--email", email, "--db", store.DbArgument)).Output.Trim();
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
