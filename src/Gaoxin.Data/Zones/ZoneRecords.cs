using Gaoxin.Core.Plans;
using Gaoxin.Core.Zones;

namespace Gaoxin.Data.Zones;

/// <summary>A zone of the registry. Its level and status come from its events, never from a column.</summary>
public sealed class ZoneRecord
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public required string City { get; set; }
    public string? County { get; set; }
    public Governance Governance { get; set; }
    public List<string> LeadingIndustries { get; set; } = [];
    public decimal? AreaKm2 { get; set; }
    public List<ZoneEventRecord> Events { get; set; } = [];
}

/// <summary>One entry of a zone's history, append-only.</summary>
public sealed class ZoneEventRecord
{
    public long Id { get; set; }
    public required string ZoneCode { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public ZoneEventKind Kind { get; set; }
    public ZoneLevel Level { get; set; }
    public ZoneStatus Status { get; set; }
    public required string Act { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }

    public ZoneEvent ToEvent() => new(EffectiveOn, Kind, Level, Status, Act);
}
