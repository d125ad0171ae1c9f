using Ganss.Xss;

namespace Gaoxin.Data.News;

/// <summary>
/// Cleans a news body before it is stored: HtmlSanitizer's allow-list of tags, attributes, CSS and URL schemes (http, https
/// and site-relative), so no script, no <c>on…</c> handler and no <c>javascript:</c> address reaches a page that shows it.
/// </summary>
public static class NewsHtml
{
    public static string Sanitize(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        // A fresh sanitizer per body: its settings are mutable, and bodies are cleaned only when saved.
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("select");
        return sanitizer.Sanitize(html).Trim();
    }
}
