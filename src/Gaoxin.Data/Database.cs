using System.Data.Common;
using System.Reflection;
using Gaoxin.Data.Plans;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gaoxin.Data;

/// <summary>Which database engine holds the store.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file, the default.</summary>
    Sqlite,
    /// <summary>A PostgreSQL server.</summary>
    Postgres,
}

/// <summary>Where the store lives: a provider and its connection string.</summary>
public sealed record DatabaseLocation(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The default store: <c>./data/gaoxin.db</c> under the working directory.</summary>
    public static DatabaseLocation Default => ForSqliteFile(Path.Combine("data", "gaoxin.db"));

    /// <summary>A SQLite file at <paramref name="path"/>.</summary>
    public static DatabaseLocation ForSqliteFile(string path) =>
        new(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path) }.ToString());

    /// <summary>
    /// Reads the value of a <c>--db</c> option: a connection string beginning with <c>Host=</c> is PostgreSQL,
    /// anything else is the path of a SQLite file.
    /// </summary>
    public static DatabaseLocation Parse(string value) =>
        value.TrimStart().StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
            ? new DatabaseLocation(DatabaseProvider.Postgres, value)
            : ForSqliteFile(value);

    /// <summary>A description safe to print: the file, or the server and database without the password.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
            return new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }
}

/// <summary>Opens the store, creating and migrating it and loading the bundled plans on first use.</summary>
public static class GaoxinDatabase
{
    /// <summary>Configures EF Core options for the location's provider.</summary>
    public static void Configure(DbContextOptionsBuilder options, DatabaseLocation location)
    {
        if (location.Provider == DatabaseProvider.Sqlite) options.UseSqlite(location.ConnectionString).AddInterceptors(SqliteDurability.Instance);
        else options.UseNpgsql(location.ConnectionString);
        options.AddInterceptors(ControlCharacterGuard.Instance);
        // A connection that fails throws, and whoever handles the exception reports it (the CLI's message, the server's
        // problem handler and its log): EF's own "An error occurred using the connection" line at Error said it a second
        // time — and on every first start against a PostgreSQL database not created yet, where the refusal is expected
        // and the store is then created. It stays in the log at Debug.
        options.ConfigureWarnings(w => w.Log((RelationalEventId.ConnectionError, LogLevel.Debug)));
    }

    /// <summary>Creates a context for the location; the caller disposes it.</summary>
    public static GaoxinDb CreateContext(DatabaseLocation location)
    {
        if (location.Provider == DatabaseProvider.Sqlite)
        {
            var options = new DbContextOptionsBuilder<SqliteGaoxinDb>();
            Configure(options, location);
            return new SqliteGaoxinDb(options.Options);
        }
        var pgOptions = new DbContextOptionsBuilder<PostgresGaoxinDb>();
        Configure(pgOptions, location);
        return new PostgresGaoxinDb(pgOptions.Options);
    }

