namespace Gaoxin.Core.Cases;

/// <summary>What a case of the office's governance cycle is about.</summary>
public enum CaseKind
{
    /// <summary>Rectification (整改) after a yellow card of a published evaluation.</summary>
    Rectification,
    /// <summary>A zone's appeal (申诉) against a decision of a case.</summary>
    Appeal,
    /// <summary>An application for status (认定与升级): a new provincial zone, or a proposal for national level.</summary>
    Application,
}

/// <summary>The wire names of case kinds, as <c>gaoxin cases list</c> and <c>GET /api/cases</c> print them.</summary>
public static class CaseKinds
{
    /// <summary><c>rectification</c>, <c>appeal</c> or <c>application</c>.</summary>
    public static string Name(CaseKind kind) => kind switch
    {
        CaseKind.Rectification => "rectification",
        CaseKind.Appeal => "appeal",
        CaseKind.Application => "application",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind a wire name stands for, or null.</summary>
    public static CaseKind? Parse(string? name) => name switch
    {
        "rectification" => CaseKind.Rectification,
        "appeal" => CaseKind.Appeal,
        "application" => CaseKind.Application,
        _ => null,
    };
}

/// <summary>One dated, signed step of a case: what was done (<paramref name="Step"/>), when, by whom, and the decision if it decides.</summary>
public sealed record CaseStep(string Step, DateOnly Date, string By, string? Decision);
