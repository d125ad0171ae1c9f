using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Gaoxin.Data.Enterprises;

/// <summary>
/// SQLite: each row goes into a <c>TEMP</c> staging table with no index or constraint (one prepared INSERT per row, bound by
/// position through SQLitePCL.raw on the connection's handle, inside the caller's transaction), then the set-based work is
/// done once, as on PostgreSQL: the staging table is indexed on (credit_code, year), repeats are found with one GROUP BY,
/// and <c>enterprises</c> (the latest year's row per enterprise; an older year does not overwrite a newer one) and
/// <c>enterprise_returns</c> (a stored enterprise-year is replaced) are each filled by one <c>INSERT … SELECT … ON CONFLICT</c>
/// in key order, so their B-trees are written in order once per statement rather than probed at random per row.
/// Values are bound exactly as Microsoft.Data.Sqlite (and so EF Core) binds them: decimals as text in the format
/// <c>0.0###…</c>, dates as <c>yyyy-MM-dd</c> text, booleans as 0/1 integers.
/// The connection's page caches are left at SQLite's default (2 MB): with the upserts in key order a 256 MB cache for the
/// store gave no measurable gain, and one for the staging table saved ~1 s of ~16 s on 200,000 rows for +270 MB of peak
/// memory (docs/performance.md, W1).
/// </summary>
internal sealed class SqliteReturnWriter : IReturnWriter
{
    private const string Staging = """
        CREATE TEMP TABLE enterprise_import (
            source_row INTEGER PRIMARY KEY, credit_code TEXT, name TEXT, zone_code TEXT, year INTEGER, registered_on TEXT, industry TEXT,
            is_hte INTEGER, revenue TEXT, employees INTEGER, st_employees INTEGER, rd_expense TEXT, st_expense TEXT, high_tech_revenue TEXT,
            net_assets TEXT, exports TEXT, vc_received TEXT, valuation_usd_m TEXT, listed INTEGER, extra TEXT)
        """;

    private const string Insert = """
        INSERT INTO temp.enterprise_import VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
        """;

    private const string Repeats = """
        SELECT s.source_row, f.first_row, s.credit_code, s.year
        FROM (SELECT credit_code, year, MIN(source_row) AS first_row FROM temp.enterprise_import GROUP BY credit_code, year HAVING COUNT(*) > 1) f
        JOIN temp.enterprise_import s ON s.credit_code = f.credit_code AND s.year = f.year AND s.source_row > f.first_row
        ORDER BY s.source_row LIMIT ?1
        """;

    // "WHERE true": SQLite's documented way to keep ON CONFLICT from being read as a join's ON after INSERT … SELECT.
    // The bare columns next to MAX(year) come from the row holding that maximum (SQLite's documented min/max rule).
    private const string StoreEnterprises = """
        INSERT INTO enterprises (credit_code, name, zone_code, industry, registered_on, listed, latest_year, batch_id)
        SELECT credit_code, name, zone_code, industry, registered_on, listed, MAX(year), ?1
        FROM temp.enterprise_import WHERE true GROUP BY credit_code ORDER BY credit_code
        ON CONFLICT (credit_code) DO UPDATE SET name = excluded.name, zone_code = excluded.zone_code, industry = excluded.industry,
            registered_on = excluded.registered_on, listed = excluded.listed, latest_year = excluded.latest_year, batch_id = excluded.batch_id
        WHERE excluded.latest_year >= enterprises.latest_year
        """;

    private const string StoreReturns = """
        INSERT INTO enterprise_returns (credit_code, year, zone_code, is_hte, revenue, employees, st_employees, rd_expense, st_expense,
            high_tech_revenue, net_assets, exports, vc_received, valuation_usd_m, listed, extra, batch_id, source_row)
        SELECT credit_code, year, zone_code, is_hte, revenue, employees, st_employees, rd_expense, st_expense,
            high_tech_revenue, net_assets, exports, vc_received, valuation_usd_m, listed, extra, ?1, source_row
        FROM temp.enterprise_import WHERE true ORDER BY credit_code, year
        ON CONFLICT (credit_code, year) DO UPDATE SET zone_code = excluded.zone_code, is_hte = excluded.is_hte, revenue = excluded.revenue,
            employees = excluded.employees, st_employees = excluded.st_employees, rd_expense = excluded.rd_expense, st_expense = excluded.st_expense,
            high_tech_revenue = excluded.high_tech_revenue, net_assets = excluded.net_assets, exports = excluded.exports,
            vc_received = excluded.vc_received, valuation_usd_m = excluded.valuation_usd_m, listed = excluded.listed, extra = excluded.extra,
            batch_id = excluded.batch_id, source_row = excluded.source_row
        """;

    /// <summary>How Microsoft.Data.Sqlite writes a decimal (and so how EF Core stores and reads it back).</summary>
    internal const string DecimalFormat = "0.0###########################";

