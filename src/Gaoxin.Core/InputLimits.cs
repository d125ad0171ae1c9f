namespace Gaoxin.Core;

/// <summary>
/// How long a piece of text may be, which characters it may hold and which years exist — the same for every way in
/// (the JSON API, the pages, the CSV, Excel and YAML importers) and checked again where the store is written.
/// </summary>
/// <remarks>
/// Every limit is below 32,767 characters, the most one Excel cell holds, so whatever is stored can be exported. C0 control
/// characters other than tab, line feed and carriage return are refused everywhere: PostgreSQL cannot store U+0000 in text
/// at all, and none of the others belongs in a name or a comment.
/// </remarks>
public static class InputLimits
{
    /// <summary>A name: of a registry item, an enterprise, a project, a zone, a person.</summary>
    public const int Name = 300;

    /// <summary>A title, a unit or a short label.</summary>
    public const int Title = 500;

    /// <summary>A comment on a value or a decision, a note, a result.</summary>
    public const int Comment = 4_000;

    /// <summary>Any other text, such as a registry item's attributes taken together.</summary>
    public const int FreeText = 16_000;

    /// <summary>The first and last year a report, an import or an API call may name.</summary>
    public const int MinYear = 2000, MaxYear = 2100;

    /// <summary>Is <paramref name="year"/> one the platform keeps figures for?</summary>
    public static bool IsYear(int year) => year is >= MinYear and <= MaxYear;

    /// <summary>Where the first character that may not be stored is (a C0 control other than tab, LF and CR), or -1.</summary>
    public static int ControlCharacterAt(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
            if (text[i] < ' ' && text[i] is not ('\t' or '\n' or '\r')) return i;
        return -1;
    }

    /// <summary>What is wrong with <paramref name="text"/> as the field <paramref name="field"/> of at most <paramref name="limit"/> characters, or null.</summary>
    public static InputProblem? Check(string field, string? text, int limit)
    {
        if (text is null) return null;
        if (text.Length > limit) return new InputProblem(field, InputProblem.TooLong, limit, null);
        return ControlCharacterAt(text) is var at and >= 0 ? new InputProblem(field, InputProblem.ControlCharacter, null, at) : null;
    }

    /// <summary>What is wrong with <paramref name="year"/> as the field <paramref name="field"/>, or null.</summary>
    public static InputProblem? CheckYear(string field, int year) =>
        IsYear(year) ? null : new InputProblem(field, InputProblem.BadYear, null, null);

    /// <summary>Throws <see cref="InputRefusedException"/> when <paramref name="text"/> breaks a limit.</summary>
    public static void Ensure(string field, string? text, int limit)
    {
        if (Check(field, text, limit) is { } problem) throw new InputRefusedException(problem);
    }
}

/// <summary>
/// Why a piece of input was refused: which <paramref name="Field"/>, the <paramref name="Code"/>
/// (<see cref="TooLong"/>, <see cref="ControlCharacter"/>, <see cref="BadYear"/>), the <paramref name="Limit"/> broken
/// (characters) and the <paramref name="Position"/> of the offending character (from 0).
/// </summary>
public sealed record InputProblem(string Field, string Code, int? Limit, int? Position)
{
    public const string TooLong = "too_long";
    public const string ControlCharacter = "control_character";
    public const string BadYear = "bad_year";

    /// <summary>One English sentence for logs and the CLI.</summary>
    public string Describe() => Code switch
    {
        TooLong => $"{Field}: longer than {Limit} characters",
        ControlCharacter => $"{Field}: control character at position {Position}",
        BadYear => $"{Field}: not a year between {InputLimits.MinYear} and {InputLimits.MaxYear}",
        _ => $"{Field}: {Code}",
    };
}

/// <summary>Input refused at the boundary of the store; the server answers it as a located 422 problem.</summary>
public sealed class InputRefusedException(InputProblem problem) : Exception(problem.Describe())
{
    public InputProblem Problem { get; } = problem;
}
