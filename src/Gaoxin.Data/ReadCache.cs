using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gaoxin.Data;

/// <summary>
/// The one row of <c>store_version</c>: a counter that every write of platform data raises in the transaction of the
/// write (<see cref="ReadCache.BumpAsync"/>, called by <see cref="GaoxinDb"/>'s save), whichever process writes (server or CLI).
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
    private const int Row = 1;

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

    /// <summary>
    /// Raises the store's version inside the transaction of a write, so that the write and the new version commit
    /// together. <see cref="GaoxinDb.SaveChangesAsync(bool, CancellationToken)"/> calls it for every save that changes
    /// anything but accounts, tokens and the audit trail; writers that bypass EF must call it themselves. The enterprise
    /// bulk paths (returns, aggregates) do not, so nothing kept in this cache may be read from those tables.
    /// </summary>
    /// <exception cref="InvalidOperationException">No transaction is open.</exception>
    public static async Task BumpAsync(GaoxinDb db, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("The store version must be raised in the transaction of the write it announces.");
        await db.StoreVersion.Where(v => v.Id == Row).ExecuteUpdateAsync(s => s.SetProperty(v => v.Value, v => v.Value + 1), cancellationToken);
    }
}
