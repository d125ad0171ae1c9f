using Gaoxin.Core.Collection;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Gaoxin.Core.Applications;

/// <summary>What an application for status (认定与升级) asks for.</summary>
public enum ApplicationKind
{
    /// <summary>A county or city applies for a new provincial zone (新增省级高新区, 县域晋升省级).</summary>
    NewProvincial,
    /// <summary>A provincial zone applies to be proposed by the province for national level (升级国家级).</summary>
    NationalProposal,
}

/// <summary>Where an application stands. Wire names: see <see cref="ApplicationRules.Name(ApplicationState)"/>.</summary>
public enum ApplicationState
{
    /// <summary>Recorded with its form and figures.</summary>
    Submitted,
    /// <summary>The office checked the figures against the checklist of conditions.</summary>
    ConditionsChecked,
    /// <summary>An expert panel scores it.</summary>
    InReview,
    /// <summary>The panel closed: the aggregated score is known.</summary>
    Reviewed,
    /// <summary>A new provincial zone approved: it is in the registry.</summary>
    Approved,
    /// <summary>Refused, at any step before the final decision.</summary>
    Rejected,
    /// <summary>A national proposal approved by the province: proposed to the ministry.</summary>
    Proposed,
    /// <summary>The ministry approved the proposal: the zone is promoted to national level.</summary>
    MinistryApproved,
}

/// <summary>A step of the application workflow (all the office's, except submitting).</summary>
public enum ApplicationAction
{
    /// <summary>Check the figures against the conditions (submitted → conditions_checked).</summary>
    CheckConditions,
    /// <summary>Send to an expert panel (conditions_checked → in_review).</summary>
    StartReview,
    /// <summary>The panel closed (in_review → reviewed).</summary>
    CompleteReview,
    /// <summary>The office approves (reviewed → approved, or proposed for a national proposal).</summary>
    Approve,
    /// <summary>The office refuses (any open state → rejected; a proposal the ministry declines too).</summary>
    Reject,
    /// <summary>Record the ministry's approval of a proposal (proposed → ministry_approved).</summary>
    RecordMinistryApproval,
}

/// <summary>
/// A condition of the checklist: the figure it reads (<c>Element</c>, a data element), how it compares with the threshold, and
/// the plan text it quotes if any. <c>OfficeSetting</c> is true when no public text gives the threshold: it is the office's own.
/// </summary>
public sealed record ApplicationCondition(string Id, string Label, string LabelEn, string Element, string Comparator, decimal Threshold,
    bool OfficeSetting, string? SourceSection, string? SourceQuote);

/// <summary>The conditions of one kind of application, and the plan text the kind answers to.</summary>
public sealed record ApplicationChecklist(ApplicationKind Kind, string Name, string NameEn, string? SourceSection, string? SourceQuote,
    IReadOnlyList<ApplicationCondition> Conditions);

/// <summary>A condition judged: the figure (null when the form has none) and whether it is met (null: cannot tell).</summary>
public sealed record ConditionResult(ApplicationCondition Condition, decimal? Value, bool? Met);

/// <summary>The application workflow and the checklist of conditions, as pure rules.</summary>
public static class ApplicationRules
{
    /// <summary><c>new_provincial</c> or <c>national_proposal</c>.</summary>
    public static string Name(ApplicationKind kind) => kind == ApplicationKind.NewProvincial ? "new_provincial" : "national_proposal";

    /// <summary>The kind a wire name stands for, or null.</summary>
    public static ApplicationKind? ParseKind(string? name) => name switch
    {
        "new_provincial" => ApplicationKind.NewProvincial,
        "national_proposal" => ApplicationKind.NationalProposal,
        _ => null,
    };

    /// <summary>The state's wire name (<c>submitted</c>, <c>conditions_checked</c>, <c>in_review</c>, <c>reviewed</c>, <c>approved</c>,
    /// <c>rejected</c>, <c>proposed</c>, <c>ministry_approved</c>).</summary>
    public static string Name(ApplicationState state) => state switch
    {
        ApplicationState.Submitted => "submitted",
        ApplicationState.ConditionsChecked => "conditions_checked",
        ApplicationState.InReview => "in_review",
        ApplicationState.Reviewed => "reviewed",
        ApplicationState.Approved => "approved",
        ApplicationState.Rejected => "rejected",
        ApplicationState.Proposed => "proposed",
        _ => "ministry_approved",
    };

