namespace Gaoxin.Core.Enterprises;

/// <summary>Which engine a rule-set file feeds; wire names are the file's <c>kind</c>.</summary>
public enum RuleSetKind
{
    /// <summary>高新技术企业认定 self-assessment (<c>hte</c>).</summary>
    Hte,
    /// <summary>科技型中小企业评价 (<c>tech-sme</c>).</summary>
    TechSme,
    /// <summary>瞪羚 and 独角兽 identification (<c>gazelle</c>).</summary>
    Gazelle,
    /// <summary>高企培育后备库 entry rule and pipeline (<c>reserve-pool</c>).</summary>
    ReservePool,
}

/// <summary>What every enterprise rule-set file states about itself: identity, validity and the document it transcribes.</summary>
/// <param name="Id">Stable id, e.g. <c>hte-2016</c>.</param>
/// <param name="Version">Version of the file (≥ 1).</param>
/// <param name="Kind">Which engine the file feeds.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="EffectiveFrom">First day the rules apply.</param>
/// <param name="EffectiveTo">Last day the rules apply, or null when still in force.</param>
/// <param name="Source">The document the rules come from (title and number).</param>
/// <param name="IsDefault">Whether this is the default among rule sets of its kind in force on the same day.</param>
public sealed record RuleSetHeader(string Id, int Version, RuleSetKind Kind, string Name, string NameEn,
    DateOnly EffectiveFrom, DateOnly? EffectiveTo, string Source, bool IsDefault)
{
    /// <summary>Whether the rules are in force on <paramref name="date"/> (both ends inclusive).</summary>
    public bool InForceOn(DateOnly date) => date >= EffectiveFrom && (EffectiveTo is null || date <= EffectiveTo);
}

/// <summary>A rule set read from a file under <c>rules/</c>; one subtype per <see cref="RuleSetKind"/>.</summary>
/// <param name="Header">Identity, validity and source document.</param>
public abstract record EnterpriseRuleSet(RuleSetHeader Header);

/// <summary>How a value is compared with a threshold.</summary>
public enum BoundKind
{
    /// <summary>value ≥ threshold (file key <c>atLeast</c>, 含).</summary>
    AtLeast,
    /// <summary>value &gt; threshold (file key <c>above</c>).</summary>
    Above,
    /// <summary>value ≤ threshold (file key <c>atMost</c>, 含).</summary>
    AtMost,
    /// <summary>value &lt; threshold (file key <c>below</c>).</summary>
    Below,
}

/// <summary>A threshold with the side on which a value passes, so that 含/不含 wording lives in the data.</summary>
/// <param name="Kind">The comparison.</param>
/// <param name="Value">The threshold.</param>
public readonly record struct Bound(BoundKind Kind, decimal Value)
{
    /// <summary>Whether <paramref name="value"/> satisfies the bound.</summary>
    public bool Holds(decimal value) => Kind switch
    {
        BoundKind.AtLeast => value >= Value,
        BoundKind.Above => value > Value,
        BoundKind.AtMost => value <= Value,
        _ => value < Value,
    };

    /// <summary>The comparison sign, e.g. <c>≥</c>.</summary>
    public string Sign => Kind switch
    {
        BoundKind.AtLeast => "≥",
        BoundKind.Above => ">",
        BoundKind.AtMost => "≤",
        _ => "<",
    };
}

/// <summary>A short "what to improve" text in both languages, carried by the rule file.</summary>
/// <param name="Zh">Chinese text.</param>
/// <param name="En">English text.</param>
public sealed record Hint(string Zh, string En);

/// <summary>A hint produced for a failed condition or a weak score item.</summary>
/// <param name="Code">The condition or score item it concerns, e.g. <c>rd_ratio</c> or <c>conversion</c>.</param>
/// <param name="Zh">Chinese text.</param>
/// <param name="En">English text.</param>
public sealed record ImprovementHint(string Code, string Zh, string En);

/// <summary>An inclusive range of integer points: experts choose the final value inside a band.</summary>
/// <param name="Min">Lowest points the band allows.</param>
/// <param name="Max">Highest points the band allows.</param>
public readonly record struct ScoreRange(int Min, int Max)
{
    /// <summary>Sum of two ranges.</summary>
    public static ScoreRange operator +(ScoreRange a, ScoreRange b) => new(a.Min + b.Min, a.Max + b.Max);

    /// <summary>The range with both ends capped at <paramref name="cap"/>.</summary>
    public ScoreRange Cap(int cap) => new(Math.Min(Min, cap), Math.Min(Max, cap));
}

/// <summary>
/// One band of a scored item: the first band (in file order) whose threshold holds gives the points; a band with no
/// threshold catches everything left.
/// </summary>
/// <param name="Code">Band letter, e.g. <c>A</c>.</param>
/// <param name="Measure">What the threshold is compared with when an item has several measures (e.g. <c>class1</c>, <c>class2</c>), else null.</param>
/// <param name="Threshold">The threshold, or null for the catch-all band.</param>
/// <param name="Points">Points the band gives.</param>
public sealed record ScoreBand(string Code, string? Measure, Bound? Threshold, ScoreRange Points);

