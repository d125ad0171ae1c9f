using Gaoxin.Core.Maps;
using Gaoxin.Core.Plans;

namespace Gaoxin.Core.Tests.Maps;

/// <summary>The boundary-file reader (ECharts' compressed GeoJSON and plain GeoJSON), the projection, and the zones' points.</summary>
public class GeoMapTests
{
    // A triangle encoded by hand: offsets (10, 20); deltas (0,0) '@@', (+2,0) 'D@' (zigzag 2 → 4, 64+4 = 'D'),
    // (−1,+3) 'AF' (zigzag −1 → 1 = 'A', zigzag 3 → 6 = 'F'). With UTF8Scale 1 the points are (10,20), (12,20), (11,23).
    private const string EncodedTriangle = """
        {"type":"FeatureCollection","UTF8Encoding":true,"UTF8Scale":1,"features":[
          {"type":"Feature","properties":{"name":"甲市","cp":[11,21]},"geometry":{"type":"Polygon","coordinates":["@@D@AF"],"encodeOffsets":[[10,20]]}},
          {"type":"Feature","properties":{"name":"乙市"},"geometry":{"type":"MultiPolygon","coordinates":[["@@D@AF"],["@@B@@B"]],"encodeOffsets":[[[0,0]],[[100,100]]]}}
        ]}
        """;

    [Fact]
    public void Decodes_a_hand_encoded_polygon_and_multipolygon()
    {
        var regions = GeoJsonMap.Parse(EncodedTriangle);

        Assert.Equal(["甲市", "乙市"], regions.Select(r => r.Name));
        Assert.Equal([new GeoPoint(10, 20), new GeoPoint(12, 20), new GeoPoint(11, 23)], regions[0].Rings[0]);
        Assert.Equal(new GeoPoint(11, 21), regions[0].Centre);
        Assert.Equal(2, regions[1].Rings.Count);
        Assert.Equal([new GeoPoint(0, 0), new GeoPoint(2, 0), new GeoPoint(1, 3)], regions[1].Rings[0]);
        // (+1,0) 'B' then (0,+1) 'B' from (100,100).
        Assert.Equal([new GeoPoint(100, 100), new GeoPoint(101, 100), new GeoPoint(101, 101)], regions[1].Rings[1]);
        // No cp: the middle of the bounding box (0..101, 0..101).
        Assert.Equal(new GeoPoint(50.5, 50.5), regions[1].Centre);
    }

    [Fact]
    public void Without_a_scale_the_quantisation_is_1024_per_degree() =>
        Assert.Equal([new GeoPoint(1, 2), new GeoPoint(1 + 2 / 1024.0, 2), new GeoPoint(1 + 1 / 1024.0, 2 + 3 / 1024.0)],
            GeoJsonMap.DecodeRing("@@D@AF", 1024, 2048));

    [Fact]
    public void Reads_plain_geojson_too()
    {
        var regions = GeoJsonMap.Parse("""
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"丙市"},
             "geometry":{"type":"Polygon","coordinates":[[[120,40],[122,40],[122,42],[120,42],[120,40]],[[120.5,40.5],[121,40.5],[121,41],[120.5,40.5]]]}}]}
            """);

        var region = Assert.Single(regions);
        Assert.Equal(2, region.Rings.Count);
        Assert.True(region.Contains(new GeoPoint(121.5, 41.5)));
        Assert.False(region.Contains(new GeoPoint(120.9, 40.6))); // in the hole
        Assert.False(region.Contains(new GeoPoint(123, 41)));
        // 1° of longitude east of the square at 41° N: 111.32 × cos 41° ≈ 84.0 km.
        Assert.InRange(region.DistanceKm(new GeoPoint(123, 41)), 83.5, 84.5);
    }

    [Fact]
    public void A_file_that_is_not_a_feature_collection_is_refused() =>
        Assert.Throws<FormatException>(() => GeoJsonMap.Parse("""{"type":"Feature"}"""));