    private readonly sqlite3 db;
    private readonly string batch;
    private sqlite3_stmt? insert;
    private byte[] buffer = new byte[512];
    private bool indexed;

    private SqliteReturnWriter(sqlite3 db, string batch)
    {
        this.db = db;
        this.batch = batch;
    }

    /// <summary>Creates the staging table and prepares its insert, in the transaction the caller has begun on the connection.</summary>
    public static SqliteReturnWriter Open(GaoxinDb db, string batch)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var writer = new SqliteReturnWriter(connection.Handle ?? throw new InvalidOperationException("the connection is not open"), batch);
        writer.Execute("DROP TABLE IF EXISTS temp.enterprise_import");
        writer.Execute(Staging);
        writer.insert = writer.Prepare(Insert);
        return writer;
    }

    public int? Write(ReturnRow row)
    {
        var s = insert ?? throw new InvalidOperationException("the staging insert is finished");
        raw.sqlite3_bind_int64(s, 1, row.SourceRow);
        Text(s, 2, row.CreditCode);
        Text(s, 3, row.Name);
        Text(s, 4, row.Zone);
        raw.sqlite3_bind_int64(s, 5, row.Year);
        if (row.RegisteredOn is { } registered && registered.TryFormat(buffer, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture))
            raw.sqlite3_bind_text(s, 6, buffer.AsSpan(0, length));
        else raw.sqlite3_bind_null(s, 6);
        Text(s, 7, row.Industry);
        raw.sqlite3_bind_int64(s, 8, row.IsHte ? 1 : 0);
        Decimal(s, 9, row.Revenue);
        Integer(s, 10, row.Employees);
        Integer(s, 11, row.StEmployees);
        Decimal(s, 12, row.RdExpense);
        Decimal(s, 13, row.StExpense);
        Decimal(s, 14, row.HighTechRevenue);
        Decimal(s, 15, row.NetAssets);
        Decimal(s, 16, row.Exports);
        Decimal(s, 17, row.VcReceived);
        Decimal(s, 18, row.ValuationUsdM);
        raw.sqlite3_bind_int64(s, 19, row.Listed ? 1 : 0);
        if (row.ExtraLength > 0) raw.sqlite3_bind_text(s, 20, row.ExtraUtf8.AsSpan(0, row.ExtraLength));
        else raw.sqlite3_bind_null(s, 20);
        var code = raw.sqlite3_step(s);
        raw.sqlite3_reset(s);
        if (code != raw.SQLITE_DONE) throw Error(code);
        return null;
    }

    private void Text(sqlite3_stmt s, int index, string? value)
    {
        if (value is null) raw.sqlite3_bind_null(s, index);
        else if (value.Length == 0) raw.sqlite3_bind_text(s, index, ""); // an empty span would bind NULL
        else
        {
            if (buffer.Length < value.Length * 3) buffer = new byte[value.Length * 3];
            raw.sqlite3_bind_text(s, index, buffer.AsSpan(0, Encoding.UTF8.GetBytes(value, buffer)));
        }
    }

    private static void Integer(sqlite3_stmt s, int index, int? value)
    {
        if (value is { } v) raw.sqlite3_bind_int64(s, index, v);
        else raw.sqlite3_bind_null(s, index);
    }

    private void Decimal(sqlite3_stmt s, int index, decimal? value)
    {
        if (value is { } v) raw.sqlite3_bind_text(s, index, buffer.AsSpan(0, FormatDecimal(v, buffer)));
        else raw.sqlite3_bind_null(s, index);
    }

    /// <summary>
    /// Writes <paramref name="value"/> as UTF-8 exactly as <c>value.ToString(DecimalFormat, InvariantCulture)</c> would
    /// (at least one digit each side of the point, no trailing zeros beyond the first decimal), without parsing the custom
    /// format every time: a decimal's general format keeps its scale and never uses an exponent, so only the point and the
    /// trailing zeros need adjusting. Zero (which can carry a sign) goes through the custom format itself. Needs 32 bytes.
    /// </summary>
    internal static int FormatDecimal(decimal value, Span<byte> destination)
    {
        int length;
        if (value == 0m)
        {
            if (!value.TryFormat(destination, out length, DecimalFormat, CultureInfo.InvariantCulture)) throw new InvalidOperationException("buffer too small");
            return length;
        }
        if (!Utf8Formatter.TryFormat(value, destination, out length)) throw new InvalidOperationException("buffer too small");
        var point = destination[..length].IndexOf((byte)'.');
        if (point < 0)
        {
            destination[length] = (byte)'.';
            destination[length + 1] = (byte)'0';
            return length + 2;
        }
        while (length > point + 2 && destination[length - 1] == (byte)'0') length--;
        return length;
    }

    public Task<IReadOnlyList<(int Row, int FirstRow, string CreditCode, int Year)>> DuplicatesAsync(int limit, CancellationToken cancellationToken)
    {
        FinishStaging();
        var found = new List<(int, int, string, int)>();
        using var query = Prepare(Repeats);
        raw.sqlite3_bind_int64(query, 1, limit);
        int code;
        while ((code = raw.sqlite3_step(query)) == raw.SQLITE_ROW)
            found.Add((raw.sqlite3_column_int(query, 0), raw.sqlite3_column_int(query, 1), raw.sqlite3_column_text(query, 2).utf8_to_string(),
                raw.sqlite3_column_int(query, 3)));
        if (code != raw.SQLITE_DONE) throw Error(code);
        return Task.FromResult<IReadOnlyList<(int, int, string, int)>>(found);
    }

    public Task StoreAsync(CancellationToken cancellationToken)
    {
        FinishStaging();
        foreach (var sql in new[] { StoreEnterprises, StoreReturns })
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var statement = Prepare(sql);
            raw.sqlite3_bind_text(statement, 1, batch);
            var code = raw.sqlite3_step(statement);
            if (code != raw.SQLITE_DONE) throw Error(code);
        }
        return Task.CompletedTask;
    }

    /// <summary>After the last row: the insert is finalised and the staging table indexed once, in key order.</summary>
    private void FinishStaging()
    {
        insert?.Dispose();
        insert = null;
        if (indexed) return;
        Execute("CREATE INDEX temp.enterprise_import_key ON enterprise_import (credit_code, year)");
        indexed = true;
    }

    private sqlite3_stmt Prepare(string sql)
    {
        var code = raw.sqlite3_prepare_v2(db, sql, out var statement);
        if (code != raw.SQLITE_OK)
        {
            statement?.Dispose();
            throw Error(code);
        }
        return statement;
    }

    private void Execute(string sql)
    {
        using var statement = Prepare(sql);
        var code = raw.sqlite3_step(statement);
        if (code is not (raw.SQLITE_DONE or raw.SQLITE_ROW)) throw Error(code);
    }

    private SqliteException Error(int code) => new(raw.sqlite3_errmsg(db).utf8_to_string(), code, raw.sqlite3_extended_errcode(db));

    public ValueTask DisposeAsync()
    {
        insert?.Dispose();
        insert = null;
        // Inside the caller's transaction: gone at commit, and with the rest at a rollback. Best effort: the connection may be failing.
        BestEffort("DROP TABLE IF EXISTS temp.enterprise_import");
        return ValueTask.CompletedTask;
    }

    private void BestEffort(string sql)
    {
        if (raw.sqlite3_prepare_v2(db, sql, out var statement) != raw.SQLITE_OK)
        {
            statement?.Dispose();
            return;
        }
        using (statement) raw.sqlite3_step(statement);
    }
}

