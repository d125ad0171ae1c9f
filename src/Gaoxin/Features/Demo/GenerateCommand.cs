using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Gaoxin.Core.Demo;

namespace Gaoxin.Features.Demo;

/// <summary>
/// <c>gaoxin demo generate --enterprises N --years Y --zones Z --seed S --out DIR</c>: a deterministic synthetic
/// national data set for benchmarks (zones, their yearly values, enterprise returns, policy documents), streamed to
/// files so memory stays flat in N. Nothing is stored; the files say they are synthetic.
/// </summary>
public static class GenerateCommand
{
    public static Command Build()
    {
        var enterprises = new Option<int>("--enterprises") { Description = "number of enterprises", DefaultValueFactory = _ => 5_000 };
        var years = new Option<int>("--years") { Description = "number of years, ending with --last-year", DefaultValueFactory = _ => 2 };
        var zones = new Option<int>("--zones") { Description = "number of zones (z001 …)", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "random seed (the same options give the same bytes)", DefaultValueFactory = _ => 2024 };
        var policies = new Option<int?>("--policies") { Description = "number of policy documents (default: enterprises / 2, at least 1,000)" };
        var lastYear = new Option<int>("--last-year") { Description = "the most recent year", DefaultValueFactory = _ => 2024 };
        var output = new Option<string>("--out") { Description = "folder to write into (created if needed)", Required = true };
        var command = new Command("generate", "write a deterministic synthetic national data set (CSV, JSONL) for benchmarks")
        {
            enterprises, years, zones, seed, policies, lastYear, output,
        };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(enterprises);
            var options = new NationalOptions(n, parse.GetValue(years), parse.GetValue(zones), parse.GetValue(seed),
                parse.GetValue(policies) ?? Math.Max(1_000, n / 2), parse.GetValue(lastYear));
            if (options.Enterprises < 0 || options.Years is < 1 or > 50 || options.Zones is < 1 or > 9_999 || options.Policies < 0)
            {
                parse.InvocationConfiguration.Error.WriteLine("--enterprises ≥ 0, --years 1–50, --zones 1–9999 and --policies ≥ 0 are needed.");
                return Cli.InvalidInput;
            }
            var folder = parse.GetValue(output)!;
            Directory.CreateDirectory(folder);
            var clock = Stopwatch.StartNew();
            Write(folder, "zones.csv", w => NationalGenerator.WriteZones(w, options));
            Write(folder, "zone-values.csv", w => NationalGenerator.WriteZoneValues(w, options));
            long rows = 0;
            Write(folder, "enterprises.csv", w => rows = NationalGenerator.WriteEnterprises(w, options));
            Write(folder, "policies.jsonl", w => NationalGenerator.WritePolicies(w, options));
            Write(folder, "README.txt", w => w.Write(NationalGenerator.Readme(options, rows)));
            parse.InvocationConfiguration.Output.WriteLine(
                $"Wrote synthetic data to {folder}: {options.Zones} zones, {rows} enterprise-years ({options.FirstYear}–{options.LastYear}), " +
                $"{options.Policies} policy documents in {clock.Elapsed.TotalSeconds:0.0} s. {NationalGenerator.Notice}");
            return 0;
        });
        return command;
    }

    private static void Write(string folder, string name, Action<TextWriter> write)
    {
        using var stream = new FileStream(Path.Combine(folder, name), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        write(writer);
    }
}
