using System.CommandLine;
using System.Globalization;
using Gaoxin.Core.Enterprises;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Enterprises;
using Gaoxin.Features.Collection;

namespace Gaoxin.Features.Enterprises;

/// <summary>
/// <c>gaoxin enterprises import FILE</c>, <c>gaoxin enterprises aggregate [--year Y]</c> and
/// <c>gaoxin enterprises certify CREDIT_CODE --number N --date YYYY-MM-DD [--expires YYYY-MM-DD]</c>.
/// </summary>
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
            var timings = Data.StartupTimings.Start();
            await using var db = await Cli.OpenTablesAsync(parse, ct);
            timings?.Mark("store opened");
            var gazelles = DefaultGazelles();
            timings?.Mark("rules");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var outcome = await EnterpriseAggregates.RebuildAsync(db, parse.GetValue(year), gazelles, ct);
            parse.InvocationConfiguration.Output.WriteLine(
                $"Rebuilt {outcome.Figures} figures of {outcome.ZoneYears} zone-years{(parse.GetValue(year) is { } y ? $" of {y}" : "")} in {watch.Elapsed.TotalSeconds:0.00} s.");
            return 0;
        });

        var code = new Argument<string>("CREDIT_CODE") { Description = "the enterprise's unified social credit code" };
        var number = new Option<string>("--number") { Required = true, Description = "the certificate number (证书编号)" };
        var date = new Option<string>("--date") { Required = true, Description = "the day it was issued, YYYY-MM-DD (发证日期)" };
        var expires = new Option<string?>("--expires") { Description = $"the day it expires, YYYY-MM-DD (default: {HteCertificates.ValidYears} years after --date)" };
        var certify = new Command("certify", "enter an enterprise's high-tech enterprise certificate (高新技术企业证书); audited with the old and new values")
        {
            code, number, date, expires,
        };
        certify.SetAction((parse, ct) => CertifyAsync(parse, parse.GetValue(code)!, parse.GetValue(number)!, parse.GetValue(date), parse.GetValue(expires), ct));

        return new Command("enterprises", "the enterprise registry and the enterprises' yearly returns") { import, aggregate, certify };
    }

    /// <summary>What the gazelle counts the aggregates keep are classified with (each year's rule set and the national one).</summary>
    private static GazelleCounting? DefaultGazelles() => EnterpriseRules.Load(EnterpriseRules.BundleDirectory).GazelleCounting();

    private static async Task<int> CertifyAsync(ParseResult parse, string creditCode, string number, string? date, string? expires, CancellationToken ct)
    {
        var error = parse.InvocationConfiguration.Error;
        var code = creditCode.Trim().ToUpperInvariant();
        var (issuedOn, expiresOn, bad) = CertificateInput.Read(date, expires, "--date", "--expires");
        if (bad is { } b)
        {
            error.WriteLine($"{code}: {CertificateInput.Describe(b.Code, english: true, b.Field, b.Value)} [{b.Code}]");
            return Cli.InvalidInput;
        }
        await using var db = await Cli.OpenAsync(parse, ct);
        var outcome = await HteCertificates.SetAsync(db, DataCommands.CliPrincipal, code, number, issuedOn, expiresOn, ReportStore.Via.Cli, TimeProvider.System, ct);
        if (!outcome.Done)
        {
            error.WriteLine($"{code}: {CertificateInput.Describe(outcome.Error!, english: true, value: code)} [{outcome.Error}]");
            return outcome.Error == "unknown_enterprise" ? Cli.NotFound : Cli.InvalidInput;
        }
        var c = outcome.New!;
        parse.InvocationConfiguration.Output.WriteLine(
            $"{code}: high-tech enterprise certificate {c.Number}, issued {c.IssuedOn:yyyy-MM-dd}, expires {c.ExpiresOn:yyyy-MM-dd}.");
        return 0;
    }

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
        var line = Imports.TerminalProgress.For(error);
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            outcome = await EnterpriseImport.ImportAsync(db, stream, Path.GetFileName(path), Cli.Actor, ReportStore.Via.Cli, TimeProvider.System, ct,
                DefaultGazelles(), line is null ? null : line.Show);
        line?.Clear();

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
