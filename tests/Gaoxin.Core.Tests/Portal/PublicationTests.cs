using Gaoxin.Core.Collection;
using Gaoxin.Core.Portal;

namespace Gaoxin.Core.Tests.Portal;

/// <summary>The publishing workflow every portal item follows, and the one rule for what the public sees.</summary>
public class PublicationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly Principal Office = new("office@example.org", Roles.Admin, null);
    private static readonly Principal ShenyangOperator = new("op@shenyang", Roles.ZoneOperator, "shenyang");
    private static readonly Principal Enterprise = new("ent@example.org", Roles.Enterprise, null);

    [Theory]
    [InlineData(PublicationState.Draft, PublicationStage.Draft)]
    [InlineData(PublicationState.InReview, PublicationStage.InReview)]
    [InlineData(PublicationState.Withdrawn, PublicationStage.Withdrawn)]
    [InlineData(PublicationState.Published, PublicationStage.Public)]
    public void Without_dates_the_stage_is_the_state(PublicationState state, PublicationStage stage) =>
        Assert.Equal(stage, Publication.StageAt(state, null, null, Now));

    [Fact]
    public void A_published_item_with_a_release_time_ahead_is_scheduled_and_not_public()
    {
        Assert.Equal(PublicationStage.Scheduled, Publication.StageAt(PublicationState.Published, Now.AddMinutes(1), null, Now));
        Assert.False(Publication.IsPublic(PublicationState.Published, Now.AddMinutes(1), null, Now));
    }

    [Fact]
    public void A_release_time_that_has_come_makes_it_public_at_that_instant() =>
        Assert.True(Publication.IsPublic(PublicationState.Published, Now, null, Now));

    [Fact]
    public void Validity_ends_at_the_expiry_instant_without_anyone_acting()
    {
        Assert.True(Publication.IsPublic(PublicationState.Published, null, Now.AddTicks(1), Now));
        Assert.Equal(PublicationStage.Expired, Publication.StageAt(PublicationState.Published, null, Now, Now));
        Assert.False(Publication.IsPublic(PublicationState.Published, null, Now, Now));
    }

    [Theory]
    [InlineData(PublicationState.Draft)]
    [InlineData(PublicationState.InReview)]
    [InlineData(PublicationState.Withdrawn)]
    public void Only_a_published_item_is_ever_public(PublicationState state) =>
        Assert.False(Publication.IsPublic(state, Now.AddDays(-1), Now.AddDays(1), Now));

    [Fact]
    public void A_zone_operator_writes_and_submits_the_items_of_their_own_zone_only()
    {
        Assert.Null(Publication.Check(PublicationState.Draft, PublicationAction.Edit, ShenyangOperator, "shenyang"));
        Assert.Null(Publication.Check(PublicationState.Draft, PublicationAction.Submit, ShenyangOperator, "shenyang"));
        Assert.Equal("forbidden", Publication.Check(PublicationState.Draft, PublicationAction.Edit, ShenyangOperator, "dalian"));
        Assert.Equal("forbidden", Publication.Check(PublicationState.Draft, PublicationAction.Edit, ShenyangOperator, null));
        Assert.Equal("forbidden", Publication.Check(PublicationState.Draft, PublicationAction.Edit, Enterprise, "shenyang"));
    }

    [Theory]
    [InlineData(PublicationAction.Publish)]
    [InlineData(PublicationAction.Return)]
    public void Only_the_office_reviews(PublicationAction action)
    {
        Assert.Equal("forbidden", Publication.Check(PublicationState.InReview, action, ShenyangOperator, "shenyang"));
        Assert.Null(Publication.Check(PublicationState.InReview, action, Office, "shenyang"));
    }

    [Fact]
    public void An_item_in_review_or_published_cannot_be_edited_so_approved_text_is_never_overwritten()
    {
        Assert.Equal("publication_in_review", Publication.Check(PublicationState.InReview, PublicationAction.Edit, Office, null));
        Assert.Equal("publication_published", Publication.Check(PublicationState.Published, PublicationAction.Edit, Office, null));
    }

    [Fact]
    public void The_steps_follow_draft_review_published_withdrawn_and_back_to_draft()
    {
        var state = PublicationState.Draft;
        foreach (var (action, expected) in new[]
                 {
                     (PublicationAction.Submit, PublicationState.InReview),
                     (PublicationAction.Return, PublicationState.Draft),
                     (PublicationAction.Submit, PublicationState.InReview),
                     (PublicationAction.Publish, PublicationState.Published),
                     (PublicationAction.Withdraw, PublicationState.Withdrawn),
                     (PublicationAction.Edit, PublicationState.Draft),
                 })
        {
            Assert.Null(Publication.Check(state, action, Office, "shenyang"));
            state = Publication.After(state, action);
            Assert.Equal(expected, state);
        }
    }

    [Fact]
    public void Steps_out_of_order_are_refused_with_their_own_codes()
    {
        Assert.Equal("publication_not_draft", Publication.Check(PublicationState.InReview, PublicationAction.Submit, Office, null));
        Assert.Equal("publication_not_in_review", Publication.Check(PublicationState.Draft, PublicationAction.Publish, Office, null));
        Assert.Equal("publication_not_published", Publication.Check(PublicationState.Draft, PublicationAction.Withdraw, Office, null));
    }
}
