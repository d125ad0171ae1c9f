using System.Text.RegularExpressions;
using Gaoxin.Core.Formulas;
using Gaoxin.Core.Plans;

namespace Gaoxin.Core.Evaluation;

/// <summary>Whether a higher value of an indicator is better (<see cref="Positive"/>) or worse (<see cref="Negative"/>, e.g. energy per unit of GDP).</summary>
public enum Direction
{
    /// <summary>Higher is better (wire name <c>positive</c>).</summary>
    Positive,
    /// <summary>Lower is better (wire name <c>negative</c>).</summary>
    Negative,
}

/// <summary>How the values of one indicator become scores within a group of zones.</summary>
public enum Normalisation
{
    /// <summary>
    /// Efficacy coefficient (功效系数法, wire name <c>efficacy</c>): 60 + 40·(x − lo)/(hi − lo) over the group's
    /// present values (mirrored for negative indicators); 100 for every present zone when hi = lo; 0 when missing.
    /// </summary>
    Efficacy,
    /// <summary>Min-max (<c>minmax</c>): 100·(x − lo)/(hi − lo), 0–100; 100 when hi = lo; 0 when missing.</summary>
    MinMax,
    /// <summary>
    /// Z-score (<c>zscore</c>): (x − mean)/sd with the population standard deviation of the group's present
    /// values (negated for negative indicators); 0 for every present zone when sd = 0. A missing value scores
    /// the group's lowest present z-score minus 1 (−1 when no zone has a value), so a gap still scores below the
    /// weakest reported figure. Grade cut-offs of a z-score model are read in z units. Not allowed with
    /// <see cref="Aggregation.Geometric"/>.
    /// </summary>
    ZScore,
    /// <summary>
    /// Percentile rank (<c>rank</c>): 100 × the share of the group's present values that are not better than x
    /// (the zone itself included), so the best scores 100, ties share the better score and a unique weakest of n
    /// scores 100/n; 100 for every present zone when all are equal; 0 when missing.
    /// </summary>
    Rank,
    /// <summary>
    /// Goalposts (<c>goalposts</c>): 100·(x − goalLow)/(goalHigh − goalLow) clamped to 0–100 (for negative
    /// indicators 100·(goalHigh − x)/(goalHigh − goalLow)); independent of the other zones; 0 when missing.
    /// Every indicator that is not an expert score needs <c>goalLow</c> &lt; <c>goalHigh</c>.
    /// </summary>
    Goalposts,
}

/// <summary>How scores are combined into dimension scores and dimension scores into the composite.</summary>
public enum Aggregation
{
    /// <summary>Weighted arithmetic means at both levels (wire name <c>arithmetic</c>); the default of docs/evaluation-model.md.</summary>
    Arithmetic,
    /// <summary>
    /// Weighted geometric means at both levels (<c>geometric</c>): d = Π s^(a/Σa), c = Π d^(W/ΣW); any score of 0
    /// (e.g. a missing value) makes the dimension and the composite 0.
    /// </summary>
    Geometric,
}

/// <summary>The grade (等次) of a zone in a year; wire names <c>excellent|good|pass|fail</c>.</summary>
public enum Grade
{
    /// <summary>优秀: composite ≥ the excellent cut-off.</summary>
    Excellent,
    /// <summary>良好: good cut-off ≤ composite &lt; excellent cut-off.</summary>
    Good,
    /// <summary>合格: pass cut-off ≤ composite &lt; good cut-off.</summary>
    Pass,
    /// <summary>不合格: composite &lt; pass cut-off, or last place under 末位淘汰 when the model lets last place fail.</summary>
    Fail,
}

/// <summary>A first-level dimension (一级指标) of a model.</summary>
/// <param name="Code">Stable code, e.g. <c>development</c>.</param>
/// <param name="Name">Chinese name, e.g. 开发程度.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Weight">Weight W_k (&gt; 0) in the composite; only the ratios between dimensions matter.</param>
public sealed record DimensionDefinition(string Code, string Name, string NameEn, decimal Weight);

