using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsCheck;
using Gaoxin.Data;
using Gaoxin.Data.Search;
using Gaoxin.Tests.Support;

namespace Gaoxin.Tests;

/// <summary>The rules of the search that need no store: folding, escaping, what is public when.</summary>
public sealed class SearchTextTests
{
    [Theory]
    // Traditional → simplified, one character for one.
    [InlineData("產業集群", "产业集群")]
    [InlineData("發展規劃與佈局", "发展规划与布局")]
    [InlineData("生物醫藥", "生物医药")]
    [InlineData("大連高新區", "大连高新区")]
    // Full-width Latin letters and digits → ASCII; full-width punctuation and the ideographic space stay (the analyzer breaks on them).
    [InlineData("ＩＣ裝備　２０２０（套）", "IC装备　2020（套）")]
    // Simplified text and English are left as they are.
    [InlineData("生物医药 software", "生物医药 software")]
    // Standard simplified characters the transform alone would fold are kept: 显著, 乾坤, 慰藉, 瞭望.
    [InlineData("成效显著 乾坤 慰藉 瞭望", "成效显著 乾坤 慰藉 瞭望")]
    [InlineData("", "")]
    public void Normalise_folds_traditional_and_full_width_forms(string text, string expected)
    {
        var folded = ChineseText.Normalise(text);

        Assert.Equal(expected, folded);
        Assert.Equal(text.Length, folded.Length);
    }

    [Theory]
    [InlineData("生物医药", "生物医药")]
    [InlineData("大连 software", "大连 software")]
    // Operators become words; special characters are escaped; words without a letter or digit are dropped.
    [InlineData("IC AND 装备", "ic and 装备")]
    [InlineData("a OR NOT b", "a or not b")]
    [InlineData("title:专利", "title\\:专利")]
    [InlineData("(unbalanced [bracket", "\\(unbalanced \\[bracket")]
    [InlineData("*", "")]
    [InlineData("a* b?", "a\\* b\\?")]
    [InlineData("+-!&&||", "")]
    // Paired quotes make a phrase; an unpaired one is dropped.
    [InlineData("\"生物 医药\" 本溪", "\"生物 医药\" 本溪")]
    [InlineData("\"未闭合 短语", "未闭合 短语")]
    [InlineData("\"\"", "")]
    [InlineData("產業", "产业")]
    public void Escape_leaves_only_words_and_phrases(string text, string expected) =>
        Assert.Equal(expected, SearchQueryText.Escape(text));

