using System.CommandLine;
using System.Globalization;
using Gaoxin.Core.Enterprises;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Enterprises;

namespace Gaoxin.Features.Enterprises;

/// <summary><c>gaoxin enterprises import FILE</c> and <c>gaoxin enterprises aggregate [--year Y]</c>.</summary>
public static class EnterpriseCommands
{
    public static Command Build()
    {
        var file = new Argument<string>("FILE")
        {
            Description = "CSV, one row per enterprise and year: " + string.Join(",", EnterpriseImport.Columns) + " [,data element codes…]",
        };
        var import = new Command("import", "import enterprises' yearly returns, all or nothing; recomputes the zone aggregates of the years in the file") { file };
        import.SetAction((parse, ct) => ImportAsync(parse, parse.GetValue(file)!, ct));

        var year = new Option<int?>("--year") { Description = "rebuild only this year (default: every year)" };
        var aggregate = new Command("aggregate", "rebuild the zone-year aggregates (sums and the gazelle counts) from the stored returns") { year };
        aggregate.SetAction(async (parse, ct) =>
        {
            await using var db = await Cli.OpenAsync(parse, ct);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var outcome = await EnterpriseAggregates.RebuildAsync(db, parse.GetValue(year), DefaultGazelles(), ct);
            parse.InvocationConfiguration.Output.WriteLine(
                $"Rebuilt {outcome.Figures} figures of {outcome.ZoneYears} zone-years{(parse.GetValue(year) is { } y ? $" of {y}" : "")} in {watch.Elapsed.TotalSeconds:0.00} s.");
            return 0;
        });

        return new Command("enterprises", "the enterprise registry and the enterprises' yearly returns") { import, aggregate };
    }

    /// <summary>The classifier of the default gazelle rule set, whose counts the aggregates keep.</summary>
    private static GazelleClassifier? DefaultGazelles() =>
        EnterpriseRules.Load(EnterpriseRules.BundleDirectory).Gazelle(null).Rules is { } rules ? new GazelleClassifier(rules) : null;

    private static async Task<int> ImportAsync(ParseResult parse, string path, CancellationToken ct)
    {
        var error = parse.InvocationConfiguration.Error;
        var output = parse.InvocationConfiguration.Output;
        if (!File.Exists(path))
        {
            error.WriteLine($"{path}: the file does not exist");
            return Cli.NotFound;
        }
        await using var db = await Cli.OpenAsync(parse, ct);
        EnterpriseImportOutcome outcome;
        // A large read buffer: the file is read once, front to back.
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            outcome = await EnterpriseImport.ImportAsync(db, stream, Path.GetFileName(path), Cli.Actor, ReportStore.Via.Cli, TimeProvider.System, ct,
                DefaultGazelles());

        if (outcome.HasErrors)
        {
            foreach (var problem in outcome.Problems) error.WriteLine(EnterpriseText.Locate(problem, english: true));
            if (outcome.ErrorCount > outcome.Problems.Count)
                error.WriteLine($"… and {outcome.ErrorCount - outcome.Problems.Count} more error(s) not shown.");
            output.WriteLine($"{path}: {outcome.ErrorCount} error(s); nothing was imported.");
            return Cli.InvalidInput;
        }
        var seconds = Math.Max(outcome.Elapsed.TotalSeconds, 0.001);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path}: {outcome.Rows} returns imported for {outcome.ZoneYears} zone-years (years {string.Join(", ", outcome.Years)}); " +
            $"{outcome.Aggregates?.Figures ?? 0} aggregate figures recomputed. {seconds:0.00} s, {outcome.Rows / seconds:0} rows/s. Batch {outcome.BatchId}."));
        return 0;
    }
}
