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
    /// <summary>When the item was accredited at its <see cref="Level"/>, when known.</summary>
    public DateOnly? Accredited { get; set; }
    public DateOnly? Closed { get; set; }
    /// <summary>The type's own attributes (lead organisation, members, manager, programme, field, industry …) as a JSON object of strings.</summary>
    public string? Attributes { get; set; }
    /// <summary>A zone's proposed change to an approved item (JSON of the changed fields), waiting for the office.</summary>
    public string? PendingChange { get; set; }
    public string? PendingChangeBy { get; set; }
    /// <summary>Synthetic items made by the demo data, never real.</summary>
    public bool IsDemo { get; set; }
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

/// <summary>
/// A yearly figure of a registry item: a cluster's revenue (亿元), a carrier's incubated or graduated start-ups, an
/// alliance's member count. Zones' figures count only once the office approves them.
/// </summary>
public sealed class RegistryFigureRecord
{
    public required string ItemId { get; set; }
    public int Year { get; set; }
    /// <summary>One of <see cref="Core.Registries.RegistryFigures.Measures"/>.</summary>
    public required string Measure { get; set; }
    public decimal Value { get; set; }
    public string Approval { get; set; } = "approved";
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public bool IsDemo { get; set; }
}

/// <summary>A collaborative project (协同创新项目) an alliance runs, with its dates and result.</summary>
public sealed class RegistryProjectRecord
{
    public int Id { get; set; }
    public required string ItemId { get; set; }
    public required string Name { get; set; }
    public DateOnly Started { get; set; }
    public DateOnly? Ended { get; set; }
    public string? Result { get; set; }
    public string Approval { get; set; } = "approved";
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public bool IsDemo { get; set; }
}
