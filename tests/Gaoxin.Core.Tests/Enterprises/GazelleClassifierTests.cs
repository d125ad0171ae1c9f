using Gaoxin.Core.Enterprises;

namespace Gaoxin.Core.Tests.Enterprises;

/// <summary>
/// 瞪羚 / 独角兽 under rules/gazelle-liaoning-2021.yaml (default) and rules/gazelle-torch.yaml. Age = t − registration year.
/// Money in 万元.
/// </summary>
public class GazelleClassifierTests
{
    private static readonly GazelleClassifier Liaoning = new(RuleFiles.Liaoning);
    private static readonly GazelleClassifier Torch = new(RuleFiles.Torch);

    private static GazelleFigures Year(decimal? revenue, decimal? st, decimal? employees = null, decimal? vc = null, decimal? valuation = null,
        bool listed = false) => new(revenue, employees, st, vc, valuation, listed);

    private static GazelleYearResult Last(GazelleClassifier classifier, int registered, Dictionary<int, GazelleFigures> panel) =>
        classifier.ClassifyEnterprise(registered, panel)[^1];

    // ── scale routes, each alone ──

    [Theory]
    [InlineData(2018, "gazelle", new[] { "young_large" })]   // age 5, revenue 50,000 = 5亿 (≥), intensity 1250 / 50000 = 2.5 % (≥)
    [InlineData(2017, "none", new string[0])]                // age 6: too old for the ≤ 5 route, too small for the 10亿 route
    public void Young_large_route_needs_age_five_and_five_hundred_million(int registered, string kind, string[] routes)
    {
        var result = Last(Liaoning, registered, new() { [2023] = Year(50000m, 1250m) });

        Assert.Equal(kind, EnterpriseWire.Name(result.Kind));
        Assert.Equal(routes, result.Routes);
        Assert.True(result.IntensityMet);
    }

    [Theory]
    [InlineData(2013, true)]    // age 10, revenue 100,000 = 10亿
    [InlineData(2012, false)]   // age 11
    public void Large_route_needs_age_ten_and_one_billion(int registered, bool gazelle)
    {
        var result = Last(Liaoning, registered, new() { [2023] = Year(100000m, 3000m) });

        Assert.Equal(gazelle, result.IsGazelle);
        Assert.Equal(gazelle ? ["large"] : Array.Empty<string>(), result.Routes);
    }

    /// <summary>Revenue 1250 → 2160 over three years: 2160 / 1250 = 1.728 = 1.2³, a CAGR of exactly 20 %.</summary>
    private static Dictionary<int, GazelleFigures> Growing(decimal base2018 = 1250m, decimal y2020 = 1800m, decimal y2021 = 2160m) => new()
    {
        [2018] = Year(base2018, 50m), [2019] = Year(1500m, 50m), [2020] = Year(y2020, 50m), [2021] = Year(y2021, 50m),
    };

    [Fact]
    public void Revenue_growth_of_exactly_twenty_percent_holds()
    {
        // Intensity Σ 200 / Σ (1250 + 1500 + 1800 + 2160 = 6710) = 2.98 % ≥ 2.5 %.
        var results = Liaoning.ClassifyEnterprise(2005, Growing());

        Assert.Equal(["none", "none", "none", "gazelle"], results.Select(r => EnterpriseWire.Name(r.Kind)));  // 2018–2020 lack a t − 3 year
        Assert.Equal(["revenue_growth"], results[^1].Routes);
        Assert.True(results[^1].New);
    }

    [Theory]
    [InlineData(1250, 1800, 2159)]   // 2159 / 1250 = 1.7272 < 1.728: just under 20 %
    [InlineData(1000, 1800, 1728)]   // 20 % exactly, but the base year must be above 1,000万 (> 1000)
    [InlineData(1250, 2200, 2160)]   // 20 %, but revenue fell in the last year (2160 < 2200)
    public void Revenue_growth_fails_below_twenty_percent_on_a_small_base_or_after_a_fall(int base2018, int y2020, int y2021)
    {
        var result = Last(Liaoning, 2005, Growing(base2018, y2020, y2021));

        Assert.Empty(result.Routes);
        Assert.Equal(GazelleKind.None, result.Kind);
    }

