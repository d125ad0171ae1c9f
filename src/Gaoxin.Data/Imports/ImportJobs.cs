using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Imports;

/// <summary>Where a running import has got to: what it is doing, how much of the file it has read, rows read and rows that passed every check.</summary>
/// <param name="Stage"><c>reading</c> (rows are read and checked), then <c>checking</c>, <c>storing</c>, <c>aggregating</c> and <c>committing</c>.</param>
/// <param name="BytesRead">Bytes of the file read so far.</param>
/// <param name="TotalBytes">The file's size, when known.</param>
/// <param name="RowsRead">Data rows read.</param>
/// <param name="RowsValidated">Rows read that passed every check.</param>
public sealed record ImportProgress(string Stage, long BytesRead, long? TotalBytes, int RowsRead, int RowsValidated);

/// <summary>The states of an import job, as stored.</summary>
public static class ImportJobStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static bool IsFinished(string state) => state is Succeeded or Failed or Cancelled;
}

/// <summary>
/// An import run in the background (<c>import_jobs</c>): who started it, the file, its state and, at the end, the same
/// result or located errors the CLI prints (as JSON). Only this record is written when a job is cancelled or fails.
/// </summary>
public sealed class ImportJobRecord
{
    public required string Id { get; set; }
    /// <summary>What is imported: <c>enterprise-returns</c> or <c>zone-data</c>.</summary>
    public required string Kind { get; set; }
    /// <summary>The account that started it (its e-mail), as the audit names it.</summary>
    public required string Owner { get; set; }
    /// <summary>The zone of a zone operator who started it; null for the office.</summary>
    public string? OwnerZone { get; set; }
    /// <summary>How it came: <c>import</c> (the page) or <c>api</c>.</summary>
    public required string Via { get; set; }
    public required string FileName { get; set; }
    public long Size { get; set; }
    public required string State { get; set; }
    public long BytesRead { get; set; }
    public int RowsRead { get; set; }
    public int RowsValidated { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>At the end: the outcome (summary, or the located errors) as JSON.</summary>
    public string? Outcome { get; set; }
}

/// <summary>The job records: created on upload, moved along by the worker, read by the pages and the API.</summary>
public static class ImportJobStore
{
    /// <summary>The kind of a job importing the enterprises' yearly returns.</summary>
    public const string EnterpriseReturns = "enterprise-returns";

    /// <summary>The kind of a job importing the zones' yearly figures (the interchange CSV or Excel of <c>gaoxin data import</c>).</summary>
    public const string ZoneData = "zone-data";

    public static string NewId() => Guid.NewGuid().ToString("N")[..16];

    public static async Task<ImportJobRecord> CreateAsync(GaoxinDb db, string id, string kind, string owner, string? ownerZone, string via,
        string fileName, long size, TimeProvider clock, CancellationToken cancellationToken)
    {
        var job = new ImportJobRecord
        {
            Id = id, Kind = kind, Owner = owner, OwnerZone = ownerZone, Via = via, FileName = fileName, Size = size,
            State = ImportJobStates.Queued, CreatedAt = clock.GetUtcNow(),
        };
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        return job;
    }

    public static Task<ImportJobRecord?> GetAsync(GaoxinDb db, string id, CancellationToken cancellationToken) =>
        db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);

    /// <summary>Sets the job's state and figures (and the start or end time with it).</summary>
    public static async Task UpdateAsync(GaoxinDb db, string id, string state, ImportProgress? progress, string? result, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.FirstAsync(j => j.Id == id, cancellationToken);
        job.State = state;
        if (state == ImportJobStates.Running) job.StartedAt ??= clock.GetUtcNow();
        if (ImportJobStates.IsFinished(state)) job.FinishedAt = clock.GetUtcNow();
        if (progress is not null)
        {
            job.BytesRead = progress.BytesRead;
            job.RowsRead = progress.RowsRead;
            job.RowsValidated = progress.RowsValidated;
        }
        if (result is not null) job.Outcome = result;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// On start: jobs left queued or running by a server that stopped can no longer finish (their import was rolled back
    /// with the process); they are marked failed, with <paramref name="result"/> saying they were interrupted. Returns how many.
    /// </summary>
    public static async Task<int> InterruptLeftoversAsync(GaoxinDb db, string result, TimeProvider clock, CancellationToken cancellationToken)
    {
        var left = await db.ImportJobs.Where(j => j.State == ImportJobStates.Queued || j.State == ImportJobStates.Running).ToListAsync(cancellationToken);
        foreach (var job in left)
        {
            job.State = ImportJobStates.Failed;
            job.FinishedAt = clock.GetUtcNow();
            job.Outcome = result;
        }
        if (left.Count > 0) await db.SaveChangesAsync(cancellationToken);
        return left.Count;
    }
}

/// <summary>A read-only view of a stream that counts the bytes read through it (for an import's progress).</summary>
public sealed class CountingStream(Stream inner) : Stream
{
    private long read;

    /// <summary>Bytes read so far; safe to read from another thread.</summary>
    public long BytesRead => Interlocked.Read(ref read);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

    private int Count(int n)
    {
        Interlocked.Add(ref read, n);
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // The caller owns the inner stream.
        base.Dispose(disposing);
    }
}
