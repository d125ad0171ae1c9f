using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gaoxin.Data;

/// <summary>
/// The write lock of a workflow step. A step that checks state and then writes (approve a report, add a registry item,
/// start a correction) takes the lock of its scope — one unit-year, one registry type of a zone, one item — as the first
/// thing its transaction does, then reads, checks, writes, audits and commits. Two steps on the same scope therefore run
/// one after the other, and the second sees what the first did: it finds the state already moved and is refused.
/// </summary>
/// <remarks>
/// PostgreSQL: a transaction-scoped advisory lock (<c>pg_advisory_xact_lock</c>) on a hash of the scope, which also covers
/// scopes with no row to lock yet (a new registry item, the first revision of a unit-year); released at commit or rollback.
/// SQLite: the transaction is opened with <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's default), which takes the
/// database's write lock before the first read, so every step is serialised.
/// </remarks>
public static class WriteLock
{
    /// <summary>
    /// Begins the step's transaction holding the write lock of <paramref name="scope"/>. A step run inside a larger
    /// transaction (a workbook import stores all its rows or none) takes the lock in that transaction and leaves committing
    /// and rolling back to its owner.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginAsync(GaoxinDb db, string scope, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is { } outer)
        {
            await TakeAsync(db, scope, cancellationToken);
            return new JoinedTransaction(outer);
        }
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await TakeAsync(db, scope, cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes the lock of <paramref name="scope"/> inside the transaction already open (held until it ends).</summary>
    public static async Task TakeAsync(GaoxinDb db, string scope, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A write lock is taken inside a transaction.");
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Key(scope)})", cancellationToken);
    }

    /// <summary>A stable 64-bit key of a scope (the same in every process).</summary>
    internal static long Key(string scope) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("gaoxin:" + scope)), 0);

    /// <summary>True when a write failed on a unique index: another step stored the same thing first.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    /// <summary>A step's view of its owner's transaction: committing and disposing are the owner's to do.</summary>
    private sealed class JoinedTransaction(IDbContextTransaction outer) : IDbContextTransaction
    {
        public Guid TransactionId => outer.TransactionId;
        public void Commit() { }
        public Task CommitAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
        // A refused step returns its refusal; the owner rolls back the whole unit of work.
        public void Rollback() { }
        public Task RollbackAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
