using System.Globalization;
using System.Text;
using Gaoxin.Core.Collection;

namespace Gaoxin.Core.Demo;

/// <summary>What to generate.</summary>
/// <param name="Enterprises">Number of enterprises (each reports every year from its registration on).</param>
/// <param name="Years">Number of years, ending with <paramref name="LastYear"/>.</param>
/// <param name="Zones">Number of zones (codes <c>z001</c>, <c>z002</c>, …).</param>
/// <param name="Seed">Seed; the same options give the same bytes.</param>
/// <param name="Policies">Number of policy / technology documents for the search workload.</param>
/// <param name="LastYear">The last (most recent) year generated.</param>
public sealed record NationalOptions(int Enterprises, int Years, int Zones, int Seed, int Policies = 1000, int LastYear = 2024)
{
    /// <summary>The first year generated.</summary>
    public int FirstYear => LastYear - Years + 1;
}

/// <summary>A generated zone.</summary>
/// <param name="Code">Code, <c>z001</c> …</param>
/// <param name="Name">Chinese name (invented from a real city's name).</param>
/// <param name="Level"><c>national</c> or <c>provincial</c>.</param>
/// <param name="Province">Province (Chinese).</param>
/// <param name="City">The city it is named after.</param>
/// <param name="Division">The six-digit administrative division code used in its enterprises' credit codes.</param>
/// <param name="Revenue">Operating revenue in the last year, 亿元.</param>
public sealed record SyntheticZone(string Code, string Name, string Level, string Province, string City, string Division, double Revenue);

/// <summary>
/// A deterministic synthetic national data set for benchmarks (docs benchmarks.md "Scale we design for"): Z zones with
/// log-normal sizes (median revenue ≈ 1,000亿元, σ ≈ 1.1 on the log scale) and their yearly values in the interchange
/// format; N enterprises with a panel of yearly returns (~100 fields, money in 万元, log-normal revenue with median
/// ≈ 2,500万元, ~40% high-tech enterprises, ~2% fast growers so that gazelles exist, credit codes with valid
/// GB 32100-2015 check digits); and Chinese policy documents for search. Everything is written as a stream to a
/// <see cref="TextWriter"/>, so memory does not grow with N. The data is invented and every output says so.
/// </summary>
public static class NationalGenerator
{
    /// <summary>The notice every output carries where its format allows.</summary>
    public const string Notice = "合成数据，仅供测试与基准测试，不是真实统计 / SYNTHETIC DATA for tests and benchmarks, not real statistics";

    /// <summary>Median zone revenue, 亿元 (benchmarks.md).</summary>
    public const double MedianZoneRevenue = 1000;

    /// <summary>σ of log zone revenue (benchmarks.md).</summary>
    public const double ZoneSigma = 1.1;

    /// <summary>Median enterprise revenue, 万元 (benchmarks.md).</summary>
    public const double MedianEnterpriseRevenue = 2500;

    /// <summary>Share of high-tech enterprises.</summary>
    public const double HighTechShare = 0.40;

    /// <summary>Share of fast growers.</summary>
    public const double FastGrowerShare = 0.02;

    /// <summary>The named columns of <c>enterprises.csv</c>; <c>f01</c>…<c>f82</c> follow.</summary>
    public static readonly IReadOnlyList<string> EnterpriseColumns =
    [
        "credit_code", "name", "zone", "year", "registered_on", "industry", "is_hte", "revenue", "employees", "st_employees",
        "rd_expense", "st_expense", "high_tech_revenue", "net_assets", "exports", "vc_received", "valuation_usd_m", "listed",
    ];

    /// <summary>Number of further numeric columns <c>f01</c>… (to reach ~100 fields per return).</summary>
    public const int ExtraColumns = 82;

    private const string CrLf = "\r\n";

    // ── zones ──

