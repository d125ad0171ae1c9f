using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Gaoxin.Core.Demo;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Registries;
using Gaoxin.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gaoxin.Tests;

/// <summary>
/// Crash safety on each provider: the real <c>gaoxin</c> process doing an import or a publish is killed with SIGKILL at named
/// moments inside its transaction (it pauses there through <see cref="CrashPoint"/>, so the kill lands exactly there, not
/// by luck of timing). After every kill each table of the store has the same rows as before, checked by row counts and
/// checksums; the retry then succeeds and leaves the store as the same work, never killed, leaves a copy of the store.
/// </summary>
public abstract class CrashSafetySpec(ITestStore store) : IAsyncLifetime
{
    private const string Office = "office@example.org";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private string _token = "";
    private readonly string _files = Directory.CreateTempSubdirectory("gaoxin-crash-").FullName;

    public async Task InitializeAsync()
    {
        var added = await Cli("users", "add", "--email", Office, "--role", "admin", "--password", "correct-horse-battery");
        Assert.True(added.ExitCode == 0, added.Error);
        _token = (await Cli("users", "token", "--email", Office)).Output.Trim();
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        try { Directory.Delete(_files, recursive: true); } catch (IOException) { }
    }

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    [Fact]
    public async Task A_zone_data_import_killed_inside_its_transaction_leaves_the_store_as_before_and_its_retry_imports_it_all()
    {
        var file = await DemoFileAsync();
        await KilledThenRetriedAsync(["in-transaction", "before-commit"],
            (target, point) => KillCliAsync(target, point, "data", "import", file, "--approve"),
            target => SucceedsAsync(target, "data", "import", file, "--approve"));
    }

    [Fact]
    public async Task An_enterprise_returns_import_killed_inside_its_transaction_leaves_the_store_as_before_and_its_retry_imports_it_all()
    {
        var file = Temp("returns.csv");
        var text = new StringBuilder(string.Join(",", Data.Enterprises.EnterpriseImport.Columns) + "\n");
        for (var n = 1; n <= 3000; n++)
            text.Append($"{TestCreditCodes.Make(n)},企业{n},{(n % 2 == 0 ? "shenyang" : "dalian")},{2019 + n % 2},2015-03-01,C39,{n % 3 % 2},{100 + n},{10 + n % 50},{n % 10},{n % 7},{n % 9},{n % 11},{50 + n % 13},0,0,,0\n");
        await File.WriteAllTextAsync(file, text.ToString(), new UTF8Encoding(false));
        await KilledThenRetriedAsync(["mid-write", "before-commit"],
            (target, point) => KillCliAsync(target, point, "enterprises", "import", file),
            target => SucceedsAsync(target, "enterprises", "import", file));
    }

    [Fact]
    public async Task A_registry_workbook_import_killed_with_the_server_leaves_the_store_as_before_and_its_retry_imports_it_all()
    {
        var workbook = await RegistryWorkbookAsync();
        await KilledThenRetriedAsync(["in-transaction", "mid-write", "before-commit"],
            (target, point) => KillServerDuringImportAsync(target, point, workbook),
            async target =>
            {
                await using var server = await RunningServer.StartAsync(target.Location);
                using var client = TestHttp.Client(server.Address).WithTimeout(Patience);
                client.DefaultRequestHeaders.Authorization = new("Bearer", _token);
                var answer = await client.PostAsync("/api/registries/tech_platform/import", new ByteArrayContent(workbook));
                Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
            });
    }

    [Fact]
    public async Task A_market_profiles_import_killed_inside_its_transaction_leaves_the_store_as_before_and_its_retry_imports_it_all()
    {
        var file = Temp("profiles.csv");
        var until = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(200).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var text = new StringBuilder("side,title,text,field,keywords,zone,enterprise_name,maturity,trl,ip_status,cooperation_modes,price_min_wan,price_max_wan,owner_name,valid_until\n");
        for (var n = 1; n <= 400; n++)
            text.Append(n % 2 == 0
                ? $"demand,液压阀内泄漏检测需求{n},液压多路阀内泄漏在线检测方法{n},hydraulics,内泄漏,fuxin,阜新液压件{n}厂,,,,,,,,{until}\n"
                : $"achievement,声发射泄漏检测成果{n},基于声发射的液压阀内泄漏检测{n},hydraulics,声发射,,,pilot,6,patent_pending,license,20,60,东北大学,{until}\n");
        await File.WriteAllTextAsync(file, text.ToString(), new UTF8Encoding(false));
        await KilledThenRetriedAsync(["in-transaction", "mid-write", "before-commit"],
            (target, point) => KillCliAsync(target, point, "market", "import", file),
            target => SucceedsAsync(target, "market", "import", file));
    }

