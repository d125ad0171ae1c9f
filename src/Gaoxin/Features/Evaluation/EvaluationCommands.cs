using Microsoft.EntityFrameworkCore;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Gaoxin.Core.Evaluation;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Evaluation;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Evaluation;

/// <summary><c>gaoxin evaluate --year Y [--model ID] [--sensitivity N] [--seed S]</c> and <c>gaoxin evaluate publish RUN_ID</c>.</summary>
public static class EvaluationCommands
{
    public const string DefaultModel = "liaoning-2017-default";

    public static Command Build()
    {
        var year = new Option<int>("--year") { Description = "the year evaluated", Required = true };
        var model = new Option<string>("--model") { Description = "evaluation model id", DefaultValueFactory = _ => DefaultModel };
        var sensitivity = new Option<int>("--sensitivity") { Description = "Monte Carlo replications for rank intervals (0: none)", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "random seed of the Monte Carlo run", DefaultValueFactory = _ => 1 };
        var spread = new Option<decimal>("--spread") { Description = "weight perturbation: factors drawn from U(1−s, 1+s); 0 with --fixed-normalisation switches perturbation off", DefaultValueFactory = _ => 0.25m };
        var fixedNormalisation = new Option<bool>("--fixed-normalisation") { Description = "keep the model's own normalisation in every replication" };
        var format = Cli.FormatOption();
        var evaluate = new Command("evaluate", "run the annual comprehensive evaluation on approved figures; the run is kept as a record")
        {
            year, model, sensitivity, seed, spread, fixedNormalisation, format, BuildPublish(), WeightCommands.Build(),
        };
        evaluate.SetAction(async (parse, ct) =>
        {
            await using var db = await Cli.OpenAsync(parse, ct);
            var options = parse.GetValue(sensitivity) is > 0 and var n
                ? new SensitivityOptions(n, parse.GetValue(seed), parse.GetValue(spread), !parse.GetValue(fixedNormalisation))
                : null;
            var outcome = await EvaluationRunner.RunAsync(db, parse.GetValue(year), parse.GetValue(model)!, options, Cli.Actor, TimeProvider.System, ct);
            if (outcome.Error is { } error)
            {
                parse.InvocationConfiguration.Error.WriteLine(error);
                return Cli.NotFound;
            }
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
            {
                // The run's id first, so that a script can publish it (gaoxin evaluate publish RUN_ID).
                var printed = System.Text.Json.Nodes.JsonNode.Parse(outcome.Json)!.AsObject();
                printed.Insert(0, "run", outcome.RunId);
                output.WriteLine(printed.ToJsonString(Json.Options));
                return 0;
            }
            var result = outcome.Response!;
            TextTable.Write(output, ["group", "rank", "zone", "composite", result.Graded ? "grade" : "percentile", "interval", "flags"],
                result.Zones.Select(z => (IReadOnlyList<string>)[z.Group, z.Rank.ToString(CultureInfo.InvariantCulture), z.Zone,
                    z.Composite.ToString("0.00", CultureInfo.InvariantCulture), z.Grade ?? z.Percentile.ToString("0.#", CultureInfo.InvariantCulture),
                    z.RankInterval is { } r ? $"{r.P5}–{r.P95}" : "", string.Join(",", z.Flags)]));
            output.WriteLine();
            if (!result.Graded) output.WriteLine($"No grades: the composite is a {result.Scale!.Replace('_', ' ')} (composite, rank and percentile only).");
            output.WriteLine($"Run {outcome.RunId} recorded{(outcome.UsesDemoData ? " (on demo data)" : "")}; publish it with: gaoxin evaluate publish {outcome.RunId}");
            return 0;
        });
        return evaluate;
    }

