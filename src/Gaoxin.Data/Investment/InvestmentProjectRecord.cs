using Gaoxin.Core.Portal;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Investment;

/// <summary>
/// An investment project (区县招商项目) a zone offers investors: entered by the zone's operator (or the office), reviewed and
/// published by the office, off the portal again when its validity ends (<see cref="ExpiresAt"/>) or the office withdraws it.
/// </summary>
public sealed class InvestmentProjectRecord : Portal.IReviewedItem
{
    public int Id { get; set; }
    public required string Title { get; set; }
    /// <summary>An industry code of <c>portal/industries.yaml</c>.</summary>
    public required string Sector { get; set; }
    /// <summary>The zone the project belongs to; null for a province-wide project of the office.</summary>
    public string? ZoneCode { get; set; }
    /// <summary>The county (区县) the project is in, as written, when it is not the zone itself.</summary>
    public string? County { get; set; }
    /// <summary>Investment amount in 万元.</summary>
    public decimal? AmountWan { get; set; }
    /// <summary>Land needed or offered, in 亩.</summary>
    public decimal? LandMu { get; set; }
    /// <summary>sole, joint_venture, cooperation, ppp or other.</summary>
    public required string Cooperation { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public string? Description { get; set; }
    public PublicationState State { get; set; }
    public DateTimeOffset? ReleaseAt { get; set; }
    /// <summary>The end of <see cref="ValidUntil"/> (derived, kept for the public query).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    /// <summary>The office's comment when it returned the project.</summary>
    public string? ReturnComment { get; set; }
    public bool IsDemo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    /// <summary>The table and its limits.</summary>
    public static void Configure(ModelBuilder model) => model.Entity<InvestmentProjectRecord>(e =>
    {
        e.ToTable("investment_projects");
        e.HasKey(p => p.Id);
        e.Property(p => p.Title).HasMaxLength(Core.InputLimits.Title);
        e.Property(p => p.Sector).HasMaxLength(64);
        e.Property(p => p.ZoneCode).HasMaxLength(64);
        e.Property(p => p.County).HasMaxLength(Core.InputLimits.Name);
        e.Property(p => p.Cooperation).HasMaxLength(32);
        e.Property(p => p.ContactName).HasMaxLength(Core.InputLimits.Name);
        e.Property(p => p.ContactPhone).HasMaxLength(64);
        e.Property(p => p.ContactEmail).HasMaxLength(Core.InputLimits.Name);
        e.Property(p => p.Description).HasMaxLength(Core.InputLimits.FreeText);
        e.Property(p => p.ReturnComment).HasMaxLength(Core.InputLimits.Comment);
        e.Property(p => p.CreatedBy).HasMaxLength(Core.InputLimits.Name);
        e.Property(p => p.UpdatedBy).HasMaxLength(Core.InputLimits.Name);
        e.HasIndex(p => new { p.State, p.ZoneCode });
        e.HasOne<Zones.ZoneRecord>().WithMany().HasForeignKey(p => p.ZoneCode).OnDelete(DeleteBehavior.Restrict);
    });
}
