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

    /// <summary>Where a deadline stands for its reader.</summary>
    public static string State(Data.Notices.DeadlineView d) =>
        d.MetAt is not null ? T("已完成", "Done")
        : d.Overdue ? T($"已逾期 {-d.DaysLeft} 天", $"Overdue by {-d.DaysLeft} day(s)")
        : d.DaysLeft == 0 ? T("今日截止", "Due today")
        : T($"还剩 {d.DaysLeft} 天", $"{d.DaysLeft} day(s) left");
}
