using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gaoxin.Data;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>
/// The policy library and the news centre through the real server: the publishing workflow as the office and a zone operator
/// take it (a zone operator writes only their own zone's items, and a refused step changes nothing), what the public may see
/// (never an unpublished, scheduled, expired or withdrawn item, on a page or in the API), news bodies cleaned of scripts when
/// saved, images checked by their bytes, and the policies that apply shown after a self-assessment.
/// </summary>
public abstract class PortalContentSpec(ITestStore store) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private RunningServer _server = null!;
    private HttpClient _office = null!;
    private HttpClient _shenyang = null!;
    private HttpClient Anonymous => _server.Client;

    public async Task InitializeAsync()
    {
        foreach (var (email, role, zone) in new[] { ("office@example.org", "admin", (string?)null), ("sy@example.org", "zone_operator", "shenyang") })
            Assert.Equal(0, (await CliRun.RunAsync(["users", "add", "--email", email, "--role", role, "--password", Password,
                .. zone is null ? Array.Empty<string>() : ["--zone", zone], "--db", store.DbArgument])).ExitCode);
        _server = await RunningServer.StartAsync(store.Location);
        _office = await _server.TokenClientAsync(store, "office@example.org");
        _shenyang = await _server.TokenClientAsync(store, "sy@example.org");
    }

    public async Task DisposeAsync()
    {
        _office.Dispose();
        _shenyang.Dispose();
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static async Task<string> CreatedIdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id");
        return id.ValueKind == JsonValueKind.Number ? id.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : id.GetString()!;
    }

    private static async Task<string> CodeOfAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    private Task<HttpResponseMessage> PolicyAsync(HttpClient client, string title, string[]? zones = null, string[]? types = null, string? until = null) =>
        client.PostAsJsonAsync("/api/policies", new { title, zones = zones ?? [], targetTypes = types ?? [], level = zones is { Length: 1 } ? "zone" : "provincial", inForceUntil = until });

    private async Task<(string State, string Title, DateTimeOffset Updated, int Audit)> PolicyRowAsync(string id)
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var p = await db.Policies.AsNoTracking().FirstAsync(x => x.Id == id);
        return (p.State.ToString(), p.Title, p.UpdatedAt, await db.Audit.CountAsync(a => a.ElementCode == id));
    }

    private async Task<bool> ListedAsync(string api, string page, string id)
    {
        var list = await Anonymous.GetFromJsonAsync<JsonElement>(api);
        var inApi = list.EnumerateArray().Any(e => e.GetProperty("id").ToString() == id);
        var html = await Anonymous.GetStringAsync(page);
        return inApi || html.Contains($"data-id=\"{id}\"", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zone_operator_writes_only_their_zone_and_the_office_reviews_publishes_returns_and_withdraws()
    {
        // The operator of Shenyang writes a Shenyang policy and sends it for review; publishing is the office's.
        var id = await CreatedIdAsync(await PolicyAsync(_shenyang, "沈阳高新区测试政策", ["shenyang"], ["hte"]));
        Assert.Equal(HttpStatusCode.NoContent, (await _shenyang.PostAsync($"/api/policies/{id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _shenyang.PostAsJsonAsync($"/api/policies/{id}/publish", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync($"/api/policies/{id}")).StatusCode);

        // The office returns it with a comment; the operator edits and sends it again; the office publishes it.
        Assert.Equal("comment_required", await CodeOfAsync(await _office.PostAsJsonAsync($"/api/policies/{id}/return", new { })));
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync($"/api/policies/{id}/return", new { comment = "请补充文号" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _shenyang.PutAsJsonAsync($"/api/policies/{id}", new { title = "沈阳高新区测试政策(修订)", zones = new[] { "shenyang" }, targetTypes = new[] { "hte" }, documentNumber = "沈高新发〔2019〕1号" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _shenyang.PostAsync($"/api/policies/{id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync($"/api/policies/{id}/publish", new { })).StatusCode);
        var shown = await Anonymous.GetFromJsonAsync<JsonElement>($"/api/policies/{id}");
        Assert.Equal("沈阳高新区测试政策(修订)", shown.GetProperty("title").GetString());
        Assert.Equal("沈高新发〔2019〕1号", shown.GetProperty("documentNumber").GetString());
        Assert.Equal("in_force", shown.GetProperty("status").GetString());
        // A published policy is not edited in place.
        Assert.Equal("publication_published", await CodeOfAsync(await _shenyang.PutAsJsonAsync($"/api/policies/{id}", new { title = "改", zones = new[] { "shenyang" } })));

        // Another zone's policy and a province-wide one are out of the operator's reach: refused, and nothing changes.
        Assert.Equal("forbidden", await CodeOfAsync(await PolicyAsync(_shenyang, "大连政策", ["dalian"])));
        Assert.Equal("forbidden", await CodeOfAsync(await PolicyAsync(_shenyang, "全省政策")));
        var dalian = await CreatedIdAsync(await PolicyAsync(_office, "大连高新区测试政策", ["dalian"]));
        var before = await PolicyRowAsync(dalian);
        Assert.Equal(HttpStatusCode.NotFound, (await _shenyang.PutAsJsonAsync($"/api/policies/{dalian}", new { title = "改名", zones = new[] { "shenyang" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _shenyang.PostAsync($"/api/policies/{dalian}/submit", null)).StatusCode);
        Assert.Equal(before, await PolicyRowAsync(dalian));
        // Nor may the operator move their own draft to another zone.
        var own = await CreatedIdAsync(await PolicyAsync(_shenyang, "沈阳草稿", ["shenyang"]));
        Assert.Equal("forbidden", await CodeOfAsync(await _shenyang.PutAsJsonAsync($"/api/policies/{own}", new { title = "沈阳草稿", zones = new[] { "dalian" } })));
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
            Assert.Equal("shenyang", (await db.Policies.AsNoTracking().FirstAsync(p => p.Id == own)).Zones);

        // Withdrawn: off the portal; editing it makes it a draft again.
        Assert.Equal(HttpStatusCode.Forbidden, (await _shenyang.PostAsync($"/api/policies/{id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsync($"/api/policies/{id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync($"/api/policies/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync($"/policies/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _shenyang.PutAsJsonAsync($"/api/policies/{id}", new { title = "沈阳高新区测试政策", zones = new[] { "shenyang" } })).StatusCode);
        Assert.Equal("Draft", (await PolicyRowAsync(id)).State);

        // The same workflow for news: the operator's own zone only; the office publishes.
        var news = await CreatedIdAsync(await _shenyang.PostAsJsonAsync("/api/news", new { title = "沈阳新闻", zone = "shenyang", bodyHtml = "<p>正文</p>" }));
        Assert.Equal("forbidden", await CodeOfAsync(await _shenyang.PostAsJsonAsync("/api/news", new { title = "大连新闻", zone = "dalian" })));
        Assert.Equal("forbidden", await CodeOfAsync(await _shenyang.PostAsJsonAsync("/api/news", new { title = "全省新闻" })));
        Assert.Equal(HttpStatusCode.NoContent, (await _shenyang.PostAsync($"/api/news/{news}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _shenyang.PostAsJsonAsync($"/api/news/{news}/publish", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync($"/api/news/{news}/publish", new { })).StatusCode);
        Assert.Equal("沈阳新闻", (await Anonymous.GetFromJsonAsync<JsonElement>($"/api/news/{news}")).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Nothing_unpublished_scheduled_expired_or_withdrawn_appears_on_a_public_page_or_in_the_api()
    {
        var soon = DateTimeOffset.UtcNow.AddDays(30);
        async Task<string> PublishedPolicy(string title, string? until = null, DateTimeOffset? releaseAt = null)
        {
            var id = await CreatedIdAsync(await PolicyAsync(_office, title, types: ["any"], until: until));
            Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsync($"/api/policies/{id}/submit", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync($"/api/policies/{id}/publish", new { releaseAt })).StatusCode);
            return id;
        }
        var visible = await PublishedPolicy("公开政策");
        var draft = await CreatedIdAsync(await PolicyAsync(_office, "草稿政策"));
        var inReview = await CreatedIdAsync(await PolicyAsync(_office, "待审政策"));
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsync($"/api/policies/{inReview}/submit", null)).StatusCode);
        var scheduled = await PublishedPolicy("定时政策", releaseAt: soon);
        // In force until the day before yesterday (China time): expired, off the portal without anyone acting.
        var expired = await PublishedPolicy("失效政策", until: Today.AddDays(-2).ToString("yyyy-MM-dd"));
        var withdrawn = await PublishedPolicy("撤回政策");
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsync($"/api/policies/{withdrawn}/withdraw", null)).StatusCode);

        Assert.True(await ListedAsync("/api/policies", "/policies", visible));
        Assert.Equal(HttpStatusCode.OK, (await Anonymous.GetAsync($"/policies/{visible}")).StatusCode);
        foreach (var hidden in new[] { draft, inReview, scheduled, expired, withdrawn })
        {
            Assert.False(await ListedAsync("/api/policies", "/policies", hidden), hidden);
            Assert.False(await ListedAsync("/api/policies?type=hte", "/policies?type=hte", hidden), hidden);
            Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync($"/api/policies/{hidden}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync($"/policies/{hidden}")).StatusCode);
        }

        async Task<string> PublishedNews(string title, DateTimeOffset? expiresAt = null, DateTimeOffset? releaseAt = null)
        {
            var id = await CreatedIdAsync(await _office.PostAsJsonAsync("/api/news", new { title, bodyHtml = "<p>x</p>", expiresAt }));
            Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsync($"/api/news/{id}/submit", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync($"/api/news/{id}/publish", new { releaseAt })).StatusCode);
            return id;
        }
        var shownNews = await PublishedNews("公开新闻", releaseAt: DateTimeOffset.UtcNow.AddMinutes(-5));
        var draftNews = await CreatedIdAsync(await _office.PostAsJsonAsync("/api/news", new { title = "草稿新闻" }));
        var scheduledNews = await PublishedNews("定时新闻", releaseAt: soon);
        var expiredNews = await PublishedNews("过期新闻", expiresAt: DateTimeOffset.UtcNow.AddMinutes(-1));
        var withdrawnNews = await PublishedNews("撤回新闻");
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsync($"/api/news/{withdrawnNews}/withdraw", null)).StatusCode);

        Assert.True(await ListedAsync("/api/news", "/news", shownNews));
        Assert.Equal(HttpStatusCode.OK, (await Anonymous.GetAsync($"/news/{shownNews}")).StatusCode);
        foreach (var hidden in new[] { draftNews, scheduledNews, expiredNews, withdrawnNews })
        {
            Assert.False(await ListedAsync("/api/news", "/news", hidden), hidden);
            Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync($"/api/news/{hidden}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync($"/news/{hidden}")).StatusCode);
        }
        var page = await Anonymous.GetStringAsync("/news");
        foreach (var title in new[] { "草稿新闻", "定时新闻", "过期新闻", "撤回新闻" }) Assert.DoesNotContain(title, page);
    }

    [Fact]
    public async Task A_news_body_is_stored_and_shown_without_scripts_handlers_or_javascript_links_and_images_are_checked_by_their_bytes()
    {
        const string body = "<p>高新区动态<script>alert(1)</script></p><img src=x onerror=alert(2)><a href=\"javascript:alert(3)\">点击</a><a href=\"https://example.org/\">链接</a>";
        var id = await CreatedIdAsync(await _office.PostAsJsonAsync("/api/news", new { title = "含脚本的新闻", bodyHtml = body }));
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            var stored = (await db.News.AsNoTracking().FirstAsync(n => n.Id == long.Parse(id))).BodyHtml;
            Assert.DoesNotContain("<script", stored, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("alert", stored, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("onerror", stored, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("javascript:", stored, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("<p>高新区动态</p>", stored);
            Assert.Contains("<a href=\"https://example.org/\">链接</a>", stored);
        }

        // An HTML file that calls itself a PNG is refused by its bytes, with a problem naming why.
        using (var fake = new MultipartFormDataContent { { new ByteArrayContent("<html><script>alert(1)</script></html>"u8.ToArray()) { Headers = { ContentType = new("image/png") } }, "file", "photo.png" } })
        {
            var refused = await _office.PostAsync($"/api/news/{id}/images", fake);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
            Assert.Equal("image_type_not_allowed", await CodeOfAsync(refused));
        }
        using (var big = new MultipartFormDataContent { { new ByteArrayContent(Png.Concat(new byte[2 * 1024 * 1024]).ToArray()), "file", "big.png" } })
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await _office.PostAsync($"/api/news/{id}/images", big)).StatusCode);
        string imageUrl;
        using (var png = new MultipartFormDataContent { { new ByteArrayContent(Png), "file", "dot.png" } })
        {
            var added = await _office.PostAsync($"/api/news/{id}/images", png);
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            imageUrl = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        }
        // Not public before the item is.
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync(imageUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsync($"/api/news/{id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync($"/api/news/{id}/publish", new { })).StatusCode);
        var image = await Anonymous.GetAsync(imageUrl);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());

        var html = await Anonymous.GetStringAsync($"/news/{id}");
        var article = html[html.IndexOf("id=\"news-body\"", StringComparison.Ordinal)..];
        Assert.Contains("高新区动态", article);
        Assert.DoesNotContain("alert(", html);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        var api = await Anonymous.GetFromJsonAsync<JsonElement>($"/api/news/{id}");
        Assert.DoesNotContain("script", api.GetProperty("bodyHtml").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A valid 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task The_bundled_policies_are_public_once_and_a_high_tech_enterprise_in_shenyang_is_shown_the_ones_that_apply()
    {
        // Seeded at first start as published, not again at the next start.
        var policies = await Anonymous.GetFromJsonAsync<JsonElement>("/api/policies");
        Assert.Contains(policies.EnumerateArray(), p => p.GetProperty("id").GetString() == "inclusive.hte-income-tax");
        var hte = await Anonymous.GetFromJsonAsync<JsonElement>("/api/policies/inclusive.hte-income-tax");
        Assert.Equal("高新技术企业所得税减免", hte.GetProperty("title").GetString());
        Assert.Contains("高新技术企业所得税减免", hte.GetProperty("source").GetProperty("quote").GetString());
        Assert.Equal(JsonValueKind.Null, hte.GetProperty("documentNumber").ValueKind);
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            var count = await db.Policies.CountAsync();
            await GaoxinDatabase.InitializeAsync(db, GaoxinDatabase.BundleDirectory, TimeProvider.System);
            Assert.Equal(count, await db.Policies.CountAsync());
            Assert.Equal(15, await db.Policies.CountAsync(p => p.IsBundled));
        }

        // /policies?type=hte&zone=shenyang: the high-tech tax relief and the province-wide inclusive policies; not Yingkou's own.
        var filtered = await Anonymous.GetStringAsync("/policies?type=hte&zone=shenyang");
        Assert.Contains("data-id=\"inclusive.hte-income-tax\"", filtered);
        Assert.Contains("data-id=\"inclusive.rd-expense-super-deduction\"", filtered);
        Assert.DoesNotContain("data-id=\"yingkou.investment-incentives\"", filtered);

        // The self-assessment: every condition holds (20% S&T staff, score 74–88), the enterprise says it is in Shenyang.
        using var session = new PageSession(_server.Address);
        var response = await session.PostFormAsync("/enterprises/self-assessment", "/enterprises/self-assessment",
        [
            new("Zone", "shenyang"),
            new("Form.RegisteredOn", "2018-03-01"), new("Form.AssessedOn", "2021-06-30"), new("Form.Domain", "electronic_information"),
            new("Form.IpClass1", "1"), new("Form.IpClass2", "6"), new("Form.IpSelfDeveloped", "7"),
            new("Form.Employees", "1000"), new("Form.StEmployees", "200"),
            new("Form.SalesRevenue[0]", "4000"), new("Form.SalesRevenue[1]", "5000"), new("Form.SalesRevenue[2]", "6000"),
            new("Form.RdExpense[0]", "200"), new("Form.RdExpense[1]", "250"), new("Form.RdExpense[2]", "300"),
            new("Form.NetAssets[0]", "1000"), new("Form.NetAssets[1]", "1200"), new("Form.NetAssets[2]", "1500"),
            new("Form.RdExpenseDomestic", "600"), new("Form.HighTechRevenue", "4800"), new("Form.TotalRevenue", "6000"),
            new("Form.TechAdvancement", "A"), new("Form.CoreSupport", "A"), new("Form.IpAcquisition", ""), new("Form.Standards", "true"),
            new("Form.Conversions", "15"), new("Form.RdSystem", "5"), new("Form.RdInstitution", "5"), new("Form.ConversionIncentives", "3"), new("Form.Talent", "3"),
        ]);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-eligible=\"yes\"", html);
        var section = html[html.IndexOf("id=\"applicable-policies\"", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains("<li data-id=\"inclusive.hte-income-tax\"><a href=\"/policies/inclusive.hte-income-tax\">高新技术企业所得税减免</a>", section);
        Assert.Contains("适用于高新技术企业;全省适用", section);
        Assert.Contains("data-id=\"inclusive.rd-expense-super-deduction\"", section);
        Assert.Contains("data-id=\"inclusive.st-results-rights-reform\"", section);
        // Yingkou's zone policy, and the documents that name no enterprise beneficiary, are not listed.
        Assert.DoesNotContain("yingkou.", section);
        Assert.DoesNotContain("liaoning.htz-upgrading-measures", section);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(section, "<li data-id=").Count);
        Assert.Contains("name=\"Zone\"", html);
    }
}

public sealed class PortalContentOnSqlite() : PortalContentSpec(new SqliteTestStore());

public sealed class PortalContentOnPostgres() : PortalContentSpec(new PostgresTestStore());
