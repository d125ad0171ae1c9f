using Gaoxin.Core.Policies;
using Gaoxin.Core.Portal;
using Gaoxin.Data.Portal;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Policies;

/// <summary>A policy document or package of the policy library (优惠政策).</summary>
public sealed class PolicyRecord : IPublishedItem
{
    public required string Id { get; set; }
    /// <summary>document or package.</summary>
    public string Kind { get; set; } = "document";
    public required string Title { get; set; }
    public string? TitleEn { get; set; }
    public string? Issuer { get; set; }
    /// <summary>文号.</summary>
    public string? DocumentNumber { get; set; }
    public PolicyLevel? Level { get; set; }
    public DateOnly? IssuedOn { get; set; }
    public DateOnly? InForceFrom { get; set; }
    public DateOnly? InForceUntil { get; set; }
    /// <summary>The document that amended this one, when one did.</summary>
    public string? AmendedBy { get; set; }
    /// <summary>Zone codes it applies in, comma-separated; empty for province-wide.</summary>
    public string Zones { get; set; } = "";
    /// <summary>Enterprise type codes it is aimed at, comma-separated; empty when it names none.</summary>
    public string TargetTypes { get; set; } = "";
    public string? Summary { get; set; }
    public string? FullText { get; set; }
    /// <summary>The plan and heading path that name a bundled policy, and the plan's words.</summary>
    public string? PlanId { get; set; }
    public string? PlanSection { get; set; }
    public string? PlanQuote { get; set; }
    public bool IsBundled { get; set; }
    public bool IsDemo { get; set; }
    public PublicationState State { get; set; }
    public DateTimeOffset? ReleaseAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public string? ReturnComment { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    public IReadOnlyList<string> ZoneList => Split(Zones);
    public IReadOnlyList<string> TargetTypeList => Split(TargetTypes);

    /// <summary>The zone whose operator may write the policy: its one zone; none (the office alone) when it spans several or the province.</summary>
    public string? OwnerZone => ZoneList is [var only] ? only : null;

    internal static IReadOnlyList<string> Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A file attached to a policy (the document itself, an annex).</summary>
public sealed class PolicyAttachmentRecord
{
    public long Id { get; set; }
    public required string PolicyId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required byte[] Content { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public required string UploadedBy { get; set; }
}

/// <summary>The mapping of the policy library's tables.</summary>
public static class PortalContentModel
{
    /// <summary>The longest full text or body the store keeps.</summary>
    public const int LongText = 200_000;

    public static void Configure(ModelBuilder model)
    {
        model.Entity<PolicyRecord>(e =>
        {
            e.ToTable("policies");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).HasMaxLength(100);
            e.Property(p => p.Kind).HasMaxLength(16);
            e.Property(p => p.Title).HasMaxLength(Core.InputLimits.Title);
            e.Property(p => p.TitleEn).HasMaxLength(Core.InputLimits.Title);
            e.Property(p => p.Issuer).HasMaxLength(Core.InputLimits.Name);
            e.Property(p => p.DocumentNumber).HasMaxLength(100);
            e.Property(p => p.AmendedBy).HasMaxLength(Core.InputLimits.Title);
            e.Property(p => p.Zones).HasMaxLength(1000);
            e.Property(p => p.TargetTypes).HasMaxLength(200);
            e.Property(p => p.Summary).HasMaxLength(Core.InputLimits.Comment);
            e.Property(p => p.FullText).HasMaxLength(LongText);
            e.Property(p => p.PlanId).HasMaxLength(100);
            e.Property(p => p.PlanSection).HasMaxLength(Core.InputLimits.Title);
            e.Property(p => p.PlanQuote).HasMaxLength(Core.InputLimits.Comment);
            e.Property(p => p.ReturnComment).HasMaxLength(Core.InputLimits.Comment);
            e.Property(p => p.PublishedBy).HasMaxLength(Core.InputLimits.Name);
            e.Property(p => p.CreatedBy).HasMaxLength(Core.InputLimits.Name);
            e.Property(p => p.UpdatedBy).HasMaxLength(Core.InputLimits.Name);
            e.HasIndex(p => p.State);
            e.Ignore(p => p.ZoneList);
            e.Ignore(p => p.TargetTypeList);
        });
        model.Entity<PolicyAttachmentRecord>(e =>
        {
            e.ToTable("policy_attachments");
            e.HasKey(a => a.Id);
            e.Property(a => a.PolicyId).HasMaxLength(100);
            e.Property(a => a.FileName).HasMaxLength(Core.InputLimits.Name);
            e.Property(a => a.ContentType).HasMaxLength(100);
            e.Property(a => a.UploadedBy).HasMaxLength(Core.InputLimits.Name);
            e.HasIndex(a => a.PolicyId);
            e.HasOne<PolicyRecord>().WithMany().HasForeignKey(a => a.PolicyId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
