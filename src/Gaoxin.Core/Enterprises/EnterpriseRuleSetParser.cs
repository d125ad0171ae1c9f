using System.Globalization;
using Gaoxin.Core.Plans;
using YamlDotNet.RepresentationModel;

namespace Gaoxin.Core.Enterprises;

/// <summary>
/// Reads an enterprise rule-set file (YAML, under <c>rules/</c>) with located errors (FILE:LINE:COL and the field), like the
/// plan and model loaders. Every file starts with the same header — <c>id</c>, <c>version</c>, <c>kind</c>, <c>name</c>,
/// <c>nameEn</c>, <c>effectiveFrom</c>, optional <c>effectiveTo</c>, <c>source</c>, optional <c>default</c> — and every rule,
/// threshold and band carries the <c>source</c> clause it transcribes.
/// </summary>
public static class EnterpriseRuleSetParser
{
    /// <summary>Gazelle route tests as written in files.</summary>
    public static readonly IReadOnlyDictionary<string, GazelleRouteTest> RouteTests = new Dictionary<string, GazelleRouteTest>
    {
        ["revenue_level"] = GazelleRouteTest.RevenueLevel,
        ["revenue_growth"] = GazelleRouteTest.RevenueGrowth,
        ["employee_growth"] = GazelleRouteTest.EmployeeGrowth,
        ["venture_capital"] = GazelleRouteTest.VentureCapital,
    };

    /// <summary>Reserve-pool entry tests as written in files.</summary>
    public static readonly IReadOnlyDictionary<string, ReserveEntryTest> EntryTests = new Dictionary<string, ReserveEntryTest>
    {
        ["hte_depends"] = ReserveEntryTest.HteDepends,
        ["hte_near_miss"] = ReserveEntryTest.HteNearMiss,
        ["tech_sme_qualified"] = ReserveEntryTest.TechSmeQualified,
    };

    private static readonly string[] BoundKeys = ["atLeast", "above", "atMost", "below"];
    private static readonly string[] RdManagementCodes = ["rd_system", "rd_institution", "conversion_incentives", "talent"];

    /// <summary>
    /// Reads a rule-set file of any kind; the rule set is null when any error was found. Problem codes: <c>yaml_syntax</c>,
    /// <c>not_a_mapping</c>, <c>missing_field</c>, <c>wrong_type</c>, <c>unknown_field</c>, <c>unknown_value</c>,
    /// <c>bad_date</c>, <c>out_of_range</c>, <c>duplicate_id</c>, <c>bad_bands</c>, <c>conflicting_fields</c>.
    /// </summary>
    /// <param name="file">The file's name as the user gave it; used only in messages.</param>
    /// <param name="yaml">The file's content.</param>
    public static (EnterpriseRuleSet? RuleSet, IReadOnlyList<DataFileError> Errors) Parse(string file, string yaml)
    {
        var errors = new ErrorSink(file);
        if (errors.LoadRoot(yaml, "id, kind, name, effectiveFrom, source and the rules") is not { } doc)
            return (null, errors.Errors);
        var header = ReadHeader(doc);
        if (header is null)
        {
            // Without a known kind the body cannot be read; report what the header lacks only.
            return (null, errors.Errors);
        }
        EnterpriseRuleSet? set = header.Kind switch
        {
            RuleSetKind.Hte => ReadHte(doc, header),
            RuleSetKind.TechSme => ReadTechSme(doc, header),
            RuleSetKind.Gazelle => ReadGazelle(doc, header),
            _ => ReadReservePool(doc, header),
        };
        doc.ReportUnknownKeys();
        return errors.Errors.Count > 0 ? (null, errors.Errors) : (set, errors.Errors);
    }

    /// <summary>Reads a file that must hold a rule set of type <typeparamref name="T"/>.</summary>
    public static (T? RuleSet, IReadOnlyList<DataFileError> Errors) Parse<T>(string file, string yaml) where T : EnterpriseRuleSet
    {
        var (set, errors) = Parse(file, yaml);
        if (set is null || set is T) return ((T?)set, errors);
        return (null, [new DataFileError(file, 0, 0, "kind", "unknown_value",
            $"the file holds a '{set.GetType().Name}' rule set, not a '{typeof(T).Name}'")]);
    }

