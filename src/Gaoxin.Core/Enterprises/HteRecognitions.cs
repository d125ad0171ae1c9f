namespace Gaoxin.Core.Enterprises;

/// <summary>
/// High-tech enterprise recognitions (认定高新技术企业) in the zones, counted from the certificates the registry holds: a
/// recognition is a certificate issued in the year, whichever way the enterprise came to it (through the reserve pool or not).
/// The plan's 认定高新技术企业1600家 (三、重点任务 / 推进产业转型升级) is then the total over the plan period.
/// </summary>
public static class HteRecognitions
{
    /// <summary>
    /// Certificates issued in each year, per zone: every zone in <paramref name="zones"/> and year in <paramref name="years"/> gets
    /// its count, zeros included, so that sums over the zones exist. An enterprise counts for its registry zone.
    /// </summary>
    /// <param name="certificates">The zone and issue day of each enterprise's certificate (enterprises without one are left out).</param>
    /// <param name="zones">The zones counted.</param>
    /// <param name="years">The years counted.</param>
    public static IReadOnlyDictionary<(string Zone, int Year), int> Count(IEnumerable<(string Zone, DateOnly IssuedOn)> certificates,
        IEnumerable<string> zones, IEnumerable<int> years)
    {
        var wanted = years.Distinct().ToList();
        var result = zones.Distinct().SelectMany(z => wanted.Select(y => (z, y))).ToDictionary(k => k, _ => 0);
        foreach (var (zone, issuedOn) in certificates)
        {
            if (result.ContainsKey((zone, issuedOn.Year))) result[(zone, issuedOn.Year)]++;
        }
        return result;
    }
}
