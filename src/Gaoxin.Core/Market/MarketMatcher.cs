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

/// <summary>
/// The points of each part of a match's score (they add up to 100 by default): text similarity, field, maturity fit,
/// region and price fit.
/// </summary>
public sealed record MatchWeights(decimal Text, decimal Field, decimal Maturity, decimal Region, decimal Price)
{
    /// <summary>50 text, 20 field, 10 maturity, 10 region, 10 price.</summary>
    public static MatchWeights Default { get; } = new(50, 20, 10, 10, 10);

    /// <summary>The parts in the order reasons are given.</summary>
    public static readonly IReadOnlyList<string> Parts = ["text", "field", "maturity", "region", "price"];
}

/// <summary>
/// Ranks candidate profiles of one side of the market (achievements for a demand, or demands for an achievement) against a
/// query profile of the other side, with a score of 0–100 that explains itself part by part.
/// </summary>
/// <remarks>
/// <para><b>Text</b> (<see cref="MatchWeights.Text"/> points × similarity). BM25 over the segmented words
/// (<see cref="MatchProfile.Terms"/>), as Lucene's BM25Similarity computes it but with exact document lengths:
/// score(q, d) = Σ_{t ∈ q} qtf(t) · idf(t) · tf(t,d)·(k1 + 1) / (tf(t,d) + k1·(1 − b + b·|d|/avgdl)), k1 = 1.2, b = 0.75,
/// idf(t) = ln(1 + (N − df(t) + 0.5)/(df(t) + 0.5)), N candidates, df(t) the candidates holding t, avgdl their mean length.
/// A word repeated in the query counts once per repetition (qtf), as repeated clauses do in Lucene. The similarity is the
/// candidate's score divided by the query's <i>ideal</i> score — the score the query's own text would get as a candidate of
/// this corpus (its words with their counts, its length, the corpus' idf and avgdl) — capped at 1: 1 means "says what the
/// query says", independent of the other candidates.</para>
/// <para><b>Not a match</b>: a candidate whose shared words weigh less than <see cref="MinTextSimilarity"/> of the ideal
/// (only common words in common, or none) is never listed, however well the other parts fit; so a short list is not
/// filled up with unrelated profiles.</para>
/// <para><b>Field</b>: same industry code full points; a different code of the same national domain
/// (<see cref="IndustryCatalog.DomainOf"/>) half; else none. <b>Maturity</b> (the achievement's, whichever side it is
/// on): an enterprise wants something usable, so 产业化 (industrialisation) gives full points, 中试 3/4, 小试 1/2, 实验室 1/4,
/// not stated none. <b>Region</b>: the demand's and the achievement's places — same zone full, same city 4/5, same
/// province 3/5, the plan's paired regions (对口合作: 辽宁–江苏, 沈阳–北京, 大连–上海) 1/2, else none. <b>Price</b>: the
/// demand's budget range and the achievement's asking range overlap → full; apart by at most 50% of the nearer budget end
/// → half; either side not stated → a neutral 3/10; further apart → none.</para>
/// <para>Every part's points are rounded to 0.1 and the score is their sum, so the reasons add up to the score. Ties are
/// ranked by id (numeric ids by number, others ordinally).</para>
/// <para>Built once (an inverted index: term ids, postings with precomputed BM25 term weights, document lengths); each
/// <see cref="Match"/> call accumulates floats over the postings of the query's words, computes the other parts only for
/// candidates past the text threshold, keeps a bounded top-k and writes reasons for those only. Match calls may run
/// concurrently (the matcher is immutable; scratch arrays are per thread).</para>
/// </remarks>
public sealed class MarketMatcher
{
    /// <summary>BM25 term-frequency saturation.</summary>
    public const float K1 = 1.2f;
    /// <summary>BM25 length normalisation.</summary>
    public const float B = 0.75f;
    /// <summary>
    /// Below this text similarity a candidate is not a match. On the hand-written profiles of the acceptance spec, profiles
    /// on the same subject score 0.39–0.66 and profiles on different subjects that share a word or two by chance (定位 and
    /// 精度 of a robot's vision and of a mine's positioning; 表面 of a surfactant and of a roll's surface) at most 0.16.
    /// </summary>
    public const double MinTextSimilarity = 0.15;

