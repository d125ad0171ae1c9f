using System.Globalization;
using System.Text.RegularExpressions;

namespace Gaoxin.Core.Plans;

/// <summary>The outcome of reading a plan file: the plan, or the located problems that stopped it.</summary>
public sealed record PlanParseResult(Plan? Plan, IReadOnlyList<DataFileError> Errors)
{
    /// <summary>True when the file was read without any problem.</summary>
    public bool Succeeded => Plan is not null && Errors.Count == 0;
}

/// <summary>
/// Reads and validates a plan file (YAML). Every quote and heading it cites must be found verbatim
/// in the plan text named by <c>sourceText</c>, and every baseline and target value must appear in
/// its quote, so that each figure the platform shows can be traced back to the plan's own words.
/// </summary>
public static partial class PlanParser
{
    private static readonly Dictionary<string, ZoneLevel> Levels = new()
    {
        ["national"] = ZoneLevel.National,
        ["provincial"] = ZoneLevel.Provincial,
    };

    private static readonly Dictionary<string, Governance> Governances = new()
    {
        ["merged"] = Governance.Merged,
        ["dispatched"] = Governance.Dispatched,
    };

    /// <summary>Comparators as written in plan files.</summary>
    public static readonly IReadOnlyDictionary<string, Comparator> Comparators = new Dictionary<string, Comparator>
    {
        [">="] = Comparator.AtLeast,
        ["<="] = Comparator.AtMost,
        ["="] = Comparator.Exactly,
        ["~"] = Comparator.About,
    };

    private static readonly Dictionary<string, MeasureKind> Kinds = new()
    {
        ["level"] = MeasureKind.Level,
        ["count"] = MeasureKind.Count,
        ["cumulative"] = MeasureKind.Cumulative,
    };

    private static readonly Dictionary<string, TaskKind> TaskKinds = new()
    {
        ["task"] = TaskKind.Task,
        ["subtask"] = TaskKind.Subtask,
        ["column"] = TaskKind.Column,
        ["item"] = TaskKind.Item,
        ["safeguard"] = TaskKind.Safeguard,
        ["rule"] = TaskKind.Rule,
    };

    private static readonly string[] FixedScopes = ["zones", "province", "each_zone", "national_zones", "provincial_zones"];

    [GeneratedRegex("^[a-z][a-z0-9_.-]*$")]
    private static partial Regex IdPattern();

    /// <summary>Reads a plan file.</summary>
    /// <param name="file">The file's name as the user gave it; used only in messages.</param>
    /// <param name="yaml">The file's content.</param>
    /// <param name="readSibling">Returns the content of a file named relative to the plan file, or null when there is none.</param>
    public static PlanParseResult Parse(string file, string yaml, Func<string, string?> readSibling)
    {
        var errors = new ErrorSink(file);
        if (errors.LoadRoot(yaml, "id, title, zones, baselines, targets, tasks") is not { } doc)
            return new PlanParseResult(null, errors.Errors);
        var id = doc.String("id");
        var version = doc.Int("version");
        var title = doc.String("title");
        var titleEn = doc.String("titleEn");
        var sourceTextName = doc.String("sourceText");
        var baseYear = doc.Int("baseYear");
        var targetYear = doc.Int("targetYear");

        string? planText = null;
        if (sourceTextName is not null)
        {
            planText = readSibling(sourceTextName);
            if (planText is null)
                doc.Error("sourceText", "source_text_missing", $"the plan text '{sourceTextName}' was not found beside the plan file");
        }
        if (id is not null && !IdPattern().IsMatch(id))
            doc.Error("id", "bad_id", $"'{id}' is not a valid id (lower-case letters, digits, '-', '_' and '.')");
        if (title is not null && planText is not null && !planText.Contains(title, StringComparison.Ordinal))
            doc.Error("title", "quote_not_found", "the title is not found verbatim in the plan text");

        var context = new Context(planText, errors);
        var zones = doc.List("zones", z => ReadZone(z, context));
        var baselines = doc.List("baselines", b => ReadBaseline(b, context));
        var targets = doc.List("targets", t => ReadTarget(t, context));
        var tasks = doc.List("tasks", t => ReadTask(t, context));
        doc.ReportUnknownKeys();

        CheckUnique(doc, "zones", zones.Select(z => z.Code));
        CheckUnique(doc, "baselines", baselines.Select(b => b.Id));
        CheckUnique(doc, "targets", targets.Select(t => t.Id));
        CheckUnique(doc, "tasks", tasks.SelectMany(t => t.SelfAndDescendants()).Select(t => t.Id));
        CheckReferences(doc, context, baseYear, targetYear);

        if (errors.Errors.Count > 0 || id is null || version is null || title is null || titleEn is null || baseYear is null || targetYear is null)
            return new PlanParseResult(null, errors.Errors);
        return new PlanParseResult(
            new Plan(id, version.Value, title, titleEn, baseYear.Value, targetYear.Value, zones, baselines, targets, tasks),
            errors.Errors);
    }

