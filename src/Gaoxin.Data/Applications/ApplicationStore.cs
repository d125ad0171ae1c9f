using System.Text;
using System.Text.Json;
using Gaoxin.Core;
using Gaoxin.Core.Applications;
using Gaoxin.Core.Cases;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Plans;
using Gaoxin.Core.Portal;
using Gaoxin.Core.Zones;
using Gaoxin.Data.Cases;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Experts;
using Gaoxin.Data.Figures;
using Gaoxin.Data.Notices;
using Gaoxin.Data.Zones;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Applications;

/// <summary>What an application form sends. <c>Figures</c> are typed values by data element; the zone's figures in force win where it has them.</summary>
public sealed record ApplicationInput(string? Kind, string? ZoneCode, int? Year, string? Applicant, string? Name, string? NameEn, string? City,
    string? County, IReadOnlyDictionary<string, decimal?>? Figures);

/// <summary>A step the office takes: the application's version, a comment (required to reject), the act (document number) and
/// its date for an approval, and the panel's members and trim to start the review.</summary>
public sealed record ApplicationStepInput(int? Version, string? Comment, string? Act, DateOnly? EffectiveOn, IReadOnlyList<string>? Members, int? Trim);

/// <summary>A figure of the form and where it came from (<c>figures_in_force</c> or <c>typed</c>).</summary>
public sealed record ApplicationFigureView(string Element, decimal? Value, string Source);

/// <summary>A dated, signed step of an application.</summary>
public sealed record ApplicationStepView(string Step, DateOnly Date, string By, string? Decision, string? Comment);

/// <summary>An application as its pages and the API show it.</summary>
public sealed record ApplicationView(long Id, ApplicationKind Kind, string ZoneCode, int Year, ApplicationState State, string Applicant, string Name,
    string NameEn, string City, string? County, decimal? ReviewScore, IReadOnlyList<ApplicationFigureView> Figures, IReadOnlyList<ApplicationStepView> Steps,
    int Version, DateTimeOffset OpenedAt, string OpenedBy);

/// <summary>Reads <c>governance/application-conditions.yaml</c> (and the plan text it quotes) from the bundle.</summary>
public static class ApplicationConditionsFile
{
    /// <summary>The checklists; a file with problems stops the caller with them listed.</summary>
    public static IReadOnlyList<ApplicationChecklist> Load(string bundleDirectory)
    {
        var folder = Path.Combine(bundleDirectory, "governance");
        var yaml = File.ReadAllText(Path.Combine(folder, "application-conditions.yaml"), Encoding.UTF8);
        var textPath = ApplicationRules.SourceTextOf(yaml) is { } relative ? Path.Combine(folder, relative) : null;
        var planText = textPath is not null && File.Exists(textPath) ? File.ReadAllText(textPath, Encoding.UTF8) : "";
        var (lists, errors) = ApplicationRules.ParseConditions(yaml, planText);
        if (errors.Count > 0) throw new InvalidDataException("governance/application-conditions.yaml: " + string.Join("; ", errors));
        return lists;
    }
}

/// <summary>
/// Applications for status (认定与升级): a case of kind <c>application</c> with its form. Recorded by the office (or a zone's
/// operator for their own zone's national proposal), checked against the conditions, reviewed by an expert panel and decided
/// by the office; an approval writes the zone registry (a new zone is established; a proposal the ministry approved is a
/// promotion), so the plan's targets count decisions. Every step is dated, signed, audited, and notified.
/// </summary>
public static class ApplicationStore
{
    public const string FromFigures = "figures_in_force";
    public const string Typed = "typed";

    private static string Scope(long id) => $"application:{id}";

    private static AuditRecord Audit(DateTimeOffset now, Principal who, string via, string zone, long id, string action, string? comment) => new()
    {
        At = now, Actor = who.Name, Via = via, UnitCode = zone, Year = Publication.Today(now).Year, Action = action, ElementCode = $"application:{id}",
        Comment = comment,
    };

