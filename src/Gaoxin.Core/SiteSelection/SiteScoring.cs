using System.Globalization;

namespace Gaoxin.Core.SiteSelection;

/// <summary>A registry item of a zone as the score reads it: its type (cluster, carrier, tech_platform …), subtype and name.</summary>
public sealed record SiteItem(string Type, string? Subtype, string Name);

/// <summary>
/// What the score knows of a zone: its leading industries (专栏3), its approved registry items, its operating revenue in
/// force (亿元) in <paramref name="RevenueYear"/>, and how many published investment projects offer land there.
/// </summary>
public sealed record SiteZone(string Code, string Name, string NameEn, IReadOnlyList<string> LeadingIndustries, IReadOnlyList<SiteItem> Items,
    decimal? Revenue, int? RevenueYear, int LandProjects);

/// <summary>One part of a zone's score: its weight, how well the zone fits (0–1), the points (weight × fit) and why.</summary>
public sealed record SitePart(string Part, decimal Weight, decimal Fit, decimal Points, string Reason, string ReasonEn);

/// <summary>A zone's place in the ranking.</summary>
public sealed record SiteRanking(string Zone, string Name, string NameEn, decimal Score, IReadOnlyList<SitePart> Parts);

/// <summary>The ranking for a query: the codes found in its text, the weights used, the zones best first.</summary>
public sealed record SiteSelectionResult(IReadOnlyList<IndustryMatch> Matched, SiteWeights Weights, IReadOnlyList<SiteRanking> Zones);

/// <summary>The needs an investor may name.</summary>
public static class SiteNeeds
{
    public const string Land = "land", Talent = "talent", Finance = "finance", Incubation = "incubation", Export = "export";

    /// <summary>Every need, in the order the form lists them.</summary>
    public static readonly IReadOnlyList<string> All = [Land, Talent, Finance, Incubation, Export];
}

/// <summary>
/// Ranks the zones for an investor: the sum over five parts of weight × fit, each part with its reason. Fits:
/// industry 1 when a leading industry is of a code found in the text (or of its domain), ½ when it only shares the domain;
/// cluster the same over the zone's clusters; carriers ⅓ for each carrier, platform, R&amp;D institution or alliance of the
/// field, at most 1; needs the share of the named needs the zone answers; scale the zone's revenue over the largest.
/// </summary>
public static class SiteScoring
{
    private static readonly string[] CarrierTypes = ["carrier", "tech_platform", "rd_institution", "alliance"];
    private const int CarriersForFullFit = 3;

