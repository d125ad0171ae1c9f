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

    /// <summary>
    /// Function words that say nothing of a profile's subject: particles, prepositions, conjunctions, pronouns and the
    /// like as SmartChineseAnalyzer emits them (mostly single characters). Matching drops them; the search keeps its own
    /// analyzer unchanged.
    /// </summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "的", "了", "和", "与", "及", "或", "在", "对", "等", "为", "是", "将", "把", "被", "从", "向", "以", "于", "由", "其", "并",
        "也", "而", "且", "之", "所", "着", "过", "个", "该", "此", "这", "那", "就", "都", "又", "再", "则", "即", "但", "如", "若",
        "可", "能", "会", "要", "需", "已", "有", "无", "不", "没", "很", "较", "更", "最", "中", "上", "下", "内", "外", "后", "前",
        "我", "我们", "你", "您", "他", "她", "它", "他们", "本", "各", "每", "某", "一", "一个", "一种", "一些", "以及", "及其", "并且",
        "或者", "通过", "进行", "对于", "关于", "由于", "因此", "所以", "如果", "可以", "能够", "需要", "具有", "存在", "使", "使得",
        "用", "得", "地", "到", "给", "让", "至", "里", "方面", "目前", "现有", "问题", "其中",
    };

    /// <summary>The words of <paramref name="text"/> in order, stop words and punctuation dropped.</summary>
    public static IReadOnlyList<string> Terms(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var terms = new List<string>();
        using var stream = Analyzer.GetTokenStream("text", ChineseText.Normalise(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var word = term.ToString();
            if (!StopWords.Contains(word)) terms.Add(word);
        }
        stream.End();
        return terms;
    }
}
