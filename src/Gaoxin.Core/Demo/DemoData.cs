using Gaoxin.Core.Collection;

namespace Gaoxin.Core.Demo;

/// <summary>
/// Synthetic (demo) yearly data for Liaoning's 15 zones and the province, 2016–2020, for trying the platform
/// without real statistics. The figures are invented but calibrated: the 2016 totals over the zones equal the
/// plan's baselines exactly (研发机构272家, 孵化器31个, 众创空间52家, 高端人才4961人, 50亿元以上产业集群13个,
/// 风险投资等机构184家, 总面积1248.9平方公里), the high-tech enterprises are 近30% of the province's in 2016,
/// and every value passes the default data set's validation rules.
/// </summary>
public static partial class DemoData
{
    /// <summary>The first year generated (the plan's base year).</summary>
    public const int FirstYear = 2016;

    /// <summary>The last year generated (the plan's target year).</summary>
    public const int LastYear = 2020;

    /// <summary>The province's reporting unit code.</summary>
    public const string ProvinceCode = "liaoning";

    // 2016 totals over the 15 zones, from the plan text (一、发展基础 and 专栏3).
    private const int RdInstitutions2016 = 272;
    private const int Incubators2016 = 31;
    private const int MakerSpaces2016 = 52;
    private const int HighLevelTalents2016 = 4961;
    private const int Clusters2016 = 13;
    private const int VcInstitutions2016 = 184;
    private const int AreaTenthsKm2 = 12489; // 1248.9 km²

    private const int Years = LastYear - FirstYear + 1;

    /// <summary>What distinguishes a zone: its relative size, area, research intensity and energy use.</summary>
    /// <param name="Code">Zone code.</param>
    /// <param name="Size">Relative share of the zones' GDP.</param>
    /// <param name="Area">Relative planned area.</param>
    /// <param name="Research">R&amp;D intensity relative to the zones' average.</param>
    /// <param name="Energy">Energy consumption per 亿元 GDP in 2016 (万吨标准煤).</param>
    /// <param name="County">A county-level zone with few financial institutions.</param>
    private sealed record Profile(string Code, double Size, double Area, double Research, double Energy, bool County = false);

    private static readonly Profile[] Zones =
    [
        // National zones.
        new("shenyang", 27, 200, 1.15, 0.30),
        new("dalian", 24, 150, 1.10, 0.28),
        new("anshan", 8, 110, 1.45, 0.40),
        new("benxi", 4, 60, 1.65, 0.34),
        new("jinzhou", 5, 80, 0.95, 0.38),
        new("yingkou", 6.5, 90, 0.85, 0.42),
        new("fuxin", 3.5, 60, 0.70, 0.44),
        new("liaoyang", 4.5, 70, 0.70, 0.46),
        // Provincial zones.
        new("fushun", 4, 80, 0.85, 0.46),
        new("dandong", 3, 60, 1.40, 0.36),
        new("tieling", 2.5, 70, 0.65, 0.42),
        new("chaoyang", 2, 50, 0.62, 0.40),
        new("panjin", 3.5, 80, 0.80, 0.45),
        new("huludao", 2.5, 60, 0.75, 0.44),
        new("suizhong", 1, 30, 0.60, 0.36, County: true),
    ];