    // The plan's 对口合作 pairs: "加强辽宁省与江苏省、沈阳市与北京市、大连市与上海市对口合作" (三、重点任务 / 创新高新区体制机制 /
    // 5.加强区域创新对口合作) and "建立健全辽宁与江苏、沈阳与北京、大连与上海的双边对口合作机制" (深化国内区域发展联动).
    private static readonly (string A, string B)[] PairedProvinces = [("辽宁省", "江苏省")];
    private static readonly (string A, string B)[] PairedCities = [("沈阳市", "北京市"), ("大连市", "上海市")];
    private static readonly string[] Municipalities = ["北京市", "上海市", "天津市", "重庆市"];
    private static readonly string[] LiaoningCities =
        ["沈阳市", "大连市", "鞍山市", "抚顺市", "本溪市", "丹东市", "锦州市", "营口市", "阜新市", "辽阳市", "盘锦市", "铁岭市", "朝阳市", "葫芦岛市"];

    private readonly IReadOnlyList<MatchProfile> _candidates;
    private readonly IndustryCatalog _catalog;
    private readonly MatchWeights _weights;
    private readonly IReadOnlyDictionary<string, string> _zoneRegions;
    private readonly IReadOnlyDictionary<string, (string Name, string NameEn)> _zoneNames;
    private readonly Dictionary<string, int> _termIds;
    private readonly float[] _idf;
    // Postings of term t: _postDocs[_postStart[t] .. _postStart[t+1]) with the BM25 term weight of each.
    private readonly int[] _postStart;
    private readonly int[] _postDocs;
    private readonly float[] _postWeights;
    // Each candidate's distinct term ids, sorted, with their BM25 term weights (for the reasons).
    private readonly int[][] _docTerms;
    private readonly float[][] _docWeights;
    private readonly int[] _docLength;
    private readonly int[] _idOrder;
    private readonly Place[] _places;
    private readonly float _avgdl;
    private readonly string[] _termNames;

    [ThreadStatic] private static float[]? t_scores;
    [ThreadStatic] private static int[]? t_touched;

    /// <summary>A matcher over <paramref name="candidates"/> (all of one side).</summary>
    /// <param name="candidates">The published profiles to rank, with their segmented words.</param>
    /// <param name="catalog">The industry codes (for the field's domain).</param>
    /// <param name="weights">Points of each part; <see cref="MatchWeights.Default"/> when null.</param>
    /// <param name="zoneRegions">A zone code's place (辽宁省沈阳市), used for a profile that names its zone but no region.</param>
    /// <param name="zoneNames">A zone code's Chinese and English names, which the reasons name a zone by (the code when absent).</param>
    public MarketMatcher(IReadOnlyList<MatchProfile> candidates, IndustryCatalog catalog, MatchWeights? weights = null,
        IReadOnlyDictionary<string, string>? zoneRegions = null, IReadOnlyDictionary<string, (string Name, string NameEn)>? zoneNames = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(catalog);
        _candidates = candidates;
        _catalog = catalog;
        _weights = weights ?? MatchWeights.Default;
        if (_weights.Text < 0 || _weights.Field < 0 || _weights.Maturity < 0 || _weights.Region < 0 || _weights.Price < 0)
            throw new ArgumentOutOfRangeException(nameof(weights), "weights must not be negative");
        _zoneRegions = zoneRegions ?? new Dictionary<string, string>();
        _zoneNames = zoneNames ?? new Dictionary<string, (string Name, string NameEn)>();
        var n = candidates.Count;
        _termIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var df = new List<int>();
        var docTerms = new int[n][];
        var docCounts = new int[n][];
        _docLength = new int[n];
        long total = 0;
        var counts = new Dictionary<int, int>();
        for (var d = 0; d < n; d++)
        {
            counts.Clear();
            var terms = candidates[d].Terms;
            foreach (var term in terms)
            {
                if (!_termIds.TryGetValue(term, out var id))
                {
                    id = _termIds.Count;
                    _termIds.Add(term, id);
                    df.Add(0);
                }
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
            var ids = counts.Keys.ToArray();
            Array.Sort(ids);
            docTerms[d] = ids;
            docCounts[d] = ids.Select(i => counts[i]).ToArray();
            foreach (var id in ids) df[id]++;
            _docLength[d] = terms.Count;
            total += terms.Count;
        }
        _termNames = new string[_termIds.Count];
        foreach (var (term, i) in _termIds) _termNames[i] = term;
        _avgdl = n == 0 || total == 0 ? 1f : (float)((double)total / n);
        _idf = new float[df.Count];
        for (var t = 0; t < df.Count; t++) _idf[t] = Idf(n, df[t]);
        _postStart = new int[df.Count + 1];
        for (var t = 0; t < df.Count; t++) _postStart[t + 1] = _postStart[t] + df[t];
        _postDocs = new int[_postStart[df.Count]];
        _postWeights = new float[_postDocs.Length];
        var fill = (int[])_postStart.Clone();
        _docTerms = docTerms;
        _docWeights = new float[n][];
        for (var d = 0; d < n; d++)
        {
            var ids = docTerms[d];
            var weights2 = new float[ids.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                var w = TermWeight(docCounts[d][i], _docLength[d], _avgdl);
                weights2[i] = w;
                var at = fill[ids[i]]++;
                _postDocs[at] = d;
                _postWeights[at] = w;
            }
            _docWeights[d] = weights2;
        }
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => CompareIds(candidates[a].Id, candidates[b].Id));
        _idOrder = new int[n];
        for (var i = 0; i < n; i++) _idOrder[order[i]] = i;
        _places = candidates.Select(PlaceOf).ToArray();
    }

