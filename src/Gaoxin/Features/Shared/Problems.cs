using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gaoxin.Features.Shared;

/// <summary>
/// The one place refusals become HTTP answers: RFC 9457 <c>application/problem+json</c> with <c>type</c>
/// (<c>https://gaoxin.local/problems/{code}</c>), <c>title</c> (the message in the request's language), <c>status</c>,
/// <c>detail</c> (the message with its location) and the extensions <c>code</c>, <c>zh</c>, <c>en</c>, and where there is
/// one <c>field</c> or <c>location</c> (<c>file</c>, <c>sheet</c>, <c>row</c>, <c>column</c>). The framework's own errors under
/// <c>/api</c> (401, 403, 404, 405, 413, 415, 429, a malformed body, a fault) take the same shape through
/// <see cref="Complete"/> and <see cref="WriteAsync(HttpContext, Refusal)"/>. See docs/guide/api.md for the codes.
/// </summary>
public static class Problems
{
    /// <summary>The stem of every problem <c>type</c>; the code follows it.</summary>
    public const string TypeBase = "https://gaoxin.local/problems/";

    public const string ContentType = "application/problem+json";

    public static string TypeOf(string code) => TypeBase + code;

    /// <summary>The HTTP status of a kind of refusal.</summary>
    public static int StatusOf(RefusalKind kind) => kind switch
    {
        RefusalKind.Malformed => StatusCodes.Status400BadRequest,
        RefusalKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.MethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        RefusalKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        RefusalKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        RefusalKind.Invalid => StatusCodes.Status422UnprocessableEntity,
        RefusalKind.RateLimited => StatusCodes.Status429TooManyRequests,
        RefusalKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Whether the request is one of the API's (<c>/api/…</c>), answered with problem+json rather than pages.</summary>
    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    /// <summary>
    /// The refusal the framework means by a bare status (an unknown route, a missing token, a body too large…), with its
    /// stable code; <paramref name="context"/> tells an antiforgery failure from other malformed requests.
    /// </summary>
    public static Refusal ForStatus(int status, HttpContext? context = null) => status switch
    {
        400 when context?.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } => new(RefusalKind.Malformed, "antiforgery",
            "表单已过期或来源无效,请刷新页面后重试。", "The form's antiforgery token is missing or invalid; reload the page and try again."),
        400 => new(RefusalKind.Malformed, "malformed_request",
            "请求无法读取:请求体不是有效的 JSON,或参数类型不对。", "The request cannot be read: the body is not valid JSON, or a parameter has the wrong type."),
        401 => new(RefusalKind.Unauthenticated, "unauthenticated",
            "需要个人令牌(Authorization: Bearer gx_…)。", "A personal token is required (Authorization: Bearer gx_…)."),
        403 => new(RefusalKind.Forbidden, "forbidden", "您的角色无权进行此操作。", "Your role may not do this."),
        404 => new(RefusalKind.NotFound, "not_found", "没有这个地址或记录。", "No such address or record."),
        405 => new(RefusalKind.MethodNotAllowed, "method_not_allowed", "该地址不接受此请求方法。", "This address does not take that method."),
        409 => new(RefusalKind.Conflict, "conflict", "当前状态下不能这样做。", "This cannot be done in the current state."),
        413 => new(RefusalKind.TooLarge, "payload_too_large", "请求体过大。", "The request body is too large."),
        415 => new(RefusalKind.UnsupportedMediaType, "unsupported_media_type",
            "不支持的内容类型(JSON 请用 application/json,文件请用 multipart/form-data)。",
            "Unsupported content type (send JSON as application/json, files as multipart/form-data)."),
        422 => new(RefusalKind.Invalid, "invalid", "输入无效。", "The input is not valid."),
        429 => new(RefusalKind.RateLimited, "rate_limited", "请求过于频繁,请稍后再试。", "Too many requests; try again later."),
        503 => new(RefusalKind.Unavailable, "unavailable", "服务暂时不可用,请稍后再试。", "The service is unavailable for now; try again later."),
        >= 500 => new(RefusalKind.Unexpected, "server_error", "服务器发生意外错误。", "An unexpected error occurred."),
        _ => new(RefusalKind.Malformed, $"http_{status}", $"请求被拒绝({status})。", $"The request was refused ({status})."),
    };

