using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Gaoxin.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gaoxin.Tests.Support;

/// <summary>
/// Every table of a store as its row count and a checksum of its rows (SHA-256 over the rows, each row its values in column
/// order, the rows sorted), read with plain SQL so nothing of the application's model comes between.
/// </summary>
public static partial class StoreSnapshot
{
    /// <summary>
    /// Left out: the data-protection keys, which a server writes into the store when it first starts (random key material, not
    /// the work being compared), with their row of <c>sqlite_sequence</c>.
    /// </summary>
    private const string ServerKeys = "data_protection_keys";

    /// <summary>Every table, every column, exactly.</summary>
    public static Task<SortedDictionary<string, string>> ExactAsync(DatabaseLocation location) => TakeAsync(location, normalize: false);

    /// <summary>
    /// Every table with what differs between two runs of the same work on equal stores left out: integer keys and the integer
    /// columns naming them (a PostgreSQL sequence is not rolled back, so a killed run moves the next id on), times, batch ids
    /// and the random part of generated ids, also where a text names a row by its key (<c>market-demand:17</c>).
    /// </summary>
    public static Task<SortedDictionary<string, string>> NormalizedAsync(DatabaseLocation location) => TakeAsync(location, normalize: true);

    /// <summary>The tables whose count or checksum differ between two snapshots.</summary>
    public static List<string> Differences(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Keys.Union(b.Keys).Order(StringComparer.Ordinal)
            .Where(t => !a.TryGetValue(t, out var x) || !b.TryGetValue(t, out var y) || x != y)
            .Select(t => $"{t} ({(a.TryGetValue(t, out var x) ? x[..x.IndexOf(':')] : "absent")} → {(b.TryGetValue(t, out var y) ? y[..y.IndexOf(':')] : "absent")} rows)")
            .ToList();

    private static async Task<SortedDictionary<string, string>> TakeAsync(DatabaseLocation location, bool normalize)
    {
        await using var connection = Open(location);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = location.Provider == DatabaseProvider.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables.Where(t => t != ServerKeys))
        {
            var rows = new List<string>();
            await using var select = connection.CreateCommand();
            select.CommandText = table == "sqlite_sequence" ? $"SELECT * FROM sqlite_sequence WHERE name <> '{ServerKeys}'" : $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    if (normalize && Volatile(reader.GetName(i), value)) continue;
                    var text = Text(value);
                    row.Append(reader.GetName(i)).Append('=').Append(normalize ? Normalize(text) : text).Append('\u001f');
                }
                rows.Add(row.ToString());
            }
            rows.Sort(StringComparer.Ordinal);
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', rows)));
            snapshot[table] = $"{rows.Count}:{Convert.ToHexString(hash)[..16]}";
        }
        return snapshot;
    }

    private static DbConnection Open(DatabaseLocation location) => location.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnection(new SqliteConnectionStringBuilder(location.ConnectionString) { Pooling = false }.ToString())
        : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(location.ConnectionString) { Pooling = false }.ToString());

    private static bool Volatile(string column, object value) =>
        value is DateTime or DateTimeOffset
        || (value is long or int or short && (column == "id" || column.EndsWith("_id", StringComparison.Ordinal)));

    private static string Text(object value) => value switch
    {
        DBNull => "∅",
        byte[] bytes => Convert.ToBase64String(bytes),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        string s => s,
        Array array => "[" + string.Join(",", array.Cast<object>().Select(Text)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Normalize(string text) => CaseNumber().Replace(IdReference().Replace(Hex().Replace(Time().Replace(text, "<time>"), "<hex>"), "$1:<id>"), "案件 <id>");

    // A row named by its integer key inside a text (the audit's element market-demand:17, a notification's link /cases/17): the key,
    // like the id columns, moves on.
    [GeneratedRegex(@"\b([a-z][a-z_-]*)[:/]\d+\b")]
    private static partial Regex IdReference();

    // A case named by its number in a notification's title (整改案件 17 已立案).
    [GeneratedRegex(@"案件 ?\d+")]
    private static partial Regex CaseNumber();

    // A time stored as text (SQLite): 2026-12-05 12:40:00.1234567+00:00, or with a T.
    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)?")]
    private static partial Regex Time();

    // Batch ids (a time and 8 hex digits, or 16 hex digits) and the random part of item ids (8 hex digits).
    [GeneratedRegex(@"\b(\d{14}-)?[0-9a-f]{8,}\b")]
    private static partial Regex Hex();
}
