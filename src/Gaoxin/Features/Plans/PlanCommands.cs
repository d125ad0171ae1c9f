using System.CommandLine;
using Gaoxin.Core.Plans;
using Gaoxin.Data;
using Gaoxin.Data.Plans;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Plans;

/// <summary><c>gaoxin plan show|list|load</c>.</summary>
public static class PlanCommands
{
    public const string DefaultPlanId = "liaoning-2017-2020";

    public static Command Build()
    {
        var plan = new Option<string>("--plan") { Description = "plan id, or the path of a plan file (.yaml) to validate and show" };
        var format = Cli.FormatOption();
        var show = new Command("show", "show a plan: zones, baselines and targets, each with its quote") { plan, format };
        show.SetAction((parse, ct) => ShowAsync(parse, parse.GetValue(plan) ?? DefaultPlanId, parse.GetValue(format)!, ct));

        var listFormat = Cli.FormatOption();
        var list = new Command("list", "list the stored plans") { listFormat };
        list.SetAction((parse, ct) => ListAsync(parse, parse.GetValue(listFormat)!, ct));

        var file = new Argument<string>("FILE") { Description = "the plan file (.yaml); its plan text lies beside it" };
        var load = new Command("load", "validate a plan file and store it (replacing an older form of the same plan)") { file };
        load.SetAction((parse, ct) => LoadAsync(parse, parse.GetValue(file)!, ct));

        return new Command("plan", "development plans held as data") { show, list, load, Monitoring.ProgressCommands.Build(), Monitoring.ProgressCommands.BuildReport() };
    }

    private static bool IsFile(string value) =>
        value.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || value.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || File.Exists(value);

    /// <summary>Validates a plan file, printing every located problem; null when it is invalid.</summary>
    private static PlanFile? ReadValid(ParseResult parse, string path)
    {
        var file = PlanStore.ReadFile(path);
        if (file.Result.Succeeded) return file;
        var error = parse.InvocationConfiguration.Error;
        foreach (var problem in file.Result.Errors) error.WriteLine(problem);
        error.WriteLine($"{path}: {file.Result.Errors.Count} problem(s); nothing was stored.");
        return null;
    }

    private static async Task<int> ShowAsync(ParseResult parse, string planArg, string format, CancellationToken ct)
    {
        var output = parse.InvocationConfiguration.Output;
        Plan? plan;
        if (IsFile(planArg))
        {
            // A file is validated and shown without touching the store.
            plan = ReadValid(parse, planArg)?.Result.Plan;
            if (plan is null) return Cli.InvalidInput;
        }
        else
        {
            await using var db = await Cli.OpenAsync(parse, ct);
            plan = await PlanStore.GetAsync(db, planArg, ct);
            if (plan is null)
            {
                parse.InvocationConfiguration.Error.WriteLine($"No plan '{planArg}'. Stored plans: {string.Join(", ", (await PlanStore.ListAsync(db, ct)).Select(p => p.Id))}");
                return Cli.NotFound;
            }
        }

        if (format == "json")
        {
            output.WriteLine(Json.Serialize(plan.ToResponse()));
            return 0;
        }
        output.WriteLine($"{plan.Title}  [{plan.Id} v{plan.Version}]  {plan.BaseYear} → {plan.TargetYear}");
        output.WriteLine();
        output.WriteLine($"Zones ({plan.Zones.Count})");
        TextTable.Write(output, ["code", "name", "level", "governance", "leading industries"],
            plan.Zones.Select(z => (IReadOnlyList<string>)[z.Code, z.Name, PlanMapping.Wire(z.Level), PlanMapping.Wire(z.Governance), string.Join("、", z.LeadingIndustries)]));
        output.WriteLine();
        output.WriteLine($"Baselines ({plan.Baselines.Count})");
        TextTable.Write(output, ["id", "value", "unit", "year", "title"],
            plan.Baselines.Select(b => (IReadOnlyList<string>)[b.Id, (b.Approximate ? "≈" : "") + TextTable.Number(b.Value), b.Unit, b.Year.ToString(), b.Title]));
        output.WriteLine();
        output.WriteLine($"Targets ({plan.Targets.Count})");
        TextTable.Write(output, ["id", "target", "year", "scope", "title"],
            plan.Targets.Select(t => (IReadOnlyList<string>)[t.Id, t.Goal.Describe(t.Unit), t.Goal.Year.ToString(), t.Scope, t.Title]));
        return 0;
    }

    private static async Task<int> ListAsync(ParseResult parse, string format, CancellationToken ct)
    {
        await using var db = await Cli.OpenAsync(parse, ct);
        var plans = await PlanStore.ListAsync(db, ct);
        var output = parse.InvocationConfiguration.Output;
        if (format == "json")
        {
            output.WriteLine(Json.Serialize(plans.Select(p => new PlanSummaryResponse(p.Id, p.Version, p.Title, p.TitleEn, p.BaseYear, p.TargetYear))));
            return 0;
        }
        TextTable.Write(output, ["id", "version", "years", "title"],
            plans.Select(p => (IReadOnlyList<string>)[p.Id, p.Version.ToString(), $"{p.BaseYear}–{p.TargetYear}", p.Title]));
        return 0;
    }

    private static async Task<int> LoadAsync(ParseResult parse, string path, CancellationToken ct)
    {
        var file = ReadValid(parse, path);
        if (file is null) return Cli.InvalidInput;
        await using var db = await Cli.OpenAsync(parse, ct);
        var changed = await PlanStore.SaveAsync(db, file.Result.Plan!, file.ContentHash, Cli.Actor, TimeProvider.System, ct);
        parse.InvocationConfiguration.Output.WriteLine(changed
            ? $"Stored plan '{file.Result.Plan!.Id}' in {Cli.Location(parse).Describe()}."
            : $"Plan '{file.Result.Plan!.Id}' is already stored in this form; nothing changed.");
        return 0;
    }
}
