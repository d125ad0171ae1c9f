using Gaoxin.Core.Plans;
using Gaoxin.Data.Zones;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Search;

/// <summary>
/// The sources of the portal's search, one per kind of item. A feature with public items adds its source to
/// <see cref="All"/>: a function reading its public items as <see cref="SearchDocument"/>s (title, body, zone, date, page,
/// release and expiry). For an item of the publishing workflow, read those in <c>PublicationState.Published</c> and carry
/// their <c>ReleaseAt</c> and <c>ExpiresAt</c> as <see cref="SearchDocument.VisibleFrom"/> and
/// <see cref="SearchDocument.VisibleUntil"/>; the search applies them at every query, e.g.
/// <code>
/// new("policy", async (db, ct) => (await db.Policies.AsNoTracking().Where(p => p.State == PublicationState.Published).ToListAsync(ct))
///     .Select(p => new SearchDocument("policy", p.Id.ToString(), p.Title, p.Body, p.ZoneCode, p.IssuedOn, $"/policies/{p.Id}",
///         p.ReleaseAt, p.ExpiresAt)).ToList()),
/// </code>
/// </summary>
public static class SearchSources
{
    /// <summary>Every source the server indexes.</summary>
    public static IReadOnlyList<SearchSource> All { get; } =
    [
        new("zone", ZonesAsync),
        new("registry", RegistryItemsAsync),
        new("project", InvestmentProjectsAsync),
        new("policy", PoliciesAsync),
        new("news", NewsAsync),
        new("market", MarketProfilesAsync),
    ];

    /// <summary>
    /// The technology market's published demands and achievements with their release and expiry (applied at every query):
    /// title, the problem or description, keywords, the enterprise or owner and the field. Contacts and credit codes are left
    /// out: they are for signed-in users on the profile's page, never for the index.
    /// </summary>
    public static async Task<IReadOnlyList<SearchDocument>> MarketProfilesAsync(GaoxinDb db, CancellationToken cancellationToken)
    {
        const Core.Portal.PublicationState published = Core.Portal.PublicationState.Published;
        static string Body(string label, string? party, string text, string keywords, string? region) =>
            string.Join(" ", new[] { label, party, text, keywords.Replace(",", "、", StringComparison.Ordinal), region }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var demands = await db.MarketDemands.AsNoTracking().Where(d => d.State == published).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var achievements = await db.MarketAchievements.AsNoTracking().Where(a => a.State == published).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return demands.Select(d => new SearchDocument("market", "demands-" + d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), d.Title,
                Body("技术需求 technology demand", d.EnterpriseName, d.Problem, d.Keywords, null),
                d.ZoneCode, DateOnly.FromDateTime((d.ReleaseAt ?? d.UpdatedAt).UtcDateTime), $"/market/demands/{d.Id}", d.ReleaseAt, d.ExpiresAt))
            .Concat(achievements.Select(a => new SearchDocument("market", "achievements-" + a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Title,
                Body("科技成果 technology achievement", a.OwnerName, a.Description, a.Keywords, a.Region),
                a.ZoneCode, DateOnly.FromDateTime((a.ReleaseAt ?? a.UpdatedAt).UtcDateTime), $"/market/achievements/{a.Id}", a.ReleaseAt, a.ExpiresAt)))
            .ToList();
    }

    /// <summary>
    /// The published policies with their release and expiry: title (Chinese and English), issuer, document number, summary,
    /// full text and the plan's quote. A policy of one zone carries that zone; a province-wide or multi-zone one none.
    /// </summary>
    public static async Task<IReadOnlyList<SearchDocument>> PoliciesAsync(GaoxinDb db, CancellationToken cancellationToken)
    {
        var policies = await db.Policies.AsNoTracking().Where(p => p.State == Core.Portal.PublicationState.Published)
            .OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return policies.Select(p =>
        {
            var zones = p.Zones.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new SearchDocument("policy", p.Id, p.Title,
                string.Join(" ", new[] { p.TitleEn, p.Issuer, p.DocumentNumber, p.Summary, p.FullText, p.PlanQuote }
                    .Where(s => !string.IsNullOrWhiteSpace(s))),
                zones.Length == 1 ? zones[0] : null, p.IssuedOn ?? p.InForceFrom, $"/policies/{Uri.EscapeDataString(p.Id)}", p.ReleaseAt, p.ExpiresAt);
        }).ToList();
    }

