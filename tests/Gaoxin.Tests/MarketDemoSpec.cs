using System.Diagnostics;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Demo;
using Gaoxin.Core.Market;
using Gaoxin.Core.Portal;
using Gaoxin.Data;
using Gaoxin.Data.Market;
using Gaoxin.Data.SiteSelection;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Gaoxin.Tests;

/// <summary>
/// <c>gaoxin demo seed</c> loads the technology market's demo profiles: 1,500 demands and 3,000 achievements, published for a
/// year, all marked demo, with fictional contacts, the same profiles on every run and provider (<see cref="MarketDemo"/>,
/// seed <see cref="MarketDemoLoad.Seed"/>).
/// </summary>
public abstract class MarketDemoSpec(ITestStore store, ITestOutputHelper output) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await store.DisposeAsync();

    [Fact]
    public async Task Demo_seed_loads_the_market_profiles_published_marked_demo_and_the_same_as_the_generator_gives()
    {
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, (await CliRun.RunAsync("demo", "seed", "--db", store.DbArgument)).ExitCode);
        output.WriteLine($"demo seed: {clock.Elapsed.TotalSeconds:0.0} s");
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var demands = await db.MarketDemands.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
        var achievements = await db.MarketAchievements.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(MarketDemoLoad.Demands, demands.Count);
        Assert.Equal(MarketDemoLoad.Achievements, achievements.Count);

        var created = demands[0].CreatedAt;
        var today = Publication.Today(created);
        Assert.All(demands, d =>
        {
            Assert.True(d.IsDemo);
            Assert.Equal(PublicationState.Published, d.State);
            Assert.Equal(today.AddYears(1), d.ValidUntil);
            Assert.EndsWith("(演示)", d.Title);
            Assert.EndsWith("有限公司", d.EnterpriseName);
            Assert.StartsWith("138-0000-", d.ContactPhone);
            Assert.EndsWith("@example.cn", d.ContactEmail);
            Assert.InRange(d.Problem.Length, 60, 200);
        });
        Assert.All(achievements, a =>
        {
            Assert.True(a.IsDemo);
            Assert.Equal(PublicationState.Published, a.State);
            Assert.Equal(MarketTerms.StageOfTrl(a.Trl!.Value), a.Maturity);
            Assert.InRange(a.Description.Length, 60, 200);
            Assert.True(a.IpNumbers is null || a.IpNumbers.StartsWith("DEMO-", StringComparison.Ordinal), a.IpNumbers);
        });
        // Every field is an industry code; the 8 domains' subjects and the zones' leading industries are all there.
        var catalog = IndustryCatalogFile.Load(GaoxinDatabase.BundleDirectory);
        Assert.All(achievements.Select(a => a.Field).Concat(demands.Select(d => d.Field)), f => Assert.NotNull(catalog.Find(f)));
        Assert.Equal(8, achievements.Select(a => catalog.DomainOf(a.Field)).Where(d => d is not null).Distinct().Count());
        Assert.Contains(achievements, a => a.Region == "北京市");
        Assert.Contains(achievements, a => a.Region!.StartsWith("江苏省", StringComparison.Ordinal));
        Assert.Contains(achievements, a => a.Region == "上海市");
        var audit = await db.Audit.AsNoTracking().SingleAsync(a => a.Action == "market_demo_loaded");
        Assert.Equal($"{MarketDemoLoad.Demands} demo demands, {MarketDemoLoad.Achievements} demo achievements (seed {MarketDemoLoad.Seed})", audit.Comment);

        // Deterministic: the stored profiles are the generator's for the seed, with the institutions on record (the seeded ones).
        var institutions = (await db.MarketInstitutions.AsNoTracking().OrderBy(i => i.Id).ToListAsync())
            .Select(i => new DemoInstitution(i.Id, i.Name, i.Kind, i.Region, i.ZoneCode)).ToList();
        Assert.NotEmpty(institutions);
        var expected = MarketDemo.Generate(MarketDemoLoad.Seed, MarketDemoLoad.Demands, MarketDemoLoad.Achievements, institutions, today);
        Assert.Equal(expected.Demands.Select(d => (d.Title, d.Problem, d.Field, d.BudgetMinWan, d.ContactPhone)),
            demands.Select(d => (d.Title, d.Problem, d.Field, d.BudgetMinWan, d.ContactPhone!)));
        Assert.Equal(expected.Achievements.Select(a => (a.Title, a.Description, a.Maturity, a.OwnerName, a.PriceMaxWan)),
            achievements.Select(a => (a.Title, a.Description, a.Maturity, a.OwnerName, a.PriceMaxWan)));
    }

    [Fact]
    public async Task Achievements_are_owned_by_the_institutions_on_record_and_a_second_load_adds_nothing()
    {
        var clock = TimeProvider.System;
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        await GaoxinDatabase.InitializeAsync(db, GaoxinDatabase.BundleDirectory, clock);
        db.MarketInstitutions.AddRange(
            new MarketInstitutionRecord { Name = "示例理工大学(演示)", Kind = "university", Region = "辽宁省大连市", ZoneCode = "dalian", IsDemo = true, CreatedBy = "test" },
            new MarketInstitutionRecord { Name = "示例材料研究所(演示)", Kind = "institute", Region = "辽宁省沈阳市", IsDemo = true, CreatedBy = "test" });
        await db.SaveChangesAsync();
        var who = new Principal("office", Roles.Admin, null);
        var catalog = IndustryCatalogFile.Load(GaoxinDatabase.BundleDirectory);
        var timer = Stopwatch.StartNew();
        Assert.Equal((1_500, 3_000), await MarketDemoLoad.SeedDemoAsync(db, catalog, who, clock, default));
        output.WriteLine($"{store.Provider}: 4,500 profiles loaded in {timer.Elapsed.TotalSeconds:0.00} s");
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(60), $"{timer.Elapsed}");
        var institutions = await db.MarketInstitutions.AsNoTracking().ToDictionaryAsync(i => i.Id);
        var achievements = await db.MarketAchievements.AsNoTracking().ToListAsync();
        var owned = achievements.Where(a => a.InstitutionId is not null).ToList();
        // Three in four drawn from the institutions (binomial, 3,000 draws: 2,250 ± 3σ ≈ 71).
        Assert.InRange(owned.Count, 2_150, 2_350);
        Assert.All(owned, a => Assert.Equal(institutions[a.InstitutionId!.Value].Name, a.OwnerName));
        Assert.All(achievements, a => Assert.Equal("office", a.Owner));
        Assert.Equal((0, 0), await MarketDemoLoad.SeedDemoAsync(db, catalog, who, clock, default));
        Assert.Equal(3_000, await db.MarketAchievements.CountAsync());
    }
}

public sealed class MarketDemoOnSqlite(ITestOutputHelper output) : MarketDemoSpec(new SqliteTestStore(), output);

public sealed class MarketDemoOnPostgres(ITestOutputHelper output) : MarketDemoSpec(new PostgresTestStore(), output);
