using Gaoxin.Core.Enterprises;

namespace Gaoxin.Core.Tests.Enterprises;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015). Character values: 0–9 → 0–9, A 10 B 11 C 12 D 13 E 14 F 15 G 16 H 17 J 18 K 19 L 20
/// M 21 N 22 P 23 Q 24 R 25 T 26 U 27 W 28 X 29 Y 30. Weights 3^(i−1) mod 31:
/// 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28. Check = 31 − (Σ mod 31), 31 written 0.
/// </summary>
public class CreditCodeTests
{
    [Theory]
    // 1·1 + 2·3 + 1·9 + 4·20 + 6·10 + 2·30 + 4·28 = 1 + 6 + 9 + 80 + 60 + 60 + 112 = 328; 328 mod 31 = 18; 31 − 18 = 13 → D.
    [InlineData("12100000400000624D")]
    // The standard's sample: Σ = 1640, 1640 mod 31 = 28, 31 − 28 = 3 → 3.
    [InlineData("91350100M000100Y43")]
    // A Shenyang-format code: Σ = 1540, mod 31 = 21, 31 − 21 = 10 → A.
    [InlineData("91210112MA0U12345A")]
    // Σ = 1736 = 56 × 31, mod 31 = 0, 31 − 0 = 31 → written 0.
    [InlineData("91210112MA0U1234C0")]
    public void Valid_codes_pass(string code)
    {
        Assert.True(CreditCode.IsValid(code));
        Assert.Null(CreditCode.Validate(code));
        Assert.Equal(code[17], CreditCode.CheckCharacter(code.AsSpan(0, 17)));
    }

    [Theory]
    [InlineData(null, "empty", 0)]
    [InlineData("", "empty", 0)]
    [InlineData("91350100M000100Y4", "length", 0)]          // 17 characters
    [InlineData("91350100M000100Y433", "length", 0)]        // 19
    [InlineData("91350100M000100Y44", "check_digit", 18)]   // should be 3
    [InlineData("91350100MO00100Y43", "bad_character", 10)] // O is not used (confusable with 0)
    [InlineData("91350100M000100Y4I", "bad_character", 18)] // neither is I
    [InlineData("91350100m000100Y43", "bad_character", 9)]  // lower case
    [InlineData("913501A0M000100Y43", "bad_character", 7)]  // 7th character; positions 3–8 are the division code: digits only
    public void Invalid_codes_say_why(string? code, string reason, int position)
    {
        var error = CreditCode.Validate(code);

        Assert.False(CreditCode.IsValid(code));
        Assert.NotNull(error);
        Assert.Equal((reason, position), (error.Code, error.Position));
    }

    [Fact]
    public void The_check_digit_message_names_the_expected_character()
    {
        Assert.Equal("the check character should be '3', found '4'", CreditCode.Validate("91350100M000100Y44")!.Message);
    }
}
