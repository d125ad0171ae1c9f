using Microsoft.Playwright;

namespace Gaoxin.E2E.Support;

/// <summary>
/// One Playwright driver and one headless Debian Chromium for the whole run. Never downloads a browser:
/// it launches <c>/usr/bin/chromium</c> (or <c>GAOXIN_CHROMIUM</c>), which <c>scripts/test.sh</c> installs with apt.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "GAOXIN_CHROMIUM";
    public const string ArtifactsVariable = "GAOXIN_ARTIFACTS";
    public const string DefaultChromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>$GAOXIN_ARTIFACTS/screenshots</c>, else <c>&lt;repo&gt;/artifacts/screenshots</c>.</summary>
    public string ScreenshotDirectory { get; } = Path.Combine(ArtifactsDirectory(), "screenshots");

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : DefaultChromium;

    public async Task InitializeAsync()
    {
        // The driver must not fetch browsers of its own, whatever happens.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var chromium = ChromiumPath;
        if (!File.Exists(chromium))
            throw new InvalidOperationException(
                $"Chromium not found at {chromium}: run scripts/test.sh (which installs Debian's chromium and fonts-noto-cjk) " +
                $"or set {ChromiumVariable} to a Chromium executable.");

        Directory.CreateDirectory(ScreenshotDirectory);
        // A shared 2-core CI machine can be slow: give auto-waiting assertions more than the default 5 s.
        Assertions.SetDefaultExpectTimeout(10_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 30_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
    }

    /// <summary>A fresh context (no cookies, Chinese locale) and a page in it, aimed at <paramref name="baseUrl"/>.</summary>
    public async Task<IPage> NewPageAsync(Uri baseUrl)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(10_000);
        context.SetDefaultNavigationTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the login page and waits until the header shows the account.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("input[name=Email]").FillAsync(email);
        await page.Locator("input[name=Password]").FillAsync(password);
        await page.Locator("#login button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync(email);
    }

    /// <summary>Saves a full-page PNG as <c>&lt;artifacts&gt;/screenshots/&lt;name&gt;.png</c> and returns its path.</summary>
    public async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotDirectory, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    private static string ArtifactsDirectory()
    {
        if (Environment.GetEnvironmentVariable(ArtifactsVariable) is { Length: > 0 } configured)
            return Path.GetFullPath(configured);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gaoxin.slnx")))
                return Path.Combine(dir.FullName, "artifacts");
        }
        return Path.Combine(AppContext.BaseDirectory, "artifacts");
    }
}
