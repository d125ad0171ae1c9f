using Gaoxin.Data.Portal;
using Gaoxin.Core.Portal;
using Gaoxin.Data.Policies;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.News;

/// <summary>A news item or notice (新闻 / 通知公告).</summary>
public sealed class NewsRecord : IPublishedItem
{
    public long Id { get; set; }
    /// <summary>news or notice.</summary>
    public string Kind { get; set; } = "news";
    public required string Title { get; set; }
    public string? Summary { get; set; }
    /// <summary>The body as sanitised HTML (cleaned on every save).</summary>
    public string BodyHtml { get; set; } = "";
    /// <summary>The zone it belongs to; null for a province-wide item (the office's).</summary>
    public string? Zone { get; set; }
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
}

/// <summary>An image uploaded for a news item, served from the store.</summary>
public sealed class NewsImageRecord
{
    public long Id { get; set; }
    public long NewsId { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required byte[] Content { get; set; }
    public string? AltText { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public required string UploadedBy { get; set; }
}

/// <summary>The mapping of the news tables.</summary>
public static class NewsModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<NewsRecord>(e =>
        {
            e.ToTable("news");
            e.HasKey(n => n.Id);
            e.Property(n => n.Kind).HasMaxLength(16);
            e.Property(n => n.Title).HasMaxLength(Core.InputLimits.Title);
            e.Property(n => n.Summary).HasMaxLength(Core.InputLimits.Comment);
            e.Property(n => n.BodyHtml).HasMaxLength(PortalContentModel.LongText);
            e.Property(n => n.Zone).HasMaxLength(64);
            e.Property(n => n.ReturnComment).HasMaxLength(Core.InputLimits.Comment);
            e.Property(n => n.PublishedBy).HasMaxLength(Core.InputLimits.Name);
            e.Property(n => n.CreatedBy).HasMaxLength(Core.InputLimits.Name);
            e.Property(n => n.UpdatedBy).HasMaxLength(Core.InputLimits.Name);
            e.HasIndex(n => n.State);
        });
        model.Entity<NewsImageRecord>(e =>
        {
            e.ToTable("news_images");
            e.HasKey(i => i.Id);
            e.Property(i => i.ContentType).HasMaxLength(100);
            e.Property(i => i.AltText).HasMaxLength(Core.InputLimits.Name);
            e.Property(i => i.UploadedBy).HasMaxLength(Core.InputLimits.Name);
            e.HasIndex(i => i.NewsId);
            e.HasOne<NewsRecord>().WithMany().HasForeignKey(i => i.NewsId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
