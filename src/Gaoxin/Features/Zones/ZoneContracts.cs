using Gaoxin.Data.Zones;
using Gaoxin.Features.Plans;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Zones;

public sealed record ZoneResponse(
    string Code, string Name, string NameEn, string City, string? County, string Level, string Status,
    string Governance, IReadOnlyList<string> LeadingIndustries, decimal? AreaKm2);

public sealed record ZoneEventResponse(string EffectiveOn, string Kind, string Level, string Status, string Act, string? Note, string RecordedBy);

public sealed record ZoneYearResponse(int Year, string Level, string Status);

public sealed record ZoneDetailResponse(ZoneResponse Zone, IReadOnlyList<ZoneEventResponse> History, IReadOnlyList<ZoneYearResponse> Years);

public static class ZoneMapping
{
    public static ZoneResponse ToResponse(this ZoneSummary z) => new(
        z.Code, z.Name, z.NameEn, z.City, z.County, PlanMapping.Wire(z.Level), PlanMapping.Wire(z.Status),
        PlanMapping.Wire(z.Governance), z.LeadingIndustries, Json.Normalize(z.AreaKm2));

    public static ZoneDetailResponse ToResponse(this ZoneDetail detail) => new(
        detail.Zone.ToResponse(),
        detail.Events.Select(e => new ZoneEventResponse(e.EffectiveOn.ToString("yyyy-MM-dd"), PlanMapping.Wire(e.Kind),
            PlanMapping.Wire(e.Level), PlanMapping.Wire(e.Status), e.Act, e.Note, e.RecordedBy)).ToList(),
        detail.Years.Select(y => new ZoneYearResponse(y.Year, PlanMapping.Wire(y.Level), PlanMapping.Wire(y.Status))).ToList());
}
