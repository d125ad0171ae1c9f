using Gaoxin.Core.Collection;
using Gaoxin.Core.Figures;
using Gaoxin.Core.Market;

namespace Gaoxin.Core.Tests.Market;

/// <summary>
/// Technology-contract turnover as a figure of its own source: declared in the data set (<c>derived: "contracts.turnover"</c>),
/// summed per zone and signing year from approved contracts, 万元 → 亿元, filling only a blank of an approved report.
/// </summary>
public class ContractFiguresTests
{
    private static readonly DataElement Turnover = new("tech_contract_turnover", "技术合同成交额", "Technology contract turnover", "亿元", ElementType.Number, 0, null, false,
        Contracts: new ContractFigure("turnover"));

    private static ApprovedContract C(int id, string zone, string signed, decimal wan, string type = "development") =>
        new(id, type, "intelligent_manufacturing", zone, DateOnly.Parse(signed), wan);

    [Fact]
    public void Turnover_is_the_sum_per_zone_and_signing_year_in_the_elements_unit()
    {
        // Shenyang 2019: 5,000 + 1,250.5 万元 = 6,250.5 万元 = 0.62505 亿元; its 2018 contract counts to 2018 only;
        // Dalian 2019: 800 万元 = 0.08 亿元. 2020 was not asked for.
        var contracts = new[]
        {
            C(1, "shenyang", "2019-01-01", 5_000m), C(2, "shenyang", "2019-12-31", 1_250.5m), C(3, "shenyang", "2018-12-31", 300m),
            C(4, "dalian", "2019-06-30", 800m), C(5, "dalian", "2020-01-01", 999m),
        };

        var values = ContractFigures.Values([Turnover], contracts, [2018, 2019]).ToDictionary(v => (v.Unit, v.Year), v => v.Value);

        Assert.Equal(0.62505m, values[("shenyang", 2019)]);
        Assert.Equal(0.03m, values[("shenyang", 2018)]);
        Assert.Equal(0.08m, values[("dalian", 2019)]);
        // A zone-year without a contract gives no value: blank stays blank, not zero.
        Assert.False(values.ContainsKey(("dalian", 2018)));
        Assert.Equal(3, values.Count);
    }

    [Fact]
    public void A_count_and_a_turnover_in_wan_yuan_are_read_the_same_way()
    {
        var count = Turnover with { Code = "tech_contracts", Unit = "项", Type = ElementType.Integer, Contracts = new ContractFigure("count") };
        var wan = Turnover with { Code = "turnover_wan", Unit = "万元" };
        var values = ContractFigures.Values([count, wan], [C(1, "anshan", "2019-03-01", 10m), C(2, "anshan", "2019-04-01", 20m)], [2019])
            .ToDictionary(v => v.Element, v => v.Value);
        Assert.Equal((2m, 30m), (values["tech_contracts"], values["turnover_wan"]));
    }

    [Theory]
    [InlineData("contracts.turnover", "亿元", null)]
    [InlineData("contracts . turnover", "万元", null)]
    [InlineData("contracts.count", "项", null)]
    [InlineData("contracts.turnover", "家", "a turnover is summed in 亿元 or 万元, not 家")]
    [InlineData("contracts.amount", "亿元", "'amount' is not a measure of contracts (one of turnover, count)")]
    public void The_declaration_is_checked_against_the_elements_unit(string text, string unit, string? error)
    {
        var (figure, problem) = ContractFigure.Parse(text, unit);
        Assert.Equal(error, problem);
        Assert.Equal(error is null, figure is not null);
        if (figure is not null) Assert.Equal(text.Replace(" ", ""), figure.ToString());
    }

    [Fact]
    public void The_data_set_declares_turnover_derived_from_contracts_and_a_province_element_may_not_be()
    {
        const string head = "id: t\nversion: 1\ntitle: t\ntitleEn: t\nprovince: {code: liaoning, name: 辽宁省, nameEn: Liaoning}\n" +
                            "outliers: {yearOnYearChange: 0.5, medianDeviations: 3, minimumHistory: 3}\nelements:\n";
        var (set, errors) = DataSetParser.Parse("t.yaml", head + "  - {code: tech_contract_turnover, name: 技术合同成交额, nameEn: T, unit: 亿元, type: number, derived: \"contracts.turnover\"}\n");
        Assert.Empty(errors);
        var element = Assert.Single(set!.Elements);
        Assert.Equal(("contracts.turnover", true, null), (element.DerivedText, element.IsDerived, element.Derived));

        var (_, provinceErrors) = DataSetParser.Parse("t.yaml", head + "  - {code: prov_t, name: 省, nameEn: P, unit: 亿元, type: number, provinceLevel: true, derived: \"contracts.turnover\"}\n");
        Assert.Equal("bad_count", Assert.Single(provinceErrors).Code);
    }

    [Fact]
    public void Contracts_fill_after_the_registry_and_before_the_enterprise_aggregate_and_only_a_blank_of_a_reported_year()
    {
        var reported = new[] { new DataValue("shenyang", 2019, "gdp", 100), new DataValue("dalian", 2019, "tech_contract_turnover", 3) };
        var contracts = new[]
        {
            new DataValue("shenyang", 2019, "tech_contract_turnover", 0.5m), // blank in the report: filled, source contracts
            new DataValue("dalian", 2019, "tech_contract_turnover", 0.8m),   // reported 3 亿元: the report wins
            new DataValue("anshan", 2019, "tech_contract_turnover", 0.2m),   // Anshan reported nothing for 2019: stays missing
        };
        var enterprises = new[] { new DataValue("shenyang", 2019, "tech_contract_turnover", 9m) };

        var merged = FiguresInForce.Merge(reported, [], enterprises, contracts).ToDictionary(f => (f.Value.Unit, f.Value.Element), f => (f.Value.Value, f.SourceName));

        Assert.Equal((0.5m, "contracts"), merged[("shenyang", "tech_contract_turnover")]);
        Assert.Equal((3m, "reported"), merged[("dalian", "tech_contract_turnover")]);
        Assert.False(merged.ContainsKey(("anshan", "tech_contract_turnover")));
    }
}
