using CsCheck;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Enterprises;
using Gaoxin.Core.Evaluation;
using Gaoxin.Core.Formulas;
using Gaoxin.Core.Plans;

namespace Gaoxin.Core.Tests.BadInput;

/// <summary>
/// Property-based tests of the YAML readers (plan, evaluation model, enterprise rules, data set) and the formula parser: any
/// text, however broken, gives either a valid result or errors that say where (file and line) — never an exception and never
/// a hang. The cases are the bundled files broken at random (<see cref="Mutations"/>) and a few fixed ones kept from failures.
/// </summary>
public sealed class ParserFuzzTests
{
    private static readonly string Root = BundledFiles.RepositoryRoot();
    private static string Bundled(string path) => File.ReadAllText(Path.Combine(Root, path));
    private static readonly HashSet<string> Elements = BundledFiles.DataSet().Elements.Select(e => e.Code).ToHashSet();

    /// <summary>A result or located errors, and not both missing.</summary>
    private static void ResultOrLocatedErrors(object? result, IReadOnlyList<DataFileError> errors, string input)
    {
        if (result is null) Assert.True(errors.Count > 0, "neither a result nor an error for " + Mutations.Show(input));
        Assert.All(errors, e => Assert.True(e.File.Length > 0 && e.Line >= 0 && e.Message.Length > 0, $"an error without its place: {e}"));
    }

    [Fact]
    public void A_broken_plan_file_gives_the_plan_or_errors_with_their_line()
    {
        var yaml = Bundled("plans/liaoning-2017-2020.yaml");
        var text = Bundled("plans/liaoning-2017-2020.txt");
        Mutations.Of(yaml).Sample(input =>
        {
            var result = Mutations.Bounded(() => PlanParser.Parse("plan.yaml", input, name => name.EndsWith(".txt", StringComparison.Ordinal) ? text : null));
            ResultOrLocatedErrors(result.Plan, result.Errors, input);
        }, iter: 60, threads: 1, print: Mutations.Show);
    }

    [Theory]
    [InlineData("models/liaoning-2017-default.yaml")]
    [InlineData("models/cn-htz-2021.yaml")]
    public void A_broken_evaluation_model_gives_the_model_or_errors_with_their_line(string file)
    {
        Mutations.Of(Bundled(file)).Sample(input =>
        {
            var (model, errors) = Mutations.Bounded(() => EvaluationModelParser.Parse("model.yaml", input, Elements));
            ResultOrLocatedErrors(model, errors, input);
        }, iter: 200, threads: 1, print: Mutations.Show);
    }

    [Theory]
    [InlineData("rules/hte-2016.yaml")]
    [InlineData("rules/tech-sme-2017.yaml")]
    [InlineData("rules/gazelle-torch.yaml")]
    [InlineData("rules/reserve-pool-default.yaml")]
    public void A_broken_rule_file_gives_the_rules_or_errors_with_their_line(string file)
    {
        Mutations.Of(Bundled(file)).Sample(input =>
        {
            var (rules, errors) = Mutations.Bounded(() => EnterpriseRuleSetParser.Parse("rules.yaml", input));
            ResultOrLocatedErrors(rules, errors, input);
        }, iter: 150, threads: 1, print: Mutations.Show);
    }

    [Fact]
    public void A_broken_data_set_gives_the_set_or_errors_with_their_line()
    {
        Mutations.Of(Bundled("datasets/liaoning-default.yaml")).Sample(input =>
        {
            var (set, errors) = Mutations.Bounded(() => DataSetParser.Parse("set.yaml", input));
            ResultOrLocatedErrors(set, errors, input);
        }, iter: 150, threads: 1, print: Mutations.Show);
    }

    /// <summary>Formulas as the models write them, then broken.</summary>
    private static readonly Gen<string> Formulas = Gen.OneOf(
        Gen.OneOf("a + b * (c - d@prev) / 2", "-(x_1 + 3.5) × y@prev2", "revenue / employees", "1 - a / (b + c)"),
        Mutations.Fragment,
        Gen.String).SelectMany(Mutations.Of);

    [Fact]
    public void Any_formula_text_parses_or_is_refused_with_its_position_and_never_overflows_the_stack()
    {
        Formulas.Sample(text =>
        {
            try
            {
                var formula = Mutations.Bounded(() => Formula.Parse(text));
                _ = formula.Evaluate((_, _) => 1m);
                _ = formula.ToString();
            }
            catch (FormulaException e)
            {
                Assert.InRange(e.Position, 0, text.Length);
            }
            catch (OverflowException)
            {
                // decimal arithmetic beyond its range while evaluating: the engine's to handle, not the parser's.
            }
            catch (DivideByZeroException)
            {
            }
        }, iter: 500, threads: 1, print: Mutations.Show);
    }

    [Theory]
    [InlineData(3_000, '(')]
    [InlineData(3_000, '-')]
    public void Deeply_nested_brackets_or_signs_are_refused_not_a_stack_overflow(int count, char c)
    {
        var text = new string(c, count) + "1";
        var e = Assert.Throws<FormulaException>(() => Formula.Parse(text));
        Assert.Contains("nested", e.Message);
    }

    [Fact]
    public void A_control_character_written_as_an_escape_in_a_quoted_yaml_text_is_refused_at_its_line()
    {
        var yaml = Bundled("models/liaoning-2017-default.yaml");
        var name = yaml.IndexOf("\ntitle:", StringComparison.Ordinal);
        Assert.True(name >= 0);
        var broken = yaml[..(name + 1)] + "title: \"bad\\0title\"\n" + yaml[(yaml.IndexOf('\n', name + 1) + 1)..];
        var (model, errors) = EvaluationModelParser.Parse("model.yaml", broken, Elements);
        Assert.Null(model);
        var error = Assert.Single(errors, e => e.Code == "control_character");
        Assert.Equal(broken[..(name + 1)].Count(c => c == '\n') + 1, error.Line);
    }

    [Fact]
    public void A_formula_of_thousands_of_terms_is_refused_by_its_length()
    {
        var text = string.Join(" + ", Enumerable.Repeat("a", 50_000));
        Assert.Throws<FormulaException>(() => Formula.Parse(text));
    }
}
