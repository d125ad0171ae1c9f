using ClosedXML.Excel;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Monitoring;
using Gaoxin.Features.Plans;

namespace Gaoxin.Features.Monitoring;

/// <summary>
/// The yearly plan implementation assessment (规划实施情况评估) as an Excel workbook: per target value, status, forecast and
/// zone breakdown, and optionally the comparison with an earlier year (the mid-term comparison).
/// </summary>
public static class ProgressReport
{
    public static byte[] Write(PlanProgress progress, PlanProgress? earlier, IReadOnlyDictionary<string, string> zoneNames)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("目标 Targets");
        var headers = new List<string> { "编号 Id", "目标 Target", "单位 Unit", "目标值 Goal", "目标年 Year", $"{progress.Year} 值 Value", "状态 Status",
            "规划路径 Path", "预测值 Forecast", "达标年份 Crossing year", "数据来源 Data source", "规划原文 Plan text" };
        if (earlier is not null) headers.InsertRange(7, [$"{earlier.Year} 值 Value", $"{earlier.Year} 状态 Status", "变化 Change"]);
        for (var c = 0; c < headers.Count; c++) sheet.Cell(1, c + 1).Value = headers[c];
        var row = 2;
        var before = earlier?.Targets.ToDictionary(t => t.Target.Id);
        foreach (var t in progress.Targets)
        {
            var c = 1;
            sheet.Cell(row, c++).Value = CellText.Neutralize(t.Target.Id);
            sheet.Cell(row, c++).Value = CellText.Neutralize(t.Target.Title);
            sheet.Cell(row, c++).Value = CellText.Neutralize(t.Target.Unit);
            sheet.Cell(row, c++).Value = CellText.Neutralize(t.Target.Goal.Describe(t.Target.Unit));
            sheet.Cell(row, c++).Value = t.Target.Goal.Year;
            if (t.Assessment?.Value is { } value) sheet.Cell(row, c).Value = value;
            c++;
            sheet.Cell(row, c++).Value = CellText.Neutralize(ProgressText.Status(t.Status()));
            if (before is not null)
            {
                var old = before[t.Target.Id];
                if (old.Assessment?.Value is { } oldValue) sheet.Cell(row, c).Value = oldValue;
                c++;
                sheet.Cell(row, c++).Value = CellText.Neutralize(ProgressText.Status(old.Status()));
                if (old.Assessment?.Value is { } o && t.Assessment?.Value is { } n) sheet.Cell(row, c).Value = n - o;
                c++;
            }
            if (t.Assessment?.Path is { } path) sheet.Cell(row, c).Value = path;
            c++;
            if (t.Assessment?.Forecast?.Value is { } forecast) sheet.Cell(row, c).Value = forecast;
            c++;
            if (t.Assessment?.Forecast?.CrossingYear is { } crossing) sheet.Cell(row, c).Value = crossing;
            c++;
            sheet.Cell(row, c++).Value = CellText.Neutralize(t.Measure?.Note ?? "暂无数据来源 no data source");
            sheet.Cell(row, c).Value = CellText.Neutralize(t.Target.Source.Quote);
            row++;
        }
        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
        for (var i = 1; i <= headers.Count; i++) sheet.Column(i).Width = i is 2 ? 36 : i == headers.Count ? 60 : 14;

        var zones = workbook.Worksheets.Add("分区 Zones");
        var zoneCodes = progress.Plan.Zones.Select(z => z.Code).ToList();
        zones.Cell(1, 1).Value = "目标 Target";
        for (var i = 0; i < zoneCodes.Count; i++) zones.Cell(1, i + 2).Value = CellText.Neutralize(zoneNames.GetValueOrDefault(zoneCodes[i], zoneCodes[i]));
        row = 2;
        foreach (var t in progress.Targets.Where(t => t.Zones.Count > 0))
        {
            zones.Cell(row, 1).Value = CellText.Neutralize($"{t.Target.Id} {t.Target.Title}");
            for (var i = 0; i < zoneCodes.Count; i++)
                if (t.Zones.GetValueOrDefault(zoneCodes[i]) is { } v) zones.Cell(row, i + 2).Value = v;
            row++;
        }
        zones.Row(1).Style.Font.Bold = true;
        zones.Column(1).Width = 40;

        var about = workbook.Worksheets.Add("说明 About");
        about.Cell(1, 1).Value = "规划 Plan";
        about.Cell(1, 2).Value = CellText.Neutralize(progress.Plan.Title);
        about.Cell(2, 1).Value = "评估年度 Year";
        about.Cell(2, 2).Value = progress.Year;
        about.Cell(3, 1).Value = "状态规则 Status rule";
        about.Cell(3, 2).Value = ProgressText.Rule(english: false);
        about.Cell(4, 1).Value = "演示数据 Demo data";
        about.Cell(4, 2).Value = progress.Targets.Any(t => t.UsesDemoData) ? "是:基于合成演示数据 yes: synthetic demo figures" : "否 no";
        about.Column(1).Width = 22;
        about.Column(2).Width = 100;

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}

/// <summary>How progress reads, in the visitor's language.</summary>
public static class ProgressText
{
    public static string Status(string status) => status switch
    {
        "achieved" => Shared.Text.T("达成", "achieved"),
        "on_track" => Shared.Text.T("进度正常", "on track"),
        "at_risk" => Shared.Text.T("存在风险", "at risk"),
        "off_track" => Shared.Text.T("进度滞后", "off track"),
        "no_data" => Shared.Text.T("暂无数据", "no data"),
        _ => Shared.Text.T("暂无数据来源", "no data source"),
    };

    public static string Rule(bool english) => english
        ? "Planned path: a straight line from the baseline to the target. Achieved when the target holds; on track when at or beyond the path; at risk when within 10% of the planned change behind it; otherwise off track. Forecast: the least-squares linear trend of the years with data, with the year it meets the target."
        : "规划路径:从基期值到目标值的直线。当年已满足目标为“达成”;达到或超过路径为“进度正常”;落后路径不超过计划增量的 10% 为“存在风险”;否则为“进度滞后”。预测:按已有年份数据的最小二乘线性趋势外推,并给出趋势达到目标的年份。";
}
