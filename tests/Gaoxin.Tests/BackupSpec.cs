using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Gaoxin.Core.Demo;
using Gaoxin.Data;
using Gaoxin.Data.Operations;
using Gaoxin.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>
/// <c>gaoxin backup</c> and <c>gaoxin restore</c> on each provider: a backup taken while the store is written holds
/// everything committed before it began, restores into an empty store only, and gives back the same figures.
/// </summary>
public abstract class BackupSpec(ITestStore store, Func<ITestStore> newStore) : IAsyncLifetime
{
    private const string Password = "Gaoxin-Test-1";
    private readonly string _folder = Directory.CreateTempSubdirectory("gaoxin-backup-").FullName;
    private readonly List<ITestStore> _others = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var other in _others) await other.DisposeAsync();
        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    private ITestStore Another()
    {
        var other = newStore();
        _others.Add(other);
        return other;
    }

    private string File(string name) => Path.Combine(_folder, name);

    private static void Succeeded(CliResult result) => Assert.True(result.ExitCode == 0, result.Error + result.Output);

    /// <summary>What the writer saw committed: an approved value with its import batch, an account, or an evaluation run.</summary>
    private sealed record Committed(int Round, int Year, decimal Value, string Batch, string Email, long Run);

    [Fact]
    public async Task A_backup_taken_while_writes_go_on_restores_every_value_audit_row_account_and_run_committed_before_it_began()
    {
        Succeeded(await Cli("zones", "list"));
        var committed = new ConcurrentQueue<Committed>();
        using var stop = new CancellationTokenSource();
        // Each round commits, through the same verbs an office uses, an approved value of its own year (with its audit
        // rows), an account, and an evaluation run; it is noted only once all three have committed.
        var writer = Task.Run(async () =>
        {
            for (var round = 1; !stop.IsCancellationRequested; round++)
            {
                var year = 2020 + round;
                var value = 1000 + round;
                var csv = File($"round-{round}.csv");
                await System.IO.File.WriteAllTextAsync(csv, $"zone,year,element,value\nshenyang,{year},gdp,{value}\n");
                var import = await Cli("data", "import", csv, "--approve");
                Succeeded(import);
                var batch = Regex.Match(import.Output, @"Batch (\S+)\.").Groups[1].Value;
                var email = $"clerk{round}@example.org";
                Succeeded(await Cli("users", "add", "--email", email, "--role", "admin", "--password", Password));
                var run = await Cli("evaluate", "--year", "2019");
                Succeeded(run);
                committed.Enqueue(new Committed(round, year, value, batch, email, long.Parse(Regex.Match(run.Output, @"Run (\d+) recorded").Groups[1].Value)));
            }
        });
        while (committed.Count < 3 && !writer.IsCompleted) await Task.Delay(50);
        Assert.False(writer.IsCompleted, writer.Exception?.ToString());

        var before = committed.ToArray();
        var backup = await Cli("backup", "--out", File("under-load.gaoxin"));
        var writingDuringBackup = !writer.IsCompleted;
        while (committed.Count <= before.Length + 1 && !writer.IsCompleted) await Task.Delay(50);
        await stop.CancelAsync();
        await writer;

        Succeeded(backup);
        Assert.True(writingDuringBackup);
        var restored = Another();
        Succeeded(await CliRun.RunAsync("restore", File("under-load.gaoxin"), "--db", restored.DbArgument));

        await using var source = GaoxinDatabase.CreateContext(store.Location);
        await using var db = GaoxinDatabase.CreateContext(restored.Location);
        var values = await db.ReportValues.AsNoTracking()
            .Join(db.Reports.AsNoTracking(), v => v.ReportId, r => r.Id, (v, r) => new { r.UnitCode, r.Year, r.State, v.ElementCode, v.Value })
            .Where(v => v.UnitCode == "shenyang" && v.ElementCode == "gdp" && v.Year > 2020).ToListAsync();
        var emails = (await db.Users.AsNoTracking().Select(u => u.Email).ToListAsync()).ToHashSet();
        var runs = (await db.EvaluationRuns.AsNoTracking().Select(r => r.Id).ToListAsync()).ToHashSet();
        foreach (var round in before)
        {
            var value = Assert.Single(values, v => v.Year == round.Year);
            Assert.Equal(round.Value, value.Value);
            Assert.Equal(Gaoxin.Core.Collection.ReportState.Approved, value.State);
            var audit = await db.Audit.AsNoTracking().Where(a => a.BatchId == round.Batch).OrderBy(a => a.Id).Select(a => new { a.Id, a.Action, a.NewValue }).ToListAsync();
            var original = await source.Audit.AsNoTracking().Where(a => a.BatchId == round.Batch).OrderBy(a => a.Id).Select(a => new { a.Id, a.Action, a.NewValue }).ToListAsync();
            Assert.NotEmpty(original);
            Assert.Equal(original, audit);
            Assert.Contains(round.Email, emails);
            Assert.Contains(round.Run, runs);
        }
        // One instant of the store: the rounds restored are the first ones, without a hole, each whole.
        var years = values.Select(v => v.Year).Order().ToList();
        Assert.Equal(Enumerable.Range(2021, years.Count), years);
        Assert.True(years.Count >= before.Length);
    }

    [Fact]
    public async Task Backup_then_restore_into_a_new_file_gives_a_byte_identical_data_export_for_every_year()
    {
        Succeeded(await Cli("demo", "seed"));
        Succeeded(await Cli("evaluate", "--year", "2019"));

        Succeeded(await Cli("backup", "--out", File("demo.gaoxin")));
        var restored = File("restored.db");
        Succeeded(await CliRun.RunAsync("restore", File("demo.gaoxin"), "--db", restored));

        for (var year = DemoData.FirstYear; year <= DemoData.LastYear; year++)
        {
            var original = await Cli("data", "export", "--year", $"{year}");
            var copy = await CliRun.RunAsync("data", "export", "--year", $"{year}", "--db", restored);
            Succeeded(original);
            Succeeded(copy);
            Assert.True(original.Output.Split('\n').Length > 100, $"{year}: the demo export is nearly empty");
            Assert.Equal(original.Output, copy.Output);
        }
    }

    [Fact]
    public async Task Restore_refuses_a_store_that_holds_data_and_leaves_it_as_it_was()
    {
        Succeeded(await Cli("zones", "list"));
        Succeeded(await Cli("backup", "--out", File("store.gaoxin")));
        var occupied = Another();
        Succeeded(await CliRun.RunAsync("users", "add", "--email", "office@example.org", "--role", "admin", "--password", Password, "--db", occupied.DbArgument));
        var before = await StoreCopy.SummarizeAsync(occupied.Location);

        var refused = await CliRun.RunAsync("restore", File("store.gaoxin"), "--db", occupied.DbArgument);

        Assert.Equal(Gaoxin.Cli.InvalidInput, refused.ExitCode);
        Assert.Contains("is not empty", refused.Error);
        Assert.Contains("AspNetUsers: 1 rows", refused.Error);
        Assert.Equal(before, await StoreCopy.SummarizeAsync(occupied.Location));
    }

    [Fact]
    public async Task A_backup_never_overwrites_a_file_and_a_missing_store_or_backup_is_named()
    {
        Succeeded(await Cli("zones", "list"));
        await System.IO.File.WriteAllTextAsync(File("kept.txt"), "yesterday's backup");

        var overwrite = await Cli("backup", "--out", File("kept.txt"));
        var missing = await CliRun.RunAsync("restore", File("no-such.gaoxin"), "--db", File("new.db"));

        Assert.Equal(Gaoxin.Cli.InvalidInput, overwrite.ExitCode);
        Assert.Contains("already exists", overwrite.Error);
        Assert.Equal("yesterday's backup", await System.IO.File.ReadAllTextAsync(File("kept.txt")));
        Assert.Equal(Gaoxin.Cli.NotFound, missing.ExitCode);
        Assert.Contains("no-such.gaoxin", missing.Error);
        Assert.False(System.IO.File.Exists(File("new.db")));
    }
}

