using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gaoxin.Core.Enterprises;
using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Gaoxin.E2E;

/// <summary>Who looks at a page: a visitor, or an account of one of the four roles.</summary>
[Flags]
public enum Viewer
{
    Anonymous = 1,
    Enterprise = 2,
    ZoneOperator = 4,
    Office = 8,
    Expert = 16,
    Staff = ZoneOperator | Office,
    Public = Anonymous | Office,
    SignedIn = Enterprise | ZoneOperator | Office | Expert,
}

/// <summary>
/// Every page of the site, in Chinese and in English, as each role sees it (a visitor, the provincial office, a zone operator,
/// an enterprise, an expert), on a 390 × 844 phone: the page answers, its <c>lang</c> is the chosen language, nothing is wider
/// than the screen (tables scroll inside their container), every chart names the table that states its figures, and axe-core
/// finds no serious or critical accessibility violation (with the collapsed menu opened, so the navigation is checked too).
/// The list of pages is checked against the server's page routes: a page added later without a row here fails.
/// One server with the demo data and a published evaluation; one browser context per role and language, reused page after page.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class AllPagesTests(BrowserFixture browser, AllPagesTests.Site site, ITestOutputHelper output) : IClassFixture<AllPagesTests.Site>
{
    private const string Password = "correct-horse-battery";

    /// <summary>One page to check: its route (as the server declares it), the address to open, and who sees it.</summary>
    public sealed record PageRow(string Route, Func<Site, string> Path, Viewer Viewers, int Status = 200, string? EndsAt = null);

    private static PageRow P(string route, string path, Viewer viewers, int status = 200) => new(route, _ => path, viewers, status);

    /// <summary>
    /// Every page. Public pages are checked as a visitor and as the office (who sees the most controls); pages that show a role
    /// something of its own (the home page's header, the data-entry form, the inbox) as that role too.
    /// </summary>
    public static readonly PageRow[] Pages =
    [
        // The portal and public sections.
        P("/", "/", Viewer.Anonymous | Viewer.SignedIn),
        P("/zones", "/zones", Viewer.Public),
        P("/zones/{code}", "/zones/shenyang", Viewer.Public | Viewer.ZoneOperator),
        P("/zones/compare", "/zones/compare?codes=shenyang,dalian,benxi", Viewer.Public),
        P("/plans/{id?}", "/plans", Viewer.Public),
        P("/investment", "/investment", Viewer.Public),
        new("/investment/{id:int}", s => s.Investment, Viewer.Public),
        P("/site-selection", "/site-selection?industry=%E7%94%9F%E7%89%A9%E5%8C%BB%E8%8D%AF&needs=talent,finance", Viewer.Public),
        P("/policies", "/policies", Viewer.Public),
        new("/policies/{id}", s => s.Policy, Viewer.Public),
        P("/news", "/news", Viewer.Public),
        new("/news/{id:long}", s => s.News, Viewer.Public),
        P("/search", "/search?q=%E7%94%9F%E7%89%A9%E5%8C%BB%E8%8D%AF", Viewer.Public),
        P("/open-data", "/open-data", Viewer.Public),
        P("/market", "/market", Viewer.Public),
        P("/market/{side:regex(^(demands|achievements)$)}", "/market/demands", Viewer.Public),
        P("/market/{side:regex(^(demands|achievements)$)}", "/market/achievements", Viewer.Public),
        new("/market/{side:regex(^(demands|achievements)$)}/{id:int}", s => s.Demand, Viewer.Public),
        new("/market/{side:regex(^(demands|achievements)$)}/{id:int}", s => s.Achievement, Viewer.Public),
        P("/market/institutions", "/market/institutions", Viewer.Public),
        P("/market/report", "/market/report?year=2019", Viewer.Public),
        P("/registries", "/registries", Viewer.Public),
        P("/registries/clusters", "/registries/clusters", Viewer.Public),
        P("/registries/{type}", "/registries/cluster", Viewer.Public),
        new("/registries/items/{id}", s => s.RegistryItem, Viewer.Public),
        P("/enterprises/self-assessment", "/enterprises/self-assessment", Viewer.Public),
        P("/enterprises/tech-sme", "/enterprises/tech-sme", Viewer.Public),

        // Monitoring and evaluation.
        P("/monitoring", "/monitoring?year=2019", Viewer.Public),
        P("/monitoring/report/{year:int}", "/monitoring/report/2019", Viewer.Public),
        P("/monitoring/targets/{id}", "/monitoring/targets/rd_intensity", Viewer.Public),
        P("/monitoring/zones/{code}", "/monitoring/zones/shenyang", Viewer.Public),
        P("/monitoring/tasks", "/monitoring/tasks", Viewer.Public),
        P("/monitoring/targets/{id}/decompose", "/monitoring/targets/rd_intensity/decompose", Viewer.Office),
        P("/monitoring/reports/{year:int}", "/monitoring/reports/2019", Viewer.Office),
        P("/monitoring/reports/self-assessments/{year:int}", "/monitoring/reports/self-assessments/2019", Viewer.Office),
        P("/evaluation", "/evaluation", Viewer.Public),
        P("/evaluation/models", "/evaluation/models", Viewer.Public),
        P("/evaluation/{year:int}/{zone}", "/evaluation/2019/shenyang", Viewer.Public),
        P("/evaluation/{year:int}/bulletin", "/evaluation/2019/bulletin", Viewer.Public),

        // Data collection: the public's approved figures, the zone operator's entry form, the office's review.
        P("/data", "/data", Viewer.Public | Viewer.ZoneOperator),
        P("/zones/{code}/data/{year:int}", "/zones/shenyang/data/2019", Viewer.Public),
        P("/zones/{code}/data/{year:int}", "/zones/shenyang/data/2021", Viewer.ZoneOperator),
        P("/zones/{code}/data/{year:int}", "/zones/shenyang/data/2020", Viewer.Office),
        P("/zones/{code}/data/{year:int}", "/zones/shenyang/data/2020?confirm=return", Viewer.Office),
        P("/zones/report/{year:int}", "/zones/report/2019?zone=shenyang", Viewer.Staff),
        P("/zones/{code}/contact", "/zones/shenyang/contact", Viewer.Office),

        // Enterprises.
        P("/enterprises", "/enterprises", Viewer.Staff),
        new("/enterprises/{creditCode}", s => "/enterprises/" + s.CreditCode, Viewer.Office),
        P("/enterprises/gazelles", "/enterprises/gazelles?year=2024", Viewer.Staff),
        P("/enterprises/pool", "/enterprises/pool", Viewer.Staff),

        // Managing the portal's content and the technology market.
        P("/investment/manage", "/investment/manage", Viewer.Staff),
        P("/policies/manage", "/policies/manage", Viewer.Staff),
        new("/policies/manage/{id}", s => s.Policy.Replace("/policies/", "/policies/manage/", StringComparison.Ordinal), Viewer.Office),
        P("/news/manage", "/news/manage", Viewer.Staff),
        new("/news/manage/{id:long}", s => s.News.Replace("/news/", "/news/manage/", StringComparison.Ordinal), Viewer.Office),
        P("/market/manage", "/market/manage", Viewer.Enterprise | Viewer.Staff),
        new("/market/manage/{side:regex(^(demands|achievements)$)}/{id:int}", s => s.Demand.Replace("/market/", "/market/manage/", StringComparison.Ordinal), Viewer.Office),
        P("/market/deals", "/market/deals", Viewer.Staff),

        // Rectification, applications and expert review, notifications.
        P("/cases", "/cases?year=2019", Viewer.Staff),
        new("/cases/{id:long}", s => s.Case, Viewer.Office),
        P("/applications", "/applications", Viewer.Enterprise | Viewer.Staff),
        new("/applications/{id:long}", s => s.Application, Viewer.Office),
        P("/applications/panels", "/applications/panels", Viewer.Office),
        P("/experts", "/experts", Viewer.Expert),
        P("/notifications", "/notifications", Viewer.SignedIn),
        P("/calendar", "/calendar", Viewer.Staff),

        // Accounts.
        P("/account/login", "/account/login", Viewer.Anonymous),
        new("/account/logout", _ => "/account/logout", Viewer.Anonymous, EndsAt: "/"), // a visitor is sent home
        P("/account/denied", "/account/denied", Viewer.Enterprise, 403),
        P("/error/{status:int}", "/error/404", Viewer.Anonymous | Viewer.Office, 404),
        P("/account/password", "/account/password", Viewer.SignedIn),
        P("/account/tokens", "/account/tokens", Viewer.SignedIn),
        P("/admin/users", "/admin/users", Viewer.Office),
        P("/admin/audit", "/admin/audit", Viewer.Office),

        // A big import's progress, as the office that started it sees it.
        new("/imports/{id}", s => s.ImportJob, Viewer.Office),
    ];

    public static TheoryData<Viewer, string> ViewersAndLanguages()
    {
        var data = new TheoryData<Viewer, string>();
        foreach (var viewer in new[] { Viewer.Anonymous, Viewer.Office, Viewer.ZoneOperator, Viewer.Enterprise, Viewer.Expert })
            foreach (var language in new[] { "zh-CN", "en" })
                data.Add(viewer, language);
        return data;
    }

    [Fact]
    public void Every_page_route_of_the_server_is_in_the_list_of_checked_pages()
    {
        var routes = site.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").Trim('/'))
            .ToHashSet(StringComparer.Ordinal);
        var listed = Pages.Select(p => p.Route).ToHashSet(StringComparer.Ordinal);
        Assert.True(routes.Count > 50, $"only {routes.Count} page routes found");
        Assert.True(routes.Except(listed).ToList() is { Count: 0 } missing, "Pages not checked for accessibility and phones (add a row to AllPagesTests.Pages):\n" + string.Join("\n", routes.Except(listed).Order()));
        Assert.True(listed.Except(routes).ToList() is { Count: 0 }, "Rows for pages the server does not have:\n" + string.Join("\n", listed.Except(routes).Order()));
    }

    [Fact]
    public async Task Without_script_the_menu_opens_and_closes_on_a_phone_and_stays_open_on_a_wide_screen()
    {
        foreach (var (width, phone) in new[] { (390, true), (1280, false) })
        {
            await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                JavaScriptEnabled = false,
                Locale = "zh-CN",
                BaseURL = site.Server.Address.ToString(),
                ViewportSize = new ViewportSize { Width = width, Height = 844 },
            });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/zones");
            var button = page.Locator("#menu-button");
            var zones = page.Locator("#site-nav a[href='/zones']");
            if (phone)
            {
                await Assertions.Expect(zones).Not.ToBeVisibleAsync();
                await button.ClickAsync();
                await Assertions.Expect(zones).ToBeVisibleAsync();
                await button.ClickAsync();
                await Assertions.Expect(zones).Not.ToBeVisibleAsync();
            }
            else
            {
                await Assertions.Expect(button).Not.ToBeVisibleAsync();
                await Assertions.Expect(zones).ToBeVisibleAsync();
                await zones.ClickAsync();
                await Assertions.Expect(page).ToHaveURLAsync(new Regex("/zones$"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(ViewersAndLanguages))]
    public async Task Every_page_is_accessible_and_fits_a_390_pixel_phone(Viewer viewer, string language)
    {
        var clock = Stopwatch.StartNew();
        var rows = Pages.Where(p => p.Viewers.HasFlag(viewer)).ToList();
        var page = await site.PageAsync(browser, viewer, language);
        var failures = new List<string>();
        foreach (var row in rows)
        {
            var path = row.Path(site);
            var started = clock.Elapsed;
            IReadOnlyList<string> problems;
            try { problems = await PageChecks.CheckAsync(page, path, row.Status, language, row.EndsAt); }
            catch (Exception e) when (e is TimeoutException or PlaywrightException)
            {
                problems = [$"did not load: {e.Message.Split('\n')[0]}"];
                await page.GotoAsync("about:blank"); // the unfinished load must not run into the next page
            }
            failures.AddRange(problems.Select(p => $"{path}: {p}"));
            if (clock.Elapsed - started is { TotalSeconds: > 3 } slow) output.WriteLine($"  {path}: {slow.TotalSeconds:0.0} s");
        }
        // The home page on a wide screen too, where the navigation stands open in the header.
        await page.SetViewportSizeAsync(1280, 900);
        try { failures.AddRange((await PageChecks.CheckAsync(page, "/", 200, language)).Select(p => $"/ at 1280 px: {p}")); }
        finally { await page.SetViewportSizeAsync(390, 844); }
        output.WriteLine($"{viewer} {language}: {rows.Count} pages in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.Count == 0, $"{viewer}, {language}:\n" + string.Join("\n", failures));
    }

    /// <summary>
    /// The demo data, the four roles' accounts, a published 2019 evaluation (with its rectification cases), enterprises' returns,
    /// an application with an expert panel; one server, and one browser context per role and language made on first use.
    /// </summary>
    public sealed class Site : IAsyncLifetime
    {
        private readonly SqliteTestStore _store = new();
        private readonly Dictionary<(Viewer, string), IPage> _pages = [];

        public RunningServer Server { get; private set; } = null!;
        public string Investment { get; private set; } = "";
        public string Policy { get; private set; } = "";
        public string News { get; private set; } = "";
        public string Demand { get; private set; } = "";
        public string Achievement { get; private set; } = "";
        public string RegistryItem { get; private set; } = "";
        public string Case { get; private set; } = "";
        public string Application { get; private set; } = "";
        public string ImportJob { get; private set; } = "";
        public string CreditCode { get; } = Code("91210100MA0000001");

        public static readonly Dictionary<Viewer, string> Emails = new()
        {
            [Viewer.Office] = "office@example.org",
            [Viewer.ZoneOperator] = "shenyang@example.org",
            [Viewer.Enterprise] = "firm@example.org",
            [Viewer.Expert] = "expert@example.org",
        };

        private static string Code(string first17) => first17 + Gaoxin.Core.Enterprises.CreditCode.CheckCharacter(first17);

        public async Task InitializeAsync()
        {
            var store = (ITestStore)_store;
            Assert.Equal(0, (await CliRun.RunAsync("demo", "seed", "--db", store.DbArgument)).ExitCode);
            foreach (var (email, role, zone) in new[] { (Emails[Viewer.Office], "admin", (string?)null), (Emails[Viewer.ZoneOperator], "zone_operator", "shenyang"),
                         (Emails[Viewer.Enterprise], "enterprise", null), (Emails[Viewer.Expert], "expert", null) })
            {
                var result = await CliRun.RunAsync(["users", "add", "--email", email, "--role", role, "--password", Password, .. zone is null ? Array.Empty<string>() : ["--zone", zone], "--db", store.DbArgument]);
                Assert.True(result.ExitCode == 0, result.Error);
            }
            Server = await RunningServer.StartAsync(store.Location);
            using var office = await Server.TokenClientAsync(store, Emails[Viewer.Office]);

            // A published evaluation: the ranking, the bulletin, explanations and the rectification cases it opens.
            var run = await office.PostAsJsonAsync("/api/evaluations", new { year = 2019 });
            Assert.True(run.IsSuccessStatusCode, await run.Content.ReadAsStringAsync());
            var runId = (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            Assert.True((await office.PostAsync($"/api/evaluations/runs/{runId}/publish", null)).IsSuccessStatusCode);

            // Two enterprises' returns in Shenyang, one of them a gazelle.
            var steady = Code("91210100MA0000002");
            var returns = new StringBuilder("credit_code,name,zone,year,registered_on,industry,is_hte,revenue,employees,st_employees,rd_expense,st_expense,high_tech_revenue,net_assets,exports,vc_received,valuation_usd_m,listed\n");
            foreach (var (year, revenue) in new[] { (2022, "20000"), (2023, "38000"), (2024, "60000") })
            {
                returns.Append($"{CreditCode},沈阳瞪羚科技有限公司,shenyang,{year},2021-03-15,软件和信息技术服务业,1,{revenue},300,120,1800,1800,15000,9000,0,0,,0\n");
                returns.Append($"{steady},沈阳稳健机械有限公司,shenyang,{year},1998-06-01,通用设备制造业,0,30000,800,60,300,300,0,20000,500,0,,0\n");
            }
            using (var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(returns.ToString())), "file", "returns.csv" } })
            {
                var imported = await office.PostAsync("/api/enterprises/import", form);
                Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
            }
            // The same file again as a background import job, for its progress page.
            using (var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(returns.ToString())), "file", "returns.csv" } })
            {
                var started = await office.PostAsync("/api/imports/enterprise-returns", form);
                Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
                ImportJob = "/imports/" + (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetRawText().Trim('"');
            }

            // A correction of Shenyang's 2020 figures waiting for the office's review (the reviewer's page): every figure as
            // approved and commented, GDP corrected by 1%.
            var approved2020 = (await office.GetFromJsonAsync<JsonElement>("/api/zones/shenyang/data/2020")).GetProperty("approved").EnumerateObject()
                .ToDictionary(v => v.Name, v => (decimal?)v.Value.GetDecimal());
            approved2020["gdp"] = Math.Round(approved2020["gdp"]!.Value * 1.01m, 2);
            var correction = await office.PutAsJsonAsync("/api/zones/shenyang/data/2020",
                new { values = approved2020, comments = approved2020.Keys.ToDictionary(k => k, _ => (string?)"已与统计局核对") });
            Assert.True(correction.IsSuccessStatusCode, await correction.Content.ReadAsStringAsync());
            var submitted = await office.PostAsync("/api/zones/shenyang/data/2020/submit", null);
            Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());

            // An application for a new zone and an expert panel.
            var application = await office.PostAsJsonAsync("/api/applications", new { kind = "new_provincial", zone = "pagecheck", year = 2019, applicant = "示例县人民政府", name = "示例高新区", nameEn = "Example zone", city = "大连市" });
            Assert.True(application.IsSuccessStatusCode, await application.Content.ReadAsStringAsync());
            Application = "/applications/" + (await application.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            var panel = await office.PostAsJsonAsync("/api/panels", new { item = "midterm_review", subject = "中期评估", zone = "dalian", year = 2019, members = new[] { Emails[Viewer.Expert] } });
            Assert.True(panel.IsSuccessStatusCode, await panel.Content.ReadAsStringAsync());

            // The first search builds the search index (many seconds on a busy machine): build it here, not inside a page's timeout.
            Assert.Contains("<main", await office.GetStringAsync("/search?q=%E7%94%9F%E7%89%A9%E5%8C%BB%E8%8D%AF"));

            // Detail pages: the first item each list links to.
            var cases = await office.GetFromJsonAsync<JsonElement>("/api/cases?year=2019");
            var firstCase = (cases.ValueKind == JsonValueKind.Array ? cases : cases.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value).EnumerateArray().First();
            Case = "/cases/" + firstCase.GetProperty("id").GetInt64();
            Investment = await FirstLinkAsync(office, "/investment", @"/investment/\d+");
            Policy = await FirstLinkAsync(office, "/policies", @"/policies/(?!manage)[^""?#/]+");
            News = await FirstLinkAsync(office, "/news", @"/news/\d+");
            Demand = await FirstLinkAsync(office, "/market/demands", @"/market/demands/\d+");
            Achievement = await FirstLinkAsync(office, "/market/achievements", @"/market/achievements/\d+");
            RegistryItem = await FirstLinkAsync(office, "/registries/cluster", @"/registries/items/[^""?#]+");
        }

        private static async Task<string> FirstLinkAsync(HttpClient client, string list, string pattern)
        {
            var html = await client.GetStringAsync(list);
            var match = Regex.Match(html, $"href=\"({pattern})\"");
            Assert.True(match.Success, $"{list} links to nothing like {pattern}");
            return match.Groups[1].Value;
        }

        /// <summary>The page of a role and language: a 390 × 844 phone, signed in, with the language cookie set.</summary>
        public async Task<IPage> PageAsync(BrowserFixture browser, Viewer viewer, string language)
        {
            if (_pages.TryGetValue((viewer, language), out var page)) return page;
            var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                Locale = language,
                BaseURL = Server.Address.ToString(),
                ViewportSize = new ViewportSize { Width = 390, Height = 844 },
                DeviceScaleFactor = 1,
                IsMobile = true,
                HasTouch = true,
            });
            context.SetDefaultTimeout(15_000);
            context.SetDefaultNavigationTimeout(30_000);
            await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = Uri.EscapeDataString($"c={language}|uic={language}"), Url = Server.Address.ToString() }]);
            page = await context.NewPageAsync();
            if (Emails.TryGetValue(viewer, out var email)) await BrowserFixture.SignInAsync(page, email, Password);
            _pages[(viewer, language)] = page;
            return page;
        }

        public async Task DisposeAsync()
        {
            foreach (var page in _pages.Values) await page.Context.CloseAsync();
            if (Server is not null) await Server.DisposeAsync();
            await _store.DisposeAsync();
        }
    }
}