    /// <summary>The zones, largest share of enterprises to the largest zones. Deterministic per options.</summary>
    public static IReadOnlyList<SyntheticZone> Zones(NationalOptions options)
    {
        var rng = new Rng(Mix(options.Seed, 0x5A0E5));
        var zones = new List<SyntheticZone>(options.Zones);
        for (var i = 0; i < options.Zones; i++)
        {
            var (city, province, code) = Cities[i % Cities.Length];
            var round = i / Cities.Length;
            var revenue = MedianZoneRevenue * Math.Exp(ZoneSigma * rng.Normal());
            // Larger zones are more often national (国家级); about 60% are.
            var national = rng.Next() < Math.Clamp(0.35 + 0.12 * Math.Log(revenue / 300), 0.1, 0.95);
            var name = round == 0 ? $"{city}高新技术产业开发区" : $"{city}第{Ordinals[Math.Min(round, Ordinals.Length - 1)]}高新技术产业开发区";
            if (round >= Ordinals.Length) name = $"{city}高新技术产业开发区{round + 1}";
            zones.Add(new SyntheticZone($"z{i + 1:D3}", name, national ? "national" : "provincial", province, city,
                $"{code}{round % 99 + 1:D2}", Math.Round(revenue, 2)));
        }
        return zones;
    }

    /// <summary>Writes <c>zones.csv</c>: <c>code,name,level,province</c>.</summary>
    public static void WriteZones(TextWriter writer, NationalOptions options)
    {
        writer.Write("code,name,level,province" + CrLf);
        foreach (var z in Zones(options)) writer.Write($"{z.Code},{z.Name},{z.Level},{z.Province}{CrLf}");
    }

    /// <summary>
    /// The zones' yearly values of the data set's zone elements (the 20 core elements and the national model's
    /// supplementary ones), zone by zone, year by year. Zone revenue follows <see cref="SyntheticZone.Revenue"/>
    /// back in time at a steady growth of 4–12% a year; the other figures follow by ratios that pass the data
    /// set's validation rules.
    /// </summary>
    public static IEnumerable<DataValue> ZoneValues(NationalOptions options)
    {
        foreach (var zone in Zones(options))
        {
            var rng = new Rng(Mix(options.Seed, 0x2001, Stable(zone.Code)));
            var core = new List<DataValue>(options.Years * 20);
            double growth = rng.Range(1.04, 1.12), revenuePerGdp = rng.Range(2.4, 3.4), taxRate = rng.Range(0.065, 0.09);
            double leadingShare = rng.Range(0.48, 0.68), energyPerGdp = rng.Range(0.28, 0.46), peoplePerGdp = rng.Range(42, 56);
            double rdIntensity = rng.Range(0.015, 0.06), patentsPerRd = rng.Range(30, 50), firmsPerGdp = rng.Range(3.2, 4.6);
            double hteShare = rng.Range(0.2, 0.4), contracts = rng.Range(0.015, 0.04), area = Math.Round(rng.Range(20, 300), 1);
            double carrierScale = rng.Range(0.6, 1.6), talentPerGdp = rng.Range(4, 10);
            for (var year = options.FirstYear; year <= options.LastYear; year++)
            {
                var t = year - options.LastYear;
                var revenue = zone.Revenue * Math.Pow(growth, t) * rng.Range(0.99, 1.01);
                var gdp = revenue / revenuePerGdp;
                var rd = gdp * rdIntensity;
                var enterprises = Math.Max(10, (int)Math.Round(gdp * firmsPerGdp));
                var incubators = Math.Max(1, (int)Math.Round(Math.Sqrt(gdp) / 6 * carrierScale));
                var makerSpaces = Math.Max(1, (int)Math.Round(Math.Sqrt(gdp) / 4 * carrierScale));
                void Add(string element, double value, int decimals = 2) =>
                    core.Add(new DataValue(zone.Code, year, element, Math.Round((decimal)value, decimals, MidpointRounding.AwayFromZero)));
                Add("area_km2", area, 1);
                Add("gdp", gdp);
                Add("revenue", revenue);
                Add("tax", revenue * taxRate);
                Add("energy_consumption", gdp * energyPerGdp * Math.Pow(0.97, options.Years - 1 + t));
                Add("employees", gdp * peoplePerGdp, 0);
                Add("enterprise_count", enterprises, 0);
                Add("hte_count", Math.Floor(enterprises * hteShare), 0);
                Add("leading_industry_revenue", revenue * leadingShare);
                Add("clusters_over_50yi", Math.Floor(revenue * leadingShare / 50 / 6), 0);
                Add("rd_expenditure", rd);
                Add("invention_patents_granted", Math.Max(1, rd * patentsPerRd), 0);
                Add("rd_institutions", Math.Max(1, Math.Pow(gdp, 0.8) * 0.3), 0);
                Add("tech_contract_turnover", gdp * contracts);
                Add("incubators", incubators, 0);
                Add("maker_spaces", makerSpaces, 0);
                Add("incubating_enterprises", (incubators + makerSpaces) * rng.Range(20, 60), 0);
                Add("high_level_talents", Math.Max(5, gdp * talentPerGdp / 10), 0);
                Add("finance_institutions", 3 + Math.Sqrt(gdp) * 0.8, 0);
                Add("vc_institutions", 1 + Math.Sqrt(gdp) * 0.5, 0);
            }
            foreach (var v in core) yield return v;
            // The national model's supplementary figures, by the same ratios as the Liaoning demo's.
            foreach (var v in NationalSupplement.Generate(core, options.Seed)) yield return v;
        }
    }

