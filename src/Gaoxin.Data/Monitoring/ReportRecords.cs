using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Monitoring;

/// <summary>
/// An edition of the yearly monitoring report or the mid-term review: the office's narratives while it is a draft, and once
/// published the assembled document as it was (<see cref="Snapshot"/>), never changed again. A new edition is a new draft.
/// </summary>
public sealed class MonitoringReportRecord
{
    public long Id { get; set; }
    public required string PlanId { get; set; }
    /// <summary>yearly or midterm.</summary>
    public required string Kind { get; set; }
    public int Year { get; set; }
    public int Edition { get; set; }
    /// <summary>draft, in_review or published.</summary>
    public required string Status { get; set; }
    /// <summary>The office's text per chapter, as a JSON object of strings.</summary>
    public required string Narratives { get; set; }
    /// <summary>The assembled document (JSON) kept at publication; null before.</summary>
    public string? Snapshot { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    /// <summary>Raised by every change; a write naming an older version is refused (409).</summary>
    public int Version { get; set; }
}

/// <summary>A zone's report on a task assigned to it for a year: status, narrative and evidence (the office's own task status stays in <see cref="TaskProgressRecord"/>).</summary>
public sealed class ZoneTaskReportRecord
{
    public required string PlanId { get; set; }
    public required string TaskId { get; set; }
    public required string ZoneCode { get; set; }
    public int Year { get; set; }
    /// <summary>not_started, on_track, delayed or done.</summary>
    public required string Status { get; set; }
    public string? Narrative { get; set; }
    public string? Evidence { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>A zone's annual self-assessment (自评报告): five sections, draft → submitted → returned or accepted.</summary>
public sealed class SelfAssessmentRecord
{
    public long Id { get; set; }
    public required string ZoneCode { get; set; }
    public int Year { get; set; }
    /// <summary>draft, submitted, returned or accepted.</summary>
    public required string Status { get; set; }
    public string? Targets { get; set; }
    public string? Tasks { get; set; }
    public string? Measures { get; set; }
    public string? Problems { get; set; }
    public string? NextYear { get; set; }
    /// <summary>The office's comment when it returned the self-assessment.</summary>
    public string? ReturnComment { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public int Version { get; set; }

    /// <summary>The sections by key (<c>targets, tasks, measures, problems, next_year</c>).</summary>
    public Dictionary<string, string?> Sections() => new()
    {
        ["targets"] = Targets, ["tasks"] = Tasks, ["measures"] = Measures, ["problems"] = Problems, ["next_year"] = NextYear,
    };

    /// <summary>Sets the sections given (keys of <see cref="Sections"/>); others stay as they are.</summary>
    public void SetSections(IReadOnlyDictionary<string, string?> sections)
    {
        static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (sections.TryGetValue("targets", out var a)) Targets = Clean(a);
        if (sections.TryGetValue("tasks", out var b)) Tasks = Clean(b);
        if (sections.TryGetValue("measures", out var c)) Measures = Clean(c);
        if (sections.TryGetValue("problems", out var d)) Problems = Clean(d);
        if (sections.TryGetValue("next_year", out var e)) NextYear = Clean(e);
    }
}

/// <summary>The tables of the monitoring report, zones' task reports and self-assessments.</summary>
public static class MonitoringReportModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<MonitoringReportRecord>(e =>
        {
            e.ToTable("monitoring_reports");
            e.HasKey(r => r.Id);
            e.Property(r => r.PlanId).HasMaxLength(100);
            e.Property(r => r.Kind).HasMaxLength(16);
            e.Property(r => r.Status).HasMaxLength(16);
            e.Property(r => r.CreatedBy).HasMaxLength(200);
            e.Property(r => r.UpdatedBy).HasMaxLength(200);
            e.Property(r => r.PublishedBy).HasMaxLength(200);
            e.Property(r => r.Version).IsConcurrencyToken();
            e.HasIndex(r => new { r.PlanId, r.Kind, r.Year, r.Edition }).IsUnique();
        });
        model.Entity<ZoneTaskReportRecord>(e =>
        {
            e.ToTable("zone_task_reports");
            e.HasKey(r => new { r.PlanId, r.TaskId, r.ZoneCode, r.Year });
            e.Property(r => r.PlanId).HasMaxLength(100);
            e.Property(r => r.TaskId).HasMaxLength(200);
            e.Property(r => r.ZoneCode).HasMaxLength(64);
            e.Property(r => r.Status).HasMaxLength(16);
            e.Property(r => r.Narrative).HasMaxLength(Core.InputLimits.Comment);
            e.Property(r => r.Evidence).HasMaxLength(Core.InputLimits.Comment);
            e.Property(r => r.UpdatedBy).HasMaxLength(200);
            e.HasIndex(r => new { r.ZoneCode, r.Year });
        });
        model.Entity<SelfAssessmentRecord>(e =>
        {
            e.ToTable("self_assessments");
            e.HasKey(r => r.Id);
            e.Property(r => r.ZoneCode).HasMaxLength(64);
            e.Property(r => r.Status).HasMaxLength(16);
            foreach (var text in new[] { nameof(SelfAssessmentRecord.Targets), nameof(SelfAssessmentRecord.Tasks), nameof(SelfAssessmentRecord.Measures),
                         nameof(SelfAssessmentRecord.Problems), nameof(SelfAssessmentRecord.NextYear) })
                e.Property(text).HasMaxLength(Core.InputLimits.FreeText);
            e.Property(r => r.ReturnComment).HasMaxLength(Core.InputLimits.Comment);
            e.Property(r => r.UpdatedBy).HasMaxLength(200);
            e.Property(r => r.DecidedBy).HasMaxLength(200);
            e.Property(r => r.Version).IsConcurrencyToken();
            e.HasIndex(r => new { r.ZoneCode, r.Year }).IsUnique();
        });
    }
}
