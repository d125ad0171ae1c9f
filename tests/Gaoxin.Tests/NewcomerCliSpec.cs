using System.Diagnostics;
using Gaoxin.Data;
using Gaoxin.Features.Hosting;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>
/// The command line as someone meets it on the first day: a new store says it is being prepared instead of a silent
/// wait, a zone code it does not know is answered with the codes it does know, and the hints the platform prints name a
/// command that works as printed.
/// </summary>
public abstract class NewcomerCliSpec(ITestStore store) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await store.DisposeAsync();

    private Task<CliResult> Run(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    [Fact]
    public async Task The_first_use_of_a_new_store_says_it_is_preparing_it_and_the_second_use_says_nothing()
    {
        var first = await Run("zones", "list");
        var second = await Run("zones", "list");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Preparing the store", first.Error);
        Assert.Contains("创建并迁移数据库", first.Error);
        Assert.DoesNotContain("Preparing the store", first.Output);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal("", second.Error);
    }

    [Fact]
    public async Task A_rebuild_of_the_aggregates_prepares_a_new_store_first_and_uses_a_current_one_as_it_is()
    {
        // The rebuild skips the bundled files on a store this build has migrated; a new store still gets everything.
        var first = await Run("enterprises", "aggregate");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Preparing the store", first.Error);
        Assert.StartsWith("Rebuilt 0 figures of 0 zone-years", first.Output);
        await using (var db = GaoxinDatabase.CreateContext(store.Location))
            Assert.True(await db.Plans.AnyAsync(), "the new store holds the bundled plan");

        var second = await Run("enterprises", "aggregate");
        Assert.Equal((0, ""), (second.ExitCode, second.Error));
        Assert.StartsWith("Rebuilt 0 figures of 0 zone-years", second.Output);
    }

    [Fact]
    public async Task An_unknown_zone_in_zones_show_is_answered_with_every_zone_code_and_name()
    {
        var result = await Run("zones", "show", "shenyng");

        Assert.Equal(Cli.NotFound, result.ExitCode);
        Assert.Contains("unknown zone 'shenyng'", result.Error);
        // The plan's fifteen zones, each as code (name).
        Assert.Contains("shenyang (沈阳高新区)", result.Error);
        Assert.Contains("dalian (大连高新区)", result.Error);
        Assert.Equal(15, result.Error.Split("高新区)").Length - 1);
    }

    [Theory]
    [InlineData("pool", "list")]
    [InlineData("cases", "list")]
    public async Task An_unknown_zone_filter_is_refused_with_the_valid_codes_instead_of_an_empty_list(string noun, string verb)
    {
        var result = await Run(noun, verb, "--zone", "nowhere");

        Assert.Equal(Cli.InvalidInput, result.ExitCode);
        Assert.Contains("--zone: unknown zone 'nowhere'; the zones are: ", result.Error);
        Assert.Contains("benxi (本溪高新区)", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task An_unknown_zone_for_a_new_zone_operator_lists_the_zones_and_creates_no_account()
    {
        var result = await Run("users", "add", "--email", "op@example.org", "--role", "zone_operator", "--zone", "nowhere", "--password", "a-long-password-1");
        var list = await Run("users", "list", "--format", "json");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unknown zone 'nowhere'; the zones are: ", result.Error);
        Assert.Contains("anshan (鞍山高新区)", result.Error);
        Assert.DoesNotContain("op@example.org", list.Output);
    }

    [Fact]
    public async Task An_unknown_role_is_answered_with_the_valid_roles()
    {
        var result = await Run("users", "add", "--email", "op@example.org", "--role", "boss");

        Assert.NotEqual(0, result.ExitCode);
        foreach (var role in new[] { "admin", "zone_operator", "enterprise", "expert" })
            Assert.Contains($"'{role}'", result.Error);
    }

    [Fact]
    public async Task The_hint_to_create_an_administrator_names_a_store_that_is_not_the_default_so_it_works_as_printed()
    {
        var hint = WebApp.StoreArgument(store.Location);

        if (store.Provider == DatabaseProvider.Sqlite)
        {
            Assert.Equal($" --db \"{Path.GetFullPath(store.DbArgument)}\"", hint);
            Assert.Equal("", WebApp.StoreArgument(DatabaseLocation.Default));
        }
        else
        {
            Assert.StartsWith(" --db \"Host=", hint);
            Assert.DoesNotContain("Password", hint, StringComparison.OrdinalIgnoreCase);
        }

        // Followed as printed (without its quotes, as a shell passes it), the hint creates the administrator on this store.
        var arguments = hint.Trim().Split(' ', 2);
        var added = await CliRun.RunAsync("users", "add", "--email", "admin@example.org", "--role", "admin", "--password", "a-long-password-1",
            arguments[0], store.Provider == DatabaseProvider.Sqlite ? arguments[1].Trim('"') : store.DbArgument);
        Assert.Equal(0, added.ExitCode);
        Assert.Contains("admin@example.org", (await Run("users", "list")).Output);
    }
}

public sealed class NewcomerCliOnSqlite() : NewcomerCliSpec(new SqliteTestStore())
{
    /// <summary>The launcher the README puts on the PATH runs the platform from any folder (building it first if needed).</summary>
    [Fact]
    public async Task The_launcher_on_the_path_runs_gaoxin_from_another_folder()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Gaoxin.slnx"))) root = Path.GetDirectoryName(root)!;
        var folder = Directory.CreateTempSubdirectory("gaoxin-launcher-").FullName;
        try
        {
            var start = new ProcessStartInfo("bash", [Path.Combine(root, "tools", "launcher", "gaoxin"), "zones", "list"])
            {
                WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            await process.WaitForExitAsync(timeout.Token);

            Assert.True(process.ExitCode == 0, await error);
            Assert.Contains("沈阳高新区", await output);
            Assert.Contains("Preparing the store", await error);
            Assert.True(File.Exists(Path.Combine(folder, "data", "gaoxin.db")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

public sealed class NewcomerCliOnPostgres() : NewcomerCliSpec(new PostgresTestStore());
