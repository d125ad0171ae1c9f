namespace Gaoxin.Core.Enterprises;

/// <summary>A stage of the 高企培育后备库 pipeline; wire names <c>candidate|in_pool|trained|applied|recognised|dropped</c>.</summary>
public enum ReserveStage
{
    /// <summary>候选: proposed, not yet admitted.</summary>
    Candidate,
    /// <summary>入库: admitted to the reserve pool.</summary>
    InPool,
    /// <summary>已培训: took part in the cultivation programme.</summary>
    Trained,
    /// <summary>已申报: applied for high-tech enterprise recognition.</summary>
    Applied,
    /// <summary>已认定: recognised as a high-tech enterprise (terminal).</summary>
    Recognised,
    /// <summary>出库: left the pipeline (terminal).</summary>
    Dropped,
}

/// <summary>What an entry route of the reserve pool tests; wire names are the file's <c>test</c>.</summary>
public enum ReserveEntryTest
{
    /// <summary>The high-tech self-assessment says <c>depends</c> (<c>hte_depends</c>).</summary>
    HteDepends,
    /// <summary>
    /// A near miss (<c>hte_near_miss</c>): the self-assessment says <c>no</c>, yet the best score reaches a lower mark, the
    /// required conditions hold and at most a few of the counted conditions fail.
    /// </summary>
    HteNearMiss,
    /// <summary>A qualified 科技型中小企业 (<c>tech_sme_qualified</c>).</summary>
    TechSmeQualified,
}

/// <summary>One way into the reserve pool.</summary>
/// <param name="Id">Stable id, e.g. <c>hte_near_miss</c>.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Test">What the route tests.</param>
/// <param name="MinMaxScore">Near miss: lowest acceptable best-case innovation score.</param>
/// <param name="MaxFailed">Near miss: most counted conditions that may fail.</param>
/// <param name="Counted">Near miss: the conditions counted against <paramref name="MaxFailed"/> (codes of <see cref="HteAssessment.ConditionCodes"/>).</param>
/// <param name="Required">Near miss: conditions that must hold.</param>
/// <param name="Source">Clause or the reason for the default.</param>
public sealed record ReserveEntryRoute(string Id, string Name, string NameEn, ReserveEntryTest Test, int MinMaxScore, int MaxFailed,
    IReadOnlyList<string> Counted, IReadOnlyList<string> Required, string Source);

/// <summary>A stage's names for display.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="NameEn">English name.</param>
public sealed record ReserveStageInfo(ReserveStage Stage, string Name, string NameEn);

/// <summary>An allowed move of the pipeline.</summary>
/// <param name="From">Stage before.</param>
/// <param name="To">Stage after.</param>
public sealed record ReserveTransition(ReserveStage From, ReserveStage To);

/// <summary>The reserve-pool entry rule and pipeline as read from a file such as <c>rules/reserve-pool-default.yaml</c>.</summary>
/// <param name="Header">Identity, validity and source.</param>
/// <param name="Entry">Entry routes; any one admits.</param>
/// <param name="Stages">Every stage with its names, in pipeline order.</param>
/// <param name="Transitions">Allowed moves.</param>
public sealed record ReservePoolRuleSet(RuleSetHeader Header, IReadOnlyList<ReserveEntryRoute> Entry, IReadOnlyList<ReserveStageInfo> Stages,
    IReadOnlyList<ReserveTransition> Transitions) : EnterpriseRuleSet(Header);

/// <summary>Whether an enterprise may enter the pool, and by which routes.</summary>
/// <param name="Admitted">At least one route holds.</param>
/// <param name="Routes">Ids of the routes that hold, in rule-set order.</param>
public sealed record ReserveEntryDecision(bool Admitted, IReadOnlyList<string> Routes);

