using System.CommandLine;
using System.Globalization;
using Gaoxin.Core.Enterprises;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Enterprises;
using Gaoxin.Features.Collection;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Enterprises;

/// <summary>
/// <c>gaoxin pool add|move|train|list|counts</c>: the high-tech enterprise reserve pool (高企培育后备库). The CLI acts as the
/// provincial office; every change is audited.
/// </summary>
public static class PoolCommands
{
    public static Command Build()
    {
        var code = new Argument<string>("CREDIT_CODE") { Description = "the enterprise's unified social credit code" };
        var note = new Option<string?>("--note") { Description = "a note kept with the change" };

        var assessment = new Option<string>("--assessment")
        {
            Required = true,
            Description = "JSON file of gaoxin hte assess or gaoxin tech-sme assess (or {\"hte\": …, \"techSme\": …}); - reads standard input",
        };
        var addDate = new Option<DateOnly?>("--date") { Description = "day of the proposal (default: today)" };
        var add = new Command("add", "propose an enterprise as a candidate; the entry rule decides from its self-assessment") { code, assessment, addDate, note };
        add.SetAction((parse, ct) => AddAsync(parse, parse.GetValue(code)!, parse.GetValue(assessment)!, parse.GetValue(addDate), parse.GetValue(note), ct));

        var to = new Option<string>("--to") { Required = true, Description = "stage: in_pool, trained, applied, recognised, dropped (as the pipeline allows)" };
        var moveDate = new Option<DateOnly?>("--date") { Description = "day of the move (default: today)" };
        var move = new Command("move", "move an enterprise along the pipeline") { code, to, moveDate, note };
        move.SetAction((parse, ct) => MoveAsync(parse, parse.GetValue(code)!, parse.GetValue(to)!, parse.GetValue(moveDate), parse.GetValue(note), ct));

        var trainDate = new Option<DateOnly>("--date") { Required = true, Description = "day of the training" };
        var course = new Option<string>("--course") { Required = true, Description = "course or title" };
        var hours = new Option<decimal?>("--hours") { Description = "hours" };
        var provider = new Option<string?>("--provider") { Description = "who gave it" };
        var train = new Command("train", "record a training of an enterprise in the pool (an enterprise in_pool moves on to trained)")
        {
            code, trainDate, course, hours, provider,
        };
        train.SetAction((parse, ct) => TrainAsync(parse, parse.GetValue(code)!, parse.GetValue(trainDate), parse.GetValue(course)!, parse.GetValue(hours),
            parse.GetValue(provider), ct));

        var zone = new Option<string?>("--zone") { Description = "only this zone" };
        var stage = new Option<string?>("--stage") { Description = "only this stage" };
        var listFormat = Cli.FormatOption();
        var list = new Command("list", "the enterprises of the pool with their stage") { zone, stage, listFormat };
        list.SetAction((parse, ct) => ListAsync(parse, parse.GetValue(zone), parse.GetValue(stage), parse.GetValue(listFormat) == "json", ct));

        var year = new Option<int>("--year") { Required = true, Description = "the year" };
        var countsZone = new Option<string?>("--zone") { Description = "only this zone" };
        var countsFormat = Cli.FormatOption();
        var counts = new Command("counts", "per zone: in the pool at year end, trained and recognised in the year and to date") { year, countsZone, countsFormat };
        counts.SetAction((parse, ct) => CountsAsync(parse, parse.GetValue(year), parse.GetValue(countsZone), parse.GetValue(countsFormat) == "json", ct));

        return new Command("pool", "the high-tech enterprise reserve pool (高企培育后备库)") { add, move, train, list, counts };
    }

