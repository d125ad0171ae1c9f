using Gaoxin.Core.Collection;
using Gaoxin.Core.Plans;

namespace Gaoxin.Core.Monitoring;

/// <summary>The two reports of the plan's 组织规划实施情况评估: the yearly monitoring report and the mid-term review (中期评估).</summary>
public enum MonitoringReportKind
{
    /// <summary>One year against the year before it (wire name <c>yearly</c>).</summary>
    Yearly,
    /// <summary>The first half of the plan period against the plan's goals (wire name <c>midterm</c>).</summary>
    Midterm,
}

/// <summary>Wire names of <see cref="MonitoringReportKind"/>.</summary>
public static class MonitoringReportKinds
{
    /// <summary>The wire name: <c>yearly</c> or <c>midterm</c>.</summary>
    public static string Name(MonitoringReportKind kind) => kind == MonitoringReportKind.Midterm ? "midterm" : "yearly";

    /// <summary>The kind of a wire name, or null when the name is unknown.</summary>
    public static MonitoringReportKind? Parse(string? name) => name switch
    {
        null or "" or "yearly" => MonitoringReportKind.Yearly,
        "midterm" => MonitoringReportKind.Midterm,
        _ => null,
    };
}

/// <summary>The years a report covers.</summary>
/// <param name="From">The first year reported.</param>
/// <param name="To">The year the report is about (the values shown are this year's).</param>
/// <param name="CompareYear">The year compared with: the year before for a yearly report, the plan's base year for the mid-term review.</param>
public sealed record ReportPeriod(int From, int To, int CompareYear)
{
    /// <summary>
    /// The period of a report. Yearly: <paramref name="year"/> against <paramref name="year"/> − 1. Mid-term: the first half of the
    /// plan period, base year + 1 to base year + ⌈(target year − base year) / 2⌉ (2017–2018 for 2017–2020), against the base year.
    /// </summary>
    /// <returns>The period; null for a mid-term review asked for a year other than the end of the first half.</returns>
    public static ReportPeriod? For(MonitoringReportKind kind, int year, int planBaseYear, int planTargetYear)
    {
        if (kind == MonitoringReportKind.Yearly) return new ReportPeriod(year, year, year - 1);
        var mid = MidtermYear(planBaseYear, planTargetYear);
        return year == mid ? new ReportPeriod(planBaseYear + 1, mid, planBaseYear) : null;
    }

    /// <summary>The last year of the plan period's first half: 2018 for a plan from base year 2016 to 2020 (four years, two of them done).</summary>
    public static int MidtermYear(int planBaseYear, int planTargetYear) =>
        planBaseYear + (planTargetYear - planBaseYear + 1) / 2;
}

/// <summary>A target as the report's first chapter shows it.</summary>
/// <param name="Id">The plan's target id.</param>
/// <param name="Title">The target, in Chinese.</param>
/// <param name="TitleEn">The target, in English.</param>
/// <param name="Unit">The unit of its values.</param>
/// <param name="Goal">The goal value (a range's lower end).</param>
/// <param name="GoalYear">The year the goal is due.</param>
/// <param name="Baseline">The baseline the path starts from, or null without an assessment.</param>
/// <param name="BaselineYear">The baseline's year.</param>
/// <param name="Value">The value in the report's year, or null.</param>
/// <param name="CompareValue">The value in the year compared with (the year before; the baseline for the mid-term review), or null.</param>
/// <param name="Change">Value − compare value, or null.</param>
/// <param name="ChangePercent">Change / |compare value| × 100, rounded to 2 decimals; null when either is missing or the compare value is 0.</param>
/// <param name="ShareOfWay">How much of the way from baseline to goal is done: (value − baseline) / (goal − baseline), rounded to 4 decimals;
/// null without a value or when the baseline already equals the goal.</param>
/// <param name="ExpectedShare">The share of the way the linear path expects by the report's year: (year − baseline year) / (goal year − baseline year), capped to [0, 1], rounded to 4 decimals.</param>
/// <param name="Status">The existing assessment's wire name (<c>achieved|on_track|at_risk|off_track|no_data|no_data_source</c>).</param>
/// <param name="Forecast">The linear forecast for the goal year, or null.</param>
/// <param name="CrossingYear">The year the trend meets the goal, or null.</param>
/// <param name="Points">The measured values from the compare year to the report's year.</param>
public sealed record ReportTargetLine(string Id, string Title, string TitleEn, string Unit, decimal Goal, int GoalYear, decimal? Baseline, int? BaselineYear,
    decimal? Value, decimal? CompareValue, decimal? Change, decimal? ChangePercent, decimal? ShareOfWay, decimal? ExpectedShare, string Status,
    decimal? Forecast, int? CrossingYear, IReadOnlyList<ProgressPoint> Points);

