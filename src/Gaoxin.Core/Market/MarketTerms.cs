namespace Gaoxin.Core.Market;

/// <summary>Which side of the technology market a profile is on.</summary>
public enum MarketSide
{
    /// <summary>A technology demand (技术需求) posted by an enterprise.</summary>
    Demand,
    /// <summary>A technology achievement (科技成果) offered by a university, an institute or an enterprise.</summary>
    Achievement,
}

/// <summary>A code of a closed list with its Chinese and English names, as files, the API and the pages write it.</summary>
public sealed record MarketCode(string Code, string Name, string NameEn);

/// <summary>The closed lists of the technology market: maturity, intellectual property, cooperation, contracts, institutions.</summary>
public static class MarketTerms
{
    /// <summary>
    /// Maturity of an achievement, least to most mature (实验室 → 小试 → 中试 → 产业化). The stage's index is its rank; a
    /// technology readiness level (TRL 1–9) falls in the stage <see cref="StageOfTrl"/> gives.
    /// </summary>
    public static IReadOnlyList<MarketCode> Maturities { get; } =
    [
        new("lab", "实验室阶段", "Laboratory"),
        new("small_pilot", "小试阶段", "Small-scale trial"),
        new("pilot", "中试阶段", "Pilot"),
        new("industrial", "产业化阶段", "Industrialisation"),
    ];

    /// <summary>The maturity stage of a TRL: 1–3 laboratory, 4–5 small-scale trial, 6–7 pilot, 8–9 industrialisation.</summary>
    public static string? StageOfTrl(int trl) => trl switch
    {
        >= 1 and <= 3 => "lab",
        4 or 5 => "small_pilot",
        6 or 7 => "pilot",
        8 or 9 => "industrial",
        _ => null,
    };

    /// <summary>The rank of a maturity code (0 = laboratory … 3 = industrialisation), or null for an unknown code.</summary>
    public static int? RankOf(string? maturity)
    {
        for (var i = 0; i < Maturities.Count; i++) if (Maturities[i].Code == maturity) return i;
        return null;
    }

    /// <summary>The state of an achievement's intellectual property.</summary>
    public static IReadOnlyList<MarketCode> IpStatuses { get; } =
    [
        new("invention_patent", "发明专利(已授权)", "Invention patent (granted)"),
        new("patent_pending", "专利申请中", "Patent pending"),
        new("utility_model", "实用新型专利", "Utility model"),
        new("software_copyright", "软件著作权", "Software copyright"),
        new("know_how", "技术秘密", "Know-how"),
        new("none", "无", "None"),
    ];

    /// <summary>How an achievement may change hands (成果转化方式, 促进科技成果转化法 第十六条).</summary>
    public static IReadOnlyList<MarketCode> CooperationModes { get; } =
    [
        new("transfer", "转让", "Transfer"),
        new("license", "许可", "Licence"),
        new("equity", "作价入股", "Equity contribution"),
        new("joint_development", "合作开发", "Joint development"),
    ];

    /// <summary>The kinds of technology contract registered (技术合同认定登记: 技术开发、转让、许可、咨询、服务).</summary>
    public static IReadOnlyList<MarketCode> ContractTypes { get; } =
    [
        new("development", "技术开发", "Technology development"),
        new("transfer", "技术转让", "Technology transfer"),
        new("license", "技术许可", "Technology licence"),
        new("consulting", "技术咨询", "Technology consulting"),
        new("service", "技术服务", "Technology service"),
    ];

    /// <summary>The kinds of institution that own achievements or broker deals.</summary>
    public static IReadOnlyList<MarketCode> InstitutionKinds { get; } =
    [
        new("university", "高等院校", "University"),
        new("institute", "科研院所", "Research institute"),
        new("enterprise", "企业", "Enterprise"),
        new("transfer_service", "技术转移服务机构", "Technology-transfer service"),
    ];

    /// <summary>The code's entry in <paramref name="list"/>, or null.</summary>
    public static MarketCode? Find(IReadOnlyList<MarketCode> list, string? code) => list.FirstOrDefault(c => c.Code == code);
}
