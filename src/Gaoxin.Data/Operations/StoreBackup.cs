using Microsoft.Data.Sqlite;

namespace Gaoxin.Data.Operations;

/// <summary>
/// <c>gaoxin backup</c> and <c>gaoxin restore</c>. A backup is always one SQLite file of the store's schema, whichever
/// engine it was taken from, so it can be opened, checked and restored onto either engine.
/// </summary>
public static class StoreBackup
{
    /// <summary>
    /// Writes a consistent copy of the store to <paramref name="file"/> while the store stays in use.
    /// <para>
    /// SQLite: SQLite's online backup copies every page of one read snapshot, the committed pages still in the
    /// write-ahead log included; a copy of the <c>.db</c> file alone misses those (they reach the file only at the next
    /// checkpoint) and can catch the file mid-checkpoint. PostgreSQL: every table is read in one REPEATABLE READ
    /// snapshot and written into a new SQLite file by <see cref="StoreCopy"/>.
    /// </para>
    /// The file appears under its name only once complete and checked; an existing file is never overwritten.
    /// </summary>
    /// <returns>The tables of the backup with their rows and checksums; null for a store of an older version (restore brings it up to date).</returns>
    public static async Task<IReadOnlyList<TableSummary>?> BackupAsync(DatabaseLocation from, string file, CancellationToken cancellationToken = default)
    {
        var path = Path.GetFullPath(file);
        if (File.Exists(path)) throw new StoreCopyException($"{file} already exists; a backup never overwrites a file: give a new name.");
        if (await StoreCopy.AppliedMigrationsAsync(from, cancellationToken) is null) throw new StoreCopyException($"{from.Describe()} holds no Gaoxin store.");
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var partial = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.partial");
        try
        {
            if (from.Provider == DatabaseProvider.Sqlite) await SqliteBackupAsync(from, partial, cancellationToken);
            else await StoreCopy.CopyAsync(from, DatabaseLocation.ForSqliteFile(partial), cancellationToken);
            await SealAsync(partial, cancellationToken);
            var backup = DatabaseLocation.ForSqliteFile(partial);
            var summary = await IsCurrentAsync(backup, cancellationToken) ? await StoreCopy.SummarizeAsync(backup, cancellationToken) : null;
            File.Move(partial, path);
            return summary;
        }
        finally
        {
            Delete(partial);
        }
    }

    /// <summary>
    /// Restores a backup file (or any SQLite store) into <paramref name="to"/>, which must be empty: a new SQLite file or a
    /// new (or empty) PostgreSQL database. A backup of an older version is brought up to date in a scratch copy first;
    /// the backup file itself is only read.
    /// </summary>
    /// <returns>Each table restored, with its rows and checksum.</returns>
    public static async Task<IReadOnlyList<TableSummary>> RestoreAsync(string file, DatabaseLocation to, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(file)) throw new FileNotFoundException($"{file}: the file does not exist", file);
        var backup = DatabaseLocation.ForSqliteFile(file);
        if (to.Provider == DatabaseProvider.Sqlite && SameFile(backup, to)) throw new StoreCopyException($"{file} is the backup itself; restore into another store.");
        string? upgraded = null;
        try
        {
            var source = ReadOnly(backup);
            if (!await IsCurrentAsync(source, cancellationToken) && !await IsNewerAsync(source, cancellationToken))
            {
                upgraded = Path.Combine(Path.GetTempPath(), $"gaoxin-restore-{Guid.NewGuid():N}.db");
                await SqliteBackupAsync(source, upgraded, cancellationToken);
                await StoreCopy.MigrateAsync(DatabaseLocation.ForSqliteFile(upgraded), cancellationToken);
                source = DatabaseLocation.ForSqliteFile(upgraded);
            }
            return await MoveAsync(source, to, cancellationToken);
        }
        finally
        {
            if (upgraded is not null) Delete(upgraded);
        }
    }

    /// <summary>Copies a whole store into an empty one (<c>gaoxin migrate-store</c>); a SQLite target is left in WAL mode, as the server opens it.</summary>
    public static async Task<IReadOnlyList<TableSummary>> MoveAsync(DatabaseLocation from, DatabaseLocation to, CancellationToken cancellationToken = default)
    {
        if (from.Provider == DatabaseProvider.Sqlite && to.Provider == DatabaseProvider.Sqlite && SameFile(from, to))
            throw new StoreCopyException($"{from.Describe()} is both the source and the target.");
        var tables = await StoreCopy.CopyAsync(from, to, cancellationToken);
        if (to.Provider == DatabaseProvider.Sqlite)
        {
            await using var connection = await StoreCopy.OpenAsync(to, cancellationToken);
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }
        return tables;
    }

    private static async Task SqliteBackupAsync(DatabaseLocation from, string file, CancellationToken cancellationToken)
    {
        await using var source = (SqliteConnection)await StoreCopy.OpenAsync(from, cancellationToken);
        await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await destination.OpenAsync(cancellationToken);
        // One step of all pages: the source is read in a single snapshot, and writers on other connections go on meanwhile.
        source.BackupDatabase(destination);
    }

    /// <summary>Makes the backup one self-contained file (no write-ahead log beside it) and checks it.</summary>
    private static async Task SealAsync(string file, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=DELETE;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandText = "PRAGMA integrity_check;";
        var check = await command.ExecuteScalarAsync(cancellationToken) as string;
        if (check != "ok") throw new StoreCopyException($"the backup failed its integrity check ({check}); the store was not changed, try again.");
    }

    private static async Task<bool> IsCurrentAsync(DatabaseLocation location, CancellationToken cancellationToken) =>
        await StoreCopy.AppliedMigrationsAsync(location, cancellationToken) is { } applied && applied.SetEquals(StoreCopy.MigrationIds(location));

    private static async Task<bool> IsNewerAsync(DatabaseLocation location, CancellationToken cancellationToken)
    {
        var known = StoreCopy.MigrationIds(location);
        return await StoreCopy.AppliedMigrationsAsync(location, cancellationToken) is not { } applied || applied.Any(id => !known.Contains(id));
    }

    private static DatabaseLocation ReadOnly(DatabaseLocation location) => location with
    {
        ConnectionString = new SqliteConnectionStringBuilder(location.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString(),
    };

    private static bool SameFile(DatabaseLocation a, DatabaseLocation b) => string.Equals(
        Path.GetFullPath(new SqliteConnectionStringBuilder(a.ConnectionString).DataSource),
        Path.GetFullPath(new SqliteConnectionStringBuilder(b.ConnectionString).DataSource), StringComparison.Ordinal);

    private static void Delete(string file)
    {
        foreach (var part in new[] { file, file + "-wal", file + "-shm", file + "-journal" })
            if (File.Exists(part)) File.Delete(part);
    }
}
