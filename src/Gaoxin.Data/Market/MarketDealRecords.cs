using Gaoxin.Core.Market;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Market;

/// <summary>
/// An expression of interest (合作意向): a signed-in user's message about a public demand or achievement, seen by the
/// profile's owner side (its account and its zone's operators), its author and the office.
/// </summary>
public sealed class MarketInterestRecord
{
    public int Id { get; set; }
    public MarketSide Side { get; set; }
    public int ProfileId { get; set; }
    public required string Message { get; set; }
    public required string Author { get; set; }
    public required string AuthorRole { get; set; }
    public string? AuthorZone { get; set; }
    public bool IsDemo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A brokered introduction (对接) of a demand and an achievement, or of one profile and a named party, by the office or a
/// zone's technology-transfer service; notes over time; closed with a deal (technology contracts) or without (a reason).
/// </summary>
public sealed class MarketIntroductionRecord
{
    public int Id { get; set; }
    public int? DemandId { get; set; }
    public int? AchievementId { get; set; }
    /// <summary>The other party when only one profile is introduced (an enterprise, an institute…).</summary>
    public string? PartyName { get; set; }
    /// <summary>The zone brokering it (a zone's service), or null for the office's own.</summary>
    public string? ZoneCode { get; set; }
    public IntroductionState State { get; set; }
    /// <summary>Why it closed without a deal.</summary>
    public string? Reason { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    /// <summary>Raised by every change; a change made against an older version is refused (409).</summary>
    public int Version { get; set; }
    public bool IsDemo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public List<MarketIntroductionNoteRecord> Notes { get; set; } = [];
}

/// <summary>A dated note on an introduction (a call, a visit, an offer).</summary>
public sealed class MarketIntroductionNoteRecord
{
    public int Id { get; set; }
    public int IntroductionId { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Author { get; set; }
}

/// <summary>
/// A technology contract (技术合同) as registered: one row per revision. The first revision (0) is recorded and approved; an
/// approved revision is locked, and a correction is a new revision the office approves, which supersedes the one before.
/// </summary>
public sealed class TechContractRecord
{
    public int Id { get; set; }
    /// <summary>技术合同登记号: the same on every revision of a contract, unique per revision.</summary>
    public required string RegistrationNumber { get; set; }
    public int Revision { get; set; }
    /// <summary>The approved revision this one corrects, or null for the first.</summary>
    public int? RevisesId { get; set; }
    public ContractState State { get; set; }
    /// <summary>A code of <see cref="MarketTerms.ContractTypes"/>.</summary>
    public required string Type { get; set; }
    public required string Title { get; set; }
    public required string Buyer { get; set; }
    public string? BuyerCreditCode { get; set; }
    public int? BuyerInstitutionId { get; set; }
    public required string Seller { get; set; }
    public string? SellerCreditCode { get; set; }
    public int? SellerInstitutionId { get; set; }
    /// <summary>技术交易额, 万元.</summary>
    public decimal AmountWan { get; set; }
    public DateOnly Signed { get; set; }
    /// <summary>The zone of the registering party: whose turnover it counts to.</summary>
    public required string ZoneCode { get; set; }
    /// <summary>An industry code of <c>portal/industries.yaml</c>.</summary>
    public required string Field { get; set; }
    public int? IntroductionId { get; set; }
    public int? DemandId { get; set; }
    public int? AchievementId { get; set; }
    /// <summary>Key technologies (关键技术) recorded, one per line.</summary>
    public string? KeyTechnologies { get; set; }
    /// <summary>New products (新产品) recorded, one per line.</summary>
    public string? NewProducts { get; set; }
    public string? ReturnComment { get; set; }
    /// <summary>Raised by every change; a change made against an older version is refused (409).</summary>
    public int Version { get; set; }
    public bool IsDemo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public string? ApprovedBy { get; set; }

