using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Applications;

/// <summary>
/// The form of an application for status; its case (kind <c>application</c> in <c>cases</c>) holds the state, the steps and
/// the applicant zone's code (for a new zone, the code it will have).
/// </summary>
public sealed class ApplicationRecord
{
    /// <summary>The case's id (one form per application case).</summary>
    public long CaseId { get; set; }
    /// <summary><c>new_provincial</c> or <c>national_proposal</c>.</summary>
    public required string Kind { get; set; }
    /// <summary>Who applies: the county or city government (for a new zone), or the zone's management committee.</summary>
    public required string Applicant { get; set; }
    public required string ProposedName { get; set; }
    public required string ProposedNameEn { get; set; }
    public required string City { get; set; }
    public string? County { get; set; }
    /// <summary>The aggregated expert score, once the panel closed.</summary>
    public decimal? ReviewScore { get; set; }
    public List<ApplicationFigureRecord> Figures { get; set; } = [];
}

/// <summary>A figure of the application form, with its source: <c>figures_in_force</c> (the zone's approved data) or <c>typed</c>.</summary>
public sealed class ApplicationFigureRecord
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public required string ElementCode { get; set; }
    public decimal? Value { get; set; }
    public required string Source { get; set; }
}

/// <summary>The applications' tables.</summary>
public static class ApplicationModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<ApplicationRecord>(e =>
        {
            e.ToTable("applications");
            e.HasKey(a => a.CaseId);
            e.Property(a => a.CaseId).ValueGeneratedNever();
            e.Property(a => a.Kind).HasMaxLength(32);
            e.Property(a => a.Applicant).HasMaxLength(Core.InputLimits.Title);
            e.Property(a => a.ProposedName).HasMaxLength(Core.InputLimits.Title);
            e.Property(a => a.ProposedNameEn).HasMaxLength(Core.InputLimits.Title);
            e.Property(a => a.City).HasMaxLength(100);
            e.Property(a => a.County).HasMaxLength(100);
            e.Property(a => a.ReviewScore).HasPrecision(9, 2);
            e.HasOne<Cases.CaseRecord>().WithOne().HasForeignKey<ApplicationRecord>(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(a => a.Figures).WithOne().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        // An application panel's case (configured here so that the expert review does not depend on the cases).
        model.Entity<Experts.ExpertPanelRecord>().HasOne<Cases.CaseRecord>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Restrict);
        model.Entity<ApplicationFigureRecord>(e =>
        {
            e.ToTable("application_figures");
            e.HasKey(f => f.Id);
            e.Property(f => f.ElementCode).HasMaxLength(64);
            e.Property(f => f.Source).HasMaxLength(32);
            e.HasIndex(f => new { f.CaseId, f.ElementCode }).IsUnique();
        });
    }
}