    private static RuleSetHeader? ReadHeader(YamlObject doc)
    {
        var id = doc.String("id");
        var version = doc.Int("version");
        if (version is < 1) doc.Error("version", "out_of_range", "'version' must be 1 or more");
        var kind = doc.Choice("kind", EnterpriseWire.Kinds);
        var name = doc.String("name");
        var nameEn = doc.String("nameEn");
        var from = Date(doc, "effectiveFrom");
        var to = Date(doc, "effectiveTo", required: false);
        if (from is not null && to is not null && to < from)
            doc.Error("effectiveTo", "out_of_range", $"'effectiveTo' ({to:yyyy-MM-dd}) is before 'effectiveFrom' ({from:yyyy-MM-dd})");
        var source = doc.String("source");
        var isDefault = doc.Bool("default", required: false) ?? false;
        if (id is null || version is null || kind is null || name is null || nameEn is null || from is null || source is null) return null;
        return new RuleSetHeader(id, version.Value, kind.Value, name, nameEn, from.Value, to, source, isDefault);
    }

    // ───────────────────────── 高新技术企业 ─────────────────────────

    private static HteRuleSet? ReadHte(YamlObject doc, RuleSetHeader header)
    {
        var seen = new HashSet<string>();
        var domains = doc.List("domains", d =>
        {
            var code = d.String("code");
            var name = d.String("name");
            var nameEn = d.String("nameEn");
            if (code is not null && !seen.Add(code)) d.Error("code", "duplicate_id", $"the domain '{code}' is listed more than once");
            return code is null || name is null || nameEn is null ? null : new HteDomain(code, name, nameEn);
        });
        if (domains.Count == 0) doc.Error("domains", "missing_field", "at least one domain is needed");

        HteConditionRules? conditions = null;
        if (doc.Object("conditions") is { } c)
        {
            var registered = Threshold(c, "registeredOneYear");
            var ownsIp = Threshold(c, "ownsIp");
            var keyDomain = Flag(c, "keyDomain");
            var stStaff = Threshold(c, "stStaffRatio");
            var rdRatio = RdRatio(c);
            var domestic = Threshold(c, "rdDomesticShare");
            var highTech = Threshold(c, "highTechRevenueShare");
            var score = Threshold(c, "innovationScore");
            var incident = Flag(c, "noMajorIncident");
            HteIpUsageRules? ipUsage = null;
            if (c.Object("ipUsage") is { } u)
            {
                var once = Flag(u, "class2OnceOnly");
                var joint = Flag(u, "jointOneOwner");
                u.ReportUnknownKeys();
                if (once is not null && joint is not null) ipUsage = new HteIpUsageRules(once, joint);
            }
            c.ReportUnknownKeys();
            if (registered is not null && ownsIp is not null && keyDomain is not null && stStaff is not null && rdRatio is not null
                && domestic is not null && highTech is not null && score is not null && incident is not null && ipUsage is not null)
                conditions = new HteConditionRules(registered, ownsIp, keyDomain, stStaff, rdRatio, domestic, highTech, score, incident, ipUsage);
        }

        HteScoreRules? scoreRules = null;
        if (doc.Object("score") is { } s)
        {
            var share = s.Decimal("hintBelowShare");
            if (share is < 0 or > 1) s.Error("hintBelowShare", "out_of_range", "'hintBelowShare' must be between 0 and 1");
            int? ipMax = null;
            string? ipSource = null;
            ScoredItem? tech = null, core = null, count = null, acquisition = null, standards = null;
            if (s.Object("ip") is { } ip)
            {
                ipMax = PositiveInt(ip, "max");
                ipSource = ip.String("source");
                tech = Item(ip, "techAdvancement", "tech_advancement", lettered: ["A", "B", "C", "D", "E"]);
                core = Item(ip, "coreSupport", "core_support", lettered: ["A", "B", "C", "D", "E"]);
                count = Item(ip, "ipCount", "ip_count", measures: ["class1", "class2"]);
                acquisition = Item(ip, "ipAcquisition", "ip_acquisition", lettered: ["A", "B"]);
                standards = Item(ip, "standards", "standards", lettered: ["A", "B"]);
                ip.ReportUnknownKeys();
            }
            var conversion = Item(s, "conversion", "conversion");
            int? rdMax = null;
            string? rdSource = null;
            var rdItems = new List<HteRdManagementItem>();
            if (s.Object("rdManagement") is { } rd)
            {
                rdMax = PositiveInt(rd, "max");
                rdSource = rd.String("source");
                rdItems = rd.List("items", i =>
                {
                    var code = i.String("code");
                    var max = PositiveInt(i, "max");
                    var source = i.String("source");
                    var hint = Hint(i);
                    return code is null || max is null || source is null ? null : new HteRdManagementItem(code, max.Value, source, hint);
                });
                if (rdItems.Count > 0 && !rdItems.Select(i => i.Code).SequenceEqual(RdManagementCodes))
                    rd.Error("items", "unknown_value", $"'items' must be, in this order: {string.Join(", ", RdManagementCodes)}");
                rd.ReportUnknownKeys();
            }
            string? growthSource = null;
            ScoredItem? net = null, sales = null;
            if (s.Object("growth") is { } g)
            {
                growthSource = g.String("source");
                net = Item(g, "netAssets", "net_asset_growth");
                sales = Item(g, "sales", "sales_growth");
                g.ReportUnknownKeys();
            }
            s.ReportUnknownKeys();
            if (share is not null && ipMax is not null && ipSource is not null && tech is not null && core is not null && count is not null
                && acquisition is not null && standards is not null && conversion is not null && rdMax is not null && rdSource is not null
                && rdItems.Count == RdManagementCodes.Length && growthSource is not null && net is not null && sales is not null)
                scoreRules = new HteScoreRules(share.Value, ipMax.Value, ipSource, tech, core, count, acquisition, standards, conversion,
                    rdMax.Value, rdSource, rdItems, growthSource, net, sales);
        }
        return conditions is null || scoreRules is null ? null : new HteRuleSet(header, domains, conditions, scoreRules);
    }

