using Gaoxin.Core.Policies;
using Gaoxin.Core.Portal;
using Gaoxin.Data;
using Gaoxin.Data.Policies;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gaoxin.Features.Policies;

public sealed record PlanSourceResponse(string? Plan, string? Section, string Quote);

public sealed record PolicyAttachmentResponse(long Id, string FileName, string ContentType, long Size, string Url);

/// <summary>A public policy. <c>status</c>: in_force, amended, expired, not_yet_in_force; <c>zones</c> empty for province-wide.</summary>
public sealed record PolicyResponse(string Id, string Kind, string Title, string? TitleEn, string? Issuer, string? DocumentNumber, string? Level, string? IssuedOn,
    string? InForceFrom, string? InForceUntil, string Status, string? AmendedBy, IReadOnlyList<string> Zones, IReadOnlyList<string> TargetTypes,
    string? Summary, string? FullText, PlanSourceResponse? Source, bool IsDemo, IReadOnlyList<PolicyAttachmentResponse>? Attachments);

/// <summary>What an editor writes. Dates are yyyy-mm-dd; <c>level</c>: national, provincial, city, zone; <c>targetTypes</c>: hte, tech_sme, gazelle, hte_reserve, any.</summary>
public sealed record PolicyRequest(string? Title, string? TitleEn, string? Kind, string? Issuer, string? DocumentNumber, string? Level, DateOnly? IssuedOn,
    DateOnly? InForceFrom, DateOnly? InForceUntil, string? AmendedBy, List<string>? Zones, List<string>? TargetTypes, string? Summary, string? FullText);

/// <summary>The body of a workflow step: <c>releaseAt</c> for a scheduled publication, <c>comment</c> when returning.</summary>
public sealed record PublicationStepRequest(DateTimeOffset? ReleaseAt, string? Comment);

public sealed record CreatedResponse(string Id, string State);

