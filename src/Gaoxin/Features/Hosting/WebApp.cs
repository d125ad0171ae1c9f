using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using System.Threading.RateLimiting;
using Gaoxin.Core.Collection;
using Gaoxin.Data;
using Gaoxin.Data.Accounts;
using Gaoxin.Data.Collection;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Collection;
using Gaoxin.Features.Enterprises;
using Gaoxin.Features.Evaluation;
using Gaoxin.Features.Monitoring;
using Gaoxin.Features.OpenData;
using Gaoxin.Features.Registries;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Gaoxin.Features.Plans;
using Gaoxin.Features.Shared;
using Gaoxin.Features.Zones;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.FileProviders;
using Scalar.AspNetCore;

namespace Gaoxin.Features.Hosting;

/// <summary>Overrides from the command line; null leaves configuration in charge.</summary>
/// <param name="Database">The store; null for the configured one.</param>
/// <param name="Urls">The addresses to listen on; null for the configured ones.</param>
/// <param name="RulesDirectory">The enterprise rules folder; null for the bundled <c>rules/</c>.</param>
public sealed record WebSettings(DatabaseLocation? Database = null, string? Urls = null, string? RulesDirectory = null);

/// <summary>Builds the web server: pages, the JSON API, OpenAPI and health.</summary>
public static partial class WebApp
{
    public static WebApplication Build(string[] args, WebSettings settings, Action<DatabaseLocation>? storeLocated = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Named explicitly so that the pages compiled into gaoxin.dll are found whoever hosts it (tests too).
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
            // The executable's folder holds the compiled pages, wwwroot and the bundled plans,
            // wherever it is started from; the database path stays relative to the working directory.
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        if (settings.Urls is { } urls) builder.WebHost.UseUrls(urls);

        var location = settings.Database ?? LocationFromConfiguration(builder.Configuration);
        // Told as soon as the store is known, so that `serve` opens it while the rest of the server is built (start-up).
        storeLocated?.Invoke(location);
        builder.Services.AddSingleton(location);
        builder.Services.AddSingleton(TimeProvider.System);
        // Read once at start: a bad rule file stops the server with its located errors.
        builder.Services.AddSingleton(EnterpriseRules.Load(settings.RulesDirectory ?? EnterpriseRules.BundleDirectory));
        builder.Services.AddSingleton<ReadCache>();
        // The full-text index beside the store (docs/adr/0011): one per server, brought up to the store's version by the searches.
        builder.Services.AddSingleton(services => new Gaoxin.Data.Search.SearchIndex(
            Gaoxin.Data.Search.SearchIndex.FolderFor(location, builder.Configuration["Search:Folder"]), Gaoxin.Data.Search.SearchSources.All,
            services.GetRequiredService<TimeProvider>()));
        // The portal's industry codes, read once at start: a bad file (or a quote not in the plan) stops the server with its located errors.
        builder.Services.AddSingleton(Data.SiteSelection.IndustryCatalogFile.Load(GaoxinDatabase.BundleDirectory));
        builder.Services.AddSingleton(new Features.Applications.Checklists(Data.Applications.ApplicationConditionsFile.Load(GaoxinDatabase.BundleDirectory)));
        // Pooled: the options are built once and a request leases a context instead of constructing one (W6).
        if (location.Provider == DatabaseProvider.Sqlite)
            builder.Services.AddDbContextPool<GaoxinDb, SqliteGaoxinDb>(o => GaoxinDatabase.Configure(o, location));
        else
            builder.Services.AddDbContextPool<GaoxinDb, PostgresGaoxinDb>(o => GaoxinDatabase.Configure(o, location));

        // Every problem the server writes gets a stable code, its type URI and the zh/en messages (Problems, the one mapper).
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.Complete);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.AddOperations();
        builder.Services.AddOpenApi(options => ApiDocs.Configure(options));
        builder.Services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
        builder.Services.AddGaoxinAuthentication();
        builder.Services.AddSharedKeys();
        builder.Services.AddGaoxinAuthorization();
        // Whole anonymous pages kept while the store version holds (W6): the version is part of the key, so any write —
        // by this server or by the CLI on the same store — makes the next request render afresh. Signed-in requests,
        // responses that set a cookie and non-GET requests are never cached (the output cache's default rules).
        builder.Services.AddOutputCache(o => o.AddPolicy(StoreVersionedPage, b => b
            .Expire(TimeSpan.FromMinutes(10))
            .VaryByValue(async (context, ct) => new KeyValuePair<string, string>("store",
                (await context.RequestServices.GetRequiredService<ReadCache>().VersionAsync(ct)).ToString(CultureInfo.InvariantCulture)))
            .VaryByValue(context => new KeyValuePair<string, string>("culture",
                context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.Name ?? ""))));
        // The portal: the server-drawn map (read once here) and the open data's CORS policy and limits.
        builder.Services.AddSingleton(Home.PortalMap.Load(builder.Configuration));
        var openDataLimits = builder.Services.AddOpenData(builder.Configuration);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Says when to try again (the fixed window's remaining time), for the open-data API's clients and sign-in alike.
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            o.AddOpenDataLimiter(openDataLimits);
            // Sign-in attempts (the form's POSTs; opening the page is free) per client address: slows password guessing on top
            // of Identity's lockout. Behind a configured reverse proxy the address is the client's, from X-Forwarded-For.
            o.AddPolicy(LoginModel.RateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = LoginModel.AttemptsPerMinute, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("page"));
        });
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = DataImport.MaxBytes + 1024 * 1024);
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = DataImport.MaxBytes + 1024 * 1024);
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            Access.PageConventions(o.Conventions);
        });
        // Pages are read in Chinese: write it as text, not as &#x…; escapes.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        // Cookies are Secure when the request came over HTTPS (directly, or through a known proxy's X-Forwarded-Proto).
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });
        var proxies = SecurityHeaders.KnownProxies(builder.Configuration);
        Features.Notices.ReminderHosting.AddReminders(builder.Services, builder.Configuration);
        Features.Imports.ImportJobHosting.AddImportJobs(builder.Services, builder.Configuration);

        var app = builder.Build();
        app.UseKnownProxies(proxies);
        app.UseSecurityHeaders();
        // Before the error handling, so that an error page re-executed for a request keeps the request's language.
        app.UseRequestLocalization(LocalizationOptions());
        // A fault or a bare error status: problem+json on the API, the site's error page (in the visitor's language) elsewhere.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = Features.Errors.ErrorPages.Path + "/500" });
        app.UseWhen(Problems.IsApi, api => api.UseStatusCodePages(context => Problems.WriteAsync(context.HttpContext,
            Problems.ForStatus(context.HttpContext.Response.StatusCode, context.HttpContext))));
        app.UseWhen(context => !Problems.IsApi(context), pages => pages.UseStatusCodePagesWithReExecute(Features.Errors.ErrorPages.Path + "/{0}"));
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(app.Environment.WebRootPath) });
        app.UseRouting();
        app.UseCors();
        app.UseAuthentication();
        app.UseRejectedTokens();
        // An address no endpoint answers is a 404 for everyone. The deny-by-default policy (Access) is for routes; without this
        // it would also send anonymous visitors of a mistyped address to the sign-in page.
        app.Use((context, next) =>
        {
            // A method or content type the route does not take is 405/415 for everyone, as a missing route is 404.
            if (context.GetEndpoint() is { DisplayName: "405 HTTP Method Not Supported" or "415 HTTP Unsupported Media Type" } refusal)
                return refusal.RequestDelegate!(context);
            if (context.GetEndpoint() is not null) return next(context);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        // A page's table as CSV or Excel (?export=csv|xlsx&table=N): after authorisation, so an export is refused as its page is.
        app.UseTableExports();
        app.UseOutputCache();

        app.MapOpenApi().AllowAnonymous();
        // Works offline, as a government intranet needs: the script is served from the package itself, the page keeps the
        // browser's own fonts instead of fetching Inter and JetBrains Mono from a CDN, and nothing is reported to Scalar.
        app.MapScalarApiReference(o => o.WithTitle("Gaoxin API").DisableDefaultFonts().DisableTelemetry().DisableAgent().DisableMcp()).AllowAnonymous();
        app.MapOperations();
        app.MapGet("/lang/{culture}", SwitchLanguage).ExcludeFromDescription().AllowAnonymous();
        var api = app.MapGroup("/api");
        // A trivial JSON endpoint through the same pipeline: the peer of the HTTP benchmark (bench W6, docs/performance.md).
        api.MapGet("/ping", Ping).WithName("Ping").WithSummary("A tiny JSON answer that touches no database").WithTags("Health").AllowAnonymous();
        api.MapPlanApi();
        api.MapZoneApi();
        api.MapDataApi();
        api.MapEvaluationApi();
        api.MapProgressApi();
        api.MapTrackingApi();
        api.MapRegistryApi();
        api.MapEnterpriseApi();
        api.MapGazelleApi();
        api.MapPoolApi();
        api.MapSelfAssessmentApi();
        Features.Search.SearchApi.MapSearchApi(api);
        Features.Investment.InvestmentApi.MapInvestmentApi(api);
        Features.Market.DealsApi.MapDealsApi(api);
        Features.Market.TransferReportApi.MapTransferReportApi(api, app);
        Features.SiteSelection.SiteSelectionApi.MapSiteSelectionApi(api);
        api.MapOpenDataApi();
        api.MapZoneContactApi();
        Features.Policies.PolicyApi.MapPolicyApi(api);
        Features.News.NewsApi.MapNewsApi(api);
        Features.Market.MarketApi.MapMarketApi(api);
        Features.Cases.CasesApi.MapCasesApi(api);
        Features.Cases.CasesApi.MapCaseDownloads(app);
        Features.Applications.ApplicationsApi.MapApplicationsApi(api);
        Features.Experts.ExpertsApi.MapExpertsApi(api);
        Features.Monitoring.MonitoringReportApi.MapMonitoringReportApi(api, app);
        Features.Notices.NotificationsApi.MapNotificationsApi(api);
        Features.Imports.ImportsApi.MapImportsApi(api);
        Features.Imports.ImportsApi.MapImportPages(app);
        Features.Policies.PolicyApi.MapPolicyDownloads(app);
        Features.News.NewsApi.MapNewsImages(app);
        app.MapDataDownloads();
        Home.PortalMap.MapBoundaryFile(app);
        Features.Enterprises.ReturnsTemplate.MapReturnsTemplate(app);
        Features.Registries.RegistryDownloads.MapRegistryDownloads(app);
        app.MapGet("/evaluation/{year:int}/bulletin.xlsx", BulletinModel.WorkbookAsync).ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/monitoring/report/{year:int}.xlsx", Features.Monitoring.ReportModel.WorkbookAsync).ExcludeFromDescription().AllowAnonymous();
        app.MapRazorPages();
        return app;
    }

    /// <summary>The output-cache policy of public pages that depend on the store only (and the language).</summary>
    public const string StoreVersionedPage = "store-versioned-page";

    /// <summary>The answer of <c>GET /api/ping</c>.</summary>
    public sealed record PingResponse(string Status);

    private static readonly PingResponse Pong = new("ok");

    private static Ok<PingResponse> Ping() => TypedResults.Ok(Pong);

    /// <summary>Creates and migrates the store and loads the bundled plans before the first request.</summary>
    /// <param name="app">The built server.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <param name="storeOpened">True when the caller has already opened the store (<see cref="GaoxinDatabase.InitializeAsync"/>).</param>
    public static async Task InitializeAsync(WebApplication app, CancellationToken cancellationToken, bool storeOpened = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GaoxinDb>();
        if (!storeOpened)
            await GaoxinDatabase.InitializeAsync(db, GaoxinDatabase.BundleDirectory, app.Services.GetRequiredService<TimeProvider>(), cancellationToken,
                message => LogPreparingStore(app.Logger, message));
        var location = app.Services.GetRequiredService<DatabaseLocation>();
        LogDatabaseReady(app.Logger, location.Describe());
        var admins = await scope.ServiceProvider.GetRequiredService<UserManager<GaoxinUser>>().GetUsersInRoleAsync(Roles.Admin);
        if (admins.Count == 0) LogNoAdministrator(app.Logger, StoreArgument(location));
    }

    /// <summary><c>Database:Provider</c> (Sqlite|Postgres) and <c>ConnectionStrings:Gaoxin</c>; the default is ./data/gaoxin.db.</summary>
    public static DatabaseLocation LocationFromConfiguration(IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"];
        var connection = configuration.GetConnectionString("Gaoxin");
        if (string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Gaoxin is not set.");
            return new DatabaseLocation(DatabaseProvider.Postgres, connection);
        }
        if (!string.IsNullOrEmpty(provider) && !string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{provider}'.");
        return string.IsNullOrWhiteSpace(connection)
            ? DatabaseLocation.Default
            : new DatabaseLocation(DatabaseProvider.Sqlite, connection);
    }

    private static RequestLocalizationOptions LocalizationOptions()
    {
        CultureInfo[] cultures = [new("zh-CN"), new("en")];
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("zh-CN"),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
        };
        // Chinese first: the browser's language is not consulted, only an explicit switch.
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
            new CookieRequestCultureProvider(),
        ];
        return options;
    }

    private static IResult SwitchLanguage(string culture, string? returnUrl, HttpContext context)
    {
        var chosen = culture == "en" ? "en" : "zh-CN";
        context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps });
        return Results.LocalRedirect(IsLocalPath(returnUrl) ? returnUrl! : "/");
    }

    /// <summary>
    /// A path on this site, as <c>Url.IsLocalUrl</c> decides it: one leading slash not followed by a second slash or a backslash
    /// (browsers read <c>/\host</c> as <c>//host</c>, another site), and no control characters. Anything else goes home, never
    /// elsewhere and never to an error.
    /// </summary>
    public static bool IsLocalPath(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] is not ('/' or '\\') && !url.Any(char.IsControl)));

    /// <summary>
    /// The <c>--db</c> argument that names this store from any folder, so that a printed hint works as printed: a SQLite
    /// file by its full path; nothing for the default file run from its own folder; for PostgreSQL the connection string
    /// without its password (Npgsql takes it from PGPASSWORD or ~/.pgpass).
    /// </summary>
    public static string StoreArgument(DatabaseLocation location)
    {
        if (location.Provider == DatabaseProvider.Sqlite)
        {
            var file = Path.GetFullPath(location.Describe());
            return file == Path.GetFullPath(DatabaseLocation.Default.Describe()) ? "" : $" --db \"{file}\"";
        }
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(location.ConnectionString) { Password = null };
        return $" --db \"{builder.ConnectionString}\"";
    }

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "No administrator yet. Create one with: gaoxin users add --email you@example.org --role admin{Store}")]
    private static partial void LogNoAdministrator(ILogger logger, string store);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "{Message}")]
    private static partial void LogPreparingStore(ILogger logger, string message);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Database ready: {Location}")]
    private static partial void LogDatabaseReady(ILogger logger, string location);
}

/// <summary>Turns an unexpected exception into a ProblemDetails response and logs it once.</summary>
public sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // The path the request came in on: by now the path may already be the error page's.
        var api = new PathString(context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path).StartsWithSegments("/api");
        // Input that broke a limit where the store is written (InputLimits): the client's to fix, not a fault.
        // Pages show the site's error page instead (ErrorPages, reached by re-execution), which reads the same exception.
        if (exception is Gaoxin.Core.InputRefusedException refused)
        {
            if (!api) return false;
            await Problems.WriteAsync(context, InputText.Refused(refused.Problem));
            return true;
        }
        // A request the server could not read (a body over the size limit, a form cut short): the client's, not a fault.
        if (exception is BadHttpRequestException bad)
        {
            if (!api) return false;
            await Problems.WriteAsync(context, Problems.ForStatus(bad.StatusCode, context));
            return true;
        }
        LogUnhandled(logger, context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path, exception);
        if (!api) return false;
        await Problems.WriteAsync(context, Problems.ForStatus(StatusCodes.Status500InternalServerError));
        return true;
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private static partial void LogUnhandled(ILogger logger, string path, Exception exception);
}
