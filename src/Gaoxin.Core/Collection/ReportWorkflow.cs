namespace Gaoxin.Core.Collection;

/// <summary>Where a unit's report for a year stands.</summary>
public enum ReportState
{
    /// <summary>Being filled in; editable.</summary>
    Draft,
    /// <summary>Sent to the office; waits for approval or return.</summary>
    Submitted,
    /// <summary>Sent back by the office with a comment; editable again.</summary>
    Returned,
    /// <summary>Approved: locked, and the figures in force.</summary>
    Approved,
    /// <summary>An approved revision replaced by a later approved correction.</summary>
    Superseded,
}

/// <summary>The roles of the platform.</summary>
public static class Roles
{
    /// <summary>The provincial office (省高新区工作推进组): approves, imports, sees everything.</summary>
    public const string Admin = "admin";
    /// <summary>A zone's management committee (管委会) staff: reports for one zone.</summary>
    public const string ZoneOperator = "zone_operator";
    /// <summary>An enterprise user.</summary>
    public const string Enterprise = "enterprise";
    /// <summary>An expert of the office's review panels (专家): scores the items of panels they sit on.</summary>
    public const string Expert = "expert";

    /// <summary>Every role, in the order lists show them.</summary>
    public static readonly IReadOnlyList<string> All = [Admin, ZoneOperator, Enterprise, Expert];
}

/// <summary>Who acts: a role and, for a zone operator, the zone they report for.</summary>
public sealed record Principal(string Name, string Role, string? Zone)
{
    /// <summary>True for the provincial office.</summary>
    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>May this principal read unapproved figures and write the figures of <paramref name="unit"/>?</summary>
    public bool MayReport(string unit) => IsAdmin || (Role == Roles.ZoneOperator && Zone == unit);
}

/// <summary>What may happen to a report in each state, and who may do it.</summary>
public static class ReportWorkflow
{
    /// <summary>A report in this state takes edits.</summary>
    public static bool IsEditable(ReportState state) => state is ReportState.Draft or ReportState.Returned;

    /// <summary>A report in this state is the open one of its unit-year (at most one exists).</summary>
    public static bool IsOpen(ReportState state) => state is ReportState.Draft or ReportState.Returned or ReportState.Submitted;

    /// <summary>Returns null when the step is allowed, else the code of the rule it breaks.</summary>
    public static string? Check(ReportState state, ReportAction action, Principal who, string unit)
    {
        if (!who.MayReport(unit)) return "forbidden";
        return action switch
        {
            ReportAction.Edit or ReportAction.Submit when !IsEditable(state) => state == ReportState.Submitted ? "report_submitted" : "report_locked",
            ReportAction.Approve or ReportAction.Return when !who.IsAdmin => "forbidden",
            ReportAction.Approve or ReportAction.Return when state != ReportState.Submitted => "report_not_submitted",
            _ => null,
        };
    }

    /// <summary>
    /// Submission needs no error, and a comment on every value that has a warning (an outlier or a soft rule).
    /// </summary>
    public static IReadOnlyList<DataProblem> BlockingProblems(IEnumerable<DataProblem> problems, IReadOnlyDictionary<string, string?> comments) =>
        problems.Where(p => p.Severity == Severity.Error
            || (p.Element is { } e && string.IsNullOrWhiteSpace(comments.GetValueOrDefault(e)))).ToList();
}

/// <summary>A step of the report workflow.</summary>
public enum ReportAction
{
    /// <summary>Change values of a draft.</summary>
    Edit,
    /// <summary>Send the draft to the office.</summary>
    Submit,
    /// <summary>Approve a submitted report (office only).</summary>
    Approve,
    /// <summary>Send a submitted report back with a comment (office only).</summary>
    Return,
}
