using Gaoxin.Core.Collection;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Collection;

/// <summary>The outcome of a report operation: done, or refused with a rule code and the problems that stopped it.</summary>
public sealed record ReportResult(string? ErrorCode, IReadOnlyList<DataProblem> Problems)
{
    public bool Succeeded => ErrorCode is null;

    public static ReportResult Ok(IReadOnlyList<DataProblem>? warnings = null) => new(null, warnings ?? []);

    public static ReportResult Refused(string code, IReadOnlyList<DataProblem>? problems = null) => new(code, problems ?? []);
}

/// <summary>A unit-year as a page or the API shows it.</summary>
public sealed record ReportView(
    string Unit, int Year, ReportState? State, int? Revision, bool IsDemo,
    IReadOnlyDictionary<string, decimal> Approved, IReadOnlyDictionary<string, decimal>? Open,
    IReadOnlyDictionary<string, string?> Comments, IReadOnlyDictionary<string, decimal> LastYear,
    string? DecisionComment, IReadOnlyList<DataProblem> Problems);

/// <summary>What an import did, or would do with <c>--dry-run</c>.</summary>
public sealed record ImportOutcome(string BatchId, bool Applied, IReadOnlyList<DataProblem> Problems, int ValuesRead, int ValuesChanged, IReadOnlyList<string> UnitYearsChanged)
{
    public bool HasErrors => Problems.Any(p => p.Severity == Severity.Error);
}

/// <summary>Completeness of one unit's report for a year.</summary>
public sealed record CompletenessRow(string Unit, string Name, string State, int Filled, int Expected, bool? OnTime, DateTimeOffset? SubmittedAt);

/// <summary>
/// The yearly reports of the zones and the province: drafts, submission, approval, corrections, imports and their
/// audit. Only approved revisions feed evaluation and plan monitoring; every change is written to the audit.
/// </summary>
public static class ReportStore
{
    /// <summary>How a change arrived, as the audit records it.</summary>
    public static class Via
    {
        public const string Form = "form";
        public const string Import = "import";
        public const string Api = "api";
        public const string Cli = "cli";
        public const string Demo = "demo";
    }