    /// <summary>The application's figures: the zone's figures in force for the year, else the typed ones, for every element the checklist reads.</summary>
    public static async Task<List<ApplicationFigureView>> PrefillAsync(GaoxinDb db, ApplicationChecklist checklist, string zone, int year,
        IReadOnlyDictionary<string, decimal?>? typed, CancellationToken cancellationToken)
    {
        var inForce = (await FigureStore.InForceAsync(db, year, year, zone, cancellationToken))
            .Where(f => f.Value.Unit == zone && f.Value.Year == year).ToDictionary(f => f.Value.Element, f => f.Value.Value);
        var elements = checklist.Conditions.Select(c => c.Element).Concat(typed?.Keys ?? []).Distinct(StringComparer.Ordinal);
        return elements.Select(e => inForce.TryGetValue(e, out var v)
            ? new ApplicationFigureView(e, v, FromFigures)
            : new ApplicationFigureView(e, typed?.GetValueOrDefault(e), Typed)).ToList();
    }

    /// <summary>Records an application (state <c>submitted</c>). Audited; the office is notified and a decision deadline set.</summary>
    public static async Task<(long? Id, string? Refused)> SubmitAsync(GaoxinDb db, Principal who, ApplicationInput input,
        IReadOnlyList<ApplicationChecklist> checklists, string via, TimeProvider clock, CancellationToken cancellationToken)
    {
        InputLimits.Ensure("applicant", input.Applicant, InputLimits.Title);
        InputLimits.Ensure("name", input.Name, InputLimits.Title);
        InputLimits.Ensure("nameEn", input.NameEn, InputLimits.Title);
        InputLimits.Ensure("city", input.City, 100);
        InputLimits.Ensure("county", input.County, 100);
        InputLimits.Ensure("zone", input.ZoneCode, 64);
        if (ApplicationRules.ParseKind(input.Kind) is not { } kind) return (null, "unknown_kind");
        if (string.IsNullOrWhiteSpace(input.ZoneCode)) return (null, "zone_required");
        var code = input.ZoneCode.Trim();
        if (ApplicationRules.CheckSubmit(kind, who, code) is { } forbidden) return (null, forbidden);
        if (input.Year is not (>= 2000 and <= 2100)) return (null, "year_required");
        if (string.IsNullOrWhiteSpace(input.Applicant)) return (null, "applicant_required");
        if (input.Figures is { Count: > 200 }) return (null, "too_many_figures");
        var checklist = checklists.First(c => c.Kind == kind);

        await using var transaction = await WriteLock.BeginAsync(db, $"applications:{code}", cancellationToken);
        var zone = await ZoneRegistry.GetAsync(db, code, input.Year.Value, cancellationToken);
        string name, nameEn, city;
        string? county;
        if (kind == ApplicationKind.NewProvincial)
        {
            if (zone is not null) return (null, "zone_exists");
            if (string.IsNullOrWhiteSpace(input.Name) || string.IsNullOrWhiteSpace(input.NameEn) || string.IsNullOrWhiteSpace(input.City))
                return (null, "zone_details_missing");
            (name, nameEn, city, county) = (input.Name.Trim(), input.NameEn.Trim(), input.City.Trim(), string.IsNullOrWhiteSpace(input.County) ? null : input.County.Trim());
        }
        else
        {
            if (zone is null) return (null, "unknown_zone");
            if (zone.Zone.Level != ZoneLevel.Provincial || zone.Zone.Status == ZoneStatus.Delisted) return (null, "not_provincial");
            (name, nameEn, city, county) = (zone.Zone.Name, zone.Zone.NameEn, zone.Zone.City, zone.Zone.County);
        }
        if (await db.Cases.AnyAsync(c => c.Kind == CaseKind.Application && c.ZoneCode == code && c.ClosedAt == null, cancellationToken))
            return (null, "application_open");

        var figures = await PrefillAsync(db, checklist, code, input.Year.Value, input.Figures, cancellationToken);
        var now = clock.GetUtcNow();
        var today = Publication.Today(now);
        var record = new CaseRecord
        {
            Kind = CaseKind.Application, ZoneCode = code, Year = input.Year.Value, Status = ApplicationRules.Name(ApplicationState.Submitted),
            Subject = $"{checklist.Name}:{name}", OpenedAt = now, OpenedBy = who.Name, Version = 1,
            Steps = [new CaseStepRecord { Step = "submitted", Date = today, By = who.Name, Comment = input.Applicant.Trim(), RecordedAt = now }],
        };
        db.Cases.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        db.Add(new ApplicationRecord
        {
            CaseId = record.Id, Kind = ApplicationRules.Name(kind), Applicant = input.Applicant.Trim(), ProposedName = name, ProposedNameEn = nameEn,
            City = city, County = county,
            Figures = figures.Select(f => new ApplicationFigureRecord { CaseId = record.Id, ElementCode = f.Element, Value = f.Value, Source = f.Source }).ToList(),
        });
        var link = $"/applications/{record.Id}";
        await NoticeBoard.DueAsync(db, $"application/{record.Id}/decision", DeadlineKinds.Application, code, record.Year, today.AddDays(90),
            $"{record.Subject}:审查与决定", link, now, record.Id, cancellationToken);
        NoticeBoard.Post(db, Audience.Office, $"新申请:{record.Subject}", $"{input.Applicant.Trim()} 提交了{checklist.Name}申请。", link, now, record.Id);
        db.Audit.Add(Audit(now, who, via, code, record.Id, "application_submitted", record.Subject));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (record.Id, null);
    }

