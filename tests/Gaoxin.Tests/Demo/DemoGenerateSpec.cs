using System.Security.Cryptography;
using Gaoxin.Tests.Support;

namespace Gaoxin.Tests.Demo;

/// <summary><c>gaoxin demo generate</c>: the benchmark data set, the same bytes for the same seed, marked synthetic.</summary>
public class DemoGenerateSpec
{
    private static async Task<(CliResult Result, string Folder)> GenerateAsync(int seed)
    {
        var folder = Directory.CreateTempSubdirectory("gaoxin-generate-").FullName;
        var result = await CliRun.RunAsync("demo", "generate", "--enterprises", "300", "--years", "3", "--zones", "12",
            "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--policies", "50", "--out", folder);
        return (result, folder);
    }

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public async Task Generating_twice_with_one_seed_writes_the_same_bytes()
    {
        var (first, a) = await GenerateAsync(11);
        var (second, b) = await GenerateAsync(11);
        var (_, c) = await GenerateAsync(12);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(["README.txt", "enterprises.csv", "policies.jsonl", "zone-values.csv", "zones.csv"], Hashes(a).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Hashes(a), Hashes(b));
        Assert.NotEqual(Hashes(a)["enterprises.csv"], Hashes(c)["enterprises.csv"]);
    }

    [Fact]
    public async Task The_files_say_they_are_synthetic_and_use_the_interchange_header()
    {
        var (result, folder) = await GenerateAsync(5);

        Assert.Contains("SYNTHETIC", result.Output);
        Assert.Contains("SYNTHETIC", await File.ReadAllTextAsync(Path.Combine(folder, "README.txt")));
        Assert.Equal("zone,year,element,value", File.ReadLines(Path.Combine(folder, "zone-values.csv")).First());
        Assert.StartsWith("credit_code,name,zone,year,registered_on,", File.ReadLines(Path.Combine(folder, "enterprises.csv")).First());
        Assert.All(File.ReadLines(Path.Combine(folder, "policies.jsonl")), l => Assert.Contains("\"synthetic\":true", l));
    }
}