/// <summary>A scored item of a rule set: its maximum, bands, source clause and improvement hint.</summary>
/// <param name="Code">Stable code, e.g. <c>conversion</c>.</param>
/// <param name="Max">Most points the item gives.</param>
/// <param name="Bands">Bands in evaluation order; the last one has no threshold.</param>
/// <param name="Source">Clause the item comes from.</param>
/// <param name="Hint">What to improve when the item is weak, or null.</param>
public sealed record ScoredItem(string Code, int Max, IReadOnlyList<ScoreBand> Bands, string Source, Hint? Hint)
{
    /// <summary>The band of a value: the first band whose threshold (on <paramref name="measure"/> when banded by measure) holds.</summary>
    public ScoreBand BandOf(decimal value, Func<string, decimal>? measure = null)
    {
        foreach (var band in Bands)
        {
            if (band.Threshold is not { } threshold) return band;
            var x = band.Measure is null || measure is null ? value : measure(band.Measure);
            if (threshold.Holds(x)) return band;
        }
        return Bands[^1];
    }

    /// <summary>The band with letter <paramref name="code"/>, or null.</summary>
    public ScoreBand? Band(string code) => Bands.FirstOrDefault(b => b.Code == code);
}

/// <summary>A condition with a threshold, its source clause and its hint.</summary>
/// <param name="Bound">The threshold.</param>
/// <param name="Source">Clause the condition comes from.</param>
/// <param name="Hint">What to improve when it fails, or null.</param>
public sealed record ThresholdRule(Bound Bound, string Source, Hint? Hint);

/// <summary>A yes/no condition (no threshold), its source clause and its hint.</summary>
/// <param name="Source">Clause the condition comes from.</param>
/// <param name="Hint">What to improve when it fails, or null.</param>
public sealed record FlagRule(string Source, Hint? Hint);

/// <summary>The verdict of a recognition check; wire names <c>yes|no|depends</c> (see <see cref="EnterpriseWire"/>).</summary>
public enum Eligibility
{
    /// <summary>Every condition holds, whatever the experts decide inside the score bands.</summary>
    Yes,
    /// <summary>A condition fails, or even the best score in every band is too low.</summary>
    No,
    /// <summary>The conditions hold but the score passes only if experts pick high enough inside the bands.</summary>
    Depends,
}

/// <summary>One checked condition of a recognition rule.</summary>
/// <param name="Code">Stable code, e.g. <c>rd_ratio</c>.</param>
/// <param name="Passed">true, false, or null when it depends on expert judgement (the innovation score straddling the pass mark).</param>
/// <param name="Actual">The enterprise's value (a ratio as a fraction, days, a count, 1/0 for yes/no), or null when it cannot be computed.</param>
/// <param name="Required">The threshold, or null for a membership test.</param>
/// <param name="Operator">How <paramref name="Actual"/> is compared with <paramref name="Required"/>: ≥, &gt;, ≤, &lt;, = or <c>in</c>.</param>
/// <param name="Detail">Extra text, e.g. the domain code checked, or null.</param>
/// <param name="Source">Clause the condition comes from.</param>
public sealed record ConditionResult(string Code, bool? Passed, decimal? Actual, decimal? Required, string Operator, string? Detail, string Source);

/// <summary>Wire names of the enterprise enums, as used in files, JSON and URLs.</summary>
public static class EnterpriseWire
{
    /// <summary><c>yes</c>, <c>no</c> or <c>depends</c>.</summary>
    public static string Name(Eligibility value) => value switch
    {
        Eligibility.Yes => "yes",
        Eligibility.No => "no",
        _ => "depends",
    };

    /// <summary><c>I</c> or <c>II</c>.</summary>
    public static string Name(HteIpClass value) => value == HteIpClass.I ? "I" : "II";

    /// <summary>Rule-set kinds as written in files.</summary>
    public static readonly IReadOnlyDictionary<string, RuleSetKind> Kinds = new Dictionary<string, RuleSetKind>
    {
        ["hte"] = RuleSetKind.Hte,
        ["tech-sme"] = RuleSetKind.TechSme,
        ["gazelle"] = RuleSetKind.Gazelle,
        ["reserve-pool"] = RuleSetKind.ReservePool,
    };

    /// <summary><c>none</c>, <c>gazelle</c> or <c>unicorn</c>.</summary>
    public static string Name(GazelleKind value) => value switch
    {
        GazelleKind.Gazelle => "gazelle",
        GazelleKind.Unicorn => "unicorn",
        _ => "none",
    };

    /// <summary>Pipeline stages as written in files and on the wire.</summary>
    public static readonly IReadOnlyDictionary<string, ReserveStage> Stages = new Dictionary<string, ReserveStage>
    {
        ["candidate"] = ReserveStage.Candidate,
        ["in_pool"] = ReserveStage.InPool,
        ["trained"] = ReserveStage.Trained,
        ["applied"] = ReserveStage.Applied,
        ["recognised"] = ReserveStage.Recognised,
        ["dropped"] = ReserveStage.Dropped,
    };

    /// <summary>The wire name of a pipeline stage, e.g. <c>in_pool</c>.</summary>
    public static string Name(ReserveStage value) => Stages.First(s => s.Value == value).Key;
}
