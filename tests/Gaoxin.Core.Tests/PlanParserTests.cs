using Gaoxin.Core.Plans;

namespace Gaoxin.Core.Tests;

/// <summary>The plan file loader: what it accepts, and how it locates what it refuses.</summary>
public class PlanParserTests
{
    private const string PlanText = """
        示例高新区发展规划(2020—2022年)
        一、发展基础
        目前,全省有甲、乙2个国家级高新区和丙1个省级高新区。研发机构272家。
        二、发展目标
        到2022年,研发经费占GDP比重达到2.8%;新建联盟30个以上。
        三、重点任务
        1.建设联盟。甲高新区:机器人联盟。
        """;

    private const string ValidPlan = """
        id: sample-2020-2022
        version: 1
        title: 示例高新区发展规划(2020—2022年)
        titleEn: Sample plan
        sourceText: sample.txt
        baseYear: 2019
        targetYear: 2022
        zones:
          - code: jia
            name: 甲高新区
            nameEn: Jia High-tech Zone
            city: 甲市
            level: national
            governance: merged
            leadingIndustries: [机器人]
            areaKm2: null
        baselines:
          - id: rd_institutions
            title: 研发机构
            titleEn: R&D institutions
            value: 272
            unit: 家
            year: 2019
            source: {section: "一、发展基础", quote: "研发机构272家"}
        targets:
          - id: rd_intensity
            title: 研发经费占GDP比重
            titleEn: R&D intensity
            measure: zone_rd_gdp_ratio
            kind: level
            baseline: null
            target: {value: 2.8, year: 2022, comparator: ">="}
            unit: "%"
            scope: zones
            source: {section: "二、发展目标", quote: "研发经费占GDP比重达到2.8%"}
        tasks:
          - id: alliances
            title: 建设联盟
            titleEn: Build alliances
            kind: task
            source: {section: "三、重点任务", quote: "1.建设联盟"}
            children:
              - id: alliances.jia
                title: 甲高新区机器人联盟
                titleEn: Jia robot alliance
                kind: item
                zone: jia
                targets: [rd_intensity]
                source: {section: "三、重点任务", quote: "甲高新区:机器人联盟"}
        """;

    private static PlanParseResult Parse(string yaml, string? text = PlanText) =>
        PlanParser.Parse("plans/sample.yaml", yaml, name => name == "sample.txt" ? text : null);

