namespace Gaoxin.Core.Enterprises;

/// <summary>A direct-qualification route (直接确认) of 科技型中小企业: conditions 1–4 plus this, and the score is not needed.</summary>
/// <param name="Id">Stable id, e.g. <c>hte_certificate</c>.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Source">Clause.</param>
public sealed record TechSmeDirectRoute(string Id, string Name, string NameEn, string Source);

/// <summary>The conditions of 科技型中小企业评价办法 第六条 as data.</summary>
/// <param name="ResidentEnterprise">(一) resident enterprise registered in mainland China.</param>
/// <param name="Employees">(二) 职工总数 limit.</param>
/// <param name="SalesRevenue">(二) 年销售收入 limit (万元).</param>
/// <param name="TotalAssets">(二) 资产总额 limit (万元).</param>
/// <param name="NotRestricted">(三) products not in prohibited, restricted or eliminated catalogues.</param>
/// <param name="NoViolation">(四) no major accident, serious environmental violation, research misconduct, abnormal-operation or dishonesty listing.</param>
/// <param name="Score">(五) total score.</param>
/// <param name="StStaffScoreNonZero">(五) the 科技人员 indicator must not score 0.</param>
public sealed record TechSmeConditionRules(FlagRule ResidentEnterprise, ThresholdRule Employees, ThresholdRule SalesRevenue,
    ThresholdRule TotalAssets, FlagRule NotRestricted, FlagRule NoViolation, ThresholdRule Score, FlagRule StStaffScoreNonZero);

/// <summary>The 100-point score of 科技型中小企业评价 as data.</summary>
/// <param name="HintBelowShare">An indicator gets a hint when its points are below this share of its maximum.</param>
/// <param name="StStaff">科技人员 / 职工总数 (20).</param>
/// <param name="RdToSales">研发投入, option (1): R&amp;D / 销售收入 (50).</param>
/// <param name="RdToCost">研发投入, option (2): R&amp;D / 成本费用支出总额 (50).</param>
/// <param name="Ip">科技成果: valid IP, bands on measures <c>class1</c> and <c>class2</c> (30).</param>
public sealed record TechSmeScoreRules(decimal HintBelowShare, ScoredItem StStaff, ScoredItem RdToSales, ScoredItem RdToCost, ScoredItem Ip);

/// <summary>科技型中小企业评价 rules as read from a file such as <c>rules/tech-sme-2017.yaml</c>.</summary>
/// <param name="Header">Identity, validity and source.</param>
/// <param name="Conditions">The conditions.</param>
/// <param name="Score">The score.</param>
/// <param name="DirectRoutes">Direct-qualification routes, in order of preference.</param>
public sealed record TechSmeRuleSet(RuleSetHeader Header, TechSmeConditionRules Conditions, TechSmeScoreRules Score,
    IReadOnlyList<TechSmeDirectRoute> DirectRoutes) : EnterpriseRuleSet(Header);

/// <summary>An enterprise's figures for the 科技型中小企业 evaluation (reporting year). Money in 万元.</summary>
/// <param name="ResidentEnterprise">A resident enterprise registered in mainland China.</param>
/// <param name="Employees">职工总数.</param>
/// <param name="StEmployees">科技人员 (incl. part-time and temporary staff working ≥ 6 months in the year).</param>
/// <param name="SalesRevenue">年销售收入.</param>
/// <param name="TotalAssets">资产总额.</param>
/// <param name="RdExpense">研发费用.</param>
/// <param name="CostExpense">成本费用支出总额, or null when not given (then only option (1) is scored).</param>
/// <param name="Class1Ip">Valid Ⅰ类 IP related to the main products.</param>
/// <param name="Class2Ip">Valid Ⅱ类 IP related to the main products.</param>
/// <param name="RestrictedIndustry">Products or services in a prohibited, restricted or eliminated catalogue.</param>
/// <param name="Violation">A major accident, serious violation or misconduct, or a listing as abnormal or dishonest.</param>
/// <param name="DirectQualifications">Ids of the direct-qualification routes the enterprise holds (e.g. <c>hte_certificate</c>).</param>
public sealed record TechSmeInput(bool ResidentEnterprise, int Employees, int StEmployees, decimal SalesRevenue, decimal TotalAssets,
    decimal RdExpense, decimal? CostExpense, int Class1Ip, int Class2Ip, bool RestrictedIndustry, bool Violation,
    IReadOnlyCollection<string> DirectQualifications);

/// <summary>Points per indicator.</summary>
/// <param name="StStaff">科技人员 (≤ 20).</param>
/// <param name="Rd">研发投入 (≤ 50), the better of the two options.</param>
/// <param name="Ip">科技成果 (≤ 30).</param>
public sealed record TechSmeBlocks(int StStaff, int Rd, int Ip);

/// <summary>The evaluation's answer.</summary>
/// <param name="RuleSetId">The rule set used.</param>
/// <param name="Eligible">yes or no (never depends: every band gives fixed points).</param>
/// <param name="Conditions">Every condition.</param>
/// <param name="Score">Total points.</param>
/// <param name="Blocks">Points per indicator.</param>
/// <param name="StStaffRatio">科技人员 / 职工总数, or null when there are no employees.</param>
/// <param name="RdRatio">The R&amp;D ratio that was scored, or null.</param>
/// <param name="RdBasis"><c>sales</c> or <c>cost</c>: which 研发投入 option gave the points (the better one), or null when neither can be computed.</param>
/// <param name="Route">How the enterprise qualifies: a direct route id, <c>score</c>, or null when it does not.</param>
/// <param name="DirectRoutesHeld">Every direct route the enterprise holds that the rule set knows.</param>
/// <param name="Hints">What to improve.</param>
public sealed record TechSmeResult(string RuleSetId, Eligibility Eligible, IReadOnlyList<ConditionResult> Conditions, int Score,
    TechSmeBlocks Blocks, decimal? StStaffRatio, decimal? RdRatio, string? RdBasis, string? Route, IReadOnlyList<string> DirectRoutesHeld,
    IReadOnlyList<ImprovementHint> Hints)
{
    /// <summary>The condition with <paramref name="code"/>.</summary>
    public ConditionResult Condition(string code) => Conditions.First(c => c.Code == code);
}

