using Gaoxin.Core.Collection;
using Gaoxin.Data.Collection;
using Microsoft.EntityFrameworkCore;
using Sylvan.Data.Csv;

namespace Gaoxin.Data.Enterprises;

/// <summary>
/// Keeps a zone operator's upload of enterprise returns to their own zone. Before the import runs, the file's <c>zone</c>
/// column is read once and every row naming another zone is reported at its row and column; the file is then refused
/// whole. This is a permission check only: the file's validity (unknown zones, a missing column, bad quoting…) is left to
/// <see cref="EnterpriseImport"/>, which reads the file afterwards with the same CSV options and row numbers.
/// </summary>
public static class EnterpriseUploadScope
{
    /// <summary>The problem code of a row that names a zone other than the uploader's, as the data import's.</summary>
    public const string NotYours = "unit_not_yours";

    /// <summary>
    /// The rows of <paramref name="stream"/> that name a known zone other than <paramref name="zone"/> (at most
    /// <see cref="EnterpriseImport.MaxProblems"/>, in file order) and how many there are in all. Leaves the stream open.
    /// </summary>
    public static async Task<(IReadOnlyList<DataProblem> Problems, int Count)> OtherZoneRowsAsync(GaoxinDb db, Stream stream, string fileName, string zone,
        CancellationToken cancellationToken)
    {
        var zones = await db.Zones.AsNoTracking().Select(z => new { z.Code, z.Name }).ToListAsync(cancellationToken);
        // The same lookup as the import: a zone by its code or its Chinese name, case aside.
        var lookup = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var z in zones) lookup.TryAdd(z.Code, z.Code);
        foreach (var z in zones) lookup.TryAdd(z.Name, z.Code);

        var problems = new List<DataProblem>();
        var count = 0;
        try
        {
            using var text = CsvText.Open(stream);
            using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = false, Delimiter = ',', Comment = '\0' });
            var column = -1;
            var width = 0;
            while (column < 0)
            {
                if (!csv.Read()) return (problems, 0);
                width = csv.RowFieldCount;
                var header = Enumerable.Range(0, width).Select(csv.GetString).ToArray();
                if (header.All(string.IsNullOrWhiteSpace)) continue;
                column = Array.FindIndex(header, h => ImportRules.Clean(h).Equals("zone", StringComparison.OrdinalIgnoreCase));
                if (column < 0) return (problems, 0); // the import reports the missing column
            }
            while (csv.Read())
            {
                if (csv.RowFieldCount != width) continue; // the import reports the row
                var named = ImportRules.Clean(csv.GetString(column));
                if (!lookup.TryGetValue(named, out var code) || code == zone) continue;
                count++;
                if (problems.Count < EnterpriseImport.MaxProblems)
                    problems.Add(new DataProblem(fileName, null, csv.RowNumber, "zone", code, null, named, NotYours, Severity.Error, zone));
            }
        }
        catch (Exception e) when (e is CsvFormatException or CsvInvalidCharacterException)
        {
            // An unreadable file: the import says where.
        }
        return (problems, count);
    }
}
