using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Gaoxin.Data.Operations;

/// <summary>One table of the store: its rows and a checksum of their values that does not depend on the engine or row order.</summary>
public sealed record TableSummary(string Table, long Rows, string Checksum);

/// <summary>Why a backup, restore or move between stores was refused or failed; the message says what to do.</summary>
public sealed class StoreCopyException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Copies every table of the EF model from one store to another: the table copier behind <c>gaoxin backup</c> (of
/// PostgreSQL), <c>gaoxin restore</c> and <c>gaoxin migrate-store</c>.
/// <para>
/// A generic copy of one engine's rows into the other fails where the two keep a value differently (a list is JSON text
/// on SQLite and <c>text[]</c> on PostgreSQL; times, dates, decimals and enums too). So the copy is driven by each
/// provider's own model: every column is read through the source provider's type mapping into the value the entity
/// holds, and written through the target provider's type mapping, as EF itself would write it. Keys are kept, identity
/// sequences are moved past the copied ids, and the target is written in one transaction: all of it, or nothing.
/// </para>
/// <para>
/// The source is read in one snapshot (a read transaction on SQLite's WAL, REPEATABLE READ on PostgreSQL), so a store
/// in use copies as it stood at one instant. Before the target commits, every table is read back and its row count and
/// checksum compared with the source's.
/// </para>
/// </summary>
public static class StoreCopy
{
    /// <summary>Copies every table of <paramref name="from"/> into <paramref name="to"/>, which must be empty (see <see cref="NonEmptyTablesAsync"/>).</summary>
    /// <param name="from">The source store; it must hold every migration of this build.</param>
    /// <param name="to">The target store; its schema is created or brought up to date first.</param>
    /// <param name="cancellationToken">Cancels the copy; the target is then left as it was.</param>
    /// <returns>Each table copied, with the rows and checksum found in both stores.</returns>
    public static async Task<IReadOnlyList<TableSummary>> CopyAsync(DatabaseLocation from, DatabaseLocation to, CancellationToken cancellationToken = default)
    {
        await RequireCurrentAsync(from, cancellationToken);
        // Refused before the target's schema is touched; checked again inside the transaction that writes it.
        if (await NonEmptyTablesAsync(to, cancellationToken) is { Count: > 0 } found) throw NotEmpty(to, found);
        await MigrateAsync(to, cancellationToken);
        var sourceTables = Tables(from);
        var targetTables = Tables(to).ToDictionary(t => t.Name, StringComparer.Ordinal);

        await using var source = await OpenAsync(from, cancellationToken);
        await using var target = await OpenAsync(to, cancellationToken);
        await using var read = await BeginSnapshotAsync(source, cancellationToken);
        await using var write = await target.BeginTransactionAsync(cancellationToken);

        var occupied = await NonEmptyTablesAsync(target, write, targetTables.Values, cancellationToken);
        if (occupied.Count > 0) throw NotEmpty(to, occupied);
        // Seed rows the migrations insert (the store version) are replaced by the source's.
        foreach (var table in targetTables.Values.Where(t => t.SeedRows > 0))
            await ExecuteAsync(target, write, $"DELETE FROM {Quote(table.Name)}", cancellationToken);

        var summaries = new List<TableSummary>();
        foreach (var table in sourceTables)
        {
            if (!targetTables.TryGetValue(table.Name, out var into))
                throw new StoreCopyException($"{table.Name}: the target store has no such table.");
            var copied = await CopyTableAsync(source, read, table, target, write, into, cancellationToken);
            var stored = await SummarizeAsync(target, write, into, cancellationToken);
            if (stored != copied)
                throw new StoreCopyException($"{table.Name}: {copied.Rows} rows were read but {stored.Rows} rows with other values were found after writing " +
                    $"(checksum {copied.Checksum} against {stored.Checksum}); nothing was written.");
            summaries.Add(copied);
        }
        if (to.Provider == DatabaseProvider.Postgres) await ResetIdentitiesAsync((NpgsqlConnection)target, (NpgsqlTransaction)write, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return summaries;
    }

    private static StoreCopyException NotEmpty(DatabaseLocation location, IReadOnlyList<(string Table, long Rows)> occupied) =>
        new($"{location.Describe()} is not empty ({string.Join(", ", occupied.Take(5).Select(o => $"{o.Table}: {o.Rows} rows"))}" +
            $"{(occupied.Count > 5 ? ", …" : "")}); a store is only restored or moved into an empty one: give a new file or a new PostgreSQL database.");

    /// <summary>Every table of the store with its row count and checksum, read in one snapshot.</summary>
    public static async Task<IReadOnlyList<TableSummary>> SummarizeAsync(DatabaseLocation location, CancellationToken cancellationToken = default)
    {
        await RequireCurrentAsync(location, cancellationToken);
        await using var connection = await OpenAsync(location, cancellationToken);
        await using var read = await BeginSnapshotAsync(connection, cancellationToken);
        var summaries = new List<TableSummary>();
        foreach (var table in Tables(location))
            summaries.Add(await SummarizeAsync(connection, read, table, cancellationToken));
        return summaries;
    }

    /// <summary>
    /// The tables of <paramref name="location"/> holding rows other than the ones its migrations insert; empty for a store
    /// that does not exist yet. Restore and migrate-store refuse a target that has any.
    /// </summary>
    public static async Task<IReadOnlyList<(string Table, long Rows)>> NonEmptyTablesAsync(DatabaseLocation location, CancellationToken cancellationToken = default)
    {
        if (await AppliedMigrationsAsync(location, cancellationToken) is not { Count: > 0 }) return [];
        await using var connection = await OpenAsync(location, cancellationToken);
        // A store of an older build lacks the newest tables: count those it has.
        return await NonEmptyTablesAsync(connection, null, await ExistingAsync(connection, Tables(location), cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The migrations recorded in the store, or null when there is no store there (no file, no database, or no history
    /// table: nothing of Gaoxin's).
    /// </summary>
    public static async Task<HashSet<string>?> AppliedMigrationsAsync(DatabaseLocation location, CancellationToken cancellationToken = default)
    {
        if (location.Provider == DatabaseProvider.Sqlite && !File.Exists(new SqliteConnectionStringBuilder(location.ConnectionString).DataSource)) return null;
        try
        {
            await using var connection = await OpenAsync(location, cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetString(0));
            return ids;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1) // no such table
        {
            return null;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidCatalogName)
        {
            return null;
        }
    }

    /// <summary>The migration ids of this build for the location's provider.</summary>
    public static IReadOnlySet<string> MigrationIds(DatabaseLocation location)
    {
        using var db = GaoxinDatabase.CreateContext(location);
        return db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Refuses a store that is missing or was made by another build (older: it must be upgraded first; newer: this build cannot read it).</summary>
    internal static async Task RequireCurrentAsync(DatabaseLocation location, CancellationToken cancellationToken)
    {
        var applied = await AppliedMigrationsAsync(location, cancellationToken)
            ?? throw new StoreCopyException($"{location.Describe()} holds no Gaoxin store.");
        var known = MigrationIds(location);
        if (applied.FirstOrDefault(id => !known.Contains(id)) is { } newer)
            throw new StoreCopyException($"{location.Describe()} was written by a newer version of Gaoxin (migration {newer}); use that version.");
        if (known.FirstOrDefault(id => !applied.Contains(id)) is { } missing)
            throw new StoreCopyException($"{location.Describe()} lacks migration {missing} of this version; start any gaoxin command on it once to bring it up to date.");
    }

    /// <summary>Creates the store's schema, or brings it up to date, without loading anything into it.</summary>
    internal static async Task MigrateAsync(DatabaseLocation location, CancellationToken cancellationToken)
    {
        if (location.Provider == DatabaseProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(location.ConnectionString) { Pooling = false };
            var folder = Path.GetDirectoryName(builder.DataSource);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            // Unpooled: the file is closed when done, so a backup can be sealed and moved into place at once.
            location = location with { ConnectionString = builder.ToString() };
        }
        await using var db = GaoxinDatabase.CreateContext(location);
        await db.Database.MigrateAsync(cancellationToken);
    }

    internal static async Task<DbConnection> OpenAsync(DatabaseLocation location, CancellationToken cancellationToken)
    {
        DbConnection connection = location.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder(location.ConnectionString) { Pooling = false }.ToString())
            : new NpgsqlConnection(location.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection is SqliteConnection)
            {
                // As EF opens it: foreign keys enforced; and a writer waits for another one rather than failing at once.
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A read transaction that sees one instant of the store for as long as it lasts.</summary>
    private static async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is SqliteConnection sqlite)
        {
            // A deferred transaction takes its WAL snapshot at the first read, and keeps it without blocking writers.
            var transaction = sqlite.BeginTransaction(deferred: true);
            await ExecuteAsync(connection, transaction, "SELECT COUNT(*) FROM sqlite_master", cancellationToken);
            return transaction;
        }
        var pg = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await ExecuteAsync(connection, pg, "SET TRANSACTION READ ONLY", cancellationToken);
        return pg;
    }

    // ---- the model ----

    /// <summary>A table of the model with, per column, how the provider reads and writes it.</summary>
    private sealed record Table(string Name, IReadOnlyList<Column> Columns, int SeedRows, IReadOnlyList<string> Principals);

    private sealed record Column(string Name, RelationalTypeMapping Mapping, Func<DbDataReader, int, object> Read, int? Scale);

    /// <summary>The location's tables in an order that writes a row's principal rows first.</summary>
    private static IReadOnlyList<Table> Tables(DatabaseLocation location)
    {
        using var db = GaoxinDatabase.CreateContext(location);
        var model = db.GetService<IDesignTimeModel>().Model;
        var tables = model.GetRelationalModel().Tables
            .Select(t => new Table(
                t.Name,
                t.Columns.Where(c => c.ComputedColumnSql is null).OrderBy(c => c.Name, StringComparer.Ordinal).Select(c =>
                {
                    var mapping = c.PropertyMappings.First().TypeMapping;
                    var stored = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
                    return new Column(c.Name, mapping, ReaderOf(Nullable.GetUnderlyingType(stored) ?? stored), c.PropertyMappings.First().Property.GetScale());
                }).ToList(),
                t.EntityTypeMappings.Sum(m => m.TypeBase is IEntityType e ? e.GetSeedData().Count() : 0),
                t.ForeignKeyConstraints.Select(f => f.PrincipalTable.Name).Where(n => n != t.Name).Distinct().ToList()))
            .ToList();
        // Principals first (the store has no cycles between tables); ties in name order, so every run copies alike.
        var ordered = new List<Table>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var pending = tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(t => t.Principals.All(placed.Contains))
                ?? throw new InvalidOperationException($"The tables {string.Join(", ", pending.Select(t => t.Name))} refer to one another in a cycle.");
            ordered.Add(next);
            placed.Add(next.Name);
            pending.Remove(next);
        }
        return ordered;
    }

    private static readonly MethodInfo GetFieldValue = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue))!;
    private static readonly Dictionary<Type, Func<DbDataReader, int, object>> Readers = [];

    /// <summary><c>reader.GetFieldValue&lt;T&gt;(i)</c> for the type the provider keeps a column's value in.</summary>
    private static Func<DbDataReader, int, object> ReaderOf(Type type)
    {
        lock (Readers)
        {
            if (Readers.TryGetValue(type, out var known)) return known;
            var reader = Expression.Parameter(typeof(DbDataReader));
            var ordinal = Expression.Parameter(typeof(int));
            var read = Expression.Lambda<Func<DbDataReader, int, object>>(
                Expression.Convert(Expression.Call(reader, GetFieldValue.MakeGenericMethod(type), ordinal), typeof(object)), reader, ordinal).Compile();
            Readers[type] = read;
            return read;
        }
    }

    /// <summary>The value the entity holds (a list, an enum, a date…), read through the provider's type mapping.</summary>
    private static object? ReadValue(DbDataReader reader, int ordinal, Column column)
    {
        if (reader.IsDBNull(ordinal)) return null;
        var stored = column.Read(reader, ordinal);
        return column.Mapping.Converter is { } converter ? converter.ConvertFromProvider(stored) : stored;
    }

    /// <summary>The value as the target provider stores it.</summary>
    private static object ToStored(object? value, Column column, bool postgres)
    {
        if (value is null) return DBNull.Value;
        var stored = column.Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        // PostgreSQL keeps an instant (timestamptz) and takes it only in UTC; SQLite keeps the text with its offset.
        if (postgres && stored is DateTimeOffset instant) return instant.ToUniversalTime();
        return stored ?? DBNull.Value;
    }

    // ---- copying ----

    private static async Task<TableSummary> CopyTableAsync(DbConnection source, DbTransaction read, Table from,
        DbConnection target, DbTransaction write, Table into, CancellationToken cancellationToken)
    {
        var columns = into.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var column in from.Columns)
            if (!columns.ContainsKey(column.Name))
                throw new StoreCopyException($"{from.Name}.{column.Name}: the target store has no such column.");
        var postgres = target is NpgsqlConnection;

        await using var insert = target.CreateCommand();
        insert.Transaction = write;
        insert.CommandText = $"INSERT INTO {Quote(into.Name)} ({string.Join(", ", from.Columns.Select(c => Quote(c.Name)))}) " +
            $"VALUES ({string.Join(", ", from.Columns.Select((_, i) => $"@p{i}"))})";
        var parameters = from.Columns.Select((c, i) =>
        {
            var parameter = columns[c.Name].Mapping.CreateParameter(insert, $"p{i}", null, nullable: true);
            insert.Parameters.Add(parameter);
            return parameter;
        }).ToArray();

        await using var select = source.CreateCommand();
        select.Transaction = read;
        select.CommandText = $"SELECT {string.Join(", ", from.Columns.Select(c => Quote(c.Name)))} FROM {Quote(from.Name)}";
        var checksum = new RowChecksum();
        long rows = 0;
        var values = new object?[from.Columns.Count];
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = ReadValue(reader, i, from.Columns[i]);
                parameters[i].Value = ToStored(values[i], columns[from.Columns[i].Name], postgres);
            }
            try
            {
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (DbException e)
            {
                throw new StoreCopyException($"{from.Name}, row {rows + 1} ({Describe(from, values)}): {e.Message.Split('\n')[0]}; nothing was written.", e);
            }
            checksum.Add(from.Columns, values);
            rows++;
        }
        return new TableSummary(from.Name, rows, checksum.ToString());
    }

    private static string Describe(Table table, object?[] values) =>
        string.Join(", ", table.Columns.Select((c, i) => (c.Name, Value: values[i]))
            .Where(v => v.Name is "id" or "code" or "credit_code" or "year" or "unit_code" or "zone_code" or "element_code" or "email")
            .Select(v => $"{v.Name} {(v.Value is null ? "null" : Canonical(v.Value, null))}"));

    private static async Task<TableSummary> SummarizeAsync(DbConnection connection, DbTransaction? transaction, Table table, CancellationToken cancellationToken)
    {
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"SELECT {string.Join(", ", table.Columns.Select(c => Quote(c.Name)))} FROM {Quote(table.Name)}";
        var checksum = new RowChecksum();
        long rows = 0;
        var values = new object?[table.Columns.Count];
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < values.Length; i++) values[i] = ReadValue(reader, i, table.Columns[i]);
            checksum.Add(table.Columns, values);
            rows++;
        }
        return new TableSummary(table.Name, rows, checksum.ToString());
    }

    private static async Task<IReadOnlyList<(string Table, long Rows)>> NonEmptyTablesAsync(DbConnection connection, DbTransaction? transaction,
        IEnumerable<Table> tables, CancellationToken cancellationToken)
    {
        var occupied = new List<(string, long)>();
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.Transaction = transaction;
            count.CommandText = $"SELECT COUNT(*) FROM {Quote(table.Name)}";
            var rows = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            if (rows > table.SeedRows) occupied.Add((table.Name, rows));
        }
        return occupied;
    }

    /// <summary>The tables that exist in the store (an older store may lack the newest).</summary>
    private static async Task<IReadOnlyList<Table>> ExistingAsync(DbConnection connection, IEnumerable<Table> tables, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = connection is SqliteConnection
            ? "SELECT name FROM sqlite_master WHERE type = 'table'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()";
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) names.Add(reader.GetString(0));
        return tables.Where(t => names.Contains(t.Name)).ToList();
    }

    /// <summary>Moves every identity sequence past the highest id copied, so the next row the application adds gets a new id.</summary>
    private static async Task ResetIdentitiesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var identities = new List<(string Table, string Column)>();
        await using (var find = new NpgsqlCommand(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() " +
            "AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')", connection, transaction))
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) identities.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (table, column) in identities)
        {
            await using var reset = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence(@table, @column), COALESCE(MAX({Quote(column)}), 1), MAX({Quote(column)}) IS NOT NULL) FROM {Quote(table)}",
                connection, transaction);
            reset.Parameters.AddWithValue("table", Quote(table));
            reset.Parameters.AddWithValue("column", column);
            await reset.ExecuteScalarAsync(cancellationToken);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // ---- checksums ----

    /// <summary>
    /// The same text for the same value on either engine: decimals at the column's scale without trailing zeros (PostgreSQL
    /// keeps numeric(20,6) and rounds to it), instants in UTC to the microsecond (PostgreSQL's precision), lists as JSON.
    /// </summary>
    private static string Canonical(object? value, int? scale) => value switch
    {
        null => "\u2400",
        string s => s,
        decimal d => (scale is { } digits ? Math.Round(d, digits, MidpointRounding.AwayFromZero) : d).ToString("G29", CultureInfo.InvariantCulture),
        DateTimeOffset t => (t.UtcTicks / 10).ToString(CultureInfo.InvariantCulture),
        DateTime t => (t.Ticks / 10).ToString(CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => e.ToString(),
        IEnumerable<string> list => JsonSerializer.Serialize(list),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The sum of the SHA-256 of every row's values: the same for the same rows in any order.</summary>
    private sealed class RowChecksum
    {
        private ulong _high, _low;
        private readonly StringBuilder _row = new();

        public void Add(IReadOnlyList<Column> columns, object?[] values)
        {
            _row.Clear();
            for (var i = 0; i < columns.Count; i++)
                _row.Append(columns[i].Name).Append('=').Append(Canonical(values[i], columns[i].Scale)).Append('\u001f');
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(Encoding.UTF8.GetBytes(_row.ToString()), hash);
            unchecked
            {
                _high += BitConverter.ToUInt64(hash[..8]);
                _low += BitConverter.ToUInt64(hash[8..16]);
            }
        }

        public override string ToString() => $"{_high:x16}{_low:x16}";
    }
}
