using Gaoxin.Core.Collection;
using Gaoxin.Core.Portal;

namespace Gaoxin.Data.Portal;

/// <summary>What every item under review before the portal shows it keeps of the publishing workflow.</summary>
public interface IReviewedItem
{
    PublicationState State { get; set; }
    DateTimeOffset? ReleaseAt { get; set; }
    string? ReturnComment { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
    string UpdatedBy { get; set; }
}

/// <summary>A policy or a news item: reviewed, with who published it and when.</summary>
public interface IPublishedItem : IReviewedItem
{
    DateTimeOffset? ExpiresAt { get; set; }
    DateTimeOffset? PublishedAt { get; set; }
    string? PublishedBy { get; set; }
}

/// <summary>
/// Applies a step of the publishing workflow (<see cref="Publication"/>) to a portal item: policies and news
/// (<see cref="Apply"/>), investment projects and the technology market's profiles (<see cref="Move"/>, after their own
/// check of who may act).
/// </summary>
public static class PortalSteps
{
    /// <summary>
    /// Checks and applies <paramref name="action"/> to a policy or a news item (a refusal code, or null when done), recording
    /// who published it and when; editing a withdrawn item makes it a draft again.
    /// </summary>
    public static string? Apply(IPublishedItem item, PublicationAction action, Principal who, string? zone, DateTimeOffset? releaseAt, string? comment, DateTimeOffset now)
    {
        if (Publication.Check(item.State, action, who, zone) is { } refused) return refused;
        if (Move(item, action, who, releaseAt, comment, now) is { } missing) return missing;
        if (action == PublicationAction.Publish)
        {
            item.PublishedAt = now;
            item.PublishedBy = who.Name;
        }
        return null;
    }

    /// <summary>
    /// Applies an allowed step (a refusal code when a return comes without its comment): publishing sets the release time
    /// (null: at once) and clears an earlier return's comment, returning keeps the office's comment for the author, submitting
    /// again clears it too.
    /// </summary>
    public static string? Move(IReviewedItem item, PublicationAction action, Principal who, DateTimeOffset? releaseAt, string? comment, DateTimeOffset now)
    {
        if (action == PublicationAction.Return && string.IsNullOrWhiteSpace(comment)) return "comment_required";
        item.State = Publication.After(item.State, action);
        switch (action)
        {
            case PublicationAction.Publish:
                // Stored in UTC (PostgreSQL keeps no offset).
                item.ReleaseAt = releaseAt?.ToUniversalTime();
                item.ReturnComment = null;
                break;
            case PublicationAction.Return:
                item.ReturnComment = comment!.Trim();
                break;
            case PublicationAction.Submit:
                item.ReturnComment = null;
                break;
        }
        item.UpdatedAt = now;
        item.UpdatedBy = who.Name;
        return null;
    }

    /// <summary>The past tense an audit row names a step by: submitted, published, returned, withdrawn (edited for an edit).</summary>
    public static string Done(PublicationAction action) => action switch
    {
        PublicationAction.Submit => "submitted",
        PublicationAction.Publish => "published",
        PublicationAction.Return => "returned",
        PublicationAction.Withdraw => "withdrawn",
        _ => "edited",
    };

    /// <summary>What an audit row of a step notes: the return's comment, or a scheduled publication's release time.</summary>
    public static string? Note(PublicationAction action, DateTimeOffset? releaseAt, string? comment) =>
        action == PublicationAction.Return ? comment?.Trim()
        : action == PublicationAction.Publish && releaseAt is { } at ? $"release at {at:O}" : null;
}