    /// <summary>
    /// Demo (synthetic) yearly values for the 15 zones and the province, 2016–2020. Deterministic per seed:
    /// the same seed gives the same values; every seed meets the plan's 2016 totals exactly.
    /// </summary>
    /// <param name="seed">Seed of the pseudo-random generator.</param>
    /// <returns>Every zone's 20 elements and the province's <c>prov_gdp</c> and <c>prov_hte_count</c>, for each year.</returns>
    public static IReadOnlyList<DataValue> Generate(int seed = 2017)
    {
        var rng = new Prng(seed);
        int n = Zones.Length;

        // Province GDP: about 22,000亿元 in 2016, growing 3.5–5.5% a year.
        var provGdp = new decimal[Years];
        double pg = 22000 * rng.Range(0.99, 1.02);
        for (int t = 0; t < Years; t++)
        {
            if (t > 0) pg *= 1 + rng.Range(0.035, 0.055);
            provGdp[t] = Round2(pg);
        }

        // Zones' GDP: a share of the province's rising from ~7.5% to ~9%, split by drifting size weights.
        double share16 = rng.Range(0.073, 0.077), share20 = rng.Range(0.086, 0.092);
        var weight = new double[n];
        for (int z = 0; z < n; z++) weight[z] = Zones[z].Size * rng.Range(0.92, 1.08);
        var gdp = new decimal[n, Years];
        for (int t = 0; t < Years; t++)
        {
            if (t > 0)
                for (int z = 0; z < n; z++) weight[z] *= rng.Range(0.97, 1.03);
            double total = (double)provGdp[t] * Lerp(share16, share20, t), sum = weight.Sum();
            for (int z = 0; z < n; z++) gdp[z, t] = Round2(total * weight[z] / sum);
        }

        // Money and people as drifting ratios to GDP.
        var revenue = new decimal[n, Years];
        var tax = new decimal[n, Years];
        var leading = new decimal[n, Years];
        var energy = new decimal[n, Years];
        var employees = new int[n, Years];
        var turnover = new decimal[n, Years];
        for (int z = 0; z < n; z++)
        {
            double revenuePerGdp = rng.Range(2.4, 3.4), taxRate = rng.Range(0.065, 0.09), leadingShare = rng.Range(0.48, 0.68);
            double energyPerGdp = Zones[z].Energy * rng.Range(0.95, 1.03), peoplePerGdp = rng.Range(42, 56);
            double contractsPerGdp = rng.Range(0.015, 0.04);
            for (int t = 0; t < Years; t++)
            {
                if (t > 0)
                {
                    revenuePerGdp = Math.Clamp(revenuePerGdp * rng.Range(0.98, 1.03), 2.1, 3.9);
                    taxRate = Math.Clamp(taxRate * rng.Range(0.98, 1.02), 0.06, 0.10);
                    leadingShare = Math.Clamp(leadingShare * rng.Range(0.99, 1.02), 0.40, 0.75);
                    energyPerGdp *= rng.Range(0.95, 0.97);
                    peoplePerGdp *= rng.Range(0.96, 0.98);
                }
                double g = (double)gdp[z, t];
                revenue[z, t] = Round2(g * revenuePerGdp);
                tax[z, t] = Round2((double)revenue[z, t] * taxRate);
                leading[z, t] = Round2((double)revenue[z, t] * leadingShare);
                energy[z, t] = Round2(g * energyPerGdp);
                int people = (int)Math.Round(g * peoplePerGdp);
                employees[z, t] = t == 0 ? people : Math.Max(people, employees[z, t - 1]);
                turnover[z, t] = Round2(g * contractsPerGdp * Math.Pow(1.05, t) * rng.Range(0.97, 1.03));
            }
        }

        // R&D: the zones' intensity rises from ~2.1% to ~2.55% of GDP; zones keep their relative research profile.
        var rd = new decimal[n, Years];
        var patents = new int[n, Years];
        double rd16 = rng.Range(0.0205, 0.0215), rd20 = rng.Range(0.025, 0.026);
        var research = new double[n];
        var patentsPerRd = new double[n];
        for (int z = 0; z < n; z++)
        {
            research[z] = Zones[z].Research * rng.Range(0.95, 1.05);
            patentsPerRd[z] = rng.Range(30, 50);
        }
        for (int t = 0; t < Years; t++)
        {
            var profile = new double[n];
            double weighted = 0, total = 0;
            for (int z = 0; z < n; z++)
            {
                profile[z] = research[z] * rng.Range(0.98, 1.02);
                weighted += profile[z] * (double)gdp[z, t];
                total += (double)gdp[z, t];
            }
            double intensity = Lerp(rd16, rd20, t) * total / weighted;
            for (int z = 0; z < n; z++)
            {
                rd[z, t] = Round2((double)gdp[z, t] * profile[z] * intensity);
                int granted = (int)Math.Round((double)rd[z, t] * patentsPerRd[z] * Math.Pow(1.04, t));
                patents[z, t] = t == 0 ? Math.Max(3, granted) : Math.Min(Math.Max(granted, patents[z, t - 1] + 1), Cap(patents[z, t - 1]));
            }
        }

        // Enterprises and high-tech enterprises; the province's count follows from the zones' share of it.
        var enterprises = new int[n, Years];
        var hte = new int[n, Years];
        for (int z = 0; z < n; z++)
        {
            enterprises[z, 0] = (int)Math.Round((double)gdp[z, 0] * rng.Range(3.2, 4.6));
            for (int t = 1; t < Years; t++)
                enterprises[z, t] = Grow(rng, enterprises[z, t - 1], 0.12, 0.16);
        }
        double hteShare16 = rng.Range(0.285, 0.295), hteShare20 = rng.Range(0.405, 0.42);
        int hte16 = (int)Math.Round(rng.Range(2060, 2140) * hteShare16);
        var hteFirst = Apportion(hte16,
            Enumerable.Range(0, n).Select(z => enterprises[z, 0] * rng.Range(0.8, 1.25)).ToArray(),
            min: 1, max: Enumerable.Range(0, n).Select(z => enterprises[z, 0] / 5).ToArray());
        for (int z = 0; z < n; z++)
        {
            hte[z, 0] = hteFirst[z];
            for (int t = 1; t < Years; t++)
                hte[z, t] = Math.Min(Grow(rng, hte[z, t - 1], 0.34, 0.39), enterprises[z, t] / 4);
        }
        var provHte = new int[Years];
        for (int t = 0; t < Years; t++)
        {
            int sum = 0;
            for (int z = 0; z < n; z++) sum += hte[z, t];
            provHte[t] = (int)Math.Round(sum / Lerp(hteShare16, hteShare20, t));
        }

        // Counts the plan totals for 2016, split by size, then grown.
        var size = Enumerable.Range(0, n).Select(z => (double)gdp[z, 0]).ToArray();
        var rdInstitutions = Counts(rng, RdInstitutions2016, size.Select((s, z) => Math.Pow(s, 0.8) * research[z]), 3, 0.03, 0.10);
        var talents = Counts(rng, HighLevelTalents2016, size.Select((s, z) => Math.Pow(s, 0.9) * research[z]), 20, 0.05, 0.14);
        var incubators = Counts(rng, Incubators2016, size.Select(s => Math.Pow(s, 0.7)), 1, 0.05, 0.20);
        var makerSpaces = Counts(rng, MakerSpaces2016, size.Select(s => Math.Pow(s, 0.7)), 1, 0.08, 0.25);
        var vc = Counts(rng, VcInstitutions2016, size.Select(s => Math.Pow(s, 0.9)), 1, 0.05, 0.15);

        var incubating = new int[n, Years];
        var finance = new int[n, Years];
        var clusters = new int[n, Years];
        var area = new decimal[n];
        double largest = size.Max();
        var clusterFirst = Apportion(Clusters2016,
            Enumerable.Range(0, n).Select(z => (double)leading[z, 0] * rng.Range(0.85, 1.15)).ToArray(),
            min: 0, max: Enumerable.Range(0, n).Select(z => (int)(leading[z, 0] / 50)).ToArray());
        var areaTenths = Apportion(AreaTenthsKm2, Zones.Select(p => p.Area * rng.Range(0.85, 1.15)).ToArray(), min: 100, max: null);
        for (int z = 0; z < n; z++)
        {
            area[z] = areaTenths[z] / 10m;
            incubating[z, 0] = (int)Math.Round((incubators[z, 0] + makerSpaces[z, 0]) * rng.Range(20, 60));
            finance[z, 0] = Zones[z].County ? 3 : 3 + (int)Math.Round(36 * size[z] / largest * rng.Range(0.85, 1.15));
            clusters[z, 0] = clusterFirst[z];
            for (int t = 1; t < Years; t++)
            {
                incubating[z, t] = Grow(rng, incubating[z, t - 1], 0.05, 0.18);

                int f = finance[z, t - 1];
                finance[z, t] = Zones[z].County
                    ? (f == 3 && rng.Next() < 0.4 ? 4 : f)
                    : Math.Min(60, f < 5 && rng.Next() < 0.5 ? f + 1 : Grow(rng, f, 0.04, 0.10));

                int c = clusters[z, t - 1];
                double lead = (double)leading[z, t];
                clusters[z, t] = c switch
                {
                    0 when lead >= 80 && rng.Next() < 0.15 => 1,
                    >= 3 when (c + 1) * 50 <= lead && rng.Next() < 0.3 => c + 1,
                    _ => c,
                };
            }
        }

        var values = new List<DataValue>(n * Years * 20 + Years * 2);
        for (int z = 0; z < n; z++)
        {
            string unit = Zones[z].Code;
            for (int t = 0; t < Years; t++)
            {
                int year = FirstYear + t;
                void Add(string element, decimal value) => values.Add(new DataValue(unit, year, element, value));
                Add("area_km2", area[z]);
                Add("gdp", gdp[z, t]);
                Add("revenue", revenue[z, t]);
                Add("tax", tax[z, t]);
                Add("energy_consumption", energy[z, t]);
                Add("employees", employees[z, t]);
                Add("enterprise_count", enterprises[z, t]);
                Add("hte_count", hte[z, t]);
                Add("leading_industry_revenue", leading[z, t]);
                Add("clusters_over_50yi", clusters[z, t]);
                Add("rd_expenditure", rd[z, t]);
                Add("invention_patents_granted", patents[z, t]);
                Add("rd_institutions", rdInstitutions[z, t]);
                Add("tech_contract_turnover", turnover[z, t]);
                Add("incubators", incubators[z, t]);
                Add("maker_spaces", makerSpaces[z, t]);
                Add("incubating_enterprises", incubating[z, t]);
                Add("high_level_talents", talents[z, t]);
                Add("finance_institutions", finance[z, t]);
                Add("vc_institutions", vc[z, t]);
            }
        }
        for (int t = 0; t < Years; t++)
        {
            values.Add(new DataValue(ProvinceCode, FirstYear + t, "prov_gdp", provGdp[t]));
            values.Add(new DataValue(ProvinceCode, FirstYear + t, "prov_hte_count", provHte[t]));
        }
        return values;
    }