    private sealed class Context(string? planText, ErrorSink errors)
    {
        public string? PlanText { get; } = planText;
        public ErrorSink Errors { get; } = errors;
        // Where each referring field stands, to locate reference errors after the whole file is read.
        public List<(YamlObject Owner, string Key, string Id)> BaselineRefs { get; } = [];
        public List<(YamlObject Owner, string Key, string Id)> TargetRefs { get; } = [];
        public List<(YamlObject Owner, string Key, string Code)> ZoneRefs { get; } = [];
        public List<(YamlObject Owner, string Key, int Year)> TargetYears { get; } = [];
        // Every id declared, valid or not, so that one bad entry does not also break the references to it.
        public HashSet<string> ZoneCodes { get; } = [];
        public HashSet<string> BaselineIds { get; } = [];
        public HashSet<string> TargetIds { get; } = [];
    }

    private static SourceRef? ReadSource(YamlObject owner, string key, Context context, decimal? mustQuote = null, bool required = true)
    {
        var source = owner.Object(key, required);
        if (source is null) return null;
        var section = source.String("section");
        var quote = source.String("quote");
        source.ReportUnknownKeys();
        if (section is null || quote is null) return null;

        if (context.PlanText is { } text)
        {
            foreach (var heading in section.Split(" / "))
            {
                if (!text.Contains(heading.Trim(), StringComparison.Ordinal))
                {
                    source.Error("section", "section_not_found", $"the heading '{heading.Trim()}' is not found in the plan text");
                    break;
                }
            }
            if (!text.Contains(quote, StringComparison.Ordinal))
                source.Error("quote", "quote_not_found", $"the quote '{Shorten(quote)}' is not found verbatim in the plan text");
        }
        if (mustQuote is { } value && !Writes(quote, value))
            source.Error("quote", "value_not_in_quote", $"the value {FormatNumber(value)} does not appear in the quote '{Shorten(quote)}'");
        return new SourceRef(section, quote);
    }

    /// <summary>
    /// Whether a quote writes a value: as digits (<see cref="FormatNumber"/>), or, for 2, as a word for doubling
    /// (倍增, 翻番, 翻一番 — e.g. the plan's 高新技术企业“三年倍增计划”, a target of twice the count three years earlier).
    /// </summary>
    public static bool Writes(string quote, decimal value) =>
        quote.Contains(FormatNumber(value), StringComparison.Ordinal)
        || (value == 2 && DoublingWords.Any(w => quote.Contains(w, StringComparison.Ordinal)));

    private static readonly string[] DoublingWords = ["倍增", "翻番", "翻一番"];