public sealed class BackupOnSqlite() : BackupSpec(new SqliteTestStore(), () => new SqliteTestStore())
{
    /// <summary>
    /// The defect this verb fixes: in WAL mode a committed row sits in the <c>-wal</c> file until a checkpoint copies it
    /// into the <c>.db</c>, so a copy of the <c>.db</c> file misses it. A reader holding an older snapshot (the web server
    /// serving a page, here one open read transaction) keeps the checkpoint from reaching it.
    /// </summary>
    [Fact]
    public async Task A_value_committed_but_not_yet_checkpointed_is_in_the_backup_though_a_copy_of_the_db_file_misses_it()
    {
        var store = new SqliteTestStore();
        var folder = Directory.CreateTempSubdirectory("gaoxin-wal-").FullName;
        try
        {
            Succeeded(await CliRun.RunAsync("zones", "list", "--db", store.DbArgument));
            await using (var checkpoint = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store.DbArgument, Pooling = false }.ToString()))
            {
                // Everything so far (the schema, the bundled plan) into the .db file, so the copy below misses only what follows.
                await checkpoint.OpenAsync();
                await using var truncate = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE)", checkpoint);
                await truncate.ExecuteNonQueryAsync();
            }
            await using var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store.DbArgument, Pooling = false }.ToString());
            await reader.OpenAsync();
            await using var snapshot = reader.BeginTransaction(deferred: true);
            await using (var read = new SqliteCommand("SELECT COUNT(*) FROM reports", reader, snapshot)) Assert.Equal(0L, await read.ExecuteScalarAsync());

            var csv = Path.Combine(folder, "late.csv");
            await System.IO.File.WriteAllTextAsync(csv, "zone,year,element,value\nshenyang,2021,gdp,1234.5\n");
            Succeeded(await CliRun.RunAsync("data", "import", csv, "--approve", "--db", store.DbArgument));
            Assert.Equal(1234.5m, await ApprovedGdpAsync(store.DbArgument));
            Assert.True(new FileInfo(store.DbArgument + "-wal").Length > 0);

            var copy = Path.Combine(folder, "copied.db");
            System.IO.File.Copy(store.DbArgument, copy);
            var backup = Path.Combine(folder, "backup.gaoxin");
            Succeeded(await CliRun.RunAsync("backup", "--out", backup, "--db", store.DbArgument));

            Assert.Null(await ApprovedGdpAsync(copy));
            Assert.Equal(1234.5m, await ApprovedGdpAsync(backup));
            Assert.False(System.IO.File.Exists(backup + "-wal"));
        }
        finally
        {
            await store.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<decimal?> ApprovedGdpAsync(string file)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        await using var command = new SqliteCommand(
            "SELECT v.value FROM report_values v JOIN reports r ON r.id = v.report_id " +
            "WHERE r.unit_code = 'shenyang' AND r.year = 2021 AND v.element_code = 'gdp' AND r.state = 'Approved'", connection);
        return await command.ExecuteScalarAsync() is { } value and not DBNull ? Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static void Succeeded(CliResult result) => Assert.True(result.ExitCode == 0, result.Error + result.Output);
}

