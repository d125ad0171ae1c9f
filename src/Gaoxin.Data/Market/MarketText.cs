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
    /// Words that say nothing of a profile's subject: function words (particles, prepositions, conjunctions, pronouns) and
    /// the words every demand or achievement uses whatever it is about (技术, 需求, 合作, 开发 …). Matching drops them; the
    /// search keeps its own analyzer unchanged.
    /// </summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "的", "了", "和", "与", "及", "或", "在", "对", "等", "为", "是", "将", "把", "被", "从", "向", "以", "于", "由", "其", "并",
        "也", "而", "且", "之", "所", "着", "过", "个", "该", "此", "这", "那", "就", "都", "又", "再", "则", "即", "但", "如", "若",
        "可", "能", "会", "要", "需", "已", "有", "无", "不", "没", "很", "较", "更", "最", "中", "上", "下", "内", "外", "后", "前",
        "我", "我们", "你", "您", "他", "她", "它", "他们", "本", "各", "每", "某", "一", "一个", "一种", "一些", "以及", "及其", "并且",
        "或者", "通过", "进行", "对于", "关于", "由于", "因此", "所以", "如果", "可以", "能够", "需要", "具有", "存在", "使", "使得",
        "用", "得", "地", "到", "给", "让", "至", "里", "方面", "目前", "现有", "问题", "其中",
        // What every profile of the market says, whatever its subject.
        "技术", "需求", "合作", "企业", "公司", "我公司", "本企业", "希望", "寻求", "需要", "要求", "采用", "实现", "提高", "提升", "降低",
        "解决", "研制", "开发", "研发", "应用", "方案", "成果", "项目", "相关", "主要", "从事", "生产", "研究", "领域", "支持", "系统",
    };

    /// <summary>
    /// The words of <paramref name="text"/> in order, for matching: the analyzer's words with stop words and punctuation
    /// dropped. SmartChineseAnalyzer splits a word its dictionary lacks into single characters (工况 → 工 况, 改性 → 改 性);
    /// a run of such characters next to each other in the text is joined back into one word, and a single character left on
    /// its own (缸 after 液压) is dropped: one character says too little of a subject, and matching weighs words, not
    /// characters.
    /// </summary>
    public static IReadOnlyList<string> Terms(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var terms = new List<string>();
        using var stream = Analyzer.GetTokenStream("text", ChineseText.Normalise(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var run = new System.Text.StringBuilder();
        var runEnd = -1;
        void EndRun()
        {
            if (run.Length >= 2) terms.Add(run.ToString());
            run.Clear();
        }
        stream.Reset();
        while (stream.IncrementToken())
        {
            var word = term.ToString();
            if (word.Length == 1)
            {
                if (StopWords.Contains(word) || offset.StartOffset != runEnd) EndRun();
                if (!StopWords.Contains(word))
                {
                    run.Append(word);
                    runEnd = offset.EndOffset;
                }
                continue;
            }
            EndRun();
            if (!StopWords.Contains(word)) terms.Add(word);
        }
        EndRun();
        stream.End();
        return terms;
    }
}
