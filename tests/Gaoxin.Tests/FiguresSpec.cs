using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gaoxin.Tests.Support;

namespace Gaoxin.Tests;

/// <summary>
/// The figures in force leave the platform whole: <c>gaoxin data export</c> writes every figure evaluation and monitoring read, each
/// with its source, <c>--reported-only</c> keeps the approved reports alone, and an export read back never turns a registry count
/// into a reported figure. On the demo data, on both providers.
/// </summary>
public abstract class FiguresSpec(ITestStore store) : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await Cli("demo", "seed")).ExitCode);
        _server = await RunningServer.StartAsync(store.Location);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    private Task<CliResult> Cli(params string[] args) => CliRun.RunAsync([.. args, "--db", store.DbArgument]);

    private sealed record Row(string Zone, int Year, string Element, decimal Value, string? Source);

    private static List<Row> Rows(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
        .Select(line => line.TrimEnd('\r').Split(','))
        .Select(f => new Row(f[0], int.Parse(f[1]), f[2], decimal.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture), f.Length > 4 ? f[4] : null))
        .ToList();

    private async Task<Dictionary<string, JsonElement>> CountsAsync(string zone, int year) =>
        (await _server.Client.GetFromJsonAsync<JsonElement>($"/api/zones/{zone}/counts?year={year}")).GetProperty("counts").EnumerateArray()
            .ToDictionary(c => c.GetProperty("element").GetString()!);

    [Fact]
    public async Task The_export_holds_every_figure_in_force_with_the_source_the_counts_show()
    {
        var export = await Cli("data", "export", "--year", "2020");
        var rows = Rows(export.Output);

        Assert.Equal(0, export.ExitCode);
        Assert.Equal("zone,year,element,value,source", export.Output.Split('\n')[0].TrimEnd('\r'));
        foreach (var zone in new[] { "shenyang", "dalian", "suizhong" })
        {
            var counts = await CountsAsync(zone, 2020);
            foreach (var (element, count) in counts)
            {
                // The figure in force of each counted element, as the counts API gives it (the figure evaluation and monitoring read).
                var row = Assert.Single(rows, r => r.Zone == zone && r.Element == element);
                Assert.Equal((count.GetProperty("value").GetDecimal(), count.GetProperty("source").GetString()), (row.Value, row.Source));
            }
            // The demo reports leave the registry-kept counts blank and report talents by hand (see the registry specification).
            Assert.Equal("registry", rows.Single(r => r.Zone == zone && r.Element == "maker_spaces").Source);
            Assert.Equal("reported", rows.Single(r => r.Zone == zone && r.Element == "high_level_talents").Source);
        }
        Assert.All(rows, r => Assert.Contains(r.Source, new[] { "reported", "registry", "enterprises", "contracts" }));
    }

    [Fact]
    public async Task Reported_only_is_the_approved_reports_alone_as_the_download_gives_them()
    {
        var sourced = await Cli("data", "export", "--year", "2020");
        var reportedOnly = await Cli("data", "export", "--year", "2020", "--reported-only");
        var download = Encoding.UTF8.GetString(await _server.Client.GetByteArrayAsync("/data/export/2020.csv")).TrimStart('\uFEFF');

        // The approved figures download is unchanged by the source column, and is what --reported-only prints.
        Assert.Equal(download, reportedOnly.Output);
        Assert.Equal("zone,year,element,value", reportedOnly.Output.Split('\n')[0].TrimEnd('\r'));
        Assert.Equal(Rows(sourced.Output).Where(r => r.Source == "reported").Select(r => r with { Source = null }), Rows(reportedOnly.Output));
        Assert.Contains(Rows(sourced.Output), r => r.Source == "registry");
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task Reading_back_an_export_with_sources_is_refused_at_each_derived_figure_or_skips_them_when_told(string format)
    {
        var file = Path.Combine(Path.GetTempPath(), $"gaoxin-{Guid.NewGuid():N}.{format}");
        try
        {
            var exported = await Cli("data", "export", "--year", "2020", "--format", format, "--out", file);
            var before = (await Cli("data", "export", "--year", "2020", "--reported-only")).Output;

            var refused = await Cli("data", "import", file, "--approve");
            var afterRefusal = (await Cli("data", "export", "--year", "2020", "--reported-only")).Output;
            var makerSpaces = (await CountsAsync("shenyang", 2020))["maker_spaces"];
            var skipped = await Cli("data", "import", file, "--approve", "--skip-derived");
            var afterSkip = (await Cli("data", "export", "--year", "2020", "--reported-only")).Output;

            Assert.Equal(0, exported.ExitCode);
            // Refused, each derived figure located (its row, or its cell in the 2020 sheet), and nothing changed.
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("[derived_figure]", refused.Error);
            Assert.Contains(format == "csv" ? "row " : "sheet 2020, row ", refused.Error);
            Assert.Equal(before, afterRefusal);
            Assert.Equal("registry", makerSpaces.GetProperty("source").GetString());
            // Skipping them reads the reported figures back, which are the approved ones already: nothing changes.
            Assert.True(skipped.ExitCode == 0, skipped.Output + skipped.Error);
            Assert.Contains("0 changed", skipped.Output);
            Assert.Equal(before, afterSkip);
            Assert.Equal("registry", (await CountsAsync("shenyang", 2020))["maker_spaces"].GetProperty("source").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public sealed class FiguresOnSqlite() : FiguresSpec(new SqliteTestStore());

public sealed class FiguresOnPostgres() : FiguresSpec(new PostgresTestStore());
