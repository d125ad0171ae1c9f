using System.Globalization;
using System.Text.RegularExpressions;

namespace Gaoxin.Core.Registries;

/// <summary>The yearly figures a registry item can carry, and the types that carry them.</summary>
public static class RegistryFigures
{
    /// <summary>Figure names: a cluster's sales revenue (亿元), a carrier's start-ups incubated, graduated and in incubation, an alliance's members.</summary>
    public static IReadOnlyList<string> Measures { get; } = ["revenue", "incubated", "graduated", "incubating", "members"];

    /// <summary>Which figures each type takes.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByType { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["cluster"] = ["revenue"],
        ["carrier"] = ["incubated", "graduated", "incubating"],
        ["alliance"] = ["members"],
    };

    /// <summary>The unit of a figure.</summary>
    public static string UnitOf(string measure) => measure == "revenue" ? "亿元" : "家";
}

/// <summary>
/// How a data element is counted from a registry, written in the data set as text:
/// <c>TYPE[(subtype,…)][[flag]][@level,…].MEASURE[&gt;=N]</c>, e.g. <c>carrier(maker_space).standing</c>,
/// <c>rd_institution@national,provincial.standing</c>, <c>cluster.revenue&gt;=50</c>, <c>fund.amount</c>,
/// <c>alliance.projects_new</c>, <c>carrier.incubated</c>, <c>talent(person)[leading].new+</c>.
/// </summary>
/// <param name="Type">Registry type.</param>
/// <param name="Subtypes">Subtypes counted; empty for all.</param>
/// <param name="Levels">Levels counted; empty for all. Items whose level is not recorded are counted (the plan's own items rarely state it).</param>
/// <param name="Measure">
/// <c>standing</c> (items standing at the year's end), <c>new</c> (founded in the year), <c>amount</c> (sum of standing items' amounts),
/// <c>fewest</c> (with subtypes listed: the standing items of the least-provided listed subtype, so 1 means “one of each”),
/// <c>projects</c> / <c>projects_new</c> (collaborative projects running at the year's end / started in it), or a figure name
/// (sum of that figure in the year; with <see cref="AtLeast"/>, the number of items whose figure reaches it).
/// </param>
/// <param name="AtLeast">Threshold for counting items by a figure (e.g. clusters with revenue ≥ 50亿元), or null.</param>
/// <param name="Flag">A flag the items must carry (see <see cref="RegistryFlags"/>), e.g. <c>leading</c> for leading talents; null for none.</param>
/// <param name="ToDate">
/// Written <c>+</c> after a yearly measure (<c>new</c>, <c>projects_new</c> or a figure without threshold): the total of all years up to
/// and including the year, e.g. <c>carrier.incubated+</c>; a plan target "N new since the base year" is then this total's increase.
/// </param>
public sealed partial record RegistryCount(string Type, IReadOnlyList<string> Subtypes, IReadOnlyList<string> Levels, string Measure, decimal? AtLeast,
    bool ToDate = false, string? Flag = null)
{
    /// <summary>The measures that are not figures.</summary>
    public static IReadOnlyList<string> CountMeasures { get; } = ["standing", "new", "amount", "projects", "projects_new", "fewest"];

    [GeneratedRegex(@"^(?<type>[a-z_]+)(\((?<sub>[a-z_]+(,[a-z_]+)*)\))?(\[(?<flag>[a-z_]+)\])?(@(?<lvl>[a-z]+(,[a-z]+)*))?\.(?<measure>[a-z_]+)((?<todate>\+)|>=(?<n>[0-9]+(\.[0-9]+)?))?$")]
    private static partial Regex Pattern();

    /// <summary>Reads the text form; returns null and why when it is not valid.</summary>
    public static (RegistryCount? Count, string? Error) Parse(string text)
    {
        var m = Pattern().Match(text.Replace(" ", "", StringComparison.Ordinal));
        if (!m.Success) return (null, "expected TYPE[(subtype,…)][[flag]][@level,…].MEASURE[>=N], e.g. carrier(maker_space).standing");
        var type = m.Groups["type"].Value;
        if (!RegistrySeedParser.Types.Contains(type)) return (null, $"unknown registry type '{type}' (one of {string.Join(", ", RegistrySeedParser.Types)})");
        var subtypes = m.Groups["sub"].Success ? m.Groups["sub"].Value.Split(',') : [];
        foreach (var s in subtypes.Where(s => !RegistrySeedParser.Subtypes[type].Contains(s)))
            return (null, $"'{s}' is not a subtype of {type}");
        var flag = m.Groups["flag"].Success ? m.Groups["flag"].Value : null;
        if (flag is not null && !RegistryFlags.Of(type).Contains(flag))
            return (null, RegistryFlags.Of(type).Count == 0 ? $"{type} items carry no flags" : $"'{flag}' is not a flag of {type} (one of {string.Join(", ", RegistryFlags.Of(type))})");
        var levels = m.Groups["lvl"].Success ? m.Groups["lvl"].Value.Split(',') : [];
        foreach (var l in levels.Where(l => !RegistrySeedParser.Levels.Contains(l)))
            return (null, $"unknown level '{l}'");
        var measure = m.Groups["measure"].Value;
        decimal? atLeast = m.Groups["n"].Success ? decimal.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) : null;
        var figures = RegistryFigures.ByType.GetValueOrDefault(type) ?? [];
        if (!CountMeasures.Contains(measure) && !figures.Contains(measure))
            return (null, $"'{measure}' is not a measure of {type} (one of {string.Join(", ", CountMeasures.Concat(figures))})");
        if (measure.StartsWith("projects", StringComparison.Ordinal) && type != "alliance") return (null, "only alliances have collaborative projects");
        if (atLeast is not null && !figures.Contains(measure)) return (null, "'>=' applies to a figure, e.g. cluster.revenue>=50");
        if (measure == "fewest" && subtypes.Length < 2) return (null, "'fewest' compares subtypes: list two or more, e.g. fund(guidance,angel).fewest");
        var toDate = m.Groups["todate"].Success;
        if (toDate && measure is "standing" or "amount" or "projects" or "fewest") return (null, "'+' totals a yearly measure (new, projects_new or a figure) up to the year");
        return (new RegistryCount(type, subtypes, levels, measure, atLeast, toDate, flag), null);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Type + (Subtypes.Count > 0 ? $"({string.Join(',', Subtypes)})" : "") + (Flag is { } f ? $"[{f}]" : "") + (Levels.Count > 0 ? "@" + string.Join(',', Levels) : "")
        + "." + Measure + (AtLeast is { } n ? ">=" + n.ToString(CultureInfo.InvariantCulture) : "") + (ToDate ? "+" : "");
}

