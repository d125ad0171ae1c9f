namespace Gaoxin.Core.Enterprises;

/// <summary>Why a unified social credit code is invalid.</summary>
/// <param name="Code">Stable code: <c>empty</c>, <c>length</c>, <c>bad_character</c> or <c>check_digit</c>.</param>
/// <param name="Position">1-based position of the offending character, or 0 when the whole code is concerned.</param>
/// <param name="Message">Plain-English explanation.</param>
public sealed record CreditCodeError(string Code, int Position, string Message);

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters — registration authority (1), organisation category (1), administrative
/// division (6 digits), body identifier (9, the GB 11714 organisation code) and a check character (1). Characters come from
/// the 31 of 0–9 and A–Z without I, O, Z, S, V; the check character is C18 = 31 − (Σ Ci·Wi mod 31), with 31 written as 0
/// and Wi = 3^(i−1) mod 31.
/// </summary>
public static class CreditCode
{
    /// <summary>The 31 characters of the code, in value order (GB 32100-2015 表2).</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Whether <paramref name="code"/> is a well-formed code with a correct check character.</summary>
    public static bool IsValid(string? code) => Validate(code) is null;

    /// <summary>Null when <paramref name="code"/> is valid, otherwise why not. Upper case is required; nothing is trimmed.</summary>
    public static CreditCodeError? Validate(string? code)
    {
        if (string.IsNullOrEmpty(code)) return new CreditCodeError("empty", 0, "the code is empty");
        if (code.Length != 18) return new CreditCodeError("length", 0, $"the code must have 18 characters, found {code.Length}");
        for (var i = 0; i < 18; i++)
        {
            var c = code[i];
            if (Alphabet.IndexOf(c) < 0)
                return new CreditCodeError("bad_character", i + 1, $"'{c}' at position {i + 1} is not one of 0–9 and A–Z without I, O, Z, S, V");
            // Positions 3–8 are the administrative division code (GB/T 2260): digits only.
            if (i is >= 2 and <= 7 && !char.IsAsciiDigit(c))
                return new CreditCodeError("bad_character", i + 1, $"'{c}' at position {i + 1} must be a digit (administrative division code)");
        }
        var expected = CheckCharacter(code.AsSpan(0, 17));
        return code[17] == expected ? null
            : new CreditCodeError("check_digit", 18, $"the check character should be '{expected}', found '{code[17]}'");
    }

    /// <summary>The check character for the first 17 characters (which must come from <see cref="Alphabet"/>).</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("17 characters are needed", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0) throw new ArgumentException($"'{first17[i]}' is not a credit-code character", nameof(first17));
            sum += value * Weights[i];
        }
        var check = 31 - sum % 31;
        return Alphabet[check == 31 ? 0 : check];
    }
}
