using Gaoxin.Core.Collection;
using Gaoxin.Core.Market;
using Gaoxin.Core.Portal;
using Gaoxin.Core.SiteSelection;

namespace Gaoxin.Core.Tests.Market;

/// <summary>The market's ownership rule on top of the publishing workflow, renewal bounds and the checks of a profile.</summary>
public sealed class MarketWorkflowTests
{
    private static readonly Principal Office = new("office@example.org", Roles.Admin, null);
    private static readonly Principal FirmA = new("a@example.org", Roles.Enterprise, null);
    private static readonly Principal FirmB = new("b@example.org", Roles.Enterprise, null);
    private static readonly Principal Shenyang = new("sy@example.org", Roles.ZoneOperator, "shenyang");
    private static readonly Principal Dalian = new("dl@example.org", Roles.ZoneOperator, "dalian");

    public static TheoryData<string, PublicationState, PublicationAction, string?> Steps => new()
    {
        // Owner A, zone shenyang. The owner and the zone write; another enterprise or zone does not; only the office decides.
        { "a", PublicationState.Draft, PublicationAction.Edit, null },
        { "a", PublicationState.Draft, PublicationAction.Submit, null },
        { "b", PublicationState.Draft, PublicationAction.Edit, "forbidden" },
        { "sy", PublicationState.Draft, PublicationAction.Edit, null },
        { "dl", PublicationState.Draft, PublicationAction.Submit, "forbidden" },
        { "a", PublicationState.InReview, PublicationAction.Publish, "forbidden" },
        { "sy", PublicationState.InReview, PublicationAction.Return, "forbidden" },
        { "office", PublicationState.InReview, PublicationAction.Publish, null },
        { "office", PublicationState.Draft, PublicationAction.Publish, "publication_not_in_review" },
        { "a", PublicationState.InReview, PublicationAction.Edit, "publication_in_review" },
        { "a", PublicationState.Published, PublicationAction.Edit, "publication_published" },
        { "a", PublicationState.Published, PublicationAction.Withdraw, "forbidden" },
        { "office", PublicationState.Published, PublicationAction.Withdraw, null },
        { "a", PublicationState.Withdrawn, PublicationAction.Edit, null },
    };

    private static Principal Who(string name) => name switch { "a" => FirmA, "b" => FirmB, "sy" => Shenyang, "dl" => Dalian, _ => Office };

    [Theory]
    [MemberData(nameof(Steps))]
    public void Check_applies_ownership_then_the_publishing_workflow(string who, PublicationState state, PublicationAction action, string? expected) =>
        Assert.Equal(expected, MarketWorkflow.Check(state, action, Who(who), FirmA.Name, "shenyang"));

    [Fact]
    public void A_zone_operator_creates_only_in_their_zone_and_an_enterprise_anywhere()
    {
        Assert.Null(MarketWorkflow.CheckCreate(Shenyang, "shenyang"));
        Assert.Equal("forbidden", MarketWorkflow.CheckCreate(Shenyang, "dalian"));
        Assert.Equal("forbidden", MarketWorkflow.CheckCreate(Shenyang, null));
        Assert.Null(MarketWorkflow.CheckCreate(FirmA, null));
        Assert.Null(MarketWorkflow.CheckCreate(Office, "dalian"));
    }

    [Theory]
    [InlineData(3, 3, null)]
    [InlineData(2, 3, "stale_version")]
    [InlineData(null, 3, "version_required")]
    public void A_change_must_be_made_against_the_current_version(int? sent, int current, string? expected) =>
        Assert.Equal(expected, MarketWorkflow.CheckVersion(current, sent));

