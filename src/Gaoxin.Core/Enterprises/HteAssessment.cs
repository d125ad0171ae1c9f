namespace Gaoxin.Core.Enterprises;

/// <summary>A national key supported high-tech domain (国家重点支持的高新技术领域).</summary>
/// <param name="Code">Stable code, e.g. <c>electronic_information</c>.</param>
/// <param name="Name">Chinese name, e.g. 电子信息.</param>
/// <param name="NameEn">English name.</param>
public sealed record HteDomain(string Code, string Name, string NameEn);

/// <summary>One tier of the R&amp;D-ratio condition: the minimum ratio for enterprises whose last-year sales revenue falls in the tier.</summary>
/// <param name="RevenueAtMost">Upper end (含) of last-year sales revenue in 万元, or null for the open top tier.</param>
/// <param name="Bound">The ratio the tier requires.</param>
/// <param name="Source">Clause of the tier.</param>
public sealed record HteRdTier(decimal? RevenueAtMost, Bound Bound, string Source);

/// <summary>The R&amp;D-ratio condition: tiers by last-year sales revenue, in rising order of revenue.</summary>
/// <param name="Tiers">Tiers; the last has no upper end.</param>
/// <param name="Source">Clause of the condition.</param>
/// <param name="Hint">What to improve when it fails.</param>
public sealed record HteRdRatioRule(IReadOnlyList<HteRdTier> Tiers, string Source, Hint? Hint)
{
    /// <summary>The tier that applies to a last-year sales revenue.</summary>
    public HteRdTier TierFor(decimal lastYearRevenue) =>
        Tiers.FirstOrDefault(t => t.RevenueAtMost is null || lastYearRevenue <= t.RevenueAtMost) ?? Tiers[^1];
}

/// <summary>
/// Which IP items may be counted for an application (工作指引, domain.md §4.1): a Ⅱ类 item supports one application only, and
/// a jointly owned item only the one owner designated to use it.
/// </summary>
/// <param name="Class2OnceOnly">A Ⅱ类 item already used in an earlier recognition application is not counted again.</param>
/// <param name="JointOneOwner">A jointly owned item is counted only for the owner designated to use it.</param>
public sealed record HteIpUsageRules(FlagRule Class2OnceOnly, FlagRule JointOneOwner);

/// <summary>The eight conditions of 认定办法 第十一条, as data.</summary>
/// <param name="RegisteredOneYear">Days between registration and assessment (≥ 365).</param>
/// <param name="OwnsIp">Valid IP items owned (≥ 1).</param>
/// <param name="KeyDomain">Core technology in a key supported domain.</param>
/// <param name="StStaffRatio">科技人员 / 职工总数.</param>
/// <param name="RdRatio">R&amp;D expense / sales revenue over the last three years, tiered.</param>
/// <param name="RdDomesticShare">R&amp;D spent in China / all R&amp;D.</param>
/// <param name="HighTechRevenueShare">高新技术产品(服务)收入 / 总收入, last year.</param>
/// <param name="InnovationScore">Innovation-capability score.</param>
/// <param name="NoMajorIncident">No major safety or quality accident or serious environmental violation.</param>
/// <param name="IpUsage">Which IP items count towards <paramref name="OwnsIp"/> and the IP score.</param>
public sealed record HteConditionRules(ThresholdRule RegisteredOneYear, ThresholdRule OwnsIp, FlagRule KeyDomain,
    ThresholdRule StStaffRatio, HteRdRatioRule RdRatio, ThresholdRule RdDomesticShare, ThresholdRule HighTechRevenueShare,
    ThresholdRule InnovationScore, FlagRule NoMajorIncident, HteIpUsageRules IpUsage);

/// <summary>An item of 研究开发组织管理水平 whose points the enterprise states itself (0 to <paramref name="Max"/>).</summary>
/// <param name="Code">Stable code, e.g. <c>rd_system</c>.</param>
/// <param name="Max">Most points.</param>
/// <param name="Source">Clause.</param>
/// <param name="Hint">What to improve when weak.</param>
public sealed record HteRdManagementItem(string Code, int Max, string Source, Hint? Hint);

