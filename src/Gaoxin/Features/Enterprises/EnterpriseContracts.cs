using Gaoxin.Core.Enterprises;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Enterprises;

// The wire contracts of the self-assessments, shared by `gaoxin hte assess`, `gaoxin tech-sme assess` and the API.
// Requests are read field by field by EnterpriseInputReader (so that every error names its field); the request records
// below describe the same JSON for OpenAPI.

/// <summary>
/// One valid IP item (optional detail): <c>class</c> is <c>I</c> or <c>II</c>; <c>usedBefore</c> — already used in an earlier
/// recognition application (a Ⅱ类 item then no longer counts); <c>jointlyOwned</c> with <c>designatedOwner</c> — whether this
/// enterprise is the one co-owner designated to use it (otherwise it does not count). Flags left out are false.
/// </summary>
public sealed record HteIpItemRequest(string? Name, string Class, bool? SelfDeveloped, bool? UsedBefore, bool? JointlyOwned, bool? DesignatedOwner);

/// <summary>Valid IP owned: the counts, or the items one by one (the counts may then be left out, and must agree when given).</summary>
public sealed record HteIpRequest(int? Class1, int? Class2, int? SelfDeveloped, IReadOnlyList<HteIpItemRequest>? Items);

/// <summary>Self-stated points of 研究开发组织管理水平 (system ≤ 6, institution ≤ 6, conversionIncentives ≤ 4, talent ≤ 4).</summary>
public sealed record HteRdManagementRequest(int System, int Institution, int ConversionIncentives, int Talent);

/// <summary>Inputs of the innovation-capability score; <c>ipAcquisition</c> may be omitted (derived from <c>ip.selfDeveloped</c>).</summary>
public sealed record HteInnovationRequest(string TechAdvancement, string CoreSupport, string? IpAcquisition, bool Standards, int Conversions,
    HteRdManagementRequest RdManagement);

/// <summary>
/// A high-tech enterprise self-assessment. Money in 万元; yearly lists oldest first, up to the last three years (fewer for a
/// younger enterprise); <c>domain</c> is a domain code or Chinese name, or null.
/// </summary>
public sealed record HteAssessRequest(DateOnly RegisteredOn, DateOnly AssessedOn, string? Domain, HteIpRequest Ip, int Employees, int StEmployees,
    IReadOnlyList<decimal> SalesRevenue, IReadOnlyList<decimal> RdExpense, decimal RdExpenseDomestic, decimal HighTechRevenue, decimal TotalRevenue,
    IReadOnlyList<decimal> NetAssets, HteInnovationRequest Innovation, bool MajorIncident);

/// <summary>
/// A 科技型中小企业 evaluation. Money in 万元 for the reporting year; <c>costExpense</c> (成本费用支出总额), <c>assessedOn</c>
/// (picks the rule set; default today) and <c>directQualifications</c> (direct-route ids) may be omitted.
/// </summary>
public sealed record TechSmeAssessRequest(DateOnly? AssessedOn, bool ResidentEnterprise, int Employees, int StEmployees, decimal SalesRevenue,
    decimal TotalAssets, decimal RdExpense, decimal? CostExpense, int Class1Ip, int Class2Ip, bool RestrictedIndustry, bool Violation,
    IReadOnlyList<string>? DirectQualifications);

/// <summary>An inclusive range of points.</summary>
public sealed record RangeResponse(int Min, int Max);

/// <summary>One checked condition: <c>passed</c> is null when it depends on the experts.</summary>
public sealed record ConditionResponse(string Code, bool? Passed, decimal? Actual, decimal? Required, string Operator, string? Detail, string Source);

/// <summary>What to improve, in both languages.</summary>
public sealed record HintResponse(string Code, string Zh, string En);

/// <summary>The four blocks of the innovation score.</summary>
public sealed record HteBlocksResponse(RangeResponse Ip, RangeResponse Conversion, RangeResponse RdManagement, RangeResponse Growth);

/// <summary>One scored item: its band (null for self-stated points), measured value, points range and maximum.</summary>
public sealed record HteItemResponse(string Code, string? Band, decimal? Value, RangeResponse Points, int Max);

/// <summary>An IP item given one by one: whether it counted, and the reasons (with their clauses) when it did not.</summary>
public sealed record HteIpItemResponse(int Index, string? Name, string Class, bool Counted, IReadOnlyList<string> Reasons, IReadOnlyList<string> Sources);

/// <summary>
/// The reserve pool's own answer on this self-assessment (its entry rule <c>ruleSet</c>): <c>admitted</c> by the
/// <c>routes</c> that hold; <c>otherRoutes</c> need another evaluation (e.g. <c>tech_sme</c>); <c>zh</c>/<c>en</c> word it.
/// </summary>
public sealed record ReservePoolOutlookResponse(string RuleSet, bool Admitted, IReadOnlyList<string> Routes, IReadOnlyList<string> OtherRoutes,
    string Zh, string En);