    [Fact]
    public void Renewal_moves_a_published_profiles_day_later_within_a_year_from_today_in_china_time()
    {
        // 2026-03-14 01:00 China time is still 03-13 in UTC: the office's day is the 14th.
        var now = new DateTimeOffset(2026, 3, 13, 17, 0, 0, TimeSpan.Zero);
        DateOnly? current = new DateOnly(2026, 3, 12);
        Assert.Null(MarketWorkflow.CheckRenewal(PublicationState.Published, FirmA, FirmA.Name, "shenyang", current, new DateOnly(2027, 3, 15), now));
        Assert.Equal("valid_until_too_far", MarketWorkflow.CheckRenewal(PublicationState.Published, FirmA, FirmA.Name, "shenyang", current, new DateOnly(2027, 3, 16), now));
        Assert.Equal("valid_until_past", MarketWorkflow.CheckRenewal(PublicationState.Published, FirmA, FirmA.Name, "shenyang", current, new DateOnly(2026, 3, 13), now));
        Assert.Equal("valid_until_not_later", MarketWorkflow.CheckRenewal(PublicationState.Published, FirmA, FirmA.Name, "shenyang", new DateOnly(2026, 6, 1), new DateOnly(2026, 5, 1), now));
        Assert.Equal("publication_not_published", MarketWorkflow.CheckRenewal(PublicationState.Draft, FirmA, FirmA.Name, "shenyang", current, new DateOnly(2026, 6, 1), now));
        Assert.Equal("forbidden", MarketWorkflow.CheckRenewal(PublicationState.Published, Dalian, FirmA.Name, "shenyang", current, new DateOnly(2026, 6, 1), now));
        Assert.Null(MarketWorkflow.CheckRenewal(PublicationState.Published, Shenyang, FirmA.Name, "shenyang", current, new DateOnly(2026, 6, 1), now));
    }

    private static readonly IndustryCatalog Catalog = new(
        [
            new Industry("advanced_manufacturing", true, "先进制造", "Advanced manufacturing", null, [], []),
            new Industry("hydraulics", false, "液压", "Hydraulics", "advanced_manufacturing", [], []),
        ],
        new SiteWeights(40, 25, 15, 10, 10));

    private static IReadOnlyList<string> Problems(MarketProfileInput input) =>
        MarketValidation.Check(input, Catalog, new HashSet<string> { "shenyang" }, new HashSet<int> { 7 }, new DateOnly(2026, 3, 14))
            .Select(p => $"{p.Field}:{p.Code}").ToList();

    private static MarketProfileInput Achievement(string maturity = "pilot", int? trl = 6, decimal? min = 10, decimal? max = 20, string modes = "license") =>
        new(MarketSide.Achievement, "成果", "简介", "hydraulics", null, null, null, null, null, null, Maturity: maturity, Trl: trl, IpStatus: "none",
            CooperationModes: modes, PriceMinWan: min, PriceMaxWan: max, OwnerName: "某所");

    [Fact]
    public void A_sound_achievement_has_no_problem_and_a_range_may_be_a_single_value()
    {
        Assert.Empty(Problems(Achievement()));
        Assert.Empty(Problems(Achievement(min: 15, max: 15)));
        Assert.Empty(Problems(Achievement(min: 0, max: null)));
    }

    [Theory]
    // TRL stages (MarketTerms.StageOfTrl): 1–3 lab, 4–5 small pilot, 6–7 pilot, 8–9 industrial.
    [InlineData("pilot", 5, "trl:trl_not_in_stage")]
    [InlineData("pilot", 8, "trl:trl_not_in_stage")]
    [InlineData("lab", 0, "trl:trl_out_of_range")]
    [InlineData("industrial", 10, "trl:trl_out_of_range")]
    [InlineData("prototype", null, "maturity:unknown_maturity")]
    public void The_trl_falls_in_its_maturity_stage(string maturity, int? trl, string expected) =>
        Assert.Equal([expected], Problems(Achievement(maturity, trl)));

    [Fact]
    public void Ranges_codes_and_lists_are_checked_and_located()
    {
        Assert.Equal(["priceMinWan:min_above_max"], Problems(Achievement(min: 21, max: 20)));
        Assert.Equal(["priceMinWan:negative_amount"], Problems(Achievement(min: -1, max: 20)));
        Assert.Equal(["cooperationModes:unknown_cooperation"], Problems(Achievement(modes: "license、barter")));
        var demand = new MarketProfileInput(MarketSide.Demand, "需求", "问题", "biomedicine", null, "dalian", null, null, "not-an-address", new DateOnly(2027, 3, 16),
            EnterpriseName: null, CreditCode: "123");
        Assert.Equal(["field:unknown_field", "zone:unknown_zone", "contactEmail:invalid_email", "enterpriseName:enterprise_required", "creditCode:invalid_credit_code",
            "validUntil:valid_until_too_far"], Problems(demand));
        Assert.Equal(["title:control_character"], Problems(Achievement() with { Title = "成\u0000果" }));
    }

    [Fact]
    public void Lists_accept_chinese_separators_and_are_stored_with_commas() =>
        Assert.Equal("主轴,热变形,补偿", MarketValidation.Join("主轴、热变形，补偿, 主轴"));
}
