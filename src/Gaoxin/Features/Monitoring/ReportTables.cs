using Gaoxin.Core.Monitoring;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Monitoring;

/// <summary>A tabular chapter of the report: its headers and rows; a cell is text, a number or empty.</summary>
public sealed record ReportTable(string Chapter, string Sheet, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>The report's tabular chapters, one definition for the page, the .docx and the .xlsx.</summary>
public static class ReportTables
{
    /// <summary>Every tabular chapter, in the report's order (targets, tasks, registries, evaluation, cases).</summary>
    public static IReadOnlyList<ReportTable> All(ReportDocument d, IReadOnlyDictionary<string, string> zoneNames)
    {
        string Zone(string code) => zoneNames.GetValueOrDefault(code, code);
        var midterm = d.Kind == "midterm";
        var compare = midterm ? T($"基期 {d.Period.CompareYear}", $"Base {d.Period.CompareYear}") : $"{d.Period.CompareYear}";
        var tables = new List<ReportTable>
        {
            new("targets", T("目标", "Targets"),
                [T("编号", "Id"), T("目标", "Target"), T("单位", "Unit"), T("目标值", "Goal"), T("目标年", "Goal year"), T("基期值", "Baseline"),
                    compare, $"{d.Year}", midterm ? T("较基期变化", "Change since base") : T("同比变化", "Year-on-year change"), T("变化率(%)", "Change (%)"),
                    T("完成进度(%)", "Share of the way (%)"), T("时序进度(%)", "Time elapsed (%)"), T("状态", "Status"), T("预测值", "Forecast")],
                d.Targets.Select(t => (IReadOnlyList<object?>)[t.Id, T(t.Title, t.TitleEn), UnitText(t.Unit), t.Goal, t.GoalYear, t.Baseline, t.CompareValue, t.Value,
                    t.Change, t.ChangePercent, t.ShareOfWay * 100, t.ExpectedShare * 100, MonitoringReportText.TargetStatus(t.Status), t.Forecast]).ToList()),
            new("tasks", T("重点任务", "Tasks"),
                [T("编号", "Id"), T("任务", "Task"), T("责任高新区", "Zone"), T("总体状态", "Office status"), T("高新区", "Reporting zone"), T("进展", "Status"),
                    T("进展说明", "Narrative"), T("佐证材料", "Evidence")],
                d.Tasks.SelectMany(t => t.Zones.Count == 0
                    ? [(IReadOnlyList<object?>)[t.Id, new string(' ', 2 * t.Depth) + T(t.Title, t.TitleEn), t.Zone is { } z ? Zone(z) : null,
                        MonitoringReportText.TaskStatus(t.OfficeStatus), null, null, t.Notes.Count > 0 ? string.Join(";", t.Notes) : null, null]]
                    : t.Zones.Select(r => (IReadOnlyList<object?>)[t.Id, new string(' ', 2 * t.Depth) + T(t.Title, t.TitleEn), t.Zone is { } z2 ? Zone(z2) : null,
                        MonitoringReportText.TaskStatus(t.OfficeStatus), Zone(r.Zone), MonitoringReportText.TaskStatus(r.Status), r.Narrative, r.Evidence])).ToList()),
            new("registries", T("载体变化", "Registries"),
                [T("类别", "Registry"), midterm ? T($"{d.Period.CompareYear}年末", $"End of {d.Period.CompareYear}") : T($"{d.Period.CompareYear}年末", $"End of {d.Period.CompareYear}"),
                    T("新增", "Added"), T("撤销", "Removed"), T($"{d.Year}年末", $"End of {d.Year}")],
                d.Registries.Select(r => (IReadOnlyList<object?>)[MonitoringReportText.Registry(r.Type), r.AtStart, r.Added, r.Removed, r.AtEnd]).ToList()),
        };
        if (d.Evaluation is { } e)
            tables.Add(new("evaluation", T("综合评价", "Evaluation"),
                [T("排名", "Rank"), T("高新区", "Zone"), T("综合得分", "Composite"), T("等级", "Grade"), T("黄牌", "Yellow card")],
                e.Zones.Select(z => (IReadOnlyList<object?>)[z.Rank, Zone(z.Zone), Math.Round(z.Composite, 2, MidpointRounding.AwayFromZero), z.Grade is null ? null : Gaoxin.Features.Evaluation.IndexModel.GradeText(z.Grade),
                    z.YellowCard ? T("是", "yes") : null]).ToList()));
        tables.Add(new("cases", T("整改与申请", "Cases"),
            [T("高新区", "Zone"), T("类型", "Kind"), T("年度", "Year"), T("状态", "Status")],
            d.Cases.Select(c => (IReadOnlyList<object?>)[Zone(c.Zone), CaseKind(c.Kind), c.Year, CaseStatus(c.Kind, c.Status)]).ToList()));
        return tables;
    }

    /// <summary>A case's status in words, as the cases' and applications' own pages say it.</summary>
    private static string CaseStatus(string kind, string status) =>
        kind == "application" && Core.Applications.ApplicationRules.ParseState(status) is { } state
            ? Applications.ApplicationsText.State(state)
            : Cases.CasesText.Status(status);

    private static string CaseKind(string kind) => kind switch
    {
        "rectification" => T("整改", "rectification"),
        "appeal" => T("申诉", "appeal"),
        "application" => T("认定与升级申请", "application"),
        _ => kind,
    };

    /// <summary>A cell as text: numbers with up to 2 decimals, a dash for an empty cell.</summary>
    public static string Text(object? cell) => cell switch
    {
        null => "—",
        decimal d => MonitoringReportText.N(d),
        int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };
}
