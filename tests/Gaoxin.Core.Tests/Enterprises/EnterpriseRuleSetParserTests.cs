using Gaoxin.Core.Enterprises;
using Gaoxin.Core.Plans;

namespace Gaoxin.Core.Tests.Enterprises;

/// <summary>The rule-set files: what the bundled ones hold, and how a bad file is refused with FILE:LINE:COL and the field.</summary>
public class EnterpriseRuleSetParserTests
{
    private const string File = "rules/sample.yaml";

    private const string ValidGazelle = """
        id: sample
        version: 1
        kind: gazelle
        name: 示例
        nameEn: Sample
        effectiveFrom: 2021-01-01
        effectiveTo: 2023-12-31
        source: a test
        maxAge: 20
        maxAgeSource: clause 1
        routes:
          - id: venture_capital
            name: 风险投资
            nameEn: Venture capital
            test: venture_capital
            atLeast: 1000
            source: clause 2
          - id: revenue_growth
            name: 收入增长
            nameEn: Revenue growth
            test: revenue_growth
            years: 3
            atLeast: 0.2
            base: {above: 1000}
            lastYearUp: true
            source: clause 3
        innovation:
          years: 4
          atLeast: 0.025
          source: clause 4
        unicorn:
          maxAge: 10
          valuationUsdM: {atLeast: 1000}
          unlisted: true
          source: clause 5
        """;

    private static (EnterpriseRuleSet? Set, IReadOnlyList<DataFileError> Errors) Parse(string yaml) => EnterpriseRuleSetParser.Parse(File, yaml);

