using System.Globalization;
using System.Text.Json;

namespace Gaoxin.Core.Maps;

/// <summary>A point in degrees (WGS-84 longitude and latitude, or whatever datum the boundary file uses).</summary>
public readonly record struct GeoPoint(double Lon, double Lat);

/// <summary>One named region of a boundary file: its rings (outer rings and holes alike) and its label point.</summary>
/// <param name="Name">The feature's <c>name</c> property, e.g. 沈阳市.</param>
/// <param name="Rings">Every ring of every polygon; a point is inside when an odd number of rings surround it.</param>
/// <param name="Centre">The feature's <c>cp</c> property, else the centre of its bounding box.</param>
public sealed record GeoRegion(string Name, IReadOnlyList<IReadOnlyList<GeoPoint>> Rings, GeoPoint Centre)
{
    /// <summary>True when <paramref name="point"/> lies inside the region (even-odd rule over all its rings).</summary>
    public bool Contains(GeoPoint point)
    {
        var inside = false;
        foreach (var ring in Rings)
            for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
            {
                var (a, b) = (ring[i], ring[j]);
                if ((a.Lat > point.Lat) != (b.Lat > point.Lat)
                    && point.Lon < (b.Lon - a.Lon) * (point.Lat - a.Lat) / (b.Lat - a.Lat) + a.Lon)
                    inside = !inside;
            }
        return inside;
    }

    /// <summary>
    /// Kilometres from <paramref name="point"/> to the region: 0 inside, else to the nearest edge (a local flat approximation,
    /// good to a few metres over the tens of kilometres it is used for).
    /// </summary>
    public double DistanceKm(GeoPoint point)
    {
        if (Contains(point)) return 0;
        var kx = 111.32 * Math.Cos(point.Lat * Math.PI / 180);
        const double ky = 110.57;
        var best = double.MaxValue;
        foreach (var ring in Rings)
            for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
            {
                double ax = (ring[j].Lon - point.Lon) * kx, ay = (ring[j].Lat - point.Lat) * ky;
                double bx = (ring[i].Lon - point.Lon) * kx, by = (ring[i].Lat - point.Lat) * ky;
                double dx = bx - ax, dy = by - ay, length = dx * dx + dy * dy;
                var t = length == 0 ? 0 : Math.Clamp(-(ax * dx + ay * dy) / length, 0, 1);
                double px = ax + t * dx, py = ay + t * dy;
                best = Math.Min(best, Math.Sqrt(px * px + py * py));
            }
        return best;
    }

    /// <summary>The smallest and largest longitude and latitude of the region's rings.</summary>
    public (double MinLon, double MinLat, double MaxLon, double MaxLat) Bounds() => GeoJsonMap.Bounds([this]);
}

/// <summary>
/// Reads a boundary file: plain GeoJSON, or ECharts' compressed GeoJSON (<c>"UTF8Encoding": true</c>) as the echarts-map
/// package ships it. The compressed form keeps each ring as a string of character pairs: each character minus 64 is a
/// zigzag-encoded delta of the quantised coordinate (degrees × <c>UTF8Scale</c>, 1024 by default) from the previous point,
/// the first point's deltas starting from the ring's <c>encodeOffsets</c> — ECharts' own <c>decode</c>/<c>decodePolygon</c>.
/// </summary>
public static class GeoJsonMap
{
    /// <summary>ECharts' quantisation when the file gives no <c>UTF8Scale</c>.</summary>
    public const double DefaultScale = 1024;

