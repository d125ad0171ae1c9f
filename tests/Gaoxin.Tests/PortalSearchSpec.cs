using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gaoxin.Tests.Support;

namespace Gaoxin.Tests;

/// <summary>
/// The search over everything the portal publishes, on the demo data (<c>gaoxin demo seed</c>): the plan's policies, the
/// published demo policies, news and investment projects are found with their words marked; the demo drafts, the items in
/// review, the scheduled, expired and withdrawn ones are never found, whatever is typed.
/// </summary>
public abstract class PortalSearchSpec(ITestStore store) : IAsyncLifetime
{
    private RunningServer _server = null!;
    private string? _folder;

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await CliRun.RunAsync("demo", "seed", "--db", store.DbArgument)).ExitCode);
        if (store.Provider == Data.DatabaseProvider.Postgres) _folder = Path.Combine(Directory.CreateTempSubdirectory("gaoxin-search-").FullName, "index");
        _server = await RunningServer.StartAsync(store.Location, _folder is null ? [] : [$"--Search:Folder={_folder}"]);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await store.DisposeAsync();
        if (_folder is not null) Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);
    }

    private async Task<List<JsonElement>> HitsAsync(string text, string? type = null)
    {
        var response = await _server.Client.GetAsync($"/api/search?q={Uri.EscapeDataString(text)}{(type is null ? "" : "&type=" + type)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hits").EnumerateArray().ToList();
    }

    [Fact]
    public async Task A_policy_the_plan_names_is_found_by_its_phrase_with_the_phrase_marked()
    {
        // 二、… 《辽宁省人民政府关于印发辽宁省加快高新技术产业开发区转型升级政策措施的通知》 (the plan, 发展基础 3).
        var hits = await HitsAsync("\"转型升级政策措施\"", "policy");

        var hit = Assert.Single(hits, h => h.GetProperty("title").GetString()!.Contains("转型升级政策措施"));
        Assert.Equal("policy", hit.GetProperty("type").GetString());
        Assert.StartsWith("/policies/", hit.GetProperty("url").GetString());
        Assert.Contains("<mark>", hit.GetProperty("snippet").GetString());
    }

    [Theory]
    [InlineData("瞪羚企业成长奖励办法", "policy", "沈阳高新区瞪羚企业成长奖励办法(演示)")]
    [InlineData("科技成果转化对接会", "news", "沈阳高新区举办科技成果转化对接会(演示)")]
    [InlineData("液压元件精密制造", "project", "液压元件精密制造项目(演示)")]
    public async Task A_published_item_of_each_kind_is_found(string text, string type, string title)
    {
        var hits = await HitsAsync($"\"{text}\"");

        var hit = Assert.Single(hits, h => h.GetProperty("title").GetString() == title);
        Assert.Equal(type, hit.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("高新技术企业后备库培育扶持办法")]   // a policy whose validity ended
    [InlineData("人才公寓配租办法")]                // a policy still a draft
    [InlineData("高新区发展年度报告")]              // news to be released in 30 days
    [InlineData("营口高新区招商推介会")]            // a news draft
    [InlineData("错误发布的通知")]                  // news withdrawn after publishing
    [InlineData("精细化工新材料项目")]              // a project still a draft
    [InlineData("汽车零部件配套项目")]              // a project whose validity ended
    public async Task An_item_that_is_not_public_is_never_found(string text)
    {
        foreach (var query in new[] { text, $"\"{text}\"" })
        {
            var hits = await HitsAsync(query);
            Assert.DoesNotContain(hits, h => h.GetProperty("title").GetString()!.Contains(text));
        }
    }
}

public sealed class PortalSearchOnSqlite() : PortalSearchSpec(new SqliteTestStore());

public sealed class PortalSearchOnPostgres() : PortalSearchSpec(new PostgresTestStore());
