using Gaoxin.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Shared;

/// <summary>How a refused piece of input (<see cref="InputLimits"/>) reads and is answered: a 422 problem naming the field and the limit.</summary>
public static class InputText
{
    public static string Describe(InputProblem p, bool english) => p.Code switch
    {
        InputProblem.TooLong => english
            ? $"The field \"{p.Field}\" is longer than {p.Limit} characters."
            : $"字段“{p.Field}”超过 {p.Limit} 个字符。",
        InputProblem.ControlCharacter => english
            ? $"The field \"{p.Field}\" holds a control character (position {p.Position}); remove it."
            : $"字段“{p.Field}”含有控制字符(位置 {p.Position}),请删除。",
        InputProblem.BadYear => english
            ? $"The field \"{p.Field}\" is not a year between {InputLimits.MinYear} and {InputLimits.MaxYear}."
            : $"字段“{p.Field}”不是 {InputLimits.MinYear} 至 {InputLimits.MaxYear} 之间的年份。",
        _ => p.Code,
    };

    /// <summary>The refusal of an input (422): <c>code</c>, <c>field</c>, <c>limit</c>, <c>position</c>.</summary>
    public static Refusal Refused(InputProblem p) => new(RefusalKind.Invalid, p.Code, Describe(p, false), Describe(p, true))
    {
        Field = p.Field,
        Extensions = new Dictionary<string, object?> { ["limit"] = p.Limit, ["position"] = p.Position },
    };

    /// <summary>The 422 problem of a refused input.</summary>
    public static ProblemHttpResult Problem(InputProblem p) => Refused(p).ToResult();
}
