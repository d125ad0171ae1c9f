using Gaoxin.Core.Enterprises;

namespace Gaoxin.Core.Tests.Enterprises;

/// <summary>
/// Which gazelle rule set judges a data year. rules/gazelle-liaoning-2021.yaml transcribes 辽科创办发〔2021〕2号 (in force from
/// 2021-01-01, marked default); rules/gazelle-torch.yaml the Torch/长城 standard (report series since 2015, marked national).
/// A rule set judges the data years from its document on, so Liaoning's must not judge 2020; the office may choose otherwise,
/// in the file (<c>firstDataYear</c>) or by naming one rule set for every year.
/// </summary>
public class GazelleRuleChoiceTests
{
    private static readonly GazelleRuleChoice ByYear = GazelleRuleChoice.ByYear([RuleFiles.Liaoning, RuleFiles.Torch]);

    [Theory]
    [InlineData(2014, "gazelle-torch")]           // before every rule set: the earliest standard
    [InlineData(2015, "gazelle-torch")]
    [InlineData(2020, "gazelle-torch")]           // the year before the Liaoning document
    [InlineData(2021, "gazelle-liaoning-2021")]   // both in force: the one marked default
    [InlineData(2024, "gazelle-liaoning-2021")]
    public void Each_data_year_is_judged_by_the_rules_in_force_for_it(int year, string expected)
    {
        Assert.Equal(expected, ByYear.For(year).Header.Id);
    }

    [Fact]
    public void The_office_may_judge_earlier_years_with_the_Liaoning_rules_in_their_file_or_name_one_rule_set_for_every_year()
    {
        var text = RuleFiles.Text("gazelle-liaoning-2021").Replace("# firstDataYear: 2018", "firstDataYear: 2018", StringComparison.Ordinal);
        var (backdated, errors) = EnterpriseRuleSetParser.Parse<GazelleRuleSet>("rules/gazelle-liaoning-2021.yaml", text);
        Assert.Empty(errors);
        var choice = GazelleRuleChoice.ByYear([backdated!, RuleFiles.Torch]);

        Assert.Equal(("gazelle-torch", "gazelle-liaoning-2021", "gazelle-liaoning-2021"),
            (choice.For(2017).Header.Id, choice.For(2018).Header.Id, choice.For(2020).Header.Id));
        Assert.Equal("gazelle-liaoning-2021", GazelleRuleChoice.Only(RuleFiles.Liaoning).For(2016).Header.Id);
        Assert.Equal("gazelle-torch", GazelleRuleChoice.Only(RuleFiles.Torch).For(2024).Header.Id);
    }

    [Fact]
    public void The_Torch_standard_is_the_national_one_and_only_one_rule_set_may_be_national()
    {
        Assert.Equal((true, false), (RuleFiles.Torch.National, RuleFiles.Liaoning.National));

        var second = RuleFiles.Text("gazelle-liaoning-2021").Replace("id: gazelle-liaoning-2021", "id: gazelle-liaoning-2021\nnational: true",
            StringComparison.Ordinal);
        var (catalog, errors) = EnterpriseRuleCatalog.Load([("rules/gazelle-torch.yaml", RuleFiles.Text("gazelle-torch")), ("rules/gazelle-liaoning-2021.yaml", second)]);

        Assert.Null(catalog);
        var error = Assert.Single(errors);
        Assert.Equal(("rules/gazelle-liaoning-2021.yaml", "national", "duplicate_national"), (error.File, error.Field, error.Code));
    }

    /// <summary>
    /// Registered 2010, revenue 3,000万 with 科技活动经费 90万 (3 %) and a 1,000万 venture round in 2020 and in 2021: Liaoning's
    /// venture_capital route (age 10 and 11 ≤ 20); Torch has no venture route and no growth route without a t − 3 year.
    /// </summary>
    private static readonly Dictionary<int, GazelleFigures> VentureBacked = new()
    {
        [2020] = new(3000m, 60m, 90m, 1000m, null, false),
        [2021] = new(3000m, 60m, 90m, 1000m, null, false),
    };

    [Fact]
    public void New_in_a_year_compares_with_the_year_before_as_its_own_rules_judged_it()
    {
        var byYear = new GazelleClassifier(ByYear).ClassifyEnterprise(2010, VentureBacked);
        var liaoning = new GazelleClassifier(RuleFiles.Liaoning).ClassifyEnterprise(2010, VentureBacked);

        // 2020 under Torch: none; 2021 under Liaoning: a gazelle, new.
        Assert.Equal([("gazelle-torch", GazelleKind.None, false), ("gazelle-liaoning-2021", GazelleKind.Gazelle, true)],
            byYear.Select(r => (r.RuleSetId, r.Kind, r.New)));
        Assert.Equal(["venture_capital"], byYear[1].Routes);
        // Liaoning for both years: already a gazelle in 2020, so not new in 2021.
        Assert.Equal([(GazelleKind.Gazelle, true), (GazelleKind.Gazelle, false)], liaoning.Select(r => (r.Kind, r.New)));
    }
}
