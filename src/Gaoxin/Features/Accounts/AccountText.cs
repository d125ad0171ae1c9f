using Gaoxin.Core.Collection;
using Gaoxin.Data.Accounts;
using Gaoxin.Features.Collection;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Accounts;

/// <summary>Accounts in the reader's language: roles, states, why a change was refused, and the audit log's actions.</summary>
public static class AccountText
{
    public static string Role(string? role) => role switch
    {
        Roles.Admin => T("省高新区办公室", "Provincial office"),
        Roles.ZoneOperator => T("高新区填报员", "Zone operator"),
        Roles.Enterprise => T("企业", "Enterprise"),
        Roles.Expert => T("评审专家", "Expert"),
        null or "" => T("无", "None"),
        _ => role,
    };

    public static string State(string state) => state switch
    {
        "active" => T("启用", "Active"),
        "disabled" => T("已停用", "Disabled"),
        "deleted" => T("已删除", "Deleted"),
        _ => state,
    };

    /// <summary>Why an account change was refused, one sentence per reason (Identity's codes and the platform's).</summary>
    public static string Refusal(string code, IReadOnlyList<string>? zones = null) => code switch
    {
        "PasswordTooShort" => T("密码至少需要 10 个字符。", "The password must have at least 10 characters."),
        "PasswordRequiresNonAlphanumeric" => T("密码须包含至少一个符号。", "The password must contain a symbol."),
        "PasswordRequiresDigit" => T("密码须包含至少一个数字。", "The password must contain a digit."),
        "PasswordRequiresLower" => T("密码须包含至少一个小写字母。", "The password must contain a lower-case letter."),
        "PasswordRequiresUpper" => T("密码须包含至少一个大写字母。", "The password must contain an upper-case letter."),
        "PasswordRequiresUniqueChars" => T("密码中不同的字符太少。", "The password has too few different characters."),
        "PasswordMismatch" or "wrong_password" => T("当前密码不正确。", "The current password is wrong."),
        "DuplicateEmail" or "DuplicateUserName" => T("该邮箱已有账号。", "This e-mail already has an account."),
        "InvalidEmail" or "InvalidUserName" => T("邮箱格式不正确。", "The e-mail is not valid."),
        "unknown_role" => T("未知的角色。", "Unknown role."),
        "zone_required" => T("高新区填报员须绑定一个高新区。", "A zone operator must be bound to a zone."),
        "zone_not_allowed" => T("只有高新区填报员绑定高新区。", "Only zone operators are bound to a zone."),
        "unknown_zone" => T($"没有该高新区。可选:{string.Join("、", zones ?? [])}。", $"No such zone. Valid zones: {string.Join(", ", zones ?? [])}."),
        "disabled" => T("该账号已停用。", "The account is disabled."),
        "expired" => T("有效期的最后一天已过。", "The last day is in the past."),
        "confirm" => T("两次输入的新密码不一致。", "The two new passwords differ."),
        "required" => T("此项必填。", "This field is required."),
        _ => T("操作未完成。", "Not done.") + " (" + code + ")",
    };

    /// <summary>The audit log's actions, readable: accounts here, a zone's data and imports as their pages name them.</summary>
    public static string Action(string action) => action switch
    {
        AccountAudit.SignedIn => T("登录", "signed in"),
        AccountAudit.SignInFailed => T("登录失败", "sign-in failed"),
        AccountAudit.LockedOut => T("登录被锁定", "sign-in locked out"),
        AccountAudit.Added => T("创建账号", "account created"),
        AccountAudit.Changed => T("修改角色或高新区", "role or zone changed"),
        AccountAudit.Disabled => T("停用账号", "account disabled"),
        AccountAudit.Enabled => T("启用账号", "account enabled"),
        AccountAudit.Deleted => T("删除账号", "account deleted"),
        AccountAudit.PasswordChanged => T("修改密码", "password changed"),
        AccountAudit.PasswordChangeRefused => T("修改密码未成功", "password change refused"),
        AccountAudit.PasswordReset => T("重置密码", "password reset"),
        AccountAudit.TokenCreated => T("创建接口令牌", "API token created"),
        AccountAudit.TokenRevoked => T("吊销接口令牌", "API token revoked"),
        "registry_item_added" or "registry_item_added_approved" => T("名录新增条目", "registry item added"),
        "registry_item_approved" => T("名录条目审核通过", "registry item approved"),
        "registry_item_rejected" => T("名录条目退回", "registry item rejected"),
        "registry_item_closed" => T("名录条目关闭", "registry item closed"),
        "registry_item_change_proposed" => T("名录条目修改申请", "registry item change proposed"),
        "registry_item_change_approved" => T("名录条目修改通过", "registry item change approved"),
        "registry_figure_set" or "registry_figure_proposed" => T("名录数值填报", "registry figure entered"),
        "registry_figure_approved" => T("名录数值审核通过", "registry figure approved"),
        "registry_figure_rejected" => T("名录数值退回", "registry figure rejected"),
        "hte_certificate_set" => T("录入高企证书", "high-tech certificate entered"),
        "zone_contact_set" => T("修改联系方式", "contact changed"),
        "case_opened" => T("立案", "case opened"),
        "case_step" => T("案件办理", "case step"),
        "case_document" => T("案件文件", "case document"),
        "task_progress_reported" => T("报告任务进展", "task progress reported"),
        "institution_added" => T("新增服务机构", "institution added"),
        "institution_edited" => T("修改服务机构", "institution changed"),
        _ => ReportText.Action(action) is var known && known != action ? known : Composed(action),
    };

