using CsCheck;
using Gaoxin.Data.Collection;

namespace Gaoxin.Tests.Collection;

/// <summary>Spreadsheet formulas in exported text (OWASP "CSV injection"): neutralised on the way out, restored on the way in.</summary>
public sealed class CellTextTests
{
    private static readonly Gen<string> Texts = Gen.OneOf(
        Gen.String,
        Gen.Select(Gen.Char["=+-@\t\r'a 1"].Array[0, 6].Select(c => new string(c)), Gen.String, (head, tail) => head + tail));

    [Fact]
    public void No_neutralised_text_starts_as_a_formula_and_restoring_it_gives_back_the_text()
    {
        Texts.Sample(text =>
        {
            var safe = CellText.Neutralize(text);
            Assert.False(safe.Length > 0 && safe[0] is '=' or '+' or '-' or '@' or '\t' or '\r', safe);
            Assert.Equal(text, CellText.Restore(safe));
        }, iter: 2_000, threads: 1);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("'=1+1", "''=1+1")]
    [InlineData("'quoted", "'quoted")]
    [InlineData("plain", "plain")]
    public void Text_starting_as_a_formula_gets_one_apostrophe(string text, string written)
    {
        Assert.Equal(written, CellText.Neutralize(text));
        Assert.Equal(text, CellText.Restore(written));
    }
}
