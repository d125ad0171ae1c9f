using Gaoxin.Core.Collection;
using Gaoxin.Core.Monitoring;
using Gaoxin.Core.Plans;
using Gaoxin.Core.Registries;

namespace Gaoxin.Core.Tests;

/// <summary>How the bundled monitoring file measures the plan's targets, checked on small sets worked out by hand.</summary>
public class MeasureTests
{
    private static DataSetDefinition DataSet() => BundledFiles.DataSet();

    private static MonitoringDefinition Monitoring() => BundledFiles.Monitoring();

    private static Plan Plan()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "plans");
        var result = PlanParser.Parse("liaoning-2017-2020.yaml", File.ReadAllText(Path.Combine(folder, "liaoning-2017-2020.yaml")),
            name => File.ReadAllText(Path.Combine(folder, name)));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Plan!;
    }

    [Fact]
    public void Every_target_of_the_bundled_plan_has_a_data_source()
    {
        var monitoring = Monitoring();

        Assert.Empty(Plan().Targets.Where(t => monitoring.Find(t.Measure) is null).Select(t => t.Id));
    }

    [Theory]
    [InlineData("innovative_clusters_per_zone", "cluster.standing")]
    [InlineData("focus_emerging_industries_per_zone", "focus_industry.standing")]
    [InlineData("key_technologies_mastered", "outcome(key_technology).new+")]
    [InlineData("new_products_developed", "outcome(new_product).new+")]
    [InlineData("leading_talents_recruited", "talent(person)[leading].new+")]
    public void The_new_sources_read_the_registries(string measure, string count)
    {
        var definition = Monitoring().Find(measure)!;
        var element = Assert.Single(definition.Formula!.Operands()).Element;

        Assert.Equal(count, DataSet().Elements.Single(e => e.Code == element).Derived!.ToString());
    }

    // Approved figures of two zones, as the registries would fill them: (zone, element, year) → value.
    private static readonly Dictionary<(string, string, int), decimal> Figures = new()
    {
        // Key technologies recorded to date: jia 3 by 2016, 40 by 2020; yi 1 by 2016, 25 by 2020.
        [("jia", "key_technologies_to_date", 2016)] = 3, [("jia", "key_technologies_to_date", 2020)] = 40,
        [("yi", "key_technologies_to_date", 2016)] = 1, [("yi", "key_technologies_to_date", 2020)] = 25,
        // Leading talents to date: jia 2 by 2016 and 9 by 2020; yi none.
        [("jia", "leading_talents_to_date", 2016)] = 2, [("jia", "leading_talents_to_date", 2020)] = 9,
        [("yi", "leading_talents_to_date", 2016)] = 0, [("yi", "leading_talents_to_date", 2020)] = 0,
        // Clusters and focus industries standing at the end of 2020.
        [("jia", "clusters", 2020)] = 4, [("yi", "clusters", 2020)] = 1,
        [("jia", "focus_industries", 2020)] = 2, [("yi", "focus_industries", 2020)] = 1,
        // High-tech enterprises: jia 100 → 230, yi 60 → 110 from 2017 to 2020.
        [("jia", "hte_count", 2017)] = 100, [("jia", "hte_count", 2020)] = 230,
        [("yi", "hte_count", 2017)] = 60, [("yi", "hte_count", 2020)] = 110,
    };

    private static decimal? Value(string unit, string element, int year) => Figures.TryGetValue((unit, element, year), out var v) ? v : null;

    private static decimal? Over(string measure, params string[] zones) =>
        MeasureCalculator.Aggregate(Monitoring().Find(measure)!, zones, "liaoning", new HashSet<string>(), Value, 2020, 2016);

    [Fact]
    public void Counts_since_the_base_year_are_the_increase_of_the_totals_to_date()
    {
        Assert.Equal(61m, Over("key_technologies_mastered", "jia", "yi"));   // (40 − 3) + (25 − 1)
        Assert.Equal(7m, Over("leading_talents_recruited", "jia", "yi"));    // (9 − 2) + (0 − 0)
    }

    [Fact]
    public void Standing_clusters_and_focus_industries_are_counted_per_zone()
    {
        Assert.Equal(4m, Over("innovative_clusters_per_zone", "jia"));
        Assert.Equal(1m, Over("innovative_clusters_per_zone", "yi"));
        Assert.Equal(1m, Over("focus_emerging_industries_per_zone", "yi"));
    }

    [Fact]
    public void The_three_year_doubling_compares_the_count_with_the_count_three_years_earlier()
    {
        // 三年倍增计划: (230 + 110) / (100 + 60) = 340 / 160 = 2.125 times the 2017 count in 2020.
        Assert.Equal(2.125m, Over("hte_count_three_year_multiple", "jia", "yi"));
        // Jia alone: 230 / 100 = 2.3; Yi alone: 110 / 60, short of doubling.
        Assert.Equal(2.3m, Over("hte_count_three_year_multiple", "jia"));
        Assert.True(Over("hte_count_three_year_multiple", "yi") < 2m);
        // Without the count three years earlier there is no value, never a guess.
        Assert.Null(MeasureCalculator.Aggregate(Monitoring().Find("hte_count_three_year_multiple")!, ["jia"], "liaoning", new HashSet<string>(), Value, 2019, 2016));
    }

    [Fact]
    public void The_doubling_target_is_achieved_at_twice_the_count_and_judged_against_the_path_below_it()
    {
        var target = Plan().Targets.Single(t => t.Id == "hte_doubling");

        // 2.125 ≥ 2: achieved.
        Assert.Equal(TargetStatus.Achieved, TargetProgress.Assess(target.Goal, null, 2016, [new(2019, 1.8m), new(2020, 2.125m)], 2020).Status);
        // Yi's 110/60 ≈ 1.83 in 2020, the target year: the path is the target itself, 2 − 0.1·(2 − 1.8) = 1.98 > 1.83: off track.
        Assert.Equal(TargetStatus.OffTrack, TargetProgress.Assess(target.Goal, null, 2016, [new(2019, 1.8m), new(2020, 110m / 60m)], 2020).Status);
    }
}