    /// <summary>The number of candidates.</summary>
    public int Count => _candidates.Count;

    /// <summary>Lucene's BM25 idf: ln(1 + (N − df + 0.5)/(df + 0.5)).</summary>
    public static float Idf(int n, int df) => (float)Math.Log(1 + (n - df + 0.5) / (df + 0.5));

    /// <summary>BM25's term weight without idf: tf·(k1 + 1)/(tf + k1·(1 − b + b·length/avgdl)).</summary>
    public static float TermWeight(int tf, int length, float avgdl) => tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / avgdl));

    /// <summary>
    /// The candidates matching <paramref name="query"/>, best first (at most <paramref name="top"/>), each with its score
    /// and the reasons of every part that gave points (and the maturity or price note when it gave none).
    /// </summary>
    public IReadOnlyList<MarketMatch> Match(MatchProfile query, int top = 10)
    {
        ArgumentNullException.ThrowIfNull(query);
        var n = _candidates.Count;
        if (top <= 0 || n == 0 || query.Terms.Count == 0) return [];

        // The query's distinct words with their counts; the ideal score from all of them (unknown words at df = 0).
        var queryCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in query.Terms) queryCounts[term] = queryCounts.GetValueOrDefault(term) + 1;
        double ideal = 0;
        var known = new List<(int Id, int Count)>(queryCounts.Count);
        foreach (var (term, count) in queryCounts)
        {
            var known1 = _termIds.TryGetValue(term, out var id);
            var idf = known1 ? _idf[id] : Idf(n, 0);
            ideal += count * idf * TermWeight(count, query.Terms.Count, _avgdl);
            if (known1) known.Add((id, count));
        }
        if (known.Count == 0 || ideal <= 0) return [];

        var scores = t_scores is { } s && s.Length >= n ? s : t_scores = new float[n];
        var touched = t_touched is { } tt && tt.Length >= n ? tt : t_touched = new int[n];
        var touchedCount = 0;
        try
        {
            foreach (var (id, count) in known)
            {
                var factor = count * _idf[id];
                var end = _postStart[id + 1];
                for (var p = _postStart[id]; p < end; p++)
                {
                    var d = _postDocs[p];
                    if (scores[d] == 0) touched[touchedCount++] = d;
                    scores[d] += factor * _postWeights[p];
                }
            }

            var queryPlace = PlaceOf(query);
            var queryDomain = _catalog.DomainOf(query.Field);
            var min = MinTextSimilarity * ideal;
            // Bounded top-k: a heap whose root is the worst kept (lowest score, then the latest id).
            var heap = new PriorityQueue<int, (int Tenths, int Order)>(top + 1, WorstFirst.Instance);
            for (var i = 0; i < touchedCount; i++)
            {
                var d = touched[i];
                if (scores[d] < min) continue;
                var similarity = Math.Min(1.0, scores[d] / ideal);
                var tenths = Parts(query, queryPlace, queryDomain, d, similarity).Total;
                heap.Enqueue(d, (tenths, _idOrder[d]));
                if (heap.Count > top) heap.Dequeue();
            }

            var kept = new List<(int Doc, int Tenths)>(heap.Count);
            while (heap.TryDequeue(out var d, out var key)) kept.Add((d, key.Tenths));
            kept.Reverse();
            var result = new List<MarketMatch>(kept.Count);
            foreach (var (d, tenths) in kept)
            {
                var similarity = Math.Min(1.0, scores[d] / ideal);
                var parts = Parts(query, queryPlace, queryDomain, d, similarity);
                var reasons = Reasons(query, known, d, similarity, parts);
                result.Add(new MarketMatch(_candidates[d].Id, _candidates[d].Title, tenths / 10m, reasons));
            }
            return result;
        }
        finally
        {
            for (var i = 0; i < touchedCount; i++) scores[touched[i]] = 0;
        }
    }

    private sealed class WorstFirst : IComparer<(int Tenths, int Order)>
    {
        public static readonly WorstFirst Instance = new();
        public int Compare((int Tenths, int Order) x, (int Tenths, int Order) y) =>
            x.Tenths != y.Tenths ? x.Tenths.CompareTo(y.Tenths) : y.Order.CompareTo(x.Order);
    }

    private readonly record struct Scored(int Text, int Field, int Maturity, int Region, int Price, FieldFit FieldFit, int? MaturityRank,
        RegionFit RegionFit, PriceFit PriceFit)
    {
        public int Total => Text + Field + Maturity + Region + Price;
    }

    private enum FieldFit { None, Domain, Same }
    private enum RegionFit { None, Paired, Province, City, Zone }
    private enum PriceFit { Unknown, Overlap, Near, Far }

    private static int Tenths(decimal weight, double share) => (int)Math.Round((double)weight * 10 * share, MidpointRounding.AwayFromZero);

    private Scored Parts(MatchProfile query, Place queryPlace, string? queryDomain, int d, double similarity)
    {
        var c = _candidates[d];
        var fieldFit = c.Field == query.Field ? FieldFit.Same
            : queryDomain is not null && _catalog.DomainOf(c.Field) == queryDomain ? FieldFit.Domain : FieldFit.None;
        var achievement = query.Side == MarketSide.Achievement ? query : c;
        var rank = MarketTerms.RankOf(achievement.Maturity);
        var regionFit = RegionOf(queryPlace, _places[d]);
        var demand = query.Side == MarketSide.Demand ? query : c;
        var priceFit = PriceOf(demand, achievement);
        return new Scored(
            Tenths(_weights.Text, similarity),
            Tenths(_weights.Field, fieldFit switch { FieldFit.Same => 1, FieldFit.Domain => 0.5, _ => 0 }),
            Tenths(_weights.Maturity, rank is { } r ? (r + 1) / 4.0 : 0),
            Tenths(_weights.Region, regionFit switch { RegionFit.Zone => 1, RegionFit.City => 0.8, RegionFit.Province => 0.6, RegionFit.Paired => 0.5, _ => 0 }),
            Tenths(_weights.Price, priceFit switch { PriceFit.Overlap => 1, PriceFit.Near => 0.5, PriceFit.Unknown => 0.3, _ => 0 }),
            fieldFit, rank, regionFit, priceFit);
    }

    /// <summary>How a demand's budget and an achievement's asking price fit.</summary>
    private static PriceFit PriceOf(MatchProfile demand, MatchProfile achievement)
    {
        if (demand.PriceMinWan is null && demand.PriceMaxWan is null) return PriceFit.Unknown;
        if (achievement.PriceMinWan is null && achievement.PriceMaxWan is null) return PriceFit.Unknown;
        var budgetLow = demand.PriceMinWan ?? 0;
        var budgetHigh = demand.PriceMaxWan ?? decimal.MaxValue;
        var askLow = achievement.PriceMinWan ?? 0;
        var askHigh = achievement.PriceMaxWan ?? decimal.MaxValue;
        if (askLow <= budgetHigh && budgetLow <= askHigh) return PriceFit.Overlap;
        // Apart: the asking price above the budget (gap relative to the budget's top) or below it (relative to its bottom).
        return askLow > budgetHigh
            ? (askLow - budgetHigh <= budgetHigh * 0.5m ? PriceFit.Near : PriceFit.Far)
            : (budgetLow - askHigh <= budgetLow * 0.5m ? PriceFit.Near : PriceFit.Far);
    }

    private readonly record struct Place(string? Zone, string? Province, string? City);

    private Place PlaceOf(MatchProfile profile)
    {
        var region = profile.Region;
        if (string.IsNullOrWhiteSpace(region) && profile.Zone is not null) region = _zoneRegions.GetValueOrDefault(profile.Zone);
        var (province, city) = ParseRegion(region);
        return new Place(profile.Zone, province, city);
    }

    /// <summary>The province and city of a place name: 辽宁省沈阳市 → (辽宁省, 沈阳市); 北京市 → (北京市, 北京市); 大连市 → (辽宁省, 大连市).</summary>
    public static (string? Province, string? City) ParseRegion(string? region)
    {
        if (string.IsNullOrWhiteSpace(region)) return (null, null);
        var text = region.Trim();
        foreach (var m in Municipalities)
            if (text.StartsWith(m[..2], StringComparison.Ordinal)) return (m, m);
        string? province = null;
        var rest = text;
        var at = text.IndexOf('省');
        if (at < 0) at = text.IndexOf("自治区", StringComparison.Ordinal) is var z and >= 0 ? z + 2 : -1;
        if (at >= 0)
        {
            province = text[..(at + 1)];
            rest = text[(at + 1)..];
        }
        string? city = null;
        var cityEnd = rest.IndexOf('市');
        if (cityEnd > 0) city = rest[..(cityEnd + 1)];
        if (province is null && city is not null && LiaoningCities.Contains(city)) province = "辽宁省";
        if (province is null && text.StartsWith("辽宁", StringComparison.Ordinal)) province = "辽宁省";
        return (province, city);
    }

    private static RegionFit RegionOf(Place a, Place b)
    {
        if (a.Zone is not null && a.Zone == b.Zone) return RegionFit.Zone;
        if (a.City is not null && a.City == b.City) return RegionFit.City;
        if (a.Province is not null && a.Province == b.Province) return RegionFit.Province;
        if (a.City is not null && b.City is not null && PairedCities.Any(p => (p.A == a.City && p.B == b.City) || (p.B == a.City && p.A == b.City)))
            return RegionFit.Paired;
        if (a.Province is not null && b.Province is not null && PairedProvinces.Any(p => (p.A == a.Province && p.B == b.Province) || (p.B == a.Province && p.A == b.Province)))
            return RegionFit.Paired;
        return RegionFit.None;
    }

    private IReadOnlyList<MatchReason> Reasons(MatchProfile query, List<(int Id, int Count)> known, int d, double similarity, Scored parts)
    {
        var reasons = new List<MatchReason>(5);
        var c = _candidates[d];
        // The shared words that weigh most in the text score.
        var shared = new List<(int Id, float Weight)>();
        var terms = _docTerms[d];
        foreach (var (id, count) in known)
        {
            var at = Array.BinarySearch(terms, id);
            if (at >= 0) shared.Add((id, count * _idf[id] * _docWeights[d][at]));
        }
        var words = shared.OrderByDescending(s => s.Weight).ThenBy(s => s.Id).Take(3).Select(s => TermOf(s.Id)).ToList();
        var sim = similarity.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        reasons.Add(new MatchReason("text", parts.Text / 10m, $"共同关键词:{string.Join("、", words)}(文本相似度 {sim})",
            $"Shared keywords: {string.Join(", ", words)} (text similarity {sim})"));

        if (parts.FieldFit == FieldFit.Same)
        {
            var f = _catalog.Find(c.Field);
            reasons.Add(new MatchReason("field", parts.Field / 10m, $"同一领域:{f?.Name ?? c.Field}", $"Same field: {f?.NameEn ?? c.Field}"));
        }
        else if (parts.FieldFit == FieldFit.Domain)
        {
            var domain = _catalog.Find(_catalog.DomainOf(c.Field)!);
            reasons.Add(new MatchReason("field", parts.Field / 10m, $"同属技术领域:{domain?.Name}(对方领域:{_catalog.Find(c.Field)?.Name ?? c.Field})",
                $"Same domain: {domain?.NameEn} (their field: {_catalog.Find(c.Field)?.NameEn ?? c.Field})"));
        }

        if (parts.MaturityRank is { } rank)
        {
            var stage = MarketTerms.Maturities[rank];
            reasons.Add(new MatchReason("maturity", parts.Maturity / 10m,
                $"成熟度:{stage.Name}(越成熟越易落地,第 {rank + 1} 级/共 4 级:实验室<小试<中试<产业化)",
                $"Maturity: {stage.NameEn} (the more mature, the sooner usable; stage {rank + 1} of 4: laboratory < small-scale trial < pilot < industrialisation)"));
        }
        else
        {
            reasons.Add(new MatchReason("maturity", 0, "成熟度未说明,不计分", "Maturity not stated: no points"));
        }

        var p = _places[d];
        switch (parts.RegionFit)
        {
            case RegionFit.Zone:
                (string Name, string NameEn) zoneName = _zoneNames.TryGetValue(p.Zone!, out var names) ? names : (p.Zone!, p.Zone!);
                reasons.Add(new MatchReason("region", parts.Region / 10m, $"同一高新区:{zoneName.Name}", $"Same high-tech zone: {zoneName.NameEn}"));
                break;
            case RegionFit.City:
                reasons.Add(new MatchReason("region", parts.Region / 10m, $"同城:{p.City}", $"Same city: {p.City}"));
                break;
            case RegionFit.Province:
                reasons.Add(new MatchReason("region", parts.Region / 10m, $"同省:{p.Province}", $"Same province: {p.Province}"));
                break;
            case RegionFit.Paired:
                var q = PlaceOf(query);
                var pair = PairedCities.Any(x => (x.A == q.City && x.B == p.City) || (x.B == q.City && x.A == p.City))
                    ? $"{q.City}—{p.City}" : $"{q.Province}—{p.Province}";
                reasons.Add(new MatchReason("region", parts.Region / 10m, $"对口合作地区:{pair}", $"Paired regions of the plan's cooperation (对口合作): {pair}"));
                break;
        }

        switch (parts.PriceFit)
        {
            case PriceFit.Overlap:
                reasons.Add(new MatchReason("price", parts.Price / 10m, "预算与报价区间重叠", "The budget and the asking price overlap"));
                break;
            case PriceFit.Near:
                reasons.Add(new MatchReason("price", parts.Price / 10m, "预算与报价不重叠,但相差不超过 50%", "The budget and the asking price do not overlap but are within 50%"));
                break;
            case PriceFit.Unknown:
                reasons.Add(new MatchReason("price", parts.Price / 10m, "预算或报价未说明,按中性计分", "Budget or asking price not stated: neutral points"));
                break;
            default:
                reasons.Add(new MatchReason("price", 0, "预算与报价相差超过 50%,不计分", "The budget and the asking price are more than 50% apart: no points"));
                break;
        }
        return reasons;
    }

    private string TermOf(int id) => _termNames[id];

    /// <summary>Ids compared as numbers when both are whole numbers, else ordinally.</summary>
    public static int CompareIds(string a, string b) =>
        long.TryParse(a, out var x) && long.TryParse(b, out var y) ? x.CompareTo(y) : string.CompareOrdinal(a, b);
}
