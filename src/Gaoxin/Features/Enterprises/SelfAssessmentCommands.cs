using System.CommandLine;
using System.Globalization;
using Gaoxin.Core.Enterprises;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Enterprises;

/// <summary>
/// <c>gaoxin hte assess FILE [--rules ID] [--format json|table]</c> and <c>gaoxin tech-sme assess FILE …</c>: the
/// self-checks on a JSON file (<c>-</c> reads standard input). JSON is the default output of these verbs. Nothing is stored
/// and no database is opened.
/// </summary>
public static class SelfAssessmentCommands
{
    public static Command BuildHte()
    {
        var (file, rules, format) = Options();
        var assess = new Command("assess", "self-assess a high-tech enterprise (高企自评) from a JSON file: conditions, score range, hints")
        {
            file, rules, format,
        };
        assess.SetAction(parse =>
        {
            if (Read(parse, parse.GetValue(file)!) is not { } json) return Cli.NotFound;
            var outcome = EnterpriseChecks.Hte(EnterpriseRules.Load(EnterpriseRules.BundleDirectory), json, parse.GetValue(rules));
            if (Refused(parse, outcome.Errors)) return Cli.InvalidInput;
            var output = parse.InvocationConfiguration.Output;
            var result = outcome.Result!;
            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(Json.Serialize(result));
                return 0;
            }
            output.WriteLine($"eligible: {result.Eligible}   score: {Range(result.Score)}   rule set: {result.RuleSet}");
            output.WriteLine($"blocks: ip {Range(result.Blocks.Ip)}, conversion {Range(result.Blocks.Conversion)}, " +
                $"rdManagement {Range(result.Blocks.RdManagement)}, growth {Range(result.Blocks.Growth)}");
            output.WriteLine();
            WriteConditions(output, result.Conditions);
            foreach (var item in result.IpItems.Where(i => !i.Counted))
                output.WriteLine($"IP item {item.Index + 1} ({item.Class}{(item.Name is { } n ? ", " + n : "")}) not counted: {string.Join(", ", item.Reasons)}");
            WriteHints(output, result.Hints);
            if (result.ReservePool is { } pool) output.WriteLine($"{Environment.NewLine}Reserve pool ({pool.RuleSet}): {pool.En}");
            return 0;
        });
        return new Command("hte", "high-tech enterprise recognition (高新技术企业认定)") { assess };
    }

    public static Command BuildTechSme()
    {
        var (file, rules, format) = Options();
        var assess = new Command("assess", "evaluate a technology-based SME (科技型中小企业评价) from a JSON file")
        {
            file, rules, format,
        };
        assess.SetAction(parse =>
        {
            if (Read(parse, parse.GetValue(file)!) is not { } json) return Cli.NotFound;
            var today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);
            var outcome = EnterpriseChecks.TechSme(EnterpriseRules.Load(EnterpriseRules.BundleDirectory), json, parse.GetValue(rules), today);
            if (Refused(parse, outcome.Errors)) return Cli.InvalidInput;
            var output = parse.InvocationConfiguration.Output;
            var result = outcome.Result!;
            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(Json.Serialize(result));
                return 0;
            }
            output.WriteLine($"eligible: {result.Eligible}   route: {result.Route ?? "-"}   score: {result.Score}   rule set: {result.RuleSet}");
            output.WriteLine($"blocks: stStaff {result.Blocks.StStaff}, rd {result.Blocks.Rd} ({result.RdBasis ?? "-"}), ip {result.Blocks.Ip}");
            output.WriteLine();
            WriteConditions(output, result.Conditions);
            WriteHints(output, result.Hints);
            return 0;
        });
        return new Command("tech-sme", "technology-based SME evaluation (科技型中小企业评价)") { assess };
    }

    private static (Argument<string> File, Option<string> Rules, Option<string> Format) Options()
    {
        var file = new Argument<string>("FILE") { Description = "the enterprise's figures as one JSON object (see docs/guide/self-assessment.en.md); - reads standard input" };
        var rules = new Option<string>("--rules") { Description = "rule set id (default: the one in force on the assessment date)" };
        var format = new Option<string>("--format") { Description = "json (default) or table", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "table");
        return (file, rules, format);
    }

    private static string? Read(ParseResult parse, string path)
    {
        if (path == "-") return Console.In.ReadToEnd();
        if (File.Exists(path)) return File.ReadAllText(path);
        parse.InvocationConfiguration.Error.WriteLine($"{path}: the file does not exist");
        return null;
    }

    private static bool Refused(ParseResult parse, IReadOnlyList<EnterpriseInputError> errors)
    {
        foreach (var e in errors) parse.InvocationConfiguration.Error.WriteLine(EnterpriseChecks.Describe(e));
        return errors.Count > 0;
    }

    private static string Range(RangeResponse r) => r.Min == r.Max ? r.Min.ToString(CultureInfo.InvariantCulture) : $"{r.Min}–{r.Max}";

    private static void WriteConditions(TextWriter output, IReadOnlyList<ConditionResponse> conditions) =>
        TextTable.Write(output, ["condition", "passed", "actual", "required", "source"], conditions.Select(c => (IReadOnlyList<string>)
        [
            c.Code, c.Passed switch { true => "yes", false => "NO", null => "depends" },
            c.Detail is { } d && c.Code is "innovation_score" or "key_domain" ? d : c.Actual is { } a ? TextTable.Number(a) : "-",
            c.Required is { } r ? $"{c.Operator} {TextTable.Number(r)}" : c.Operator, c.Source,
        ]));

    private static void WriteHints(TextWriter output, IReadOnlyList<HintResponse> hints)
    {
        if (hints.Count == 0) return;
        output.WriteLine();
        output.WriteLine("How to improve:");
        foreach (var h in hints) output.WriteLine($"- {h.Code}: {h.En}");
    }
}
