namespace Gaoxin.Core.Market;

/// <summary>A demo technology contract (marked demo where it is stored).</summary>
public sealed record DemoContract(string RegistrationNumber, string Type, string Title, string Buyer, string Seller, decimal AmountWan, DateOnly Signed,
    string Zone, string Field);

/// <summary>
/// Demo technology contracts over 2016–2020 for the zones: a deterministic few hundred, with plausible Chinese titles and parties,
/// amounts spread like registered contracts (many small service and consulting contracts, fewer large development and
/// transfer ones). Synthetic, for demonstration only.
/// </summary>
public static class DealsDemo
{
    /// <summary>The years the demo covers.</summary>
    public const int FirstYear = 2016, LastYear = 2020;

    private static readonly string[] Subjects =
        ["智能检测", "工艺优化", "控制系统", "新型材料制备", "数据平台", "节能改造", "精密加工", "生物制剂", "传感器", "工业软件", "清洁生产", "自动化产线"];

    private static readonly string[] Sellers =
        ["东北大学", "大连理工大学", "中国科学院沈阳自动化研究所", "中国科学院金属研究所", "中国科学院大连化学物理研究所", "辽宁大学", "沈阳工业大学",
         "辽宁石油化工大学", "沈阳药科大学", "大连海事大学", "清华大学", "浙江大学"];

    private static readonly string[] BuyerKinds = ["装备制造有限公司", "科技股份有限公司", "新材料有限公司", "精细化工有限公司", "信息技术有限公司", "生物科技有限公司"];

    private static readonly string[] CityNames = ["沈阳", "大连", "鞍山", "本溪", "锦州", "营口", "阜新", "辽阳", "抚顺", "丹东", "铁岭", "朝阳", "盘锦", "葫芦岛", "绥中"];

    /// <summary>
    /// The demo contracts of <paramref name="zones"/> (in a stable order) over <see cref="FirstYear"/>–<see cref="LastYear"/>, in fields drawn
    /// from <paramref name="fields"/>: four to seven a zone and year, the same for the same seed.
    /// </summary>
    public static IReadOnlyList<DemoContract> Generate(int seed, IReadOnlyList<string> zones, IReadOnlyList<string> fields)
    {
        var random = new Random(seed);
        var contracts = new List<DemoContract>();
        var serial = 0;
        foreach (var (zone, z) in zones.Select((zone, i) => (zone, i)))
        for (var year = FirstYear; year <= LastYear; year++)
        {
            var count = 4 + random.Next(4);
            for (var k = 0; k < count; k++)
            {
                var type = MarketTerms.ContractTypes[random.Next(MarketTerms.ContractTypes.Count)].Code;
                // 万元: service and consulting 5–150, development and licence 50–1,500, transfer 100–3,000.
                var (low, high) = type switch { "service" or "consulting" => (5, 150), "transfer" => (100, 3_000), _ => (50, 1_500) };
                var amount = Math.Round((decimal)(low + random.NextDouble() * (high - low)), 1);
                var subject = Subjects[random.Next(Subjects.Length)];
                var city = CityNames[z % CityNames.Length];
                var typeName = MarketTerms.Find(MarketTerms.ContractTypes, type)!.Name;
                var signed = new DateOnly(year, 1 + random.Next(12), 1 + random.Next(28));
                serial++;
                contracts.Add(new DemoContract(
                    $"DEMO{year}21{z + 1:00}{serial:00000}", type, $"{subject}{typeName}合同(演示)", $"{city}{Subjects[random.Next(Subjects.Length)][..2]}{BuyerKinds[random.Next(BuyerKinds.Length)]}(演示)",
                    Sellers[random.Next(Sellers.Length)], amount, signed, zone, fields[random.Next(fields.Count)]));
            }
        }
        return contracts;
    }
}
