using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Notices;

/// <summary>The notices' words, Chinese first.</summary>
public static class NoticeText
{
    public static string NoMailServer => T("未配置邮件服务器,不发送邮件。", "No mail server is configured; no e-mail is sent.");

    public static string Kind(string kind) => kind switch
    {
        Data.Notices.DeadlineKinds.DataCollection => T("数据报送", "Data collection"),
        Data.Notices.DeadlineKinds.CaseStep => T("整改与申诉", "Rectification and appeal"),
        Data.Notices.DeadlineKinds.Application => T("认定申请", "Application"),
        Data.Notices.DeadlineKinds.TaskProgress => T("任务进展与自评", "Task progress and self-assessment"),
        _ => kind,
    };

    /// <summary>
    /// A deadline's subject in the chosen language: the platform names the step (审查与决定, 整改方案…) in Chinese around the case's
    /// subject; the step is put into words, the case's subject stays as written (marked with its language).
    /// </summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent Subject(string subject)
    {
        (string Zh, string En, bool Suffix)[] steps =
        [
            (":审查与决定", "review and decision", true), ("整改方案(重新提交):", "rectification plan (sent again)", false),
            ("整改方案:", "rectification plan", false), ("整改复核:", "rectification recheck", false), ("申诉决定:", "appeal decision", false),
        ];
        if (!IsEnglish) return new Microsoft.AspNetCore.Html.HtmlContentBuilder().Append(subject);
        // A data-collection deadline names itself in both languages ("… / …: data report for 2021").
        if (subject.Split(" / ") is [_, var en]) return AsWritten(en);
        foreach (var (zh, stepEn, suffix) in steps)
        {
            if (suffix ? !subject.EndsWith(zh, StringComparison.Ordinal) : !subject.StartsWith(zh, StringComparison.Ordinal)) continue;
            var rest = suffix ? subject[..^zh.Length] : subject[zh.Length..];
            var html = new Microsoft.AspNetCore.Html.HtmlContentBuilder();
            return suffix ? html.AppendHtml(AsWritten(rest)).Append(": " + stepEn) : html.Append(Capital(stepEn) + ": ").AppendHtml(AsWritten(rest));
        }
        return AsWritten(subject);
    }

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>Where a deadline stands for its reader.</summary>
    public static string State(Data.Notices.DeadlineView d) =>
        d.MetAt is not null ? T("已完成", "Done")
        : d.Overdue ? T($"已逾期 {-d.DaysLeft} 天", $"Overdue by {-d.DaysLeft} day(s)")
        : d.DaysLeft == 0 ? T("今日截止", "Due today")
        : T($"还剩 {d.DaysLeft} 天", $"{d.DaysLeft} day(s) left");
}