/// <summary>
/// The high-tech self-assessment's answer: <c>eligible</c> is <c>yes</c>, <c>no</c> or <c>depends</c>; <c>ipItems</c> explains
/// each IP item given one by one; <c>reservePool</c> (null when eligible) is the reserve pool's answer on the same figures.
/// </summary>
public sealed record HteAssessResponse(string Eligible, IReadOnlyList<ConditionResponse> Conditions, RangeResponse Score, HteBlocksResponse Blocks,
    IReadOnlyList<HteItemResponse> Items, IReadOnlyList<HintResponse> Hints, string RuleSet, IReadOnlyList<HteIpItemResponse> IpItems,
    ReservePoolOutlookResponse? ReservePool);

/// <summary>Points per indicator of the 科技型中小企业 score.</summary>
public sealed record TechSmeBlocksResponse(int StStaff, int Rd, int Ip);

/// <summary>
/// The 科技型中小企业 evaluation's answer: <c>eligible</c> is <c>yes</c> or <c>no</c>; <c>route</c> is a direct-route id,
/// <c>score</c>, or null.
/// </summary>
public sealed record TechSmeAssessResponse(string Eligible, string? Route, IReadOnlyList<string> DirectRoutesHeld, IReadOnlyList<ConditionResponse> Conditions,
    int Score, TechSmeBlocksResponse Blocks, decimal? StStaffRatio, decimal? RdRatio, string? RdBasis, IReadOnlyList<HintResponse> Hints, string RuleSet);

/// <summary>A rule set under <c>rules/</c>.</summary>
public sealed record RuleSetResponse(string Id, int Version, string Kind, string Name, string NameEn, DateOnly EffectiveFrom, DateOnly? EffectiveTo,
    string Source, bool IsDefault);

/// <summary>Maps Core results to the wire by hand.</summary>
public static class EnterpriseMapping
{
    public static RangeResponse ToResponse(this ScoreRange range) => new(range.Min, range.Max);

    public static ConditionResponse ToResponse(this ConditionResult c) =>
        new(c.Code, c.Passed, Json.Normalize(c.Actual), Json.Normalize(c.Required), c.Operator, c.Detail, c.Source);

    public static HintResponse ToResponse(this ImprovementHint h) => new(h.Code, h.Zh, h.En);

    /// <summary>The answer on the wire, with the reserve pool's answer on the same figures (when there is one).</summary>
    public static HteAssessResponse ToResponse(this HteAssessmentResult r, PoolHint? pool) => new(
        EnterpriseWire.Name(r.Eligible),
        [.. r.Conditions.Select(ToResponse)],
        r.Score.ToResponse(),
        new HteBlocksResponse(r.Blocks.Ip.ToResponse(), r.Blocks.Conversion.ToResponse(), r.Blocks.RdManagement.ToResponse(), r.Blocks.Growth.ToResponse()),
        [.. r.Items.Select(i => new HteItemResponse(i.Code, i.Band, Json.Normalize(i.Value), i.Points.ToResponse(), i.Max))],
        [.. r.Hints.Select(ToResponse)],
        r.RuleSetId,
        [.. r.IpItems.Select(i => new HteIpItemResponse(i.Index, i.Name, EnterpriseWire.Name(i.Class), i.Counted, i.Reasons, i.Sources))],
        pool is null ? null : new ReservePoolOutlookResponse(pool.Outlook.RuleSetId, pool.Outlook.Admitted, pool.Outlook.Routes,
            [.. pool.Outlook.OtherRoutes.Select(o => o.Id)], pool.Hint.Zh, pool.Hint.En));

    public static TechSmeAssessResponse ToResponse(this TechSmeResult r) => new(
        EnterpriseWire.Name(r.Eligible), r.Route, r.DirectRoutesHeld,
        [.. r.Conditions.Select(ToResponse)],
        r.Score, new TechSmeBlocksResponse(r.Blocks.StStaff, r.Blocks.Rd, r.Blocks.Ip),
        Json.Normalize(r.StStaffRatio), Json.Normalize(r.RdRatio), r.RdBasis,
        [.. r.Hints.Select(ToResponse)],
        r.RuleSetId);

    public static RuleSetResponse ToResponse(this EnterpriseRuleSet set)
    {
        var h = set.Header;
        var kind = EnterpriseWire.Kinds.First(k => k.Value == h.Kind).Key;
        return new RuleSetResponse(h.Id, h.Version, kind, h.Name, h.NameEn, h.EffectiveFrom, h.EffectiveTo, h.Source, h.IsDefault);
    }
}
