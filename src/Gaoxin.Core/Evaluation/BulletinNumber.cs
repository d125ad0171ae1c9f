using System.Globalization;
using System.Text.RegularExpressions;

namespace Gaoxin.Core.Evaluation;

/// <summary>
/// The document number (文号) a published bulletin carries, in the form of the office's papers: the issuer's short name,
/// the year of issue in 〔〕 and a sequence, e.g. 辽高新推〔2021〕1号. The office may give its own registry's number; otherwise
/// the next free one of the year of issue is taken.
/// </summary>
public static partial class BulletinNumber
{
    /// <summary>The short name of the issuer, the provincial high-tech zone working group (辽宁省高新区工作推进组).</summary>
    public const string Issuer = "辽高新推";

    /// <summary>The longest number the office may give.</summary>
    public const int MaxLength = 40;

    /// <summary>The number of the <paramref name="sequence"/>th bulletin issued in <paramref name="year"/>.</summary>
    public static string Format(int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{Issuer}〔{year}〕{sequence}号");

    /// <summary>The first number of <paramref name="year"/> not among <paramref name="taken"/> (numbers of other forms are ignored).</summary>
    public static string Next(int year, IEnumerable<string> taken)
    {
        var used = taken.Select(t => Pattern().Match(t)).Where(m => m.Success && m.Groups["year"].Value == year.ToString(CultureInfo.InvariantCulture))
            .Select(m => int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture)).ToHashSet();
        var next = 1;
        while (used.Contains(next)) next++;
        return Format(year, next);
    }

    /// <summary>Null when <paramref name="number"/> may be used as given, else the refusal code.</summary>
    public static string? Refusal(string number) =>
        string.IsNullOrWhiteSpace(number) ? "document_number_empty"
        : number.Length > MaxLength || number.Any(char.IsControl) ? "document_number_invalid"
        : null;

    [GeneratedRegex(@"〔(?<year>\d{4})〕(?<n>\d+)号$")]
    private static partial Regex Pattern();
}
