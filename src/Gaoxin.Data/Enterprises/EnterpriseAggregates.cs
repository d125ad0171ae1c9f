using System.Data.Common;
using System.Globalization;
using System.Text;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Enterprises;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gaoxin.Data.Enterprises;

/// <summary>
/// A zone-year figure summed from the returns. <paramref name="Element"/> is the data element it fills where one exists
/// (then <paramref name="Unit"/> must be that element's unit); <paramref name="Divisor"/> turns the returns' 万元 into 亿元.
/// </summary>
/// <param name="Element">Data element code (or a code of its own where the data set has no such element yet).</param>
/// <param name="Unit">Unit of the figure, as the data set writes it.</param>
/// <param name="Sqlite">The aggregate expression on SQLite, over <c>enterprise_returns</c>.</param>
/// <param name="Postgres">The same on PostgreSQL.</param>
/// <param name="Divisor">What the sum is divided by: 10,000 for 万元 → 亿元, else 1.</param>
public sealed record EnterpriseAggregate(string Element, string Unit, string Sqlite, string Postgres, decimal Divisor)
{
    /// <summary>
    /// What one return adds to the figure, as the SQL expressions read it: the figure is the sum of these over the
    /// zone-year's returns, leaving out nulls, and null when all are (a count adds 0 or 1 and so is never null).
    /// </summary>
    internal Func<ReturnRow, decimal?> FromRow { get; init; } = _ => null;
}

/// <summary>What a rebuild did.</summary>
public sealed record AggregateOutcome(int ZoneYears, int Figures);

/// <summary>
/// The zone-year aggregates of the enterprise returns (<c>enterprise_aggregates</c>): one set-based GROUP BY over the
/// stored rows, recomputed for the years an import touched, or rebuilt whole by <c>gaoxin enterprises aggregate</c>.
/// They feed a zone's data elements where its approved report left them blank (see <c>FigureStore.InForceAsync</c>).
/// </summary>
public static class EnterpriseAggregates
{
    // SQLite keeps decimals as text (as EF Core stores them): cast to REAL to sum, then round back to the store's
    // 6 decimals, which recovers the exact sum of figures given to at most 2 decimals in 万元 (zone sums stay far below
    // the 2^53 that doubles hold exactly at that grain). PostgreSQL sums numeric exactly.
    private static EnterpriseAggregate Sum(string element, string unit, string column, Func<ReturnRow, decimal?> fromRow, decimal divisor = 1) =>
        new(element, unit, $"SUM(CAST({column} AS REAL))", $"SUM({column})", divisor) { FromRow = fromRow };

    private static EnterpriseAggregate Count(string element, string sqliteCondition, string postgresCondition, Func<ReturnRow, bool> counts) =>
        new(element, "家", $"SUM(CASE WHEN {sqliteCondition} THEN 1 ELSE 0 END)", $"SUM(CASE WHEN {postgresCondition} THEN 1 ELSE 0 END)", 1)
        { FromRow = r => counts(r) ? 1m : 0m };

    /// <summary>
    /// The figures, named by the data elements of <c>datasets/liaoning-default.yaml</c> they fill: enterprise money is
    /// 万元 and the zone elements are 亿元, hence the divisor. <c>st_employees</c> and <c>high_tech_revenue</c> have no
    /// element yet and are kept under their own codes.
    /// </summary>
    public static IReadOnlyList<EnterpriseAggregate> Definitions { get; } =
    [
        new("enterprise_count", "家", "COUNT(*)", "COUNT(*)", 1) { FromRow = _ => 1m },
        Count("hte_count", "is_hte <> 0", "is_hte", r => r.IsHte),
        Sum("revenue", "亿元", "revenue", r => r.Revenue, 10000),
        Sum("rd_expenditure", "亿元", "rd_expense", r => r.RdExpense, 10000),
        Sum("employees", "人", "employees", r => r.Employees),
        Sum("n21_exports", "亿元", "exports", r => r.Exports, 10000),
        new("n21_hte_exports", "亿元", "SUM(CASE WHEN is_hte <> 0 THEN CAST(exports AS REAL) END)", "SUM(CASE WHEN is_hte THEN exports END)", 10000)
        { FromRow = r => r.IsHte ? r.Exports : null },
        Count("n21_vc_backed_enterprises", "CAST(vc_received AS REAL) > 0", "vc_received > 0", r => r.VcReceived > 0),
        Sum("st_employees", "人", "st_employees", r => r.StEmployees),
        Sum("high_tech_revenue", "亿元", "high_tech_revenue", r => r.HighTechRevenue, 10000),
    ];

