using System.Diagnostics;
using Gaoxin.Bench.Support;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Demo;
using Gaoxin.Core.Evaluation;

namespace Gaoxin.Bench.Workloads;

/// <summary>
/// W4: evaluation + Monte Carlo sensitivity over generated zones, the Core engine against
/// <see cref="ReferenceEvaluation"/>; the first run asserts both give the same values, scores, composites, ranks
/// and rank intervals.
/// </summary>
public static class Evaluation
{
    public const string Liaoning = "liaoning-2017-default";
    public const string National = "cn-htz-2021";

    public static EvaluationModel LoadModel(string id)
    {
        var dataSetPath = Path.Combine(AppContext.BaseDirectory, "datasets", "liaoning-default.yaml");
        var (set, setErrors) = DataSetParser.Parse(dataSetPath, File.ReadAllText(dataSetPath));
        if (set is null) throw new InvalidOperationException(string.Join("\n", setErrors));
        var path = Path.Combine(AppContext.BaseDirectory, "models", id + ".yaml");
        var (model, errors) = EvaluationModelParser.Parse(path, File.ReadAllText(path), set.Elements.Select(e => e.Code).ToHashSet());
        return model ?? throw new InvalidOperationException(string.Join("\n", errors));
    }

    /// <summary>The evaluation input of the last generated year over <paramref name="zones"/> generated zones.</summary>
    public static EvaluationInput Input(int zones)
    {
        var options = new NationalOptions(0, 2, zones, Size.Seed, 0, Size.LastYear);
        var values = NationalGenerator.ZoneValues(options).ToDictionary(v => (v.Unit, v.Element, v.Year), v => v.Value);
        var list = NationalGenerator.Zones(options).Select(z => new EvaluationZone(z.Code, z.Level)).ToList();
        return new EvaluationInput(Size.LastYear, list, (zone, element, year) => values.TryGetValue((zone, element, year), out var v) ? v : null);
    }

    public static void Run(Size size, Report report)
    {
        var input = Input(size.Zones);
        foreach (var id in new[] { Liaoning, National })
        {
            var model = LoadModel(id);
            var options = new SensitivityOptions(size.Replications, 1);
            var label = $"W4 evaluation + {size.Replications:N0}-rep sensitivity, {size.Zones} zones × {model.Indicators.Count}";

            // Warm the engine up (JIT), then time the median of three runs.
            EvaluationEngine.Evaluate(model, input, new SensitivityOptions(10, 1));
            var platformTimes = new List<double>();
            EvaluationResult? result = null;
            for (var k = 0; k < 3; k++)
            {
                var clock = Stopwatch.StartNew();
                result = EvaluationEngine.Evaluate(model, input, options);
                platformTimes.Add(clock.Elapsed.TotalSeconds);
            }

            ReferenceEvaluation.Run(model, input, new SensitivityOptions(3, 1)); // JIT
            var referenceTimes = new List<double>();
            ReferenceEvaluation.Result? reference = null;
            for (var k = 0; k < 3; k++)
            {
                var referenceClock = Stopwatch.StartNew();
                reference = ReferenceEvaluation.Run(model, input, options);
                referenceTimes.Add(referenceClock.Elapsed.TotalSeconds);
            }
            var platformSpread = Spread.Of(platformTimes);
            var referenceSpread = Spread.Of(referenceTimes);

            var mismatch = Compare(model, result!, reference!);
            report.Add(Row.Of(label, size.Name,
                new Figure(1 / platformSpread.MedianSeconds, "runs/s", "Core engine", Spread: platformSpread),
                new Figure(1 / referenceSpread.MedianSeconds, "runs/s", "reference implementation", Spread: referenceSpread),
                "≥ 10×", 10, note: "same values, scores, ranks and intervals (asserted)", outputsEqual: mismatch is null,
                timing: "in-process, warm (after a JIT run), median of 3 on both sides",
                differences: mismatch is null ? null : [mismatch]));
        }

        if (size.Name != "small")
        {
            // benchmarks.md moonshot: 10,000 replications of 180 × 46 under a second on 2 cores.
            var model = LoadModel(National);
            var moon = Input(180);
            EvaluationEngine.Evaluate(model, moon, new SensitivityOptions(100, 1));
            var times = new List<double>();
            for (var k = 0; k < 3; k++)
            {
                var clock = Stopwatch.StartNew();
                EvaluationEngine.Evaluate(model, moon, new SensitivityOptions(10_000, 1));
                times.Add(clock.Elapsed.TotalSeconds);
            }
            var spread = Spread.Of(times);
            report.Note($"W4 moonshot: 10,000 replications of 180 zones × 46 indicators took {spread.MedianSeconds:0.00} s ({spread.Show()}) on {Environment.ProcessorCount} cores (target < 1 s).");
        }
    }

    /// <summary>Null when equal; else the first difference.</summary>
    public static string? Compare(EvaluationModel model, EvaluationResult engine, ReferenceEvaluation.Result reference)
    {
        var byZone = engine.Zones.ToDictionary(z => z.Zone);
        for (var z = 0; z < reference.Zones.Length; z++)
        {
            var e = byZone[reference.Zones[z]];
            if (e.Rank != reference.Ranks[z]) return $"{e.Zone}: rank {e.Rank} ≠ {reference.Ranks[z]}";
            if (e.Composite != reference.Composites[z]) return $"{e.Zone}: composite {e.Composite} ≠ {reference.Composites[z]}";
            for (var i = 0; i < model.Indicators.Count; i++)
            {
                var code = model.Indicators[i].Code;
                if (e.Indicators[code].Value != reference.Values[z][i]) return $"{e.Zone} {code}: value {e.Indicators[code].Value} ≠ {reference.Values[z][i]}";
                if (e.Indicators[code].Score != reference.Scores[z][i]) return $"{e.Zone} {code}: score {e.Indicators[code].Score} ≠ {reference.Scores[z][i]}";
            }
            if (reference.Intervals is { } intervals && e.Interval != intervals[z]) return $"{e.Zone}: interval {e.Interval} ≠ {intervals[z]}";
        }
        return null;
    }
}
