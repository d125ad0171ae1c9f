using Lucene.Net.QueryParsers.Classic;

namespace Gaoxin.Data.Search;

/// <summary>
/// Turns what a visitor typed into the query syntax of Lucene's query parser with nothing left to parse but words and
/// phrases: every special character escaped, operators lower-cased into plain words, quotes paired into phrases (an
/// unpaired quote is dropped). So no user text can make the parser throw, and the words are searched as the parser
/// would search them written plainly: any of them (the best ranked first), a quoted phrase as a phrase.
/// </summary>
public static class SearchQueryText
{
    /// <summary>The escaped query, folded (<see cref="ChineseText"/>) and lower-cased; empty when nothing is left to search.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Lower case makes AND, OR, NOT and TO words, not operators; the analyzer lower-cases Latin words anyway.
        var folded = ChineseText.Normalise(text).ToLowerInvariant();
        var segments = folded.Split('"');
        // Segments alternate outside/inside quotes; with an odd number of quotes the text after the last one is outside.
        var balanced = segments.Length % 2 == 1;
        var parts = new List<string>();
        for (var i = 0; i < segments.Length; i++)
        {
            var words = segments[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(w => w.Any(char.IsLetterOrDigit)).ToList();
            if (words.Count == 0) continue;
            var phrase = i % 2 == 1 && (balanced || i < segments.Length - 1);
            if (phrase) parts.Add("\"" + QueryParserBase.Escape(string.Join(" ", words)) + "\"");
            else parts.AddRange(words.Select(QueryParserBase.Escape));
        }
        return string.Join(" ", parts);
    }
}