    /// <summary>The regions of a FeatureCollection (Polygon and MultiPolygon features; other geometries are skipped).</summary>
    /// <exception cref="FormatException">The text is not a FeatureCollection this reader understands.</exception>
    public static IReadOnlyList<GeoRegion> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            throw new FormatException("Not a GeoJSON FeatureCollection: no features array.");
        var encoded = root.TryGetProperty("UTF8Encoding", out var flag) && flag.ValueKind == JsonValueKind.True;
        var scale = root.TryGetProperty("UTF8Scale", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : DefaultScale;
        var regions = new List<GeoRegion>();
        foreach (var feature in features.EnumerateArray())
        {
            if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object) continue;
            var type = geometry.GetProperty("type").GetString();
            var coordinates = geometry.GetProperty("coordinates");
            var offsets = geometry.TryGetProperty("encodeOffsets", out var o) ? o : default;
            var rings = new List<IReadOnlyList<GeoPoint>>();
            var polygons = type switch
            {
                "Polygon" => [(coordinates, offsets)],
                "MultiPolygon" => coordinates.EnumerateArray().Select((p, i) => (p, encoded ? offsets[i] : default)).ToList(),
                _ => new List<(JsonElement, JsonElement)>(),
            };
            foreach (var (polygon, polygonOffsets) in polygons)
            {
                var r = 0;
                foreach (var ring in polygon.EnumerateArray())
                {
                    rings.Add(encoded && ring.ValueKind == JsonValueKind.String
                        ? DecodeRing(ring.GetString()!, polygonOffsets[r][0].GetDouble(), polygonOffsets[r][1].GetDouble(), scale)
                        : PlainRing(ring));
                    r++;
                }
            }
            if (rings.Count == 0) continue;
            var properties = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            var name = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
            var region = new GeoRegion(name, rings, default);
            var (minLon, minLat, maxLon, maxLat) = Bounds([region]);
            var centre = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("cp", out var cp) && cp.ValueKind == JsonValueKind.Array
                ? new GeoPoint(cp[0].GetDouble(), cp[1].GetDouble())
                : new GeoPoint((minLon + maxLon) / 2, (minLat + maxLat) / 2);
            regions.Add(region with { Centre = centre });
        }
        return regions;
    }

    /// <summary>Decodes one compressed ring (ECharts' <c>decodePolygon</c>).</summary>
    /// <param name="encoded">Character pairs, each character's code minus 64 a zigzag-encoded delta.</param>
    /// <param name="offsetX">The quantised longitude the first delta starts from.</param>
    /// <param name="offsetY">The quantised latitude the first delta starts from.</param>
    /// <param name="scale">Quantisation: units per degree.</param>
    public static IReadOnlyList<GeoPoint> DecodeRing(string encoded, double offsetX, double offsetY, double scale = DefaultScale)
    {
        if (encoded.Length % 2 != 0) throw new FormatException("An encoded ring has an odd number of characters.");
        var points = new List<GeoPoint>(encoded.Length / 2);
        long x = (long)offsetX, y = (long)offsetY;
        for (var i = 0; i < encoded.Length; i += 2)
        {
            long dx = encoded[i] - 64, dy = encoded[i + 1] - 64;
            x += (dx >> 1) ^ -(dx & 1);
            y += (dy >> 1) ^ -(dy & 1);
            points.Add(new GeoPoint(x / scale, y / scale));
        }
        return points;
    }

    private static List<GeoPoint> PlainRing(JsonElement ring) =>
        ring.EnumerateArray().Select(c => new GeoPoint(c[0].GetDouble(), c[1].GetDouble())).ToList();

    /// <summary>The bounding box of some regions.</summary>
    public static (double MinLon, double MinLat, double MaxLon, double MaxLat) Bounds(IEnumerable<GeoRegion> regions)
    {
        double minLon = double.MaxValue, minLat = double.MaxValue, maxLon = double.MinValue, maxLat = double.MinValue;
        foreach (var point in regions.SelectMany(r => r.Rings).SelectMany(r => r))
        {
            minLon = Math.Min(minLon, point.Lon); maxLon = Math.Max(maxLon, point.Lon);
            minLat = Math.Min(minLat, point.Lat); maxLat = Math.Max(maxLat, point.Lat);
        }
        return (minLon, minLat, maxLon, maxLat);
    }
}

/// <summary>
/// An equirectangular projection fitted to a box: x grows with longitude scaled by cos(φ₀) of the box's middle latitude
/// (so shapes keep their proportions at that latitude), y grows southward, as SVG draws.
/// </summary>
public sealed class MapProjection
{
    private readonly double _minLon, _maxLat, _kx, _ky;

    /// <summary>Fits the bounds of <paramref name="regions"/> into <paramref name="width"/> units across, with a margin on every side.</summary>
    public MapProjection(IEnumerable<GeoRegion> regions, double width, double margin = 8)
    {
        var (minLon, minLat, maxLon, maxLat) = GeoJsonMap.Bounds(regions);
        var cos = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        var unit = (width - 2 * margin) / ((maxLon - minLon) * cos);
        (_minLon, _maxLat, _kx, _ky, Margin) = (minLon, maxLat, unit * cos, unit, margin);
        Width = width;
        Height = (maxLat - minLat) * unit + 2 * margin;
    }

    public double Width { get; }
    public double Height { get; }
    public double Margin { get; }

    /// <summary>The point's position on the drawing.</summary>
    public (double X, double Y) Project(GeoPoint point) =>
        (Margin + (point.Lon - _minLon) * _kx, Margin + (_maxLat - point.Lat) * _ky);

    /// <summary>
    /// An SVG path (<c>d</c> attribute) of the region's rings, to one decimal. Points closer than <paramref name="minStep"/>
    /// to the last one drawn are dropped and rings smaller than that across are left out (small islands), which keeps a
    /// province's 20 000 points to a page-sized drawing without a visible change.
    /// </summary>
    public string Path(GeoRegion region, double minStep = 0)
    {
        var text = new System.Text.StringBuilder();
        foreach (var ring in region.Rings)
        {
            var points = ring.Select(Project).ToList();
            if (points.Count < 3) continue;
            if (points.Max(p => p.X) - points.Min(p => p.X) < minStep && points.Max(p => p.Y) - points.Min(p => p.Y) < minStep) continue;
            var last = points[0];
            Append('M', last);
            for (var i = 1; i < points.Count; i++)
            {
                var (x, y) = points[i];
                if (i < points.Count - 1 && Math.Abs(x - last.X) < minStep && Math.Abs(y - last.Y) < minStep) continue;
                Append('L', points[i]);
                last = points[i];
            }
            text.Append('Z');
        }
        return text.ToString();

        void Append(char command, (double X, double Y) point) =>
            text.Append(command).Append(point.X.ToString("0.#", CultureInfo.InvariantCulture)).Append(' ').Append(point.Y.ToString("0.#", CultureInfo.InvariantCulture));
    }
}
