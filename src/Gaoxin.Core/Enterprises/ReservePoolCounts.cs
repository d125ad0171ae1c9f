namespace Gaoxin.Core.Enterprises;

/// <summary>A move of one enterprise along the reserve-pool pipeline, as recorded.</summary>
/// <param name="CreditCode">The enterprise.</param>
/// <param name="To">The stage it entered.</param>
/// <param name="On">The day it entered it.</param>
/// <param name="Sequence">Order of recording (breaks ties between moves of the same day).</param>
public sealed record ReservePoolMoveFact(string CreditCode, ReserveStage To, DateOnly On, long Sequence);

/// <summary>A training record (培训辅导) of one enterprise.</summary>
public sealed record ReservePoolTrainingFact(string CreditCode, DateOnly On);

/// <summary>A zone's reserve-pool figures for a year.</summary>
/// <param name="InPool">Enterprises in the pool at the year's end (入库, 已培训 or 已申报).</param>
/// <param name="Trained">Distinct enterprises with a training record dated in the year.</param>
/// <param name="TrainedToDate">Distinct enterprises with a training record dated up to the year's end.</param>
/// <param name="Recognised">Enterprises moved to 已认定 in the year.</param>
/// <param name="RecognisedToDate">Enterprises moved to 已认定 up to the year's end.</param>
/// <param name="EnteredToDate">Enterprises admitted to the pool (入库) up to the year's end, whether still in it, recognised or
/// dropped since: the 入库企业 of 全省高新区高新技术企业培育后备库入库企业5000家以上 are entries, not the year-end stock.</param>
public sealed record ReservePoolFigures(int InPool, int Trained, int TrainedToDate, int Recognised, int RecognisedToDate, int EnteredToDate);

/// <summary>Counts the reserve pool per zone and year from its recorded moves and trainings.</summary>
public static class ReservePoolCounts
{
    /// <summary>The stages that count as “in the pool” at a date.</summary>
    public static bool IsInPool(ReserveStage stage) => stage is ReserveStage.InPool or ReserveStage.Trained or ReserveStage.Applied;

    /// <summary>
    /// The figures of every zone in <paramref name="zones"/> for every year in <paramref name="years"/>; an enterprise counts
    /// for its pool zone (<paramref name="zoneOf"/>), zeros included. The stage at a year's end is that of the last move
    /// dated on or before 31 December.
    /// </summary>
    public static IReadOnlyDictionary<(string Zone, int Year), ReservePoolFigures> Count(IReadOnlyDictionary<string, string> zoneOf,
        IEnumerable<ReservePoolMoveFact> moves, IEnumerable<ReservePoolTrainingFact> trainings, IEnumerable<string> zones, IEnumerable<int> years)
    {
        var history = moves.Where(m => zoneOf.ContainsKey(m.CreditCode)).GroupBy(m => m.CreditCode)
            .ToDictionary(g => g.Key, g => g.OrderBy(m => m.On).ThenBy(m => m.Sequence).ToList());
        var trained = trainings.Where(t => zoneOf.ContainsKey(t.CreditCode)).GroupBy(t => t.CreditCode)
            .ToDictionary(g => g.Key, g => g.Select(t => t.On).Order().ToList());
        var result = new Dictionary<(string, int), ReservePoolFigures>();
        foreach (var year in years.Distinct())
        {
            var start = new DateOnly(year, 1, 1);
            var end = new DateOnly(year, 12, 31);
            var counts = zones.Distinct().ToDictionary(z => z, _ => new int[6]);
            foreach (var (code, zone) in zoneOf)
            {
                if (!counts.TryGetValue(zone, out var c)) continue;
                if (history.TryGetValue(code, out var steps))
                {
                    var last = steps.LastOrDefault(m => m.On <= end);
                    if (last is not null && IsInPool(last.To)) c[0]++;
                    if (steps.FirstOrDefault(m => IsInPool(m.To)) is { } entered && entered.On <= end) c[5]++;
                    var recognised = steps.FirstOrDefault(m => m.To == ReserveStage.Recognised);
                    if (recognised is not null && recognised.On <= end)
                    {
                        c[4]++;
                        if (recognised.On >= start) c[3]++;
                    }
                }
                if (trained.TryGetValue(code, out var days))
                {
                    if (days.Any(d => d >= start && d <= end)) c[1]++;
                    if (days[0] <= end) c[2]++;
                }
            }
            foreach (var (zone, c) in counts) result[(zone, year)] = new ReservePoolFigures(c[0], c[1], c[2], c[3], c[4], c[5]);
        }
        return result;
    }
}
