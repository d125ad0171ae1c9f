using System.Globalization;

namespace Gaoxin.Features.Shared;

/// <summary>
/// What kind of refusal a request meets; the kind alone decides the HTTP status (<see cref="Problems.StatusOf"/>):
/// an unknown thing 404, not yours 403, a state conflict 409, invalid input 422, a malformed request 400.
/// </summary>
public enum RefusalKind
{
    /// <summary>400: the request itself cannot be read (bad JSON, a parameter of the wrong type, a missing form).</summary>
    Malformed,

    /// <summary>401: no personal token, or one that is not valid.</summary>
    Unauthenticated,

    /// <summary>403: the thing exists but is not the caller's to see or change.</summary>
    Forbidden,

    /// <summary>404: no such thing (or route).</summary>
    NotFound,

    /// <summary>405: the route does not take this method.</summary>
    MethodNotAllowed,

    /// <summary>409: the thing's state does not allow it now (approving twice, a stale version, overwriting approved data).</summary>
    Conflict,

    /// <summary>413: the body is larger than the server takes.</summary>
    TooLarge,

    /// <summary>415: the body is not of a type the route reads.</summary>
    UnsupportedMediaType,

    /// <summary>422: the request is well-formed but its content is refused (a field, a row of a file).</summary>
    Invalid,

    /// <summary>429: too many requests; try again later.</summary>
    RateLimited,

    /// <summary>500: a fault of the server.</summary>
    Unexpected,

    /// <summary>503: the server cannot answer now (e.g. the store is unreachable).</summary>
    Unavailable,
}

/// <summary>
/// The refusals an endpoint (or a group) can answer besides the ones its authorisation implies, declared once with
/// <see cref="RefusalDeclarations.Refuses{TBuilder}"/> and listed in the OpenAPI document as problem+json responses.
/// </summary>
public sealed record RefusalsMetadata(IReadOnlyList<RefusalKind> Kinds);

public static class RefusalDeclarations
{
    /// <summary>Declares the kinds of refusal the endpoints can answer (shown as problem+json responses in the API's document).</summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, params RefusalKind[] kinds) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RefusalsMetadata(kinds));
}

/// <summary>
/// Where in the input a refusal points: a file with its sheet, row and column (rows from 1, as a spreadsheet shows them).
/// </summary>
public sealed record RefusalLocation(string? File = null, string? Sheet = null, int? Row = null, string? Column = null);

/// <summary>One refused request field: its path (<c>revenue</c>, <c>assessment.rdExpense</c>), a stable code and the message in both languages.</summary>
public sealed record FieldRefusal(string Field, string Code, string Zh, string En)
{
    /// <summary>The field as the problem's <c>problems</c> list shows it.</summary>
    public FieldProblem ToResponse() => new(Field, Code, Text.IsEnglish ? En : Zh, Zh, En);
}

/// <summary>A refused field in a problem's <c>problems</c> list.</summary>
public sealed record FieldProblem(string Field, string Code, string Message, string Zh, string En);

/// <summary>
/// A typed refusal: its <see cref="Kind"/>, a stable <see cref="Code"/> (snake_case, part of the API's contract and of the
/// problem's <c>type</c> URI), the message in Chinese and English, and where it points — a request <see cref="Field"/> or a
/// <see cref="Location"/> in a file. Features return refusals; <see cref="Problems"/> alone turns them into HTTP answers.
/// </summary>
public sealed record Refusal(RefusalKind Kind, string Code, string Zh, string En)
{
    /// <summary>The request field the refusal is about (JSON property or form field), if any.</summary>
    public string? Field { get; init; }

    /// <summary>The place in an uploaded file, if any.</summary>
    public RefusalLocation? Location { get; init; }

    /// <summary>Further members of the problem object that clients read (e.g. <c>limit</c>, <c>problems</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    /// <summary>The message in the request's language.</summary>
    public string Message => Text.IsEnglish ? En : Zh;

    public static Refusal NotFound(string code, string zh, string en) => new(RefusalKind.NotFound, code, zh, en);

    public static Refusal Forbidden(string code, string zh, string en) => new(RefusalKind.Forbidden, code, zh, en);

    public static Refusal Conflict(string code, string zh, string en) => new(RefusalKind.Conflict, code, zh, en);

    public static Refusal Invalid(string code, string zh, string en) => new(RefusalKind.Invalid, code, zh, en);

    public static Refusal Malformed(string code, string zh, string en) => new(RefusalKind.Malformed, code, zh, en);

    /// <summary>No zone with this code (404 <c>unknown_zone</c>).</summary>
    public static Refusal UnknownZone(string code) => NotFound("unknown_zone", $"没有代码为“{code}”的高新区。", $"No zone '{code}'.");

    /// <summary>
    /// An upload refused whole (imports are all or nothing): 422 <c>import_refused</c>, located at the first problem, with every
    /// located problem in the extension <c>problems</c> (each with its own <c>code</c>, <c>file</c>, <c>row</c>, <c>column</c>,
    /// <c>message</c>) and any further members the import's answer carries.
    /// </summary>
    public static Refusal ImportRefused<TProblem>(IReadOnlyList<TProblem> problems, Func<TProblem, RefusalLocation> locate,
        IReadOnlyDictionary<string, object?>? more = null)
    {
        var extensions = new Dictionary<string, object?>(more ?? new Dictionary<string, object?>());
        extensions.TryAdd("problems", problems);
        return new Refusal(RefusalKind.Invalid, "import_refused",
            $"文件有 {problems.Count} 处问题,未导入任何内容。", $"The file has {problems.Count} problem(s); nothing was imported.")
        {
            Location = problems.Count > 0 ? locate(problems[0]) : null,
            Extensions = extensions,
        };
    }

    /// <summary>
    /// Request fields refused (422 <c>validation_failed</c>): <c>field</c> names the first, and the extension <c>problems</c> lists
    /// every one with its <c>field</c>, <c>code</c>, <c>message</c> (the request's language), <c>zh</c> and <c>en</c> — the
    /// same member that lists the located problems of a refused import.
    /// </summary>
    public static Refusal ValidationFailed(IReadOnlyList<FieldRefusal> fields)
    {
        var first = fields.Count > 0 ? fields[0] : new FieldRefusal("", "invalid", "输入无效。", "The input is not valid.");
        var zh = fields.Count > 1 ? $"输入有 {fields.Count} 处问题,首处:{first.Zh}" : first.Zh;
        var en = fields.Count > 1 ? $"The input has {fields.Count} problems; the first: {first.En}" : first.En;
        return new Refusal(RefusalKind.Invalid, "validation_failed", zh, en)
        {
            Field = first.Field.Length > 0 ? first.Field : null,
            Extensions = new Dictionary<string, object?> { ["problems"] = fields.Select(f => f.ToResponse()).ToList() },
        };
    }

    /// <summary>
    /// A refusal whose message comes from a feature's text function written with <see cref="Text.T"/>: the function is
    /// read once in each language, so both messages come from the one place that words them.
    /// </summary>
    public static Refusal Of(RefusalKind kind, string code, Func<string> message) => new(kind, code, In(false, message), In(true, message));

    /// <summary>Evaluates a <see cref="Text.T"/>-worded text in the given language.</summary>
    public static string In(bool english, Func<string> text)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = english ? English : Chinese;
        try { return text(); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
}
