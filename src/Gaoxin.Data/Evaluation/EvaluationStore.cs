using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Evaluation;
using Gaoxin.Core.Plans;
using Gaoxin.Core.Zones;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Figures;
using Gaoxin.Data.Plans;
using Gaoxin.Data.Zones;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Evaluation;

/// <summary>A bundled evaluation model with the file it came from.</summary>
public sealed record ModelFile(EvaluationModel Model, string Yaml, string Hash);

/// <summary>What an evaluation reads: the engine's input and the approved reports behind it.</summary>
public sealed record EvaluationData(EvaluationInput Input, IReadOnlyList<string> Snapshot, bool UsesDemoData,
    IReadOnlyDictionary<(string Zone, string Element, int Year), decimal> Values);

/// <summary>
/// What a run read, kept inside its stored result (property <c>input</c>) so that the run can be explained later
/// exactly as it was computed, whatever was corrected since: the zones with their groups in t and t−1, the elements
/// the model reads, and every figure in force of those elements in the years loaded, by zone, element and year.
/// </summary>
public sealed record RunInput(int Year, List<EvaluationZone> Zones, List<EvaluationZone> PreviousYearZones, List<string> Elements,
    Dictionary<string, Dictionary<string, Dictionary<int, decimal>>> Figures)
{
    /// <summary>The engine's input over the kept figures.</summary>
    public EvaluationInput ToInput() => new(Year, Zones,
        (zone, element, year) => Figures.TryGetValue(zone, out var elements) && elements.TryGetValue(element, out var years)
            && years.TryGetValue(year, out var value) ? value : null,
        PreviousYearZones);
}

/// <summary>A zone of a run being published, with the run's flags for it (<c>yellow_card</c>, <c>delisting_proposed</c>, …).</summary>
public sealed record PublishedZone(string Zone, IReadOnlyList<string> Flags);

