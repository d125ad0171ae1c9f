using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Gaoxin.Core.Maps;

/// <summary>Where a zone is drawn on the map, with how precise the point is and where it comes from.</summary>
/// <param name="Zone">The zone's code.</param>
/// <param name="Point">The point drawn.</param>
/// <param name="Precision"><c>district</c> (the seat of the zone's district or county) or <c>city</c> (its city's centre).</param>
/// <param name="Source">Where the point comes from.</param>
public sealed record ZoneLocation(string Zone, GeoPoint Point, string Precision, string Source);

/// <summary>Reads <c>portal/zone-locations.yaml</c>.</summary>
public static class ZoneLocations
{
    /// <summary>The precisions a point may claim.</summary>
    public static readonly IReadOnlySet<string> Precisions = new HashSet<string>(StringComparer.Ordinal) { "district", "city" };

    /// <summary>The locations, or the problems that make the file unusable (one line each).</summary>
    public static (IReadOnlyList<ZoneLocation> Locations, IReadOnlyList<string> Errors) Parse(string yaml)
    {
        var errors = new List<string>();
        File? file;
        try
        {
            file = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<File>(yaml);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            return ([], [$"line {e.Start.Line}: {e.Message}"]);
        }
        var locations = new List<ZoneLocation>();
        foreach (var (entry, i) in (file?.Locations ?? []).Select((e, i) => (e, i + 1)))
        {
            if (string.IsNullOrWhiteSpace(entry.Zone)) { errors.Add($"location {i}: no zone"); continue; }
            if (entry.Lat is not (>= -90 and <= 90) || entry.Lon is not (>= -180 and <= 180)) { errors.Add($"{entry.Zone}: lat/lon missing or out of range"); continue; }
            if (entry.Precision is null || !Precisions.Contains(entry.Precision)) { errors.Add($"{entry.Zone}: precision must be district or city"); continue; }
            if (string.IsNullOrWhiteSpace(entry.Source)) { errors.Add($"{entry.Zone}: no source"); continue; }
            if (locations.Any(l => l.Zone == entry.Zone)) { errors.Add($"{entry.Zone}: listed twice"); continue; }
            locations.Add(new ZoneLocation(entry.Zone, new GeoPoint(entry.Lon.Value, entry.Lat.Value), entry.Precision, entry.Source));
        }
        return (locations, errors);
    }

    private sealed class File
    {
        public List<Entry>? Locations { get; set; }
    }

    private sealed class Entry
    {
        public string? Zone { get; set; }
        public double? Lat { get; set; }
        public double? Lon { get; set; }
        public string? Precision { get; set; }
        public string? Source { get; set; }
    }
}
