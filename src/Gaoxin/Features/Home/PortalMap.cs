using Gaoxin.Core.Maps;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Home;

/// <summary>
/// The map of the province the pages draw with ECharts: the boundary file (the bundled echarts-map Liaoning file, or the
/// office's own through <c>Portal:MapFile</c>), read and checked once at start and served at <see cref="Route"/>, and each
/// zone's point from <c>portal/zone-locations.yaml</c>. <c>Portal:MapApproval</c> is the map's approval number (审图号), shown
/// under it; without one the page calls the map schematic (示意图).
/// </summary>
public sealed class PortalMap
{
    /// <summary>The drawing's width in SVG units; the height follows from the province's shape.</summary>
    public const double Width = 640;

    /// <summary>Points closer than this (SVG units) to the last one drawn are dropped: about 1.2 km on the province's map.</summary>
    private const double MinStep = 1.6;

    private PortalMap(IReadOnlyList<City> cities, MapProjection? projection, IReadOnlyDictionary<string, ZoneLocation> locations, string? approval, string? problem, byte[]? boundaries = null)
    {
        (Cities, Projection, Locations, Approval, Problem, Boundaries) = (cities, projection, locations, approval, problem, boundaries);
    }

    /// <summary>The boundary file as read and checked at start, served to the pages' maps at <see cref="Route"/>; null when there is none.</summary>
    public byte[]? Boundaries { get; }

    /// <summary>Where the pages fetch the boundary file from: this server, never another address.</summary>
    public const string Route = "/maps/province.json";

    /// <summary><c>GET /maps/province.json</c>: the boundary file the server read at start (the bundled one or <c>Portal:MapFile</c>).</summary>
    public static void MapBoundaryFile(IEndpointRouteBuilder app) =>
        app.MapGet(Route, IResult (PortalMap map, HttpContext context) =>
        {
            if (map.Boundaries is not { } bytes)
                return Shared.Refusal.NotFound("no_map", "地图文件不可用。", "The map file is not available.").ToResult();
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Bytes(bytes, "application/json");
        }).ExcludeFromDescription().AllowAnonymous();

    /// <summary>A city as drawn: its name, outline path and label position.</summary>
    public sealed record City(string Name, string Path, double LabelX, double LabelY, GeoRegion Region);

    public IReadOnlyList<City> Cities { get; }
    public MapProjection? Projection { get; }
    public IReadOnlyDictionary<string, ZoneLocation> Locations { get; }
    /// <summary>The approval number (审图号), or null: then the map is marked schematic.</summary>
    public string? Approval { get; }
    /// <summary>Why there is no map to draw (the file is missing or unreadable), for the log; null when there is one.</summary>
    public string? Problem { get; }

    /// <summary>The zone's position on the drawing, or null when it has no point.</summary>
    public (double X, double Y)? Position(string zone) =>
        Projection is not null && Locations.TryGetValue(zone, out var l) ? Projection.Project(l.Point) : null;

    /// <summary>The bundled boundary file, restored from npm by the build.</summary>
    public static string BundledMapFile => Path.Combine(AppContext.BaseDirectory, "wwwroot", "lib", "maps", "liaoning.json");

    /// <summary>The bundled zone points.</summary>
    public static string LocationsFile => Path.Combine(AppContext.BaseDirectory, "portal", "zone-locations.yaml");

    /// <summary>Reads the map and the points. A broken zone-locations file stops the server (it ships with it); a missing map leaves the pages without one.</summary>
    public static PortalMap Load(IConfiguration configuration)
    {
        var file = configuration["Portal:MapFile"] is { Length: > 0 } configured ? configured : BundledMapFile;
        var approval = configuration["Portal:MapApproval"] is { Length: > 0 } a ? a.Trim() : null;
        var (locations, errors) = File.Exists(LocationsFile) ? ZoneLocations.Parse(File.ReadAllText(LocationsFile)) : ([], []);
        if (errors.Count > 0) throw new InvalidOperationException($"{LocationsFile}: {string.Join("; ", errors)}");
        var byZone = locations.ToDictionary(l => l.Zone);
        if (!File.Exists(file)) return new PortalMap([], null, byZone, approval, $"map file not found: {file}");
        IReadOnlyList<GeoRegion> regions;
        var bytes = File.ReadAllBytes(file);
        try
        {
            regions = GeoJsonMap.Parse(System.Text.Encoding.UTF8.GetString(bytes));
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException)
        {
            throw new InvalidOperationException($"Portal:MapFile {file} is not a GeoJSON FeatureCollection: {e.Message}", e);
        }
        if (regions.Count == 0) return new PortalMap([], null, byZone, approval, $"no polygons in {file}");
        var projection = new MapProjection(regions, Width, margin: 12);
        var cities = regions.Select(r =>
        {
            var (x, y) = projection.Project(r.Centre);
            return new City(r.Name, projection.Path(r, MinStep), x, y, r);
        }).ToList();
        return new PortalMap(cities, projection, byZone, approval, null, bytes);
    }
}
