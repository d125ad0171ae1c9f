using Gaoxin.Core.Collection;
using Gaoxin.Core.Monitoring;
using Gaoxin.Core.Plans;

namespace Gaoxin.Core.Tests.Monitoring;

/// <summary>
/// The yearly monitoring report and the mid-term review (保障措施: 组织规划实施情况评估), worked by hand: year-on-year change, the share of
/// the way from baseline to goal against the share of the period gone, the mid-term period (the first half of 2017–2020 is 2017–2018,
/// compared with the base year 2016), registries' changes, and the two workflows.
/// </summary>
public class MonitoringReportTests
{
    private static readonly SourceRef Source = new("二、发展目标", "研发经费投入强度达到2.8%");

    private static Target Rising(decimal goal = 2.8m) =>
        new("rd", "研发投入强度", "R&D intensity", "rd_intensity", MeasureKind.Level, null, new TargetValue(goal, null, 2020, Comparator.AtLeast), "%", "province", Source);

    private static TargetAssessment Assess(Target target, decimal baseline, params (int Year, decimal Value)[] series) =>
        TargetProgress.Assess(target.Goal, (baseline, 2016), 2016, Points(series), series.Max(p => p.Year));

    private static List<ProgressPoint> Points(params (int Year, decimal Value)[] series) => series.Select(p => new ProgressPoint(p.Year, p.Value)).ToList();

    private static readonly ReportPeriod Yearly2019 = ReportPeriod.For(MonitoringReportKind.Yearly, 2019, 2016, 2020)!;
    private static readonly ReportPeriod Midterm = ReportPeriod.For(MonitoringReportKind.Midterm, 2018, 2016, 2020)!;

    [Theory]
    // A yearly report compares the year with the year before it.
    [InlineData("yearly", 2019, 2016, 2020, 2019, 2019, 2018)]
    // The plan 2017–2020 (base year 2016): the first half is 2017–2018, compared with the base year.
    [InlineData("midterm", 2018, 2016, 2020, 2017, 2018, 2016)]
    // A five-year plan 2016–2020 (base year 2015): the first half is 2016–2018 (⌈5/2⌉ = 3 years).
    [InlineData("midterm", 2018, 2015, 2020, 2016, 2018, 2015)]
    public void Period_covers_the_year_or_the_first_half_of_the_plan(string kind, int year, int baseYear, int targetYear, int from, int to, int compare)
    {
        var period = ReportPeriod.For(MonitoringReportKinds.Parse(kind)!.Value, year, baseYear, targetYear);

        Assert.Equal(new ReportPeriod(from, to, compare), period);
    }

    [Fact]
    public void A_midterm_review_exists_only_for_the_last_year_of_the_first_half()
    {
        Assert.Null(ReportPeriod.For(MonitoringReportKind.Midterm, 2019, 2016, 2020));
        Assert.Equal(2018, ReportPeriod.MidtermYear(2016, 2020));
    }

    [Fact]
    public void Yearly_line_gives_the_year_on_year_change_and_the_share_of_the_way()
    {
        // Baseline 2.0 % (2016), goal 2.8 % (2020); 2018: 2.1, 2019: 2.31.
        // Change 2.31 − 2.1 = 0.21, i.e. 0.21 / 2.1 = 10 %; share of the way (2.31 − 2.0) / (2.8 − 2.0) = 0.3875;
        // three of the four years gone: 0.75. Path 2019 = 2.6, at-risk floor 2.6 − 0.08 = 2.52 > 2.31: off track.
        var target = Rising();
        var series = Points((2018, 2.1m), (2019, 2.31m));
        var line = MonitoringReport.TargetLine(target, Assess(target, 2.0m, (2018, 2.1m), (2019, 2.31m)), series, true, Yearly2019);

        Assert.Equal((2.31m, 2.1m, 0.21m, 10.00m), (line.Value!.Value, line.CompareValue!.Value, line.Change!.Value, line.ChangePercent!.Value));
        Assert.Equal((0.3875m, 0.75m), (line.ShareOfWay!.Value, line.ExpectedShare!.Value));
        Assert.Equal("off_track", line.Status);
        Assert.Equal([2018, 2019], line.Points.Select(p => p.Year));
    }

    [Fact]
    public void Midterm_line_compares_with_the_base_year_and_expects_half_the_way()
    {
        // 2016: 2.0, 2017: 2.2, 2018: 2.4 against 2.8 in 2020: +0.4 (+20 %) since the base year, half the way in half the period; path 2018 = 2.4: on track.
        var target = Rising();
        var series = Points((2016, 2.0m), (2017, 2.2m), (2018, 2.4m));
        var line = MonitoringReport.TargetLine(target, Assess(target, 2.0m, (2016, 2.0m), (2017, 2.2m), (2018, 2.4m)), series, true, Midterm);

        Assert.Equal((2.4m, 2.0m, 0.4m, 20.00m), (line.Value!.Value, line.CompareValue!.Value, line.Change!.Value, line.ChangePercent!.Value));
        Assert.Equal((0.5m, 0.5m), (line.ShareOfWay!.Value, line.ExpectedShare!.Value));
        Assert.Equal("on_track", line.Status);
        Assert.Equal([2016, 2017, 2018], line.Points.Select(p => p.Year));
    }