/// <summary>
/// An indicator (二级指标): a formula over data elements, scored within its group. Formulas read data
/// elements only (<c>code</c> and <c>code@prev</c>), never other indicators, so no circular reference can arise.
/// </summary>
/// <param name="Code">Stable code, e.g. <c>D1</c>.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Dimension">Code of the dimension it belongs to.</param>
/// <param name="FormulaText">The formula as written in the model file.</param>
/// <param name="Formula">The parsed formula.</param>
/// <param name="Direction">Whether higher or lower values are better.</param>
/// <param name="Weight">Weight a_i (&gt; 0) within its dimension.</param>
/// <param name="Unit">Unit of the indicator's value, e.g. 亿元/km².</param>
/// <param name="Source">Where the indicator comes from, or null.</param>
/// <param name="GoalLow">Lower goalpost (used by <see cref="Normalisation.Goalposts"/>), or null.</param>
/// <param name="GoalHigh">Upper goalpost, or null.</param>
/// <param name="ExpertScore">
/// A qualitative indicator entered as a 0–100 expert score; its formula is just the element holding the score.
/// Its score is the value itself clamped to 0–100 under every normalisation except z-score, where it is
/// standardised like any other indicator. Its direction must be positive.
/// </param>
public sealed record IndicatorDefinition(string Code, string Name, string NameEn, string Dimension, string FormulaText, Formula Formula,
    Direction Direction, decimal Weight, string Unit, string? Source, decimal? GoalLow, decimal? GoalHigh, bool ExpertScore);

/// <summary>Lowest composite of each grade; they must fall strictly: excellent &gt; good &gt; pass.</summary>
/// <param name="Excellent">优秀 from this composite up.</param>
/// <param name="Good">良好 from this composite up.</param>
/// <param name="Pass">合格 from this composite up; below it 不合格.</param>
public sealed record GradeCutoffs(decimal Excellent, decimal Good, decimal Pass);

/// <summary>The dynamic-management rules applied after grading.</summary>
/// <param name="LastPlace">末位淘汰: the zones at the last rank of a large enough group get <c>last_place</c>.</param>
/// <param name="LastPlaceMinimumGroup">Smallest group (≥ 2) in which 末位淘汰 applies.</param>
/// <param name="YellowCard">A failing grade gives <c>yellow_card</c> (通报批评, 限期整改).</param>
/// <param name="Delisting">
/// Failing grades in consecutive years give <c>delisting_proposed</c> for a provincial zone and <c>report_upward</c>
/// for a national one (the province can delist only its own zones; a national zone is reported to the ministry).
/// </param>
/// <param name="DelistingConsecutiveFails">How many consecutive failing years (this one included, ≥ 1) propose delisting.</param>
/// <param name="LastPlaceFails">
/// Whether <c>last_place</c> also makes the grade fail (model key <c>lastPlaceFails</c>, true when left out). When false
/// the flag stays visible but the grade is the one the composite earns.
/// </param>
public sealed record EvaluationRules(bool LastPlace, int LastPlaceMinimumGroup, bool YellowCard, bool Delisting, int DelistingConsecutiveFails,
    bool LastPlaceFails = true);