    /// <summary>A count whose 2016 total over the zones is <paramref name="total"/>, growing each year.</summary>
    private static int[,] Counts(Prng rng, int total, IEnumerable<double> weights, int min, double low, double high)
    {
        var first = Apportion(total, weights.Select(w => w * rng.Range(0.85, 1.15)).ToArray(), min, max: null);
        var counts = new int[first.Length, Years];
        for (int z = 0; z < first.Length; z++)
        {
            counts[z, 0] = first[z];
            for (int t = 1; t < Years; t++) counts[z, t] = Grow(rng, counts[z, t - 1], low, high);
        }
        return counts;
    }

    /// <summary>
    /// Splits <paramref name="total"/> into whole numbers roughly proportional to <paramref name="weights"/>,
    /// each at least <paramref name="min"/> and at most its <paramref name="max"/>; the parts add up exactly.
    /// </summary>
    private static int[] Apportion(int total, double[] weights, int min, int[]? max)
    {
        int n = weights.Length;
        double sum = weights.Sum();
        var target = weights.Select(w => total * w / sum).ToArray();
        var parts = Enumerable.Repeat(min, n).ToArray();
        for (int left = total - min * n; left > 0; left--)
        {
            int best = -1;
            for (int i = 0; i < n; i++)
            {
                if (max is not null && parts[i] >= max[i]) continue;
                if (best < 0 || target[i] - parts[i] > target[best] - parts[best]) best = i;
            }
            if (best < 0) throw new InvalidOperationException("The demo data's limits cannot hold the total.");
            parts[best]++;
        }
        return parts;
    }