/// <summary>A collaborative project of an alliance, as counted.</summary>
public sealed record RegistryProject(DateOnly Started, DateOnly? Ended);

/// <summary>A registry item as the counts see it: approved items only, with their approved figures and projects.</summary>
/// <param name="Type">Registry type.</param>
/// <param name="Subtype">Subtype, or null.</param>
/// <param name="Zone">Zone code, or null when the item belongs to no single zone.</param>
/// <param name="Level">Accreditation level, or null when not recorded.</param>
/// <param name="Planned">True for an item the plan asks for that has no founding date yet: it does not stand.</param>
/// <param name="Founded">Founding date; null for the plan's existing items (standing from before the plan).</param>
/// <param name="Closed">Closing date, or null.</param>
/// <param name="Amount">Size (a fund's 亿元), or null.</param>
/// <param name="Figures">Yearly figures by (year, measure).</param>
/// <param name="Projects">Collaborative projects (alliances).</param>
/// <param name="Flags">The flags the item carries (see <see cref="RegistryFlags"/>); null for none.</param>
public sealed record RegistryEntry(
    string Type, string? Subtype, string? Zone, string? Level, bool Planned, DateOnly? Founded, DateOnly? Closed, decimal? Amount,
    IReadOnlyDictionary<(int Year, string Measure), decimal> Figures, IReadOnlyList<RegistryProject> Projects,
    IReadOnlySet<string>? Flags = null)
{
    /// <summary>Whether the item stands at the end of the year: founded by then (or existing before the plan) and not closed by then.</summary>
    public bool StandsAt(int year)
    {
        var end = new DateOnly(year, 12, 31);
        if (Founded is { } f ? f > end : Planned) return false;
        return Closed is not { } c || c > end;
    }
}

/// <summary>Counts registry items into yearly figures.</summary>
public static class RegistryCounter
{
    /// <summary>The figure a count gives for a year over the given items (one zone's, typically).</summary>
    public static decimal Count(RegistryCount count, IEnumerable<RegistryEntry> items, int year)
    {
        var matching = items.Where(i => i.Type == count.Type
            && (count.Subtypes.Count == 0 || (i.Subtype is not null && count.Subtypes.Contains(i.Subtype)))
            && (count.Levels.Count == 0 || i.Level is null || count.Levels.Contains(i.Level))
            && (count.Flag is null || (i.Flags?.Contains(count.Flag) ?? false)));
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        if (count.ToDate)
        {
            return count.Measure switch
            {
                "new" => matching.Count(i => i.Founded is { } f && f <= end),
                "projects_new" => matching.Sum(i => i.Projects.Count(p => p.Started <= end)),
                _ => matching.Sum(i => i.Figures.Where(f => f.Key.Measure == count.Measure && f.Key.Year <= year).Sum(f => f.Value)),
            };
        }
        return count.Measure switch
        {
            "standing" => matching.Count(i => i.StandsAt(year)),
            // 各高新区要设立产业投资引导资金、风险投资补偿资金或天使投资资金各1只: one of each kind, so the scarcest kind is the figure.
            "fewest" => count.Subtypes.Min(s => matching.Count(i => i.Subtype == s && i.StandsAt(year))),
            "new" => matching.Count(i => i.Founded is { } f && f.Year == year),
            "amount" => matching.Where(i => i.StandsAt(year)).Sum(i => i.Amount ?? 0),
            "projects" => matching.Sum(i => i.Projects.Count(p => p.Started <= end && (p.Ended is not { } e || e >= end))),
            "projects_new" => matching.Sum(i => i.Projects.Count(p => p.Started >= start && p.Started <= end)),
            // Figures are counted for items that report them, standing or not: a cluster named as planned still has sales.
            _ when count.AtLeast is { } threshold =>
                matching.Count(i => i.Figures.TryGetValue((year, count.Measure), out var v) && v >= threshold),
            _ => matching.Sum(i => i.Figures.GetValueOrDefault((year, count.Measure))),
        };
    }
}