/// <summary>The innovation-capability score (企业创新能力评价) as data.</summary>
/// <param name="HintBelowShare">An item gets a hint when its best points are below this share of its maximum.</param>
/// <param name="IpMax">Cap of the 知识产权 block (the standards bonus cannot push it above).</param>
/// <param name="IpSource">Clause of the 知识产权 block.</param>
/// <param name="TechAdvancement">技术的先进程度, bands A–E.</param>
/// <param name="CoreSupport">核心支持作用, bands A–E.</param>
/// <param name="IpCount">知识产权数量, bands on measures <c>class1</c> and <c>class2</c>.</param>
/// <param name="IpAcquisition">知识产权获得方式, bands A (自主研发) and B (仅受让等).</param>
/// <param name="Standards">参与标准制定 (bonus), bands A (yes) and B (no).</param>
/// <param name="Conversion">科技成果转化能力, bands on the yearly average number of conversions.</param>
/// <param name="RdManagementMax">Cap of the 研究开发组织管理水平 block.</param>
/// <param name="RdManagementSource">Clause of the block.</param>
/// <param name="RdManagement">Its four items: <c>rd_system</c>, <c>rd_institution</c>, <c>conversion_incentives</c>, <c>talent</c>.</param>
/// <param name="GrowthSource">Clause of the 企业成长性 block.</param>
/// <param name="NetAssetGrowth">净资产增长率, bands on the growth rate.</param>
/// <param name="SalesGrowth">销售收入增长率, bands on the growth rate.</param>
public sealed record HteScoreRules(decimal HintBelowShare, int IpMax, string IpSource, ScoredItem TechAdvancement, ScoredItem CoreSupport,
    ScoredItem IpCount, ScoredItem IpAcquisition, ScoredItem Standards, ScoredItem Conversion, int RdManagementMax, string RdManagementSource,
    IReadOnlyList<HteRdManagementItem> RdManagement, string GrowthSource, ScoredItem NetAssetGrowth, ScoredItem SalesGrowth);

/// <summary>The high-tech enterprise recognition rules (高新技术企业认定) as read from a file such as <c>rules/hte-2016.yaml</c>.</summary>
/// <param name="Header">Identity, validity and source.</param>
/// <param name="Domains">The key supported domains.</param>
/// <param name="Conditions">The conditions.</param>
/// <param name="Score">The innovation-capability score.</param>
public sealed record HteRuleSet(RuleSetHeader Header, IReadOnlyList<HteDomain> Domains, HteConditionRules Conditions, HteScoreRules Score)
    : EnterpriseRuleSet(Header);

/// <summary>The evaluation class of an IP item (工作指引); wire names <c>I</c> and <c>II</c>.</summary>
public enum HteIpClass
{
    /// <summary>Ⅰ类: invention patents (incl. defence patents), plant varieties, national new drugs, IC layout designs etc.</summary>
    I,
    /// <summary>Ⅱ类: utility models, designs, software copyright etc. (not trademarks).</summary>
    II,
}

/// <summary>One valid IP item, described so that the rules can tell whether it may be counted for this application.</summary>
/// <param name="Name">The enterprise's name or number for the item (only repeated in the answer), or null.</param>
/// <param name="Class">Ⅰ类 or Ⅱ类.</param>
/// <param name="SelfDeveloped">Developed by the enterprise itself (not acquired, donated or merged).</param>
/// <param name="UsedBefore">Already used in an earlier high-tech recognition application.</param>
/// <param name="JointlyOwned">Owned together with other owners.</param>
/// <param name="DesignatedOwner">For a jointly owned item: this enterprise is the one owner designated to use it.</param>
public sealed record HteIpItem(string? Name, HteIpClass Class, bool SelfDeveloped, bool UsedBefore, bool JointlyOwned, bool DesignatedOwner);