    [Fact]
    public void Revenue_growth_needs_the_year_t_minus_3()
    {
        var panel = Growing();
        panel.Remove(2018);

        Assert.Empty(Last(Liaoning, 2005, panel).Routes);
    }

    [Fact]
    public void Employee_growth_of_exactly_thirty_percent_holds()
    {
        // Employees 1000 → 2197 = 1000 × 1.3³; up in the last year (1500 → 2197). Flat revenue 5000: no revenue route.
        // Intensity 4 × 150 / 4 × 5000 = 3 %.
        var panel = new Dictionary<int, GazelleFigures>
        {
            [2018] = Year(5000m, 150m, employees: 1000m), [2019] = Year(5000m, 150m, employees: 1100m),
            [2020] = Year(5000m, 150m, employees: 1500m), [2021] = Year(5000m, 150m, employees: 2197m),
        };

        var result = Last(Liaoning, 2010, panel);

        Assert.Equal(GazelleKind.Gazelle, result.Kind);
        Assert.Equal(["employee_growth"], result.Routes);
        panel[2018] = Year(5000m, 150m, employees: 100m);   // base 100 is not above 100 (100 → 2197 would be plenty)
        Assert.Empty(Last(Liaoning, 2010, panel).Routes);
    }

    [Theory]
    [InlineData(1000, true)]   // 1,000万 (≥)
    [InlineData(999, false)]
    public void Venture_capital_route_needs_ten_million(int vc, bool gazelle)
    {
        // Revenue 2000, 科技活动经费 60: 3 %.
        var result = Last(Liaoning, 2015, new() { [2021] = Year(2000m, 60m, vc: vc) });

        Assert.Equal(gazelle, result.IsGazelle);
    }

    [Theory]
    [InlineData(2001, true)]    // age 20
    [InlineData(2000, false)]   // age 21: the route holds, but a gazelle is at most 20 years old
    public void Liaoning_gazelles_are_at_most_twenty_years_old(int registered, bool gazelle)
    {
        var result = Last(Liaoning, registered, new() { [2021] = Year(2000m, 60m, vc: 5000m) });

        Assert.Equal(gazelle, result.IsGazelle);
        Assert.Equal(["venture_capital"], result.Routes);
    }

    // ── the innovation threshold ──

    [Fact]
    public void Intensity_is_summed_over_the_years_of_the_window_that_have_data()
    {
        // 2018 has revenue but no 科技活动经费 → left out: (50 + 100 + 150) / (3 × 4000) = 300 / 12000 = 2.5 % → met.
        // (Counting 2018's revenue would give 300 / 16000 = 1.9 %.) 2017 lies outside the window t − 3 .. t.
        var panel = new Dictionary<int, GazelleFigures>
        {
            [2017] = Year(100m, 0m), [2018] = Year(4000m, null), [2019] = Year(4000m, 50m), [2020] = Year(4000m, 100m),
            [2021] = Year(4000m, 150m, vc: 2000m),
        };

        var result = Last(Liaoning, 2010, panel);

        Assert.True(result.IntensityMet);
        Assert.True(result.IsGazelle);
        panel[2021] = Year(4000m, 149m, vc: 2000m);   // 299 / 12000 = 2.49 %
        Assert.False(Last(Liaoning, 2010, panel).IsGazelle);
    }

    [Fact]
    public void A_route_without_enough_intensity_is_not_a_gazelle()
    {
        // Revenue 50,000 at age 2, but 科技活动经费 1000 / 50000 = 2 %.
        var result = Last(Liaoning, 2021, new() { [2023] = Year(50000m, 1000m) });

        Assert.Equal((false, false), (result.IsGazelle, result.IntensityMet));
        Assert.Equal(["young_large"], result.Routes);
    }

