using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gaoxin.Data;
using Gaoxin.Tests.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gaoxin.Tests;

/// <summary>Who asks: nobody, an enterprise account, the operator of zone A (asking about zone B), the provincial office.</summary>
[Flags]
public enum Who
{
    None = 0,
    Anonymous = 1,
    Enterprise = 2,
    ZoneA = 4,
    Office = 8,
    Staff = ZoneA | Office,
    SignedIn = Enterprise | ZoneA | Office,
    Everyone = Anonymous | SignedIn,
}

/// <summary>
/// Every route of the running server — each endpoint's pattern and method from its endpoint data source, each page's GET and
/// each of its POST handlers — asked by four principals and checked against the declared matrix below. A route the server
/// has and the matrix does not declare fails, so a new route cannot ship without a rule; a refused write changes nothing in
/// the store (the store is compared table by table before and after all the refused requests). Refused means 401, 403, 404 or a redirect to the sign-in or denied page; anything else is allowed.
/// Route parameters are zone B's (Dalian's) resources: zone A's (Shenyang's) operator is refused whatever belongs to B, and
/// where a route's role lets them in (imports) zone B's rows are refused and the store stays as it was.
/// </summary>
public abstract class RouteMatrixSpec(ITestStore store) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private const string ZoneB = "dalian";
    private const string Plan = "liaoning-2017-2020";
    private static readonly string EnterpriseA = TestCreditCodes.Make(3001);
    private static readonly string EnterpriseB = TestCreditCodes.Make(3002);

    private RunningServer _server = null!;
    private readonly Dictionary<Who, HttpClient> _api = [];
    private readonly Dictionary<Who, PageSession> _pages = [];
    private readonly Dictionary<Who, string> _formTokens = [];
    private string _itemB = "";
    private int _projectB;
    private long _run;
    private int _investmentB;
    // Policy library and news: zone B's items (see InitializeAsync).
    private string _policyB = "", _policyPublicB = "";
    private long _newsB, _newsPublicB, _imageB, _attachmentB;
    // Technology market: zone B's demands (a draft and a public one) and a public achievement, posted by the office.
    private int _demandB, _demandPublicB, _achievementPublicB, _institution;
    // Brokering: a recorded contract and an open introduction of zone B (the introduction pairs zone B's public demand).
    private int _contractB, _introductionB;
    // Rectification: an opened case of zone B with a document.
    private long _caseB, _caseDocumentB;
    // Applications and expert review: an application for a new zone and a panel on zone B, made by the office.
    private long _applicationB, _panelB;
    // Notifications: one for the office.
    private long _noticeOffice;
    // Accounts: a spare token of the office's and a spare account no session uses.
    private long _spareToken;
    private const string SpareAccount = "spare@example.org";
    // Background imports: a finished job the office started.
    private string _importJobOffice = "";

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await Cli("demo", "seed")).ExitCode);
        foreach (var (email, role, zone) in new[] { ("office@example.org", "admin", (string?)null), ("sy@example.org", "zone_operator", "shenyang"),
                     ("firm@example.org", "enterprise", null) })
            Assert.Equal(0, (await Cli(["users", "add", "--email", email, "--role", role, "--password", Password, .. zone is null ? Array.Empty<string>() : ["--zone", zone]])).ExitCode);
        Assert.Equal(0, (await Cli("users", "add", "--email", SpareAccount, "--role", "enterprise", "--password", Password)).ExitCode);
        Assert.Equal(0, (await Cli("users", "token", "--email", "office@example.org", "--name", "spare")).ExitCode);
        _spareToken = JsonDocument.Parse((await Cli("users", "tokens", "--email", "office@example.org", "--format", "json")).Output).RootElement.EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == "spare").GetProperty("id").GetInt64();
        _server = await RunningServer.StartAsync(store.Location);
        _api[Who.Anonymous] = TestHttp.Client(_server.Address);
        _api[Who.Enterprise] = await _server.TokenClientAsync(store, "firm@example.org");
        _api[Who.ZoneA] = await _server.TokenClientAsync(store, "sy@example.org");
        _api[Who.Office] = await _server.TokenClientAsync(store, "office@example.org");
        foreach (var (who, email) in new[] { (Who.Anonymous, ""), (Who.Enterprise, "firm@example.org"), (Who.ZoneA, "sy@example.org"), (Who.Office, "office@example.org") })
        {
            var session = new PageSession(_server.Address);
            if (email.Length > 0) Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(email, Password)).StatusCode);
            _pages[who] = session;
            _formTokens[who] = await session.TokenAsync(email.Length > 0 ? "/" : "/account/login");
        }

        // Zone B's resources, made by the office: enterprises with returns, one in the reserve pool, an alliance with a
        // project, a published evaluation run.
        var office = _api[Who.Office];
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(ReturnsCsv(EnterpriseA, "shenyang") + ReturnsCsv(EnterpriseB, ZoneB)[ReturnsHeader.Length..])), "file", "returns.csv" } })
            Assert.Equal(HttpStatusCode.OK, (await office.PostAsync("/api/enterprises/import", form)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.PostAsJsonAsync("/api/pool", new { creditCode = EnterpriseB, assessment = Assessment(), date = "2019-06-01" })).StatusCode);
        var added = await office.PostAsJsonAsync("/api/registries/alliance", new { name = "大连矩阵测试联盟", zone = ZoneB, founded = "2018-01-01" });
        _itemB = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var project = await office.PostAsJsonAsync($"/api/registries/items/{_itemB}/projects", new { name = "协同项目", started = "2019-01-01" });
        _projectB = (await project.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var run = await office.PostAsJsonAsync("/api/evaluations", new { year = 2019 });
        _run = (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await office.PostAsync($"/api/evaluations/runs/{_run}/publish", null)).StatusCode);
        // A published investment project of zone B.
        var investment = await office.PostAsJsonAsync("/api/investment-projects", new { title = "大连矩阵招商项目", sector = "software_outsourcing", zone = ZoneB, cooperation = "sole" });
        _investmentB = (await investment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await office.PostAsync($"/api/investment-projects/{_investmentB}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await office.PostAsync($"/api/investment-projects/{_investmentB}/publish", null)).StatusCode);

        // Policy library and news: zone B's items, made by the office — a draft policy and a draft news item to write, and a
        // published policy with an attachment and a published news item with an image to read.
        static async Task<JsonElement> Created(Task<HttpResponseMessage> request)
        {
            using var response = await request;
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id");
        }
        _policyB = (await Created(office.PostAsJsonAsync("/api/policies", new { title = "大连矩阵政策", zones = new[] { ZoneB } }))).GetString()!;
        _policyPublicB = (await Created(office.PostAsJsonAsync("/api/policies", new { title = "大连矩阵公开政策", zones = new[] { ZoneB } }))).GetString()!;
        using (var pdf = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4 matrix"u8.ToArray()), "file", "matrix.pdf" } })
            _attachmentB = (await Created(office.PostAsync($"/api/policies/{_policyPublicB}/attachments", pdf))).GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await office.PostAsync($"/api/policies/{_policyPublicB}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await office.PostAsJsonAsync($"/api/policies/{_policyPublicB}/publish", new { })).StatusCode);
        _newsB = (await Created(office.PostAsJsonAsync("/api/news", new { title = "大连矩阵新闻", zone = ZoneB }))).GetInt64();
        _newsPublicB = (await Created(office.PostAsJsonAsync("/api/news", new { title = "大连矩阵公开新闻", zone = ZoneB }))).GetInt64();
        using (var png = new MultipartFormDataContent { { new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]), "file", "dot.png" } })
            _imageB = (await Created(office.PostAsync($"/api/news/{_newsPublicB}/images", png))).GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await office.PostAsync($"/api/news/{_newsPublicB}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await office.PostAsJsonAsync($"/api/news/{_newsPublicB}/publish", new { })).StatusCode);

        _demandB = (await Created(office.PostAsJsonAsync("/api/market/demands", MarketDemand("大连矩阵技术需求")))).GetInt32();
        _demandPublicB = (await Created(office.PostAsJsonAsync("/api/market/demands", MarketDemand("大连矩阵公开需求")))).GetInt32();
        _achievementPublicB = (await Created(office.PostAsJsonAsync("/api/market/achievements", MarketAchievement("大连矩阵公开成果")))).GetInt32();
        foreach (var path in new[] { $"/api/market/demands/{_demandPublicB}", $"/api/market/achievements/{_achievementPublicB}" })
        {
            Assert.Equal(HttpStatusCode.NoContent, (await office.PostAsJsonAsync($"{path}/submit", new { version = 1 })).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await office.PostAsJsonAsync($"{path}/publish", new { version = 2 })).StatusCode);
        }
        _institution = (await office.GetFromJsonAsync<JsonElement>("/api/market/institutions")).EnumerateArray().First().GetProperty("id").GetInt32();
        _contractB = (await Created(office.PostAsJsonAsync("/api/market/contracts", new
        {
            type = "development", title = "大连矩阵技术合同", buyer = "买方", seller = "卖方", amountWan = 10, signed = "2019-05-01",
            registrationNumber = "MATRIX-B-1", zone = ZoneB, field = "software_outsourcing",
        }))).GetInt32();
        _introductionB = (await Created(office.PostAsJsonAsync("/api/market/introductions", new { demandId = _demandPublicB, partyName = "大连理工大学", zone = ZoneB }))).GetInt32();
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            var rectification = new Gaoxin.Data.Cases.CaseRecord
            {
                Kind = Core.Cases.CaseKind.Rectification, ZoneCode = ZoneB, Year = 2019, Status = "opened", Subject = "矩阵整改案件", OpenedAt = DateTimeOffset.UtcNow,
                OpenedBy = "office@example.org", Version = 1,
            };
            db.Cases.Add(rectification);
            await db.SaveChangesAsync();
            var document = new Gaoxin.Data.Cases.CaseDocumentRecord
            {
                CaseId = rectification.Id, FileName = "notice.pdf", ContentType = "application/pdf", Sha256 = new string('0', 64), Content = "%PDF-1.4"u8.ToArray(),
                UploadedAt = DateTimeOffset.UtcNow, UploadedBy = "office@example.org",
            };
            db.CaseDocuments.Add(document);
            await db.SaveChangesAsync();
            (_caseB, _caseDocumentB) = (rectification.Id, document.Id);
        }
        Assert.Equal(0, (await Cli("users", "add", "--email", "expert@example.org", "--role", "expert", "--password", Password)).ExitCode);
        _applicationB = (await Created(office.PostAsJsonAsync("/api/applications", new { kind = "new_provincial", zone = "matrixnew", year = 2019, applicant = "矩阵县人民政府", name = "矩阵高新区", nameEn = "Matrix zone", city = "大连市" }))).GetInt64();
        _panelB = (await Created(office.PostAsJsonAsync("/api/panels", new { item = "midterm_review", subject = "矩阵中期评估", zone = ZoneB, year = 2019, members = new[] { "expert@example.org" } }))).GetInt64();
        // A notification for the office.
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            var notice = Gaoxin.Data.Notices.NoticeBoard.Post(db, Gaoxin.Data.Notices.Audience.Office, "矩阵通知", "矩阵", null, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            _noticeOffice = notice.Id;
        }
        // A finished import job of the office's.
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
        {
            _importJobOffice = Gaoxin.Data.Imports.ImportJobStore.NewId();
            await Gaoxin.Data.Imports.ImportJobStore.CreateAsync(db, _importJobOffice, Gaoxin.Data.Imports.ImportJobStore.EnterpriseReturns, "office@example.org",
                null, "api", "returns.csv", 10, TimeProvider.System, default);
            await Gaoxin.Data.Imports.ImportJobStore.UpdateAsync(db, _importJobOffice, Gaoxin.Data.Imports.ImportJobStates.Failed, null, null, TimeProvider.System, default);
        }
    }

    private static object MarketDemand(string title) => new
    {
        title, problem = "数控机床主轴热变形补偿", field = "intelligent_manufacturing", zone = ZoneB, enterpriseName = "大连矩阵机床有限公司", contactPhone = "0411-0000",
    };

    private static object MarketAchievement(string title) => new
    {
        title, description = "主轴热误差建模与补偿技术", field = "intelligent_manufacturing", zone = ZoneB, maturity = "pilot", ipStatus = "invention_patent",
        cooperationModes = "license", ownerName = "大连矩阵研究院",
    };

    public async Task DisposeAsync()
    {
        foreach (var client in _api.Values) client.Dispose();
        foreach (var session in _pages.Values) session.Dispose();
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    private const string ReturnsHeader =
        "credit_code,name,zone,year,registered_on,industry,is_hte,revenue,employees,st_employees,rd_expense,st_expense,high_tech_revenue,net_assets,exports,vc_received,valuation_usd_m,listed\n";

    private static string ReturnsCsv(string code, string zone) => ReturnsHeader + $"{code},矩阵企业{zone},{zone},2019,2015-01-01,C39,0,6000,200,40,300,320,4800,1500,0,0,,0\n";

    /// <summary>A high-tech self-assessment the reserve pool's entry rule admits (the reserve pool spec's own case).</summary>
    private static JsonObject Assessment() => ReservePoolSpec.Depends();

    /// <summary>One declared rule: a route (pattern as the server declares it, method, page handler) and who may use it, with the request that tries.</summary>
    /// <remarks>
    /// <see cref="CallerOwned"/>: the write makes a record of the caller's own about zone B's resource (an expression of interest in
    /// zone B's public demand), which zone A's operator may make; it is exempt from the rule that zone A changes nothing of zone B's.
    /// </remarks>
    public sealed record Rule(string Method, string Pattern, Who Allowed, string Path, Func<HttpContent>? Body = null, string? Handler = null, bool CallerOwned = false)
    {
        public string Key => RouteKey(Method, Pattern, Handler);
    }

    public static string RouteKey(string method, string pattern, string? handler) => $"{method} {pattern}{(handler is null ? "" : "?handler=" + handler)}";

    private static Rule Get(string pattern, Who allowed, string path) => new("GET", pattern, allowed, path);

    private static Rule Send(string method, string pattern, Who allowed, string path, object? json = null) =>
        new(method, pattern, allowed, path, () => JsonContent.Create(json ?? new { }));

    private static Rule Upload(string pattern, Who allowed, string path, string fileName, string content) =>
        new("POST", pattern, allowed, path, () => new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", fileName } });

    private static Rule PostPage(string pattern, string? handler, Who allowed, string path, params (string Name, string Value)[] fields) =>
        new("POST", pattern, allowed, handler is null ? path : $"{path}?handler={handler}",
            () => new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))), handler);

    /// <summary>The matrix: every route the server answers, and who may use it on zone B's resources.</summary>
    private List<Rule> Matrix()
    {
        var item = _itemB;
        var csvB = ReturnsCsv(EnterpriseB, ZoneB);
        var badCsvB = csvB.Replace(",6000,", ",-6000,");
        var dataCsvB = $"unit,year,element,value\n{ZoneB},2019,gdp,1\n";
        return
        [
            // Infrastructure and the API description.
            Get("/healthz", Who.Everyone, "/healthz"),
            Get("/readyz", Who.Everyone, "/readyz"),
            Get("/openapi/{documentName}.json", Who.Everyone, "/openapi/v1.json"),
            Get("/scalar/{documentName?}", Who.Everyone, "/scalar/v1"),
            Get("/scalar/scalar.js", Who.Everyone, "/scalar/scalar.js"),
            Get("/scalar/scalar.aspnetcore.js", Who.Everyone, "/scalar/scalar.aspnetcore.js"),
            Get("/scalar/favicon.svg", Who.Everyone, "/scalar/favicon.svg"),
            Get("/lang/{culture}", Who.Everyone, "/lang/en?returnUrl=/"),
            Get("/api/ping", Who.Everyone, "/api/ping"),

            // Plans, zones, monitoring: public reads; decomposition and key tasks written by the office.
            Get("/api/plans", Who.Everyone, "/api/plans"),
            Get("/api/plans/{id}", Who.Everyone, $"/api/plans/{Plan}"),
            Get("/api/plans/{id}/progress", Who.Everyone, $"/api/plans/{Plan}/progress?year=2019"),
            Get("/api/plans/{id}/decomposition", Who.Everyone, $"/api/plans/{Plan}/decomposition"),
            Send("PUT", "/api/plans/{id}/targets/{targetId}/decomposition", Who.Office, $"/api/plans/{Plan}/targets/rd_intensity/decomposition",
                new { zones = new Dictionary<string, object> { [ZoneB] = new { value = 3.1 } } }),
            Get("/api/plans/{id}/tasks", Who.Everyone, $"/api/plans/{Plan}/tasks"),
            Send("PUT", "/api/plans/{id}/tasks/{taskId}", Who.Office, $"/api/plans/{Plan}/tasks/evaluation.yellow_card", new { status = "in_progress" }),
            Get("/api/zones", Who.Everyone, "/api/zones"),
            Get("/api/zones/{code}", Who.Everyone, $"/api/zones/{ZoneB}"),

            // Yearly data: approved figures public; the draft and its steps for those who report for the zone, approval for the office.
            Get("/api/zones/{code}/data/{year:int}", Who.Everyone, $"/api/zones/{ZoneB}/data/2019"),
            Send("PUT", "/api/zones/{code}/data/{year:int}", Who.Office, $"/api/zones/{ZoneB}/data/2021", new { values = new Dictionary<string, decimal> { ["gdp"] = 1 } }),
            Send("POST", "/api/zones/{code}/data/{year:int}/submit", Who.Office, $"/api/zones/{ZoneB}/data/2021/submit"),
            Send("POST", "/api/zones/{code}/data/{year:int}/approve", Who.Office, $"/api/zones/{ZoneB}/data/2022/approve"),
            Send("POST", "/api/zones/{code}/data/{year:int}/return", Who.Office, $"/api/zones/{ZoneB}/data/2022/return", new { comment = "请核对" }),
            Get("/api/data/elements", Who.Everyone, "/api/data/elements"),
            Upload("/api/data/import", Who.Staff, "/api/data/import?dryRun=true", "b.csv", dataCsvB),
            Get("/api/audit", Who.Staff, $"/api/audit?zone={ZoneB}"),
            Get("/api/reports/completeness", Who.Staff, "/api/reports/completeness?year=2019"),

            // Evaluation: published runs public; running and publishing the office's.
            Get("/api/evaluations", Who.Everyone, "/api/evaluations"),
            Get("/api/evaluations/{year:int}", Who.Everyone, "/api/evaluations/2019"),
            Get("/api/evaluations/{year:int}/{zone}", Who.Everyone, $"/api/evaluations/2019/{ZoneB}"),
            Send("POST", "/api/evaluations", Who.Office, "/api/evaluations", new { year = 2018 }),
            Send("POST", "/api/evaluations/runs/{id:long}/publish", Who.Office, $"/api/evaluations/runs/{_run}/publish"),

            // Registries: public reads (approved items); keeping zone B's items is B's or the office's, deciding the office's.
            Get("/api/registries", Who.Everyone, "/api/registries"),
            Get("/api/registries/{type}", Who.Everyone, $"/api/registries/alliance?zone={ZoneB}"),
            Send("POST", "/api/registries/{type}", Who.Office, "/api/registries/alliance", new { name = "矩阵新增联盟", zone = ZoneB, founded = "2019-01-01" }),
            Get("/api/registries/items/{id}", Who.Everyone, $"/api/registries/items/{item}"),
            Send("PUT", "/api/registries/items/{id}", Who.Office, $"/api/registries/items/{item}", new { name = "大连矩阵测试联盟(改)" }),
            Send("POST", "/api/registries/items/{id}/approve", Who.Office, $"/api/registries/items/{item}/approve"),
            Send("POST", "/api/registries/items/{id}/reject", Who.Office, $"/api/registries/items/{item}/reject"),
            Send("POST", "/api/registries/items/{id}/change/approve", Who.Office, $"/api/registries/items/{item}/change/approve"),
            Send("POST", "/api/registries/items/{id}/change/reject", Who.Office, $"/api/registries/items/{item}/change/reject"),
            Send("PUT", "/api/registries/items/{id}/figures/{year:int}", Who.Office, $"/api/registries/items/{item}/figures/2019", new Dictionary<string, decimal> { ["members"] = 12 }),
            Send("POST", "/api/registries/items/{id}/figures/{year:int}/approve", Who.Office, $"/api/registries/items/{item}/figures/2019/approve"),
            Send("POST", "/api/registries/items/{id}/projects", Who.Office, $"/api/registries/items/{item}/projects", new { name = "矩阵项目", started = "2019-02-01" }),
            Send("POST", "/api/registries/projects/{projectId:int}/approve", Who.Office, $"/api/registries/projects/{_projectB}/approve"),
            Send("POST", "/api/registries/projects/{projectId:int}/reject", Who.Office, $"/api/registries/projects/{_projectB}/reject"),
            new("POST", "/api/registries/{type}/import", Who.Staff, "/api/registries/alliance/import", () => new ByteArrayContent("not a workbook"u8.ToArray())),
            Send("POST", "/api/registries/items/{id}/close", Who.Office, $"/api/registries/items/{item}/close", new { closed = "2020-12-31" }),
            Get("/api/zones/{code}/counts", Who.Everyone, $"/api/zones/{ZoneB}/counts?year=2019"),

            // Enterprise returns, gazelles and the reserve pool: the office and a zone's own operator only.
            Get("/api/enterprises", Who.Office, $"/api/enterprises?zone={ZoneB}"),
            Get("/api/enterprises/{creditCode}", Who.Office, $"/api/enterprises/{EnterpriseB}"),
            // Zone A's operator may import returns (the role), but zone B's rows are refused as located problems (400) and nothing is stored.
            Upload("/api/enterprises/import", Who.Staff, "/api/enterprises/import", "returns.csv", csvB),
            Send("PUT", "/api/enterprises/{creditCode}/certificate", Who.Office, $"/api/enterprises/{EnterpriseB}/certificate", new { number = "GR201921000001", issuedOn = "2019-11-01" }),
            Get("/api/zones/{code}/enterprise-aggregates", Who.Office, $"/api/zones/{ZoneB}/enterprise-aggregates"),
            // Background imports: zone A's operator may start one (the role), and the job then refuses zone B's rows and stores nothing
            // but its own record; a job is seen and cancelled by its owner and the office only (the office's own job here, finished: 409).
            // The file has a bad row, so that no job (the office's included) writes while later requests are compared.
            Upload("/api/imports/enterprise-returns", Who.Staff, "/api/imports/enterprise-returns", "returns.csv", badCsvB),
            Get("/api/imports/{id}", Who.Office, $"/api/imports/{_importJobOffice}"),
            Send("POST", "/api/imports/{id}/cancel", Who.Office, $"/api/imports/{_importJobOffice}/cancel"),
            Upload("/imports/enterprise-returns", Who.Staff, "/imports/enterprise-returns", "returns.csv", badCsvB),
            Get("/imports/{id}", Who.Office, $"/imports/{_importJobOffice}"),
            PostPage("/imports/{id}", "Cancel", Who.Office, $"/imports/{_importJobOffice}"),
            Get("/api/gazelles", Who.Office, $"/api/gazelles?year=2019&zone={ZoneB}"),
            Get("/api/pool", Who.Office, $"/api/pool?zone={ZoneB}"),
            Get("/api/pool/counts", Who.Office, $"/api/pool/counts?year=2019&zone={ZoneB}"),
            Send("POST", "/api/pool", Who.Office, "/api/pool", new { creditCode = EnterpriseB, assessment = Assessment(), date = "2019-06-02" }),
            Send("POST", "/api/pool/{creditCode}/move", Who.Office, $"/api/pool/{EnterpriseB}/move", new { to = "in_pool", date = "2019-07-01" }),
            Send("POST", "/api/pool/{creditCode}/trainings", Who.Office, $"/api/pool/{EnterpriseB}/trainings", new { date = "2019-08-01", course = "政策宣讲", hours = 2 }),

            // Self-checks: anonymous, nothing stored.
            Send("POST", "/api/hte/assess", Who.Everyone, "/api/hte/assess"),
            Send("POST", "/api/tech-sme/assess", Who.Everyone, "/api/tech-sme/assess"),
            Get("/api/rules", Who.Everyone, "/api/rules"),

            // Search: the public full-text search, anonymous, over public items only.
            Get("/api/search", Who.Everyone, "/api/search?q=%E8%81%94%E7%9B%9F"),
            Get("/search", Who.Everyone, "/search?q=%E8%81%94%E7%9B%9F"),

            // Downloads.
            Get("/data/template/{year:int}.xlsx", Who.Office, $"/data/template/2019.xlsx?zone={ZoneB}"),
            Get("/data/export/{year:int}.csv", Who.Everyone, "/data/export/2019.csv"),
            Get("/enterprises/returns-template.csv", Who.Everyone, "/enterprises/returns-template.csv"),
            Get("/maps/province.json", Who.Everyone, "/maps/province.json"),
            Get("/data/export/{year:int}.xlsx", Who.Everyone, "/data/export/2019.xlsx"),
            Get("/registries/{type}/export.xlsx", Who.Everyone, $"/registries/alliance/export.xlsx?zone={ZoneB}"),
            Get("/evaluation/{year:int}/bulletin.xlsx", Who.Everyone, "/evaluation/2019/bulletin.xlsx"),
            Get("/monitoring/report/{year:int}.xlsx", Who.Everyone, "/monitoring/report/2019.xlsx"),

            // Home map, zone profiles and comparison, open data: public reads (the open API anonymous, GET only, CORS, rate limited);
            // a zone's contact is written by the office or that zone's own operator (zone A's operator is refused zone B's).
            Get("/zones/compare", Who.Everyone, $"/zones/compare?codes=shenyang,{ZoneB}"),
            Get("/open-data", Who.Everyone, "/open-data"),
            Get("/api/open", Who.Everyone, "/api/open"),
            Get("/api/open/{dataset}.{format}", Who.Everyone, "/api/open/figures.jsonstat"),
            Get("/api/zones/{code}/contact", Who.Everyone, $"/api/zones/{ZoneB}/contact"),
            Send("PUT", "/api/zones/{code}/contact", Who.Office, $"/api/zones/{ZoneB}/contact", new { phone = "0411-8479 0000" }),
            Get("/zones/{code}/contact", Who.Office, $"/zones/{ZoneB}/contact"),
            PostPage("/zones/{code}/contact", null, Who.Office, $"/zones/{ZoneB}/contact", ("Phone", "0411-8479 0001")),

            // Public pages.
            Get("/", Who.Everyone, "/"),
            Get("/zones", Who.Everyone, "/zones"),
            Get("/zones/{code}", Who.Everyone, $"/zones/{ZoneB}"),
            Get("/plans/{id?}", Who.Everyone, $"/plans/{Plan}"),
            Get("/account/login", Who.Everyone, "/account/login"),
            PostPage("/account/login", null, Who.Everyone, "/account/login", ("Email", "nobody@example.org"), ("Password", "wrong-password-1")) with { CallerOwned = true },
            // The denied page is itself the refusal: it answers 403 to everyone.
            Get("/account/denied", Who.None, "/account/denied"),
            // Accounts: each signed-in account its own password (a wrong current one here) and tokens (the office's spare token is
            // not the others' to revoke); the users and the audit log for the office, on a spare account no session uses.
            Get("/account/password", Who.SignedIn, "/account/password"),
            PostPage("/account/password", null, Who.SignedIn, "/account/password", ("Current", "not-the-password"), ("New", "a-new-long-password"),
                ("Confirm", "a-new-long-password")) with { CallerOwned = true },
            Get("/account/tokens", Who.SignedIn, "/account/tokens"),
            PostPage("/account/tokens", "Create", Who.SignedIn, "/account/tokens", ("Name", "matrix")) with { CallerOwned = true },
            PostPage("/account/tokens", "Revoke", Who.Office, "/account/tokens", ("id", _spareToken.ToString())),
            Get("/admin/users", Who.Office, "/admin/users"),
            PostPage("/admin/users", "Create", Who.Office, "/admin/users", ("Email", "matrix-new@example.org"), ("Role", "enterprise")),
            PostPage("/admin/users", "Change", Who.Office, "/admin/users", ("Email", SpareAccount), ("Role", "enterprise")),
            PostPage("/admin/users", "Disable", Who.Office, "/admin/users", ("Email", SpareAccount)),
            PostPage("/admin/users", "Enable", Who.Office, "/admin/users", ("Email", SpareAccount)),
            PostPage("/admin/users", "Reset", Who.Office, "/admin/users", ("Email", SpareAccount), ("Password", "matrix-reset-password")),
            Get("/admin/audit", Who.Office, $"/admin/audit?zone={ZoneB}"),
            // The error page answers the status it shows (here 404) to everyone; failed requests of pages are re-executed to it.
            Get("/error/{status:int}", Who.None, "/error/404"),
            PostPage("/error/{status:int}", null, Who.None, "/error/404"),
            Get("/monitoring", Who.Everyone, "/monitoring?year=2019"),
            Get("/monitoring/report/{year:int}", Who.Everyone, "/monitoring/report/2019"),
            Get("/monitoring/targets/{id}", Who.Everyone, "/monitoring/targets/rd_intensity"),
            Get("/monitoring/zones/{code}", Who.Everyone, $"/monitoring/zones/{ZoneB}"),
            Get("/monitoring/tasks", Who.Everyone, "/monitoring/tasks"),
            PostPage("/monitoring/tasks", null, Who.Office, "/monitoring/tasks", ("taskId", "evaluation.yellow_card"), ("status", "in_progress")),
            Get("/monitoring/targets/{id}/decompose", Who.Office, "/monitoring/targets/rd_intensity/decompose"),
            PostPage("/monitoring/targets/{id}/decompose", "Save", Who.Office, "/monitoring/targets/rd_intensity/decompose", ($"zone_{ZoneB}", "3.1")),
            PostPage("/monitoring/targets/{id}/decompose", "Proportional", Who.Office, "/monitoring/targets/rd_intensity/decompose", ("element", "gdp"), ("year", "2019")),
            // The monitoring report: published editions public (none here, so the office's preview only); drafts and steps the office's;
            // a zone's task reports and self-assessment its own operator's or the office's.
            Get("/api/monitoring/reports", Who.Everyone, "/api/monitoring/reports"),
            Get("/api/monitoring/reports/{year:int}", Who.Office, "/api/monitoring/reports/2019"),
            Send("POST", "/api/monitoring/reports/{year:int}/draft", Who.Office, "/api/monitoring/reports/2019/draft", new { kind = "yearly" }),
            Send("PUT", "/api/monitoring/reports/{year:int}/narratives", Who.Office, "/api/monitoring/reports/2019/narratives", new { version = 0, narratives = new { summary = "矩阵" } }),
            Send("POST", "/api/monitoring/reports/{year:int}/submit", Who.Office, "/api/monitoring/reports/2019/submit", new { version = 0 }),
            Send("POST", "/api/monitoring/reports/{year:int}/return", Who.Office, "/api/monitoring/reports/2019/return", new { version = 0 }),
            Send("POST", "/api/monitoring/reports/{year:int}/publish", Who.Office, "/api/monitoring/reports/2019/publish", new { version = 0 }),
            Get("/api/monitoring/reports/{year:int}/self-assessments", Who.Office, "/api/monitoring/reports/2019/self-assessments"),
            Get("/api/monitoring/reports/{year:int}/zones/{zone}/tasks", Who.Office, $"/api/monitoring/reports/2019/zones/{ZoneB}/tasks"),
            Send("PUT", "/api/monitoring/reports/{year:int}/zones/{zone}/tasks", Who.Office, $"/api/monitoring/reports/2019/zones/{ZoneB}/tasks",
                new { tasks = new[] { new { task = "institutions.reform.column1.pilots.dalian", status = "on_track", narrative = "矩阵" } } }),
            Get("/api/monitoring/reports/{year:int}/zones/{zone}/self-assessment", Who.Office, $"/api/monitoring/reports/2019/zones/{ZoneB}/self-assessment"),
            Send("PUT", "/api/monitoring/reports/{year:int}/zones/{zone}/self-assessment", Who.Office, $"/api/monitoring/reports/2019/zones/{ZoneB}/self-assessment",
                new { sections = new { targets = "矩阵" } }),
            Send("POST", "/api/monitoring/reports/{year:int}/zones/{zone}/self-assessment/submit", Who.Office, $"/api/monitoring/reports/2019/zones/{ZoneB}/self-assessment/submit"),
            Send("POST", "/api/monitoring/reports/{year:int}/zones/{zone}/self-assessment/return", Who.Office, $"/api/monitoring/reports/2019/zones/{ZoneB}/self-assessment/return", new { comment = "矩阵" }),
            Send("POST", "/api/monitoring/reports/{year:int}/zones/{zone}/self-assessment/accept", Who.Office, $"/api/monitoring/reports/2019/zones/{ZoneB}/self-assessment/accept"),
            Get("/monitoring/reports/{year:int}.docx", Who.Office, "/monitoring/reports/2019.docx"),
            Get("/monitoring/reports/{year:int}.xlsx", Who.Office, "/monitoring/reports/2019.xlsx"),
            Get("/monitoring/reports/{year:int}", Who.Office, "/monitoring/reports/2019"),
            PostPage("/monitoring/reports/{year:int}", "Draft", Who.Office, "/monitoring/reports/2019", ("kind", "yearly")),
            PostPage("/monitoring/reports/{year:int}", "Save", Who.Office, "/monitoring/reports/2019", ("id", "0"), ("version", "0"), ("n_summary", "矩阵")),
            PostPage("/monitoring/reports/{year:int}", "Submit", Who.Office, "/monitoring/reports/2019", ("id", "0"), ("version", "0")),
            PostPage("/monitoring/reports/{year:int}", "Return", Who.Office, "/monitoring/reports/2019", ("id", "0"), ("version", "0")),
            PostPage("/monitoring/reports/{year:int}", "Publish", Who.Office, "/monitoring/reports/2019", ("id", "0"), ("version", "0")),
            Get("/monitoring/reports/self-assessments/{year:int}", Who.Office, "/monitoring/reports/self-assessments/2019"),
            PostPage("/monitoring/reports/self-assessments/{year:int}", "Return", Who.Office, "/monitoring/reports/self-assessments/2019", ("zone", ZoneB), ("version", "0"), ("comment", "矩阵")),
            PostPage("/monitoring/reports/self-assessments/{year:int}", "Accept", Who.Office, "/monitoring/reports/self-assessments/2019", ("zone", ZoneB), ("version", "0")),
            Get("/zones/report/{year:int}", Who.Office, $"/zones/report/2019?zone={ZoneB}"),
            PostPage("/zones/report/{year:int}", "Tasks", Who.Office, "/zones/report/2019", ("zone", ZoneB), ("status_institutions.reform.column1.pilots.dalian", "done")),
            PostPage("/zones/report/{year:int}", "SaveAssessment", Who.Office, "/zones/report/2019", ("zone", ZoneB), ("s_targets", "矩阵")),
            PostPage("/zones/report/{year:int}", "SubmitAssessment", Who.Office, "/zones/report/2019", ("zone", ZoneB), ("s_targets", "矩阵")),
            Get("/evaluation", Who.Everyone, "/evaluation"),
            PostPage("/evaluation", "Run", Who.Office, "/evaluation", ("year", "2017"), ("sensitivity", "0"), ("seed", "1")),
            PostPage("/evaluation", "Publish", Who.Office, "/evaluation", ("run", _run.ToString()), ("year", "2019")),
            Get("/evaluation/models", Who.Everyone, "/evaluation/models"),
            Get("/evaluation/{year:int}/{zone}", Who.Everyone, $"/evaluation/2019/{ZoneB}"),
            Get("/evaluation/{year:int}/bulletin", Who.Everyone, "/evaluation/2019/bulletin"),
            Get("/enterprises/self-assessment", Who.Everyone, "/enterprises/self-assessment"),
            PostPage("/enterprises/self-assessment", null, Who.Everyone, "/enterprises/self-assessment"),
            Get("/enterprises/tech-sme", Who.Everyone, "/enterprises/tech-sme"),
            PostPage("/enterprises/tech-sme", null, Who.Everyone, "/enterprises/tech-sme"),

            // Data collection pages: reading public; a zone's report written by its own operator or the office.
            Get("/data", Who.Everyone, "/data"),
            PostPage("/data", "Demo", Who.Office, "/data"),
            new("POST", "/data", Who.Staff, "/data?handler=Import",
                () => new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(dataCsvB)), "file", "b.csv" }, { new StringContent("true"), "dryRun" } }, "Import"),
            Get("/zones/{code}/data/{year:int}", Who.Everyone, $"/zones/{ZoneB}/data/2019"),
            PostPage("/zones/{code}/data/{year:int}", "Save", Who.Office, $"/zones/{ZoneB}/data/2023", ("v_gdp", "1")),
            PostPage("/zones/{code}/data/{year:int}", "Submit", Who.Office, $"/zones/{ZoneB}/data/2023"),
            PostPage("/zones/{code}/data/{year:int}", "Approve", Who.Office, $"/zones/{ZoneB}/data/2024"),
            PostPage("/zones/{code}/data/{year:int}", "Return", Who.Office, $"/zones/{ZoneB}/data/2024", ("ReturnComment", "请核对")),
            new("POST", "/zones/{code}/data/{year:int}", Who.Office, $"/zones/{ZoneB}/data/2023?handler=Upload",
                () => new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(dataCsvB)), "file", "b.csv" } }, "Upload"),

            // Registry pages.
            Get("/registries", Who.Everyone, "/registries"),
            Get("/registries/clusters", Who.Everyone, "/registries/clusters"),
            Get("/registries/{type}", Who.Everyone, "/registries/alliance"),
            PostPage("/registries/{type}", "Add", Who.Office, "/registries/alliance", ("name", "矩阵页面联盟"), ("zone", ZoneB), ("founded", "2019-03-01")),
            PostPage("/registries/{type}", "Decide", Who.Office, "/registries/alliance", ("id", item), ("approve", "true")),
            new("POST", "/registries/{type}", Who.Staff, "/registries/alliance?handler=Import",
                () => new MultipartFormDataContent { { new ByteArrayContent("not a workbook"u8.ToArray()), "file", "x.xlsx" } }, "Import"),
            Get("/registries/items/{id}", Who.Everyone, $"/registries/items/{item}"),
            PostPage("/registries/items/{id}", "Edit", Who.Office, $"/registries/items/{item}", ("name", "大连矩阵测试联盟(页)")),
            PostPage("/registries/items/{id}", "DecideChange", Who.Office, $"/registries/items/{item}", ("approve", "true")),
            PostPage("/registries/items/{id}", "Figures", Who.Office, $"/registries/items/{item}", ("year", "2020"), ("figures[members]", "13")),
            PostPage("/registries/items/{id}", "DecideFigures", Who.Office, $"/registries/items/{item}", ("year", "2020"), ("approve", "true")),
            PostPage("/registries/items/{id}", "Project", Who.Office, $"/registries/items/{item}", ("name", "页面项目"), ("started", "2019-05-01")),
            PostPage("/registries/items/{id}", "DecideProject", Who.Office, $"/registries/items/{item}", ("projectId", _projectB.ToString()), ("approve", "true")),
            PostPage("/registries/{type}", "Close", Who.Office, "/registries/alliance", ("id", item), ("closed", "2020-12-31")),

            // Enterprise pages: the office and zone operators (their own zone's enterprises).
            Get("/enterprises", Who.Staff, "/enterprises"),
            // As the API: zone B's rows are shown back to zone A's operator as located problems.
            new("POST", "/enterprises", Who.Staff, "/enterprises?handler=Import",
                () => new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csvB)), "file", "returns.csv" } }, "Import"),
            Get("/enterprises/{creditCode}", Who.Office, $"/enterprises/{EnterpriseB}"),
            PostPage("/enterprises/{creditCode}", "Certificate", Who.Office, $"/enterprises/{EnterpriseB}", ("number", "GR201921000002"), ("issuedOn", "2019-11-02")),
            Get("/enterprises/gazelles", Who.Staff, "/enterprises/gazelles?year=2019"),
            Get("/enterprises/pool", Who.Staff, "/enterprises/pool"),
            PostPage("/enterprises/pool", "Propose", Who.Office, "/enterprises/pool", ("creditCode", EnterpriseB), ("assessment", Assessment().ToJsonString()), ("date", "2019-06-03")),
            PostPage("/enterprises/pool", "ProposeForm", Who.Office, "/enterprises/pool",
                [("creditCode", EnterpriseB), ("date", "2019-06-03"), .. ReservePoolSpec.DependsForm().Select(f => (f.Key, f.Value))]),
            PostPage("/enterprises/pool", "Move", Who.Office, "/enterprises/pool", ("creditCode", EnterpriseB), ("to", "in_pool"), ("date", "2019-07-02")),
            PostPage("/enterprises/pool", "Train", Who.Office, "/enterprises/pool", ("creditCode", EnterpriseB), ("date", "2019-08-02"), ("course", "政策宣讲"), ("hours", "2")),

            // Investment projects and site selection: public reads (published projects only); zone B's project kept by B's operator or
            // the office (which zone: the store), reviewed by the office; the management page for zone staff. Withdrawing comes last.
            Get("/api/investment-projects", Who.Everyone, "/api/investment-projects?sector=software_outsourcing"),
            Get("/api/investment-projects/{id:int}", Who.Everyone, $"/api/investment-projects/{_investmentB}"),
            Get("/investment", Who.Everyone, "/investment?zone=dalian"),
            Get("/investment/{id:int}", Who.Everyone, $"/investment/{_investmentB}"),
            Get("/investment/manage", Who.Staff, "/investment/manage"),

            // Technology market, brokering and contracts: interests by enterprise accounts and zone operators (the office brokers
            // instead); introductions and contracts for zone staff, zone B's reached by the office alone (which zone: the stores);
            // approving and returning the office's. The yearly report: the province public, zones' sections decided inside.
            Get("/api/market/interests", Who.SignedIn, "/api/market/interests"),
            Send("POST", "/api/market/interests", Who.Enterprise | Who.ZoneA, "/api/market/interests", new { side = "demand", profileId = _demandPublicB, message = "矩阵意向" })
                with { CallerOwned = true },
            Get("/api/market/introductions", Who.Staff, "/api/market/introductions"),
            Get("/api/market/introductions/{id:int}", Who.Office, $"/api/market/introductions/{_introductionB}"),
            Send("POST", "/api/market/introductions", Who.Office, "/api/market/introductions", new { demandId = _demandPublicB, partyName = "矩阵高校" }),
            Send("POST", "/api/market/introductions/{id:int}/notes", Who.Office, $"/api/market/introductions/{_introductionB}/notes", new { version = 1, text = "矩阵跟进" }),
            Get("/api/market/contracts", Who.Staff, "/api/market/contracts?year=2019"),
            Get("/api/market/contracts/{id:int}", Who.Office, $"/api/market/contracts/{_contractB}"),
            Send("POST", "/api/market/contracts", Who.Office, "/api/market/contracts", new { type = "development", title = "矩阵合同", buyer = "买方", seller = "卖方", amountWan = 10, signed = "2019-05-01", registrationNumber = "MATRIX-B-2", zone = ZoneB, field = "software_outsourcing", version = 1 }),
            Send("PUT", "/api/market/contracts/{id:int}", Who.Office, $"/api/market/contracts/{_contractB}", new { type = "development", title = "矩阵合同", buyer = "买方", seller = "卖方", amountWan = 10, signed = "2019-05-01", registrationNumber = "MATRIX-B-1", zone = ZoneB, field = "software_outsourcing", version = 1 }),
            Send("POST", "/api/market/contracts/{id:int}/return", Who.Office, $"/api/market/contracts/{_contractB}/return", new { version = 1, comment = "请核对" }),
            Send("POST", "/api/market/contracts/{id:int}/approve", Who.Office, $"/api/market/contracts/{_contractB}/approve", new { version = 1 }),
            Send("POST", "/api/market/contracts/{id:int}/revisions", Who.Office, $"/api/market/contracts/{_contractB}/revisions", new { type = "development", title = "矩阵合同", buyer = "买方", seller = "卖方", amountWan = 10, signed = "2019-05-01", registrationNumber = "MATRIX-B-1", zone = ZoneB, field = "software_outsourcing", version = 1 }),
            Send("POST", "/api/market/introductions/{id:int}/close", Who.Office, $"/api/market/introductions/{_introductionB}/close", new { version = 1, outcome = "no_deal", reason = "矩阵" }),
            Get("/api/market/report", Who.Everyone, "/api/market/report?year=2019"),
            Get("/market/report.xlsx", Who.Everyone, "/market/report.xlsx?year=2019"),
            Get("/market/report", Who.Everyone, "/market/report?year=2019"),
            Get("/market/deals", Who.Staff, "/market/deals"),
            PostPage("/market/deals", "Record", Who.Office, "/market/deals", ("Contract.Type", "service"), ("Contract.Title", "矩阵页面合同"), ("Contract.Buyer", "买方"),
                ("Contract.Seller", "卖方"), ("Contract.AmountWan", "5"), ("Contract.Signed", "2019-07-01"), ("Contract.RegistrationNumber", "MATRIX-B-3"),
                ("Contract.Zone", ZoneB), ("Contract.Field", "software_outsourcing")),
            PostPage("/market/deals", "Step", Who.Office, "/market/deals", ("id", _contractB.ToString()), ("version", "1"), ("step", "approve")),
            PostPage("/market/deals", "Open", Who.Office, "/market/deals", ("demandId", _demandPublicB.ToString()), ("partyName", "矩阵页面高校")),
            PostPage("/market/deals", "Note", Who.Office, "/market/deals", ("id", _introductionB.ToString()), ("version", "1"), ("text", "矩阵页面跟进")),
            PostPage("/market/deals", "Close", Who.Office, "/market/deals", ("id", _introductionB.ToString()), ("version", "1"), ("outcome", "no_deal"), ("reason", "矩阵")),
            Get("/site-selection", Who.Everyone, "/site-selection?industry=%E6%B6%B2%E5%8E%8B&needs=land"),
            Get("/api/site-selection", Who.Everyone, "/api/site-selection?industry=%E6%B6%B2%E5%8E%8B&needs=land"),
            Send("POST", "/api/investment-projects", Who.Office, "/api/investment-projects", new { title = "矩阵新增招商项目", sector = "hydraulics", zone = ZoneB, cooperation = "sole" }),
            Send("PUT", "/api/investment-projects/{id:int}", Who.Office, $"/api/investment-projects/{_investmentB}", new { title = "改名", sector = "hydraulics", zone = ZoneB, cooperation = "sole" }),
            Send("POST", "/api/investment-projects/{id:int}/submit", Who.Office, $"/api/investment-projects/{_investmentB}/submit"),
            Send("POST", "/api/investment-projects/{id:int}/publish", Who.Office, $"/api/investment-projects/{_investmentB}/publish"),
            Send("POST", "/api/investment-projects/{id:int}/return", Who.Office, $"/api/investment-projects/{_investmentB}/return", new { comment = "请核对" }),
            PostPage("/investment/manage", "Create", Who.Office, "/investment/manage", ("Input.Title", "矩阵页面招商项目"), ("Input.Sector", "hydraulics"), ("Input.Zone", ZoneB), ("Input.Cooperation", "sole")),
            PostPage("/investment/manage", "Step", Who.Office, "/investment/manage", ("id", _investmentB.ToString()), ("step", "submit")),
            Send("POST", "/api/investment-projects/{id:int}/withdraw", Who.Office, $"/api/investment-projects/{_investmentB}/withdraw"),
            // Policy library and news: public reading of published items; writing zone B's items is the office's (zone A's operator
            // passes the role rule but finds zone B's items out of reach); publishing, returning and withdrawing are the office's.
            Get("/api/policies", Who.Everyone, "/api/policies?type=hte&zone=dalian"),
            Get("/api/policies/{id}", Who.Everyone, $"/api/policies/{_policyPublicB}"),
            Send("POST", "/api/policies", Who.Office, "/api/policies", new { title = "矩阵新政策", zones = new[] { ZoneB } }),
            Send("PUT", "/api/policies/{id}", Who.Office, $"/api/policies/{_policyB}", new { title = "大连矩阵政策(改)", zones = new[] { ZoneB } }),
            Send("POST", "/api/policies/{id}/submit", Who.Office, $"/api/policies/{_policyB}/submit"),
            Send("POST", "/api/policies/{id}/return", Who.Office, $"/api/policies/{_policyB}/return", new { comment = "请核对" }),
            Send("POST", "/api/policies/{id}/publish", Who.Office, $"/api/policies/{_policyB}/publish"),
            Send("POST", "/api/policies/{id}/withdraw", Who.Office, $"/api/policies/{_policyB}/withdraw"),
            Upload("/api/policies/{id}/attachments", Who.Office, $"/api/policies/{_policyB}/attachments", "b.pdf", "%PDF-1.4 b"),
            Get("/policies/{id}/attachments/{attachmentId:long}", Who.Everyone, $"/policies/{_policyPublicB}/attachments/{_attachmentB}"),
            Get("/policies", Who.Everyone, "/policies?type=hte&zone=dalian"),
            Get("/policies/{id}", Who.Everyone, $"/policies/{_policyPublicB}"),
            Get("/policies/manage", Who.Staff, "/policies/manage"),
            PostPage("/policies/manage", "Create", Who.Office, "/policies/manage", ("Form.Title", "矩阵页面政策"), ("Form.Zones", ZoneB)),
            Get("/policies/manage/{id}", Who.Office, $"/policies/manage/{_policyB}"),
            PostPage("/policies/manage/{id}", "Save", Who.Office, $"/policies/manage/{_policyB}", ("Form.Title", "大连矩阵政策(页)"), ("Form.Zones", ZoneB)),
            PostPage("/policies/manage/{id}", "Step", Who.Office, $"/policies/manage/{_policyB}", ("step", "submit")),
            PostPage("/policies/manage/{id}", "Attach", Who.Office, $"/policies/manage/{_policyB}"),
            Get("/api/news", Who.Everyone, $"/api/news?zone={ZoneB}"),
            Get("/api/news/{id:long}", Who.Everyone, $"/api/news/{_newsPublicB}"),
            Send("POST", "/api/news", Who.Office, "/api/news", new { title = "矩阵新新闻", zone = ZoneB }),
            Send("PUT", "/api/news/{id:long}", Who.Office, $"/api/news/{_newsB}", new { title = "大连矩阵新闻(改)", zone = ZoneB }),
            Send("POST", "/api/news/{id:long}/submit", Who.Office, $"/api/news/{_newsB}/submit"),
            Send("POST", "/api/news/{id:long}/return", Who.Office, $"/api/news/{_newsB}/return", new { comment = "请核对" }),
            Send("POST", "/api/news/{id:long}/publish", Who.Office, $"/api/news/{_newsB}/publish"),
            Send("POST", "/api/news/{id:long}/withdraw", Who.Office, $"/api/news/{_newsB}/withdraw"),
            Upload("/api/news/{id:long}/images", Who.Office, $"/api/news/{_newsB}/images", "b.png", "not an image"),
            Get("/news/images/{imageId:long}", Who.Everyone, $"/news/images/{_imageB}"),
            Get("/news", Who.Everyone, "/news?kind=news"),
            Get("/news/{id:long}", Who.Everyone, $"/news/{_newsPublicB}"),
            Get("/news/manage", Who.Staff, "/news/manage"),
            PostPage("/news/manage", "Create", Who.Office, "/news/manage", ("Form.Title", "矩阵页面新闻"), ("Form.Zone", ZoneB)),
            Get("/news/manage/{id:long}", Who.Office, $"/news/manage/{_newsB}"),
            PostPage("/news/manage/{id:long}", "Save", Who.Office, $"/news/manage/{_newsB}", ("Form.Title", "大连矩阵新闻(页)"), ("Form.Zone", ZoneB)),
            PostPage("/news/manage/{id:long}", "Step", Who.Office, $"/news/manage/{_newsB}", ("step", "submit")),
            PostPage("/news/manage/{id:long}", "Image", Who.Office, $"/news/manage/{_newsB}"),

            // Technology market: public reading of public profiles (contacts only for signed-in callers), matches and institutions;
            // any signed-in user posts (the enterprise their own, a zone operator for their zone only: zone A's operator posting
            // for zone B is refused); zone B's profiles are written by the office (owner) alone; review steps are the office's.
            Get("/api/market/demands", Who.Everyone, "/api/market/demands?field=advanced_manufacturing&page=1"),
            Get("/api/market/demands/{id:int}", Who.Everyone, $"/api/market/demands/{_demandPublicB}"),
            Get("/api/market/achievements", Who.Everyone, "/api/market/achievements?q=主轴"),
            Get("/api/market/achievements/{id:int}", Who.Everyone, $"/api/market/achievements/{_achievementPublicB}"),
            Get("/api/market/matches", Who.Everyone, $"/api/market/matches?demand={_demandPublicB}"),
            Get("/api/market/institutions", Who.Everyone, "/api/market/institutions"),
            Get("/api/market/mine", Who.SignedIn, "/api/market/mine"),
            Send("POST", "/api/market/demands", Who.Enterprise | Who.Office, "/api/market/demands", MarketDemand("矩阵新增需求")),
            Send("POST", "/api/market/achievements", Who.Enterprise | Who.Office, "/api/market/achievements", MarketAchievement("矩阵新增成果")),
            Send("PUT", "/api/market/demands/{id:int}", Who.Office, $"/api/market/demands/{_demandB}", new { title = "改名", problem = "描述", field = "hydraulics", zone = ZoneB, enterpriseName = "大连矩阵机床有限公司", version = 1 }),
            Send("PUT", "/api/market/achievements/{id:int}", Who.Office, $"/api/market/achievements/{_achievementPublicB}", MarketAchievement("改名")),
            Send("POST", "/api/market/demands/{id:int}/submit", Who.Office, $"/api/market/demands/{_demandB}/submit", new { version = 2 }),
            Send("POST", "/api/market/demands/{id:int}/return", Who.Office, $"/api/market/demands/{_demandB}/return", new { version = 3, comment = "请核对" }),
            Send("POST", "/api/market/demands/{id:int}/publish", Who.Office, $"/api/market/demands/{_demandB}/publish", new { version = 4 }),
            Send("POST", "/api/market/demands/{id:int}/renew", Who.Office, $"/api/market/demands/{_demandPublicB}/renew", new { version = 3, validUntil = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(100).ToString("yyyy-MM-dd") }),
            Send("POST", "/api/market/demands/{id:int}/withdraw", Who.Office, $"/api/market/demands/{_demandB}/withdraw", new { version = 1 }),
            Send("POST", "/api/market/achievements/{id:int}/submit", Who.Office, $"/api/market/achievements/{_achievementPublicB}/submit", new { version = 1 }),
            Send("POST", "/api/market/achievements/{id:int}/return", Who.Office, $"/api/market/achievements/{_achievementPublicB}/return", new { version = 1, comment = "请核对" }),
            Send("POST", "/api/market/achievements/{id:int}/publish", Who.Office, $"/api/market/achievements/{_achievementPublicB}/publish", new { version = 1 }),
            Send("POST", "/api/market/achievements/{id:int}/renew", Who.Office, $"/api/market/achievements/{_achievementPublicB}/renew", new { version = 1, validUntil = "2099-01-01" }),
            Send("POST", "/api/market/achievements/{id:int}/withdraw", Who.Office, $"/api/market/achievements/{_achievementPublicB}/withdraw", new { version = 1 }),
            Send("POST", "/api/market/institutions", Who.Office, "/api/market/institutions", new { name = "矩阵研究院", kind = "institute" }),
            Send("PUT", "/api/market/institutions/{id:int}", Who.Office, $"/api/market/institutions/{_institution}", new { name = "中国科学院", kind = "institute", partnerSet = "两院十校" }),
            Get("/market", Who.Everyone, "/market"),
            Get("/market/{side:regex(^(demands|achievements)$)}", Who.Everyone, "/market/demands?zone=dalian"),
            Get("/market/{side:regex(^(demands|achievements)$)}/{id:int}", Who.Everyone, $"/market/achievements/{_achievementPublicB}"),
            Get("/market/institutions", Who.Everyone, "/market/institutions"),
            PostPage("/market/institutions", "Add", Who.Office, "/market/institutions", ("Input.Name", "矩阵页面研究院"), ("Input.Kind", "institute")),
            PostPage("/market/institutions", "Edit", Who.Office, "/market/institutions", ("id", _institution.ToString()), ("Input.Name", "中国科学院"), ("Input.Kind", "institute")),
            Get("/market/manage", Who.SignedIn, "/market/manage"),
            PostPage("/market/manage", "CreateDemand", Who.Enterprise | Who.Office, "/market/manage", ("Demand.Title", "矩阵页面需求"), ("Demand.Problem", "描述"),
                ("Demand.Field", "hydraulics"), ("Demand.Zone", ZoneB), ("Demand.EnterpriseName", "矩阵企业")),
            PostPage("/market/manage", "CreateAchievement", Who.Enterprise | Who.Office, "/market/manage", ("Achievement.Title", "矩阵页面成果"), ("Achievement.Description", "描述"),
                ("Achievement.Field", "hydraulics"), ("Achievement.Zone", ZoneB), ("Achievement.OwnerName", "矩阵研究院"), ("Achievement.Maturity", "lab"),
                ("Achievement.IpStatus", "none"), ("Achievement.CooperationModes", "transfer")),
            Get("/market/manage/{side:regex(^(demands|achievements)$)}/{id:int}", Who.Office, $"/market/manage/demands/{_demandB}"),
            PostPage("/market/manage/{side:regex(^(demands|achievements)$)}/{id:int}", null, Who.Office, $"/market/manage/demands/{_demandB}", ("version", "1"),
                ("Demand.Title", "矩阵页面改名"), ("Demand.Problem", "描述"), ("Demand.Field", "hydraulics"), ("Demand.Zone", ZoneB), ("Demand.EnterpriseName", "矩阵企业")),
            PostPage("/market/manage", "Step", Who.Office, "/market/manage", ("side", "demands"), ("id", _demandB.ToString()), ("version", "1"), ("step", "submit")),

            // Rectification and appeals: zone staff read their zone's cases (the office all); zone B's case is the office's to step
            // (zone A's operator finds it out of reach); the office has no appeal to file (403 on the API, a message on the page).
            Get("/api/cases", Who.Staff, "/api/cases?year=2019"),
            Get("/api/cases/{id:long}", Who.Office, $"/api/cases/{_caseB}"),
            Send("POST", "/api/cases/{id:long}/steps", Who.Office, $"/api/cases/{_caseB}/steps", new { step = "notice", comment = "矩阵通报", version = 1 }),
            Send("POST", "/api/cases/{id:long}/appeal", Who.None, $"/api/cases/{_caseB}/appeal", new { comment = "矩阵申诉", version = 1 }),
            Upload("/api/cases/{id:long}/documents", Who.Office, $"/api/cases/{_caseB}/documents", "b.pdf", "%PDF-1.4 b"),
            Get("/api/cases/{id:long}/documents/{documentId:long}", Who.Office, $"/api/cases/{_caseB}/documents/{_caseDocumentB}"),
            Get("/cases/{id:long}/documents/{documentId:long}", Who.Office, $"/cases/{_caseB}/documents/{_caseDocumentB}"),
            Get("/cases", Who.Staff, "/cases?year=2019"),
            Get("/cases/{id:long}", Who.Office, $"/cases/{_caseB}"),
            PostPage("/cases/{id:long}", "Step", Who.Office, $"/cases/{_caseB}", ("step", "notice"), ("comment", "矩阵页面通报"), ("version", "2")),
            PostPage("/cases/{id:long}", "Appeal", Who.Office, $"/cases/{_caseB}", ("comment", "矩阵页面申诉"), ("version", "3")),
            PostPage("/cases/{id:long}", "Attach", Who.Office, $"/cases/{_caseB}"),
            // Applications for status and expert review: reading for signed-in accounts (which: the store — zone A's operator and an
            // enterprise see none of these); recording and every step the office's; panels the office's; scoring and conflicts
            // the experts' alone (none of the four principals).
            Get("/api/applications", Who.SignedIn, "/api/applications?year=2019"),
            Get("/api/applications/{id:long}", Who.Office, $"/api/applications/{_applicationB}"),
            Send("POST", "/api/applications", Who.Office, "/api/applications", new { kind = "new_provincial", zone = "matrixnew2", year = 2019, applicant = "矩阵县", name = "矩阵二", nameEn = "Matrix 2", city = "大连市" }),
            Send("POST", "/api/applications/{id:long}/{step}", Who.Office, $"/api/applications/{_applicationB}/check", new { version = 1 }),
            Get("/api/panels", Who.Office, "/api/panels"),
            Get("/api/panels/{id:long}", Who.Office, $"/api/panels/{_panelB}"),
            Send("POST", "/api/panels", Who.Office, "/api/panels", new { item = "midterm_review", subject = "矩阵评审", zone = ZoneB, year = 2019, members = new[] { "expert@example.org" } }),
            Send("POST", "/api/panels/{id:long}/close", Who.Office, $"/api/panels/{_panelB}/close", new { version = 1 }),
            Send("POST", "/api/experts/panels/{id:long}/score", Who.None, $"/api/experts/panels/{_panelB}/score", new { score = 80 }),
            Get("/api/experts/conflicts", Who.None, "/api/experts/conflicts"),
            Send("POST", "/api/experts/conflicts", Who.None, "/api/experts/conflicts", new { zone = ZoneB }),
            Get("/applications", Who.SignedIn, "/applications"),
            PostPage("/applications", "Submit", Who.Office, "/applications", ("Form.Kind", "new_provincial"), ("Form.Zone", "matrixpage"), ("Form.Year", "2019"),
                ("Form.Applicant", "矩阵页面县"), ("Form.Name", "矩阵页面高新区"), ("Form.NameEn", "Matrix page zone"), ("Form.City", "大连市")),
            Get("/applications/{id:long}", Who.Office, $"/applications/{_applicationB}"),
            PostPage("/applications/{id:long}", "Step", Who.Office, $"/applications/{_applicationB}", ("step", "check"), ("version", "1")),
            Get("/applications/panels", Who.Office, "/applications/panels"),
            PostPage("/applications/panels", "Create", Who.Office, "/applications/panels", ("item", "midterm_review"), ("subject", "矩阵页面评审"), ("zone", ZoneB),
                ("year", "2019"), ("members", "expert@example.org")),
            PostPage("/applications/panels", "Close", Who.Office, "/applications/panels", ("id", _panelB.ToString()), ("version", "1")),
            Get("/experts", Who.None, "/experts"),
            PostPage("/experts", "Score", Who.None, "/experts", ("id", _panelB.ToString()), ("score", "80")),
            PostPage("/experts", "Conflict", Who.None, "/experts", ("zone", ZoneB)),
            // Notifications: each account its own inbox (the office's notification is refused to the others as not theirs); the
            // deadlines and the calendar for zone staff (which zone: the store); running the reminders is the office's.
            Get("/api/notifications", Who.SignedIn, "/api/notifications"),
            Send("POST", "/api/notifications/{id:long}/read", Who.Office, $"/api/notifications/{_noticeOffice}/read"),
            Get("/api/deadlines", Who.Staff, "/api/deadlines?overdue=true"),
            Get("/notifications", Who.SignedIn, "/notifications"),
            PostPage("/notifications", "Read", Who.Office, "/notifications", ("id", _noticeOffice.ToString())),
            PostPage("/notifications", "ReadAll", Who.SignedIn, "/notifications") with { CallerOwned = true },
            Get("/calendar", Who.Staff, "/calendar"),
            PostPage("/calendar", "Sweep", Who.Office, "/calendar"),

            // Last: signing out ends the sessions the rows above use.
            Get("/account/logout", Who.Everyone, "/account/logout"),
            PostPage("/account/logout", null, Who.Everyone, "/account/logout"),
        ];
    }

    /// <summary>Every route of the running server: endpoints by pattern and method, pages by GET and their POST handlers.</summary>
    private async Task<SortedSet<string>> RoutesAsync()
    {
        var routes = new SortedSet<string>(StringComparer.Ordinal);
        var loader = _server.Services.GetRequiredService<PageLoader>();
        foreach (var endpoint in _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = Normalise(endpoint.RoutePattern.RawText ?? "");
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                // A page answers GET (with or without a handler of its own) and each of its POST handlers.
                routes.Add(RouteKey("GET", pattern, null));
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods.Where(h => !h.HttpMethod.Equals("GET", StringComparison.OrdinalIgnoreCase)))
                    routes.Add(RouteKey(handler.HttpMethod.ToUpperInvariant(), pattern, handler.Name));
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods) routes.Add(RouteKey(method, pattern, null));
        }
        return routes;
    }

    private static string Normalise(string raw)
    {
        var pattern = "/" + raw.Trim('/');
        return pattern.Replace("//", "/", StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SendAsync(Who who, Rule rule)
    {
        var api = rule.Pattern.StartsWith("/api/", StringComparison.Ordinal) || rule.Pattern == "/api";
        var request = new HttpRequestMessage(new HttpMethod(rule.Method), rule.Path);
        if (rule.Body is { } body)
        {
            var content = body();
            if (!api && rule.Method == "POST")
            {
                // A page's form carries the session's anti-forgery token, as the browser would send it.
                if (content is FormUrlEncodedContent form)
                {
                    var fields = (await form.ReadAsStringAsync()).Split('&', StringSplitOptions.RemoveEmptyEntries)
                        .Select(f => f.Split('=')).Select(f => new KeyValuePair<string, string>(WebUtility.UrlDecode(f[0]), WebUtility.UrlDecode(f[1])))
                        .Append(new("__RequestVerificationToken", _formTokens[who]));
                    content = new FormUrlEncodedContent(fields);
                }
                else if (content is MultipartFormDataContent multipart) multipart.Add(new StringContent(_formTokens[who]), "__RequestVerificationToken");
            }
            request.Content = content;
        }
        return api ? await _api[who].SendAsync(request) : await _pages[who].SendAsync(request);
    }

    private static bool Refused(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
        || (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
            && response.Headers.Location?.OriginalString is { } location
            && (location.Contains("/account/login", StringComparison.OrdinalIgnoreCase) || location.Contains("/account/denied", StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// A digest of each table's rows, every table but the tokens' (whose last use is written in the background) and the import
    /// jobs' (a job's own record, written by the background worker as the job goes).
    /// </summary>
    private async Task<Dictionary<string, string>> FingerprintAsync()
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var digests = new Dictionary<string, string>();
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Where(t => t is not ("api_tokens" or "import_jobs")).Order(StringComparer.Ordinal))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            var rows = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    rows.Add(string.Join('\u001f', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            rows.Sort(StringComparer.Ordinal);
            digests[table] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', rows))));
        }
        return digests;
    }

    [Fact]
    public async Task Every_route_and_page_answers_each_principal_as_the_declared_matrix_says_and_a_refused_write_changes_nothing()
    {
        var matrix = Matrix();
        var declared = matrix.Select(r => r.Key).ToList();
        Assert.Empty(declared.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key));
        var routes = await RoutesAsync();
        var undeclared = routes.Except(declared).ToList();
        var stale = declared.Except(routes).ToList();

        var wrong = new List<string>();
        var changed = new List<string>();
        var principals = new[] { Who.Anonymous, Who.Enterprise, Who.ZoneA, Who.Office };
        var rules = matrix.Where(r => routes.Contains(r.Key)).ToList();

        void Check(Rule rule, Who who, HttpResponseMessage response)
        {
            if (Refused(response) == rule.Allowed.HasFlag(who))
                wrong.Add($"{rule.Key} as {who}: {(int)response.StatusCode} {response.Headers.Location} (declared {(rule.Allowed.HasFlag(who) ? "allowed" : "refused")})");
        }

        // First every request the matrix refuses, writes included: the store after them all is the store before them.
        var before = await FingerprintAsync();
        foreach (var rule in rules)
            foreach (var who in principals.Where(p => !rule.Allowed.HasFlag(p)))
            {
                using var response = await SendAsync(who, rule);
                Check(rule, who, response);
            }
        var after = await FingerprintAsync();
        changed.AddRange(before.Where(t => after[t.Key] != t.Value).Select(t => $"table {t.Key} changed by the refused requests"));

        // Then every request the matrix allows, in the matrix's order.
        foreach (var rule in rules)
            foreach (var who in principals.Where(p => rule.Allowed.HasFlag(p)))
            {
                // Zone A's operator may pass a route's role rule (imports), but zone B's data is not theirs: nothing may change.
                var zoneABefore = rule.Method != "GET" && who == Who.ZoneA && !rule.CallerOwned ? await FingerprintAsync() : null;
                using var response = await SendAsync(who, rule);
                Check(rule, who, response);
                if (zoneABefore is not null && await FingerprintAsync() is var zoneAAfter && zoneABefore.Any(t => zoneAAfter[t.Key] != t.Value))
                    changed.Add($"{rule.Key} as ZoneA on zone B's data changed {string.Join(", ", zoneABefore.Where(t => zoneAAfter[t.Key] != t.Value).Select(t => t.Key))}");
            }

        var failures = new List<string>();
        if (undeclared.Count > 0) failures.Add("Routes without a declared rule:\n" + string.Join("\n", undeclared));
        if (stale.Count > 0) failures.Add("Declared rules for routes the server does not have:\n" + string.Join("\n", stale));
        if (wrong.Count > 0) failures.Add("Answers that differ from the matrix:\n" + string.Join("\n", wrong));
        if (changed.Count > 0) failures.Add("Refused writes that changed the store:\n" + string.Join("\n", changed));
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }
}

public sealed class RouteMatrixOnSqlite() : RouteMatrixSpec(new SqliteTestStore());

public sealed class RouteMatrixOnPostgres() : RouteMatrixSpec(new PostgresTestStore());
