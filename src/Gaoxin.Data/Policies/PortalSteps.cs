using Gaoxin.Core.Collection;
using Gaoxin.Core.Portal;

namespace Gaoxin.Data.Policies;

/// <summary>Applies a step of the publishing workflow (<see cref="Publication"/>) to a policy or a news item.</summary>
public static class PortalSteps
{
    /// <summary>
    /// Checks and applies <paramref name="action"/> (a refusal code, or null when done): publishing sets the release time (null:
    /// at once), returning keeps the office's comment for the author, editing a withdrawn item makes it a draft again.
    /// </summary>
    public static string? Apply(IPublishedItem item, PublicationAction action, Principal who, string? zone, DateTimeOffset? releaseAt, string? comment, DateTimeOffset now)
    {
        if (Publication.Check(item.State, action, who, zone) is { } refused) return refused;
        if (action == PublicationAction.Return && string.IsNullOrWhiteSpace(comment)) return "comment_required";
        item.State = Publication.After(item.State, action);
        switch (action)
        {
            case PublicationAction.Publish:
                // Stored in UTC (PostgreSQL keeps no offset).
                item.ReleaseAt = releaseAt?.ToUniversalTime();
                item.PublishedAt = now;
                item.PublishedBy = who.Name;
                item.ReturnComment = null;
                break;
            case PublicationAction.Return:
                item.ReturnComment = comment!.Trim();
                break;
        }
        item.UpdatedAt = now;
        item.UpdatedBy = who.Name;
        return null;
    }
}
