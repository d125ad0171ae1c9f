using Gaoxin.Core.Collection;
using Gaoxin.Core.Portal;
using Gaoxin.Core.SiteSelection;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Investment;

/// <summary>Demo investment projects (marked demo): four published, one draft and one whose validity has ended — the last two never public.</summary>
public static class InvestmentDemo
{
    private sealed record Demo(string Title, string Sector, string Zone, string? County, decimal Amount, decimal? Land, string Cooperation, string Description,
        int ValidDays, bool Publish);

    private static readonly Demo[] Projects =
    [
        new("生物医药产业园标准厂房招商(演示)", "biomedicine", "benxi", null, 50_000, 120, "joint_venture",
            "面向化学药、中药和生物制品企业,提供符合 GMP 要求的标准厂房与配套用地。", 365, true),
        new("液压元件精密制造项目(演示)", "hydraulics", "fuxin", null, 30_000, 80, "sole",
            "依托液压产业集群,引进液压泵、阀、缸等元件的精密加工与装配项目。", 365, true),
        new("软件和服务外包交付中心(演示)", "software_outsourcing", "dalian", null, 8_000, null, "cooperation",
            "在软件园内提供办公载体,引进软件开发与信息技术服务外包企业。", 365, true),
        new("机器人系统集成项目(演示)", "intelligent_manufacturing", "shenyang", "浑南区", 150_000, 200, "ppp",
            "围绕机器人和智能制造产业集群,引进工业机器人系统集成项目。", 365, true),
        new("精细化工新材料项目(演示,草稿)", "fine_chemicals", "liaoyang", null, 60_000, 150, "joint_venture",
            "尚在编写、未经审核的项目。", 365, false),
        new("汽车零部件配套项目(演示,已过期)", "auto_parts", "jinzhou", null, 20_000, 60, "other",
            "有效期已过,不再向公众展示。", -30, true),
    ];

    /// <summary>Adds the demo projects once (none is added when the store already holds demo projects).</summary>
    public static async Task SeedDemoAsync(GaoxinDb db, IndustryCatalog catalog, Principal who, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await db.InvestmentProjects.AnyAsync(p => p.IsDemo, cancellationToken)) return;
        var sectors = catalog.Industries.Select(i => i.Code).ToHashSet();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var d in Projects)
        {
            var input = new InvestmentInput(d.Title, d.Sector, d.Zone, d.County, d.Amount, d.Land, d.Cooperation, "招商服务窗口(演示)", "024-00000000",
                "invest@example.org", today.AddDays(d.ValidDays), d.Description);
            var (id, refused) = await InvestmentStore.CreateAsync(db, who, input, sectors, InvestmentStore.Via.Demo, clock, cancellationToken, isDemo: true);
            if (refused is not null) throw new InvalidOperationException($"demo project '{d.Title}' refused: {refused}");
            if (!d.Publish) continue;
            foreach (var step in new[] { PublicationAction.Submit, PublicationAction.Publish })
                if (await InvestmentStore.StepAsync(db, who, id!.Value, step, null, null, InvestmentStore.Via.Demo, clock, cancellationToken) is { } stepRefused)
                    throw new InvalidOperationException($"demo project '{d.Title}' refused at {step}: {stepRefused}");
        }
    }
}
