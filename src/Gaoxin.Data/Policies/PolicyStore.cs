using Gaoxin.Data.Portal;
using System.Text;
using Gaoxin.Core;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Plans;
using Gaoxin.Core.Policies;
using Gaoxin.Core.Portal;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Plans;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Policies;

/// <summary>A public policy as search, the home page and the library list read it.</summary>
public sealed record PublicPolicy(string Id, string Kind, string Title, string? TitleEn, string? Issuer, string? DocumentNumber, PolicyLevel? Level,
    DateOnly? IssuedOn, DateOnly? InForceFrom, DateOnly? InForceUntil, string? AmendedBy, PolicyStatus Status, IReadOnlyList<string> Zones,
    IReadOnlyList<string> TargetTypes, string? Summary, string? FullText, string? PlanQuote, bool IsDemo, DateTimeOffset? PublishedAt);

/// <summary>The fields an editor writes on a policy.</summary>
public sealed record PolicyInput(string? Title, string? TitleEn = null, string? Kind = null, string? Issuer = null, string? DocumentNumber = null,
    PolicyLevel? Level = null, DateOnly? IssuedOn = null, DateOnly? InForceFrom = null, DateOnly? InForceUntil = null, string? AmendedBy = null,
    IReadOnlyList<string>? Zones = null, IReadOnlyList<string>? TargetTypes = null, string? Summary = null, string? FullText = null);

