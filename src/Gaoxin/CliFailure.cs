using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gaoxin;

/// <summary>The store (named as <see cref="Data.DatabaseLocation.Describe"/> does) could not be opened, read or written.</summary>
public sealed class StoreUnavailableException(string store, string reason, Exception inner) : Exception($"{store}: {reason}", inner)
{
    /// <summary>The store, without its password.</summary>
    public string Store { get; } = store;

    /// <summary>Why, in the words of the operating system or the database.</summary>
    public string Reason { get; } = reason;
}

/// <summary>One line and an exit code for a failure the command line did not cause: a store or a file it cannot use.</summary>
/// <param name="ExitCode"><see cref="Cli.StoreUnavailable"/> or <see cref="Cli.FileUnavailable"/>.</param>
/// <param name="Line">What failed, where, and why; never a stack trace.</param>
public sealed record CliFailure(int ExitCode, string Line)
{
    // SQLite result codes that mean the file cannot serve as the store (sqlite.org/rescode.html); any other code
    // (a constraint, a misuse) is a defect of Gaoxin and keeps its stack trace.
    private static readonly HashSet<int> StoreSqliteCodes =
    [
        3,  // SQLITE_PERM
        5,  // SQLITE_BUSY: another process held the write lock past the timeout
        6,  // SQLITE_LOCKED
        8,  // SQLITE_READONLY
        10, // SQLITE_IOERR
        11, // SQLITE_CORRUPT: a malformed file
        13, // SQLITE_FULL: the disk is full
        14, // SQLITE_CANTOPEN
        23, // SQLITE_AUTH
        26, // SQLITE_NOTADB: not a database at all
    ];

    // PostgreSQL SQLSTATE classes that mean the server or the database cannot serve (postgresql.org/docs/current/errcodes-appendix.html):
    // 08 connection exception, 28 invalid authorization, 3D no such database, 53 insufficient resources (53100 disk full),
    // 57 operator intervention (57P01 pg_terminate_backend, shutdown), 58 system error (I/O), XX internal error (corrupted data).
    private static readonly string[] StorePostgresClasses = ["08", "28", "3D", "53", "57", "58", "XX"];

    // ENOSPC on Linux and macOS; ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL on Windows.
    private static readonly HashSet<int> DiskFullResults = [28, unchecked((int)0x80070070), unchecked((int)0x80070027)];

    /// <summary>
    /// The failure an exception stands for, or null when it is unexpected (a defect: the caller keeps the stack trace).
    /// The whole chain of inner exceptions is searched, since EF Core wraps what the driver threw.
    /// </summary>
    /// <param name="exception">What the verb threw.</param>
    /// <param name="store">The store the verb worked on, as printed (no password).</param>
    public static CliFailure? From(Exception exception, string store)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StoreUnavailableException unavailable:
                    return Store(unavailable.Store, unavailable.Reason);
                case SqliteException sqlite when StoreSqliteCodes.Contains(sqlite.SqliteErrorCode):
                    return Store(store, $"{SqliteReason(sqlite)} (SQLite error {sqlite.SqliteErrorCode})");
                case PostgresException postgres when StorePostgresClasses.Any(c => postgres.SqlState.StartsWith(c, StringComparison.Ordinal)):
                    return Store(store, $"{postgres.MessageText} ({postgres.SqlState})");
                case NpgsqlException npgsql when npgsql is not PostgresException:
                    // The connection failed or was lost (refused, timed out, closed by the server): the driver's words and the socket's.
                    return Store(store, Innermost(npgsql) is { } cause && cause != npgsql ? $"{npgsql.Message}: {cause.Message}" : npgsql.Message);
                case IOException io when DiskFullResults.Contains(io.HResult):
                    return new CliFailure(Cli.FileUnavailable, $"gaoxin: disk full: {io.Message}");
                case UnauthorizedAccessException denied:
                    return new CliFailure(Cli.FileUnavailable, $"gaoxin: permission denied: {denied.Message}");
                case IOException io:
                    return new CliFailure(Cli.FileUnavailable, $"gaoxin: file error: {io.Message}");
            }
        }
        return null;
    }

    private static CliFailure Store(string store, string reason) =>
        new(Cli.StoreUnavailable, $"gaoxin: store unavailable: {store}: {reason}");

    private static string SqliteReason(SqliteException sqlite) =>
        SQLitePCL.raw.sqlite3_errstr(sqlite.SqliteErrorCode).utf8_to_string() ?? sqlite.Message;

    private static Exception? Innermost(Exception exception)
    {
        var e = exception;
        while (e.InnerException is { } inner) e = inner;
        return e is SocketException or IOException or TimeoutException ? e : null;
    }
}
