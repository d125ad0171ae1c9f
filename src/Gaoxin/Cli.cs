using Gaoxin.Core;
using System.CommandLine;
using Gaoxin.Data;
using Gaoxin.Features.Hosting;
using Gaoxin.Features.Plans;
using Gaoxin.Features.Zones;

namespace Gaoxin;

/// <summary>The command line of <c>gaoxin</c>: every verb, and <c>serve</c> for the web server.</summary>
public static class Cli
{
    /// <summary>Exit code for bad input (an invalid file, a rule the request breaks).</summary>
    public const int InvalidInput = 2;

    /// <summary>Exit code for something asked for that does not exist.</summary>
    public const int NotFound = 3;

    /// <summary>
    /// Exit code when the store cannot be opened, read or written: not a database, malformed, read-only, full, a
    /// PostgreSQL server that refuses or drops the connection. One line on standard error says which store and why.
    /// </summary>
    public const int StoreUnavailable = 4;

    /// <summary>Exit code when a file or folder other than the store cannot be written or read (disk full, no permission).</summary>
    public const int FileUnavailable = 5;

    /// <summary>The store every verb works on: <c>--db PATH</c> (SQLite) or <c>--db "Host=…"</c> (PostgreSQL).</summary>
    public static readonly Option<string> Db = new("--db")
    {
        Description = "SQLite file, or a PostgreSQL connection string beginning with Host= (default: ./data/gaoxin.db)",
        Recursive = true,
    };

    /// <summary>Output format of listing verbs.</summary>
    public static Option<string> FormatOption()
    {
        var option = new Option<string>("--format")
        {
            Description = "json or table",
            DefaultValueFactory = _ => "table",
        };
        option.AcceptOnlyFromAmong("json", "table");
        return option;
    }

    public static RootCommand Build()
    {
        var root = new RootCommand("Gaoxin 高新 — runs a development plan for high-tech industrial development zones")
        {
            Db,
            PlanCommands.Build(),
            ZoneCommands.Build(),
            Features.Collection.DataCommands.Build(),
            Features.Collection.DataCommands.BuildDemo(),
            Features.Accounts.UserCommands.Build(),
            Features.Evaluation.EvaluationCommands.Build(),
            Features.Enterprises.EnterpriseCommands.Build(),
            Features.Enterprises.GazelleCommands.Build(),
            Features.Enterprises.PoolCommands.Build(),
            Features.Enterprises.SelfAssessmentCommands.BuildHte(),
            Features.Enterprises.SelfAssessmentCommands.BuildTechSme(),
            Features.Policies.PolicyCommands.BuildPolicies(), Features.Policies.PolicyCommands.BuildNews(),
            Features.Market.MarketCommands.Build(Features.Market.TransferReportCommand.Build()),
            Features.Cases.CasesCommands.Build(),
            Features.Applications.ApplicationCommands.Build(),
            Features.Monitoring.MonitoringReportCommands.Build(),
            ServeCommand.Build(),
            Features.Operations.StoreCommands.BuildBackup(), Features.Operations.StoreCommands.BuildRestore(), Features.Operations.StoreCommands.BuildMigrateStore(),
            Features.Notices.RemindersCommands.Build(),
        };
        return root;
    }

    /// <summary>
    /// Runs the command line, writing to the given streams; returns the exit code. A store or file that cannot be used
    /// gives one located line (<see cref="CliFailure"/>); anything else unexpected is a defect and keeps its stack trace.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var parse = Build().Parse(args);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (InputRefusedException refused)
        {
            // Text the store refuses (too long, a control character, a year out of range) is bad input, named by its field.
            error.WriteLine($"gaoxin: input refused: {refused.Problem.Describe()}");
            return InvalidInput;
        }
        catch (Exception exception) when (CliFailure.From(exception, DescribeStore(parse)) is { } failure)
        {
            error.WriteLine(failure.Line);
            return failure.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 1;
        }
        catch (Exception exception)
        {
            error.WriteLine($"Unhandled exception: {exception}");
            return 1;
        }
    }

    private static string DescribeStore(ParseResult parse)
    {
        try { return Location(parse).Describe(); }
        catch (ArgumentException) { return parse.GetValue(Db) ?? "the store"; }
    }

    /// <summary>The store named by <c>--db</c>, or the default file.</summary>
    public static DatabaseLocation Location(ParseResult parse) =>
        parse.GetValue(Db) is { Length: > 0 } value ? DatabaseLocation.Parse(value) : DatabaseLocation.Default;

    /// <summary>Opens the store named by <c>--db</c>, creating, migrating and loading the bundled plans first if needed.</summary>
    public static async Task<GaoxinDb> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var location = Location(parse);
        var db = GaoxinDatabase.CreateContext(location);
        try
        {
            await GaoxinDatabase.InitializeAsync(db, GaoxinDatabase.BundleDirectory, TimeProvider.System, cancellationToken, parse.InvocationConfiguration.Error.WriteLine);
            return db;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // While opening, a file-system refusal is about the store's own folder (it cannot be created or written).
            await db.DisposeAsync();
            throw new StoreUnavailableException(location.Describe(), e.Message, e);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Opens the store for a verb that works on its tables only and never reads the bundled plans: a store already current
    /// is used as it is (<see cref="GaoxinDatabase.TryUseCurrentAsync"/>); any other is opened as <see cref="OpenAsync"/> does.
    /// </summary>
    public static async Task<GaoxinDb> OpenTablesAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var db = GaoxinDatabase.CreateContext(Location(parse));
        try
        {
            if (await GaoxinDatabase.TryUseCurrentAsync(db, cancellationToken)) return db;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The usual open below reports it, located.
        }
        await db.DisposeAsync();
        return await OpenAsync(parse, cancellationToken);
    }

    /// <summary>Who a CLI change is recorded as.</summary>
    public static string Actor => $"cli:{Environment.UserName}";
}