    /// <summary>The problem object of a refusal, worded in the request's language.</summary>
    public static ProblemDetails ToDetails(Refusal refusal) => ToDetails(refusal, Text.IsEnglish);

    /// <summary>The problem object of a refusal, worded in the given language (the other language rides along).</summary>
    public static ProblemDetails ToDetails(Refusal refusal, bool english)
    {
        var message = english ? refusal.En : refusal.Zh;
        var details = new ProblemDetails
        {
            Type = TypeOf(refusal.Code),
            Title = message,
            Status = StatusOf(refusal.Kind),
            Detail = refusal.Location is { } at ? $"{Locate(at, english)}: {message}" : message,
        };
        details.Extensions["code"] = refusal.Code;
        if (refusal.Field is not null) details.Extensions["field"] = refusal.Field;
        if (refusal.Location is { } location)
            details.Extensions["location"] = new Dictionary<string, object?>
            {
                ["file"] = location.File, ["sheet"] = location.Sheet, ["row"] = location.Row, ["column"] = location.Column,
            };
        details.Extensions["zh"] = refusal.Zh;
        details.Extensions["en"] = refusal.En;
        if (refusal.Extensions is not null)
            foreach (var (key, value) in refusal.Extensions) details.Extensions.TryAdd(key, value);
        return details;
    }

    /// <summary>The endpoint result of a refusal.</summary>
    public static ProblemHttpResult ToResult(this Refusal refusal) => TypedResults.Problem(ToDetails(refusal));

    /// <summary>Writes a refusal as problem+json, whatever the request's Accept header says (the API answers one shape).</summary>
    public static Task WriteAsync(HttpContext context, Refusal refusal) => WriteAsync(context, ToDetails(refusal));

    /// <summary>Writes a problem object, through the problem details service when it takes the request, else directly.</summary>
    public static async Task WriteAsync(HttpContext context, ProblemDetails details)
    {
        context.Response.StatusCode = details.Status ?? context.Response.StatusCode;
        var service = context.RequestServices.GetService<IProblemDetailsService>();
        if (service is not null && await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details })) return;
        CompleteDetails(context, details);
        await context.Response.WriteAsJsonAsync(details, JsonOptions, ContentType);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Completes any problem object the server writes (the framework's included): a <c>code</c> and the <c>type</c> from it,
    /// a title, and the <c>zh</c> and <c>en</c> messages. What an endpoint set itself is kept.
    /// </summary>
    public static void Complete(ProblemDetailsContext context) => CompleteDetails(context.HttpContext, context.ProblemDetails);

    private static void CompleteDetails(HttpContext http, ProblemDetails details)
    {
        var status = details.Status ?? http.Response.StatusCode;
        details.Status = status;
        var generic = ForStatus(status, http);
        var code = details.Extensions.TryGetValue("code", out var c) && c is string s && s.Length > 0 ? s
            : details is HttpValidationProblemDetails ? "validation_failed" : generic.Code;
        details.Extensions["code"] = code;
        if (details.Type is null || !details.Type.StartsWith(TypeBase, StringComparison.Ordinal)) details.Type = TypeOf(code);
        var english = Text.IsEnglish;
        details.Title ??= english ? generic.En : generic.Zh;
        if (!details.Extensions.ContainsKey("zh") && !details.Extensions.ContainsKey("en"))
        {
            // An endpoint's own title is in the request's language; the generic message of the status stands for the other.
            details.Extensions["zh"] = english ? generic.Zh : details.Title;
            details.Extensions["en"] = english ? details.Title : generic.En;
        }
        details.Detail ??= details.Title;
    }

    /// <summary>Where in a file, in the given language: <c>data.csv 第3行 value列</c> / <c>data.csv row 3, column value</c>.</summary>
    public static string Locate(RefusalLocation at, bool english)
    {
        var parts = new List<string>();
        if (at.Sheet is not null) parts.Add(english ? $"sheet {at.Sheet}" : $"工作表{at.Sheet}");
        if (at.Row is > 0) parts.Add(english ? $"row {at.Row}" : $"第{at.Row}行");
        if (!string.IsNullOrEmpty(at.Column)) parts.Add(english ? $"column {at.Column}" : $"{at.Column}列");
        var file = at.File ?? "";
        if (parts.Count == 0) return file;
        return (file.Length > 0 ? file + " " : "") + string.Join(english ? ", " : " ", parts);
    }
}
