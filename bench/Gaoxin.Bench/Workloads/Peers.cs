using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Gaoxin.Core.Demo;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Gaoxin.Bench.Workloads;

/// <summary>
/// The peers of W1–W3 and W5: the raw drivers and DuckDB on the same enterprises.csv. Written the way the docs of
/// each tool recommend for bulk work, so they are fair and strong baselines.
/// </summary>
public static class Peers
{
    /// <summary>The 100 columns of enterprises.csv.</summary>
    public static readonly string[] Columns =
        [.. NationalGenerator.EnterpriseColumns, .. Enumerable.Range(1, NationalGenerator.ExtraColumns).Select(k => $"f{k:D2}")];

    private static readonly HashSet<string> TextColumns = ["credit_code", "name", "zone", "registered_on", "industry"];
    private static readonly HashSet<string> IntegerColumns = ["year", "is_hte", "employees", "st_employees", "listed"];

    private enum Kind { Text, Integer, Real }

    private static readonly Kind[] Kinds = Columns.Select((c, i) =>
        TextColumns.Contains(c) ? Kind.Text
        : IntegerColumns.Contains(c) || (c.StartsWith('f') && int.Parse(c[1..], CultureInfo.InvariantCulture) % 3 == 0) ? Kind.Integer
        : Kind.Real).ToArray();

    /// <summary>The aggregates every zone-year gets (W2, W3): counts and sums of the returns' main figures.</summary>
    public const string AggregateSelect =
        "zone, year, count(*) AS enterprises, sum(is_hte) AS hte, sum(revenue) AS revenue, sum(employees) AS employees, " +
        "sum(st_employees) AS st_employees, sum(rd_expense) AS rd_expense, sum(st_expense) AS st_expense, " +
        "sum(high_tech_revenue) AS high_tech_revenue, sum(net_assets) AS net_assets, sum(exports) AS exports, " +
        "sum(vc_received) AS vc_received, sum(listed) AS listed";

    // ── SQLite: one prepared INSERT per row in one transaction ──