    private static HteRdRatioRule? RdRatio(YamlObject c)
    {
        if (c.Object("rdRatio") is not { } o) return null;
        var source = o.String("source");
        var hint = Hint(o);
        var tiers = o.List("tiers", t =>
        {
            var top = t.Decimal("revenueAtMost", required: false);
            var bound = Bound(t);
            var tierSource = t.String("source");
            return bound is null || tierSource is null ? null : new HteRdTier(top, bound.Value, tierSource);
        });
        for (var i = 0; i < tiers.Count; i++)
        {
            var last = i == tiers.Count - 1;
            if (last && tiers[i].RevenueAtMost is not null)
                o.Error("tiers", "bad_bands", "the last tier must have no 'revenueAtMost' (it covers all larger revenues)");
            if (!last && tiers[i].RevenueAtMost is null)
                o.Error("tiers", "bad_bands", $"tier {i + 1} needs 'revenueAtMost'; only the last tier is open");
            if (i > 0 && tiers[i].RevenueAtMost is { } top && tiers[i - 1].RevenueAtMost is { } below && top <= below)
                o.Error("tiers", "bad_bands", "the tiers' 'revenueAtMost' must rise");
        }
        if (tiers.Count == 0) o.Error("tiers", "missing_field", "at least one tier is needed");
        o.ReportUnknownKeys();
        return source is null || tiers.Count == 0 ? null : new HteRdRatioRule(tiers, source, hint);
    }

    // ───────────────────────── 科技型中小企业 ─────────────────────────

