using Gaoxin.Core.SiteSelection;

namespace Gaoxin.Core.Market;

/// <summary>
/// A published profile as matching reads it. <see cref="Terms"/> is the profile's text (title, problem or description,
/// keywords) already segmented into words by the platform's Chinese analyzer, so this library stays free of it.
/// </summary>
/// <param name="Id">The profile's id.</param>
/// <param name="Side">Demand or achievement.</param>
/// <param name="Title">The profile's title.</param>
/// <param name="Field">An industry code of <c>portal/industries.yaml</c> (<see cref="IndustryCatalog"/>).</param>
/// <param name="Maturity">A code of <see cref="MarketTerms.Maturities"/>; null for a demand or when not stated.</param>
/// <param name="Zone">The zone code (a demand's zone; an achievement's when its owner is in a zone), or null.</param>
/// <param name="Region">Where the profile's owner is, as a place name (辽宁省沈阳市, 江苏省, 北京市), or null.</param>
/// <param name="PriceMinWan">Lower end of the budget (demand) or asking price (achievement), in 万元; null when open.</param>
/// <param name="PriceMaxWan">Upper end, in 万元; null when open.</param>
/// <param name="Terms">The words of the profile's text, in order.</param>
public sealed record MatchProfile(string Id, MarketSide Side, string Title, string Field, IReadOnlyList<string> Terms,
    string? Maturity, string? Zone, string? Region, decimal? PriceMinWan, decimal? PriceMaxWan);

/// <summary>One part of a match's score, with the points it gave and why, in Chinese and English.</summary>
/// <param name="Part">text, field, maturity, region or price.</param>
/// <param name="Points">The points this part gave (of the part's weight).</param>
/// <param name="Text">Why, in Chinese.</param>
/// <param name="TextEn">Why, in English.</param>
public sealed record MatchReason(string Part, decimal Points, string Text, string TextEn);

/// <summary>A candidate profile matched to the query, with its score (0–100) and the reasons for it.</summary>
public sealed record MarketMatch(string Id, string Title, decimal Score, IReadOnlyList<MatchReason> Reasons);
