using Gaoxin.Core.Collection;
using Gaoxin.Core.Portal;

namespace Gaoxin.Core.Market;

/// <summary>A step of a market profile's life beyond the publishing workflow's own.</summary>
public enum MarketAction
{
    /// <summary>Move the last valid day of a published (or expired) profile without a new review.</summary>
    Renew,
}

/// <summary>
/// The technology market's rules on top of the publishing workflow (<see cref="Publication"/>): who may write a profile
/// (its owner, the operator of its zone on behalf of the zone's enterprises, the office), optimistic concurrency by
/// version, and renewal of a profile's validity.
/// </summary>
public static class MarketWorkflow
{
    /// <summary>How far ahead a profile's last valid day may be set, on creation or renewal: one year (366 days with a leap day).</summary>
    public const int MaxValidityDays = 366;

    /// <summary>
    /// May <paramref name="who"/> write a profile owned by <paramref name="owner"/> in <paramref name="zone"/>? The office
    /// writes all; an enterprise user only the profiles whose owner is their account; a zone operator those of their zone.
    /// </summary>
    public static bool MayWrite(Principal who, string owner, string? zone) =>
        who.IsAdmin
        || (who.Role == Roles.Enterprise && owner == who.Name)
        || (who.Role == Roles.ZoneOperator && zone is not null && who.Zone == zone);

    /// <summary>
    /// May <paramref name="who"/> create a profile in <paramref name="zone"/>? Every signed-in role may post; a zone operator
    /// only for their own zone (a profile outside a zone is the office's or an enterprise's own).
    /// </summary>
    public static string? CheckCreate(Principal who, string? zone) =>
        who.IsAdmin || who.Role == Roles.Enterprise || (who.Role == Roles.ZoneOperator && zone is not null && who.Zone == zone)
            ? null : "forbidden";

    /// <summary>
    /// Null when <paramref name="who"/> may take <paramref name="action"/> on a profile of <paramref name="owner"/> in
    /// <paramref name="zone"/> standing in <paramref name="state"/>; else the code of the rule it breaks. Publishing,
    /// returning and withdrawing are the office's alone.
    /// </summary>
    public static string? Check(PublicationState state, PublicationAction action, Principal who, string owner, string? zone)
    {
        if (!MayWrite(who, owner, zone)) return "forbidden";
        // Past the ownership rule the shared workflow decides, asked as a writer of the item (the office's steps stay the office's).
        var writer = who.IsAdmin ? who : new Principal(who.Name, Roles.ZoneOperator, "market-owner");
        return Publication.Check(state, action, writer, "market-owner");
    }

    /// <summary>The stale-write rule: null when the change was made against <paramref name="current"/>, else its code.</summary>
    public static string? CheckVersion(int current, int? sent) => sent switch
    {
        null => "version_required",
        _ when sent != current => "stale_version",
        _ => null,
    };

    /// <summary>
    /// Null when a last valid day may be set on <paramref name="today"/>: not before today, at most
    /// <see cref="MaxValidityDays"/> ahead; else its code.
    /// </summary>
    public static string? CheckValidUntil(DateOnly? validUntil, DateOnly today) => validUntil switch
    {
        null => null,
        { } day when day < today => "valid_until_past",
        { } day when day > today.AddDays(MaxValidityDays) => "valid_until_too_far",
        _ => null,
    };

    /// <summary>
    /// Null when <paramref name="who"/> may renew a profile in <paramref name="state"/> to <paramref name="validUntil"/> at
    /// <paramref name="now"/>: the owner, the zone or the office; only a published profile (public or expired — a
    /// draft takes its day by an edit); the new day from today to a year ahead, and later than the present one.
    /// </summary>
    public static string? CheckRenewal(PublicationState state, Principal who, string owner, string? zone, DateOnly? current, DateOnly? validUntil, DateTimeOffset now)
    {
        if (!MayWrite(who, owner, zone)) return "forbidden";
        if (state != PublicationState.Published) return "publication_not_published";
        if (validUntil is null) return "valid_until_required";
        if (CheckValidUntil(validUntil, Publication.Today(now)) is { } bad) return bad;
        if (current is { } present && validUntil <= present) return "valid_until_not_later";
        return null;
    }
}
