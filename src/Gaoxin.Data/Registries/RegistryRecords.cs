namespace Gaoxin.Data.Registries;

/// <summary>
/// An item of a typed registry (alliance, cluster, R&amp;D institution, platform, carrier, fund, finance item, talent
/// programme). Items seeded from the plan keep their section and quote; items the zones add have none.
/// </summary>
public sealed class RegistryItemRecord
{
    public required string Id { get; set; }
    public required string Type { get; set; }
    public string? Subtype { get; set; }
    public required string Name { get; set; }
    public string? ZoneCode { get; set; }
    /// <summary>national, provincial or municipal accreditation, when known.</summary>
    public string? Level { get; set; }
    public decimal? Amount { get; set; }
    public string? Unit { get; set; }
    /// <summary>existing or planned (the plan asks for it by its target year).</summary>
    public required string Status { get; set; }
    public DateOnly? Founded { get; set; }
    public DateOnly? Closed { get; set; }
    public string? PlanId { get; set; }
    public string? Section { get; set; }
    public string? Quote { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    /// <summary>approved (counts), pending (added by a zone, awaiting the office) or rejected.</summary>
    public string Approval { get; set; } = "approved";
    public DateTimeOffset? ApprovedAt { get; set; }
    public string? ApprovedBy { get; set; }
}