/// <summary>
/// What a high-tech self-assessment on its own means for the reserve pool: the pool's own decision on it
/// (<see cref="ReservePool.Admit"/>), and the routes that need another evaluation. A self-assessment hints at the pool only
/// through this, so that the hint and the pool cannot disagree.
/// </summary>
/// <param name="RuleSetId">The reserve-pool rule set.</param>
/// <param name="Admitted">The self-assessment admits the enterprise by itself.</param>
/// <param name="Routes">Ids of the routes that hold.</param>
/// <param name="OtherRoutes">Routes that the self-assessment cannot decide (e.g. a qualified 科技型中小企业).</param>
public sealed record ReservePoolOutlook(string RuleSetId, bool Admitted, IReadOnlyList<string> Routes, IReadOnlyList<ReserveEntryRoute> OtherRoutes);

/// <summary>The outcome of asking to move an enterprise along the pipeline.</summary>
/// <param name="Allowed">Whether the move is allowed.</param>
/// <param name="Stage">The stage after the attempt (unchanged when refused).</param>
/// <param name="Error">Null, or <c>transition_not_allowed</c> / <c>terminal_stage</c>.</param>
public sealed record ReserveMove(bool Allowed, ReserveStage Stage, string? Error);

/// <summary>The reserve pool (高新技术企业培育后备库): entry from the self-assessments, and the pipeline as a pure state machine.</summary>
public static class ReservePool
{
    /// <summary>Decides entry from a high-tech self-assessment and/or a 科技型中小企业 evaluation (either may be null).</summary>
    public static ReserveEntryDecision Admit(ReservePoolRuleSet rules, HteAssessmentResult? hte, TechSmeResult? techSme)
    {
        var routes = new List<string>();
        foreach (var route in rules.Entry)
        {
            var holds = route.Test switch
            {
                ReserveEntryTest.HteDepends => hte?.Eligible == Eligibility.Depends,
                ReserveEntryTest.HteNearMiss => hte is not null && IsNearMiss(route, hte),
                _ => techSme?.Eligible == Eligibility.Yes,
            };
            if (holds) routes.Add(route.Id);
        }
        return new ReserveEntryDecision(routes.Count > 0, routes);
    }

    /// <summary>The pool's answer to a high-tech self-assessment alone: <see cref="Admit"/> without a 科技型中小企业 evaluation.</summary>
    public static ReservePoolOutlook Outlook(ReservePoolRuleSet rules, HteAssessmentResult hte)
    {
        var decision = Admit(rules, hte, null);
        var other = rules.Entry.Where(r => r.Test == ReserveEntryTest.TechSmeQualified).ToList();
        return new ReservePoolOutlook(rules.Header.Id, decision.Admitted, decision.Routes, other);
    }

    private static bool IsNearMiss(ReserveEntryRoute route, HteAssessmentResult hte)
    {
        if (hte.Eligible != Eligibility.No || hte.Score.Max < route.MinMaxScore) return false;
        if (route.Required.Any(code => hte.Condition(code).Passed != true)) return false;
        return route.Counted.Count(code => hte.Condition(code).Passed == false) <= route.MaxFailed;
    }

    /// <summary>The stages reachable in one move from <paramref name="from"/>.</summary>
    public static IReadOnlyList<ReserveStage> Next(ReservePoolRuleSet rules, ReserveStage from) =>
        rules.Transitions.Where(t => t.From == from).Select(t => t.To).ToList();

    /// <summary>Whether no move leaves <paramref name="stage"/>.</summary>
    public static bool IsTerminal(ReservePoolRuleSet rules, ReserveStage stage) => rules.Transitions.All(t => t.From != stage);

    /// <summary>Tries to move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static ReserveMove Move(ReservePoolRuleSet rules, ReserveStage from, ReserveStage to)
    {
        if (rules.Transitions.Any(t => t.From == from && t.To == to)) return new ReserveMove(true, to, null);
        return new ReserveMove(false, from, IsTerminal(rules, from) ? "terminal_stage" : "transition_not_allowed");
    }
}
