namespace Gaoxin.Core.Market;

/// <summary>A closed introduction as the transfer report reads it.</summary>
/// <param name="Id">The introduction's id.</param>
/// <param name="Zone">The zone it was brokered for (null: the office's, province-wide).</param>
/// <param name="Closed">The day it was closed (China time).</param>
/// <param name="Deal">True when closed with a deal.</param>
public sealed record ClosedIntroduction(int Id, string? Zone, DateOnly Closed, bool Deal);

/// <summary>A figure of the report year beside the year before.</summary>
/// <param name="Value">This year's figure.</param>
/// <param name="Previous">The year before's figure (0 when there was none).</param>
public sealed record YearOnYear(decimal Value, decimal Previous)
{
    /// <summary>The change: this year's figure less the year before's.</summary>
    public decimal Difference => Value - Previous;

    /// <summary>
    /// The change as a share of the year before's figure (0.25 = +25%), or null when the year before had nothing to compare
    /// with (a figure from nothing is shown as new, never as an infinite growth).
    /// </summary>
    public decimal? Growth => Previous == 0 ? null : Math.Round((Value - Previous) / Previous, 4, MidpointRounding.AwayFromZero);
}

/// <summary>One line of a breakdown (a contract type or a field): contracts and their turnover, each beside the year before.</summary>
/// <param name="Code">The contract type's or the field's code.</param>
/// <param name="Contracts">Number of approved contracts.</param>
/// <param name="TurnoverWan">Their technology transaction amount, 万元.</param>
public sealed record TransferBreakdownRow(string Code, YearOnYear Contracts, YearOnYear TurnoverWan);

/// <summary>The transfer report of one zone, or of the province (<see cref="Zone"/> null).</summary>
/// <param name="Zone">The zone's code, or null for the province.</param>
/// <param name="Contracts">Approved contracts signed in the year.</param>
/// <param name="TurnoverWan">Their total technology transaction amount, 万元.</param>
/// <param name="ByType">By contract type, in the order of <see cref="MarketTerms.ContractTypes"/>; every type listed.</param>
/// <param name="ByField">By field, the fields with a contract in either year, largest turnover first.</param>
/// <param name="DealsBrokered">Introductions closed with a deal in the year.</param>
/// <param name="AchievementsConverted">Distinct achievements with an approved contract signed in the year.</param>
/// <param name="KeyTechnologies">Key technologies recorded with the year's approved contracts.</param>
/// <param name="NewProducts">New products recorded with the year's approved contracts.</param>
public sealed record TransferReportSection(string? Zone, YearOnYear Contracts, YearOnYear TurnoverWan, IReadOnlyList<TransferBreakdownRow> ByType,
    IReadOnlyList<TransferBreakdownRow> ByField, YearOnYear DealsBrokered, YearOnYear AchievementsConverted, YearOnYear KeyTechnologies, YearOnYear NewProducts);

/// <summary>The yearly transfer report (科技成果转移转化年度报告): the province's section and each zone's.</summary>
/// <param name="Year">The report year.</param>
/// <param name="Province">The province: every approved contract and closed introduction (an achievement converted in two zones counts once).</param>
/// <param name="Zones">Each zone asked for, in the order given.</param>
public sealed record TransferReportResult(int Year, TransferReportSection Province, IReadOnlyList<TransferReportSection> Zones);

/// <summary>
/// Computes the yearly technology-transfer report from approved contracts and closed introductions, the plan's
/// “建立科技成果转移转化年度报告制度”. A contract counts to its signing year and its zone; an introduction to the year it closed.
/// </summary>
public static class TransferReport
{
    /// <summary>The report of <paramref name="year"/> for the province and the given zones, each figure beside the year before.</summary>
    public static TransferReportResult Compute(int year, IReadOnlyList<ApprovedContract> contracts, IReadOnlyList<ClosedIntroduction> introductions,
        IReadOnlyList<string> zones) =>
        new(year, Section(null, year, contracts, introductions), zones.Select(z => Section(z, year, contracts, introductions)).ToList());

    private static TransferReportSection Section(string? zone, int year, IReadOnlyList<ApprovedContract> all, IReadOnlyList<ClosedIntroduction> closed)
    {
        var mine = all.Where(c => zone is null || c.Zone == zone).ToList();
        var now = mine.Where(c => c.Signed.Year == year).ToList();
        var before = mine.Where(c => c.Signed.Year == year - 1).ToList();
        var deals = closed.Where(i => i.Deal && (zone is null || i.Zone == zone)).ToList();

        YearOnYear Of(Func<List<ApprovedContract>, decimal> figure) => new(figure(now), figure(before));
        TransferBreakdownRow Row(string code, Func<ApprovedContract, bool> select) =>
            new(code, Of(cs => cs.Count(select)), Of(cs => cs.Where(select).Sum(c => c.AmountWan)));

        var byType = MarketTerms.ContractTypes.Select(t => Row(t.Code, c => c.Type == t.Code)).ToList();
        var byField = now.Concat(before).Select(c => c.Field).Distinct()
            .Select(f => Row(f, c => c.Field == f))
            .OrderByDescending(r => r.TurnoverWan.Value).ThenByDescending(r => r.TurnoverWan.Previous).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        return new TransferReportSection(zone,
            Of(cs => cs.Count), Of(cs => cs.Sum(c => c.AmountWan)), byType, byField,
            new YearOnYear(deals.Count(i => i.Closed.Year == year), deals.Count(i => i.Closed.Year == year - 1)),
            Of(cs => cs.Where(c => c.AchievementId is not null).Select(c => c.AchievementId).Distinct().Count()),
            Of(cs => cs.Sum(c => c.KeyTechnologies)),
            Of(cs => cs.Sum(c => c.NewProducts)));
    }
}
