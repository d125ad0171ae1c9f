using Gaoxin.Core.Collection;
using Gaoxin.Core.Policies;
using Gaoxin.Core.Portal;
using Gaoxin.Data.Policies;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.News;

/// <summary>
/// Demo policies and news for <c>gaoxin demo seed</c>, all marked demo: a few published, and news items that must stay off the
/// portal (one scheduled a month ahead, one draft, one withdrawn) so that a demonstration shows the workflow.
/// </summary>
public static class PortalContentDemo
{
    public static async Task SeedDemoAsync(GaoxinDb db, Principal who, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await db.Policies.AnyAsync(p => p.IsDemo, cancellationToken) || await db.News.AnyAsync(n => n.IsDemo, cancellationToken)) return;
        var now = clock.GetUtcNow();
        var today = Publication.Today(now);

        async Task<string> PolicyAsync(PolicyInput input, bool publish)
        {
            var (id, refused) = await PolicyStore.CreateAsync(db, who, input, clock, cancellationToken, isDemo: true);
            if (refused is not null) throw new InvalidOperationException($"demo policy refused: {refused}");
            if (publish)
            {
                await PolicyStore.StepAsync(db, who, id!, PublicationAction.Submit, null, null, clock, cancellationToken);
                await PolicyStore.StepAsync(db, who, id!, PublicationAction.Publish, null, null, clock, cancellationToken);
            }
            return id!;
        }
        await PolicyAsync(new PolicyInput("沈阳高新区瞪羚企业成长奖励办法(演示)", "Shenyang High-tech Zone gazelle growth rewards (demo)", "document",
            "沈阳高新区管委会(演示)", null, PolicyLevel.Zone, today.AddYears(-1), today.AddYears(-1), null, null, ["shenyang"], [EnterpriseTypes.Gazelle],
            "演示数据:对区内瞪羚企业按营业收入增长给予奖励。", "演示数据。第一条 为支持瞪羚企业加快成长,制定本办法。"), publish: true);
        await PolicyAsync(new PolicyInput("科技型中小企业研发费用补助(演示)", "R&D subsidies for tech-based SMEs (demo)", "document",
            "省科技厅(演示)", null, PolicyLevel.Provincial, today.AddYears(-2), today.AddYears(-2), today.AddYears(3), null, [], [EnterpriseTypes.TechSme],
            "演示数据:对入库的科技型中小企业按研发投入给予补助。", "演示数据。第一条 为鼓励科技型中小企业加大研发投入,制定本办法。"), publish: true);
        await PolicyAsync(new PolicyInput("高新技术企业后备库培育扶持办法(演示,已失效)", "Support for the high-tech reserve pool (demo, expired)", "document",
            "省科技厅(演示)", null, PolicyLevel.Provincial, today.AddYears(-4), today.AddYears(-4), today.AddYears(-1), null, [], [EnterpriseTypes.HteReserve],
            "演示数据:已于有效期届满后失效,不在门户显示。", null), publish: true);
        await PolicyAsync(new PolicyInput("大连高新区人才公寓配租办法(演示草稿)", "Dalian talent housing (demo draft)", "document", null, null, PolicyLevel.Zone,
            null, null, null, null, ["dalian"], [EnterpriseTypes.Any], "演示数据:草稿,不在门户显示。", null), publish: false);

        async Task NewsAsync(NewsInput input, PublicationAction[] steps, DateTimeOffset? releaseAt = null)
        {
            var (id, refused) = await NewsStore.CreateAsync(db, who, input, clock, cancellationToken, isDemo: true);
            if (refused is not null) throw new InvalidOperationException($"demo news refused: {refused}");
            foreach (var step in steps)
                await NewsStore.StepAsync(db, who, id!.Value, step, step == PublicationAction.Publish ? releaseAt : null, null, clock, cancellationToken);
        }
        PublicationAction[] published = [PublicationAction.Submit, PublicationAction.Publish];
        await NewsAsync(new NewsInput("全省高新区创新驱动发展绩效评价工作启动(演示)", "news", "演示数据:省科技厅部署年度绩效评价工作。",
            "<p>演示数据。省科技厅近日部署全省高新区年度创新驱动发展绩效评价工作,各高新区按要求报送数据。</p>"), published);
        await NewsAsync(new NewsInput("关于报送高新区年度统计数据的通知(演示)", "notice", "演示数据:请各高新区于规定时间前完成数据报送。",
            "<p>演示数据。请各高新区登录平台,在“数据填报”中报送年度数据。</p>"), published);
        await NewsAsync(new NewsInput("沈阳高新区举办科技成果转化对接会(演示)", "news", "演示数据:沈阳高新区举办对接会。",
            "<p>演示数据。沈阳高新区举办科技成果转化对接会,区内企业与高校院所洽谈合作。</p>", "shenyang"), published);
        await NewsAsync(new NewsInput("下月发布:高新区发展年度报告(演示,定时发布)", "notice", "演示数据:定时发布,发布时间未到前不在门户显示。",
            "<p>演示数据。定时发布的通知。</p>"), published, now.AddDays(30));
        await NewsAsync(new NewsInput("草稿:营口高新区招商推介会(演示)", "news", "演示数据:草稿,不在门户显示。", "<p>演示数据。草稿。</p>", "yingkou"), []);
        await NewsAsync(new NewsInput("已撤回:错误发布的通知(演示)", "notice", "演示数据:已撤回,不在门户显示。", "<p>演示数据。已撤回。</p>"),
            [PublicationAction.Submit, PublicationAction.Publish, PublicationAction.Withdraw]);
    }
}
