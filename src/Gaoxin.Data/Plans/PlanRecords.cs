using Gaoxin.Core.Plans;

namespace Gaoxin.Data.Plans;

/// <summary>A plan loaded into the store. Its content hash tells whether the file changed since.</summary>
public sealed class PlanRecord
{
    public required string Id { get; set; }
    public int Version { get; set; }
    public required string Title { get; set; }
    public required string TitleEn { get; set; }
    public int BaseYear { get; set; }
    public int TargetYear { get; set; }
    public required string ContentHash { get; set; }
    public DateTimeOffset LoadedAt { get; set; }
    public required string LoadedBy { get; set; }
}

/// <summary>A zone as one plan describes it (its level, governance and industries at the plan's base year).</summary>
public sealed class PlanZoneRecord
{
    public required string PlanId { get; set; }
    public required string ZoneCode { get; set; }
    public int Ordinal { get; set; }
    public ZoneLevel Level { get; set; }
    public Governance Governance { get; set; }
    public List<string> LeadingIndustries { get; set; } = [];
    public string? LevelSection { get; set; }
    public string? LevelQuote { get; set; }
    public string? GovernanceSection { get; set; }
    public string? GovernanceQuote { get; set; }
    public string? IndustriesSection { get; set; }
    public string? IndustriesQuote { get; set; }
}

public sealed class BaselineRecord
{
    public required string PlanId { get; set; }
    public required string Id { get; set; }
    public int Ordinal { get; set; }
    public required string Title { get; set; }
    public required string TitleEn { get; set; }
    public decimal Value { get; set; }
    public required string Unit { get; set; }
    public int Year { get; set; }
    public bool Approximate { get; set; }
    public required string Section { get; set; }
    public required string Quote { get; set; }
}

public sealed class TargetRecord
{
    public required string PlanId { get; set; }
    public required string Id { get; set; }
    public int Ordinal { get; set; }
    public required string Title { get; set; }
    public required string TitleEn { get; set; }
    public required string Measure { get; set; }
    public MeasureKind Kind { get; set; }
    public string? BaselineId { get; set; }
    public decimal Value { get; set; }
    public decimal? MaxValue { get; set; }
    public int Year { get; set; }
    public Comparator Comparator { get; set; }
    public required string Unit { get; set; }
    public required string Scope { get; set; }
    public required string Section { get; set; }
    public required string Quote { get; set; }
}

/// <summary>A node of the key-task tree; <see cref="ParentId"/> is null for the top level.</summary>
public sealed class TaskRecord
{
    public required string PlanId { get; set; }
    public required string Id { get; set; }
    public string? ParentId { get; set; }
    public int Ordinal { get; set; }
    public required string Title { get; set; }
    public required string TitleEn { get; set; }
    public TaskKind Kind { get; set; }
    public string? ZoneCode { get; set; }
    public List<string> TargetIds { get; set; } = [];
    public required string Section { get; set; }
    public required string Quote { get; set; }
}
