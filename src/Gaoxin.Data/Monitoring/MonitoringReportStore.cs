using System.Text.Json;
using System.Text.Json.Nodes;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Evaluation;
using Gaoxin.Core.Monitoring;
using Gaoxin.Core.Plans;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Notices;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Monitoring;

/// <summary>
/// The yearly monitoring report and the mid-term review: assembled from the data (targets, tasks, registries, the published
/// evaluation, cases, self-assessments) with the office's narratives; editions move draft → in_review → published, and a published
/// edition is read from its snapshot. Also the zones' task reports and self-assessments that feed it. Every change is audited.
/// </summary>
public static class MonitoringReportStore
{
    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web);

    /// <summary>The period of a report of the plan; null for a mid-term review asked for another year than the first half's end.</summary>
    public static ReportPeriod? Period(Plan plan, MonitoringReportKind kind, int year) => ReportPeriod.For(kind, year, plan.BaseYear, plan.TargetYear);

    /// <summary>Assembles the report from today's data; null when the period does not exist (see <see cref="Period"/>).</summary>
    public static async Task<ReportDocument?> AssembleAsync(GaoxinDb db, Plan plan, MonitoringReportKind kind, int year, string bundleDirectory, string modelId,
        IReadOnlyDictionary<string, string> narratives, CancellationToken cancellationToken)
    {
        if (Period(plan, kind, year) is not { } period) return null;
        var progress = await PlanProgressStore.ComputeAsync(db, plan.Id, bundleDirectory, period.To, cancellationToken);
        var targets = progress!.Targets.Select(t => (t.Target, t.Assessment, t.Series, t.Measure is not null)).ToList();

        var office = await PlanTrackingStore.TaskProgressAsync(db, plan.Id, cancellationToken);
        var notes = (await db.TaskNotes.AsNoTracking().Where(n => n.PlanId == plan.Id && n.Year >= period.From && n.Year <= period.To)
                .OrderBy(n => n.Id).ToListAsync(cancellationToken))
            .GroupBy(n => n.TaskId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(n => n.Text).ToList());
        var zoneTasks = (await db.ZoneTaskReports.AsNoTracking().Where(r => r.PlanId == plan.Id && r.Year == period.To).ToListAsync(cancellationToken))
            .GroupBy(r => r.TaskId).ToDictionary(g => g.Key, g => (IReadOnlyList<ZoneTaskReport>)g.Select(r => new ZoneTaskReport(r.ZoneCode, r.Status, r.Narrative, r.Evidence)).ToList());

        var registry = (await db.RegistryItems.AsNoTracking().Where(i => i.Approval == "approved")
                .Select(i => new { i.Type, i.Founded, i.Closed, i.Status }).ToListAsync(cancellationToken))
            .Select(i => new RegistryItemInput(i.Type, i.Founded, i.Closed, i.Status == "existing")).ToList();

        var evaluation = await PublishedEvaluationAsync(db, period.To, modelId, cancellationToken);

        var cases = (await db.Cases.AsNoTracking().Where(c => c.Year == period.To || c.ClosedAt == null)
                .Select(c => new { c.Kind, c.ZoneCode, c.Year, c.Status }).ToListAsync(cancellationToken))
            .Select(c => new CaseLine(Core.Cases.CaseKinds.Name(c.Kind), c.ZoneCode, c.Year, c.Status)).ToList();

        // Drafts are the zone's own; the report shows what was sent to the office, and the text only once accepted.
        var assessments = (await db.SelfAssessments.AsNoTracking().Where(s => s.Year == period.To && s.Status != SelfAssessmentWorkflow.Draft)
                .ToListAsync(cancellationToken))
            .Select(s => new SelfAssessmentLine(s.ZoneCode, s.Status, s.Status == SelfAssessmentWorkflow.Accepted
                ? s.Sections().Where(x => x.Value is not null).ToDictionary(x => x.Key, x => x.Value!)
                : new Dictionary<string, string>())).ToList();

        return MonitoringReport.Assemble(new ReportInputs(plan, kind, period, targets,
            office.ToDictionary(o => o.Key, o => o.Value.Status), notes, zoneTasks, registry, evaluation, cases, assessments, narratives));
    }

    /// <summary>The published evaluation run of the year for the model, as the report's chapter; null when none is published.</summary>
    public static async Task<EvaluationChapter?> PublishedEvaluationAsync(GaoxinDb db, int year, string modelId, CancellationToken cancellationToken)
    {
        var run = await db.EvaluationRuns.AsNoTracking().Where(r => r.Year == year && r.ModelId == modelId && r.PublishedAt != null)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (run is null || JsonNode.Parse(run.ResultJson)?["zones"] is not JsonArray zones) return null;
        var lines = zones.OfType<JsonObject>().Select(z =>
        {
            var flags = (z["flags"] as JsonArray ?? []).Select(f => f!.GetValue<string>()).ToList();
            return new EvaluationLine(z["zone"]!.GetValue<string>(), z["rank"]!.GetValue<int>(), z["composite"]!.GetValue<decimal>(),
                z["grade"]?.GetValue<string>(), flags.Contains(EvaluationFlags.YellowCard), flags);
        });
        return MonitoringReport.Evaluation(run.Id, run.ModelId, lines);
    }

    /// <summary>The newest edition of a report; for anyone but the office only a published one.</summary>
    public static Task<MonitoringReportRecord?> CurrentAsync(GaoxinDb db, string planId, MonitoringReportKind kind, int year, bool office, CancellationToken cancellationToken)
    {
        var name = MonitoringReportKinds.Name(kind);
        return db.MonitoringReports.AsNoTracking()
            .Where(r => r.PlanId == planId && r.Kind == name && r.Year == year && (office || r.Status == MonitoringReportStates.Published))
            .OrderByDescending(r => r.Edition).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Every edition, newest first; for anyone but the office only published ones.</summary>
    public static Task<List<MonitoringReportRecord>> ListAsync(GaoxinDb db, string planId, int? year, bool office, CancellationToken cancellationToken) =>
        db.MonitoringReports.AsNoTracking()
            .Where(r => r.PlanId == planId && (year == null || r.Year == year) && (office || r.Status == MonitoringReportStates.Published))
            .OrderByDescending(r => r.Year).ThenBy(r => r.Kind).ThenByDescending(r => r.Edition).ToListAsync(cancellationToken);

    /// <summary>The document of an edition: a published one from its snapshot (today's data never changes it), else assembled now with its narratives.</summary>
    public static async Task<ReportDocument?> DocumentAsync(GaoxinDb db, Plan plan, MonitoringReportRecord edition, string bundleDirectory, string modelId,
        CancellationToken cancellationToken)
    {
        if (edition.Snapshot is { } snapshot) return JsonSerializer.Deserialize<ReportDocument>(snapshot, SnapshotJson);
        return await AssembleAsync(db, plan, MonitoringReportKinds.Parse(edition.Kind)!.Value, edition.Year, bundleDirectory, modelId,
            Narratives(edition), cancellationToken);
    }

    /// <summary>The narratives of an edition by chapter.</summary>
    public static Dictionary<string, string> Narratives(MonitoringReportRecord edition) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(edition.Narratives, SnapshotJson) ?? [];

    /// <summary>
    /// Opens a draft: the open (unpublished) edition when there is one, else a new edition that starts from the narratives of the last
    /// published one. Refused: <c>forbidden</c>, <c>no_period</c>.
    /// </summary>
    public static async Task<(MonitoringReportRecord? Report, string? Refused)> OpenDraftAsync(GaoxinDb db, Plan plan, MonitoringReportKind kind, int year,
        Principal who, string via, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!who.IsAdmin) return (null, "forbidden");
        if (Period(plan, kind, year) is null) return (null, "no_period");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var latest = await CurrentAsync(db, plan.Id, kind, year, office: true, cancellationToken);
        if (latest is { Status: not MonitoringReportStates.Published }) return (latest, null);
        var now = clock.GetUtcNow();
        var report = new MonitoringReportRecord
        {
            PlanId = plan.Id, Kind = MonitoringReportKinds.Name(kind), Year = year, Edition = (latest?.Edition ?? 0) + 1,
            Status = MonitoringReportStates.Draft, Narratives = latest?.Narratives ?? "{}", CreatedAt = now, CreatedBy = who.Name, UpdatedAt = now,
            UpdatedBy = who.Name, Version = 1,
        };
        db.MonitoringReports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        db.Audit.Add(Audit(now, who, via, report, "report_draft_opened", $"edition {report.Edition}"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (report, null);
    }

    /// <summary>Sets narratives of a draft (chapters given replace theirs; blank text removes one). Refused: <c>not_found</c>, <c>stale</c>,
    /// <c>unknown_chapter</c>, and the workflow's codes.</summary>
    public static async Task<string?> SaveNarrativesAsync(GaoxinDb db, long id, int version, IReadOnlyDictionary<string, string?> narratives,
        Principal who, string via, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (narratives.Keys.FirstOrDefault(k => !MonitoringReport.Chapters.Contains(k)) is not null) return "unknown_chapter";
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var report = await db.MonitoringReports.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null) return "not_found";
        if (MonitoringReportWorkflow.Check(report.Status, MonitoringReportWorkflow.Edit, who) is { } refused) return refused;
        if (report.Version != version) return "stale";
        var text = Narratives(report);
        foreach (var (chapter, value) in narratives)
        {
            if (string.IsNullOrWhiteSpace(value)) text.Remove(chapter);
            else text[chapter] = value.Trim();
        }
        report.Narratives = JsonSerializer.Serialize(text, SnapshotJson);
        var now = clock.GetUtcNow();
        Touch(report, who, now);
        db.Audit.Add(Audit(now, who, via, report, "report_narratives_saved", string.Join(", ", narratives.Keys)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Moves an edition: <c>submit</c> (draft → in_review), <c>return</c> (in_review → draft) or <c>publish</c> (in_review → published,
    /// keeping the assembled document as the snapshot). Refused: <c>not_found</c>, <c>stale</c> and the workflow's codes.
    /// </summary>
    public static async Task<string?> StepAsync(GaoxinDb db, Plan plan, long id, int version, string action, Principal who, string via, string bundleDirectory,
        string modelId, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var report = await db.MonitoringReports.FirstOrDefaultAsync(r => r.Id == id && r.PlanId == plan.Id, cancellationToken);
        if (report is null) return "not_found";
        if (MonitoringReportWorkflow.Check(report.Status, action, who) is { } refused) return refused;
        if (report.Version != version) return "stale";
        var now = clock.GetUtcNow();
        if (action == MonitoringReportWorkflow.Publish)
        {
            var document = await AssembleAsync(db, plan, MonitoringReportKinds.Parse(report.Kind)!.Value, report.Year, bundleDirectory, modelId,
                Narratives(report), cancellationToken);
            report.Snapshot = JsonSerializer.Serialize(document, SnapshotJson);
            report.PublishedAt = now;
            report.PublishedBy = who.Name;
            var title = $"{report.Year} 年度{(report.Kind == "midterm" ? "中期评估报告" : "监测报告")}已发布";
            var link = $"/monitoring/reports/{report.Year}{(report.Kind == "midterm" ? "?kind=midterm" : "")}";
            foreach (var zone in plan.Zones) NoticeBoard.Post(db, Audience.Zone(zone.Code), title, $"第 {report.Edition} 版", link, now);
        }
        report.Status = MonitoringReportWorkflow.Next(action);
        Touch(report, who, now);
        db.Audit.Add(Audit(now, who, via, report, "report_" + action));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>The tasks the plan assigns to a zone, in tree order.</summary>
    public static IReadOnlyList<PlanTask> TasksOf(Plan plan, string zone) => plan.AllTasks().Where(t => t.Zone == zone).ToList();

    /// <summary>A zone's task reports of a year by task id.</summary>
    public static async Task<Dictionary<string, ZoneTaskReportRecord>> ZoneTasksAsync(GaoxinDb db, string planId, string zone, int year, CancellationToken cancellationToken) =>
        await db.ZoneTaskReports.AsNoTracking().Where(r => r.PlanId == planId && r.ZoneCode == zone && r.Year == year).ToDictionaryAsync(r => r.TaskId, cancellationToken);

    /// <summary>A zone's report on one of its tasks for a year. Refused: <c>forbidden</c>, <c>unknown_task</c> (not the zone's), <c>unknown_status</c>.</summary>
    public static async Task<string?> SaveZoneTasksAsync(GaoxinDb db, Plan plan, string zone, int year,
        IReadOnlyList<(string Task, string Status, string? Narrative, string? Evidence)> reports, Principal who, string via, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!who.MayReport(zone)) return "forbidden";
        var mine = TasksOf(plan, zone).Select(t => t.Id).ToHashSet();
        if (reports.Any(r => !mine.Contains(r.Task))) return "unknown_task";
        if (reports.Any(r => !ZoneTaskStatuses.All.Contains(r.Status))) return "unknown_status";
        static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var existing = await db.ZoneTaskReports.Where(r => r.PlanId == plan.Id && r.ZoneCode == zone && r.Year == year).ToDictionaryAsync(r => r.TaskId, cancellationToken);
        foreach (var (task, status, raw, rawEvidence) in reports)
        {
            var (narrative, evidence) = (Clean(raw), Clean(rawEvidence));
            // A form sends every task: only what changed is saved and audited (an untouched task stays unreported).
            if (existing.TryGetValue(task, out var known) ? (known.Status, known.Narrative, known.Evidence) == (status, narrative, evidence)
                    : status == "not_started" && narrative is null && evidence is null)
                continue;
            if (!existing.TryGetValue(task, out var record))
                db.ZoneTaskReports.Add(record = new ZoneTaskReportRecord { PlanId = plan.Id, TaskId = task, ZoneCode = zone, Year = year, Status = status, UpdatedBy = who.Name });
            record.Status = status;
            record.Narrative = narrative;
            record.Evidence = evidence;
            record.UpdatedAt = now;
            record.UpdatedBy = who.Name;
            db.Audit.Add(new AuditRecord
            {
                At = now, Actor = who.Name, Via = via, UnitCode = zone, Year = year, Action = "task_progress_reported", ElementCode = $"task:{task}",
                Comment = status,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>A zone's self-assessment of a year, or null when none was started.</summary>
    public static Task<SelfAssessmentRecord?> SelfAssessmentAsync(GaoxinDb db, string zone, int year, CancellationToken cancellationToken) =>
        db.SelfAssessments.AsNoTracking().FirstOrDefaultAsync(s => s.ZoneCode == zone && s.Year == year, cancellationToken);

    /// <summary>The self-assessments of a year the office sees: every one sent to it (drafts stay the zone's).</summary>
    public static Task<List<SelfAssessmentRecord>> SentSelfAssessmentsAsync(GaoxinDb db, int year, CancellationToken cancellationToken) =>
        db.SelfAssessments.AsNoTracking().Where(s => s.Year == year && s.Status != SelfAssessmentWorkflow.Draft).OrderBy(s => s.ZoneCode).ToListAsync(cancellationToken);

    /// <summary>
    /// A step on a zone's self-assessment: <c>edit</c> (with sections), <c>submit</c> (with sections, saved first), <c>return</c> (with a comment)
    /// or <c>accept</c>. <paramref name="version"/> null skips the stale check (a first edit). Refused: <c>stale</c>, <c>comment_required</c>
    /// and the workflow's codes (a self-assessment never started is a draft).
    /// </summary>
    public static async Task<(SelfAssessmentRecord? Record, string? Refused)> SelfAssessmentStepAsync(GaoxinDb db, string zone, int year, string action,
        int? version, IReadOnlyDictionary<string, string?>? sections, string? comment, Principal who, string via, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var record = await db.SelfAssessments.FirstOrDefaultAsync(s => s.ZoneCode == zone && s.Year == year, cancellationToken);
        var state = record?.Status ?? SelfAssessmentWorkflow.Draft;
        var merged = record?.Sections() ?? new Dictionary<string, string?>();
        foreach (var (key, value) in sections ?? new Dictionary<string, string?>())
            if (SelfAssessmentWorkflow.Sections.Contains(key)) merged[key] = value;
        if (SelfAssessmentWorkflow.Check(state, action, who, zone, merged) is { } refused) return (null, refused);
        if (record is not null && version is { } v && record.Version != v) return (null, "stale");
        if (action == "return" && string.IsNullOrWhiteSpace(comment)) return (null, "comment_required");
        var now = clock.GetUtcNow();
        if (record is null)
            db.SelfAssessments.Add(record = new SelfAssessmentRecord { ZoneCode = zone, Year = year, Status = SelfAssessmentWorkflow.Draft, UpdatedBy = who.Name });
        if (sections is not null && action is "edit" or "submit") record.SetSections(sections);
        record.Status = SelfAssessmentWorkflow.Next(state, action);
        if (action == "submit") { record.SubmittedAt = now; record.ReturnComment = null; }
        if (action is "return" or "accept") { record.DecidedAt = now; record.DecidedBy = who.Name; }
        if (action == "return") record.ReturnComment = comment!.Trim();
        record.UpdatedAt = now;
        record.UpdatedBy = who.Name;
        record.Version++;
        // Who acts next hears of it: the office of a submission, the zone of the office's decision.
        var link = action == "submit" ? $"/monitoring/reports/self-assessments/{year}" : $"/zones/report/{year}";
        _ = action switch
        {
            "submit" => NoticeBoard.Post(db, Audience.Office, $"{zone} 提交了 {year} 年度自评报告", "请审核后接收或退回。", link, now),
            "return" => NoticeBoard.Post(db, Audience.Zone(zone), $"{year} 年度自评报告被退回", record.ReturnComment!, link, now),
            "accept" => NoticeBoard.Post(db, Audience.Zone(zone), $"{year} 年度自评报告已接收", "自评报告将列入年度监测报告。", link, now),
            _ => null,
        };
        db.Audit.Add(new AuditRecord
        {
            At = now, Actor = who.Name, Via = via, UnitCode = zone, Year = year, Action = "self_assessment_" + action, ElementCode = "self-assessment",
            Comment = action == "return" ? record.ReturnComment : null,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (record, null);
    }

    private static void Touch(MonitoringReportRecord report, Principal who, DateTimeOffset now)
    {
        report.UpdatedAt = now;
        report.UpdatedBy = who.Name;
        report.Version++;
    }

    private static AuditRecord Audit(DateTimeOffset now, Principal who, string via, MonitoringReportRecord report, string action, string? comment = null) => new()
    {
        At = now, Actor = who.Name, Via = via, UnitCode = report.PlanId, Year = report.Year, Revision = report.Edition, Action = action,
        ElementCode = $"monitoring-report:{report.Kind}", Comment = comment,
    };
}
