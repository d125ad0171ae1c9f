using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Gaoxin.Data;

/// <summary>
/// The platform's own metrics, on the meter <c>Gaoxin</c>: rows stored by imports, evaluation runs stored, and how long
/// each job took. Recorded by the operations themselves, so the CLI and the server count alike; the server exports them
/// when configured (<c>Telemetry:Prometheus</c>, <c>Telemetry:OtlpEndpoint</c>), and without a listener a record costs nothing.
/// </summary>
public static class Telemetry
{
    /// <summary>The name of the meter.</summary>
    public const string MeterName = "Gaoxin";

    /// <summary>Job names, the value of the <c>gaoxin.job</c> tag.</summary>
    public static class Jobs
    {
        public const string ZoneDataImport = "import.zone-data";
        public const string EnterpriseImport = "import.enterprises";
        public const string RegistryImport = "import.registry";
        public const string Evaluation = "evaluation";
        public const string Publication = "publication";
    }

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> ImportRows = Meter.CreateCounter<long>(
        "gaoxin.import.rows", "{row}", "Rows stored by imports (zone data values, enterprise returns, registry items), by import");

    private static readonly Counter<long> EvaluationRuns = Meter.CreateCounter<long>(
        "gaoxin.evaluation.runs", "{run}", "Evaluation runs computed and stored");

    // Jobs take from milliseconds (a small upload) to minutes (a national enterprise import): the default buckets, made for
    // request times in milliseconds, would put them all in the first few.
    private static readonly Histogram<double> JobDuration = Meter.CreateHistogram(
        "gaoxin.job.duration", "s", "How long an import, an evaluation or a publication took, by job and outcome", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600] });

    /// <summary>Starts timing a job; dispose it when the job ends, after <see cref="Job.Stored"/> if it stored anything.</summary>
    public static Job Start(string job) => new(job);

    /// <summary>One job being timed. Not stored (refused, a dry run, or an exception) unless <see cref="Stored"/> was called.</summary>
    public sealed class Job : IDisposable
    {
        private readonly string _name;
        private readonly long _started = Stopwatch.GetTimestamp();
        private long _rows;
        private bool _stored;
        private bool _done;

        internal Job(string name) => _name = name;

        /// <summary>Marks the job as stored, with the rows it wrote (imports) — counted when it is disposed.</summary>
        public void Stored(long rows = 0)
        {
            _stored = true;
            _rows = rows;
        }

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            var job = new KeyValuePair<string, object?>("gaoxin.job", _name);
            JobDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, job,
                new KeyValuePair<string, object?>("gaoxin.outcome", _stored ? "stored" : "not_stored"));
            if (!_stored) return;
            if (_name.StartsWith("import.", StringComparison.Ordinal) && _rows > 0) ImportRows.Add(_rows, job);
            if (_name == Jobs.Evaluation) EvaluationRuns.Add(1);
        }
    }
}
