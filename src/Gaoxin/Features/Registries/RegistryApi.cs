using Gaoxin.Core.Figures;
using Gaoxin.Core.Registries;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Figures;
using Gaoxin.Data.Registries;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Plans;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Features.Registries;

public sealed record RegistryTypeResponse(string Type, string Name, string NameEn, int Count);

public sealed record RegistryItemResponse(string Id, string Type, string? Subtype, string Name, string? Zone, string? Level, decimal? Amount, string? Unit,
    string Status, string? Founded, string? Closed, SourceResponse? Source, string? Accredited, IReadOnlyDictionary<string, string> Attributes, bool IsDemo);

/// <summary>One yearly figure of an item: <c>approval</c> is approved or pending (a zone's figure waiting for the office).</summary>
public sealed record RegistryFigureResponse(int Year, string Measure, decimal Value, string Unit, string Approval);

public sealed record RegistryProjectResponse(int Id, string Name, string Started, string? Ended, string? Result, string Approval);

/// <summary>An item with its figures and projects.</summary>
public sealed record RegistryItemDetailResponse(RegistryItemResponse Item, string Approval, IReadOnlyList<RegistryFigureResponse> Figures,
    IReadOnlyList<RegistryProjectResponse> Projects, object? PendingChange);

/// <summary>
/// A counted element of a zone-year: <c>derived</c> is the registries' count, <c>reported</c> the approved reported value (or null),
/// <c>value</c> the figure evaluation and monitoring use and <c>source</c> which it is (<c>reported</c>, <c>derived</c>, or <c>none</c> when the
/// zone has no approved report for the year, so nothing is used yet).
/// </summary>
public sealed record ZoneCountResponse(string Element, string Name, string NameEn, string Unit, string Count, decimal Derived, decimal? Reported, decimal? Value, string Source);

public sealed record ZoneCountsResponse(string Zone, int Year, IReadOnlyList<ZoneCountResponse> Counts);

