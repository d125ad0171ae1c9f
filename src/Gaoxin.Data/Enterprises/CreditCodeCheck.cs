namespace Gaoxin.Data.Enterprises;

/// <summary>
/// The check of a unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters over a 31-character alphabet
/// (digits and capitals without I, O, S, V, Z); the 18th is the check character of the first 17. Internal to the import
/// until Core has its <c>CreditCode</c> type.
/// </summary>
internal static class CreditCodeCheck
{
    /// <summary>The code characters in value order, 0–30 (GB 32100-2015 表1).</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public const int Length = 18;

    // GB 32100-2015 第5章: W_i = 3^(i-1) mod 31 for positions 1..17.
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>What is wrong with the code: null when valid, else <c>length</c>, <c>character</c> or <c>check_digit</c>.</summary>
    public static string? Problem(ReadOnlySpan<char> code)
    {
        if (code.Length != Length) return "length";
        var sum = 0;
        for (var i = 0; i < Length - 1; i++)
        {
            var value = Alphabet.IndexOf(code[i]);
            if (value < 0) return "character";
            sum += value * Weights[i];
        }
        if (Alphabet.IndexOf(code[Length - 1]) < 0) return "character";
        return code[Length - 1] == CheckCharacter(sum) ? null : "check_digit";
    }

    /// <summary>The check character for the first 17 characters, which must all be in <see cref="Alphabet"/>.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1) throw new ArgumentException("17 characters expected", nameof(first17));
        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0) throw new ArgumentException($"'{first17[i]}' is not a code character", nameof(first17));
            sum += value * Weights[i];
        }
        return CheckCharacter(sum);
    }

    // C18 = 31 − (Σ Ci·Wi mod 31), with 31 written as 0.
    private static char CheckCharacter(int weightedSum) => Alphabet[(31 - weightedSum % 31) % 31];
}
