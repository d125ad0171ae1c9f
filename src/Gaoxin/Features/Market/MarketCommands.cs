using System.CommandLine;
using System.Globalization;
using Gaoxin.Core.Collection;
using Gaoxin.Data;
using Gaoxin.Data.Market;
using Gaoxin.Data.SiteSelection;
using Gaoxin.Features.Collection;

namespace Gaoxin.Features.Market;

/// <summary><c>gaoxin market …</c>: the technology market's verbs (import of profiles; the yearly transfer report joins here).</summary>
public static class MarketCommands
{
    /// <summary>The <c>market</c> command group with its verbs; <paramref name="more"/> are verbs other features add to it.</summary>
    public static Command Build(params Command[] more)
    {
        var file = new Argument<string>("FILE")
        {
            Description = $"a workbook (.xlsx, sheets {MarketImport.DemandSheet} and {MarketImport.AchievementSheet}) or a CSV with a side column (demand or achievement); " +
                          "columns: " + string.Join(",", MarketImport.Columns),
        };
        var publish = new Option<bool>("--publish") { Description = "publish the profiles at once instead of sending them to review (the office)" };
        var import = new Command("import", "import technology demands and achievements, all or nothing; they go to the office's review") { file, publish };
        import.SetAction((parse, ct) => ImportAsync(parse, parse.GetValue(file)!, parse.GetValue(publish), ct));
        var market = new Command("market", "the technology market (技术市场): demands, achievements and their transfer") { import };
        foreach (var verb in more) market.Subcommands.Add(verb);
        return market;
    }

    /// <summary>One problem as the CLI prints it: where, what and why.</summary>
    public static string Locate(DataProblem p) =>
        $"{p.File}{(p.Sheet is null ? "" : $" [{p.Sheet}]")}{(p.Row > 0 ? $" row {p.Row.ToString(CultureInfo.InvariantCulture)}" : "")}" +
        $"{(p.Column is null ? "" : $" column {p.Column}")}: {p.Code}{(p.Value is null ? "" : $" ({p.Value})")}{(p.Detail is null ? "" : $" [{p.Detail}]")}";

    private static async Task<int> ImportAsync(ParseResult parse, string path, bool publish, CancellationToken ct)
    {
        var error = parse.InvocationConfiguration.Error;
        var output = parse.InvocationConfiguration.Output;
        if (!File.Exists(path))
        {
            error.WriteLine($"{path}: the file does not exist");
            return Cli.NotFound;
        }
        await using var db = await Cli.OpenAsync(parse, ct);
        var catalog = IndustryCatalogFile.Load(GaoxinDatabase.BundleDirectory);
        MarketImportOutcome outcome;
        await using (var stream = File.OpenRead(path))
            outcome = await MarketImport.ImportAsync(db, DataCommands.CliPrincipal, Path.GetFileName(path), stream, publish, catalog, TimeProvider.System, ct);
        if (outcome.Problems.Count > 0)
        {
            foreach (var problem in outcome.Problems) error.WriteLine(Locate(problem));
            output.WriteLine($"{path}: {outcome.Problems.Count} error(s); nothing was imported.");
            return Cli.InvalidInput;
        }
        output.WriteLine($"{path}: {outcome.Demands} demand(s) and {outcome.Achievements} achievement(s) imported, {(publish ? "published" : "waiting for review")}. Batch {outcome.Batch}.");
        return 0;
    }
}