/// <summary>An evaluation model (考核评价模型) as data: dimensions, indicators, normalisation, aggregation, grades and rules.</summary>
/// <param name="Id">Stable id, e.g. <c>liaoning-2017-default</c>.</param>
/// <param name="Version">Version of the model file.</param>
/// <param name="Title">Chinese title.</param>
/// <param name="TitleEn">English title.</param>
/// <param name="Grouping">
/// How zones are grouped for scoring and ranking: <c>level</c> (national / provincial, 分类评价), <c>none</c>
/// (one group called <c>all</c>) or <c>attribute:NAME</c> (by a zone attribute). For <c>level</c> and
/// <c>attribute:NAME</c> the caller supplies the group of each zone in <see cref="EvaluationZone.Group"/>.
/// </param>
/// <param name="Normalisation">How values become scores.</param>
/// <param name="Aggregation">How scores are combined.</param>
/// <param name="Dimensions">The dimensions, in display order.</param>
/// <param name="Indicators">The indicators, in display order.</param>
/// <param name="Grades">
/// Grade cut-offs on the composite, or null for a model without grades (<c>grades: none</c>, e.g. the national system,
/// which reports composite, rank and percentile only).
/// </param>
/// <param name="Rules">末位淘汰, yellow card and delisting.</param>
/// <param name="Source">Where the model comes from, or null.</param>
public sealed record EvaluationModel(string Id, int Version, string Title, string TitleEn, string Grouping,
    Normalisation Normalisation, Aggregation Aggregation, IReadOnlyList<DimensionDefinition> Dimensions,
    IReadOnlyList<IndicatorDefinition> Indicators, GradeCutoffs? Grades, EvaluationRules Rules, string? Source);

/// <summary>
/// Reads an evaluation model file (YAML) with located errors, like the plan and data-set loaders.
/// Formulas may read data elements only (never other indicators), so circular references cannot occur.
/// </summary>
public static partial class EvaluationModelParser
{
    /// <summary>Directions as written in model files.</summary>
    public static readonly IReadOnlyDictionary<string, Direction> Directions = new Dictionary<string, Direction>
    {
        ["positive"] = Direction.Positive,
        ["negative"] = Direction.Negative,
    };

    /// <summary>Normalisations as written in model files.</summary>
    public static readonly IReadOnlyDictionary<string, Normalisation> Normalisations = new Dictionary<string, Normalisation>
    {
        ["efficacy"] = Normalisation.Efficacy,
        ["minmax"] = Normalisation.MinMax,
        ["zscore"] = Normalisation.ZScore,
        ["rank"] = Normalisation.Rank,
        ["goalposts"] = Normalisation.Goalposts,
    };

    /// <summary>Aggregations as written in model files.</summary>
    public static readonly IReadOnlyDictionary<string, Aggregation> Aggregations = new Dictionary<string, Aggregation>
    {
        ["arithmetic"] = Aggregation.Arithmetic,
        ["geometric"] = Aggregation.Geometric,
    };

    [GeneratedRegex("^(level|none|attribute:[a-z][a-z0-9_]*)$")]
    private static partial Regex GroupingPattern();

