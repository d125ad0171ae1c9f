using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Gaoxin.Data;
using Gaoxin.Data.Operations;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Operations;

/// <summary><c>gaoxin backup</c>, <c>gaoxin restore</c> and <c>gaoxin migrate-store</c>: keeping and moving the whole store.</summary>
public static class StoreCommands
{
    /// <summary><c>gaoxin backup --out FILE</c>: a consistent copy of the store named by <c>--db</c>, taken while it is in use.</summary>
    public static Command BuildBackup()
    {
        var output = new Option<string>("--out") { Description = "the backup file to write (a SQLite file; never overwritten)", Required = true };
        var backup = new Command("backup", "write a consistent backup of the store while it stays in use") { output };
        backup.SetAction((parse, ct) => RunAsync(parse, async () =>
        {
            var from = Cli.Location(parse);
            var file = parse.GetValue(output)!;
            var tables = await StoreBackup.BackupAsync(from, file, ct);
            var writer = parse.InvocationConfiguration.Output;
            if (tables is not null) Write(writer, tables);
            writer.WriteLine(tables is null
                ? $"Backed up {from.Describe()} to {file} (a store of an earlier version; restore brings it up to date)."
                : $"Backed up {from.Describe()} to {file}: {tables.Count} tables, {Total(tables)} rows.");
            return 0;
        }));
        return backup;
    }

    /// <summary><c>gaoxin restore FILE</c>: the backup into the empty store named by <c>--db</c>.</summary>
    public static Command BuildRestore()
    {
        var file = new Argument<string>("FILE") { Description = "a backup written by gaoxin backup" };
        var restore = new Command("restore", "restore a backup into an empty store (--db: a new SQLite file or an empty PostgreSQL database)") { file };
        restore.SetAction((parse, ct) => RunAsync(parse, async () =>
        {
            var to = Cli.Location(parse);
            var tables = await StoreBackup.RestoreAsync(parse.GetValue(file)!, to, ct);
            Write(parse.InvocationConfiguration.Output, tables);
            parse.InvocationConfiguration.Output.WriteLine($"Restored {parse.GetValue(file)} into {to.Describe()}: {tables.Count} tables, {Total(tables)} rows, each checked.");
            return 0;
        }));
        return restore;
    }

    /// <summary><c>gaoxin migrate-store --from SQLITE_FILE --to "Host=…"</c>: the whole store into an empty PostgreSQL database.</summary>
    public static Command BuildMigrateStore()
    {
        var from = new Option<string>("--from") { Description = "the store to copy: a SQLite file (or a PostgreSQL connection string)", Required = true };
        var to = new Option<string>("--to") { Description = "the empty store to copy into: a PostgreSQL connection string beginning with Host= (or a new SQLite file)", Required = true };
        var migrate = new Command("migrate-store", "copy the whole store into an empty one, e.g. from the SQLite file to PostgreSQL; all or nothing") { from, to };
        migrate.SetAction((parse, ct) => RunAsync(parse, async () =>
        {
            var source = DatabaseLocation.Parse(parse.GetValue(from)!);
            var target = DatabaseLocation.Parse(parse.GetValue(to)!);
            if (source.Provider == DatabaseProvider.Sqlite && !File.Exists(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(source.ConnectionString).DataSource))
            {
                parse.InvocationConfiguration.Error.WriteLine($"{parse.GetValue(from)}: the file does not exist");
                return Cli.NotFound;
            }
            var tables = await StoreBackup.MoveAsync(source, target, ct);
            Write(parse.InvocationConfiguration.Output, tables);
            parse.InvocationConfiguration.Output.WriteLine(
                $"Copied {source.Describe()} into {target.Describe()}: {tables.Count} tables, {Total(tables)} rows; every table's rows and checksum match.");
            return 0;
        }));
        return migrate;
    }

    private static async Task<int> RunAsync(ParseResult parse, Func<Task<int>> run)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return await run();
        }
        catch (StoreCopyException e)
        {
            error.WriteLine(e.Message);
            return Cli.InvalidInput;
        }
        catch (FileNotFoundException e)
        {
            error.WriteLine(e.Message);
            return Cli.NotFound;
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode == 26) // SQLITE_NOTADB
        {
            error.WriteLine("the file is not a Gaoxin store or backup (not a SQLite database)");
            return Cli.InvalidInput;
        }
        // A disk that is full, a server that cannot be reached or a folder without permission is left to the one mapping
        // of such failures in Cli.RunAsync (CliFailure): one line, exit code 4 or 5.
    }

    private static void Write(TextWriter output, IReadOnlyList<TableSummary> tables) =>
        TextTable.Write(output, ["table", "rows", "checksum"],
            tables.Select(t => (IReadOnlyList<string>)[t.Table, t.Rows.ToString(CultureInfo.InvariantCulture), t.Checksum]));

    private static long Total(IReadOnlyList<TableSummary> tables) => tables.Sum(t => t.Rows);
}
