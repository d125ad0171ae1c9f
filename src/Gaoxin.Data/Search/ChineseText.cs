namespace Gaoxin.Data.Search;

/// <summary>
/// Folds the forms of a character a reader may type into one before text is indexed or searched: traditional Chinese
/// characters to their simplified form (產業 → 产业), full-width Latin letters and digits to ASCII (ＩＣ → IC). One
/// character in, one character out, so the offsets of the folded text are those
/// of the original (the highlighter marks the original with the folded text's tokens).
/// </summary>
/// <remarks>
/// The character map is ICU's <c>Traditional-Simplified</c> transform (ICU4N, the Unicode consortium's data), applied to
/// each character of the CJK blocks once, at first use. Word-level choices that depend on context (乾隆 keeps 乾, 乾燥
/// does not) are lost: for search, folding both the index and the query the same way is what matters. A few characters
/// that simplified text also uses in their own right are kept as they are (see the end of <c>BuildMap</c>).
/// </remarks>
public static class ChineseText
{
    private static readonly Lazy<char[]> Map = new(BuildMap, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folded text; the same length as <paramref name="text"/>.</summary>
    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var map = Map.Value;
        var i = 0;
        while (i < text.Length && map[text[i]] == text[i]) i++;
        if (i == text.Length) return text;
        return string.Create(text.Length, (text, map, i), static (span, state) =>
        {
            var (source, table, first) = state;
            source.AsSpan(0, first).CopyTo(span);
            for (var k = first; k < source.Length; k++) span[k] = table[source[k]];
        });
    }

    private static char[] BuildMap()
    {
        var map = new char[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++) map[c] = (char)c;
        // Full-width digits and Latin letters are ASCII shifted by 0xFEE0. Full-width punctuation stays: the analyzer
        // reads it as Chinese punctuation (a break, never a word), as it should.
        foreach (var (first, last) in new[] { (0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A) })
            for (var c = first; c <= last; c++) map[c] = (char)(c - 0xFEE0);
        var transform = ICU4N.Text.Transliterator.GetInstance("Traditional-Simplified");
        foreach (var (first, last) in new[] { (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF) })
        {
            var block = new char[last - first + 1];
            for (var c = first; c <= last; c++) block[c - first] = (char)c;
            var source = new string(block);
            var folded = transform.Transliterate(source);
            if (folded.Length == source.Length)
            {
                for (var k = 0; k < source.Length; k++) map[source[k]] = folded[k];
                continue;
            }
            // Some character became more or fewer than one: fold the block one character at a time, keeping one-to-one results only.
            foreach (var c in source)
                if (transform.Transliterate(c.ToString()) is { Length: 1 } one) map[c] = one[0];
        }
        // Characters the transform folds although simplified Chinese keeps them as standard characters of their own
        // (通用规范汉字表): 显著 and 著作 are not 显着, 乾坤 is not 干坤, 慰藉 is not 慰借, 瞭望 is not 了望.
        foreach (var kept in "著乾藉瞭") map[kept] = kept;
        return map;
    }
}
