using System.Globalization;
using System.Text;

namespace Gaoxin.Features.Shared;

/// <summary>Prints rows as an aligned text table; Chinese characters count as two columns wide.</summary>
public static class TextTable
{
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.Prepend(headers).ToList();
        var widths = headers.Select((_, i) => all.Max(r => Width(r[i]))).ToArray();
        foreach (var (row, index) in all.Select((r, i) => (r, i)))
        {
            var line = new StringBuilder();
            for (var i = 0; i < row.Count; i++)
            {
                line.Append(row[i]);
                if (i < row.Count - 1) line.Append(' ', widths[i] - Width(row[i]) + 2);
            }
            output.WriteLine(line.ToString().TrimEnd());
            if (index == 0) output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        }
    }

    private static int Width(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
            width += IsWide(rune) ? 2 : 1;
        return width;
    }

    // East Asian wide and full-width ranges (CJK, punctuation, full-width forms).
    private static bool IsWide(Rune rune) => rune.Value is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0xA4CF
        or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60
        or >= 0xFFE0 and <= 0xFFE6 or >= 0x20000 and <= 0x3FFFD;

    public static string Number(decimal value) => Json.Normalize(value).ToString(CultureInfo.InvariantCulture);
}
