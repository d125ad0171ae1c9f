using Gaoxin.Core.Enterprises;

namespace Gaoxin.Core.Tests.Enterprises;

/// <summary>
/// 高新技术企业 self-assessment under rules/hte-2016.yaml (认定办法 第十一条 + 工作指引 企业创新能力评价). Every expected
/// value is worked out by hand in the comment beside it.
/// </summary>
public class HteAssessmentTests
{
    private static readonly HteRuleSet Rules = RuleFiles.Hte;

    /// <summary>
    /// The reference enterprise, a verdict of "depends":
    /// registered 2018-03-01, assessed 2021-06-30 → 1217 days (≥ 365);
    /// IP 1 Ⅰ类 + 6 Ⅱ类; 40 / 200 staff = 20 %; sales 4000, 5000, 6000 (last year 6000 → 5,000万–2亿 tier, 4 %);
    /// R&amp;D 200 + 250 + 300 = 750 / 15000 = 5 %; domestic 600 / 750 = 80 %; high-tech 4800 / 6000 = 80 %.
    /// Score: 先进程度 B 5–6, 核心支持 B 5–6, 数量 A (1 Ⅰ类) 7–8, 获得方式 A 1–6, 标准 no 0 → IP [18, 26];
    /// 12 conversions / 3 years = 4 → B [19, 24]; management 5 + 5 + 3 + 3 = 16;
    /// net assets 1000, 1200, 1500 → ½(1.2 + 1.25) − 1 = 22.5 % → C 5–6; sales ½(1.25 + 1.2) − 1 = 22.5 % → C 5–6 → growth [10, 12].
    /// Total [18 + 19 + 16 + 10, 26 + 24 + 16 + 12] = [63, 78]: straddles 71 → depends.
    /// </summary>
    internal static HteInput Reference() => new(
        RegisteredOn: new DateOnly(2018, 3, 1), AssessedOn: new DateOnly(2021, 6, 30), Domain: "electronic_information",
        Ip: new HteIp(Class1: 1, Class2: 6, SelfDeveloped: 7), Employees: 200, StEmployees: 40,
        SalesRevenue: [4000m, 5000m, 6000m], RdExpense: [200m, 250m, 300m], RdExpenseDomestic: 600m,
        HighTechRevenue: 4800m, TotalRevenue: 6000m, NetAssets: [1000m, 1200m, 1500m],
        Innovation: new HteInnovation("B", "B", "A", Standards: false, Conversions: 12, new HteRdManagement(5, 5, 3, 3)),
        MajorIncident: false);

    /// <summary>
    /// The reference enterprise made strong: 先进程度 A 7–8, 核心支持 A 7–8, 标准 yes 1–2 → IP [7+7+7+1+1, 8+8+8+6+2] = [23, 32],
    /// capped at 30 → [23, 30]; 15 conversions / 3 = 5 → A [25, 30]. Total [23 + 25 + 16 + 10, 30 + 30 + 16 + 12] = [74, 88].
    /// </summary>
    internal static HteInput Strong() => Reference() with
    {
        Innovation = new HteInnovation("A", "A", "A", Standards: true, Conversions: 15, new HteRdManagement(5, 5, 3, 3)),
    };

    private static HteAssessmentResult Assess(HteInput input) => HteAssessment.Assess(Rules, input);

    [Fact]
    public void Reference_enterprise_depends_on_the_experts_with_a_score_of_63_to_78()
    {
        var result = Assess(Reference());

        Assert.Equal(Eligibility.Depends, result.Eligible);
        Assert.Equal("depends", EnterpriseWire.Name(result.Eligible));
        Assert.Equal(new ScoreRange(63, 78), result.Score);
        Assert.Equal(new HteBlocks(new ScoreRange(18, 26), new ScoreRange(19, 24), new ScoreRange(16, 16), new ScoreRange(10, 12)), result.Blocks);
        Assert.Equal(HteAssessment.ConditionCodes, result.Conditions.Select(c => c.Code));
        // Every condition but the score holds; the score condition is undecided (null), its actual the minimum 63.
        Assert.All(result.Conditions.Where(c => c.Code != "innovation_score"), c => Assert.True(c.Passed, c.Code));
        var score = result.Condition("innovation_score");
        Assert.Null(score.Passed);
        Assert.Equal((63m, 71m, "63–78"), (score.Actual, score.Required, score.Detail));
    }