/// <summary>The attributes each registry type asks for, with their labels; items may carry further ones.</summary>
public static class RegistryAttributes
{
    /// <summary>An attribute: its key as stored, and its labels.</summary>
    public sealed record Attribute(string Key, string Name, string NameEn);

    /// <summary>The attributes of a type, in the order a form shows them.</summary>
    public static IReadOnlyList<Attribute> Of(string type) => type switch
    {
        "alliance" => [new("lead", "牵头单位", "Lead organisation"), new("members", "成员单位", "Members")],
        "cluster" => [new("industry", "产业领域", "Industry"), new("zones", "涉及高新区", "Zones it spans")],
        "rd_institution" => [new("host", "依托单位", "Host organisation"), new("field", "研究领域", "Field")],
        "tech_platform" => [new("host", "依托单位", "Host organisation"), new("field", "服务领域", "Field")],
        "carrier" => [new("operator", "运营机构", "Operator"), new("area", "场地面积(平方米)", "Floor area (m²)")],
        "fund" => [new("manager", "基金管理人", "Manager"), new("investors", "出资方", "Investors")],
        "finance" => [new("parent", "总行/总公司", "Parent institution"), new("services", "科技金融服务", "Technology finance services")],
        "talent" => [new("programme", "人才计划", "Programme"), new("field", "领域", "Field"), new("year", "入选年度", "Year selected"),
            new("leading", "领军人才(领办或创办高企、领衔组建一流团队):是/否", "Leading talent (founds or leads a high-tech enterprise or a first-class team): yes/no")],
        "partnership" => [new("partner", "合作方", "Partner"), new("mechanism", "合作机制", "Mechanism")],
        "partner_institution" => [new("set", "所属合作群体(如两院十校)", "Partner set (e.g. 两院十校)"), new("agreement", "合作协议", "Agreement")],
        "outcome" => [new("industry", "产业领域", "Industry"), new("project", "所属项目", "Project"), new("owner", "完成单位", "Organisation")],
        "focus_industry" => [new("act", "认定文件", "Designating act")],
        _ => [],
    };
}

/// <summary>
/// Yes/no marks an item carries as an attribute (e.g. a talent person who is a leading talent, 领军人才), counted with
/// <c>[flag]</c> in a <see cref="RegistryCount"/>. A flag is set when its attribute says yes (是, yes, true, y or 1).
/// </summary>
public static class RegistryFlags
{
    /// <summary>The flags a type's items can carry; each is also one of the type's <see cref="RegistryAttributes"/>.</summary>
    public static IReadOnlyList<string> Of(string type) => type switch
    {
        // 能够领办或创办高新技术企业、领衔组建国内一流科技创新团队的高端人才 (the plan's "about 50" leading talents).
        "talent" => ["leading"],
        _ => [],
    };

    private static readonly string[] Yes = ["是", "yes", "true", "y", "1"];

    /// <summary>Whether an attribute's value sets its flag.</summary>
    public static bool IsSet(string? value) => value is not null && Yes.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The flags an item's attributes set.</summary>
    public static IReadOnlySet<string> FromAttributes(string type, IReadOnlyDictionary<string, string> attributes) =>
        Of(type).Where(f => attributes.TryGetValue(f, out var v) && IsSet(v)).ToHashSet(StringComparer.Ordinal);
}

/// <summary>Spots the same registry item entered twice in slightly different words.</summary>
public static class RegistryNames
{
    /// <summary>A name without spaces and punctuation, letters lower-cased (full-width folded).</summary>
    public static string Normalize(string name) =>
        new(name.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c) && !char.IsSymbol(c))
            .Select(char.ToLowerInvariant).ToArray());

    /// <summary>
    /// Whether two names probably mean the same item though not written alike: one contains the other, or they differ in at most
    /// a fifth of their characters (e.g. 机器人产业技术创新战略联盟 and 机器人产业技术创新联盟).
    /// </summary>
    public static bool Similar(string a, string b)
    {
        var x = Normalize(a);
        var y = Normalize(b);
        if (x.Length == 0 || y.Length == 0) return false;
        if (x == y) return true;
        if (Math.Min(x.Length, y.Length) >= 4 && (x.Contains(y, StringComparison.Ordinal) || y.Contains(x, StringComparison.Ordinal))) return true;
        return Distance(x, y) <= Math.Max(x.Length, y.Length) / 5;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