    /// <summary>The ranking, best first; zones of equal score keep the order they were given in.</summary>
    public static SiteSelectionResult Rank(IndustryCatalog catalog, string industryText, IReadOnlyCollection<string> needs, SiteWeights weights,
        IReadOnlyList<SiteZone> zones)
    {
        var matched = catalog.Match(industryText);
        var query = matched.Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
        var queryDomains = query.Select(catalog.DomainOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var names = string.Join("、", matched.Select(m => catalog.Find(m.Code)!.Name));
        var namesEn = string.Join(", ", matched.Select(m => catalog.Find(m.Code)!.NameEn));
        var largest = zones.Select(z => z.Revenue ?? 0).DefaultIfEmpty(0).Max();

        // A code of the zone within a queried code or domain fits fully; one sharing only the domain fits by half.
        bool Direct(string code) => query.Contains(code) || (catalog.DomainOf(code) is { } d && query.Contains(d));
        bool Related(string code) => catalog.DomainOf(code) is { } d && queryDomains.Contains(d);

        var ranked = zones.Select((zone, index) =>
        {
            var parts = new List<SitePart>
            {
                Fit("industry", weights.Industry, zone.LeadingIndustries, matched.Count, catalog, Direct, Related, names, namesEn,
                    "主导产业(专栏3)", "Leading industries (column 3)"),
                Fit("cluster", weights.Cluster, zone.Items.Where(i => i.Type == "cluster").Select(i => i.Name).ToList(), matched.Count, catalog, Direct, Related,
                    names, namesEn, "创新型产业集群(专栏4)", "Innovative clusters (column 4)"),
                Carriers(weights.Carriers, zone, catalog, Direct, matched.Count),
                Needs(weights.Needs, zone, needs),
                Scale(weights.Scale, zone, largest),
            };
            return (Index: index, Ranking: new SiteRanking(zone.Code, zone.Name, zone.NameEn, parts.Sum(p => p.Points), parts));
        }).OrderByDescending(r => r.Ranking.Score).ThenBy(r => r.Index).Select(r => r.Ranking).ToList();
        return new SiteSelectionResult(matched, weights, ranked);
    }

    private static decimal Points(decimal weight, decimal fit) => Math.Round(weight * fit, 2, MidpointRounding.AwayFromZero);

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static SitePart Fit(string part, decimal weight, IReadOnlyList<string> texts, int matchedCount, IndustryCatalog catalog,
        Func<string, bool> direct, Func<string, bool> related, string names, string namesEn, string label, string labelEn)
    {
        if (matchedCount == 0)
            return new SitePart(part, weight, 0, 0, $"{label}:未从所填产业识别出产业代码,不计分", $"{labelEn}: no industry code found in the text, no points");
        // The English reason names a text by the English name of the industry it is, else as the data writes it (in Chinese).
        string En(IEnumerable<string> list) => string.Join(", ", list.Select(t => catalog.EnglishNameOf(t) ?? t));
        var full = texts.Where(t => catalog.Codes(t).Any(direct)).ToList();
        if (full.Count > 0)
            return new SitePart(part, weight, 1, Points(weight, 1),
                $"{label}:{string.Join("、", full)} 属于{names},满分 {Number(weight)}",
                $"{labelEn}: {En(full)} within {namesEn}, full {Number(weight)} points");
        var half = texts.Where(t => catalog.Codes(t).Any(related)).ToList();
        if (half.Count > 0)
            return new SitePart(part, weight, 0.5m, Points(weight, 0.5m),
                $"{label}:{string.Join("、", half)} 与{names}同属一个高新技术领域,得一半 {Number(Points(weight, 0.5m))}",
                $"{labelEn}: {En(half)} in the same high-tech domain as {namesEn}, half: {Number(Points(weight, 0.5m))} points");
        return new SitePart(part, weight, 0, 0,
            texts.Count == 0 ? $"{label}:无" : $"{label}:{string.Join("、", texts)} 与{names}无关,不计分",
            texts.Count == 0 ? $"{labelEn}: none" : $"{labelEn}: {En(texts)} unrelated to {namesEn}, no points");
    }

    private static SitePart Carriers(decimal weight, SiteZone zone, IndustryCatalog catalog, Func<string, bool> direct, int matchedCount)
    {
        var found = matchedCount == 0 ? [] : zone.Items.Where(i => CarrierTypes.Contains(i.Type) && catalog.Codes(i.Name).Any(direct)).Select(i => i.Name).ToList();
        var fit = (decimal)Math.Min(found.Count, CarriersForFullFit) / CarriersForFullFit;
        var points = Points(weight, fit);
        return found.Count == 0
            ? new SitePart("carriers", weight, 0, 0, "本领域的载体、平台、研发机构与联盟:无,不计分", "Carriers, platforms, R&D institutions and alliances of the field: none, no points")
            : new SitePart("carriers", weight, fit, points,
                $"本领域的载体、平台、研发机构与联盟 {found.Count} 个(每个 1/3,至多 3 个):{string.Join("、", found)},得 {Number(points)}",
                $"{found.Count} carriers, platforms, R&D institutions or alliances of the field (1/3 each, up to 3): {string.Join(", ", found)}; {Number(points)} points");
    }

    private static SitePart Needs(decimal weight, SiteZone zone, IReadOnlyCollection<string> needs)
    {
        if (needs.Count == 0) return new SitePart("needs", weight, 0, 0, "未选择需求,此项不计分", "No needs chosen: no points for any zone");
        var met = new List<(string Zh, string En)>();
        var missing = new List<(string Zh, string En)>();
        foreach (var need in SiteNeeds.All.Where(needs.Contains))
        {
            var (ok, zh, en) = need switch
            {
                SiteNeeds.Land => (zone.LandProjects > 0, $"土地(在册招商项目 {zone.LandProjects} 个提供用地)", $"land ({zone.LandProjects} published projects offer land)"),
                SiteNeeds.Talent => (zone.Items.Any(i => i.Type == "talent"), "人才(有人才基地或计划)", "talent (talent bases or programmes)"),
                SiteNeeds.Finance => (zone.Items.Any(i => i.Type is "finance" or "fund"), "金融(有科技金融机构或基金)", "finance (finance institutions or funds)"),
                SiteNeeds.Incubation => (zone.Items.Any(i => i.Type == "carrier" && i.Subtype is "incubator" or "maker_space"), "孵化(有孵化器或众创空间)", "incubation (incubators or maker spaces)"),
                SiteNeeds.Export => (zone.Items.Any(i => i.Type == "partnership" && i.Subtype == "international"), "出口(有国际合作伙伴)", "export (international partners)"),
                _ => (false, need, need),
            };
            (ok ? met : missing).Add((zh, en));
        }
        var fit = (decimal)met.Count / needs.Count;
        var points = Points(weight, fit);
        return new SitePart("needs", weight, fit, points,
            $"所选需求满足 {met.Count}/{needs.Count}:{(met.Count > 0 ? string.Join("、", met.Select(m => m.Zh)) : "无")}{(missing.Count > 0 ? ";不满足:" + string.Join("、", missing.Select(m => m.Zh.Split('(')[0])) : "")},得 {Number(points)}",
            $"{met.Count} of {needs.Count} needs met: {(met.Count > 0 ? string.Join(", ", met.Select(m => m.En)) : "none")}{(missing.Count > 0 ? "; not met: " + string.Join(", ", missing.Select(m => m.En.Split(" (")[0])) : "")}; {Number(points)} points");
    }

    private static SitePart Scale(decimal weight, SiteZone zone, decimal largest)
    {
        if (zone.Revenue is not { } revenue || largest <= 0)
            return new SitePart("scale", weight, 0, 0, "规模:无已审核的营业收入,不计分", "Scale: no approved operating revenue, no points");
        var fit = revenue / largest;
        var points = Points(weight, fit);
        return new SitePart("scale", weight, fit, points,
            $"规模:{zone.RevenueYear} 年营业收入 {Number(revenue)} 亿元,为最大者 {Number(largest)} 亿元的 {Number(Math.Round(fit * 100, 1))}%,得 {Number(points)}",
            $"Scale: operating revenue {Number(revenue)} hundred million yuan in {zone.RevenueYear}, {Number(Math.Round(fit * 100, 1))}% of the largest ({Number(largest)}); {Number(points)} points");
    }
}
