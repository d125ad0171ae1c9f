using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Gaoxin.Data.Enterprises;

/// <summary>
/// SQLite: two prepared statements per row (the enterprise, then its return), parameters reused, in the caller's transaction.
/// Upserts give replacement: a stored enterprise-year from an earlier import is overwritten; one written by this import
/// (same <c>batch_id</c>) is left alone, and the statement then changes no row — which is how a repeat in the file shows.
/// </summary>
internal sealed class SqliteReturnWriter : IReturnWriter
{
    private const string EnterpriseSql = """
        INSERT INTO enterprises (credit_code, name, zone_code, industry, registered_on, listed, latest_year, batch_id)
        VALUES ($code, $name, $zone, $industry, $registered, $listed, $year, $batch)
        ON CONFLICT (credit_code) DO UPDATE SET name = excluded.name, zone_code = excluded.zone_code, industry = excluded.industry,
            registered_on = excluded.registered_on, listed = excluded.listed, latest_year = excluded.latest_year, batch_id = excluded.batch_id
        WHERE excluded.latest_year >= enterprises.latest_year
        """;

    private const string ReturnSql = """
        INSERT INTO enterprise_returns (credit_code, year, zone_code, is_hte, revenue, employees, st_employees, rd_expense, st_expense,
            high_tech_revenue, net_assets, exports, vc_received, valuation_usd_m, listed, extra, batch_id, source_row)
        VALUES ($code, $year, $zone, $hte, $revenue, $employees, $st_employees, $rd_expense, $st_expense,
            $high_tech_revenue, $net_assets, $exports, $vc_received, $valuation, $listed, $extra, $batch, $row)
        ON CONFLICT (credit_code, year) DO UPDATE SET zone_code = excluded.zone_code, is_hte = excluded.is_hte, revenue = excluded.revenue,
            employees = excluded.employees, st_employees = excluded.st_employees, rd_expense = excluded.rd_expense, st_expense = excluded.st_expense,
            high_tech_revenue = excluded.high_tech_revenue, net_assets = excluded.net_assets, exports = excluded.exports,
            vc_received = excluded.vc_received, valuation_usd_m = excluded.valuation_usd_m, listed = excluded.listed, extra = excluded.extra,
            batch_id = excluded.batch_id, source_row = excluded.source_row
        WHERE enterprise_returns.batch_id <> excluded.batch_id
        """;

    private readonly DbCommand enterprise;
    private readonly DbCommand ret;
    private readonly DbCommand firstRow;
    private readonly DbParameter eCode, eName, eZone, eIndustry, eRegistered, eListed, eYear;
    private readonly DbParameter rCode, rYear, rZone, rHte, rRevenue, rEmployees, rStEmployees, rRdExpense, rStExpense, rHighTech,
        rNetAssets, rExports, rVc, rValuation, rListed, rExtra, rRow;
    private readonly DbParameter fCode, fYear;

    private SqliteReturnWriter(DbConnection connection, DbTransaction transaction, string batch)
    {
        enterprise = Command(connection, transaction, EnterpriseSql);
        eCode = Parameter(enterprise, "$code");
        eName = Parameter(enterprise, "$name");
        eZone = Parameter(enterprise, "$zone");
        eIndustry = Parameter(enterprise, "$industry");
        eRegistered = Parameter(enterprise, "$registered");
        eListed = Parameter(enterprise, "$listed");
        eYear = Parameter(enterprise, "$year");
        Parameter(enterprise, "$batch").Value = batch;

        ret = Command(connection, transaction, ReturnSql);
        rCode = Parameter(ret, "$code");
        rYear = Parameter(ret, "$year");
        rZone = Parameter(ret, "$zone");
        rHte = Parameter(ret, "$hte");
        rRevenue = Parameter(ret, "$revenue");
        rEmployees = Parameter(ret, "$employees");
        rStEmployees = Parameter(ret, "$st_employees");
        rRdExpense = Parameter(ret, "$rd_expense");
        rStExpense = Parameter(ret, "$st_expense");
        rHighTech = Parameter(ret, "$high_tech_revenue");
        rNetAssets = Parameter(ret, "$net_assets");
        rExports = Parameter(ret, "$exports");
        rVc = Parameter(ret, "$vc_received");
        rValuation = Parameter(ret, "$valuation");
        rListed = Parameter(ret, "$listed");
        rExtra = Parameter(ret, "$extra");
        Parameter(ret, "$batch").Value = batch;
        rRow = Parameter(ret, "$row");

        firstRow = Command(connection, transaction, "SELECT source_row FROM enterprise_returns WHERE credit_code = $code AND year = $year");
        fCode = Parameter(firstRow, "$code");
        fYear = Parameter(firstRow, "$year");
    }

    public static SqliteReturnWriter Open(GaoxinDb db, IDbContextTransaction transaction, string batch) =>
        new(db.Database.GetDbConnection(), transaction.GetDbTransaction(), batch);

    internal static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    internal static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static object Db<T>(T? value) where T : struct => value is { } v ? v : DBNull.Value;

    private static object Db(string? value) => value ?? (object)DBNull.Value;

    public int? Write(ReturnRow row)
    {
        eCode.Value = row.CreditCode;
        eName.Value = row.Name;
        eZone.Value = row.Zone;
        eIndustry.Value = Db(row.Industry);
        eRegistered.Value = Db(row.RegisteredOn);
        eListed.Value = row.Listed;
        eYear.Value = row.Year;
        enterprise.ExecuteNonQuery();

        rCode.Value = row.CreditCode;
        rYear.Value = row.Year;
        rZone.Value = row.Zone;
        rHte.Value = row.IsHte;
        rRevenue.Value = Db(row.Revenue);
        rEmployees.Value = Db(row.Employees);
        rStEmployees.Value = Db(row.StEmployees);
        rRdExpense.Value = Db(row.RdExpense);
        rStExpense.Value = Db(row.StExpense);
        rHighTech.Value = Db(row.HighTechRevenue);
        rNetAssets.Value = Db(row.NetAssets);
        rExports.Value = Db(row.Exports);
        rVc.Value = Db(row.VcReceived);
        rValuation.Value = Db(row.ValuationUsdM);
        rListed.Value = row.Listed;
        rExtra.Value = Db(row.Extra);
        rRow.Value = row.SourceRow;
        if (ret.ExecuteNonQuery() > 0) return null;

        // Rare: this import already wrote the enterprise-year. Say where.
        fCode.Value = row.CreditCode;
        fYear.Value = row.Year;
        return Convert.ToInt32(firstRow.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task<IReadOnlyList<(int Row, int FirstRow, string CreditCode, int Year)>> DuplicatesAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(int, int, string, int)>>([]);

    public Task StoreAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await enterprise.DisposeAsync();
        await ret.DisposeAsync();
        await firstRow.DisposeAsync();
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
