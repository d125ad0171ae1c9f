using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Gaoxin.Features.Shared;

/// <summary>Chinese-first text: pages name both forms and show the one of the visitor's chosen language.</summary>
public static class Text
{
    /// <summary>The site's HTML encoder: it leaves Chinese as written (as the pages' own encoder does), escaping only markup.</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>Picks the Chinese or the English form.</summary>
    public static string T(string zh, string en) => IsEnglish ? en : zh;

    /// <summary>
    /// Text that people wrote in one language and that has no other form — a news title, a listing in the technology market,
    /// an enterprise's registered name, an institution — shown as written and marked with its language, so that a screen
    /// reader reads it in that language and an English page says that this Chinese name is a name, not a missing translation:
    /// <c>&lt;span lang="zh-CN"&gt;沈阳瞪羚科技有限公司&lt;/span&gt;</c>. Text in Latin letters only is marked English; empty text
    /// is nothing.
    /// </summary>
    public static IHtmlContent AsWritten(string? text)
    {
        if (string.IsNullOrEmpty(text)) return HtmlString.Empty;
        var lang = LanguageOf(text);
        var encoded = Html.Encode(text);
        return new HtmlString(lang is null ? encoded : $"<span lang=\"{lang}\">{encoded}</span>");
    }

    /// <summary>
    /// An English note that cites Chinese documents by their own words (a document number 国科发火〔2021〕106号, a national
    /// form's item name 营业收入): each run of Chinese is marked as Chinese, the rest stays as it is.
    /// </summary>
    public static IHtmlContent WithChineseQuotes(string? text)
    {
        if (string.IsNullOrEmpty(text)) return HtmlString.Empty;
        var html = new System.Text.StringBuilder();
        var last = 0;
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"[\u3000-\u303F\u3400-\u9FFF\uFF08\uFF09]+"))
        {
            html.Append(Html.Encode(text[last..m.Index]));
            html.Append("<span lang=\"zh-CN\">").Append(Html.Encode(m.Value)).Append("</span>");
            last = m.Index + m.Length;
        }
        html.Append(Html.Encode(text[last..]));
        return new HtmlString(html.ToString());
    }

    /// <summary>Picks the Chinese or the English form, where the English form may cite Chinese words (marked as Chinese).</summary>
    public static IHtmlContent TQuoting(string zh, string? en) =>
        IsEnglish ? WithChineseQuotes(en) : new HtmlString(Html.Encode(zh));

    /// <summary>
    /// The language of text people wrote, by its script: <c>zh-CN</c> when it has Han characters, <c>en</c> when it has Latin
    /// letters only, null when neither (numbers). For a <c>lang</c> attribute where a span cannot stand (an option of a list).
    /// </summary>
    public static string? LanguageOf(string? text) =>
        string.IsNullOrEmpty(text) ? null : text.Any(c => c is >= '\u3400' and <= '\u9FFF') ? "zh-CN" : text.Any(char.IsAsciiLetter) ? "en" : null;

    /// <summary>A unit of measure in the chosen language (the plan and the models write units in Chinese: 亿元, 家).</summary>
    public static string UnitText(string? unit) => IsEnglish ? Gaoxin.Core.UnitNames.InEnglish(unit) : unit ?? "";
}
