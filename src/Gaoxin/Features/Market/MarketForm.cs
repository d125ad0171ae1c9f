using Gaoxin.Core.SiteSelection;
using Gaoxin.Data.Market;
using Gaoxin.Data.Zones;

namespace Gaoxin.Features.Market;

/// <summary>What the profile forms (post and edit) show: the values, and the choices of field, zone and institution.</summary>
public sealed record MarketForm(DemandRequest? Demand, AchievementRequest? Achievement, IndustryCatalog Catalog, IReadOnlyList<ZoneSummary> Zones,
    IReadOnlyList<InstitutionView> Institutions);
