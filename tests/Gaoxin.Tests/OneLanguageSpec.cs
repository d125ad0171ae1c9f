using Gaoxin.Tests.Support;

namespace Gaoxin.Tests;

/// <summary>
/// The detector behind the every-page language check: which words of a text shown in Chinese or in English belong to the
/// other language. A Chinese page may show proper names, formats, units, addresses and data identifiers in Latin letters,
/// never a code, a method name, a rule id or an English label; an English page shows no Han character at all (quotes and
/// Chinese-only names are marked <c>lang="zh-CN"</c> by the page and never reach the detector).
/// </summary>
public sealed class OneLanguageSpec
{
    [Theory]
    [InlineData("自评结果：符合条件")]
    [InlineData("导出 CSV · 导出 Excel · 打印 PDF · 保存为 PNG")]
    [InlineData("地图由 ECharts 绘制，按 A4 纸打印")]
    [InlineData("规划面积 12.5 km²，建成区 3 km²，文件不超过 200 MB")]
    [InlineData("统一社会信用代码 91210100MA0000001X")]
    [InlineData("联系 office@example.org，或访问 https://example.org/zones?x=1")]
    [InlineData("接口 /api/zones/shenyang 返回园区")]
    [InlineData("令牌 gx_3fa9c1… 已撤销")]
    [InlineData("returns.csv:已导入 6 条年报。批次 6f50a13f2a2d49c1;政策 p-68d041a80d;时间为 UTC")]
    [InlineData("2019 年研发投入占比 3.2%")]
    [InlineData("A 强 (7–8 分);从企业年报(t−3 至 t 年)识别")]
    [InlineData("高新区GDP占全省GDP比重；R&D经费内部支出；IC装备；PPP；下载 Word")]
    public void A_Chinese_page_may_show_names_formats_units_addresses_and_identifiers(string text)
    {
        Assert.Empty(OneLanguage.ForeignWords(text, "zh-CN"));
    }

    [Theory]
    [InlineData("匹配规则：reserve-pool-default", "reserve-pool-default")]
    [InlineData("标准化方法 MinMax，加权 Arithmetic", "MinMax", "Arithmetic")]
    [InlineData("在请求头中写 Authorization: Bearer 令牌", "Authorization", "Bearer")]
    [InlineData("个人 API 令牌", "API")]
    [InlineData("依据第 3.2 节（rule hte_depends）", "rule", "hte_depends")]
    [InlineData("规则 liaoning-2021 判定", "liaoning-2021")]
    [InlineData("Pool stage is not allowed", "Pool", "stage", "is", "not", "allowed")]
    [InlineData("excel 与 Csv 不是原名", "excel", "Csv")]
    [InlineData("技术就绪度 TRL 1", "TRL")]
    [InlineData("见 evaluation-model.md 与 portal/zone-locations.yaml", "evaluation-model.md", "portal", "zone-locations.yaml")]
    [InlineData("批次 deadbeef(非编号)", "deadbeef")]
    [InlineData("gdp / area_km2", "gdp", "area_km2")]
    public void A_Chinese_page_showing_codes_method_names_or_English_words_is_caught(string text, params string[] expected)
    {
        Assert.Equal(expected, OneLanguage.ForeignWords(text, "zh-CN"));
    }

    [Theory]
    [InlineData("Self-assessment result: eligible")]
    [InlineData("Shenyang High-tech Zone · 12.5 km² · credit code 91210100MA0000001X")]
    [InlineData("Methods: MinMax normalisation, arithmetic weighting — 3.2% R&D")]
    [InlineData("")]
    public void An_English_page_may_show_any_Latin_text(string text)
    {
        Assert.Empty(OneLanguage.ForeignWords(text, "en"));
    }

    [Theory]
    [InlineData("Zone: 沈阳高新区", "沈阳高新区")]
    [InlineData("Area 12.5 平方公里", "平方公里")]
    [InlineData("Document 辽高新推〔2020〕1号", "辽高新推〔", "〕", "号")]
    [InlineData("Result：eligible", "：")]
    [InlineData("Plan 《辽宁省高新技术产业开发区发展规划》", "《辽宁省高新技术产业开发区发展规划》")]
    public void An_English_page_showing_Han_characters_or_Chinese_punctuation_is_caught(string text, params string[] expected)
    {
        Assert.Equal(expected, OneLanguage.ForeignWords(text, "en"));
    }

    [Fact]
    public void An_offence_names_the_word_and_the_text_around_it()
    {
        var offence = Assert.Single(OneLanguage.Offences("本次评估规则：reserve-pool-default，已通过", "zh-CN"));
        Assert.Equal("“reserve-pool-default” in “本次评估规则：reserve-pool-default，已通过”", offence);
    }
}