    [Fact]
    public void A_published_item_is_visible_from_its_release_until_its_expiry()
    {
        var release = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));
        var expiry = release.AddDays(30);
        var item = new SearchDocument("policy", "p1", "标题", "正文", null, null, "/policies/p1", release, expiry);

        Assert.False(item.IsVisibleAt(release.AddTicks(-1)));
        Assert.True(item.IsVisibleAt(release));
        Assert.True(item.IsVisibleAt(expiry.AddTicks(-1)));
        Assert.False(item.IsVisibleAt(expiry));
        Assert.True((item with { VisibleFrom = null, VisibleUntil = null }).IsVisibleAt(DateTimeOffset.MinValue.AddDays(1)));
    }

    [Fact]
    public void The_index_lives_beside_a_sqlite_file_and_in_a_folder_named_after_a_postgres_database()
    {
        var sqlite = DatabaseLocation.ForSqliteFile(Path.Combine("data", "gaoxin.db"));
        var postgres = DatabaseLocation.Parse("Host=db;Database=gaoxin_prod;Username=u");

        Assert.Equal(Path.GetFullPath(Path.Combine("data", "gaoxin.db.search")), SearchIndex.FolderFor(sqlite, null));
        Assert.Equal(Path.GetFullPath(Path.Combine("data", "search-gaoxin_prod")), SearchIndex.FolderFor(postgres, null));
        Assert.Equal(Path.GetFullPath("/srv/index"), SearchIndex.FolderFor(postgres, "/srv/index"));
    }

    [Fact]
    public async Task Release_and_expiry_are_applied_at_each_search_by_the_clock_without_any_write()
    {
        var now = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        var clock = new ManualClock(now);
        SearchDocument[] documents =
        [
            new("policy", "current", "科技成果转化奖励办法", "对科技成果转化给予奖励", null, new DateOnly(2026, 5, 1), "/policies/current"),
            new("policy", "scheduled", "科技成果转化专项资金", "科技成果转化专项资金下月起施行", null, new DateOnly(2026, 6, 2), "/policies/scheduled", VisibleFrom: now.AddHours(1)),
            new("policy", "expired", "科技成果转化旧办法", "已废止的科技成果转化办法", null, new DateOnly(2020, 1, 1), "/policies/expired", VisibleUntil: now),
            new("news", "limited", "科技成果转化对接会", "对接会报名至月底", null, new DateOnly(2026, 5, 20), "/news/limited", now.AddDays(-1), now.AddDays(2)),
        ];
        var folder = Directory.CreateTempSubdirectory("gaoxin-search-").FullName;
        try
        {
            using var index = new SearchIndex(Path.Combine(folder, "index"), [new SearchSource("policy", (_, _) => Task.FromResult<IReadOnlyList<SearchDocument>>(documents))], clock);
            async Task<string[]> Ids()
            {
                var found = await index.SearchAsync(null!, 1, new SearchQuery("科技成果转化"), CancellationToken.None);
                Assert.Equal(found.Hits.Count, found.Total); // the count of matches leaves the hidden ones out too
                return found.Hits.Select(h => h.Id).Order().ToArray();
            }

            Assert.Equal(["current", "limited"], await Ids());
            clock.Now = now.AddHours(1);
            Assert.Equal(["current", "limited", "scheduled"], await Ids());
            clock.Now = now.AddDays(2);
            Assert.Equal(["current", "scheduled"], await Ids());
            // The same store version all along: the index was written once.
            Assert.Equal(1, index.Rebuilds);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task No_text_makes_the_search_throw()
    {
        var folder = Directory.CreateTempSubdirectory("gaoxin-search-").FullName;
        try
        {
            SearchDocument[] documents = [new("registry", "r1", "IC装备产业技术创新战略联盟", "沈阳高新区 (专栏2) \"联盟\" a:b", "shenyang", null, "/registries/items/r1")];
            using var index = new SearchIndex(Path.Combine(folder, "index"), [new SearchSource("registry", (_, _) => Task.FromResult<IReadOnlyList<SearchDocument>>(documents))], TimeProvider.System);
            await index.RefreshAsync(null!, 1, CancellationToken.None);
            var specials = Gen.Char["\"\\:*?()[]{}~^+-!&|/ 联盟ANDORT"].Array[0, 40].Select(c => new string(c));
            Gen.OneOf(Gen.String, specials).Sample(text => { index.Search(new SearchQuery(text)); }, iter: 2_000);
            Assert.Equal("r1", Assert.Single(index.Search(new SearchQuery("联盟 AND (")).Hits).Id);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}

/// <summary>GET /api/search and the /search page over the plan's zones and registry items, on both providers.</summary>
public abstract class SearchSpec(ITestStore store) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private RunningServer _server = null!;
    private string _folder = null!;
    private string? _configuredFolder;

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await CliRun.RunAsync("users", "add", "--email", "office@example.org", "--role", "admin", "--password", Password, "--db", store.DbArgument)).ExitCode);
        // SQLite: the default folder beside the file; PostgreSQL: a configured folder (its default is under ./data).
        if (store.Provider == DatabaseProvider.Postgres) _configuredFolder = Path.Combine(Directory.CreateTempSubdirectory("gaoxin-search-").FullName, "index");
        _folder = SearchIndex.FolderFor(store.Location, _configuredFolder);
        _server = await RunningServer.StartAsync(store.Location, _configuredFolder is null ? [] : [$"--Search:Folder={_configuredFolder}"]);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await store.DisposeAsync();
        if (_configuredFolder is not null) Directory.Delete(Path.GetDirectoryName(_configuredFolder)!, recursive: true);
    }

    private async Task<JsonElement> SearchAsync(string query)
    {
        var response = await _server.Client.GetAsync("/api/search?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<JsonElement> Hits(JsonElement result) => result.GetProperty("hits").EnumerateArray().ToList();

    private static string Q(string text) => "q=" + Uri.EscapeDataString(text);

    [Fact]
    public async Task A_leading_industry_finds_the_zones_that_lead_with_it()
    {
        // 专栏3: 沈阳高新区:信息技术、智能制造、生物医药 … 本溪高新区:生物医药.
        var hits = Hits(await SearchAsync(Q("生物医药") + "&type=zone"));

        Assert.All(hits, h => Assert.Equal("zone", h.GetProperty("type").GetString()));
        var ids = hits.Select(h => h.GetProperty("id").GetString()).ToList();
        Assert.Contains("benxi", ids);
        Assert.Contains("shenyang", ids);
        var benxi = hits.Single(h => h.GetProperty("id").GetString() == "benxi");
        Assert.Equal("本溪高新区", benxi.GetProperty("title").GetString());
        Assert.Equal("/zones/benxi", benxi.GetProperty("url").GetString());
        Assert.Contains("<mark>生物医药</mark>", benxi.GetProperty("snippet").GetString());
    }

    [Fact]
    public async Task A_registry_item_is_found_by_a_phrase_with_the_phrase_marked()
    {
        // 专栏2: 沈阳高新区:机器人产业技术创新战略联盟、IC装备产业技术创新战略联盟、大数据产业技术创新战略联盟。
        var hits = Hits(await SearchAsync(Q("\"IC装备产业技术创新战略联盟\"") + "&type=registry"));

        var first = hits[0];
        Assert.Equal("IC装备产业技术创新战略联盟", first.GetProperty("title").GetString());
        Assert.Equal("registry", first.GetProperty("type").GetString());
        Assert.StartsWith("/registries/items/", first.GetProperty("url").GetString());
        Assert.Contains("<mark>IC装备产业技术创新战略联盟</mark>", first.GetProperty("snippet").GetString());
        Assert.True(first.GetProperty("score").GetDouble() > 0);
    }

    [Fact]
    public async Task Traditional_and_mixed_language_queries_find_the_simplified_text()
    {
        var traditional = Hits(await SearchAsync(Q("生物醫藥") + "&type=zone")).Select(h => h.GetProperty("id").GetString()).ToList();
        var mixed = Hits(await SearchAsync(Q("IC裝備") + "&type=registry")).Select(h => h.GetProperty("title").GetString()).ToList();
        var english = Hits(await SearchAsync(Q("大连 high-tech") + "&type=zone")).Select(h => h.GetProperty("id").GetString()).ToList();

        Assert.Contains("benxi", traditional);
        Assert.Contains("shenyang", traditional);
        // 专栏6: 沈阳高新区:IC装备创新中心 …; 专栏2: IC装备产业技术创新战略联盟.
        Assert.Contains("IC装备创新中心", mixed.Take(3));
        Assert.Contains("IC装备产业技术创新战略联盟", mixed.Take(3));
        Assert.Equal("dalian", english[0]);
    }

    [Fact]
    public async Task The_type_and_zone_filters_narrow_the_hits()
    {
        var all = await SearchAsync(Q("大连"));
        var zones = Hits(await SearchAsync(Q("大连") + "&type=zone"));
        var dalianItems = Hits(await SearchAsync(Q("联盟") + "&type=registry&zone=dalian"));

        Assert.Contains(Hits(all), h => h.GetProperty("type").GetString() == "registry");
        Assert.Equal("dalian", Assert.Single(zones).GetProperty("id").GetString());
        Assert.NotEmpty(dalianItems);
        Assert.All(dalianItems, h => Assert.Equal(("registry", "dalian"), (h.GetProperty("type").GetString(), h.GetProperty("zone").GetString())));
    }

    [Fact]
    public async Task A_deleted_index_folder_is_rebuilt_by_the_next_search()
    {
        var before = Hits(await SearchAsync(Q("生物医药") + "&type=zone")).Select(h => h.GetProperty("id").GetString()).ToList();
        Assert.True(Directory.Exists(_folder));

        Directory.Delete(_folder, recursive: true);
        var after = Hits(await SearchAsync(Q("生物医药") + "&type=zone")).Select(h => h.GetProperty("id").GetString()).ToList();

        Assert.Equal(before, after);
        Assert.True(Directory.Exists(_folder));
    }

    [Fact]
    public async Task An_item_added_through_the_api_is_found_by_the_next_search_and_its_markup_is_escaped()
    {
        var name = "星河量子测控联盟 <b>演示</b>";
        var office = await _server.TokenClientAsync(store, "office@example.org");
        Assert.Equal(0, (await SearchAsync(Q("\"星河量子\""))).GetProperty("total").GetInt32());

        var added = await office.PostAsJsonAsync("/api/registries/alliance", new { name, zone = "dalian", founded = "2019-05-01" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var hit = Hits(await SearchAsync(Q("\"星河量子\" 演示"))).First();

        Assert.Equal(name, hit.GetProperty("title").GetString());
        Assert.Equal("2019-05-01", hit.GetProperty("date").GetString());
        var snippet = hit.GetProperty("snippet").GetString()!;
        Assert.DoesNotContain("<b>", snippet);
        Assert.Contains("&lt;b&gt;", snippet);
        // Only <mark> is markup.
        Assert.Equal(snippet.Split("<mark>").Length, snippet.Split("</mark>").Length);
        Assert.DoesNotContain("<", snippet.Replace("<mark>", "").Replace("</mark>", ""));
        // Filtered by date: founded 2019-05-01.
        Assert.NotEmpty(Hits(await SearchAsync(Q("\"星河量子\"") + "&from=2019-01-01&to=2019-12-31")));
        Assert.Empty(Hits(await SearchAsync(Q("\"星河量子\"") + "&from=2020-01-01")));
    }

    [Fact]
    public async Task A_zones_item_awaiting_approval_is_not_found_until_the_office_approves_it()
    {
        Assert.Equal(0, (await CliRun.RunAsync("users", "add", "--email", "dl@example.org", "--role", "zone_operator", "--zone", "dalian",
            "--password", Password, "--db", store.DbArgument)).ExitCode);
        var dalian = await _server.TokenClientAsync(store, "dl@example.org");
        var office = await _server.TokenClientAsync(store, "office@example.org");

        var added = await dalian.PostAsJsonAsync("/api/registries/alliance", new { name = "海湾氢能待审联盟", zone = "dalian", founded = "2020-03-01" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var pending = await SearchAsync(Q("\"海湾氢能\""));
        var page = await _server.Client.GetStringAsync("/search?" + Q("\"海湾氢能\""));
        Assert.Equal(HttpStatusCode.NoContent, (await office.PostAsync($"/api/registries/items/{id}/approve", null)).StatusCode);
        var approved = await SearchAsync(Q("\"海湾氢能\""));

        Assert.Equal(0, pending.GetProperty("total").GetInt32());
        Assert.DoesNotContain("海湾氢能待审联盟", page);
        Assert.Equal(id, Assert.Single(Hits(approved)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Hostile_query_text_gets_an_answer_or_a_400_never_a_failure()
    {
        string[] texts = ["\"", "AND", "*", ":", "(", ")", "[生物", "a OR", "title:", "\\", "~2", "^", "{}", "/", "+-!", "\"生物 医药", "生物 AND (医药", "**:**", "NOT NOT", "&&||", "%", "<script>", "' OR 1=1 --"];
        foreach (var text in texts)
        {
            var response = await _server.Client.GetAsync("/api/search?" + Q(text));
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{text}: {response.StatusCode}");
            var page = await _server.Client.GetAsync("/search?" + Q(text));
            Assert.True(page.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"page {text}: {page.StatusCode}");
        }
    }

    [Theory]
    [InlineData("", "query_empty")]
    [InlineData("q=%20%20", "query_empty")]
    [InlineData("q=a&type=unicorn", "unknown_type")]
    [InlineData("q=a&from=2019-13-01", "invalid_date")]
    [InlineData("q=a&page=0", "invalid_page")]
    [InlineData("q=a&page=x", "invalid_page")]
    public async Task A_bad_request_is_a_400_problem_naming_what_is_wrong(string query, string code)
    {
        var response = await _server.Client.GetAsync("/api/search?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_over_long_query_is_a_400()
    {
        var response = await _server.Client.GetAsync("/api/search?" + Q(new string('联', 101)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("query_too_long", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_page_shows_marked_snippets_and_links_to_each_hit()
    {
        var page = await _server.Client.GetStringAsync("/search?" + Q("生物医药") + "&type=zone");
        var home = await _server.Client.GetStringAsync("/");

        Assert.Contains("<mark>生物医药</mark>", page);
        Assert.Contains("href=\"/zones/benxi\"", page);
        Assert.Contains("href=\"/zones/shenyang\"", page);
        Assert.Contains("<form method=\"get\" action=\"/search\"", home);
    }
}

public sealed class SearchOnSqlite() : SearchSpec(new SqliteTestStore());

public sealed class SearchOnPostgres() : SearchSpec(new PostgresTestStore());
