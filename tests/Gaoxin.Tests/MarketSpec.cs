using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Market;
using Gaoxin.Core.Portal;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Data;
using Gaoxin.Data.Market;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gaoxin.Tests;

/// <summary>
/// The technology market (技术市场): an enterprise user keeps only their own profiles, a zone operator their zone's, only the
/// office publishes; every change carries its version (a stale one is a 409, nothing overwritten); validity ends at the
/// office's midnight and renewal moves it without a new review; contact details never reach an anonymous caller.
/// </summary>
public abstract class MarketSpec(ITestStore store) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private static readonly string CreditCodeA = TestCreditCodes.Make(4101);
    private RunningServer _server = null!;
    private HttpClient _office = null!, _firmA = null!, _firmB = null!, _shenyang = null!, _dalian = null!, _anonymous = null!;
    private string? _searchFolder;

    public async Task InitializeAsync()
    {
        foreach (var (email, role, zone) in new[] { ("office@example.org", "admin", (string?)null), ("firm-a@example.org", "enterprise", null),
                     ("firm-b@example.org", "enterprise", null), ("sy@example.org", "zone_operator", "shenyang"), ("dl@example.org", "zone_operator", "dalian") })
            Assert.Equal(0, (await CliRun.RunAsync(["users", "add", "--email", email, "--role", role, "--password", Password,
                .. zone is null ? Array.Empty<string>() : ["--zone", zone], "--db", store.DbArgument])).ExitCode);
        if (store.Provider == DatabaseProvider.Postgres) _searchFolder = Path.Combine(Directory.CreateTempSubdirectory("gaoxin-search-").FullName, "index");
        _server = await RunningServer.StartAsync(store.Location, _searchFolder is null ? [] : [$"--Search:Folder={_searchFolder}"]);
        _office = await _server.TokenClientAsync(store, "office@example.org");
        _firmA = await _server.TokenClientAsync(store, "firm-a@example.org");
        _firmB = await _server.TokenClientAsync(store, "firm-b@example.org");
        _shenyang = await _server.TokenClientAsync(store, "sy@example.org");
        _dalian = await _server.TokenClientAsync(store, "dl@example.org");
        _anonymous = _server.Client;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { _office, _firmA, _firmB, _shenyang, _dalian }) client.Dispose();
        await _server.DisposeAsync();
        await store.DisposeAsync();
        if (_searchFolder is not null) Directory.Delete(Path.GetDirectoryName(_searchFolder)!, recursive: true);
    }

    private static string InDays(int days) => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(days).ToString("yyyy-MM-dd");

    private static object Demand(string title, string zone = "shenyang", string phone = "024-5550001", string problem = "数控机床主轴在高速切削时热变形导致加工精度下降,需要热误差建模与实时补偿技术",
        string field = "intelligent_manufacturing", decimal? min = 50, decimal? max = 200) => new
    {
        title, problem, field, keywords = "主轴热变形、热误差补偿", zone, enterpriseName = "沈阳精工机床有限公司", creditCode = CreditCodeA,
        budgetMinWan = min, budgetMaxWan = max, contactName = "李工", contactPhone = phone, contactEmail = "li@jinggong.example", validUntil = InDays(90),
    };

    private static object Achievement(string title, string phone = "0411-5550002", string maturity = "pilot", int? trl = 6, decimal? min = 80, decimal? max = 150,
        string description = "基于温度场测量的机床主轴热误差建模与补偿技术,已在多型数控机床上中试验证,补偿后热漂移降低百分之七十") => new
    {
        title, description, field = "intelligent_manufacturing", keywords = "热误差补偿、数控机床", zone = "dalian", maturity, trl, ipStatus = "invention_patent",
        ipNumbers = "ZL201810000001.1", cooperationModes = "license,transfer", priceMinWan = min, priceMaxWan = max, ownerName = "大连理工大学", region = "辽宁省大连市",
        contactName = "王教授", contactPhone = phone, contactEmail = "wang@dlut.example", validUntil = InDays(90),
    };

    private static async Task<int> CreatedIdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<string> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;

    private static async Task<int> VersionOf(HttpClient client, string path) =>
        (await client.GetFromJsonAsync<JsonElement>(path)).GetProperty("version").GetInt32();

    private async Task<(int Demands, int Achievements, int Audit)> CountsAsync()
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        return (await db.MarketDemands.CountAsync(), await db.MarketAchievements.CountAsync(), await db.Audit.CountAsync());
    }

    /// <summary>Posts, submits and publishes a profile as <paramref name="author"/> and the office; returns its id.</summary>
    private async Task<int> PublishAsync(HttpClient author, string plural, object profile)
    {
        var id = await CreatedIdAsync(await author.PostAsJsonAsync($"/api/market/{plural}", profile));
        Assert.Equal(HttpStatusCode.NoContent, (await author.PostAsJsonAsync($"/api/market/{plural}/{id}/submit", new { version = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync($"/api/market/{plural}/{id}/publish", new { version = 2 })).StatusCode);
        return id;
    }

    [Fact]
    public async Task An_enterprise_keeps_only_its_own_profiles_a_zone_only_its_zone_and_only_the_office_publishes_every_step_audited()
    {
        var id = await CreatedIdAsync(await _firmA.PostAsJsonAsync("/api/market/demands", Demand("主轴热变形补偿技术需求")));
        var path = $"/api/market/demands/{id}";
        var before = await CountsAsync();
        // Enterprise B and Dalian's operator may neither see, change nor submit A's Shenyang demand; nor may A publish it.
        foreach (var other in new[] { _firmB, _dalian })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(path)).StatusCode);
            var put = await other.PutAsJsonAsync(path, Demand("改名"));
            Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (put.StatusCode, await CodeOf(put)));
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync(path + "/submit", new { version = 1 })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await _firmA.PostAsJsonAsync(path + "/publish", new { version = 1 })).StatusCode);
        // Shenyang's operator may not post for Dalian.
        Assert.Equal(HttpStatusCode.Forbidden, (await _shenyang.PostAsJsonAsync("/api/market/demands", Demand("大连的需求", zone: "dalian"))).StatusCode);
        Assert.Equal(before, await CountsAsync());
        // A draft is not public.
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync(path)).StatusCode);

        // Shenyang's operator keeps the zone's demands on behalf of its enterprises: they edit A's draft (version 1 → 2).
        Assert.Equal(HttpStatusCode.NoContent, (await _shenyang.PutAsJsonAsync(path, new Dictionary<string, object?>(Fields(Demand("数控机床主轴热变形补偿"))) { ["version"] = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _firmA.PostAsJsonAsync(path + "/submit", new { version = 2 })).StatusCode);
        // The zone may not publish; the office returns with a comment, A resubmits, the office publishes and withdraws.
        Assert.Equal(HttpStatusCode.Forbidden, (await _shenyang.PostAsJsonAsync(path + "/publish", new { version = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync(path + "/return", new { version = 3, comment = "请补充预算依据" })).StatusCode);
        var returned = await _firmA.GetFromJsonAsync<JsonElement>(path);
        Assert.Equal(("draft", "请补充预算依据", 4), (returned.GetProperty("stage").GetString(), returned.GetProperty("returnComment").GetString(), returned.GetProperty("version").GetInt32()));
        Assert.Equal(HttpStatusCode.NoContent, (await _firmA.PostAsJsonAsync(path + "/submit", new { version = 4 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync(path + "/publish", new { version = 5 })).StatusCode);
        Assert.Equal("public", (await _anonymous.GetFromJsonAsync<JsonElement>(path)).GetProperty("stage").GetString());
        // Published: not editable (409), withdrawn by the office only.
        var edit = await _firmA.PutAsJsonAsync(path, new Dictionary<string, object?>(Fields(Demand("已发布改名"))) { ["version"] = 6 });
        Assert.Equal((HttpStatusCode.Conflict, "publication_published"), (edit.StatusCode, await CodeOf(edit)));
        Assert.Equal(HttpStatusCode.Forbidden, (await _firmA.PostAsJsonAsync(path + "/withdraw", new { version = 6 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync(path + "/withdraw", new { version = 6 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync(path)).StatusCode);

        // Mine: A sees the demand, B none of it.
        Assert.Single((await _firmA.GetFromJsonAsync<JsonElement>("/api/market/mine")).GetProperty("demands").EnumerateArray());
        Assert.Empty((await _firmB.GetFromJsonAsync<JsonElement>("/api/market/mine")).GetProperty("demands").EnumerateArray());

        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var audit = await db.Audit.Where(a => a.ElementCode == $"market-demand:{id}").OrderBy(a => a.Id).Select(a => new { a.Action, a.Actor }).ToListAsync();
        Assert.Equal(["demand_created", "demand_edited", "demand_submitted", "demand_returned", "demand_submitted", "demand_published", "demand_withdrawn"],
            audit.Select(a => a.Action));
        Assert.Equal(("firm-a@example.org", "sy@example.org", "office@example.org"), (audit[0].Actor, audit[1].Actor, audit[3].Actor));
    }

    private static IEnumerable<KeyValuePair<string, object?>> Fields(object anonymous) =>
        anonymous.GetType().GetProperties().Select(p => new KeyValuePair<string, object?>(p.Name, p.GetValue(anonymous)));

    [Fact]
    public async Task A_change_made_against_a_stale_version_is_a_409_and_overwrites_nothing()
    {
        var id = await CreatedIdAsync(await _firmA.PostAsJsonAsync("/api/market/demands", Demand("原标题")));
        var path = $"/api/market/demands/{id}";
        // Two editors read version 1; the first saves (→ 2), the second's change is refused.
        Assert.Equal(HttpStatusCode.NoContent, (await _firmA.PutAsJsonAsync(path, new Dictionary<string, object?>(Fields(Demand("第一人的标题"))) { ["version"] = 1 })).StatusCode);
        var before = await CountsAsync();
        var stale = await _shenyang.PutAsJsonAsync(path, new Dictionary<string, object?>(Fields(Demand("第二人的标题"))) { ["version"] = 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal("stale_version", await CodeOf(stale));
        var staleStep = await _firmA.PostAsJsonAsync(path + "/submit", new { version = 1 });
        Assert.Equal((HttpStatusCode.Conflict, "stale_version"), (staleStep.StatusCode, await CodeOf(staleStep)));
        // A change without a version is refused too.
        var missing = await _firmA.PostAsJsonAsync(path + "/submit", new { });
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "version_required"), (missing.StatusCode, await CodeOf(missing)));
        Assert.Equal(before, await CountsAsync());
        var now = await _firmA.GetFromJsonAsync<JsonElement>(path);
        Assert.Equal(("第一人的标题", 2, "draft"), (now.GetProperty("title").GetString(), now.GetProperty("version").GetInt32(), now.GetProperty("stage").GetString()));
    }

    [Fact]
    public async Task The_edit_page_saves_a_draft_against_its_version_and_refuses_a_stale_form()
    {
        var id = await CreatedIdAsync(await _firmA.PostAsJsonAsync("/api/market/demands", Demand("页面原标题")));
        using var page = new PageSession(_server.Address);
        Assert.Equal(HttpStatusCode.Redirect, (await page.SignInAsync("firm-a@example.org", Password)).StatusCode);
        var form = $"/market/manage/demands/{id}";
        Assert.Contains("页面原标题", await page.GetStringAsync(form));
        KeyValuePair<string, string>[] Fields(string title, int version) =>
        [
            new("version", version.ToString()), new("Demand.Title", title), new("Demand.Problem", "主轴热变形"), new("Demand.Field", "hydraulics"),
            new("Demand.Zone", "shenyang"), new("Demand.EnterpriseName", "沈阳精工机床有限公司"),
        ];
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostFormAsync(form, form, Fields("页面新标题", 1))).StatusCode);
        // The same form sent again still says version 1: refused, the saved title stays.
        var stale = await page.PostFormAsync(form, form, Fields("过期表单的标题", 1));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("信息已被他人修改", await stale.Content.ReadAsStringAsync());
        Assert.Equal("页面新标题", (await _firmA.GetFromJsonAsync<JsonElement>($"/api/market/demands/{id}")).GetProperty("title").GetString());
        // Enterprise B may not open A's form.
        using var other = new PageSession(_server.Address);
        Assert.Equal(HttpStatusCode.Redirect, (await other.SignInAsync("firm-b@example.org", Password)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(form)).StatusCode);
    }

    [Fact]
    public async Task Invalid_profiles_are_refused_with_every_problem_located_and_nothing_stored()
    {
        var before = await CountsAsync();
        var response = await _firmA.PostAsJsonAsync("/api/market/achievements", new
        {
            title = "坏成果", description = "描述", field = "no_such_field", maturity = "pilot", trl = 8, ipStatus = "granted", cooperationModes = "license,barter",
            priceMinWan = 200, priceMaxWan = 100, ownerName = "某大学", validUntil = InDays(400),
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid", body.GetProperty("code").GetString());
        // TRL 8 is industrialisation (8–9), not pilot (6–7); 400 days is beyond the one-year bound.
        Assert.Equal(["field:unknown_field", "trl:trl_not_in_stage", "ipStatus:unknown_ip_status", "cooperationModes:unknown_cooperation", "priceMinWan:min_above_max",
                "validUntil:valid_until_too_far"],
            body.GetProperty("problems").EnumerateArray().Select(p => $"{p.GetProperty("field").GetString()}:{p.GetProperty("code").GetString()}"));
        var negative = await _firmA.PostAsJsonAsync("/api/market/demands", Demand("负预算", min: -1, max: 10));
        Assert.Equal("budgetMinWan:negative_amount", string.Join(",", (await negative.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("field").GetString()}:{p.GetProperty("code").GetString()}")));
        var control = await _firmA.PostAsJsonAsync("/api/market/demands", Demand("控制\u0001字符"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, control.StatusCode);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Contact_details_never_reach_an_anonymous_caller_but_reach_a_signed_in_user()
    {
        var demand = await PublishAsync(_firmA, "demands", Demand("主轴热变形补偿", phone: "024-8881234"));
        var achievement = await PublishAsync(_office, "achievements", Achievement("机床主轴热误差补偿技术", phone: "0411-8885678"));
        var secrets = new[] { "024-8881234", "0411-8885678", "li@jinggong.example", "wang@dlut.example", "李工", "王教授", CreditCodeA, "contactPhone", "creditCode" };

        var anonymousText = string.Join("\n", [
            await _anonymous.GetStringAsync("/api/market/demands"), await _anonymous.GetStringAsync("/api/market/achievements"),
            await _anonymous.GetStringAsync($"/api/market/demands/{demand}"), await _anonymous.GetStringAsync($"/api/market/achievements/{achievement}"),
            await _anonymous.GetStringAsync("/market"), await _anonymous.GetStringAsync("/market/demands"), await _anonymous.GetStringAsync("/market/achievements"),
            await _anonymous.GetStringAsync("/api/search?q=" + Uri.EscapeDataString("主轴")),
        ]);
        foreach (var secret in secrets) Assert.DoesNotContain(secret, anonymousText);
        // The public list still says what the profile is.
        var listed = Assert.Single((await _anonymous.GetFromJsonAsync<JsonElement>("/api/market/demands")).GetProperty("items").EnumerateArray());
        Assert.Equal((demand, "主轴热变形补偿", "intelligent_manufacturing", "shenyang"), (listed.GetProperty("id").GetInt32(), listed.GetProperty("title").GetString(),
            listed.GetProperty("field").GetString(), listed.GetProperty("zone").GetString()));
        Assert.False(listed.TryGetProperty("contactPhone", out _));

        // Any signed-in user (here enterprise B, who owns neither) sees the contacts.
        var signedIn = await _firmB.GetFromJsonAsync<JsonElement>($"/api/market/demands/{demand}");
        Assert.Equal(("024-8881234", CreditCodeA), (signedIn.GetProperty("contactPhone").GetString(), signedIn.GetProperty("creditCode").GetString()));
        var signedInList = (await _firmB.GetFromJsonAsync<JsonElement>("/api/market/achievements")).GetProperty("items")[0];
        Assert.Equal("0411-8885678", signedInList.GetProperty("contactPhone").GetString());
    }

    [Fact]
    public async Task Lists_are_paged_and_filtered_by_field_domain_zone_and_text()
    {
        await PublishAsync(_firmA, "demands", Demand("主轴热变形补偿"));
        await PublishAsync(_firmA, "demands", Demand("液压阀泄漏检测", problem: "液压多路阀内泄漏在线检测", field: "hydraulics"));
        await PublishAsync(_office, "demands", Demand("抗肿瘤药物制剂工艺", zone: "benxi", problem: "口服缓释制剂工艺放大", field: "biomedicine"));
        async Task<string> Query(string query)
        {
            var page = await _anonymous.GetFromJsonAsync<JsonElement>("/api/market/demands" + query);
            return string.Join("、", page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("title").GetString()!).Order(StringComparer.Ordinal))
                + $" ({page.GetProperty("total").GetInt32()})";
        }
        Assert.Equal("液压阀泄漏检测 (1)", await Query("?field=hydraulics"));
        // advanced_manufacturing is the domain of both intelligent_manufacturing and hydraulics.
        Assert.Equal(string.Join("、", new[] { "主轴热变形补偿", "液压阀泄漏检测" }.Order(StringComparer.Ordinal)) + " (2)", await Query("?field=advanced_manufacturing"));
        Assert.Equal("抗肿瘤药物制剂工艺 (1)", await Query("?zone=benxi"));
        Assert.Equal("液压阀泄漏检测 (1)", await Query("?q=" + Uri.EscapeDataString("泄漏")));
        var second = await _anonymous.GetFromJsonAsync<JsonElement>("/api/market/demands?page=2&pageSize=2");
        Assert.Equal((2, 2, 3, 1), (second.GetProperty("page").GetInt32(), second.GetProperty("pageSize").GetInt32(), second.GetProperty("total").GetInt32(),
            second.GetProperty("items").GetArrayLength()));
        Assert.Equal(HttpStatusCode.BadRequest, (await _anonymous.GetAsync("/api/market/demands?pageSize=101")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _anonymous.GetAsync("/api/market/demands?field=nonsense")).StatusCode);
        Assert.Contains("液压阀泄漏检测", await _anonymous.GetStringAsync("/market/demands?field=hydraulics"));
        Assert.DoesNotContain("抗肿瘤药物制剂工艺", await _anonymous.GetStringAsync("/market/demands?field=hydraulics"));
    }

    [Fact]
    public async Task A_profile_leaves_the_market_at_the_end_of_its_last_day_and_renewal_brings_it_back_without_a_review()
    {
        var catalog = _server.Services.GetRequiredService<IndustryCatalog>();
        var who = new Principal("firm-a@example.org", Roles.Enterprise, null);
        var office = new Principal("office@example.org", Roles.Admin, null);
        // 2026-03-10 10:00 China time; the demand is valid through 2026-03-12.
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(8)));
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var input = new MarketProfileInput(MarketSide.Demand, "到期需求", "描述", "hydraulics", null, "shenyang", null, "024-1", null, new DateOnly(2026, 3, 12),
            EnterpriseName: "沈阳某企业");
        var (id, refused) = await MarketStore.CreateAsync(db, who, input, catalog, MarketStore.Via.Api, clock, CancellationToken.None);
        Assert.Null(refused);
        Assert.Null(await MarketStore.StepAsync(db, who, MarketSide.Demand, id!.Value, 1, PublicationAction.Submit, null, null, "api", clock, CancellationToken.None));
        Assert.Null(await MarketStore.StepAsync(db, office, MarketSide.Demand, id.Value, 2, PublicationAction.Publish, null, null, "api", clock, CancellationToken.None));
        async Task<PublicationStage?> StageAt(DateTimeOffset at)
        {
            db.ChangeTracker.Clear();
            return (await MarketStore.GetAsync(db, MarketSide.Demand, who, id.Value, at, CancellationToken.None))?.Stage;
        }
        // Publication.EndOfDay: the last day ends at the next midnight in China (2026-03-13 00:00 +08:00 = 03-12 16:00 UTC).
        Assert.Equal(PublicationStage.Public, await StageAt(new DateTimeOffset(2026, 3, 12, 23, 59, 59, TimeSpan.FromHours(8))));
        Assert.Equal(PublicationStage.Expired, await StageAt(new DateTimeOffset(2026, 3, 13, 0, 0, 0, TimeSpan.FromHours(8))));
        clock.Now = new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.FromHours(8));
        Assert.Empty(await MarketStore.PublicAsync(db, MarketSide.Demand, clock.GetUtcNow(), CancellationToken.None));

        // Renewal: not beyond a year from today (2026-03-14 + 366 days = 2027-03-15), not against a stale version, not by enterprise B.
        Assert.Equal("invalid", (await MarketStore.RenewAsync(db, who, MarketSide.Demand, id.Value, 3, new DateOnly(2027, 3, 16), "api", clock, CancellationToken.None))?.Code);
        Assert.Equal("stale_version", (await MarketStore.RenewAsync(db, who, MarketSide.Demand, id.Value, 2, new DateOnly(2027, 3, 15), "api", clock, CancellationToken.None))?.Code);
        Assert.Equal("forbidden", (await MarketStore.RenewAsync(db, new Principal("firm-b@example.org", Roles.Enterprise, null), MarketSide.Demand, id.Value, 3,
            new DateOnly(2026, 6, 30), "api", clock, CancellationToken.None))?.Code);
        db.ChangeTracker.Clear();
        Assert.Null(await MarketStore.RenewAsync(db, who, MarketSide.Demand, id.Value, 3, new DateOnly(2027, 3, 15), "api", clock, CancellationToken.None));
        db.ChangeTracker.Clear();
        var renewed = Assert.Single(await MarketStore.PublicAsync(db, MarketSide.Demand, clock.GetUtcNow(), CancellationToken.None));
        Assert.Equal((PublicationState.Published, new DateOnly(2027, 3, 15), 4), (renewed.State, renewed.ValidUntil!.Value, renewed.Version));
        var audit = await db.Audit.Where(a => a.ElementCode == $"market-demand:{id}").OrderBy(a => a.Id).Select(a => a.Action + "|" + a.Comment).ToListAsync();
        Assert.Equal("demand_renewed|valid until 2026-03-12 → 2027-03-15", audit[^1]);
    }

    [Fact]
    public async Task The_search_finds_a_published_profile_and_never_a_draft_nor_its_contact()
    {
        await PublishAsync(_firmA, "demands", Demand("超精密轴承磨削需求", phone: "024-7771234", problem: "超精密轴承套圈磨削圆度控制"));
        await CreatedIdAsync(await _firmA.PostAsJsonAsync("/api/market/demands", Demand("草稿陶瓷涂层需求", problem: "陶瓷涂层结合强度")));
        async Task<List<JsonElement>> Hits(string q) =>
            (await _anonymous.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(q)}&type=market")).GetProperty("hits").EnumerateArray().ToList();
        var hit = Assert.Single(await Hits("超精密轴承"));
        Assert.StartsWith("/market/demands/", hit.GetProperty("url").GetString());
        Assert.DoesNotContain("024-7771234", hit.GetRawText());
        Assert.Empty(await Hits("陶瓷涂层"));
    }

    [Fact]
    public async Task The_institutions_hold_the_two_academies_as_the_plans_两院十校_and_no_invented_universities()
    {
        var institutions = (await _anonymous.GetFromJsonAsync<JsonElement>("/api/market/institutions")).EnumerateArray().ToList();
        // 三、重点任务 / 4.优化协同创新发展机制: "深化与“两院十校”为代表的…合作" names the set only: the academies are marked, no university is.
        Assert.Equal(["中国工程院", "中国科学院"], institutions.Where(i => i.GetProperty("partnerSet").GetString() == "两院十校").Select(i => i.GetProperty("name").GetString()).Order());
        Assert.Contains(institutions, i => i.GetProperty("name").GetString() == "中国科学院大连化学物理研究所");
        Assert.Contains(institutions, i => i.GetProperty("name").GetString() == "大连理工大学" && i.GetProperty("kind").GetString() == "university");
        var dut = institutions.Single(i => i.GetProperty("name").GetString() == "东北大学").GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Forbidden, (await _firmA.PutAsJsonAsync($"/api/market/institutions/{dut}", new { name = "东北大学", kind = "university", partnerSet = "两院十校" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PutAsJsonAsync($"/api/market/institutions/{dut}", new { name = "东北大学", kind = "university", partnerSet = "两院十校" })).StatusCode);
        Assert.Contains("两院十校", await _anonymous.GetStringAsync("/market/institutions"));
    }

    private const string CsvHeader = "side,title,text,field,keywords,zone,enterprise_name,maturity,trl,ip_status,cooperation_modes,price_min_wan,price_max_wan,owner_name,institution,contact_phone,valid_until\n";

    private string CsvFile(string body)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("gaoxin-market-").FullName, "profiles.csv");
        File.WriteAllText(path, CsvHeader + body);
        return path;
    }

    [Fact]
    public async Task Import_is_all_or_nothing_with_every_problem_located_and_the_good_file_goes_to_review_audited()
    {
        var until = InDays(60);
        var good = $"demand,液压阀内泄漏检测,液压多路阀内泄漏在线检测方法,hydraulics,内泄漏,fuxin,阜新液压件厂,,,,,,,,,0418-1,{until}\n"
                   + $"achievement,多路阀泄漏声发射检测,基于声发射的液压阀内泄漏检测,hydraulics,声发射,,,pilot,6,patent_pending,\"license,transfer\",20,60,,东北大学,024-2,{until}\n";
        // Row 4: an unknown field code; row 5: an unknown maturity and a price range upside down; row 6: TRL 9 is not a laboratory stage.
        var bad = good
                  + $"demand,坏需求,描述,no_such_field,,fuxin,某企业,,,,,,,,,,{until}\n"
                  + $"achievement,坏成果一,描述,hydraulics,,,,prototype,,none,transfer,90,10,某所,,,{until}\n"
                  + $"achievement,坏成果二,描述,hydraulics,,,,lab,9,none,transfer,,,某所,,,{until}\n";
        var before = await CountsAsync();
        var refused = await CliRun.RunAsync("market", "import", CsvFile(bad), "--db", store.DbArgument);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("profiles.csv row 4 column field: unknown_field (no_such_field)", refused.Error);
        Assert.Contains("profiles.csv row 5 column maturity: unknown_maturity (prototype)", refused.Error);
        Assert.Contains("profiles.csv row 5 column price_min_wan: min_above_max (90)", refused.Error);
        Assert.Contains("profiles.csv row 6 column trl: trl_not_in_stage (9)", refused.Error);
        Assert.Contains("nothing was imported", refused.Output);
        Assert.Equal(before, await CountsAsync());

        var imported = await CliRun.RunAsync("market", "import", CsvFile(good), "--db", store.DbArgument);
        Assert.Equal(0, imported.ExitCode);
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var demand = await db.MarketDemands.SingleAsync();
        var achievement = await db.MarketAchievements.SingleAsync();
        Assert.Equal((PublicationState.InReview, "fuxin", "阜新液压件厂"), (demand.State, demand.ZoneCode, demand.EnterpriseName));
        Assert.Equal((PublicationState.InReview, "东北大学", "license,transfer", 6), (achievement.State, achievement.OwnerName, achievement.CooperationModes, achievement.Trl!.Value));
        Assert.NotNull(achievement.InstitutionId);
        var audit = await db.Audit.Where(a => a.Via == "import").ToListAsync();
        Assert.Equal(["achievement_imported", "demand_imported"], audit.Select(a => a.Action).Order());
        Assert.Single(audit.Select(a => a.BatchId).Distinct());
        // In review: not public until the office publishes.
        Assert.Equal(0, (await _anonymous.GetFromJsonAsync<JsonElement>("/api/market/demands")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_truncated_workbook_is_refused_whole_and_a_sound_one_imports_both_sheets()
    {
        var folder = Directory.CreateTempSubdirectory("gaoxin-market-").FullName;
        var path = Path.Combine(folder, "profiles.xlsx");
        using (var workbook = new ClosedXML.Excel.XLWorkbook())
        {
            var demands = workbook.AddWorksheet(MarketImport.DemandSheet);
            string[] demandColumns = ["title", "text", "field", "zone", "enterprise_name", "budget_min_wan", "budget_max_wan", "valid_until"];
            for (var c = 0; c < demandColumns.Length; c++) demands.Cell(1, c + 1).Value = demandColumns[c];
            demands.Cell(2, 1).Value = "电池隔膜涂覆需求"; demands.Cell(2, 2).Value = "锂电池隔膜陶瓷涂覆一致性"; demands.Cell(2, 3).Value = "new_energy";
            demands.Cell(2, 4).Value = "anshan"; demands.Cell(2, 5).Value = "鞍山某电池企业"; demands.Cell(2, 6).Value = 10; demands.Cell(2, 7).Value = 50;
            demands.Cell(2, 8).Value = InDays(30);
            var achievements = workbook.AddWorksheet(MarketImport.AchievementSheet);
            string[] achievementColumns = ["title", "text", "field", "maturity", "ip_status", "cooperation_modes", "owner_name"];
            for (var c = 0; c < achievementColumns.Length; c++) achievements.Cell(1, c + 1).Value = achievementColumns[c];
            achievements.Cell(2, 1).Value = "隔膜涂覆在线检测"; achievements.Cell(2, 2).Value = "机器视觉检测涂覆缺陷"; achievements.Cell(2, 3).Value = "new_energy";
            achievements.Cell(2, 4).Value = "small_pilot"; achievements.Cell(2, 5).Value = "software_copyright"; achievements.Cell(2, 6).Value = "joint_development";
            achievements.Cell(2, 7).Value = "辽宁科技大学";
            workbook.SaveAs(path);
        }
        var bytes = await File.ReadAllBytesAsync(path);
        var truncated = Path.Combine(folder, "truncated.xlsx");
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);
        var before = await CountsAsync();
        var refused = await CliRun.RunAsync("market", "import", truncated, "--db", store.DbArgument);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("truncated.xlsx: not_a_workbook", refused.Error);
        Assert.Equal(before, await CountsAsync());

        Assert.Equal(0, (await CliRun.RunAsync("market", "import", path, "--db", store.DbArgument, "--publish")).ExitCode);
        var demandsPage = await _anonymous.GetFromJsonAsync<JsonElement>("/api/market/demands");
        var listed = Assert.Single(demandsPage.GetProperty("items").EnumerateArray());
        Assert.Equal(("电池隔膜涂覆需求", 10m, 50m), (listed.GetProperty("title").GetString(), listed.GetProperty("budgetMinWan").GetDecimal(), listed.GetProperty("budgetMaxWan").GetDecimal()));
        Assert.Equal(1, (await _anonymous.GetFromJsonAsync<JsonElement>("/api/market/achievements")).GetProperty("total").GetInt32());

        // Publishing on import is the office's: an enterprise user's import with publish is refused before reading the file.
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var catalog = _server.Services.GetRequiredService<IndustryCatalog>();
        await using var stream = File.OpenRead(path);
        var outcome = await MarketImport.ImportAsync(db, new Principal("firm-a@example.org", Roles.Enterprise, null), "profiles.xlsx", stream, publish: true, catalog,
            TimeProvider.System, CancellationToken.None);
        Assert.Equal("forbidden", Assert.Single(outcome.Problems).Code);
    }

    // ---- After the matcher is merged (MarketMatcher throws until then).

    [Fact]
    public async Task A_demand_is_matched_to_the_achievement_on_its_subject_with_reasons_and_its_page_shows_contacts_only_when_signed_in()
    {
        var demand = await PublishAsync(_firmA, "demands", Demand("主轴热变形补偿", phone: "024-6661234"));
        var achievement = await PublishAsync(_office, "achievements", Achievement("机床主轴热误差补偿技术"));
        await PublishAsync(_office, "achievements", Achievement("抗肿瘤靶向药物递送系统", description: "纳米载体靶向递送抗肿瘤药物,提高药效降低毒副作用") );
        var matches = (await _anonymous.GetFromJsonAsync<JsonElement>($"/api/market/matches?demand={demand}")).GetProperty("matches").EnumerateArray().ToList();
        var first = matches[0];
        Assert.Equal(achievement.ToString(), first.GetProperty("id").GetString());
        Assert.True(first.GetProperty("score").GetDecimal() > 0);
        Assert.NotEmpty(first.GetProperty("reasons").EnumerateArray());
        Assert.Equal(matches.Select(m => m.GetProperty("score").GetDecimal()).OrderDescending(), matches.Select(m => m.GetProperty("score").GetDecimal()));

        var anonymousPage = await _anonymous.GetStringAsync($"/market/demands/{demand}");
        Assert.Contains("登录后查看联系方式", anonymousPage);
        Assert.Contains("机床主轴热误差补偿技术", anonymousPage);
        Assert.DoesNotContain("024-6661234", anonymousPage);
        using var page = new PageSession(_server.Address);
        Assert.Equal(HttpStatusCode.Redirect, (await page.SignInAsync("firm-b@example.org", Password)).StatusCode);
        Assert.Contains("024-6661234", await page.GetStringAsync($"/market/demands/{demand}"));
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }
}

public sealed class MarketOnSqlite() : MarketSpec(new SqliteTestStore());

public sealed class MarketOnPostgres() : MarketSpec(new PostgresTestStore());
