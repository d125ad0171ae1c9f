using System.Globalization;
using Gaoxin.Data.Imports;

namespace Gaoxin.Features.Imports;

/// <summary>How an import job reads, in Chinese or English.</summary>
public static class ImportText
{
    public static string State(string state, bool english) => state switch
    {
        ImportJobStates.Queued => english ? "Queued" : "排队中",
        ImportJobStates.Running => english ? "Running" : "导入中",
        ImportJobStates.Succeeded => english ? "Imported" : "已导入",
        ImportJobStates.Failed => english ? "Not imported" : "未导入",
        ImportJobStates.Cancelled => english ? "Cancelled" : "已取消",
        _ => state,
    };

    public static string Stage(string? stage, bool english, bool zoneData = false) => stage switch
    {
        "reading" => english ? "Reading and checking rows" : "正在读取并校验各行",
        "checking" => english ? "Looking for repeated enterprise-years" : "正在查找重复的企业年度",
        "storing" when zoneData => english ? "Checking the rules and storing the figures" : "正在校验规则并写入数值",
        "storing" => english ? "Storing the returns" : "正在写入年报",
        "aggregating" => english ? "Recomputing the zone aggregates" : "正在重算高新区汇总数",
        "committing" => english ? "Committing" : "正在提交",
        "cancelling" => english ? "Cancelling…" : "正在取消……",
        _ => "",
    };

    public static string Kind(string kind, bool english) => kind switch
    {
        ImportJobStore.EnterpriseReturns => english ? "Enterprise yearly returns" : "企业年报",
        ImportJobStore.ZoneData => english ? "Zones' yearly figures" : "高新区年度数据",
        _ => kind,
    };

    /// <summary>One sentence on where the job stands or how it ended; at the end, the summary the CLI prints.</summary>
    public static string Message(string kind, string state, string? stage, StoredOutcome? outcome, string file, bool english)
    {
        var c = CultureInfo.InvariantCulture;
        var zoneData = kind == ImportJobStore.ZoneData;
        switch (state)
        {
            case ImportJobStates.Queued:
                return english ? "Waiting for the import before it to finish." : "正在等候前一个导入完成。";
            case ImportJobStates.Running:
                return Stage(stage, english, zoneData);
            case ImportJobStates.Succeeded when outcome is { Applied: true } z && zoneData:
                // The CLI's summary of `gaoxin data import`.
                return english
                    ? $"{file}: {z.Rows} values read; {z.ValuesChanged} changed in {z.ZoneYears} report(s){(z.Approved ? ", approved" : " (drafts)")}. Batch {z.BatchId}."
                    : $"{file}:读取 {z.Rows} 个数值,{z.ZoneYears} 份报表中修改 {z.ValuesChanged} 个{(z.Approved ? ",已审核通过" : "(草稿)")}。批次 {z.BatchId}。";
            case ImportJobStates.Succeeded when outcome is { Applied: true } o:
                var years = string.Join(english ? ", " : "、", o.Years);
                var rate = o.Rows / Math.Max(o.Seconds, 0.001);
                return english
                    ? string.Create(c, $"{file}: {o.Rows} returns imported for {o.ZoneYears} zone-years (years {years}); {o.AggregateFigures} aggregate figures recomputed. {o.Seconds:0.00} s, {rate:0} rows/s. Batch {o.BatchId}.")
                    : string.Create(c, $"{file}:已导入 {o.Rows} 条年报,涉及 {o.ZoneYears} 个高新区年度(年度 {years}),重算汇总数 {o.AggregateFigures} 项。用时 {o.Seconds:0.00} 秒,每秒 {rate:0} 行。批次 {o.BatchId}。");
        }
        return outcome?.Reason switch
        {
            StoredOutcome.Cancelled => english ? "Cancelled; nothing was imported." : "已取消,未导入任何内容。",
            StoredOutcome.Interrupted => english
                ? "The server stopped before the import finished; nothing was imported. Upload the file again."
                : "服务器在导入完成前停止,未导入任何内容,请重新上传。",
            StoredOutcome.Forbidden when zoneData => english
                ? "Your account may not import these figures; nothing was imported."
                : "您的账号无权导入这些数据,未导入任何内容。",
            StoredOutcome.Forbidden => english
                ? "Your account may not import enterprise returns; nothing was imported."
                : "您的账号无权导入企业年报,未导入任何内容。",
            StoredOutcome.Unexpected => english
                ? "The import broke off on an unexpected error; nothing was imported. Ask the administrator to look at the server's log."
                : "导入因意外错误中止,未导入任何内容,请联系管理员查看服务器日志。",
            _ => english
                ? $"{file}: {outcome?.ErrorCount ?? 0} error(s); nothing was imported."
                : $"{file}:文件有 {outcome?.ErrorCount ?? 0} 处错误,未导入任何内容。",
        };
    }

    /// <summary>Seconds as minutes and seconds.</summary>
    public static string Duration(double? seconds, bool english)
    {
        if (seconds is not { } s) return "";
        var t = TimeSpan.FromSeconds(Math.Max(0, Math.Round(s)));
        return t.TotalMinutes >= 1
            ? english ? $"{(int)t.TotalMinutes} min {t.Seconds} s" : $"{(int)t.TotalMinutes} 分 {t.Seconds} 秒"
            : english ? $"{t.Seconds} s" : $"{t.Seconds} 秒";
    }
}