    /// <summary>The approved values of every unit for a year (or all years), with whether each unit-year is demo data.</summary>
    public static async Task<List<(DataValue Value, bool IsDemo)>> ApprovedValuesAsync(GaoxinDb db, int? year, CancellationToken cancellationToken)
    {
        var query = db.Reports.AsNoTracking().Where(r => r.State == ReportState.Approved);
        if (year is { } y) query = query.Where(r => r.Year == y);
        var rows = await (from r in query
                          join v in db.ReportValues.AsNoTracking() on r.Id equals v.ReportId
                          select new { r.UnitCode, r.Year, v.ElementCode, v.Value, r.IsDemo }).ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Year).ThenBy(r => r.UnitCode, StringComparer.Ordinal).ThenBy(r => r.ElementCode, StringComparer.Ordinal)
            .Select(r => (new DataValue(r.UnitCode, r.Year, r.ElementCode, r.Value), r.IsDemo)).ToList();
    }

    /// <summary>A unit's approved values of every year, by year (what the outlier checks and lagged rules read).</summary>
    public static async Task<Dictionary<int, IReadOnlyDictionary<string, decimal>>> ApprovedHistoryAsync(GaoxinDb db, string unit, CancellationToken cancellationToken)
    {
        var reports = await db.Reports.AsNoTracking().Include(r => r.Values)
            .Where(r => r.UnitCode == unit && r.State == ReportState.Approved).ToListAsync(cancellationToken);
        return reports.ToDictionary(r => r.Year, r => (IReadOnlyDictionary<string, decimal>)r.Values.ToDictionary(v => v.ElementCode, v => v.Value));
    }

    /// <summary>The unit-year for a page or the API. Unapproved figures are only shown to those who may report for the unit.</summary>
    public static async Task<ReportView> GetAsync(GaoxinDb db, DataSetDefinition set, ReportingUnit unit, int year, Principal? who, CancellationToken cancellationToken)
    {
        var reports = await db.Reports.AsNoTracking().Include(r => r.Values)
            .Where(r => r.UnitCode == unit.Code && (r.Year == year || r.Year == year - 1)).ToListAsync(cancellationToken);
        var approved = reports.SingleOrDefault(r => r.Year == year && r.State == ReportState.Approved);
        var lastYear = reports.SingleOrDefault(r => r.Year == year - 1 && r.State == ReportState.Approved);
        var open = who?.MayReport(unit.Code) == true ? reports.SingleOrDefault(r => r.Year == year && ReportWorkflow.IsOpen(r.State)) : null;
        var current = open ?? approved;
        var problems = new List<DataProblem>();
        if (open is not null)
        {
            var values = open.Values.ToDictionary(v => v.ElementCode, v => v.Value);
            var history = await ApprovedHistoryAsync(db, unit.Code, cancellationToken);
            problems.AddRange(DataValidation.Check(set, unit, year, values, history, "form"));
        }
        return new ReportView(unit.Code, year, current?.State, current?.Revision, current?.IsDemo ?? false,
            approved?.Values.ToDictionary(v => v.ElementCode, v => v.Value) ?? [],
            open?.Values.ToDictionary(v => v.ElementCode, v => v.Value),
            (current?.Values ?? []).ToDictionary(v => v.ElementCode, v => v.Comment),
            lastYear?.Values.ToDictionary(v => v.ElementCode, v => v.Value) ?? [],
            current?.DecisionComment, problems);
    }

    /// <summary>The open revision of a unit-year, created from the approved one (a correction) when there is none.</summary>
    private static async Task<ReportRecord> OpenRevisionAsync(GaoxinDb db, string unit, int year, Principal who, string via, string? batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reports = await db.Reports.Include(r => r.Values).Where(r => r.UnitCode == unit && r.Year == year).ToListAsync(cancellationToken);
        if (reports.FirstOrDefault(r => ReportWorkflow.IsOpen(r.State)) is { } open) return open;
        var approved = reports.FirstOrDefault(r => r.State == ReportState.Approved);
        var report = new ReportRecord
        {
            UnitCode = unit, Year = year, Revision = reports.Count == 0 ? 1 : reports.Max(r => r.Revision) + 1,
            State = ReportState.Draft, CreatedAt = now, CreatedBy = who.Name,
            Values = approved?.Values.Select(v => new ReportValueRecord { ElementCode = v.ElementCode, Value = v.Value, Comment = v.Comment }).ToList() ?? [],
        };
        db.Reports.Add(report);
        if (approved is not null)
            db.Audit.Add(Audit(now, who, via, batch, report, "correction_started", comment: $"from revision {approved.Revision}"));
        return report;
    }

    private static AuditRecord Audit(DateTimeOffset now, Principal who, string via, string? batch, ReportRecord report, string action,
        string? element = null, decimal? oldValue = null, decimal? newValue = null, string? comment = null) => new()
    {
        At = now, Actor = who.Name, Via = via, BatchId = batch, UnitCode = report.UnitCode, Year = report.Year, Revision = report.Revision,
        Action = action, ElementCode = element, OldValue = oldValue, NewValue = newValue, Comment = comment,
    };

    /// <summary>Applies changes to a report's values, auditing each; null removes a value. Returns how many changed.</summary>
    private static int Apply(GaoxinDb db, ReportRecord report, IReadOnlyDictionary<string, decimal?> changes, IReadOnlyDictionary<string, string?>? comments,
        Principal who, string via, string? batch, DateTimeOffset now)
    {
        var changed = 0;
        foreach (var (element, value) in changes)
        {
            var existing = report.Values.FirstOrDefault(v => v.ElementCode == element);
            var comment = comments?.GetValueOrDefault(element);
            if (value is null)
            {
                if (existing is null) continue;
                report.Values.Remove(existing);
                db.Audit.Add(Audit(now, who, via, batch, report, "value_removed", element, existing.Value, null));
                changed++;
                continue;
            }
            if (existing is null)
            {
                report.Values.Add(new ReportValueRecord { ElementCode = element, Value = value.Value, Comment = comment });
                db.Audit.Add(Audit(now, who, via, batch, report, "value_set", element, null, value, comment));
                changed++;
            }
            else if (existing.Value != value.Value)
            {
                db.Audit.Add(Audit(now, who, via, batch, report, "value_set", element, existing.Value, value, comment));
                existing.Value = value.Value;
                changed++;
            }
            if (existing is not null && comments is not null && comments.ContainsKey(element) && existing.Comment != comment)
                existing.Comment = string.IsNullOrWhiteSpace(comment) ? null : comment;
        }
        return changed;
    }

    /// <summary>The write lock of one unit-year's reports (see <see cref="WriteLock"/>).</summary>
    private static string Scope(string unit, int year) => $"report:{unit}:{year}";

    /// <summary>
    /// Runs one workflow step of a unit-year under its write lock, in one transaction: the step reads the state only after
    /// the lock is held, checks it with <see cref="ReportWorkflow"/>, writes and audits; a refusal writes nothing. A step that
    /// still collides on a unique index (another process stored the same revision first) is refused as <c>concurrent_change</c>.
    /// </summary>
    private static async Task<ReportResult> StepAsync(GaoxinDb db, string unit, int year, Func<Task<ReportResult>> step, CancellationToken cancellationToken)
    {
        // The years the importers take, for every step (InputLimits): a report of year 0 or 99,999 is never opened.
        if (!Core.InputLimits.IsYear(year)) return ReportResult.Refused("bad_year");
        await using var transaction = await WriteLock.BeginAsync(db, Scope(unit, year), cancellationToken);
        try
        {
            var result = await step();
            if (result.Succeeded) await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (DbUpdateException e) when (WriteLock.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return ReportResult.Refused("concurrent_change");
        }
    }

    /// <summary>
    /// Saves a draft from the form or the API: element checks must pass; rules and outliers are checked at submission.
    /// <paramref name="expected"/> holds, per element, the value the editor started from (null: no value); when the stored value
    /// has changed since, another edit came first and the save is refused as <c>stale_values</c>, so no edit is lost silently.
    /// </summary>
    public static async Task<ReportResult> SaveDraftAsync(GaoxinDb db, DataSetDefinition set, ReportingUnit unit, int year,
        IReadOnlyDictionary<string, decimal?> values, IReadOnlyDictionary<string, string?> comments, Principal who, string via, TimeProvider clock, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, decimal?>? expected = null)
    {
        if (!who.MayReport(unit.Code)) return ReportResult.Refused("forbidden");
        var present = values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!.Value);
        var problems = DataValidation.CheckElements(set, unit, year, present, via).ToList();
        // Comments are bounded and plain text, located by their element (InputLimits).
        foreach (var (element, comment) in comments)
            if (Core.InputLimits.Check("comments." + element, comment, Core.InputLimits.Comment) is { } bad)
                problems.Add(new DataProblem(via, null, 0, "comment", unit.Code, element, null, bad.Code, Severity.Error,
                    (bad.Limit ?? bad.Position)?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (problems.Count > 0) return ReportResult.Refused("invalid_values", problems);

        return await StepAsync(db, unit.Code, year, async () =>
        {
            var now = clock.GetUtcNow();
            var report = await OpenRevisionAsync(db, unit.Code, year, who, via, null, now, cancellationToken);
            if (ReportWorkflow.Check(report.State, ReportAction.Edit, who, unit.Code) is { } refused) return ReportResult.Refused(refused);
            var stale = (expected ?? new Dictionary<string, decimal?>())
                .Where(e => report.Values.FirstOrDefault(v => v.ElementCode == e.Key)?.Value != e.Value)
                .Select(e => new DataProblem(via, null, 0, null, unit.Code, e.Key, report.Values.FirstOrDefault(v => v.ElementCode == e.Key)?.Value.ToString(), "stale_value"))
                .ToList();
            if (stale.Count > 0) return ReportResult.Refused("stale_values", stale);
            Apply(db, report, values, comments, who, via, null, now);
            await db.SaveChangesAsync(cancellationToken);
            return ReportResult.Ok();
        }, cancellationToken);
    }

    /// <summary>Sends the open revision to the office. Errors block; every warning needs a comment on its value.</summary>
    public static Task<ReportResult> SubmitAsync(GaoxinDb db, DataSetDefinition set, ReportingUnit unit, int year, Principal who, string via, TimeProvider clock, CancellationToken cancellationToken) =>
        StepAsync(db, unit.Code, year, () => SubmitLockedAsync(db, set, unit, year, who, via, clock, cancellationToken), cancellationToken);

    private static async Task<ReportResult> SubmitLockedAsync(GaoxinDb db, DataSetDefinition set, ReportingUnit unit, int year, Principal who, string via, TimeProvider clock, CancellationToken cancellationToken)
    {
        var report = await db.Reports.Include(r => r.Values).FirstOrDefaultAsync(r => r.UnitCode == unit.Code && r.Year == year
            && (r.State == ReportState.Draft || r.State == ReportState.Returned || r.State == ReportState.Submitted), cancellationToken);
        if (report is null) return ReportResult.Refused(who.MayReport(unit.Code) ? "no_open_report" : "forbidden");
        if (ReportWorkflow.Check(report.State, ReportAction.Submit, who, unit.Code) is { } refused) return ReportResult.Refused(refused);
        var values = report.Values.ToDictionary(v => v.ElementCode, v => v.Value);
        var problems = DataValidation.Check(set, unit, year, values, await ApprovedHistoryAsync(db, unit.Code, cancellationToken), via);
        var blocking = ReportWorkflow.BlockingProblems(problems, report.Values.ToDictionary(v => v.ElementCode, v => v.Comment));
        if (blocking.Count > 0) return ReportResult.Refused("has_problems", blocking);
        if (values.Count == 0) return ReportResult.Refused("report_empty");

        var now = clock.GetUtcNow();
        report.State = ReportState.Submitted;
        report.SubmittedAt = now;
        report.SubmittedBy = who.Name;
        report.DecisionComment = null;
        db.Audit.Add(Audit(now, who, via, null, report, "submitted"));
        await db.SaveChangesAsync(cancellationToken);
        return ReportResult.Ok(problems);
    }

    /// <summary>The office approves a submitted report: it is locked, and replaces the approved revision before it.</summary>
    public static Task<ReportResult> ApproveAsync(GaoxinDb db, string unit, int year, Principal who, string via, TimeProvider clock, CancellationToken cancellationToken) =>
        DecideAsync(db, unit, year, who, via, ReportAction.Approve, null, clock, cancellationToken);

    /// <summary>The office sends a submitted report back with a comment; the zone can edit and submit again.</summary>
    public static Task<ReportResult> ReturnAsync(GaoxinDb db, string unit, int year, string comment, Principal who, string via, TimeProvider clock, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(comment)
            ? Task.FromResult(ReportResult.Refused("comment_required"))
            : DecideAsync(db, unit, year, who, via, ReportAction.Return, comment, clock, cancellationToken);

    private static Task<ReportResult> DecideAsync(GaoxinDb db, string unit, int year, Principal who, string via, ReportAction action, string? comment,
        TimeProvider clock, CancellationToken cancellationToken) =>
        StepAsync(db, unit, year, () => DecideLockedAsync(db, unit, year, who, via, action, comment, clock, cancellationToken), cancellationToken);

    private static async Task<ReportResult> DecideLockedAsync(GaoxinDb db, string unit, int year, Principal who, string via, ReportAction action, string? comment,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var reports = await db.Reports.Where(r => r.UnitCode == unit && r.Year == year).ToListAsync(cancellationToken);
        var report = reports.FirstOrDefault(r => ReportWorkflow.IsOpen(r.State));
        if (report is null) return ReportResult.Refused(who.MayReport(unit) ? "report_not_submitted" : "forbidden");
        if (ReportWorkflow.Check(report.State, action, who, unit) is { } refused) return ReportResult.Refused(refused);
        var now = clock.GetUtcNow();
        report.DecidedAt = now;
        report.DecidedBy = who.Name;
        report.DecisionComment = comment;
        if (action == ReportAction.Approve)
        {
            foreach (var previous in reports.Where(r => r.State == ReportState.Approved)) previous.State = ReportState.Superseded;
            report.State = ReportState.Approved;
            db.Audit.Add(Audit(now, who, via, null, report, "approved"));
        }
        else
        {
            report.State = ReportState.Returned;
            db.Audit.Add(Audit(now, who, via, null, report, "returned", comment: comment));
        }
        await db.SaveChangesAsync(cancellationToken);
        return ReportResult.Ok();
    }

    /// <summary>
    /// Imports parsed values all-or-nothing in one transaction. With <paramref name="approve"/> (the office only) each
    /// changed unit-year becomes a new approved revision that replaces the one before, recorded in the audit with old and
    /// new values; without it the values go into the unit-year's open draft. Unchanged values change nothing, so a
    /// repeated import is a no-op. With <paramref name="dryRun"/> everything is checked and nothing is written.
    /// </summary>
    public static async Task<ImportOutcome> ImportAsync(GaoxinDb db, DataSetDefinition set, IReadOnlyList<ReportingUnit> units, ParsedImport parsed, string fileName,
        bool approve, bool dryRun, Principal who, string via, TimeProvider clock, CancellationToken cancellationToken, bool isDemo = false)
    {
        using var job = Telemetry.Start(Telemetry.Jobs.ZoneDataImport);
        var batch = $"{clock.GetUtcNow():yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
        var problems = parsed.Problems.ToList();
        if (approve && !who.IsAdmin)
            problems.Add(new DataProblem(via, null, 0, null, null, null, null, "approve_forbidden"));
        foreach (var value in parsed.Values.Where(v => !who.MayReport(v.Value.Unit)))
            problems.Add(new DataProblem(via, value.Sheet, value.Row, value.Column, value.Value.Unit, value.Value.Element, null, "unit_not_yours"));
        if (problems.Any(p => p.Severity == Severity.Error))
            return new ImportOutcome(batch, false, problems, parsed.Values.Count, 0, []);

        var byUnitYear = parsed.Values.GroupBy(v => (v.Value.Unit, v.Value.Year)).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The write locks of every unit-year the file touches, in one fixed order so two imports cannot deadlock.
        foreach (var (lockUnit, lockYear) in byUnitYear.Select(g => g.Key).OrderBy(k => k.Unit, StringComparer.Ordinal).ThenBy(k => k.Year))
            await WriteLock.TakeAsync(db, Scope(lockUnit, lockYear), cancellationToken);
        CrashPoint.Reach("in-transaction");
        var now = clock.GetUtcNow();
        var changedTotal = 0;
        var changedUnits = new List<string>();
        foreach (var group in byUnitYear.OrderBy(g => g.Key.Unit, StringComparer.Ordinal).ThenBy(g => g.Key.Year))
        {
            var (unitCode, year) = group.Key;
            var unit = units.Single(u => u.Code == unitCode);
            var incoming = group.ToDictionary(v => v.Value.Element, v => v.Value.Value);
            var reports = await db.Reports.Include(r => r.Values).Where(r => r.UnitCode == unitCode && r.Year == year).ToListAsync(cancellationToken);
            var approved = reports.FirstOrDefault(r => r.State == ReportState.Approved);
            var open = reports.FirstOrDefault(r => ReportWorkflow.IsOpen(r.State));
            var basis = (approve ? approved : open ?? approved)?.Values.ToDictionary(v => v.ElementCode, v => v.Value) ?? [];
            var merged = new Dictionary<string, decimal>(basis);
            foreach (var (element, value) in incoming) merged[element] = value;

            var changes = incoming.Where(kv => !basis.TryGetValue(kv.Key, out var old) || old != kv.Value)
                .ToDictionary(kv => kv.Key, kv => (decimal?)kv.Value);

            // Rules judge the unit-year as it would stand after the import; outliers are only news for values that change.
            var history = await ApprovedHistoryAsync(db, unitCode, cancellationToken);
            foreach (var problem in DataValidation.CheckRulesAndHistory(set, unit, year, merged, history, fileName)
                         .Where(p => p.Code == "rule_failed" || (p.Element is { } e && changes.ContainsKey(e))))
            {
                var at = group.FirstOrDefault(v => v.Value.Element == problem.Element);
                problems.Add(problem with { Sheet = at?.Sheet, Row = at?.Row ?? 0, Column = at?.Column });
            }

            if (changes.Count == 0) continue;
            if (!approve && open is not null && !ReportWorkflow.IsEditable(open.State))
            {
                problems.Add(new DataProblem(fileName, group.First().Sheet, group.First().Row, null, unitCode, null, year.ToString(), "report_submitted"));
                continue;
            }
            changedTotal += changes.Count;
            changedUnits.Add($"{unitCode}/{year}");
            if (dryRun) continue;

            if (approve)
            {
                var report = new ReportRecord
                {
                    UnitCode = unitCode, Year = year, Revision = reports.Count == 0 ? 1 : reports.Max(r => r.Revision) + 1,
                    State = ReportState.Approved, IsDemo = isDemo, CreatedAt = now, CreatedBy = who.Name,
                    SubmittedAt = now, SubmittedBy = who.Name, DecidedAt = now, DecidedBy = who.Name,
                    Values = basis.Select(kv => new ReportValueRecord { ElementCode = kv.Key, Value = kv.Value }).ToList(),
                };
                db.Reports.Add(report);
                Apply(db, report, changes, null, who, via, batch, now);
                if (approved is not null) approved.State = ReportState.Superseded;
                db.Audit.Add(Audit(now, who, via, batch, report, "approved", comment: approved is null ? "imported as approved" : $"imported as approved, replacing revision {approved.Revision}"));
            }
            else
            {
                var report = open ?? await OpenRevisionAsync(db, unitCode, year, who, via, batch, now, cancellationToken);
                Apply(db, report, changes, null, who, via, batch, now);
            }
            // Written unit-year by unit-year inside the one transaction, and forgotten by the context once written: a
            // file of 45,000 values held every report, value and audit row tracked at once (≈ 11 KB a value). The
            // transaction still makes the import all or nothing.
            if (!problems.Any(p => p.Severity == Severity.Error))
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }

        var failed = problems.Any(p => p.Severity == Severity.Error);
        if (failed || dryRun)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new ImportOutcome(batch, false, problems, parsed.Values.Count, failed ? 0 : changedTotal, failed ? [] : changedUnits);
        }
        await db.SaveChangesAsync(cancellationToken);
        CrashPoint.Reach("before-commit");
        await transaction.CommitAsync(cancellationToken);
        job.Stored(changedTotal);
        return new ImportOutcome(batch, true, problems, parsed.Values.Count, changedTotal, changedUnits);
    }

    /// <summary>The audit, newest first, limited to what the principal may see.</summary>
    public static async Task<List<AuditRecord>> AuditAsync(GaoxinDb db, Principal who, string? unit, int? year, string? batch, int limit, CancellationToken cancellationToken)
    {
        var query = db.Audit.AsNoTracking();
        // A zone sees its data's history, not the accounts' (sign-ins with client addresses, password and token changes:
        // Accounts.AccountAudit's user_* and sign_in* actions), which are the office's to read.
        if (!who.IsAdmin)
            query = query.Where(a => a.UnitCode == who.Zone && !a.Action.StartsWith("user_") && !a.Action.StartsWith("sign_in"));
        if (unit is not null) query = query.Where(a => a.UnitCode == unit);
        if (year is not null) query = query.Where(a => a.Year == year);
        if (batch is not null) query = query.Where(a => a.BatchId == batch);
        return await query.OrderByDescending(a => a.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>The deadline of a year's reports: as configured, else 31 March of the following year.</summary>
    public static async Task<DateOnly> DeadlineAsync(GaoxinDb db, int year, CancellationToken cancellationToken) =>
        (await db.ReportingPeriods.AsNoTracking().FirstOrDefaultAsync(p => p.Year == year, cancellationToken))?.Deadline ?? new DateOnly(year + 1, 3, 31);

    /// <summary>Sets a year's deadline.</summary>
    public static async Task SetDeadlineAsync(GaoxinDb db, int year, DateOnly deadline, CancellationToken cancellationToken)
    {
        var period = await db.ReportingPeriods.FirstOrDefaultAsync(p => p.Year == year, cancellationToken);
        if (period is null) db.ReportingPeriods.Add(new ReportingPeriodRecord { Year = year, Deadline = deadline });
        else period.Deadline = deadline;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Per unit: where its report for the year stands, how much of it is filled, and whether it came on time.</summary>
    public static async Task<List<CompletenessRow>> CompletenessAsync(GaoxinDb db, DataSetDefinition set, IReadOnlyList<ReportingUnit> units, int year, CancellationToken cancellationToken)
    {
        var deadline = await DeadlineAsync(db, year, cancellationToken);
        var reports = await db.Reports.AsNoTracking().Include(r => r.Values).Where(r => r.Year == year).ToListAsync(cancellationToken);
        var rows = new List<CompletenessRow>();
        foreach (var unit in units)
        {
            var mine = reports.Where(r => r.UnitCode == unit.Code).OrderBy(r => r.Revision).ToList();
            var latest = mine.LastOrDefault(r => r.State != ReportState.Superseded);
            // Completeness counts the core report; supplementary sets (e.g. the national model's extra figures) are optional.
            // Counts the registries keep and the contracts' turnover are optional too: they fill what the report leaves blank.
            var core = set.Elements.Where(e => e.ProvinceLevel == unit.IsProvince && e.Group is null && !e.IsDerived).Select(e => e.Code).ToHashSet();
            var expected = core.Count;
            var filled = latest?.Values.Count(v => core.Contains(v.ElementCode)) ?? 0;
            var firstSubmission = mine.Where(r => r.SubmittedAt is not null).Select(r => r.SubmittedAt).Min();
            bool? onTime = firstSubmission is { } at ? DateOnly.FromDateTime(at.UtcDateTime) <= deadline : null;
            rows.Add(new CompletenessRow(unit.Code, unit.Name, latest is null ? "none" : latest.State.ToString().ToLowerInvariant(),
                filled, expected, onTime, firstSubmission));
        }
        return rows;
    }
}
