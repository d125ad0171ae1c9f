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
            var app = WebApp.Build(parse.UnmatchedTokens.ToArray(), settings);
            await WebApp.InitializeAsync(app, ct);
            await app.RunAsync();
            return 0;
        });
        return serve;
    }
}