    /// <summary>
    /// One prepared INSERT per row in one transaction, binding by position through SQLitePCL.raw (the driver under
    /// Microsoft.Data.Sqlite): the raw path. With <paramref name="adoNet"/> the same through Microsoft.Data.Sqlite's
    /// SqliteCommand, which looks every parameter up by name on each execution (slow for 100 columns; see
    /// docs/performance.md). At most <paramref name="limit"/> rows.
    /// </summary>
    public static long SqliteInsert(string csv, string database, bool adoNet = false, long limit = long.MaxValue)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE TABLE enterprise_returns ({string.Join(", ", Columns.Select((c, i) => $"{c} {Kinds[i] switch
            {
                Kind.Text => "TEXT",
                Kind.Integer => "INTEGER",
                _ => "REAL",
            }}{(c is "credit_code" or "name" or "zone" or "year" ? " NOT NULL" : "")}"))}, PRIMARY KEY (credit_code, year))";
            create.ExecuteNonQuery();
        }
        var sql = $"INSERT INTO enterprise_returns ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"$p{i}"))})";
        using var transaction = connection.BeginTransaction();
        long rows = 0;
        if (adoNet)
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = sql;
            var parameters = Columns.Select((_, i) => insert.Parameters.Add($"$p{i}", Kinds[i] switch
            {
                Kind.Text => SqliteType.Text,
                Kind.Integer => SqliteType.Integer,
                _ => SqliteType.Real,
            })).ToArray();
            insert.Prepare();
            foreach (var line in Lines(csv))
            {
                if (rows >= limit) break;
                var span = line.AsSpan();
                for (var i = 0; i < Columns.Length; i++)
                {
                    var field = Next(ref span);
                    parameters[i].Value = field.IsEmpty ? DBNull.Value : Kinds[i] switch
                    {
                        Kind.Text => field.ToString(),
                        Kind.Integer => long.Parse(field, CultureInfo.InvariantCulture),
                        _ => double.Parse(field, CultureInfo.InvariantCulture),
                    };
                }
                insert.ExecuteNonQuery();
                rows++;
            }
        }
        else
        {
            var db = connection.Handle!;
            Check(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
            using (statement)
            {
                foreach (var line in Lines(csv))
                {
                    if (rows >= limit) break;
                    var span = line.AsSpan();
                    for (var i = 0; i < Columns.Length; i++)
                    {
                        var field = Next(ref span);
                        var index = i + 1;
                        if (field.IsEmpty) raw.sqlite3_bind_null(statement, index);
                        else if (Kinds[i] == Kind.Text) raw.sqlite3_bind_text(statement, index, field.ToString());
                        else if (Kinds[i] == Kind.Integer) raw.sqlite3_bind_int64(statement, index, long.Parse(field, CultureInfo.InvariantCulture));
                        else raw.sqlite3_bind_double(statement, index, double.Parse(field, CultureInfo.InvariantCulture));
                    }
                    if (raw.sqlite3_step(statement) != raw.SQLITE_DONE) Check(raw.sqlite3_errcode(db), db);
                    raw.sqlite3_reset(statement);
                    rows++;
                }
            }
        }
        transaction.Commit();
        return rows;
    }

    private static void Check(int code, sqlite3 db)
    {
        if (code is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            throw new InvalidOperationException($"SQLite error {code}: {raw.sqlite3_errmsg(db).utf8_to_string()}");
    }

    private static ReadOnlySpan<char> Next(ref ReadOnlySpan<char> span)
    {
        var comma = span.IndexOf(',');
        var field = comma < 0 ? span : span[..comma];
        span = comma < 0 ? default : span[(comma + 1)..];
        return field;
    }

    // ── PostgreSQL: binary COPY ──

    public static long PostgresCopy(string csv, string connectionString, string table, long limit = long.MaxValue)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"DROP TABLE IF EXISTS {table}; CREATE TABLE {table} ({string.Join(", ", Columns.Select((c, i) => $"{c} {(c == "registered_on" ? "date" : Kinds[i] switch
            {
                Kind.Text => "text",
                Kind.Integer => "bigint",
                _ => "numeric(20,2)",
            })}"))}, PRIMARY KEY (credit_code, year))";
            create.ExecuteNonQuery();
        }
        long rows = 0;
        using (var importer = connection.BeginBinaryImport($"COPY {table} ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var line in Lines(csv))
            {
                if (rows >= limit) break;
                importer.StartRow();
                var span = line.AsSpan();
                for (var i = 0; i < Columns.Length; i++)
                {
                    var comma = span.IndexOf(',');
                    var field = comma < 0 ? span : span[..comma];
                    span = comma < 0 ? default : span[(comma + 1)..];
                    if (field.IsEmpty) importer.WriteNull();
                    else if (Columns[i] == "registered_on") importer.Write(DateOnly.ParseExact(field, "yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType.Date);
                    else if (Kinds[i] == Kind.Text) importer.Write(field.ToString(), NpgsqlDbType.Text);
                    else if (Kinds[i] == Kind.Integer) importer.Write(long.Parse(field, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint);
                    else importer.Write(decimal.Parse(field, CultureInfo.InvariantCulture), NpgsqlDbType.Numeric);
                }
                rows++;
            }
            importer.Complete();
        }
        return rows;
    }

    private static IEnumerable<string> Lines(string csv)
    {
        using var reader = new StreamReader(csv, Encoding.UTF8, false, 1 << 16);
        reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) yield return line;
    }

    // ── DuckDB ──

    public static DuckDBConnection OpenDuckDb(string? file = null)
    {
        var connection = new DuckDBConnection(file is null ? "Data Source=:memory:" : $"Data Source={file}");
        connection.Open();
        return connection;
    }

    public static string ReadCsv(string csv) => $"read_csv('{csv.Replace("'", "''")}', header = true, delim = ',', quote = '\"')";

    /// <summary>Runs a query and reads every row; returns the row count.</summary>
    public static long Query(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        long rows = 0;
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
            rows++;
        }
        return rows;
    }

    public static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// A DuckDB database holding the panel in its own table <c>returns</c> (loaded once, kept beside the data set).
    /// </summary>
    public static DuckDBConnection PanelTable(string csv)
    {
        var file = Path.Combine(Path.GetDirectoryName(csv)!, "panel.duckdb");
        var stamp = file + ".ok";
        if (!File.Exists(stamp) || File.GetLastWriteTimeUtc(stamp) < File.GetLastWriteTimeUtc(csv))
        {
            foreach (var f in new[] { file, file + ".wal", stamp }) if (File.Exists(f)) File.Delete(f);
            using var load = OpenDuckDb(file);
            Execute(load, $"CREATE TABLE returns AS SELECT * FROM {ReadCsv(csv)}");
            File.WriteAllText(stamp, "loaded\n");
        }
        return OpenDuckDb(file);
    }

    /// <summary>
    /// Gazelles and unicorns of year <paramref name="year"/> by the Liaoning rule, in DuckDB SQL with window functions
    /// (lags over each enterprise's years, a RANGE frame for the four-year R&amp;D share). Returns (gazelles, unicorns).
    /// </summary>
    public static (long Gazelles, long Unicorns) GazellesSql(DuckDBConnection connection, int year)
    {
        var sql = $"""
            WITH w AS (
              SELECT credit_code, zone, year, year - year(CAST(registered_on AS DATE)) AS age,
                     revenue, employees, vc_received, listed, valuation_usd_m,
                     lag(year, 1) OVER p AS y1, lag(revenue, 1) OVER p AS rev1, lag(employees, 1) OVER p AS emp1,
                     lag(year, 3) OVER p AS y3, lag(revenue, 3) OVER p AS rev3, lag(employees, 3) OVER p AS emp3,
                     sum(st_expense) OVER r AS st4, sum(revenue) OVER r AS rev4
              FROM returns
              WHERE year BETWEEN {year - 3} AND {year}
              WINDOW p AS (PARTITION BY credit_code ORDER BY year),
                     r AS (PARTITION BY credit_code ORDER BY year RANGE BETWEEN 3 PRECEDING AND CURRENT ROW)
            )
            SELECT
              count(*) FILTER (WHERE age <= 20
                AND ((age <= 5 AND revenue >= 50000)
                  OR (age <= 10 AND revenue >= 100000)
                  OR (y3 = year - 3 AND y1 = year - 1 AND rev3 > 1000 AND revenue > rev1 AND power(revenue / rev3, 1.0 / 3) - 1 >= 0.20)
                  OR (y3 = year - 3 AND y1 = year - 1 AND emp3 > 100 AND employees > emp1 AND power(employees / emp3, 1.0 / 3) - 1 >= 0.30)
                  OR vc_received >= 1000)
                AND rev4 > 0 AND st4 / rev4 >= 0.025) AS gazelles,
              count(*) FILTER (WHERE age <= 10 AND listed = 0 AND valuation_usd_m >= 1000) AS unicorns
            FROM w WHERE year = {year}
            """;
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
    }
}
