using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Gaoxin.Core.Collection;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
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
    /// <summary>A zone-data job: import the figures as approved revisions (the office only), as <c>--approve</c> does on the CLI.</summary>
    public bool Approve { get; init; }

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

    private string? stage;

    /// <summary>Records <paramref name="reported"/> as the job's progress; true when it starts a stage the job was not in.</summary>
    public bool Advance(ImportProgress reported)
    {
        Progress = reported;
        return !string.Equals(Interlocked.Exchange(ref stage, reported.Stage), reported.Stage, StringComparison.Ordinal);
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
/// <remarks>
/// For a zone-data job <see cref="Rows"/> counts the values read, <see cref="ZoneYears"/> the zone-years changed,
/// <see cref="ValuesChanged"/> the values that changed, <see cref="Approved"/> whether they became approved revisions, and
/// <see cref="Problems"/> holds the warnings too (as the CLI prints them).
/// </remarks>
public sealed record StoredOutcome(bool Applied, string? BatchId, int Rows, int ZoneYears, IReadOnlyList<int> Years, int AggregateFigures, double Seconds,
    int ErrorCount, IReadOnlyList<StoredProblem> Problems, string? Reason, int ValuesChanged = 0, bool Approved = false)
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
public sealed record StoredProblem(string File, string? Sheet, int Row, string? Column, string? Unit, string? Element, string? Value, string Code, string? Detail,
    bool Warning = false)
{
    public static StoredProblem Of(DataProblem p) => new(p.File, p.Sheet, p.Row, p.Column, p.Unit, p.Element, p.Value, p.Code, p.Detail, p.Severity == Severity.Warning);

    public DataProblem ToProblem() => new(File, Sheet, Row, Column, Unit, Element, Value, Code, Warning ? Severity.Warning : Severity.Error, Detail);
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
            (state, outcome) = job.Record.Kind == ImportJobStore.ZoneData
                ? await ZoneDataAsync(job, linked.Token)
                : await EnterpriseReturnsAsync(job, linked.Token);
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

    private async Task<(string State, StoredOutcome Outcome)> EnterpriseReturnsAsync(LiveJob job, CancellationToken token)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GaoxinDb>();
        var rules = scope.ServiceProvider.GetRequiredService<EnterpriseRules>();
        // Reading starts here, before the import opens its transaction: the stage a held job is safely stopped in.
        Advance(job, new ImportProgress("reading", 0, job.Record.Size, 0, 0));
        var result = await EnterpriseUpload.ImportAsync(db,
            () => new FileStream(job.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan),
            job.Record.FileName, job.Who, rules, job.Record.Via, clock, token, p => Advance(job, p));
        if (result.Forbidden) return (ImportJobStates.Failed, StoredOutcome.Stopped(StoredOutcome.Forbidden));
        if (result.Applied)
        {
            var o = result.Outcome!;
            return (ImportJobStates.Succeeded, new StoredOutcome(true, o.BatchId, o.Rows, o.ZoneYears, o.Years, o.Aggregates?.Figures ?? 0, o.Elapsed.TotalSeconds, 0, [], null));
        }
        var f = result.Outcome;
        return (ImportJobStates.Failed, new StoredOutcome(false, f?.BatchId, f?.Rows ?? 0, f?.ZoneYears ?? 0, f?.Years ?? [], 0, f?.Elapsed.TotalSeconds ?? 0,
            result.ErrorCount, result.Problems.Select(StoredProblem.Of).ToList(), null));
    }

    /// <summary>
    /// The zones' figures, read and checked exactly as <c>gaoxin data import</c> reads them (<see cref="DataImport.Read"/>) and
    /// written all or nothing by <see cref="ReportStore.ImportAsync"/> in its one transaction; a cancel is honoured while the
    /// file is read, after it is checked and while it is stored (the transaction is then rolled back).
    /// </summary>
    private async Task<(string State, StoredOutcome Outcome)> ZoneDataAsync(LiveJob job, CancellationToken token)
    {
        var started = Stopwatch.StartNew();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GaoxinDb>();
        var set = await DataSetStore.GetAsync(db, token);
        var units = await DataSetStore.UnitsAsync(db, set, token);
        var size = job.Record.Size;
        Advance(job, new ImportProgress("reading", 0, size, 0, 0));
        ParsedImport parsed;
        await using (var file = new FileStream(job.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        {
            var observed = new ObservedStream(file, token, bytes => Advance(job, new ImportProgress("reading", bytes, size, 0, 0)));
            parsed = await Task.Run(() => DataImport.Read(observed, job.Record.FileName, new ImportContext(units, set.Elements)), token);
        }
        var rows = parsed.Values.Select(v => (v.Sheet, v.Row)).Concat(parsed.Problems.Where(p => p.Row > 0).Select(p => (p.Sheet, p.Row))).Distinct().Count();
        var refusedRows = parsed.Problems.Where(p => p.Severity == Severity.Error && p.Row > 0).Select(p => (p.Sheet, p.Row)).Distinct().Count();
        Advance(job, new ImportProgress("storing", size, size, rows, Math.Max(0, rows - refusedRows)));
        token.ThrowIfCancellationRequested();
        var outcome = await ReportStore.ImportAsync(db, set, units, parsed, job.Record.FileName, job.Approve, dryRun: false, job.Who, job.Record.Via, clock, token);
        var years = parsed.Values.Select(v => v.Value.Year).Distinct().Order().ToList();
        var problems = outcome.Problems.Select(StoredProblem.Of).ToList();
        var errors = outcome.Problems.Count(p => p.Severity == Severity.Error);
        return outcome.HasErrors
            ? (ImportJobStates.Failed, new StoredOutcome(false, outcome.BatchId, outcome.ValuesRead, 0, years, 0, started.Elapsed.TotalSeconds, errors, problems, null))
            : (ImportJobStates.Succeeded, new StoredOutcome(true, outcome.BatchId, outcome.ValuesRead, outcome.UnitYearsChanged.Count, years, 0,
                started.Elapsed.TotalSeconds, 0, problems, null, outcome.ValuesChanged, job.Approve));
    }

    /// <summary>The job's progress, and a line in the server's log each time it enters a stage (reading, checking, storing, …).</summary>
    private void Advance(LiveJob job, ImportProgress progress)
    {
        if (job.Advance(progress)) LogStage(logger, job.Record.Id, progress.Stage);
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

    [LoggerMessage(EventId = 1803, Level = LogLevel.Information, Message = "Import job {Id} is {Stage}")]
    private static partial void LogStage(ILogger logger, string id, string stage);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Error, Message = "Import job {Id} failed")]
    private static partial void LogFailed(ILogger logger, string id, Exception exception);
}

/// <summary>A read-only stream that reports the bytes read through it and stops when its token is cancelled.</summary>
internal sealed class ObservedStream(Stream inner, CancellationToken token, Action<long> report) : Stream
{
    private long read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        token.ThrowIfCancellationRequested();
        var n = inner.Read(buffer);
        read += n;
        report(read);
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
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