    /// <summary>
    /// Rebuilds the aggregates of the given years (null: every year) from the stored returns, in its own transaction; with
    /// <paramref name="gazelles"/> also the gazelle and unicorn counts (see <see cref="Gazelles.Figures"/>).
    /// </summary>
    public static async Task<AggregateOutcome> RebuildAsync(GaoxinDb db, int? year, GazelleCounting? gazelles, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var outcome = await RecomputeAsync(db, transaction, year is { } y ? [y] : null, gazelles, cancellationToken, returnsCommitted: true);
            await transaction.CommitAsync(cancellationToken);
            return outcome;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Replaces the aggregates of <paramref name="years"/> (null: all) inside the caller's transaction, and raises the
    /// store version in it (<see cref="StoreVersion"/>). Whole years are
    /// recomputed, every zone of them, so that a return that moved to another zone leaves its old zone's sums right too.
    /// With <paramref name="gazelles"/>, the gazelle counts of those years and of the following years whose classification
    /// (or whose <c>new</c> flags) look back at them are recomputed too.
    /// </summary>
    /// <remarks>
    /// With <paramref name="summed"/> (the import's one pass), the figures of the years it holds are taken from it as they
    /// are, and only the other years of <paramref name="years"/> are grouped from the stored rows. The caller passes only
    /// years that had no stored return before the import, so that the import's rows are all of those years' rows.
    /// With <paramref name="returnsCommitted"/> (a rebuild: the transaction changed no return), the gazelles are counted on
    /// a connection of their own while this one groups the sums. On SQLite the transaction began IMMEDIATE, so no other
    /// writer can commit before it ends and the committed panel the side connection reads is the one this transaction sees;
    /// on PostgreSQL the side connection adopts the snapshot this transaction exports.
    /// </remarks>
    internal static async Task<AggregateOutcome> RecomputeAsync(GaoxinDb db, IDbContextTransaction transaction, IReadOnlyCollection<int>? years,
        GazelleCounting? gazelles, CancellationToken cancellationToken, ZoneYearSums? summed = null, bool returnsCommitted = false)
    {
        if (years is { Count: 0 }) return new AggregateOutcome(0, 0);
        var connection = db.Database.GetDbConnection();
        var tx = transaction.GetDbTransaction();
        var sqlite = db is SqliteGaoxinDb;
        var filter = years is null ? "" : $" WHERE year IN ({string.Join(",", years.Select(y => y.ToString(CultureInfo.InvariantCulture)))})";
        var timings = StartupTimings.Start();
        var stored = await StoredYearsAsync(connection, tx, cancellationToken);
        Task<IReadOnlyList<Dictionary<(string Zone, int Year), int[]>>>? counting = null;
        if (gazelles is not null && returnsCommitted)
        {
            if (connection is SqliteConnection { DataSource: var file } && File.Exists(file))
                counting = Task.Run(() => Gazelles.CountFile(file, Classifiers(gazelles), AffectedYears(stored, years, gazelles), cancellationToken), cancellationToken);
            else if (!sqlite && db.Database.GetConnectionString() is { } server)
            {
                var snapshot = await ExportSnapshotAsync(connection, tx, cancellationToken);
                counting = Task.Run(() => Gazelles.CountSnapshotAsync(server, snapshot, Classifiers(gazelles), AffectedYears(stored, years, gazelles), cancellationToken),
                    cancellationToken);
            }
        }

        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = tx;
            delete.CommandText = "DELETE FROM enterprise_aggregates" + filter;
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        var figures = new List<(string Zone, int Year, string Element, decimal Value)>();
        var zoneYears = 0;
        if (summed is not null)
        {
            foreach (var ((zone, year), sums) in summed.Sums)
            {
                zoneYears++;
                for (var i = 0; i < Definitions.Count; i++)
                    if (sums[i] is { } sum) figures.Add((zone, year, Definitions[i].Element, Math.Round(sum / Definitions[i].Divisor, 6)));
            }
        }
        var grouped = years?.Where(y => summed is null || !summed.Years.Contains(y)).ToList();
        var groupFilter = grouped is null ? "" : $" WHERE year IN ({string.Join(",", grouped.Select(y => y.ToString(CultureInfo.InvariantCulture)))})";

        // One pass over the rows: every figure of a zone-year from the same GROUP BY, read from the covering index
        // IX_enterprise_returns_zone_figures (year, zone_code and the summed columns) in its order, so that neither the
        // wide rows nor a sort are touched (docs/adr/0012-panel-store.md).
        var select = "SELECT zone_code, year, " + string.Join(", ", Definitions.Select(d => sqlite ? d.Sqlite : d.Postgres))
            + " FROM enterprise_returns" + groupFilter + " GROUP BY year, zone_code";
        if (grouped is not { Count: 0 })
        await using (var query = connection.CreateCommand())
        {
            query.Transaction = tx;
            query.CommandText = select;
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                zoneYears++;
                var zone = reader.GetString(0);
                var year = reader.GetInt32(1);
                for (var i = 0; i < Definitions.Count; i++)
                {
                    if (await reader.IsDBNullAsync(i + 2, cancellationToken)) continue; // nobody reported it: no figure, not 0
                    var raw = reader.GetValue(i + 2) switch
                    {
                        double d => (decimal)d,
                        var other => Convert.ToDecimal(other, CultureInfo.InvariantCulture),
                    };
                    figures.Add((zone, year, Definitions[i].Element, Math.Round(raw / Definitions[i].Divisor, 6)));
                }
            }
        }

        timings?.Mark(summed is null ? "aggregates: GROUP BY" : "aggregates: the import's sums, GROUP BY of the other years");
        if (gazelles is not null) figures.AddRange(await GazelleFiguresAsync(connection, tx, sqlite, stored, years, gazelles, counting, cancellationToken));

        timings?.Mark(gazelles is null ? "aggregates: figures gathered" : "aggregates: gazelle counts");
        await InsertAsync(connection, tx, figures, cancellationToken);
        // Written by raw SQL, not the save: the version is raised here, in the same transaction, so that every cached page
        // showing these figures reloads at its next request.
        await StoreVersion.RaiseAsync(connection, tx, cancellationToken);
        timings?.Mark("aggregates: inserted");
        return new AggregateOutcome(zoneYears, figures.Count);
    }