    private static TechSmeRuleSet? ReadTechSme(YamlObject doc, RuleSetHeader header)
    {
        TechSmeConditionRules? conditions = null;
        if (doc.Object("conditions") is { } c)
        {
            var resident = Flag(c, "residentEnterprise");
            var employees = Threshold(c, "employees");
            var sales = Threshold(c, "salesRevenue");
            var assets = Threshold(c, "totalAssets");
            var notRestricted = Flag(c, "notRestricted");
            var noViolation = Flag(c, "noViolation");
            var score = Threshold(c, "score");
            var nonZero = Flag(c, "stStaffScoreNonZero");
            c.ReportUnknownKeys();
            if (resident is not null && employees is not null && sales is not null && assets is not null && notRestricted is not null
                && noViolation is not null && score is not null && nonZero is not null)
                conditions = new TechSmeConditionRules(resident, employees, sales, assets, notRestricted, noViolation, score, nonZero);
        }
        TechSmeScoreRules? scoreRules = null;
        if (doc.Object("score") is { } s)
        {
            var share = s.Decimal("hintBelowShare");
            if (share is < 0 or > 1) s.Error("hintBelowShare", "out_of_range", "'hintBelowShare' must be between 0 and 1");
            var st = Item(s, "stStaff", "st_staff");
            var toSales = Item(s, "rdToSales", "rd_to_sales");
            var toCost = Item(s, "rdToCost", "rd_to_cost");
            var ip = Item(s, "ip", "ip", measures: ["class1", "class2"]);
            s.ReportUnknownKeys();
            if (share is not null && st is not null && toSales is not null && toCost is not null && ip is not null)
                scoreRules = new TechSmeScoreRules(share.Value, st, toSales, toCost, ip);
        }
        var ids = new HashSet<string>();
        var routes = doc.List("directRoutes", r =>
        {
            var id = r.String("id");
            var name = r.String("name");
            var nameEn = r.String("nameEn");
            var source = r.String("source");
            if (id is not null && !ids.Add(id)) r.Error("id", "duplicate_id", $"the route '{id}' is defined more than once");
            return id is null || name is null || nameEn is null || source is null ? null : new TechSmeDirectRoute(id, name, nameEn, source);
        }, required: false);
        return conditions is null || scoreRules is null ? null : new TechSmeRuleSet(header, conditions, scoreRules, routes);
    }

    // ───────────────────────── 瞪羚 / 独角兽 ─────────────────────────

