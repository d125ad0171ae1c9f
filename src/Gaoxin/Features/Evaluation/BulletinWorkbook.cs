using ClosedXML.Excel;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Evaluation;

namespace Gaoxin.Features.Evaluation;

/// <summary>The bulletin (通报) of a run as an Excel workbook: ranking, dimension and indicator scores, and the run's facts.</summary>
public static class BulletinWorkbook
{
    public static byte[] Write(EvaluationRunRecord run, EvaluationResponse result, IReadOnlyDictionary<string, string> zoneNames)
    {
        using var workbook = new XLWorkbook();
        var ranking = workbook.Worksheets.Add("排名 Ranking");
        string[] headers = ["组别 Group", "排名 Rank", "代码 Code", "高新区 Zone", "综合得分 Composite", "等次或百分位 Grade or percentile", "区间下限 P5", "区间上限 P95", "中位排名 Median", "末位概率 Last share", "提示 Flags"];
        for (var c = 0; c < headers.Length; c++) ranking.Cell(1, c + 1).Value = headers[c];
        var row = 2;
        foreach (var z in result.Zones)
        {
            ranking.Cell(row, 1).Value = CellText.Neutralize(IndexModel.GroupText(z.Group));
            ranking.Cell(row, 2).Value = z.Rank;
            ranking.Cell(row, 3).Value = CellText.Neutralize(z.Zone);
            ranking.Cell(row, 4).Value = CellText.Neutralize(zoneNames.GetValueOrDefault(z.Zone, z.Zone));
            ranking.Cell(row, 5).Value = Math.Round(z.Composite, 4);
            ranking.Cell(row, 6).Value = CellText.Neutralize(IndexModel.StandingText(z));
            if (z.RankInterval is { } r)
            {
                ranking.Cell(row, 7).Value = r.P5;
                ranking.Cell(row, 8).Value = r.P95;
                ranking.Cell(row, 9).Value = r.Median;
                ranking.Cell(row, 10).Value = r.LastShare;
            }
            ranking.Cell(row, 11).Value = CellText.Neutralize(string.Join("、", z.Flags.Select(IndexModel.FlagText)));
            row++;
        }
        Style(ranking, headers.Length);

        var dimensions = workbook.Worksheets.Add("维度 Dimensions");
        var dimensionCodes = result.Zones.SelectMany(z => z.Dimensions.Keys).Distinct().ToList();
        dimensions.Cell(1, 1).Value = "高新区 Zone";
        for (var c = 0; c < dimensionCodes.Count; c++) dimensions.Cell(1, c + 2).Value = dimensionCodes[c];
        row = 2;
        foreach (var z in result.Zones)
        {
            dimensions.Cell(row, 1).Value = CellText.Neutralize(zoneNames.GetValueOrDefault(z.Zone, z.Zone));
            for (var c = 0; c < dimensionCodes.Count; c++) dimensions.Cell(row, c + 2).Value = Math.Round(z.Dimensions[dimensionCodes[c]], 4);
            row++;
        }
        Style(dimensions, dimensionCodes.Count + 1);

        var indicators = workbook.Worksheets.Add("指标 Indicators");
        var indicatorCodes = result.Zones.SelectMany(z => z.Indicators.Keys).Distinct().ToList();
        indicators.Cell(1, 1).Value = "高新区 Zone";
        for (var c = 0; c < indicatorCodes.Count; c++)
        {
            indicators.Cell(1, 2 + c * 2).Value = $"{indicatorCodes[c]} 值 value";
            indicators.Cell(1, 3 + c * 2).Value = $"{indicatorCodes[c]} 得分 score";
        }
        row = 2;
        foreach (var z in result.Zones)
        {
            indicators.Cell(row, 1).Value = CellText.Neutralize(zoneNames.GetValueOrDefault(z.Zone, z.Zone));
            for (var c = 0; c < indicatorCodes.Count; c++)
            {
                var score = z.Indicators[indicatorCodes[c]];
                if (score.Value is { } v) indicators.Cell(row, 2 + c * 2).Value = v;
                indicators.Cell(row, 3 + c * 2).Value = Math.Round(score.Score, 4);
            }
            row++;
        }
        Style(indicators, indicatorCodes.Count * 2 + 1);

        var about = workbook.Worksheets.Add("说明 About");
        (string, object)[] facts =
        [
            ("年度 Year", run.Year), ("模型 Model", $"{run.ModelId} v{run.ModelVersion}"), ("模型哈希 Model hash", run.ModelHash),
            ("记录 Run", run.Id), ("敏感性模拟 Replications", run.Replications), ("随机种子 Seed", run.Seed),
            ("发布 Published", run.PublishedAt?.ToString("yyyy-MM-dd HH:mm") ?? "未发布 not published"),
            ("文号 Document number", run.DocumentNumber ?? "—"),
            ("演示数据 Demo data", run.UsesDemoData ? "是:基于合成演示数据 yes: synthetic demo figures" : "否 no"),
        ];
        for (var i = 0; i < facts.Length; i++)
        {
            about.Cell(i + 1, 1).Value = facts[i].Item1;
            about.Cell(i + 1, 2).Value = CellText.Neutralize(facts[i].Item2.ToString() ?? "");
        }
        about.Column(1).Width = 28;
        about.Column(2).Width = 70;

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Style(IXLWorksheet sheet, int columns)
    {
        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
        for (var c = 1; c <= columns; c++) sheet.Column(c).Width = c == 1 ? 18 : 14;
    }
}