/// <summary>A zone's report on one task for a year.</summary>
/// <param name="Zone">The zone's code.</param>
/// <param name="Status">One of <see cref="ZoneTaskStatuses.All"/>.</param>
/// <param name="Narrative">What was done.</param>
/// <param name="Evidence">Where it can be checked (documents, links, figures).</param>
public sealed record ZoneTaskReport(string Zone, string Status, string? Narrative, string? Evidence);

/// <summary>A node of the plan's task tree in the report.</summary>
/// <param name="Id">The task's id.</param>
/// <param name="Title">The task, in Chinese.</param>
/// <param name="TitleEn">The task, in English.</param>
/// <param name="Depth">0 for a heading of 重点任务, 1 below it, and so on.</param>
/// <param name="Zone">The zone the plan assigns it to, or null.</param>
/// <param name="OfficeStatus">The office's status of the task (not_started, in_progress, done, delayed), or null when never set.</param>
/// <param name="Notes">The office's progress notes of the year.</param>
/// <param name="Zones">The zones' reports on it for the year.</param>
public sealed record ReportTaskLine(string Id, string Title, string TitleEn, int Depth, string? Zone, string? OfficeStatus,
    IReadOnlyList<string> Notes, IReadOnlyList<ZoneTaskReport> Zones);

/// <summary>A registry item as the registries chapter counts it.</summary>
/// <param name="Type">The registry type (alliance, cluster …).</param>
/// <param name="Founded">When it was founded; null for an item that existed before the platform knew dates.</param>
/// <param name="Closed">When it closed, or null.</param>
/// <param name="Existing">False for an item the plan only asks for (planned, not yet there).</param>
public sealed record RegistryItemInput(string Type, DateOnly? Founded, DateOnly? Closed, bool Existing);

/// <summary>A registry's change over the report's period.</summary>
/// <param name="Type">The registry type.</param>
/// <param name="AtStart">Items standing at the end of the compare year.</param>
/// <param name="Added">Items founded after the compare year up to the end of the report's year.</param>
/// <param name="Removed">Items closed in that time.</param>
/// <param name="AtEnd">Items standing at the end of the report's year.</param>
public sealed record RegistryChangeLine(string Type, int AtStart, int Added, int Removed, int AtEnd);

/// <summary>A zone's result in the published evaluation of the year.</summary>
/// <param name="Zone">The zone's code.</param>
/// <param name="Rank">Its rank.</param>
/// <param name="Composite">Its composite score.</param>
/// <param name="Grade">Its grade, when the model grades.</param>
/// <param name="YellowCard">True when the result carries a yellow card (黄牌).</param>
/// <param name="Flags">Every flag of the result.</param>
public sealed record EvaluationLine(string Zone, int Rank, decimal Composite, string? Grade, bool YellowCard, IReadOnlyList<string> Flags);

/// <summary>The published evaluation of the year.</summary>
/// <param name="Run">The run's id.</param>
/// <param name="Model">The model's id.</param>
/// <param name="Zones">The zones by rank.</param>
/// <param name="Grades">How many zones have each grade.</param>
/// <param name="YellowCards">How many zones have a yellow card.</param>
public sealed record EvaluationChapter(long Run, string Model, IReadOnlyList<EvaluationLine> Zones, IReadOnlyDictionary<string, int> Grades, int YellowCards);

/// <summary>A case of the governance cycle, as the report lists it.</summary>
public sealed record CaseLine(string Kind, string Zone, int Year, string Status);

/// <summary>A zone's self-assessment (自评报告) as the report shows it.</summary>
/// <param name="Zone">The zone's code.</param>
/// <param name="Status">draft, submitted, returned or accepted.</param>
/// <param name="Sections">Its five sections by key (<see cref="SelfAssessmentWorkflow.Sections"/>); empty unless accepted.</param>
public sealed record SelfAssessmentLine(string Zone, string Status, IReadOnlyDictionary<string, string> Sections);

