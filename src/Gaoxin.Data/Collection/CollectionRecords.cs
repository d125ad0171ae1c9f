using Gaoxin.Core.Collection;

namespace Gaoxin.Data.Collection;

/// <summary>The data set in force: its province and outlier settings. Elements and rules are rows of their own.</summary>
public sealed class DataSetRecord
{
    public required string Id { get; set; }
    public int Version { get; set; }
    public required string Title { get; set; }
    public required string TitleEn { get; set; }
    public required string ProvinceCode { get; set; }
    public required string ProvinceName { get; set; }
    public required string ProvinceNameEn { get; set; }
    public decimal YearOnYearChange { get; set; }
    public decimal MedianDeviations { get; set; }
    public int MinimumHistory { get; set; }
    public required string ContentHash { get; set; }
}

/// <summary>A data element (数据元). Bundled ones come from the data set file; the office may add more.</summary>
public sealed class DataElementRecord
{
    public required string Code { get; set; }
    public int Ordinal { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public required string Unit { get; set; }
    public ElementType Type { get; set; }
    public decimal? Min { get; set; }
    public decimal? Max { get; set; }
    public bool ProvinceLevel { get; set; }
    /// <summary>Null for the core report; else the supplementary set the element belongs to.</summary>
    public string? Group { get; set; }
    /// <summary>
    /// How the platform derives the element: a registry count (<see cref="Core.Registries.RegistryCount"/> text) or a contract
    /// figure (<see cref="Core.Collection.ContractFigure"/> text, <c>contracts.…</c>), or null.
    /// </summary>
    public string? Derived { get; set; }
    /// <summary>True for elements the office added, which a new data set file never removes.</summary>
    public bool AddedByOffice { get; set; }

    public DataElement ToElement() => new(Code, Name, NameEn, Unit, Type, Min, Max, ProvinceLevel, Group,
        Derived is null || Core.Collection.ContractFigure.Names(Derived) ? null : Core.Registries.RegistryCount.Parse(Derived).Count,
        Derived is not null && Core.Collection.ContractFigure.Names(Derived) ? Core.Collection.ContractFigure.Parse(Derived, Unit).Figure : null);
}

public sealed class ValidationRuleRecord
{
    public required string Id { get; set; }
    public int Ordinal { get; set; }
    public required string CheckText { get; set; }
    public Severity Severity { get; set; }
    public required string Message { get; set; }
    public required string MessageEn { get; set; }
}

/// <summary>One revision of a unit's report for a year. Only the approved revision counts; corrections are new revisions.</summary>
public sealed class ReportRecord
{
    public long Id { get; set; }
    public required string UnitCode { get; set; }
    public int Year { get; set; }
    public int Revision { get; set; }
    public ReportState State { get; set; }
    /// <summary>Synthetic demonstration figures, shown as such wherever they appear.</summary>
    public bool IsDemo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecisionComment { get; set; }
    public List<ReportValueRecord> Values { get; set; } = [];
}

public sealed class ReportValueRecord
{
    public long ReportId { get; set; }
    public required string ElementCode { get; set; }
    public decimal Value { get; set; }
    /// <summary>The reporter's explanation, required where a value draws a warning.</summary>
    public string? Comment { get; set; }
}

/// <summary>Append-only record of every change of a value and every workflow step.</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    /// <summary>form, import, api, cli or demo.</summary>
    public required string Via { get; set; }
    public string? BatchId { get; set; }
    public required string UnitCode { get; set; }
    public int Year { get; set; }
    public int Revision { get; set; }
    /// <summary>value_set, value_removed, submitted, approved, returned, correction_started.</summary>
    public required string Action { get; set; }
    public string? ElementCode { get; set; }
    public decimal? OldValue { get; set; }
    public decimal? NewValue { get; set; }
    public string? Comment { get; set; }
}

/// <summary>A reporting year and its deadline.</summary>
public sealed class ReportingPeriodRecord
{
    public int Year { get; set; }
    public DateOnly Deadline { get; set; }
}