    /// <summary>What an audit row is about and what was done to it, for actions named subject_verb (news_publish).</summary>
    private static readonly (string Code, string Zh, string En)[] Subjects =
    [
        ("market_deals", "技术合同", "technology contracts"), ("market_introduction", "技术对接", "introduction"), ("market", "技术市场", "technology market"),
        ("registry_project", "名录项目", "registry project"), ("registry", "名录", "registry"), ("investment", "招商项目", "investment project"),
        ("news_image", "新闻图片", "news image"), ("news", "新闻", "news"), ("policy_attachment", "政策附件", "policy attachment"), ("policy", "政策", "policy"),
        ("panel", "专家组", "expert panel"), ("application", "申报", "application"), ("conflict", "回避声明", "conflict of interest"),
        ("contract", "技术合同", "technology contract"), ("introduction", "技术对接", "introduction"), ("enterprises", "企业年报", "enterprise returns"),
        ("pool", "后备库", "reserve pool"), ("imported", "导入", "import"),
    ];

    private static readonly Dictionary<string, (string Zh, string En)> Verbs = new(StringComparer.Ordinal)
    {
        ["created"] = ("新建", "created"), ["edited"] = ("修改", "edited"), ["added"] = ("新增", "added"),
        ["submit"] = ("提交", "submitted"), ["submitted"] = ("提交", "submitted"), ["publish"] = ("发布", "published"), ["published"] = ("发布", "published"),
        ["withdraw"] = ("撤回", "withdrawn"), ["withdrawn"] = ("撤回", "withdrawn"), ["return"] = ("退回", "returned"), ["returned"] = ("退回", "returned"),
        ["approved"] = ("审核通过", "approved"), ["closed"] = ("关闭", "closed"), ["scored"] = ("评分", "scored"), ["rescored"] = ("重新评分", "scored again"),
        ["declared"] = ("声明", "declared"), ["demo_loaded"] = ("载入演示数据", "demo data loaded"), ["moved"] = ("转换环节", "moved"),
        ["proposed"] = ("推荐入库", "proposed"), ["trained"] = ("培训记录", "training recorded"), ["imported"] = ("导入", "imported"),
        ["deal"] = ("成交", "ended in a deal"), ["no_deal"] = ("未成交", "ended without a deal"),
    };

    private static string Composed(string action)
    {
        foreach (var (code, zh, en) in Subjects)
            if (action.StartsWith(code + "_", StringComparison.Ordinal) && Verbs.TryGetValue(action[(code.Length + 1)..], out var verb))
                return T(zh + verb.Zh, $"{en} {verb.En}");
        return T("其他操作", action.Replace('_', ' '));
    }

    /// <summary>The object of an audit row (<c>case:3</c>, <c>investment:6</c>) in words; an element code or other text as it is.</summary>
    public static string Subject(string? code)
    {
        if (string.IsNullOrEmpty(code)) return "";
        var colon = code.IndexOf(':');
        if (colon <= 0) return code;
        var (kind, id) = (code[..colon], code[(colon + 1)..]);
        var name = kind switch
        {
            "case" => T("整改案件", "case"), "investment" => T("招商项目", "investment project"), "application" => T("申报", "application"),
            "panel" => T("专家组", "panel"), "news" => T("新闻", "news item"), "policy" => T("政策", "policy"), "demand" => T("技术需求", "demand"),
            "achievement" => T("科技成果", "achievement"), "contract" => T("技术合同", "contract"), "institution" => T("服务机构", "institution"),
            _ => null,
        };
        return name is null ? code : $"{name} {id}";
    }

