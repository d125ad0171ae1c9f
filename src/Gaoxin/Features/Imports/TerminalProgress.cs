using System.Diagnostics;
using System.Globalization;
using Gaoxin.Data.Imports;

namespace Gaoxin.Features.Imports;

/// <summary>
/// An import's progress as one line on the terminal, rewritten in place (percent, rows read and validated, megabytes, time
/// left). Only when standard error is the console and a terminal: redirected to a file or a pipe, nothing is written.
/// </summary>
public sealed class TerminalProgress
{
    private readonly TextWriter writer;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long lastShown = -1000;
    private int width;

    private TerminalProgress(TextWriter writer) => this.writer = writer;

    /// <summary>A progress line on <paramref name="error"/> when it is the terminal's standard error, else null.</summary>
    public static TerminalProgress? For(TextWriter error) =>
        !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error) ? new TerminalProgress(error) : null;

    /// <summary>The text of the line (also for tests).</summary>
    public static string Format(ImportProgress p, TimeSpan elapsed)
    {
        var c = CultureInfo.InvariantCulture;
        var total = p.TotalBytes ?? 0;
        var percent = Imports.ImportsApi.Percent("running", p.Stage, p.BytesRead, total);
        var left = percent >= 1 ? elapsed.TotalSeconds * (100 - percent) / percent : (double?)null;
        var text = string.Create(c, $"{percent,5:0.0}% · {p.RowsRead:N0} rows read, {p.RowsValidated:N0} validated · {p.BytesRead / 1048576.0:0}/{total / 1048576.0:0} MB");
        if (p.Stage != "reading") text += $" · {p.Stage}";
        if (left is { } l) text += string.Create(c, $" · about {TimeSpan.FromSeconds(Math.Round(l)):m\\:ss} left");
        return text;
    }

    public void Show(ImportProgress p)
    {
        var now = clock.ElapsedMilliseconds;
        if (p.Stage == "reading" && now - lastShown < 250) return;
        lastShown = now;
        var text = Format(p, clock.Elapsed);
        var pad = Math.Max(0, width - text.Length);
        width = text.Length;
        writer.Write("\r" + text + new string(' ', pad));
        writer.Flush();
    }

    /// <summary>Wipes the line, so that the summary starts on a clean one.</summary>
    public void Clear()
    {
        if (width == 0) return;
        writer.Write("\r" + new string(' ', width) + "\r");
        writer.Flush();
    }
}
