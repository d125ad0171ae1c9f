using System.CommandLine;
using System.Globalization;
using Gaoxin.Core.Enterprises;
using Gaoxin.Data;
using Gaoxin.Data.Enterprises;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Enterprises;

/// <summary><c>gaoxin gazelles --year Y [--rules ID] [--zone CODE] [--format json|table]</c>: the year's gazelles and unicorns over the stored returns.</summary>
public static class GazelleCommands
{
    public static Command Build()
    {
        var year = new Option<int>("--year") { Description = "the data year t (the rules read t − 3 .. t, and t − 4 .. t − 1 for last year's status)", Required = true };
        var rules = new Option<string?>("--rules")
        {
            Description = "gazelle rule set id for every year (default: each year's own — gazelle-torch before 2021, gazelle-liaoning-2021 from 2021)",
        };
        var zone = new Option<string?>("--zone") { Description = "only enterprises whose return of that year is in this zone" };
        var format = Cli.FormatOption();
        var command = new Command("gazelles", "identify the gazelles (瞪羚) and unicorns (独角兽) of a year from the enterprises' returns")
        {
            year, rules, zone, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var timings = StartupTimings.Start();
            var (choice, error) = EnterpriseRules.Load(EnterpriseRules.BundleDirectory).Gazelle(parse.GetValue(rules));
            if (choice is null)
            {
                parse.InvocationConfiguration.Error.WriteLine(EnterpriseChecks.Describe(error!));
                return Cli.InvalidInput;
            }
            var classifier = new GazelleClassifier(choice);
            var only = parse.GetValue(zone) is { Length: > 0 } z ? z : null;
            var location = Cli.Location(parse);
            timings?.Mark("rules");
            GazelleYear result;
            // A store that is already current is read through a raw connection: the verb is one streaming query.
            await using (var connection = await GaoxinDatabase.TryOpenCurrentAsync(location, ct))
            {
                timings?.Mark("store opened");
                if (connection is not null)
                {
                    result = await Gazelles.IdentifyAsync(connection, null, location.Provider == DatabaseProvider.Sqlite, classifier, parse.GetValue(year), only, ct);
                }
                else
                {
                    await using var db = await Cli.OpenAsync(parse, ct);
                    result = await Gazelles.IdentifyAsync(db, classifier, parse.GetValue(year), only, ct);
                }
                timings?.Mark("identified");
            }
            // Nothing found for a zone: say so when the zone itself is unknown rather than print an empty list (checked only
            // then, so the usual answer stays one streaming query).
            if (only is not null && result.Enterprises.Count == 0)
            {
                await using var db = await Cli.OpenAsync(parse, ct);
                if (await Zones.ZoneChoices.UnknownAsync(db, only, ct) is { } unknownZone)
                {
                    parse.InvocationConfiguration.Error.WriteLine($"--zone: {unknownZone} [unknown_zone]");
                    return Cli.InvalidInput;
                }
            }
            var response = result.ToResponse(classifier);
            timings?.Mark("response built");
            Write(parse.InvocationConfiguration.Output, response, parse.GetValue(format) == "json");
            timings?.Mark("written");
            return 0;
        });
        return command;
    }

    private static void Write(TextWriter output, GazelleYearResponse response, bool json)
    {
        if (json)
        {
            output.WriteLine(Json.SerializeCompact(response));
            return;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{response.Year}: {response.Enterprises.Count(e => e.Kind == "gazelle")} gazelles, {response.Enterprises.Count(e => e.Kind == "unicorn")} unicorns (rules {response.Rules})"));
        // Which rule set judged the year and the year before, against which "new" is decided.
        output.WriteLine(string.Join("; ", response.RulesByYear.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Year} judged by {r.Rules}"))));
        output.WriteLine();
        TextTable.Write(output, ["credit_code", "name", "zone", "kind", "new", "routes"],
            response.Enterprises.Select(e => (IReadOnlyList<string>)[e.CreditCode, e.Name, e.Zone, e.Kind, e.New ? "new" : "", string.Join(",", e.Routes)]));
        output.WriteLine();
        TextTable.Write(output, ["zone", "enterprises", "gazelles", "gazelles_new", "unicorns"],
            response.Zones.Select(z => (IReadOnlyList<string>)[z.Zone, Invariant(z.Enterprises), Invariant(z.Gazelles), Invariant(z.GazellesNew), Invariant(z.Unicorns)]));
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
