using System.Globalization;
using System.Text.RegularExpressions;
using Gaoxin.Core.Plans;
using Gaoxin.Core.Registries;

namespace Gaoxin.Core.Policies;

/// <summary>One policy document or policy package a plan names, as it is seeded into the policy library.</summary>
/// <param name="Id">Stable identifier, lower-case and dotted, e.g. <c>liaoning.hte-income-tax</c>.</param>
/// <param name="Kind"><c>document</c> (a named document, 《…》) or <c>package</c> (a set of measures the plan names).</param>
/// <param name="Title">The title as the plan writes it (verbatim, and inside the quote).</param>
/// <param name="TitleEn">An English rendering of the title.</param>
/// <param name="Issuer">The issuing body where the plan or the title itself names it; else null.</param>
/// <param name="DocumentNumber">文号, where the plan gives it; else null.</param>
/// <param name="Level">The issuing level where the title or the plan says it; else null.</param>
/// <param name="IssuedOn">Date of issue where the plan gives it; else null.</param>
/// <param name="Zones">Zones it applies in; empty for province-wide.</param>
/// <param name="TargetTypes">Enterprise types it is aimed at, only where the plan says so (<see cref="EnterpriseTypes"/>).</param>
/// <param name="Summary">A short description, or null.</param>
/// <param name="Source">Heading path and verbatim quote that name it.</param>
public sealed record PolicySeed(
    string Id,
    string Kind,
    string Title,
    string? TitleEn,
    string? Issuer,
    string? DocumentNumber,
    PolicyLevel? Level,
    DateOnly? IssuedOn,
    IReadOnlyList<string> Zones,
    IReadOnlyList<string> TargetTypes,
    string? Summary,
    SourceRef Source);

/// <summary>A policy seed file: the policies one plan names.</summary>
/// <param name="Plan">Id of the plan the policies come from.</param>
/// <param name="Items">The policies, in file order.</param>
public sealed record PolicySeedFile(string Plan, IReadOnlyList<PolicySeed> Items);

/// <summary>
/// Reads and validates a policy seed file (YAML). Pure: the caller supplies the file's text, the plan text it cites and the plan's
/// zone codes. Every title, quote and heading must be found verbatim in the plan text (private-use characters dropped, as
/// <see cref="RegistrySeedParser"/> does) and every title must stand in its own quote, so that each seeded policy can be traced
/// back to the plan's own words; the file is refused otherwise, with located errors.
/// </summary>
public static partial class PolicySeedParser
{
    /// <summary>The kinds of seeded item.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["document", "package"];

    /// <summary>The level words of the file.</summary>
    public static IReadOnlyDictionary<string, PolicyLevel> Levels { get; } = new Dictionary<string, PolicyLevel>
    {
        ["national"] = PolicyLevel.National, ["provincial"] = PolicyLevel.Provincial, ["city"] = PolicyLevel.City, ["zone"] = PolicyLevel.Zone,
    };

    [GeneratedRegex("^[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)*$")]
    private static partial Regex IdPattern();

    /// <summary>Reads a policy seed file.</summary>
    /// <param name="file">The file's name, used only in messages.</param>
    /// <param name="yaml">The file's content.</param>
    /// <param name="planText">The text of the plan the file cites (its <c>sourceText</c>).</param>
    /// <param name="zoneCodes">The zone codes of that plan.</param>
    /// <returns>The file, or null with the located problems that stopped it.</returns>
    public static (PolicySeedFile? File, IReadOnlyList<DataFileError> Errors) Parse(string file, string yaml, string planText, IReadOnlySet<string> zoneCodes)
    {
        var errors = new ErrorSink(file);
        if (errors.LoadRoot(yaml, "plan, sourceText, policies") is not { } doc) return (null, errors.Errors);
        var plan = doc.String("plan");
        doc.String("sourceText");
        var text = RegistrySeedParser.WithoutPrivateUse(planText);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var items = doc.List("policies", o => ReadItem(o, text, zoneCodes, ids));
        doc.ReportUnknownKeys();
        if (errors.Errors.Count > 0 || plan is null) return (null, errors.Errors);
        return (new PolicySeedFile(plan, items), errors.Errors);
    }

