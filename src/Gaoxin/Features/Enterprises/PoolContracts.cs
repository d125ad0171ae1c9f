using System.Text.Json;
using Gaoxin.Core.Enterprises;
using Gaoxin.Data.Enterprises;

namespace Gaoxin.Features.Enterprises;

// The reserve pool (后备库) on the wire, shared by `gaoxin pool …` and /api/pool….

/// <summary>
/// A proposal: <c>assessment</c> is the JSON of <c>gaoxin hte assess</c> (a high-tech self-assessment), of
/// <c>gaoxin tech-sme assess</c>, or an object with both under <c>hte</c> and <c>techSme</c>; <c>date</c> defaults to today.
/// </summary>
public sealed record PoolProposeRequest(string CreditCode, JsonElement Assessment, DateOnly? Date, string? Note);

/// <summary>A move to <c>to</c> (a stage code: candidate, in_pool, trained, applied, recognised, dropped); <c>date</c> defaults to today.</summary>
public sealed record PoolMoveRequest(string To, DateOnly? Date, string? Note);

/// <summary>A training record.</summary>
public sealed record PoolTrainRequest(DateOnly Date, string Course, decimal? Hours, string? Provider);

/// <summary>The stage an enterprise is at after a change; for a proposal, the entry routes that held.</summary>
public sealed record PoolChangeResponse(string CreditCode, string Stage, IReadOnlyList<string> Routes);

/// <summary>An enterprise of the pool.</summary>
public sealed record PoolMemberResponse(string CreditCode, string Name, string Zone, string Stage, string StageOn, string ProposedOn,
    IReadOnlyList<string> EntryRoutes, int Trainings, string? LastTrainingOn);

/// <summary>A zone's pool figures for a year.</summary>
public sealed record PoolCountsResponse(string Zone, int InPool, int Trained, int TrainedToDate, int Recognised, int RecognisedToDate, int EnteredToDate);

/// <summary>The pool figures of a year, per zone and in total.</summary>
public sealed record PoolYearResponse(int Year, IReadOnlyList<PoolCountsResponse> Zones, PoolCountsResponse Total);

public static class PoolMapping
{
    public static PoolMemberResponse ToResponse(this PoolListItem i) => new(i.CreditCode, i.Name, i.Zone, EnterpriseWire.Name(i.Stage),
        i.StageOn.ToString("yyyy-MM-dd"), i.ProposedOn.ToString("yyyy-MM-dd"), i.EntryRoutes, i.Trainings, i.LastTrainingOn?.ToString("yyyy-MM-dd"));

    public static PoolYearResponse ToResponse(int year, IReadOnlyDictionary<(string Zone, int Year), ReservePoolFigures> figures)
    {
        var zones = figures.Where(f => f.Key.Year == year).OrderBy(f => f.Key.Zone, StringComparer.Ordinal)
            .Select(f => new PoolCountsResponse(f.Key.Zone, f.Value.InPool, f.Value.Trained, f.Value.TrainedToDate, f.Value.Recognised, f.Value.RecognisedToDate, f.Value.EnteredToDate))
            .ToList();
        return new PoolYearResponse(year, zones, new PoolCountsResponse("total", zones.Sum(z => z.InPool), zones.Sum(z => z.Trained),
            zones.Sum(z => z.TrainedToDate), zones.Sum(z => z.Recognised), zones.Sum(z => z.RecognisedToDate), zones.Sum(z => z.EnteredToDate)));
    }

    /// <summary>A stage code, or null when it names none.</summary>
    public static ReserveStage? Stage(string? code) => code is not null && EnterpriseWire.Stages.TryGetValue(code.Trim(), out var s) ? s : null;
}

/// <summary>Reads the assessment a proposal carries and runs it through the self-assessments (nothing is stored here).</summary>
public static class PoolAssessment
{
    /// <summary>The results of the high-tech self-assessment and/or the 科技型中小企业 evaluation, or the input's problems.</summary>
    public static (HteAssessmentResult? Hte, TechSmeResult? TechSme, IReadOnlyList<EnterpriseInputError> Errors) Read(EnterpriseRules rules, string json, DateOnly today)
    {
        var (root, error) = EnterpriseInputReader.Parse(json);
        if (root is not { } r) return (null, null, [error!]);
        JsonElement? hte = null, techSme = null;
        if (r.TryGetProperty("hte", out var h) || r.TryGetProperty("techSme", out _))
        {
            if (r.TryGetProperty("hte", out h)) hte = h;
            if (r.TryGetProperty("techSme", out var t)) techSme = t;
        }
        else if (r.TryGetProperty("registeredOn", out _)) hte = r;
        else if (r.TryGetProperty("residentEnterprise", out _)) techSme = r;
        else return (null, null, [new EnterpriseInputError("assessment", "unknown_assessment",
            "give the JSON of gaoxin hte assess or gaoxin tech-sme assess, or an object with both under hte and techSme")]);

        var errors = new List<EnterpriseInputError>();
        HteAssessmentResult? hteResult = null;
        TechSmeResult? techSmeResult = null;
        if (hte is { } hteRoot)
        {
            var reader = new EnterpriseInputReader();
            if (reader.ReadHte(hteRoot) is { } input)
            {
                var outcome = EnterpriseChecks.Hte(rules, input, null);
                hteResult = outcome.Result;
                errors.AddRange(outcome.Errors);
            }
            else errors.AddRange(reader.Errors);
        }
        if (techSme is { } techRoot)
        {
            var reader = new EnterpriseInputReader();
            var (input, assessedOn) = reader.ReadTechSme(techRoot);
            if (input is not null)
            {
                var outcome = EnterpriseChecks.TechSme(rules, input, null, assessedOn ?? today);
                techSmeResult = outcome.Result;
                errors.AddRange(outcome.Errors);
            }
            else errors.AddRange(reader.Errors);
        }
        return errors.Count > 0 ? (null, null, errors) : (hteResult, techSmeResult, []);
    }
}
