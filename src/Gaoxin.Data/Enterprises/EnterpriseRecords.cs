namespace Gaoxin.Data.Enterprises;

/// <summary>
/// An enterprise of the registry (企业名录), keyed by its unified social credit code (统一社会信用代码, GB 32100-2015).
/// Name, zone, industry and listing status are those of its latest imported return; the high-tech enterprise certificate
/// is kept apart because it is not part of the yearly return.
/// </summary>
public sealed class EnterpriseRecord
{
    public required string CreditCode { get; set; }
    public required string Name { get; set; }
    public required string ZoneCode { get; set; }
    /// <summary>Industry as reported (a GB/T 4754 code or name), or null.</summary>
    public string? Industry { get; set; }
    public DateOnly? RegisteredOn { get; set; }
    /// <summary>高新技术企业证书编号, or null.</summary>
    public string? HteCertificateNumber { get; set; }
    public DateOnly? HteCertifiedOn { get; set; }
    public DateOnly? HteExpiresOn { get; set; }
    /// <summary>Listed at home or abroad, as of the latest return.</summary>
    public bool Listed { get; set; }
    /// <summary>The year of the return the descriptive fields come from; an older year's import does not overwrite them.</summary>
    public int LatestYear { get; set; }
    /// <summary>The import that last wrote the descriptive fields.</summary>
    public required string BatchId { get; set; }
}

/// <summary>
/// An enterprise's yearly return (企业年报): one row per enterprise and year. Money is in 万元, valuation in million US dollars.
/// Blank figures are null (not reported) and are left out of the zone sums.
/// </summary>
public sealed class EnterpriseReturnRecord
{
    public required string CreditCode { get; set; }
    public int Year { get; set; }
    /// <summary>The zone the enterprise reported in that year (an enterprise may move).</summary>
    public required string ZoneCode { get; set; }
    public bool IsHte { get; set; }
    public decimal? Revenue { get; set; }
    public int? Employees { get; set; }
    public int? StEmployees { get; set; }
    public decimal? RdExpense { get; set; }
    public decimal? StExpense { get; set; }
    public decimal? HighTechRevenue { get; set; }
    public decimal? NetAssets { get; set; }
    public decimal? Exports { get; set; }
    public decimal? VcReceived { get; set; }
    public decimal? ValuationUsdM { get; set; }
    public bool Listed { get; set; }
    /// <summary>
    /// Further figures, as a JSON object of data element code → number (money in 万元), or null.
    /// A JSON text column rather than a side table: these columns vary with the configured elements, are sparse, and are
    /// never filtered or summed by the platform's hot paths, while a narrow table would turn 200,000 returns × ~80 extra
    /// fields into 16 M rows — the one-row-per-number layout whose rebuilds take DHIS2 hours — and would break the one
    /// prepared INSERT / one COPY row per return that keeps the import at driver speed.
    /// </summary>
    public string? Extra { get; set; }
    /// <summary>The import that wrote the row, and the file row it came from (what a duplicate's message points to).</summary>
    public required string BatchId { get; set; }
    public int SourceRow { get; set; }
}

/// <summary>
/// A zone-year figure summed from the stored returns, in the unit of the data element of the same code
/// (see <see cref="EnterpriseAggregates.Definitions"/>); recomputed by every import for the years it touched.
/// </summary>
public sealed class EnterpriseAggregateRecord
{
    public required string ZoneCode { get; set; }
    public int Year { get; set; }
    public required string Element { get; set; }
    public decimal Value { get; set; }
}

/// <summary>
/// An enterprise's place in the high-tech enterprise reserve pool (高企培育后备库): one row per enterprise, with its current
/// stage; the moves that led there are in <see cref="ReservePoolMoveRecord"/>. The zone is the enterprise's zone when it
/// was proposed, and the pool counts are kept per that zone.
/// </summary>
public sealed class ReservePoolMemberRecord
{
    public required string CreditCode { get; set; }
    public required string ZoneCode { get; set; }
    public Core.Enterprises.ReserveStage Stage { get; set; }
    /// <summary>The day of the move into the current stage.</summary>
    public DateOnly StageOn { get; set; }
    public DateOnly ProposedOn { get; set; }
    public required string ProposedBy { get; set; }
    /// <summary>The reserve-pool rule set the entry was decided by, and the entry routes that held (comma-separated ids).</summary>
    public required string RuleSetId { get; set; }
    public required string EntryRoutes { get; set; }
    /// <summary>The assessment the proposal carried, as given (the JSON of <c>gaoxin hte assess</c> / <c>tech-sme assess</c>).</summary>
    public required string Assessment { get; set; }
}

/// <summary>One move along the pipeline: from (null for the proposal) → to, on a day, by whom, with a note.</summary>
public sealed class ReservePoolMoveRecord
{
    public long Id { get; set; }
    public required string CreditCode { get; set; }
    public Core.Enterprises.ReserveStage? FromStage { get; set; }
    public Core.Enterprises.ReserveStage ToStage { get; set; }
    public DateOnly MovedOn { get; set; }
    public required string Actor { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A training (培训辅导) an enterprise of the pool took part in.</summary>
public sealed class ReservePoolTrainingRecord
{
    public long Id { get; set; }
    public required string CreditCode { get; set; }
    public DateOnly TrainedOn { get; set; }
    public required string Course { get; set; }
    public decimal? Hours { get; set; }
    public string? Provider { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset At { get; set; }
}
