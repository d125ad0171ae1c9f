using System.Text.RegularExpressions;
using Gaoxin.Core.Policies;

namespace Gaoxin.Core.Tests.Policies;

/// <summary>The bundled policy seed file against the plan text, and the loader's refusals.</summary>
public class PolicySeedTests
{
    private static readonly HashSet<string> Zones =
        ["shenyang", "dalian", "anshan", "benxi", "jinzhou", "yingkou", "fuxin", "liaoyang", "fushun", "dandong", "tieling", "chaoyang", "panjin", "huludao", "suizhong"];

    private static string Root => BundledFiles.RepositoryRoot();

    private static string PlanText => File.ReadAllText(Path.Combine(Root, "plans", "liaoning-2017-2020.txt"));

    private static PolicySeedFile Bundled()
    {
        var (file, errors) = PolicySeedParser.Parse("policies/liaoning-2017-2020.yaml", File.ReadAllText(Path.Combine(Root, "policies", "liaoning-2017-2020.yaml")), PlanText, Zones);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return file!;
    }

    [Fact]
    public void Every_document_the_plan_names_in_book_title_marks_is_seeded_once()
    {
        // Read from the text itself, not from the seed file: 《…》 names a document.
        var named = Regex.Matches(PlanText, "《([^》]+)》").Select(m => m.Groups[1].Value).ToHashSet();
        var documents = Bundled().Items.Where(i => i.Kind == "document").Select(i => i.Title).ToList();
        Assert.Equal(named.Order(StringComparer.Ordinal), documents.Order(StringComparer.Ordinal));
        Assert.Equal(11, named.Count);
    }

    [Fact]
    public void The_packages_are_the_6_plus_4_pilot_policies_and_the_three_inclusive_policies()
    {
        var packages = Bundled().Items.Where(i => i.Kind == "package").ToDictionary(i => i.Title);
        Assert.Equal(["国家自创区“6+4”先行先试政策", "科技成果处置和收益权改革", "科研经费加计扣除", "高新技术企业所得税减免"], packages.Keys.Order(StringComparer.Ordinal));
        // Eligibility only where the plan says it: the income-tax relief is for high-tech enterprises, the inclusive (普惠性) ones for any.
        Assert.Equal(["hte"], packages["高新技术企业所得税减免"].TargetTypes);
        Assert.Equal(["any"], packages["科研经费加计扣除"].TargetTypes);
        Assert.Empty(packages["国家自创区“6+4”先行先试政策"].TargetTypes);
    }

    [Fact]
    public void Nothing_the_plan_does_not_say_is_filled_in()
    {
        var items = Bundled().Items;
        Assert.All(items, i => Assert.Null(i.DocumentNumber));
        Assert.All(items, i => Assert.Null(i.IssuedOn));
        // Zone documents of 专栏10 belong to the zone the plan names.
        var byTitle = items.ToDictionary(i => i.Title);
        Assert.Equal(["yingkou"], byTitle["营口高新区鼓励投资和促进产业发展优惠政策"].Zones);
        Assert.Equal(["dalian"], byTitle["关于创新创业企业吸纳人才补贴政策的实施办法"].Zones);
        Assert.Equal(["suizhong"], byTitle["招商引资优惠政策"].Zones);
        Assert.Empty(byTitle["辽宁省人民政府关于加快高新技术产业开发区发展的意见"].Zones);
    }

    private const string Header = "plan: liaoning-2017-2020\nsourceText: ../plans/liaoning-2017-2020.txt\npolicies:\n";

    [Fact]
    public void A_quote_not_in_the_plan_text_refuses_the_file_at_its_line()
    {
        var yaml = Header +
            "  - id: x.one\n    kind: package\n    title: \"高新技术企业所得税减免\"\n" +
            "    source: {section: \"三、重点任务\", quote: \"高新技术企业所得税减免百分之五十\"}\n";
        var (file, errors) = PolicySeedParser.Parse("p.yaml", yaml, PlanText, Zones);
        Assert.Null(file);
        var error = Assert.Single(errors);
        Assert.Equal(("p.yaml", 7, "policies[0].source.quote", "quote_not_found"), (error.File, error.Line, error.Field, error.Code));
    }

    [Fact]
    public void A_title_outside_its_quote_a_missing_heading_an_unknown_zone_and_type_are_each_refused()
    {
        var yaml = Header +
            "  - id: x.one\n    kind: document\n    title: \"招商引资优惠政策\"\n    zones: [atlantis]\n    targetTypes: [unicorn]\n" +
            "    source: {section: \"五、不存在的章节\", quote: \"高新技术企业所得税减免\"}\n" +
            "  - id: x.one\n    kind: rumour\n    title: \"不在规划中的办法\"\n    source: {section: \"三、重点任务\", quote: \"高新技术企业所得税减免\"}\n";
        var (file, errors) = PolicySeedParser.Parse("p.yaml", yaml, PlanText, Zones);
        Assert.Null(file);
        Assert.Equal(["duplicate_id", "quote_not_found", "section_not_found", "title_not_in_quote", "unknown_reference", "unknown_value", "unknown_value"],
            errors.Select(e => e.Code).Order(StringComparer.Ordinal));
    }
}
