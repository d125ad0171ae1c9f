using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Gaoxin.Data;

/// <summary>
/// The one row of <c>store_version</c>: a counter that every write of platform data raises in the transaction of the
/// write (<see cref="StoreVersion"/>: by <see cref="GaoxinDb"/>'s save, and by each writer that bypasses it), whichever
/// process writes (server or CLI).
/// </summary>
public sealed class StoreVersionRecord
{
    public int Id { get; set; }
    public long Value { get; set; }
}

/// <summary>
/// Keeps what the server reads on every request but the store rarely changes (the zone list, the built plan, a run's
/// response) for as long as the store's version row holds the value it was read under. Every use reads that row, so a
/// change made by another process (the CLI on the same file or database) is seen by the next request. A value is stored
/// under the version read <em>before</em> loading it, so it is never older than its version.
/// </summary>
/// <remarks>
/// The version read is shared by the requests that wait for it, but a request only ever takes the result of a read that
/// <em>started after it arrived</em>: while a read runs, newcomers queue for the next one, which starts as soon as it
/// ends. So each request still sees every write committed before it came in, and under load one primary-key read serves
/// a whole batch of requests instead of one each (it was most of a cached request's cost: docs/performance.md, W6).
/// </remarks>
public sealed class ReadCache(DatabaseLocation location)
{
    private readonly ConcurrentDictionary<string, (long Version, object Value)> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _reading;
    private TaskCompletionSource<long>? _next;

    /// <summary>
    /// The value under <paramref name="key"/> if it was loaded at the store's current version, else
    /// <paramref name="load"/>'s result, kept for the next request. Null results are not kept.
    /// </summary>
    public async Task<T> GetAsync<T>(GaoxinDb db, string key, Func<GaoxinDb, CancellationToken, Task<T>> load, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(cancellationToken);
        if (_entries.TryGetValue(key, out var entry) && entry.Version == version) return (T)entry.Value;
        var value = await load(db, cancellationToken);
        if (value is not null) _entries[key] = (version, value);
        return value;
    }

    /// <summary>The store's version, read by a query that started after this call.</summary>
    public Task<long> VersionAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<long> batch;
        var lead = false;
        lock (_gate)
        {
            if (_reading)
            {
                batch = _next ??= new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            else
            {
                _reading = lead = true;
                batch = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
        if (lead) _ = ReadAsync(batch);
        return batch.Task.WaitAsync(cancellationToken);
    }

    private async Task ReadAsync(TaskCompletionSource<long> batch)
    {
        try
        {
            batch.TrySetResult(await QueryAsync());
        }
        catch (Exception exception)
        {
            batch.TrySetException(exception);
        }
        TaskCompletionSource<long>? next;
        lock (_gate)
        {
            next = _next;
            _next = null;
            _reading = next is not null;
        }
        // Those who queued meanwhile get a read of their own, on the thread pool so that this request is not held up.
        if (next is not null) _ = Task.Run(() => ReadAsync(next));
    }

    private async Task<long> QueryAsync()
    {
        await using DbConnection connection = location.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(location.ConnectionString)
            : new NpgsqlConnection(location.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM store_version WHERE id = 1";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

}

/// <summary>
/// Raises the store's version (<see cref="StoreVersionRecord"/>) inside the transaction of a write, so that the write and
/// the new version commit together and <see cref="ReadCache"/> (and the pages cached under the version) reload at the next
/// request. <see cref="GaoxinDb"/>'s save calls it for every save that changes anything but accounts, tokens and the audit
/// trail; every writer that bypasses the save — raw SQL, bulk COPY, <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> — calls it
/// itself (docs/adr/0005-one-store-version-raised-by-every-write.md lists them).
/// </summary>
public static class StoreVersion
{
    private const string RaiseSql = "UPDATE store_version SET value = value + 1 WHERE id = 1";

    /// <summary>Raises the version on <paramref name="connection"/> inside <paramref name="transaction"/>.</summary>
    public static async Task RaiseAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = RaiseSql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Raises the version inside the context's open transaction.</summary>
    /// <exception cref="InvalidOperationException">No transaction is open.</exception>
    public static Task RaiseAsync(GaoxinDb db, CancellationToken cancellationToken) =>
        RaiseAsync(db.Database.GetDbConnection(), Transaction(db), cancellationToken);

    /// <summary>As <see cref="RaiseAsync(GaoxinDb, CancellationToken)"/>, for the synchronous save.</summary>
    public static void Raise(GaoxinDb db)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = Transaction(db);
        command.CommandText = RaiseSql;
        command.ExecuteNonQuery();
    }

    private static DbTransaction Transaction(GaoxinDb db) =>
        db.Database.CurrentTransaction?.GetDbTransaction()
        ?? throw new InvalidOperationException("The store version must be raised in the transaction of the write it announces.");
}
