using System.CommandLine;
using System.Globalization;
using Gaoxin.Core.Applications;
using Gaoxin.Data;
using Gaoxin.Data.Applications;
using Gaoxin.Features.Collection;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Applications;

/// <summary><c>gaoxin applications list [--year Y] [--format json]</c>: applications for status with their state and steps.</summary>
public static class ApplicationCommands
{
    public static Command Build()
    {
        var year = new Option<int?>("--year") { Description = "only the applications whose figures are of this year" };
        var format = Cli.FormatOption();
        var list = new Command("list", "list applications (kind, zone, status, steps); --format json prints {\"applications\": [...]}") { year, format };
        list.SetAction((parse, ct) => ListAsync(parse, parse.GetValue(year), parse.GetValue(format), ct));
        return new Command("applications", "applications for status (认定与升级): new provincial zones and proposals for national level") { list };
    }

    private static async Task<int> ListAsync(ParseResult parse, int? year, string? format, CancellationToken ct)
    {
        var output = parse.InvocationConfiguration.Output;
        await using var db = await Cli.OpenAsync(parse, ct);
        var checklists = new Checklists(ApplicationConditionsFile.Load(GaoxinDatabase.BundleDirectory));
        var items = (await ApplicationStore.ListAsync(db, DataCommands.CliPrincipal, null, year, ct)).Select(a => ApplicationsApi.ToResponse(a, checklists)).ToList();
        if (format == "json")
        {
            output.WriteLine(Json.Serialize(new ApplicationListResponse(items)));
            return 0;
        }
        if (items.Count == 0) output.WriteLine("No applications.");
        foreach (var a in items)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{a.Id}\t{a.Kind}\t{a.Zone}\t{a.Year}\t{a.Status}\t{a.Name}\t{(a.ReviewScore is { } s ? s.ToString(CultureInfo.InvariantCulture) : "-")}"));
        return 0;
    }
}
