using Gaoxin.Core.Cases;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Cases;

/// <summary>
/// A case of the office's governance cycle — a rectification, an appeal or an application — for one zone (or, for an
/// application for a new zone, the zone code it will have) and one year. Its steps are append-only.
/// </summary>
public sealed class CaseRecord
{
    public long Id { get; set; }
    public CaseKind Kind { get; set; }
    public required string ZoneCode { get; set; }
    public int Year { get; set; }
    /// <summary>The state's wire name (e.g. <c>opened</c>, <c>plan_submitted</c>, <c>closed</c>); each kind's workflow names its own.</summary>
    public required string Status { get; set; }
    /// <summary>The case an appeal is against; null for other kinds.</summary>
    public long? ParentId { get; set; }
    /// <summary>The evaluation run that opened a rectification; null for other kinds.</summary>
    public long? RunId { get; set; }
    public required string Subject { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public required string OpenedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>Raised by every step; a write naming an older version is refused (409).</summary>
    public int Version { get; set; }
    public List<CaseStepRecord> Steps { get; set; } = [];
}

/// <summary>One step of a case, dated and signed. <see cref="Content"/> holds what the step carries (a plan's measures, a decision's reasons) as JSON.</summary>
public sealed class CaseStepRecord
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public required string Step { get; set; }
    public DateOnly Date { get; set; }
    public required string By { get; set; }
    public string? Decision { get; set; }
    public string? Comment { get; set; }
    public string? Content { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public CaseStep ToStep() => new(Step, Date, By, Decision);
}

/// <summary>A document attached to a case step (a notice, a plan, a re-check report); the file is kept with its SHA-256.</summary>
public sealed class CaseDocumentRecord
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public long? StepId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public required string UploadedBy { get; set; }
}

/// <summary>The cases' tables.</summary>
public static class CaseModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<CaseRecord>(e =>
        {
            e.ToTable("cases");
            e.HasKey(c => c.Id);
            e.Property(c => c.ZoneCode).HasMaxLength(64);
            e.Property(c => c.Status).HasMaxLength(32);
            e.Property(c => c.Subject).HasMaxLength(Core.InputLimits.Title);
            e.Property(c => c.OpenedBy).HasMaxLength(200);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasIndex(c => new { c.Kind, c.Year, c.ZoneCode });
            e.HasMany(c => c.Steps).WithOne().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CaseRecord>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<CaseStepRecord>(e =>
        {
            e.ToTable("case_steps");
            e.HasKey(s => s.Id);
            e.Property(s => s.Step).HasMaxLength(32);
            e.Property(s => s.By).HasMaxLength(200);
            e.Property(s => s.Decision).HasMaxLength(32);
            e.HasIndex(s => s.CaseId);
        });
        model.Entity<CaseDocumentRecord>(e =>
        {
            e.ToTable("case_documents");
            e.HasKey(d => d.Id);
            e.Property(d => d.FileName).HasMaxLength(Core.InputLimits.Title);
            e.Property(d => d.ContentType).HasMaxLength(100);
            e.Property(d => d.Sha256).HasMaxLength(64);
            e.Property(d => d.UploadedBy).HasMaxLength(200);
            e.HasIndex(d => d.CaseId);
            e.HasOne<CaseRecord>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CaseStepRecord>().WithMany().HasForeignKey(d => d.StepId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
