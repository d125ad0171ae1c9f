using System.CommandLine;
using System.Globalization;
using Gaoxin.Core.Evaluation;
using Gaoxin.Data.Evaluation;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Evaluation;

/// <summary>
/// <c>gaoxin evaluate weights</c>: each indicator's effective weight in a model, and weights derived from the data
/// (entropy, 熵权法) or from a pairwise comparison of the dimensions (AHP, refused when CR &gt; 0.1).
/// </summary>
public static class WeightCommands
{
    public static Command Build()
    {
        var model = new Option<string>("--model") { Description = "evaluation model id", DefaultValueFactory = _ => EvaluationCommands.DefaultModel };
        var entropyYear = new Option<int?>("--entropy-year") { Description = "also derive entropy weights from the approved figures of this year" };
        var ahp = new Option<string>("--ahp") { Description = "a CSV file holding the dimensions' pairwise comparison matrix (n rows of n numbers, fractions like 1/3 allowed)" };
        var format = Cli.FormatOption();
        var weights = new Command("weights", "show effective indicator weights; derive weights by entropy or AHP") { model, entropyYear, ahp, format };
        weights.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            await using var db = await Cli.OpenAsync(parse, ct);
            var file = (await EvaluationRunner.ModelsAsync(db, ct)).FirstOrDefault(m => m.Model.Id == parse.GetValue(model));
            if (file is null)
            {
                parse.InvocationConfiguration.Error.WriteLine($"No evaluation model '{parse.GetValue(model)}'.");
                return Cli.NotFound;
            }
            var definition = file.Model;
            var effective = Weighting.EffectiveWeights(definition);

            IReadOnlyDictionary<string, decimal>? entropy = null;
            if (parse.GetValue(entropyYear) is { } year)
            {
                // Entropy needs a complete matrix: the zones with every indicator present in that year.
                var data = await EvaluationStore.LoadDataAsync(db, year, ct);
                var result = EvaluationEngine.Evaluate(definition, data.Input);
                var rows = result.Zones.Where(z => z.Missing.Count == 0)
                    .Select(z => (IReadOnlyList<decimal>)definition.Indicators.Select(i => z.Indicators[i.Code].Value!.Value).ToList()).ToList();
                if (rows.Count < 2)
                {
                    parse.InvocationConfiguration.Error.WriteLine($"Entropy weights need at least two zones with every indicator present in {year}.");
                    return Cli.InvalidInput;
                }
                var derived = Weighting.Entropy(rows, definition.Indicators.Select(i => i.Direction).ToList());
                entropy = definition.Indicators.Select((i, k) => (i.Code, derived[k])).ToDictionary(x => x.Code, x => x.Item2);
            }

            AhpResult? ahpResult = null;
            if (parse.GetValue(ahp) is { } path)
            {
                var matrix = File.ReadAllLines(path).Where(l => l.Trim().Length > 0)
                    .Select(l => (IReadOnlyList<decimal>)l.Split([',', ';', '\t', ' '], StringSplitOptions.RemoveEmptyEntries).Select(ParseRatio).ToList()).ToList();
                if (matrix.Count != definition.Dimensions.Count || matrix.Any(r => r.Count != matrix.Count))
                {
                    parse.InvocationConfiguration.Error.WriteLine($"{path}: the matrix must be {definition.Dimensions.Count} × {definition.Dimensions.Count}, one row per dimension ({string.Join(", ", definition.Dimensions.Select(d => d.Code))}).");
                    return Cli.InvalidInput;
                }
                ahpResult = Weighting.Ahp(matrix);
                if (ahpResult.Weights is null)
                {
                    parse.InvocationConfiguration.Error.WriteLine(
                        $"{path}: the comparisons are inconsistent: CR = {ahpResult.ConsistencyRatio.ToString("0.000", CultureInfo.InvariantCulture)} > 0.1 (λmax = {ahpResult.LambdaMax.ToString("0.000", CultureInfo.InvariantCulture)}); revise the matrix.");
                    return Cli.InvalidInput;
                }
            }

            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(Json.Serialize(new
                {
                    model = definition.Id,
                    effective,
                    entropy,
                    ahp = ahpResult is null ? null : new
                    {
                        weights = definition.Dimensions.Select((d, k) => (d.Code, ahpResult.Weights![k])).ToDictionary(x => x.Code, x => x.Item2),
                        ahpResult.LambdaMax, ahpResult.ConsistencyIndex, ahpResult.ConsistencyRatio,
                    },
                }));
                return 0;
            }
            TextTable.Write(output, entropy is null ? ["indicator", "dimension", "effective weight"] : ["indicator", "dimension", "effective weight", "entropy weight"],
                definition.Indicators.Select(i => (IReadOnlyList<string>)[.. new[] { $"{i.Code} {i.Name}", i.Dimension, Percent(effective[i.Code]) }
                    .Concat(entropy is null ? [] : [Percent(entropy[i.Code])])]));
            if (ahpResult is not null)
            {
                output.WriteLine();
                output.WriteLine($"AHP dimension weights (CR = {ahpResult.ConsistencyRatio.ToString("0.000", CultureInfo.InvariantCulture)}):");
                TextTable.Write(output, ["dimension", "model weight", "AHP weight"], definition.Dimensions.Select((d, k) => (IReadOnlyList<string>)
                    [d.Code, Percent(d.Weight / definition.Dimensions.Sum(x => x.Weight)), Percent(ahpResult.Weights![k])]));
            }
            return 0;
        });
        return weights;
    }

    private static string Percent(decimal share) => (share * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static decimal ParseRatio(string text) =>
        text.Split('/') is [var numerator, var denominator]
            ? decimal.Parse(numerator, CultureInfo.InvariantCulture) / decimal.Parse(denominator, CultureInfo.InvariantCulture)
            : decimal.Parse(text, CultureInfo.InvariantCulture);
}
