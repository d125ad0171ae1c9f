namespace Gaoxin.Bench.Support;

/// <summary>
/// Times one side of a workload as whole processes: <see cref="Runs"/> runs of a child (the platform's <c>gaoxin …</c> or the
/// bench's own <c>peer …</c>), cold start included, wall time around the process, peak working set sampled while it runs;
/// an untimed preparation before each run (a fresh copy of a store the run changes). The figure is the median run's.
/// </summary>
public static class Timed
{
    /// <summary>Runs per side.</summary>
    public const int Runs = 3;

    /// <summary>
    /// The figure of <paramref name="runs"/> runs (throughput = <paramref name="units"/> ÷ the median time), or the status when
    /// a run failed (or the verb is not landed); and the last run's result, whose output the caller compares.
    /// </summary>
    public static (Figure? Figure, string? Status, ChildResult? Last) Measure(string side, long units, string unit, string context, Func<ChildResult> run,
        Action? prepare = null, int runs = Runs)
    {
        var seconds = new List<double>();
        long? peak = null;
        ChildResult? last = null;
        for (var k = 0; k < runs; k++)
        {
            prepare?.Invoke();
            var result = run();
            if (StatusOf(side, result) is { } status) return (null, status, result);
            seconds.Add(result.Elapsed.TotalSeconds);
            peak = Math.Max(peak ?? 0, result.PeakBytes ?? 0);
            last = result;
        }
        var spread = Spread.Of(seconds);
        return (new Figure(units / spread.MedianSeconds, unit, context, peak, spread), null, last);
    }

    /// <summary>Null when the child succeeded; "not landed" when the verb does not exist yet; else the failure.</summary>
    public static string? StatusOf(string side, ChildResult result)
    {
        if (result.ExitCode == 0) return null;
        if (result.NotLanded) return "not landed";
        Console.WriteLine($"  {side} failed: {result.Describe()}");
        return $"{side} failed ({result.Describe()})";
    }

    /// <summary>Copies a prepared SQLite store (with its WAL files where present) over <paramref name="target"/>: not timed.</summary>
    public static void CopyStore(string template, string target)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(target + suffix)) File.Delete(target + suffix);
            if (File.Exists(template + suffix)) File.Copy(template + suffix, target + suffix);
        }
    }
}
