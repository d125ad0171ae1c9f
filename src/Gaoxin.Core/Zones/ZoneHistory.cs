using Gaoxin.Core.Plans;

namespace Gaoxin.Core.Zones;

/// <summary>Whether a zone is in good standing, warned or removed.</summary>
public enum ZoneStatus
{
    /// <summary>In good standing.</summary>
    Active,
    /// <summary>Warned after a failed evaluation (亮黄牌), with a deadline to rectify (限期整改).</summary>
    YellowCard,
    /// <summary>Removed from the list (摘牌).</summary>
    Delisted,
}

/// <summary>What happened to a zone on a date.</summary>
public enum ZoneEventKind
{
    /// <summary>The zone is recorded as it stood when a plan listed it.</summary>
    Listed,
    /// <summary>A new zone was approved (e.g. a county-level zone recognised as provincial).</summary>
    Established,
    /// <summary>A provincial zone was upgraded to national level (升级).</summary>
    Promoted,
    /// <summary>A yellow card for failing the annual evaluation (亮黄牌).</summary>
    YellowCard,
    /// <summary>The yellow card was lifted after rectification (整改完成).</summary>
    Rectified,
    /// <summary>The zone was delisted (摘牌).</summary>
    Delisted,
    /// <summary>The evaluation proposes delisting a provincial zone after consecutive failed years (revoke).</summary>
    DelistingProposed,
    /// <summary>A national zone failed as often as delisting needs; the province reports it to the ministry (报请科技部), which alone can delist it.</summary>
    ReportedUpward,
}

/// <summary>One entry of a zone's history: what happened, when, and the act that caused it.</summary>
public sealed record ZoneEvent(DateOnly EffectiveOn, ZoneEventKind Kind, ZoneLevel Level, ZoneStatus Status, string Act);

/// <summary>A zone's level and status at a point in time.</summary>
public sealed record ZoneState(ZoneLevel Level, ZoneStatus Status);

/// <summary>A zone's level and status at the end of a year.</summary>
public sealed record ZoneYear(int Year, ZoneLevel Level, ZoneStatus Status);

/// <summary>The outcome of applying an event: the new state, or the code of the rule it breaks.</summary>
public sealed record ZoneChangeResult(ZoneState? State, string? ErrorCode)
{
    /// <summary>True when the event is allowed.</summary>
    public bool Succeeded => ErrorCode is null;
}

/// <summary>Rules of a zone's history: how events change its level and status.</summary>
public static class ZoneHistory
{
    /// <summary>The state after the last event on or before <paramref name="date"/>, or null if the zone did not exist yet.</summary>
    public static ZoneState? StateOn(IEnumerable<ZoneEvent> events, DateOnly date)
    {
        var last = events.Where(e => e.EffectiveOn <= date).OrderBy(e => e.EffectiveOn).LastOrDefault();
        return last is null ? null : new ZoneState(last.Level, last.Status);
    }

    /// <summary>The state at the end of each year of the range in which the zone existed.</summary>
    public static IReadOnlyList<ZoneYear> ByYear(IReadOnlyCollection<ZoneEvent> events, int fromYear, int toYear)
    {
        var years = new List<ZoneYear>();
        for (var year = fromYear; year <= toYear; year++)
        {
            if (StateOn(events, new DateOnly(year, 12, 31)) is { } state)
                years.Add(new ZoneYear(year, state.Level, state.Status));
        }
        return years;
    }

    /// <summary>
    /// Applies an event to the zone's current state. A new zone starts with <see cref="ZoneEventKind.Established"/>
    /// or <see cref="ZoneEventKind.Listed"/>; only a provincial zone can be promoted; a delisted zone takes no further events.
    /// </summary>
    /// <param name="current">The state before the event, or null for a zone not yet recorded.</param>
    /// <param name="kind">What happens.</param>
    /// <param name="level">The level for a new zone; ignored otherwise.</param>
    public static ZoneChangeResult Apply(ZoneState? current, ZoneEventKind kind, ZoneLevel? level = null)
    {
        if (current is null)
        {
            return kind is ZoneEventKind.Established or ZoneEventKind.Listed
                ? new ZoneChangeResult(new ZoneState(level ?? ZoneLevel.Provincial, ZoneStatus.Active), null)
                : new ZoneChangeResult(null, "zone_not_established");
        }
        if (current.Status == ZoneStatus.Delisted)
            return new ZoneChangeResult(null, "zone_delisted");
        return kind switch
        {
            ZoneEventKind.Listed or ZoneEventKind.Established => new ZoneChangeResult(null, "zone_exists"),
            ZoneEventKind.Promoted when current.Level == ZoneLevel.National => new ZoneChangeResult(null, "already_national"),
            ZoneEventKind.Promoted => new ZoneChangeResult(current with { Level = ZoneLevel.National }, null),
            ZoneEventKind.YellowCard => new ZoneChangeResult(current with { Status = ZoneStatus.YellowCard }, null),
            ZoneEventKind.Rectified when current.Status != ZoneStatus.YellowCard => new ZoneChangeResult(null, "no_yellow_card"),
            ZoneEventKind.Rectified => new ZoneChangeResult(current with { Status = ZoneStatus.Active }, null),
            ZoneEventKind.Delisted => new ZoneChangeResult(current with { Status = ZoneStatus.Delisted }, null),
            // A proposal changes nothing by itself; the act of delisting is recorded when it is taken.
            ZoneEventKind.DelistingProposed or ZoneEventKind.ReportedUpward => new ZoneChangeResult(current, null),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }
}
