using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Gaoxin.Core.Collection;
using Gaoxin.Data;
using Gaoxin.Data.Imports;
using Gaoxin.Features.Enterprises;

namespace Gaoxin.Features.Imports;

/// <summary>
/// <c>Imports:MaxUploadBytes</c>: the largest file the background imports take (default 256 MB, above a year of national
/// returns, ~115 MB); <c>Imports:Folder</c>: where uploads wait for their job (default a folder under the system's temp).
/// Other endpoints keep their own, smaller limits.
/// </summary>
public sealed record ImportSettings(long MaxUploadBytes, string Folder)
{
    public const long DefaultMaxUploadBytes = 256L * 1024 * 1024;

    public static ImportSettings From(IConfiguration configuration) => new(
        configuration.GetValue<long?>("Imports:MaxUploadBytes") is { } max and > 0 ? max : DefaultMaxUploadBytes,
        configuration["Imports:Folder"] is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "gaoxin-imports"));
}

/// <summary>A job this server holds: its file, who started it, how far it has got and how to stop it.</summary>
public sealed class LiveJob(ImportJobRecord record, Principal who, string path)
{
    public ImportJobRecord Record { get; } = record;
    public Principal Who { get; } = who;
    public string Path { get; } = path;
    public CancellationTokenSource Cancel { get; } = new();
    public Stopwatch Clock { get; } = new();

    private ImportProgress? progress;

    /// <summary>The latest progress the import reported (written by the worker, read by requests).</summary>
    public ImportProgress? Progress
    {
        get => Volatile.Read(ref progress);
        set => Volatile.Write(ref progress, value);
    }

    /// <summary>True once the worker has taken it up.</summary>
    public volatile bool Running;
}

/// <summary>The jobs waiting or running on this server, in the order they came; one runs at a time.</summary>
public sealed class ImportJobQueue
{
    private readonly Channel<LiveJob> channel = Channel.CreateUnbounded<LiveJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, LiveJob> live = new();

    public void Enqueue(LiveJob job)
    {
        live[job.Record.Id] = job;
        if (!channel.Writer.TryWrite(job)) throw new InvalidOperationException("The import queue is closed.");
    }

    public LiveJob? Find(string id) => live.GetValueOrDefault(id);

    internal ChannelReader<LiveJob> Reader => channel.Reader;

    internal void Done(string id) => live.TryRemove(id, out _);
}

