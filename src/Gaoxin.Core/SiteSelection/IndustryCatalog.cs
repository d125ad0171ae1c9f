using Gaoxin.Core.Plans;

namespace Gaoxin.Core.SiteSelection;

/// <summary>Where an industry code's alias comes from: the plan's section and its words.</summary>
public sealed record IndustrySource(string Section, string Quote);

/// <summary>
/// An industry code: one of the 8 national key supported high-tech domains (<see cref="IsDomain"/>) or a finer industry
/// under one (its <see cref="Parent"/>), with the keywords a free text is matched on.
/// </summary>
public sealed record Industry(string Code, bool IsDomain, string Name, string NameEn, string? Parent, IReadOnlyList<string> Keywords,
    IReadOnlyList<IndustrySource> Sources)
{
    /// <summary>The domain the code belongs to: itself for a domain, else its parent (null outside the 8 domains).</summary>
    public string? Domain => IsDomain ? Code : Parent;
}

/// <summary>The points of each part of the site-selection score.</summary>
public sealed record SiteWeights(decimal Industry, decimal Cluster, decimal Carriers, decimal Needs, decimal Scale)
{
    /// <summary>The parts in the order pages show them.</summary>
    public static readonly IReadOnlyList<string> Parts = ["industry", "cluster", "carriers", "needs", "scale"];

    /// <summary>The weight of a part by its name.</summary>
    public decimal Of(string part) => part switch
    {
        "industry" => Industry,
        "cluster" => Cluster,
        "carriers" => Carriers,
        "needs" => Needs,
        "scale" => Scale,
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, null),
    };

    /// <summary>These weights with one part changed.</summary>
    public SiteWeights With(string part, decimal value) => part switch
    {
        "industry" => this with { Industry = value },
        "cluster" => this with { Cluster = value },
        "carriers" => this with { Carriers = value },
        "needs" => this with { Needs = value },
        "scale" => this with { Scale = value },
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, null),
    };
}

/// <summary>A keyword found in a text, and the code it stands for.</summary>
public sealed record IndustryMatch(string Code, string Keyword);

/// <summary>The industry codes with their keywords and the default weights (<c>portal/industries.yaml</c>).</summary>
public sealed class IndustryCatalog
{
    private readonly Dictionary<string, Industry> _byCode;
    // Keywords by their first character, longest first: the text is read left to right, longest keyword wins at each place.
    private readonly Dictionary<char, List<(string Keyword, string Code)>> _keywords;

    /// <summary>A catalog of <paramref name="industries"/> (codes and keywords unique) with default <paramref name="weights"/>.</summary>
    public IndustryCatalog(IReadOnlyList<Industry> industries, SiteWeights weights)
    {
        Industries = industries;
        Weights = weights;
        _byCode = industries.ToDictionary(i => i.Code, StringComparer.Ordinal);
        _keywords = industries.SelectMany(i => i.Keywords.Select(k => (Keyword: Normalize(k), i.Code)))
            .Where(k => k.Keyword.Length > 0)
            .GroupBy(k => k.Keyword[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(k => k.Keyword.Length).ThenBy(k => k.Keyword, StringComparer.Ordinal).ToList());
    }

    /// <summary>Every code, in file order.</summary>
    public IReadOnlyList<Industry> Industries { get; }

    /// <summary>The default weights.</summary>
    public SiteWeights Weights { get; }

    /// <summary>The code's entry, or null.</summary>
    public Industry? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The domain of a code (itself for a domain), or null.</summary>
    public string? DomainOf(string code) => Find(code)?.Domain;

    /// <summary>How texts are compared: without white space, case-folded (for latin letters such as IC).</summary>
    public static string Normalize(string text) =>
        new(text.Where(c => !char.IsWhiteSpace(c)).Select(char.ToLowerInvariant).ToArray());

    /// <summary>
    /// The keywords found in <paramref name="text"/>, read from left to right with the longest keyword at each place
    /// (生物基纤维 is one keyword, not 生物 followed by other characters); a code found twice is listed once.
    /// </summary>
    public IReadOnlyList<IndustryMatch> Match(string? text)
    {
        var result = new List<IndustryMatch>();
        if (string.IsNullOrWhiteSpace(text)) return result;
        var normalized = Normalize(text);
        var at = 0;
        while (at < normalized.Length)
        {
            var found = _keywords.TryGetValue(normalized[at], out var candidates)
                ? candidates.FirstOrDefault(k => at + k.Keyword.Length <= normalized.Length && string.CompareOrdinal(normalized, at, k.Keyword, 0, k.Keyword.Length) == 0)
                : default;
            if (found.Keyword is null) { at++; continue; }
            if (!result.Any(m => m.Code == found.Code)) result.Add(new IndustryMatch(found.Code, found.Keyword));
            at += found.Keyword.Length;
        }
        return result;
    }

    /// <summary>The codes found in <paramref name="text"/>.</summary>
    public IReadOnlyList<string> Codes(string? text) => Match(text).Select(m => m.Code).ToList();

    /// <summary>
    /// The English name of an industry the data names in Chinese (a zone's leading industry 生物医药 → Biomedicine): the
    /// English name of the code whose Chinese name is <paramref name="text"/>; null when no code is named so.
    /// </summary>
    public string? EnglishNameOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var normalized = Normalize(text);
        return Industries.FirstOrDefault(i => Normalize(i.Name) == normalized)?.NameEn;
    }
}

