using System.CommandLine;
using Gaoxin.Core.Monitoring;
using Gaoxin.Data.Zones;

namespace Gaoxin.Features.Monitoring;

/// <summary><c>gaoxin monitoring report --year Y [--kind yearly|midterm] --out FILE.docx|FILE.xlsx</c>.</summary>
public static class MonitoringReportCommands
{
    public static Command Build()
    {
        var year = new Option<int>("--year") { Description = "the year reported (for the mid-term review, the last year of the plan period's first half)", Required = true };
        var kind = new Option<string>("--kind") { Description = "yearly or midterm", DefaultValueFactory = _ => "yearly" };
        kind.AcceptOnlyFromAmong("yearly", "midterm");
        var output = new Option<string>("--out") { Description = "the file to write: .docx (the whole report) or .xlsx (its tables)", Required = true };
        var report = new Command("report", "write the yearly monitoring report or the mid-term review (中期评估): the newest published edition, else the office's current view")
        {
            year, kind, output,
        };
        report.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(output)!;
            var extension = Path.GetExtension(file).ToLowerInvariant();
            if (extension is not (".docx" or ".xlsx"))
            {
                parse.InvocationConfiguration.Error.WriteLine("--out must end in .docx or .xlsx.");
                return Cli.InvalidInput;
            }
            await using var db = await Cli.OpenAsync(parse, ct);
            var (edition, document) = await MonitoringReports.LoadAsync(db, MonitoringReportKinds.Parse(parse.GetValue(kind))!.Value, parse.GetValue(year), office: true, ct);
            if (document is null)
            {
                parse.InvocationConfiguration.Error.WriteLine(MonitoringReportText.Refusal("no_period"));
                return Cli.NotFound;
            }
            var names = await ZoneRegistry.NamesAsync(db, z => z.Name, ct);
            await File.WriteAllBytesAsync(file, extension == ".docx" ? ReportFiles.Docx(document, names) : ReportFiles.Xlsx(document, names), ct);
            var state = edition is null ? "preview" : $"edition {edition.Edition}, {edition.Status}";
            parse.InvocationConfiguration.Output.WriteLine($"Wrote the {document.Kind} report {document.Year} ({state}) to {file}.");
            return 0;
        });
        return new Command("monitoring", "the yearly monitoring report and the mid-term review") { report };
    }
}
