using Gaoxin.Core.Applications;
using Gaoxin.Core.Collection;

namespace Gaoxin.Core.Tests.Applications;

public class ApplicationRulesTests
{
    private static readonly Principal Office = new("office", Roles.Admin, null);
    private static readonly Principal Operator = new("op", Roles.ZoneOperator, "SY");
    private static readonly Principal Expert = new("wang", Roles.Expert, null);

    [Theory]
    // The path of a new provincial zone: submitted → conditions_checked → in_review → reviewed → approved.
    [InlineData(ApplicationKind.NewProvincial, ApplicationState.Submitted, ApplicationAction.CheckConditions, ApplicationState.ConditionsChecked)]
    [InlineData(ApplicationKind.NewProvincial, ApplicationState.ConditionsChecked, ApplicationAction.StartReview, ApplicationState.InReview)]
    [InlineData(ApplicationKind.NewProvincial, ApplicationState.InReview, ApplicationAction.CompleteReview, ApplicationState.Reviewed)]
    [InlineData(ApplicationKind.NewProvincial, ApplicationState.Reviewed, ApplicationAction.Approve, ApplicationState.Approved)]
    // A national proposal approved by the province is proposed; the ministry's approval promotes it.
    [InlineData(ApplicationKind.NationalProposal, ApplicationState.Reviewed, ApplicationAction.Approve, ApplicationState.Proposed)]
    [InlineData(ApplicationKind.NationalProposal, ApplicationState.Proposed, ApplicationAction.RecordMinistryApproval, ApplicationState.MinistryApproved)]
    [InlineData(ApplicationKind.NationalProposal, ApplicationState.Proposed, ApplicationAction.Reject, ApplicationState.Rejected)]
    [InlineData(ApplicationKind.NewProvincial, ApplicationState.Submitted, ApplicationAction.Reject, ApplicationState.Rejected)]
    [InlineData(ApplicationKind.NewProvincial, ApplicationState.InReview, ApplicationAction.Reject, ApplicationState.Rejected)]
    public void Steps_move_the_application_forward(ApplicationKind kind, ApplicationState from, ApplicationAction action, ApplicationState to)
    {
        Assert.Null(ApplicationRules.Check(kind, from, action, Office));
        Assert.Equal(to, ApplicationRules.Next(kind, from, action));
    }

    [Theory]
    [InlineData(ApplicationKind.NewProvincial, ApplicationState.Submitted, ApplicationAction.Approve, "application_wrong_step")]      // no skipping the review
    [InlineData(ApplicationKind.NewProvincial, ApplicationState.InReview, ApplicationAction.Approve, "application_wrong_step")]       // the panel must close first
    [InlineData(ApplicationKind.NewProvincial, ApplicationState.Reviewed, ApplicationAction.RecordMinistryApproval, "application_wrong_step")]
    [InlineData(ApplicationKind.NewProvincial, ApplicationState.Approved, ApplicationAction.Reject, "application_closed")]
    [InlineData(ApplicationKind.NationalProposal, ApplicationState.MinistryApproved, ApplicationAction.Reject, "application_closed")]
    [InlineData(ApplicationKind.NewProvincial, ApplicationState.Rejected, ApplicationAction.CheckConditions, "application_closed")]
    public void Steps_out_of_order_are_refused(ApplicationKind kind, ApplicationState from, ApplicationAction action, string code) =>
        Assert.Equal(code, ApplicationRules.Check(kind, from, action, Office));

    [Fact]
    public void Only_the_office_takes_the_steps()
    {
        Assert.Equal("forbidden", ApplicationRules.Check(ApplicationKind.NationalProposal, ApplicationState.Reviewed, ApplicationAction.Approve, Operator));
        Assert.Equal("forbidden", ApplicationRules.Check(ApplicationKind.NewProvincial, ApplicationState.Submitted, ApplicationAction.CheckConditions, Expert));
    }

