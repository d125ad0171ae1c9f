using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Gaoxin.Core.Plans;
using YamlDotNet.RepresentationModel;

namespace Gaoxin.Core.Registries;

/// <summary>
/// One named item of a plan (an alliance, cluster, R&amp;D institution, platform, carrier, fund, finance
/// measure or talent measure) as it is seeded into the typed registries, traced to the plan's own words.
/// </summary>
/// <param name="Id">Stable identifier, lower-case and dotted, e.g. <c>alliance.shenyang.robot</c>.</param>
/// <param name="Type">One of <see cref="RegistrySeedParser.Types"/>.</param>
/// <param name="Subtype">Finer kind within the type (see <see cref="RegistrySeedParser.Subtypes"/>), or null.</param>
/// <param name="Name">The item's name as the plan writes it; a verbatim part of the plan text.</param>
/// <param name="Zone">Code of the zone the plan names for the item, or null when it names no single zone.</param>
/// <param name="Level">national, provincial or municipal where the name itself says so; else null.</param>
/// <param name="Amount">A size the plan gives (money or floor area), as written in the quote; else null.</param>
/// <param name="Unit">Unit of <paramref name="Amount"/> (亿元, 万元, 万平方米), or null.</param>
/// <param name="Status"><c>existing</c> when the plan lists it as existing, <c>planned</c> when the plan asks for it by its target year.</param>
/// <param name="Source">Heading path and verbatim quote that name the item.</param>
public sealed record RegistryItemSeed(
    string Id,
    string Type,
    string? Subtype,
    string Name,
    string? Zone,
    string? Level,
    decimal? Amount,
    string? Unit,
    string Status,
    SourceRef Source);

/// <summary>A registry seed file: the named items of one plan.</summary>
/// <param name="Plan">Id of the plan the items come from, e.g. <c>liaoning-2017-2020</c>.</param>
/// <param name="Items">The items, in file order.</param>
public sealed record RegistrySeedFile(string Plan, IReadOnlyList<RegistryItemSeed> Items);

/// <summary>
/// Reads and validates a registry seed file (YAML). Pure: the caller supplies the file's text, the text of
/// the plan it cites and the zone codes of that plan. Every name, quote and heading must be found verbatim
/// in the plan text, every name must stand in its own quote and every amount must be written in its quote,
/// so that each registry entry can be traced back to the plan's own words.
/// </summary>
/// <remarks>
/// One normalisation, and only one: private-use characters (U+E000–U+F8FF and the supplementary private-use planes) are
/// dropped from the plan text before matching. Published plan texts carry such characters as leftovers of the source
/// document's fonts, inside words (the Liaoning plan writes 欧美同学\uE008会·中\uE009国留学人员联谊会), where they stand for
/// nothing; a name or quote must itself be clean, and everything else (punctuation, spaces, width, case) must match exactly.
/// </remarks>
public static partial class RegistrySeedParser
{
    /// <summary>The registry types, in the order of the plan's columns.</summary>
    public static IReadOnlyList<string> Types { get; } =
        ["alliance", "cluster", "rd_institution", "tech_platform", "carrier", "fund", "finance", "talent", "partnership",
         "partner_institution", "outcome", "focus_industry"];