    /// <summary>The published news and notices with their release and expiry: title, summary and the body's text (its markup dropped).</summary>
    public static async Task<IReadOnlyList<SearchDocument>> NewsAsync(GaoxinDb db, CancellationToken cancellationToken)
    {
        var news = await db.News.AsNoTracking().Where(n => n.State == Core.Portal.PublicationState.Published)
            .OrderBy(n => n.Id).ToListAsync(cancellationToken);
        return news.Select(n => new SearchDocument("news", n.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), n.Title,
            string.Join(" ", new[] { n.Summary, TextOf(n.BodyHtml) }.Where(s => !string.IsNullOrWhiteSpace(s))),
            n.Zone, DateOnly.FromDateTime((n.ReleaseAt ?? n.PublishedAt ?? n.UpdatedAt).UtcDateTime), $"/news/{n.Id}", n.ReleaseAt, n.ExpiresAt)).ToList();
    }

    // The sanitised body's words: tags dropped, entities decoded (the snippet escapes everything again).
    private static string TextOf(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>", " "));

    /// <summary>Every zone: its names, city, level, leading industries and governance.</summary>
    public static async Task<IReadOnlyList<SearchDocument>> ZonesAsync(GaoxinDb db, CancellationToken cancellationToken) =>
        (await ZoneRegistry.ListAsync(db, cancellationToken)).Select(z => new SearchDocument(
            "zone", z.Code, z.Name,
            string.Join(" ", new[]
            {
                z.NameEn, z.City, z.County,
                z.Level == ZoneLevel.National ? "国家级高新区 national high-tech zone" : "省级高新区 provincial high-tech zone",
                "主导产业 " + string.Join("、", z.LeadingIndustries),
                z.Governance == Governance.Merged ? "管委会与行政区合并 merged with the district government" : "管委会为派出机关 dispatched agency",
            }.Where(s => !string.IsNullOrWhiteSpace(s))),
            z.Code, null, $"/zones/{Uri.EscapeDataString(z.Code)}")).ToList();

    /// <summary>
    /// The registry items the public sees (approved ones): name, zone, attributes and the plan's quote with its section.
    /// Dated by accreditation, else founding.
    /// </summary>
    public static async Task<IReadOnlyList<SearchDocument>> RegistryItemsAsync(GaoxinDb db, CancellationToken cancellationToken)
    {
        var zones = await db.Zones.AsNoTracking().ToDictionaryAsync(z => z.Code, z => z.Name, cancellationToken);
        var items = await db.RegistryItems.AsNoTracking().Where(i => i.Approval == "approved").OrderBy(i => i.Id).ToListAsync(cancellationToken);
        return items.Select(i => new SearchDocument(
            "registry", i.Id, i.Name,
            string.Join(" ", new[]
            {
                // The type, level and status codes are left out: the snippet is read by visitors, and the type filter is "registry".
                i.ZoneCode is { } z ? zones.GetValueOrDefault(z, z) : null,
                Attributes(i.Attributes), i.Quote, i.Section,
            }.Where(s => !string.IsNullOrWhiteSpace(s))),
            i.ZoneCode, i.Accredited ?? i.Founded, $"/registries/items/{Uri.EscapeDataString(i.Id)}")).ToList();
    }

    /// <summary>
    /// The published investment projects with their release and expiry (applied at every query): title, county, zone,
    /// cooperation mode and description. Contacts are left out: they are for the project page, not for snippets.
    /// </summary>
    public static async Task<IReadOnlyList<SearchDocument>> InvestmentProjectsAsync(GaoxinDb db, CancellationToken cancellationToken)
    {
        var zones = await db.Zones.AsNoTracking().ToDictionaryAsync(z => z.Code, z => z.Name, cancellationToken);
        var projects = await db.InvestmentProjects.AsNoTracking().Where(p => p.State == Core.Portal.PublicationState.Published)
            .OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return projects.Select(p => new SearchDocument(
            "project", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Title,
            string.Join(" ", new[] { p.ZoneCode is { } z ? zones.GetValueOrDefault(z, z) : null, p.County, p.Cooperation, p.Description }
                .Where(s => !string.IsNullOrWhiteSpace(s))),
            p.ZoneCode, DateOnly.FromDateTime(p.UpdatedAt.UtcDateTime), $"/investment/{p.Id}", p.ReleaseAt, p.ExpiresAt)).ToList();
    }

    // The attributes are a JSON object of strings: their values are text worth finding (lead organisation, field, industry …).
    private static string? Attributes(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                ? string.Join(" ", document.RootElement.EnumerateObject().Select(p => p.Value.ToString()))
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
