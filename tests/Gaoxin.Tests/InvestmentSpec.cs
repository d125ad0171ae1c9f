using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gaoxin.Data;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>
/// Investment projects (区县招商): a zone's operator keeps their own zone's projects only, the office reviews, and nothing but
/// a published, released, unexpired project — with its contact — ever reaches /investment or the public API.
/// </summary>
public abstract class InvestmentSpec(ITestStore store) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private RunningServer _server = null!;
    private HttpClient _office = null!;
    private HttpClient _shenyang = null!;
    private HttpClient _dalian = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        foreach (var (email, role, zone) in new[] { ("office@example.org", "admin", (string?)null), ("sy@example.org", "zone_operator", "shenyang"),
                     ("dl@example.org", "zone_operator", "dalian") })
            Assert.Equal(0, (await CliRun.RunAsync(["users", "add", "--email", email, "--role", role, "--password", Password,
                .. zone is null ? Array.Empty<string>() : ["--zone", zone], "--db", store.DbArgument])).ExitCode);
        _server = await RunningServer.StartAsync(store.Location);
        _office = await _server.TokenClientAsync(store, "office@example.org");
        _shenyang = await _server.TokenClientAsync(store, "sy@example.org");
        _dalian = await _server.TokenClientAsync(store, "dl@example.org");
        _anonymous = _server.Client;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { _office, _shenyang, _dalian }) client.Dispose();
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private static object Project(string title, string zone, string phone, string? validUntil = null, string sector = "intelligent_manufacturing",
        decimal amount = 30_000, decimal? land = 50) => new
    {
        title, sector, zone, county = "浑南区", amountWan = amount, landMu = land, cooperation = "joint_venture",
        contactName = "王经理", contactPhone = phone, contactEmail = "invest@example.org",
        validUntil = validUntil ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90).ToString("yyyy-MM-dd"), description = "项目介绍",
    };

    private static async Task<int> CreatedIdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private async Task<(int Projects, int Audit)> CountsAsync()
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        return (await db.InvestmentProjects.CountAsync(), await db.Audit.CountAsync());
    }

    private async Task<string> PublicTextAsync() =>
        await _anonymous.GetStringAsync("/api/investment-projects") + await _anonymous.GetStringAsync("/investment");

    private static async Task<string> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;

    [Fact]
    public async Task A_zone_operator_keeps_only_their_zone_and_the_office_reviews_every_step_audited()
    {
        // Shenyang's operator may not add a project for Dalian: 403 and the store as it was.
        var before = await CountsAsync();
        var other = await _shenyang.PostAsJsonAsync("/api/investment-projects", Project("大连的项目", "dalian", "0411-1"));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("forbidden", await CodeOf(other));
        Assert.Equal(before, await CountsAsync());

        var id = await CreatedIdAsync(await _shenyang.PostAsJsonAsync("/api/investment-projects", Project("沈阳机器人项目", "shenyang", "024-1111")));
        var path = $"/api/investment-projects/{id}";
        // Dalian's operator may neither change nor submit it, nor see it; Shenyang's may not publish; the store stays as it was.
        before = await CountsAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await _dalian.PutAsJsonAsync(path, Project("改名", "shenyang", "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _dalian.PostAsync(path + "/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _dalian.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _shenyang.PostAsync(path + "/publish", null)).StatusCode);
        Assert.Equal(before, await CountsAsync());
        // A draft is nowhere public, nor its contact.
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync($"/investment/{id}")).StatusCode);
        Assert.DoesNotContain("024-1111", await PublicTextAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await _shenyang.PostAsync(path + "/submit", null)).StatusCode);
        var locked = await _shenyang.PutAsJsonAsync(path, Project("审核中改名", "shenyang", "024-1111"));
        Assert.Equal((HttpStatusCode.Conflict, "publication_in_review"), (locked.StatusCode, await CodeOf(locked)));
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync(path + "/return", new { comment = "请补充用地位置" })).StatusCode);
        var returned = await _shenyang.GetFromJsonAsync<JsonElement>(path);
        Assert.Equal(("draft", "请补充用地位置"), (returned.GetProperty("stage").GetString(), returned.GetProperty("returnComment").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, (await _shenyang.PutAsJsonAsync(path, Project("沈阳机器人系统集成项目", "shenyang", "024-1111"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _shenyang.PostAsync(path + "/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsync(path + "/publish", null)).StatusCode);

        // Published: on the API with its contact, on the list page and its own page.
        var listed = Assert.Single((await _anonymous.GetFromJsonAsync<JsonElement>("/api/investment-projects")).EnumerateArray().ToList());
        Assert.Equal(("沈阳机器人系统集成项目", "024-1111", "public"), (listed.GetProperty("title").GetString(),
            listed.GetProperty("contact").GetProperty("phone").GetString(), listed.GetProperty("stage").GetString()));
        Assert.Contains("沈阳机器人系统集成项目", await _anonymous.GetStringAsync("/investment"));
        Assert.Contains("024-1111", await _anonymous.GetStringAsync($"/investment/{id}"));

        // Withdrawn: gone again.
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsync(path + "/withdraw", null)).StatusCode);
        Assert.DoesNotContain("沈阳机器人系统集成项目", await PublicTextAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync($"/investment/{id}")).StatusCode);

        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var audit = await db.Audit.Where(a => a.ElementCode == $"investment:{id}").OrderBy(a => a.Id).Select(a => new { a.Action, a.Actor }).ToListAsync();
        Assert.Equal(["investment_created", "investment_submitted", "investment_returned", "investment_edited", "investment_submitted", "investment_published", "investment_withdrawn"],
            audit.Select(a => a.Action));
        Assert.Equal("office@example.org", audit[2].Actor);
    }

    [Fact]
    public async Task Expired_scheduled_draft_in_review_and_withdrawn_projects_never_reach_the_public()
    {
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2).ToString("yyyy-MM-dd");
        async Task<int> Make(string title, string phone, string? validUntil = null) =>
            await CreatedIdAsync(await _office.PostAsJsonAsync("/api/investment-projects", Project(title, "shenyang", phone, validUntil)));
        var expired = await Make("过期项目", "024-0001", yesterday);
        var scheduled = await Make("定时项目", "024-0002");
        var draft = await Make("草稿项目", "024-0003");
        var inReview = await Make("审核中项目", "024-0004");
        var withdrawn = await Make("撤回项目", "024-0005");
        var live = await Make("公开项目", "024-0006");
        foreach (var id in new[] { expired, scheduled, inReview, withdrawn, live })
            Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsync($"/api/investment-projects/{id}/submit", null)).StatusCode);
        foreach (var id in new[] { expired, withdrawn, live })
            Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsync($"/api/investment-projects/{id}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsJsonAsync($"/api/investment-projects/{scheduled}/publish",
            new { releaseAt = DateTimeOffset.UtcNow.AddDays(3) })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _office.PostAsync($"/api/investment-projects/{withdrawn}/withdraw", null)).StatusCode);

        var list = (await _anonymous.GetFromJsonAsync<JsonElement>("/api/investment-projects")).EnumerateArray().Select(p => p.GetProperty("id").GetInt32());
        Assert.Equal([live], list);
        var text = await PublicTextAsync();
        Assert.Contains("024-0006", text);
        foreach (var (id, phone) in new[] { (expired, "024-0001"), (scheduled, "024-0002"), (draft, "024-0003"), (inReview, "024-0004"), (withdrawn, "024-0005") })
        {
            Assert.DoesNotContain(phone, text);
            Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync($"/api/investment-projects/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync($"/investment/{id}")).StatusCode);
        }
        // The office sees why: expired and scheduled are derived from the clock, not stored.
        Assert.Equal("expired", (await _office.GetFromJsonAsync<JsonElement>($"/api/investment-projects/{expired}")).GetProperty("stage").GetString());
        Assert.Equal("scheduled", (await _office.GetFromJsonAsync<JsonElement>($"/api/investment-projects/{scheduled}")).GetProperty("stage").GetString());
        // The search's query gives the same one project.
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        Assert.Equal([live], (await Data.Investment.InvestmentStore.PublicAsync(db, DateTimeOffset.UtcNow, CancellationToken.None)).Select(p => p.Id));
    }

    [Fact]
    public async Task Filters_by_sector_zone_and_size_band_and_refuses_bad_input()
    {
        async Task Publish(object project)
        {
            var id = await CreatedIdAsync(await _office.PostAsJsonAsync("/api/investment-projects", project));
            await _office.PostAsync($"/api/investment-projects/{id}/submit", null);
            await _office.PostAsync($"/api/investment-projects/{id}/publish", null);
        }
        await Publish(Project("液压件项目", "fuxin", "1", sector: "hydraulics", amount: 30_000));
        await Publish(Project("大型液压项目", "fuxin", "2", sector: "hydraulics", amount: 150_000));
        await Publish(Project("药厂项目", "benxi", "3", sector: "biomedicine", amount: 5_000));

        async Task<string[]> Titles(string query) => (await _anonymous.GetFromJsonAsync<JsonElement>("/api/investment-projects" + query))
            .EnumerateArray().Select(p => p.GetProperty("title").GetString()!).Order().ToArray();
        Assert.Equal(["大型液压项目", "液压件项目"], await Titles("?sector=hydraulics"));
        Assert.Equal(["液压件项目"], await Titles("?sector=hydraulics&zone=fuxin&size=medium"));
        // A domain takes the codes under it: hydraulics is advanced manufacturing.
        Assert.Equal(["大型液压项目", "液压件项目"], await Titles("?sector=advanced_manufacturing"));
        Assert.Equal(["药厂项目"], await Titles("?size=small"));
        var page = await _anonymous.GetStringAsync("/investment?zone=benxi");
        Assert.Contains("药厂项目", page);
        Assert.DoesNotContain("液压件项目", page);

        Assert.Equal(HttpStatusCode.BadRequest, (await _anonymous.GetAsync("/api/investment-projects?size=huge")).StatusCode);
        var badSector = await _office.PostAsJsonAsync("/api/investment-projects", Project("x", "fuxin", "1", sector: "no_such_code"));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "unknown_sector"), (badSector.StatusCode, await CodeOf(badSector)));
        var badEmail = await _office.PostAsJsonAsync("/api/investment-projects", new { title = "x", sector = "hydraulics", zone = "fuxin", cooperation = "sole", contactEmail = "not-an-address" });
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "invalid_email"), (badEmail.StatusCode, await CodeOf(badEmail)));
    }
    [Fact]
    public async Task The_management_page_adds_and_submits_a_zone_operators_own_project_and_refuses_another_zone()
    {
        using var page = new PageSession(_server.Address);
        Assert.Equal(HttpStatusCode.Redirect, (await page.SignInAsync("sy@example.org", Password)).StatusCode);
        KeyValuePair<string, string>[] Fields(string title, string zone) =>
        [
            new("Input.Title", title), new("Input.Sector", "biomedicine"), new("Input.Zone", zone), new("Input.County", "浑南区"),
            new("Input.AmountWan", "12000"), new("Input.LandMu", "30"), new("Input.Cooperation", "ppp"), new("Input.ContactPhone", "024-7777"),
            new("Input.ValidUntil", "2099-12-31"),
        ];
        var added = await page.PostFormAsync("/investment/manage", "/investment/manage?handler=Create", Fields("页面新增项目", "shenyang"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var before = await CountsAsync();
        var other = await page.PostFormAsync("/investment/manage", "/investment/manage?handler=Create", Fields("别区项目", "dalian"));
        Assert.Contains("/account/denied", other.Headers.Location?.OriginalString ?? "");
        Assert.Equal(before, await CountsAsync());

        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            var project = await db.InvestmentProjects.SingleAsync();
            Assert.Equal(("页面新增项目", "shenyang", 12000m, 30m, "ppp", new DateOnly(2099, 12, 31)),
                (project.Title, project.ZoneCode, project.AmountWan!.Value, project.LandMu!.Value, project.Cooperation, project.ValidUntil!.Value));
            Assert.Equal("form", (await db.Audit.SingleAsync(a => a.ElementCode == $"investment:{project.Id}")).Via);
            var submitted = await page.PostFormAsync("/investment/manage", "/investment/manage?handler=Step",
                [new("id", project.Id.ToString()), new("step", "submit")]);
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }
        Assert.Contains("待审核", await page.GetStringAsync("/investment/manage"));
        Assert.DoesNotContain("页面新增项目", await _anonymous.GetStringAsync("/investment"));
    }
}

public sealed class InvestmentOnSqlite() : InvestmentSpec(new SqliteTestStore());

public sealed class InvestmentOnPostgres() : InvestmentSpec(new PostgresTestStore());
