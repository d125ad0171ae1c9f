using System.Globalization;
using Gaoxin.Core.Plans;
using Gaoxin.Data.Zones;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Home;

/// <summary>A zone as the map marks it: where it is, its city, its level and the value of the map's indicator (null: no figure).</summary>
public sealed record GeoMapPoint(string Code, string Name, string City, bool National, double? Longitude, double? Latitude, decimal? Value, string Url);

/// <summary>
/// What the map partial (<c>_GeoMap</c>) draws: the province's cities from the boundary file the server serves at
/// <see cref="PortalMap.Route"/>, each zone as a point coloured by <see cref="Indicator"/>, and beside it the table of the same
/// zones, cities and values (the map's text alternative, and all there is without scripts).
/// </summary>
public sealed record GeoMapView(string Id, string TableId, string Title, string? Indicator, string? Unit, IReadOnlyList<GeoMapPoint> Points, PortalMap Map)
{
    /// <summary>The map's points and words as the page embeds them for charts.js.</summary>
    public object Series() => new
    {
        map = PortalMap.Route,
        title = Title,
        indicator = Indicator,
        unit = Unit,
        points = Points.Where(p => p.Longitude is not null && p.Latitude is not null).Select(p => new
        {
            code = p.Code,
            name = p.Name,
            label = Monitoring.MonitoringPages.ShortName(p.Name),
            national = p.National,
            lon = p.Longitude,
            lat = p.Latitude,
            value = p.Value is { } v ? Math.Round(v, 4) : (decimal?)null,
            url = p.Url,
        }),
        // The boundary file names its cities in Chinese; in English the map shows their English names.
        nameMap = IsEnglish ? Map.Cities.Select(c => c.Name).Distinct().ToDictionary(c => c, GeoMapText.CityEn) : null,
        labels = new
        {
            noData = T("暂无数据", "no data"),
            open = T("查看 →", "Open →"),
            national = T("国家级高新区", "National zone"),
            provincial = T("省级高新区", "Provincial zone"),
        },
    };

    /// <summary>
    /// The map of the given zones: each at its point in <c>portal/zone-locations.yaml</c> (else at <paramref name="fallback"/>'s),
    /// with <paramref name="values"/> as the indicator.
    /// </summary>
    public static GeoMapView Of(string id, string tableId, string title, string? indicator, string? unit, PortalMap map,
        IEnumerable<ZoneSummary> zones, IReadOnlyDictionary<string, decimal?> values, Func<string, string> url,
        IReadOnlyDictionary<string, (double Lon, double Lat)>? fallback = null) =>
        new(id, tableId, title, indicator, unit is null ? null : Shared.Text.UnitText(unit), zones.Select(z =>
        {
            (double Lon, double Lat)? at = map.Locations.TryGetValue(z.Code, out var l) ? (l.Point.Lon, l.Point.Lat)
                : fallback?.TryGetValue(z.Code, out var f) == true ? f : null;
            return new GeoMapPoint(z.Code, T(z.Name, z.NameEn), GeoMapText.City(z.City), z.Level == ZoneLevel.National,
                at?.Lon, at?.Lat, values.GetValueOrDefault(z.Code), url(z.Code));
        }).ToList(), map);

    /// <summary>A coordinate as the page's data attributes carry it.</summary>
    public static string Coordinate(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}

/// <summary>The names of Liaoning's prefecture-level cities in English, for the map and its table in English mode.</summary>
public static class GeoMapText
{
    private static readonly Dictionary<string, string> Cities = new()
    {
        ["沈阳"] = "Shenyang", ["大连"] = "Dalian", ["鞍山"] = "Anshan", ["抚顺"] = "Fushun", ["本溪"] = "Benxi",
        ["丹东"] = "Dandong", ["锦州"] = "Jinzhou", ["营口"] = "Yingkou", ["阜新"] = "Fuxin", ["辽阳"] = "Liaoyang",
        ["盘锦"] = "Panjin", ["铁岭"] = "Tieling", ["朝阳"] = "Chaoyang", ["葫芦岛"] = "Huludao",
    };

    /// <summary>A city's English name ("沈阳市" → "Shenyang"); a name the list does not know stays as it is.</summary>
    public static string CityEn(string name) =>
        Cities.TryGetValue(name.EndsWith('市') ? name[..^1] : name, out var en) ? en : name;

    /// <summary>A city's name in the page's language.</summary>
    public static string City(string name) => IsEnglish ? CityEn(name) : name;
}
