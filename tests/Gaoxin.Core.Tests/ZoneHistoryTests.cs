using Gaoxin.Core.Plans;
using Gaoxin.Core.Zones;

namespace Gaoxin.Core.Tests;

/// <summary>How events change a zone's level and status over the years.</summary>
public class ZoneHistoryTests
{
    private static readonly ZoneState ActiveProvincial = new(ZoneLevel.Provincial, ZoneStatus.Active);

    [Fact]
    public void A_new_zone_starts_active_at_the_level_it_is_approved_at() =>
        Assert.Equal(ActiveProvincial, ZoneHistory.Apply(null, ZoneEventKind.Established, ZoneLevel.Provincial).State);

    [Fact]
    public void Only_a_recorded_zone_takes_a_yellow_card() =>
        Assert.Equal("zone_not_established", ZoneHistory.Apply(null, ZoneEventKind.YellowCard).ErrorCode);

    [Fact]
    public void Promotion_raises_a_provincial_zone_to_national_and_not_twice()
    {
        var promoted = ZoneHistory.Apply(ActiveProvincial, ZoneEventKind.Promoted).State!;

        Assert.Equal(ZoneLevel.National, promoted.Level);
        Assert.Equal("already_national", ZoneHistory.Apply(promoted, ZoneEventKind.Promoted).ErrorCode);
    }

    [Fact]
    public void Rectification_lifts_a_yellow_card_only_when_there_is_one()
    {
        var warned = ZoneHistory.Apply(ActiveProvincial, ZoneEventKind.YellowCard).State!;

        Assert.Equal(ZoneStatus.YellowCard, warned.Status);
        Assert.Equal(ZoneStatus.Active, ZoneHistory.Apply(warned, ZoneEventKind.Rectified).State!.Status);
        Assert.Equal("no_yellow_card", ZoneHistory.Apply(ActiveProvincial, ZoneEventKind.Rectified).ErrorCode);
    }

    [Fact]
    public void A_delisted_zone_takes_no_further_events()
    {
        var delisted = ZoneHistory.Apply(ActiveProvincial, ZoneEventKind.Delisted).State!;

        Assert.Equal("zone_delisted", ZoneHistory.Apply(delisted, ZoneEventKind.Rectified).ErrorCode);
    }

    [Fact]
    public void By_year_gives_the_state_at_each_year_end_from_the_first_event()
    {
        ZoneEvent[] events =
        [
            new(new DateOnly(2016, 12, 31), ZoneEventKind.Listed, ZoneLevel.Provincial, ZoneStatus.Active, "plan"),
            new(new DateOnly(2018, 3, 1), ZoneEventKind.YellowCard, ZoneLevel.Provincial, ZoneStatus.YellowCard, "通报"),
            new(new DateOnly(2019, 2, 1), ZoneEventKind.Rectified, ZoneLevel.Provincial, ZoneStatus.Active, "验收"),
            new(new DateOnly(2019, 11, 1), ZoneEventKind.Promoted, ZoneLevel.National, ZoneStatus.Active, "国函"),
        ];

        var years = ZoneHistory.ByYear(events, 2015, 2020);

        Assert.Equal(
            [
                new ZoneYear(2016, ZoneLevel.Provincial, ZoneStatus.Active),
                new ZoneYear(2017, ZoneLevel.Provincial, ZoneStatus.Active),
                new ZoneYear(2018, ZoneLevel.Provincial, ZoneStatus.YellowCard),
                new ZoneYear(2019, ZoneLevel.National, ZoneStatus.Active),
                new ZoneYear(2020, ZoneLevel.National, ZoneStatus.Active),
            ],
            years);
    }
}