    private static int LineOf(string yaml, string fragment) =>
        yaml[..yaml.IndexOf(fragment, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    private static DataFileError Single(string yaml)
    {
        var (set, errors) = Parse(yaml);
        Assert.Null(set);
        return Assert.Single(errors);
    }

    [Fact]
    public void A_valid_file_gives_its_header_and_rules()
    {
        var (set, errors) = Parse(ValidGazelle);

        Assert.Empty(errors);
        var gazelle = Assert.IsType<GazelleRuleSet>(set);
        Assert.Equal(new RuleSetHeader("sample", 1, RuleSetKind.Gazelle, "示例", "Sample", new DateOnly(2021, 1, 1), new DateOnly(2023, 12, 31), "a test", false),
            gazelle.Header);
        Assert.Equal(new GazelleRoute("revenue_growth", "收入增长", "Revenue growth", GazelleRouteTest.RevenueGrowth, null,
            new Bound(BoundKind.AtLeast, 0.2m), 3, new Bound(BoundKind.Above, 1000m), true, "clause 3"), gazelle.Routes[1]);
        Assert.Equal(new UnicornRule(10, new Bound(BoundKind.AtLeast, 1000m), true, "clause 5"), gazelle.Unicorn);
        Assert.True(gazelle.Header.InForceOn(new DateOnly(2023, 12, 31)));
        Assert.False(gazelle.Header.InForceOn(new DateOnly(2024, 1, 1)));
    }

    [Fact]
    public void A_missing_field_is_located_at_its_mapping()
    {
        var yaml = ValidGazelle.Replace("effectiveFrom: 2021-01-01\n", "");

        var error = Single(yaml);

        Assert.Equal(new DataFileError(File, 1, 1, "effectiveFrom", "missing_field", "required field 'effectiveFrom' is missing"), error);
        Assert.Equal("rules/sample.yaml:1:1: effectiveFrom: required field 'effectiveFrom' is missing [missing_field]", error.ToString());
    }

    [Fact]
    public void A_bad_date_is_located_at_its_value()
    {
        var yaml = ValidGazelle.Replace("effectiveTo: 2023-12-31", "effectiveTo: 2023-13-01");

        var error = Single(yaml);

        // "effectiveTo: " is 13 characters, so the value starts in column 14.
        Assert.Equal((LineOf(yaml, "effectiveTo"), 14, "effectiveTo", "bad_date"), (error.Line, error.Column, error.Field, error.Code));
    }

    [Fact]
    public void Effective_dates_must_not_run_backwards()
    {
        var error = Single(ValidGazelle.Replace("effectiveTo: 2023-12-31", "effectiveTo: 2020-12-31"));

        Assert.Equal(("effectiveTo", "out_of_range", 7), (error.Field, error.Code, error.Line));
    }

    [Fact]
    public void A_wrong_type_deep_in_a_list_names_the_element()
    {
        var yaml = ValidGazelle.Replace("atLeast: 0.2", "atLeast: lots");

        var error = Single(yaml);

        // "    atLeast: " → the value at column 14 of that line.
        Assert.Equal((LineOf(yaml, "atLeast: lots"), 14, "routes[1].atLeast", "wrong_type"), (error.Line, error.Column, error.Field, error.Code));
    }

    [Fact]
    public void Two_thresholds_on_one_rule_conflict()
    {
        var yaml = ValidGazelle.Replace("  atLeast: 1000\n", "  atLeast: 1000\n    above: 999\n");

        var error = Single(yaml);

        Assert.Equal((LineOf(yaml, "above: 999"), "routes[0].above", "conflicting_fields"), (error.Line, error.Field, error.Code));
    }

    [Fact]
    public void An_unknown_field_is_reported_at_its_key()
    {
        var yaml = ValidGazelle.Replace("maxAgeSource: clause 1", "maxAgeSource: clause 1\nmaxAgee: 21");

        var error = Single(yaml);

        Assert.Equal((LineOf(yaml, "maxAgee"), 1, "maxAgee", "unknown_field"), (error.Line, error.Column, error.Field, error.Code));
    }

    [Fact]
    public void An_unknown_kind_stops_before_the_body()
    {
        var error = Single(ValidGazelle.Replace("kind: gazelle", "kind: cheetah"));

        Assert.Equal((3, "kind", "unknown_value"), (error.Line, error.Field, error.Code));
    }

    [Fact]
    public void A_yaml_syntax_error_gives_its_position()
    {
        var yaml = ValidGazelle.Replace("unlisted: true", "unlisted: yes: no");

        var (set, errors) = Parse(yaml);

        Assert.Null(set);
        var error = Assert.Single(errors);
        Assert.Equal("yaml_syntax", error.Code);
        // "mapping values are not allowed here": the second ': ' on the line of unlisted.
        Assert.Equal(LineOf(yaml, "unlisted"), error.Line);
    }

    [Fact]
    public void Bands_must_end_with_one_catch_all()
    {
        // In the bundled 高企 file, give the growth F band a threshold: no band would catch growth ≤ 0.
        var yaml = RuleFiles.Text("hte-2016").Replace("- {band: F, points: 0}\n    sales:", "- {band: F, above: -1, points: 0}\n    sales:");

        var (set, errors) = EnterpriseRuleSetParser.Parse("rules/hte-2016.yaml", yaml);

        Assert.Null(set);
        // The two growth items share the bands through a YAML anchor, so both report the one line.
        var line = LineOf(yaml, "{band: F, above: -1");
        Assert.Equal([(line, "score.growth.netAssets.bands[5].band", "bad_bands"), (line, "score.growth.sales.bands[5].band", "bad_bands")],
            errors.Select(e => (e.Line, e.Field, e.Code)));
    }

    [Fact]
    public void Band_points_cannot_exceed_the_item_maximum()
    {
        var yaml = RuleFiles.Text("tech-sme-2017").Replace("{band: A, atLeast: 0.30, points: 20}", "{band: A, atLeast: 0.30, points: 25}");

        var error = Single(yaml);

        Assert.Equal((LineOf(yaml, "points: 25"), "score.stStaff.bands[0].points", "out_of_range"), (error.Line, error.Field, error.Code));
    }

    [Fact]
    public void A_lettered_item_needs_every_letter()
    {
        var yaml = RuleFiles.Text("hte-2016").Replace("        - {band: E, points: 0}         # 无\n", "");

        var error = Single(yaml);

        Assert.Equal(("score.ip.techAdvancement.bands", "bad_bands", "the band 'E' is missing"), (error.Field, error.Code, error.Message));
    }

    [Fact]
    public void A_reserve_pool_rule_may_only_name_known_conditions_and_stages()
    {
        var yaml = RuleFiles.Text("reserve-pool-default").Replace("counted: [st_staff_ratio,", "counted: [staff_ratio,")
            .Replace("{from: trained, to: applied}", "{from: trained, to: submitted}");

        var (_, errors) = EnterpriseRuleSetParser.Parse("rules/reserve-pool-default.yaml", yaml);

        Assert.Equal([("entry[1].counted", "unknown_value", LineOf(yaml, "counted:")), ("transitions[4].to", "unknown_value", LineOf(yaml, "to: submitted"))],
            errors.Select(e => (e.Field, e.Code, e.Line)));
    }

    [Fact]
    public void Parse_of_a_given_type_refuses_another_kind()
    {
        var (set, errors) = EnterpriseRuleSetParser.Parse<HteRuleSet>(File, ValidGazelle);

        Assert.Null(set);
        Assert.Equal(("kind", "unknown_value"), (Assert.Single(errors).Field, errors[0].Code));
    }

    // ── the bundled files ──

    [Fact]
    public void Every_bundled_file_parses_and_the_catalog_picks_the_rules_in_force()
    {
        var files = Directory.GetFiles(RuleFiles.Folder(), "*.yaml").Order()
            .Select(f => ("rules/" + Path.GetFileName(f), System.IO.File.ReadAllText(f)));

        var (catalog, errors) = EnterpriseRuleCatalog.Load(files);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Equal(["gazelle-liaoning-2021", "gazelle-torch", "hte-2016", "reserve-pool-default", "tech-sme-2017"], catalog!.All.Select(s => s.Header.Id));
        var day = new DateOnly(2022, 6, 30);
        Assert.Equal("gazelle-liaoning-2021", catalog.Current<GazelleRuleSet>(day)!.Header.Id);   // the default of the two in force
        Assert.Equal(["gazelle-liaoning-2021", "gazelle-torch"], catalog.InForce<GazelleRuleSet>(day).Select(s => s.Header.Id));
        Assert.Equal("gazelle-torch", catalog.Current<GazelleRuleSet>(new DateOnly(2020, 6, 30))!.Header.Id);   // before Liaoning's 2021 rule
        Assert.Null(catalog.Current<HteRuleSet>(new DateOnly(2015, 12, 31)));
        Assert.Equal("hte-2016", catalog.Current<HteRuleSet>(new DateOnly(2016, 1, 1))!.Header.Id);
        Assert.NotNull(catalog.Get<TechSmeRuleSet>("tech-sme-2017"));
    }

    [Theory]
    // tech-sme-2017.yaml: 《科技型中小企业评价办法》(2017) from its date of issue, 2017-05-03, until the 2022 revision
    // (国科发政〔2022〕43号). domain.md §5.3 records only that the revision exists (GAP: neither its thresholds nor its date),
    // so the 2017 rules end on 2021-12-31 and no tech-sme rules are in force from 2022-01-01 on.
    [InlineData("2017-05-02", null)]
    [InlineData("2017-05-03", "tech-sme-2017")]
    [InlineData("2021-12-31", "tech-sme-2017")]   // the day before the revision's substitute start: still the 2017 rules
    [InlineData("2022-01-01", null)]              // the revision's year: the superseded rules no longer judge
    [InlineData("2024-05-01", null)]
    public void Tech_sme_rules_are_in_force_only_until_the_2022_revision(string day, string? expected)
    {
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        var files = Directory.GetFiles(RuleFiles.Folder(), "*.yaml").Order()
            .Select(f => ("rules/" + Path.GetFileName(f), System.IO.File.ReadAllText(f)));
        var catalog = EnterpriseRuleCatalog.Load(files).Catalog!;

        Assert.Equal(expected, catalog.Current<TechSmeRuleSet>(date)?.Header.Id);
        // When nothing is in force after the 2017 rules, the catalog names the rules that ended, so the refusal can say why.
        Assert.Equal(expected is null && date > new DateOnly(2021, 12, 31) ? "tech-sme-2017" : null, catalog.EndedBefore<TechSmeRuleSet>(date)?.Header.Id);
        Assert.Equal(new DateOnly(2021, 12, 31), RuleFiles.TechSme.Header.EffectiveTo);
        Assert.Contains("国科发政〔2022〕43号", RuleFiles.TechSme.Header.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bundled_rule_names_its_source_clause()
    {
        var hte = RuleFiles.Hte;
        var c = hte.Conditions;
        Assert.All(new[] { c.RegisteredOneYear.Source, c.OwnsIp.Source, c.KeyDomain.Source, c.StStaffRatio.Source, c.RdRatio.Source,
            c.RdDomesticShare.Source, c.HighTechRevenueShare.Source, c.InnovationScore.Source, c.NoMajorIncident.Source }
            .Concat(c.RdRatio.Tiers.Select(t => t.Source)), s => Assert.Contains("第十一条", s, StringComparison.Ordinal));
        Assert.Equal(8, hte.Domains.Count);
        Assert.All(RuleFiles.Liaoning.Routes.Concat(RuleFiles.Torch.Routes), r => Assert.Contains("S", r.Source, StringComparison.Ordinal));
        Assert.Equal(["young_large", "large", "revenue_growth", "employee_growth", "venture_capital"], RuleFiles.Liaoning.Routes.Select(r => r.Id));
        Assert.Equal(4, RuleFiles.TechSme.DirectRoutes.Count);
        // The growth bands are written once (a YAML anchor) and serve both growth items.
        Assert.Equal(hte.Score.NetAssetGrowth.Bands, hte.Score.SalesGrowth.Bands);
    }

    [Fact]
    public void The_catalog_refuses_a_duplicate_id()
    {
        var (catalog, errors) = EnterpriseRuleCatalog.Load([("rules/a.yaml", ValidGazelle), ("rules/b.yaml", ValidGazelle)]);

        Assert.Null(catalog);
        Assert.Equal(new DataFileError("rules/b.yaml", 0, 0, "id", "duplicate_id", "the id 'sample' is also used by rules/a.yaml"), Assert.Single(errors));
    }

    [Fact]
    public void The_catalog_refuses_two_defaults_for_the_same_days()
    {
        var other = ValidGazelle.Replace("id: sample", "id: other");
        var (catalog, errors) = EnterpriseRuleCatalog.Load([
            ("rules/a.yaml", ValidGazelle.Replace("kind: gazelle", "kind: gazelle\ndefault: true")),
            ("rules/b.yaml", other.Replace("kind: gazelle", "kind: gazelle\ndefault: true")),
        ]);

        Assert.Null(catalog);
        Assert.Equal(("rules/b.yaml", "duplicate_default"), (Assert.Single(errors).File, errors[0].Code));
    }
}