    /// <summary>
    /// Creates the database if needed, applies pending migrations and loads every bundled plan that the
    /// store does not yet hold in its current form. Safe to call on every start.
    /// </summary>
    /// <param name="db">The store.</param>
    /// <param name="bundleDirectory">The folder holding <c>plans/</c> and <c>datasets/</c> (the executable's folder).</param>
    /// <param name="clock">The clock.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <param name="announce">
    /// Told, before any work, when the store is new or lacks migrations of this build: the first start then takes a few
    /// seconds, and a person waiting should know why.
    /// </param>
    public static async Task InitializeAsync(GaoxinDb db, string bundleDirectory, TimeProvider clock, CancellationToken cancellationToken = default,
        Action<string>? announce = null)
    {
        var timings = StartupTimings.Start();
        if (db is SqliteGaoxinDb)
        {
            var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }
        timings?.Mark("EF Core services");
        // MigrateAsync builds and compares the design-time model even when nothing is pending (about a second): ask the
        // history table first and migrate only a store that lacks one of this build's migrations (or has no history yet).
        var (pending, readable) = await PendingMigrationsAsync(db, cancellationToken);
        if (pending)
        {
            // Only a store that answered is announced: one that cannot be read (a garbage file, a refused connection) fails
            // below with its one located line, and a progress line before it would only be noise.
            if (readable && CanCreate(db)) announce?.Invoke(FirstStartMessage(db));
            await db.Database.MigrateAsync(cancellationToken);
        }
        timings?.Mark("migrations");
        if (db is SqliteGaoxinDb)
        {
            // WAL lets the web server read while a CLI verb writes. Every connection syncs each commit (synchronous=FULL,
            // SqliteDurability below): a committed import survives a power cut, not only a crash of the process.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        timings?.Mark("wal (first EF command)");
        await PlanStore.LoadBundledAsync(db, Path.Combine(bundleDirectory, "plans"), "system", clock, cancellationToken);
        timings?.Mark("bundled plans");
        await Collection.DataSetStore.LoadBundledAsync(db, Path.Combine(bundleDirectory, "datasets"), cancellationToken);
        timings?.Mark("bundled data set");
        await Registries.RegistryStore.LoadBundledAsync(db, Path.Combine(bundleDirectory, "registries"), clock, cancellationToken);
        timings?.Mark("bundled registries");
        await Policies.PolicyStore.LoadBundledAsync(db, Path.Combine(bundleDirectory, "policies"), clock, cancellationToken);
        timings?.Mark("bundled policies");
        await Market.MarketInstitutions.LoadBundledAsync(db, Path.Combine(bundleDirectory, "market"), clock, cancellationToken);
        timings?.Mark("bundled market institutions");
    }

    /// <summary>
    /// False for a SQLite file that does not exist and cannot be created (a read-only or missing folder): opening it will fail
    /// with its own located line. An empty file is what SQLite itself would create, an empty store. The check creates nothing
    /// that stays: the folder is probed with a file of another name that is deleted when it is closed, and the store's file
    /// is left to the migration to create.
    /// </summary>
    private static bool CanCreate(GaoxinDb db)
    {
        if (db is not SqliteGaoxinDb) return true;
        var file = Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
        if (File.Exists(file)) return true;
        var folder = Path.GetDirectoryName(file);
        if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder)) return false;
        try
        {
            var probe = Path.Combine(folder, $".{Path.GetFileName(file)}.{Guid.NewGuid():N}.probe");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>What a person waiting on a new or older store is told.</summary>
    private static string FirstStartMessage(GaoxinDb db)
    {
        var where = db is SqliteGaoxinDb
            ? Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource)
            : new DatabaseLocation(DatabaseProvider.Postgres, db.Database.GetConnectionString()!).Describe();
        return $"Preparing the store {where}: creating or updating its tables and loading the bundled plans (首次启动,正在创建并迁移数据库). This takes a few seconds once.";
    }

    /// <summary>Whether this build's migrations are all applied, and whether the store could be read to tell.</summary>
    private static async Task<(bool Pending, bool Readable)> PendingMigrationsAsync(GaoxinDb db, CancellationToken cancellationToken)
    {
        try
        {
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            return (db.Database.GetMigrations().Any(id => !applied.Contains(id)), true);
        }
        catch (DbException)
        {
            // No database yet (PostgreSQL refuses the connection): MigrateAsync creates it, or reports why it cannot.
            return (true, false);
        }
    }

    /// <summary>
    /// An open raw connection to the store when it exists and already has every migration of this build; otherwise null
    /// (the caller then opens it the usual way, which creates and migrates it). For read-only verbs on large stores
    /// (<c>gaoxin gazelles</c>), whose own work is a single streaming query: this skips building the EF model, the
    /// migration check and reloading the bundled plans, which would cost more than the query.
    /// </summary>
    public static async Task<DbConnection?> TryOpenCurrentAsync(DatabaseLocation location, CancellationToken cancellationToken = default)
    {
        DbConnection connection;
        Type context;
        if (location.Provider == DatabaseProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(location.ConnectionString);
            if (!File.Exists(builder.DataSource)) return null;
            connection = new SqliteConnection(builder.ToString());
            context = typeof(SqliteGaoxinDb);
        }
        else
        {
            connection = new NpgsqlConnection(location.ConnectionString);
            context = typeof(PostgresGaoxinDb);
        }
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (await HasLatestMigrationAsync(connection, context, cancellationToken)) return connection;
        }
        catch (DbException)
        {
            // No history table yet (a new store) or the server refused: the usual way reports it properly.
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>
    /// True, with the context's connection left open, when the store exists and already has every migration of this
    /// build; otherwise false with nothing changed, and the caller opens it the usual way (<see cref="InitializeAsync"/>,
    /// which creates and migrates it). For verbs that work on the store's tables only and never read the bundled plans
    /// (<c>gaoxin enterprises aggregate</c>): the one query here replaces EF's migration check and the reloading of the
    /// bundled files, about 0.4 s of a PostgreSQL start. A later verb or the server loads a changed bundle as before.
    /// </summary>
    public static async Task<bool> TryUseCurrentAsync(GaoxinDb db, CancellationToken cancellationToken = default)
    {
        if (db is SqliteGaoxinDb && !File.Exists(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource)) return false;
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            if (await HasLatestMigrationAsync(db.Database.GetDbConnection(), db.GetType(), cancellationToken)) return true;
        }
        catch (DbException)
        {
            // As in TryOpenCurrentAsync: the usual way reports a new store or a refusal properly.
        }
        await db.Database.CloseConnectionAsync();
        return false;
    }

