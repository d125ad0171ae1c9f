using Gaoxin.Features.Accounts;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gaoxin.Features.Hosting;

/// <summary>
/// A request body an endpoint reads itself (not bound by a parameter), for the OpenAPI document: e.g. a workbook posted as
/// the body. Put on the endpoint with <c>WithMetadata</c>.
/// </summary>
public sealed record RequestFileMetadata(string ContentType, string Description);

/// <summary>
/// What the OpenAPI document says beyond what the endpoints' types give: the personal-token scheme (Bearer) and which
/// operations need it — read from each endpoint's authorisation metadata, so a new endpoint is described as it is guarded —
/// the problem+json responses (401 and 403 where a token is needed; 404, 409, 422… where the endpoint declares them), and
/// request bodies an endpoint reads itself.
/// </summary>
public static class ApiDocs
{
    public const string Scheme = "Bearer";
    private const string ProblemSchema = "Problem";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "gx_…",
                Description = "个人令牌:gaoxin users token --email 邮箱 / A personal token made with `gaoxin users token --email E`, sent as Authorization: Bearer gx_…",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = Problem();
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var method = context.Description.HttpMethod ?? "GET";
            // The handler's XML comment (applied before) describes the operation; a summary the endpoint declares stays its summary.
            if (metadata.OfType<IEndpointSummaryMetadata>().LastOrDefault() is { } declared && operation.Summary != declared.Summary)
            {
                if (string.IsNullOrEmpty(operation.Description)) operation.Description = operation.Summary;
                operation.Summary = declared.Summary;
            }
            var statuses = new SortedSet<int>();
            if (NeedsToken(metadata, method))
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] });
                statuses.Add(StatusCodes.Status401Unauthorized);
                statuses.Add(StatusCodes.Status403Forbidden);
            }
            foreach (var refusals in metadata.OfType<RefusalsMetadata>())
                foreach (var kind in refusals.Kinds) statuses.Add(Problems.StatusOf(kind));
            operation.Responses ??= new OpenApiResponses();
            foreach (var status in statuses)
                operation.Responses.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse());
            // Every error response the operation lists (declared here, or by Produces/ProducesProblem) is a problem.
            foreach (var (code, response) in operation.Responses.ToList())
            {
                if (!int.TryParse(code, out var status) || status < 400 || response is not OpenApiResponse concrete) continue;
                concrete.Description = string.IsNullOrEmpty(concrete.Description) || concrete.Description == ReasonPhrase(status)
                    ? Describe(status) : concrete.Description;
                concrete.Content ??= new Dictionary<string, OpenApiMediaType>();
                concrete.Content.Remove("application/json");
                concrete.Content[Problems.ContentType] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) };
            }
            if (metadata.OfType<RequestFileMetadata>().LastOrDefault() is { } file && operation.RequestBody is null)
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = file.Description,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [file.ContentType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                    },
                };
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Whether the endpoint asks for a token: not when it allows anonymous callers, nor when its only policies let anyone read
    /// and this is a read; otherwise yes (a declared policy, or the fallback that asks every undeclared route for a sign-in).
    /// </summary>
    public static bool NeedsToken(IEnumerable<object> metadata, string method)
    {
        var list = metadata as IList<object> ?? metadata.ToList();
        if (list.OfType<IAllowAnonymous>().Any()) return false;
        var policies = list.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
        var read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        return !(read && policies.Count > 0 && policies.All(p => p is Access.OfficeWrites or Access.ZoneStaffWrites));
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    private static string Describe(int status) => status switch
    {
        400 => "The request cannot be read (malformed JSON, a parameter of the wrong type): problem+json.",
        401 => "No personal token, or one that is not valid (code unauthenticated): problem+json.",
        403 => "The token's role or zone may not do this (code forbidden): problem+json.",
        404 => "No such thing (code not_found or the feature's own, e.g. unknown_zone): problem+json.",
        409 => "The thing's state does not allow it now (e.g. approved already, a stale version): problem+json.",
        413 => "The body is larger than the server takes (code payload_too_large or file_too_large): problem+json.",
        415 => "The body is not of a type the route reads (code unsupported_media_type): problem+json.",
        422 => "The input is refused: the code, and the field or the file, sheet, row and column: problem+json.",
        429 => "Too many requests; see Retry-After (code rate_limited): problem+json.",
        _ => $"{ReasonPhrase(status)}: problem+json.",
    };

    /// <summary>The RFC 9457 problem as this API writes it (docs/guide/api.md).</summary>
    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details; see docs/guide/api.md for the codes.",
        Required = new HashSet<string> { "type", "title", "status", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("https://gaoxin.local/problems/{code}"),
            ["title"] = Text("The message in the request's language (zh by default, en with ?lang=en or the language cookie)."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "The HTTP status." },
            ["detail"] = Text("The message with its location, when there is one."),
            ["code"] = Text("The stable code (snake_case)."),
            ["zh"] = Text("The message in Chinese."),
            ["en"] = Text("The message in English."),
            ["field"] = Text("The request field the refusal is about, if any."),
            ["location"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Where in an uploaded file: file, sheet, row (from 1), column.",
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["file"] = Text("File name."), ["sheet"] = Text("Sheet of a workbook."),
                    ["row"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "Row, from 1 as a spreadsheet shows it." },
                    ["column"] = Text("Column name or letter."),
                },
            },
            ["problems"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array, Description = "Imports: every located problem of the file (nothing was imported).",
                Items = new OpenApiSchema { Type = JsonSchemaType.Object },
            },
        },
    };

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