    private static GazelleRuleSet? ReadGazelle(YamlObject doc, RuleSetHeader header)
    {
        var maxAge = NonNegativeInt(doc, "maxAge", required: false);
        var maxAgeSource = doc.String("maxAgeSource", required: maxAge is not null) ?? "";
        var firstDataYear = doc.Int("firstDataYear", required: false);
        if (firstDataYear is < 1900 or > 2200) doc.Error("firstDataYear", "out_of_range", "'firstDataYear' must be a year such as 2018");
        if (firstDataYear is not null && header.EffectiveTo is { } to && firstDataYear > to.Year)
            doc.Error("firstDataYear", "out_of_range", $"'firstDataYear' ({firstDataYear}) is after the year of 'effectiveTo' ({to.Year})");
        var national = doc.Bool("national", required: false) ?? false;
        var ids = new HashSet<string>();
        var routes = doc.List("routes", r =>
        {
            var id = r.String("id");
            if (id is not null && !ids.Add(id)) r.Error("id", "duplicate_id", $"the route '{id}' is defined more than once");
            var name = r.String("name");
            var nameEn = r.String("nameEn");
            var test = r.Choice("test", RouteTests);
            var age = NonNegativeInt(r, "maxAge", required: false);
            var bound = Bound(r);
            var growth = test is GazelleRouteTest.RevenueGrowth or GazelleRouteTest.EmployeeGrowth;
            var years = growth ? PositiveInt(r, "years") : 0;
            if (years is > 3)
                r.Error("years", "out_of_range", "'years' of a growth test must be 1 to 3");
            Bound? baseBound = null;
            var lastYearUp = false;
            if (growth)
            {
                if (r.Object("base", required: false) is { } b)
                {
                    baseBound = Bound(b);
                    b.ReportUnknownKeys();
                }
                lastYearUp = r.Bool("lastYearUp", required: false) ?? false;
            }
            var source = r.String("source");
            if (id is null || name is null || nameEn is null || test is null || bound is null || years is null || source is null) return null;
            return new GazelleRoute(id, name, nameEn, test.Value, age, bound.Value, years.Value, baseBound, lastYearUp, source);
        });
        if (routes.Count > 32) doc.Error("routes", "out_of_range", "at most 32 routes");
        if (routes.Count == 0) doc.Error("routes", "missing_field", "at least one route is needed");
        GazelleInnovationRule? innovation = null;
        if (doc.Object("innovation") is { } i)
        {
            var years = PositiveInt(i, "years");
            if (years is > 4) i.Error("years", "out_of_range", "'years' of the innovation window must be 1 to 4");
            var bound = Bound(i);
            var source = i.String("source");
            i.ReportUnknownKeys();
            if (years is not null && bound is not null && source is not null) innovation = new GazelleInnovationRule(years.Value, bound.Value, source);
        }
        UnicornRule? unicorn = null;
        if (doc.Object("unicorn") is { } u)
        {
            var age = NonNegativeInt(u, "maxAge", required: false);
            Bound? valuation = null;
            if (u.Object("valuationUsdM") is { } v)
            {
                valuation = Bound(v);
                v.ReportUnknownKeys();
            }
            var unlisted = u.Bool("unlisted");
            var source = u.String("source");
            u.ReportUnknownKeys();
            if (valuation is not null && unlisted is not null && source is not null) unicorn = new UnicornRule(age, valuation.Value, unlisted.Value, source);
        }
        return innovation is null || unicorn is null || routes.Count == 0
            ? null
            : new GazelleRuleSet(header, maxAge, maxAgeSource, routes, innovation, unicorn, firstDataYear, national);
    }

    // ───────────────────────── 后备库 ─────────────────────────

    private static ReservePoolRuleSet? ReadReservePool(YamlObject doc, RuleSetHeader header)
    {
        var codes = HteAssessment.ConditionCodes.ToHashSet();
        var ids = new HashSet<string>();
        var entry = doc.List("entry", e =>
        {
            var id = e.String("id");
            if (id is not null && !ids.Add(id)) e.Error("id", "duplicate_id", $"the route '{id}' is defined more than once");
            var name = e.String("name");
            var nameEn = e.String("nameEn");
            var test = e.Choice("test", EntryTests);
            int? minMax = 0, maxFailed = 0;
            List<string> counted = [], required = [];
            if (test == ReserveEntryTest.HteNearMiss)
            {
                minMax = NonNegativeInt(e, "minMaxScore");
                maxFailed = NonNegativeInt(e, "maxFailed");
                counted = e.Strings("counted");
                required = e.Strings("required", required: false);
                foreach (var code in counted.Concat(required).Where(x => !codes.Contains(x)))
                    e.Error(counted.Contains(code) ? "counted" : "required", "unknown_value",
                        $"'{code}' is not a high-tech condition (one of {string.Join(", ", HteAssessment.ConditionCodes)})");
            }
            var source = e.String("source");
            if (id is null || name is null || nameEn is null || test is null || minMax is null || maxFailed is null || source is null) return null;
            return new ReserveEntryRoute(id, name, nameEn, test.Value, minMax.Value, maxFailed.Value, counted, required, source);
        });
        if (entry.Count == 0) doc.Error("entry", "missing_field", "at least one entry route is needed");
        var stages = doc.List("stages", s =>
        {
            var stage = s.Choice("code", EnterpriseWire.Stages);
            var name = s.String("name");
            var nameEn = s.String("nameEn");
            return stage is null || name is null || nameEn is null ? null : new ReserveStageInfo(stage.Value, name, nameEn);
        });
        foreach (var missing in EnterpriseWire.Stages.Where(w => stages.All(s => s.Stage != w.Value)))
            doc.Error("stages", "missing_field", $"the stage '{missing.Key}' is not declared");
        foreach (var twice in stages.GroupBy(s => s.Stage).Where(g => g.Count() > 1))
            doc.Error("stages", "duplicate_id", $"the stage '{EnterpriseWire.Name(twice.Key)}' is declared more than once");
        var transitions = doc.List("transitions", t =>
        {
            var from = t.Choice("from", EnterpriseWire.Stages);
            var to = t.Choice("to", EnterpriseWire.Stages);
            if (from is not null && from == to) t.Error("to", "out_of_range", "a transition must change the stage");
            return from is null || to is null ? null : new ReserveTransition(from.Value, to.Value);
        });
        return entry.Count == 0 ? null : new ReservePoolRuleSet(header, entry, stages, transitions);
    }

