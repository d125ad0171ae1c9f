using System.Diagnostics;
using System.Text;
using Gaoxin.Core.Demo;

namespace Gaoxin.Bench.Support;

/// <summary>A generated data set on disk (the files of <c>gaoxin demo generate</c>).</summary>
public sealed record Dataset(string Folder, NationalOptions Options, long Rows)
{
    public string Enterprises => Path.Combine(Folder, "enterprises.csv");
    public string Policies => Path.Combine(Folder, "policies.jsonl");
    public string ZoneValues => Path.Combine(Folder, "zone-values.csv");
    public string Zones => Path.Combine(Folder, "zones.csv");
}

/// <summary>
/// Generates the benchmark data once per size and seed (kept under artifacts/bench and reused while the options
/// match), with the same generator as <c>gaoxin demo generate</c>.
/// </summary>
public static class Datasets
{
    /// <summary>One year of returns (W1, W2) and the policy documents (W7).</summary>
    public static Dataset Year(Size size) => Get($"{size.Name}-year",
        new NationalOptions(size.Enterprises, 1, size.Zones, Size.Seed, size.Policies, Size.LastYear));

    /// <summary>The ten-year panel (W3, W5).</summary>
    public static Dataset Panel(Size size) => Get($"{size.Name}-panel",
        new NationalOptions(size.PanelEnterprises, size.PanelYears, size.Zones, Size.Seed, 0, Size.LastYear));

    /// <summary>Any other shape (the growth curve).</summary>
    public static Dataset Get(string name, NationalOptions options)
    {
        var folder = Path.Combine(Paths.Data, name);
        var stamp = Path.Combine(folder, "options.txt");
        if (File.Exists(stamp) && File.ReadAllText(stamp).Split('\n') is [var o, var rows, ..] && o == options.ToString())
            return new Dataset(folder, options, long.Parse(rows));
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var clock = Stopwatch.StartNew();
        Console.Write($"  generating {name}: {options.Enterprises:N0} enterprises × {options.Years} year(s), {options.Zones} zones … ");
        long count = 0;
        Write(folder, "zones.csv", w => NationalGenerator.WriteZones(w, options));
        Write(folder, "zone-values.csv", w => NationalGenerator.WriteZoneValues(w, options));
        Write(folder, "enterprises.csv", w => count = NationalGenerator.WriteEnterprises(w, options));
        Write(folder, "policies.jsonl", w => NationalGenerator.WritePolicies(w, options));
        Write(folder, "README.txt", w => w.Write(NationalGenerator.Readme(options, count)));
        File.WriteAllText(stamp, $"{options}\n{count}\n");
        Console.WriteLine($"{count:N0} rows in {clock.Elapsed.TotalSeconds:0.0} s");
        return new Dataset(folder, options, count);
    }

    private static void Write(string folder, string name, Action<TextWriter> write)
    {
        using var stream = new FileStream(Path.Combine(folder, name), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        write(writer);
    }

    /// <summary>A fresh path for a scratch database (deleted with its WAL files if present).</summary>
    public static string Scratch(string name)
    {
        var path = Path.Combine(Paths.Data, "db", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        foreach (var suffix in new[] { "", "-wal", "-shm", ".wal" })
            if (File.Exists(path + suffix)) File.Delete(path + suffix);
        return path;
    }

    /// <summary>
    /// Makes a platform store ready for the generated returns: creates and migrates it, registers the generated zones
    /// (<c>gaoxin zones import</c>), then registers
    /// the generator's further numeric columns f01…f82 as enterprise data elements, as an office would before its first import, so
    /// that the import validates and keeps them. Not timed.
    /// </summary>
    public static string PrepareStore(string database, string zonesCsv)
    {
        var init = Child.Gaoxin("zones", "import", zonesCsv, "--date", "2000-01-01", "--act", "synthetic benchmark zones", "--db", database);
        if (init.ExitCode != 0) throw new InvalidOperationException($"gaoxin zones import: {init.Describe()}");
        var postgres = database.StartsWith("Host=", StringComparison.OrdinalIgnoreCase);
        using System.Data.Common.DbConnection connection = postgres ? new Npgsql.NpgsqlConnection(database) : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        for (int i = 1; i <= 82; i++)
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            var code = $"f{i:D2}";
            insert.CommandText = "INSERT INTO data_elements (code, ordinal, name, name_en, unit, type, min, max, province_level, added_by_office, \"group\", derived) " +
                $"VALUES ('{code}', {1000 + i}, '企业年报字段{i:D2}(合成)', 'Return field {i:D2} (synthetic)', '万元', 'Number', 0, NULL, {(postgres ? "false" : "0")}, {(postgres ? "true" : "1")}, 'enterprise-return', NULL) " +
                "ON CONFLICT (code) DO NOTHING";
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        return database;
    }
}
