using Gaoxin.Core.Demo;
using Gaoxin.Core.Market;
using Gaoxin.Core.Tests.SiteSelection;

namespace Gaoxin.Core.Tests;

/// <summary>The market's demo generator: the same profiles for the same seed, plausible and clearly fictional.</summary>
public sealed class MarketDemoTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Fact]
    public void The_same_seed_gives_the_same_profiles_and_another_seed_others()
    {
        DemoInstitution[] institutions = [new(7, "示例大学(演示)", "university", "辽宁省沈阳市", null)];
        var a = MarketDemo.Generate(5, 200, 400, institutions, Today);
        var b = MarketDemo.Generate(5, 200, 400, institutions, Today);
        Assert.Equal(a.Demands, b.Demands);
        Assert.Equal(a.Achievements, b.Achievements);
        Assert.NotEqual(a.Demands.Select(d => d.Title), MarketDemo.Generate(6, 200, 400, institutions, Today).Demands.Select(d => d.Title));
    }

    [Fact]
    public void Profiles_cover_the_8_domains_with_texts_of_60_to_200_characters_and_fictional_contacts()
    {
        var catalog = IndustryCatalogTests.Catalog();
        var set = MarketDemo.Generate(2017, 1_000, 2_000, [], Today);
        Assert.All(MarketDemo.Topics, t => Assert.NotNull(catalog.Find(t.Field)));
        Assert.Equal(8, set.Achievements.Select(a => catalog.DomainOf(a.Field)).OfType<string>().Distinct().Count());
        Assert.All(set.Demands, d =>
        {
            Assert.InRange(d.Problem.Length, 60, 200);
            Assert.EndsWith("(演示)", d.Title);
            Assert.EndsWith("有限公司", d.EnterpriseName);
            Assert.Matches(@"^138-0000-\d{4}$", d.ContactPhone);
            Assert.EndsWith("@example.cn", d.ContactEmail);
            Assert.True(d.BudgetMinWan is null || d.BudgetMaxWan > d.BudgetMinWan);
            Assert.True(d.Deadline > Today);
            Assert.StartsWith("辽宁省", d.Region);
        });
        Assert.All(set.Achievements, a =>
        {
            Assert.InRange(a.Description.Length, 60, 200);
            Assert.Equal(MarketTerms.StageOfTrl(a.Trl), a.Maturity);
            Assert.NotNull(MarketTerms.Find(MarketTerms.IpStatuses, a.IpStatus));
            Assert.All(a.CooperationModes.Split(','), m => Assert.NotNull(MarketTerms.Find(MarketTerms.CooperationModes, m)));
            Assert.True(a.IpNumbers is null || a.IpNumbers.Split(',').All(n => n.StartsWith("DEMO-", StringComparison.Ordinal)));
        });
        // Mostly Liaoning, some from the plan's partner regions.
        var outside = set.Achievements.Count(a => !a.Region.StartsWith("辽宁省", StringComparison.Ordinal));
        Assert.InRange(outside, 100, 700);
        Assert.Contains(set.Achievements, a => a.Region == "北京市");
        Assert.Contains(set.Achievements, a => a.Region == "上海市");
        Assert.Contains(set.Achievements, a => a.Region.StartsWith("江苏省", StringComparison.Ordinal));
    }
}