/// <summary>Reads <c>portal/industries.yaml</c>, checking codes, parents, keywords and that every quote is in the plan text.</summary>
public static class IndustryCatalogParser
{
    /// <summary>The path of the plan text the file names (<c>sourceText</c>), relative to the file, or null.</summary>
    public static string? SourceTextOf(string yaml)
    {
        var line = yaml.Split('\n').FirstOrDefault(l => l.StartsWith("sourceText:", StringComparison.Ordinal));
        return line?["sourceText:".Length..].Trim().Trim('"', '\'');
    }

    /// <summary>
    /// The catalog, or null and the located errors. <paramref name="planText"/> is the text the sources quote (empty: quotes
    /// are not checked).
    /// </summary>
    public static (IndustryCatalog? Catalog, IReadOnlyList<DataFileError> Errors) Parse(string file, string yaml, string planText)
    {
        var errors = new ErrorSink(file);
        var root = errors.LoadRoot(yaml, "industry codes");
        if (root is null) return (null, errors.Errors);
        root.String("sourceText", required: false);
        SiteWeights? weights = null;
        if (root.Object("weights") is { } w)
        {
            decimal Weight(string key)
            {
                var value = w.Decimal(key) ?? 0;
                if (value < 0) w.Error(key, "negative_weight", $"weight '{key}' must not be negative");
                return value;
            }
            weights = new SiteWeights(Weight("industry"), Weight("cluster"), Weight("carriers"), Weight("needs"), Weight("scale"));
            w.ReportUnknownKeys();
        }
        var kinds = new Dictionary<string, bool> { ["domain"] = true, ["industry"] = false };
        var industries = root.List("industries", item =>
        {
            var code = item.String("code");
            var isDomain = item.Choice("kind", kinds);
            var name = item.String("name");
            var nameEn = item.String("nameEn");
            var parent = item.String("parent", required: false);
            var keywords = item.Strings("keywords");
            var sources = item.List("sources", s =>
            {
                var section = s.String("section");
                var quote = s.String("quote");
                if (quote is not null && planText.Length > 0 && !planText.Contains(quote, StringComparison.Ordinal))
                    s.Error("quote", "quote_not_found", $"the quote '{quote}' is not in the plan text");
                return section is null || quote is null ? null : new IndustrySource(section, quote);
            }, required: false);
            if (isDomain == true && parent is not null) item.Error("parent", "domain_with_parent", "a domain has no parent");
            return code is null || isDomain is null || name is null || nameEn is null ? null
                : new Industry(code, isDomain.Value, name, nameEn, parent, keywords, sources);
        });
        root.ReportUnknownKeys();

        var codes = new HashSet<string>(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var industry in industries)
        {
            if (!codes.Add(industry.Code)) errors.AddFileError("industries", "duplicate_code", $"code '{industry.Code}' is listed twice");
            foreach (var keyword in industry.Keywords.Select(IndustryCatalog.Normalize))
                if (!owners.TryAdd(keyword, industry.Code))
                    errors.AddFileError("industries", "duplicate_keyword", $"keyword '{keyword}' belongs to both '{owners[keyword]}' and '{industry.Code}'");
        }
        foreach (var industry in industries.Where(i => i.Parent is not null))
            if (industries.FirstOrDefault(i => i.Code == industry.Parent) is not { IsDomain: true })
                errors.AddFileError("industries", "unknown_parent", $"the parent '{industry.Parent}' of '{industry.Code}' is not a domain of the file");
        if (errors.Errors.Count > 0 || weights is null) return (null, errors.Errors);
        return (new IndustryCatalog(industries, weights), errors.Errors);
    }
}
