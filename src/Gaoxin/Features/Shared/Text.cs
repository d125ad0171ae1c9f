using System.Globalization;

namespace Gaoxin.Features.Shared;

/// <summary>Chinese-first text: pages name both forms and show the one of the visitor's chosen language.</summary>
public static class Text
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>Picks the Chinese or the English form.</summary>
    public static string T(string zh, string en) => IsEnglish ? en : zh;

    /// <summary>A unit of measure in the chosen language (the plan and the models write units in Chinese: 亿元, 家).</summary>
    public static string UnitText(string? unit) => IsEnglish ? Gaoxin.Core.UnitNames.InEnglish(unit) : unit ?? "";
}
