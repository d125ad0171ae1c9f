using Gaoxin.Bench.Support;

namespace Gaoxin.Bench.Workloads;

/// <summary>
/// W5: gazelle (瞪羚) and unicorn identification of the last year over the ten-year panel:
/// <c>gaoxin gazelles --year Y --format json --db PATH</c> against DuckDB SQL with window functions over its own stored table
/// (<c>Gaoxin.Bench peer w5</c>, Workloads/GazelleSql.cs), both whole processes; the two listings must be equal.
/// </summary>
public static class Gazelles
{
    public static void Run(Size size, Report report)
    {
        var panel = Datasets.Panel(size);
        var year = panel.Options.LastYear.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var label = $"W5 gazelles {year} over {panel.Options.Enterprises:N0} enterprises × {panel.Options.Years} years ({panel.Rows:N0} rows)";
        var (database, status) = Aggregates.PlatformPanel(panel);
        Figure? platform = null;
        ChildResult? platformRun = null;
        if (database is not null)
            (platform, status, platformRun) = Timed.Measure("platform", panel.Rows, "rows/s", "gaoxin gazelles --format json",
                () => Child.Gaoxin("gazelles", "--year", year, "--format", "json", "--db", database));

        Peers.PanelTable(panel.Enterprises).Dispose(); // loaded once (not timed)
        var duck = Path.Combine(panel.Folder, "panel.duckdb");
        var (peer, peerStatus, peerRun) = Timed.Measure("peer", panel.Rows, "rows/s", "DuckDB SQL with window functions over its stored table",
            () => Child.Peer("w5", duck, year));
        List<Outputs.Listed>? listing = null;
        var row = Ingest.Compared(label, size, platform, peer, "≥ 1× DuckDB", 1, status ?? peerStatus, () =>
        {
            listing = Outputs.PlatformListing(platformRun!.Output);
            return Outputs.Compare(listing, Outputs.PeerListing(peerRun!.Output));
        });
        if (listing is not null)
            row = row with
            {
                Note = $"{listing.Count(l => l.Kind == "gazelle"):N0} gazelles, {listing.Count(l => l.Kind == "unicorn"):N0} unicorns listed",
            };
        report.Add(row);

        // The same listing from the panel in a PostgreSQL store, against the same DuckDB peer's runs.
        if (PostgresStores.FromEnvironment() is not { } postgres) return;
        var (connection, pgStatus) = postgres.Panel(panel, size.Name);
        Figure? onPostgres = null;
        ChildResult? pgRun = null;
        if (connection is not null)
            (onPostgres, pgStatus, pgRun) = Timed.Measure("platform", panel.Rows, "rows/s", "gaoxin gazelles --format json on PostgreSQL",
                () => Child.Gaoxin("gazelles", "--year", year, "--format", "json", "--db", connection));
        report.Add(Ingest.Compared(label + " (PostgreSQL)", size, onPostgres, peer, "≥ 1× DuckDB", 1, pgStatus ?? peerStatus,
            () => Outputs.Compare(Outputs.PlatformListing(pgRun!.Output), Outputs.PeerListing(peerRun!.Output))));
    }
}
