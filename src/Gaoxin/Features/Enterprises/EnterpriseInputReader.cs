using System.Globalization;
using System.Text.Json;
using Gaoxin.Core.Enterprises;

namespace Gaoxin.Features.Enterprises;

/// <summary>
/// Reads the JSON of <see cref="HteAssessRequest"/> and <see cref="TechSmeAssessRequest"/> field by field, so that every
/// problem names its camelCase path (e.g. <c>innovation.rdManagement.talent</c>). Codes: <c>bad_json</c>,
/// <c>not_an_object</c>, <c>missing_field</c>, <c>wrong_type</c>, <c>bad_date</c>, <c>unknown_field</c>,
/// <c>unknown_value</c>, <c>out_of_range</c>, <c>length_mismatch</c>, <c>count_mismatch</c>.
/// </summary>
public sealed class EnterpriseInputReader
{
    private readonly List<EnterpriseInputError> _errors = [];

    public IReadOnlyList<EnterpriseInputError> Errors => _errors;

    /// <summary>Parses the text; null (and a <c>bad_json</c> or <c>not_an_object</c> error) when it is not a JSON object.</summary>
    public static (JsonElement? Root, EnterpriseInputError? Error) Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement.Clone();
            return root.ValueKind == JsonValueKind.Object
                ? (root, null)
                : (null, new EnterpriseInputError("$", "not_an_object", "the input must be one JSON object"));
        }
        catch (JsonException e)
        {
            return (null, new EnterpriseInputError("$", "bad_json",
                $"not valid JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}"));
        }
    }

    /// <summary>Reads a high-tech self-assessment; null when any field is missing or of the wrong type.</summary>
    public HteInput? ReadHte(JsonElement root)
    {
        Known(root, "", ["registeredOn", "assessedOn", "domain", "ip", "employees", "stEmployees", "salesRevenue", "rdExpense",
            "rdExpenseDomestic", "highTechRevenue", "totalRevenue", "netAssets", "innovation", "majorIncident"]);
        var registeredOn = Date(root, "", "registeredOn");
        var assessedOn = Date(root, "", "assessedOn");
        var domain = String(root, "", "domain", required: false);
        HteIp? ip = null;
        if (Object(root, "", "ip") is { } ipObject)
        {
            Known(ipObject, "ip.", ["class1", "class2", "selfDeveloped", "items"]);
            var items = IpItems(ipObject);
            // Item by item, the counts may be left out (they follow from the items); given, they must agree (HteAssessment.Validate).
            var counted = items is null ? null : HteIp.Of(items);
            var hasItems = Field(ipObject, "ip.", "items", required: false) is not null;   // a wrong-typed list is reported by IpItems
            var (class1, class2, self) = (Int(ipObject, "ip.", "class1", !hasItems), Int(ipObject, "ip.", "class2", !hasItems),
                Int(ipObject, "ip.", "selfDeveloped", !hasItems));
            if (class1 is not null && class2 is not null && self is not null) ip = new HteIp(class1.Value, class2.Value, self.Value, items);
            else if (counted is not null)
                ip = new HteIp(class1 ?? counted.Class1, class2 ?? counted.Class2, self ?? counted.SelfDeveloped, items);
        }
        var employees = Int(root, "", "employees");
        var stEmployees = Int(root, "", "stEmployees");
        var sales = Decimals(root, "", "salesRevenue");
        var rd = Decimals(root, "", "rdExpense");
        var domestic = Decimal(root, "", "rdExpenseDomestic");
        var highTech = Decimal(root, "", "highTechRevenue");
        var total = Decimal(root, "", "totalRevenue");
        var netAssets = Decimals(root, "", "netAssets");
        HteInnovation? innovation = null;
        if (Object(root, "", "innovation") is { } inn)
        {
            const string p = "innovation.";
            Known(inn, p, ["techAdvancement", "coreSupport", "ipAcquisition", "standards", "conversions", "rdManagement"]);
            var tech = String(inn, p, "techAdvancement");
            var core = String(inn, p, "coreSupport");
            var acquisition = String(inn, p, "ipAcquisition", required: false);
            var standards = Bool(inn, p, "standards");
            var conversions = Int(inn, p, "conversions");
            HteRdManagement? management = null;
            if (Object(inn, p, "rdManagement") is { } m)
            {
                const string q = "innovation.rdManagement.";
                Known(m, q, ["system", "institution", "conversionIncentives", "talent"]);
                var (system, institution, incentives, talent) = (Int(m, q, "system"), Int(m, q, "institution"), Int(m, q, "conversionIncentives"), Int(m, q, "talent"));
                if (system is { } a && institution is { } b && incentives is { } c && talent is { } d) management = new HteRdManagement(a, b, c, d);
            }
            if (tech is not null && core is not null && standards is not null && conversions is not null && management is not null)
                innovation = new HteInnovation(tech, core, acquisition, standards.Value, conversions.Value, management);
        }
        var incident = Bool(root, "", "majorIncident");
        if (_errors.Count > 0) return null;
        return new HteInput(registeredOn!.Value, assessedOn!.Value, domain, ip!,
            employees!.Value, stEmployees!.Value, sales!, rd!, domestic!.Value, highTech!.Value, total!.Value, netAssets!, innovation!, incident!.Value);
    }

    /// <summary>IP item classes as written in the input (Roman numerals, ASCII or the CJK forms of the official text).</summary>
    private static readonly Dictionary<string, HteIpClass> IpClasses = new()
    {
        ["I"] = HteIpClass.I, ["II"] = HteIpClass.II, ["Ⅰ"] = HteIpClass.I, ["Ⅱ"] = HteIpClass.II,
    };

    /// <summary>
    /// <c>ip.items</c> (optional): each item's <c>class</c> (I or II) and, optionally, <c>name</c>, <c>selfDeveloped</c>,
    /// <c>usedBefore</c>, <c>jointlyOwned</c> (false when left out) and <c>designatedOwner</c> (required for a jointly owned item).
    /// </summary>
    private List<HteIpItem>? IpItems(JsonElement ip)
    {
        if (Field(ip, "ip.", "items", required: false) is not { } list) return null;
        if (list.ValueKind != JsonValueKind.Array)
        {
            WrongType("ip.items", "a list of IP items");
            return null;
        }
        var items = new List<HteIpItem>();
        var i = 0;
        foreach (var element in list.EnumerateArray())
        {
            var at = $"ip.items[{i++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                WrongType(at, "an object");
                continue;
            }
            var p = at + ".";
            Known(element, p, ["name", "class", "selfDeveloped", "usedBefore", "jointlyOwned", "designatedOwner"]);
            var name = String(element, p, "name", required: false);
            var written = String(element, p, "class");
            HteIpClass? ipClass = null;
            if (written is not null)
            {
                if (IpClasses.TryGetValue(written.Trim(), out var c)) ipClass = c;
                else _errors.Add(new(p + "class", "unknown_value", $"'{p}class' must be I or II, found '{written}'"));
            }
            var self = Bool(element, p, "selfDeveloped", required: false) ?? false;
            var used = Bool(element, p, "usedBefore", required: false) ?? false;
            var joint = Bool(element, p, "jointlyOwned", required: false) ?? false;
            // Only one owner of a jointly owned item may use it: the input must say whether that is this enterprise.
            var designated = Bool(element, p, "designatedOwner", required: joint) ?? false;
            if (ipClass is { } known) items.Add(new HteIpItem(name, known, self, used, joint, designated));
        }
        return items;
    }

    /// <summary>Reads a 科技型中小企业 evaluation and the optional <c>assessedOn</c>; null when any field is missing or of the wrong type.</summary>
    public (TechSmeInput? Input, DateOnly? AssessedOn) ReadTechSme(JsonElement root)
    {
        Known(root, "", ["assessedOn", "residentEnterprise", "employees", "stEmployees", "salesRevenue", "totalAssets", "rdExpense", "costExpense",
            "class1Ip", "class2Ip", "restrictedIndustry", "violation", "directQualifications"]);
        var assessedOn = Date(root, "", "assessedOn", required: false);
        var resident = Bool(root, "", "residentEnterprise");
        var employees = Int(root, "", "employees");
        var stEmployees = Int(root, "", "stEmployees");
        var sales = Decimal(root, "", "salesRevenue");
        var assets = Decimal(root, "", "totalAssets");
        var rd = Decimal(root, "", "rdExpense");
        var cost = Decimal(root, "", "costExpense", required: false);
        var class1 = Int(root, "", "class1Ip");
        var class2 = Int(root, "", "class2Ip");
        var restricted = Bool(root, "", "restrictedIndustry");
        var violation = Bool(root, "", "violation");
        var routes = new List<string>();
        if (Field(root, "", "directQualifications", required: false) is { } list)
        {
            if (list.ValueKind != JsonValueKind.Array) WrongType("directQualifications", "a list of route ids");
            else
            {
                var i = 0;
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String) routes.Add(item.GetString()!);
                    else WrongType($"directQualifications[{i}]", "a route id (text)");
                    i++;
                }
            }
        }
        if (_errors.Count > 0) return (null, assessedOn);
        return (new TechSmeInput(resident!.Value, employees!.Value, stEmployees!.Value, sales!.Value, assets!.Value, rd!.Value, cost,
            class1!.Value, class2!.Value, restricted!.Value, violation!.Value, routes), assessedOn);
    }

    /// <summary>What <see cref="TechSmeEvaluation.Evaluate"/> assumes: non-negative figures, known direct routes.</summary>
    public static IReadOnlyList<EnterpriseInputError> Validate(TechSmeRuleSet rules, TechSmeInput input)
    {
        var errors = new List<EnterpriseInputError>();
        void NotNegative(decimal value, string field)
        {
            if (value < 0) errors.Add(new(field, "out_of_range", $"'{field}' must not be negative"));
        }
        NotNegative(input.Employees, "employees");
        NotNegative(input.StEmployees, "stEmployees");
        NotNegative(input.SalesRevenue, "salesRevenue");
        NotNegative(input.TotalAssets, "totalAssets");
        NotNegative(input.RdExpense, "rdExpense");
        if (input.CostExpense is { } cost) NotNegative(cost, "costExpense");
        NotNegative(input.Class1Ip, "class1Ip");
        NotNegative(input.Class2Ip, "class2Ip");
        if (input.StEmployees > input.Employees)
            errors.Add(new("stEmployees", "out_of_range", "'stEmployees' cannot exceed 'employees'"));
        foreach (var route in input.DirectQualifications.Where(r => rules.DirectRoutes.All(d => d.Id != r)))
            errors.Add(new("directQualifications", "unknown_value",
                $"'directQualifications' must hold ids among {string.Join(", ", rules.DirectRoutes.Select(d => d.Id))}, found '{route}'"));
        return errors;
    }

    /// <summary>The domain must be one of the rule set's domains (code or Chinese name) or null.</summary>
    public static EnterpriseInputError? CheckDomain(HteRuleSet rules, string? domain) =>
        domain is null || rules.Domains.Any(d => d.Code == domain || d.Name == domain)
            ? null
            : new EnterpriseInputError("domain", "unknown_value",
                $"'domain' must be one of {string.Join(", ", rules.Domains.Select(d => d.Code))} or null, found '{domain}'");

    private void Known(JsonElement obj, string prefix, string[] fields)
    {
        foreach (var property in obj.EnumerateObject().Where(p => !fields.Contains(p.Name)))
            _errors.Add(new(prefix + property.Name, "unknown_field",
                $"'{prefix}{property.Name}' is not a field of the input; expected {string.Join(", ", fields)}"));
    }

    private JsonElement? Field(JsonElement obj, string prefix, string name, bool required)
    {
        if (obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null) return value;
        if (required) _errors.Add(new(prefix + name, "missing_field", $"required field '{prefix}{name}' is missing"));
        return null;
    }

    private void WrongType(string field, string expected) => _errors.Add(new(field, "wrong_type", $"'{field}' must be {expected}"));

    private JsonElement? Object(JsonElement obj, string prefix, string name)
    {
        if (Field(obj, prefix, name, required: true) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.Object) return value;
        WrongType(prefix + name, "an object");
        return null;
    }

    private string? String(JsonElement obj, string prefix, string name, bool required = true)
    {
        if (Field(obj, prefix, name, required) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        WrongType(prefix + name, "text");
        return null;
    }

    private bool? Bool(JsonElement obj, string prefix, string name, bool required = true)
    {
        if (Field(obj, prefix, name, required) is not { } value) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        WrongType(prefix + name, "true or false");
        return null;
    }

    private int? Int(JsonElement obj, string prefix, string name, bool required = true)
    {
        if (Field(obj, prefix, name, required) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n)) return n;
        WrongType(prefix + name, "a whole number");
        return null;
    }

    private decimal? Decimal(JsonElement obj, string prefix, string name, bool required = true)
    {
        if (Field(obj, prefix, name, required) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d)) return d;
        WrongType(prefix + name, "a number");
        return null;
    }

    private List<decimal>? Decimals(JsonElement obj, string prefix, string name)
    {
        if (Field(obj, prefix, name, required: true) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            WrongType(prefix + name, "a list of numbers, oldest year first");
            return null;
        }
        var list = new List<decimal>();
        var ok = true;
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number && item.TryGetDecimal(out var d)) list.Add(d);
            else
            {
                WrongType($"{prefix}{name}[{i}]", "a number");
                ok = false;
            }
            i++;
        }
        return ok ? list : null;
    }

    private DateOnly? Date(JsonElement obj, string prefix, string name, bool required = true)
    {
        if (Field(obj, prefix, name, required) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        _errors.Add(new(prefix + name, "bad_date", $"'{prefix}{name}' must be a date written yyyy-mm-dd"));
        return null;
    }
}
