using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gaoxin.Tests.Support;

namespace Gaoxin.Tests;

/// <summary>
/// Workflow steps that arrive at the same moment, against the running server on each provider: of two steps that cannot
/// both happen, exactly one wins and the other is a 409 problem, never a 500; the state and the audit agree with the winner.
/// Every race is run several rounds, each on a fresh unit-year or item, with both requests released together.
/// </summary>
public abstract class ConcurrencySpec(ITestStore store) : IAsyncLifetime
{
    private const int Rounds = 8;
    private RunningServer _server = null!;
    private HttpClient _office = null!;
    private HttpClient _shenyang = null!;

    public async Task InitializeAsync()
    {
        foreach (var (email, role, zone) in new[] { ("office@example.org", "admin", (string?)null), ("shenyang@example.org", "zone_operator", "shenyang") })
        {
            var added = await CliRun.RunAsync(["users", "add", "--email", email, "--role", role, "--password", "correct-horse-battery",
                .. zone is null ? Array.Empty<string>() : ["--zone", zone], "--db", store.DbArgument]);
            Assert.True(added.ExitCode == 0, added.Error);
        }
        _server = await RunningServer.StartAsync(store.Location);
        _office = await _server.TokenClientAsync(store, "office@example.org");
        _shenyang = await _server.TokenClientAsync(store, "shenyang@example.org");
    }