/// <summary>
/// Valid IP owned: Ⅰ类 (invention patents etc.), Ⅱ类 (utility models, designs, software copyright etc.), and how many are
/// self-developed; optionally item by item, in which case only the items the rules let count are counted.
/// </summary>
/// <param name="Class1">Ⅰ类 items.</param>
/// <param name="Class2">Ⅱ类 items.</param>
/// <param name="SelfDeveloped">Items (of either class) developed by the enterprise itself.</param>
/// <param name="Items">Every item, or null when only the counts are known; the counts must then agree with the items.</param>
public sealed record HteIp(int Class1, int Class2, int SelfDeveloped, IReadOnlyList<HteIpItem>? Items = null)
{
    /// <summary>The counts of a list of items.</summary>
    public static HteIp Of(IReadOnlyList<HteIpItem> items) => new(items.Count(i => i.Class == HteIpClass.I), items.Count(i => i.Class == HteIpClass.II),
        items.Count(i => i.SelfDeveloped), items);
}

/// <summary>Whether one IP item was counted, and if not, why.</summary>
/// <param name="Index">Position in the input list (from 0).</param>
/// <param name="Name">The item's name as given, or null.</param>
/// <param name="Class">Ⅰ类 or Ⅱ类.</param>
/// <param name="Counted">Counted towards <c>owns_ip</c> and the IP score.</param>
/// <param name="Reasons">Why it was not counted: <c>class2_used_before</c>, <c>joint_not_designated</c>; empty when counted.</param>
/// <param name="Sources">The clause behind each reason, in the same order.</param>
public sealed record HteIpItemResult(int Index, string? Name, HteIpClass Class, bool Counted, IReadOnlyList<string> Reasons, IReadOnlyList<string> Sources);

/// <summary>Points the enterprise gives itself for 研究开发组织管理水平 (each capped at its maximum).</summary>
/// <param name="System">研发组织管理制度, 核算体系, 辅助账 (≤ 6).</param>
/// <param name="Institution">内部研发机构, 产学研合作 (≤ 6).</param>
/// <param name="ConversionIncentives">成果转化激励, 创新创业平台 (≤ 4).</param>
/// <param name="Talent">人才培养、引进、绩效评价奖励 (≤ 4).</param>
public sealed record HteRdManagement(int System, int Institution, int ConversionIncentives, int Talent);

/// <summary>The expert-judged inputs of the innovation-capability score.</summary>
/// <param name="TechAdvancement">技术的先进程度, a band letter A–E.</param>
/// <param name="CoreSupport">对主要产品(服务)的核心支持作用, A–E.</param>
/// <param name="IpAcquisition">知识产权获得方式: A (has self-developed IP) or B (only acquired); null derives it from <see cref="HteIp.SelfDeveloped"/>.</param>
/// <param name="Standards">Took part in drafting a national or industry standard, test method or technical specification.</param>
/// <param name="Conversions">Scientific results converted over the last three years (or the years of operation if fewer).</param>
/// <param name="RdManagement">Self-stated R&amp;D management points.</param>
public sealed record HteInnovation(string TechAdvancement, string CoreSupport, string? IpAcquisition, bool Standards, int Conversions,
    HteRdManagement RdManagement);

/// <summary>An enterprise's figures for a high-tech enterprise self-assessment. Money in 万元.</summary>
/// <param name="RegisteredOn">Date of registration (注册成立).</param>
/// <param name="AssessedOn">Date of the assessment (the application date).</param>
/// <param name="Domain">Code or Chinese name of the key domain of the core technology, or null.</param>
/// <param name="Ip">Valid IP owned.</param>
/// <param name="Employees">职工总数 of the year.</param>
/// <param name="StEmployees">科技人员 (≥ 183 days of work in the year).</param>
/// <param name="SalesRevenue">Sales revenue of up to the last three fiscal years, oldest first (fewer for a younger enterprise).</param>
/// <param name="RdExpense">R&amp;D expense of the same years.</param>
/// <param name="RdExpenseDomestic">R&amp;D expense incurred in China, of the sum of <paramref name="RdExpense"/>.</param>
/// <param name="HighTechRevenue">高新技术产品(服务)收入 of the last year.</param>
/// <param name="TotalRevenue">总收入 of the last year.</param>
/// <param name="NetAssets">Net assets at the year-ends, oldest first.</param>
/// <param name="Innovation">Inputs of the innovation score.</param>
/// <param name="MajorIncident">A major safety or quality accident or serious environmental violation in the year before applying.</param>
public sealed record HteInput(DateOnly RegisteredOn, DateOnly AssessedOn, string? Domain, HteIp Ip, int Employees, int StEmployees,
    IReadOnlyList<decimal> SalesRevenue, IReadOnlyList<decimal> RdExpense, decimal RdExpenseDomestic, decimal HighTechRevenue,
    decimal TotalRevenue, IReadOnlyList<decimal> NetAssets, HteInnovation Innovation, bool MajorIncident);

