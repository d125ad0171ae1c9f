using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gaoxin.Bench.Workloads;

/// <summary>
/// What the platform and a peer produced, read back and compared (not timed): the rows of two stores (W1), the zone-year
/// figures (W2, W3) and the gazelle listing (W5). Every comparison returns the first differences, none when equal.
/// </summary>
public static class Outputs
{
    private const int Shown = 10;

    // ── W1: the rows two stores hold ──

    /// <summary>Row counts and order-independent checksums of a store's <c>enterprise_returns</c> and <c>enterprises</c>.</summary>
    public sealed record StoreDigest(long Returns, ulong ReturnsSum, long Enterprises, ulong EnterprisesSum)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Returns:N0} returns (checksum {ReturnsSum:x16}), {Enterprises:N0} enterprises (checksum {EnterprisesSum:x16})");
    }

    /// <summary>
    /// Counts and sums a hash of every row: for the returns the credit code, year, zone and every numeric column (the further
    /// figures of <c>extra</c> by code), numbers compared by value (1.50 = 1.5, whatever type the store keeps them in); for the
    /// registry the credit code, name, zone, industry, registration date, listed and latest year.
    /// </summary>
    public static StoreDigest Digest(string database)
    {
        using var connection = OpenStore(database);
        var (returns, returnsSum) = Sum(connection, """
            SELECT credit_code, year, zone_code, is_hte, revenue, employees, st_employees, rd_expense, st_expense, high_tech_revenue,
                   net_assets, exports, vc_received, valuation_usd_m, listed, extra FROM enterprise_returns
            """);
        var (enterprises, enterprisesSum) = Sum(connection,
            "SELECT credit_code, name, zone_code, industry, CAST(registered_on AS TEXT) AS registered_on, listed, latest_year FROM enterprises");
        return new StoreDigest(returns, returnsSum, enterprises, enterprisesSum);
    }

    /// <summary>A store to read back: a PostgreSQL connection string, or a SQLite file opened read-only.</summary>
    private static DbConnection OpenStore(string database)
    {
        DbConnection connection = database.StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
            ? new NpgsqlConnection(database)
            : new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    private static (long Count, ulong Sum) Sum(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        long count = 0;
        ulong sum = 0;
        var text = new StringBuilder();
        while (reader.Read())
        {
            text.Clear();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                text.Append(i == 0 ? "" : "|");
                if (reader.IsDBNull(i)) continue;
                var name = reader.GetName(i);
                var value = reader.GetValue(i);
                if (name == "extra") Extra(text, value.ToString()!);
                else if (name is "credit_code" or "zone_code" or "name" or "industry" or "registered_on") text.Append(value);
                else text.Append(Number(value));
            }
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
            unchecked { sum += BitConverter.ToUInt64(hash, 0); }
            count++;
        }
        return (count, sum);
    }

    private static void Extra(StringBuilder text, string json)
    {
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
            text.Append(property.Name).Append('=').Append(Number(property.Value.GetDecimal())).Append(';');
    }

    /// <summary>A number by value: the same text for 1.50, "1.5", 1.5m, true (1).</summary>
    private static string Number(object value) => value switch
    {
        bool b => b ? "1" : "0",
        string s => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("0.############################", CultureInfo.InvariantCulture),
        decimal d => d.ToString("0.############################", CultureInfo.InvariantCulture),
        double d => ((decimal)d).ToString("0.############################", CultureInfo.InvariantCulture),
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString("0.############################", CultureInfo.InvariantCulture),
    };

    public static List<string> Compare(StoreDigest platform, StoreDigest peer) =>
        platform == peer ? [] : [$"platform store: {platform}", $"peer store: {peer}"];

    // ── W2, W3: zone-year figures ──

    /// <summary>The figures the platform keeps in <c>enterprise_aggregates</c> (of <paramref name="year"/>, or all).</summary>
    public static Dictionary<(string Zone, int Year, string Element), decimal> PlatformFigures(string database, int? year = null)
    {
        using var connection = OpenStore(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT zone_code, year, element, value FROM enterprise_aggregates" + (year is { } y ? $" WHERE year = {y}" : "");
        using var reader = command.ExecuteReader();
        var figures = new Dictionary<(string, int, string), decimal>();
        while (reader.Read())
            figures[(reader.GetString(0), reader.GetInt32(1), reader.GetString(2))] = reader.GetValue(3) switch
            {
                string text => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), // SQLite keeps decimals as text
                var number => Convert.ToDecimal(number, CultureInfo.InvariantCulture),
            };
        return figures;
    }

    /// <summary>The figures a peer printed (zone TAB year TAB element TAB value).</summary>
    public static Dictionary<(string Zone, int Year, string Element), decimal> PeerFigures(string output)
    {
        var figures = new Dictionary<(string, int, string), decimal>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = line.Split('\t');
            if (f.Length != 4) continue;
            figures[(f[0], int.Parse(f[1], CultureInfo.InvariantCulture), f[2])] = decimal.Parse(f[3], NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return figures;
    }

    /// <summary>
    /// Every zone-year-element of either side, with its value on both. Values are the platform's (rounded to 6 decimals in
    /// the zone's unit); they may differ by one unit in the sixth decimal, no more, where the sums of doubles were added in
    /// another order.
    /// </summary>
    public static List<string> Compare(IReadOnlyDictionary<(string Zone, int Year, string Element), decimal> platform,
        IReadOnlyDictionary<(string Zone, int Year, string Element), decimal> peer)
    {
        var differences = new List<string>();
        var total = 0;
        foreach (var key in platform.Keys.Union(peer.Keys).OrderBy(k => k.Year).ThenBy(k => k.Zone, StringComparer.Ordinal).ThenBy(k => k.Element, StringComparer.Ordinal))
        {
            var has = platform.TryGetValue(key, out var a);
            var other = peer.TryGetValue(key, out var b);
            if (has && other && Math.Abs(a - b) <= 0.000001m) continue;
            total++;
            if (differences.Count < Shown)
                differences.Add($"{key.Zone} {key.Year} {key.Element}: platform {(has ? a.ToString(CultureInfo.InvariantCulture) : "none")}, peer {(other ? b.ToString(CultureInfo.InvariantCulture) : "none")}");
        }
        if (total > differences.Count) differences.Add($"… {total - differences.Count} more of {platform.Count:N0} platform and {peer.Count:N0} peer figures");
        return differences;
    }

    // ── W5: the gazelle listing ──

    public sealed record Listed(string CreditCode, string Name, string Zone, string Kind, bool New, string Routes)
    {
        public override string ToString() => $"{CreditCode} {Name} {Zone} {Kind}{(New ? " new" : "")} [{Routes}]";
    }

    /// <summary>The listing of <c>gaoxin gazelles --format json</c>.</summary>
    public static List<Listed> PlatformListing(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("enterprises").EnumerateArray().Select(e => new Listed(
            e.GetProperty("credit_code").GetString()!, e.GetProperty("name").GetString()!, e.GetProperty("zone").GetString()!,
            e.GetProperty("kind").GetString()!, e.GetProperty("new").GetBoolean(),
            string.Join(",", e.GetProperty("routes").EnumerateArray().Select(r => r.GetString())))).ToList();
    }

    /// <summary>The listing a peer printed (credit_code TAB name TAB zone TAB kind TAB new TAB routes).</summary>
    public static List<Listed> PeerListing(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split('\t')).Where(f => f.Length == 6)
            .Select(f => new Listed(f[0], f[1], f[2], f[3], f[4] == "1", f[5])).ToList();

    public static List<string> Compare(IReadOnlyList<Listed> platform, IReadOnlyList<Listed> peer)
    {
        var a = platform.ToDictionary(l => l.CreditCode);
        var b = peer.ToDictionary(l => l.CreditCode);
        var differences = new List<string>();
        var total = 0;
        foreach (var code in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            a.TryGetValue(code, out var x);
            b.TryGetValue(code, out var y);
            if (x == y) continue;
            total++;
            if (differences.Count < Shown) differences.Add($"{code}: platform {x?.ToString() ?? "not listed"}; peer {y?.ToString() ?? "not listed"}");
        }
        if (total > differences.Count) differences.Add($"… {total - differences.Count} more of {platform.Count:N0} platform and {peer.Count:N0} peer listings");
        return differences;
    }
}