    private static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);

    private static async Task<int> AddAsync(ParseResult parse, string creditCode, string file, DateOnly? date, string? note, CancellationToken ct)
    {
        var error = parse.InvocationConfiguration.Error;
        string json;
        if (file == "-") json = await Console.In.ReadToEndAsync(ct);
        else if (File.Exists(file)) json = await File.ReadAllTextAsync(file, ct);
        else
        {
            error.WriteLine($"{file}: the file does not exist");
            return Cli.NotFound;
        }
        var rules = EnterpriseRules.Load(EnterpriseRules.BundleDirectory);
        var (hte, techSme, problems) = PoolAssessment.Read(rules, json, Today);
        if (problems.Count > 0)
        {
            foreach (var p in problems) error.WriteLine($"{file}: {EnterpriseChecks.Describe(p)}");
            return Cli.InvalidInput;
        }
        await using var db = await Cli.OpenAsync(parse, ct);
        var outcome = await ReservePoolStore.ProposeAsync(db, DataCommands.CliPrincipal, rules.ReservePool, creditCode, hte, techSme, json, date ?? Today, note,
            ReportStore.Via.Cli, TimeProvider.System, ct);
        if (Refused(parse, creditCode, outcome) is { } code) return code;
        parse.InvocationConfiguration.Output.WriteLine(
            $"{creditCode.Trim().ToUpperInvariant()}: candidate of the reserve pool by {string.Join(", ", outcome.Routes)} ({rules.ReservePool.Header.Id}).");
        return 0;
    }

    private static async Task<int> MoveAsync(ParseResult parse, string creditCode, string to, DateOnly? date, string? note, CancellationToken ct)
    {
        if (PoolMapping.Stage(to) is not { } stage)
        {
            parse.InvocationConfiguration.Error.WriteLine($"--to: '{to}' is no stage; stages: {string.Join(", ", EnterpriseWire.Stages.Keys)} [unknown_stage]");
            return Cli.InvalidInput;
        }
        var rules = EnterpriseRules.Load(EnterpriseRules.BundleDirectory).ReservePool;
        await using var db = await Cli.OpenAsync(parse, ct);
        var outcome = await ReservePoolStore.MoveAsync(db, DataCommands.CliPrincipal, rules, creditCode, stage, date ?? Today, note, ReportStore.Via.Cli,
            TimeProvider.System, ct);
        if (Refused(parse, creditCode, outcome) is { } code) return code;
        parse.InvocationConfiguration.Output.WriteLine($"{creditCode.Trim().ToUpperInvariant()}: now {EnterpriseWire.Name(stage)}.");
        return 0;
    }

    private static async Task<int> TrainAsync(ParseResult parse, string creditCode, DateOnly date, string course, decimal? hours, string? provider, CancellationToken ct)
    {
        var rules = EnterpriseRules.Load(EnterpriseRules.BundleDirectory).ReservePool;
        await using var db = await Cli.OpenAsync(parse, ct);
        var outcome = await ReservePoolStore.TrainAsync(db, DataCommands.CliPrincipal, rules, creditCode, date, course, hours, provider, ReportStore.Via.Cli,
            TimeProvider.System, ct);
        if (Refused(parse, creditCode, outcome) is { } code) return code;
        parse.InvocationConfiguration.Output.WriteLine($"{creditCode.Trim().ToUpperInvariant()}: training recorded; stage {EnterpriseWire.Name(outcome.Stage!.Value)}.");
        return 0;
    }

    private static int? Refused(ParseResult parse, string creditCode, PoolOutcome outcome)
    {
        if (outcome.Done) return null;
        parse.InvocationConfiguration.Error.WriteLine($"{creditCode.Trim().ToUpperInvariant()}: {outcome.Message} [{outcome.Error}]");
        return outcome.Error is "unknown_enterprise" or "not_proposed" ? Cli.NotFound : Cli.InvalidInput;
    }

    private static async Task<int> ListAsync(ParseResult parse, string? zone, string? stageCode, bool json, CancellationToken ct)
    {
        ReserveStage? stage = null;
        if (!string.IsNullOrEmpty(stageCode))
        {
            if (PoolMapping.Stage(stageCode) is not { } s)
            {
                parse.InvocationConfiguration.Error.WriteLine($"--stage: '{stageCode}' is no stage; stages: {string.Join(", ", EnterpriseWire.Stages.Keys)} [unknown_stage]");
                return Cli.InvalidInput;
            }
            stage = s;
        }
        await using var db = await Cli.OpenAsync(parse, ct);
        if (await Zones.ZoneChoices.UnknownAsync(db, zone, ct) is { } unknownZone)
        {
            parse.InvocationConfiguration.Error.WriteLine($"--zone: {unknownZone} [unknown_zone]");
            return Cli.InvalidInput;
        }
        var items = (await ReservePoolStore.ListAsync(db, string.IsNullOrEmpty(zone) ? null : zone, stage, ct)).Select(i => i.ToResponse()).ToList();
        var output = parse.InvocationConfiguration.Output;
        if (json)
        {
            output.WriteLine(Json.Serialize(items));
            return 0;
        }
        TextTable.Write(output, ["credit_code", "name", "zone", "stage", "since", "proposed", "entry", "trainings"],
            items.Select(i => (IReadOnlyList<string>)[i.CreditCode, i.Name, i.Zone, i.Stage, i.StageOn, i.ProposedOn, string.Join(",", i.EntryRoutes),
                i.Trainings.ToString(CultureInfo.InvariantCulture)]));
        return 0;
    }

    private static async Task<int> CountsAsync(ParseResult parse, int year, string? zone, bool json, CancellationToken ct)
    {
        await using var db = await Cli.OpenAsync(parse, ct);
        if (await Zones.ZoneChoices.UnknownAsync(db, zone, ct) is { } unknownZone)
        {
            parse.InvocationConfiguration.Error.WriteLine($"--zone: {unknownZone} [unknown_zone]");
            return Cli.InvalidInput;
        }
        var figures = await ReservePoolStore.FiguresAsync(db, [year], string.IsNullOrEmpty(zone) ? null : zone, ct);
        var response = PoolMapping.ToResponse(year, figures);
        var output = parse.InvocationConfiguration.Output;
        if (json)
        {
            output.WriteLine(Json.Serialize(response));
            return 0;
        }
        static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        TextTable.Write(output, ["zone", "in_pool", "trained", "trained_to_date", "recognised", "recognised_to_date", "entered_to_date"],
            response.Zones.Where(z => z.InPool + z.TrainedToDate + z.RecognisedToDate + z.EnteredToDate > 0).Append(response.Total)
                .Select(z => (IReadOnlyList<string>)[z.Zone, I(z.InPool), I(z.Trained), I(z.TrainedToDate), I(z.Recognised), I(z.RecognisedToDate),
                    I(z.EnteredToDate)]));
        return 0;
    }
}
