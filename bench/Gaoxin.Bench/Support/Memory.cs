using System.Globalization;

namespace Gaoxin.Bench.Support;

/// <summary>
/// Peak working set (resident set) on Linux: VmHWM of /proc/PID/status. For the bench process itself the peak is
/// reset before a peer runs (writing 5 to /proc/self/clear_refs), so the figure is the peak during that peer
/// (including what the bench process already held). Elsewhere: the process's PeakWorkingSet64.
/// </summary>
public static class Memory
{
    public static void ResetPeak()
    {
        try
        {
            if (OperatingSystem.IsLinux()) File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Peak resident set of this process since the last reset, in bytes.</summary>
    public static long PeakSelf() => PeakOf(Environment.ProcessId) ?? System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;

    /// <summary>VmHWM of a running process, bytes; null when it cannot be read (the process ended).</summary>
    public static long? PeakOf(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    /// <summary>VmRSS of a running process (its resident set now), bytes; null when it cannot be read.</summary>
    public static long? ResidentOf(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    public static string Mb(long? bytes) => bytes is { } b ? $"{b / (1024.0 * 1024):0} MB" : "–";
}