    // ── new ──

    [Fact]
    public void New_marks_the_first_year_of_a_run_and_a_missing_previous_year()
    {
        // VC of 2,000万 in 2019, 2020 and 2022 (revenue 2000, 3 % intensity each year); 2021 has no VC; 2023 is missing.
        var panel = new Dictionary<int, GazelleFigures>
        {
            [2019] = Year(2000m, 60m, vc: 2000m), [2020] = Year(2000m, 60m, vc: 2000m), [2021] = Year(2000m, 60m),
            [2022] = Year(2000m, 60m, vc: 2000m), [2024] = Year(2000m, 60m, vc: 2000m),
        };

        var results = Liaoning.ClassifyEnterprise(2015, panel);

        Assert.Equal([2019, 2020, 2021, 2022, 2024], results.Select(r => r.Year));
        Assert.Equal([true, true, false, true, true], results.Select(r => r.IsGazelle));
        Assert.Equal([true, false, false, true, true], results.Select(r => r.New));   // 2024: no 2023 row → new
    }

    // ── unicorns ──

    [Theory]
    [InlineData(2015, 1000, false, "unicorn")]   // age 10, US$1bn (≥), unlisted
    [InlineData(2014, 1000, false, "none")]      // age 11
    [InlineData(2015, 999, false, "none")]
    [InlineData(2015, 5000, true, "none")]       // listed
    public void Unicorns_are_young_unlisted_and_worth_a_billion_dollars(int registered, int valuation, bool listed, string kind)
    {
        var result = Last(Liaoning, registered, new() { [2025] = Year(1000m, 10m, valuation: valuation, listed: listed) });

        Assert.Equal(kind, EnterpriseWire.Name(result.Kind));
    }

    [Fact]
    public void A_unicorn_that_is_also_a_gazelle_is_reported_as_a_unicorn_and_new_as_such()
    {
        // 2021: gazelle by VC only; 2022: valuation US$1.2bn as well → unicorn (new), still a gazelle (not new as a gazelle).
        var panel = new Dictionary<int, GazelleFigures>
        {
            [2021] = Year(2000m, 60m, vc: 2000m, valuation: 800m), [2022] = Year(2000m, 60m, vc: 2000m, valuation: 1200m),
        };

        var results = Liaoning.ClassifyEnterprise(2016, panel);

        Assert.Equal([(GazelleKind.Gazelle, true), (GazelleKind.Unicorn, true)], results.Select(r => (r.Kind, r.New)));
        Assert.True(results[1].IsGazelle);
    }

    // ── the Torch / 长城 alternative ──

    [Fact]
    public void Torch_thresholds_are_strict_where_liaoning_includes_the_edge()
    {
        // Age 4, revenue exactly 5亿 and intensity exactly 2.5 %: Liaoning (≥) yes; Torch (> 5亿, > 2.5 %) no.
        var edge = new Dictionary<int, GazelleFigures> { [2023] = Year(50000m, 1250m) };
        // Revenue 50,001 and 1300 / 50001 = 2.6 %: Torch yes.
        var above = new Dictionary<int, GazelleFigures> { [2023] = Year(50001m, 1300m) };

        Assert.True(Last(Liaoning, 2019, edge).IsGazelle);
        var torchEdge = Last(Torch, 2019, edge);
        Assert.Equal((false, false, 0), (torchEdge.IsGazelle, torchEdge.IntensityMet, torchEdge.Routes.Count));
        Assert.Equal(["young_large"], Last(Torch, 2019, above).Routes);
    }

