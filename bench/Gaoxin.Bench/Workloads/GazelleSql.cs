using System.Globalization;
using System.Text;
using Gaoxin.Bench.Support;
using Gaoxin.Core.Enterprises;

namespace Gaoxin.Bench.Workloads;

/// <summary>
/// The gazelle (瞪羚) and unicorn (独角兽) rules written as DuckDB SQL with window functions, for the peers of W2, W3 and W5.
/// The thresholds come from the same rule files the platform reads (rules/*.yaml), and the SQL follows the rules as
/// docs/guide and GazelleClassifier state them: each year judged by its own rule set (Torch before 2021, Liaoning from
/// 2021), a route's age limit, growth as v(t) ≥ v(t − n)·(1 + g)^n with a positive base meeting the base condition and
/// growth in the last year, the innovation share Σ 科技活动经费 ÷ Σ 营业收入 over t − 3 .. t where both are given, a relative
/// 1e-12 at exact thresholds, a unicorn listed as a unicorn only, and <c>new</c> when the enterprise was not of that kind
/// in t − 1 as that year's own rule set judged it. The counts add the national rule set's new gazelles.
/// </summary>
public static class GazelleSql
{
    private const string Tolerance = "1e-12";

    /// <summary>The gazelle rule sets of the repository's rules/ folder.</summary>
    public static IReadOnlyList<GazelleRuleSet> RuleSets()
    {
        var folder = Path.Combine(Paths.Repository, "rules");
        var files = Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f))).ToList();
        var (catalog, errors) = EnterpriseRuleCatalog.Load(files);
        if (catalog is null) throw new InvalidOperationException("rules: " + string.Join("; ", errors));
        return catalog.All.OfType<GazelleRuleSet>().ToList();
    }

    /// <summary>
    /// A query over <paramref name="table"/> (columns of enterprises.csv) giving per row: credit_code, name, zone, year,
    /// kind ('gazelle', 'unicorn' or 'none', by each year's rule set), new, routes (ids joined by commas), and nkind/nnew
    /// by the national rule set. <paramref name="where"/> limits the rows read (e.g. the years a listing looks back at).
    /// </summary>
    public static string Judged(string table, string where)
    {
        var sets = RuleSets();
        var choice = GazelleRuleChoice.ByYear(sets);
        var national = sets.FirstOrDefault(s => s.National);
        var used = sets.Where(s => Enumerable.Range(1900, 301).Any(y => choice.For(y) == s) || s == national).ToList();
        if (used.Any(s => s.Routes.Any(r => r.Years is < 0 or > 3) || s.Innovation.Years is < 1 or > 4))
            throw new NotSupportedException("the peer's SQL looks back at most three years");
        var windows = used.Select(s => s.Innovation.Years).Distinct().ToList();

        var b = new StringBuilder();
        b.Append("WITH base AS (SELECT credit_code, name, zone, year, ");
        b.Append("year - coalesce(year(CAST(registered_on AS DATE)), -100000) AS age, revenue, employees, vc_received, valuation_usd_m, listed, ");
        foreach (var (column, alias) in new[] { ("revenue", "rev"), ("employees", "emp") })
            for (var k = 1; k <= 3; k++)
            {
                // The value of year t − k: the enterprise's row k or fewer rows back whose year is t − k.
                b.Append("CASE");
                for (var lag = 1; lag <= k; lag++)
                    b.Append($" WHEN lag(year, {lag}) OVER p = year - {k} THEN lag({column}, {lag}) OVER p");
                b.Append($" END AS {alias}{k}, ");
            }
        foreach (var n in windows)
        {
            b.Append($"sum(CASE WHEN revenue IS NOT NULL AND st_expense IS NOT NULL THEN st_expense END) OVER r{n} AS st{n}, ");
            b.Append($"sum(CASE WHEN revenue IS NOT NULL AND st_expense IS NOT NULL THEN revenue END) OVER r{n} AS sr{n}, ");
        }
        b.Append($"lag(year, 1) OVER p = year - 1 AS has1 FROM {table} {where} WINDOW p AS (PARTITION BY credit_code ORDER BY year)");
        foreach (var n in windows) b.Append($", r{n} AS (PARTITION BY credit_code ORDER BY year RANGE BETWEEN {n - 1} PRECEDING AND CURRENT ROW)");
        b.Append("),\n");

        // Each used rule set's routes, gazelle and unicorn test, per row.
        b.Append("sets AS (SELECT *");
        for (var s = 0; s < used.Count; s++)
        {
            var set = used[s];
            for (var r = 0; r < set.Routes.Count; r++) b.Append($", coalesce({Route(set.Routes[r])}, false) AS s{s}r{r}");
        }
        b.Append(" FROM base),\n");
        b.Append("tests AS (SELECT *");
        for (var s = 0; s < used.Count; s++)
        {
            var set = used[s];
            var routes = string.Join(" OR ", Enumerable.Range(0, set.Routes.Count).Select(r => $"s{s}r{r}"));
            var n = set.Innovation.Years;
            var intensity = $"(sr{n} > 0 AND {Holds(set.Innovation.Intensity.Kind, $"st{n}", $"{Number(set.Innovation.Intensity.Value)} * sr{n}")})";
            b.Append($", coalesce({Age(set.MaxAge)} AND ({routes}) AND {intensity}, false) AS g{s}");
            b.Append($", coalesce({Age(set.Unicorn.MaxAge)} AND {(set.Unicorn.Unlisted ? "listed = 0" : "true")} AND " +
                     $"{Holds(set.Unicorn.Valuation.Kind, "valuation_usd_m", Number(set.Unicorn.Valuation.Value))}, false) AS u{s}");
            b.Append($", concat_ws(',', {string.Join(", ", set.Routes.Select((route, r) => $"CASE WHEN s{s}r{r} THEN '{route.Id}' END"))}) AS routes{s}");
        }
        b.Append(" FROM sets),\n");

        // Each year's own rule set (ranges of years sharing one), and the national one.
        var runs = new List<(int Set, int Last)>();
        for (var y = 1900; y <= 2200; y++)
        {
            var s = used.IndexOf(choice.For(y));
            if (runs.Count > 0 && runs[^1].Set == s) runs[^1] = (s, y);
            else runs.Add((s, y));
        }
        string ByYear(string prefix) => runs.Count == 1 ? $"{prefix}{runs[0].Set}"
            : "CASE " + string.Join(" ", runs.Take(runs.Count - 1).Select(x => $"WHEN year <= {x.Last} THEN {prefix}{x.Set}")) + $" ELSE {prefix}{runs[^1].Set} END";
        var ns = national is null ? -1 : used.IndexOf(national);
        b.Append($"chosen AS (SELECT credit_code, name, zone, year, has1, {ByYear("g")} AS g, {ByYear("u")} AS u, {ByYear("routes")} AS routes");
        b.Append(ns >= 0 ? $", g{ns} AS ng, u{ns} AS nu" : ", false AS ng, false AS nu");
        b.Append(" FROM tests),\n");
        b.Append("""
            judged AS (SELECT credit_code, name, zone, year, routes,
              CASE WHEN u THEN 'unicorn' WHEN g THEN 'gazelle' ELSE 'none' END AS kind,
              CASE WHEN u THEN NOT coalesce(has1 AND lag(u) OVER p, false) WHEN g THEN NOT coalesce(has1 AND lag(g) OVER p, false) ELSE false END AS new,
              CASE WHEN nu THEN 'unicorn' WHEN ng THEN 'gazelle' ELSE 'none' END AS nkind,
              CASE WHEN nu THEN NOT coalesce(has1 AND lag(nu) OVER p, false) WHEN ng THEN NOT coalesce(has1 AND lag(ng) OVER p, false) ELSE false END AS nnew
              FROM chosen WINDOW p AS (PARTITION BY credit_code ORDER BY year))
            """);
        return b.ToString();
    }

    /// <summary>The listing of <paramref name="year"/>: credit_code, name, zone, kind, new, routes, ordered by credit code.</summary>
    public static string Listing(string table, int year) =>
        Judged(table, $"WHERE year BETWEEN {year - 4} AND {year}") +
        $"\nSELECT credit_code, name, zone, kind, new, routes FROM judged WHERE year = {year} AND kind <> 'none' ORDER BY credit_code";

    /// <summary>The counts every zone-year gets (zeros too): gazelles, gazelles_new, unicorns, gazelles_new_national.</summary>
    public static string Counts(string table) =>
        Judged(table, "") + """

            SELECT zone, year, count(*) FILTER (WHERE kind = 'gazelle') AS gazelles, count(*) FILTER (WHERE kind = 'gazelle' AND new) AS gazelles_new,
              count(*) FILTER (WHERE kind = 'unicorn') AS unicorns, count(*) FILTER (WHERE nkind = 'gazelle' AND nnew) AS gazelles_new_national
            FROM judged GROUP BY zone, year
            """;

    private static string Route(GazelleRoute route)
    {
        var age = route.MaxAge is { } a ? $"age <= {a} AND " : "";
        switch (route.Test)
        {
            case GazelleRouteTest.RevenueLevel:
                return $"({age}{Holds(route.Threshold.Kind, "revenue", Number(route.Threshold.Value))})";
            case GazelleRouteTest.VentureCapital:
                return $"({age}{Holds(route.Threshold.Kind, "vc_received", Number(route.Threshold.Value))})";
            default:
                var (now, alias) = route.Test == GazelleRouteTest.RevenueGrowth ? ("revenue", "rev") : ("employees", "emp");
                var then = $"{alias}{route.Years}";
                var factor = 1m;
                for (var k = 0; k < route.Years; k++) factor *= 1 + route.Threshold.Value;
                var basis = route.Base is { } b ? $" AND {Holds(b.Kind, then, Number(b.Value))}" : "";
                var up = route.LastYearUp ? $" AND {now} > {alias}1" : "";
                return $"({age}{then} > 0{basis} AND {Holds(route.Threshold.Kind, now, $"{then} * {((double)factor).ToString("R", CultureInfo.InvariantCulture)}")}{up})";
        }
    }

    private static string Age(int? maxAge) => maxAge is { } a ? $"age <= {a}" : "true";

    private static string Number(decimal value) => ((double)value).ToString("R", CultureInfo.InvariantCulture);

    /// <summary>x against a threshold, allowing a relative 1e-12 at the threshold for binary rounding.</summary>
    private static string Holds(BoundKind kind, string x, string threshold) => kind switch
    {
        BoundKind.AtLeast => $"{x} >= ({threshold}) - abs({threshold}) * {Tolerance}",
        BoundKind.Above => $"{x} > ({threshold}) + abs({threshold}) * {Tolerance}",
        BoundKind.AtMost => $"{x} <= ({threshold}) + abs({threshold}) * {Tolerance}",
        _ => $"{x} < ({threshold}) - abs({threshold}) * {Tolerance}",
    };
}
