using Gaoxin.Core.Collection;

namespace Gaoxin.Core.Demo;

/// <summary>
/// Demo figures for the supplementary elements that only the national 2021 evaluation model reads (group
/// <c>cn-htz-2021</c>), derived from each zone's core demo figures by plausible ratios with a stable per-zone
/// character and a little yearly jitter, so that the national model ranks the demo zones sensibly. Synthetic.
/// </summary>
public static class NationalSupplement
{
    /// <summary>Supplementary values for every zone-year present in <paramref name="core"/>.</summary>
    /// <param name="core">The core demo values (from <see cref="DemoData.Generate"/>).</param>
    /// <param name="seed">The same seed as the core figures.</param>
    public static IReadOnlyList<DataValue> Generate(IReadOnlyList<DataValue> core, int seed = 2017)
    {
        var byUnitYear = core.Where(v => v.Unit != DemoData.ProvinceCode)
            .GroupBy(v => (v.Unit, v.Year))
            .OrderBy(g => g.Key.Unit, StringComparer.Ordinal).ThenBy(g => g.Key.Year);
        var result = new List<DataValue>();
        foreach (var group in byUnitYear)
        {
            var (zone, year) = group.Key;
            var c = group.ToDictionary(v => v.Element, v => v.Value);
            decimal V(string element) => c.GetValueOrDefault(element);
            // A zone keeps its character over the years (80%), with a small yearly jitter (20%).
            decimal F(string element, decimal spread) => 1 + spread * (0.8m * Noise(seed, zone, 0, element) + 0.2m * Noise(seed, zone, year, element));
            decimal Score(string element) => Math.Clamp(Math.Round(75 + 12 * Noise(seed, zone, 0, element) + 3 * Noise(seed, zone, year, element), 1), 0, 100);
            int Count(decimal value) => (int)Math.Max(0, Math.Round(value, MidpointRounding.AwayFromZero));
            var t = year - DemoData.FirstYear;
            var exports = V("revenue") * 0.10m * F("n21_exports", 0.4m);

            void Add(string element, decimal value) => result.Add(new DataValue(zone, year, element, value));
            Add("n21_rd_fte", Math.Round(V("employees") * 0.06m * F("n21_rd_fte", 0.25m), 1));
            Add("n21_invention_patent_applications", Count(V("invention_patents_granted") * 2.2m * F("n21_invention_patent_applications", 0.2m)));
            Add("n21_national_startup_service_institutions", Count((V("incubators") + V("maker_spaces")) * 0.25m * F("n21_national_startup_service_institutions", 0.3m)));
            Add("n21_new_registered_enterprises", Count(V("enterprise_count") * 0.12m * F("n21_new_registered_enterprises", 0.2m)));
            Add("n21_tech_smes_registered", Count(V("hte_count") * 0.9m * F("n21_tech_smes_registered", 0.2m)));
            Add("n21_new_incubated_enterprises", Count(V("incubating_enterprises") * 0.3m * F("n21_new_incubated_enterprises", 0.2m)));
            Add("n21_score_startup_climate", Score("n21_score_startup_climate"));
            Add("n21_high_tech_service_revenue", Math.Round(V("revenue") * 0.12m * F("n21_high_tech_service_revenue", 0.3m), 2));
            Add("n21_employees_bachelor_plus", Count(V("employees") * 0.45m * F("n21_employees_bachelor_plus", 0.1m)));
            Add("n21_net_profit", Math.Round(V("revenue") * 0.06m * F("n21_net_profit", 0.4m), 2));
            Add("n21_vc_backed_enterprises", Count(V("vc_institutions") * 0.8m * F("n21_vc_backed_enterprises", 0.3m)));
            Add("n21_valid_invention_patents", Count(V("invention_patents_granted") * 4.5m * F("n21_valid_invention_patents", 0.1m)));
            Add("n21_registered_trademarks", Count(V("enterprise_count") * 0.8m * F("n21_registered_trademarks", 0.2m)));
            Add("n21_gross_output", Math.Round(V("revenue") * 0.95m * F("n21_gross_output", 0.05m), 2));
            Add("n21_score_industrial_policy", Score("n21_score_industrial_policy"));
            Add("n21_co2_emissions", Math.Round(V("energy_consumption") * 2.5m * F("n21_co2_emissions", 0.1m), 2));
            Add("n21_green_space_rate", Math.Round(32 + 8 * Noise(seed, zone, 0, "n21_green_space_rate") + 0.5m * t, 1));
            Add("n21_hospitals", Count(V("employees") / 8000 + 1));
            Add("n21_schools", Count(V("employees") / 4000 + 2));
            Add("n21_wage_income", Math.Round(V("employees") * 8.5m / 10000 * (1 + 0.05m * t) * F("n21_wage_income", 0.1m), 2));
            Add("n21_avg_monthly_wage", Math.Round((6200 + 300 * t) * F("n21_avg_monthly_wage", 0.2m), 0));
            Add("n21_avg_house_price", Math.Round((zone is "shenyang" or "dalian" ? 11000 : 6500) * (1 + 0.04m * t) * F("n21_avg_house_price", 0.15m), 0));
            Add("n21_disposable_fiscal_resources", Math.Round(V("tax") * 0.6m * F("n21_disposable_fiscal_resources", 0.1m), 2));
            Add("n21_score_people_ecology", Score("n21_score_people_ecology"));
            Add("n21_domestic_firms_overseas_rd", Count(V("hte_count") * 0.01m * F("n21_domestic_firms_overseas_rd", 0.4m)));
            Add("n21_tech_cooperation_expenditure", Math.Round(V("rd_expenditure") * 0.15m * F("n21_tech_cooperation_expenditure", 0.3m), 2));
            Add("n21_domestic_firms_overseas_ip", Count(V("hte_count") * 0.03m * F("n21_domestic_firms_overseas_ip", 0.3m)));
            Add("n21_domestic_firms_new_intl_standards", Count(V("hte_count") * 0.004m * F("n21_domestic_firms_new_intl_standards", 0.5m)));
            Add("n21_exports", Math.Round(exports, 2));
            Add("n21_tech_service_exports", Math.Round(exports * 0.08m * F("n21_tech_service_exports", 0.3m), 2));
            Add("n21_hte_exports", Math.Round(exports * 0.55m * F("n21_hte_exports", 0.2m), 2));
            Add("n21_foreign_resident_staff", Count(V("employees") * 0.003m * F("n21_foreign_resident_staff", 0.4m)));
            Add("n21_returned_overseas_staff", Count(V("employees") * 0.006m * F("n21_returned_overseas_staff", 0.4m)));
            Add("city_gdp", Math.Round(V("gdp") / (0.15m * F("city_gdp", 0.5m)), 2));
            Add("n21_revenue_rd5_firms", Math.Round(V("revenue") * 0.25m * F("n21_revenue_rd5_firms", 0.3m), 2));
            Add("n21_revenue_digital_firms", Math.Round(V("revenue") * 0.15m * F("n21_revenue_digital_firms", 0.4m), 2));
            Add("n21_new_gazelles", Count(V("hte_count") * 0.03m * F("n21_new_gazelles", 0.3m)));
            Add("n21_listed_enterprises", Count(V("hte_count") * 0.005m * F("n21_listed_enterprises", 0.5m)));
            Add("n21_firms_rd5_revenue_over_5yi", Count(V("hte_count") * 0.01m * F("n21_firms_rd5_revenue_over_5yi", 0.3m)));
            Add("n21_firms_with_national_rd", Count(V("rd_institutions") * 0.2m * F("n21_firms_with_national_rd", 0.3m)));
            Add("n21_score_legal_compliance", Score("n21_score_legal_compliance"));
            Add("n21_score_statistical_accuracy", Score("n21_score_statistical_accuracy"));
        }
        return result;
    }

    /// <summary>A stable number in [−1, 1] for a seed, zone, year and element (FNV-1a hash).</summary>
    private static decimal Noise(int seed, string zone, int year, string element)
    {
        var hash = 2166136261u;
        foreach (var ch in $"{seed}|{zone}|{year}|{element}")
        {
            hash ^= ch;
            hash *= 16777619u;
        }
        return (hash % 20001u) / 10000m - 1;
    }
}
