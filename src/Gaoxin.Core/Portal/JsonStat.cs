using System.Text.Json.Nodes;

namespace Gaoxin.Core.Portal;

/// <summary>One category of a JSON-stat dimension: its id, its label, and for a metric its unit.</summary>
public sealed record JsonStatCategory(string Id, string Label, string? Unit = null);

/// <summary>A dimension of a JSON-stat dataset, its categories in order.</summary>
public sealed record JsonStatDimension(string Id, string Label, IReadOnlyList<JsonStatCategory> Categories);

/// <summary>
/// Writes a JSON-stat 2.0 dataset (https://json-stat.org/full/): <c>id</c> lists the dimensions in order, <c>size</c> their
/// category counts, and <c>value</c> is the dense array in row-major order — the last dimension varies fastest — with
/// <c>null</c> where there is no figure, so its length is the product of the sizes.
/// </summary>
public static class JsonStat
{
    /// <summary>The dataset of <paramref name="values"/>, each keyed by one category id per dimension (in dimension order).</summary>
    /// <param name="label">The dataset's label.</param>
    /// <param name="source">Who publishes it.</param>
    /// <param name="updated">When it was made.</param>
    /// <param name="dimensions">The dimensions in order; the last varies fastest in <c>value</c>.</param>
    /// <param name="values">The figures, each keyed by one category id per dimension.</param>
    /// <param name="roles">Optional roles, e.g. <c>time</c> → [year], <c>metric</c> → [indicator].</param>
    /// <exception cref="ArgumentException">A value names a category its dimension does not have, or the key has the wrong length.</exception>
    public static JsonObject Dataset(string label, string source, DateTimeOffset updated, IReadOnlyList<JsonStatDimension> dimensions,
        IEnumerable<(IReadOnlyList<string> Key, decimal Value)> values, IReadOnlyDictionary<string, string[]>? roles = null)
    {
        var index = dimensions.Select(d => d.Categories.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i)).ToList();
        var sizes = dimensions.Select(d => d.Categories.Count).ToArray();
        var total = sizes.Aggregate(1L, (a, b) => a * b);
        var dense = new JsonNode?[total];
        foreach (var (key, value) in values)
        {
            if (key.Count != dimensions.Count) throw new ArgumentException($"A value has {key.Count} keys for {dimensions.Count} dimensions.");
            long position = 0;
            for (var d = 0; d < dimensions.Count; d++)
            {
                if (!index[d].TryGetValue(key[d], out var i)) throw new ArgumentException($"'{key[d]}' is not a category of {dimensions[d].Id}.");
                position = position * sizes[d] + i;
            }
            // Trailing zeros of the stored scale (12.500000) are not part of the figure.
            dense[position] = JsonValue.Create(value / 1.0000000000000000000000000000m);
        }

        var dimension = new JsonObject();
        foreach (var d in dimensions)
        {
            var category = new JsonObject
            {
                ["index"] = new JsonObject(d.Categories.Select((c, i) => KeyValuePair.Create(c.Id, (JsonNode?)i))),
                ["label"] = new JsonObject(d.Categories.Select(c => KeyValuePair.Create(c.Id, (JsonNode?)c.Label))),
            };
            if (d.Categories.Any(c => c.Unit is not null))
                category["unit"] = new JsonObject(d.Categories.Where(c => c.Unit is not null)
                    .Select(c => KeyValuePair.Create(c.Id, (JsonNode?)new JsonObject { ["label"] = c.Unit })));
            dimension[d.Id] = new JsonObject { ["label"] = d.Label, ["category"] = category };
        }
        var dataset = new JsonObject
        {
            ["version"] = "2.0",
            ["class"] = "dataset",
            ["label"] = label,
            ["source"] = source,
            ["updated"] = updated.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["id"] = new JsonArray(dimensions.Select(d => (JsonNode?)d.Id).ToArray()),
            ["size"] = new JsonArray(sizes.Select(s => (JsonNode?)s).ToArray()),
            ["dimension"] = dimension,
            ["value"] = new JsonArray(dense),
        };
        if (roles is { Count: > 0 })
            dataset["role"] = new JsonObject(roles.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)new JsonArray(r.Value.Select(v => (JsonNode?)v).ToArray()))));
        return dataset;
    }
}

/// <summary>RFC 4180 CSV as the open data is downloaded.</summary>
public static class OpenCsv
{
    /// <summary>The rows, the first the header, with CRLF line ends; a field with a comma, quote or line break is quoted.</summary>
    /// <remarks>
    /// A text field starting with =, +, - or @ gets a leading apostrophe so that a spreadsheet opening the file shows it
    /// instead of running it as a formula (OWASP CSV injection); numbers are written as they are.
    /// </remarks>
    public static string Write(IEnumerable<IReadOnlyList<object?>> rows)
    {
        var text = new System.Text.StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Field));
            text.Append("\r\n");
        }
        return text.ToString();
    }

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            string s => s.Length > 0 && s[0] is '=' or '+' or '-' or '@' ? "'" + s : s,
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