    private static async Task<bool> HasLatestMigrationAsync(DbConnection connection, Type context, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\" DESC LIMIT 1";
        var applied = await command.ExecuteScalarAsync(cancellationToken) as string;
        return applied is not null && applied == LatestMigration(context);
    }

    /// <summary>The newest migration id of a context's migration set, read from the compiled migrations.</summary>
    private static string? LatestMigration(Type context) => typeof(GaoxinDatabase).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<DbContextAttribute>()?.ContextType == context)
        .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
        .Where(id => id is not null)
        .Max(StringComparer.Ordinal);

    /// <summary>The folder of the bundled plans and data sets: the executable's own.</summary>
    public static string BundleDirectory => AppContext.BaseDirectory;

    /// <summary>The folder of bundled plans beside the executable.</summary>
    public static string BundledPlansDirectory => Path.Combine(BundleDirectory, "plans");
}

/// <summary>
/// Sets the durability of every SQLite connection the store opens: <c>PRAGMA synchronous=FULL</c>. The store runs in WAL mode
/// (set once by <see cref="GaoxinDatabase.InitializeAsync"/>; it persists in the file). In WAL, NORMAL is already safe against a
/// crash of the process — a killed import leaves the store as before — but a power cut or an operating-system crash can lose
/// the last transactions reported as committed, because the WAL is only synced at checkpoints. The store is an office's
/// official record (approved figures, their audit, published evaluations), so a commit that was reported done must survive a
/// power cut too: FULL syncs the WAL on every commit. The cost is one fsync per transaction, and the imports write a whole
/// file in one transaction. <c>synchronous</c> is a per-connection setting, hence this interceptor rather than a one-off
/// statement at start-up.
/// </summary>
public sealed class SqliteDurability : DbConnectionInterceptor
{
    /// <summary>The shared instance (it holds no state).</summary>
    public static readonly SqliteDurability Instance = new();

    /// <summary>The statement run on every opened connection.</summary>
    public const string Pragma = "PRAGMA synchronous=FULL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite migration set.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteGaoxinDb>
{
    public SqliteGaoxinDb CreateDbContext(string[] args) =>
        (SqliteGaoxinDb)GaoxinDatabase.CreateContext(DatabaseLocation.ForSqliteFile("design-time.db"));
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL migration set (no server is contacted).</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresGaoxinDb>
{
    public PostgresGaoxinDb CreateDbContext(string[] args) =>
        (PostgresGaoxinDb)GaoxinDatabase.CreateContext(new DatabaseLocation(DatabaseProvider.Postgres, "Host=localhost;Database=gaoxin"));
}

/// <summary>
/// Wall and CPU time of the steps of a CLI verb (opening the store, the bundled files, a verb's own phases), written to
/// standard error when <c>GAOXIN_TIMINGS</c> is set, for profiling; nothing is measured otherwise.
/// </summary>
public sealed class StartupTimings
{
    /// <summary>Whether <c>GAOXIN_TIMINGS</c> is set.</summary>
    public static bool Enabled { get; } = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GAOXIN_TIMINGS"));
    private readonly System.Diagnostics.Stopwatch _watch = System.Diagnostics.Stopwatch.StartNew();
    private TimeSpan _cpu = Cpu;

    private StartupTimings() { }

    // The process's CPU time, all threads (JIT included): on a shared machine, wall time mostly measures the others.
    private static TimeSpan Cpu => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>Starts timing; null (nothing measured) unless <c>GAOXIN_TIMINGS</c> is set.</summary>
    public static StartupTimings? Start()
    {
        if (!Enabled) return null;
        Write("since the process started", DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime, Cpu);
        return new StartupTimings();
    }

    /// <summary>Writes a figure measured elsewhere (a part of a step).</summary>
    public static void Write(string step, TimeSpan elapsed) =>
        Console.Error.WriteLine($"[timings]   {step}: {elapsed.TotalMilliseconds:0} ms wall");

    private static void Write(string step, TimeSpan elapsed, TimeSpan cpu) =>
        Console.Error.WriteLine($"[timings] {step}: {elapsed.TotalMilliseconds:0} ms wall, {cpu.TotalMilliseconds:0} ms CPU");

    /// <summary>Writes the time since the last mark (or the start) under <paramref name="step"/>.</summary>
    public void Mark(string step)
    {
        var cpu = Cpu;
        Write(step, _watch.Elapsed, cpu - _cpu);
        _cpu = cpu;
        _watch.Restart();
    }
}