    /// <summary>
    /// An audit row's comment for the page: as <see cref="Comment"/> says it, with a zone named by its name instead of its code and
    /// what a person typed (a token's name) marked with its own language.
    /// </summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent CommentHtml(string action, string? comment, IReadOnlyDictionary<string, string> zoneNames)
    {
        if (comment is null) return Microsoft.AspNetCore.Html.HtmlString.Empty;
        var html = new Microsoft.AspNetCore.Html.HtmlContentBuilder();
        switch (action)
        {
            case AccountAudit.Added or AccountAudit.Changed when System.Text.RegularExpressions.Regex.Match(comment, "^role ([a-z_]+)(?:, zone (.+))?$") is { Success: true } m:
                html.Append(Role(m.Groups[1].Value));
                if (m.Groups[2].Success) html.Append(T(",高新区 ", ", zone ")).AppendHtml(AsWritten(zoneNames.GetValueOrDefault(m.Groups[2].Value, m.Groups[2].Value)));
                return html;
            case AccountAudit.TokenCreated when System.Text.RegularExpressions.Regex.Match(comment, "^token \"(.*)\", expires (\\d{4}-\\d{2}-\\d{2})$") is { Success: true } m:
                return html.Append(T("令牌“", "token “")).AppendHtml(AsWritten(m.Groups[1].Value)).Append(T($"”,{m.Groups[2].Value} 到期", $"”, expires {m.Groups[2].Value}"));
            case AccountAudit.TokenRevoked when System.Text.RegularExpressions.Regex.Match(comment, "^token (\\d+) \\((.*)\\)$") is { Success: true } m:
                return html.Append(T("令牌“", "token “")).AppendHtml(AsWritten(m.Groups[2].Value)).Append(T($"”(编号 {m.Groups[1].Value})", $"” (no. {m.Groups[1].Value})"));
            default:
                return AsWritten(Comment(action, comment));
        }
    }

    /// <summary>Who did it: an account's e-mail, or the command line with the system user that ran it.</summary>
    public static string Actor(string actor) =>
        actor.StartsWith("cli:", StringComparison.Ordinal) ? T($"命令行({actor[4..]})", $"command line ({actor[4..]})") : actor;

    /// <summary>
    /// An audit row's comment in the reader's language where the platform wrote it for an account action (roles and zones,
    /// tokens, refusals, client addresses); any other comment as it was written.
    /// </summary>
    public static string Comment(string action, string? comment)
    {
        if (comment is null) return "";
        switch (action)
        {
            case AccountAudit.SignedIn or AccountAudit.SignInFailed or AccountAudit.LockedOut:
                return T($"来自 {comment}", $"from {comment}");
            case AccountAudit.PasswordChangeRefused:
                return string.Join(" ", comment.Split(", ", StringSplitOptions.RemoveEmptyEntries).Select(c => Refusal(c)));
            case AccountAudit.Added or AccountAudit.Changed when System.Text.RegularExpressions.Regex.Match(comment, "^role ([a-z_]+)(?:, zone (.+))?$") is { Success: true } m:
                return Role(m.Groups[1].Value) + (m.Groups[2].Success ? T($",高新区 {m.Groups[2].Value}", $", zone {m.Groups[2].Value}") : "");
            case AccountAudit.TokenCreated when System.Text.RegularExpressions.Regex.Match(comment, "^token \"(.*)\", expires (\\d{4}-\\d{2}-\\d{2})$") is { Success: true } m:
                return T($"令牌“{m.Groups[1].Value}”,{m.Groups[2].Value} 到期", $"token “{m.Groups[1].Value}”, expires {m.Groups[2].Value}");
            case AccountAudit.TokenRevoked when System.Text.RegularExpressions.Regex.Match(comment, "^token (\\d+) \\((.*)\\)$") is { Success: true } m:
                return T($"令牌“{m.Groups[2].Value}”(编号 {m.Groups[1].Value})", $"token “{m.Groups[2].Value}” (no. {m.Groups[1].Value})");
            case "case_opened" when System.Text.RegularExpressions.Regex.Match(comment, "^run (\\d+): (.*)$") is { Success: true } m:
                return T($"评价记录 {m.Groups[1].Value}:{m.Groups[2].Value}", $"run {m.Groups[1].Value}: {m.Groups[2].Value}");
            case var _ when System.Text.RegularExpressions.Regex.Match(comment, "^releaseAt (\\d{4}-\\d{2}-\\d{2})T(\\d{2}:\\d{2})") is { Success: true } m:
                return T($"定时发布:{m.Groups[1].Value} {m.Groups[2].Value}(协调世界时)", $"to be released {m.Groups[1].Value} {m.Groups[2].Value} (UTC)");
            default:
                return comment;
        }
    }

    /// <summary>A moment in China time, as the pages show it.</summary>
    public static string Moment(DateTimeOffset? at) =>
        at?.ToOffset(AuditFilter.ChinaOffset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public static string Day(DateTimeOffset? at) =>
        at?.ToOffset(AuditFilter.ChinaOffset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
