using System.Security.Cryptography;
using System.Text.Json;
using Gaoxin.Core;
using Gaoxin.Core.Cases;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Evaluation;
using Gaoxin.Core.Plans;
using Gaoxin.Core.Zones;
using Gaoxin.Data.Cases;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Evaluation;
using Gaoxin.Data.Notices;
using Gaoxin.Data.Zones;
using Microsoft.EntityFrameworkCore;
using States = Gaoxin.Core.Cases.RectificationWorkflow.States;
using Steps = Gaoxin.Core.Cases.RectificationWorkflow.Steps;
using Decisions = Gaoxin.Core.Cases.RectificationWorkflow.Decisions;

namespace Gaoxin.Data.Rectification;

/// <summary>A step of a case as pages and the API read it.</summary>
public sealed record CaseStepView(long Id, string Step, DateOnly Date, string By, string? Decision, string? Comment,
    IReadOnlyDictionary<string, string> Content, DateTimeOffset RecordedAt);

/// <summary>A document attached to a case (without its bytes).</summary>
public sealed record CaseDocumentView(long Id, long? StepId, string FileName, string ContentType, string Sha256, int Size, DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>A deadline a case waits for.</summary>
public sealed record CaseDeadlineView(string Key, DateOnly DueOn, string Subject, bool Met, bool Overdue);

/// <summary>A case as pages and the API read it: its steps, documents and deadlines, and the next deadline not yet met.</summary>
public sealed record CaseView(long Id, CaseKind Kind, string Zone, int Year, string Status, long? ParentId, long? RunId, string Subject,
    DateTimeOffset OpenedAt, string OpenedBy, DateTimeOffset? ClosedAt, int Version, IReadOnlyList<CaseStepView> Steps,
    IReadOnlyList<CaseDocumentView> Documents, IReadOnlyList<CaseDeadlineView> Deadlines)
{
    /// <summary>The earliest deadline not yet met, or null.</summary>
    public CaseDeadlineView? NextDeadline => Deadlines.Where(d => !d.Met).MinBy(d => d.DueOn);

    /// <summary>True when a deadline of the case has passed unmet.</summary>
    public bool Overdue => Deadlines.Any(d => d.Overdue);
}

/// <summary>What a step carries: the step, its decision, a comment, the step's fields (a plan's measures, persons, deadlines) and the version it was taken against.</summary>
public sealed record CaseStepInput(string? Step, string? Decision, string? Comment, IReadOnlyDictionary<string, string>? Content, int? Version);

/// <summary>A document's file, for download.</summary>
public sealed record CaseDocumentFile(string FileName, string ContentType, string Sha256, byte[] Content);

/// <summary>
/// Rectification (整改) cases and appeals (申诉): opened by a published yellow card (保障措施: 通报批评并"亮黄牌"警告,要求限期整改),
/// stepped by the office and the zone through <see cref="RectificationWorkflow"/>, each step dated, signed, audited, with
/// notifications and deadlines on the notice board; the re-check's decision enters the zone's history (card lifted, or 摘牌
/// proposed / reported to the ministry). Every write takes the case's write lock and the version it was made against.
/// </summary>
public static class RectificationStore
{
    /// <summary>How a change arrived, as the audit records it.</summary>
    public static class Via
    {
        public const string Api = "api";
        public const string Form = "form";
        public const string Cli = "cli";
        public const string Evaluation = "evaluation";
    }

    /// <summary>The largest document kept (bytes).</summary>
    public const int MaxDocumentBytes = 10 * 1024 * 1024;

    private static string Scope(long id) => $"case:{id}";

    /// <summary>
    /// Publishes a run (<see cref="EvaluationStore.PublishAsync"/>) and, in its transaction, opens one rectification case per
    /// yellow card and closes the open cases of zones the run proposes for delisting or reports upward.
    /// </summary>
    public static Task<string?> PublishRunAsync(GaoxinDb db, long runId, string actor, TimeProvider clock, CancellationToken cancellationToken,
        string? documentNumber = null) =>
        EvaluationStore.PublishAsync(db, runId, actor, clock, cancellationToken, (run, zones) => OpenForRunAsync(db, run, zones, actor, clock, cancellationToken),
            documentNumber);

    private static async Task OpenForRunAsync(GaoxinDb db, EvaluationRunRecord run, IReadOnlyList<PublishedZone> zones, string actor, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var opened = new List<CaseRecord>();
        foreach (var zone in zones)
        {
            var proposal = zone.Flags.Contains(EvaluationFlags.DelistingProposed) ? Decisions.DelistingProposed
                : zone.Flags.Contains(EvaluationFlags.ReportUpward) ? Decisions.ReportUpward : null;
            if (proposal is not null)
            {
                // 连续两年考核不合格: the run's own proposal is recorded with it; an earlier run's open case ends here.
                var open = await db.Cases.Where(c => c.Kind == CaseKind.Rectification && c.ZoneCode == zone.Zone && c.Status != States.Closed
                    && c.RunId != run.Id).ToListAsync(cancellationToken);
                foreach (var c in open)
                {
                    var result = RectificationWorkflow.Take(CaseKind.Rectification, c.Status, Steps.Evaluation, proposal, CaseActor.Office, proposal == Decisions.ReportUpward);
                    if (!result.Succeeded) continue;
                    var step = AddStep(c, Steps.Evaluation, proposal, $"{run.Year}年度综合评价考核结果 (run {run.Id})", null, actor, today, now);
                    Move(c, result.Status!, now);
                    db.Audit.Add(Audit(now, actor, Via.Evaluation, c, step));
                    await MeetAllAsync(db, c.Id, now, cancellationToken);
                    NoticeBoard.Post(db, Audience.Zone(c.ZoneCode), $"整改案件 {c.Id} 因 {run.Year} 年度考核结果结案", StepText(step), Link(c.Id), now, c.Id);
                }
            }
            if (!zone.Flags.Contains(EvaluationFlags.YellowCard)) continue;
            var record = new CaseRecord
            {
                Kind = CaseKind.Rectification, ZoneCode = zone.Zone, Year = run.Year, Status = States.Opened, RunId = run.Id,
                Subject = $"{run.Year}年度综合评价考核不合格(黄牌)整改", OpenedAt = now, OpenedBy = actor, Version = 1,
            };
            db.Cases.Add(record);
            opened.Add(record);
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var c in opened)
        {
            db.Audit.Add(new AuditRecord
            {
                At = now, Actor = actor, Via = Via.Evaluation, UnitCode = c.ZoneCode, Year = c.Year, Revision = c.Version, Action = "case_opened",
                ElementCode = $"case:{c.Id}", Comment = $"run {run.Id}: {c.Subject}",
            });
            // The notice names the zone as readers know it, not by its code.
            var zoneName = await db.Zones.Where(z => z.Code == c.ZoneCode).Select(z => z.Name).FirstOrDefaultAsync(cancellationToken) ?? c.ZoneCode;
            NoticeBoard.Post(db, Audience.Office, $"整改案件 {c.Id} 已立案:{zoneName}", c.Subject, Link(c.Id), now, c.Id);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The link to a case's page.</summary>
    public static string Link(long id) => $"/cases/{id}";

    /// <summary>
    /// The cases <paramref name="who"/> may read — the office all, a zone's operator their zone's — of every kind (applications
    /// too), optionally of one year and zone, newest first.
    /// </summary>
    public static async Task<List<CaseView>> ListAsync(GaoxinDb db, Principal who, int? year, string? zone, DateOnly today, CancellationToken cancellationToken)
    {
        var query = db.Cases.AsNoTracking().Include(c => c.Steps).AsQueryable();
        if (!who.IsAdmin)
        {
            if (who.Role != Roles.ZoneOperator || who.Zone is null) return [];
            query = query.Where(c => c.ZoneCode == who.Zone);
        }
        if (year is { } y) query = query.Where(c => c.Year == y);
        if (!string.IsNullOrEmpty(zone)) query = query.Where(c => c.ZoneCode == zone);
        var cases = await query.ToListAsync(cancellationToken);
        var ids = cases.Select(c => c.Id).ToList();
        var deadlines = (await db.Set<DeadlineRecord>().AsNoTracking().Where(d => d.CaseId != null && ids.Contains(d.CaseId.Value)).ToListAsync(cancellationToken))
            .ToLookup(d => d.CaseId!.Value);
        return cases.OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.Id)
            .Select(c => ToView(c, [], deadlines[c.Id], today)).ToList();
    }

    /// <summary>The open rectifications and appeals of a zone (for the zone page and the bulletin), oldest first; public facts, no documents.</summary>
    public static async Task<List<CaseView>> OpenOfZoneAsync(GaoxinDb db, string? zone, int? year, DateOnly today, CancellationToken cancellationToken)
    {
        var query = db.Cases.AsNoTracking().Include(c => c.Steps)
            .Where(c => (c.Kind == CaseKind.Rectification || c.Kind == CaseKind.Appeal) && c.ClosedAt == null);
        if (zone is not null) query = query.Where(c => c.ZoneCode == zone);
        if (year is { } y) query = query.Where(c => c.Year == y);
        var cases = await query.ToListAsync(cancellationToken);
        return cases.OrderBy(c => c.OpenedAt).ThenBy(c => c.Id).Select(c => ToView(c, [], [], today)).ToList();
    }

    /// <summary>The rectification cases a run opened, with their status (for the run's bulletin), by zone.</summary>
    public static async Task<List<CaseView>> OfRunAsync(GaoxinDb db, long runId, DateOnly today, CancellationToken cancellationToken)
    {
        var cases = await db.Cases.AsNoTracking().Include(c => c.Steps).Where(c => c.RunId == runId && c.Kind == CaseKind.Rectification).ToListAsync(cancellationToken);
        return cases.OrderBy(c => c.ZoneCode, StringComparer.Ordinal).ThenBy(c => c.Id).Select(c => ToView(c, [], [], today)).ToList();
    }

    /// <summary>One case as <paramref name="who"/> may read it, or null.</summary>
    public static async Task<CaseView?> GetAsync(GaoxinDb db, Principal who, long id, DateOnly today, CancellationToken cancellationToken)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Steps).FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null || !who.MayReport(c.ZoneCode)) return null;
        var documents = await db.CaseDocuments.AsNoTracking().Where(d => d.CaseId == id).OrderBy(d => d.Id)
            .Select(d => new CaseDocumentView(d.Id, d.StepId, d.FileName, d.ContentType, d.Sha256, d.Content.Length, d.UploadedAt, d.UploadedBy))
            .ToListAsync(cancellationToken);
        var deadlines = await db.Set<DeadlineRecord>().AsNoTracking().Where(d => d.CaseId == id).ToListAsync(cancellationToken);
        return ToView(c, documents, deadlines, today);
    }

    /// <summary>The appeals filed against a case.</summary>
    public static Task<List<long>> AppealsOfAsync(GaoxinDb db, long id, CancellationToken cancellationToken) =>
        db.Cases.AsNoTracking().Where(c => c.ParentId == id && c.Kind == CaseKind.Appeal).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);

    private static CaseView ToView(CaseRecord c, IReadOnlyList<CaseDocumentView> documents, IEnumerable<DeadlineRecord> deadlines, DateOnly today) => new(
        c.Id, c.Kind, c.ZoneCode, c.Year, c.Status, c.ParentId, c.RunId, c.Subject, c.OpenedAt, c.OpenedBy, c.ClosedAt, c.Version,
        c.Steps.OrderBy(s => s.Date).ThenBy(s => s.Id).Select(s => new CaseStepView(s.Id, s.Step, s.Date, s.By, s.Decision, s.Comment, ContentOf(s.Content), s.RecordedAt)).ToList(),
        documents,
        deadlines.OrderBy(d => d.DueOn).Select(d => new CaseDeadlineView(d.Key, d.DueOn, d.Subject, d.MetAt is not null, d.MetAt is null && d.DueOn < today)).ToList());

    private static IReadOnlyDictionary<string, string> ContentOf(string? json) =>
        string.IsNullOrEmpty(json) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<SortedDictionary<string, string>>(json) ?? [];

    /// <summary>Which side <paramref name="who"/> acts for on a case of <paramref name="zone"/>, or null when neither.</summary>
    public static CaseActor? ActorOf(Principal who, string zone) =>
        who.IsAdmin ? CaseActor.Office : who.Role == Roles.ZoneOperator && who.Zone == zone ? CaseActor.Zone : null;

    /// <summary>
    /// Takes a step of a rectification or decides an appeal. Returns null, or the refusal: <c>not_found</c>, <c>forbidden</c>,
    /// <c>version_required</c>, <c>stale</c> (another step came first), a workflow rule (<see cref="RectificationWorkflow.Take"/>),
    /// <c>comment_required</c> (a return, a failed re-check or a rejection gives reasons), <c>plan_incomplete</c> (a plan names its
    /// measures), or the zone history's refusal of the decision's event.
    /// </summary>
    public static async Task<string?> StepAsync(GaoxinDb db, Principal who, long id, CaseStepInput input, string via, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        InputLimits.Ensure("comment", input.Comment, InputLimits.Comment);
        var content = CleanContent(input.Content);
        if (!await db.Cases.AnyAsync(c => c.Id == id, cancellationToken)) return "not_found";
        await using var transaction = await WriteLock.BeginAsync(db, Scope(id), cancellationToken);
        var c = await db.Cases.Include(x => x.Steps).FirstAsync(x => x.Id == id, cancellationToken);
        if (ActorOf(who, c.ZoneCode) is not { } actor) return who.MayReport(c.ZoneCode) ? "forbidden" : "not_found";
        if (input.Version is null) return "version_required";
        if (input.Version != c.Version) return "stale";
        var step = input.Step ?? "";
        var national = await IsNationalAsync(db, c.ZoneCode, cancellationToken);
        var result = RectificationWorkflow.Take(c.Kind, c.Status, step, string.IsNullOrEmpty(input.Decision) ? null : input.Decision, actor, national);
        if (!result.Succeeded) return result.ErrorCode;
        var comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        if (comment is null && input.Decision is Decisions.Returned or Decisions.NotRectified or Decisions.Rejected) return "comment_required";
        if (step == Steps.PlanSubmitted && !content.ContainsKey("measures")) return "plan_incomplete";
        if (step == Steps.Progress && comment is null && !content.ContainsKey("progress")) return "comment_required";

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var taken = AddStep(c, step, input.Decision, comment, content.Count == 0 ? null : JsonSerializer.Serialize(content), who.Name, today, now);
        Move(c, result.Status!, now);
        db.Audit.Add(Audit(now, who.Name, via, c, taken));
        if (await OutcomeAsync(db, c, result.Outcome, taken, who.Name, clock, cancellationToken) is { } refused)
        {
            db.ChangeTracker.Clear();
            return refused;
        }
        await NoticesAsync(db, c, taken, now, today, cancellationToken);
        if (c.Kind == CaseKind.Appeal && c.ParentId is { } parentId)
        {
            var parent = await db.Cases.Include(x => x.Steps).FirstAsync(x => x.Id == parentId, cancellationToken);
            var appealed = c.Steps.First(s => s.Step == Steps.Filing);
            var appealedStep = JsonSerializer.Deserialize<SortedDictionary<string, string>>(appealed.Content ?? "{}")!.GetValueOrDefault("step", Steps.Recheck);
            var reversal = RectificationWorkflow.AppealDecided(appealedStep, parent.Status, input.Decision!);
            var onParent = AddStep(parent, Steps.AppealDecision, input.Decision, $"申诉案件 {c.Id}: {comment}".TrimEnd(':', ' '), null, who.Name, today, now);
            if (reversal.Status != parent.Status)
            {
                parent.Status = reversal.Status!;
                parent.ClosedAt = RectificationWorkflow.IsOpen(parent.Status) ? null : parent.ClosedAt;
            }
            parent.Version++;
            db.Audit.Add(Audit(now, who.Name, via, parent, onParent));
            if (await OutcomeAsync(db, parent, reversal.Outcome, onParent, who.Name, clock, cancellationToken) is { } reversed)
            {
                db.ChangeTracker.Clear();
                return reversed;
            }
            if (parent.Status == States.PlanAccepted && RectificationWorkflow.IsOpen(parent.Status))
                await NoticeBoard.DueAsync(db, $"case/{parent.Id}/recheck", DeadlineKinds.CaseStep, parent.ZoneCode, parent.Year,
                    RectificationWorkflow.RecheckDue(DateOnly.FromDateTime(parent.OpenedAt.UtcDateTime)), $"整改复核:{parent.Subject}", Link(parent.Id), now, parent.Id, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// The zone appeals the last appealable decision of a case (a returned plan, a failed re-check) within 15 days: a new
    /// <see cref="CaseKind.Appeal"/> case against it, its decision due in 30 days. Returns the appeal's id, or the refusal
    /// (<c>not_found</c>, <c>forbidden</c>, <c>version_required</c>, <c>stale</c>, <c>not_appealable</c>, <c>appeal_late</c>,
    /// <c>appeal_open</c>, <c>comment_required</c>).
    /// </summary>
    public static async Task<(long? Id, string? Refused)> AppealAsync(GaoxinDb db, Principal who, long id, int? version, string? reasons,
        string via, TimeProvider clock, CancellationToken cancellationToken)
    {
        InputLimits.Ensure("comment", reasons, InputLimits.Comment);
        if (!await db.Cases.AnyAsync(c => c.Id == id, cancellationToken)) return (null, "not_found");
        await using var transaction = await WriteLock.BeginAsync(db, Scope(id), cancellationToken);
        var parent = await db.Cases.Include(x => x.Steps).FirstAsync(x => x.Id == id, cancellationToken);
        if (ActorOf(who, parent.ZoneCode) is not { } actor) return (null, who.MayReport(parent.ZoneCode) ? "forbidden" : "not_found");
        if (parent.Kind != CaseKind.Rectification) return (null, "not_appealable");
        if (version is null) return (null, "version_required");
        if (version != parent.Version) return (null, "stale");
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var decided = parent.Steps.Where(s => s.Step is Steps.PlanReview or Steps.Recheck).OrderBy(s => s.Date).ThenBy(s => s.Id).LastOrDefault();
        if (decided is null) return (null, actor == CaseActor.Zone ? "not_appealable" : "forbidden");
        // One appeal per decision: an earlier appeal's filing names the step it appealed.
        var filings = await db.CaseSteps.AsNoTracking()
            .Where(s => s.Step == Steps.Filing && db.Cases.Any(c => c.Id == s.CaseId && c.ParentId == id && c.Kind == CaseKind.Appeal))
            .Select(s => s.Content).ToListAsync(cancellationToken);
        var appealed = decided.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var already = filings.Any(content => ContentOf(content).GetValueOrDefault("appealed") == appealed);
        if (RectificationWorkflow.CheckAppeal(decided.Step, decided.Decision, decided.Date, today, already, actor) is { } refused) return (null, refused);
        if (string.IsNullOrWhiteSpace(reasons)) return (null, "comment_required");

        var appeal = new CaseRecord
        {
            Kind = CaseKind.Appeal, ZoneCode = parent.ZoneCode, Year = parent.Year, Status = States.Filed, ParentId = parent.Id, RunId = parent.RunId,
            Subject = $"对整改案件 {parent.Id} 的{(decided.Step == Steps.Recheck ? "复核结论" : "整改方案退回")}提出申诉", OpenedAt = now, OpenedBy = who.Name, Version = 1,
        };
        var filing = AddStep(appeal, Steps.Filing, null, reasons.Trim(),
            JsonSerializer.Serialize(new SortedDictionary<string, string> { ["appealed"] = decided.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["step"] = decided.Step, ["decision"] = decided.Decision ?? "" }),
            who.Name, today, now);
        db.Cases.Add(appeal);
        await db.SaveChangesAsync(cancellationToken);
        var onParent = AddStep(parent, Steps.Appeal, null, $"申诉案件 {appeal.Id}", null, who.Name, today, now);
        parent.Version++;
        db.Audit.Add(Audit(now, who.Name, via, appeal, filing));
        db.Audit.Add(Audit(now, who.Name, via, parent, onParent));
        var deadline = await NoticeBoard.DueAsync(db, $"case/{appeal.Id}/decision", DeadlineKinds.CaseStep, null, appeal.Year,
            RectificationWorkflow.AppealDecisionDue(today), $"申诉决定:{appeal.Subject}", Link(appeal.Id), now, appeal.Id, cancellationToken);
        NoticeBoard.Post(db, Audience.Office, $"申诉案件 {appeal.Id}:{appeal.ZoneCode}", appeal.Subject, Link(appeal.Id), now, appeal.Id);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (appeal.Id, null);
    }

    /// <summary>
    /// Attaches a document to a case (optionally to one of its steps), keeping its SHA-256. The office or the case's zone.
    /// Returns the document's id, or the refusal (<c>not_found</c>, <c>forbidden</c>, <c>file_empty</c>, <c>file_too_large</c>).
    /// </summary>
    public static async Task<(long? Id, string? Refused)> AttachAsync(GaoxinDb db, Principal who, long id, long? stepId, string fileName, string? contentType,
        byte[] content, TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        InputLimits.Ensure("fileName", name, InputLimits.Title);
        if (content.Length == 0) return (null, "file_empty");
        if (content.Length > MaxDocumentBytes) return (null, "file_too_large");
        await using var transaction = await WriteLock.BeginAsync(db, Scope(id), cancellationToken);
        var c = await db.Cases.Include(x => x.Steps).FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null || !who.MayReport(c.ZoneCode)) return (null, "not_found");
        if (ActorOf(who, c.ZoneCode) is null) return (null, "forbidden");
        if (stepId is { } s && c.Steps.All(x => x.Id != s)) return (null, "not_found");
        var now = clock.GetUtcNow();
        var document = new CaseDocumentRecord
        {
            CaseId = id, StepId = stepId, FileName = string.IsNullOrWhiteSpace(name) ? "document" : name,
            ContentType = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType[..Math.Min(contentType.Length, 100)],
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), Content = content, UploadedAt = now, UploadedBy = who.Name,
        };
        db.CaseDocuments.Add(document);
        db.Audit.Add(new AuditRecord
        {
            At = now, Actor = who.Name, Via = Via.Api, UnitCode = c.ZoneCode, Year = c.Year, Revision = c.Version, Action = "case_document",
            ElementCode = $"case:{c.Id}", Comment = $"{document.FileName} sha256:{document.Sha256}",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (document.Id, null);
    }

    /// <summary>A document of a case <paramref name="who"/> may read, or null.</summary>
    public static async Task<CaseDocumentFile?> DocumentAsync(GaoxinDb db, Principal who, long id, long documentId, CancellationToken cancellationToken)
    {
        var zone = await db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => c.ZoneCode).FirstOrDefaultAsync(cancellationToken);
        if (zone is null || !who.MayReport(zone)) return null;
        return await db.CaseDocuments.AsNoTracking().Where(d => d.Id == documentId && d.CaseId == id)
            .Select(d => new CaseDocumentFile(d.FileName, d.ContentType, d.Sha256, d.Content)).FirstOrDefaultAsync(cancellationToken);
    }

    private static CaseStepRecord AddStep(CaseRecord c, string step, string? decision, string? comment, string? content, string by, DateOnly date, DateTimeOffset now)
    {
        var record = new CaseStepRecord { Step = step, Decision = decision, Comment = comment, Content = content, By = by, Date = date, RecordedAt = now };
        c.Steps.Add(record);
        return record;
    }

    private static void Move(CaseRecord c, string status, DateTimeOffset now)
    {
        c.Status = status;
        c.Version++;
        if (!RectificationWorkflow.IsOpen(status)) c.ClosedAt = now;
    }

    private static AuditRecord Audit(DateTimeOffset now, string actor, string via, CaseRecord c, CaseStepRecord step) => new()
    {
        At = now, Actor = actor, Via = via, UnitCode = c.ZoneCode, Year = c.Year, Revision = c.Version, Action = "case_step",
        ElementCode = $"case:{c.Id}", Comment = $"{CaseKinds.Name(c.Kind)} {c.Id}: {StepText(step)}",
    };

    private static string StepText(CaseStepRecord step) =>
        step.Step + (step.Decision is null ? "" : $" {step.Decision}") + (step.Comment is null ? "" : $" — {step.Comment}");

    private static SortedDictionary<string, string> CleanContent(IReadOnlyDictionary<string, string>? content)
    {
        var clean = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in content ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(key) || string.IsNullOrWhiteSpace(value)) continue;
            InputLimits.Ensure("content", key, 64);
            InputLimits.Ensure($"content.{key}", value, InputLimits.Comment);
            clean[key.Trim()] = value.Trim();
        }
        if (clean.Count > 20) throw new InputRefusedException(new InputProblem("content", "too_many", 20, null));
        return clean;
    }

    private static async Task<bool> IsNationalAsync(GaoxinDb db, string zone, CancellationToken cancellationToken)
    {
        var events = await db.ZoneEvents.AsNoTracking().Where(e => e.ZoneCode == zone).ToListAsync(cancellationToken);
        return ZoneHistory.StateOn(events.Select(e => e.ToEvent()), DateOnly.MaxValue)?.Level == ZoneLevel.National;
    }

    /// <summary>Records the decision's event in the zone's history (in this transaction); returns the registry's refusal.</summary>
    private static async Task<string?> OutcomeAsync(GaoxinDb db, CaseRecord c, CaseOutcome outcome, CaseStepRecord step, string actor, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (outcome == CaseOutcome.None) return null;
        var act = $"整改案件 {c.Id} {StepText(step)}";
        var change = outcome switch
        {
            CaseOutcome.Rectified => new ZoneChange(c.ZoneCode, ZoneEventKind.Rectified, step.Date, act, "复核通过,撤销黄牌"),
            CaseOutcome.DelistingProposed => new ZoneChange(c.ZoneCode, ZoneEventKind.DelistingProposed, step.Date, act, "整改复核不合格,按有关程序摘牌"),
            _ => new ZoneChange(c.ZoneCode, ZoneEventKind.ReportedUpward, step.Date, act, "国家级高新区整改复核不合格,报请科技部处理"),
        };
        return await ZoneRegistry.RecordAsync(db, change, actor, clock, cancellationToken);
    }

    /// <summary>The notifications and deadlines a step brings.</summary>
    private static async Task NoticesAsync(GaoxinDb db, CaseRecord c, CaseStepRecord step, DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        var link = Link(c.Id);
        var zone = Audience.Zone(c.ZoneCode);
        var returns = c.Steps.Count(s => s.Step == Steps.PlanReview && s.Decision == Decisions.Returned);
        string PlanKey(int n) => n == 0 ? $"case/{c.Id}/plan" : $"case/{c.Id}/plan/{n}";
        switch (step.Step)
        {
            case Steps.Notice:
                // 通报批评, also to the city government (通报当地市政府): the zone's audience and the office's record carry it.
                var city = await db.Zones.AsNoTracking().Where(z => z.Code == c.ZoneCode).Select(z => z.City).FirstOrDefaultAsync(cancellationToken);
                NoticeBoard.Post(db, zone, $"整改通报:{c.Subject}", $"请于 {RectificationWorkflow.PlanDue(today):yyyy-MM-dd} 前提交整改方案。抄送:{city}人民政府。{step.Comment}".Trim(), link, now, c.Id);
                await NoticeBoard.DueAsync(db, PlanKey(0), DeadlineKinds.CaseStep, c.ZoneCode, c.Year, RectificationWorkflow.PlanDue(today), $"整改方案:{c.Subject}", link, now, c.Id, cancellationToken);
                await NoticeBoard.DueAsync(db, $"case/{c.Id}/recheck", DeadlineKinds.CaseStep, c.ZoneCode, c.Year,
                    RectificationWorkflow.RecheckDue(DateOnly.FromDateTime(c.OpenedAt.UtcDateTime)), $"整改复核:{c.Subject}", link, now, c.Id, cancellationToken);
                break;
            case Steps.PlanSubmitted:
                await NoticeBoard.MeetAsync(db, PlanKey(returns), now, cancellationToken);
                NoticeBoard.Post(db, Audience.Office, $"整改方案已提交:案件 {c.Id}({c.ZoneCode})", c.Subject, link, now, c.Id);
                break;
            case Steps.PlanReview when step.Decision == Decisions.Returned:
                await NoticeBoard.DueAsync(db, PlanKey(returns), DeadlineKinds.CaseStep, c.ZoneCode, c.Year, RectificationWorkflow.PlanDue(today), $"整改方案(重新提交):{c.Subject}", link, now, c.Id, cancellationToken);
                NoticeBoard.Post(db, zone, $"整改方案被退回:案件 {c.Id}", step.Comment ?? "", link, now, c.Id);
                break;
            case Steps.PlanReview:
                NoticeBoard.Post(db, zone, $"整改方案已通过:案件 {c.Id}", "请按方案整改并报告进展。", link, now, c.Id);
                break;
            case Steps.Progress:
                NoticeBoard.Post(db, Audience.Office, $"整改进展:案件 {c.Id}({c.ZoneCode})", step.Comment ?? "", link, now, c.Id);
                break;
            case Steps.Recheck:
                await MeetAllAsync(db, c.Id, now, cancellationToken);
                NoticeBoard.Post(db, zone, $"整改复核结论:案件 {c.Id}", StepText(step), link, now, c.Id);
                break;
            case Steps.AppealDecision:
                await MeetAllAsync(db, c.Id, now, cancellationToken);
                NoticeBoard.Post(db, zone, $"申诉决定:案件 {c.Id}", StepText(step), link, now, c.Id);
                break;
        }
    }

    private static async Task MeetAllAsync(GaoxinDb db, long caseId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keys = await db.Set<DeadlineRecord>().Where(d => d.CaseId == caseId && d.MetAt == null).Select(d => d.Key).ToListAsync(cancellationToken);
        keys.AddRange(db.ChangeTracker.Entries<DeadlineRecord>().Select(e => e.Entity).Where(d => d.CaseId == caseId && d.MetAt == null).Select(d => d.Key));
        foreach (var key in keys.Distinct()) await NoticeBoard.MeetAsync(db, key, now, cancellationToken);
    }
}
