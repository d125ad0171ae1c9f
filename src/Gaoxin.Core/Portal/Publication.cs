using Gaoxin.Core.Collection;

namespace Gaoxin.Core.Portal;

/// <summary>Where an item meant for the public portal (a policy, a news item, an investment project) stands.</summary>
public enum PublicationState
{
    /// <summary>Being written; editable by its author (the office, or the operator of its zone).</summary>
    Draft,
    /// <summary>Sent to the office for review; not editable until approved or returned.</summary>
    InReview,
    /// <summary>Approved by the office. Public from its release time (if any) until it expires (if it does).</summary>
    Published,
    /// <summary>Taken off the portal by the office; editing it makes it a draft again.</summary>
    Withdrawn,
}

/// <summary>What a visitor or an editor sees of an item at a moment: the state, with release and expiry applied.</summary>
public enum PublicationStage
{
    Draft,
    InReview,
    /// <summary>Published with a release time still ahead: not yet public.</summary>
    Scheduled,
    /// <summary>On the portal now.</summary>
    Public,
    /// <summary>Published, but its validity ended: off the portal without anyone acting.</summary>
    Expired,
    Withdrawn,
}

/// <summary>A step of the publishing workflow.</summary>
public enum PublicationAction
{
    /// <summary>Change the item (a draft, or a withdrawn item, which becomes a draft again).</summary>
    Edit,
    /// <summary>Send a draft to the office for review.</summary>
    Submit,
    /// <summary>Approve an item in review and publish it, at once or at a release time (office only).</summary>
    Publish,
    /// <summary>Send an item in review back to its author with a comment (office only).</summary>
    Return,
    /// <summary>Take a published item off the portal (office only).</summary>
    Withdraw,
}

/// <summary>
/// The publishing workflow shared by everything the portal shows: draft → review → published (at once or scheduled) →
/// expired or withdrawn. Nothing is public unless the office published it, its release time has come and its validity
/// has not ended — the one rule every public page, the search and open data apply.
/// </summary>
public static class Publication
{
    /// <summary>The stage of an item at <paramref name="now"/>.</summary>
    public static PublicationStage StageAt(PublicationState state, DateTimeOffset? releaseAt, DateTimeOffset? expiresAt, DateTimeOffset now) => state switch
    {
        PublicationState.Draft => PublicationStage.Draft,
        PublicationState.InReview => PublicationStage.InReview,
        PublicationState.Withdrawn => PublicationStage.Withdrawn,
        _ when expiresAt is { } end && end <= now => PublicationStage.Expired,
        _ when releaseAt is { } start && start > now => PublicationStage.Scheduled,
        _ => PublicationStage.Public,
    };

    /// <summary>True when the item may be shown to anyone at <paramref name="now"/>.</summary>
    public static bool IsPublic(PublicationState state, DateTimeOffset? releaseAt, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        StageAt(state, releaseAt, expiresAt, now) == PublicationStage.Public;

    /// <summary>
    /// Null when <paramref name="who"/> may take <paramref name="action"/> on an item of <paramref name="zone"/> (null: a
    /// province-wide item, which only the office writes) in <paramref name="state"/>; else the code of the rule it breaks.
    /// </summary>
    public static string? Check(PublicationState state, PublicationAction action, Principal who, string? zone)
    {
        var mayWrite = who.IsAdmin || (zone is not null && who.MayReport(zone));
        if (!mayWrite) return "forbidden";
        return action switch
        {
            PublicationAction.Publish or PublicationAction.Return or PublicationAction.Withdraw when !who.IsAdmin => "forbidden",
            PublicationAction.Edit when state is PublicationState.InReview => "publication_in_review",
            PublicationAction.Edit when state is PublicationState.Published => "publication_published",
            PublicationAction.Submit when state is not PublicationState.Draft => "publication_not_draft",
            PublicationAction.Publish or PublicationAction.Return when state is not PublicationState.InReview => "publication_not_in_review",
            PublicationAction.Withdraw when state is not PublicationState.Published => "publication_not_published",
            _ => null,
        };
    }

    /// <summary>China Standard Time: the office's calendar decides which day a date names.</summary>
    public static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    /// <summary>The office's calendar day at <paramref name="now"/>.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(ChinaTime).DateTime);

    /// <summary>
    /// When an item valid through <paramref name="lastDay"/> leaves the portal: the next midnight in China, in UTC (PostgreSQL
    /// stores an instant and takes only offset 0); null when it has no last day.
    /// </summary>
    public static DateTimeOffset? EndOfDay(DateOnly? lastDay) =>
        lastDay is { } day ? new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime).ToUniversalTime() : null;

    /// <summary>A workflow step by the name the API and the pages use (submit, publish, return, withdraw), or null.</summary>
    public static PublicationAction? ActionOf(string? step) => step switch
    {
        "submit" => PublicationAction.Submit,
        "publish" => PublicationAction.Publish,
        "return" => PublicationAction.Return,
        "withdraw" => PublicationAction.Withdraw,
        _ => null,
    };

    /// <summary>The state after an allowed step.</summary>
    public static PublicationState After(PublicationState state, PublicationAction action) => action switch
    {
        PublicationAction.Edit => PublicationState.Draft,
        PublicationAction.Submit => PublicationState.InReview,
        PublicationAction.Publish => PublicationState.Published,
        PublicationAction.Return => PublicationState.Draft,
        PublicationAction.Withdraw => PublicationState.Withdrawn,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
