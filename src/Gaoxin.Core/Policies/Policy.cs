namespace Gaoxin.Core.Policies;

/// <summary>The level of government that issued a policy (政策层级).</summary>
public enum PolicyLevel
{
    /// <summary>国家级: the State Council or a national ministry.</summary>
    National,
    /// <summary>省级: the province.</summary>
    Provincial,
    /// <summary>市级: a city.</summary>
    City,
    /// <summary>园区级: a high-tech zone's own administration.</summary>
    Zone,
}

/// <summary>Where a policy stands at a date (政策状态), derived from its dates and whether another document amended it.</summary>
public enum PolicyStatus
{
    /// <summary>现行有效.</summary>
    InForce,
    /// <summary>已修订: another document amended it (named by the policy).</summary>
    Amended,
    /// <summary>已失效: its in-force-until date has passed.</summary>
    Expired,
    /// <summary>尚未施行: its in-force-from date is still ahead.</summary>
    NotYetInForce,
}

/// <summary>The kinds of enterprise a policy can be aimed at (适用企业类型), as codes.</summary>
public static class EnterpriseTypes
{
    /// <summary>高新技术企业.</summary>
    public const string HighTech = "hte";
    /// <summary>科技型中小企业.</summary>
    public const string TechSme = "tech_sme";
    /// <summary>瞪羚企业.</summary>
    public const string Gazelle = "gazelle";
    /// <summary>高新技术企业后备库 (a member of the reserve pool).</summary>
    public const string HteReserve = "hte_reserve";
    /// <summary>任何企业: no condition on the kind of enterprise.</summary>
    public const string Any = "any";

    /// <summary>Every code, in the order pages list them.</summary>
    public static IReadOnlyList<string> All { get; } = [HighTech, TechSme, Gazelle, HteReserve, Any];

    /// <summary>The Chinese name of a code (the code itself when unknown).</summary>
    public static string NameZh(string code) => code switch
    {
        HighTech => "高新技术企业",
        TechSme => "科技型中小企业",
        Gazelle => "瞪羚企业",
        HteReserve => "高新技术企业后备库企业",
        Any => "任何企业",
        _ => code,
    };

    /// <summary>The English name of a code (the code itself when unknown).</summary>
    public static string NameEn(string code) => code switch
    {
        HighTech => "High-tech enterprises",
        TechSme => "Tech-based SMEs",
        Gazelle => "Gazelle enterprises",
        HteReserve => "High-tech reserve pool members",
        Any => "Any enterprise",
        _ => code,
    };
}

/// <summary>The validity rules of a policy document.</summary>
public static class PolicyValidity
{
    /// <summary>
    /// The status on <paramref name="today"/>: expired once the in-force-until date has passed (the last day still counts),
    /// not yet in force before the in-force-from date, amended when another document amended it, otherwise in force.
    /// </summary>
    /// <param name="inForceFrom">First day in force, or null when not stated.</param>
    /// <param name="inForceUntil">Last day in force, or null when open-ended.</param>
    /// <param name="amendedBy">The amending document, or null.</param>
    /// <param name="today">The day asked about.</param>
    public static PolicyStatus StatusOn(DateOnly? inForceFrom, DateOnly? inForceUntil, string? amendedBy, DateOnly today)
    {
        if (inForceUntil is { } until && until < today) return PolicyStatus.Expired;
        if (inForceFrom is { } from && from > today) return PolicyStatus.NotYetInForce;
        return string.IsNullOrWhiteSpace(amendedBy) ? PolicyStatus.InForce : PolicyStatus.Amended;
    }
}