/// <summary>
/// PostgreSQL: binary COPY of every row into a temporary staging table (dropped at commit), then set-based statements:
/// repeats found with one GROUP BY, and one upsert each into <c>enterprises</c> (the latest year's row per enterprise) and
/// <c>enterprise_returns</c> (a stored enterprise-year is replaced).
/// </summary>
internal sealed class PostgresReturnWriter : IReturnWriter
{
    private const string Staging = """
        CREATE TEMP TABLE enterprise_import (
            source_row integer NOT NULL, credit_code text NOT NULL, name text NOT NULL, zone_code text NOT NULL, year integer NOT NULL,
            registered_on date, industry text, is_hte boolean NOT NULL, revenue numeric, employees integer, st_employees integer,
            rd_expense numeric, st_expense numeric, high_tech_revenue numeric, net_assets numeric, exports numeric, vc_received numeric,
            valuation_usd_m numeric, listed boolean NOT NULL, extra text
        ) ON COMMIT DROP
        """;

    private const string Copy = """
        COPY enterprise_import (source_row, credit_code, name, zone_code, year, registered_on, industry, is_hte, revenue, employees,
            st_employees, rd_expense, st_expense, high_tech_revenue, net_assets, exports, vc_received, valuation_usd_m, listed, extra)
        FROM STDIN (FORMAT BINARY)
        """;

    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly string batch;
    private NpgsqlBinaryImporter? importer;