    /// <summary>The state a wire name stands for, or null.</summary>
    public static ApplicationState? ParseState(string? name) =>
        Enum.GetValues<ApplicationState>().Cast<ApplicationState?>().FirstOrDefault(s => Name(s!.Value) == name);

    /// <summary>The wire name of an action (<c>check</c>, <c>review</c>, <c>reviewed</c>, <c>approve</c>, <c>reject</c>, <c>ministry_approve</c>).</summary>
    public static string Name(ApplicationAction action) => action switch
    {
        ApplicationAction.CheckConditions => "check",
        ApplicationAction.StartReview => "review",
        ApplicationAction.CompleteReview => "reviewed",
        ApplicationAction.Approve => "approve",
        ApplicationAction.Reject => "reject",
        _ => "ministry_approve",
    };

    /// <summary>The action a wire name stands for, or null.</summary>
    public static ApplicationAction? ParseAction(string? name) =>
        Enum.GetValues<ApplicationAction>().Cast<ApplicationAction?>().FirstOrDefault(a => Name(a!.Value) == name);

    /// <summary>No step leaves these states.</summary>
    public static bool IsClosed(ApplicationState state) => state is ApplicationState.Approved or ApplicationState.Rejected or ApplicationState.MinistryApproved;

    /// <summary>
    /// Who may record an application: the office (for a county or city, or for a zone), and a zone's operator for their own
    /// zone's proposal for national level. Null when allowed, else the refusal's code.
    /// </summary>
    public static string? CheckSubmit(ApplicationKind kind, Principal who, string zone) =>
        who.IsAdmin || (kind == ApplicationKind.NationalProposal && who.Role == Roles.ZoneOperator && who.Zone == zone) ? null : "forbidden";

    /// <summary>Null when <paramref name="action"/> may be taken in <paramref name="state"/> by <paramref name="who"/>, else the refusal's code.</summary>
    public static string? Check(ApplicationKind kind, ApplicationState state, ApplicationAction action, Principal who)
    {
        if (!who.IsAdmin) return "forbidden";
        if (IsClosed(state)) return "application_closed";
        return Next(kind, state, action) is null ? "application_wrong_step" : null;
    }

    /// <summary>The state after the step, or null when the step does not apply to the state.</summary>
    public static ApplicationState? Next(ApplicationKind kind, ApplicationState state, ApplicationAction action) => (state, action) switch
    {
        (ApplicationState.Submitted, ApplicationAction.CheckConditions) => ApplicationState.ConditionsChecked,
        (ApplicationState.ConditionsChecked, ApplicationAction.StartReview) => ApplicationState.InReview,
        (ApplicationState.InReview, ApplicationAction.CompleteReview) => ApplicationState.Reviewed,
        (ApplicationState.Reviewed, ApplicationAction.Approve) => kind == ApplicationKind.NewProvincial ? ApplicationState.Approved : ApplicationState.Proposed,
        (ApplicationState.Proposed, ApplicationAction.RecordMinistryApproval) => ApplicationState.MinistryApproved,
        (not (ApplicationState.Approved or ApplicationState.Rejected or ApplicationState.MinistryApproved), ApplicationAction.Reject) => ApplicationState.Rejected,
        _ => null,
    };

    /// <summary>
    /// Judges each condition against the form's figures (by data element): met, not met, or unknown when the figure is
    /// missing or the comparator is not one of <c>&gt;=</c>, <c>&gt;</c>, <c>&lt;=</c>, <c>&lt;</c>, <c>=</c>.
    /// </summary>
    public static IReadOnlyList<ConditionResult> Evaluate(ApplicationChecklist checklist, IReadOnlyDictionary<string, decimal?> figures) =>
        checklist.Conditions.Select(c =>
        {
            var value = figures.GetValueOrDefault(c.Element);
            return new ConditionResult(c, value, value is { } v ? Compare(v, c.Comparator, c.Threshold) : null);
        }).ToList();

    /// <summary>True when every condition is met; false when one fails; null when none fails but one cannot be told.</summary>
    public static bool? AllMet(IReadOnlyList<ConditionResult> results) =>
        results.Any(r => r.Met == false) ? false : results.Any(r => r.Met is null) ? null : true;