/// <summary>The policy library: bundled policies from the plan, and those the office and the zones write and publish.</summary>
public static class PolicyStore
{
    /// <summary>
    /// Every policy the public may see at <paramref name="now"/> (published, released, not expired — <see cref="Publication.IsPublic"/>),
    /// newest first. The one list the library, search and the home page read.
    /// </summary>
    public static async Task<List<PublicPolicy>> PublicAsync(GaoxinDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var published = await db.Policies.AsNoTracking().Where(p => p.State == PublicationState.Published).ToListAsync(cancellationToken);
        // Filtered and ordered in memory: SQLite cannot compare or order DateTimeOffset.
        return published.Where(p => IsPublic(p, now))
            .OrderByDescending(p => p.IssuedOn ?? DateOnly.MinValue).ThenBy(p => p.IsBundled ? 1 : 0).ThenBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => ToPublic(p, now)).ToList();
    }

    /// <summary>True when anyone may see the policy at <paramref name="now"/>.</summary>
    public static bool IsPublic(PolicyRecord p, DateTimeOffset now) => Publication.IsPublic(p.State, p.ReleaseAt, p.ExpiresAt, now);

    public static PublicPolicy ToPublic(PolicyRecord p, DateTimeOffset now) => new(p.Id, p.Kind, p.Title, p.TitleEn, p.Issuer, p.DocumentNumber, p.Level, p.IssuedOn,
        p.InForceFrom, p.InForceUntil, p.AmendedBy, PolicyValidity.StatusOn(p.InForceFrom, p.InForceUntil, p.AmendedBy, Publication.Today(now)),
        p.ZoneList, p.TargetTypeList, p.Summary, p.FullText, p.PlanQuote, p.IsDemo, p.PublishedAt);

    /// <summary>The public policies that apply to an enterprise, each with why (<see cref="PolicyEligibility"/>).</summary>
    public static async Task<List<(PublicPolicy Policy, PolicyMatch Match)>> ApplicableAsync(GaoxinDb db, EnterpriseFacts facts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var policies = await PublicAsync(db, now, cancellationToken);
        var byId = policies.ToDictionary(p => p.Id);
        return PolicyEligibility.Apply(policies.Select(p => new PolicyConditions(p.Id, p.Zones, p.TargetTypes, p.Status)), facts)
            .Select(m => (byId[m.PolicyId], m)).ToList();
    }

    /// <summary>A policy if the public may see it now, else null (not found, or not public).</summary>
    public static async Task<PublicPolicy?> GetPublicAsync(GaoxinDb db, string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Policies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is { } p && IsPublic(p, now) ? ToPublic(p, now) : null;

    /// <summary>A policy as its editors see it: the office every one, a zone operator those of their zone; else null.</summary>
    public static async Task<PolicyRecord?> GetForEditorAsync(GaoxinDb db, Principal who, string id, CancellationToken cancellationToken) =>
        await db.Policies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is { } p && MayEdit(who, p) ? p : null;

    /// <summary>The policies an editor keeps, newest change first.</summary>
    public static async Task<List<PolicyRecord>> EditorListAsync(GaoxinDb db, Principal who, CancellationToken cancellationToken)
    {
        var all = await db.Policies.AsNoTracking().ToListAsync(cancellationToken);
        return all.Where(p => MayEdit(who, p)).OrderByDescending(p => p.UpdatedAt.UtcDateTime).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
    }

    private static bool MayEdit(Principal who, PolicyRecord p) => who.IsAdmin || (p.OwnerZone is { } zone && who.MayReport(zone));

    /// <summary>The attachments of a policy, without their content.</summary>
    public static Task<List<(long Id, string FileName, string ContentType, long Size)>> AttachmentsAsync(GaoxinDb db, string id, CancellationToken cancellationToken) =>
        db.PolicyAttachments.AsNoTracking().Where(a => a.PolicyId == id).OrderBy(a => a.Id)
            .Select(a => new ValueTuple<long, string, string, long>(a.Id, a.FileName, a.ContentType, a.Size)).ToListAsync(cancellationToken);

    /// <summary>One attachment with its content, or null.</summary>
    public static Task<PolicyAttachmentRecord?> AttachmentAsync(GaoxinDb db, string policyId, long attachmentId, CancellationToken cancellationToken) =>
        db.PolicyAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.PolicyId == policyId && a.Id == attachmentId, cancellationToken);

    /// <summary>Writes a new policy as a draft. Returns its id, or the refusal code.</summary>
    public static async Task<(string? Id, string? Refused)> CreateAsync(GaoxinDb db, Principal who, PolicyInput input, TimeProvider clock, CancellationToken cancellationToken, bool isDemo = false)
    {
        if (await CheckAsync(db, input, cancellationToken) is { } invalid) return (null, invalid);
        var zones = Clean(input.Zones);
        var owner = zones is [var only] ? only : null;
        if (Publication.Check(PublicationState.Draft, PublicationAction.Edit, who, owner) is { } refused) return (null, refused);
        var now = clock.GetUtcNow();
        var policy = new PolicyRecord
        {
            Id = "p-" + Guid.NewGuid().ToString("N")[..10], Title = "", CreatedAt = now, CreatedBy = who.Name, UpdatedAt = now, UpdatedBy = who.Name,
            State = PublicationState.Draft, IsDemo = isDemo,
        };
        Apply(policy, input);
        db.Policies.Add(policy);
        Audit(db, who, policy, "policy_created", now);
        await db.SaveChangesAsync(cancellationToken);
        return (policy.Id, null);
    }

    /// <summary>Changes a policy (a draft, or a withdrawn one, which becomes a draft again). Null when done, else the refusal code.</summary>
    public static async Task<string?> EditAsync(GaoxinDb db, Principal who, string id, PolicyInput input, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await CheckAsync(db, input, cancellationToken) is { } invalid) return invalid;
        await using var transaction = await WriteLock.BeginAsync(db, Scope(id), cancellationToken);
        var policy = await db.Policies.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (policy is null || !MayEdit(who, policy)) return "not_found";
        var now = clock.GetUtcNow();
        if (PortalSteps.Apply(policy, PublicationAction.Edit, who, policy.OwnerZone, null, null, now) is { } refused) return refused;
        // The policy may not be moved out of the writer's reach: a zone operator keeps it in their own zone.
        var zones = Clean(input.Zones);
        if (!who.IsAdmin && !(zones is [var only] && who.MayReport(only))) return "forbidden";
        if (policy.IsBundled) return "bundled_policy";
        Apply(policy, input);
        Audit(db, who, policy, "policy_edited", now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>A workflow step (submit, publish at once or at <paramref name="releaseAt"/>, return with a comment, withdraw).</summary>
    public static async Task<string?> StepAsync(GaoxinDb db, Principal who, string id, PublicationAction action, DateTimeOffset? releaseAt, string? comment,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        InputLimits.Ensure("comment", comment, InputLimits.Comment);
        await using var transaction = await WriteLock.BeginAsync(db, Scope(id), cancellationToken);
        var policy = await db.Policies.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (policy is null || !MayEdit(who, policy)) return "not_found";
        var now = clock.GetUtcNow();
        if (PortalSteps.Apply(policy, action, who, policy.OwnerZone, releaseAt, comment, now) is { } refused) return refused;
        Audit(db, who, policy, "policy_" + action.ToString().ToLowerInvariant(), now, comment ?? (releaseAt is { } at ? "releaseAt " + at.ToString("O") : null));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>Attaches a file (PDF, Word, Excel or an image, by its bytes; at most <see cref="UploadedFileTypes.MaxAttachmentBytes"/>) while the policy is editable.</summary>
    public static async Task<(long? Id, string? Refused)> AttachAsync(GaoxinDb db, Principal who, string id, string fileName, byte[] content, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (content.Length > UploadedFileTypes.MaxAttachmentBytes) return (null, "file_too_large");
        var name = Path.GetFileName(fileName.Trim());
        if (name.Length == 0) return (null, "file_name_required");
        InputLimits.Ensure("fileName", name, InputLimits.Name);
        await using var transaction = await WriteLock.BeginAsync(db, Scope(id), cancellationToken);
        var policy = await db.Policies.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        // A policy out of the writer's reach is not found, whatever the file holds.
        if (policy is null || !MayEdit(who, policy)) return (null, "not_found");
        if (UploadedFileTypes.AttachmentType(name, content) is not { } type) return (null, "file_type_not_allowed");
        if (Publication.Check(policy.State, PublicationAction.Edit, who, policy.OwnerZone) is { } refused) return (null, refused);
        var now = clock.GetUtcNow();
        var attachment = new PolicyAttachmentRecord { PolicyId = id, FileName = name, ContentType = type, Size = content.Length, Content = content, UploadedAt = now, UploadedBy = who.Name };
        db.PolicyAttachments.Add(attachment);
        Audit(db, who, policy, "policy_attachment_added", now, name);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (attachment.Id, null);
    }

    private static string Scope(string id) => "policy:" + id;

    private static List<string> Clean(IReadOnlyList<string>? list) =>
        (list ?? []).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private static async Task<string?> CheckAsync(GaoxinDb db, PolicyInput input, CancellationToken cancellationToken)
    {
        InputLimits.Ensure("title", input.Title, InputLimits.Title);
        InputLimits.Ensure("titleEn", input.TitleEn, InputLimits.Title);
        InputLimits.Ensure("issuer", input.Issuer, InputLimits.Name);
        InputLimits.Ensure("documentNumber", input.DocumentNumber, 100);
        InputLimits.Ensure("amendedBy", input.AmendedBy, InputLimits.Title);
        InputLimits.Ensure("summary", input.Summary, InputLimits.Comment);
        InputLimits.Ensure("fullText", input.FullText, PortalContentModel.LongText);
        if (string.IsNullOrWhiteSpace(input.Title)) return "title_required";
        if (input.Kind is not (null or "document" or "package")) return "unknown_kind";
        if (input.InForceFrom is { } from && input.InForceUntil is { } until && until < from) return "dates_out_of_order";
        if (Clean(input.TargetTypes).Any(t => !EnterpriseTypes.All.Contains(t))) return "unknown_target_type";
        var zones = Clean(input.Zones);
        if (zones.Count > 0)
        {
            var known = await db.Zones.Where(z => zones.Contains(z.Code)).CountAsync(cancellationToken);
            if (known != zones.Count) return "unknown_zone";
        }
        return null;
    }

    private static void Apply(PolicyRecord policy, PolicyInput input)
    {
        static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        policy.Title = input.Title!.Trim();
        policy.TitleEn = Text(input.TitleEn);
        policy.Kind = input.Kind ?? "document";
        policy.Issuer = Text(input.Issuer);
        policy.DocumentNumber = Text(input.DocumentNumber);
        policy.Level = input.Level;
        policy.IssuedOn = input.IssuedOn;
        policy.InForceFrom = input.InForceFrom;
        policy.InForceUntil = input.InForceUntil;
        // Off the portal once its last day in force has passed, without anyone acting (Publication's expiry).
        policy.ExpiresAt = Publication.EndOfDay(input.InForceUntil);
        policy.AmendedBy = Text(input.AmendedBy);
        policy.Zones = string.Join(',', Clean(input.Zones));
        policy.TargetTypes = string.Join(',', Clean(input.TargetTypes));
        policy.Summary = Text(input.Summary);
        policy.FullText = Text(input.FullText);
    }

    private static void Audit(GaoxinDb db, Principal who, PolicyRecord policy, string action, DateTimeOffset now, string? comment = null) =>
        db.Audit.Add(new AuditRecord
        {
            At = now, Actor = who.Name, Via = "portal", UnitCode = policy.OwnerZone ?? "", Year = Publication.Today(now).Year, Action = action,
            ElementCode = policy.Id, Comment = comment ?? policy.Title,
        });

    /// <summary>
    /// Adds every policy of <c>policies/*.yaml</c> that the store does not hold yet (by id), published as the office's: the plan
    /// names them, so they need no review. Policies already stored are never added again or overwritten.
    /// </summary>
    /// <exception cref="PlanFileException">A seed file is invalid (a quote not in the plan text, …), with located errors.</exception>
    public static async Task LoadBundledAsync(GaoxinDb db, string folder, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder)) return;
        var known = (await db.Policies.Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var zoneCodes = (await db.Zones.Select(z => z.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var added = false;
        foreach (var path in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var yaml = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
            var textPath = PolicySeedParser.SourceTextOf(yaml) is { } relative ? Path.Combine(Path.GetDirectoryName(path)!, relative) : null;
            var planText = textPath is not null && File.Exists(textPath) ? await File.ReadAllTextAsync(textPath, Encoding.UTF8, cancellationToken) : "";
            var (seed, errors) = PolicySeedParser.Parse(path, yaml, planText, zoneCodes);
            if (seed is null) throw new PlanFileException(errors);
            var now = clock.GetUtcNow();
            foreach (var item in seed.Items.Where(i => !known.Contains(i.Id)))
            {
                db.Policies.Add(new PolicyRecord
                {
                    Id = item.Id, Kind = item.Kind, Title = item.Title, TitleEn = item.TitleEn, Issuer = item.Issuer, DocumentNumber = item.DocumentNumber,
                    Level = item.Level, IssuedOn = item.IssuedOn, Zones = string.Join(',', item.Zones), TargetTypes = string.Join(',', item.TargetTypes),
                    Summary = item.Summary, PlanId = seed.Plan, PlanSection = item.Source.Section, PlanQuote = item.Source.Quote, IsBundled = true,
                    State = PublicationState.Published, PublishedAt = now, PublishedBy = "system", CreatedAt = now, CreatedBy = "system", UpdatedAt = now, UpdatedBy = "system",
                });
                known.Add(item.Id);
                added = true;
            }
        }
        if (added) await db.SaveChangesAsync(cancellationToken);
    }
}
