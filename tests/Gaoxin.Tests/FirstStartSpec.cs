using System.Collections.Concurrent;
using Gaoxin.Data;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Gaoxin.Tests;

/// <summary>
/// The first start on a store that does not exist yet — the PostgreSQL database not created, the SQLite file absent — is
/// the normal way a store begins: it is created and migrated, and nothing is logged as an error (an operator reading
/// "An error occurred using the connection" in the log would look for a fault that is not there).
/// </summary>
public abstract class FirstStartSpec(ITestStore store) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await store.DisposeAsync();

    [Fact]
    public async Task A_first_start_creates_and_migrates_the_store_and_logs_no_error()
    {
        var entries = new ConcurrentQueue<(LogLevel Level, string Category, string Message)>();
        using var logging = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new Collector(entries)));

        await using (var db = Context(logging))
            await GaoxinDatabase.InitializeAsync(db, GaoxinDatabase.BundleDirectory, TimeProvider.System);

        await using var check = GaoxinDatabase.CreateContext(store.Location);
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.True(await check.Zones.AnyAsync());
        var errors = entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private GaoxinDb Context(ILoggerFactory logging)
    {
        if (store.Provider == DatabaseProvider.Sqlite)
        {
            var options = new DbContextOptionsBuilder<SqliteGaoxinDb>();
            GaoxinDatabase.Configure(options, store.Location);
            return new SqliteGaoxinDb(options.UseLoggerFactory(logging).Options);
        }
        var pg = new DbContextOptionsBuilder<PostgresGaoxinDb>();
        GaoxinDatabase.Configure(pg, store.Location);
        return new PostgresGaoxinDb(pg.UseLoggerFactory(logging).Options);
    }

    private sealed class Collector(ConcurrentQueue<(LogLevel, string, string)> entries) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((logLevel, category, formatter(state, exception)));
        }
    }
}

public sealed class FirstStartOnSqlite() : FirstStartSpec(new SqliteTestStore());

public sealed class FirstStartOnPostgres() : FirstStartSpec(new PostgresTestStore());
