using Gaoxin.Data.Search;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Gaoxin.Data.Market;

/// <summary>
/// Segments a profile's Chinese text into words for matching, with the analyzer the portal's search uses
/// (SmartChineseAnalyzer, after folding traditional and full-width characters, <see cref="ChineseText"/>), so that a word
/// found by the search is the same word matching weighs.
/// </summary>
public static class MarketText
{
    // The analyzer is thread-safe: it keeps a token stream per thread.
    private static readonly Analyzer Analyzer = new SmartChineseAnalyzer(LuceneVersion.LUCENE_48);

    /// <summary>The words of <paramref name="text"/> in order, stop words and punctuation dropped.</summary>
    public static IReadOnlyList<string> Terms(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var terms = new List<string>();
        using var stream = Analyzer.GetTokenStream("text", ChineseText.Normalise(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }
}
