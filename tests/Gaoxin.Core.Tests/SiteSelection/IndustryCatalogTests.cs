using Gaoxin.Core.SiteSelection;

namespace Gaoxin.Core.Tests.SiteSelection;

/// <summary>portal/industries.yaml: it loads with every quote found in the plan text, and free text maps to the codes it names.</summary>
public sealed class IndustryCatalogTests
{
    private static readonly Lazy<IndustryCatalog> Bundled = new(() =>
    {
        var root = BundledFiles.RepositoryRoot();
        var path = Path.Combine(root, "portal", "industries.yaml");
        var (catalog, errors) = IndustryCatalogParser.Parse(path, File.ReadAllText(path), File.ReadAllText(Path.Combine(root, "plans", "liaoning-2017-2020.txt")));
        Assert.True(catalog is not null, string.Join("\n", errors));
        return catalog!;
    });

    public static IndustryCatalog Catalog() => Bundled.Value;

    [Fact]
    public void The_bundled_file_holds_the_8_national_domains_and_cites_the_plan_for_its_aliases()
    {
        var catalog = Catalog();
        Assert.Equal(["电子信息", "生物与新医药", "航空航天", "新材料", "高技术服务", "新能源与节能", "资源与环境", "先进制造与自动化"],
            catalog.Industries.Where(i => i.IsDomain).Select(i => i.Name));
        Assert.All(catalog.Industries.Where(i => !i.IsDomain && i.Code != "agri_processing"), i => Assert.NotNull(catalog.DomainOf(i.Code)));
        // The defaults the page shows: 40 + 25 + 15 + 10 + 10 = 100 points.
        Assert.Equal(new SiteWeights(40, 25, 15, 10, 10), catalog.Weights);
        Assert.Contains(catalog.Find("hydraulics")!.Sources, s => s.Quote == "阜新液压产业集群");
    }

    [Fact]
    public void A_quote_missing_from_the_plan_text_is_refused_at_its_line()
    {
        const string yaml = """
            weights: {industry: 1, cluster: 1, carriers: 1, needs: 1, scale: 1}
            industries:
              - code: x
                kind: domain
                name: X
                nameEn: X
                parent: null
                keywords: [液压]
                sources:
                  - {section: s, quote: "不在规划里的话"}
            """;
        var (catalog, errors) = IndustryCatalogParser.Parse("t.yaml", yaml, "阜新液压产业集群");
        Assert.Null(catalog);
        var error = Assert.Single(errors);
        Assert.Equal(("quote_not_found", 10), (error.Code, error.Line));
    }

    [Fact]
    public void A_keyword_of_two_codes_is_refused()
    {
        const string yaml = """
            weights: {industry: 1, cluster: 1, carriers: 1, needs: 1, scale: 1}
            industries:
              - {code: a, kind: domain, name: A, nameEn: A, parent: null, keywords: [软件]}
              - {code: b, kind: industry, name: B, nameEn: B, parent: a, keywords: [软件]}
            """;
        var (catalog, errors) = IndustryCatalogParser.Parse("t.yaml", yaml, "");
        Assert.Null(catalog);
        Assert.Equal("duplicate_keyword", Assert.Single(errors).Code);
    }

    [Theory]
    // The three acceptance texts.
    [InlineData("生物医药", "biomedicine")]
    [InlineData("液压", "hydraulics")]
    [InlineData("软件和服务外包", "software_outsourcing")]
    // Synonyms of the same codes.
    [InlineData("中药", "biomedicine")]
    [InlineData("制药企业", "biomedicine")]
    [InlineData("服务外包", "software_outsourcing")]
    [InlineData("  液压 件 ", "hydraulics")]
    [InlineData("生物与新医药", "bio_medicine_domain")]
    // Longest keyword at each place: 生物基纤维 is a material, not 生物 (biomedicine) followed by other words.
    [InlineData("生物基纤维新材料", "bio_fibre")]
    [InlineData("生物基纤维和新材料", "bio_fibre,new_materials")]
    [InlineData("液压装备制造", "hydraulics,advanced_manufacturing")]
    [InlineData("沈阳健康医疗和生物医药产业集群", "health,biomedicine")]
    [InlineData("大连软件和信息技术服务产业集群", "software_outsourcing")]
    [InlineData("信息技术", "information_technology")]
    [InlineData("IC装备创新中心", "electronic_information")]
    [InlineData("新能源汽车", "new_energy_vehicles")]
    [InlineData("咖啡馆", "")]
    [InlineData("", "")]
    public void Free_text_maps_to_the_codes_it_names(string text, string codes) =>
        Assert.Equal(codes.Split(',', StringSplitOptions.RemoveEmptyEntries), Catalog().Codes(text));

    /// <summary>专栏3's leading industries, each as the plan writes it: every one maps to a code.</summary>
    [Theory]
    [InlineData("信息技术"), InlineData("智能制造"), InlineData("生物医药"), InlineData("软件和服务外包产业"), InlineData("工业自动化"), InlineData("系统控制产业"),
     InlineData("激光科技产业"), InlineData("汽车零部件"), InlineData("精细化工"), InlineData("健康保健食品"), InlineData("先进装备制造业"), InlineData("新材料产业"),
     InlineData("数字化产业"), InlineData("液压装备制造"), InlineData("农产品深加工"), InlineData("电子信息"), InlineData("芳烃及精细化工"), InlineData("工业铝材"),
     InlineData("石油化工"), InlineData("化工新材料"), InlineData("生物基纤维新材料"), InlineData("智能仪表与装备制造"), InlineData("新能源汽车"),
     InlineData("先进装备制造"), InlineData("节能环保新材料"), InlineData("农副产品及加工业"), InlineData("石油装备"), InlineData("新能源电器"),
     InlineData("高端装备制造"), InlineData("新型包装材料"), InlineData("机械制造"), InlineData("数字技术")]
    public void Every_leading_industry_of_column_3_maps_to_a_code(string industry) => Assert.NotEmpty(Catalog().Codes(industry));
}
