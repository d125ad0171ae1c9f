using CsCheck;

namespace Gaoxin.Core.Tests.BadInput;

/// <summary>
/// Generators of bad input: a valid file broken in the ways real files break (cut short, a byte order mark, a control
/// character, a quote or a bracket out of place, a huge field, a number too large to hold, a spreadsheet formula), or plain
/// noise. Every property that uses them runs a few hundred cases, so the whole set stays within seconds.
/// </summary>
public static class Mutations
{
    /// <summary>Fragments that break parsers: controls, BOMs, quoting, YAML and JSON syntax, numbers out of range, formulas.</summary>
    public static readonly string[] Fragments =
    [
        "\0", "\u0001", "\u001b", "\uFEFF", "\uFFFD", "\uD800", "\"", "'", "\"\n\"", "\r\n", "\r", "\t", "\n- ", ": ", "{", "}", "[", "]", "[[[[[[[[", "{{{{{{{{",
        "&a ", "*a", "!!binary ", "!!python/object ", "%YAML 1.1\n", "---\n", "...\n", "? ", "|\n", ">\n", "#", ",", ";",
        "1e400", "-1e400", "NaN", "Infinity", "-Infinity", ".nan", ".inf", "-.inf", "99999999999999999999999999999", "-0", "0x1F",
        "=1+1", "+SUM(A1:A9)", "-2+3", "@cmd", "=HYPERLINK(\"http://evil.example\")", "高新区", "瞪羚企业",
        "((((((((((", "))))))))", "----------", "@prev@prev", "/0", "null", "~", "true", "2100-13-45",
    ];

    /// <summary>One fragment, now and then a long run of one (a "1 MB field" in small: 100k characters).</summary>
    public static readonly Gen<string> Fragment = Gen.Frequency(
        (20, Gen.OneOf(Fragments)),
        (2, Gen.Int[1_000, 100_000].Select(n => new string('x', n))),
        (1, Gen.Int[1_000, 20_000].Select(n => string.Concat(Enumerable.Repeat("(", n)))),
        (1, Gen.Int[100, 5_000].Select(n => string.Concat(Enumerable.Repeat("- ", n)))),
        (2, Gen.Char.Array[1, 40].Select(chars => new string(chars))));

    /// <summary>The text broken once or a few times.</summary>
    public static Gen<string> Of(string text) =>
        Gen.Int[1, 4].SelectMany(count => Once(text).Array[count].Select(edits => Apply(text, edits)));

    private sealed record Edit(int Kind, double At, double Length, string Fragment);

    private static Gen<Edit> Once(string text) =>
        Gen.Select(Gen.Int[0, 5], Gen.Double[0, 1], Gen.Double[0, 1], Fragment, (kind, at, length, fragment) => new Edit(kind, at, length, fragment));

    private static string Apply(string text, Edit[] edits)
    {
        foreach (var e in edits)
        {
            var at = (int)(e.At * text.Length);
            var length = Math.Min(text.Length - at, (int)(e.Length * 200));
            text = e.Kind switch
            {
                0 => text[..at],                                                          // cut short
                1 => text.Insert(at, e.Fragment),                                         // something inserted
                2 => text.Remove(at, length).Insert(at, e.Fragment),                      // something replaced
                3 => text.Remove(at, length),                                             // something lost
                4 => "\uFEFF" + text,                                                     // a byte order mark read as text
                _ => text[..at] + text[at..(at + length)] + text[at..],                   // a piece repeated
            };
        }
        return text;
    }

    /// <summary>
    /// Runs <paramref name="parse"/> and fails if it takes longer than <paramref name="seconds"/> (a hang), so one stuck case
    /// ends the property with its input instead of the test run.
    /// </summary>
    public static T Bounded<T>(Func<T> parse, int seconds = 10)
    {
        var task = Task.Run(parse);
        if (Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(seconds))).GetAwaiter().GetResult() != task)
            throw new TimeoutException($"no answer within {seconds} s");
        return task.GetAwaiter().GetResult();
    }

    /// <summary>A short description of a case for the failure message (the case itself may be megabytes).</summary>
    public static string Show(string text) =>
        text.Length <= 200 ? System.Text.Json.JsonSerializer.Serialize(text) : $"{text.Length} chars: {System.Text.Json.JsonSerializer.Serialize(text[..200])}…";
}
