using System.CommandLine;
using Gaoxin.Data.Market;
using Gaoxin.Data.SiteSelection;

namespace Gaoxin.Features.Market;

/// <summary><c>gaoxin market report --year Y --out FILE.xlsx [--zone Z]</c>: the yearly transfer report as a workbook.</summary>
public static class TransferReportCommand
{
    /// <summary>The <c>market</c> command group (shared with the market's other verbs).</summary>
    public static Command Build()
    {
        var year = new Option<int>("--year") { Description = "the report year", Required = true };
        var zone = new Option<string?>("--zone") { Description = "one zone's report (default: the province and every zone)" };
        var output = new Option<string>("--out") { Description = "the workbook to write (.xlsx)", Required = true };
        var report = new Command("report", "write the yearly technology-transfer report (科技成果转移转化年度报告) as an Excel workbook") { year, zone, output };
        report.SetAction(async (parse, ct) =>
        {
            await using var db = await Cli.OpenAsync(parse, ct);
            var y = parse.GetValue(year);
            var error = parse.InvocationConfiguration.Error;
            if (!Core.InputLimits.IsYear(y))
            {
                error.WriteLine($"--year: {y} is not a year the platform keeps.");
                return 2;
            }
            var names = await Data.Zones.ZoneRegistry.NamesAsync(db, z => z.Name, ct);
            List<string> zones;
            if (parse.GetValue(zone) is { Length: > 0 } one)
            {
                if (!names.ContainsKey(one))
                {
                    error.WriteLine($"--zone: {Zones.ZoneChoices.Describe(one, names.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => (n.Key, n.Value)))} [unknown_zone]");
                    return 2;
                }
                zones = [one];
            }
            else zones = names.Keys.Order(StringComparer.Ordinal).ToList();
            var result = await TransferReportStore.ComputeAsync(db, y, zones, ct);
            var catalog = IndustryCatalogFile.Load(Data.GaoxinDatabase.BundleDirectory);
            var bytes = TransferWorkbook.Write(result, names, catalog.Industries.ToDictionary(i => i.Code, i => i.Name), await TransferReportStore.UsesDemoDataAsync(db, y, ct));
            await File.WriteAllBytesAsync(parse.GetValue(output)!, bytes, ct);
            parse.InvocationConfiguration.Output.WriteLine(
                $"Wrote the {y} transfer report ({result.Province.Contracts.Value} contracts, {result.Province.TurnoverWan.Value} 万元 in the province) to {parse.GetValue(output)}.");
            return 0;
        });
        return report;
    }
}