    private PostgresReturnWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, string batch, NpgsqlBinaryImporter importer)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.batch = batch;
        this.importer = importer;
    }

    public static async Task<PostgresReturnWriter> OpenAsync(GaoxinDb db, IDbContextTransaction transaction, string batch, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var tx = (NpgsqlTransaction)transaction.GetDbTransaction();
        await using (var create = new NpgsqlCommand(Staging, connection, tx))
            await create.ExecuteNonQueryAsync(cancellationToken);
        var importer = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        return new PostgresReturnWriter(connection, tx, batch, importer);
    }

    public int? Write(ReturnRow row)
    {
        var copy = importer ?? throw new InvalidOperationException("the COPY is finished");
        copy.StartRow();
        copy.Write(row.SourceRow, NpgsqlDbType.Integer);
        copy.Write(row.CreditCode, NpgsqlDbType.Text);
        copy.Write(row.Name, NpgsqlDbType.Text);
        copy.Write(row.Zone, NpgsqlDbType.Text);
        copy.Write(row.Year, NpgsqlDbType.Integer);
        Write(copy, row.RegisteredOn, NpgsqlDbType.Date);
        Write(copy, row.Industry);
        copy.Write(row.IsHte, NpgsqlDbType.Boolean);
        Write(copy, row.Revenue, NpgsqlDbType.Numeric);
        Write(copy, row.Employees, NpgsqlDbType.Integer);
        Write(copy, row.StEmployees, NpgsqlDbType.Integer);
        Write(copy, row.RdExpense, NpgsqlDbType.Numeric);
        Write(copy, row.StExpense, NpgsqlDbType.Numeric);
        Write(copy, row.HighTechRevenue, NpgsqlDbType.Numeric);
        Write(copy, row.NetAssets, NpgsqlDbType.Numeric);
        Write(copy, row.Exports, NpgsqlDbType.Numeric);
        Write(copy, row.VcReceived, NpgsqlDbType.Numeric);
        Write(copy, row.ValuationUsdM, NpgsqlDbType.Numeric);
        copy.Write(row.Listed, NpgsqlDbType.Boolean);
        Write(copy, row.Extra);
        return null;
    }

    private static void Write<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v) copy.Write(v, type);
        else copy.WriteNull();
    }

    private static void Write(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null) copy.WriteNull();
        else copy.Write(value, NpgsqlDbType.Text);
    }

    private async Task FinishCopyAsync(CancellationToken cancellationToken)
    {
        if (importer is null) return;
        await importer.CompleteAsync(cancellationToken);
        await importer.DisposeAsync();
        importer = null;
    }

    public async Task<IReadOnlyList<(int Row, int FirstRow, string CreditCode, int Year)>> DuplicatesAsync(int limit, CancellationToken cancellationToken)
    {
        await FinishCopyAsync(cancellationToken);
        const string sql = """
            SELECT source_row, first_row, credit_code, year FROM (
                SELECT source_row, credit_code, year, MIN(source_row) OVER (PARTITION BY credit_code, year) AS first_row FROM enterprise_import
            ) s WHERE source_row > first_row ORDER BY source_row LIMIT @limit
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<(int, int, string, int)>();
        while (await reader.ReadAsync(cancellationToken))
            found.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3)));
        return found;
    }

    public async Task StoreAsync(CancellationToken cancellationToken)
    {
        await FinishCopyAsync(cancellationToken);
        const string sql = """
            INSERT INTO enterprises (credit_code, name, zone_code, industry, registered_on, listed, latest_year, batch_id)
            SELECT DISTINCT ON (credit_code) credit_code, name, zone_code, industry, registered_on, listed, year, @batch
            FROM enterprise_import ORDER BY credit_code, year DESC
            ON CONFLICT (credit_code) DO UPDATE SET name = excluded.name, zone_code = excluded.zone_code, industry = excluded.industry,
                registered_on = excluded.registered_on, listed = excluded.listed, latest_year = excluded.latest_year, batch_id = excluded.batch_id
            WHERE excluded.latest_year >= enterprises.latest_year;

            INSERT INTO enterprise_returns (credit_code, year, zone_code, is_hte, revenue, employees, st_employees, rd_expense, st_expense,
                high_tech_revenue, net_assets, exports, vc_received, valuation_usd_m, listed, extra, batch_id, source_row)
            SELECT credit_code, year, zone_code, is_hte, revenue, employees, st_employees, rd_expense, st_expense,
                high_tech_revenue, net_assets, exports, vc_received, valuation_usd_m, listed, extra, @batch, source_row
            FROM enterprise_import
            ON CONFLICT (credit_code, year) DO UPDATE SET zone_code = excluded.zone_code, is_hte = excluded.is_hte, revenue = excluded.revenue,
                employees = excluded.employees, st_employees = excluded.st_employees, rd_expense = excluded.rd_expense, st_expense = excluded.st_expense,
                high_tech_revenue = excluded.high_tech_revenue, net_assets = excluded.net_assets, exports = excluded.exports,
                vc_received = excluded.vc_received, valuation_usd_m = excluded.valuation_usd_m, listed = excluded.listed, extra = excluded.extra,
                batch_id = excluded.batch_id, source_row = excluded.source_row;
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("batch", batch);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // Not completed: the COPY is cancelled, and the caller rolls the transaction back.
        if (importer is not null) await importer.DisposeAsync();
    }
}
