using Gaoxin.Core.Portal;

namespace Gaoxin.Data.Search;

/// <summary>
/// One public item as the search index holds it: what it is (<see cref="Type"/>, <see cref="Id"/>), the text searched
/// (<see cref="Title"/>, <see cref="Body"/>), what the filters test (<see cref="Zone"/>, <see cref="Date"/>), where its page
/// is (<see cref="Url"/>) and when it may be shown (<see cref="VisibleFrom"/>, <see cref="VisibleUntil"/>: a published
/// item's release and expiry times, tested against the clock at every search, never at indexing).
/// </summary>
/// <param name="Type">One of <see cref="Types"/>.</param>
/// <param name="Zone">The zone code, or null for a province-wide item.</param>
/// <param name="Url">The item's page on the portal, a local path.</param>
public sealed record SearchDocument(string Type, string Id, string Title, string Body, string? Zone, DateOnly? Date, string Url,
    DateTimeOffset? VisibleFrom = null, DateTimeOffset? VisibleUntil = null)
{
    /// <summary>The kinds of item the search knows, as the <c>type</c> filter takes them.</summary>
    public static IReadOnlyList<string> Types { get; } = ["policy", "news", "zone", "registry", "project", "market"];

    /// <summary>
    /// Whether the item may be shown at <paramref name="now"/>: the portal's one rule (<see cref="Publication.IsPublic"/>)
    /// for an item its source read as published. The index applies the same test as a query clause.
    /// </summary>
    public bool IsVisibleAt(DateTimeOffset now) => Publication.IsPublic(PublicationState.Published, VisibleFrom, VisibleUntil, now);
}

/// <summary>
/// Where the documents of one <see cref="SearchDocument.Type"/> come from: a function reading the items of that type
/// the public may see (published, approved) from the store. Release and expiry are not applied here but carried in the
/// documents, so that a scheduled item becomes findable when its time comes without any write.
/// </summary>
public sealed record SearchSource(string Type, Func<GaoxinDb, CancellationToken, Task<IReadOnlyList<SearchDocument>>> ReadAsync);