/// <summary>
/// 科技型中小企业评价 (2017): conditions 1–4 of 第六条, then either a direct-qualification route or a score of at least 60
/// with a non-zero 科技人员 indicator.
/// </summary>
public static class TechSmeEvaluation
{
    /// <summary>Route id reported when the enterprise qualifies by its score.</summary>
    public const string ScoreRoute = "score";

    /// <summary>Evaluates an enterprise.</summary>
    public static TechSmeResult Evaluate(TechSmeRuleSet rules, TechSmeInput input)
    {
        var c = rules.Conditions;
        var s = rules.Score;

        // 评价指标 一: 科技人员 / 职工总数.
        decimal? stRatio = input.Employees > 0 ? (decimal)input.StEmployees / input.Employees : null;
        var stPoints = stRatio is { } sr ? s.StStaff.BandOf(sr).Points.Min : 0;

        // 评价指标 二: the enterprise may choose either option; the better one is taken.
        decimal? toSales = input.SalesRevenue > 0 ? input.RdExpense / input.SalesRevenue : null;
        decimal? toCost = input.CostExpense is > 0 ? input.RdExpense / input.CostExpense.Value : null;
        var salesPoints = toSales is { } a ? s.RdToSales.BandOf(a).Points.Min : -1;
        var costPoints = toCost is { } b ? s.RdToCost.BandOf(b).Points.Min : -1;
        string? basis = salesPoints < 0 && costPoints < 0 ? null : salesPoints >= costPoints ? "sales" : "cost";
        var rdPoints = Math.Max(0, Math.Max(salesPoints, costPoints));
        var rdRatio = basis switch { "sales" => toSales, "cost" => toCost, _ => null };

        // 评价指标 三: 科技成果.
        var ipPoints = s.Ip.BandOf(0, m => m == "class1" ? input.Class1Ip : input.Class2Ip).Points.Min;
        var total = stPoints + rdPoints + ipPoints;

        ConditionResult Threshold(string code, ThresholdRule rule, decimal actual) =>
            new(code, rule.Bound.Holds(actual), actual, rule.Bound.Value, rule.Bound.Sign, null, rule.Source);
        ConditionResult Flag(string code, FlagRule rule, bool passed) =>
            new(code, passed, passed ? 1 : 0, 1, "=", null, rule.Source);
        var conditions = new List<ConditionResult>
        {
            Flag("resident_enterprise", c.ResidentEnterprise, input.ResidentEnterprise),
            Threshold("employees", c.Employees, input.Employees),
            Threshold("sales_revenue", c.SalesRevenue, input.SalesRevenue),
            Threshold("total_assets", c.TotalAssets, input.TotalAssets),
            Flag("not_restricted", c.NotRestricted, !input.RestrictedIndustry),
            Flag("no_violation", c.NoViolation, !input.Violation),
            Threshold("score", c.Score, total),
            new("st_staff_score_nonzero", stPoints != 0, stPoints, 0, "≠", null, c.StStaffScoreNonZero.Source),
        };
        var basic = conditions.Take(6).All(x => x.Passed == true);
        var held = rules.DirectRoutes.Where(r => input.DirectQualifications.Contains(r.Id)).Select(r => r.Id).ToList();
        string? route = !basic ? null
            : held.Count > 0 ? held[0]
            : conditions[6].Passed == true && conditions[7].Passed == true ? ScoreRoute
            : null;

        var hints = new List<ImprovementHint>();
        var conditionHints = new Dictionary<string, Hint?>
        {
            ["resident_enterprise"] = c.ResidentEnterprise.Hint, ["employees"] = c.Employees.Hint, ["sales_revenue"] = c.SalesRevenue.Hint,
            ["total_assets"] = c.TotalAssets.Hint, ["not_restricted"] = c.NotRestricted.Hint, ["no_violation"] = c.NoViolation.Hint,
            ["score"] = c.Score.Hint, ["st_staff_score_nonzero"] = c.StStaffScoreNonZero.Hint,
        };
        // Once a direct route holds, the score conditions no longer matter and get no hint.
        foreach (var condition in conditions.Where(x => x.Passed != true && !(held.Count > 0 && x.Code is "score" or "st_staff_score_nonzero")))
        {
            if (conditionHints[condition.Code] is { } hint) hints.Add(new ImprovementHint(condition.Code, hint.Zh, hint.En));
        }
        if (held.Count == 0)
        {
            var rdItem = basis == "cost" ? s.RdToCost : s.RdToSales;
            foreach (var (item, points) in new[] { (s.StStaff, stPoints), (rdItem, rdPoints), (s.Ip, ipPoints) })
            {
                if (points < s.HintBelowShare * item.Max && item.Hint is { } hint) hints.Add(new ImprovementHint(item.Code, hint.Zh, hint.En));
            }
        }

        return new TechSmeResult(rules.Header.Id, route is null ? Eligibility.No : Eligibility.Yes, conditions, total,
            new TechSmeBlocks(stPoints, rdPoints, ipPoints), stRatio, rdRatio, basis, route, held, hints);
    }
}