/// <summary>What a finished job stored: the CLI's summary figures, or the located errors, or why it stopped.</summary>
public sealed record StoredOutcome(bool Applied, string? BatchId, int Rows, int ZoneYears, IReadOnlyList<int> Years, int AggregateFigures, double Seconds,
    int ErrorCount, IReadOnlyList<StoredProblem> Problems, string? Reason)
{
    /// <summary>A job stopped by its owner.</summary>
    public const string Cancelled = "cancelled";
    /// <summary>A job the server stopped (shut down, restarted) before it finished.</summary>
    public const string Interrupted = "interrupted";
    /// <summary>A job that broke on something other than the file (see the server's log).</summary>
    public const string Unexpected = "unexpected";
    /// <summary>The uploader may not import enterprise returns.</summary>
    public const string Forbidden = "forbidden";

    public static StoredOutcome Stopped(string reason) => new(false, null, 0, 0, [], 0, 0, 0, [], reason);

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static StoredOutcome? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<StoredOutcome>(json, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

/// <summary>A located problem as stored with the job.</summary>
public sealed record StoredProblem(string File, string? Sheet, int Row, string? Column, string? Unit, string? Element, string? Value, string Code, string? Detail)
{
    public static StoredProblem Of(DataProblem p) => new(p.File, p.Sheet, p.Row, p.Column, p.Unit, p.Element, p.Value, p.Code, p.Detail);

    public DataProblem ToProblem() => new(File, Sheet, Row, Column, Unit, Element, Value, Code, Severity.Error, Detail);
}

/// <summary>
/// Runs the queued imports one after another with the CLI's own import code, in its one transaction: a job that is
/// cancelled, fails or is cut short by a stop writes nothing but its own record. On start, jobs a stopped server left
/// queued or running are marked failed (interrupted).
/// </summary>
public sealed partial class ImportJobWorker(ImportJobQueue queue, IServiceScopeFactory scopes, TimeProvider clock, ILogger<ImportJobWorker> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GaoxinDb>();
            var count = await ImportJobStore.InterruptLeftoversAsync(db, StoredOutcome.Stopped(StoredOutcome.Interrupted).ToJson(), clock, cancellationToken);
            if (count > 0) LogInterrupted(logger, count);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await RunAsync(job, stoppingToken);
                }
                finally
                {
                    queue.Done(job.Record.Id);
                    TryDelete(job.Path);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is marked interrupted at the next start.
        }
    }

    private async Task RunAsync(LiveJob job, CancellationToken stoppingToken)
    {
        var id = job.Record.Id;
        string state;
        StoredOutcome outcome;
        if (job.Cancel.IsCancellationRequested)
        {
            await FinishAsync(id, ImportJobStates.Cancelled, null, StoredOutcome.Stopped(StoredOutcome.Cancelled));
            return;
        }
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GaoxinDb>();
            await ImportJobStore.UpdateAsync(db, id, ImportJobStates.Running, null, null, clock, stoppingToken);
        }
        job.Running = true;
        job.Clock.Start();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(job.Cancel.Token, stoppingToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GaoxinDb>();
            var rules = scope.ServiceProvider.GetRequiredService<EnterpriseRules>();
            var result = await EnterpriseUpload.ImportAsync(db,
                () => new FileStream(job.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan),
                job.Record.FileName, job.Who, rules, job.Record.Via, clock, linked.Token, p => job.Progress = p);
            if (result.Forbidden)
            {
                (state, outcome) = (ImportJobStates.Failed, StoredOutcome.Stopped(StoredOutcome.Forbidden));
            }
            else if (result.Applied)
            {
                var o = result.Outcome!;
                state = ImportJobStates.Succeeded;
                outcome = new StoredOutcome(true, o.BatchId, o.Rows, o.ZoneYears, o.Years, o.Aggregates?.Figures ?? 0, o.Elapsed.TotalSeconds, 0, [], null);
            }
            else
            {
                var o = result.Outcome;
                state = ImportJobStates.Failed;
                outcome = new StoredOutcome(false, o?.BatchId, o?.Rows ?? 0, o?.ZoneYears ?? 0, o?.Years ?? [], 0, o?.Elapsed.TotalSeconds ?? 0,
                    result.ErrorCount, result.Problems.Select(StoredProblem.Of).ToList(), null);
            }
        }
        catch (OperationCanceledException) when (job.Cancel.IsCancellationRequested)
        {
            (state, outcome) = (ImportJobStates.Cancelled, StoredOutcome.Stopped(StoredOutcome.Cancelled));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            (state, outcome) = (ImportJobStates.Failed, StoredOutcome.Stopped(StoredOutcome.Interrupted));
        }
        catch (Exception e)
        {
            LogFailed(logger, id, e);
            (state, outcome) = (ImportJobStates.Failed, StoredOutcome.Stopped(StoredOutcome.Unexpected));
        }
        job.Clock.Stop();
        await FinishAsync(id, state, job.Progress, outcome);
    }

    private async Task FinishAsync(string id, string state, ImportProgress? progress, StoredOutcome outcome)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GaoxinDb>();
        // Not the stopping token: the job's end is recorded even while the server stops.
        await ImportJobStore.UpdateAsync(db, id, state, progress, outcome.ToJson(), clock, CancellationToken.None);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    [LoggerMessage(EventId = 1801, Level = LogLevel.Warning, Message = "{Count} import job(s) left unfinished by a stopped server were marked failed (interrupted)")]
    private static partial void LogInterrupted(ILogger logger, int count);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Error, Message = "Import job {Id} failed")]
    private static partial void LogFailed(ILogger logger, string id, Exception exception);
}

public static class ImportJobHosting
{
    /// <summary>The settings, the queue and the worker of the background imports.</summary>
    public static void AddImportJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(ImportSettings.From(configuration));
        services.AddSingleton<ImportJobQueue>();
        services.AddHostedService<ImportJobWorker>();
    }
}