/// <summary>GET /api/registries and /api/registries/{type}?zone=CODE&amp;year=Y.</summary>
public static class RegistryApi
{
    public static void MapRegistryApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/registries").WithTags("Registries");
        // Reading is public (pending items and figures are shown to the office and their zone only, by the store);
        // keeping items needs the office or a zone operator (which zone: the store); deciding is the office's.
        var read = group.MapGroup("").AllowAnonymous();
        var keep = group.MapGroup("").RequireApi(Access.ZoneStaff);
        var decide = group.MapGroup("").RequireApi(Access.Office);
        read.MapGet("/", ListTypes).WithName("ListRegistries").WithSummary("The registry types with their item counts");
        read.MapGet("/{type}", ListItems).WithName("ListRegistryItems").WithSummary("Items of a registry, by zone and year; items seeded from the plan carry their quote");
        keep.MapPost("/{type}", AddItem).WithName("AddRegistryItem").WithSummary("Add an item (a zone's waits for the office's approval)");
        decide.MapPost("/items/{id}/approve", (string id, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => DecideAsync(id, true, c, db, clock, ct))
            .WithName("ApproveRegistryItem");
        decide.MapPost("/items/{id}/reject", (string id, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => DecideAsync(id, false, c, db, clock, ct))
            .WithName("RejectRegistryItem");
        keep.MapPost("/items/{id}/close", CloseItem).WithName("CloseRegistryItem").WithSummary("Record that an item closed on a date (its zone or the office)");
        read.MapGet("/items/{id}", GetItem).WithName("GetRegistryItem").WithSummary("An item with its yearly figures and projects");
        keep.MapPut("/items/{id}", EditItem).WithName("EditRegistryItem").WithSummary("Edit an item (a zone's edit of an approved item waits for the office)");
        decide.MapPost("/items/{id}/change/approve", (string id, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => DecideChangeAsync(id, true, c, db, clock, ct))
            .WithName("ApproveRegistryChange");
        decide.MapPost("/items/{id}/change/reject", (string id, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => DecideChangeAsync(id, false, c, db, clock, ct))
            .WithName("RejectRegistryChange");
        keep.MapPut("/items/{id}/figures/{year:int}", SetFigures).WithName("SetRegistryFigures").WithSummary("Set an item's figures for a year, e.g. {\"revenue\": 520}");
        decide.MapPost("/items/{id}/figures/{year:int}/approve", (string id, int year, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => DecideFiguresAsync(id, year, true, c, db, clock, ct))
            .WithName("ApproveRegistryFigures");
        keep.MapPost("/items/{id}/projects", AddProject).WithName("AddAllianceProject").WithSummary("Add a collaborative project to an alliance");
        decide.MapPost("/projects/{projectId:int}/approve", (int projectId, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => DecideProjectAsync(projectId, true, c, db, clock, ct))
            .WithName("ApproveAllianceProject");
        decide.MapPost("/projects/{projectId:int}/reject", (int projectId, HttpContext c, GaoxinDb db, TimeProvider clock, CancellationToken ct) => DecideProjectAsync(projectId, false, c, db, clock, ct))
            .WithName("RejectAllianceProject");
        keep.MapPost("/{type}/import", ImportWorkbook).WithName("ImportRegistryWorkbook").WithSummary("Import a registry workbook (.xlsx, all or nothing)").DisableAntiforgery()
            .WithMetadata(new Hosting.RequestFileMetadata("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "The workbook itself as the body (the registry's export, edited)."))
            .Refuses(RefusalKind.NotFound, RefusalKind.TooLarge, RefusalKind.Invalid);
        api.MapGet("/zones/{code}/counts", ZoneCounts).AllowAnonymous().WithTags("Registries").WithName("ZoneRegistryCounts")
            .WithSummary("The counts the registries give a zone's data elements for a year, beside what the zone reported");
    }

    private static ProblemHttpResult Refused(string code) => (Refusal.Of(code switch
    {
        "forbidden" => RefusalKind.Forbidden,
        "not_found" => RefusalKind.NotFound,
        "not_pending" or "rejected" => RefusalKind.Conflict,
        "file_too_large" => RefusalKind.TooLarge,
        _ => RefusalKind.Invalid,
    }, code, () => RegistryText.Refusal(code)) with
    {
        Extensions = code == "file_too_large" ? new Dictionary<string, object?> { ["limit"] = DataImport.MaxBytes } : null,
    }).ToResult();

    /// <summary>An item as the caller may see it: pending items, changes, figures and projects only for the office and the item's zone.</summary>
    public static async Task<Results<Ok<RegistryItemDetailResponse>, ProblemHttpResult>> GetItem(string id, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        if (await RegistryStore.ViewAsync(db, await context.TokenPrincipalAsync(), id, ct) is not { } view)
            return Refusal.NotFound("unknown_registry_item", $"没有编号为“{id}”的名录条目(或您无权查看)。", $"No registry item '{id}' (or it is not yours to see).").ToResult();
        var item = view.Item;
        return TypedResults.Ok(new RegistryItemDetailResponse(ToResponse(item), item.Approval,
            view.Figures.Select(f => new RegistryFigureResponse(f.Year, f.Measure.Replace("pending:", "", StringComparison.Ordinal), Json.Normalize(f.Value),
                RegistryFigures.UnitOf(f.Measure.Replace("pending:", "", StringComparison.Ordinal)), f.Approval)).ToList(),
            view.Projects.Select(p => new RegistryProjectResponse(p.Id, p.Name, p.Started.ToString("yyyy-MM-dd"), p.Ended?.ToString("yyyy-MM-dd"), p.Result, p.Approval)).ToList(),
            view.PendingChange is null ? null : System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(view.PendingChange)));
    }

    public sealed record EditItemRequest(string? Name, string? Subtype, string? Level, DateOnly? Founded, DateOnly? Accredited, decimal? Amount, string? Unit,
        Dictionary<string, string>? Attributes);

    public static async Task<Results<Ok<AddedItemResponse>, ProblemHttpResult, UnauthorizedHttpResult>> EditItem(string id, EditItemRequest request, HttpContext context, GaoxinDb db,
        TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var refused = await RegistryStore.EditAsync(db, who, id, new RegistryStore.ItemChange(request.Name, request.Subtype, request.Level, request.Founded,
            request.Accredited, request.Amount, request.Unit, request.Attributes), clock, ct);
        if (refused is not null) return Refused(refused);
        var item = await RegistryStore.FindAsync(db, id, ct);
        return TypedResults.Ok(new AddedItemResponse(id, item!.PendingChange is not null ? "pending" : item.Approval));
    }

    private static async Task<Results<NoContent, ProblemHttpResult, UnauthorizedHttpResult>> DecideChangeAsync(string id, bool approve, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        return await RegistryStore.DecideChangeAsync(db, who, id, approve, clock, ct) is { } refused ? Refused(refused) : TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult, UnauthorizedHttpResult>> SetFigures(string id, int year, Dictionary<string, decimal> figures, HttpContext context,
        GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        return await RegistryStore.SetFiguresAsync(db, who, id, year, figures, clock, ct) is { } refused ? Refused(refused) : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult, UnauthorizedHttpResult>> DecideFiguresAsync(string id, int year, bool approve, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        return await RegistryStore.DecideFiguresAsync(db, who, id, year, approve, clock, ct) is { } refused ? Refused(refused) : TypedResults.NoContent();
    }

    public sealed record AddProjectRequest(string Name, DateOnly Started, DateOnly? Ended, string? Result);

    public sealed record AddedProjectResponse(int Id, string Approval);

    public static async Task<Results<Created<AddedProjectResponse>, ProblemHttpResult, UnauthorizedHttpResult>> AddProject(string id, AddProjectRequest request, HttpContext context,
        GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var (projectId, refused) = await RegistryStore.AddProjectAsync(db, who, id, request.Name, request.Started, request.Ended, request.Result, clock, ct);
        if (refused is not null) return Refused(refused);
        return TypedResults.Created($"/api/registries/items/{id}", new AddedProjectResponse(projectId!.Value, who.IsAdmin ? "approved" : "pending"));
    }

    private static async Task<Results<NoContent, ProblemHttpResult, UnauthorizedHttpResult>> DecideProjectAsync(int projectId, bool approve, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        return await RegistryStore.DecideProjectAsync(db, who, projectId, approve, clock, ct) is { } refused ? Refused(refused) : TypedResults.NoContent();
    }

    public sealed record ImportResponse(int Added, int Edited);

    public sealed record ImportProblem(string File, string? Sheet, int Row, string? Column, string? Value, string Code, string Message);

    /// <summary>POST the .xlsx as the request body (Content-Type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet).</summary>
    public static async Task<Results<Ok<ImportResponse>, ProblemHttpResult, UnauthorizedHttpResult>> ImportWorkbook(
        string type, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        // Refused before the body is read: who may not import (the policy), an unknown registry, a body declared too large.
        if (!RegistrySeedParser.Types.Contains(type)) return TypedResults.Problem(statusCode: 404, title: $"No registry '{type}'.");
        if (context.Request.ContentLength > DataImport.MaxBytes) return Refused("file_too_large");
        using var buffer = new MemoryStream();
        try
        {
            var chunk = new byte[81920];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > DataImport.MaxBytes) return Refused("file_too_large");
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refused("file_too_large");
        }
        buffer.Position = 0;
        var (added, edited, problems) = await RegistryWorkbook.ImportAsync(db, who, type, "upload.xlsx", buffer, clock, ct);
        if (problems.Count > 0)
            return Refusal.ImportRefused(problems.Select(p => new ImportProblem(p.File, p.Sheet, p.Row, p.Column, p.Value, p.Code, RegistryText.Problem(p))).ToList(),
                p => new RefusalLocation(p.File, p.Sheet, p.Row, p.Column)).ToResult();
        return TypedResults.Ok(new ImportResponse(added, edited));
    }

    public static async Task<Results<Ok<ZoneCountsResponse>, ProblemHttpResult>> ZoneCounts(string code, int? year, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Zones.AnyAsync(z => z.Code == code, ct)) return Refusal.UnknownZone(code).ToResult();
        var y = year ?? clock.GetUtcNow().Year - 1;
        return TypedResults.Ok(new ZoneCountsResponse(code, y, await CountsOfAsync(db, code, y, ct)));
    }

    /// <summary>
    /// Each counted element of a zone-year: the registries' count, the approved reported value, and the figure in force with its
    /// source (<c>reported</c>, <c>registry</c>, or <c>none</c> while the zone-year has no approved report).
    /// </summary>
    public static async Task<List<ZoneCountResponse>> CountsOfAsync(GaoxinDb db, string zone, int year, CancellationToken ct)
    {
        var set = await Data.Collection.DataSetStore.GetAsync(db, ct);
        var derived = (await RegistryStore.DerivedValuesAsync(db, set, zone, [year], ct)).ToDictionary(v => v.Element, v => v.Value);
        var inForce = (await FigureStore.InForceAsync(db, year, year, zone, ct)).ToDictionary(f => f.Value.Element);
        return set.Elements.Where(e => e.Derived is not null).Select(e =>
        {
            var figure = inForce.GetValueOrDefault(e.Code);
            decimal? reported = figure?.Source == FigureSource.Reported ? figure.Value.Value : null;
            return new ZoneCountResponse(e.Code, e.Name, e.NameEn, e.Unit, e.Derived!.ToString(), Json.Normalize(derived[e.Code]), Json.Normalize(reported),
                Json.Normalize(figure?.Value.Value), figure?.SourceName ?? "none");
        }).ToList();
    }

    public sealed record CloseRequest(DateOnly Closed);

    public static async Task<Results<NoContent, ProblemHttpResult, UnauthorizedHttpResult>> CloseItem(string id, CloseRequest request, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        return await RegistryStore.CloseAsync(db, who, id, request.Closed, clock, ct) switch
        {
            null => TypedResults.NoContent(),
            "forbidden" => TypedResults.Problem(statusCode: 403, title: "You may not close this item."),
            "not_found" => TypedResults.Problem(statusCode: 404, title: $"No item '{id}'."),
            var code => TypedResults.Problem(statusCode: 409, title: code),
        };
    }

    /// <summary>A new item; <c>confirmDistinct</c> confirms it is not the existing item with a similar name the first attempt was refused for.</summary>
    public sealed record AddItemRequest(string Name, string Zone, DateOnly Founded, string? Subtype, string? Level, decimal? Amount, string? Unit,
        bool ConfirmDistinct = false, Dictionary<string, string>? Attributes = null);

    public sealed record AddedItemResponse(string Id, string Approval);

    public static async Task<Results<Created<AddedItemResponse>, ProblemHttpResult, UnauthorizedHttpResult>> AddItem(
        string type, AddItemRequest request, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var (id, refused) = await RegistryStore.AddAsync(db, who, type, request.Subtype, request.Name, request.Zone, request.Level, request.Founded,
            request.Amount, request.Unit, clock, ct, request.ConfirmDistinct);
        if (refused is not null && refused.StartsWith("similar_name:", StringComparison.Ordinal))
            return (Refusal.Of(RefusalKind.Conflict, "similar_name", () => RegistryText.Refusal(refused)) with
            {
                Field = "name", Extensions = new Dictionary<string, object?> { ["similarTo"] = refused[13..] },
            }).ToResult();
        if (refused is not null)
            return Refusal.Of(refused switch
            {
                "forbidden" => RefusalKind.Forbidden,
                "unknown_type" or "unknown_zone" => RefusalKind.NotFound,
                "duplicate_name" => RefusalKind.Conflict,
                _ => RefusalKind.Invalid,
            }, refused, () => RegistryText.Refusal(refused)).ToResult();
        if (request.Attributes is { Count: > 0 })
            await RegistryStore.EditAsync(db, who, id!, new RegistryStore.ItemChange(null, null, null, null, null, null, null, request.Attributes), clock, ct);
        return TypedResults.Created($"/api/registries/{type}", new AddedItemResponse(id!, who.IsAdmin ? "approved" : "pending"));
    }

    private static async Task<Results<NoContent, ProblemHttpResult, UnauthorizedHttpResult>> DecideAsync(string id, bool approve, HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
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
        i.Section is not null && i.Quote is not null ? new SourceResponse(i.Section, i.Quote) : null,
        i.Accredited?.ToString("yyyy-MM-dd"), RegistryStore.AttributesOf(i), i.IsDemo);
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
        ("talent", false) => "高端人才、团队与人才载体", ("talent", true) => "High-level talents, teams and talent programmes",
        ("partnership", false) => "对口合作与国际合作", ("partnership", true) => "Partnerships",
        ("partner_institution", false) => "合作高校与科研院所", ("partner_institution", true) => "Partner universities and research institutes",
        ("outcome", false) => "项目成果(关键技术与新产品)", ("outcome", true) => "Project outcomes (key technologies and new products)",
        ("focus_industry", false) => "聚焦的战略性新兴产业", ("focus_industry", true) => "Focus strategic emerging industries",
        _ => type,
    };

    /// <summary>The plan's column that names items of this type, in the chosen language (专栏7, Column 7); empty when none.</summary>
    public static string Column(string type)
    {
        var n = type switch
        {
            "alliance" => 2, "cluster" => 4, "rd_institution" => 5, "tech_platform" => 6,
            "carrier" => 7, "fund" => 8, "finance" => 9, "talent" => 10, _ => 0,
        };
        return n == 0 ? "" : Text.T($"专栏{n}", $"Column {n}");
    }

    public static string Refusal(string code) => code switch
    {
        _ when code.StartsWith("similar_name:", StringComparison.Ordinal) => Text.T($"已有名称相近的条目“{code[13..]}”。如确为不同条目,请勾选“确认不是同一条目”后再提交。",
            $"An item with a similar name exists (“{code[13..]}”). If this is a different one, tick “not the same item” and submit again."),
        "duplicate_name" => Text.T("该高新区同类名录中已有同名条目(忽略空格和标点),请勿重复录入。", "This zone already has an item of this type with the same name (ignoring spaces and punctuation)."),
        "name_required" => Text.T("请填写名称。", "Enter a name."),
        "unknown_zone" => Text.T("未知的高新区。", "Unknown zone."),
        "unknown_level" => Text.T("级别须为国家级、省级或市级。", "The level must be national, provincial or municipal."),
        "already_closed" => Text.T("该条目已记录撤销。", "The item is already closed."),
        "closed_before_founded" => Text.T("撤销日期不能早于成立日期。", "The closing date cannot precede the founding date."),
        "not_pending" => Text.T("该条目不在待审核状态。", "The item is not awaiting a decision."),
        "unknown_subtype" => Text.T("类别不属于该名录。", "The subtype does not belong to this registry."),
        "unknown_figure" => Text.T("该名录没有此项年度数据。", "This registry has no such yearly figure."),
        "negative_figure" => Text.T("年度数据不能为负数。", "A figure cannot be negative."),
        "bad_year" => Text.T("年份超出范围。", "The year is out of range."),
        "not_an_alliance" => Text.T("只有产业技术创新联盟登记协同创新项目。", "Only alliances record collaborative projects."),
        "ended_before_started" => Text.T("结束日期不能早于开始日期。", "The end date cannot precede the start date."),
        "rejected" => Text.T("该条目已被退回。", "The item was rejected."),
        "forbidden" => Text.T("只能维护本高新区的条目。", "You may only keep your own zone's items."),
        "unknown_item" => Text.T("编号不存在;新增条目请将编号留空。", "No item has this id; leave the id empty to add an item."),
        "zone_changed" => Text.T("不能更改条目所属高新区。", "An item's zone cannot be changed."),
        "unknown_column" => Text.T("未知的列名(第1行须为导出模板中的列名)。", "Unknown column (row 1 must hold the template's column keys)."),
        "missing_column" => Text.T("缺少必需的列。", "A required column is missing."),
        "missing_sheet" => Text.T("工作簿中没有以名录类型命名的工作表。", "The workbook has no sheet named after the registry type."),
        "file_too_large" => Text.T("文件过大(上传上限 20 MB,解压后上限 100 MB)。", "The file is too large (20 MB uploaded, 100 MB unpacked at most)."),
        "too_many_entries" => Text.T("工作簿内部文件过多,请用 Excel 重新保存后上传。", "The workbook has too many parts; save it again from Excel."),
        "xml_dtd_not_allowed" => Text.T("工作簿中含有文档类型声明(DTD),出于安全原因拒绝导入。", "The workbook contains a document type declaration (DTD); it is refused for safety."),
        "malformed_xml" => Text.T("工作簿中有部分内容不是格式正确的 XML,文件可能已损坏。", "A part of the workbook is not well-formed XML; it may be damaged."),
        "not_a_workbook" => Text.T("无法读取文件,请上传 .xlsx 工作簿。", "The file cannot be read; upload an .xlsx workbook."),
        "bad_date" => Text.T("日期格式应为 yyyy-MM-dd。", "Dates are written yyyy-MM-dd."),
        "founded_required" => Text.T("新增条目须填写成立日期。", "A new item needs its founding date."),
        "not_a_number" => Text.T("须为不小于 0 的数字。", "Must be a number of at least 0."),
        "too_long" => Text.T("文字过长。", "The text is too long."),
        "control_character" => Text.T("文字中含有控制字符,请删除。", "The text holds a control character; remove it."),
        "bad_attribute" => Text.T("属性须写成 键=值,用分号分隔。", "Write attributes as key=value, separated by semicolons."),
        _ => code,
    };

    /// <summary>A located import problem: sheet, cell and reason.</summary>
    public static string Problem(Core.Collection.DataProblem p) =>
        $"{p.File} {p.Sheet}!{p.Column}{(p.Row > 0 ? p.Row.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}: {Refusal(p.Code)}"
        + (p.Code == "too_long" ? Text.T($"(上限 {p.Detail} 个字符)", $" (at most {p.Detail} characters)") : "")
        + (p.Value is { Length: > 0 } v ? $" ({v})" : "") + (p.Code == "duplicate_name" && p.Detail is { } other ? Text.T($" 与 {other} 重复", $" same as {other}") : "");

    public static string Status(string status) => status == "planned" ? Text.T("规划建设", "planned") : Text.T("已有", "existing");

    /// <summary>The finer kind of an item (the registry's subtype code) in words.</summary>
    public static string Subtype(string? subtype) => subtype switch
    {
        null => "—",
        "high_end_equipment" => Text.T("高端装备制造", "high-end equipment"),
        "new_materials" => Text.T("新材料", "new materials"),
        "new_generation_it" => Text.T("新一代信息技术", "new-generation IT"),
        "health_biomed" => Text.T("健康医疗和生物医药", "health and biomedicine"),
        "biomedical_engineering" => Text.T("生物医药工程", "biomedical engineering"),
        "energy_saving_environmental" => Text.T("节能环保", "energy saving and environment"),
        "engineering_research_centre" => Text.T("工程研究中心", "engineering research centre"),
        "key_laboratory" => Text.T("重点实验室", "key laboratory"),
        "engineering_laboratory" => Text.T("工程实验室", "engineering laboratory"),
        "enterprise_tech_centre" => Text.T("企业技术中心", "enterprise technology centre"),
        "common_technology" => Text.T("产业共性技术创新平台", "common-technology platform"),
        "specialised_technology" => Text.T("产业专业技术创新平台", "specialised-technology platform"),
        "comprehensive_service" => Text.T("产业技术创新综合服务平台", "comprehensive service platform"),
        "maker_space" => Text.T("众创空间", "maker space"),
        "nursery" => Text.T("创业苗圃", "start-up nursery"),
        "incubator" => Text.T("孵化器", "incubator"),
        "accelerator" => Text.T("加速器", "accelerator"),
        "science_park" => Text.T("科技园", "science park"),
        "vc" => Text.T("创业投资基金", "venture capital fund"),
        "industry" => Text.T("产业投资基金", "industry fund"),
        "guidance" => Text.T("引导基金", "guidance fund"),
        "angel" => Text.T("天使投资基金", "angel fund"),
        "loan" => Text.T("贷款", "loan"),
        "talent" => Text.T("人才基金", "talent fund"),
        "risk_compensation" => Text.T("风险补偿资金", "risk compensation fund"),
        "bank" => Text.T("银行", "bank"),
        "insurer" => Text.T("保险机构", "insurer"),
        "guarantor" => Text.T("担保机构", "guarantor"),
        "leasing" => Text.T("融资租赁", "leasing"),
        "microloan" => Text.T("小额贷款公司", "microloan company"),
        "vc_institution" => Text.T("创业投资机构", "venture capital firm"),
        "platform" => Text.T("服务平台", "platform"),
        "alliance" => Text.T("联盟", "alliance"),
        "building" => Text.T("楼宇", "building"),
        "person" => Text.T("人才", "person"),
        "team" => Text.T("团队", "team"),
        "base" => Text.T("基地", "base"),
        "workstation" => Text.T("工作站", "workstation"),
        "facility" => Text.T("设施", "facility"),
        "programme" => Text.T("计划", "programme"),
        "fund" => Text.T("基金", "fund"),
        "policy" => Text.T("政策", "policy"),
        "event" => Text.T("活动", "event"),
        "domestic" => Text.T("国内合作", "domestic"),
        "international" => Text.T("国际合作", "international"),
        "academy" => Text.T("科研院所(院)", "academy"),
        "university" => Text.T("高校", "university"),
        "research_institute" => Text.T("研究所", "research institute"),
        "partner_set" => Text.T("合作院校组合", "set of partners"),
        "key_technology" => Text.T("关键技术", "key technology"),
        "new_product" => Text.T("新产品", "new product"),
        "other" => Text.T("其他", "other"),
        _ => subtype,
    };

    /// <summary>A yearly figure of a registry item (revenue, incubated …) in words.</summary>
    public static string Figure(string figure) => figure switch
    {
        "revenue" => Text.T("营业收入", "revenue"),
        "incubated" => Text.T("在孵企业累计", "incubated"),
        "graduated" => Text.T("毕业企业", "graduated"),
        "incubating" => Text.T("在孵企业", "incubating"),
        "members" => Text.T("成员单位", "members"),
        _ => figure,
    };

    public static string Level(string? level) => level switch
    {
        "national" => Text.T("国家级", "national"),
        "provincial" => Text.T("省级", "provincial"),
        "municipal" => Text.T("市级", "municipal"),
        _ => "—",
    };
}
