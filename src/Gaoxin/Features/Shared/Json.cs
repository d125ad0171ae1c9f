using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Gaoxin.Features.Shared;

/// <summary>One JSON style for the API and the CLI, so that both print the same contract.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });

    /// <summary>camelCase names and Chinese left readable instead of escaped.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        return options;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>The same contract on one line, for the CLI's long machine-read lists (a national gazelle list is thousands of entries).</summary>
    public static readonly JsonSerializerOptions CompactOptions = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static string SerializeCompact<T>(T value) => JsonSerializer.Serialize(value, CompactOptions);

    /// <summary>Drops trailing zeros that the store adds (30.000000 → 30), keeping the value.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    public static decimal? Normalize(decimal? value) => value is { } v ? Normalize(v) : null;
}