    [Fact]
    public async Task Publishing_a_run_killed_inside_its_transaction_leaves_the_store_as_before_and_its_retry_publishes_it()
    {
        await SucceedsAsync(store, "data", "import", await DemoFileAsync(), "--approve");
        var evaluated = await Cli("evaluate", "--year", "2020");
        var run = Regex.Match(evaluated.Output, @"Run (\d+) recorded").Groups[1].Value;
        Assert.True(run.Length > 0, evaluated.Output + evaluated.Error);
        await KilledThenRetriedAsync(["mid-write", "before-commit"],
            (target, point) => KillCliAsync(target, point, "evaluate", "publish", run),
            target => SucceedsAsync(target, "evaluate", "publish", run));
    }

    /// <summary>
    /// The heart of every case: a twin of the store does the work unkilled; the store itself is killed at each point and must
    /// equal its snapshot from before, table by table; then the retry on it must succeed and equal the twin.
    /// </summary>
    private async Task KilledThenRetriedAsync(string[] points, Func<ITestStore, string, Task> killAt, Func<ITestStore, Task> complete)
    {
        var before = await StoreSnapshot.ExactAsync(store.Location);
        var beforeNormalized = await StoreSnapshot.NormalizedAsync(store.Location);
        await using var twin = await CopyAsync(store);
        await complete(twin);
        var unkilled = await StoreSnapshot.NormalizedAsync(twin.Location);
        Assert.NotEmpty(StoreSnapshot.Differences(beforeNormalized, unkilled));

        foreach (var point in points)
        {
            await killAt(store, point);
            var changed = StoreSnapshot.Differences(before, await StoreSnapshot.ExactAsync(store.Location));
            Assert.True(changed.Count == 0, $"killed at {point}, tables changed: {string.Join(", ", changed)}");
        }

        await complete(store);
        var differences = StoreSnapshot.Differences(unkilled, await StoreSnapshot.NormalizedAsync(store.Location));
        Assert.True(differences.Count == 0, $"the retry differs from an unkilled run in: {string.Join(", ", differences)}");
    }

    private static async Task KillCliAsync(ITestStore target, string point, params string[] args)
    {
        await using var child = GaoxinProcess.Start([.. args, "--db", target.DbArgument], point);
        Assert.Equal(point, await child.PausedAsync(Patience));
        await child.KillAsync();
    }

    private static async Task SucceedsAsync(ITestStore target, params string[] args)
    {
        var result = await CliRun.RunAsync([.. args, "--db", target.DbArgument]);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
    }

