using Gaoxin.Data.Portal;
using Gaoxin.Core;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Policies;
using Gaoxin.Core.Portal;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Policies;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.News;

/// <summary>A public news item as search, the home page and the list read it.</summary>
public sealed record PublicNews(long Id, string Kind, string Title, string? Summary, string BodyHtml, string? Zone, DateTimeOffset ShownAt, bool IsDemo);

/// <summary>The fields an editor writes on a news item; the body is HTML and is cleaned when saved.</summary>
public sealed record NewsInput(string? Title, string? Kind = null, string? Summary = null, string? BodyHtml = null, string? Zone = null, DateTimeOffset? ExpiresAt = null);

/// <summary>News and notices (新闻中心): written by the office or a zone, reviewed and published by the office.</summary>
public static class NewsStore
{
    /// <summary>Every news item the public may see at <paramref name="now"/> (<see cref="Publication.IsPublic"/>), newest first.</summary>
    public static async Task<List<PublicNews>> PublicAsync(GaoxinDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var published = await db.News.AsNoTracking().Where(n => n.State == PublicationState.Published).ToListAsync(cancellationToken);
        // In memory: SQLite cannot compare or order DateTimeOffset.
        return published.Where(n => IsPublic(n, now)).Select(ToPublic)
            .OrderByDescending(n => n.ShownAt.UtcDateTime).ThenByDescending(n => n.Id).ToList();
    }

    public static bool IsPublic(NewsRecord n, DateTimeOffset now) => Publication.IsPublic(n.State, n.ReleaseAt, n.ExpiresAt, now);

    /// <summary>The date a visitor sees: the release time, else the publication time.</summary>
    public static PublicNews ToPublic(NewsRecord n) =>
        new(n.Id, n.Kind, n.Title, n.Summary, n.BodyHtml, n.Zone, n.ReleaseAt ?? n.PublishedAt ?? n.UpdatedAt, n.IsDemo);

    /// <summary>A news item if the public may see it now, else null.</summary>
    public static async Task<PublicNews?> GetPublicAsync(GaoxinDb db, long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.News.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, cancellationToken) is { } n && IsPublic(n, now) ? ToPublic(n) : null;

