using Gaoxin.Core.Collection;
using Gaoxin.Core.Evaluation;
using Gaoxin.Core.Plans;

namespace Gaoxin.Core.Tests;

/// <summary>The evaluation model loader: what it accepts, and how it locates what it refuses.</summary>
public class EvaluationModelParserTests
{
    private static readonly HashSet<string> Elements = ["gdp", "area_km2", "tax", "energy_consumption", "score"];

    private const string ValidModel = """
        id: sample
        version: 1
        title: 示例模型
        titleEn: Sample model
        source: evaluation-model.md
        grouping: level
        normalisation: efficacy
        aggregation: arithmetic
        dimensions:
          - {code: development, name: 开发程度, nameEn: Development, weight: 0.5}
          - {code: quality, name: 质量, nameEn: Quality, weight: 0.5}
        indicators:
          - code: D1
            name: 地均GDP
            nameEn: GDP per km²
            dimension: development
            formula: gdp / area_km2
            direction: positive
            weight: 1
            unit: 亿元/km²
            source: evaluation-model.md D1
          - code: D2
            name: GDP增长率
            nameEn: GDP growth
            dimension: development
            formula: gdp / gdp@prev - 1
            direction: positive
            weight: 1
            unit: ratio
          - code: Q1
            name: 单位GDP能耗
            nameEn: Energy per GDP
            dimension: quality
            formula: energy_consumption / gdp
            direction: negative
            weight: 2
            unit: 万吨标准煤/亿元
          - code: Q2
            name: 专家评分
            nameEn: Expert score
            dimension: quality
            formula: score
            direction: positive
            weight: 1
            unit: 分
            expertScore: true
        grades:
          excellent: 90
          good: 80
          pass: 70
        rules:
          lastPlace: true
          lastPlaceMinimumGroup: 3
          yellowCard: true
          delisting: true
          delistingConsecutiveFails: 2
        """;

    private static (EvaluationModel? Model, IReadOnlyList<DataFileError> Errors) Parse(string yaml) =>
        EvaluationModelParser.Parse("models/sample.yaml", yaml, Elements);

    private static int LineOf(string yaml, string fragment) =>
        yaml[..yaml.IndexOf(fragment, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    /// <summary>The repository folder (the one holding Gaoxin.slnx), found by walking up from the test output.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gaoxin.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Gaoxin.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// The bundled default model: from the test output when the project copies models/ there, otherwise from the
    /// repository.
    /// </summary>
    public static string DefaultModelPath()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "models", "liaoning-2017-default.yaml");
        return File.Exists(copied) ? copied : Path.Combine(RepositoryRoot(), "models", "liaoning-2017-default.yaml");
    }

