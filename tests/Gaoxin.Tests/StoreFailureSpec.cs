using System.Net;
using System.Net.Sockets;
using Gaoxin.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gaoxin.Tests;

/// <summary>
/// A store or a file the command line cannot use is reported on one line that says what failed, where and why,
/// with a distinct exit code — never a stack trace. Each case below is the real condition, not a stand-in.
/// </summary>
public sealed class StoreFailureSpec : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gaoxin-failure-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    /// <summary>Exactly one line on standard error, holding every fragment, and nothing that looks like a stack frame.</summary>
    private static string AssertOneLine(CliResult result, int exitCode, params string[] fragments)
    {
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}, expected {exitCode}; stderr: {result.Error}");
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("gaoxin: ", line);
        Assert.DoesNotContain("   at ", result.Error);
        foreach (var fragment in fragments) Assert.Contains(fragment, line);
        return line;
    }

    private static string Server => Environment.GetEnvironmentVariable(PostgresTestStore.Variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"{PostgresTestStore.Variable} is not set");

    [Fact]
    public async Task A_file_of_garbage_named_db_is_reported_as_not_a_database()
    {
        var path = Path.Combine(_folder, "garbage.db");
        await File.WriteAllBytesAsync(path, Enumerable.Range(0, 8192).Select(i => (byte)(i * 7919 % 251)).ToArray());

        var result = await CliRun.RunAsync("zones", "list", "--db", path);

        AssertOneLine(result, Cli.StoreUnavailable, "store unavailable", path, "file is not a database");
    }

    [Fact]
    public async Task A_malformed_SQLite_store_is_reported_as_malformed_and_left_alone()
    {
        var path = Path.Combine(_folder, "gaoxin.db");
        Assert.Equal(0, (await CliRun.RunAsync("zones", "list", "--db", path)).ExitCode);
        SqliteConnection.ClearAllPools();
        // Keep the 100-byte header, so that SQLite takes it for a database, and overwrite the schema page behind it.
        var bytes = await File.ReadAllBytesAsync(path);
        Array.Fill(bytes, (byte)0xA5, 100, 4000);
        await File.WriteAllBytesAsync(path, bytes);

        var result = await CliRun.RunAsync("zones", "list", "--db", path);

        AssertOneLine(result, Cli.StoreUnavailable, "store unavailable", path, "malformed");
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_store_folder_that_cannot_be_created_is_reported_with_the_store()
    {
        // sysfs refuses new folders to every user, root included: a read-only place that needs no mount or chmod.
        var path = $"/sys/gaoxin-{Guid.NewGuid():N}/gaoxin.db";

        var result = await CliRun.RunAsync("zones", "list", "--db", path);

        AssertOneLine(result, Cli.StoreUnavailable, "store unavailable", path, "denied");
    }

    [Fact]
    public async Task A_store_in_a_read_only_folder_is_reported_as_unable_to_open()
    {
        // procfs holds no files but its own, for root too.
        var result = await CliRun.RunAsync("zones", "list", "--db", "/proc/gaoxin.db");

        AssertOneLine(result, Cli.StoreUnavailable, "store unavailable", "/proc/gaoxin.db", "unable to open database file");
    }

    [Fact]
    public async Task A_full_disk_under_an_export_is_reported_as_disk_full()
    {
        var store = Path.Combine(_folder, "gaoxin.db");
        Assert.Equal(0, (await CliRun.RunAsync("demo", "seed", "--db", store)).ExitCode);

        // /dev/full answers every write with ENOSPC, as a full disk does.
        var result = await CliRun.RunAsync("data", "export", "--year", "2019", "--out", "/dev/full", "--db", store);

        AssertOneLine(result, Cli.FileUnavailable, "disk full", "/dev/full");
    }

    [Fact]
    public async Task A_PostgreSQL_server_that_is_not_listening_is_reported_as_unreachable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await CliRun.RunAsync("zones", "list", "--db", $"Host=127.0.0.1;Port={port};Username=gaoxin;Password=s3cret-pw;Database=gaoxin;Timeout=5");

        var line = AssertOneLine(result, Cli.StoreUnavailable, "store unavailable", $"PostgreSQL 127.0.0.1:{port}/gaoxin", "refused");
        Assert.DoesNotContain("s3cret-pw", line);
    }

    [Fact]
    public async Task A_PostgreSQL_password_the_server_refuses_is_reported_without_the_password()
    {
        var wrong = new NpgsqlConnectionStringBuilder(Server) { Password = "not-the-password-9", Database = "gaoxin_nowhere" }.ToString();

        var result = await CliRun.RunAsync("zones", "list", "--db", wrong);

        var line = AssertOneLine(result, Cli.StoreUnavailable, "store unavailable", "/gaoxin_nowhere", "28P01");
        Assert.DoesNotContain("not-the-password-9", line);
    }

    [Fact]
    public async Task A_PostgreSQL_connection_lost_mid_command_is_reported_on_one_line()
    {
        await using var store = new PostgresTestStore();
        Assert.Equal(0, (await CliRun.RunAsync("zones", "list", "--db", store.DbArgument)).ExitCode);
        var database = new NpgsqlConnectionStringBuilder(store.DbArgument).Database!;

        var run = CliRun.RunAsync("demo", "seed", "--db", store.DbArgument);
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString()))
        {
            await admin.OpenAsync();
            // Terminates every connection of the command's database until it gives up, as a server restart or a DBA would.
            while (!run.IsCompleted)
            {
                await using var kill = new NpgsqlCommand(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @db AND pid <> pg_backend_pid()", admin);
                kill.Parameters.AddWithValue("db", database);
                await kill.ExecuteScalarAsync();
                await Task.WhenAny(run, Task.Delay(5));
            }
        }
        var result = await run;

        AssertOneLine(result, Cli.StoreUnavailable, "store unavailable", $"/{database}");
    }

    [Fact]
    public void A_full_SQLite_disk_and_a_full_PostgreSQL_disk_map_to_store_unavailable()
    {
        // Filling a real disk needs a mount; the mapping of what SQLite and PostgreSQL then raise is pinned here.
        var sqlite = CliFailure.From(new SqliteException("SQLite Error 13: 'database or disk is full'.", 13), "/data/gaoxin.db");
        var postgres = CliFailure.From(new PostgresException("could not extend file: No space left on device", "ERROR", "ERROR", "53100"), "PostgreSQL db:5432/gaoxin");

        Assert.Equal(new CliFailure(Cli.StoreUnavailable, "gaoxin: store unavailable: /data/gaoxin.db: database or disk is full (SQLite error 13)"), sqlite);
        Assert.Equal(new CliFailure(Cli.StoreUnavailable, "gaoxin: store unavailable: PostgreSQL db:5432/gaoxin: could not extend file: No space left on device (53100)"), postgres);
    }

    [Fact]
    public void A_defect_keeps_its_stack_trace()
    {
        Assert.Null(CliFailure.From(new InvalidOperationException("a bug"), "/data/gaoxin.db"));
        Assert.Null(CliFailure.From(new SqliteException("SQLite Error 19: 'UNIQUE constraint failed'.", 19), "/data/gaoxin.db"));
        Assert.Null(CliFailure.From(new PostgresException("duplicate key", "ERROR", "ERROR", "23505"), "PostgreSQL db:5432/gaoxin"));
    }
}