    [Fact]
    public void Midterm_line_falls_back_on_the_plan_baseline_when_the_base_year_has_no_figure()
    {
        var target = Rising();
        var series = Points((2017, 2.2m), (2018, 2.4m));

        var line = MonitoringReport.TargetLine(target, Assess(target, 2.0m, (2017, 2.2m), (2018, 2.4m)), series, true, Midterm);

        Assert.Equal((2.0m, 0.4m), (line.CompareValue!.Value, line.Change!.Value));
    }

    [Fact]
    public void Falling_target_shares_the_way_down()
    {
        // 降至0.5: baseline 0.7, value 0.6 → (0.6 − 0.7) / (0.5 − 0.7) = 0.5; change from 0.65 is −0.05, −7.69 %.
        var target = new Target("energy", "单位产值能耗", "Energy intensity", "energy", MeasureKind.Level, null,
            new TargetValue(0.5m, null, 2020, Comparator.AtMost), "吨标煤/万元", "zones", Source);
        var series = Points((2018, 0.65m), (2019, 0.6m));

        var line = MonitoringReport.TargetLine(target, Assess(target, 0.7m, (2018, 0.65m), (2019, 0.6m)), series, true, Yearly2019);

        Assert.Equal((0.5m, -0.05m, -7.69m), (line.ShareOfWay!.Value, line.Change!.Value, line.ChangePercent!.Value));
    }

    [Fact]
    public void No_share_when_the_baseline_is_the_goal_and_no_percent_from_zero()
    {
        // A count from 0 to 0 (nothing to climb) has no share; a rise from 0 has a change but no percentage.
        var target = Rising(goal: 0m);
        var series = Points((2018, 0m), (2019, 3m));

        var line = MonitoringReport.TargetLine(target, Assess(target, 0m, (2018, 0m), (2019, 3m)), series, true, Yearly2019);

        Assert.Null(line.ShareOfWay);
        Assert.Equal(3m, line.Change);
        Assert.Null(line.ChangePercent);
    }

    [Theory]
    [InlineData(true, "no_data")]
    [InlineData(false, "no_data_source")]
    public void A_target_without_an_assessment_says_why(bool hasSource, string status)
    {
        var line = MonitoringReport.TargetLine(Rising(), null, [], hasSource, Yearly2019);

        Assert.Equal(status, line.Status);
        Assert.Null(line.Value);
        Assert.Null(line.ExpectedShare);
    }

    [Theory]
    [InlineData(2016, 2020, 2015, 0)]
    [InlineData(2016, 2020, 2017, 0.25)]
    [InlineData(2016, 2020, 2022, 1)]
    [InlineData(2016, 2016, 2018, 1)]
    public void Expected_share_is_the_part_of_the_period_gone(int baselineYear, int goalYear, int year, decimal share)
    {
        Assert.Equal(share, MonitoringReport.ExpectedShare(baselineYear, goalYear, year));
    }

    private static readonly IReadOnlyList<RegistryItemInput> Alliances =
    [
        new("alliance", new DateOnly(2015, 5, 1), null, true),                          // A: standing throughout
        new("alliance", new DateOnly(2019, 3, 1), null, true),                          // B: added in 2019
        new("alliance", new DateOnly(2016, 1, 1), new DateOnly(2019, 6, 30), true),     // C: closed in 2019
        new("alliance", null, null, true),                                              // D: existed before dates were kept
        new("alliance", null, null, false),                                             // E: only planned, never counted
        new("alliance", new DateOnly(2020, 2, 1), null, true),                          // F: after the year
        new("cluster", new DateOnly(2017, 7, 1), null, true),                           // a cluster added in the first half
    ];

    [Fact]
    public void Registry_changes_count_standing_added_and_removed_items_of_the_year()
    {
        // End of 2018: A, C, D = 3; 2019 adds B and closes C; end of 2019: A, B, D = 3.
        var changes = MonitoringReport.RegistryChanges(Alliances, Yearly2019);

        Assert.Equal([new RegistryChangeLine("alliance", 3, 1, 1, 3), new RegistryChangeLine("cluster", 1, 0, 0, 1)], changes);
    }

    [Fact]
    public void Registry_changes_of_the_midterm_run_from_the_base_year()
    {
        // End of 2016: A, C, D; nothing added or closed in 2017–2018 among alliances; the cluster of 2017 is added.
        var changes = MonitoringReport.RegistryChanges(Alliances, Midterm);

        Assert.Equal([new RegistryChangeLine("alliance", 3, 0, 0, 3), new RegistryChangeLine("cluster", 0, 1, 0, 1)], changes);
    }