    private static bool? Compare(decimal value, string comparator, decimal threshold) => comparator switch
    {
        ">=" => value >= threshold,
        ">" => value > threshold,
        "<=" => value <= threshold,
        "<" => value < threshold,
        "=" => value == threshold,
        _ => null,
    };

    /// <summary>The file's <c>sourceText:</c> (the plan text its quotes come from, relative to the file), or null.</summary>
    public static string? SourceTextOf(string yaml) =>
        yaml.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("sourceText:", StringComparison.Ordinal))?["sourceText:".Length..].Trim();

    /// <summary>
    /// Reads <c>governance/application-conditions.yaml</c>: the checklists, or the problems that make the file unusable (one
    /// line each): an unknown kind or comparator, a condition without element or id, an id listed twice, a quote not in
    /// <paramref name="planText"/>, a threshold not marked as the office's that quotes nothing.
    /// </summary>
    public static (IReadOnlyList<ApplicationChecklist> Checklists, IReadOnlyList<string> Errors) ParseConditions(string yaml, string planText)
    {
        ConditionsFile? file;
        try
        {
            file = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<ConditionsFile>(yaml);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            return ([], [$"line {e.Start.Line}: {e.Message}"]);
        }
        var errors = new List<string>();
        var lists = new List<ApplicationChecklist>();
        bool Quoted(SourceEntry? s, string where)
        {
            if (s is null) return true;
            if (string.IsNullOrWhiteSpace(s.Quote) || planText.Contains(s.Quote, StringComparison.Ordinal)) return true;
            errors.Add($"{where}: the quote is not in the plan text");
            return false;
        }
        foreach (var k in file?.Kinds ?? [])
        {
            if (ParseKind(k.Kind) is not { } kind) { errors.Add($"unknown kind {k.Kind}"); continue; }
            if (lists.Any(l => l.Kind == kind)) { errors.Add($"{k.Kind}: listed twice"); continue; }
            Quoted(k.Source, k.Kind!);
            var conditions = new List<ApplicationCondition>();
            foreach (var c in k.Conditions ?? [])
            {
                var where = $"{k.Kind}/{c.Id}";
                if (string.IsNullOrWhiteSpace(c.Id) || string.IsNullOrWhiteSpace(c.Element) || c.Threshold is null) { errors.Add($"{where}: a condition needs id, element and threshold"); continue; }
                if (c.Comparator is not (">=" or ">" or "<=" or "<" or "=")) { errors.Add($"{where}: unknown comparator {c.Comparator}"); continue; }
                if (conditions.Any(x => x.Id == c.Id)) { errors.Add($"{where}: listed twice"); continue; }
                if (!c.OfficeSetting && c.Source?.Quote is null) { errors.Add($"{where}: a threshold no text gives must be marked officeSetting"); continue; }
                if (!Quoted(c.Source, where)) continue;
                conditions.Add(new ApplicationCondition(c.Id, c.Label ?? c.Id, c.LabelEn ?? c.Label ?? c.Id, c.Element, c.Comparator, c.Threshold.Value,
                    c.OfficeSetting, c.Source?.Section, c.Source?.Quote));
            }
            lists.Add(new ApplicationChecklist(kind, k.Name ?? k.Kind!, k.NameEn ?? k.Name ?? k.Kind!, k.Source?.Section, k.Source?.Quote, conditions));
        }
        return (lists, errors);
    }

    private sealed class ConditionsFile
    {
        public string? SourceText { get; set; }
        public List<KindEntry>? Kinds { get; set; }
    }

    private sealed class KindEntry
    {
        public string? Kind { get; set; }
        public string? Name { get; set; }
        public string? NameEn { get; set; }
        public SourceEntry? Source { get; set; }
        public List<ConditionEntry>? Conditions { get; set; }
    }

    private sealed class ConditionEntry
    {
        public string? Id { get; set; }
        public string? Label { get; set; }
        public string? LabelEn { get; set; }
        public string? Element { get; set; }
        public string? Comparator { get; set; }
        public decimal? Threshold { get; set; }
        public bool OfficeSetting { get; set; }
        public SourceEntry? Source { get; set; }
    }

    private sealed class SourceEntry
    {
        public string? Section { get; set; }
        public string? Quote { get; set; }
    }
}