    public static IReadOnlySet<string> DataSetElements()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "datasets", "liaoning-default.yaml");
        var (set, errors) = DataSetParser.Parse(path, File.ReadAllText(path));
        Assert.Empty(errors);
        return set!.Elements.Select(e => e.Code).ToHashSet();
    }

    public static EvaluationModel LoadDefault()
    {
        var path = DefaultModelPath();
        var (model, errors) = EvaluationModelParser.Parse("liaoning-2017-default.yaml", File.ReadAllText(path), DataSetElements());
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return model!;
    }

    [Fact]
    public void Parse_reads_a_valid_model_with_every_part()
    {
        var (model, errors) = Parse(ValidModel);

        Assert.Empty(errors);
        Assert.NotNull(model);
        Assert.Equal(("sample", 1, "level", Normalisation.Efficacy, Aggregation.Arithmetic),
            (model.Id, model.Version, model.Grouping, model.Normalisation, model.Aggregation));
        Assert.Equal(["development", "quality"], model.Dimensions.Select(d => d.Code));
        Assert.Equal(["D1", "D2", "Q1", "Q2"], model.Indicators.Select(i => i.Code));
        Assert.Equal([("gdp", 0), ("gdp", 1)], model.Indicators[1].Formula.Operands());
        Assert.Equal(Direction.Negative, model.Indicators[2].Direction);
        Assert.Equal(2m, model.Indicators[2].Weight);
        Assert.True(model.Indicators[3].ExpertScore);
        Assert.Null(model.Indicators[1].Source);
        Assert.Equal(new GradeCutoffs(90, 80, 70), model.Grades);
        Assert.Equal(new EvaluationRules(true, 3, true, true, 2), model.Rules);
    }

    [Fact]
    public void The_bundled_default_model_parses_against_the_data_set_elements()
    {
        var model = LoadDefault();

        Assert.Equal("liaoning-2017-default", model.Id);
        Assert.Equal(["development", "agglomeration", "innovation", "environment"], model.Dimensions.Select(d => d.Code));
        Assert.All(model.Dimensions, d => Assert.Equal(0.25m, d.Weight));
        Assert.Equal(["D1", "D2", "D3", "D4", "A1", "A2", "A3", "A4", "I1", "I2", "I3", "I4", "E1", "E2", "E3", "E4"],
            model.Indicators.Select(i => i.Code));
        Assert.All(model.Indicators, i => Assert.Equal(1m, i.Weight));
        Assert.All(model.Indicators, i => Assert.False(string.IsNullOrWhiteSpace(i.Source)));
        Assert.Equal(["D4"], model.Indicators.Where(i => i.Direction == Direction.Negative).Select(i => i.Code));
        Assert.Equal(("level", Normalisation.Efficacy, Aggregation.Arithmetic), (model.Grouping, model.Normalisation, model.Aggregation));
        Assert.Equal(new GradeCutoffs(90, 80, 70), model.Grades);
        Assert.Equal(new EvaluationRules(true, 3, true, true, 2), model.Rules);
        Assert.Contains("加强考核管理", model.Source);
        Assert.Equal("gdp / gdp@prev - 1", model.Indicators.Single(i => i.Code == "D2").FormulaText);
    }

    [Fact]
    public void Parse_locates_an_unknown_element_in_a_formula()
    {
        var yaml = ValidModel.Replace("formula: gdp / area_km2", "formula: gdp / land_area");

        var error = Assert.Single(Parse(yaml).Errors);

        Assert.Equal(("unknown_element", "indicators[0].formula"), (error.Code, error.Field));
        Assert.Equal(LineOf(yaml, "gdp / land_area"), error.Line);
        Assert.Equal(14, error.Column); // "    formula: " is 13 characters
        Assert.Contains("land_area", error.Message);
        Assert.Null(Parse(yaml).Model);
    }

    [Theory]
    [InlineData("gdp / (area_km2", "expected ')'")]
    [InlineData("gdp@last", "only '@prev' or '@prevN' (N years earlier) may follow an element")]
    [InlineData("D1 * 2", "unexpected 'D'")]          // indicators cannot read other indicators: no circular references
    public void Parse_refuses_a_malformed_formula(string formula, string reason)
    {
        var error = Assert.Single(Parse(ValidModel.Replace("formula: gdp / area_km2", $"formula: \"{formula}\"")).Errors);

        Assert.Equal(("bad_formula", "indicators[0].formula"), (error.Code, error.Field));
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("weight: 2\n", "weight: 0\n", "indicators[2].weight")]
    [InlineData("weight: 2\n", "weight: -1\n", "indicators[2].weight")]
    [InlineData("nameEn: Quality, weight: 0.5", "nameEn: Quality, weight: 0", "dimensions[1].weight")]
    public void Parse_refuses_weights_that_are_not_positive(string from, string to, string field)
    {
        var error = Assert.Single(Parse(ValidModel.Replace(from, to)).Errors);

        Assert.Equal(("out_of_range", field), (error.Code, error.Field));
    }

    [Theory]
    [InlineData("good: 80", "good: 95", "grades.good")]     // 95 ≥ excellent 90
    [InlineData("pass: 70", "pass: 80", "grades.pass")]     // equal to good is out of order too
    public void Parse_refuses_grade_cut_offs_out_of_order(string from, string to, string field)
    {
        var yaml = ValidModel.Replace(from, to);

        var error = Assert.Single(Parse(yaml).Errors);

        Assert.Equal(("out_of_range", field), (error.Code, error.Field));
        Assert.Equal(LineOf(yaml, to), error.Line);
    }

    [Fact]
    public void Parse_refuses_unknown_keys_duplicate_codes_and_undeclared_dimensions()
    {
        var yaml = ValidModel
            .Replace("    unit: ratio\n", "    unit: ratio\n    colour: red\n")
            .Replace("code: D2", "code: D1")
            .Replace("code: quality, name: 质量", "code: development, name: 质量")
            .Replace("    dimension: quality\n    formula: score", "    dimension: outcomes\n    formula: score");

        var codes = Parse(yaml).Errors.Select(e => (e.Code, e.Field)).ToList();

        Assert.Contains(("unknown_field", "indicators[1].colour"), codes);
        Assert.Contains(("duplicate_id", "indicators[1].code"), codes);
        Assert.Contains(("duplicate_id", "dimensions[1].code"), codes);
        Assert.Contains(("unknown_dimension", "indicators[3].dimension"), codes);
        Assert.Contains(("unknown_dimension", "indicators[2].dimension"), codes); // 'quality' is no longer declared
    }

    [Fact]
    public void Parse_refuses_a_dimension_without_indicators()
    {
        var yaml = ValidModel.Replace("  - {code: quality,", "  - {code: openness, name: 开放, nameEn: Openness, weight: 1}\n  - {code: quality,");

        var error = Assert.Single(Parse(yaml).Errors);

        Assert.Equal(("empty_dimension", "dimensions[1].code"), (error.Code, error.Field));
        Assert.Equal(LineOf(yaml, "code: openness"), error.Line);
    }

    [Theory]
    [InlineData("direction: negative", "direction: lower", "unknown_value", "indicators[2].direction")]
    [InlineData("grouping: level", "grouping: city", "unknown_value", "grouping")]
    [InlineData("normalisation: efficacy", "normalisation: topsis", "unknown_value", "normalisation")]
    [InlineData("formula: score", "formula: score / 2", "bad_formula", "indicators[3].formula")]               // an expert score is one element
    [InlineData("lastPlaceMinimumGroup: 3", "lastPlaceMinimumGroup: 1", "out_of_range", "rules.lastPlaceMinimumGroup")]
    [InlineData("delistingConsecutiveFails: 2", "delistingConsecutiveFails: 0", "out_of_range", "rules.delistingConsecutiveFails")]
    [InlineData("  yellowCard: true\n", "", "missing_field", "rules.yellowCard")]
    public void Parse_refuses_bad_choices_and_settings(string from, string to, string code, string field)
    {
        var error = Assert.Single(Parse(ValidModel.Replace(from, to)).Errors);

        Assert.Equal((code, field), (error.Code, error.Field));
    }

    [Fact]
    public void Parse_accepts_other_groupings()
    {
        Assert.Empty(Parse(ValidModel.Replace("grouping: level", "grouping: none")).Errors);
        Assert.Empty(Parse(ValidModel.Replace("grouping: level", "grouping: attribute:governance")).Errors);
    }

    [Fact]
    public void Goalposts_need_both_goalposts_in_order()
    {
        var yaml = ValidModel.Replace("normalisation: efficacy", "normalisation: goalposts")
            .Replace("    unit: 亿元/km²\n", "    unit: 亿元/km²\n    goalLow: 0\n    goalHigh: 50\n")
            .Replace("    unit: ratio\n", "    unit: ratio\n    goalLow: 0.2\n    goalHigh: 0.1\n");

        var codes = Parse(yaml).Errors.Select(e => (e.Code, e.Field)).ToList();

        // D1 is fine; D2's goalposts are reversed; Q1 has none; Q2 is an expert score and needs none.
        Assert.Equal([("out_of_range", "indicators[1].goalHigh"), ("missing_field", "indicators[2].goalLow"), ("missing_field", "indicators[2].goalHigh")], codes);
    }

    [Fact]
    public void Z_scores_cannot_be_aggregated_geometrically()
    {
        var error = Assert.Single(Parse(ValidModel.Replace("normalisation: efficacy", "normalisation: zscore")
            .Replace("aggregation: arithmetic", "aggregation: geometric")).Errors);

        Assert.Equal(("out_of_range", "aggregation"), (error.Code, error.Field));
    }

    [Fact]
    public void Parse_locates_a_yaml_syntax_error()
    {
        var yaml = ValidModel.Replace("    unit: 分", "    unit: 分: 个");

        var error = Assert.Single(Parse(yaml).Errors);

        Assert.Equal("yaml_syntax", error.Code);
        Assert.Equal(LineOf(yaml, "unit: 分: 个"), error.Line);
    }
}
