using System.Text.Json;
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
        var json = await page.EvaluateAsync<JsonElement>("""
            () => {
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= width) return [];
              return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1)
                .filter(e => !e.closest('.scroll'))
                .slice(0, 5)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''));
            }
            """);
        return json.EnumerateArray().Select(e => e.GetString()!).ToList();
    }
}
