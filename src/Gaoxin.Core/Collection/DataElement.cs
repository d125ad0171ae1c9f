namespace Gaoxin.Core.Collection;

/// <summary>Whether an element takes any decimal or only whole numbers.</summary>
public enum ElementType
{
    /// <summary>Any decimal number.</summary>
    Number,
    /// <summary>A whole number (counts of enterprises, people, patents…).</summary>
    Integer,
}

/// <summary>A data element (数据元): one yearly figure a zone (or the province) reports.</summary>
/// <param name="Code">Stable code, e.g. <c>hte_count</c>.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Unit">Unit as reported, e.g. 亿元, 家.</param>
/// <param name="Type">Number or whole number.</param>
/// <param name="Min">Smallest allowed value, or null for no bound.</param>
/// <param name="Max">Largest allowed value, or null for no bound.</param>
/// <param name="ProvinceLevel">True when only the province reports it (e.g. <c>prov_gdp</c>).</param>
/// <param name="Group">
/// Null for the core yearly report; otherwise the name of a supplementary set (e.g. <c>cn-htz-2021</c>, the figures only
/// the national evaluation model reads), shown apart on the form and not counted in completeness.
/// </param>
/// <param name="Derived">
/// How the registries count this element (e.g. <c>carrier(maker_space).standing</c>), or null when only zones report it.
/// A reported and approved value always wins over the count.
/// </param>
/// <param name="Contracts">
/// How the approved technology contracts give this element (e.g. <c>contracts.turnover</c>), or null. Written in the data set's
/// <c>derived:</c> like a registry count; a reported and approved value wins over it the same way.
/// </param>
public sealed record DataElement(
    string Code, string Name, string NameEn, string Unit, ElementType Type, decimal? Min, decimal? Max, bool ProvinceLevel, string? Group = null,
    Registries.RegistryCount? Derived = null, ContractFigure? Contracts = null)
{
    /// <summary>True when the platform derives the element (from the registries or the contracts), so a report may leave it blank.</summary>
    public bool IsDerived => Derived is not null || Contracts is not null;

    /// <summary>The <c>derived:</c> text as the data set writes it, or null.</summary>
    public string? DerivedText => Derived?.ToString() ?? Contracts?.ToString();
}

/// <summary>One reported value: a reporting unit (zone code or the province's code), a year, an element and the number.</summary>
public sealed record DataValue(string Unit, int Year, string Element, decimal Value);

/// <summary>Who may report: a zone or the province.</summary>
/// <param name="Code">Zone code, or the province's code (e.g. <c>liaoning</c>).</param>
/// <param name="Name">Chinese name, also accepted in imports in place of the code.</param>
/// <param name="IsProvince">True for the province.</param>
public sealed record ReportingUnit(string Code, string Name, bool IsProvince);

/// <summary>
/// A problem with imported or entered data, located as precisely as the source allows. Messages are
/// produced at the edge from <see cref="Code"/> and <see cref="Detail"/>, in Chinese or English.
/// </summary>
/// <param name="File">The file as the user named it (or "form"/"api").</param>
/// <param name="Sheet">Excel sheet name, or null.</param>
/// <param name="Row">1-based row of the file or sheet (the header is row 1), 0 for the whole file.</param>
/// <param name="Column">Column name or letter, or null.</param>
/// <param name="Unit">Reporting unit code, if known.</param>
/// <param name="Element">Element code, if known.</param>
/// <param name="Value">The offending text or value as found, if any.</param>
/// <param name="Code">Stable problem code, e.g. <c>unknown_element</c>.</param>
/// <param name="Severity">Errors block; warnings need a comment.</param>
/// <param name="Detail">Extra facts for the message (an expected header, a limit, a rule id), or null.</param>
/// <param name="Message">A Chinese message that comes with the data (a validation rule's own text), or null.</param>
/// <param name="MessageEn">Its English form, or null.</param>
public sealed record DataProblem(
    string File, string? Sheet, int Row, string? Column, string? Unit, string? Element, string? Value,
    string Code, Severity Severity = Severity.Error, string? Detail = null, string? Message = null, string? MessageEn = null);

/// <summary>How serious a problem is.</summary>
public enum Severity
{
    /// <summary>Blocks saving an import or submitting a report.</summary>
    Error,
    /// <summary>Allowed with a comment that explains it.</summary>
    Warning,
}
