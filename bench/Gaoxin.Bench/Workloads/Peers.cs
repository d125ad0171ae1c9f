using DuckDB.NET.Data;

namespace Gaoxin.Bench.Workloads;

/// <summary>
/// DuckDB for the peers of W2, W3 and W5 (Workloads/PeerProcess.cs): opening a database, reading the generated CSV, and the
/// ten-year panel kept in DuckDB's own table. Written the way DuckDB's documentation recommends for bulk work, so the peers
/// are fair and strong baselines.
/// </summary>
public static class Peers
{
    public static DuckDBConnection OpenDuckDb(string? file = null)
    {
        var connection = new DuckDBConnection(file is null ? "Data Source=:memory:" : $"Data Source={file}");
        connection.Open();
        return connection;
    }

    /// <summary>DuckDB's CSV reader over the file, every column, types detected.</summary>
    public static string ReadCsv(string csv) => $"read_csv('{csv.Replace("'", "''")}', header = true, delim = ',', quote = '\"')";

    public static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// A DuckDB database holding the panel in its own table <c>returns</c> (loaded once, kept beside the data set as
    /// <c>panel.duckdb</c>; not timed).
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
}
