using Gaoxin.Core.Collection;
using Gaoxin.Core.Figures;

namespace Gaoxin.Core.Tests.Applications;

/// <summary>A closed expert panel's score is a figure in force of source <c>experts</c>, filling like the other derived figures.</summary>
public class ExpertFiguresTests
{
    private static DataValue V(string unit, int year, string element, decimal value) => new(unit, year, element, value);

    [Fact]
    public void A_panel_score_fills_a_blank_of_a_reported_year_and_a_reported_score_wins()
    {
        var reported = new[] { V("shenyang", 2019, "gdp", 900), V("dalian", 2019, "n21_score_startup_climate", 60) };
        var experts = new[]
        {
            V("shenyang", 2019, "n21_score_startup_climate", 75.33m),   // blank in Shenyang's report: filled
            V("dalian", 2019, "n21_score_startup_climate", 88m),        // Dalian reported a score: the report wins
            V("anshan", 2019, "n21_score_startup_climate", 70m),        // Anshan reported nothing for 2019: stays missing
        };

        var merged = FiguresInForce.Merge(reported, [], [], null, experts).ToDictionary(f => (f.Value.Unit, f.Value.Element), f => (f.Value.Value, f.SourceName));

        Assert.Equal((75.33m, "experts"), merged[("shenyang", "n21_score_startup_climate")]);
        Assert.Equal((60m, "reported"), merged[("dalian", "n21_score_startup_climate")]);
        Assert.False(merged.ContainsKey(("anshan", "n21_score_startup_climate")));
    }
}
