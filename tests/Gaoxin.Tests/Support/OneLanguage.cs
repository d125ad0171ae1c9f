using System.Text.RegularExpressions;

namespace Gaoxin.Tests.Support;

/// <summary>
/// One language at a time: the words of the other script in a text a page shows in Chinese or in English.
/// <para>
/// In Chinese mode a word in Latin letters is foreign unless it is a proper name or format everybody reads as such
/// or an abbreviation that Chinese official text itself writes in Latin letters
/// (<see cref="ChineseModeNames"/>), a unit of measure (<see cref="Units"/>), a single letter (a grade A–E, the year t of a formula), an address (a URL, an e-mail address, a path
/// of the site), the name of an uploaded file (returns.csv), an id the platform generated (a batch 6f50a13f2a2d49c1), or an identifier that is data (an unbroken run of capitals and digits with at least one digit, such as a
/// unified social credit code 91210100MA0000001X, or a personal token's prefix <c>gx_…</c>). Everything else — a code such
/// as <c>reserve-pool-default</c>, a method name such as <c>MinMax</c>, an English label, a rule id — is reported.
/// </para>
/// <para>
/// In English mode every Han character and every Chinese punctuation mark is foreign. Proper names without an English form
/// (an enterprise's registered name) and quotes of the plan (its title, a document number such as 辽高新推〔2020〕1号) are
/// not judged here at all: the page marks them <c>lang="zh-CN"</c>, as a screen reader needs to read them in Chinese, and
/// the browser check leaves out text inside an element whose language is the other one. The same holds the other way
/// round: an English name marked <c>lang="en"</c> on a Chinese page (the language switch “English”) is not judged.
/// </para>
/// </summary>
public static partial class OneLanguage
{
    /// <summary>
    /// Latin-script names that a Chinese page may show as they are, each a proper name or a file format without a Chinese
    /// form in common use: the charting library, the spreadsheet program and the file formats people download.
    /// </summary>
    public static readonly IReadOnlySet<string> ChineseModeNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "ECharts",  // the charting library's name (the map's and charts' credit)
        "Excel",    // the spreadsheet program the exports open in
        "CSV",      // the file format of every table export and import template (no Chinese name in common use)
        "PDF",      // the file format of printed reports
        "JSON",     // the file format of the open data and of a saved self-assessment
        "JSON-stat", // the statistical file format the open data also comes in (its proper name)
        "PNG",      // the image format a chart is saved as
        "A4",       // the paper size reports print on
        "Word",     // the word processor the monitoring reports download for
        // Abbreviations that Chinese official text itself writes in Latin letters, so they are Chinese usage, not English:
        "GDP",      // the plan writes 高新区GDP占全省GDP比重 in its own words
        "IC",       // the plan writes IC装备 (its list of innovation centres and alliances)
        "R&D",      // R&D经费内部支出 is the national statistics bureau's name of the indicator
        "PPP",      // 政府和社会资本合作 is published by the Ministry of Finance as PPP (PPP项目库)
        "UTC",      // the time standard's international name, as Chinese standards write it (GB/T 7408)
    };

    /// <summary>Units of measure written with Latin letters in Chinese text too (SI symbols and file sizes).</summary>
    public static readonly IReadOnlySet<string> Units = new HashSet<string>(StringComparer.Ordinal)
    {
        "km²", "m²", "km", "kg", "KB", "MB", "GB",
    };

    /// <summary>Whether <paramref name="language"/> (a page's <c>lang</c>) is English; otherwise it is Chinese.</summary>
    public static bool IsEnglish(string language) => language.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The foreign words of <paramref name="text"/> shown in <paramref name="language"/> (<c>zh-CN</c> or <c>en</c>),
    /// each once, in order of appearance.
    /// </summary>
    public static IReadOnlyList<string> ForeignWords(string text, string language)
    {
        if (string.IsNullOrEmpty(text)) return [];
        IEnumerable<string> found = IsEnglish(language)
            ? ChineseRun().Matches(text).Select(m => m.Value)
            : LatinChunk().Matches(Address().Replace(text, " ")).Select(m => m.Value.TrimEnd('.', '-', ':', '/', '&')).Where(IsForeignInChinese);
        return found.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Each foreign word with a little of the text around it, for a failure message a reader can act on:
    /// <c>“reserve-pool-default” in “规则：reserve-pool-default”</c>.
    /// </summary>
    public static IReadOnlyList<string> Offences(string text, string language) =>
        ForeignWords(text, language).Select(word =>
        {
            var at = text.IndexOf(word, StringComparison.Ordinal);
            var from = Math.Max(0, at - 20);
            var to = Math.Min(text.Length, at + word.Length + 20);
            var context = Regex.Replace(text[from..to], @"\s+", " ").Trim();
            return $"“{word}” in “{(from > 0 ? "…" : "")}{context}{(to < text.Length ? "…" : "")}”";
        }).ToList();

    private static bool IsForeignInChinese(string chunk)
    {
        if (!chunk.Any(char.IsAsciiLetter)) return false;
        if (ChineseModeNames.Contains(chunk) || Units.Contains(chunk)) return false;
        if (chunk.Length == 1) return false; // a symbol, not a word: a grade letter (A–E of the national scoring guide), the year t
        if (Identifier().IsMatch(chunk)) return false;
        if (chunk.StartsWith("gx_", StringComparison.Ordinal)) return false; // a personal token's visible prefix
        if (GeneratedId().IsMatch(chunk)) return false; // an id the platform made: import batch 6f50a13f2a2d49c1, policy p-68d041a80d
        if (FileName().IsMatch(chunk)) return false;    // the name a person gave an uploaded file: returns.csv
        return true;
    }

    [GeneratedRegex(@"^([a-z]-)?(?=[0-9a-f]*\d)[0-9a-f]{8,}$")]
    private static partial Regex GeneratedId();

    [GeneratedRegex(@"^[\w\-.]+\.(csv|xlsx|xls|json)$", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();

    /// <summary>A run of Latin letters, digits and the marks that join them into one word or code (no spaces).</summary>
    [GeneratedRegex(@"[A-Za-z0-9_²³][A-Za-z0-9_²³.\-&'’:+]*")]
    private static partial Regex LatinChunk();

    /// <summary>URLs, e-mail addresses and paths of the site (<c>/zones/shenyang</c>): addresses, not words.</summary>
    [GeneratedRegex(@"\b[a-z][a-z0-9+.\-]*://\S+|[\w.+\-]+@[\w\-]+(\.[\w\-]+)+|(?<![\w.])/[A-Za-z0-9_\-{}.]+(/[A-Za-z0-9_\-{}.…]+)*/?")]
    private static partial Regex Address();

    /// <summary>Data identifiers: capitals and digits with at least one digit (credit codes, certificate numbers, A4).</summary>
    [GeneratedRegex(@"^(?=.*\d)[A-Z0-9][A-Z0-9\-_/]*$")]
    private static partial Regex Identifier();

    /// <summary>Han characters (unified ideographs and extension A) and Chinese punctuation (CJK symbols, full-width forms).</summary>
    [GeneratedRegex(@"[\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65]+")]
    private static partial Regex ChineseRun();
}
