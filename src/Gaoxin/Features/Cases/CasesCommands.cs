using System.CommandLine;
using System.Globalization;
using Gaoxin.Core.Cases;
using Gaoxin.Data.Rectification;
using Gaoxin.Features.Collection;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Cases;

/// <summary><c>gaoxin cases list [--year Y] [--zone CODE]</c> and <c>gaoxin cases step ID --step S [--decision D] …</c> (the office).</summary>
public static class CasesCommands
{
    public static Command Build()
    {
        var cases = new Command("cases", "the office's cases: rectifications after a yellow card (整改), appeals (申诉) and applications") { BuildList(), BuildStep() };
        return cases;
    }

    private static Command BuildList()
    {
        var year = new Option<int?>("--year") { Description = "only cases of this year" };
        var zone = new Option<string?>("--zone") { Description = "only cases of this zone (code)" };
        var format = Cli.FormatOption();
        var list = new Command("list", "list cases of every kind with their status and dated, signed steps") { year, zone, format };
        list.SetAction(async (parse, ct) =>
        {
            await using var db = await Cli.OpenAsync(parse, ct);
            if (await Zones.ZoneChoices.UnknownAsync(db, parse.GetValue(zone), ct) is { } unknownZone)
            {
                parse.InvocationConfiguration.Error.WriteLine($"--zone: {unknownZone} [unknown_zone]");
                return Cli.InvalidInput;
            }
            var found = await RectificationStore.ListAsync(db, DataCommands.CliPrincipal, parse.GetValue(year), parse.GetValue(zone),
                DateOnly.FromDateTime(DateTime.UtcNow), ct);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(Json.Serialize(new CaseListResponse(found.Select(CasesApi.ToResponse).ToList())));
                return 0;
            }
            TextTable.Write(output, ["id", "kind", "zone", "year", "status", "last step", "next due"],
                found.Select(c => (IReadOnlyList<string>)[c.Id.ToString(CultureInfo.InvariantCulture), CaseKinds.Name(c.Kind), c.Zone,
                    c.Year.ToString(CultureInfo.InvariantCulture), c.Status,
                    c.Steps.LastOrDefault() is { } s ? $"{s.Date:yyyy-MM-dd} {s.Step}{(s.Decision is null ? "" : " " + s.Decision)} ({s.By})" : "",
                    c.NextDeadline is { } d ? $"{d.DueOn:yyyy-MM-dd}{(d.Overdue ? " overdue" : "")}" : ""]));
            return 0;
        });
        return list;
    }

    private static Command BuildStep()
    {
        var id = new Argument<long>("CASE_ID") { Description = "the case" };
        var step = new Option<string>("--step") { Description = "notice, plan_review, recheck or appeal_decision (the office's steps)", Required = true };
        var decision = new Option<string?>("--decision") { Description = "accepted|returned (plan_review), rectified|not_rectified (recheck), upheld|rejected (appeal_decision)" };
        var comment = new Option<string?>("--comment") { Description = "the reasons or the notice's text" };
        var version = new Option<int?>("--version") { Description = "the case's version (default: the current one)" };
        var command = new Command("step", "take the office's next step of a case (dated today, signed as the CLI user, audited)") { id, step, decision, comment, version };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = await Cli.OpenAsync(parse, ct);
            var who = DataCommands.CliPrincipal;
            var caseId = parse.GetValue(id);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            if (await RectificationStore.GetAsync(db, who, caseId, today, ct) is not { } c)
            {
                parse.InvocationConfiguration.Error.WriteLine($"No case {caseId}.");
                return Cli.NotFound;
            }
            var input = new CaseStepInput(parse.GetValue(step), parse.GetValue(decision), parse.GetValue(comment), null, parse.GetValue(version) ?? c.Version);
            if (await RectificationStore.StepAsync(db, who, caseId, input, RectificationStore.Via.Cli, TimeProvider.System, ct) is { } refused)
            {
                parse.InvocationConfiguration.Error.WriteLine($"Case {caseId}: step refused: {refused}");
                return refused == "not_found" ? Cli.NotFound : Cli.InvalidInput;
            }
            var after = (await RectificationStore.GetAsync(db, who, caseId, today, ct))!;
            parse.InvocationConfiguration.Output.WriteLine($"Case {caseId}: {input.Step}{(input.Decision is null ? "" : " " + input.Decision)} recorded; status {after.Status}.");
            return 0;
        });
        return command;
    }
}