    private static int LineOf(string yaml, string fragment) =>
        yaml[..yaml.IndexOf(fragment, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    [Fact]
    public void Parse_reads_a_valid_plan_with_every_part()
    {
        var result = Parse(ValidPlan);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var plan = result.Plan!;
        Assert.Equal("sample-2020-2022", plan.Id);
        Assert.Equal(ZoneLevel.National, Assert.Single(plan.Zones).Level);
        Assert.Equal(272m, Assert.Single(plan.Baselines).Value);
        var target = Assert.Single(plan.Targets);
        Assert.Equal(new TargetValue(2.8m, null, 2022, Comparator.AtLeast), target.Goal);
        Assert.Equal(["alliances", "alliances.jia"], plan.AllTasks().Select(t => t.Id));
    }

    [Fact]
    public void Parse_reports_a_missing_field_with_file_line_and_path()
    {
        var yaml = ValidPlan.Replace("    unit: 家\n", "");

        var error = Assert.Single(Parse(yaml).Errors);

        Assert.Equal("plans/sample.yaml", error.File);
        Assert.Equal("missing_field", error.Code);
        Assert.Equal("baselines[0].unit", error.Field);
        Assert.Equal(LineOf(yaml, "  - id: rd_institutions"), error.Line);
        Assert.Null(Parse(yaml).Plan);
    }

    [Fact]
    public void Parse_reports_a_wrong_type_at_the_value()
    {
        var yaml = ValidPlan.Replace("value: 272", "value: lots");

        var error = Assert.Single(Parse(yaml).Errors);

        Assert.Equal(("wrong_type", "baselines[0].value"), (error.Code, error.Field));
        Assert.Equal(LineOf(yaml, "value: lots"), error.Line);
        Assert.Contains("plans/sample.yaml:" + error.Line, error.ToString());
    }

    [Fact]
    public void Parse_refuses_a_quote_that_is_not_in_the_plan_text()
    {
        var yaml = ValidPlan.Replace("quote: \"研发机构272家\"", "quote: \"研发机构共272家\"");

        var error = Assert.Single(Parse(yaml).Errors);

        Assert.Equal(("quote_not_found", "baselines[0].source.quote"), (error.Code, error.Field));
        Assert.Equal(LineOf(yaml, "研发机构共272家"), error.Line);
    }

    [Fact]
    public void Parse_refuses_a_value_that_its_quote_does_not_state()
    {
        var yaml = ValidPlan.Replace("value: 2.8,", "value: 3.8,");

        var error = Assert.Single(Parse(yaml).Errors);

        Assert.Equal(("value_not_in_quote", "targets[0].source.quote"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData("实施“三年倍增计划”")]
    [InlineData("研发机构数三年翻番")]
    [InlineData("研发机构数三年翻一番")]
    public void A_target_of_2_may_be_written_as_a_word_for_doubling(string words)
    {
        var yaml = ValidPlan.Replace("value: 2.8,", "value: 2,").Replace("quote: \"研发经费占GDP比重达到2.8%\"", $"quote: \"{words}\"");

        var result = Parse(yaml, PlanText + "\n" + words);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }

    [Fact]
    public void A_doubling_word_writes_2_and_no_other_value()
    {
        var yaml = ValidPlan.Replace("value: 2.8,", "value: 3,").Replace("quote: \"研发经费占GDP比重达到2.8%\"", "quote: \"实施“三年倍增计划”\"");

        var error = Assert.Single(Parse(yaml, PlanText + "\n实施“三年倍增计划”").Errors);

        Assert.Equal(("value_not_in_quote", "targets[0].source.quote"), (error.Code, error.Field));
    }

    [Fact]
    public void Parse_refuses_unknown_keys_duplicate_ids_and_dangling_references()
    {
        var yaml = ValidPlan
            .Replace("    areaKm2: null\n", "    areaKm2: null\n    mayor: 张三\n")
            .Replace("targets: [rd_intensity]", "targets: [no_such_target]")
            .Replace("id: alliances.jia", "id: alliances");

        var codes = Parse(yaml).Errors.Select(e => (e.Code, e.Field)).ToList();

        Assert.Contains(("unknown_field", "zones[0].mayor"), codes);
        Assert.Contains(("unknown_reference", "tasks[0].children[0].targets"), codes);
        Assert.Contains(("duplicate_id", "tasks"), codes);
    }

    [Fact]
    public void Parse_refuses_an_unknown_choice_and_names_the_allowed_ones()
    {
        var error = Assert.Single(Parse(ValidPlan.Replace("level: national", "level: municipal")).Errors);

        Assert.Equal(("unknown_value", "zones[0].level"), (error.Code, error.Field));
        Assert.Contains("national, provincial", error.Message);
    }

    [Fact]
    public void Parse_refuses_a_plan_whose_text_is_missing()
    {
        var error = Assert.Single(Parse(ValidPlan, text: null).Errors);

        Assert.Equal(("source_text_missing", "sourceText"), (error.Code, error.Field));
    }

    [Fact]
    public void Parse_locates_a_yaml_syntax_error()
    {
        var yaml = ValidPlan.Replace("    unit: 家", "    unit: 家: 个");

        var error = Assert.Single(Parse(yaml).Errors);

        Assert.Equal("yaml_syntax", error.Code);
        Assert.Equal(LineOf(yaml, "unit: 家: 个"), error.Line);
    }

    [Fact]
    public void Parse_refuses_a_target_due_before_the_base_year()
    {
        var error = Assert.Single(Parse(ValidPlan.Replace("year: 2022, comparator", "year: 2018, comparator")).Errors);

        Assert.Equal(("out_of_range", "targets[0].target.year"), (error.Code, error.Field));
    }

    private static Plan BundledPlan()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "plans");
        var result = PlanParser.Parse("liaoning-2017-2020.yaml", File.ReadAllText(Path.Combine(folder, "liaoning-2017-2020.yaml")),
            name => File.ReadAllText(Path.Combine(folder, name)));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Plan!;
    }

    /// <summary>
    /// Statements the plan text makes under its key tasks without a column or a number, copied by hand from the text
    /// (三、重点任务), with the zone each is tied to where the text names one per zone.
    /// </summary>
    public static readonly (string Quote, string? Zone)[] UnitemisedStatements =
    [
        // 3.完善成果转移转化机制 (技术转移)
        ("建立科技成果转移转化年度报告制度", null),
        ("建立科技成果转化贷款风险补偿机制", null),
        ("设立知识产权质押融资风险补偿基金", null),
        ("依托高新区,与中国科学院共建辽宁中国科学院科技服务网络区域中心", null),
        ("与国内知名高等院校、科研单位合作建立技术需求和成果信息互通机制", null),
        // 4.优化协同创新发展机制
        ("深化与“两院十校”为代表的国内外高等院校、科研院所合作", null),
        // 5.加强区域创新对口合作 (区域合作)
        ("加强东北科技大市场与江苏省技术产权交易市场合作,加快东北科技大市场建设", null),
        ("建立金融合作平台,推进金融产品和服务模式创新", null),
        // 2.培育创新型企业
        ("实施高新技术企业“三年倍增计划”", null),
        // 3.完善科技服务业体系: 科技服务业集聚区 in Shenyang, Dalian and Anshan
        ("依托沈阳、大连、鞍山等国家高新区,打造一批特色鲜明、功能完善、布局合理的科技服务业集聚区", null),
        ("依托沈阳、大连、鞍山等国家高新区,打造一批特色鲜明、功能完善、布局合理的科技服务业集聚区", "shenyang"),
        ("依托沈阳、大连、鞍山等国家高新区,打造一批特色鲜明、功能完善、布局合理的科技服务业集聚区", "dalian"),
        ("依托沈阳、大连、鞍山等国家高新区,打造一批特色鲜明、功能完善、布局合理的科技服务业集聚区", "anshan"),
        // 1.提高产业基础研究能力 (基础研究)
        ("积极推动洁净能源国家实验室和机器人与智能制造创新研究院建设", null),
        ("建设服务辽宁、面向全国的辽宁省产业共性技术创新平台", null),
        ("加强东北区域超算中心、大连光源等重大科技基础设施建设", null),
        // 1.加强国际科技合作交流: the 7 coastal and riverside zones
        ("以沈阳、大连、营口、锦州、丹东、葫芦岛、盘锦等沿海沿江高新区为依托,稳步开展中日韩俄蒙德等国科技、贸易合作", null),
        .. new[] { "shenyang", "dalian", "yingkou", "jinzhou", "dandong", "huludao", "panjin" }
            .Select(z => ("以沈阳、大连、营口、锦州、丹东、葫芦岛、盘锦等沿海沿江高新区为依托,稳步开展中日韩俄蒙德等国科技、贸易合作", (string?)z)),
    ];

    [Fact]
    public void Bundled_Liaoning_plan_states_each_unitemised_statement_with_its_exact_quote()
    {
        var tasks = BundledPlan().Tasks.SelectMany(t => t.SelfAndDescendants()).Select(t => (t.Source.Quote, t.Zone)).ToList();

        Assert.All(UnitemisedStatements, s => Assert.Contains(s, tasks));
    }

    [Fact]
    public void Bundled_Liaoning_plan_names_each_item_of_the_two_shared_sentences_once()
    {
        // 洁净能源国家实验室 and 机器人与智能制造创新研究院 share a sentence, as do 东北区域超算中心 and 大连光源: one item each.
        var titles = BundledPlan().Tasks.SelectMany(t => t.SelfAndDescendants()).Select(t => t.Title).ToList();

        Assert.All(["洁净能源国家实验室", "机器人与智能制造创新研究院", "东北区域超算中心", "大连光源", "辽宁省产业共性技术创新平台"],
            name => Assert.Single(titles, t => t == name));
    }

    [Fact]
    public void Bundled_Liaoning_plan_asks_the_zones_to_double_their_high_tech_enterprises_in_three_years()
    {
        var plan = BundledPlan();
        var target = plan.Targets.Single(t => t.Id == "hte_doubling");

        Assert.Equal((2m, 2020, Comparator.AtLeast, "zones", "倍"), (target.Goal.Value, target.Goal.Year, target.Goal.Comparator, target.Scope, target.Unit));
        Assert.Equal("实施高新技术企业“三年倍增计划”", target.Source.Quote);
        Assert.Contains("hte_doubling", plan.Tasks.SelectMany(t => t.SelfAndDescendants()).Single(t => t.Id == "industry.enterprises.hte_doubling").TargetIds);
    }

    [Fact]
    public void Bundled_Liaoning_plan_is_valid()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "plans");
        var yaml = File.ReadAllText(Path.Combine(folder, "liaoning-2017-2020.yaml"));

        var result = PlanParser.Parse("liaoning-2017-2020.yaml", yaml, name => File.ReadAllText(Path.Combine(folder, name)));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(15, result.Plan!.Zones.Count);
    }