    private async Task KillServerDuringImportAsync(ITestStore target, string point, byte[] workbook)
    {
        var port = FreePort();
        await using var server = GaoxinProcess.Start(["serve", "--urls", $"http://127.0.0.1:{port}", "--db", target.DbArgument], point);
        using var client = TestHttp.Client(new Uri($"http://127.0.0.1:{port}")).WithTimeout(Patience);
        var started = DateTime.UtcNow;
        while (true)
        {
            Assert.False(server.HasExited, server.Error + server.Output);
            Assert.True(DateTime.UtcNow - started < Patience, "the server did not start");
            try
            {
                if ((await client.GetAsync("/registries")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        client.DefaultRequestHeaders.Authorization = new("Bearer", _token);
        var import = client.PostAsync("/api/registries/tech_platform/import", new ByteArrayContent(workbook));
        var paused = server.PausedAsync(Patience);
        if (await Task.WhenAny(paused, import) == import)
            Assert.Fail($"the import answered {(int)(await import).StatusCode} without pausing at {point}");
        Assert.Equal(point, await paused);
        await server.KillAsync();
        // The answer never comes: the connection dies with the server.
        await Assert.ThrowsAnyAsync<Exception>(() => import);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private string Temp(string name) => Path.Combine(_files, name);

    /// <summary>The demo figures of 2016–2020 in the interchange format, without the figures the registries derive.</summary>
    private async Task<string> DemoFileAsync()
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var set = await DataSetStore.GetAsync(db, CancellationToken.None);
        var reported = set.Elements.Where(e => e.Derived is null).Select(e => e.Code).ToHashSet();
        var file = Temp("figures.csv");
        await using (var writer = new StreamWriter(file, false, new UTF8Encoding(false)))
            InterchangeCsv.Write(writer, DemoData.Generate().Where(v => reported.Contains(v.Element)));
        return file;
    }

    /// <summary>A tech-platform workbook adding one new platform in each of six zones.</summary>
    private async Task<byte[]> RegistryWorkbookAsync()
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var zones = await db.Zones.OrderBy(z => z.Code).Select(z => z.Code).Take(6).ToListAsync();
        using var workbook = new ClosedXML.Excel.XLWorkbook();
        var sheet = workbook.Worksheets.Add("tech_platform");
        for (var c = 0; c < RegistryWorkbook.Columns.Count; c++) sheet.Cell(1, c + 1).Value = RegistryWorkbook.Columns[c];
        for (var i = 0; i < zones.Count; i++)
        {
            sheet.Cell(3 + i, 2).Value = $"Crash drill laboratory {zones[i]}";
            sheet.Cell(3 + i, 3).Value = zones[i];
            sheet.Cell(3 + i, 6).Value = "2020-06-01";
        }
        var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    /// <summary>A copy of the store as it stands: <c>VACUUM INTO</c> on SQLite, a database made from it as template on PostgreSQL.</summary>
    private static async Task<ITestStore> CopyAsync(ITestStore source)
    {
        if (source.Provider == DatabaseProvider.Sqlite)
        {
            var copy = new CopiedSqliteStore();
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(source.Location.ConnectionString) { Pooling = false }.ToString());
            await connection.OpenAsync();
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $file";
            vacuum.Parameters.AddWithValue("$file", copy.DbArgument);
            await vacuum.ExecuteNonQueryAsync();
            return copy;
        }
        var from = new NpgsqlConnectionStringBuilder(source.DbArgument);
        NpgsqlConnection.ClearPool(new NpgsqlConnection(source.DbArgument));
        var twin = new CopiedPostgresStore(from);
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(source.DbArgument) { Database = "postgres", Pooling = false }.ToString());
        await admin.OpenAsync();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{twin.Database}\" TEMPLATE \"{from.Database}\"", admin);
                await create.ExecuteNonQueryAsync();
                return twin;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 50)
            {
                // A connection of the source is still closing.
                await Task.Delay(200);
            }
        }
    }

    private sealed class CopiedSqliteStore : ITestStore
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("gaoxin-twin-").FullName;

        public DatabaseProvider Provider => DatabaseProvider.Sqlite;

        public string DbArgument => Path.Combine(_folder, "twin.db");

        public ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
            return ValueTask.CompletedTask;
        }
    }

    private sealed class CopiedPostgresStore(NpgsqlConnectionStringBuilder source) : ITestStore
    {
        public string Database { get; } = $"{source.Database}_twin";

        public DatabaseProvider Provider => DatabaseProvider.Postgres;

        public string DbArgument => new NpgsqlConnectionStringBuilder(source.ConnectionString) { Database = Database }.ToString();

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(DbArgument));
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(source.ConnectionString) { Database = "postgres", Pooling = false }.ToString());
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

public sealed class CrashSafetyOnSqlite() : CrashSafetySpec(new SqliteTestStore());

public sealed class CrashSafetyOnPostgres() : CrashSafetySpec(new PostgresTestStore());

/// <summary>How the SQLite store is made durable: WAL, and every commit synced (synchronous=FULL, see docs/security.md).</summary>
public sealed class SqliteDurabilitySpec : IAsyncLifetime
{
    private readonly SqliteTestStore _store = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Every_connection_of_the_store_runs_in_WAL_and_syncs_each_commit()
    {
        await using (var db = GaoxinDatabase.CreateContext(((ITestStore)_store).Location))
            await GaoxinDatabase.InitializeAsync(db, GaoxinDatabase.BundleDirectory, TimeProvider.System);
        await using var context = GaoxinDatabase.CreateContext(((ITestStore)_store).Location);
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA synchronous";
        Assert.Equal(2L, await command.ExecuteScalarAsync()); // 2 = FULL
    }
}
