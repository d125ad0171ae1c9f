using Gaoxin.Core.Registries;
using Gaoxin.Data;
using Gaoxin.Data.Registries;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Plans;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Registries;

public sealed record RegistryTypeResponse(string Type, string Name, string NameEn, int Count);

public sealed record RegistryItemResponse(string Id, string Type, string? Subtype, string Name, string? Zone, string? Level, decimal? Amount, string? Unit,
    string Status, string? Founded, string? Closed, SourceResponse? Source);

/// <summary>GET /api/registries and /api/registries/{type}?zone=CODE&amp;year=Y.</summary>
public static class RegistryApi
{
    public static void MapRegistryApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/registries").WithTags("Registries");
        group.MapGet("/", ListTypes).WithName("ListRegistries").WithSummary("The registry types with their item counts");
        group.MapGet("/{type}", ListItems).WithName("ListRegistryItems").WithSummary("Items of a registry, by zone and year; items seeded from the plan carry their quote");
        group.MapPost("/{type}", AddItem).WithName("AddRegistryItem").WithSummary("Add an item (a zone's waits for the office's approval)");
        group.MapPost("/items/{id}/approve", (string id, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => DecideAsync(id, true, c, db, clock, ct))
            .WithName("ApproveRegistryItem");
        group.MapPost("/items/{id}/reject", (string id, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => DecideAsync(id, false, c, db, clock, ct))
            .WithName("RejectRegistryItem");
        group.MapPost("/items/{id}/close", CloseItem).WithName("CloseRegistryItem").WithSummary("Record that an item closed on a date (its zone or the office)");
    }

    public sealed record CloseRequest(DateOnly Closed);

    public static async Task<Results<NoContent, ProblemHttpResult, UnauthorizedHttpResult>> CloseItem(string id, CloseRequest request, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await context.TokenPrincipalAsync() is not { } who) return TypedResults.Unauthorized();
        return await RegistryStore.CloseAsync(db, who, id, request.Closed, clock, ct) switch
        {
            null => TypedResults.NoContent(),
            "forbidden" => TypedResults.Problem(statusCode: 403, title: "You may not close this item."),
            "not_found" => TypedResults.Problem(statusCode: 404, title: $"No item '{id}'."),
            var code => TypedResults.Problem(statusCode: 409, title: code),
        };
    }

    public sealed record AddItemRequest(string Name, string Zone, DateOnly Founded, string? Subtype, string? Level, decimal? Amount, string? Unit);

    public sealed record AddedItemResponse(string Id, string Approval);

    public static async Task<Results<Created<AddedItemResponse>, ProblemHttpResult, UnauthorizedHttpResult>> AddItem(
        string type, AddItemRequest request, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await context.TokenPrincipalAsync() is not { } who) return TypedResults.Unauthorized();
        var (id, refused) = await RegistryStore.AddAsync(db, who, type, request.Subtype, request.Name, request.Zone, request.Level, request.Founded,
            request.Amount, request.Unit, clock, ct);
        if (refused is not null)
            return TypedResults.Problem(statusCode: refused == "forbidden" ? 403 : refused is "unknown_type" or "unknown_zone" ? 404 : 422, title: refused,
                extensions: new Dictionary<string, object?> { ["code"] = refused });
        return TypedResults.Created($"/api/registries/{type}", new AddedItemResponse(id!, who.IsAdmin ? "approved" : "pending"));
    }

    private static async Task<Results<NoContent, ProblemHttpResult, UnauthorizedHttpResult>> DecideAsync(string id, bool approve, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await context.TokenPrincipalAsync() is not { } who) return TypedResults.Unauthorized();
        return await RegistryStore.DecideAsync(db, who, id, approve, clock, ct) switch
        {
            null => TypedResults.NoContent(),
            "forbidden" => TypedResults.Problem(statusCode: 403, title: "Only the office approves registry items."),
            "not_found" => TypedResults.Problem(statusCode: 404, title: $"No item '{id}'."),
            var code => TypedResults.Problem(statusCode: 409, title: code),
        };
    }

    public static async Task<Ok<List<RegistryTypeResponse>>> ListTypes(GaoxinDb db, CancellationToken ct)
    {
        var counts = await RegistryStore.CountsAsync(db, ct);
        return TypedResults.Ok(RegistrySeedParser.Types.Select(t => new RegistryTypeResponse(t, RegistryText.TypeName(t, false), RegistryText.TypeName(t, true), counts.GetValueOrDefault(t))).ToList());
    }

    public static async Task<Results<Ok<List<RegistryItemResponse>>, ProblemHttpResult>> ListItems(string type, string? zone, int? year, GaoxinDb db, CancellationToken ct)
    {
        if (!RegistrySeedParser.Types.Contains(type))
            return TypedResults.Problem(statusCode: 404, title: $"No registry '{type}'. Registries: {string.Join(", ", RegistrySeedParser.Types)}.");
        var items = await RegistryStore.ListAsync(db, type, zone, year, ct);
        return TypedResults.Ok(items.Select(ToResponse).ToList());
    }

    public static RegistryItemResponse ToResponse(RegistryItemRecord i) => new(
        i.Id, i.Type, i.Subtype, i.Name, i.ZoneCode, i.Level, Json.Normalize(i.Amount), i.Unit, i.Status,
        i.Founded?.ToString("yyyy-MM-dd"), i.Closed?.ToString("yyyy-MM-dd"),
        i.Section is not null && i.Quote is not null ? new SourceResponse(i.Section, i.Quote) : null);
}