    /// <summary>
    /// Reads a model; the model is null when any error was found. Problem codes: <c>missing_field</c>,
    /// <c>wrong_type</c>, <c>unknown_field</c>, <c>unknown_value</c>, <c>duplicate_id</c>, <c>unknown_element</c>,
    /// <c>bad_formula</c>, <c>unknown_dimension</c>, <c>empty_dimension</c>, <c>out_of_range</c>.
    /// </summary>
    /// <param name="file">The file's name as the user gave it; used only in messages.</param>
    /// <param name="yaml">The file's content.</param>
    /// <param name="knownElements">Codes of the data elements formulas may read.</param>
    public static (EvaluationModel? Model, IReadOnlyList<DataFileError> Errors) Parse(string file, string yaml, IReadOnlySet<string> knownElements)
    {
        var errors = new ErrorSink(file);
        if (errors.LoadRoot(yaml, "id, dimensions, indicators, grades, rules") is not { } doc)
            return (null, errors.Errors);
        var id = doc.String("id");
        var version = doc.Int("version");
        if (version is < 1) doc.Error("version", "out_of_range", "'version' must be 1 or more");
        var title = doc.String("title");
        var titleEn = doc.String("titleEn");
        var source = doc.String("source", required: false);
        var grouping = doc.String("grouping");
        if (grouping is not null && !GroupingPattern().IsMatch(grouping))
            doc.Error("grouping", "unknown_value", $"'grouping' must be level, none or attribute:NAME, found '{grouping}'");
        var normalisation = doc.Choice("normalisation", Normalisations);
        var aggregation = doc.Choice("aggregation", Aggregations);
        if (normalisation == Normalisation.ZScore && aggregation == Aggregation.Geometric)
            doc.Error("aggregation", "out_of_range", "geometric aggregation needs positive scores and cannot be used with z-scores");

        var dimensionItems = new Dictionary<string, YamlObject>();
        var dimensions = doc.List("dimensions", d => ReadDimension(d, dimensionItems));
        if (dimensions.Count == 0 && !errors.Errors.Any(e => e.Field.StartsWith("dimensions", StringComparison.Ordinal)))
            doc.Error("dimensions", "missing_field", "at least one dimension is needed");
        var seenIndicators = new HashSet<string>();
        var indicators = doc.List("indicators", i => ReadIndicator(i, knownElements, dimensionItems, seenIndicators, normalisation));
        foreach (var (code, item) in dimensionItems)
        {
            if (!indicators.Any(i => i.Dimension == code))
                item.Error("code", "empty_dimension", $"the dimension '{code}' has no indicator");
        }

        GradeCutoffs? grades = null;
        // "grades: none" declares a model without grades; anything else must be the three cut-offs.
        var ungraded = doc.Node is YamlDotNet.RepresentationModel.YamlMappingNode root
            && root.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("grades"), out var gradesNode)
            && gradesNode is YamlDotNet.RepresentationModel.YamlScalarNode { Value: "none" };
        if (ungraded) doc.String("grades");
        else if (doc.Object("grades") is { } g)
        {
            var excellent = g.Decimal("excellent");
            var good = g.Decimal("good");
            var pass = g.Decimal("pass");
            g.ReportUnknownKeys();
            if (excellent is not null && good is not null && good >= excellent)
                g.Error("good", "out_of_range", $"the cut-offs must fall: 'good' ({good}) must be below 'excellent' ({excellent})");
            if (good is not null && pass is not null && pass >= good)
                g.Error("pass", "out_of_range", $"the cut-offs must fall: 'pass' ({pass}) must be below 'good' ({good})");
            if (excellent is not null && good is not null && pass is not null) grades = new GradeCutoffs(excellent.Value, good.Value, pass.Value);
        }

        EvaluationRules? rules = null;
        if (doc.Object("rules") is { } r)
        {
            var lastPlace = r.Bool("lastPlace");
            var minimumGroup = r.Int("lastPlaceMinimumGroup");
            if (minimumGroup is < 2) r.Error("lastPlaceMinimumGroup", "out_of_range", "'lastPlaceMinimumGroup' must be 2 or more");
            var yellowCard = r.Bool("yellowCard");
            var delisting = r.Bool("delisting");
            var fails = r.Int("delistingConsecutiveFails");
            if (fails is < 1) r.Error("delistingConsecutiveFails", "out_of_range", "'delistingConsecutiveFails' must be 1 or more");
            var lastPlaceFails = r.Bool("lastPlaceFails", required: false) ?? true;
            if (ungraded)
            {
                // Without grades nothing can fail, so no rule that starts from a fail can apply.
                if (yellowCard == true) r.Error("yellowCard", "out_of_range", "a model without grades has no fail, so 'yellowCard' must be false");
                if (delisting == true) r.Error("delisting", "out_of_range", "a model without grades has no fail, so 'delisting' must be false");
                if (lastPlace == true && lastPlaceFails)
                    r.Error("lastPlaceFails", "out_of_range", "a model without grades cannot fail the last place: set 'lastPlaceFails: false'");
            }
            r.ReportUnknownKeys();
            if (lastPlace is not null && minimumGroup is not null && yellowCard is not null && delisting is not null && fails is not null)
                rules = new EvaluationRules(lastPlace.Value, minimumGroup.Value, yellowCard.Value, delisting.Value, fails.Value, lastPlaceFails);
        }
        doc.ReportUnknownKeys();

