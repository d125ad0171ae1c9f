namespace Gaoxin.Data.Monitoring;

/// <summary>Who answers for a province target (明确责任): the responsible unit and a contact.</summary>
public sealed class TargetOwnerRecord
{
    public required string PlanId { get; set; }
    public required string TargetId { get; set; }
    public string? ResponsibleUnit { get; set; }
    public string? Contact { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>A zone's share of a province target (任务分解), with who answers for it in the zone.</summary>
public sealed class ZoneTargetRecord
{
    public required string PlanId { get; set; }
    public required string TargetId { get; set; }
    public required string ZoneCode { get; set; }
    public decimal Value { get; set; }
    public string? ResponsibleUnit { get; set; }
    public string? Contact { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>Where a key task of the plan stands.</summary>
public sealed class TaskProgressRecord
{
    public required string PlanId { get; set; }
    public required string TaskId { get; set; }
    public string? Owner { get; set; }
    public int? DueYear { get; set; }
    /// <summary>not_started, in_progress, done or delayed.</summary>
    public required string Status { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>A progress note on a key task; notes are never edited, only added.</summary>
public sealed class TaskNoteRecord
{
    public long Id { get; set; }
    public required string PlanId { get; set; }
    public required string TaskId { get; set; }
    public int Year { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
}
