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
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