/// <summary>What a report is assembled from.</summary>
/// <param name="Plan">The plan.</param>
/// <param name="Kind">Yearly or mid-term.</param>
/// <param name="Period">The years covered.</param>
/// <param name="Targets">Each target's assessment in the report's year (null without data) and its measured series, with whether it has a data source.</param>
/// <param name="OfficeTaskStatus">The office's status by task id.</param>
/// <param name="OfficeNotes">The office's notes of the year by task id.</param>
/// <param name="ZoneTasks">The zones' reports of the year by task id.</param>
/// <param name="Registry">Approved registry items.</param>
/// <param name="Evaluation">The published evaluation of the year, or null.</param>
/// <param name="Cases">Cases of the year and every case still open.</param>
/// <param name="SelfAssessments">The zones' self-assessments of the year (drafts left out by the caller).</param>
/// <param name="Narratives">The office's text per chapter.</param>
public sealed record ReportInputs(
    Plan Plan, MonitoringReportKind Kind, ReportPeriod Period,
    IReadOnlyList<(Target Target, TargetAssessment? Assessment, IReadOnlyList<ProgressPoint> Series, bool HasSource)> Targets,
    IReadOnlyDictionary<string, string> OfficeTaskStatus, IReadOnlyDictionary<string, IReadOnlyList<string>> OfficeNotes,
    IReadOnlyDictionary<string, IReadOnlyList<ZoneTaskReport>> ZoneTasks,
    IReadOnlyList<RegistryItemInput> Registry, EvaluationChapter? Evaluation, IReadOnlyList<CaseLine> Cases,
    IReadOnlyList<SelfAssessmentLine> SelfAssessments, IReadOnlyDictionary<string, string> Narratives);

/// <summary>An assembled report: what the page, the .docx and the .xlsx show, and what a published edition keeps as its snapshot.</summary>
public sealed record ReportDocument(
    string Plan, string PlanTitle, string PlanTitleEn, string Kind, int Year, ReportPeriod Period,
    IReadOnlyList<ReportTargetLine> Targets, IReadOnlyList<ReportTaskLine> Tasks, IReadOnlyList<RegistryChangeLine> Registries,
    EvaluationChapter? Evaluation, IReadOnlyList<CaseLine> Cases, IReadOnlyList<SelfAssessmentLine> SelfAssessments,
    IReadOnlyDictionary<string, string> Narratives)
{
    /// <summary>How many targets have each status.</summary>
    public IReadOnlyDictionary<string, int> StatusCounts() =>
        Targets.GroupBy(t => t.Status).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
}

/// <summary>Assembles the yearly monitoring report and the mid-term review from the platform's data (保障措施: 组织规划实施情况评估).</summary>
public static class MonitoringReport
{
    /// <summary>The report's chapters, in order; each has a narrative section the office writes.</summary>
    public static readonly IReadOnlyList<string> Chapters = ["summary", "targets", "tasks", "registries", "evaluation", "cases", "self_assessments", "outlook"];

    /// <summary>Task nodes deeper than this are shown only when a zone or the office reported on them.</summary>
    public const int AlwaysShownDepth = 1;

    /// <summary>Assembles the report.</summary>
    public static ReportDocument Assemble(ReportInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var period = inputs.Period;
        var targets = inputs.Targets.Select(t => TargetLine(t.Target, t.Assessment, t.Series, t.HasSource, period)).ToList();

        var tasks = new List<ReportTaskLine>();
        void Walk(PlanTask task, int depth)
        {
            var notes = inputs.OfficeNotes.GetValueOrDefault(task.Id) ?? [];
            var zones = inputs.ZoneTasks.GetValueOrDefault(task.Id) ?? [];
            var status = inputs.OfficeTaskStatus.GetValueOrDefault(task.Id);
            if (depth <= AlwaysShownDepth || notes.Count > 0 || zones.Count > 0 || status is not null)
                tasks.Add(new ReportTaskLine(task.Id, task.Title, task.TitleEn, depth, task.Zone, status, notes,
                    zones.OrderBy(z => z.Zone, StringComparer.Ordinal).ToList()));
            foreach (var child in task.Children) Walk(child, depth + 1);
        }
        foreach (var task in inputs.Plan.Tasks.Where(t => t.Kind is not (TaskKind.Safeguard or TaskKind.Rule))) Walk(task, 0);

        var narratives = Chapters.Where(c => !string.IsNullOrWhiteSpace(inputs.Narratives.GetValueOrDefault(c)))
            .ToDictionary(c => c, c => inputs.Narratives[c].Trim());
        return new ReportDocument(inputs.Plan.Id, inputs.Plan.Title, inputs.Plan.TitleEn, MonitoringReportKinds.Name(inputs.Kind), period.To, period,
            targets, tasks, RegistryChanges(inputs.Registry, period), inputs.Evaluation,
            inputs.Cases.OrderBy(c => c.Zone, StringComparer.Ordinal).ThenBy(c => c.Kind, StringComparer.Ordinal).ToList(),
            inputs.SelfAssessments.OrderBy(s => s.Zone, StringComparer.Ordinal).ToList(), narratives);
    }

