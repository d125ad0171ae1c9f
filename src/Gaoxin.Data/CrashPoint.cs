namespace Gaoxin.Data;

/// <summary>
/// Named moments inside the writing paths (the imports and publishing a run) where the crash-safety test stops the process
/// to kill it exactly there. When the environment variable <c>GAOXIN_PAUSE_AT</c> names the point being reached, the
/// process writes <c>gaoxin-paused-at: NAME</c> to standard error and blocks that thread for good, waiting to be killed.
/// Without the variable (always, outside that test) reaching a point does nothing. Points:
/// <list type="bullet">
/// <item><c>in-transaction</c>: the transaction is open and holds its write locks, nothing written yet;</item>
/// <item><c>mid-write</c>: part of the writes done inside the transaction;</item>
/// <item><c>before-commit</c>: everything written inside the transaction, the commit not yet sent.</item>
/// </list>
/// </summary>
public static class CrashPoint
{
    /// <summary>The environment variable naming the point to pause at.</summary>
    public const string Variable = "GAOXIN_PAUSE_AT";

    /// <summary>What is written to standard error, followed by the point's name, when the process pauses.</summary>
    public const string Marker = "gaoxin-paused-at: ";

    private static readonly string? Target = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } name ? name : null;

    /// <summary>Pauses for good if <c>GAOXIN_PAUSE_AT</c> names <paramref name="name"/>; otherwise returns at once.</summary>
    public static void Reach(string name)
    {
        if (Target is null || !string.Equals(Target, name, StringComparison.Ordinal)) return;
        Console.Error.WriteLine(Marker + name);
        Console.Error.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}
