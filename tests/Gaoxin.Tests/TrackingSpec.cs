using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gaoxin.Tests.Support;

namespace Gaoxin.Tests;

/// <summary>Target decomposition (任务分解) and key-task progress through the API and the office's pages, on both providers.</summary>
public abstract class TrackingSpec(ITestStore store) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private RunningServer _server = null!;
    private HttpClient _office = null!;

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await Cli("demo", "seed")).ExitCode);
        Assert.Equal(0, (await Cli("users", "add", "--email", "office@example.org", "--role", "admin", "--password", Password)).ExitCode);
        _server = await RunningServer.StartAsync(store.Location);
        _office = TestHttp.Client(_server.Address);
        _office.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await Cli("users", "token", "--email", "office@example.org")).Output.Trim());
    }

    public async Task DisposeAsync()
    {
        _office.Dispose();
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    private async Task<JsonElement> DecompositionOf(string target) =>
        (await _server.Client.GetFromJsonAsync<JsonElement>("/api/plans/liaoning-2017-2020/decomposition")).EnumerateArray()
            .Single(d => d.GetProperty("target").GetString() == target);

    [Fact]
    public async Task A_split_that_does_not_add_up_is_flagged_and_one_that_does_is_not()
    {
        var short_ = await _office.PutAsJsonAsync("/api/plans/liaoning-2017-2020/targets/new_carriers/decomposition", new
        {
            responsibleUnit = "省科技厅高新处", contact = "张三",
            zones = new Dictionary<string, object> { ["shenyang"] = new { value = 30 }, ["dalian"] = new { value = 20 } },
        });
        var flagged = await DecompositionOf("new_carriers");
        var page = await _server.Client.GetStringAsync("/monitoring/targets/new_carriers?year=2020");
        await _office.PutAsJsonAsync("/api/plans/liaoning-2017-2020/targets/new_carriers/decomposition", new
        {
            zones = new Dictionary<string, object> { ["shenyang"] = new { value = 50 }, ["dalian"] = new { value = 30 } },
        });
        var fixedUp = await DecompositionOf("new_carriers");

        Assert.Equal(HttpStatusCode.OK, short_.StatusCode);
        Assert.Equal((false, -30m, "省科技厅高新处"), (flagged.GetProperty("addsUp").GetBoolean(), flagged.GetProperty("gap").GetDecimal(), flagged.GetProperty("responsibleUnit").GetString()));
        Assert.Contains("decomposition-warning", page);
        Assert.True(fixedUp.GetProperty("addsUp").GetBoolean());
    }

    [Fact]
    public async Task Ratio_targets_are_split_without_a_sum_check_and_only_the_office_may_split()
    {
        var anonymous = await _server.Client.PutAsJsonAsync("/api/plans/liaoning-2017-2020/targets/rd_intensity/decomposition",
            new { zones = new Dictionary<string, object> { ["shenyang"] = new { value = 3.5 } } });
        await _office.PutAsJsonAsync("/api/plans/liaoning-2017-2020/targets/rd_intensity/decomposition",
            new { zones = new Dictionary<string, object> { ["shenyang"] = new { value = 3.5 } } });
        var rd = await DecompositionOf("rd_intensity");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.False(rd.GetProperty("additive").GetBoolean());
        Assert.Equal(JsonValueKind.Null, rd.GetProperty("addsUp").ValueKind);
        Assert.Equal(3.5m, rd.GetProperty("zones")[0].GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Key_task_progress_keeps_owner_due_year_status_and_notes()
    {
        var update = await _office.PutAsJsonAsync("/api/plans/liaoning-2017-2020/tasks/evaluation.yellow_card",
            new { owner = "省高新区工作推进组", dueYear = 2018, status = "done", note = "已建立黄牌警告制度", year = 2018 });
        var wrong = await _office.PutAsJsonAsync("/api/plans/liaoning-2017-2020/tasks/evaluation.yellow_card", new { status = "finished" });
        var tree = await _server.Client.GetFromJsonAsync<JsonElement>("/api/plans/liaoning-2017-2020/tasks");
        var page = await _server.Client.GetStringAsync("/monitoring/tasks");

        Assert.Equal(HttpStatusCode.NoContent, update.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        JsonElement Find(IEnumerable<JsonElement> nodes) => nodes.Select(n => n.GetProperty("id").GetString() == "evaluation.yellow_card" ? n : Find(n.GetProperty("children").EnumerateArray()))
            .FirstOrDefault(n => n.ValueKind == JsonValueKind.Object);
        var node = Find(tree.EnumerateArray());
        Assert.Equal(("done", "省高新区工作推进组", 2018), (node.GetProperty("status").GetString(), node.GetProperty("owner").GetString(), node.GetProperty("dueYear").GetInt32()));
        Assert.Equal("已建立黄牌警告制度", node.GetProperty("notes")[0].GetProperty("text").GetString());
        Assert.Contains("已建立黄牌警告制度", page);
    }

    [Fact]
    public async Task The_office_splits_a_target_in_proportion_to_a_figure_on_the_page()
    {
        using var session = new PageSession(_server.Address);
        await session.SignInAsync("office@example.org", Password);

        var filled = await session.PostFormAsync("/monitoring/targets/new_carriers/decompose", "/monitoring/targets/new_carriers/decompose?handler=Proportional",
            [new("element", "gdp"), new("year", "2016")]);
        var html = await filled.Content.ReadAsStringAsync();
        var values = System.Text.RegularExpressions.Regex.Matches(html, "name=\"Values\\[(\\w+)\\]\" value=\"(\\d+)\"")
            .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value));

        Assert.Equal(15, values.Count);
        Assert.Equal(80, values.Values.Sum());
        Assert.True(values["shenyang"] > values["suizhong"]);
        using var visitor = new PageSession(_server.Address);
        Assert.NotEqual(HttpStatusCode.OK, (await visitor.GetAsync("/monitoring/targets/new_carriers/decompose")).StatusCode);
    }
}

public sealed class TrackingOnSqlite() : TrackingSpec(new SqliteTestStore());

public sealed class TrackingOnPostgres() : TrackingSpec(new PostgresTestStore());