/// <summary>The four blocks of the innovation score, each a range.</summary>
/// <param name="Ip">知识产权 (≤ 30).</param>
/// <param name="Conversion">科技成果转化能力 (≤ 30).</param>
/// <param name="RdManagement">研究开发组织管理水平 (≤ 20).</param>
/// <param name="Growth">企业成长性 (≤ 20).</param>
public sealed record HteBlocks(ScoreRange Ip, ScoreRange Conversion, ScoreRange RdManagement, ScoreRange Growth);

/// <summary>How one scored item came out.</summary>
/// <param name="Code">Item code, e.g. <c>sales_growth</c>.</param>
/// <param name="Band">The band letter, or null when the item has no bands (self-stated points) or does not apply.</param>
/// <param name="Value">The measured value (average conversions, growth rate), or null.</param>
/// <param name="Points">Points range.</param>
/// <param name="Max">Most points the item can give.</param>
public sealed record HteItemScore(string Code, string? Band, decimal? Value, ScoreRange Points, int Max);

/// <summary>The self-assessment's answer.</summary>
/// <param name="RuleSetId">The rule set used.</param>
/// <param name="Eligible">yes / no / depends.</param>
/// <param name="Conditions">Every condition, in the order of 第十一条.</param>
/// <param name="Score">Total innovation score range.</param>
/// <param name="Blocks">Range per block.</param>
/// <param name="Items">Every scored item.</param>
/// <param name="Hints">What to improve, for failed conditions and weak items.</param>
/// <param name="IpItems">Per IP item given, whether it was counted and why not; empty when only counts were given.</param>
public sealed record HteAssessmentResult(string RuleSetId, Eligibility Eligible, IReadOnlyList<ConditionResult> Conditions, ScoreRange Score,
    HteBlocks Blocks, IReadOnlyList<HteItemScore> Items, IReadOnlyList<ImprovementHint> Hints, IReadOnlyList<HteIpItemResult> IpItems)
{
    /// <summary>The condition with <paramref name="code"/>.</summary>
    public ConditionResult Condition(string code) => Conditions.First(c => c.Code == code);

    /// <summary>The scored item with <paramref name="code"/>.</summary>
    public HteItemScore Item(string code) => Items.First(i => i.Code == code);
}

/// <summary>A problem with an input, found before assessing.</summary>
/// <param name="Field">camelCase path of the field, e.g. <c>innovation.techAdvancement</c>.</param>
/// <param name="Code">Stable code: <c>unknown_value</c>, <c>out_of_range</c>, <c>length_mismatch</c>, <c>count_mismatch</c>.</param>
/// <param name="Message">Plain-English explanation.</param>
public sealed record EnterpriseInputError(string Field, string Code, string Message);

/// <summary>
/// High-tech enterprise self-assessment (高新技术企业认定 自评) under a <see cref="HteRuleSet"/>: the conditions of 认定办法
/// 第十一条 and the innovation-capability score of 工作指引 as [min, max] ranges, since the final points inside a band are an
/// expert judgement.
/// </summary>
public static class HteAssessment
{
    /// <summary>Condition codes in the order they are reported.</summary>
    public static readonly IReadOnlyList<string> ConditionCodes =
    [
        "registered_one_year", "owns_ip", "key_domain", "st_staff_ratio", "rd_ratio", "rd_domestic_share",
        "high_tech_revenue_share", "innovation_score", "no_major_incident",
    ];