    [Fact]
    public void Evaluation_chapter_orders_by_rank_and_counts_grades_and_yellow_cards()
    {
        var chapter = MonitoringReport.Evaluation(7, "m",
        [
            new("fuxin", 3, 55m, "fail", true, ["yellow_card"]),
            new("dalian", 1, 90m, "excellent", false, []),
            new("anshan", 2, 70m, "pass", false, []),
        ]);

        Assert.Equal(["dalian", "anshan", "fuxin"], chapter.Zones.Select(z => z.Zone));
        Assert.Equal(1, chapter.YellowCards);
        Assert.Equal(new Dictionary<string, int> { ["excellent"] = 1, ["fail"] = 1, ["pass"] = 1 }, chapter.Grades);
    }

    [Fact]
    public void Assembly_shows_the_task_tree_to_the_second_level_and_deeper_nodes_with_reports()
    {
        var source = new SourceRef("三、重点任务", "q");
        PlanTask Node(string id, TaskKind kind, string? zone, params PlanTask[] children) => new(id, id, id, kind, zone, [], source, children);
        var tasks = new[]
        {
            Node("t", TaskKind.Task, null,
                Node("t.s", TaskKind.Subtask, null,
                    Node("t.s.dalian", TaskKind.Item, "dalian"),
                    Node("t.s.anshan", TaskKind.Item, "anshan"))),
            Node("safeguards", TaskKind.Safeguard, null),
        };
        var plan = new Plan("p", 1, "规划", "Plan", 2016, 2020, [], [], [Rising()], tasks);
        var inputs = new ReportInputs(plan, MonitoringReportKind.Yearly, Yearly2019,
            [(Rising(), null, [], true)], new Dictionary<string, string>(), new Dictionary<string, IReadOnlyList<string>>(),
            new Dictionary<string, IReadOnlyList<ZoneTaskReport>> { ["t.s.dalian"] = [new("dalian", "on_track", "已建成", "文件")] },
            [], null, [new("rectification", "fuxin", 2019, "opened")], [], new Dictionary<string, string> { ["summary"] = " 总体平稳 ", ["outlook"] = "  " });

        var report = MonitoringReport.Assemble(inputs);

        Assert.Equal(["t", "t.s", "t.s.dalian"], report.Tasks.Select(t => t.Id));
        Assert.Equal(2, report.Tasks[2].Depth);
        Assert.Equal(new Dictionary<string, string> { ["summary"] = "总体平稳" }, report.Narratives);
        Assert.Equal(("yearly", 2019), (report.Kind, report.Year));
        Assert.Equal(new Dictionary<string, int> { ["no_data"] = 1 }, report.StatusCounts());
    }

    private static readonly Principal Office = new("office", Roles.Admin, null);
    private static readonly Principal Dalian = new("dl", Roles.ZoneOperator, "dalian");

    [Theory]
    [InlineData("draft", "edit", null)]
    [InlineData("draft", "submit", null)]
    [InlineData("draft", "publish", "report_not_in_review")]
    [InlineData("in_review", "edit", "report_in_review")]
    [InlineData("in_review", "return", null)]
    [InlineData("in_review", "publish", null)]
    [InlineData("published", "edit", "report_published")]
    [InlineData("published", "publish", "report_published")]
    public void Report_moves_draft_to_review_to_published_and_stays_published(string state, string action, string? refused)
    {
        Assert.Equal(refused, MonitoringReportWorkflow.Check(state, action, Office));
    }

    [Fact]
    public void Only_the_office_moves_a_report()
    {
        Assert.Equal("forbidden", MonitoringReportWorkflow.Check("draft", "edit", Dalian));
    }

    private static readonly Dictionary<string, string?> Complete = SelfAssessmentWorkflow.Sections.ToDictionary(s => s, s => (string?)"写了");

    [Theory]
    [InlineData("draft", "edit", "dl", null)]
    [InlineData("draft", "submit", "dl", null)]
    [InlineData("returned", "submit", "dl", null)]
    [InlineData("submitted", "edit", "dl", "assessment_submitted")]
    [InlineData("accepted", "edit", "dl", "assessment_locked")]
    [InlineData("submitted", "accept", "dl", "forbidden")]
    [InlineData("submitted", "accept", "office", null)]
    [InlineData("submitted", "return", "office", null)]
    [InlineData("draft", "accept", "office", "assessment_not_submitted")]
    [InlineData("returned", "return", "office", "assessment_not_submitted")]
    public void Self_assessment_goes_from_draft_to_submitted_to_returned_or_accepted(string state, string action, string who, string? refused)
    {
        Assert.Equal(refused, SelfAssessmentWorkflow.Check(state, action, who == "office" ? Office : Dalian, "dalian", Complete));
    }

    [Fact]
    public void Self_assessment_is_submitted_only_with_all_five_sections_and_only_by_its_zone()
    {
        var missing = new Dictionary<string, string?>(Complete) { ["problems"] = " " };

        Assert.Equal("assessment_incomplete", SelfAssessmentWorkflow.Check("draft", "submit", Dalian, "dalian", missing));
        Assert.Equal("forbidden", SelfAssessmentWorkflow.Check("draft", "edit", Dalian, "anshan", Complete));
    }
}