    [Fact]
    public void Reference_enterprise_conditions_report_actual_and_required_values()
    {
        var result = Assess(Reference());

        // 2018-03-01 → 2021-06-30: 306 days to 2019-01-01, + 365 + 366 (2020) → 2021-01-01, + 180 → 1217 days.
        Assert.Equal((1217m, 365m, "≥"), (result.Condition("registered_one_year").Actual, result.Condition("registered_one_year").Required, result.Condition("registered_one_year").Operator));
        Assert.Equal((7m, 1m), (result.Condition("owns_ip").Actual, result.Condition("owns_ip").Required));
        Assert.Equal((0.2m, 0.10m), (result.Condition("st_staff_ratio").Actual, result.Condition("st_staff_ratio").Required));
        Assert.Equal((0.05m, 0.04m, "sales≤20000"), (result.Condition("rd_ratio").Actual, result.Condition("rd_ratio").Required, result.Condition("rd_ratio").Detail));
        Assert.Equal((0.8m, 0.60m), (result.Condition("rd_domestic_share").Actual, result.Condition("rd_domestic_share").Required));
        Assert.Equal((0.8m, 0.60m), (result.Condition("high_tech_revenue_share").Actual, result.Condition("high_tech_revenue_share").Required));
        Assert.Equal((0m, 0m, "="), (result.Condition("no_major_incident").Actual, result.Condition("no_major_incident").Required, result.Condition("no_major_incident").Operator));
        Assert.StartsWith("认定办法 第十一条(四)", result.Condition("st_staff_ratio").Source, StringComparison.Ordinal);
        Assert.StartsWith("第十一条(五)2", result.Condition("rd_ratio").Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_enterprise_items_carry_their_bands()
    {
        var result = Assess(Reference());

        Assert.Equal([
            ("tech_advancement", "B", 5, 6), ("core_support", "B", 5, 6), ("ip_count", "A", 7, 8), ("ip_acquisition", "A", 1, 6),
            ("standards", "B", 0, 0), ("conversion", "B", 19, 24), ("rd_system", null, 5, 5), ("rd_institution", null, 5, 5),
            ("conversion_incentives", null, 3, 3), ("talent", null, 3, 3), ("net_asset_growth", "C", 5, 6), ("sales_growth", "C", 5, 6),
        ], result.Items.Select(i => (i.Code, i.Band, i.Points.Min, i.Points.Max)));
        Assert.Equal(4m, result.Item("conversion").Value);            // 12 / 3
        Assert.Equal(0.225m, result.Item("sales_growth").Value);      // ½(5000/4000 + 6000/5000) − 1 = ½(1.25 + 1.2) − 1
        Assert.Equal(0.225m, result.Item("net_asset_growth").Value);  // ½(1200/1000 + 1500/1200) − 1 = ½(1.2 + 1.25) − 1
    }

    [Fact]
    public void Reference_enterprise_gets_hints_for_the_undecided_score_and_the_missing_standards_bonus()
    {
        var result = Assess(Reference());

        // Conditions first: only innovation_score is not true. Items: a hint when the best points stay below 60 % of the
        // maximum — standards 0 < 1.2; growth 6 is not below 6; conversion 24 ≥ 18; the others are higher.
        Assert.Equal(["innovation_score", "standards"], result.Hints.Select(h => h.Code));
        Assert.All(result.Hints, h => Assert.False(string.IsNullOrWhiteSpace(h.Zh) || string.IsNullOrWhiteSpace(h.En)));
    }

    [Fact]
    public void Strong_enterprise_is_eligible_with_74_at_the_band_minimum_and_the_ip_block_capped_at_30()
    {
        var result = Assess(Strong());

        Assert.Equal(Eligibility.Yes, result.Eligible);
        Assert.Equal(new ScoreRange(74, 88), result.Score);
        Assert.Equal(new ScoreRange(23, 30), result.Blocks.Ip);          // [23, 32] capped at 30
        Assert.Equal(new ScoreRange(25, 30), result.Blocks.Conversion);  // 15 / 3 = 5 → A
        Assert.True(result.Condition("innovation_score").Passed);
        Assert.Empty(result.Hints);
    }

    [Fact]
    public void Weak_innovation_fails_the_score_even_at_the_band_maximum()
    {
        // 先进程度 D 1–2, 核心支持 D 1–2, 2 Ⅱ类 → D 1–2, 获得方式 A 1–6, 标准 0 → IP [4, 12];
        // 3 conversions / 3 = 1 → E [1, 6]; management 2 + 2 + 1 + 1 = 6; flat sales and net assets → growth 0 % → F 0.
        // Total [4 + 1 + 6 + 0, 12 + 6 + 6 + 0] = [11, 24] < 71 → no.
        var input = Reference() with
        {
            Ip = new HteIp(0, 2, 2), SalesRevenue = [5000m, 5000m, 5000m], RdExpense = [250m, 250m, 250m], NetAssets = [800m, 800m, 800m],
            Innovation = new HteInnovation("D", "D", "A", false, 3, new HteRdManagement(2, 2, 1, 1)),
        };

        var result = Assess(input);

        Assert.Equal(Eligibility.No, result.Eligible);
        Assert.Equal(new ScoreRange(11, 24), result.Score);
        Assert.False(result.Condition("innovation_score").Passed);
        Assert.Equal(("F", 0m), (result.Item("sales_growth").Band, result.Item("sales_growth").Value));
        Assert.Contains("innovation_score", result.Hints.Select(h => h.Code));
        // Hints for weak items: 先进程度 2 < 4.8, 核心支持 2 < 4.8, 数量 2 < 4.8, 标准, 转化 6 < 18, 管理 2 < 3.6 (×2), 1 < 2.4 (×2), growth 0 < 6 (×2).
        Assert.Equal(["innovation_score", "tech_advancement", "core_support", "ip_count", "standards", "conversion", "rd_system",
            "rd_institution", "conversion_incentives", "talent", "net_asset_growth", "sales_growth"], result.Hints.Select(h => h.Code));
    }

    [Fact]
    public void A_failed_condition_makes_the_verdict_no_whatever_the_score()
    {
        var result = Assess(Strong() with { MajorIncident = true });

        Assert.Equal(Eligibility.No, result.Eligible);
        Assert.Equal(new ScoreRange(74, 88), result.Score);
        Assert.Equal((false, 1m), (result.Condition("no_major_incident").Passed, result.Condition("no_major_incident").Actual));
        Assert.Equal(["no_major_incident"], result.Hints.Select(h => h.Code));
    }

    // ── 第十一条(五): R&D ratio tiers by last-year sales revenue ──

    [Theory]
    // Last year exactly 5,000万 is in the first tier (5,000万元(含)以下): 720 / 15000 = 4.8 % < 5 % → fails.
    [InlineData(new[] { 5000.0, 5000.0, 5000.0 }, new[] { 240.0, 240.0, 240.0 }, 0.048, 0.05, false)]
    // Exactly 5 % in the first tier passes (不低于): 600 / 12000.
    [InlineData(new[] { 4000.0, 4000.0, 4000.0 }, new[] { 200.0, 200.0, 200.0 }, 0.05, 0.05, true)]
    // Last year 5,001万 moves to the 4 % tier: 720 / 15001 = 0.04799… ≥ 4 % → passes.
    [InlineData(new[] { 5000.0, 5000.0, 5001.0 }, new[] { 240.0, 240.0, 240.0 }, null, 0.04, true)]
    // Last year exactly 2亿 is still the 4 % tier (2亿元(含)): 2100 / 60000 = 3.5 % → fails.
    [InlineData(new[] { 20000.0, 20000.0, 20000.0 }, new[] { 700.0, 700.0, 700.0 }, 0.035, 0.04, false)]
    // Last year 2亿 + 1万 is above 2亿 → 3 % tier: 2100 / 60001 = 0.034999… → passes.
    [InlineData(new[] { 20000.0, 20000.0, 20001.0 }, new[] { 700.0, 700.0, 700.0 }, null, 0.03, true)]
    public void Rd_ratio_uses_the_tier_of_last_year_sales(double[] sales, double[] rd, double? ratio, double required, bool passed)
    {
        var input = Reference() with
        {
            SalesRevenue = sales.Select(x => (decimal)x).ToArray(), RdExpense = rd.Select(x => (decimal)x).ToArray(), RdExpenseDomestic = (decimal)rd.Sum(),
        };

        var condition = Assess(input).Condition("rd_ratio");

        Assert.Equal(passed, condition.Passed);
        Assert.Equal((decimal)required, condition.Required);
        if (ratio is { } r) Assert.Equal((decimal)r, condition.Actual);
    }

    [Fact]
    public void Rd_ratio_without_sales_cannot_pass()
    {
        var condition = Assess(Reference() with { SalesRevenue = [0m, 0m, 0m] }).Condition("rd_ratio");

        Assert.Equal((false, (decimal?)null, 0.05m), (condition.Passed, condition.Actual, condition.Required));
    }

    // ── 第十一条(四), (五), (六): 10 % staff, 60 % shares ──

    [Theory]
    [InlineData(200, 20, 0.1, true)]     // exactly 10 % passes (不低于10%)
    [InlineData(200, 19, 0.095, false)]  // 9.5 %
    public void St_staff_ratio_needs_ten_percent(int employees, int st, double ratio, bool passed)
    {
        var condition = Assess(Reference() with { Employees = employees, StEmployees = st }).Condition("st_staff_ratio");

        Assert.Equal((passed, (decimal)ratio), (condition.Passed!.Value, condition.Actual!.Value));
    }

    [Fact]
    public void St_staff_ratio_without_employees_cannot_pass()
    {
        var condition = Assess(Reference() with { Employees = 0, StEmployees = 0 }).Condition("st_staff_ratio");

        Assert.Equal((false, (decimal?)null), (condition.Passed, condition.Actual));
    }

    [Theory]
    [InlineData(450, 0.6, true)]      // 450 / 750 = 60 % exactly
    [InlineData(449, null, false)]    // 449 / 750 = 59.87 %
    public void Domestic_rd_share_needs_sixty_percent(int domestic, double? share, bool passed)
    {
        var condition = Assess(Reference() with { RdExpenseDomestic = domestic }).Condition("rd_domestic_share");

        Assert.Equal(passed, condition.Passed);
        if (share is { } s) Assert.Equal((decimal)s, condition.Actual);
    }

    [Theory]
    [InlineData(3600, true)]   // 3600 / 6000 = 60 % exactly
    [InlineData(3599, false)]  // 59.98 %
    public void High_tech_revenue_share_needs_sixty_percent(int highTech, bool passed)
    {
        Assert.Equal(passed, Assess(Reference() with { HighTechRevenue = highTech }).Condition("high_tech_revenue_share").Passed);
    }

    // ── 第十一条(一)–(三) ──

    [Theory]
    [InlineData("2020-06-30", "2021-06-30", 365, true)]   // exactly 365 days
    [InlineData("2020-07-01", "2021-06-30", 364, false)]
    public void Registration_needs_a_full_year(string registered, string assessed, int days, bool passed)
    {
        var input = Reference() with { RegisteredOn = DateOnly.Parse(registered), AssessedOn = DateOnly.Parse(assessed) };

        var condition = Assess(input).Condition("registered_one_year");

        Assert.Equal((passed, (decimal)days), (condition.Passed!.Value, condition.Actual!.Value));
    }

    [Theory]
    [InlineData("electronic_information", true)]
    [InlineData("新材料", true)]          // the Chinese name of a domain is accepted too
    [InlineData("blockchain", false)]
    [InlineData(null, false)]
    public void Core_technology_must_be_in_a_key_domain(string? domain, bool passed)
    {
        var condition = Assess(Reference() with { Domain = domain }).Condition("key_domain");

        Assert.Equal((passed, "in", domain), (condition.Passed!.Value, condition.Operator, condition.Detail));
    }

    [Fact]
    public void Without_ip_the_enterprise_fails_and_scores_nothing_for_ip_count_and_acquisition()
    {
        // IP: 先进程度 B 5–6 + 核心支持 B 5–6 + 数量 E 0 + 获得方式 none 0 + 标准 0 → [10, 12].
        var result = Assess(Reference() with { Ip = new HteIp(0, 0, 0) });

        Assert.Equal((false, 0m), (result.Condition("owns_ip").Passed!.Value, result.Condition("owns_ip").Actual!.Value));
        Assert.Equal(("E", 0), (result.Item("ip_count").Band, result.Item("ip_count").Points.Max));
        Assert.Equal(((string?)null, 0), (result.Item("ip_acquisition").Band, result.Item("ip_acquisition").Points.Max));
        Assert.Equal(new ScoreRange(10, 12), result.Blocks.Ip);
        Assert.Equal(Eligibility.No, result.Eligible);
    }

    [Theory]
    [InlineData(0, 5, "B", 5, 6)]    // ≥ 5 Ⅱ类
    [InlineData(0, 4, "C", 3, 4)]    // 3–4 Ⅱ类
    [InlineData(0, 3, "C", 3, 4)]
    [InlineData(0, 2, "D", 1, 2)]    // 1–2 Ⅱ类
    [InlineData(1, 0, "A", 7, 8)]    // 1 Ⅰ类
    public void Ip_count_bands(int class1, int class2, string band, int min, int max)
    {
        var item = Assess(Reference() with { Ip = new HteIp(class1, class2, 1) }).Item("ip_count");

        Assert.Equal((band, min, max), (item.Band, item.Points.Min, item.Points.Max));
    }

    [Fact]
    public void Ip_acquisition_is_derived_from_self_developed_ip_when_not_stated()
    {
        var innovation = Reference().Innovation with { IpAcquisition = null };

        var self = Assess(Reference() with { Innovation = innovation }).Item("ip_acquisition");
        var bought = Assess(Reference() with { Innovation = innovation, Ip = new HteIp(1, 6, 0) }).Item("ip_acquisition");

        Assert.Equal(("A", new ScoreRange(1, 6)), (self.Band, self.Points));    // has self-developed IP
        Assert.Equal(("B", new ScoreRange(1, 3)), (bought.Band, bought.Points)); // only acquired
    }

    // ── 工作指引 知识产权 (domain.md §4.1): a Ⅱ类 item supports one application only; a jointly owned item one owner only ──

    /// <summary>
    /// IP items written as words: <c>I</c> or <c>II</c>, then any of <c>+used</c> (used in an earlier application),
    /// <c>+joint</c> (jointly owned, designated to another owner), <c>+joint+mine</c> (jointly owned, this enterprise designated),
    /// <c>+bought</c> (not self-developed).
    /// </summary>
    internal static HteIpItem[] Items(string words) => [.. words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((w, i) =>
    {
        var parts = w.Split('+');
        return new HteIpItem($"item {i}", parts[0] == "I" ? HteIpClass.I : HteIpClass.II, SelfDeveloped: !parts.Contains("bought"),
            UsedBefore: parts.Contains("used"), JointlyOwned: parts.Contains("joint"), DesignatedOwner: parts.Contains("mine"));
    })];

    [Theory]
    // The reference holds 1 Ⅰ类 + 6 Ⅱ类; ip_count bands: A ≥ 1 Ⅰ类 7–8, B ≥ 5 Ⅱ类 5–6, C 3–4 Ⅱ类, D 1–2 Ⅱ类, E none.
    [InlineData("I II II II II II II", 7, "A", "")]                                  // nothing restricted: all 7 count
    [InlineData("I+used II II II II II II", 7, "A", "")]                             // a Ⅰ类 item may be used again: the once-only rule is for Ⅱ类
    [InlineData("I II II II II II+used II+used", 5, "A", "5:class2_used_before 6:class2_used_before")]  // 1 Ⅰ + 4 Ⅱ count
    [InlineData("I+joint+mine II II II II II II", 7, "A", "")]                       // jointly owned, this enterprise designated: counts
    [InlineData("I+joint II II II II II II", 6, "B", "0:joint_not_designated")]      // the Ⅰ类 item is another owner's to use: 6 Ⅱ类 → B
    [InlineData("I+joint II II II II II+used II", 5, "B", "0:joint_not_designated 5:class2_used_before")]  // 5 Ⅱ类 left: B at its edge
    [InlineData("I+joint II II+used II+used II+used II II+used", 2, "D", "0:joint_not_designated 2:class2_used_before 3:class2_used_before 4:class2_used_before 6:class2_used_before")]
    [InlineData("II+used+joint", 0, "E", "0:class2_used_before,joint_not_designated")]  // both rules bar one item; nothing counts
    public void Only_ip_items_usable_for_this_application_are_counted(string items, int counted, string band, string notCounted)
    {
        var list = Items(items);
        var result = Assess(Reference() with { Ip = HteIp.Of(list) });

        var ownsIp = result.Condition("owns_ip");
        Assert.Equal((decimal)counted, ownsIp.Actual);
        Assert.Equal(counted >= 1, ownsIp.Passed);                      // 第十一条(二): at least one valid item
        Assert.Equal(band, result.Item("ip_count").Band);
        var excluded = string.Join(" ", result.IpItems.Where(i => !i.Counted).Select(i => $"{i.Index}:{string.Join(",", i.Reasons)}"));
        Assert.Equal(notCounted, excluded);
        Assert.Equal(list.Length, result.IpItems.Count);
        Assert.Equal(list.Length - counted is var n && n > 0 ? $"{n} not counted" : null, ownsIp.Detail);
        // Each reason is explained once, with the 工作指引 clause behind it.
        var reasons = result.IpItems.SelectMany(i => i.Reasons).Distinct().ToList();
        Assert.Equal(reasons, result.Hints.Select(h => h.Code).Where(reasons.Contains));
        Assert.All(result.IpItems.Where(i => !i.Counted).SelectMany(i => i.Sources), s => Assert.StartsWith("工作指引 知识产权", s, StringComparison.Ordinal));
    }

    [Fact]
    public void A_jointly_owned_invention_patent_of_another_owner_lowers_the_ip_block()
    {
        // "I+joint II×6": the Ⅰ类 item does not count → 数量 B 5–6 instead of A 7–8. IP: 先进程度 B 5–6 + 核心支持 B 5–6 + 数量
        // B 5–6 + 获得方式 A 1–6 + 标准 0 = [16, 24]; total [16 + 19 + 16 + 10, 24 + 24 + 16 + 12] = [61, 76] → still depends.
        var result = Assess(Reference() with { Ip = HteIp.Of(Items("I+joint II II II II II II")) });

        Assert.Equal(new ScoreRange(16, 24), result.Blocks.Ip);
        Assert.Equal(new ScoreRange(61, 76), result.Score);
        Assert.Equal(Eligibility.Depends, result.Eligible);
    }

    [Fact]
    public void When_every_item_is_barred_the_enterprise_owns_no_usable_ip()
    {
        // "II+used ×3": 第十一条(二) needs ≥ 1 item → fails, verdict no; no usable IP → 数量 E 0 and no way of acquisition to score.
        var result = Assess(Reference() with { Ip = HteIp.Of(Items("II+used II+used II+used")) });

        Assert.Equal((false, 0m, "3 not counted"), (result.Condition("owns_ip").Passed!.Value, result.Condition("owns_ip").Actual!.Value, result.Condition("owns_ip").Detail));
        Assert.Equal(((string?)null, 0), (result.Item("ip_acquisition").Band, result.Item("ip_acquisition").Points.Max));
        Assert.Equal(Eligibility.No, result.Eligible);
        Assert.Equal("owns_ip", result.Hints[0].Code);
        Assert.Contains(result.Hints, h => h.Code == HteAssessment.Class2UsedBefore);
    }

    [Fact]
    public void The_way_of_acquisition_follows_the_items_that_count()
    {
        // The only self-developed item is another owner's to use; the six Ⅱ类 were bought → 获得方式 B (仅受让等) 1–3.
        var input = Reference() with
        {
            Ip = HteIp.Of(Items("I+joint II+bought II+bought II+bought II+bought II+bought II+bought")),
            Innovation = Reference().Innovation with { IpAcquisition = null },
        };

        Assert.Equal(("B", new ScoreRange(1, 3)), (Assess(input).Item("ip_acquisition").Band, Assess(input).Item("ip_acquisition").Points));
    }

    [Fact]
    public void Counts_given_beside_the_items_must_agree_with_them()
    {
        // The items hold 1 Ⅰ类 + 2 Ⅱ类, 3 self-developed; the counts claim 6 Ⅱ类.
        var ip = HteIp.Of(Items("I II II")) with { Class2 = 6 };

        var error = Assert.Single(HteAssessment.Validate(Rules, Reference() with { Ip = ip }));

        Assert.Equal(("ip.class2", "count_mismatch"), (error.Field, error.Code));
    }

    // ── 十(二): conversions, yearly average ──

    [Theory]
    [InlineData(15, 3, "A", 25, 30)]  // 5.0
    [InlineData(14, 3, "B", 19, 24)]  // 4.67
    [InlineData(9, 3, "C", 13, 18)]   // 3.0
    [InlineData(6, 3, "D", 7, 12)]    // 2.0
    [InlineData(3, 3, "E", 1, 6)]     // 1.0
    [InlineData(2, 3, "E", 1, 6)]     // 0.67 > 0: the gap under the official ≥ 1 is scored E
    [InlineData(0, 3, "F", 0, 0)]
    [InlineData(8, 2, "B", 19, 24)]   // two years of operation: 8 / 2 = 4
    [InlineData(5, 1, "A", 25, 30)]   // one year: 5 / 1 = 5
    public void Conversion_bands_use_the_yearly_average_over_the_years_of_operation(int conversions, int years, string band, int min, int max)
    {
        var sales = Enumerable.Repeat(1000m, years).ToArray();
        var input = Reference() with
        {
            SalesRevenue = sales, RdExpense = sales.Select(_ => 100m).ToArray(), NetAssets = sales,
            Innovation = Reference().Innovation with { Conversions = conversions },
        };

        var item = Assess(input).Item("conversion");

        Assert.Equal((band, min, max), (item.Band, item.Points.Min, item.Points.Max));
    }

    // ── 十(四): growth ──

    [Theory]
    [InlineData(100, 135, 182.25, 0.35, "A", 9, 10)]    // ½(1.35 + 1.35) − 1 = 35 % exactly
    [InlineData(100, 125, 156.25, 0.25, "B", 7, 8)]     // 25 %
    [InlineData(100, 115, 132.25, 0.15, "C", 5, 6)]     // 15 %
    [InlineData(100, 105, 110.25, 0.05, "D", 3, 4)]     // 5 %
    [InlineData(100, 100, 101, 0.005, "E", 1, 2)]       // ½(1 + 1.01) − 1 = 0.5 % > 0
    [InlineData(100, 100, 100, 0, "F", 0, 0)]           // 0 % exactly: not > 0
    [InlineData(100, 90, 81, -0.1, "F", 0, 0)]          // negative growth → 0 points
    [InlineData(0, 100, 130, 0.3, "B", 7, 8)]           // first year-end 0 → last two only: 130 / 100 − 1
    public void Growth_bands_at_their_edges(double v1, double v2, double v3, double rate, string band, int min, int max)
    {
        decimal[] values = [(decimal)v1, (decimal)v2, (decimal)v3];

        var net = Assess(Reference() with { NetAssets = values }).Item("net_asset_growth");
        var sales = Assess(Reference() with { SalesRevenue = values, RdExpense = [10m, 10m, 10m] }).Item("sales_growth");

        Assert.Equal(((decimal?)rate, band, min, max), (net.Value, net.Band, net.Points.Min, net.Points.Max));
        Assert.Equal(((decimal?)rate, band, min, max), (sales.Value, sales.Band, sales.Points.Min, sales.Points.Max));
    }

    [Fact]
    public void Growth_is_zero_points_when_the_second_year_end_is_zero()
    {
        Assert.Null(HteAssessment.GrowthRate([100m, 0m, 50m]));
        var item = Assess(Reference() with { NetAssets = [100m, 0m, 50m] }).Item("net_asset_growth");
        Assert.Equal(("F", (decimal?)null, 0), (item.Band, item.Value, item.Points.Max));
    }

    [Fact]
    public void Growth_uses_only_the_last_three_values()
    {
        // 4 values: the first is ignored → ½(150/100 + 150/150) − 1 = 25 %.
        Assert.Equal(0.25m, HteAssessment.GrowthRate([1m, 100m, 150m, 150m]));
    }

    [Fact]
    public void A_company_of_two_years_is_assessed_on_its_two_years()
    {
        // Registered 2019-05-01, assessed 2021-06-30: 245 + 366 + 180 = 791 days.
        // Sales 2000, 3000 (last ≤ 5,000万 → 5 % tier); R&D 150 + 150 = 300 / 5000 = 6 % → passes.
        // Sales growth 3000 / 2000 − 1 = 50 % → A 9–10; net assets 500 → 600: 20 % → C 5–6.
        // 8 conversions / 2 years = 4 → B 19–24. IP [18, 26] and management 16 as in the reference.
        // Total [18 + 19 + 16 + 14, 26 + 24 + 16 + 16] = [67, 82] → depends.
        var input = Reference() with
        {
            RegisteredOn = new DateOnly(2019, 5, 1), SalesRevenue = [2000m, 3000m], RdExpense = [150m, 150m], RdExpenseDomestic = 300m,
            HighTechRevenue = 2400m, TotalRevenue = 3000m, NetAssets = [500m, 600m],
            Innovation = Reference().Innovation with { Conversions = 8 },
        };

        var result = Assess(input);

        Assert.Equal(791m, result.Condition("registered_one_year").Actual);
        Assert.Equal((true, 0.06m, 0.05m), (result.Condition("rd_ratio").Passed!.Value, result.Condition("rd_ratio").Actual!.Value, result.Condition("rd_ratio").Required!.Value));
        Assert.Equal(("A", 0.5m), (result.Item("sales_growth").Band, result.Item("sales_growth").Value!.Value));
        Assert.Equal(("C", 0.2m), (result.Item("net_asset_growth").Band, result.Item("net_asset_growth").Value!.Value));
        Assert.Equal(("B", 4m), (result.Item("conversion").Band, result.Item("conversion").Value!.Value));
        Assert.Equal(new ScoreRange(67, 82), result.Score);
        Assert.Equal(Eligibility.Depends, result.Eligible);
    }

    [Fact]
    public void A_company_of_less_than_a_year_is_not_eligible_and_scores_no_growth()
    {
        // Registered 2021-01-01, assessed 2021-06-30: 180 days < 365. One year of figures: growth cannot be computed → 0 + 0;
        // 5 conversions / 1 year = 5 → A 25–30. Sales 800, R&D 80 → 10 % passes.
        // Total [18 + 25 + 16 + 0, 26 + 30 + 16 + 0] = [59, 72].
        var input = Reference() with
        {
            RegisteredOn = new DateOnly(2021, 1, 1), SalesRevenue = [800m], RdExpense = [80m], RdExpenseDomestic = 80m,
            HighTechRevenue = 700m, TotalRevenue = 800m, NetAssets = [300m],
            Innovation = Reference().Innovation with { Conversions = 5 },
        };

        var result = Assess(input);

        Assert.Equal((false, 180m), (result.Condition("registered_one_year").Passed!.Value, result.Condition("registered_one_year").Actual!.Value));
        Assert.Equal(new ScoreRange(0, 0), result.Blocks.Growth);
        Assert.Equal(((decimal?)null, "F"), (result.Item("sales_growth").Value, result.Item("sales_growth").Band));
        Assert.Equal(new ScoreRange(59, 72), result.Score);
        Assert.Equal(Eligibility.No, result.Eligible);
        Assert.Equal("registered_one_year", result.Hints[0].Code);
    }

    [Fact]
    public void Validate_names_the_fields_assess_cannot_use()
    {
        var input = Reference() with
        {
            RdExpense = [1m, 2m],
            Innovation = new HteInnovation("F", "B", "C", false, -1, new HteRdManagement(7, 5, 3, 3)),
        };

        var errors = HteAssessment.Validate(Rules, input);

        Assert.Equal([
            ("innovation.techAdvancement", "unknown_value"), ("innovation.ipAcquisition", "unknown_value"),
            ("innovation.conversions", "out_of_range"), ("rdExpense", "length_mismatch"), ("innovation.rdManagement.system", "out_of_range"),
        ], errors.Select(e => (e.Field, e.Code)));
        Assert.Empty(HteAssessment.Validate(Rules, Reference()));
        Assert.Throws<ArgumentException>(() => Assess(input));
    }
}
