using System.Text.Json.Nodes;
using Gaoxin.Core.Portal;

namespace Gaoxin.Core.Tests.Portal;

/// <summary>JSON-stat 2.0 (https://json-stat.org/full/), RFC 4180 CSV and the rules of a zone's public contact.</summary>
public class OpenDataFormatTests
{
    private static readonly JsonStatDimension Zone = new("zone", "Zone", [new("a", "甲"), new("b", "乙")]);
    private static readonly JsonStatDimension Year = new("year", "Year", [new("2019", "2019"), new("2020", "2020"), new("2021", "2021")]);
    private static readonly JsonStatDimension Indicator = new("indicator", "Indicator", [new("gdp", "GDP", "亿元"), new("hte", "HTE", "家")]);

    [Fact]
    public void Values_are_dense_in_row_major_order_with_null_where_there_is_no_figure()
    {
        var dataset = JsonStat.Dataset("t", "s", new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.FromHours(8)), [Zone, Year, Indicator],
            [(["a", "2019", "gdp"], 1.50m), (["b", "2021", "hte"], 7m), (["a", "2020", "hte"], 3m)]);

        Assert.Equal("2.0", (string?)dataset["version"]);
        Assert.Equal("dataset", (string?)dataset["class"]);
        Assert.Equal("2026-12-05T00:00:00Z", (string?)dataset["updated"]);
        Assert.Equal(["zone", "year", "indicator"], dataset["id"]!.AsArray().Select(n => (string?)n));
        Assert.Equal([2, 3, 2], dataset["size"]!.AsArray().Select(n => (int)n!));
        var value = dataset["value"]!.AsArray();
        Assert.Equal(12, value.Count); // 2 × 3 × 2
        // (zone, year, indicator) → (z × 3 + y) × 2 + i: a-2019-gdp 0, a-2020-hte 3, b-2021-hte 11.
        Assert.Equal(1.5m, (decimal)value[0]!);
        Assert.Equal("1.5", value[0]!.ToJsonString());
        Assert.Equal(3m, (decimal)value[3]!);
        Assert.Equal(7m, (decimal)value[11]!);
        Assert.Equal(9, value.Count(v => v is null));
        Assert.Equal(1, (int)dataset["dimension"]!["year"]!["category"]!["index"]!["2020"]!);
        Assert.Equal("家", (string?)dataset["dimension"]!["indicator"]!["category"]!["unit"]!["hte"]!["label"]);
        Assert.Null(dataset["dimension"]!["zone"]!["category"]!["unit"]);
    }

    [Fact]
    public void A_value_outside_the_categories_is_refused() =>
        Assert.Throws<ArgumentException>(() => JsonStat.Dataset("t", "s", DateTimeOffset.UnixEpoch, [Zone, Year, Indicator], [(["c", "2019", "gdp"], 1m)]));

    [Fact]
    public void Roles_are_written_when_given()
    {
        var dataset = JsonStat.Dataset("t", "s", DateTimeOffset.UnixEpoch, [Zone, Year], [], new Dictionary<string, string[]> { ["time"] = ["year"] });

        Assert.Equal(["year"], dataset["role"]!["time"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(6, dataset["value"]!.AsArray().Count);
    }

    [Fact]
    public void Csv_quotes_what_needs_it_and_defuses_formulas() =>
        Assert.Equal("name,value\r\n\"a,b\",1.5\r\n\"say \"\"hi\"\"\",\r\n'=SUM(A1),-2\r\n",
            OpenCsv.Write([["name", "value"], ["a,b", 1.5m], ["say \"hi\"", null], ["=SUM(A1)", -2]]));

    [Theory]
    [InlineData(null, null, null, null, null)]
    [InlineData("沈阳市浑南区", "024-2378 0000", "a@b.cn", "https://www.example.org/", null)]
    [InlineData(null, "+86 (24) 2378-0000", null, "http://example.org", null)]
    [InlineData(null, "call us", null, null, "phone:bad_phone")]
    [InlineData(null, null, "not-an-address", null, "email:bad_email")]
    [InlineData(null, null, null, "javascript:alert(1)", "website:bad_website")]
    [InlineData(null, null, null, "www.example.org", "website:bad_website")]
    [InlineData(null, null, null, "ftp://example.org", "website:bad_website")]
    public void A_contact_keeps_to_its_rules(string? address, string? phone, string? email, string? website, string? problem)
    {
        var problems = ZoneContactRules.Check(ZoneContactRules.Normalize(new ZoneContact(address, phone, email, website)));

        Assert.Equal(problem is null ? [] : [problem], problems.Select(p => $"{p.Field}:{p.Code}"));
    }

    [Fact]
    public void Blank_fields_are_not_set_and_text_is_trimmed() =>
        Assert.Equal(new ZoneContact(null, "024", null, null), ZoneContactRules.Normalize(new ZoneContact("  ", " 024 ", "", null)));

    [Fact]
    public void An_overlong_address_is_refused_as_too_long() =>
        Assert.Equal(["address:too_long"], ZoneContactRules.Check(new ZoneContact(new string('路', InputLimits.Title + 1), null, null, null)).Select(p => $"{p.Field}:{p.Code}"));
}