    [Fact]
    public void Torch_growth_routes_stop_at_fifteen_years_and_it_has_no_venture_capital_route()
    {
        // The exactly-20 % revenue grower registered 2005: age 16 in 2021 → Torch no route; Liaoning (≤ 20) yes.
        Assert.Empty(Last(Torch, 2005, Growing()).Routes);
        Assert.Equal(["revenue_growth"], Last(Torch, 2006, Growing()).Routes);   // age 15
        Assert.Equal(["revenue_growth"], Last(Liaoning, 2005, Growing()).Routes);
        Assert.DoesNotContain(RuleFiles.Torch.Routes, r => r.Test == GazelleRouteTest.VentureCapital);
        Assert.Null(RuleFiles.Torch.MaxAge);
    }

    // ── the columnar API ──

    [Fact]
    public void Classify_handles_a_panel_of_several_enterprises_in_one_pass()
    {
        // Enterprise 7: registered 2016, VC in 2020 and 2021 → gazelle both years (new only in 2020).
        // Enterprise 9: registered 2015, 2021 only, valuation 1500 → unicorn, new. Its row must not see enterprise 7's 2020.
        int[] enterprise = [7, 7, 9];
        int[] year = [2020, 2021, 2021];
        int[] registered = [2016, 2016, 2015];
        double[] revenue = [2000, 2000, 3000];
        double[] employees = [double.NaN, double.NaN, double.NaN];
        double[] st = [60, 60, 30];
        double[] vc = [2000, 2000, double.NaN];
        double[] valuation = [double.NaN, double.NaN, 1500];
        bool[] listed = [false, false, false];
        var results = new GazelleOutcome[3];

        Liaoning.Classify(new GazellePanel(enterprise, year, registered, revenue, employees, st, vc, valuation, listed), results);

        Assert.Equal([(GazelleKind.Gazelle, true), (GazelleKind.Gazelle, false), (GazelleKind.Unicorn, true)], results.Select(r => (r.Kind, r.New)));
        Assert.Equal(["venture_capital"], Liaoning.RouteIds(2020, results[0].Routes));
        Assert.Equal(1u << 4, results[0].Routes);   // venture_capital is the fifth route of the Liaoning file
    }

    [Fact]
    public void Classify_refuses_an_unsorted_panel()
    {
        int[] enterprise = [1, 1];
        int[] year = [2021, 2020];
        double[] values = [1, 1];
        bool[] listed = [false, false];

        var error = Assert.Throws<ArgumentException>(() =>
            Liaoning.Classify(new GazellePanel(enterprise, year, [2000, 2000], values, values, values, values, values, listed), new GazelleOutcome[2]));
        Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_allocates_nothing_per_row()
    {
        // 10 years × 20,000 enterprises, revenue growing 25 % a year from 2,000: from the fourth year on every enterprise is a
        // gazelle by revenue growth (1.25³ = 1.95 ≥ 1.728, base 2000 > 1000) with 3 % intensity.
        const int enterprises = 20000, years = 10, n = enterprises * years;
        var enterprise = new int[n];
        var year = new int[n];
        var registered = new int[n];
        var revenue = new double[n];
        var employees = new double[n];
        var st = new double[n];
        var vc = new double[n];
        var valuation = new double[n];
        var listed = new bool[n];
        for (var i = 0; i < n; i++)
        {
            enterprise[i] = i / years;
            year[i] = 2015 + i % years;
            registered[i] = 2012;
            revenue[i] = 2000 * Math.Pow(1.25, i % years);
            st[i] = 0.03 * revenue[i];
            employees[i] = vc[i] = valuation[i] = double.NaN;
        }
        var results = new GazelleOutcome[n];
        Liaoning.Classify(new GazellePanel(enterprise, year, registered, revenue, employees, st, vc, valuation, listed), results);   // warm-up

        var before = GC.GetAllocatedBytesForCurrentThread();
        Liaoning.Classify(new GazellePanel(enterprise, year, registered, revenue, employees, st, vc, valuation, listed), results);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        // Years 2018–2024 (7 of 10) are gazelles, only 2018 new; 2015–2017 lack t − 3.
        Assert.Equal(enterprises * 7, results.Count(r => r.IsGazelle));
        Assert.Equal(enterprises, results.Count(r => r.New));
    }
}