    /// <summary>Checks what <see cref="Assess"/> assumes: known band letters, non-negative counts, matching year lists.</summary>
    public static IReadOnlyList<EnterpriseInputError> Validate(HteRuleSet rules, HteInput input)
    {
        var errors = new List<EnterpriseInputError>();
        void Letter(ScoredItem item, string? value, string field)
        {
            if (value is not null && item.Band(value) is null)
                errors.Add(new(field, "unknown_value", $"'{field}' must be one of {string.Join(", ", item.Bands.Select(b => b.Code))}, found '{value}'"));
        }
        Letter(rules.Score.TechAdvancement, input.Innovation.TechAdvancement, "innovation.techAdvancement");
        Letter(rules.Score.CoreSupport, input.Innovation.CoreSupport, "innovation.coreSupport");
        Letter(rules.Score.IpAcquisition, input.Innovation.IpAcquisition, "innovation.ipAcquisition");
        void NotNegative(decimal value, string field)
        {
            if (value < 0) errors.Add(new(field, "out_of_range", $"'{field}' must not be negative"));
        }
        NotNegative(input.Ip.Class1, "ip.class1");
        NotNegative(input.Ip.Class2, "ip.class2");
        NotNegative(input.Ip.SelfDeveloped, "ip.selfDeveloped");
        if (input.Ip.Items is { } ipItems)
        {
            var of = HteIp.Of(ipItems);
            foreach (var (given, counted, field) in new[] { (input.Ip.Class1, of.Class1, "ip.class1"), (input.Ip.Class2, of.Class2, "ip.class2"), (input.Ip.SelfDeveloped, of.SelfDeveloped, "ip.selfDeveloped") })
            {
                if (given != counted)
                    errors.Add(new(field, "count_mismatch", $"'{field}' is {given} but 'ip.items' lists {counted}; give the items alone or counts that agree with them"));
            }
        }
        NotNegative(input.Employees, "employees");
        NotNegative(input.StEmployees, "stEmployees");
        NotNegative(input.Innovation.Conversions, "innovation.conversions");
        if (input.StEmployees > input.Employees)
            errors.Add(new("stEmployees", "out_of_range", "'stEmployees' cannot exceed 'employees'"));
        if (input.SalesRevenue.Count > 3) errors.Add(new("salesRevenue", "out_of_range", "'salesRevenue' holds at most the last three years"));
        if (input.NetAssets.Count > 3) errors.Add(new("netAssets", "out_of_range", "'netAssets' holds at most the last three year-ends"));
        if (input.RdExpense.Count != input.SalesRevenue.Count)
            errors.Add(new("rdExpense", "length_mismatch", "'rdExpense' must cover the same years as 'salesRevenue'"));
        var m = input.Innovation.RdManagement;
        foreach (var (value, item, field) in new[]
                 {
                     (m.System, rules.Score.RdManagement[0], "system"), (m.Institution, rules.Score.RdManagement[1], "institution"),
                     (m.ConversionIncentives, rules.Score.RdManagement[2], "conversionIncentives"), (m.Talent, rules.Score.RdManagement[3], "talent"),
                 })
        {
            if (value < 0 || value > item.Max)
                errors.Add(new($"innovation.rdManagement.{field}", "out_of_range", $"'{field}' must be between 0 and {item.Max}"));
        }
        return errors;
    }