    /// <summary>Writes the zones' yearly values in the interchange CSV format (<c>zone,year,element,value</c>).</summary>
    public static void WriteZoneValues(TextWriter writer, NationalOptions options)
    {
        writer.Write("zone,year,element,value" + CrLf);
        foreach (var v in ZoneValues(options))
            writer.Write($"{v.Unit},{v.Year.ToString(CultureInfo.InvariantCulture)},{v.Element},{v.Value.ToString(CultureInfo.InvariantCulture)}{CrLf}");
    }

    // ── enterprises ──

    /// <summary>
    /// Writes <c>enterprises.csv</c>: the header (<see cref="EnterpriseColumns"/>, then <c>f01</c>…<c>f82</c>) and one
    /// row per enterprise and year it reports, enterprise by enterprise. Returns the number of rows written.
    /// </summary>
    public static long WriteEnterprises(TextWriter writer, NationalOptions options)
    {
        var header = new StringBuilder(string.Join(',', EnterpriseColumns));
        for (var k = 1; k <= ExtraColumns; k++) header.Append(",f").Append(k.ToString("D2", CultureInfo.InvariantCulture));
        writer.Write(header.Append(CrLf).ToString());

        var zones = Zones(options);
        var cumulative = new double[zones.Count];
        var total = 0.0;
        for (var z = 0; z < zones.Count; z++) cumulative[z] = total += zones[z].Revenue;

        var years = options.Years;
        var logRevenue = new double[years];
        var line = new char[4096];
        long rows = 0;
        for (var e = 0; e < options.Enterprises; e++)
        {
            var rng = new Rng(Mix(options.Seed, 0xE27, e));
            var zone = zones[Pick(cumulative, rng.Next() * total)];
            var fast = rng.Next() < FastGrowerShare;
            var hte = rng.Next() < (fast ? 0.8 : (HighTechShare - FastGrowerShare * 0.8) / (1 - FastGrowerShare));
            var industry = Industries[(int)(rng.Next() * Industries.Length)];
            var age = fast ? rng.Range(1, 8) : rng.Next() switch { < 0.3 => rng.Range(0, 6), < 0.7 => rng.Range(6, 15), _ => rng.Range(15, 30) };
            var registeredYear = options.LastYear - (int)age;
            var registered = new DateOnly(registeredYear, 1 + (int)(rng.Next() * 12), 1 + (int)(rng.Next() * 28));
            var code = CreditCode(zone.Division, e);
            var name = EnterpriseName(ref rng, zone, industry);

            // Log revenue: a random walk whose mean over the years is the enterprise's level, so rows of every
            // year share the median; fast growers climb 30–60% a year.
            var level = Math.Log(MedianEnterpriseRevenue) + (fast ? -0.3 : 0) + 1.3 * rng.Normal();
            var drift = fast ? rng.Range(0.30, 0.60) : 0.06;
            logRevenue[0] = 0;
            for (var t = 1; t < years; t++) logRevenue[t] = logRevenue[t - 1] + drift + (fast ? 0.05 : 0.08) * rng.Normal();
            var mean = 0.0;
            for (var t = 0; t < years; t++) mean += logRevenue[t];
            mean /= years;
            var revenuePerEmployee = rng.Range(60, 250);
            var stShare = hte ? rng.Range(0.15, 0.6) : rng.Range(0, 0.15);
            var rdIntensity = hte ? rng.Range(0.03, 0.10) : rng.Range(0, 0.03);
            var stPerRd = rng.Range(1.05, 1.4);
            var highTechShare = hte ? rng.Range(0.6, 0.95) : rng.Range(0, 0.3);
            var assetsPerRevenue = rng.Range(0.3, 1.5);
            var exportShare = rng.Next() < 0.3 ? rng.Range(0.05, 0.5) : 0;
            var vcChance = fast ? 0.3 : age < 10 ? 0.06 : 0.01;
            var unicornTrack = fast && rng.Next() < 0.05;
            var lastRevenue = Math.Exp(level + logRevenue[years - 1] - mean);
            var listed = lastRevenue > 100_000 ? rng.Next() < 0.4 : rng.Next() < 0.005;
            var vcTotal = 0.0;

            for (var t = 0; t < years; t++)
            {
                var year = options.FirstYear + t;
                if (year < registeredYear) continue;
                var revenue = Math.Round(Math.Exp(level + logRevenue[t] - mean), 2);
                var employees = Math.Max(1, (int)Math.Round(revenue / revenuePerEmployee * rng.Range(0.95, 1.05)));
                var rd = revenue * rdIntensity * rng.Range(0.9, 1.1);
                var vc = rng.Next() < vcChance ? Math.Exp(Math.Log(1500) + rng.Normal()) : 0;
                vcTotal += vc;
                var yearsOld = year - registeredYear;
                double? valuation = unicornTrack && vcTotal > 0 ? rng.Range(1000, 5000)
                    : vcTotal > 0 && yearsOld <= 12 ? vcTotal * rng.Range(3, 15) / 700 // 1 USD m ≈ 700万元
                    : null;

                var w = new RowWriter(line);
                w.Text(code); w.Text(name); w.Text(zone.Code); w.Int(year); w.Text(registered.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.Text(industry); w.Int(hte ? 1 : 0); w.Money(revenue); w.Int(employees); w.Int((int)Math.Round(employees * stShare));
                w.Money(rd); w.Money(rd * stPerRd); w.Money(revenue * highTechShare); w.Money(revenue * assetsPerRevenue);
                w.Money(revenue * exportShare); w.Money(vc);
                if (valuation is { } v) w.Money(v); else w.Empty();
                w.Int(listed ? 1 : 0);
                for (var k = 1; k <= ExtraColumns; k++)
                {
                    // Further items of the return: shares of revenue or head counts, with noise.
                    var u = rng.Next();
                    if (k % 3 == 0) w.Int((int)(employees * u));
                    else w.Money(revenue * (0.002 * k) * (0.5 + u));
                }
                writer.Write(line, 0, w.End());
                rows++;
            }
        }
        return rows;
    }

    private static int Pick(double[] cumulative, double x)
    {
        var i = Array.BinarySearch(cumulative, x);
        return Math.Min(cumulative.Length - 1, i >= 0 ? i : ~i);
    }

    private static string EnterpriseName(ref Rng rng, SyntheticZone zone, string industry)
    {
        var city = zone.City;
        var a = NameParts[(int)(rng.Next() * NameParts.Length)];
        var b = NameParts[(int)(rng.Next() * NameParts.Length)];
        var kind = industry switch
        {
            "生物医药" => "生物医药",
            "新材料" => "新材料",
            "新能源" => "新能源",
            "节能环保" => "环保科技",
            "电子信息" => "电子",
            "航空航天" => "航空科技",
            _ => "科技",
        };
        return $"{city}{a}{b}{kind}有限公司";
    }

    /// <summary>
    /// A unified social credit code (统一社会信用代码, GB 32100-2015) for an enterprise: 9 (registered by market
    /// regulation) 1 (enterprise), the six-digit division code, a nine-character organisation code with its
    /// GB 11714 check character, and the GB 32100 check character.
    /// </summary>
    public static string CreditCode(string division, int enterprise)
    {
        Span<char> code = stackalloc char[18];
        code[0] = '9';
        code[1] = '1';
        division.AsSpan(0, 6).CopyTo(code[2..]);
        var body = (enterprise + 10_000_000).ToString("D8", CultureInfo.InvariantCulture);
        body.AsSpan().CopyTo(code[8..]);
        code[16] = OrganisationCheck(code.Slice(8, 8));
        code[17] = Enterprises.CreditCode.CheckCharacter(code[..17]);
        return new string(code);
    }

    /// <summary>GB 11714-1997: check character of an 8-character organisation code body (weights 3 7 9 10 5 8 4 2).</summary>
    private static char OrganisationCheck(ReadOnlySpan<char> body)
    {
        ReadOnlySpan<int> weights = [3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (char.IsDigit(body[i]) ? body[i] - '0' : body[i] - 'A' + 10) * weights[i];
        var check = 11 - sum % 11;
        return check switch { 10 => 'X', 11 => '0', _ => (char)('0' + check) };
    }

    // ── policies ──

    /// <summary>
    /// Writes <c>policies.jsonl</c>: one JSON object a line with <c>id</c>, <c>title</c>, <c>body</c>, <c>issuer</c>,
    /// <c>year</c> and <c>synthetic: true</c>; titles and bodies are composed from real policy terms.
    /// </summary>
    public static void WritePolicies(TextWriter writer, NationalOptions options)
    {
        var text = new StringBuilder(2048);
        for (var d = 0; d < options.Policies; d++)
        {
            var rng = new Rng(Mix(options.Seed, 0xD0C, d));
            string Term() => PolicyTerms[(int)(rng.Next() * PolicyTerms.Length)];
            var place = Cities[(int)(rng.Next() * Cities.Length)].City;
            var topic = Term();
            var title = rng.Next() switch
            {
                < 0.25 => $"{place}关于加快{topic}的若干措施",
                < 0.5 => $"关于支持{topic}和{Term()}的实施意见",
                < 0.75 => $"{place}高新区{topic}专项资金管理办法",
                _ => $"关于印发《{Term()}行动方案》的通知",
            };
            text.Clear();
            text.Append("为深入贯彻创新驱动发展战略，推动高新区高质量发展，结合").Append(place).Append("实际，现就").Append(topic).Append("提出如下措施。");
            var sentences = 6 + (int)(rng.Next() * 10);
            for (var s = 0; s < sentences; s++)
            {
                text.Append(Sentences[(int)(rng.Next() * Sentences.Length)]
                    .Replace("{a}", Term()).Replace("{b}", Term()).Replace("{n}", ((int)(rng.Next() * 500) + 10).ToString(CultureInfo.InvariantCulture))
                    .Replace("{y}", (options.LastYear + 1 + (int)(rng.Next() * 6)).ToString(CultureInfo.InvariantCulture)));
            }
            text.Append("本文件为合成数据，仅供测试。");
            var issuer = Issuers[(int)(rng.Next() * Issuers.Length)];
            var year = options.LastYear - (int)(rng.Next() * 10);
            writer.Write($"{{\"id\":\"p{d + 1:D6}\",\"title\":\"{title}\",\"body\":\"{text}\",\"issuer\":\"{place}{issuer}\",\"year\":{year},\"synthetic\":true}}\n");
        }
    }

    /// <summary>The <c>README.txt</c> written beside the files.</summary>
    public static string Readme(NationalOptions options, long enterpriseRows) =>
        $"""
        {Notice}

        Generated by `gaoxin demo generate --enterprises {options.Enterprises} --years {options.Years} --zones {options.Zones} --seed {options.Seed} --policies {options.Policies}`.
        Every figure, name and credit code here is invented; the same options give the same bytes.

        zones.csv          {options.Zones} zones: code,name,level,province (log-normal sizes, median revenue ≈ 1,000亿元, σ ≈ 1.1)
        zone-values.csv    the zones' yearly values {options.FirstYear}–{options.LastYear}, interchange format zone,year,element,value
        enterprises.csv    {enterpriseRows} enterprise-year returns of {options.Enterprises} enterprises, money in 万元
                           (log-normal revenue, median ≈ 2,500万元; ~40% high-tech; ~2% fast growers; valuation_usd_m mostly empty)
        policies.jsonl     {options.Policies} Chinese policy / technology documents composed from real policy terms

        """;

    // ── helpers ──

    /// <summary>Formats one CSV row into a char buffer without allocating per field.</summary>
    private ref struct RowWriter(char[] buffer)
    {
        private int _at;
        private bool _first = true;

        private void Separator()
        {
            if (!_first) buffer[_at++] = ',';
            _first = false;
        }

        public void Text(string value)
        {
            Separator();
            value.AsSpan().CopyTo(buffer.AsSpan(_at));
            _at += value.Length;
        }

        public void Int(long value)
        {
            Separator();
            value.TryFormat(buffer.AsSpan(_at), out var n, default, CultureInfo.InvariantCulture);
            _at += n;
        }

        public void Money(double value)
        {
            Separator();
            // Two decimals as a scaled integer: exact, and the same text on every platform.
            var cents = (long)Math.Round(value * 100, MidpointRounding.AwayFromZero);
            if (cents < 0)
            {
                buffer[_at++] = '-';
                cents = -cents;
            }
            (cents / 100).TryFormat(buffer.AsSpan(_at), out var n, default, CultureInfo.InvariantCulture);
            _at += n;
            buffer[_at++] = '.';
            buffer[_at++] = (char)('0' + cents % 100 / 10);
            buffer[_at++] = (char)('0' + cents % 10);
        }

        public void Empty() => Separator();

        public int End()
        {
            buffer[_at++] = '\r';
            buffer[_at++] = '\n';
            return _at;
        }
    }

    private static ulong Mix(int seed, int stream, int index = 0)
    {
        var s = new Rng(((ulong)(uint)seed << 32) ^ ((ulong)(uint)stream << 8) ^ 0xA5A5_0000_0000UL);
        var first = s.NextUlong();
        return first ^ (ulong)(uint)index * 0x9E3779B97F4A7C15UL;
    }

    private static int Stable(string text)
    {
        var hash = 2166136261u;
        foreach (var ch in text)
        {
            hash ^= ch;
            hash *= 16777619u;
        }
        return (int)hash;
    }

    /// <summary>SplitMix64, as <see cref="DemoData"/> uses: the sequence depends only on the seed.</summary>
    private struct Rng(ulong state)
    {
        private ulong _state = state;
        private double? _spare;

        public ulong NextUlong()
        {
            unchecked
            {
                var z = _state += 0x9E3779B97F4A7C15UL;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }
        }

        /// <summary>Uniform in [0, 1).</summary>
        public double Next() => (NextUlong() >> 11) * (1.0 / (1UL << 53));

        public double Range(double low, double high) => low + (high - low) * Next();

        /// <summary>Standard normal (Box–Muller).</summary>
        public double Normal()
        {
            if (_spare is { } spare)
            {
                _spare = null;
                return spare;
            }
            var u = 1 - Next();
            var v = Next();
            var r = Math.Sqrt(-2 * Math.Log(u));
            _spare = r * Math.Sin(2 * Math.PI * v);
            return r * Math.Cos(2 * Math.PI * v);
        }
    }

    private static readonly string[] Ordinals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    /// <summary>Real cities (the zones named after them are invented), their province and a division prefix.</summary>
    private static readonly (string City, string Province, string Code)[] Cities =
    [
        ("北京", "北京市", "1101"), ("天津", "天津市", "1201"), ("石家庄", "河北省", "1301"), ("保定", "河北省", "1306"), ("唐山", "河北省", "1302"),
        ("太原", "山西省", "1401"), ("长治", "山西省", "1404"), ("包头", "内蒙古自治区", "1502"), ("呼和浩特", "内蒙古自治区", "1501"),
        ("沈阳", "辽宁省", "2101"), ("大连", "辽宁省", "2102"), ("鞍山", "辽宁省", "2103"), ("长春", "吉林省", "2201"), ("吉林", "吉林省", "2202"),
        ("哈尔滨", "黑龙江省", "2301"), ("大庆", "黑龙江省", "2306"), ("上海", "上海市", "3101"), ("南京", "江苏省", "3201"), ("苏州", "江苏省", "3205"),
        ("无锡", "江苏省", "3202"), ("常州", "江苏省", "3204"), ("南通", "江苏省", "3206"), ("徐州", "江苏省", "3203"), ("杭州", "浙江省", "3301"),
        ("宁波", "浙江省", "3302"), ("温州", "浙江省", "3303"), ("嘉兴", "浙江省", "3304"), ("合肥", "安徽省", "3401"), ("芜湖", "安徽省", "3402"),
        ("福州", "福建省", "3501"), ("厦门", "福建省", "3502"), ("泉州", "福建省", "3505"), ("南昌", "江西省", "3601"), ("赣州", "江西省", "3607"),
        ("济南", "山东省", "3701"), ("青岛", "山东省", "3702"), ("烟台", "山东省", "3706"), ("潍坊", "山东省", "3707"), ("威海", "山东省", "3710"),
        ("郑州", "河南省", "4101"), ("洛阳", "河南省", "4103"), ("新乡", "河南省", "4107"), ("武汉", "湖北省", "4201"), ("襄阳", "湖北省", "4206"),
        ("宜昌", "湖北省", "4205"), ("长沙", "湖南省", "4301"), ("株洲", "湖南省", "4302"), ("湘潭", "湖南省", "4303"), ("广州", "广东省", "4401"),
        ("深圳", "广东省", "4403"), ("珠海", "广东省", "4404"), ("佛山", "广东省", "4406"), ("东莞", "广东省", "4419"), ("中山", "广东省", "4420"),
        ("惠州", "广东省", "4413"), ("南宁", "广西壮族自治区", "4501"), ("柳州", "广西壮族自治区", "4502"), ("桂林", "广西壮族自治区", "4503"),
        ("海口", "海南省", "4601"), ("重庆", "重庆市", "5001"), ("成都", "四川省", "5101"), ("绵阳", "四川省", "5107"), ("自贡", "四川省", "5103"),
        ("贵阳", "贵州省", "5201"), ("昆明", "云南省", "5301"), ("玉溪", "云南省", "5304"), ("拉萨", "西藏自治区", "5401"), ("西安", "陕西省", "6101"),
        ("宝鸡", "陕西省", "6103"), ("杨凌", "陕西省", "6104"), ("兰州", "甘肃省", "6201"), ("白银", "甘肃省", "6204"), ("西宁", "青海省", "6301"),
        ("银川", "宁夏回族自治区", "6401"), ("石嘴山", "宁夏回族自治区", "6402"), ("乌鲁木齐", "新疆维吾尔自治区", "6501"), ("昌吉", "新疆维吾尔自治区", "6523"),
    ];

    private static readonly string[] Industries = ["电子信息", "生物医药", "新材料", "先进制造", "新能源", "节能环保", "航空航天", "高技术服务"];

    private static readonly string[] NameParts =
        ["华", "创", "新", "智", "科", "源", "达", "信", "通", "博", "远", "恒", "瑞", "泰", "联", "天", "海", "盛", "芯", "睿", "宏", "中", "安", "力"];

    private static readonly string[] Issuers = ["人民政府办公厅", "科学技术局", "发展和改革委员会", "工业和信息化局", "高新区管委会", "财政局"];

    /// <summary>Real terms of Chinese science and technology policy.</summary>
    private static readonly string[] PolicyTerms =
    [
        "高新技术企业认定", "研发费用加计扣除", "科技型中小企业评价", "专精特新中小企业", "瞪羚企业培育", "独角兽企业培育", "科技企业孵化器",
        "众创空间建设", "科技成果转化", "知识产权质押融资", "产学研协同创新", "创新券", "高层次人才引进", "首台（套）重大技术装备",
        "集成电路产业", "人工智能产业", "生物医药产业", "新能源汽车产业", "数字经济", "智能制造", "碳达峰碳中和", "绿色低碳发展",
        "营商环境优化", "放管服改革", "大众创业万众创新", "国家自主创新示范区", "火炬计划", "技术合同登记", "新型研发机构",
        "企业技术中心", "重点实验室", "工程技术研究中心", "产业技术创新联盟", "科技金融", "风险投资引导基金", "天使投资",
        "首次公开发行上市", "知识产权保护", "标准化战略", "军民融合", "一区多园", "飞地经济", "园区综合评价", "末位淘汰",
        "统计监测", "亩均效益评价", "低效用地再开发", "数字化转型", "工业互联网", "5G应用", "量子信息", "区块链技术", "新一代信息技术",
    ];

    private static readonly string[] Sentences =
    [
        "支持企业加大{a}投入，对符合条件的给予最高{n}万元奖励。",
        "完善{a}与{b}联动机制，形成全链条服务体系。",
        "对新认定的{a}，按规定给予一次性补助{n}万元。",
        "鼓励高新区围绕{a}建设专业化载体，推动{b}集聚发展。",
        "建立{a}工作台账，实行季度调度和年度评价。",
        "落实{a}税收优惠政策，降低企业创新成本。",
        "引导金融机构开展{a}业务，扩大{b}覆盖面。",
        "强化{a}统计监测，按时报送{b}相关数据。",
        "到{y}年底，力争{a}取得明显成效，{b}水平显著提升。",
        "各高新区管委会要把{a}纳入年度考核，确保各项措施落地见效。",
    ];
}