    /// <summary>One target's line: its value in the report's year against the compare year, and the share of the way from baseline to goal.</summary>
    public static ReportTargetLine TargetLine(Target target, TargetAssessment? assessment, IReadOnlyList<ProgressPoint> series, bool hasSource, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(period);
        decimal? At(int year) => series.FirstOrDefault(p => p.Year == year)?.Value;
        var value = At(period.To);
        // The mid-term review compares with the plan's starting point: the baseline when the series has no base-year figure.
        var compare = At(period.CompareYear)
            ?? (assessment is { } a0 && a0.BaselineYear == period.CompareYear ? a0.Baseline : null);
        decimal? change = value is { } v && compare is { } c ? v - c : null;
        decimal? percent = change is { } d && compare is { } c2 && c2 != 0 ? Math.Round(d / Math.Abs(c2) * 100, 2, MidpointRounding.AwayFromZero) : null;
        var goal = target.Goal.Value;
        decimal? share = null, expected = null;
        if (assessment is { } a)
        {
            if (value is { } v2 && goal != a.Baseline) share = Math.Round((v2 - a.Baseline) / (goal - a.Baseline), 4, MidpointRounding.AwayFromZero);
            expected = ExpectedShare(a.BaselineYear, target.Goal.Year, period.To);
        }
        var status = assessment is { } a1 ? StatusName(a1.Status) : hasSource ? StatusName(TargetStatus.NoData) : "no_data_source";
        var points = series.Where(p => p.Year >= period.CompareYear && p.Year <= period.To).OrderBy(p => p.Year).ToList();
        return new ReportTargetLine(target.Id, target.Title, target.TitleEn, target.Unit, goal, target.Goal.Year, assessment?.Baseline, assessment?.BaselineYear,
            value, compare, change, percent, share, expected, status, assessment?.Forecast?.Value is { } f ? Math.Round(f, 4, MidpointRounding.AwayFromZero) : null,
            assessment?.Forecast?.CrossingYear, points);
    }

    /// <summary>The share of the plan period gone by the year: (year − baseline year) / (goal year − baseline year), in [0, 1], rounded to 4 decimals.</summary>
    public static decimal ExpectedShare(int baselineYear, int goalYear, int year)
    {
        if (goalYear <= baselineYear) return 1m;
        var share = (decimal)(year - baselineYear) / (goalYear - baselineYear);
        return Math.Round(Math.Clamp(share, 0m, 1m), 4, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Registries' changes over the period, type by type: standing at the end of the compare year, founded and closed after it up to the end of
    /// the report's year, standing then. An item without a founding date that exists counts as standing from the start; a planned item never counts.
    /// </summary>
    public static IReadOnlyList<RegistryChangeLine> RegistryChanges(IReadOnlyList<RegistryItemInput> items, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(period);
        var start = new DateOnly(period.CompareYear, 12, 31);
        var end = new DateOnly(period.To, 12, 31);
        bool Standing(RegistryItemInput i, DateOnly on) => i.Existing && (i.Founded is null || i.Founded <= on) && (i.Closed is null || i.Closed > on);
        return items.GroupBy(i => i.Type).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new RegistryChangeLine(g.Key,
            g.Count(i => Standing(i, start)),
            g.Count(i => i.Existing && i.Founded is { } f && f > start && f <= end),
            g.Count(i => i.Existing && i.Closed is { } c && c > start && c <= end),
            g.Count(i => Standing(i, end)))).ToList();
    }

    /// <summary>The evaluation chapter: zones by rank, the count of each grade and of yellow cards.</summary>
    public static EvaluationChapter Evaluation(long run, string model, IEnumerable<EvaluationLine> zones)
    {
        ArgumentNullException.ThrowIfNull(zones);
        var ordered = zones.OrderBy(z => z.Rank).ThenBy(z => z.Zone, StringComparer.Ordinal).ToList();
        var grades = ordered.Where(z => z.Grade is not null).GroupBy(z => z.Grade!).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        return new EvaluationChapter(run, model, ordered, grades, ordered.Count(z => z.YellowCard));
    }

    /// <summary>The wire name of a target status.</summary>
    public static string StatusName(TargetStatus status) => status switch
    {
        TargetStatus.Achieved => "achieved",
        TargetStatus.OnTrack => "on_track",
        TargetStatus.AtRisk => "at_risk",
        TargetStatus.OffTrack => "off_track",
        _ => "no_data",
    };
}

/// <summary>Where a report edition stands.</summary>
public static class MonitoringReportStates
{
    /// <summary>Being written; the office edits the narratives.</summary>
    public const string Draft = "draft";
    /// <summary>Sent for review; returned to draft or published.</summary>
    public const string InReview = "in_review";
    /// <summary>Published: immutable, shown from its snapshot. A new edition is a new draft.</summary>
    public const string Published = "published";
}

/// <summary>The steps of a report edition: draft → in_review → published, in_review → draft on return; only the office acts.</summary>
public static class MonitoringReportWorkflow
{
    /// <summary>Edit the narratives.</summary>
    public const string Edit = "edit";
    /// <summary>Send the draft for review.</summary>
    public const string Submit = "submit";
    /// <summary>Send a report under review back to draft.</summary>
    public const string Return = "return";
    /// <summary>Publish a report under review.</summary>
    public const string Publish = "publish";

