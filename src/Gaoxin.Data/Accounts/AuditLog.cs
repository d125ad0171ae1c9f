using Gaoxin.Data.Collection;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Accounts;

/// <summary>
/// The office's filter of the audit log: who (part of the acting account, or of the account an account action is about),
/// what (one action), which zone, and the days from and to (inclusive, China time).
/// </summary>
public sealed record AuditFilter(string? Who = null, string? Action = null, string? Zone = null, DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>China standard time, in which the office reads days.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public DateTimeOffset? Start => From is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), ChinaOffset).ToUniversalTime() : null;

    public DateTimeOffset? End => To is { } d ? new DateTimeOffset(d.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaOffset).ToUniversalTime() : null;

    public bool HasDates => From is not null || To is not null;
}

/// <summary>One page of the filtered audit log and how many rows the filter matches in all.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The whole audit log for the office: filtered, newest first (latest recorded first), paged or all of it for export.</summary>
public static class AuditLog
{
    public const int PageSize = 50;

    /// <summary>One page (1-based) of the rows the filter matches.</summary>
    public static async Task<AuditPage> PageAsync(GaoxinDb db, AuditFilter filter, int page, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        var skip = (page - 1) * PageSize;
        var query = Filtered(db, filter);
        if (!filter.HasDates || db is not SqliteGaoxinDb)
        {
            var dated = Dated(query, filter);
            var total = await dated.CountAsync(cancellationToken);
            var rows = await dated.OrderByDescending(a => a.Id).Skip(skip).Take(PageSize).ToListAsync(cancellationToken);
            return new AuditPage(rows, total, page, PageSize);
        }
        // SQLite cannot compare DateTimeOffset in SQL: the days are compared here, over the rows the other filters leave.
        var matched = new List<AuditRecord>();
        var count = 0;
        await foreach (var row in InMemoryDated(query, filter, cancellationToken))
        {
            if (count >= skip && matched.Count < PageSize) matched.Add(row);
            count++;
        }
        return new AuditPage(matched, count, page, PageSize);
    }

    /// <summary>Every row the filter matches, newest first: exactly what the pages show, for export.</summary>
    public static IAsyncEnumerable<AuditRecord> AllAsync(GaoxinDb db, AuditFilter filter, CancellationToken cancellationToken)
    {
        var query = Filtered(db, filter);
        return filter.HasDates && db is SqliteGaoxinDb
            ? InMemoryDated(query, filter, cancellationToken)
            : Dated(query, filter).OrderByDescending(a => a.Id).AsAsyncEnumerable();
    }

    /// <summary>The actions the log holds, for the filter's list.</summary>
    public static async Task<List<string>> ActionsAsync(GaoxinDb db, CancellationToken cancellationToken) =>
        [.. (await db.Audit.AsNoTracking().Select(a => a.Action).Distinct().ToListAsync(cancellationToken)).Order(StringComparer.Ordinal)];

    private static IQueryable<AuditRecord> Filtered(GaoxinDb db, AuditFilter filter)
    {
        var query = db.Audit.AsNoTracking();
        if (filter.Who is { Length: > 0 } who)
            query = query.Where(a => a.Actor.Contains(who)
                || ((a.Action.StartsWith("user_") || a.Action.StartsWith("sign_in")) && a.ElementCode != null && a.ElementCode.Contains(who)));
        if (filter.Action is { Length: > 0 } action) query = query.Where(a => a.Action == action);
        if (filter.Zone is { Length: > 0 } zone) query = query.Where(a => a.UnitCode == zone);
        return query;
    }

    private static IQueryable<AuditRecord> Dated(IQueryable<AuditRecord> query, AuditFilter filter)
    {
        if (filter.Start is { } start) query = query.Where(a => a.At >= start);
        if (filter.End is { } end) query = query.Where(a => a.At < end);
        return query;
    }

    private static async IAsyncEnumerable<AuditRecord> InMemoryDated(IQueryable<AuditRecord> query, AuditFilter filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (start, end) = (filter.Start, filter.End);
        await foreach (var row in query.OrderByDescending(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
            if ((start is null || row.At >= start) && (end is null || row.At < end))
                yield return row;
    }
}
