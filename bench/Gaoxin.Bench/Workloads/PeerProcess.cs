using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Gaoxin.Bench.Workloads;

/// <summary>
/// The hidden verb <c>Gaoxin.Bench peer w1|w1-postgres|w2|w3|w5 …</c>: each peer as a whole process, which the bench runs as
/// a child exactly as it runs <c>gaoxin …</c> (Support/Child.cs), so that both sides are timed the same way, cold start
/// included. Each does the platform's work with the peer's tool and prints what it produced for the bench to compare:
/// <list type="bullet">
/// <item><c>w1 CSV DB</c>: every row into <c>enterprises</c> and <c>enterprise_returns</c> of a copy of the platform's prepared
/// store (same schema, indexes, WAL, synchronous=FULL, foreign keys on), one transaction, prepared INSERTs bound by position.</item>
/// <item><c>w1-postgres CSV CONNECTION</c>: the same tables of a prepared PostgreSQL database by binary COPY, one transaction.</item>
/// <item><c>w2 CSV DUCKDB</c>: DuckDB reads every column (read_csv), stores the table (CREATE TABLE … AS) in a database file,
/// and computes every zone-year figure the platform's import leaves: the sums and counts and the gazelle counts.</item>
/// <item><c>w3 DUCKDB</c>: the same figures over the stored ten-year panel.</item>
/// <item><c>w5 DUCKDB YEAR</c>: the gazelle and unicorn listing of the year.</item>
/// </list>
/// The figures are printed one a line, <c>zone TAB year TAB element TAB value</c>; the listing <c>credit_code TAB name TAB
/// zone TAB kind TAB new TAB routes</c>.
/// </summary>
public static class PeerProcess
{
    public static int Run(string[] args)
    {
        switch (args)
        {
            case ["w1", var csv, var database]:
                Console.WriteLine($"{SqliteStore(csv, database)} rows");
                return 0;
            case ["w1-postgres", var csv, var connection]:
                Console.WriteLine($"{PostgresStore(csv, connection)} rows");
                return 0;
            case ["w2", var csv, var file]:
            {
                using var duck = Peers.OpenDuckDb(file);
                Peers.Execute(duck, $"CREATE TABLE returns AS SELECT * FROM {Peers.ReadCsv(csv)}");
                WriteFigures(duck);
                return 0;
            }
            case ["w3", var file]:
            {
                using var duck = Peers.OpenDuckDb(file);
                WriteFigures(duck);
                return 0;
            }
            case ["w5", var file, var yearText]:
            {
                using var duck = Peers.OpenDuckDb(file);
                using var command = duck.CreateCommand();
                command.CommandText = GazelleSql.Listing("returns", int.Parse(yearText, CultureInfo.InvariantCulture));
                using var reader = command.ExecuteReader();
                var output = new StringBuilder();
                while (reader.Read())
                    output.Append(reader.GetString(0)).Append('\t').Append(reader.GetString(1)).Append('\t').Append(reader.GetString(2)).Append('\t')
                        .Append(reader.GetString(3)).Append('\t').Append(reader.GetBoolean(4) ? '1' : '0').Append('\t').Append(reader.GetString(5)).Append('\n');
                Console.Out.Write(output);
                return 0;
            }
            default:
                Console.Error.WriteLine("usage: Gaoxin.Bench peer w1 CSV DB | w1-postgres CSV CONNECTION | w2 CSV DUCKDB | w3 DUCKDB | w5 DUCKDB YEAR");
                return 2;
        }
    }

    // ── the zone-year figures (W2, W3) ──

    /// <summary>The figures of EnterpriseAggregates.Definitions, each with what its sum is divided by (万元 → 亿元).</summary>
    public static readonly (string Element, string Sql, decimal Divisor)[] Figures =
    [
        ("enterprise_count", "count(*)", 1),
        ("hte_count", "sum(CASE WHEN is_hte <> 0 THEN 1 ELSE 0 END)", 1),
        ("revenue", "sum(revenue)", 10000),
        ("rd_expenditure", "sum(rd_expense)", 10000),
        ("employees", "sum(employees)", 1),
        ("n21_exports", "sum(exports)", 10000),
        ("n21_hte_exports", "sum(CASE WHEN is_hte <> 0 THEN exports END)", 10000),
        ("n21_vc_backed_enterprises", "sum(CASE WHEN vc_received > 0 THEN 1 ELSE 0 END)", 1),
        ("st_employees", "sum(st_employees)", 1),
        ("high_tech_revenue", "sum(high_tech_revenue)", 10000),
    ];