    /// <summary>The named outcomes of a kind, as a list.</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        text is null ? [] : text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>The tables of brokering and technology contracts.</summary>
public static class MarketDealModel
{
    /// <summary>The tables and their limits.</summary>
    public static void Configure(ModelBuilder model)
    {
        model.Entity<MarketInterestRecord>(e =>
        {
            e.ToTable("market_interests");
            e.HasKey(i => i.Id);
            e.Property(i => i.Message).HasMaxLength(Core.InputLimits.Comment);
            e.Property(i => i.Author).HasMaxLength(Core.InputLimits.Name);
            e.Property(i => i.AuthorRole).HasMaxLength(32);
            e.Property(i => i.AuthorZone).HasMaxLength(64);
            e.HasIndex(i => new { i.Side, i.ProfileId });
            e.HasIndex(i => i.Author);
        });
        model.Entity<MarketIntroductionRecord>(e =>
        {
            e.ToTable("market_introductions");
            e.HasKey(i => i.Id);
            e.Property(i => i.PartyName).HasMaxLength(Core.InputLimits.Name);
            e.Property(i => i.ZoneCode).HasMaxLength(64);
            e.Property(i => i.Reason).HasMaxLength(Core.InputLimits.Comment);
            e.Property(i => i.ClosedBy).HasMaxLength(Core.InputLimits.Name);
            e.Property(i => i.CreatedBy).HasMaxLength(Core.InputLimits.Name);
            e.Property(i => i.UpdatedBy).HasMaxLength(Core.InputLimits.Name);
            e.Property(i => i.Version).IsConcurrencyToken();
            e.HasIndex(i => new { i.ZoneCode, i.State });
            e.HasOne<Zones.ZoneRecord>().WithMany().HasForeignKey(i => i.ZoneCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<MarketDemandRecord>().WithMany().HasForeignKey(i => i.DemandId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<MarketAchievementRecord>().WithMany().HasForeignKey(i => i.AchievementId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(i => i.Notes).WithOne().HasForeignKey(n => n.IntroductionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<MarketIntroductionNoteRecord>(e =>
        {
            e.ToTable("market_introduction_notes");
            e.HasKey(n => n.Id);
            e.Property(n => n.Text).HasMaxLength(Core.InputLimits.Comment);
            e.Property(n => n.Author).HasMaxLength(Core.InputLimits.Name);
        });
        model.Entity<TechContractRecord>(e =>
        {
            e.ToTable("tech_contracts");
            e.HasKey(c => c.Id);
            e.Property(c => c.RegistrationNumber).HasMaxLength(64);
            e.Property(c => c.Type).HasMaxLength(32);
            e.Property(c => c.Title).HasMaxLength(Core.InputLimits.Title);
            e.Property(c => c.Buyer).HasMaxLength(Core.InputLimits.Name);
            e.Property(c => c.BuyerCreditCode).HasMaxLength(18);
            e.Property(c => c.Seller).HasMaxLength(Core.InputLimits.Name);
            e.Property(c => c.SellerCreditCode).HasMaxLength(18);
            e.Property(c => c.ZoneCode).HasMaxLength(64);
            e.Property(c => c.Field).HasMaxLength(64);
            e.Property(c => c.KeyTechnologies).HasMaxLength(Core.InputLimits.FreeText);
            e.Property(c => c.NewProducts).HasMaxLength(Core.InputLimits.FreeText);
            e.Property(c => c.ReturnComment).HasMaxLength(Core.InputLimits.Comment);
            e.Property(c => c.CreatedBy).HasMaxLength(Core.InputLimits.Name);
            e.Property(c => c.UpdatedBy).HasMaxLength(Core.InputLimits.Name);
            e.Property(c => c.ApprovedBy).HasMaxLength(Core.InputLimits.Name);
            e.Property(c => c.Version).IsConcurrencyToken();
            // 技术合同登记号 is unique: one row per revision of it.
            e.HasIndex(c => new { c.RegistrationNumber, c.Revision }).IsUnique();
            e.HasIndex(c => new { c.State, c.ZoneCode });
            e.HasOne<Zones.ZoneRecord>().WithMany().HasForeignKey(c => c.ZoneCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<MarketIntroductionRecord>().WithMany().HasForeignKey(c => c.IntroductionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<MarketDemandRecord>().WithMany().HasForeignKey(c => c.DemandId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<MarketAchievementRecord>().WithMany().HasForeignKey(c => c.AchievementId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<TechContractRecord>().WithMany().HasForeignKey(c => c.RevisesId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