public sealed class BackupOnPostgres() : BackupSpec(new PostgresTestStore(), () => new PostgresTestStore());

/// <summary>
/// <c>gaoxin migrate-store</c>: the embedded SQLite store moved to PostgreSQL, and back through a backup, compares table
/// by table — every table of the model, its rows and a checksum of their values.
/// </summary>
public sealed class MigrateStoreSpec : IAsyncLifetime
{
    private const string Password = "Gaoxin-Test-1";
    private readonly ITestStore _sqlite = new SqliteTestStore();
    private readonly ITestStore _postgres = new PostgresTestStore();
    private readonly ITestStore _back = new SqliteTestStore();
    private readonly string _folder = Directory.CreateTempSubdirectory("gaoxin-migrate-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _sqlite.DisposeAsync();
        await _postgres.DisposeAsync();
        await _back.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private static void Succeeded(CliResult result) => Assert.True(result.ExitCode == 0, result.Error + result.Output);

    [Fact]
    public async Task A_store_moved_from_sqlite_to_postgresql_and_back_through_a_backup_has_the_same_rows_in_every_table()
    {
        Task<CliResult> Sqlite(params string[] args) => CliRun.RunAsync([.. args, "--db", _sqlite.DbArgument]);
        Succeeded(await Sqlite("demo", "seed"));
        Succeeded(await Sqlite("users", "add", "--email", "office@example.org", "--role", "admin", "--password", Password));
        Succeeded(await Sqlite("users", "add", "--email", "zone@example.org", "--role", "zone_operator", "--zone", "shenyang", "--password", Password));
        Succeeded(await Sqlite("users", "token", "--email", "zone@example.org", "--name", "uploads"));
        var run = await Sqlite("evaluate", "--year", "2019");
        Succeeded(run);
        Succeeded(await Sqlite("evaluate", "publish", Regex.Match(run.Output, @"Run (\d+) recorded").Groups[1].Value));
        Succeeded(await Sqlite("zones", "record", "dandong", "--event", "promoted", "--date", "2025-06-01", "--act", "promotion-act-2025"));
        var original = await StoreCopy.SummarizeAsync(_sqlite.Location);

        var moved = await CliRun.RunAsync("migrate-store", "--from", _sqlite.DbArgument, "--to", _postgres.DbArgument);
        Succeeded(moved);
        var onPostgres = await StoreCopy.SummarizeAsync(_postgres.Location);
        var backup = Path.Combine(_folder, "from-postgres.gaoxin");
        Succeeded(await CliRun.RunAsync("backup", "--out", backup, "--db", _postgres.DbArgument));
        Succeeded(await CliRun.RunAsync("restore", backup, "--db", _back.DbArgument));
        var back = await StoreCopy.SummarizeAsync(_back.Location);

        await using (var db = GaoxinDatabase.CreateContext(_sqlite.Location))
            Assert.Equal(db.Model.GetEntityTypes().Select(e => e.GetTableName()).Distinct().Order(StringComparer.Ordinal), original.Select(t => t.Table).Order(StringComparer.Ordinal));
        foreach (var table in new[] { "audit", "report_values", "AspNetUsers", "AspNetUserRoles", "api_tokens", "evaluation_runs", "zone_events", "registry_items", "zones", "plans" })
            Assert.True(original.Single(t => t.Table == table).Rows > 0, $"{table} has no rows to copy");
        foreach (var table in original)
        {
            Assert.Equal(table, onPostgres.Single(t => t.Table == table.Table));
            Assert.Equal(table, back.Single(t => t.Table == table.Table));
        }
        Assert.Contains($"{original.Count} tables, {original.Sum(t => t.Rows)} rows", moved.Output);

        // The moved store goes on: new rows get new ids (the identity sequences were moved past the copied ones) and the
        // accounts sign in as before.
        var csv = Path.Combine(_folder, "after.csv");
        await System.IO.File.WriteAllTextAsync(csv, "zone,year,element,value\nshenyang,2021,gdp,901\n");
        Succeeded(await CliRun.RunAsync("data", "import", csv, "--approve", "--db", _postgres.DbArgument));
        Succeeded(await CliRun.RunAsync("evaluate", "--year", "2019", "--db", _postgres.DbArgument));
        Succeeded(await CliRun.RunAsync("users", "token", "--email", "office@example.org", "--name", "after", "--db", _postgres.DbArgument));
    }

    [Fact]
    public async Task Migrate_store_refuses_a_postgresql_database_that_holds_data_and_leaves_it_as_it_was()
    {
        Succeeded(await CliRun.RunAsync("zones", "list", "--db", _sqlite.DbArgument));
        Succeeded(await CliRun.RunAsync("zones", "list", "--db", _postgres.DbArgument));
        var before = await StoreCopy.SummarizeAsync(_postgres.Location);

        var refused = await CliRun.RunAsync("migrate-store", "--from", _sqlite.DbArgument, "--to", _postgres.DbArgument);

        Assert.Equal(Gaoxin.Cli.InvalidInput, refused.ExitCode);
        Assert.Contains("is not empty", refused.Error);
        Assert.Equal(before, await StoreCopy.SummarizeAsync(_postgres.Location));
    }
}