    public async Task DisposeAsync()
    {
        _office.Dispose();
        _shenyang.Dispose();
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    /// <summary>Sends both requests at once (released together once both are ready) and gives their status codes.</summary>
    private static async Task<(HttpStatusCode A, HttpStatusCode B)> RaceAsync(Func<Task<HttpResponseMessage>> a, Func<Task<HttpResponseMessage>> b)
    {
        var ready = new Barrier(2);
        var first = Task.Run(() => { ready.SignalAndWait(); return a(); });
        var second = Task.Run(() => { ready.SignalAndWait(); return b(); });
        var answers = await Task.WhenAll(first, second);
        foreach (var answer in answers.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        return (answers[0].StatusCode, answers[1].StatusCode);
    }

    private static int YearOf(int round) => 2030 + 3 * round;

    private static string Data(int year) => $"/api/zones/shenyang/data/{year}";

    private static object Values(decimal gdp, decimal? expectedGdp = null, bool expect = false) => new
    {
        values = new Dictionary<string, decimal?> { ["gdp"] = gdp, ["revenue"] = 4200m, ["tax"] = 300m },
        expected = expect ? new Dictionary<string, decimal?> { ["gdp"] = expectedGdp } : null,
    };

    private async Task DraftAsync(int year, decimal gdp = 1500m) =>
        Assert.Equal(HttpStatusCode.OK, (await _shenyang.PutAsJsonAsync(Data(year), Values(gdp))).StatusCode);

    private async Task SubmittedAsync(int year, decimal gdp = 1500m)
    {
        await DraftAsync(year, gdp);
        Assert.Equal(HttpStatusCode.OK, (await _shenyang.PostAsync(Data(year) + "/submit", null)).StatusCode);
    }

    private async Task<List<JsonElement>> AuditAsync(int year) =>
        (await _office.GetFromJsonAsync<JsonElement>($"/api/audit?zone=shenyang&year={year}&limit=5000"))!.EnumerateArray().OrderBy(a => a.GetProperty("id").GetInt64()).ToList();

    [Fact]
    public async Task The_same_report_approved_twice_at_once_is_approved_once_and_the_second_is_a_409()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var year = YearOf(round);
            await SubmittedAsync(year);

            var (a, b) = await RaceAsync(() => _office.PostAsync(Data(year) + "/approve", null), () => _office.PostAsync(Data(year) + "/approve", null));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], new[] { a, b }.Order());
            Assert.Single(await AuditAsync(year), e => e.GetProperty("action").GetString() == "approved");
        }
    }

    [Fact]
    public async Task Approve_and_return_at_once_one_wins_and_the_report_stands_as_the_winner_left_it()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var year = YearOf(round);
            await SubmittedAsync(year);

            var (approve, @return) = await RaceAsync(() => _office.PostAsync(Data(year) + "/approve", null),
                () => _office.PostAsJsonAsync(Data(year) + "/return", new { comment = "请核实" }));
            var state = (await _shenyang.GetFromJsonAsync<JsonElement>(Data(year))).GetProperty("state").GetString();

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], new[] { approve, @return }.Order());
            Assert.Equal(approve == HttpStatusCode.OK ? "approved" : "returned", state);
            Assert.Single(await AuditAsync(year), e => e.GetProperty("action").GetString() is "approved" or "returned");
        }
    }

    [Fact]
    public async Task Two_edits_of_the_same_value_at_once_one_saves_the_other_is_a_409_and_the_audit_chain_ends_at_the_stored_value()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var year = YearOf(round);
            await DraftAsync(year, 100m);

            var (a, b) = await RaceAsync(() => _shenyang.PutAsJsonAsync(Data(year), Values(101m, 100m, expect: true)),
                () => _shenyang.PutAsJsonAsync(Data(year), Values(102m, 100m, expect: true)));
            var stored = (await _shenyang.GetFromJsonAsync<JsonElement>(Data(year))).GetProperty("draft").GetProperty("gdp").GetDecimal();

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], new[] { a, b }.Order());
            Assert.Equal(a == HttpStatusCode.OK ? 101m : 102m, stored);
            AssertChainEndsAt(await AuditAsync(year), stored);
        }
    }

    [Fact]
    public async Task Two_corrections_of_an_approved_report_at_once_one_opens_the_revision_the_other_is_a_409_never_a_500()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var year = YearOf(round);
            await SubmittedAsync(year, 200m);
            Assert.Equal(HttpStatusCode.OK, (await _office.PostAsync(Data(year) + "/approve", null)).StatusCode);

            var (a, b) = await RaceAsync(() => _shenyang.PutAsJsonAsync(Data(year), Values(201m, 200m, expect: true)),
                () => _shenyang.PutAsJsonAsync(Data(year), Values(202m, 200m, expect: true)));
            var view = await _shenyang.GetFromJsonAsync<JsonElement>(Data(year));
            var audit = await AuditAsync(year);

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], new[] { a, b }.Order());
            Assert.Equal((2, a == HttpStatusCode.OK ? 201m : 202m), (view.GetProperty("revision").GetInt32(), view.GetProperty("draft").GetProperty("gdp").GetDecimal()));
            Assert.Single(audit, e => e.GetProperty("action").GetString() == "correction_started");
            AssertChainEndsAt(audit.Where(e => e.GetProperty("revision").GetInt32() == 2), view.GetProperty("draft").GetProperty("gdp").GetDecimal());
        }
    }

    [Fact]
    public async Task An_edit_racing_a_submission_is_either_in_the_submitted_report_or_refused()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var year = YearOf(round);
            await DraftAsync(year, 300m);

            var (edit, submit) = await RaceAsync(() => _shenyang.PutAsJsonAsync(Data(year), Values(301m)), () => _shenyang.PostAsync(Data(year) + "/submit", null));
            var view = await _shenyang.GetFromJsonAsync<JsonElement>(Data(year));
            var audit = await AuditAsync(year);
            var submitted = audit.Single(e => e.GetProperty("action").GetString() == "submitted").GetProperty("id").GetInt64();

            Assert.Equal(HttpStatusCode.OK, submit);
            Assert.Contains(edit, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict });
            Assert.Equal(edit == HttpStatusCode.OK ? 301m : 300m, view.GetProperty("draft").GetProperty("gdp").GetDecimal());
            Assert.DoesNotContain(audit, e => e.GetProperty("action").GetString() == "value_set" && e.GetProperty("id").GetInt64() > submitted);
        }
    }

    [Fact]
    public async Task The_same_registry_item_added_twice_at_once_is_stored_once_and_the_second_is_a_409()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var name = $"并发测试联盟{round}";
            var item = new { name, zone = "shenyang", founded = "2021-01-01", confirmDistinct = true };

            var (a, b) = await RaceAsync(() => _office.PostAsJsonAsync("/api/registries/alliance", item), () => _office.PostAsJsonAsync("/api/registries/alliance", item));
            var stored = (await _server.Client.GetFromJsonAsync<JsonElement>("/api/registries/alliance?zone=shenyang")).EnumerateArray()
                .Count(i => i.GetProperty("name").GetString() == name);

            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], new[] { a, b }.Order());
            Assert.Equal(1, stored);
        }
    }

    [Fact]
    public async Task A_pending_registry_item_approved_twice_at_once_is_approved_once_and_the_second_is_a_409()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var added = await _shenyang.PostAsJsonAsync("/api/registries/alliance", new { name = $"待审联盟{round}", zone = "shenyang", founded = "2021-01-01", confirmDistinct = true });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

            var (a, b) = await RaceAsync(() => _office.PostAsync($"/api/registries/items/{id}/approve", null), () => _office.PostAsync($"/api/registries/items/{id}/approve", null));
            var audit = (await _office.GetFromJsonAsync<JsonElement>("/api/audit?zone=shenyang&year=2021&limit=5000")).EnumerateArray();

            Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict], new[] { a, b }.Order());
            Assert.Single(audit, e => e.GetProperty("element").GetString() == id && e.GetProperty("action").GetString() == "registry_item_approved");
        }
    }

    [Fact]
    public async Task The_same_registry_figure_set_twice_at_once_is_stored_in_turn_never_a_500_and_its_audit_chain_ends_at_the_stored_value()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var added = await _office.PostAsJsonAsync("/api/registries/alliance", new { name = $"成员数联盟{round}", zone = "shenyang", founded = "2021-01-01", confirmDistinct = true });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            var figures = $"/api/registries/items/{id}/figures/2022";

            var (a, b) = await RaceAsync(() => _office.PutAsJsonAsync(figures, new Dictionary<string, decimal> { ["members"] = 10 }),
                () => _office.PutAsJsonAsync(figures, new Dictionary<string, decimal> { ["members"] = 20 }));
            var stored = (await _office.GetFromJsonAsync<JsonElement>($"/api/registries/items/{id}")).GetProperty("figures").EnumerateArray()
                .Single(f => f.GetProperty("year").GetInt32() == 2022 && f.GetProperty("measure").GetString() == "members").GetProperty("value").GetDecimal();
            var audit = (await _office.GetFromJsonAsync<JsonElement>("/api/audit?zone=shenyang&year=2022&limit=5000")).EnumerateArray()
                .Where(e => e.GetProperty("element").GetString() == $"{id}:members").OrderBy(e => e.GetProperty("id").GetInt64()).ToList();

            Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (a, b));
            Assert.Contains(stored, new[] { 10m, 20m });
            Assert.Equal(2, audit.Count);
            Assert.Equal(JsonValueKind.Null, audit[0].GetProperty("oldValue").ValueKind);
            Assert.Equal(audit[0].GetProperty("newValue").GetDecimal(), audit[1].GetProperty("oldValue").GetDecimal());
            Assert.Equal(stored, audit[1].GetProperty("newValue").GetDecimal());
        }
    }

    [Fact]
    public async Task A_zones_proposed_change_approved_and_rejected_at_once_is_decided_once_and_the_item_stands_as_the_winner_left_it()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var added = await _office.PostAsJsonAsync("/api/registries/alliance", new { name = $"改名前联盟{round}", zone = "shenyang", founded = "2021-01-01", confirmDistinct = true });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            var renamed = $"改名后联盟{round}";
            Assert.Equal(HttpStatusCode.OK, (await _shenyang.PutAsJsonAsync($"/api/registries/items/{id}", new { name = renamed })).StatusCode);

            var (approve, reject) = await RaceAsync(() => _office.PostAsync($"/api/registries/items/{id}/change/approve", null),
                () => _office.PostAsync($"/api/registries/items/{id}/change/reject", null));
            var name = (await _office.GetFromJsonAsync<JsonElement>($"/api/registries/items/{id}")).GetProperty("item").GetProperty("name").GetString();
            var decisions = (await _office.GetFromJsonAsync<JsonElement>("/api/audit?zone=shenyang&year=2021&limit=5000")).EnumerateArray()
                .Count(e => e.GetProperty("element").GetString() == id && e.GetProperty("action").GetString() is "registry_item_change_approved" or "registry_item_change_rejected");

            Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict], new[] { approve, reject }.Order());
            Assert.Equal(approve == HttpStatusCode.NoContent ? renamed : $"改名前联盟{round}", name);
            Assert.Equal(1, decisions);
        }
    }

    [Fact]
    public async Task A_form_saved_over_a_value_changed_since_the_page_opened_is_refused_and_the_other_edit_stays()
    {
        await DraftAsync(2040, 500m);
        using var session = new PageSession(_server.Address);
        await session.SignInAsync("shenyang@example.org", "correct-horse-battery");
        var opened = await session.GetStringAsync(Data(2040)[4..]);
        Assert.Equal(HttpStatusCode.OK, (await _shenyang.PutAsJsonAsync(Data(2040), Values(600m, 500m, expect: true))).StatusCode);

        var saved = await session.PostFormAsync(Data(2040)[4..], Data(2040)[4..] + "?handler=Save",
            [new("Values[gdp]", "700"), new("Values[revenue]", "4200"), new("Values[tax]", "300"), new("Loaded[gdp]", "500")]);
        var page = await saved.Content.ReadAsStringAsync();
        var stored = (await _shenyang.GetFromJsonAsync<JsonElement>(Data(2040))).GetProperty("draft").GetProperty("gdp").GetDecimal();

        Assert.Contains("name=\"Loaded[gdp]\" value=\"500\"", opened);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("本次未保存", page);
        Assert.Equal(600m, stored);
    }

    /// <summary>Each change of gdp starts from the value the one before left, and the last leaves the stored value.</summary>
    private static void AssertChainEndsAt(IEnumerable<JsonElement> audit, decimal stored)
    {
        var changes = audit.Where(e => e.GetProperty("action").GetString() == "value_set" && e.GetProperty("element").GetString() == "gdp").ToList();
        for (var i = 1; i < changes.Count; i++)
            Assert.Equal(changes[i - 1].GetProperty("newValue").GetDecimal(), changes[i].GetProperty("oldValue").GetDecimal());
        Assert.Equal(stored, changes[^1].GetProperty("newValue").GetDecimal());
    }
}

public sealed class ConcurrencyOnSqlite() : ConcurrencySpec(new SqliteTestStore());

public sealed class ConcurrencyOnPostgres() : ConcurrencySpec(new PostgresTestStore());
