using System.Text.Json;
using Gaoxin.Tests.Support;
using Microsoft.Playwright;

namespace Gaoxin.E2E.Support;

/// <summary>
/// Checks every public page must pass: the axe-core accessibility engine finds no serious or critical violation, and
/// nothing is wider than a 390 px phone screen.
/// </summary>
public static class PageChecks
{
    /// <summary>The engine, restored from npm by the build and copied next to the tests.</summary>
    private static readonly string AxeScript = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js"));

    /// <summary>
    /// Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it stands and returns the serious and critical violations,
    /// one line each: rule, impact, the first offending elements. The script is evaluated in the page, not added as a tag,
    /// so the site's Content-Security-Policy stays as it is.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        await page.EvaluateAsync(AxeScript);
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
            }
            """);
        return json.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    /// <summary>Fails with the list of violations when axe-core finds a serious or critical one.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var violations = await SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{page.Url}: {string.Join(Environment.NewLine, violations)}");
    }

    /// <summary>The elements that stick out to the right of the viewport (the document scrolls sideways), first five.</summary>
    private const string OverflowScript = """
        () => {
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= width) return [];
          return [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 1)
            .filter(e => !e.closest('.scroll'))
            .slice(0, 5)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''));
        }
        """;

    /// <summary>
    /// Charts without a text alternative: every chart (<c>[data-chart]</c>) must be an image with a name
    /// (<c>role="img"</c>, <c>aria-label</c>) that points with <c>aria-describedby</c> at a table stating its figures.
    /// </summary>
    private const string ChartScript = """
        () => [...document.querySelectorAll('[data-chart]')].flatMap(chart => {
          const name = (chart.id ? '#' + chart.id : '[data-chart=' + chart.dataset.chart + ']');
          const problems = [];
          if (chart.getAttribute('role') !== 'img' || !(chart.getAttribute('aria-label') || '').trim()) problems.push(name + ' is not an image with a name (role="img" aria-label)');
          const ids = (chart.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
          const described = ids.map(id => document.getElementById(id)).filter(Boolean);
          if (!described.some(e => e.matches('table') || e.querySelector('table'))) problems.push(name + ' names no table of its figures (aria-describedby)');
          return problems;
        })
        """;

    /// <summary>
    /// What a reader of the page meets, piece by piece: the title, the text of every rendered element (with closed
    /// <c>details</c> opened, options of lists, text only a screen reader reads), the labels a screen reader reads
    /// (<c>aria-label</c>, <c>title</c>, <c>placeholder</c>, <c>alt</c>, a button's value), each with where it stands
    /// (<c>th</c>, <c>caption</c>, <c>[aria-label]</c> …). Text inside an element marked with a language of the other script
    /// (<c>lang="zh-CN"</c> on an English page: a quote of the plan, a Chinese-only name) is left out, as it is meant to be
    /// read in that language; so are quotes (<c>blockquote</c>, <c>q</c>: the plan's own words, which may hold a proper name such
    /// as 大连软件园COCO-SPACE), and so is text marked <c>lang=""</c>, HTML's word for “language unknown”, which pages use for
    /// free text a person typed in whatever language (a token's name). Scripts, styles and templates are not text.
    /// </summary>
    private const string TextScript = """
        () => {
          const own = document.documentElement.lang.toLowerCase().startsWith('en') ? 'en' : 'zh';
          const other = el => {
            const l = el.closest('[lang]');
            if (!l) return false;
            const lang = l.getAttribute('lang').toLowerCase();
            return lang === '' || (lang.startsWith('en') ? 'en' : 'zh') !== own; // lang="": free text of no known language
          };
          const skip = 'script,style,noscript,template,svg,blockquote,q'; // quotes are the plan's own words
          const shown = el => { const s = el.closest('select'); return (s || el).checkVisibility({ visibilityProperty: true }) || !!el.closest('.visually-hidden,.sr-only'); };
          const out = [];
          // The title repeats the page's heading: a name the page marks as of the other language is a name in the title too.
          const marked = [...document.body.querySelectorAll('[lang]')].filter(e => other(e)).map(e => e.textContent.trim()).filter(Boolean)
            .sort((x, y) => y.length - x.length);
          let title = document.title;
          for (const m of marked) title = title.split(m).join(' ');
          if (title.trim()) out.push(['title', title]);
          document.querySelectorAll('details').forEach(d => d.open = true);
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const el = n.parentElement, text = n.nodeValue.trim();
            if (!text || !el || el.closest(skip) || other(el) || !shown(el)) continue;
            const where = el.closest('th,caption,label,button,option,legend,a,h1,h2,h3,h4');
            out.push([where ? where.tagName.toLowerCase() : el.tagName.toLowerCase(), text]);
          }
          for (const el of document.body.querySelectorAll('[aria-label],[title],[placeholder],[alt],input[type=submit],input[type=button],input[type=reset]')) {
            if (el.closest(skip) || other(el)) continue;
            for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'value']) {
              if (a === 'value' && !el.matches('input[type=submit],input[type=button],input[type=reset]')) continue;
              const v = (el.getAttribute(a) || '').trim();
              if (v) out.push([el.tagName.toLowerCase() + '[' + a + ']', v]);
            }
          }
          return out;
        }
        """;

    /// <summary>
    /// The words of the other script on the page as it stands (see <see cref="OneLanguage"/>), each with where it stands
    /// and a little of its text around it: <c>th: “MinMax” in “方法 MinMax”</c>.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ForeignTextAsync(IPage page, string language)
    {
        var pieces = await page.EvaluateAsync<JsonElement>(TextScript);
        return pieces.EnumerateArray()
            .SelectMany(p => OneLanguage.Offences(p[1].GetString()!, language).Select(o => $"{p[0].GetString()}: {o}"))
            .Distinct()
            .Select(o => (OneLanguage.IsEnglish(language) ? "Chinese in English mode, " : "English in Chinese mode, ") + o)
            .ToList();
    }

    /// <summary>
    /// Opens <paramref name="path"/> in <paramref name="page"/> (a phone-sized page) and returns what is wrong with it: the answer,
    /// the document's language, anything wider than the screen, charts without a table, then — with the collapsed menu
    /// opened — axe-core's serious and critical violations, and last the words of the other language.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(IPage page, string path, int status, string language, string? endsAt = null)
    {
        var response = await page.GotoAsync(path);
        if (response is null || response.Status != status) return [$"answered {response?.Status} (expected {status})"];
        if (status == 200 && new Uri(page.Url).AbsolutePath != (endsAt ?? path.Split('?')[0])) return [$"ended at {page.Url}"];
        var problems = new List<string>();
        var lang = await page.EvaluateAsync<string>("() => document.documentElement.lang");
        if (lang != language) problems.Add($"<html lang=\"{lang}\">, expected {language}");
        var overflowing = await page.EvaluateAsync<JsonElement>(OverflowScript);
        if (overflowing.GetArrayLength() > 0) problems.Add("wider than 390 px: " + string.Join(", ", overflowing.EnumerateArray().Select(e => e.GetString())));
        problems.AddRange((await page.EvaluateAsync<JsonElement>(ChartScript)).EnumerateArray().Select(e => e.GetString()!));
        await page.EvaluateAsync("() => document.querySelectorAll('details.menu').forEach(d => d.open = true)");
        problems.AddRange(await SeriousViolationsAsync(page));
        problems.AddRange(await ForeignTextAsync(page, language));
        return problems;
    }

    /// <summary>
    /// Loads <paramref name="path"/> in a 390 px wide viewport and returns the elements that stick out to the right of it
    /// (the document scrolls sideways); tables may scroll inside their own container.
    /// </summary>
    public static async Task<IReadOnlyList<string>> OverflowAt390Async(IBrowser browser, Uri baseUrl, string path)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 1,
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        var json = await page.EvaluateAsync<JsonElement>(OverflowScript);
        return json.EnumerateArray().Select(e => e.GetString()!).ToList();
    }
}