    // ───────────────────────── shared pieces ─────────────────────────

    private static bool Has(YamlObject o, string key) => ((YamlMappingNode)o.Node).Children.ContainsKey(new YamlScalarNode(key));

    private static DateOnly? Date(YamlObject o, string key, bool required = true)
    {
        var text = o.String(key, required);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        o.Error(key, "bad_date", $"'{key}' must be a date written YYYY-MM-DD, found '{text}'");
        return null;
    }

    private static int? PositiveInt(YamlObject o, string key, bool required = true)
    {
        var value = o.Int(key, required);
        if (value is < 1) o.Error(key, "out_of_range", $"'{key}' must be 1 or more, found {value}");
        return value is < 1 ? null : value;
    }

    private static int? NonNegativeInt(YamlObject o, string key, bool required = true)
    {
        var value = o.Int(key, required);
        if (value is < 0) o.Error(key, "out_of_range", $"'{key}' must not be negative, found {value}");
        return value is < 0 ? null : value;
    }

    /// <summary>Reads the one of atLeast / above / atMost / below the mapping holds; null (without error) when none and optional.</summary>
    private static Bound? Bound(YamlObject o, bool required = true)
    {
        var present = BoundKeys.Where(k => Has(o, k)).ToList();
        if (present.Count == 0)
        {
            if (required) o.Error("atLeast", "missing_field", "a threshold is needed: one of atLeast, above, atMost, below");
            return null;
        }
        if (present.Count > 1)
        {
            o.Error(present[1], "conflicting_fields", $"only one of atLeast, above, atMost, below may be given, found {string.Join(" and ", present)}");
            foreach (var k in present) o.Decimal(k);
            return null;
        }
        var value = o.Decimal(present[0]);
        if (value is null) return null;
        var kind = present[0] switch
        {
            "atLeast" => BoundKind.AtLeast,
            "above" => BoundKind.Above,
            "atMost" => BoundKind.AtMost,
            _ => BoundKind.Below,
        };
        return new Bound(kind, value.Value);
    }

    private static Hint? Hint(YamlObject o)
    {
        if (o.Object("hint", required: false) is not { } h) return null;
        var zh = h.String("zh");
        var en = h.String("en");
        h.ReportUnknownKeys();
        return zh is null || en is null ? null : new Hint(zh, en);
    }

    private static ThresholdRule? Threshold(YamlObject parent, string key)
    {
        if (parent.Object(key) is not { } o) return null;
        var bound = Bound(o);
        var source = o.String("source");
        var hint = Hint(o);
        o.ReportUnknownKeys();
        return bound is null || source is null ? null : new ThresholdRule(bound.Value, source, hint);
    }

    private static FlagRule? Flag(YamlObject parent, string key)
    {
        if (parent.Object(key) is not { } o) return null;
        var source = o.String("source");
        var hint = Hint(o);
        o.ReportUnknownKeys();
        return source is null ? null : new FlagRule(source, hint);
    }

