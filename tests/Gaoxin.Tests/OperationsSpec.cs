using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gaoxin.Data;
using Gaoxin.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gaoxin.Tests;

/// <summary>Liveness and readiness against a fresh database of each provider.</summary>
public abstract class HealthSpec(ITestStore store) : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(store.Location);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        var response = await _server.Client.GetAsync(path);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static Dictionary<string, string> Checks(JsonElement body) =>
        body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);

    /// <summary>Makes the store unreachable for the running server: the PostgreSQL database is dropped, the SQLite file's folder removed.</summary>
    private async Task CutOffTheStoreAsync()
    {
        if (store.Provider == DatabaseProvider.Postgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(store.DbArgument);
            var database = builder.Database;
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(store.DbArgument) { Database = "postgres" }.ToString());
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(store.DbArgument)!, recursive: true);
        }
    }

    [Fact]
    public async Task Liveness_answers_healthy_without_running_any_check()
    {
        var (status, body) = await GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Empty(Checks(body));
    }

    [Fact]
    public async Task Readiness_reports_ready_with_the_database_up_and_migrated()
    {
        var (status, body) = await GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string> { ["database"] = "Healthy", ["migrations"] = "Healthy" }, Checks(body));
    }

    [Fact]
    public async Task Readiness_reports_not_ready_while_a_migration_is_pending()
    {
        string latest;
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            latest = db.Database.GetMigrations().Last();
            // As a store looks to a new build whose newest migration another instance has not applied yet.
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {latest}");
        }

        var (status, body) = await GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string> { ["database"] = "Healthy", ["migrations"] = "Unhealthy" }, Checks(body));
        Assert.Contains(latest, body.GetRawText());
    }

    [Fact]
    public async Task Readiness_reports_not_ready_when_the_database_is_unreachable_while_liveness_still_answers()
    {
        await CutOffTheStoreAsync();

        var (ready, body) = await GetAsync("/readyz");
        var (live, _) = await GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", Checks(body)["database"]);
        Assert.Equal(HttpStatusCode.OK, live);
    }
}

public sealed class HealthOnSqlite() : HealthSpec(new SqliteTestStore());

public sealed class HealthOnPostgres() : HealthSpec(new PostgresTestStore());

/// <summary>Metrics are process-wide: these specs run alone, so that no other test's imports are counted with theirs.</summary>
[CollectionDefinition(nameof(MetricsCollection), DisableParallelization = true)]
public sealed class MetricsCollection;