    /// <summary>The file's <c>sourceText</c> (the plan text, relative to the file), or null.</summary>
    /// <param name="yaml">The seed file's content.</param>
    public static string? SourceTextOf(string yaml) => RegistrySeedParser.SourceTextOf(yaml);

    private static PolicySeed? ReadItem(YamlObject o, string planText, IReadOnlySet<string> zoneCodes, Dictionary<string, string> ids)
    {
        var id = o.String("id");
        var kind = o.String("kind");
        var title = o.String("title");
        var titleEn = o.String("titleEn", required: false);
        var issuer = o.String("issuer", required: false);
        var number = o.String("documentNumber", required: false);
        var level = o.Choice("level", Levels, required: false);
        var issuedOn = Date(o, "issuedOn");
        var zones = o.Strings("zones", required: false);
        var types = o.Strings("targetTypes", required: false);
        var summary = o.String("summary", required: false);

        if (id is not null)
        {
            if (!IdPattern().IsMatch(id)) o.Error("id", "bad_id", $"'{id}' is not a valid id (lower-case letters, digits, '-' and '_', in parts joined by '.')");
            if (!ids.TryAdd(id, o.Path)) o.Error("id", "duplicate_id", $"the id '{id}' is already used by {ids[id]}");
        }
        if (kind is not null && !Kinds.Contains(kind)) o.Error("kind", "unknown_value", $"'kind' must be one of {string.Join(", ", Kinds)}, found '{kind}'");
        foreach (var zone in zones.Where(z => !zoneCodes.Contains(z)))
            o.Error("zones", "unknown_reference", $"the plan has no zone with the code '{zone}'");
        foreach (var type in types.Where(t => !EnterpriseTypes.All.Contains(t)))
            o.Error("targetTypes", "unknown_value", $"'targetTypes' may hold {string.Join(", ", EnterpriseTypes.All)}, found '{type}'");
        // A title already refused is not checked against the quote a second time.
        var verbatimTitle = title;
        if (title is not null && !planText.Contains(title, StringComparison.Ordinal))
        {
            o.Error("title", "quote_not_found", $"the title '{Shorten(title)}' is not found verbatim in the plan text");
            verbatimTitle = null;
        }

        var source = o.Object("source");
        SourceRef? reference = null;
        if (source is not null)
        {
            var section = source.String("section");
            var quote = source.String("quote");
            source.ReportUnknownKeys();
            if (section is not null)
            {
                foreach (var heading in section.Split(" / ").Select(h => h.Trim()))
                {
                    if (planText.Contains(heading, StringComparison.Ordinal)) continue;
                    source.Error("section", "section_not_found", $"the heading '{heading}' is not found in the plan text");
                    break;
                }
            }
            if (quote is not null && !planText.Contains(quote, StringComparison.Ordinal))
                source.Error("quote", "quote_not_found", $"the quote '{Shorten(quote)}' is not found verbatim in the plan text");
            else if (quote is not null && verbatimTitle is not null && !quote.Contains(verbatimTitle, StringComparison.Ordinal))
                source.Error("quote", "title_not_in_quote", $"the title '{Shorten(verbatimTitle)}' does not appear in the quote '{Shorten(quote)}'");
            if (section is not null && quote is not null) reference = new SourceRef(section, quote);
        }
        if (id is null || kind is null || title is null || reference is null) return null;
        return new PolicySeed(id, kind, title, titleEn, issuer, number, level, issuedOn, zones, types, summary, reference);
    }

    private static DateOnly? Date(YamlObject o, string key)
    {
        var text = o.String(key, required: false);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        o.Error(key, "wrong_type", $"'{key}' must be a date (yyyy-mm-dd), found '{text}'");
        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
