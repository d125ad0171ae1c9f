using Gaoxin.Core.SiteSelection;
using Gaoxin.Data;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gaoxin.Features.SiteSelection;

public sealed record MatchedIndustryResponse(string Code, string Name, string NameEn, string Keyword, string? Domain);

public sealed record SitePartResponse(string Part, decimal Weight, decimal Fit, decimal Points, string Reason);

/// <summary>A zone's place: its score and one reason for each part of it.</summary>
public sealed record SiteZoneResponse(string Zone, string Name, decimal Score, IReadOnlyList<string> Reasons, IReadOnlyList<SitePartResponse> Parts);

public sealed record SiteSelectionResponse(string Industry, IReadOnlyList<MatchedIndustryResponse> Matched, IReadOnlyList<string> Needs, string? Size,
    IReadOnlyDictionary<string, decimal> Weights, IReadOnlyList<SiteZoneResponse> Zones);

/// <summary>GET /api/site-selection?industry=TEXT[&amp;needs=land,talent][&amp;size=…][&amp;w.industry=…]: zones ranked for an investor.</summary>
public static class SiteSelectionApi
{
    public static void MapSiteSelectionApi(this RouteGroupBuilder api) =>
        api.MapGet("/site-selection", RankAsync).AllowAnonymous().WithTags("Site selection").WithName("SiteSelection")
            .WithSummary("Zones ranked for an industry (free Chinese text), needs and weights, each with the reasons of its score");

    public static async Task<Results<Ok<SiteSelectionResponse>, ProblemHttpResult>> RankAsync(
        string? industry, string[]? needs, string? size,
        [FromQuery(Name = "w.industry")] string? wIndustry, [FromQuery(Name = "w.cluster")] string? wCluster,
        [FromQuery(Name = "w.carriers")] string? wCarriers, [FromQuery(Name = "w.needs")] string? wNeeds, [FromQuery(Name = "w.scale")] string? wScale,
        GaoxinDb db, IndustryCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var weights = new Dictionary<string, string?> { ["industry"] = wIndustry, ["cluster"] = wCluster, ["carriers"] = wCarriers, ["needs"] = wNeeds, ["scale"] = wScale };
        var (query, refused) = SiteQuery.Parse(industry, needs, size, weights, catalog);
        if (refused is not null)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: refused.Message, type: $"https://gaoxin.local/problems/{refused.Code}",
                extensions: new Dictionary<string, object?> { ["code"] = refused.Code, ["field"] = refused.Field });
        var result = await query!.RankAsync(db, catalog, clock.GetUtcNow(), ct);
        return TypedResults.Ok(ToResponse(query, result, catalog));
    }

    public static SiteSelectionResponse ToResponse(SiteQuery query, SiteSelectionResult result, IndustryCatalog catalog) => new(
        query.Industry,
        result.Matched.Select(m => catalog.Find(m.Code)!).Zip(result.Matched, (i, m) => new MatchedIndustryResponse(i.Code, i.Name, i.NameEn, m.Keyword, i.Domain)).ToList(),
        query.Needs, query.Size,
        SiteWeights.Parts.ToDictionary(p => p, p => Json.Normalize(result.Weights.Of(p))),
        result.Zones.Select(z => new SiteZoneResponse(z.Zone, Text.T(z.Name, z.NameEn), Json.Normalize(z.Score),
            z.Parts.Select(p => Text.T(p.Reason, p.ReasonEn)).ToList(),
            z.Parts.Select(p => new SitePartResponse(p.Part, Json.Normalize(p.Weight), Math.Round(p.Fit, 4), Json.Normalize(p.Points), Text.T(p.Reason, p.ReasonEn))).ToList())).ToList());
}