        if (errors.Errors.Count > 0 || id is null || version is null || title is null || titleEn is null || grouping is null
            || normalisation is null || aggregation is null || (grades is null && !ungraded) || rules is null)
            return (null, errors.Errors);
        return (new EvaluationModel(id, version.Value, title, titleEn, grouping, normalisation.Value, aggregation.Value,
            dimensions, indicators, grades, rules, source), errors.Errors);
    }

    private static DimensionDefinition? ReadDimension(YamlObject d, Dictionary<string, YamlObject> seen)
    {
        var code = d.String("code");
        var name = d.String("name");
        var nameEn = d.String("nameEn");
        var weight = d.Decimal("weight");
        if (weight is <= 0) d.Error("weight", "out_of_range", $"'weight' must be above 0, found {weight}");
        if (code is not null && !seen.TryAdd(code, d))
            d.Error("code", "duplicate_id", $"the dimension '{code}' is defined more than once");
        if (code is null || name is null || nameEn is null || weight is null) return null;
        return new DimensionDefinition(code, name, nameEn, weight.Value);
    }

    private static IndicatorDefinition? ReadIndicator(YamlObject i, IReadOnlySet<string> elements, Dictionary<string, YamlObject> dimensions,
        HashSet<string> seen, Normalisation? normalisation)
    {
        var code = i.String("code");
        if (code is not null && !seen.Add(code))
            i.Error("code", "duplicate_id", $"the indicator '{code}' is defined more than once");
        var name = i.String("name");
        var nameEn = i.String("nameEn");
        var dimension = i.String("dimension");
        if (dimension is not null && !dimensions.ContainsKey(dimension))
            i.Error("dimension", "unknown_dimension", $"the dimension '{dimension}' is not declared under 'dimensions'");
        var formulaText = i.String("formula");
        var direction = i.Choice("direction", Directions);
        var weight = i.Decimal("weight");
        if (weight is <= 0) i.Error("weight", "out_of_range", $"'weight' must be above 0, found {weight}");
        var unit = i.String("unit");
        var source = i.String("source", required: false);
        var goalLow = i.Decimal("goalLow", required: false);
        var goalHigh = i.Decimal("goalHigh", required: false);
        var expert = i.Bool("expertScore", required: false) ?? false;

        Formula? formula = null;
        if (formulaText is not null)
        {
            try
            {
                formula = Formula.Parse(formulaText);
                foreach (var element in formula.Operands().Select(o => o.Element).Distinct().Where(e => !elements.Contains(e)))
                    i.Error("formula", "unknown_element", $"the formula reads '{element}', which is not a data element");
                if (expert && formula is not Formula.Element { Lag: 0 })
                    i.Error("formula", "bad_formula", "an expert score's formula must be just the element holding the score");
            }
            catch (FormulaException ex)
            {
                i.Error("formula", "bad_formula", $"{ex.Message} at character {ex.Position + 1}");
            }
        }
        if (expert && direction == Direction.Negative)
            i.Error("direction", "out_of_range", "an expert score (0–100, higher is better) must have direction positive");
        if (goalLow is not null && goalHigh is not null && goalLow >= goalHigh)
            i.Error("goalHigh", "out_of_range", $"'goalHigh' ({goalHigh}) must be above 'goalLow' ({goalLow})");
        if (normalisation == Normalisation.Goalposts && !expert)
        {
            if (goalLow is null) i.Error("goalLow", "missing_field", "goalposts normalisation needs 'goalLow' on every indicator");
            if (goalHigh is null) i.Error("goalHigh", "missing_field", "goalposts normalisation needs 'goalHigh' on every indicator");
        }

        if (code is null || name is null || nameEn is null || dimension is null || formulaText is null || formula is null
            || direction is null || weight is null || unit is null)
            return null;
        return new IndicatorDefinition(code, name, nameEn, dimension, formulaText, formula, direction.Value, weight.Value, unit, source,
            goalLow, goalHigh, expert);
    }
}
