namespace Gaoxin.Bench.Support;

/// <summary>A benchmark size (docs/benchmarks.md "Scale we design for"; docs/performance.md).</summary>
/// <param name="Name">small | national | stress.</param>
/// <param name="Enterprises">Enterprises of the one-year ingest file (W1, W2).</param>
/// <param name="PanelEnterprises">Enterprises of the ten-year panel (W3 stored rows, W5 gazelles).</param>
/// <param name="PanelYears">Years of the panel.</param>
/// <param name="Zones">Zones of the evaluation (W4) and of the generated data.</param>
/// <param name="Replications">Monte Carlo replications (W4).</param>
/// <param name="HttpSeconds">Measured seconds per endpoint (W6).</param>
/// <param name="Policies">Policy documents (W7).</param>
/// <param name="SearchSeconds">Measured seconds of queries (W7).</param>
/// <param name="MarketDemands">Technology demands matched (W8).</param>
/// <param name="MarketAchievements">Technology achievements they are matched against (W8).</param>
public sealed record Size(string Name, int Enterprises, int PanelEnterprises, int PanelYears, int Zones, int Replications,
    int HttpSeconds, int Policies, int SearchSeconds, int MarketDemands, int MarketAchievements)
{
    public const int Seed = 2024;
    public const int LastYear = 2024;

    /// <summary>CI smoke: the whole <c>all --size small</c> in about two minutes.</summary>
    public static readonly Size Small = new("small", 5_000, 5_000, 10, 20, 100, 3, 2_500, 2, 300, 3_000);

    /// <summary>National: 200k returns a year; the panel ≈ 2 M enterprise-years; 180 zones; 1,000 replications.</summary>
    public static readonly Size National = new("national", 200_000, 200_000, 10, 180, 1_000, 20, 100_000, 10, 10_000, 100_000);

    /// <summary>Stress: 20 M enterprise-years would not fit this machine's disk budget; 1 M a year and a 4 M-row panel.</summary>
    public static readonly Size Stress = new("stress", 1_000_000, 400_000, 10, 1_000, 10_000, 20, 200_000, 10, 10_000, 100_000);

    public static Size Parse(string name) => name switch
    {
        "small" => Small,
        "national" => National,
        "stress" => Stress,
        _ => throw new ArgumentException($"unknown size '{name}' (small, national, stress)"),
    };
}
