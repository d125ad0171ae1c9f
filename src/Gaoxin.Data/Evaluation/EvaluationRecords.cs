namespace Gaoxin.Data.Evaluation;

/// <summary>
/// An evaluation run as a record: the model (its file, version and hash), the approved reports it read, the
/// sensitivity settings and seed, the result, who ran it and when. A published run is never changed again.
/// </summary>
public sealed class EvaluationRunRecord
{
    public long Id { get; set; }
    public int Year { get; set; }
    public required string ModelId { get; set; }
    public int ModelVersion { get; set; }
    public required string ModelHash { get; set; }
    /// <summary>The model file as it was, so the run can be repeated after the model changes.</summary>
    public required string ModelYaml { get; set; }
    public int Replications { get; set; }
    public int Seed { get; set; }
    public decimal WeightSpread { get; set; }
    public bool VaryNormalisation { get; set; }
    /// <summary>The approved reports read: "unit/year/revision" entries, one per line.</summary>
    public required string Snapshot { get; set; }
    public bool UsesDemoData { get; set; }
    /// <summary>
    /// The result in the wire form of <c>gaoxin evaluate --format json</c>, plus the run's input (property <c>input</c>,
    /// see <c>RunInput</c>): the figures it read, so that its explanations never depend on data corrected later.
    /// </summary>
    public required string ResultJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    /// <summary>The bulletin's document number (文号), given at publication (<see cref="Core.Evaluation.BulletinNumber"/>).</summary>
    public string? DocumentNumber { get; set; }
}
