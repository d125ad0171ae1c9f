using Gaoxin.Data.Portal;
using System.Text.RegularExpressions;
using Gaoxin.Core;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Investment;
using Gaoxin.Core.Portal;
using Gaoxin.Data.Collection;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Investment;

/// <summary>What a project says, as the zone's operator or the office enters it.</summary>
public sealed record InvestmentInput(string? Title, string? Sector, string? Zone, string? County, decimal? AmountWan, decimal? LandMu, string? Cooperation,
    string? ContactName, string? ContactPhone, string? ContactEmail, DateOnly? ValidUntil, string? Description);

/// <summary>Whom an investor calls about a project: shown to the public only while the project is public.</summary>
public sealed record InvestmentContact(string? Name, string? Phone, string? Email);

/// <summary>A project as a page, the API or the search reads it (plain values, no entity).</summary>
public sealed record InvestmentProjectView(int Id, string Title, string Sector, string? Zone, string? County, decimal? AmountWan, decimal? LandMu,
    string Cooperation, InvestmentContact? Contact, DateOnly? ValidUntil, string? Description, PublicationState State, PublicationStage Stage,
    DateTimeOffset? ReleaseAt, DateTimeOffset? ExpiresAt, string? ReturnComment, bool IsDemo, DateTimeOffset UpdatedAt)
{
    /// <summary>small, medium or large (<see cref="InvestmentRules.SizeBand"/>), or null.</summary>
    public string? SizeBand => InvestmentRules.SizeBand(AmountWan);
}

/// <summary>
/// The investment projects: entered by a zone's operator for their own zone (or by the office), reviewed and published by
/// the office through the shared publishing workflow (<see cref="Publication"/>); every change is audited.
/// </summary>
public static partial class InvestmentStore
{
    /// <summary>How a change arrived, as the audit records it.</summary>
    public static class Via
    {
        public const string Api = "api";
        public const string Form = "form";
        public const string Demo = "demo";
    }

