using Gaoxin.Core.Portal;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Market;

/// <summary>
/// A technology demand (技术需求): a problem an enterprise needs solved, posted by the enterprise's signed-in user or by a
/// zone operator on its behalf, reviewed and published by the office (<see cref="Publication"/>), off the market when its
/// validity ends (<see cref="ValidUntil"/>, renewable) or the office withdraws it.
/// </summary>
public sealed class MarketDemandRecord : IMarketProfile
{
    public int Id { get; set; }
    public required string Title { get; set; }
    /// <summary>The problem to solve, in the enterprise's words.</summary>
    public required string Problem { get; set; }
    /// <summary>An industry code of <c>portal/industries.yaml</c>.</summary>
    public required string Field { get; set; }
    /// <summary>Keywords, separated by commas (、 and ， are accepted on input and stored as ,).</summary>
    public string Keywords { get; set; } = "";
    public decimal? BudgetMinWan { get; set; }
    public decimal? BudgetMaxWan { get; set; }
    /// <summary>By when the enterprise needs the solution.</summary>
    public DateOnly? Deadline { get; set; }
    /// <summary>The zone the enterprise is in; null for an enterprise outside the zones.</summary>
    public string? ZoneCode { get; set; }
    public required string EnterpriseName { get; set; }
    /// <summary>The enterprise's unified social credit code (统一社会信用代码), when given.</summary>
    public string? CreditCode { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    /// <summary>The last day the demand is on the market; renewing moves it.</summary>
    public DateOnly? ValidUntil { get; set; }
    public PublicationState State { get; set; }
    public DateTimeOffset? ReleaseAt { get; set; }
    /// <summary>The end of <see cref="ValidUntil"/> (<see cref="Publication.EndOfDay"/>), kept for the public query.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    public string? ReturnComment { get; set; }
    /// <summary>The account that posted it (an enterprise user edits only their own profiles).</summary>
    public required string Owner { get; set; }
    /// <summary>Raised by every change; a change made against an older version is refused (409).</summary>
    public int Version { get; set; }
    public bool IsDemo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>
/// A technology achievement (科技成果) offered for transfer: field, maturity, intellectual property, how it may change hands,
/// asking price and the institution that owns it. Same workflow, ownership and expiry as <see cref="MarketDemandRecord"/>.
/// </summary>
public sealed class MarketAchievementRecord : IMarketProfile
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    /// <summary>An industry code of <c>portal/industries.yaml</c>.</summary>
    public required string Field { get; set; }
    public string Keywords { get; set; } = "";
    /// <summary>A code of <c>MarketTerms.Maturities</c>.</summary>
    public required string Maturity { get; set; }
    /// <summary>Technology readiness level 1–9, when the owner states one (it must fall in <see cref="Maturity"/>).</summary>
    public int? Trl { get; set; }
    /// <summary>A code of <c>MarketTerms.IpStatuses</c>.</summary>
    public required string IpStatus { get; set; }
    /// <summary>Patent or registration numbers, separated by commas.</summary>
    public string? IpNumbers { get; set; }
    /// <summary>Codes of <c>MarketTerms.CooperationModes</c>, separated by commas.</summary>
    public required string CooperationModes { get; set; }
    public decimal? PriceMinWan { get; set; }
    public decimal? PriceMaxWan { get; set; }
    /// <summary>The owning institution, when it is on record.</summary>
    public int? InstitutionId { get; set; }
    /// <summary>The owner's name as shown (the institution's name, or an enterprise's).</summary>
    public required string OwnerName { get; set; }
    /// <summary>Where the owner is (辽宁省沈阳市, 北京市, 江苏省南京市 …).</summary>
    public string? Region { get; set; }
    /// <summary>The zone the owner is in, when it is in one.</summary>
    public string? ZoneCode { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public PublicationState State { get; set; }
    public DateTimeOffset? ReleaseAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public string? ReturnComment { get; set; }
    public required string Owner { get; set; }
    public int Version { get; set; }
    public bool IsDemo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>What the workflow, the store and the pages share of a demand and an achievement.</summary>
public interface IMarketProfile : Portal.IReviewedItem
{
    int Id { get; }
    string Title { get; set; }
    string Field { get; set; }
    string Keywords { get; set; }
    string? ZoneCode { get; set; }
    string? ContactName { get; set; }
    string? ContactPhone { get; set; }
    string? ContactEmail { get; set; }
    DateOnly? ValidUntil { get; set; }
    DateTimeOffset? ExpiresAt { get; set; }
    string Owner { get; set; }
    int Version { get; set; }
    bool IsDemo { get; set; }
    DateTimeOffset CreatedAt { get; set; }
    string CreatedBy { get; set; }
}

/// <summary>
/// A university, research institute, enterprise or technology-transfer service on record: owners of achievements and
/// brokers of deals. <see cref="PartnerSet"/> marks the province's cooperation partners (两院十校: the Chinese Academy of
/// Sciences, the Chinese Academy of Engineering and ten universities).
/// </summary>
public sealed class MarketInstitutionRecord
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    /// <summary>A code of <c>MarketTerms.InstitutionKinds</c>.</summary>
    public required string Kind { get; set; }
    public string? Region { get; set; }
    /// <summary>The cooperation set the institution belongs to, e.g. 两院十校; null for none.</summary>
    public string? PartnerSet { get; set; }
    /// <summary>The zone of a technology-transfer service run by a zone, or of an enterprise in a zone.</summary>
    public string? ZoneCode { get; set; }
    public string? Website { get; set; }
    public bool IsDemo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>The tables of the technology market's profiles and institutions.</summary>
public static class MarketProfileModel
{
    /// <summary>The tables and their limits.</summary>
    public static void Configure(ModelBuilder model)
    {
        model.Entity<MarketDemandRecord>(e =>
        {
            e.ToTable("market_demands");
            e.HasKey(d => d.Id);
            e.Property(d => d.Title).HasMaxLength(Core.InputLimits.Title);
            e.Property(d => d.Problem).HasMaxLength(Core.InputLimits.FreeText);
            e.Property(d => d.Field).HasMaxLength(64);
            e.Property(d => d.Keywords).HasMaxLength(Core.InputLimits.Comment);
            e.Property(d => d.ZoneCode).HasMaxLength(64);
            e.Property(d => d.EnterpriseName).HasMaxLength(Core.InputLimits.Name);
            e.Property(d => d.CreditCode).HasMaxLength(18);
            e.Property(d => d.ContactName).HasMaxLength(Core.InputLimits.Name);
            e.Property(d => d.ContactPhone).HasMaxLength(64);
            e.Property(d => d.ContactEmail).HasMaxLength(Core.InputLimits.Name);
            e.Property(d => d.ReturnComment).HasMaxLength(Core.InputLimits.Comment);
            e.Property(d => d.Owner).HasMaxLength(Core.InputLimits.Name);
            e.Property(d => d.CreatedBy).HasMaxLength(Core.InputLimits.Name);
            e.Property(d => d.UpdatedBy).HasMaxLength(Core.InputLimits.Name);
            e.Property(d => d.Version).IsConcurrencyToken();
            e.HasIndex(d => new { d.State, d.Field });
            e.HasIndex(d => d.Owner);
            e.HasOne<Zones.ZoneRecord>().WithMany().HasForeignKey(d => d.ZoneCode).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<MarketAchievementRecord>(e =>
        {
            e.ToTable("market_achievements");
            e.HasKey(a => a.Id);
            e.Property(a => a.Title).HasMaxLength(Core.InputLimits.Title);
            e.Property(a => a.Description).HasMaxLength(Core.InputLimits.FreeText);
            e.Property(a => a.Field).HasMaxLength(64);
            e.Property(a => a.Keywords).HasMaxLength(Core.InputLimits.Comment);
            e.Property(a => a.Maturity).HasMaxLength(32);
            e.Property(a => a.IpStatus).HasMaxLength(32);
            e.Property(a => a.IpNumbers).HasMaxLength(Core.InputLimits.Comment);
            e.Property(a => a.CooperationModes).HasMaxLength(128);
            e.Property(a => a.OwnerName).HasMaxLength(Core.InputLimits.Name);
            e.Property(a => a.Region).HasMaxLength(Core.InputLimits.Name);
            e.Property(a => a.ZoneCode).HasMaxLength(64);
            e.Property(a => a.ContactName).HasMaxLength(Core.InputLimits.Name);
            e.Property(a => a.ContactPhone).HasMaxLength(64);
            e.Property(a => a.ContactEmail).HasMaxLength(Core.InputLimits.Name);
            e.Property(a => a.ReturnComment).HasMaxLength(Core.InputLimits.Comment);
            e.Property(a => a.Owner).HasMaxLength(Core.InputLimits.Name);
            e.Property(a => a.CreatedBy).HasMaxLength(Core.InputLimits.Name);
            e.Property(a => a.UpdatedBy).HasMaxLength(Core.InputLimits.Name);
            e.Property(a => a.Version).IsConcurrencyToken();
            e.HasIndex(a => new { a.State, a.Field });
            e.HasIndex(a => a.Owner);
            e.HasOne<Zones.ZoneRecord>().WithMany().HasForeignKey(a => a.ZoneCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<MarketInstitutionRecord>().WithMany().HasForeignKey(a => a.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<MarketInstitutionRecord>(e =>
        {
            e.ToTable("market_institutions");
            e.HasKey(i => i.Id);
            e.Property(i => i.Name).HasMaxLength(Core.InputLimits.Name);
            e.Property(i => i.NameEn).HasMaxLength(Core.InputLimits.Name);
            e.Property(i => i.Kind).HasMaxLength(32);
            e.Property(i => i.Region).HasMaxLength(Core.InputLimits.Name);
            e.Property(i => i.PartnerSet).HasMaxLength(64);
            e.Property(i => i.ZoneCode).HasMaxLength(64);
            e.Property(i => i.Website).HasMaxLength(Core.InputLimits.Name);
            e.Property(i => i.CreatedBy).HasMaxLength(Core.InputLimits.Name);
            e.HasIndex(i => i.Name).IsUnique();
            e.HasOne<Zones.ZoneRecord>().WithMany().HasForeignKey(i => i.ZoneCode).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