    /// <summary>
    /// Assesses an enterprise. Inputs are expected to pass <see cref="Validate"/>; an unknown band letter throws
    /// <see cref="ArgumentException"/>, and self-stated points outside 0..max are clamped.
    /// </summary>
    public static HteAssessmentResult Assess(HteRuleSet rules, HteInput input)
    {
        var score = rules.Score;
        var items = new List<HteItemScore>();
        var hints = new List<ImprovementHint>();

        // 工作指引 十(一) 知识产权: four items plus the standards bonus, capped at 30.
        var techAdvancement = Lettered(score.TechAdvancement, input.Innovation.TechAdvancement, "innovation.techAdvancement");
        var coreSupport = Lettered(score.CoreSupport, input.Innovation.CoreSupport, "innovation.coreSupport");
        var (ip, ipItems) = CountedIp(rules.Conditions.IpUsage, input.Ip);
        var ipCountBand = score.IpCount.BandOf(0, m => m == "class1" ? ip.Class1 : ip.Class2);
        var ipCount = new HteItemScore(score.IpCount.Code, ipCountBand.Code, ip.Class1 + ip.Class2, ipCountBand.Points, score.IpCount.Max);
        HteItemScore acquisition;
        if (ip.Class1 + ip.Class2 == 0)
        {
            // No IP at all: there is no way of acquisition to score.
            acquisition = new HteItemScore(score.IpAcquisition.Code, null, null, new ScoreRange(0, 0), score.IpAcquisition.Max);
        }
        else
        {
            var letter = input.Innovation.IpAcquisition ?? (ip.SelfDeveloped > 0 ? "A" : "B");
            acquisition = Lettered(score.IpAcquisition, letter, "innovation.ipAcquisition");
        }
        var standards = Lettered(score.Standards, input.Innovation.Standards ? "A" : "B", "innovation.standards");
        items.AddRange([techAdvancement, coreSupport, ipCount, acquisition, standards]);
        var ipBlock = (techAdvancement.Points + coreSupport.Points + ipCount.Points + acquisition.Points + standards.Points).Cap(score.IpMax);

        // 十(二) 科技成果转化能力: yearly average over the last three years, or the years of operation if fewer.
        var years = Math.Clamp(input.SalesRevenue.Count, 1, 3);
        var average = (decimal)input.Innovation.Conversions / years;
        var conversionBand = score.Conversion.BandOf(average);
        var conversion = new HteItemScore(score.Conversion.Code, conversionBand.Code, average, conversionBand.Points, score.Conversion.Max);
        items.Add(conversion);

        // 十(三) 研究开发组织管理水平: self-stated points per item.
        var m = input.Innovation.RdManagement;
        int[] stated = [m.System, m.Institution, m.ConversionIncentives, m.Talent];
        var rdTotal = 0;
        for (var i = 0; i < score.RdManagement.Count; i++)
        {
            var item = score.RdManagement[i];
            var points = Math.Clamp(i < stated.Length ? stated[i] : 0, 0, item.Max);
            rdTotal += points;
            items.Add(new HteItemScore(item.Code, null, points, new ScoreRange(points, points), item.Max));
        }
        var rdBlock = new ScoreRange(rdTotal, rdTotal).Cap(score.RdManagementMax);

        // 十(四) 企业成长性: net-asset and sales growth, each banded.
        var netGrowth = GrowthRate(input.NetAssets);
        var salesGrowth = GrowthRate(input.SalesRevenue);
        var netItem = Growth(score.NetAssetGrowth, netGrowth);
        var salesItem = Growth(score.SalesGrowth, salesGrowth);
        items.AddRange([netItem, salesItem]);
        var growthBlock = netItem.Points + salesItem.Points;

        var blocks = new HteBlocks(ipBlock, conversion.Points.Cap(score.Conversion.Max), rdBlock, growthBlock);
        var total = blocks.Ip + blocks.Conversion + blocks.RdManagement + blocks.Growth;

        var conditions = Conditions(rules, input, ip, ipItems.Count(i => !i.Counted), total);
        var eligible = conditions.Any(c => c.Passed == false) ? Eligibility.No
            : conditions.All(c => c.Passed == true) ? Eligibility.Yes
            : Eligibility.Depends;

        var c = rules.Conditions;
        var conditionHints = new Dictionary<string, Hint?>
        {
            ["registered_one_year"] = c.RegisteredOneYear.Hint, ["owns_ip"] = c.OwnsIp.Hint, ["key_domain"] = c.KeyDomain.Hint,
            ["st_staff_ratio"] = c.StStaffRatio.Hint, ["rd_ratio"] = c.RdRatio.Hint, ["rd_domestic_share"] = c.RdDomesticShare.Hint,
            ["high_tech_revenue_share"] = c.HighTechRevenueShare.Hint, ["innovation_score"] = c.InnovationScore.Hint,
            ["no_major_incident"] = c.NoMajorIncident.Hint,
        };
        foreach (var condition in conditions.Where(x => x.Passed != true))
        {
            if (conditionHints[condition.Code] is { } hint) hints.Add(new ImprovementHint(condition.Code, hint.Zh, hint.En));
        }
        // An IP item left out is explained once per reason, whatever the verdict.
        var usage = new Dictionary<string, Hint?> { [Class2UsedBefore] = c.IpUsage.Class2OnceOnly.Hint, [JointNotDesignated] = c.IpUsage.JointOneOwner.Hint };
        foreach (var reason in ipItems.SelectMany(i => i.Reasons).Distinct())
        {
            if (usage[reason] is { } hint) hints.Add(new ImprovementHint(reason, hint.Zh, hint.En));
        }
        var itemHints = new Dictionary<string, Hint?>
        {
            [score.TechAdvancement.Code] = score.TechAdvancement.Hint, [score.CoreSupport.Code] = score.CoreSupport.Hint,
            [score.IpCount.Code] = score.IpCount.Hint, [score.IpAcquisition.Code] = score.IpAcquisition.Hint,
            [score.Standards.Code] = score.Standards.Hint, [score.Conversion.Code] = score.Conversion.Hint,
            [score.NetAssetGrowth.Code] = score.NetAssetGrowth.Hint, [score.SalesGrowth.Code] = score.SalesGrowth.Hint,
        };
        foreach (var item in score.RdManagement) itemHints[item.Code] = item.Hint;
        foreach (var item in items)
        {
            // A weak item: even its best points stay below the configured share of the item's maximum.
            if (item.Points.Max < score.HintBelowShare * item.Max && itemHints.GetValueOrDefault(item.Code) is { } hint)
                hints.Add(new ImprovementHint(item.Code, hint.Zh, hint.En));
        }
        return new HteAssessmentResult(rules.Header.Id, eligible, conditions, total, blocks, items, hints, ipItems);
    }

