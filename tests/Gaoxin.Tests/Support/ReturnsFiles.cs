using System.Text;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Demo;
using Gaoxin.Data;
using Gaoxin.Data.Collection;

namespace Gaoxin.Tests.Support;

/// <summary>
/// A year of synthetic national enterprise returns, written by the generator of <c>gaoxin demo generate</c> (the same options
/// give the same bytes), and a store made ready for it as an office would before its first import: the generated zones
/// registered (<c>gaoxin zones import</c>) and the generator's further return fields f01…f82 added as enterprise data elements.
/// </summary>
public static class ReturnsFiles
{
    /// <summary>The benchmark's national shape: 180 zones, one year (2024), seed 2024; about 590 bytes a row.</summary>
    public static NationalOptions Options(int enterprises) => new(enterprises, 1, 180, 2024, 0, 2024);

    /// <summary>Writes <c>zones.csv</c> and <c>returns.csv</c> into <paramref name="folder"/>; returns the returns file and its rows.</summary>
    public static (string Returns, string Zones, long Rows) Write(string folder, int enterprises)
    {
        var options = Options(enterprises);
        Directory.CreateDirectory(folder);
        var zones = Path.Combine(folder, "zones.csv");
        var returns = Path.Combine(folder, "returns.csv");
        using (var writer = new StreamWriter(zones, false, new UTF8Encoding(false)))
            NationalGenerator.WriteZones(writer, options);
        long rows;
        using (var stream = new FileStream(returns, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16))
            rows = NationalGenerator.WriteEnterprises(writer, options);
        return (returns, zones, rows);
    }

    /// <summary>Registers the generated zones and the further return fields in the store at <paramref name="db"/> (a <c>--db</c> value).</summary>
    public static async Task PrepareStoreAsync(string db, string zonesCsv)
    {
        var zones = await CliRun.RunAsync("zones", "import", zonesCsv, "--date", "2000-01-01", "--act", "synthetic zones for tests", "--db", db);
        if (zones.ExitCode != 0) throw new InvalidOperationException("gaoxin zones import: " + zones.Error + zones.Output);
        await using var context = GaoxinDatabase.CreateContext(DatabaseLocation.Parse(db));
        for (var i = 1; i <= NationalGenerator.ExtraColumns; i++)
            context.DataElements.Add(new DataElementRecord
            {
                Code = $"f{i:D2}", Ordinal = 1000 + i, Name = $"企业年报字段{i:D2}(合成)", NameEn = $"Return field {i:D2} (synthetic)", Unit = "万元",
                Type = ElementType.Number, Min = 0, ProvinceLevel = false, AddedByOffice = true, Group = "enterprise-return",
            });
        await context.SaveChangesAsync();
    }
}