    /// <summary>Null when the step is allowed in the state, else the refusal's code.</summary>
    public static string? Check(string state, string action, Principal who)
    {
        ArgumentNullException.ThrowIfNull(who);
        if (!who.IsAdmin) return "forbidden";
        if (state == MonitoringReportStates.Published) return "report_published";
        return (action, state) switch
        {
            (Edit or Submit, MonitoringReportStates.Draft) => null,
            (Return or Publish, MonitoringReportStates.InReview) => null,
            (Edit or Submit, _) => "report_in_review",
            (Return or Publish, _) => "report_not_in_review",
            _ => "unknown_action",
        };
    }

    /// <summary>The state a step leads to.</summary>
    public static string Next(string action) => action switch
    {
        Submit => MonitoringReportStates.InReview,
        Publish => MonitoringReportStates.Published,
        _ => MonitoringReportStates.Draft,
    };
}

/// <summary>A zone's status on a task for a year.</summary>
public static class ZoneTaskStatuses
{
    /// <summary>Every status, in the order forms show them.</summary>
    public static readonly IReadOnlyList<string> All = ["not_started", "on_track", "delayed", "done"];
}

/// <summary>
/// A zone's annual self-assessment (自评报告): five sections, draft → submitted → returned (editable again) or accepted (locked) by the office.
/// </summary>
public static class SelfAssessmentWorkflow
{
    /// <summary>The sections: targets, tasks, measures, problems and next year's plan.</summary>
    public static readonly IReadOnlyList<string> Sections = ["targets", "tasks", "measures", "problems", "next_year"];

    /// <summary>Draft: the zone writes.</summary>
    public const string Draft = "draft";
    /// <summary>Submitted: waits for the office.</summary>
    public const string Submitted = "submitted";
    /// <summary>Returned with a comment: the zone writes again.</summary>
    public const string Returned = "returned";
    /// <summary>Accepted: locked, and shown in the monitoring report.</summary>
    public const string Accepted = "accepted";

    /// <summary>Null when the step is allowed, else the refusal's code.</summary>
    /// <param name="state">The current state (draft for a self-assessment not yet written).</param>
    /// <param name="action">edit, submit, return or accept.</param>
    /// <param name="who">Who acts.</param>
    /// <param name="zone">The self-assessment's zone.</param>
    /// <param name="sections">The sections as they stand (submission needs every one written).</param>
    public static string? Check(string state, string action, Principal who, string zone, IReadOnlyDictionary<string, string?> sections)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(sections);
        if (!who.MayReport(zone)) return "forbidden";
        var editable = state is Draft or Returned;
        return action switch
        {
            "edit" or "submit" when !editable => state == Submitted ? "assessment_submitted" : "assessment_locked",
            "submit" when Sections.Any(s => string.IsNullOrWhiteSpace(sections.GetValueOrDefault(s))) => "assessment_incomplete",
            "edit" or "submit" => null,
            "return" or "accept" when !who.IsAdmin => "forbidden",
            "return" or "accept" when state != Submitted => "assessment_not_submitted",
            "return" or "accept" => null,
            _ => "unknown_action",
        };
    }

    /// <summary>The state a step leads to.</summary>
    public static string Next(string state, string action) => action switch
    {
        "submit" => Submitted,
        "return" => Returned,
        "accept" => Accepted,
        _ => state,
    };
}