    /// <summary>Reads <c>points</c>: one whole number, or a list of two (lowest, highest) for a band decided by experts.</summary>
    private static ScoreRange? Points(YamlObject o)
    {
        var node = ((YamlMappingNode)o.Node).Children.TryGetValue(new YamlScalarNode("points"), out var n) ? n : null;
        if (node is YamlSequenceNode)
        {
            var texts = o.Strings("points");
            var values = texts.Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (int?)null).ToList();
            if (values.Count == 2 && values.All(v => v is not null) && values[0] <= values[1]) return new ScoreRange(values[0]!.Value, values[1]!.Value);
            o.Error("points", "wrong_type", "'points' must be a whole number or a list [lowest, highest] of two whole numbers, lowest first");
            return null;
        }
        var single = o.Int("points");
        if (single is < 0) o.Error("points", "out_of_range", "'points' must not be negative");
        return single is null or < 0 ? null : new ScoreRange(single.Value, single.Value);
    }

    /// <summary>
    /// Reads a scored item: <c>max</c>, <c>source</c>, optional <c>hint</c> and <c>bands</c>. Lettered items (chosen by letter)
    /// have bands without thresholds and must define every letter given; other items need a threshold on every band but the
    /// last, which catches the rest.
    /// </summary>
    private static ScoredItem? Item(YamlObject parent, string key, string code, string[]? lettered = null, string[]? measures = null)
    {
        if (parent.Object(key) is not { } o) return null;
        var max = PositiveInt(o, "max");
        var source = o.String("source");
        var hint = Hint(o);
        var letters = new HashSet<string>();
        var bandNodes = new List<YamlObject>();
        var bands = o.List("bands", b =>
        {
            bandNodes.Add(b);
            var letter = b.String("band");
            if (letter is not null && !letters.Add(letter)) b.Error("band", "duplicate_id", $"the band '{letter}' is defined more than once");
            string? measure = null;
            if (measures is not null && Has(b, "measure"))
            {
                measure = b.String("measure");
                if (measure is not null && !measures.Contains(measure))
                    b.Error("measure", "unknown_value", $"'measure' must be one of {string.Join(", ", measures)}, found '{measure}'");
            }
            var bound = Bound(b, required: false);
            var points = Points(b);
            b.String("source", required: false);
            if (points is { } p && max is { } m && p.Max > m)
                b.Error("points", "out_of_range", $"the band gives up to {p.Max} points, more than the item's maximum {m}");
            if (lettered is not null && bound is not null)
                b.Error(BoundKeys.First(k => Has(b, k)), "bad_bands", "bands chosen by letter take no threshold");
            return letter is null || points is null ? null : new ScoreBand(letter, measure, bound, points.Value);
        });
        if (bands.Count == 0) o.Error("bands", "missing_field", "at least one band is needed");
        if (lettered is not null)
        {
            foreach (var letter in lettered.Where(l => !letters.Contains(l)))
                o.Error("bands", "bad_bands", $"the band '{letter}' is missing");
        }
        else if (bands.Count == bandNodes.Count)
        {
            for (var i = 0; i < bands.Count; i++)
            {
                var last = i == bands.Count - 1;
                if (last && bands[i].Threshold is not null)
                    bandNodes[i].Error("band", "bad_bands", "the last band must have no threshold (it catches every value left)");
                if (!last && bands[i].Threshold is null)
                    bandNodes[i].Error("band", "bad_bands", "only the last band may lack a threshold");
            }
        }
        o.ReportUnknownKeys();
        return max is null || source is null || bands.Count == 0 ? null : new ScoredItem(code, max.Value, bands, source, hint);
    }
}

/// <summary>
/// The rule sets of a <c>rules/</c> folder, with the choice of the one in force on a date. Core does no I/O: the caller
/// reads the files and hands over (name, content) pairs.
/// </summary>
public sealed class EnterpriseRuleCatalog
{
    private readonly List<EnterpriseRuleSet> _sets;

    private EnterpriseRuleCatalog(List<EnterpriseRuleSet> sets) => _sets = sets;

    /// <summary>Every rule set, in the order loaded.</summary>
    public IReadOnlyList<EnterpriseRuleSet> All => _sets;

