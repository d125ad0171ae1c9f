using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Experts;

/// <summary>What a panel scores (wire names).</summary>
public static class PanelItems
{
    /// <summary>An application for status (its case).</summary>
    public const string Application = "application";
    /// <summary>An expert-score indicator of an evaluation model, for a zone and year; its closed score enters the figures.</summary>
    public const string Indicator = "indicator";
    /// <summary>The mid-term review (中期评估) of the plan.</summary>
    public const string MidTermReview = "midterm_review";

    public static readonly IReadOnlyList<string> All = [Application, Indicator, MidTermReview];
}

/// <summary>
/// An expert panel (专家组) scoring one item: an application, an expert-score indicator of a model for a zone and year, or the
/// mid-term review. Open while experts score; closed by the office, which fixes the aggregated result.
/// </summary>
public sealed class ExpertPanelRecord
{
    public long Id { get; set; }
    /// <summary>See <see cref="PanelItems"/>.</summary>
    public required string Item { get; set; }
    public required string Subject { get; set; }
    /// <summary>The zone the item is about (an application's applicant zone code, the indicator's zone); conflicts are judged on it.</summary>
    public required string ZoneCode { get; set; }
    public int Year { get; set; }
    /// <summary>The application's case, for an application panel.</summary>
    public long? CaseId { get; set; }
    /// <summary>The model and indicator, for an indicator panel.</summary>
    public string? ModelId { get; set; }
    public string? IndicatorCode { get; set; }
    /// <summary>The data element the indicator reads: the closed panel's mean is the zone-year's figure of it (source <c>experts</c>).</summary>
    public string? ElementCode { get; set; }
    /// <summary>Scores dropped at each end; null for the default (one each when there are five scores or more).</summary>
    public int? Trim { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public decimal? Mean { get; set; }
    public decimal? StandardDeviation { get; set; }
    public decimal? Range { get; set; }
    public int Version { get; set; }
    public List<ExpertPanelMemberRecord> Members { get; set; } = [];
}

/// <summary>An expert sitting on a panel.</summary>
public sealed class ExpertPanelMemberRecord
{
    public long PanelId { get; set; }
    public required string UserName { get; set; }
}

/// <summary>A conflict of interest an expert declared with a zone (利益冲突回避): they sit on none of its panels.</summary>
public sealed class ExpertConflictRecord
{
    public long Id { get; set; }
    public required string UserName { get; set; }
    public required string ZoneCode { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset DeclaredAt { get; set; }
}

/// <summary>One expert's score of a panel's item (0–100), with a comment; changeable until the panel closes.</summary>
public sealed class ExpertScoreRecord
{
    public long Id { get; set; }
    public long PanelId { get; set; }
    public required string UserName { get; set; }
    public decimal Score { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset ScoredAt { get; set; }
}

/// <summary>The expert review's tables.</summary>
public static class ExpertModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<ExpertPanelRecord>(e =>
        {
            e.ToTable("expert_panels");
            e.HasKey(p => p.Id);
            e.Property(p => p.Item).HasMaxLength(32);
            e.Property(p => p.Subject).HasMaxLength(Core.InputLimits.Title);
            e.Property(p => p.ZoneCode).HasMaxLength(64);
            e.Property(p => p.ModelId).HasMaxLength(64);
            e.Property(p => p.IndicatorCode).HasMaxLength(64);
            e.Property(p => p.ElementCode).HasMaxLength(64);
            e.Property(p => p.CreatedBy).HasMaxLength(200);
            e.Property(p => p.ClosedBy).HasMaxLength(200);
            e.Property(p => p.Mean).HasPrecision(9, 2);
            e.Property(p => p.StandardDeviation).HasPrecision(9, 2);
            e.Property(p => p.Range).HasPrecision(9, 2);
            e.Property(p => p.Version).IsConcurrencyToken();
            e.HasIndex(p => new { p.Item, p.Year, p.ZoneCode });
            e.HasIndex(p => p.CaseId);
            e.HasMany(p => p.Members).WithOne().HasForeignKey(m => m.PanelId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ExpertPanelMemberRecord>(e =>
        {
            e.ToTable("expert_panel_members");
            e.HasKey(m => new { m.PanelId, m.UserName });
            e.Property(m => m.UserName).HasMaxLength(256);
            e.HasIndex(m => m.UserName);
        });
        model.Entity<ExpertConflictRecord>(e =>
        {
            e.ToTable("expert_conflicts");
            e.HasKey(c => c.Id);
            e.Property(c => c.UserName).HasMaxLength(256);
            e.Property(c => c.ZoneCode).HasMaxLength(64);
            e.Property(c => c.Reason).HasMaxLength(Core.InputLimits.Comment);
            e.HasIndex(c => new { c.UserName, c.ZoneCode }).IsUnique();
        });
        model.Entity<ExpertScoreRecord>(e =>
        {
            e.ToTable("expert_scores");
            e.HasKey(s => s.Id);
            e.Property(s => s.UserName).HasMaxLength(256);
            e.Property(s => s.Score).HasPrecision(9, 2);
            e.Property(s => s.Comment).HasMaxLength(Core.InputLimits.Comment);
            e.HasIndex(s => new { s.PanelId, s.UserName }).IsUnique();
            e.HasOne<ExpertPanelRecord>().WithMany().HasForeignKey(s => s.PanelId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