/// <summary>Evaluation models, the data they read, and runs kept as records.</summary>
public static class EvaluationStore
{
    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web);

    /// <summary>Reads every bundled model (<c>models/*.yaml</c>) against the data set's elements.</summary>
    /// <exception cref="PlanFileException">A model file is invalid.</exception>
    public static IReadOnlyList<ModelFile> LoadModels(string bundleDirectory, IReadOnlySet<string> elements)
    {
        var folder = Path.Combine(bundleDirectory, "models");
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal).Select(path => ParseModel(path, File.ReadAllText(path, Encoding.UTF8), elements)).ToList();
    }

    /// <summary>Reads one model file; throws with every located problem when it is invalid.</summary>
    public static ModelFile ParseModel(string path, string yaml, IReadOnlySet<string> elements)
    {
        var (model, errors) = EvaluationModelParser.Parse(path, yaml, elements);
        if (model is null) throw new PlanFileException(errors);
        return new ModelFile(model, yaml, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml))));
    }

    /// <summary>
    /// The approved values of years t−2..t and each zone's group (its level) in t and t−1. Zones delisted before
    /// the end of a year are not evaluated for it.
    /// </summary>
    public static async Task<EvaluationData> LoadDataAsync(GaoxinDb db, int year, CancellationToken cancellationToken)
    {
        var reports = await db.Reports.AsNoTracking().Include(r => r.Values)
            .Where(r => r.State == ReportState.Approved && r.Year >= year - 2 && r.Year <= year).ToListAsync(cancellationToken);
        // The figures in force: registry counts and enterprise aggregates fill what an approved report left blank.
        var values = (await FigureStore.InForceAsync(db, year - 2, year, null, cancellationToken))
            .ToDictionary(v => (v.Value.Unit, v.Value.Element, v.Value.Year), v => v.Value.Value);
        var zones = await db.Zones.AsNoTracking().Include(z => z.Events).ToListAsync(cancellationToken);
        // Every zone of the registry is one of the province's own (the data set's province).
        var province = (await DataSetStore.GetAsync(db, cancellationToken)).ProvinceCode;
        var order = (await db.PlanZones.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(p => p.ZoneCode).ToDictionary(g => g.Key, g => g.Min(p => p.Ordinal));

        List<EvaluationZone> GroupsAt(int y) => zones
            .Select(z => (z.Code, State: ZoneHistory.StateOn(z.Events.Select(e => e.ToEvent()), new DateOnly(y, 12, 31))))
            .Where(z => z.State is { Status: not ZoneStatus.Delisted })
            .OrderBy(z => order.GetValueOrDefault(z.Code, int.MaxValue)).ThenBy(z => z.Code, StringComparer.Ordinal)
            .Select(z => new EvaluationZone(z.Code, z.State!.Level == ZoneLevel.National ? "national" : "provincial",
                z.State!.Level == ZoneLevel.National, province))
            .ToList();

        var input = new EvaluationInput(year, GroupsAt(year), (zone, element, y) => values.TryGetValue((zone, element, y), out var v) ? v : null, GroupsAt(year - 1));
        var snapshot = reports.OrderBy(r => r.Year).ThenBy(r => r.UnitCode, StringComparer.Ordinal).Select(r => $"{r.UnitCode}/{r.Year}/{r.Revision}").ToList();
        return new EvaluationData(input, snapshot, reports.Any(r => r.IsDemo), values);
    }

    /// <summary>What a run of <paramref name="model"/> keeps of the data it read: the figures of the elements the model reads.</summary>
    public static RunInput InputOf(EvaluationModel model, EvaluationData data)
    {
        var elements = model.Indicators.SelectMany(i => i.Formula.Operands()).Select(o => o.Element).Distinct().Order(StringComparer.Ordinal).ToList();
        var read = elements.ToHashSet();
        var figures = new Dictionary<string, Dictionary<string, Dictionary<int, decimal>>>();
        foreach (var ((zone, element, year), value) in data.Values)
        {
            if (!read.Contains(element)) continue;
            if (!figures.TryGetValue(zone, out var byElement)) figures[zone] = byElement = [];
            if (!byElement.TryGetValue(element, out var byYear)) byElement[element] = byYear = [];
            byYear[year] = value;
        }
        var input = data.Input;
        return new RunInput(input.Year, input.Zones.ToList(), (input.PreviousYearZones ?? input.Zones).ToList(), elements, figures);
    }

    /// <summary>The input a run kept, or null for a run stored before runs kept their input.</summary>
    public static RunInput? StoredInput(EvaluationRunRecord run)
    {
        using var result = JsonDocument.Parse(run.ResultJson);
        return result.RootElement.TryGetProperty("input", out var input) ? input.Deserialize<RunInput>(StoredJson) : null;
    }

    /// <summary>The model a run used, read from the file it kept (against the elements it read, not today's data set).</summary>
    /// <exception cref="PlanFileException">The kept file no longer parses.</exception>
    public static EvaluationModel StoredModel(EvaluationRunRecord run, RunInput input) =>
        ParseModel($"run {run.Id}: {run.ModelId} v{run.ModelVersion}", run.ModelYaml, input.Elements.ToHashSet()).Model;

    /// <summary>
    /// Stores a run (not yet published) and returns its id. The stored result is <paramref name="resultJson"/> with the
    /// run's input added (see <see cref="RunInput"/>).
    /// </summary>
    public static async Task<long> SaveRunAsync(GaoxinDb db, ModelFile model, int year, SensitivityOptions? sensitivity, EvaluationData data,
        string resultJson, string actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var run = new EvaluationRunRecord
        {
            Year = year, ModelId = model.Model.Id, ModelVersion = model.Model.Version, ModelHash = model.Hash, ModelYaml = model.Yaml,
            Replications = sensitivity?.Replications ?? 0, Seed = sensitivity?.Seed ?? 0, WeightSpread = sensitivity?.WeightSpread ?? 0,
            VaryNormalisation = sensitivity?.VaryNormalisation ?? false, Snapshot = string.Join('\n', data.Snapshot),
            UsesDemoData = data.UsesDemoData, ResultJson = WithInput(resultJson, InputOf(model.Model, data)), CreatedAt = clock.GetUtcNow(), CreatedBy = actor,
        };
        db.EvaluationRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run.Id;
    }

    /// <summary>
    /// Publishes a run: it becomes immutable, and the zone registry records a yellow card for every zone the run flags
    /// with one, a delisting proposal for every provincial zone it proposes and a report to the ministry for every
    /// national zone it reports upward (dated the day of publication, citing the run).
    /// Returns null, or why it was refused. <paramref name="published"/>, when given, runs inside the publication's transaction
    /// after the zones' events are recorded (the rectification cases open there), with every zone's flags.
    /// </summary>
    /// <param name="documentNumber">The bulletin's document number (文号); null takes the next free one of the year of issue.</param>
    public static async Task<string?> PublishAsync(GaoxinDb db, long runId, string actor, TimeProvider clock, CancellationToken cancellationToken,
        Func<EvaluationRunRecord, IReadOnlyList<PublishedZone>, Task>? published = null, string? documentNumber = null)
    {
        using var job = Telemetry.Start(Telemetry.Jobs.Publication);
        var run = await db.EvaluationRuns.FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null) return "run_not_found";
        if (run.PublishedAt is not null) return "run_published";
        if (await db.EvaluationRuns.AnyAsync(r => r.Year == run.Year && r.ModelId == run.ModelId && r.PublishedAt != null, cancellationToken))
            return "year_published";
        if (documentNumber is not null)
        {
            documentNumber = documentNumber.Trim();
            if (Core.Evaluation.BulletinNumber.Refusal(documentNumber) is { } bad) return bad;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var taken = await db.EvaluationRuns.Where(r => r.DocumentNumber != null).Select(r => r.DocumentNumber!).ToListAsync(cancellationToken);
        if (documentNumber is not null && taken.Contains(documentNumber)) return "document_number_used";
        run.PublishedAt = now;
        run.PublishedBy = actor;
        run.DocumentNumber = documentNumber ?? Core.Evaluation.BulletinNumber.Next(now.Year, taken);
        await db.SaveChangesAsync(cancellationToken);
        CrashPoint.Reach("mid-write");

        using var result = JsonDocument.Parse(run.ResultJson);
        var act = $"{run.Year}年度综合评价考核结果 (run {run.Id}, {run.ModelId} v{run.ModelVersion})";
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var zones = new List<PublishedZone>();
        foreach (var zone in result.RootElement.GetProperty("zones").EnumerateArray())
        {
            var code = zone.GetProperty("zone").GetString()!;
            var flags = zone.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!).ToList();
            zones.Add(new PublishedZone(code, flags));
            if (flags.Contains("yellow_card"))
                await ZoneRegistry.RecordAsync(db, new ZoneChange(code, ZoneEventKind.YellowCard, today, act, "限期整改至次年12月31日"), actor, clock, cancellationToken);
            if (flags.Contains(EvaluationFlags.DelistingProposed))
                await ZoneRegistry.RecordAsync(db, new ZoneChange(code, ZoneEventKind.DelistingProposed, today, act, "连续考核不合格"), actor, clock, cancellationToken);
            if (flags.Contains(EvaluationFlags.ReportUpward))
                await ZoneRegistry.RecordAsync(db, new ZoneChange(code, ZoneEventKind.ReportedUpward, today, act, "国家级高新区连续考核不合格,报请科技部处理"), actor, clock, cancellationToken);
        }
        if (published is not null) await published(run, zones);
        CrashPoint.Reach("before-commit");
        await transaction.CommitAsync(cancellationToken);
        job.Stored();
        return null;
    }

    private static string WithInput(string resultJson, RunInput input)
    {
        var stored = JsonNode.Parse(resultJson)!.AsObject();
        stored["input"] = JsonSerializer.SerializeToNode(input, StoredJson);
        return stored.ToJsonString(StoredJson);
    }

    /// <summary>One run by id, or null.</summary>
    public static Task<EvaluationRunRecord?> RunAsync(GaoxinDb db, long id, CancellationToken cancellationToken) =>
        db.EvaluationRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>Runs newest first.</summary>
    public static Task<List<EvaluationRunRecord>> ListRunsAsync(GaoxinDb db, CancellationToken cancellationToken) =>
        db.EvaluationRuns.AsNoTracking().OrderByDescending(r => r.Id).ToListAsync(cancellationToken);

    /// <summary>The newest year with a run of the model (only published runs when <paramref name="publishedOnly"/>), or null.</summary>
    public static Task<int?> LatestRunYearAsync(GaoxinDb db, string modelId, bool publishedOnly, CancellationToken cancellationToken) =>
        db.EvaluationRuns.Where(r => r.ModelId == modelId && (!publishedOnly || r.PublishedAt != null)).MaxAsync(r => (int?)r.Year, cancellationToken);

    /// <summary>The published run of a year and model, or else the newest run of it; null when there is none.</summary>
    public static async Task<EvaluationRunRecord?> RunForYearAsync(GaoxinDb db, int year, string modelId, CancellationToken cancellationToken) =>
        await db.EvaluationRuns.AsNoTracking().Where(r => r.Year == year && r.ModelId == modelId)
            .OrderByDescending(r => r.PublishedAt != null).ThenByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
}
