using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gaoxin.Core.Demo;

namespace Gaoxin.Core.Tests;

/// <summary>
/// The national benchmark generator (benchmarks.md "Scale we design for"): the same seed gives the same bytes, and
/// the small size (5,000 enterprises × 2 years, 20 zones) has the calibrated distributions.
/// </summary>
public class NationalGeneratorTests
{
    private static readonly NationalOptions Small = new(Enterprises: 5_000, Years: 2, Zones: 20, Seed: 2024, Policies: 500);

    private static string Hash(Action<TextWriter> write)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        write(writer);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(writer.ToString())));
    }

    private static string[] Hashes(NationalOptions options) =>
    [
        Hash(w => NationalGenerator.WriteZones(w, options)),
        Hash(w => NationalGenerator.WriteZoneValues(w, options)),
        Hash(w => NationalGenerator.WriteEnterprises(w, options)),
        Hash(w => NationalGenerator.WritePolicies(w, options)),
    ];

    private static List<string[]> EnterpriseRows(NationalOptions options, out string[] header)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        NationalGenerator.WriteEnterprises(writer, options);
        var lines = writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).ToList();
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_other_bytes()
    {
        var first = Hashes(Small);
        var second = Hashes(Small);
        var other = Hashes(Small with { Seed = 7 });

        Assert.Equal(first, second);
        Assert.All(first.Zip(other), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public void Enterprise_returns_have_the_named_columns_then_f01_to_f82()
    {
        var rows = EnterpriseRows(Small with { Enterprises = 50 }, out var header);

        Assert.Equal(NationalGenerator.EnterpriseColumns, header.Take(18));
        Assert.Equal(Enumerable.Range(1, 82).Select(k => $"f{k:D2}"), header.Skip(18));
        Assert.Equal(100, header.Length);
        Assert.All(rows, r => Assert.Equal(100, r.Length));
    }

    [Fact]
    public void Revenue_hte_share_and_fast_growers_match_the_calibration()
    {
        var rows = EnterpriseRows(Small, out var header);
        int Col(string name) => Array.IndexOf(header, name);
        var revenue = rows.Select(r => double.Parse(r[Col("revenue")], CultureInfo.InvariantCulture)).ToList();
        var byEnterprise = rows.GroupBy(r => r[Col("credit_code")]).ToList();
        var hteShare = byEnterprise.Count(g => g.First()[Col("is_hte")] == "1") / (double)byEnterprise.Count;
        // Fast growers: revenue up at least 30% in the one year of the small panel.
        var growers = byEnterprise.Count(g => g.Count() == 2 &&
            double.Parse(g.Last()[Col("revenue")], CultureInfo.InvariantCulture) >= 1.3 * double.Parse(g.First()[Col("revenue")], CultureInfo.InvariantCulture));

        Assert.Equal(5_000, byEnterprise.Count);
        Assert.InRange(Median(revenue), 2_500 * 0.85, 2_500 * 1.15);
        Assert.InRange(hteShare, 0.35, 0.45);
        Assert.InRange(growers / 5_000.0, 0.01, 0.05);
        Assert.True(rows.Count(r => r[Col("valuation_usd_m")] == "") > rows.Count * 0.9, "valuation_usd_m is mostly empty");
        Assert.All(rows, r => Assert.Contains(r[Col("is_hte")], new[] { "0", "1" }));
        Assert.All(rows, r => Assert.Contains(r[Col("listed")], new[] { "0", "1" }));
    }

    [Fact]
    public void The_panel_keeps_an_enterprise_the_same_across_years()
    {
        var rows = EnterpriseRows(Small with { Enterprises = 500 }, out var header);
        int[] fixedColumns = [0, 1, 2, 4, 5, 6, 17]; // credit_code, name, zone, registered_on, industry, is_hte, listed
        foreach (var g in rows.GroupBy(r => r[0]))
        {
            Assert.All(g, r => Assert.Equal(fixedColumns.Select(c => g.First()[c]), fixedColumns.Select(c => r[c])));
            Assert.All(g, r => Assert.True(int.Parse(r[3], CultureInfo.InvariantCulture) >= int.Parse(r[4][..4], CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public void Credit_codes_are_unique_and_carry_valid_GB_32100_check_characters()
    {
        var rows = EnterpriseRows(Small, out _);
        var codes = rows.Select(r => r[0]).Distinct().ToList();

        Assert.Equal(5_000, codes.Count);
        Assert.All(codes, c => Assert.True(Gaoxin.Core.Enterprises.CreditCode.IsValid(c), c));
    }

    [Theory]
    // Hand-computed: Σ = 0 → (31 − 0) mod 31 = 0 → '0'; Σ = 1·1 → 30 → 'Y'.
    [InlineData("00000000000000000", '0')]
    [InlineData("10000000000000000", 'Y')]
    // Published codes of real enterprises.
    [InlineData("91440300192203821", '6')]
    [InlineData("91350100M000100Y4", '3')]
    public void The_check_character_follows_GB_32100(string first17, char expected) =>
        Assert.Equal(expected, Gaoxin.Core.Enterprises.CreditCode.CheckCharacter(first17));

    [Fact]
    public void Zone_sizes_are_log_normal_around_1000_yi_and_zone_values_pass_the_core_rules()
    {
        var options = Small with { Zones = 180, Enterprises = 0 };
        var zones = NationalGenerator.Zones(options);
        var logs = zones.Select(z => Math.Log(z.Revenue)).ToList();
        var mean = logs.Average();
        var sd = Math.Sqrt(logs.Sum(l => (l - mean) * (l - mean)) / (logs.Count - 1));
        var values = NationalGenerator.ZoneValues(options).ToDictionary(v => (v.Unit, v.Year, v.Element), v => v.Value);

        Assert.Equal(180, zones.Select(z => z.Code).Distinct().Count());
        Assert.InRange(Median(zones.Select(z => z.Revenue).ToList()), 700, 1_400);
        Assert.InRange(sd, 0.9, 1.3);
        Assert.Contains(zones, z => z.Level == "national");
        Assert.Contains(zones, z => z.Level == "provincial");
        foreach (var z in zones)
        {
            foreach (var year in new[] { 2023, 2024 })
            {
                Assert.True(values[(z.Code, year, "hte_count")] <= values[(z.Code, year, "enterprise_count")]);
                Assert.True(values[(z.Code, year, "rd_expenditure")] < values[(z.Code, year, "gdp")]);
                Assert.True(values[(z.Code, year, "leading_industry_revenue")] <= values[(z.Code, year, "revenue")]);
                Assert.True(values.ContainsKey((z.Code, year, "n21_rd_fte")));
            }
        }
    }

    [Fact]
    public void Policy_documents_are_json_lines_marked_synthetic()
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        NationalGenerator.WritePolicies(writer, Small with { Policies = 200 });
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(200, lines.Length);
        Assert.All(lines, line =>
        {
            using var doc = JsonDocument.Parse(line);
            Assert.True(doc.RootElement.GetProperty("synthetic").GetBoolean());
            Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("title").GetString()));
            Assert.Contains("高新", doc.RootElement.GetProperty("body").GetString());
        });
        Assert.Contains("SYNTHETIC", NationalGenerator.Readme(Small, 0));
    }
}