    private static Command BuildPublish()
    {
        var run = new Argument<long>("RUN_ID") { Description = "the run to publish" };
        var number = new Option<string?>("--document-number") { Description = "the bulletin's document number (文号), e.g. 辽高新推〔2021〕3号; default: the next free one of this year" };
        var publish = new Command("publish", "publish a run: it becomes immutable and the zones' yellow cards and delisting proposals are recorded") { run, number };
        publish.SetAction(async (parse, ct) =>
        {
            await using var db = await Cli.OpenAsync(parse, ct);
            if (await Data.Rectification.RectificationStore.PublishRunAsync(db, parse.GetValue(run), Cli.Actor, TimeProvider.System, ct, parse.GetValue(number)) is { } refused)
            {
                parse.InvocationConfiguration.Error.WriteLine($"Run {parse.GetValue(run)} not published: {refused}");
                return refused == "run_not_found" ? Cli.NotFound : Cli.InvalidInput;
            }
            var published = await db.EvaluationRuns.AsNoTracking().FirstAsync(r => r.Id == parse.GetValue(run), ct);
            parse.InvocationConfiguration.Output.WriteLine($"Published run {parse.GetValue(run)} as {published.DocumentNumber}.");
            return 0;
        });
        return publish;
    }
}

/// <summary>One evaluation, shared by the CLI, the API and the pages.</summary>
public static class EvaluationRunner
{
    public sealed record Outcome(string? Error, long RunId, EvaluationResponse? Response, string Json, bool UsesDemoData);

    /// <summary>The bundled models, read against the data set's elements.</summary>
    public static async Task<IReadOnlyList<ModelFile>> ModelsAsync(GaoxinDb db, CancellationToken ct)
    {
        var set = await DataSetStore.GetAsync(db, ct);
        return EvaluationStore.LoadModels(GaoxinDatabase.BundleDirectory, set.Elements.Select(e => e.Code).ToHashSet());
    }

    /// <summary>Evaluates a year with a model, records the run, and returns the result and its JSON.</summary>
    public static async Task<Outcome> RunAsync(GaoxinDb db, int year, string modelId, SensitivityOptions? sensitivity, string actor, TimeProvider clock, CancellationToken ct)
    {
        using var job = Telemetry.Start(Telemetry.Jobs.Evaluation);
        var model = (await ModelsAsync(db, ct)).FirstOrDefault(m => m.Model.Id == modelId);
        if (model is null) return new Outcome($"No evaluation model '{modelId}'.", 0, null, "", false);
        var data = await EvaluationStore.LoadDataAsync(db, year, ct);
        var response = EvaluationEngine.Evaluate(model.Model, data.Input, sensitivity).ToResponse();
        var json = Json.Serialize(response);
        var runId = await EvaluationStore.SaveRunAsync(db, model, year, sensitivity, data, json, actor, clock, ct);
        job.Stored();
        return new Outcome(null, runId, response, json, data.UsesDemoData);
    }

    /// <summary>A zone explained in a stored run; <see cref="Explanation"/> is null for a run stored before runs kept their figures.</summary>
    public sealed record Explained(EvaluationRunRecord Run, EvaluationResponse Result, EvaluationModel? Model, ZoneExplanation? Explanation);

    /// <summary>
    /// The explanation of a zone in a stored run: run <paramref name="runId"/>, else the year's published run (for the office the
    /// newest when none is published), computed from the model file and the figures the run kept, so it agrees with the run's
    /// bulletin whatever was corrected since. Null when there is no such run or zone, or the run is unpublished and the reader
    /// is not the office.
    /// </summary>
    public static async Task<Explained?> ExplainAsync(GaoxinDb db, int year, string zone, string? modelId, long? runId, bool office, CancellationToken ct)
    {
        var run = runId is { } id ? await EvaluationStore.RunAsync(db, id, ct) : await EvaluationStore.RunForYearAsync(db, year, modelId ?? EvaluationCommands.DefaultModel, ct);
        if (run is null || run.Year != year || (run.PublishedAt is null && !office)) return null;
        var result = Read(run);
        if (result.Zones.All(z => z.Zone != zone)) return null;
        if (EvaluationStore.StoredInput(run) is not { } input) return new Explained(run, result, null, null);
        var model = EvaluationStore.StoredModel(run, input);
        return new Explained(run, result, model, EvaluationEngine.Explain(model, input.ToInput(), zone));
    }

    /// <summary>A stored run's result.</summary>
    public static EvaluationResponse Read(EvaluationRunRecord run) => JsonSerializer.Deserialize<EvaluationResponse>(run.ResultJson, Json.Options)!;
}