    /// <summary>Reason code: a Ⅱ类 item already used in an earlier application.</summary>
    public const string Class2UsedBefore = "class2_used_before";

    /// <summary>Reason code: a jointly owned item whose designated user is another owner.</summary>
    public const string JointNotDesignated = "joint_not_designated";

    /// <summary>
    /// The IP that counts: the counts as given, or, when items are given, the items the rules let count (工作指引: Ⅱ类 used
    /// once only; a jointly owned item by its designated owner only), with each item's verdict.
    /// </summary>
    private static (HteIp Counted, List<HteIpItemResult> Items) CountedIp(HteIpUsageRules rules, HteIp ip)
    {
        if (ip.Items is not { } items) return (ip, []);
        var results = new List<HteIpItemResult>();
        var counted = new List<HteIpItem>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var reasons = new List<string>();
            var sources = new List<string>();
            if (item.Class == HteIpClass.II && item.UsedBefore)
            {
                reasons.Add(Class2UsedBefore);
                sources.Add(rules.Class2OnceOnly.Source);
            }
            if (item.JointlyOwned && !item.DesignatedOwner)
            {
                reasons.Add(JointNotDesignated);
                sources.Add(rules.JointOneOwner.Source);
            }
            if (reasons.Count == 0) counted.Add(item);
            results.Add(new HteIpItemResult(i, item.Name, item.Class, reasons.Count == 0, reasons, sources));
        }
        return (HteIp.Of(counted), results);
    }

    private static HteItemScore Lettered(ScoredItem item, string letter, string field)
    {
        var band = item.Band(letter) ?? throw new ArgumentException($"'{field}' must be one of {string.Join(", ", item.Bands.Select(b => b.Code))}, found '{letter}'", field);
        return new HteItemScore(item.Code, band.Code, null, band.Points, item.Max);
    }

    private static HteItemScore Growth(ScoredItem item, decimal? rate)
    {
        // A rate that cannot be computed (one year of operation, second year-end 0) scores 0: the catch-all band.
        var band = rate is { } g ? item.BandOf(g) : item.Bands[^1];
        return new HteItemScore(item.Code, band.Code, rate, band.Points, item.Max);
    }

    /// <summary>
    /// 工作指引 十(四): growth rate of the last (up to) three values, oldest first:
    /// ½ × (v2/v1 + v3/v2) − 1; when v1 = 0 only v3/v2 − 1; when v2 = 0 none (0 points); two years: v2/v1 − 1;
    /// one year or none: none (0 points). A negative denominator is treated like 0 (the ratio has no meaning).
    /// </summary>
    public static decimal? GrowthRate(IReadOnlyList<decimal> values)
    {
        var n = Math.Min(values.Count, 3);
        if (n <= 1) return null;
        var v = values.Skip(values.Count - n).ToArray();
        if (n == 2) return v[0] > 0 ? v[1] / v[0] - 1 : null;
        if (v[1] <= 0) return null;
        if (v[0] <= 0) return v[2] / v[1] - 1;
        return (v[1] / v[0] + v[2] / v[1]) / 2 - 1;
    }

    private static List<ConditionResult> Conditions(HteRuleSet rules, HteInput input, HteIp ip, int notCounted, ScoreRange total)
    {
        var c = rules.Conditions;
        var list = new List<ConditionResult>();
        ConditionResult Threshold(string code, ThresholdRule rule, decimal? actual, string? detail = null) =>
            new(code, actual is { } a && rule.Bound.Holds(a), actual, rule.Bound.Value, rule.Bound.Sign, detail, rule.Source);

        // 第十一条(一): registered at least one year before applying.
        list.Add(Threshold("registered_one_year", c.RegisteredOneYear, input.AssessedOn.DayNumber - input.RegisteredOn.DayNumber));
        // (二): owns valid IP — only the items that may be counted for this application.
        list.Add(Threshold("owns_ip", c.OwnsIp, ip.Class1 + ip.Class2, notCounted > 0 ? $"{notCounted} not counted" : null));
        // (三): core technology within a key supported domain.
        var inDomain = input.Domain is { } d && rules.Domains.Any(x => x.Code == d || x.Name == d);
        list.Add(new ConditionResult("key_domain", inDomain, inDomain ? 1 : 0, null, "in", input.Domain, c.KeyDomain.Source));
        // (四): 科技人员 / 职工总数.
        list.Add(Threshold("st_staff_ratio", c.StStaffRatio, input.Employees > 0 ? (decimal)input.StEmployees / input.Employees : null));
        // (五): R&D / sales over the last three years, tier by the last year's sales revenue.
        var sales = Last3(input.SalesRevenue).Sum();
        var rd = Last3(input.RdExpense).Sum();
        var lastSales = input.SalesRevenue.Count > 0 ? input.SalesRevenue[^1] : 0;
        var tier = c.RdRatio.TierFor(lastSales);
        decimal? rdRatio = sales > 0 ? rd / sales : null;
        list.Add(new ConditionResult("rd_ratio", rdRatio is { } r && tier.Bound.Holds(r), rdRatio, tier.Bound.Value, tier.Bound.Sign,
            TierText(c.RdRatio, tier), tier.Source));
        // (五): R&D incurred in China / all R&D.
        list.Add(Threshold("rd_domestic_share", c.RdDomesticShare, rd > 0 ? input.RdExpenseDomestic / rd : null));
        // (六): 高新技术产品(服务)收入 / 总收入.
        list.Add(Threshold("high_tech_revenue_share", c.HighTechRevenueShare, input.TotalRevenue > 0 ? input.HighTechRevenue / input.TotalRevenue : null));
        // (七): innovation score; passes for sure at the band minimum, fails for sure below it at the maximum.
        var bound = c.InnovationScore.Bound;
        bool? scorePassed = bound.Holds(total.Min) ? true : bound.Holds(total.Max) ? null : false;
        list.Add(new ConditionResult("innovation_score", scorePassed, total.Min, bound.Value, bound.Sign, $"{total.Min}–{total.Max}", c.InnovationScore.Source));
        // (八): no major incident in the year before applying.
        list.Add(new ConditionResult("no_major_incident", !input.MajorIncident, input.MajorIncident ? 1 : 0, 0, "=", null, c.NoMajorIncident.Source));
        return list;
    }

    private static string? TierText(HteRdRatioRule rule, HteRdTier tier)
    {
        if (tier.RevenueAtMost is { } top) return $"sales≤{top}";
        return rule.Tiers.Count > 1 ? $"sales>{rule.Tiers[^2].RevenueAtMost}" : null;
    }

    private static IEnumerable<decimal> Last3(IReadOnlyList<decimal> values) => values.Skip(Math.Max(0, values.Count - 3));
}
