using System.CommandLine;
using System.Globalization;
using Gaoxin.Data;
using Gaoxin.Data.Monitoring;
using Gaoxin.Features.Plans;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Monitoring;

/// <summary><c>gaoxin plan progress --year Y [--plan ID]</c>.</summary>
public static class ProgressCommands
{
    public static Command Build()
    {
        var year = new Option<int>("--year") { Description = "the year assessed", Required = true };
        var plan = new Option<string>("--plan") { Description = "plan id", DefaultValueFactory = _ => PlanCommands.DefaultPlanId };
        var format = Cli.FormatOption();
        var progress = new Command("progress", "every target's value, status and forecast in a year, from approved figures and the zone registry") { year, plan, format };
        progress.SetAction(async (parse, ct) =>
        {
            await using var db = await Cli.OpenAsync(parse, ct);
            var result = await PlanProgressStore.ComputeAsync(db, parse.GetValue(plan)!, GaoxinDatabase.BundleDirectory, parse.GetValue(year), ct);
            if (result is null)
            {
                parse.InvocationConfiguration.Error.WriteLine($"No plan '{parse.GetValue(plan)}'.");
                return Cli.NotFound;
            }
            var output = parse.InvocationConfiguration.Output;
            var response = result.ToResponse();
            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(Json.Serialize(response));
                return 0;
            }
            TextTable.Write(output, ["target", "value", "target value", "status", "forecast", "crossing"],
                response.Targets.Select(t => (IReadOnlyList<string>)[t.Id, t.Value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) + (t.ValueBasis == "minimum_over_zones" ? " (min over zones)" : "") : "—",
                    $"{t.Target.Comparator} {t.Target.Value.ToString(CultureInfo.InvariantCulture)} {t.Unit} ({t.Target.Year})", t.Status,
                    t.Forecast?.Value is { } f ? f.ToString("0.##", CultureInfo.InvariantCulture) : "", t.Forecast?.CrossingYear?.ToString(CultureInfo.InvariantCulture) ?? ""]));
            return 0;
        });
        return progress;
    }

    /// <summary><c>gaoxin plan report --year Y [--compare Y0] --out FILE.xlsx</c>: the yearly assessment workbook.</summary>
    public static Command BuildReport()
    {
        var year = new Option<int>("--year") { Description = "the year assessed", Required = true };
        var compare = new Option<int?>("--compare") { Description = "an earlier year to compare with (mid-term comparison)" };
        var output = new Option<string>("--out") { Description = "the workbook to write (.xlsx)", Required = true };
        var report = new Command("report", "write the yearly plan implementation assessment (规划实施情况评估) as an Excel workbook") { year, compare, output };
        report.SetAction(async (parse, ct) =>
        {
            await using var db = await Cli.OpenAsync(parse, ct);
            var progress = await PlanProgressStore.ComputeAsync(db, PlanCommands.DefaultPlanId, GaoxinDatabase.BundleDirectory, parse.GetValue(year), ct);
            var earlier = parse.GetValue(compare) is { } y ? await PlanProgressStore.ComputeAsync(db, PlanCommands.DefaultPlanId, GaoxinDatabase.BundleDirectory, y, ct) : null;
            var names = await Data.Zones.ZoneRegistry.NamesAsync(db, z => z.Name, ct);
            await File.WriteAllBytesAsync(parse.GetValue(output)!, ProgressReport.Write(progress!, earlier, names), ct);
            parse.InvocationConfiguration.Output.WriteLine($"Wrote the {parse.GetValue(year)} assessment to {parse.GetValue(output)}.");
            return 0;
        });
        return report;
    }
}
