namespace Gaoxin.Data.Collection;

/// <summary>Text that is safe to put into a spreadsheet cell or a CSV field.</summary>
public static class CellText
{
    /// <summary>
    /// Prefixes an apostrophe to text that a spreadsheet program would otherwise run as a formula
    /// (CSV/formula injection): text starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return.
    /// Only for text: numbers are written as numbers and never pass through here.
    /// </summary>
    public static string Neutralize(string text) =>
        FormulaAfterApostrophes(text) ? "'" + text : text;

    /// <summary>
    /// The text <see cref="Neutralize"/> was given: the apostrophe it put in front of a formula's first character is taken off,
    /// so that an export imports back to exactly what was exported. Text that already began with apostrophes before such a
    /// character got one more, so it too comes back as it was; any other text is kept as it is.
    /// </summary>
    public static string Restore(string text) =>
        text.Length > 1 && text[0] == '\'' && FormulaAfterApostrophes(text.AsSpan(1)) ? text[1..] : text;

    /// <summary>Does the text start with a formula's first character, after any number of apostrophes?</summary>
    private static bool FormulaAfterApostrophes(ReadOnlySpan<char> text)
    {
        var rest = text.TrimStart('\'');
        return rest.Length > 0 && rest[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
    }
}