    /// <summary>
    /// Grows a count by a random rate in [<paramref name="low"/>, <paramref name="high"/>), rounding at random in
    /// proportion to the fraction so small counts grow now and then, and never by more than 40%.
    /// </summary>
    private static int Grow(Prng rng, int previous, double low, double high)
    {
        double step = previous * rng.Range(low, high);
        int whole = (int)Math.Floor(step);
        if (rng.Next() < step - whole) whole++;
        return Math.Min(previous + whole, Cap(previous));
    }

    /// <summary>The largest count allowed after <paramref name="previous"/>: 40% more, rounded down.</summary>
    private static int Cap(int previous) => previous * 14 / 10;

    private static double Lerp(double first, double last, int t) => first + (last - first) * t / (Years - 1);

    private static decimal Round2(double value) => decimal.Round((decimal)value, 2, MidpointRounding.AwayFromZero);

    /// <summary>SplitMix64: a small pseudo-random generator whose sequence depends only on the seed.</summary>
    private sealed class Prng(int seed)
    {
        private ulong _state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL);

        /// <summary>A number in [0, 1).</summary>
        public double Next()
        {
            unchecked
            {
                ulong z = _state += 0x9E3779B97F4A7C15UL;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                z ^= z >> 31;
                return (z >> 11) * (1.0 / (1UL << 53));
            }
        }

        /// <summary>A number in [<paramref name="low"/>, <paramref name="high"/>).</summary>
        public double Range(double low, double high) => low + (high - low) * Next();
    }
}
