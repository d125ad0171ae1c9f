using System.Text.RegularExpressions;
using Gaoxin.Core.Evaluation;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Evaluation;

/// <summary>
/// The evaluation's methods and formulas as a reader names them, in the chosen language: 功效系数法 / efficacy coefficient
/// rather than the model file's <c>Efficacy</c>, and a formula in the data elements' names rather than their codes.
/// </summary>
public static partial class MethodNames
{
    public static string Of(Normalisation n) => n switch
    {
        Normalisation.Efficacy => T("功效系数法", "efficacy coefficient"),
        Normalisation.MinMax => T("极差标准化", "min–max"),
        Normalisation.ZScore => T("标准分数(Z 分数)", "z-score"),
        Normalisation.Rank => T("排序打分", "rank"),
        Normalisation.Goalposts => T("目标值标准化", "goalposts"),
        _ => n.ToString(),
    };

    public static string Of(Aggregation a) => a switch
    {
        Aggregation.Arithmetic => T("加权算术平均", "weighted arithmetic mean"),
        Aggregation.Geometric => T("加权几何平均", "weighted geometric mean"),
        _ => a.ToString(),
    };

    /// <summary>How zones are grouped: 分类评价 by level, one group, or by an attribute.</summary>
    public static string Grouping(string grouping) => grouping switch
    {
        "level" => T("按国家级、省级分类评价", "by level (national and provincial apart)"),
        "none" => T("不分组", "one group"),
        _ when grouping.StartsWith("attribute:", StringComparison.Ordinal) => T("按园区属性分组", "by a zone attribute"),
        _ => grouping,
    };

    /// <summary>
    /// A model's formula with each element code replaced by the element's name (<paramref name="names"/>, already in the
    /// chosen language) and <c>@prev</c> read as the previous year: “地区生产总值 / 规划面积”.
    /// </summary>
    public static string Formula(string formula, IReadOnlyDictionary<string, string> names) =>
        ElementCode().Replace(formula, m =>
        {
            var code = m.Groups[1].Value;
            var name = names.TryGetValue(code, out var n) ? n : code;
            return m.Groups[2].Success ? name + T("(上年)", " (previous year)") : name;
        });

    [GeneratedRegex(@"\b([a-z][a-z0-9_]*)(@prev)?")]
    private static partial Regex ElementCode();
}
