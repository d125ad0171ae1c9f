using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Gaoxin.Core.Plans;

/// <summary>A problem found in a data file, located by file, line, column and field path.</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Line">1-based line, 0 when the problem concerns the whole file.</param>
/// <param name="Column">1-based column, 0 when unknown.</param>
/// <param name="Field">Path of the field, e.g. <c>targets[3].target.value</c>.</param>
/// <param name="Code">Stable code of the problem, e.g. <c>quote_not_found</c>.</param>
/// <param name="Message">Plain-English explanation.</param>
public sealed record DataFileError(string File, int Line, int Column, string Field, string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{File}:{Line}:{Column}: {(Field.Length > 0 ? Field + ": " : "")}{Message} [{Code}]";
}

/// <summary>
/// Reads a YAML mapping field by field, collecting located errors instead of throwing, and
/// reporting keys nobody asked for as unknown. Hand-mapping keeps line numbers for every field.
/// </summary>
internal sealed class YamlObject
{
    private readonly YamlMappingNode _node;
    private readonly ErrorSink _errors;
    private readonly HashSet<string> _read = [];

    public YamlObject(YamlMappingNode node, string path, ErrorSink errors)
    {
        _node = node;
        Path = path;
        _errors = errors;
    }

    public string Path { get; }

    public YamlNode Node => _node;

    private string FieldPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    private YamlNode? Get(string key, bool required)
    {
        _read.Add(key);
        if (_node.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value))
            return value;
        if (required)
            _errors.Add(_node, FieldPath(key), "missing_field", $"required field '{key}' is missing");
        return null;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "null" or "~" };

    public string? String(string key, bool required = true)
    {
        var node = Get(key, required);
        if (node is null) return null;
        if (node is YamlScalarNode scalar && !string.IsNullOrWhiteSpace(scalar.Value))
        {
            // YAML refuses raw control characters, but a quoted "\0" writes one; no stored text may hold it (InputLimits).
            if (InputLimits.ControlCharacterAt(scalar.Value) is not (var at and >= 0)) return scalar.Value;
            _errors.Add(node, FieldPath(key), InputProblem.ControlCharacter, $"'{key}' holds a control character at position {at}");
            return null;
        }
        _errors.Add(node, FieldPath(key), "wrong_type", $"'{key}' must be a non-empty text");
        return null;
    }

    public decimal? Decimal(string key, bool required = true)
    {
        var node = Get(key, required);
        if (node is null) return null;
        if (node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar
            && decimal.TryParse(scalar.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return value;
        _errors.Add(node, FieldPath(key), "wrong_type", $"'{key}' must be a number, found {Describe(node)}");
        return null;
    }

    public int? Int(string key, bool required = true)
    {
        var node = Get(key, required);
        if (node is null) return null;
        if (node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar
            && int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return value;
        _errors.Add(node, FieldPath(key), "wrong_type", $"'{key}' must be a whole number, found {Describe(node)}");
        return null;
    }

    public bool? Bool(string key, bool required = true)
    {
        var node = Get(key, required);
        if (node is null) return null;
        if (node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" or "false" } scalar)
            return scalar.Value == "true";
        _errors.Add(node, FieldPath(key), "wrong_type", $"'{key}' must be true or false, found {Describe(node)}");
        return null;
    }

    /// <summary>Reads a text field that must be one of a fixed set of words.</summary>
    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> choices, bool required = true) where T : struct
    {
        var text = String(key, required);
        if (text is null) return null;
        if (choices.TryGetValue(text, out var value)) return value;
        _errors.Add(_node.Children[new YamlScalarNode(key)], FieldPath(key), "unknown_value",
            $"'{key}' must be one of {string.Join(", ", choices.Keys)}, found '{text}'");
        return null;
    }

    public YamlObject? Object(string key, bool required = true)
    {
        var node = Get(key, required);
        if (node is null) return null;
        if (node is YamlMappingNode mapping) return new YamlObject(mapping, FieldPath(key), _errors);
        _errors.Add(node, FieldPath(key), "wrong_type", $"'{key}' must be a mapping of fields");
        return null;
    }

    /// <summary>Reads a list of mappings; each element is handed to <paramref name="read"/>.</summary>
    public List<T> List<T>(string key, Func<YamlObject, T?> read, bool required = true) where T : class
    {
        var result = new List<T>();
        var node = Get(key, required);
        if (node is null) return result;
        if (node is not YamlSequenceNode sequence)
        {
            _errors.Add(node, FieldPath(key), "wrong_type", $"'{key}' must be a list");
            return result;
        }
        var index = 0;
        foreach (var element in sequence.Children)
        {
            var path = $"{FieldPath(key)}[{index++}]";
            if (element is not YamlMappingNode mapping)
            {
                _errors.Add(element, path, "wrong_type", "each element must be a mapping of fields");
                continue;
            }
            var item = new YamlObject(mapping, path, _errors);
            var value = read(item);
            item.ReportUnknownKeys();
            if (value is not null) result.Add(value);
        }
        return result;
    }

    public List<string> Strings(string key, bool required = true)
    {
        var result = new List<string>();
        var node = Get(key, required);
        if (node is null) return result;
        if (node is not YamlSequenceNode sequence)
        {
            _errors.Add(node, FieldPath(key), "wrong_type", $"'{key}' must be a list of texts");
            return result;
        }
        foreach (var element in sequence.Children)
        {
            if (element is YamlScalarNode { Value: { Length: > 0 } text }) result.Add(text);
            else _errors.Add(element, FieldPath(key), "wrong_type", $"'{key}' must be a list of texts");
        }
        return result;
    }

    /// <summary>Reports every key of the mapping that no reader asked for.</summary>
    public void ReportUnknownKeys()
    {
        foreach (var key in _node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (!_read.Contains(name))
                _errors.Add(key, FieldPath(name), "unknown_field", $"unknown field '{name}'");
        }
    }

    public void Error(string key, string code, string message)
    {
        var node = _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : _node;
        _errors.Add(node, FieldPath(key), code, message);
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        _ => "a mapping",
    };
}

/// <summary>Collects located errors for one file.</summary>
internal sealed class ErrorSink(string file)
{
    /// <summary>
    /// Loads the file's one YAML mapping, or records why it cannot (a syntax error at its position, or a
    /// document that is not a mapping) and returns null.
    /// </summary>
    public YamlObject? LoadRoot(string yaml, string expected)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode mapping)
                return new YamlObject(mapping, "", this);
            AddFileError("", "not_a_mapping", $"the file must hold one YAML mapping ({expected})");
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            Errors.Add(new DataFileError(file, (int)ex.Start.Line, (int)ex.Start.Column, "", "yaml_syntax", ex.InnerException?.Message ?? ex.Message));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // The scanner gives up on some malformed input without a position, and the node loader refuses some event
            // sequences (e.g. "The current event is of an unsupported type") with an ArgumentException.
            AddFileError("", "yaml_syntax", "the file is not valid YAML");
        }
        return null;
    }

    public List<DataFileError> Errors { get; } = [];

    public void Add(YamlNode node, string field, string code, string message) =>
        Errors.Add(new DataFileError(file, (int)node.Start.Line, (int)node.Start.Column, field, code, message));

    public void AddFileError(string field, string code, string message) =>
        Errors.Add(new DataFileError(file, 0, 0, field, code, message));
}
