using Gaoxin.Core.Policies;
using Gaoxin.Core.Portal;
using Gaoxin.Data;
using Gaoxin.Data.News;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Policies;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gaoxin.Features.News;

/// <summary>A public news item or notice; <c>bodyHtml</c> is the stored, sanitised HTML (only in the single item).</summary>
public sealed record NewsResponse(long Id, string Kind, string Title, string? Summary, string? BodyHtml, string? Zone, DateTimeOffset Date, bool IsDemo);

/// <summary>What an editor writes: <c>kind</c> news or notice, <c>zone</c> null for province-wide, <c>bodyHtml</c> rich text (cleaned when saved).</summary>
public sealed record NewsRequest(string? Title, string? Kind, string? Summary, string? BodyHtml, string? Zone, DateTimeOffset? ExpiresAt);

public sealed record NewsCreatedResponse(long Id, string State);

public sealed record NewsImageResponse(long Id, string ContentType, long Size, string Url);

/// <summary>/api/news: public reading; writing by the office or, for a zone's own items, the zone's operator.</summary>
public static class NewsApi
{
    public static void MapNewsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/news").WithTags("News");
        var read = group.MapGroup("").AllowAnonymous();
        var write = group.MapGroup("").RequireApi(Access.ZoneStaff);
        var decide = group.MapGroup("").RequireApi(Access.Office);
        read.MapGet("/", List).WithName("ListNews").WithSummary("Public news and notices, newest first (kind=news|notice, zone=CODE)");
        read.MapGet("/{id:long}", Get).WithName("GetNews").WithSummary("A public news item with its sanitised body");
        write.MapPost("/", Create).WithName("CreateNews").WithSummary("Write a news item as a draft (a zone's operator: items of their own zone only)");
        write.MapPut("/{id:long}", Edit).WithName("EditNews").WithSummary("Change a draft or a withdrawn item");
        write.MapPost("/{id:long}/submit", (long id, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => StepAsync(id, PublicationAction.Submit, null, c, db, clock, ct))
            .WithName("SubmitNews").WithSummary("Send a draft to the office for review");
        decide.MapPost("/{id:long}/publish", (long id, [FromBody] PublicationStepRequest? body, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
            StepAsync(id, PublicationAction.Publish, body, c, db, clock, ct)).WithName("PublishNews").WithSummary("Approve and publish, at once or at releaseAt");
        decide.MapPost("/{id:long}/return", (long id, [FromBody] PublicationStepRequest? body, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
            StepAsync(id, PublicationAction.Return, body, c, db, clock, ct)).WithName("ReturnNews").WithSummary("Send back to the author with a comment");
        decide.MapPost("/{id:long}/withdraw", (long id, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => StepAsync(id, PublicationAction.Withdraw, null, c, db, clock, ct))
            .WithName("WithdrawNews").WithSummary("Take a published item off the portal");
        write.MapPost("/{id:long}/images", AddImage).WithName("AddNewsImage")
            .WithSummary("Upload a PNG, JPEG, GIF or WebP image (multipart field 'file', at most 2 MB); use the answer's url in the body").DisableAntiforgery();
    }

    /// <summary>The image route (outside /api: it answers the image itself).</summary>
    public static void MapNewsImages(this IEndpointRouteBuilder app) =>
        app.MapGet("/news/images/{imageId:long}", ImageAsync).ExcludeFromDescription().AllowAnonymous();

    public static NewsResponse ToResponse(this PublicNews n, bool withBody) => new(n.Id, n.Kind, n.Title, n.Summary, withBody ? n.BodyHtml : null, n.Zone, n.ShownAt, n.IsDemo);

    public static async Task<Ok<List<NewsResponse>>> List(string? kind, string? zone, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var items = await NewsStore.PublicAsync(db, clock.GetUtcNow(), ct);
        return TypedResults.Ok(items.Where(n => string.IsNullOrEmpty(kind) || n.Kind == kind).Where(n => string.IsNullOrEmpty(zone) || n.Zone == zone)
            .Select(n => n.ToResponse(withBody: false)).ToList());
    }

    public static async Task<Results<Ok<NewsResponse>, ProblemHttpResult>> Get(long id, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
        await NewsStore.GetPublicAsync(db, id, clock.GetUtcNow(), ct) is { } n ? TypedResults.Ok(n.ToResponse(withBody: true))
            : Refusal.NotFound("unknown_news", $"没有编号为 {id} 的已发布新闻。", $"No published news item {id}.").ToResult();

    private static NewsInput ToInput(NewsRequest r) => new(r.Title, r.Kind, r.Summary, r.BodyHtml, r.Zone, r.ExpiresAt);

    public static async Task<Results<Created<NewsCreatedResponse>, ProblemHttpResult>> Create(NewsRequest request, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var (id, refused) = await NewsStore.CreateAsync(db, who, ToInput(request), clock, ct);
        return refused is not null ? PolicyApi.Refused(refused) : TypedResults.Created($"/api/news/{id}", new NewsCreatedResponse(id!.Value, "draft"));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Edit(long id, NewsRequest request, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        return await NewsStore.EditAsync(db, who, id, ToInput(request), clock, ct) is { } refused ? PolicyApi.Refused(refused) : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> StepAsync(long id, PublicationAction action, PublicationStepRequest? body, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        return await NewsStore.StepAsync(db, who, id, action, body?.ReleaseAt, body?.Comment, clock, ct) is { } refused ? PolicyApi.Refused(refused) : TypedResults.NoContent();
    }

    public static async Task<Results<Created<NewsImageResponse>, ProblemHttpResult>> AddImage(long id, IFormFile? file, [FromForm] string? altText, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        if (file is null) return PolicyApi.Refused("file_required");
        if (file.Length > UploadedFileTypes.MaxImageBytes) return PolicyApi.Refused("file_too_large");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var (imageId, refused) = await NewsStore.AddImageAsync(db, who, id, bytes, altText, clock, ct);
        if (refused is not null) return PolicyApi.Refused(refused);
        var url = $"/news/images/{imageId}";
        return TypedResults.Created(url, new NewsImageResponse(imageId!.Value, UploadedFileTypes.ImageType(bytes)!, bytes.Length, url));
    }

    /// <summary>An image, with the type its bytes showed and nosniff: to anyone when its item is public, else to the item's editors.</summary>
    private static async Task<Results<FileContentHttpResult, NotFound>> ImageAsync(long imageId, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await NewsStore.ImageAsync(db, imageId, ct) is not { } found || !NewsStore.MaySee(context.User.ToPrincipal(), found.News, clock.GetUtcNow()))
            return TypedResults.NotFound();
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(found.Image.Content, found.Image.ContentType);
    }
}
