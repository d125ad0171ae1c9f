using Gaoxin.Bench.Support;

namespace Gaoxin.Bench.Workloads;

/// <summary>
/// W3: rebuild the zone-year aggregates from the stored panel (≈ 2 M enterprise-years at national size):
/// <c>gaoxin enterprises aggregate --db PATH</c> over a database the platform filled (import untimed) against
/// DuckDB's GROUP BY over the same rows in its own table.
/// </summary>
public static class Aggregates
{
    /// <summary>The platform store holding the panel (imported once per run; null with the status when that failed).</summary>
    public static (string? Database, string? Status) PlatformPanel(Dataset panel)
    {
        var database = Path.Combine(panel.Folder, "platform.db");
        var stamp = database + ".ok";
        if (File.Exists(stamp) && File.Exists(database)) return (database, null);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(database + suffix)) File.Delete(database + suffix);
        Datasets.PrepareStore(database, panel.Zones);
        var import = Child.Gaoxin("enterprises", "import", panel.Enterprises, "--db", database);
        if (Ingest.StatusOf(import) is { } status) return (null, status);
        File.WriteAllText(stamp, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"imported in {import.Elapsed.TotalSeconds:0.0} s\n"));
        return (database, null);
    }

    public static void Run(Size size, Report report)
    {
        var panel = Datasets.Panel(size);
        var label = $"W3 rebuild zone indicators from {panel.Rows:N0} stored enterprise-years";
        var (database, status) = PlatformPanel(panel);
        Figure? platform = null;
        // The rebuild replaces the aggregates with the same figures each time: no fresh copy is needed between runs.
        if (database is not null)
            (platform, status, _) = Timed.Measure("platform", panel.Rows, "rows/s", "gaoxin enterprises aggregate (sums, counts and gazelle counts of every year)",
                () => Child.Gaoxin("enterprises", "aggregate", "--db", database));

        Peers.PanelTable(panel.Enterprises).Dispose(); // the panel in DuckDB's own table, loaded once (not timed)
        var duck = Path.Combine(panel.Folder, "panel.duckdb");
        var (peer, peerStatus, last) = Timed.Measure("peer", panel.Rows, "rows/s",
            "DuckDB over its stored table: GROUP BY zone, year and the gazelle rules with window functions, every year",
            () => Child.Peer("w3", duck));
        report.Add(Ingest.Compared(label, size, platform, peer, "≥ 0.5× DuckDB", 0.5, status ?? peerStatus,
            () => Outputs.Compare(Outputs.PlatformFigures(database!), Outputs.PeerFigures(last!.Output)),
            note: size.Name == "national" && panel.Rows < 2_000_000 ? $"panel is {panel.Rows:N0} rows (enterprises registered within the decade report from then on)" : null));

        // The same rebuild over the panel in a PostgreSQL store, against the same DuckDB peer's runs.
        if (PostgresStores.FromEnvironment() is not { } postgres) return;
        var (connection, pgStatus) = postgres.Panel(panel, size.Name);
        Figure? onPostgres = null;
        if (connection is not null)
            (onPostgres, pgStatus, _) = Timed.Measure("platform", panel.Rows, "rows/s", "gaoxin enterprises aggregate on PostgreSQL (sums, counts and gazelle counts of every year)",
                () => Child.Gaoxin("enterprises", "aggregate", "--db", connection));
        report.Add(Ingest.Compared(label + " (PostgreSQL)", size, onPostgres, peer, "≥ 0.5× DuckDB", 0.5, pgStatus ?? peerStatus,
            () => Outputs.Compare(Outputs.PlatformFigures(connection!), Outputs.PeerFigures(last!.Output))));
    }
}