/// <summary>/api/policies: public reading; writing by the office or, for a zone's own policies, the zone's operator.</summary>
public static class PolicyApi
{
    public static void MapPolicyApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/policies").WithTags("Policies").Refuses(RefusalKind.NotFound, RefusalKind.Conflict, RefusalKind.Invalid);
        var read = group.MapGroup("").AllowAnonymous();
        var write = group.MapGroup("").RequireApi(Access.ZoneStaff);
        var decide = group.MapGroup("").RequireApi(Access.Office);
        read.MapGet("/", List).WithName("ListPolicies").WithSummary("Public policies, by enterprise type (type=hte), zone (zone=shenyang) and level");
        read.MapGet("/{id}", Get).WithName("GetPolicy").WithSummary("A public policy with its attachments and the plan's words");
        write.MapPost("/", Create).WithName("CreatePolicy").WithSummary("Write a policy as a draft (a zone's operator: policies of their own zone only)");
        write.MapPut("/{id}", Edit).WithName("EditPolicy").WithSummary("Change a draft or a withdrawn policy");
        write.MapPost("/{id}/submit", (string id, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => StepAsync(id, PublicationAction.Submit, null, c, db, clock, ct))
            .WithName("SubmitPolicy").WithSummary("Send a draft to the office for review");
        decide.MapPost("/{id}/publish", (string id, [FromBody] PublicationStepRequest? body, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
            StepAsync(id, PublicationAction.Publish, body, c, db, clock, ct)).WithName("PublishPolicy").WithSummary("Approve and publish, at once or at releaseAt");
        decide.MapPost("/{id}/return", (string id, [FromBody] PublicationStepRequest? body, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) =>
            StepAsync(id, PublicationAction.Return, body, c, db, clock, ct)).WithName("ReturnPolicy").WithSummary("Send back to the author with a comment");
        decide.MapPost("/{id}/withdraw", (string id, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => StepAsync(id, PublicationAction.Withdraw, null, c, db, clock, ct))
            .WithName("WithdrawPolicy").WithSummary("Take a published policy off the portal");
        write.MapPost("/{id}/attachments", Attach).WithName("AttachToPolicy").WithSummary("Attach a PDF, Word, Excel or image file (multipart field 'file'; at most 10 MB)").DisableAntiforgery();
    }

    /// <summary>The download route of an attachment (outside /api: it answers a file, not JSON).</summary>
    public static void MapPolicyDownloads(this IEndpointRouteBuilder app) =>
        app.MapGet("/policies/{id}/attachments/{attachmentId:long}", DownloadAsync).ExcludeFromDescription().AllowAnonymous();

    internal static ProblemHttpResult Refused(string code) => Refusal.Of(PolicyText.Kind(code), code, () => PolicyText.Refusal(code)).ToResult();

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd");

    public static string StatusCode(PolicyStatus s) => s switch
    {
        PolicyStatus.InForce => "in_force", PolicyStatus.Amended => "amended", PolicyStatus.Expired => "expired", _ => "not_yet_in_force",
    };

    public static string? LevelCode(PolicyLevel? level) => level?.ToString().ToLowerInvariant();

    public static PolicyResponse ToResponse(this PublicPolicy p, bool withText, IReadOnlyList<PolicyAttachmentResponse>? attachments = null) =>
        new(p.Id, p.Kind, p.Title, p.TitleEn, p.Issuer, p.DocumentNumber, LevelCode(p.Level), Date(p.IssuedOn), Date(p.InForceFrom), Date(p.InForceUntil),
            StatusCode(p.Status), p.AmendedBy, p.Zones, p.TargetTypes, p.Summary, withText ? p.FullText : null,
            p.PlanQuote is null ? null : new PlanSourceResponse(null, null, p.PlanQuote), p.IsDemo, attachments);

    /// <summary>The public policies filtered as the library page filters them.</summary>
    public static IEnumerable<PublicPolicy> Filter(IEnumerable<PublicPolicy> policies, string? type, string? zone, string? level) => policies
        .Where(p => string.IsNullOrEmpty(type) || p.TargetTypes.Contains(type) || (type != EnterpriseTypes.Any && p.TargetTypes.Contains(EnterpriseTypes.Any)))
        .Where(p => string.IsNullOrEmpty(zone) || p.Zones.Count == 0 || p.Zones.Contains(zone))
        .Where(p => string.IsNullOrEmpty(level) || LevelCode(p.Level) == level);

    public static async Task<Ok<List<PolicyResponse>>> List(string? type, string? zone, string? level, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var policies = await PolicyStore.PublicAsync(db, clock.GetUtcNow(), ct);
        return TypedResults.Ok(Filter(policies, type, zone, level).Select(p => p.ToResponse(withText: false)).ToList());
    }

    public static async Task<Results<Ok<PolicyResponse>, ProblemHttpResult>> Get(string id, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await PolicyStore.GetPublicAsync(db, id, clock.GetUtcNow(), ct) is not { } policy)
            return Refusal.NotFound("unknown_policy", $"没有编号为“{id}”的已发布政策。", $"No published policy '{id}'.").ToResult();
        var attachments = (await PolicyStore.AttachmentsAsync(db, id, ct))
            .Select(a => new PolicyAttachmentResponse(a.Id, a.FileName, a.ContentType, a.Size, $"/policies/{Uri.EscapeDataString(id)}/attachments/{a.Id}")).ToList();
        return TypedResults.Ok(policy.ToResponse(withText: true, attachments));
    }

    internal static PolicyLevel? ParseLevel(string? level, out bool bad)
    {
        bad = false;
        if (string.IsNullOrWhiteSpace(level)) return null;
        if (PolicySeedParser.Levels.TryGetValue(level.Trim(), out var value)) return value;
        bad = true;
        return null;
    }

    private static PolicyInput? ToInput(PolicyRequest r, out string? refused)
    {
        var level = ParseLevel(r.Level, out var bad);
        refused = bad ? "unknown_level" : null;
        return bad ? null : new PolicyInput(r.Title, r.TitleEn, r.Kind, r.Issuer, r.DocumentNumber, level, r.IssuedOn, r.InForceFrom, r.InForceUntil, r.AmendedBy,
            r.Zones, r.TargetTypes, r.Summary, r.FullText);
    }

    public static async Task<Results<Created<CreatedResponse>, ProblemHttpResult>> Create(PolicyRequest request, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        if (ToInput(request, out var bad) is not { } input) return Refused(bad!);
        var (id, refused) = await PolicyStore.CreateAsync(db, who, input, clock, ct);
        return refused is not null ? Refused(refused) : TypedResults.Created($"/api/policies/{id}", new CreatedResponse(id!, "draft"));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Edit(string id, PolicyRequest request, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        if (ToInput(request, out var bad) is not { } input) return Refused(bad!);
        return await PolicyStore.EditAsync(db, who, id, input, clock, ct) is { } refused ? Refused(refused) : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> StepAsync(string id, PublicationAction action, PublicationStepRequest? body, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        return await PolicyStore.StepAsync(db, who, id, action, body?.ReleaseAt, body?.Comment, clock, ct) is { } refused ? Refused(refused) : TypedResults.NoContent();
    }

    public static async Task<Results<Created<PolicyAttachmentResponse>, ProblemHttpResult>> Attach(string id, IFormFile? file, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        if (file is null) return Refused("file_required");
        if (file.Length > Core.Policies.UploadedFileTypes.MaxAttachmentBytes) return Refused("file_too_large");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var (attachmentId, refused) = await PolicyStore.AttachAsync(db, who, id, file.FileName, buffer.ToArray(), clock, ct);
        if (refused is not null) return Refused(refused);
        var url = $"/policies/{Uri.EscapeDataString(id)}/attachments/{attachmentId}";
        return TypedResults.Created(url, new PolicyAttachmentResponse(attachmentId!.Value, Path.GetFileName(file.FileName), "", buffer.Length, url));
    }

    /// <summary>An attachment: to anyone when the policy is public, else to its editors (signed in on the site).</summary>
    private static async Task<Results<FileContentHttpResult, NotFound>> DownloadAsync(string id, long attachmentId, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var visible = await PolicyStore.GetPublicAsync(db, id, clock.GetUtcNow(), ct) is not null
            || (context.User.ToPrincipal() is { } who && await PolicyStore.GetForEditorAsync(db, who, id, ct) is not null);
        if (!visible || await PolicyStore.AttachmentAsync(db, id, attachmentId, ct) is not { } attachment) return TypedResults.NotFound();
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(attachment.Content, attachment.ContentType, attachment.FileName);
    }
}
