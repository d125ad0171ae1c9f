using Gaoxin.Core.Collection;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Enterprises;

/// <summary>An enterprise in a list: the registry fields with the figures of one year's return.</summary>
public sealed record EnterpriseListItem(
    string CreditCode, string Name, string ZoneCode, int Year, string? Industry, bool IsHte, bool Listed, decimal? Revenue, int? Employees);

/// <summary>A page of a list and how many match in all.</summary>
public sealed record EnterprisePage(IReadOnlyList<EnterpriseListItem> Items, int Total, int Page, int PageSize);

/// <summary>An enterprise with every return it filed, oldest first.</summary>
public sealed record EnterpriseDetail(EnterpriseRecord Enterprise, IReadOnlyList<EnterpriseReturnRecord> Returns);

/// <summary>Reads the enterprise registry for the API and the pages, within what the principal may see.</summary>
public static class EnterpriseStore
{
    public const int PageSize = 50;

    /// <summary>
    /// Who may see enterprise data: the office all of it, a zone operator their own zone's; anyone else nothing.
    /// Returns the zone the principal is confined to (null for all), or <c>false</c> in <c>Allowed</c> when they see nothing.
    /// </summary>
    public static (bool Allowed, string? Zone) Scope(Principal? who) => who switch
    {
        { IsAdmin: true } => (true, null),
        { Role: Roles.ZoneOperator, Zone: { } zone } => (true, zone),
        _ => (false, null),
    };

    /// <summary>
    /// Enterprises with a return in <paramref name="year"/> (or, without a year, their latest return), filtered by the
    /// return's zone and high-tech status; ordered by credit code, which sorts alike on both providers.
    /// </summary>
    public static async Task<EnterprisePage> ListAsync(GaoxinDb db, string? zone, int? year, bool? hte, int page, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        var query = from r in db.EnterpriseReturns.AsNoTracking()
                    join e in db.Enterprises.AsNoTracking() on r.CreditCode equals e.CreditCode
                    where year == null ? r.Year == e.LatestYear : r.Year == year
                    select new { r, e };
        if (zone is not null) query = query.Where(x => x.r.ZoneCode == zone);
        if (hte is { } h) query = query.Where(x => x.r.IsHte == h);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(x => x.e.CreditCode).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(x => new EnterpriseListItem(x.e.CreditCode, x.e.Name, x.r.ZoneCode, x.r.Year, x.e.Industry, x.r.IsHte, x.r.Listed, x.r.Revenue, x.r.Employees))
            .ToListAsync(cancellationToken);
        return new EnterprisePage(items, total, page, PageSize);
    }

    /// <summary>
    /// One enterprise with its returns, or null. Confined to a zone, only an enterprise that is in that zone now or
    /// reported there in some year is found (and only those years' returns are shown).
    /// </summary>
    public static async Task<EnterpriseDetail?> GetAsync(GaoxinDb db, string creditCode, string? zone, CancellationToken cancellationToken)
    {
        var code = creditCode.Trim().ToUpperInvariant();
        var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == code, cancellationToken);
        if (enterprise is null) return null;
        var returns = await db.EnterpriseReturns.AsNoTracking().Where(r => r.CreditCode == code).OrderBy(r => r.Year).ToListAsync(cancellationToken);
        if (zone is not null)
        {
            returns = returns.Where(r => r.ZoneCode == zone).ToList();
            if (enterprise.ZoneCode != zone && returns.Count == 0) return null;
        }
        return new EnterpriseDetail(enterprise, returns);
    }

    /// <summary>A zone's aggregates, by year and element.</summary>
    public static Task<List<EnterpriseAggregateRecord>> AggregatesAsync(GaoxinDb db, string zone, int? year, CancellationToken cancellationToken)
    {
        var query = db.EnterpriseAggregates.AsNoTracking().Where(a => a.ZoneCode == zone);
        if (year is { } y) query = query.Where(a => a.Year == y);
        return query.OrderBy(a => a.Year).ThenBy(a => a.Element).ToListAsync(cancellationToken);
    }

    /// <summary>The years that have returns, newest first.</summary>
    public static Task<List<int>> YearsAsync(GaoxinDb db, CancellationToken cancellationToken) =>
        db.EnterpriseReturns.AsNoTracking().Select(r => r.Year).Distinct().OrderByDescending(y => y).ToListAsync(cancellationToken);
}
