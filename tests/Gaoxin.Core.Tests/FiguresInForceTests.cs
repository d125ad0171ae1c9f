using Gaoxin.Core.Collection;
using Gaoxin.Core.Figures;

namespace Gaoxin.Core.Tests;

/// <summary>The figure in force: an approved reported value, else the registry count, else the enterprise aggregate, each with its source.</summary>
public class FiguresInForceTests
{
    private static DataValue V(string unit, int year, string element, decimal value) => new(unit, year, element, value);

    [Fact]
    public void A_reported_value_wins_and_a_count_fills_only_a_blank_of_a_reported_year()
    {
        var reported = new[] { V("shenyang", 2018, "maker_spaces", 12), V("shenyang", 2018, "gdp", 900) };
        var registry = new[]
        {
            V("shenyang", 2018, "maker_spaces", 10),   // reported: the report wins
            V("shenyang", 2018, "alliances", 4),       // blank in the report: filled
            V("dalian", 2018, "alliances", 3),         // Dalian reported nothing for 2018: stays missing
        };

        var merged = FiguresInForce.Merge(reported, registry, []).ToDictionary(v => (v.Value.Unit, v.Value.Element), v => (v.Value.Value, v.Source));

        Assert.Equal((12m, FigureSource.Reported), merged[("shenyang", "maker_spaces")]);
        Assert.Equal((4m, FigureSource.Registry), merged[("shenyang", "alliances")]);
        Assert.False(merged.ContainsKey(("dalian", "alliances")));
        Assert.Equal(3, merged.Count);
    }

    [Fact]
    public void The_enterprise_aggregate_fills_after_the_registry_count_and_says_so()
    {
        var reported = new[] { V("anshan", 2019, "gdp", 300) };
        var registry = new[] { V("anshan", 2019, "alliances", 2) };
        var enterprises = new[]
        {
            V("anshan", 2019, "enterprise_count", 41), // blank in the report, no count: the aggregate fills it
            V("anshan", 2019, "alliances", 9),         // the registry count came first
            V("anshan", 2019, "gdp", 1),               // reported: the report wins
        };

        var merged = FiguresInForce.Merge(reported, registry, enterprises)
            .ToDictionary(v => v.Value.Element, v => (v.Value.Value, v.SourceName));

        Assert.Equal((300m, "reported"), merged["gdp"]);
        Assert.Equal((2m, "registry"), merged["alliances"]);
        Assert.Equal((41m, "enterprises"), merged["enterprise_count"]);
    }
}
