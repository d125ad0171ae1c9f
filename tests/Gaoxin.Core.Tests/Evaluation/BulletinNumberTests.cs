using Gaoxin.Core.Evaluation;

namespace Gaoxin.Core.Tests.Evaluation;

/// <summary>The bulletin's document number (文号): issuer, year of issue in 〔〕, sequence, 号.</summary>
public class BulletinNumberTests
{
    [Fact]
    public void The_first_bulletin_of_a_year_is_number_one()
    {
        Assert.Equal("辽高新推〔2021〕1号", BulletinNumber.Next(2021, []));
    }

    [Fact]
    public void The_next_number_is_the_first_free_one_of_that_year_and_other_years_and_forms_do_not_count()
    {
        string[] taken = ["辽高新推〔2021〕1号", "辽高新推〔2021〕3号", "辽高新推〔2020〕2号", "辽科发〔2021〕2号x", "sans numéro"];

        // 2 is free in 2021 (the 2020 number and the malformed one do not take it); 1 and 3 are taken.
        Assert.Equal("辽高新推〔2021〕2号", BulletinNumber.Next(2021, taken));
        Assert.Equal("辽高新推〔2020〕1号", BulletinNumber.Next(2020, taken));
    }

    [Theory]
    [InlineData("", "document_number_empty")]
    [InlineData("   ", "document_number_empty")]
    [InlineData("辽高新推〔2021〕1号\n", "document_number_invalid")]
    [InlineData("辽高新推〔2021〕1号辽高新推〔2021〕1号辽高新推〔2021〕1号辽高新推〔2021〕1号", "document_number_invalid")]
    public void A_number_given_by_the_office_is_refused_when_empty_too_long_or_with_a_control_character(string number, string code)
    {
        Assert.Equal(code, BulletinNumber.Refusal(number));
    }

    [Fact]
    public void A_number_of_the_offices_own_registry_is_accepted()
    {
        Assert.Null(BulletinNumber.Refusal("辽科发〔2021〕12号"));
    }
}