    [Fact]
    public void The_projection_scales_longitude_by_the_cosine_of_the_middle_latitude()
    {
        var square = new GeoRegion("丁", [[new GeoPoint(120, 40), new GeoPoint(122, 40), new GeoPoint(122, 42), new GeoPoint(120, 42)]], new GeoPoint(121, 41));

        var projection = new MapProjection([square], width: 100, margin: 0);

        // 2° of longitude fill 100 units, so one degree of latitude is 100 / (2 × cos 41°) ≈ 66.25 units.
        var unit = 100 / (2 * Math.Cos(41 * Math.PI / 180));
        Assert.Equal(2 * unit, projection.Height, 6);
        Assert.Equal((0d, 0d), projection.Project(new GeoPoint(120, 42)));
        var (x, y) = projection.Project(new GeoPoint(122, 40));
        Assert.Equal(100, x, 6);
        Assert.Equal(2 * unit, y, 6);
        Assert.Equal("M0 132.5L100 132.5L100 0L0 0Z", projection.Path(square));
    }

    [Fact]
    public void Dropping_close_points_keeps_the_ring_closed_and_leaves_out_tiny_islands()
    {
        var island = new GeoRegion("岛", [[new GeoPoint(0, 0), new GeoPoint(0.001, 0), new GeoPoint(0, 0.001)]], default);
        var big = new GeoRegion("大", [[new GeoPoint(0, 0), new GeoPoint(0.001, 0), new GeoPoint(1, 0), new GeoPoint(1, 1)]], default);
        var projection = new MapProjection([big], width: 100, margin: 0);

        Assert.Equal("", projection.Path(island, minStep: 1));
        Assert.Equal("M0 100L100 100L100 0Z", projection.Path(big, minStep: 1));
    }

    private static string LiaoningFile() =>
        File.ReadAllText(Path.Combine(BundledFiles.RepositoryRoot(), "src", "Gaoxin", "node_modules", "echarts-map", "json", "province", "liaoning.json"));

    [Fact]
    public void The_bundled_liaoning_file_has_its_14_cities_inside_the_provinces_box()
    {
        var regions = GeoJsonMap.Parse(LiaoningFile());

        Assert.Equal(["沈阳市", "大连市", "鞍山市", "抚顺市", "本溪市", "丹东市", "锦州市", "营口市", "阜新市", "辽阳市", "盘锦市", "铁岭市", "朝阳市", "葫芦岛市"],
            regions.Select(r => r.Name));
        var (minLon, minLat, maxLon, maxLat) = GeoJsonMap.Bounds(regions);
        Assert.InRange(minLon, 118.8, 125.8);
        Assert.InRange(maxLon, 118.8, 125.8);
        Assert.InRange(minLat, 38.7, 43.5);
        Assert.InRange(maxLat, 38.7, 43.5);
        // Each city's label point falls inside (or at the edge of) its own decoded outline: the decoding put the rings where they belong.
        Assert.All(regions, r => Assert.True(r.DistanceKm(r.Centre) < 3, $"{r.Name}: cp {r.DistanceKm(r.Centre):0.0} km outside"));
    }

    [Fact]
    public void Every_zone_point_lies_in_or_within_a_few_km_of_its_city()
    {
        var regions = GeoJsonMap.Parse(LiaoningFile()).ToDictionary(r => r.Name);
        var folder = Path.Combine(AppContext.BaseDirectory, "plans");
        var plan = PlanParser.Parse("liaoning-2017-2020.yaml", File.ReadAllText(Path.Combine(folder, "liaoning-2017-2020.yaml")),
            name => File.ReadAllText(Path.Combine(folder, name))).Plan!;
        var (locations, errors) = ZoneLocations.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "portal", "zone-locations.yaml")));

        Assert.Empty(errors);
        Assert.Equal(plan.Zones.Select(z => z.Code).Order(), locations.Select(l => l.Zone).Order());
        Assert.All(plan.Zones, zone =>
        {
            var point = locations.Single(l => l.Zone == zone.Code).Point;
            var distance = regions[zone.City].DistanceKm(point);
            Assert.True(distance <= 5, $"{zone.Code}: {distance:0.0} km outside {zone.City}");
        });
    }

    [Theory]
    [InlineData("locations:\n  - zone: a\n    lat: 41\n    lon: 123\n    precision: city\n", "a: no source")]
    [InlineData("locations:\n  - zone: a\n    lat: 95\n    lon: 123\n    precision: city\n    source: x\n", "a: lat/lon missing or out of range")]
    [InlineData("locations:\n  - zone: a\n    lat: 41\n    lon: 123\n    precision: street\n    source: x\n", "a: precision must be district or city")]
    public void A_location_without_its_source_or_with_a_bad_point_is_refused(string yaml, string error) =>
        Assert.Equal([error], ZoneLocations.Parse(yaml).Errors);
}
