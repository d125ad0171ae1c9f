using Gaoxin.Core.Plans;
using Gaoxin.Core.Zones;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Zones;

/// <summary>How zone attributes read on pages, in Chinese or English.</summary>
public static class ZoneText
{
    public static string Level(ZoneLevel level) => level == ZoneLevel.National ? T("国家级", "national") : T("省级", "provincial");

    public static string Governance(Governance governance) => governance == Core.Plans.Governance.Merged
        ? T("管委会与行政区合并", "merged with the district government")
        : T("所在地政府派出机关", "dispatched agency of the local government");

    public static string Status(ZoneStatus status) => status switch
    {
        ZoneStatus.YellowCard => T("黄牌警告", "yellow card"),
        ZoneStatus.Delisted => T("已摘牌", "delisted"),
        _ => T("正常", "active"),
    };

    public static string Event(ZoneEventKind kind) => kind switch
    {
        ZoneEventKind.Listed => T("列入规划", "listed in the plan"),
        ZoneEventKind.Established => T("批准设立", "established"),
        ZoneEventKind.Promoted => T("升级为国家级", "promoted to national"),
        ZoneEventKind.YellowCard => T("亮黄牌", "yellow card"),
        ZoneEventKind.Rectified => T("整改完成", "rectified"),
        ZoneEventKind.Delisted => T("摘牌", "delisted"),
        ZoneEventKind.DelistingProposed => T("建议摘牌", "delisting proposed"),
        ZoneEventKind.ReportedUpward => T("报请科技部处理", "reported to the ministry"),
        _ => kind.ToString(),
    };
}