    /// <summary>The subtypes each type allows; an empty list means the type takes no subtype.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Subtypes { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["alliance"] = [],
        ["cluster"] = ["high_end_equipment", "new_materials", "new_generation_it", "health_biomed"],
        ["rd_institution"] = ["engineering_research_centre", "key_laboratory", "engineering_laboratory", "enterprise_tech_centre", "other"],
        // The plan's “三类” platforms (三、重点任务 / 提升科技创新能力): 产业共性技术创新平台, 产业专业技术创新平台 (专栏6) and
        // 产业技术创新综合服务平台.
        ["tech_platform"] = ["common_technology", "specialised_technology", "comprehensive_service"],
        // 创业苗圃 (nursery) → 孵化器 → 加速器: the incubation ladder.
        ["carrier"] = ["maker_space", "nursery", "incubator", "accelerator", "science_park", "other"],
        ["fund"] = ["vc", "industry", "guidance", "angel", "loan", "talent", "risk_compensation"],
        // Institutions (bank … vc_institution) are counted; platform … other are the plan's measures for finance.
        ["finance"] = ["bank", "insurer", "guarantor", "leasing", "microloan", "vc_institution", "platform", "alliance", "building", "other"],
        // person and team are the high-level talents and teams the zones bring in; the rest are the plan's talent measures.
        ["talent"] = ["person", "team", "base", "workstation", "facility", "programme", "fund", "policy", "event"],
        ["partnership"] = ["domestic", "international"],
        // The universities, academies and research institutes the zones cooperate with; a named set (两院十校) is one item.
        ["partner_institution"] = ["academy", "university", "research_institute", "partner_set"],
        // Recorded results of the zones' projects: key technologies mastered (攻克关键技术) and new products developed (研发新产品).
        ["outcome"] = ["key_technology", "new_product"],
        // A strategic emerging industry a zone designates as its focus (聚焦1-2个战略性新兴产业), from the date it is designated.
        ["focus_industry"] = ["high_end_equipment", "new_generation_it", "new_materials", "biomedical_engineering", "energy_saving_environmental", "other"],
    };

    /// <summary>The levels an item's name can state.</summary>
    public static IReadOnlyList<string> Levels { get; } = ["national", "provincial", "municipal"];

    /// <summary>Whether the plan lists an item as existing or asks for it.</summary>
    public static IReadOnlyList<string> Statuses { get; } = ["existing", "planned"];

    /// <summary>The units an amount may be given in.</summary>
    public static IReadOnlyList<string> Units { get; } = ["亿元", "万元", "万平方米"];

    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z][a-z0-9_.-]*$")]
    private static partial Regex PlanIdPattern();

    /// <summary>Reads a registry seed file.</summary>
    /// <param name="file">The file's name as the user gave it; used only in messages.</param>
    /// <param name="yaml">The file's content.</param>
    /// <param name="planText">The text of the plan the file cites (the file's <c>sourceText</c>).</param>
    /// <param name="zoneCodes">The zone codes of that plan.</param>
    /// <returns>The file, or null with the located problems that stopped it.</returns>
    public static (RegistrySeedFile? File, IReadOnlyList<DataFileError> Errors) Parse(
        string file, string yaml, string planText, IReadOnlySet<string> zoneCodes)
    {
        var errors = new ErrorSink(file);
        if (errors.LoadRoot(yaml, "plan, sourceText, items") is not { } doc)
            return (null, errors.Errors);
        var plan = doc.String("plan");
        doc.String("sourceText");
        var context = new Context(planText, zoneCodes);
        var items = doc.List("items", item => ReadItem(item, context));
        doc.ReportUnknownKeys();
        if (plan is not null && !PlanIdPattern().IsMatch(plan))
            doc.Error("plan", "bad_id", $"'{plan}' is not a valid plan id");

        if (errors.Errors.Count > 0 || plan is null)
            return (null, errors.Errors);
        return (new RegistrySeedFile(plan, items), errors.Errors);
    }

    /// <summary>
    /// The file's <c>sourceText</c> (the plan text, named relative to the seed file), so that a caller can
    /// read the plan text before calling <see cref="Parse"/>; null when the file does not name one or is not valid YAML.
    /// </summary>
    /// <param name="yaml">The seed file's content.</param>
    public static string? SourceTextOf(string yaml)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count > 0
                && stream.Documents[0].RootNode is YamlMappingNode root
                && root.Children.TryGetValue(new YamlScalarNode("sourceText"), out var node)
                && node is YamlScalarNode { Value: { Length: > 0 } value })
                return value;
        }
        catch (YamlDotNet.Core.YamlException)
        {
        }
        catch (InvalidOperationException)
        {
        }
        return null;
    }

    private sealed class Context(string planText, IReadOnlySet<string> zoneCodes)
    {
        public string PlanText { get; } = WithoutPrivateUse(planText);
        public IReadOnlySet<string> ZoneCodes { get; } = zoneCodes;
        // Each id seen so far, with the path of the item that used it first.
        public Dictionary<string, string> Ids { get; } = new(StringComparer.Ordinal);
    }

    private static RegistryItemSeed? ReadItem(YamlObject o, Context context)
    {
        var id = o.String("id");
        var type = o.String("type");
        var subtype = o.String("subtype", required: false);
        var name = o.String("name");
        var zone = o.String("zone", required: false);
        var level = o.String("level", required: false);
        var amount = o.Decimal("amount", required: false);
        var unit = o.String("unit", required: false);
        var status = o.String("status");

        if (id is not null)
        {
            if (!IdPattern().IsMatch(id))
                o.Error("id", "bad_id", $"'{id}' is not a valid id (lower-case letters, digits and '_', in parts joined by '.')");
            if (!context.Ids.TryAdd(id, o.Path))
                o.Error("id", "duplicate_id", $"the id '{id}' is already used by {context.Ids[id]}");
        }
        if (type is not null && !Types.Contains(type))
        {
            o.Error("type", "unknown_value", $"'type' must be one of {string.Join(", ", Types)}, found '{type}'");
            type = null;
        }
        if (type is not null && subtype is not null && !Subtypes[type].Contains(subtype))
        {
            o.Error("subtype", "unknown_value", Subtypes[type].Count == 0
                ? $"the type '{type}' takes no subtype, found '{subtype}'"
                : $"'subtype' of a {type} must be one of {string.Join(", ", Subtypes[type])}, found '{subtype}'");
        }
        if (level is not null && !Levels.Contains(level))
            o.Error("level", "unknown_value", $"'level' must be one of {string.Join(", ", Levels)}, found '{level}'");
        if (status is not null && !Statuses.Contains(status))
            o.Error("status", "unknown_value", $"'status' must be one of {string.Join(", ", Statuses)}, found '{status}'");
        if (zone is not null && !context.ZoneCodes.Contains(zone))
            o.Error("zone", "unknown_reference", $"the plan has no zone with the code '{zone}'");

        if (amount is < 0)
            o.Error("amount", "out_of_range", "the amount cannot be negative");
        if (amount is not null && unit is null)
            o.Error("unit", "missing_field", "'unit' is required when 'amount' is given");
        if (unit is not null && !HasValue(o, "amount"))
            o.Error("amount", "missing_field", "'amount' is required when 'unit' is given");
        if (unit is not null && !Units.Contains(unit))
            o.Error("unit", "unknown_value", $"'unit' must be one of {string.Join(", ", Units)}, found '{unit}'");

        // A name already refused is not checked against the quote a second time.
        string? verbatimName = null;
        if (name is not null)
        {
            if (HasPrivateUse(name))
                o.Error("name", "private_use_character", "the name contains a private-use character; cite a clean part of the text");
            else if (!context.PlanText.Contains(name, StringComparison.Ordinal))
                o.Error("name", "quote_not_found", $"the name '{Shorten(name)}' is not found verbatim in the plan text");
            else
                verbatimName = name;
        }

        var source = ReadSource(o, context, verbatimName, amount, unit);
        if (id is null || type is null || name is null || status is null || source is null)
            return null;
        return new RegistryItemSeed(id, type, subtype, name, zone, level, amount, unit, status, source);
    }

    private static SourceRef? ReadSource(YamlObject owner, Context context, string? name, decimal? amount, string? unit)
    {
        var source = owner.Object("source");
        if (source is null) return null;
        var section = source.String("section");
        var quote = source.String("quote");
        source.ReportUnknownKeys();
        if (section is null || quote is null) return null;

        foreach (var heading in section.Split(" / "))
        {
            if (!context.PlanText.Contains(heading.Trim(), StringComparison.Ordinal))
            {
                source.Error("section", "section_not_found", $"the heading '{heading.Trim()}' is not found in the plan text");
                break;
            }
        }
        if (HasPrivateUse(quote))
            source.Error("quote", "private_use_character", "the quote contains a private-use character; cite a clean part of the text");
        else if (!context.PlanText.Contains(quote, StringComparison.Ordinal))
            source.Error("quote", "quote_not_found", $"the quote '{Shorten(quote)}' is not found verbatim in the plan text");
        if (name is not null && !quote.Contains(name, StringComparison.Ordinal))
            source.Error("quote", "name_not_in_quote", $"the name '{Shorten(name)}' does not appear in the quote '{Shorten(quote)}'");
        if (amount is { } value)
        {
            var written = PlanParser.FormatNumber(value) + (unit is not null && Units.Contains(unit) ? unit : "");
            if (!quote.Contains(written, StringComparison.Ordinal))
                source.Error("quote", "value_not_in_quote", $"the amount {written} does not appear in the quote '{Shorten(quote)}'");
        }
        return new SourceRef(section, quote);
    }

    /// <summary>True when the mapping holds the key with a value other than null (a malformed value counts).</summary>
    private static bool HasValue(YamlObject o, string key) =>
        ((YamlMappingNode)o.Node).Children.TryGetValue(new YamlScalarNode(key), out var node)
        && node is not YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "null" or "~" };

    /// <summary>The text without its private-use characters (the one normalisation the matcher allows; see the class remarks).</summary>
    public static string WithoutPrivateUse(string text)
    {
        if (!HasPrivateUse(text)) return text;
        var clean = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.PrivateUse) clean.Append(rune.ToString());
        return clean.ToString();
    }

    private static bool HasPrivateUse(string text)
    {
        foreach (var rune in text.EnumerateRunes())
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.PrivateUse) return true;
        return false;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