    /// <summary>A news item as its editors see it (the office every one, a zone operator their zone's), else null.</summary>
    public static async Task<NewsRecord?> GetForEditorAsync(GaoxinDb db, Principal who, long id, CancellationToken cancellationToken) =>
        await db.News.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, cancellationToken) is { } n && MayEdit(who, n) ? n : null;

    /// <summary>The items an editor keeps, newest change first.</summary>
    public static async Task<List<NewsRecord>> EditorListAsync(GaoxinDb db, Principal who, CancellationToken cancellationToken)
    {
        var all = await db.News.AsNoTracking().ToListAsync(cancellationToken);
        return all.Where(n => MayEdit(who, n)).OrderByDescending(n => n.UpdatedAt.UtcDateTime).ThenByDescending(n => n.Id).ToList();
    }

    private static bool MayEdit(Principal who, NewsRecord n) => who.IsAdmin || (n.Zone is { } zone && who.MayReport(zone));

    /// <summary>Writes a new item as a draft. Returns its id, or the refusal code.</summary>
    public static async Task<(long? Id, string? Refused)> CreateAsync(GaoxinDb db, Principal who, NewsInput input, TimeProvider clock, CancellationToken cancellationToken, bool isDemo = false)
    {
        if (await CheckAsync(db, input, cancellationToken) is { } invalid) return (null, invalid);
        var zone = Zone(input.Zone);
        if (Publication.Check(PublicationState.Draft, PublicationAction.Edit, who, zone) is { } refused) return (null, refused);
        var now = clock.GetUtcNow();
        var news = new NewsRecord { Title = "", CreatedAt = now, CreatedBy = who.Name, UpdatedAt = now, UpdatedBy = who.Name, State = PublicationState.Draft, IsDemo = isDemo };
        Apply(news, input);
        // The audit names the new id, which the first save gives: both saves in one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.News.Add(news);
        await db.SaveChangesAsync(cancellationToken);
        Audit(db, who, news, "news_created", now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (news.Id, null);
    }

    /// <summary>Changes an item (a draft, or a withdrawn one, which becomes a draft again). Null when done, else the refusal code.</summary>
    public static async Task<string?> EditAsync(GaoxinDb db, Principal who, long id, NewsInput input, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await CheckAsync(db, input, cancellationToken) is { } invalid) return invalid;
        await using var transaction = await WriteLock.BeginAsync(db, Scope(id), cancellationToken);
        var news = await db.News.FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (news is null || !MayEdit(who, news)) return "not_found";
        var now = clock.GetUtcNow();
        if (PortalSteps.Apply(news, PublicationAction.Edit, who, news.Zone, null, null, now) is { } refused) return refused;
        if (!who.IsAdmin && !(Zone(input.Zone) is { } zone && who.MayReport(zone))) return "forbidden";
        Apply(news, input);
        Audit(db, who, news, "news_edited", now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>A workflow step (submit, publish at once or at <paramref name="releaseAt"/>, return with a comment, withdraw).</summary>
    public static async Task<string?> StepAsync(GaoxinDb db, Principal who, long id, PublicationAction action, DateTimeOffset? releaseAt, string? comment,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        InputLimits.Ensure("comment", comment, InputLimits.Comment);
        await using var transaction = await WriteLock.BeginAsync(db, Scope(id), cancellationToken);
        var news = await db.News.FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (news is null || !MayEdit(who, news)) return "not_found";
        var now = clock.GetUtcNow();
        if (PortalSteps.Apply(news, action, who, news.Zone, releaseAt, comment, now) is { } refused) return refused;
        Audit(db, who, news, "news_" + action.ToString().ToLowerInvariant(), now, comment ?? (releaseAt is { } at ? "releaseAt " + at.ToString("O") : null));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Stores an image for an item while it is editable: a PNG, JPEG, GIF or WebP by its first bytes, whatever it claims, of at
    /// most <see cref="UploadedFileTypes.MaxImageBytes"/>. Returns the image's id, or the refusal code.
    /// </summary>
    public static async Task<(long? Id, string? Refused)> AddImageAsync(GaoxinDb db, Principal who, long id, byte[] content, string? altText, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (content.Length > UploadedFileTypes.MaxImageBytes) return (null, "file_too_large");
        InputLimits.Ensure("altText", altText, InputLimits.Name);
        await using var transaction = await WriteLock.BeginAsync(db, Scope(id), cancellationToken);
        var news = await db.News.FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        // An item out of the writer's reach is not found, whatever the file holds.
        if (news is null || !MayEdit(who, news)) return (null, "not_found");
        if (UploadedFileTypes.ImageType(content) is not { } type) return (null, "image_type_not_allowed");
        if (Publication.Check(news.State, PublicationAction.Edit, who, news.Zone) is { } refused) return (null, refused);
        var now = clock.GetUtcNow();
        var image = new NewsImageRecord { NewsId = id, ContentType = type, Size = content.Length, Content = content, AltText = altText?.Trim(), UploadedAt = now, UploadedBy = who.Name };
        db.NewsImages.Add(image);
        Audit(db, who, news, "news_image_added", now, type);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (image.Id, null);
    }

    /// <summary>An image with its item, for serving: null when there is none.</summary>
    public static async Task<(NewsImageRecord Image, NewsRecord News)?> ImageAsync(GaoxinDb db, long imageId, CancellationToken cancellationToken)
    {
        var image = await db.NewsImages.AsNoTracking().FirstOrDefaultAsync(i => i.Id == imageId, cancellationToken);
        if (image is null) return null;
        var news = await db.News.AsNoTracking().FirstAsync(n => n.Id == image.NewsId, cancellationToken);
        return (image, news);
    }

    /// <summary>May <paramref name="who"/> (null: anonymous) see an image of <paramref name="news"/> at <paramref name="now"/>?</summary>
    public static bool MaySee(Principal? who, NewsRecord news, DateTimeOffset now) => IsPublic(news, now) || (who is not null && MayEdit(who, news));

    private static string Scope(long id) => "news:" + id;

    private static string? Zone(string? zone) => string.IsNullOrWhiteSpace(zone) ? null : zone.Trim();

    private static async Task<string?> CheckAsync(GaoxinDb db, NewsInput input, CancellationToken cancellationToken)
    {
        InputLimits.Ensure("title", input.Title, InputLimits.Title);
        InputLimits.Ensure("summary", input.Summary, InputLimits.Comment);
        InputLimits.Ensure("bodyHtml", input.BodyHtml, PortalContentModel.LongText);
        if (string.IsNullOrWhiteSpace(input.Title)) return "title_required";
        if (input.Kind is not (null or "news" or "notice")) return "unknown_kind";
        if (Zone(input.Zone) is { } zone && !await db.Zones.AnyAsync(z => z.Code == zone, cancellationToken)) return "unknown_zone";
        return null;
    }

    private static void Apply(NewsRecord news, NewsInput input)
    {
        news.Title = input.Title!.Trim();
        news.Kind = input.Kind ?? "news";
        news.Summary = string.IsNullOrWhiteSpace(input.Summary) ? null : input.Summary.Trim();
        news.BodyHtml = NewsHtml.Sanitize(input.BodyHtml);
        news.Zone = Zone(input.Zone);
        news.ExpiresAt = input.ExpiresAt?.ToUniversalTime();
    }

    private static void Audit(GaoxinDb db, Principal who, NewsRecord news, string action, DateTimeOffset now, string? comment = null) =>
        db.Audit.Add(new AuditRecord
        {
            At = now, Actor = who.Name, Via = "portal", UnitCode = news.Zone ?? "", Year = Publication.Today(now).Year, Action = action,
            ElementCode = news.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Comment = comment ?? news.Title,
        });
}