    // Counts the plan asks for with 力争 or as a bare number (新增省级高新区10家, 超200亿元产业集群6个, 新组建50个“三类”平台,
    // 攻克250项关键技术 …) are floors: more is better, never a miss. Each is read from the bundled plan file.
    [Theory]
    [InlineData("zones_new_provincial", "新增省级高新区10家")]
    [InlineData("provincial_to_national", "力争到2020年有5个省级高新区进入到国家级高新区行列")]
    [InlineData("county_zones_promoted", "力争到2020年实现县域晋升省级高新区数量达到10家")]
    [InlineData("clusters_over_100bn", "全省高新区要实现超千亿元产业集群2个")]
    [InlineData("clusters_over_50bn", "超500亿元产业集群4个")]
    [InlineData("clusters_over_20bn", "超200亿元产业集群6个")]
    [InlineData("hte_recognised", "认定高新技术企业1600家")]
    [InlineData("new_tri_platforms", "全省高新区新组建50个“三类”平台")]
    [InlineData("new_rd_centres", "100个工程技术研究中心、重点实验室、企业研发中心")]
    [InlineData("key_technologies", "全省高新区要在高端装备制造、新一代信息技术、新材料、生物医药产业攻克250项关键技术")]
    [InlineData("new_products", "研发400个新产品")]
    public void Bundled_Liaoning_plan_reads_bare_and_striven_for_counts_as_minimums(string id, string quote)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "plans");
        var yaml = File.ReadAllText(Path.Combine(folder, "liaoning-2017-2020.yaml"));

        var target = PlanParser.Parse("liaoning-2017-2020.yaml", yaml, name => File.ReadAllText(Path.Combine(folder, name)))
            .Plan!.Targets.Single(t => t.Id == id);

        Assert.Equal(quote, target.Source.Quote);
        Assert.Equal(Comparator.AtLeast, target.Goal.Comparator);
    }
}