    /// <summary>
    /// The stored years whose gazelle counts a change of <paramref name="years"/> (null: all) can change: each year, the
    /// look-back years after it (their classification reads it) and one more (its <c>new</c> flags read the last of those).
    /// </summary>
    private static List<int> AffectedYears(IReadOnlyList<int> stored, IReadOnlyCollection<int>? years, GazelleCounting gazelles)
    {
        var reach = Math.Max(gazelles.ByYear.LookBack, gazelles.National?.LookBack ?? 0) + 1;
        return stored.Where(y => years is null || years.Any(changed => y >= changed && y <= changed + reach)).Order().ToList();
    }

    /// <summary>Each year's own rule set, and the national one where it is counted too.</summary>
    private static GazelleClassifier[] Classifiers(GazelleCounting gazelles) =>
        gazelles.National is { } national ? [gazelles.ByYear, national] : [gazelles.ByYear];

    /// <summary>The PostgreSQL snapshot of the open transaction, for a side connection to read the same committed rows.</summary>
    private static async Task<string> ExportSnapshotAsync(DbConnection connection, DbTransaction tx, CancellationToken cancellationToken)
    {
        await using var export = connection.CreateCommand();
        export.Transaction = tx;
        export.CommandText = "SELECT pg_export_snapshot()";
        return (string)(await export.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The gazelle counts of the years whose counts an import of <paramref name="years"/> (null: all) can change — each year,
    /// the look-back years after it (their classification reads it) and one more (its <c>new</c> flags read the last of
    /// those), where they have returns — after deleting their old counts. One streaming pass over the panel of those years
    /// (<see cref="Gazelles"/>), classified by each year's rule set and by the national one; every zone with a return in a
    /// year gets a count, zeros too.
    /// </summary>
    private static async Task<List<(string Zone, int Year, string Element, decimal Value)>> GazelleFiguresAsync(DbConnection connection, DbTransaction tx,
        bool sqlite, IReadOnlyList<int> stored, IReadOnlyCollection<int>? years, GazelleCounting gazelles,
        Task<IReadOnlyList<Dictionary<(string Zone, int Year), int[]>>>? counting, CancellationToken cancellationToken)
    {
        var affected = AffectedYears(stored, years, gazelles);
        var result = new List<(string, int, string, decimal)>();
        if (affected.Count == 0) return result;

        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = tx;
            delete.CommandText = "DELETE FROM enterprise_aggregates WHERE element IN ("
                + string.Join(",", Gazelles.Figures.Select(f => $"'{f.Element}'")) + ") AND year IN ("
                + string.Join(",", affected.Select(y => y.ToString(CultureInfo.InvariantCulture))) + ")";
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        var counts = counting is not null
            ? await counting
            : await Gazelles.CountAsync(connection, tx, sqlite, Classifiers(gazelles), affected[0], affected[^1], cancellationToken);
        var wanted = affected.ToHashSet();
        foreach (var ((zone, year), c) in counts[0].Where(c => wanted.Contains(c.Key.Year)).OrderBy(c => c.Key.Year).ThenBy(c => c.Key.Zone, StringComparer.Ordinal))
        {
            result.Add((zone, year, "gazelles", c[1]));
            result.Add((zone, year, "gazelles_new", c[2]));
            result.Add((zone, year, "unicorns", c[3]));
            // Both classifications see the same rows, so every zone-year of the one is in the other.
            if (counts.Count > 1) result.Add((zone, year, "gazelles_new_national", counts[1][(zone, year)][2]));
        }
        return result;
    }

    /// <summary>Those of <paramref name="years"/> that have no stored return: one index seek each, in the caller's transaction.</summary>
    internal static async Task<IReadOnlyList<int>> YearsWithoutReturnsAsync(GaoxinDb db, IDbContextTransaction transaction, IEnumerable<int> years,
        CancellationToken cancellationToken)
    {
        var empty = new List<int>();
        await using var query = db.Database.GetDbConnection().CreateCommand();
        query.Transaction = transaction.GetDbTransaction();
        query.CommandText = "SELECT 1 FROM enterprise_returns WHERE year = @year LIMIT 1";
        var parameter = Parameter(query, "@year");
        foreach (var year in years.Order())
        {
            parameter.Value = year;
            if (await query.ExecuteScalarAsync(cancellationToken) is null) empty.Add(year);
        }
        return empty;
    }

    /// <summary>
    /// The years that have returns, ascending. One index seek per year (the next year above the last) instead of reading
    /// the whole (year, zone_code) index as <c>SELECT DISTINCT year</c> does; the same SQL on both providers.
    /// </summary>
    private static async Task<List<int>> StoredYearsAsync(DbConnection connection, DbTransaction tx, CancellationToken cancellationToken)
    {
        var stored = new List<int>();
        await using var query = connection.CreateCommand();
        query.Transaction = tx;
        query.CommandText = """
            WITH RECURSIVE stored(year) AS (
                SELECT MIN(year) FROM enterprise_returns
                UNION ALL
                SELECT (SELECT MIN(r.year) FROM enterprise_returns r WHERE r.year > stored.year) FROM stored WHERE stored.year IS NOT NULL)
            SELECT year FROM stored WHERE year IS NOT NULL
            """;
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) stored.Add(reader.GetInt32(0));
        return stored;
    }

    /// <summary>
    /// Writes the figures into <c>enterprise_aggregates</c>. On PostgreSQL 500 rows per statement: one statement per figure
    /// was 25,200 round trips for a national rebuild. SQLite has no round trip to save, and binds parameters by name with a
    /// search through the statement's parameters, so a wide statement would cost more than it saves: one row each there.
    /// </summary>
    private static async Task InsertAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<(string Zone, int Year, string Element, decimal Value)> figures,
        CancellationToken cancellationToken)
    {
        var batch = connection is SqliteConnection ? 1 : 500;
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < figures.Count; start += batch)
            {
                var count = Math.Min(batch, figures.Count - start);
                // Every full batch reuses one prepared statement; the last, shorter one has its own.
                var insert = count == batch && full is not null ? full : BatchInsert(connection, tx, count);
                if (count == batch) full = insert;
                for (var i = 0; i < count; i++)
                {
                    var (zone, year, element, value) = figures[start + i];
                    insert.Parameters[4 * i].Value = zone;
                    insert.Parameters[4 * i + 1].Value = year;
                    insert.Parameters[4 * i + 2].Value = element;
                    insert.Parameters[4 * i + 3].Value = value;
                }
                await insert.ExecuteNonQueryAsync(cancellationToken);
                if (insert != full) await insert.DisposeAsync();
            }
        }
        finally
        {
            if (full is not null) await full.DisposeAsync();
        }
    }

    private static DbCommand BatchInsert(DbConnection connection, DbTransaction tx, int rows)
    {
        var insert = connection.CreateCommand();
        insert.Transaction = tx;
        var values = new StringBuilder("INSERT INTO enterprise_aggregates (zone_code, year, element, value) VALUES ");
        for (var i = 0; i < rows; i++)
        {
            if (i > 0) values.Append(", ");
            values.Append(CultureInfo.InvariantCulture, $"(@z{i}, @y{i}, @e{i}, @v{i})");
            Parameter(insert, $"@z{i}");
            Parameter(insert, $"@y{i}");
            Parameter(insert, $"@e{i}");
            Parameter(insert, $"@v{i}");
        }
        insert.CommandText = values.ToString();
        return insert;
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>The unit of every figure kept in <c>enterprise_aggregates</c>, by its code.</summary>
    public static IReadOnlyDictionary<string, string> Units { get; } =
        Definitions.Select(d => (d.Element, d.Unit)).Concat(Gazelles.Figures.Select(f => (f.Element, "家"))).ToDictionary(x => x.Item1, x => x.Item2);

    /// <summary>
    /// The aggregates as data values for the data elements they fill: only codes the data set has as a zone element,
    /// and only where the units agree (an element whose unit the office changed is not filled with the wrong scale).
    /// The gazelle counts fill the elements named in <see cref="Gazelles.Figures"/> (new gazelles under the national rule set
    /// → <c>n21_new_gazelles</c>).
    /// </summary>
    public static async Task<List<DataValue>> ValuesAsync(GaoxinDb db, DataSetDefinition set, IReadOnlyCollection<int> years, CancellationToken cancellationToken)
    {
        var yearList = years.ToArray();
        var fills = Units.Keys.ToDictionary(code => code, code => Gazelles.Figures.FirstOrDefault(f => f.Element == code)?.Fills ?? code);
        var elements = set.Elements.Where(e => !e.ProvinceLevel).ToDictionary(e => e.Code);
        var fillable = fills.Where(f => elements.TryGetValue(f.Value, out var e) && e.Unit == Units[f.Key]).Select(f => f.Key).ToList();
        if (fillable.Count == 0 || yearList.Length == 0) return [];
        var rows = await db.EnterpriseAggregates.AsNoTracking()
            .Where(a => yearList.Contains(a.Year) && fillable.Contains(a.Element)).ToListAsync(cancellationToken);
        return rows.Select(a => new DataValue(a.ZoneCode, a.Year, fills[a.Element], a.Value)).ToList();
    }
}