    /// <summary>
    /// Takes a step of the office on an application (see <see cref="ApplicationRules"/>): checks the conditions, sends it to a
    /// new expert panel, closes the panel (the aggregated score), approves (a new zone enters the registry; a national
    /// proposal is proposed), records the ministry's approval (the zone is promoted), or rejects. Null when done, else the
    /// refusal's code; a stale <c>version</c> is <c>stale</c>.
    /// </summary>
    public static async Task<string?> StepAsync(GaoxinDb db, Principal who, long id, ApplicationAction action, ApplicationStepInput input,
        IReadOnlyList<ApplicationChecklist> checklists, string via, TimeProvider clock, CancellationToken cancellationToken)
    {
        InputLimits.Ensure("comment", input.Comment, InputLimits.Comment);
        InputLimits.Ensure("act", input.Act, InputLimits.Title);
        if (!who.IsAdmin) return "forbidden";
        await using var transaction = await WriteLock.BeginAsync(db, Scope(id), cancellationToken);
        var record = await db.Cases.FirstOrDefaultAsync(c => c.Id == id && c.Kind == CaseKind.Application, cancellationToken);
        var form = await db.Set<ApplicationRecord>().Include(a => a.Figures).FirstOrDefaultAsync(a => a.CaseId == id, cancellationToken);
        if (record is null || form is null) return "not_found";
        if (input.Version is null) return "version_required";
        if (input.Version != record.Version) return "stale";
        var kind = ApplicationRules.ParseKind(form.Kind)!.Value;
        var state = ApplicationRules.ParseState(record.Status)!.Value;
        if (ApplicationRules.Check(kind, state, action, who) is { } refused) return refused;
        var next = ApplicationRules.Next(kind, state, action)!.Value;
        var now = clock.GetUtcNow();
        var today = Publication.Today(now);
        string? decision = null;
        string? content = null;
        var comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        switch (action)
        {
            case ApplicationAction.CheckConditions:
            {
                var results = ApplicationRules.Evaluate(checklists.First(c => c.Kind == kind),
                    form.Figures.ToDictionary(f => f.ElementCode, f => f.Value));
                decision = ApplicationRules.AllMet(results) switch { true => "met", false => "not_met", null => "incomplete" };
                content = JsonSerializer.Serialize(results.Select(r => new { condition = r.Condition.Id, element = r.Condition.Element, value = r.Value, met = r.Met }));
                break;
            }
            case ApplicationAction.StartReview:
            {
                var (panelId, panelRefused) = await ExpertStore.CreateAsync(db, who, new PanelInput(PanelItems.Application, record.Subject, record.ZoneCode,
                    record.Year, id, null, null, null, input.Trim, input.Members), via, clock, cancellationToken);
                if (panelRefused is not null) return panelRefused;
                content = JsonSerializer.Serialize(new { panel = panelId });
                break;
            }
            case ApplicationAction.CompleteReview:
            {
                var panel = await db.Set<ExpertPanelRecord>().AsNoTracking().Where(p => p.CaseId == id && p.ClosedAt == null)
                    .OrderByDescending(p => p.Id).FirstOrDefaultAsync(cancellationToken);
                if (panel is null) return "panel_required";
                var (result, panelRefused) = await ExpertStore.CloseInAsync(db, who, panel.Id, panel.Version, via, clock, cancellationToken);
                if (panelRefused is not null) return panelRefused;
                form.ReviewScore = result!.Mean;
                decision = result.Mean?.ToString(System.Globalization.CultureInfo.InvariantCulture);
                content = JsonSerializer.Serialize(new { panel = panel.Id, count = result.Count, trimmed = result.Trimmed, mean = result.Mean,
                    standardDeviation = result.StandardDeviation, range = result.Range });
                break;
            }
            case ApplicationAction.Approve or ApplicationAction.RecordMinistryApproval:
            {
                if (string.IsNullOrWhiteSpace(input.Act)) return "act_required";
                var effectiveOn = input.EffectiveOn ?? today;
                decision = ApplicationRules.Name(next);
                if (next is ApplicationState.Approved or ApplicationState.MinistryApproved)
                {
                    var change = next == ApplicationState.Approved
                        ? new ZoneChange(record.ZoneCode, ZoneEventKind.Established, effectiveOn, input.Act.Trim(), record.Subject, ZoneLevel.Provincial,
                            form.ProposedName, form.ProposedNameEn, form.City, form.County)
                        : new ZoneChange(record.ZoneCode, ZoneEventKind.Promoted, effectiveOn, input.Act.Trim(), record.Subject, ZoneLevel.National);
                    if (await ZoneRegistry.RecordAsync(db, change, who.Name, clock, cancellationToken) is { } registryRefused) return registryRefused;
                }
                content = JsonSerializer.Serialize(new { act = input.Act.Trim(), effectiveOn = effectiveOn.ToString("yyyy-MM-dd") });
                break;
            }
            case ApplicationAction.Reject:
                if (comment is null) return "comment_required";
                decision = "rejected";
                break;
        }
        record.Status = ApplicationRules.Name(next);
        record.Version++;
        if (ApplicationRules.IsClosed(next))
        {
            record.ClosedAt = now;
            await NoticeBoard.MeetAsync(db, $"application/{id}/decision", now, cancellationToken);
        }
        db.CaseSteps.Add(new CaseStepRecord
        {
            CaseId = id, Step = ApplicationRules.Name(action), Date = today, By = who.Name, Decision = decision, Comment = comment, Content = content,
            RecordedAt = now,
        });
        var link = $"/applications/{id}";
        var title = $"{record.Subject}:{ApplicationRules.Name(next)}";
        NoticeBoard.Post(db, Audience.Office, title, comment ?? title, link, now, id);
        if (kind == ApplicationKind.NationalProposal) NoticeBoard.Post(db, Audience.Zone(record.ZoneCode), title, comment ?? title, link, now, id);
        db.Audit.Add(Audit(now, who, via, record.ZoneCode, id, "application_" + ApplicationRules.Name(action), comment ?? decision));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Applications <paramref name="who"/> may read: the office and experts all (experts review them), a zone's operator their
    /// own zone's; optionally one, or one year's.
    /// </summary>
    public static async Task<List<ApplicationView>> ListAsync(GaoxinDb db, Principal who, long? id, int? year, CancellationToken cancellationToken)
    {
        var cases = db.Cases.AsNoTracking().Include(c => c.Steps).Where(c => c.Kind == CaseKind.Application);
        if (id is not null) cases = cases.Where(c => c.Id == id);
        if (year is not null) cases = cases.Where(c => c.Year == year);
        if (!(who.IsAdmin || who.Role == Roles.Expert))
        {
            if (who.Role != Roles.ZoneOperator || who.Zone is null) return [];
            cases = cases.Where(c => c.ZoneCode == who.Zone);
        }
        var rows = await cases.ToListAsync(cancellationToken);
        var ids = rows.Select(c => c.Id).ToList();
        var forms = await db.Set<ApplicationRecord>().AsNoTracking().Include(a => a.Figures).Where(a => ids.Contains(a.CaseId))
            .ToDictionaryAsync(a => a.CaseId, cancellationToken);
        return rows.Where(c => forms.ContainsKey(c.Id)).OrderByDescending(c => c.Id).Select(c =>
        {
            var f = forms[c.Id];
            return new ApplicationView(c.Id, ApplicationRules.ParseKind(f.Kind)!.Value, c.ZoneCode, c.Year, ApplicationRules.ParseState(c.Status)!.Value,
                f.Applicant, f.ProposedName, f.ProposedNameEn, f.City, f.County, f.ReviewScore,
                f.Figures.OrderBy(x => x.Id).Select(x => new ApplicationFigureView(x.ElementCode, x.Value, x.Source)).ToList(),
                c.Steps.OrderBy(s => s.Id).Select(s => new ApplicationStepView(s.Step, s.Date, s.By, s.Decision, s.Comment)).ToList(),
                c.Version, c.OpenedAt, c.OpenedBy);
        }).ToList();
    }
}
