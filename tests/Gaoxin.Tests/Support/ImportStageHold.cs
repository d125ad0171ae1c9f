using Microsoft.Extensions.Logging;

namespace Gaoxin.Tests.Support;

/// <summary>
/// Holds the server's import worker where a job enters <paramref name="stage"/>: the worker logs each stage it enters
/// ("Import job {Id} is {Stage}"), and this logging provider blocks that call until <see cref="Release"/>. A test thus
/// acts on a job (cancels it, queues another behind it) while it is certainly in that stage, however fast the machine.
/// The server must log the worker at Information: pass <see cref="Setting"/> to <see cref="RunningServer.StartAsync(Gaoxin.Data.DatabaseLocation, string[], ILoggerProvider?)"/>.
/// </summary>
public sealed class ImportStageHold(string stage) : ILoggerProvider
{
    /// <summary>The server setting that lets the worker's stage lines through.</summary>
    public const string Setting = "--Logging:LogLevel:Gaoxin.Features.Imports.ImportJobWorker=Information";

    private const int StageEvent = 1803;
    private readonly string held = stage;
    private readonly TaskCompletionSource<string> reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim released = new();

    /// <summary>Completes with the job's id when the first job enters the stage.</summary>
    public Task<string> Reached => reached.Task.WaitAsync(TimeSpan.FromMinutes(2));

    /// <summary>Lets the held job go on (and any later job pass the stage without stopping).</summary>
    public void Release() => released.Set();

    public ILogger CreateLogger(string categoryName) => new Holder(this);

    public void Dispose() => released.Set();

    private sealed class Holder(ImportStageHold hold) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id != StageEvent || state is not IEnumerable<KeyValuePair<string, object?>> values) return;
            var fields = values.ToDictionary(v => v.Key, v => v.Value?.ToString());
            if (fields.GetValueOrDefault("Stage") != hold.held || !hold.reached.TrySetResult(fields.GetValueOrDefault("Id") ?? "")) return;
            // Never for good: a test that fails before releasing still ends.
            hold.released.Wait(TimeSpan.FromMinutes(2));
        }
    }
}