    /// <summary>
    /// Every project the public may see at <paramref name="now"/> (published, released, not expired), newest first, with its
    /// contact: what the public pages, the public API and the search read.
    /// </summary>
    public static async Task<List<InvestmentProjectView>> PublicAsync(GaoxinDb db, DateTimeOffset now, CancellationToken cancellationToken) =>
        // Release and expiry are compared here, not in SQL: SQLite cannot compare DateTimeOffset.
        (await db.InvestmentProjects.AsNoTracking().Where(p => p.State == PublicationState.Published).ToListAsync(cancellationToken))
            .Where(p => Publication.IsPublic(p.State, p.ReleaseAt, p.ExpiresAt, now))
            .OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id)
            .Select(p => ToView(p, now, withContact: true)).ToList();

    /// <summary>One project as the public may see it, or null when it is not public at <paramref name="now"/>.</summary>
    public static async Task<InvestmentProjectView?> GetPublicAsync(GaoxinDb db, int id, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.InvestmentProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is { } p
        && Publication.IsPublic(p.State, p.ReleaseAt, p.ExpiresAt, now) ? ToView(p, now, withContact: true) : null;

    /// <summary>One project as <paramref name="who"/> may see it: whole for its zone's staff and the office, else only when public.</summary>
    public static async Task<InvestmentProjectView?> GetAsync(GaoxinDb db, Principal? who, int id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var project = await db.InvestmentProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null) return null;
        if (who is not null && MayWrite(who, project.ZoneCode)) return ToView(project, now, withContact: true);
        return Publication.IsPublic(project.State, project.ReleaseAt, project.ExpiresAt, now) ? ToView(project, now, withContact: true) : null;
    }

    /// <summary>The projects <paramref name="who"/> keeps: the office all, a zone's operator their zone's; newest first.</summary>
    public static async Task<List<InvestmentProjectView>> KeptByAsync(GaoxinDb db, Principal who, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var query = db.InvestmentProjects.AsNoTracking();
        if (!who.IsAdmin) query = query.Where(p => p.ZoneCode != null && p.ZoneCode == who.Zone);
        return (await query.ToListAsync(cancellationToken)).OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id)
            .Select(p => ToView(p, now, withContact: true)).ToList();
    }

    private static bool MayWrite(Principal who, string? zone) => who.IsAdmin || (zone is not null && who.MayReport(zone));

    private static InvestmentProjectView ToView(InvestmentProjectRecord p, DateTimeOffset now, bool withContact) => new(
        p.Id, p.Title, p.Sector, p.ZoneCode, p.County, p.AmountWan, p.LandMu, p.Cooperation,
        withContact ? new InvestmentContact(p.ContactName, p.ContactPhone, p.ContactEmail) : null,
        p.ValidUntil, p.Description, p.State, Publication.StageAt(p.State, p.ReleaseAt, p.ExpiresAt, now), p.ReleaseAt, p.ExpiresAt, p.ReturnComment,
        p.IsDemo, p.UpdatedAt);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();

    /// <summary>Null when the input may be stored, else the code of the first rule it breaks. Over-long text throws (a 422 naming the field).</summary>
    private static async Task<string?> CheckAsync(GaoxinDb db, InvestmentInput input, IReadOnlySet<string> sectors, CancellationToken cancellationToken)
    {
        foreach (var (field, text, limit) in new[] { ("title", input.Title, InputLimits.Title), ("county", input.County, InputLimits.Name),
                     ("contactName", input.ContactName, InputLimits.Name), ("contactPhone", input.ContactPhone, 64), ("contactEmail", input.ContactEmail, InputLimits.Name),
                     ("description", input.Description, InputLimits.FreeText), ("sector", input.Sector, 64), ("zone", input.Zone, 64), ("cooperation", input.Cooperation, 32) })
            InputLimits.Ensure(field, text, limit);
        if (string.IsNullOrWhiteSpace(input.Title)) return "title_required";
        if (input.Sector is null || !sectors.Contains(input.Sector)) return "unknown_sector";
        if (input.Cooperation is null || !InvestmentRules.Cooperation.ContainsKey(input.Cooperation)) return "unknown_cooperation";
        if (input.AmountWan is < 0) return "negative_amount";
        if (input.LandMu is < 0) return "negative_land";
        if (!string.IsNullOrWhiteSpace(input.ContactEmail) && !EmailShape().IsMatch(input.ContactEmail.Trim())) return "invalid_email";
        if (input.Zone is not null && !await db.Zones.AnyAsync(z => z.Code == input.Zone, cancellationToken)) return "unknown_zone";
        return null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Apply(InvestmentProjectRecord p, InvestmentInput input)
    {
        p.Title = input.Title!.Trim();
        p.Sector = input.Sector!;
        p.ZoneCode = input.Zone;
        p.County = Clean(input.County);
        p.AmountWan = input.AmountWan;
        p.LandMu = input.LandMu;
        p.Cooperation = input.Cooperation!;
        p.ContactName = Clean(input.ContactName);
        p.ContactPhone = Clean(input.ContactPhone);
        p.ContactEmail = Clean(input.ContactEmail);
        p.ValidUntil = input.ValidUntil;
        p.ExpiresAt = Publication.EndOfDay(input.ValidUntil);
        p.Description = Clean(input.Description);
    }

    private static AuditRecord Audit(DateTimeOffset now, Principal who, string via, InvestmentProjectRecord p, string action, string? comment = null) => new()
    {
        At = now, Actor = who.Name, Via = via, UnitCode = p.ZoneCode ?? "", Year = now.Year, Action = action,
        ElementCode = $"investment:{p.Id}", Comment = comment ?? p.Title,
    };

    /// <summary>The write lock of one project: of two steps on it at once, the second sees the first's result.</summary>
    private static string Scope(int id) => $"investment:{id}";

    /// <summary>Adds a draft for the input's zone (a zone operator's own zone; a province-wide project is the office's). Audited.</summary>
    public static async Task<(int? Id, string? Refused)> CreateAsync(GaoxinDb db, Principal who, InvestmentInput input, IReadOnlySet<string> sectors, string via,
        TimeProvider clock, CancellationToken cancellationToken, bool isDemo = false)
    {
        if (Publication.Check(PublicationState.Draft, PublicationAction.Edit, who, input.Zone) is { } refused) return (null, refused);
        if (await CheckAsync(db, input, sectors, cancellationToken) is { } invalid) return (null, invalid);
        var now = clock.GetUtcNow();
        var project = new InvestmentProjectRecord
        {
            Title = "", Sector = "", Cooperation = "", State = PublicationState.Draft, IsDemo = isDemo,
            CreatedAt = now, CreatedBy = who.Name, UpdatedAt = now, UpdatedBy = who.Name,
        };
        Apply(project, input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.InvestmentProjects.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        db.Audit.Add(Audit(now, who, via, project, "investment_created"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (project.Id, null);
    }

    /// <summary>Changes a draft or a withdrawn project (which becomes a draft again). Audited with the fields changed.</summary>
    public static async Task<string?> UpdateAsync(GaoxinDb db, Principal who, int id, InvestmentInput input, IReadOnlySet<string> sectors, string via,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteLock.BeginAsync(db, Scope(id), cancellationToken);
        var project = await db.InvestmentProjects.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null) return "not_found";
        // Neither the project's present zone nor the zone it would move to may be another's.
        if (Publication.Check(project.State, PublicationAction.Edit, who, project.ZoneCode) is { } refused) return refused;
        if (input.Zone != project.ZoneCode && Publication.Check(project.State, PublicationAction.Edit, who, input.Zone) is { } moving) return moving;
        if (await CheckAsync(db, input, sectors, cancellationToken) is { } invalid) return invalid;
        var now = clock.GetUtcNow();
        Apply(project, input);
        var changed = db.Entry(project).Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToList();
        project.State = Publication.After(project.State, PublicationAction.Edit);
        project.ReleaseAt = null;
        project.UpdatedAt = now;
        project.UpdatedBy = who.Name;
        db.Audit.Add(Audit(now, who, via, project, "investment_edited", changed.Count == 0 ? "no field changed" : "changed: " + string.Join(", ", changed)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// A workflow step: submit (the zone or the office), publish at once or at <paramref name="releaseAt"/>, return with a
    /// comment, withdraw (the office). Audited.
    /// </summary>
    public static async Task<string?> StepAsync(GaoxinDb db, Principal who, int id, PublicationAction action, DateTimeOffset? releaseAt, string? comment,
        string via, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (action == PublicationAction.Edit) throw new ArgumentOutOfRangeException(nameof(action), action, "edits go through UpdateAsync");
        InputLimits.Ensure("comment", comment, InputLimits.Comment);
        await using var transaction = await WriteLock.BeginAsync(db, Scope(id), cancellationToken);
        var project = await db.InvestmentProjects.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null) return "not_found";
        if (Publication.Check(project.State, action, who, project.ZoneCode) is { } refused) return refused;
        var now = clock.GetUtcNow();
        if (PortalSteps.Move(project, action, who, releaseAt, comment, now) is { } missing) return missing;
        db.Audit.Add(Audit(now, who, via, project, "investment_" + PortalSteps.Done(action), PortalSteps.Note(action, releaseAt, comment)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }
}
