using System.Net.Http.Json;
using System.Text.Json;
using Gaoxin.Data;
using Gaoxin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>
/// The demo technology contracts: loaded by <c>gaoxin demo seed</c> with the rest, a few hundred over 2016–2020, all approved and
/// marked demo; they feed the transfer report, while the demo reports' own turnover stays the figure in force (reported wins).
/// </summary>
public abstract class MarketDealsDemoSpec(ITestStore store) : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await CliRun.RunAsync("demo", "seed", "--db", store.DbArgument)).ExitCode);
        _server = await RunningServer.StartAsync(store.Location);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await store.DisposeAsync();
    }

    [Fact]
    public async Task The_demo_holds_a_few_hundred_approved_demo_contracts_that_the_report_counts_and_the_reported_turnover_still_wins()
    {
        await using var db = GaoxinDatabase.CreateContext(store.Location);
        var contracts = await db.TechContracts.AsNoTracking().ToListAsync();
        // Four to seven a zone and year: 16 zones × 5 years × 4..7.
        Assert.InRange(contracts.Count, 16 * 5 * 4, 16 * 5 * 7);
        Assert.All(contracts, c => Assert.True(c.IsDemo && c.State == Core.Market.ContractState.Approved && c.Signed.Year is >= 2016 and <= 2020));

        var report = await _server.Client.GetFromJsonAsync<JsonElement>("/api/market/report?year=2019");
        Assert.True(report.GetProperty("usesDemoData").GetBoolean());
        Assert.Equal(contracts.Count(c => c.Signed.Year == 2019), report.GetProperty("province").GetProperty("contracts").GetProperty("value").GetInt32());
        Assert.Equal(contracts.Where(c => c.Signed.Year == 2019).Sum(c => c.AmountWan), report.GetProperty("province").GetProperty("turnoverWan").GetProperty("value").GetDecimal());

        // Shenyang's demo report of 2019 carries its turnover: that value is in force, not the contracts' sum.
        var export = await CliRun.RunAsync("data", "export", "--year", "2019", "--db", store.DbArgument);
        Assert.Contains(export.Output.Split('\n'), l => l.StartsWith("shenyang,2019,tech_contract_turnover,", StringComparison.Ordinal) && l.TrimEnd('\r').EndsWith(",reported", StringComparison.Ordinal));
    }
}

public sealed class MarketDealsDemoOnSqlite() : MarketDealsDemoSpec(new SqliteTestStore());

public sealed class MarketDealsDemoOnPostgres() : MarketDealsDemoSpec(new PostgresTestStore());
