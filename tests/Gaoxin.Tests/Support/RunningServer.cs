using Gaoxin.Data;
using Gaoxin.Features.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gaoxin.Tests.Support;

/// <summary>The real server (Kestrel on a free loopback port) over a test database, as `gaoxin serve` runs it.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = TestHttp.Client(address);
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>The server's services, e.g. its endpoint data source.</summary>
    public IServiceProvider Services => _app.Services;

    /// <param name="location">The store.</param>
    /// <param name="configuration">Further settings as <c>gaoxin serve</c> takes them, e.g. <c>--ReverseProxy:KnownProxies:0=127.0.0.1</c>.</param>
    public static Task<RunningServer> StartAsync(DatabaseLocation location, params string[] configuration) => StartAsync(location, configuration, null);

    /// <param name="location">The store.</param>
    /// <param name="configuration">Further settings as <c>gaoxin serve</c> takes them, e.g. <c>--Telemetry:Prometheus=true</c>.</param>
    /// <param name="logs">Also receives the server's logs from its start on.</param>
    public static async Task<RunningServer> StartAsync(DatabaseLocation location, string[] configuration, ILoggerProvider? logs)
    {
        var app = WebApp.Build(["--Logging:LogLevel:Default=Warning", "--Reminders:Enabled=false", .. configuration], new WebSettings(location, "http://127.0.0.1:0"));
        if (logs is not null) app.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        await WebApp.InitializeAsync(app, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningServer(app, new Uri(address));
    }

    /// <summary>A client that sends the personal token of <paramref name="email"/>, made with `gaoxin users token` on <paramref name="store"/>.</summary>
    public async Task<HttpClient> TokenClientAsync(ITestStore store, string email)
    {
        var token = (await CliRun.RunAsync("users", "token", "--email", email, "--db", store.DbArgument)).Output.Trim();
        var client = TestHttp.Client(Address);
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