    [Theory]
    // The office records a county's or city's application; a zone's operator may propose their own zone for national level only.
    [InlineData(ApplicationKind.NewProvincial, "office", "NEW1", null)]
    [InlineData(ApplicationKind.NewProvincial, "op", "SY", "forbidden")]
    [InlineData(ApplicationKind.NationalProposal, "op", "SY", null)]
    [InlineData(ApplicationKind.NationalProposal, "op", "DL", "forbidden")]
    [InlineData(ApplicationKind.NationalProposal, "wang", "SY", "forbidden")]
    public void Who_may_apply(ApplicationKind kind, string who, string zone, string? expected)
    {
        var principal = who switch { "office" => Office, "op" => Operator, _ => Expert };

        Assert.Equal(expected, ApplicationRules.CheckSubmit(kind, principal, zone));
    }

    private static readonly ApplicationChecklist Checklist = new(ApplicationKind.NewProvincial, "新设省级高新区", "New", null, null,
    [
        new ApplicationCondition("revenue", "营业收入不少于100亿元", "Revenue ≥ 100", "revenue", ">=", 100m, true, null, null),
        new ApplicationCondition("hte", "高新技术企业不少于20家", "HTE ≥ 20", "hte_count", ">=", 20m, true, null, null),
    ]);

    [Fact]
    public void Checklist_meets_at_the_threshold_and_fails_below_it()
    {
        // revenue 100 ≥ 100 is met (the threshold itself passes); hte 19 < 20 fails.
        var results = ApplicationRules.Evaluate(Checklist, new Dictionary<string, decimal?> { ["revenue"] = 100m, ["hte_count"] = 19m });

        Assert.Equal([true, false], results.Select(r => r.Met));
        Assert.False(ApplicationRules.AllMet(results));
    }

    [Fact]
    public void A_missing_figure_leaves_its_condition_undecided()
    {
        var results = ApplicationRules.Evaluate(Checklist, new Dictionary<string, decimal?> { ["revenue"] = 150m });

        Assert.Equal([true, null], results.Select(r => r.Met));
        Assert.Null(ApplicationRules.AllMet(results));
        Assert.True(ApplicationRules.AllMet(ApplicationRules.Evaluate(Checklist,
            new Dictionary<string, decimal?> { ["revenue"] = 150m, ["hte_count"] = 25m })));
    }

    [Fact]
    public void The_bundled_conditions_read_and_quote_the_plan()
    {
        var root = EvaluationModelParserTests.RepositoryRoot();
        var (lists, errors) = ApplicationRules.ParseConditions(
            File.ReadAllText(Path.Combine(root, "governance", "application-conditions.yaml")),
            File.ReadAllText(Path.Combine(root, "plans", "liaoning-2017-2020.txt")));

        Assert.Empty(errors);
        Assert.Equal([ApplicationKind.NewProvincial, ApplicationKind.NationalProposal], lists.Select(l => l.Kind));
        Assert.Equal("新增省级高新区10家", lists[0].SourceQuote);
        Assert.All(lists.SelectMany(l => l.Conditions), c => Assert.True(c.OfficeSetting));
    }

    [Fact]
    public void Conditions_file_problems_are_reported()
    {
        const string yaml = """
            kinds:
              - kind: new_zone
              - kind: new_provincial
                source: {section: x, quote: "不在规划中的话"}
                conditions:
                  - {id: a, element: revenue, comparator: "~", threshold: 1, officeSetting: true}
                  - {id: b, element: revenue, comparator: ">=", threshold: 1}
            """;

        var (_, errors) = ApplicationRules.ParseConditions(yaml, "规划全文");

        Assert.Equal(["unknown kind new_zone", "new_provincial: the quote is not in the plan text", "new_provincial/a: unknown comparator ~",
            "new_provincial/b: a threshold no text gives must be marked officeSetting"], errors);
    }
}