/// <summary>Names of registry types and statuses, in both languages.</summary>
public static class RegistryText
{
    public static string TypeName(string type, bool english) => (type, english) switch
    {
        ("alliance", false) => "产业技术创新联盟", ("alliance", true) => "Industry technology innovation alliances",
        ("cluster", false) => "创新型产业集群", ("cluster", true) => "Innovative industrial clusters",
        ("rd_institution", false) => "工程研究中心、实验室等研发机构", ("rd_institution", true) => "Engineering centres, laboratories and other R&D institutions",
        ("tech_platform", false) => "产业专业技术创新平台", ("tech_platform", true) => "Industry technology innovation platforms",
        ("carrier", false) => "众创空间与孵化载体", ("carrier", true) => "Maker spaces and incubation carriers",
        ("fund", false) => "股权投资基金", ("fund", true) => "Funds",
        ("finance", false) => "金融机构与科技金融", ("finance", true) => "Financial institutions and services",
        ("talent", false) => "人才载体与计划", ("talent", true) => "Talent programmes and facilities",
        _ => type,
    };

    public static string Column(string type) => type switch
    {
        "alliance" => "专栏2", "cluster" => "专栏4", "rd_institution" => "专栏5", "tech_platform" => "专栏6",
        "carrier" => "专栏7", "fund" => "专栏8", "finance" => "专栏9", "talent" => "专栏10", _ => "",
    };

    public static string Refusal(string code) => code switch
    {
        "duplicate_name" => Text.T("该高新区同类名录中已有同名条目(忽略空格和标点),请勿重复录入。", "This zone already has an item of this type with the same name (ignoring spaces and punctuation)."),
        "name_required" => Text.T("请填写名称。", "Enter a name."),
        "unknown_zone" => Text.T("未知的高新区。", "Unknown zone."),
        "unknown_level" => Text.T("级别须为国家级、省级或市级。", "The level must be national, provincial or municipal."),
        "already_closed" => Text.T("该条目已记录撤销。", "The item is already closed."),
        "closed_before_founded" => Text.T("撤销日期不能早于成立日期。", "The closing date cannot precede the founding date."),
        "not_pending" => Text.T("该条目不在待审核状态。", "The item is not awaiting a decision."),
        _ => code,
    };

    public static string Status(string status) => status == "planned" ? Text.T("规划建设", "planned") : Text.T("已有", "existing");

    public static string Level(string? level) => level switch
    {
        "national" => Text.T("国家级", "national"),
        "provincial" => Text.T("省级", "provincial"),
        "municipal" => Text.T("市级", "municipal"),
        _ => "—",
    };
}