/// <summary>The meter <c>Gaoxin</c>: rows imported, evaluation runs and job durations, recorded where the work is done.</summary>
[Collection(nameof(MetricsCollection))]
public sealed class MetricsSpec : IAsyncLifetime
{
    private readonly ITestStore _store = new SqliteTestStore();
    private readonly string _folder = Directory.CreateTempSubdirectory("gaoxin-metrics-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", _store.DbArgument]);

    private string WriteCsv(string content)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private const string FiveValues = """
        zone,year,element,value
        shenyang,2019,gdp,1234.5
        shenyang,2019,revenue,3100
        shenyang,2019,enterprise_count,5200
        dalian,2019,gdp,1100.25
        dalian,2019,employees,150000
        """;

    /// <summary>Every measurement of the meter <c>Gaoxin</c> while it is alive.</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();

        public ConcurrentQueue<(string Instrument, double Value, Dictionary<string, string?> Tags)> Measurements { get; } = new();

        public Recorder()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == Telemetry.MeterName) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
            _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
            _listener.Start();
        }

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var map = new Dictionary<string, string?>();
            foreach (var tag in tags) map[tag.Key] = tag.Value?.ToString();
            Measurements.Enqueue((instrument.Name, value, map));
        }

        public double Sum(string instrument, string job, string? outcome = null) => Measurements
            .Where(m => m.Instrument == instrument && m.Tags.GetValueOrDefault("gaoxin.job") == job
                && (outcome is null || m.Tags.GetValueOrDefault("gaoxin.outcome") == outcome))
            .Sum(m => m.Value);

        public double Total(string instrument) => Measurements.Where(m => m.Instrument == instrument).Sum(m => m.Value);

        public int Count(string instrument, string? job = null, string? outcome = null) => Measurements
            .Count(m => m.Instrument == instrument && (job is null || m.Tags.GetValueOrDefault("gaoxin.job") == job)
                && (outcome is null || m.Tags.GetValueOrDefault("gaoxin.outcome") == outcome));

        public void Dispose() => _listener.Dispose();
    }

    [Fact]
    public async Task An_import_records_its_stored_rows_and_its_duration_and_a_refused_one_only_its_duration()
    {
        Assert.Equal(0, (await Cli("zones", "list")).ExitCode);
        using var recorder = new Recorder();

        var stored = await Cli("data", "import", WriteCsv(FiveValues), "--approve");
        var refused = await Cli("data", "import", WriteCsv("zone,year,element,value\nshenyang,2019,gdp,not-a-number\n"), "--approve");

        Assert.Equal(0, stored.ExitCode);
        Assert.Equal(Gaoxin.Cli.InvalidInput, refused.ExitCode);
        Assert.Equal(5, recorder.Sum("gaoxin.import.rows", Telemetry.Jobs.ZoneDataImport));
        Assert.Equal(1, recorder.Count("gaoxin.import.rows"));
        Assert.Equal(1, recorder.Count("gaoxin.job.duration", Telemetry.Jobs.ZoneDataImport, "stored"));
        Assert.Equal(1, recorder.Count("gaoxin.job.duration", Telemetry.Jobs.ZoneDataImport, "not_stored"));
        Assert.InRange(recorder.Sum("gaoxin.job.duration", Telemetry.Jobs.ZoneDataImport, "stored"), 1e-6, 60);
    }

    [Fact]
    public async Task An_evaluation_run_and_its_publication_are_counted_and_timed()
    {
        Assert.Equal(0, (await Cli("demo", "seed")).ExitCode);
        using var recorder = new Recorder();

        var evaluated = await Cli("evaluate", "--year", "2019");
        var run = System.Text.RegularExpressions.Regex.Match(evaluated.Output, @"Run (\d+) recorded").Groups[1].Value;
        var published = await Cli("evaluate", "publish", run);

        Assert.True(published.ExitCode == 0, published.Error);
        Assert.Equal(1, recorder.Total("gaoxin.evaluation.runs"));
        Assert.Equal(1, recorder.Count("gaoxin.job.duration", Telemetry.Jobs.Evaluation, "stored"));
        Assert.Equal(1, recorder.Count("gaoxin.job.duration", Telemetry.Jobs.Publication, "stored"));
    }

    [Fact]
    public async Task The_metrics_endpoint_serves_requests_and_import_rows_in_the_Prometheus_format_when_configured()
    {
        await using var server = await RunningServer.StartAsync(_store.Location, ["--Telemetry:Prometheus=true"]);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/api/ping")).StatusCode);
        Assert.Equal(0, (await Cli("data", "import", WriteCsv(FiveValues), "--approve")).ExitCode);

        var metrics = await server.Client.GetStringAsync("/metrics");

        // A sample line: name{labels} value
        var rows = metrics.Split('\n').Single(l => l.StartsWith("gaoxin_import_rows_total{", StringComparison.Ordinal));
        Assert.Contains("gaoxin_job=\"import.zone-data\"", rows);
        Assert.Equal("5", rows[(rows.LastIndexOf('}') + 2)..].Split(' ')[0]);
        Assert.Contains("gaoxin_job=\"import.zone-data\",gaoxin_outcome=\"stored\",le=\"0.1\"}", metrics);
        Assert.Contains("http_server_request_duration_seconds_bucket{", metrics);
        Assert.Contains("http_route=\"/api/ping\"", metrics);
    }

    [Fact]
    public async Task Without_configuration_there_is_no_metrics_endpoint()
    {
        await using var server = await RunningServer.StartAsync(_store.Location);

        var response = await server.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

/// <summary>
/// No secret reaches the log: the server is started with a password in its PostgreSQL connection string and every
/// category at Trace, a user signs in (once wrongly) and a personal token is used; the whole log is then searched.
/// </summary>
public sealed class LogSecretsSpec : IAsyncLifetime
{
    private readonly string _role = $"gx_probe_{Guid.NewGuid():N}"[..24];
    private readonly string _database = $"gaoxin_test_{Guid.NewGuid():N}";
    private readonly string _databasePassword = $"Db-Secret-{Guid.NewGuid():N}";
    private const string UserPassword = "User-Secret-correct-horse-7";
    private const string WrongPassword = "User-Secret-wrong-guess-9";
    private readonly CapturedLogs _logs = new();

    private static string Server => Environment.GetEnvironmentVariable(PostgresTestStore.Variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"{PostgresTestStore.Variable} is not set");

    private string Store => new NpgsqlConnectionStringBuilder(Server) { Username = _role, Password = _databasePassword, Database = _database }.ToString();

    private async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString());
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    public Task InitializeAsync() => AdminAsync($"CREATE ROLE {_role} LOGIN CREATEDB PASSWORD '{_databasePassword}'");

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
        await AdminAsync($"DROP ROLE IF EXISTS {_role}");
    }

    [Fact]
    public async Task Startup_sign_in_and_a_token_call_log_no_password_token_or_cookie()
    {
        var location = new DatabaseLocation(DatabaseProvider.Postgres, Store);
        string token;
        string? cookie;
        await using (var server = await RunningServer.StartAsync(location, [
            "--Logging:LogLevel:Default=Trace", "--Logging:LogLevel:Microsoft.AspNetCore=Trace", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Trace"], _logs))
        {
            Assert.Equal(0, (await CliRun.RunAsync("users", "add", "--email", "office@example.org", "--role", "admin", "--password", UserPassword, "--db", Store)).ExitCode);
            token = (await CliRun.RunAsync("users", "token", "--email", "office@example.org", "--db", Store)).Output.Trim();
            Assert.StartsWith("gx_", token);

            using var wrong = new PageSession(server.Address);
            await wrong.SignInAsync("office@example.org", WrongPassword);
            var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
            using (var browser = TestHttp.Client(server.Address, handler))
            {
                var page = await browser.GetStringAsync("/account/login");
                var antiforgery = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
                var signedIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent([
                    new("Email", "office@example.org"), new("Password", UserPassword), new("__RequestVerificationToken", WebUtility.HtmlDecode(antiforgery))]));
                Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
                cookie = handler.CookieContainer.GetCookies(server.Address)["gaoxin.auth"]?.Value;
                Assert.False(string.IsNullOrEmpty(cookie));
                Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/zones")).StatusCode);
            }
            using var api = TestHttp.Client(server.Address);
            api.DefaultRequestHeaders.Authorization = new("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/audit")).StatusCode);
        }

        var log = _logs.Text;
        Assert.Contains("Database ready", log);
        Assert.True(log.Length > 1000, "the log was captured at Trace");
        foreach (var (what, secret) in new[]
        {
            ("the database password", _databasePassword), ("the user's password", UserPassword), ("a wrong password", WrongPassword),
            ("the personal token", token), ("the token's secret part", token[^16..]), ("the sign-in cookie", cookie![..Math.Min(40, cookie.Length)]),
        })
            Assert.False(log.Contains(secret, StringComparison.Ordinal), $"{what} is in the log");
    }
}

/// <summary>A logging provider that keeps every message, with its state values and exception, as text.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public string Text => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel} {category} [{eventId.Id}] {formatter(state, exception)} | {values} | {exception}");
        }
    }
}