    private static readonly string[] CountFigures = ["gazelles", "gazelles_new", "unicorns", "gazelles_new_national"];

    private static void WriteFigures(DuckDB.NET.Data.DuckDBConnection duck)
    {
        var output = new StringBuilder();
        using (var command = duck.CreateCommand())
        {
            command.CommandText = "SELECT zone, year, " + string.Join(", ", Figures.Select(f => $"CAST({f.Sql} AS DOUBLE)")) + " FROM returns GROUP BY zone, year";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var zone = reader.GetString(0);
                var year = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
                for (var i = 0; i < Figures.Length; i++)
                {
                    if (reader.IsDBNull(i + 2)) continue; // nobody reported it: no figure, as the platform
                    var value = Math.Round((decimal)reader.GetDouble(i + 2) / Figures[i].Divisor, 6);
                    Line(output, zone, year, Figures[i].Element, value);
                }
            }
        }
        using (var command = duck.CreateCommand())
        {
            command.CommandText = GazelleSql.Counts("returns");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var zone = reader.GetString(0);
                var year = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
                for (var i = 0; i < CountFigures.Length; i++)
                    Line(output, zone, year, CountFigures[i], Convert.ToDecimal(reader.GetValue(i + 2), CultureInfo.InvariantCulture));
            }
        }
        Console.Out.Write(output);
    }

    private static void Line(StringBuilder output, string zone, int year, string element, decimal value) =>
        output.Append(zone).Append('\t').Append(year.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(element).Append('\t')
            .Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');

    // ── W1: the platform's own tables ──

    private static readonly string[] Money =
        ["revenue", "rd_expense", "st_expense", "high_tech_revenue", "net_assets", "exports", "vc_received", "valuation_usd_m"];

    /// <summary>Where each column of enterprises.csv is, by name; and the further columns (f01…) in file order.</summary>
    private sealed class Layout
    {
        public Layout(string header)
        {
            var names = header.Split(',');
            for (var i = 0; i < names.Length; i++) At[names[i]] = i;
            Extras = [.. names.Select((n, i) => (n, i)).Where(x => !Gaoxin.Core.Demo.NationalGenerator.EnterpriseColumns.Contains(x.n)).Select(x => (x.i, Encoding.UTF8.GetBytes($"\"{x.n}\":")))];
            Count = names.Length;
        }

        public Dictionary<string, int> At { get; } = [];
        public (int Index, byte[] Name)[] Extras { get; }
        public int Count { get; }
    }

    private static (Layout Layout, IEnumerable<string> Rows) Read(string csv)
    {
        var reader = new StreamReader(csv, Encoding.UTF8, false, 1 << 16);
        var layout = new Layout(reader.ReadLine() ?? "");
        return (layout, Rows(reader));

        static IEnumerable<string> Rows(StreamReader reader)
        {
            using (reader)
                while (reader.ReadLine() is { } line)
                    if (line.Length > 0) yield return line;
        }
    }

    /// <summary>Splits a line of the generated file (plain fields, no quotes) into the ranges of its fields.</summary>
    private static void Split(string line, Range[] fields)
    {
        var start = 0;
        for (var i = 0; i < fields.Length; i++)
        {
            var comma = line.IndexOf(',', start);
            var end = comma < 0 ? line.Length : comma;
            fields[i] = start..end;
            start = end + 1;
        }
    }

    /// <summary>The further figures as the JSON object the platform keeps in <c>extra</c> (code → number; blanks left out).</summary>
    private static int Extra(string line, Range[] fields, Layout layout, byte[] buffer)
    {
        var length = 0;
        buffer[length++] = (byte)'{';
        foreach (var (index, name) in layout.Extras)
        {
            var field = line.AsSpan(fields[index]).Trim();
            if (field.IsEmpty) continue;
            if (length > 1) buffer[length++] = (byte)',';
            name.CopyTo(buffer, length);
            length += name.Length;
            length += Encoding.UTF8.GetBytes(field, buffer.AsSpan(length));
        }
        if (length == 1) return 0;
        buffer[length++] = (byte)'}';
        return length;
    }

    public static long SqliteStore(string csv, string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            // As the platform's store: WAL, every commit synced, foreign keys checked.
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
            pragma.ExecuteNonQuery();
        }
        var db = connection.Handle!;
        Check(raw.sqlite3_exec(db, "BEGIN"), db);
        Check(raw.sqlite3_prepare_v2(db, """
            INSERT INTO enterprises (credit_code, name, zone_code, industry, registered_on, listed, latest_year, batch_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT (credit_code) DO UPDATE SET name = excluded.name, zone_code = excluded.zone_code, industry = excluded.industry,
                registered_on = excluded.registered_on, listed = excluded.listed, latest_year = excluded.latest_year, batch_id = excluded.batch_id
            WHERE excluded.latest_year >= enterprises.latest_year
            """, out var enterprise), db);
        Check(raw.sqlite3_prepare_v2(db, """
            INSERT INTO enterprise_returns (credit_code, year, zone_code, is_hte, revenue, employees, st_employees, rd_expense, st_expense,
                high_tech_revenue, net_assets, exports, vc_received, valuation_usd_m, listed, extra, batch_id, source_row)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
            """, out var ret), db);
        long rows = 0;
        var (layout, lines) = Read(csv);
        var f = new Range[layout.Count];
        var buffer = new byte[1 << 14];
        var at = layout.At;
        int code = at["credit_code"], name = at["name"], zone = at["zone"], year = at["year"], registered = at["registered_on"], industry = at["industry"],
            hte = at["is_hte"], employees = at["employees"], st = at["st_employees"], listed = at["listed"];
        var money = Money.Select(m => at[m]).ToArray();
        using (enterprise)
        using (ret)
        {
            foreach (var line in lines)
            {
                Split(line, f);
                var y = int.Parse(line.AsSpan(f[year]), CultureInfo.InvariantCulture);
                var l = Flag(line, f[listed]);
                Text(enterprise, 1, line, f[code]);
                Text(enterprise, 2, line, f[name]);
                Text(enterprise, 3, line, f[zone]);
                Text(enterprise, 4, line, f[industry]);
                Text(enterprise, 5, line, f[registered]);
                raw.sqlite3_bind_int64(enterprise, 6, l);
                raw.sqlite3_bind_int64(enterprise, 7, y);
                raw.sqlite3_bind_text(enterprise, 8, "peer");
                Step(enterprise, db);

                Text(ret, 1, line, f[code]);
                raw.sqlite3_bind_int64(ret, 2, y);
                Text(ret, 3, line, f[zone]);
                raw.sqlite3_bind_int64(ret, 4, Flag(line, f[hte]));
                Text(ret, 5, line, f[money[0]]);
                Integer(ret, 6, line, f[employees]);
                Integer(ret, 7, line, f[st]);
                for (var m = 1; m < money.Length; m++) Text(ret, 7 + m, line, f[money[m]]);
                raw.sqlite3_bind_int64(ret, 15, l);
                var length = Extra(line, f, layout, buffer);
                if (length > 0) raw.sqlite3_bind_text(ret, 16, buffer.AsSpan(0, length));
                else raw.sqlite3_bind_null(ret, 16);
                raw.sqlite3_bind_text(ret, 17, "peer");
                raw.sqlite3_bind_int64(ret, 18, rows + 2);
                Step(ret, db);
                rows++;
            }
        }
        Check(raw.sqlite3_exec(db, "COMMIT"), db);
        return rows;
    }

    private static int Flag(string line, Range field) => line.AsSpan(field).Trim() is "1" ? 1 : 0;

    private static void Text(sqlite3_stmt s, int index, string line, Range field)
    {
        var span = line.AsSpan(field).Trim();
        if (span.IsEmpty) raw.sqlite3_bind_null(s, index);
        else raw.sqlite3_bind_text(s, index, span.ToString());
    }

    private static void Integer(sqlite3_stmt s, int index, string line, Range field)
    {
        var span = line.AsSpan(field).Trim();
        if (span.IsEmpty) raw.sqlite3_bind_null(s, index);
        else raw.sqlite3_bind_int64(s, index, long.Parse(span, CultureInfo.InvariantCulture));
    }

    private static void Step(sqlite3_stmt s, sqlite3 db)
    {
        if (raw.sqlite3_step(s) != raw.SQLITE_DONE) Check(raw.sqlite3_errcode(db), db);
        raw.sqlite3_reset(s);
    }

    private static void Check(int code, sqlite3 db)
    {
        if (code is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            throw new InvalidOperationException($"SQLite error {code}: {raw.sqlite3_errmsg(db).utf8_to_string()}");
    }

    public static long PostgresStore(string csv, string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        long rows = 0;
        // Two binary COPYs in one transaction: the registry rows first (the returns' foreign key), then the returns.
        {
            var (layout, lines) = Read(csv);
            var f = new Range[layout.Count];
            var at = layout.At;
            using var importer = connection.BeginBinaryImport(
                "COPY enterprises (credit_code, name, zone_code, industry, registered_on, listed, latest_year, batch_id) FROM STDIN (FORMAT BINARY)");
            foreach (var line in lines)
            {
                Split(line, f);
                importer.StartRow();
                importer.Write(line[f[at["credit_code"]]], NpgsqlDbType.Text);
                importer.Write(line[f[at["name"]]], NpgsqlDbType.Text);
                importer.Write(line[f[at["zone"]]], NpgsqlDbType.Text);
                if (line.AsSpan(f[at["industry"]]).IsEmpty) importer.WriteNull();
                else importer.Write(line[f[at["industry"]]], NpgsqlDbType.Text);
                if (line.AsSpan(f[at["registered_on"]]).IsEmpty) importer.WriteNull();
                else importer.Write(DateOnly.ParseExact(line.AsSpan(f[at["registered_on"]]), "yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType.Date);
                importer.Write(Flag(line, f[at["listed"]]) == 1, NpgsqlDbType.Boolean);
                importer.Write(int.Parse(line.AsSpan(f[at["year"]]), CultureInfo.InvariantCulture), NpgsqlDbType.Integer);
                importer.Write("peer", NpgsqlDbType.Text);
            }
            importer.Complete();
        }
        {
            var (layout, lines) = Read(csv);
            var f = new Range[layout.Count];
            var at = layout.At;
            var buffer = new byte[1 << 14];
            var money = Money.Select(m => at[m]).ToArray();
            using var importer = connection.BeginBinaryImport("""
                COPY enterprise_returns (credit_code, year, zone_code, is_hte, revenue, employees, st_employees, rd_expense, st_expense,
                    high_tech_revenue, net_assets, exports, vc_received, valuation_usd_m, listed, extra, batch_id, source_row) FROM STDIN (FORMAT BINARY)
                """);
            foreach (var line in lines)
            {
                Split(line, f);
                importer.StartRow();
                importer.Write(line[f[at["credit_code"]]], NpgsqlDbType.Text);
                importer.Write(int.Parse(line.AsSpan(f[at["year"]]), CultureInfo.InvariantCulture), NpgsqlDbType.Integer);
                importer.Write(line[f[at["zone"]]], NpgsqlDbType.Text);
                importer.Write(Flag(line, f[at["is_hte"]]) == 1, NpgsqlDbType.Boolean);
                Numeric(importer, line, f[money[0]]);
                Int(importer, line, f[at["employees"]]);
                Int(importer, line, f[at["st_employees"]]);
                for (var m = 1; m < money.Length; m++) Numeric(importer, line, f[money[m]]);
                importer.Write(Flag(line, f[at["listed"]]) == 1, NpgsqlDbType.Boolean);
                var length = Extra(line, f, layout, buffer);
                if (length > 0) importer.Write(Encoding.UTF8.GetString(buffer, 0, length), NpgsqlDbType.Text);
                else importer.WriteNull();
                importer.Write("peer", NpgsqlDbType.Text);
                importer.Write((int)(rows + 2), NpgsqlDbType.Integer);
                rows++;
            }
            importer.Complete();
        }
        transaction.Commit();
        return rows;
    }

    private static void Numeric(NpgsqlBinaryImporter importer, string line, Range field)
    {
        var span = line.AsSpan(field).Trim();
        if (span.IsEmpty) importer.WriteNull();
        else importer.Write(decimal.Parse(span, NumberStyles.Number, CultureInfo.InvariantCulture), NpgsqlDbType.Numeric);
    }

    private static void Int(NpgsqlBinaryImporter importer, string line, Range field)
    {
        var span = line.AsSpan(field).Trim();
        if (span.IsEmpty) importer.WriteNull();
        else importer.Write(int.Parse(span, CultureInfo.InvariantCulture), NpgsqlDbType.Integer);
    }
}
