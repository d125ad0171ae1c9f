using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gaoxin.Tests.Support;

namespace Gaoxin.Tests;

/// <summary>
/// Who may import registry workbooks and what an unsafe workbook gets (refused before the spreadsheet library opens it, with where),
/// and who sees registry data awaiting the office's approval: the office all, a zone operator their zone's, everyone else nothing.
/// </summary>
public abstract class RegistryAccessSpec(ITestStore store) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private RunningServer _server = null!;
    private HttpClient _office = null!;
    private HttpClient _shenyang = null!;
    private HttpClient _dalian = null!;
    private HttpClient _firm = null!;

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await Cli("demo", "seed")).ExitCode);
        foreach (var (email, role, zone) in new[] { ("office@example.org", "admin", (string?)null), ("sy@example.org", "zone_operator", "shenyang"),
                     ("dl@example.org", "zone_operator", "dalian"), ("firm@example.org", "enterprise", null) })
            Assert.Equal(0, (await Cli(["users", "add", "--email", email, "--role", role, "--password", Password, .. zone is null ? Array.Empty<string>() : ["--zone", zone]])).ExitCode);
        _server = await RunningServer.StartAsync(store.Location);
        _office = await _server.TokenClientAsync(store, "office@example.org");
        _shenyang = await _server.TokenClientAsync(store, "sy@example.org");
        _dalian = await _server.TokenClientAsync(store, "dl@example.org");
        _firm = await _server.TokenClientAsync(store, "firm@example.org");
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { _office, _shenyang, _dalian, _firm }) client.Dispose();
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    private Task<int> CountAsync() => _server.Client.GetFromJsonAsync<JsonElement>("/api/registries/tech_platform").ContinueWith(t => t.Result.GetArrayLength());

    /// <summary>The office's export of the registry, a valid workbook to tamper with.</summary>
    private Task<byte[]> ExportAsync() => _office.GetByteArrayAsync("/registries/tech_platform/export.xlsx?zone=shenyang");

    /// <summary>The workbook with its first sheet's XML replaced (given the original text) and entries added.</summary>
    private static byte[] Tampered(byte[] xlsx, Func<string, string>? sheet = null, Action<ZipArchive>? add = null)
    {
        var output = new MemoryStream();
        output.Write(xlsx);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            if (sheet is not null)
            {
                var entry = zip.GetEntry(SheetEntry)!;
                string text;
                using (var reader = new StreamReader(entry.Open())) text = reader.ReadToEnd();
                entry.Delete();
                using var writer = new StreamWriter(zip.CreateEntry(SheetEntry).Open(), new UTF8Encoding(false));
                writer.Write(sheet(text));
            }
            add?.Invoke(zip);
        }
        return output.ToArray();
    }

    private const string SheetEntry = "xl/worksheets/sheet1.xml";

    private async Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(HttpClient client, byte[] body)
    {
        var response = await client.PostAsync("/api/registries/tech_platform/import", new ByteArrayContent(body));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement : default);
    }

    private static JsonElement SingleProblem(JsonElement body) => Assert.Single(body.GetProperty("problems").EnumerateArray().ToList());

    [Fact]
    public async Task A_zip_bomb_is_refused_quickly_with_the_entry_it_unpacks_too_large_and_nothing_is_stored()
    {
        var before = await CountAsync();
        // The sheet's XML padded with 150 MB of spaces: a few hundred kilobytes packed.
        var bomb = Tampered(await ExportAsync(), add: zip =>
        {
            zip.GetEntry(SheetEntry)!.Delete();
            using var stream = zip.CreateEntry(SheetEntry, CompressionLevel.SmallestSize).Open();
            stream.Write("<?xml version=\"1.0\"?>"u8);
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (int i = 0; i < 150; i++) stream.Write(spaces);
            stream.Write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>"u8);
        });
        Assert.True(bomb.Length < 2 * 1024 * 1024);

        var clock = Stopwatch.StartNew();
        var (status, body) = await ImportAsync(_office, bomb);
        clock.Stop();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var problem = SingleProblem(body);
        Assert.Equal(("file_too_large", SheetEntry), (problem.GetProperty("code").GetString(), problem.GetProperty("sheet").GetString()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_workbook_of_too_many_parts_is_refused()
    {
        var crowded = Tampered(await ExportAsync(), add: zip =>
        {
            for (int i = 0; i < 1200; i++) zip.CreateEntry($"customXml/item{i}.bin");
        });

        var (status, body) = await ImportAsync(_office, crowded);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("too_many_entries", SingleProblem(body).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_workbook_with_an_external_entity_is_refused_at_its_declaration_and_the_entity_is_never_read()
    {
        var secret = Path.Combine(Path.GetTempPath(), $"gaoxin-secret-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(secret, "TOP-SECRET-VALUE");
        var before = await CountAsync();
        var xxe = Tampered(await ExportAsync(), sheet: xml =>
        {
            var root = xml.IndexOf("?>", StringComparison.Ordinal) + 2;
            var withDtd = xml[..root] + $"\n<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file://{secret}\">]>\n" + xml[root..];
            // The entity's text would land in the first new row's name.
            return withDtd.Replace("</sheetData>", "<row r=\"90\"><c r=\"B90\" t=\"inlineStr\"><is><t>&xxe;</t></is></c><c r=\"C90\" t=\"inlineStr\"><is><t>shenyang</t></is></c><c r=\"F90\" t=\"inlineStr\"><is><t>2019-01-01</t></is></c></row></sheetData>", StringComparison.Ordinal);
        });

        var (status, body) = await ImportAsync(_office, xxe);
        var after = await _server.Client.GetStringAsync("/api/registries/tech_platform");
        File.Delete(secret);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var problem = SingleProblem(body);
        Assert.Equal(("xml_dtd_not_allowed", SheetEntry, true), (problem.GetProperty("code").GetString(), problem.GetProperty("sheet").GetString(), problem.GetProperty("row").GetInt32() > 0));
        Assert.DoesNotContain("TOP-SECRET-VALUE", body.GetRawText());
        Assert.DoesNotContain("TOP-SECRET-VALUE", after);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Malformed_sheet_xml_and_a_zip_without_a_workbook_are_refused_as_the_file_they_are()
    {
        var malformed = Tampered(await ExportAsync(), sheet: xml => xml[..(xml.Length / 2)]);
        var noWorkbook = new MemoryStream();
        using (var zip = new ZipArchive(noWorkbook, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("notes.txt").Open())) writer.Write("not a workbook");

        var (malformedStatus, malformedBody) = await ImportAsync(_office, malformed);
        var (noWorkbookStatus, noWorkbookBody) = await ImportAsync(_office, noWorkbook.ToArray());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, malformedStatus);
        var problem = SingleProblem(malformedBody);
        Assert.Equal(("malformed_xml", SheetEntry), (problem.GetProperty("code").GetString(), problem.GetProperty("sheet").GetString()));
        Assert.True(problem.GetProperty("row").GetInt32() > 0);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noWorkbookStatus);
        Assert.Equal("not_a_workbook", SingleProblem(noWorkbookBody).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_body_over_the_upload_limit_is_a_413_problem()
    {
        var huge = new byte[22 * 1024 * 1024];
        huge[0] = (byte)'P';
        huge[1] = (byte)'K';

        // As curl sends a large body: the server's answer comes before the body is sent.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/registries/tech_platform/import") { Content = new ByteArrayContent(huge) };
        request.Headers.ExpectContinue = true;
        using var office = TestHttp.Client(_server.Address, new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(2) });
        office.DefaultRequestHeaders.Authorization = _office.DefaultRequestHeaders.Authorization;
        var response = await office.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("file_too_large", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_enterprise_may_not_import_and_is_refused_before_the_file_is_looked_at()
    {
        // Not a workbook at all: an import that read it first would answer 422 not_a_workbook.
        var response = await _firm.PostAsync("/api/registries/tech_platform/import", new ByteArrayContent("not a workbook"u8.ToArray()));
        var valid = await _firm.PostAsync("/api/registries/tech_platform/import", new ByteArrayContent(await ExportAsync()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, valid.StatusCode);
    }

    /// <summary>Shenyang's pending item, a pending rename of an approved shenyang alliance, and a pending 2027 revenue of a shenyang cluster.</summary>
    private async Task<(string PendingItem, string Renamed, string Cluster)> PendingDataAsync()
    {
        var added = await _shenyang.PostAsJsonAsync("/api/registries/alliance", new { name = "待审核的测试联盟", zone = "shenyang", founded = "2020-05-20" });
        var pendingItem = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var renamed = (await _server.Client.GetFromJsonAsync<JsonElement>("/api/registries/alliance?zone=shenyang")).EnumerateArray().First().GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await _shenyang.PutAsJsonAsync($"/api/registries/items/{renamed}", new { name = "待审核的新名称" })).StatusCode);
        var cluster = (await _server.Client.GetFromJsonAsync<JsonElement>("/api/registries/cluster?zone=shenyang")).EnumerateArray().First().GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await _shenyang.PutAsJsonAsync($"/api/registries/items/{cluster}/figures/2027", new Dictionary<string, decimal> { ["revenue"] = 4321 })).StatusCode);
        return (pendingItem, renamed, cluster);
    }

    [Fact]
    public async Task Pending_registry_data_is_shown_through_the_api_to_the_office_and_its_zone_only()
    {
        var (pendingItem, renamed, cluster) = await PendingDataAsync();

        foreach (var (who, client) in new[] { ("anonymous", _server.Client), ("another zone", _dalian), ("an enterprise", _firm) })
        {
            Assert.True(HttpStatusCode.NotFound == (await client.GetAsync($"/api/registries/items/{pendingItem}")).StatusCode, who);
            var item = await client.GetFromJsonAsync<JsonElement>($"/api/registries/items/{renamed}");
            Assert.True(item.GetProperty("pendingChange").ValueKind == JsonValueKind.Null, who);
            Assert.DoesNotContain("待审核的新名称", item.GetRawText());
            var figures = (await client.GetFromJsonAsync<JsonElement>($"/api/registries/items/{cluster}")).GetProperty("figures").EnumerateArray().ToList();
            Assert.DoesNotContain(figures, f => f.GetProperty("approval").GetString() == "pending" || f.GetProperty("year").GetInt32() == 2027);
        }
        foreach (var (who, client) in new[] { ("the office", _office), ("its zone", _shenyang) })
        {
            Assert.True(HttpStatusCode.OK == (await client.GetAsync($"/api/registries/items/{pendingItem}")).StatusCode, who);
            var item = await client.GetFromJsonAsync<JsonElement>($"/api/registries/items/{renamed}");
            Assert.Equal("待审核的新名称", item.GetProperty("pendingChange").GetProperty("Name").GetString());
            var figures = (await client.GetFromJsonAsync<JsonElement>($"/api/registries/items/{cluster}")).GetProperty("figures").EnumerateArray().ToList();
            Assert.Contains(figures, f => f.GetProperty("approval").GetString() == "pending" && f.GetProperty("year").GetInt32() == 2027 && f.GetProperty("value").GetDecimal() == 4321m);
        }
    }

    [Fact]
    public async Task Pending_registry_data_is_shown_on_the_item_page_to_the_office_and_its_zone_only()
    {
        var (pendingItem, renamed, cluster) = await PendingDataAsync();
        using var dalian = new PageSession(_server.Address);
        await dalian.SignInAsync("dl@example.org", Password);
        using var shenyang = new PageSession(_server.Address);
        await shenyang.SignInAsync("sy@example.org", Password);
        using var office = new PageSession(_server.Address);
        await office.SignInAsync("office@example.org", Password);
        using var anonymous = new PageSession(_server.Address);

        foreach (var (who, session) in new[] { ("anonymous", anonymous), ("another zone", dalian) })
        {
            Assert.True(HttpStatusCode.NotFound == (await session.GetAsync($"/registries/items/{pendingItem}")).StatusCode, who);
            var item = await session.GetStringAsync($"/registries/items/{renamed}");
            Assert.DoesNotContain("id=\"pending-change\"", item);
            Assert.DoesNotContain("data-year=\"2027\"", await session.GetStringAsync($"/registries/items/{cluster}"));
        }
        foreach (var (who, session) in new[] { ("the office", office), ("its zone", shenyang) })
        {
            Assert.True(HttpStatusCode.OK == (await session.GetAsync($"/registries/items/{pendingItem}")).StatusCode, who);
            Assert.Contains("id=\"pending-change\"", await session.GetStringAsync($"/registries/items/{renamed}"));
            Assert.Contains("data-year=\"2027\"", await session.GetStringAsync($"/registries/items/{cluster}"));
        }
    }
}

public sealed class RegistryAccessOnSqlite() : RegistryAccessSpec(new SqliteTestStore());

public sealed class RegistryAccessOnPostgres() : RegistryAccessSpec(new PostgresTestStore());
