using Gaoxin.Core.Formulas;
using Gaoxin.Core.Plans;

namespace Gaoxin.Core.Collection;

/// <summary>A cross-field check as data, e.g. <c>hte_count &lt;= enterprise_count</c>, with its message in both languages.</summary>
public sealed record ValidationRule(string Id, string CheckText, Comparison Check, Severity Severity, string Message, string MessageEn);

/// <summary>When a value is unusual against the unit's own history.</summary>
/// <param name="YearOnYearChange">Warn when a value moves more than this share from last year (0.5 = ±50%).</param>
/// <param name="MedianDeviations">
/// Warn when this year's growth lies more than this many median absolute deviations from the unit's median growth, and more than
/// <see cref="DataValidation.MinimumGrowthBand"/> from it.
/// </param>
/// <param name="MinimumHistory">Years of history needed before the median rule applies.</param>
public sealed record OutlierSettings(decimal YearOnYearChange, decimal MedianDeviations, int MinimumHistory);

/// <summary>The yearly data set: who reports (the province's code), what (elements), and the checks on it.</summary>
public sealed record DataSetDefinition(
    string Id, int Version, string Title, string TitleEn, string ProvinceCode, string ProvinceName, string ProvinceNameEn,
    IReadOnlyList<DataElement> Elements, IReadOnlyList<ValidationRule> Rules, OutlierSettings Outliers);

/// <summary>Reads a data set file (YAML), with located errors like the plan loader.</summary>
public static class DataSetParser
{
    private static readonly Dictionary<string, ElementType> Types = new() { ["number"] = ElementType.Number, ["integer"] = ElementType.Integer };
    private static readonly Dictionary<string, Severity> Severities = new() { ["error"] = Severity.Error, ["warning"] = Severity.Warning };

    /// <summary>Reads a data set; the result is null when any error was found.</summary>
    public static (DataSetDefinition? DataSet, IReadOnlyList<DataFileError> Errors) Parse(string file, string yaml)
    {
        var errors = new ErrorSink(file);
        if (errors.LoadRoot(yaml, "id, province, elements, rules, outliers") is not { } doc)
            return (null, errors.Errors);
        var id = doc.String("id");
        var version = doc.Int("version");
        var title = doc.String("title");
        var titleEn = doc.String("titleEn");
        string? provinceCode = null, provinceName = null, provinceNameEn = null;
        if (doc.Object("province") is { } province)
        {
            provinceCode = province.String("code");
            provinceName = province.String("name");
            provinceNameEn = province.String("nameEn");
            province.ReportUnknownKeys();
        }
        var elements = doc.List("elements", ReadElement);
        var codes = elements.Select(e => e.Code).ToHashSet();
        var rules = doc.List("rules", r => ReadRule(r, codes), required: false);
        OutlierSettings? outliers = null;
        if (doc.Object("outliers") is { } o)
        {
            var yoy = o.Decimal("yearOnYearChange");
            var mad = o.Decimal("medianDeviations");
            var history = o.Int("minimumHistory");
            o.ReportUnknownKeys();
            if (yoy is not null && mad is not null && history is not null) outliers = new OutlierSettings(yoy.Value, mad.Value, history.Value);
        }
        doc.ReportUnknownKeys();
        foreach (var duplicate in elements.GroupBy(e => e.Code).Where(g => g.Count() > 1))
            doc.Error("elements", "duplicate_id", $"the element '{duplicate.Key}' is defined {duplicate.Count()} times");

        if (errors.Errors.Count > 0 || id is null || version is null || title is null || titleEn is null
            || provinceCode is null || provinceName is null || provinceNameEn is null || outliers is null)
            return (null, errors.Errors);
        return (new DataSetDefinition(id, version.Value, title, titleEn, provinceCode, provinceName, provinceNameEn, elements, rules, outliers), errors.Errors);
    }

    private static DataElement? ReadElement(YamlObject e)
    {
        var code = e.String("code");
        var name = e.String("name");
        var nameEn = e.String("nameEn");
        var unit = e.String("unit");
        var type = e.Choice("type", Types);
        var min = e.Decimal("min", required: false);
        var max = e.Decimal("max", required: false);
        var province = e.Bool("provinceLevel", required: false) ?? false;
        var group = e.String("group", required: false);
        Registries.RegistryCount? derived = null;
        ContractFigure? contracts = null;
        if (e.String("derived", required: false) is { } derivedText)
        {
            // contracts.MEASURE: from the approved technology contracts; anything else is a registry count.
            string? problem;
            if (ContractFigure.Names(derivedText)) (contracts, problem) = ContractFigure.Parse(derivedText, unit ?? "");
            else (derived, problem) = Registries.RegistryCount.Parse(derivedText);
            if (problem is not null) e.Error("derived", "bad_count", problem);
            else if (province) e.Error("derived", "bad_count", "the province's own elements cannot be counted from the zones' registries or contracts");
        }
        if (min is not null && max is not null && max < min) e.Error("max", "out_of_range", "'max' must not be below 'min'");
        if (code is null || name is null || nameEn is null || unit is null || type is null) return null;
        return new DataElement(code, name, nameEn, unit, type.Value, min, max, province, group, derived, contracts);
    }

    private static ValidationRule? ReadRule(YamlObject r, HashSet<string> elements)
    {
        var id = r.String("id");
        var checkText = r.String("check");
        var severity = r.Choice("severity", Severities);
        var message = r.String("message");
        var messageEn = r.String("messageEn");
        Comparison? check = null;
        if (checkText is not null)
        {
            try
            {
                check = Comparison.Parse(checkText);
                foreach (var (element, _) in check.Operands().Where(o => !elements.Contains(o.Element)))
                    r.Error("check", "unknown_element", $"the check reads '{element}', which is not an element of this data set");
            }
            catch (FormulaException ex)
            {
                r.Error("check", "bad_formula", $"{ex.Message} at character {ex.Position + 1}");
            }
        }
        if (id is null || checkText is null || check is null || severity is null || message is null || messageEn is null) return null;
        return new ValidationRule(id, checkText, check, severity.Value, message, messageEn);
    }
}