    /// <summary>Formats a number as the plan text writes it: no trailing zeros, no grouping.</summary>
    public static string FormatNumber(decimal value) =>
        value.ToString("0.############", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static PlanZone? ReadZone(YamlObject z, Context context)
    {
        var code = z.String("code");
        if (code is not null) context.ZoneCodes.Add(code);
        var name = z.String("name");
        var nameEn = z.String("nameEn");
        var city = z.String("city");
        var county = z.String("county", required: false);
        var level = z.Choice("level", Levels);
        var governance = z.Choice("governance", Governances);
        var industries = z.Strings("leadingIndustries");
        var area = z.Decimal("areaKm2", required: false);
        SourceRef? levelSource = null, governanceSource = null, industriesSource = null;
        if (z.Object("sources", required: false) is { } sources)
        {
            levelSource = ReadSource(sources, "level", context, required: false);
            governanceSource = ReadSource(sources, "governance", context, required: false);
            industriesSource = ReadSource(sources, "leadingIndustries", context, required: false);
            sources.ReportUnknownKeys();
        }
        if (code is not null && !IdPattern().IsMatch(code))
            z.Error("code", "bad_id", $"'{code}' is not a valid zone code (lower-case pinyin)");
        if (area is < 0)
            z.Error("areaKm2", "out_of_range", "the area cannot be negative");
        if (code is null || name is null || nameEn is null || city is null || level is null || governance is null)
            return null;
        return new PlanZone(code, name, nameEn, city, county, level.Value, governance.Value, industries, area,
            levelSource, governanceSource, industriesSource);
    }

    private static Baseline? ReadBaseline(YamlObject b, Context context)
    {
        var id = b.String("id");
        if (id is not null) context.BaselineIds.Add(id);
        var title = b.String("title");
        var titleEn = b.String("titleEn");
        var value = b.Decimal("value");
        var unit = b.String("unit");
        var year = b.Int("year");
        var approximate = b.Bool("approximate", required: false) ?? false;
        var source = ReadSource(b, "source", context, value);
        if (id is not null && !IdPattern().IsMatch(id))
            b.Error("id", "bad_id", $"'{id}' is not a valid id");
        if (id is null || title is null || titleEn is null || value is null || unit is null || year is null || source is null)
            return null;
        return new Baseline(id, title, titleEn, value.Value, unit, year.Value, approximate, source);
    }

    private static Target? ReadTarget(YamlObject t, Context context)
    {
        var id = t.String("id");
        if (id is not null) context.TargetIds.Add(id);
        var title = t.String("title");
        var titleEn = t.String("titleEn");
        var measure = t.String("measure");
        var kind = t.Choice("kind", Kinds);
        var baselineId = t.String("baseline", required: false);
        if (baselineId is not null) context.BaselineRefs.Add((t, "baseline", baselineId));
        TargetValue? goal = null;
        decimal? goalValue = null;
        if (t.Object("target") is { } target)
        {
            goalValue = target.Decimal("value");
            var max = target.Decimal("max", required: false);
            var year = target.Int("year");
            var comparator = target.Choice("comparator", Comparators);
            target.ReportUnknownKeys();
            if (max is not null && goalValue is not null && max < goalValue)
                target.Error("max", "out_of_range", "'max' must not be below 'value'");
            if (year is not null) context.TargetYears.Add((target, "year", year.Value));
            if (goalValue is not null && year is not null && comparator is not null)
                goal = new TargetValue(goalValue.Value, max, year.Value, comparator.Value);
        }
        var unit = t.String("unit");
        var scope = t.String("scope");
        if (scope is not null)
        {
            if (scope.StartsWith("zone:", StringComparison.Ordinal)) context.ZoneRefs.Add((t, "scope", scope["zone:".Length..]));
            else if (!FixedScopes.Contains(scope))
                t.Error("scope", "unknown_value", $"'scope' must be one of {string.Join(", ", FixedScopes)} or zone:CODE, found '{scope}'");
        }
        var source = ReadSource(t, "source", context, goalValue);
        if (id is not null && !IdPattern().IsMatch(id))
            t.Error("id", "bad_id", $"'{id}' is not a valid id");
        if (measure is not null && !IdPattern().IsMatch(measure))
            t.Error("measure", "bad_id", $"'{measure}' is not a valid measure code");
        if (id is null || title is null || titleEn is null || measure is null || kind is null || goal is null
            || unit is null || scope is null || source is null)
            return null;
        return new Target(id, title, titleEn, measure, kind.Value, baselineId, goal, unit, scope, source);
    }

    private static PlanTask? ReadTask(YamlObject t, Context context)
    {
        var id = t.String("id");
        var title = t.String("title");
        var titleEn = t.String("titleEn");
        var kind = t.Choice("kind", TaskKinds);
        var zone = t.String("zone", required: false);
        if (zone is not null) context.ZoneRefs.Add((t, "zone", zone));
        var targetIds = t.Strings("targets", required: false);
        foreach (var targetId in targetIds) context.TargetRefs.Add((t, "targets", targetId));
        var source = ReadSource(t, "source", context);
        var children = t.List("children", c => ReadTask(c, context), required: false);
        if (id is not null && !IdPattern().IsMatch(id))
            t.Error("id", "bad_id", $"'{id}' is not a valid id");
        if (id is null || title is null || titleEn is null || kind is null || source is null)
            return null;
        return new PlanTask(id, title, titleEn, kind.Value, zone, targetIds, source, children);
    }

    private static void CheckUnique(YamlObject doc, string list, IEnumerable<string> ids)
    {
        foreach (var group in ids.GroupBy(i => i).Where(g => g.Count() > 1))
            doc.Error(list, "duplicate_id", $"the id '{group.Key}' is used {group.Count()} times in {list}");
    }

    private static void CheckReferences(YamlObject doc, Context context, int? baseYear, int? targetYear)
    {
        foreach (var (owner, key, id) in context.BaselineRefs.Where(r => !context.BaselineIds.Contains(r.Id)))
            owner.Error(key, "unknown_reference", $"no baseline has the id '{id}'");
        foreach (var (owner, key, id) in context.TargetRefs.Where(r => !context.TargetIds.Contains(r.Id)))
            owner.Error(key, "unknown_reference", $"no target has the id '{id}'");
        foreach (var (owner, key, code) in context.ZoneRefs.Where(r => !context.ZoneCodes.Contains(r.Code)))
            owner.Error(key, "unknown_reference", $"no zone has the code '{code}'");
        if (baseYear is not null && targetYear is not null)
        {
            if (targetYear < baseYear)
                doc.Error("targetYear", "out_of_range", "'targetYear' must not be before 'baseYear'");
            foreach (var (owner, key, year) in context.TargetYears.Where(y => y.Year <= baseYear))
                owner.Error(key, "out_of_range", $"a target year ({year}) must come after the base year {baseYear}");
        }
    }
}
