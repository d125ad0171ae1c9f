using System.Globalization;
using Gaoxin.Data;
using Gaoxin.Data.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Search;

/// <summary>A hit: <c>snippet</c> is HTML with the matches in <c>&lt;mark&gt;</c> and everything else escaped; <c>url</c> is the item's page.</summary>
public sealed record SearchHitResponse(string Type, string Id, string Title, string Snippet, float Score, string? Zone, string? Date, string Url);

/// <summary>A page of hits (<c>pageSize</c> a page) and how many there are in all.</summary>
public sealed record SearchResponse(IReadOnlyList<SearchHitResponse> Hits, int Total, int Page, int PageSize);

/// <summary>GET /api/search: the portal's full-text search over every public item.</summary>
public static class SearchApi
{
    /// <summary>The longest query text taken.</summary>
    public const int MaxQueryLength = 100;

    public static void MapSearchApi(this RouteGroupBuilder api) =>
        api.MapGet("/search", SearchAsync).AllowAnonymous().WithTags("Search").WithName("Search")
            .WithSummary("Full-text search of public items (zones, registry items, policies, news, projects); Chinese, traditional or simplified, and English");

    public static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> SearchAsync(string? q, string? type, string? zone, string? from, string? to, string? page,
        GaoxinDb db, ReadCache cache, SearchIndex index, CancellationToken ct)
    {
        var (query, refused) = Read(q, type, zone, from, to, page);
        if (query is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: refused!.Value.Code, detail: refused.Value.Message,
                extensions: new Dictionary<string, object?> { ["code"] = refused.Value.Code });
        var results = await index.SearchAsync(db, await cache.VersionAsync(ct), query, ct);
        return TypedResults.Ok(new SearchResponse(results.Hits.Select(h => h.ToResponse()).ToList(), results.Total, query.Page, SearchIndex.PageSize));
    }

    public static SearchHitResponse ToResponse(this SearchHit h) =>
        new(h.Type, h.Id, h.Title, h.Snippet, h.Score, h.Zone, h.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), h.Url);

    /// <summary>
    /// The query of a request's parameters, or why it is refused (a code and a message in the visitor's language): an empty
    /// or over-long text, an unknown type, a date or page that is not one.
    /// </summary>
    public static (SearchQuery? Query, (string Code, string Message)? Refused) Read(string? q, string? type, string? zone, string? from, string? to, string? page)
    {
        var text = q?.Trim() ?? "";
        if (text.Length == 0) return (null, ("query_empty", T("请输入要搜索的内容。", "Type what to search for.")));
        if (text.Length > MaxQueryLength)
            return (null, ("query_too_long", T($"搜索内容最多 {MaxQueryLength} 个字符。", $"A search takes at most {MaxQueryLength} characters.")));
        if (text.Any(char.IsControl)) return (null, ("query_control_character", T("搜索内容含有控制字符。", "The search text holds a control character.")));
        type = string.IsNullOrWhiteSpace(type) ? null : type.Trim();
        if (type is not null && !SearchDocument.Types.Contains(type))
            return (null, ("unknown_type", T($"没有“{type}”这一类。可选:{string.Join("、", SearchDocument.Types)}。", $"No type '{type}'. Types: {string.Join(", ", SearchDocument.Types)}.")));
        zone = string.IsNullOrWhiteSpace(zone) ? null : zone.Trim();
        if (!TryDate(from, out var fromDate) || !TryDate(to, out var toDate))
            return (null, ("invalid_date", T("日期应写作 YYYY-MM-DD。", "Write dates as YYYY-MM-DD.")));
        var number = 1;
        if (!string.IsNullOrWhiteSpace(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1 || number > SearchIndex.MaxPage))
            return (null, ("invalid_page", T($"页码应在 1 到 {SearchIndex.MaxPage} 之间。", $"The page is a number from 1 to {SearchIndex.MaxPage}.")));
        return (new SearchQuery(text, type, zone, fromDate, toDate, number), null);
    }

    private static bool TryDate(string? value, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(value)) return true;
        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        date = parsed;
        return true;
    }
}