    /// <summary>
    /// Parses every file; the catalog is null when any file has an error or two files share an id (<c>duplicate_id</c>) or
    /// two rule sets of a kind in force on the same day are both marked default (<c>duplicate_default</c>).
    /// </summary>
    public static (EnterpriseRuleCatalog? Catalog, IReadOnlyList<DataFileError> Errors) Load(IEnumerable<(string File, string Yaml)> files)
    {
        var errors = new List<DataFileError>();
        var sets = new List<EnterpriseRuleSet>();
        var byId = new Dictionary<string, string>();
        foreach (var (file, yaml) in files)
        {
            var (set, fileErrors) = EnterpriseRuleSetParser.Parse(file, yaml);
            errors.AddRange(fileErrors);
            if (set is null) continue;
            if (!byId.TryAdd(set.Header.Id, file))
            {
                errors.Add(new DataFileError(file, 0, 0, "id", "duplicate_id", $"the id '{set.Header.Id}' is also used by {byId[set.Header.Id]}"));
                continue;
            }
            sets.Add(set);
        }
        var defaults = sets.Where(s => s.Header.IsDefault).ToList();
        for (var i = 0; i < defaults.Count; i++)
        {
            for (var j = i + 1; j < defaults.Count; j++)
            {
                var (a, b) = (defaults[i].Header, defaults[j].Header);
                var overlap = a.Kind == b.Kind && a.EffectiveFrom <= (b.EffectiveTo ?? DateOnly.MaxValue) && b.EffectiveFrom <= (a.EffectiveTo ?? DateOnly.MaxValue);
                if (overlap)
                    errors.Add(new DataFileError(byId[b.Id], 0, 0, "default", "duplicate_default",
                        $"'{a.Id}' and '{b.Id}' are both the default for overlapping dates"));
            }
        }
        // The national gazelle standard is the one indicator 5.5 counts with: there can be only one.
        var national = sets.OfType<GazelleRuleSet>().Where(s => s.National).ToList();
        foreach (var extra in national.Skip(1))
            errors.Add(new DataFileError(byId[extra.Header.Id], 0, 0, "national", "duplicate_national",
                $"'{national[0].Header.Id}' and '{extra.Header.Id}' are both marked as the national gazelle standard"));
        return errors.Count > 0 ? (null, errors) : (new EnterpriseRuleCatalog(sets), errors);
    }

    /// <summary>The rule set with <paramref name="id"/>, or null.</summary>
    public T? Get<T>(string id) where T : EnterpriseRuleSet => _sets.OfType<T>().FirstOrDefault(s => s.Header.Id == id);

    /// <summary>Every rule set of type <typeparamref name="T"/> in force on <paramref name="date"/>.</summary>
    public IReadOnlyList<T> InForce<T>(DateOnly date) where T : EnterpriseRuleSet =>
        _sets.OfType<T>().Where(s => s.Header.InForceOn(date)).ToList();

    /// <summary>
    /// The rule set of type <typeparamref name="T"/> that ended last before <paramref name="date"/>, or null: with
    /// <see cref="Current{T}"/> null it tells why nothing is in force (a revision not transcribed yet).
    /// </summary>
    public T? EndedBefore<T>(DateOnly date) where T : EnterpriseRuleSet =>
        _sets.OfType<T>().Where(s => s.Header.EffectiveTo < date).OrderByDescending(s => s.Header.EffectiveTo).FirstOrDefault();

    /// <summary>
    /// The rule set of type <typeparamref name="T"/> to use on <paramref name="date"/>: the one marked default, else the one
    /// that came into force last; null when none is in force.
    /// </summary>
    public T? Current<T>(DateOnly date) where T : EnterpriseRuleSet
    {
        var candidates = InForce<T>(date);
        return candidates.FirstOrDefault(s => s.Header.IsDefault) ?? candidates.OrderByDescending(s => s.Header.EffectiveFrom).FirstOrDefault();
    }
}
