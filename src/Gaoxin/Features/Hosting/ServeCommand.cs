using System.CommandLine;

namespace Gaoxin.Features.Hosting;

/// <summary><c>gaoxin serve [--urls URL]</c>: the web site and API.</summary>
public static class ServeCommand
{
    public static Command Build()
    {
        var urls = new Option<string>("--urls") { Description = "where to listen, e.g. http://127.0.0.1:5080 (default: http://localhost:5000)" };
        var serve = new Command("serve", "start the web server (site, API at /api, OpenAPI at /openapi/v1.json)") { urls };
        serve.SetAction(async (parse, ct) =>
        {
            var settings = new WebSettings(
                Database: parse.GetValue(Cli.Db) is { Length: > 0 } db ? Data.DatabaseLocation.Parse(db) : null,
                Urls: parse.GetValue(urls));
            var timings = Data.StartupTimings.Start();
            // The store is opened (created, migrated, the bundled files loaded) on another thread while the server is built:
            // the two take about as long, and a machine has two cores or more.
            Task? opening = null;
            var error = parse.InvocationConfiguration.Error;
            WebApplication app;
            try
            {
                app = WebApp.Build(parse.UnmatchedTokens.ToArray(), settings,
                    location => opening = Task.Run(() => OpenAsync(location, error, ct), ct));
            }
            catch
            {
                // The server could not be built: the store's own failure, if any, is not the one to report.
                if (opening is not null) await opening.ContinueWith(_ => { }, TaskScheduler.Default);
                throw;
            }
            timings?.Mark("web host built");
            if (opening is not null) await opening;
            timings?.Mark("store opened");
            await WebApp.InitializeAsync(app, ct, storeOpened: opening is not null);
            if (timings is not null) app.Lifetime.ApplicationStarted.Register(() => timings.Mark("listening (hosted services started)"));
            await app.RunAsync();
            return 0;
        });
        return serve;
    }

    private static async Task OpenAsync(Data.DatabaseLocation location, TextWriter error, CancellationToken cancellationToken)
    {
        await using var db = Data.GaoxinDatabase.CreateContext(location);
        await Data.GaoxinDatabase.InitializeAsync(db, Data.GaoxinDatabase.BundleDirectory, TimeProvider.System, cancellationToken, error.WriteLine);
    }
}
