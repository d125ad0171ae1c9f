using Gaoxin.Core.SiteSelection;

namespace Gaoxin.Core.Market;

/// <summary>Stands in for the matcher until it is merged; it only fixes the calls the market's endpoints make.</summary>
public sealed class MarketMatcher
{
    public MarketMatcher(IReadOnlyList<MatchProfile> candidates, IndustryCatalog catalog, MatchWeights? weights = null)
    {
        _ = (candidates, catalog, weights);
    }

    public IReadOnlyList<MarketMatch> Match(MatchProfile query, int top = 10) => throw new NotSupportedException("The matcher is not merged yet.");
}

/// <summary>Stands in for the matcher's weights until it is merged.</summary>
public sealed record MatchWeights;