/// <summary>
/// The zone-year figures of <see cref="EnterpriseAggregates.Definitions"/> summed while an import reads its rows, exactly
/// (decimal), one array of running sums per zone-year: bounded by zones × years, not by rows.
/// </summary>
internal sealed class ZoneYearSums
{
    private (string Zone, int Year) lastKey;
    private decimal?[]? last;

    /// <summary>The running sums, in the order of <see cref="EnterpriseAggregates.Definitions"/>; null where no row gave a value.</summary>
    public Dictionary<(string Zone, int Year), decimal?[]> Sums { get; } = [];

    /// <summary>The years whose figures are all in <see cref="Sums"/> (set by the caller when it keeps only some years).</summary>
    public HashSet<int> Years { get; private set; } = [];

    /// <summary>Adds a valid row.</summary>
    public void Add(ReturnRow row)
    {
        var key = (row.Zone, row.Year);
        if (last is null || lastKey != key)
        {
            if (!Sums.TryGetValue(key, out last)) Sums[key] = last = new decimal?[EnterpriseAggregates.Definitions.Count];
            lastKey = key;
        }
        var definitions = EnterpriseAggregates.Definitions;
        for (var i = 0; i < definitions.Count; i++)
            if (definitions[i].FromRow(row) is { } value) last[i] = (last[i] ?? 0m) + value;
    }

    /// <summary>The sums of <paramref name="years"/> only.</summary>
    public ZoneYearSums Only(IEnumerable<int> years)
    {
        var kept = new ZoneYearSums { Years = years.ToHashSet() };
        foreach (var (key, sums) in Sums)
            if (kept.Years.Contains(key.Year)) kept.Sums[key] = sums;
        return kept;
    }
}
