using System.Text;
using System.Text.Json;
using Gaoxin.Core.Portal;
using Gaoxin.Data;
using Gaoxin.Data.Portal;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Home;
using Gaoxin.Features.Plans;
using Gaoxin.Features.Shared;
using Gaoxin.Features.Zones;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Features.OpenData;

/// <summary>One field of a dataset, as the data dictionary describes it.</summary>
/// <param name="Name">The field's name in the files.</param>
/// <param name="Type">string, integer, number, date, datetime or boolean.</param>
/// <param name="Unit">The unit of a number, if any.</param>
/// <param name="Zh">What the field holds, in Chinese.</param>
/// <param name="En">What the field holds, in English.</param>
public sealed record OpenField(string Name, string Type, string? Unit, string Zh, string En);

/// <summary>A dataset of the open data: its id, titles, formats and fields.</summary>
public sealed record OpenDataset(string Id, string Zh, string En, IReadOnlyList<string> Formats, IReadOnlyList<OpenField> Fields, string NoteZh, string NoteEn);

/// <summary>
/// The open data: every dataset with its data dictionary, and the rows it holds. Everything here is public by the one rule
/// of the portal: figures in force are approved figures only, evaluation results come from published runs only, registry
/// items only once the office approved them.
/// </summary>
public static class OpenDataCatalog
{
    public static readonly OpenDataset Figures = new("figures", "高新区年度数据(现行数据)", "Zone-year figures in force", ["csv", "json", "jsonstat"],
    [
        new("zone", "string", null, "填报单位代码(高新区代码;全省数据为省代码)", "Reporting unit code (a zone's code; the province's for province-level figures)"),
        new("year", "integer", null, "数据年度", "Year of the figure"),
        new("indicator", "string", null, "数据元代码,见指标表 indicators", "Data element code, see the indicators dataset"),
        new("value", "number", "见 unit", "数值", "Value"),
        new("unit", "string", null, "计量单位", "Unit of measure"),
        new("source", "string", null, "来源:reported 已批准填报值;registry 名录计数;enterprises 企业年报汇总;contracts 技术合同登记;pool 后备库计数 等", "Source: reported (approved report), registry (registry count), enterprises (returns' aggregate), contracts (registered technology contracts), pool (reserve pool) …"),
    ], "仅含已批准的数据;未批准、退回或草稿中的数据不公开。", "Approved figures only: drafts, submitted or returned reports are never published.");

    public static readonly OpenDataset Indicators = new("indicators", "指标(数据元)表", "Indicators (data elements)", ["csv", "json"],
    [
        new("code", "string", null, "数据元代码", "Data element code"),
        new("name", "string", null, "中文名称", "Name in Chinese"),
        new("name_en", "string", null, "英文名称", "Name in English"),
        new("unit", "string", null, "计量单位", "Unit of measure"),
        new("type", "string", null, "数值类型:number 或 integer", "Value type: number or integer"),
    ], "数据元定义来自平台数据集文件。", "Definitions from the platform's data set file.");

    public static readonly OpenDataset Evaluations = new("evaluations", "综合评价结果(已发布)", "Published evaluation results", ["csv", "json"],
    [
        new("year", "integer", null, "评价年度", "Year evaluated"),
        new("model", "string", null, "评价模型代码", "Evaluation model id"),
        new("run", "integer", null, "评价记录编号", "Run number"),
        new("published_at", "datetime", "UTC", "发布时间", "When the run was published"),
        new("zone", "string", null, "高新区代码", "Zone code"),
        new("group", "string", null, "参评组别", "Group ranked in"),
        new("composite", "number", "分", "综合得分", "Composite score"),
        new("rank", "integer", null, "组内名次", "Rank in the group"),
        new("grade", "string", null, "等级:excellent 优秀、good 良好、pass 合格、fail 不合格(无等级模型为空)", "Grade: excellent, good, pass, fail (empty for a model without grades)"),
        new("uses_demo_data", "boolean", null, "是否基于演示数据", "Computed from demo data"),
    ], "只含已发布的评价;未发布的评价记录不公开。", "Published runs only; a run not yet published never appears.");

    public static readonly OpenDataset Registries = new("registries", "名录(已审核)", "Registries (approved items)", ["csv", "json"],
    [
        new("id", "string", null, "名录项编号", "Item id"),
        new("type", "string", null, "名录类型(产业集群、孵化器、研发机构等)", "Registry type (cluster, incubator, R&D institution …)"),
        new("subtype", "string", null, "子类型", "Subtype"),
        new("name", "string", null, "名称", "Name"),
        new("zone", "string", null, "所在高新区代码", "Zone code"),
        new("level", "string", null, "认定级别:national、provincial、municipal", "Accreditation level: national, provincial, municipal"),
        new("status", "string", null, "existing 已有;planned 规划新建", "existing or planned"),
        new("founded", "date", null, "成立日期", "Date founded"),
        new("accredited", "date", null, "认定日期", "Date accredited"),
        new("closed", "date", null, "撤销日期", "Date closed"),
        new("is_demo", "boolean", null, "是否演示数据", "Demo item, not real"),
    ], "只含省科技厅审核通过的名录项。", "Items the office approved only.");

    public static readonly OpenDataset ZonesSet = new("zones", "高新区基本信息", "Zones", ["csv", "json"],
    [
        new("code", "string", null, "高新区代码", "Zone code"),
        new("name", "string", null, "名称", "Name"),
        new("name_en", "string", null, "英文名称", "Name in English"),
        new("city", "string", null, "所在城市", "City"),
        new("county", "string", null, "所在县(区)", "County"),
        new("level", "string", null, "级别:national 国家级;provincial 省级", "Level: national or provincial"),
        new("status", "string", null, "状态:active、yellow_card、delisted", "Status: active, yellow_card, delisted"),
        new("governance", "string", null, "管理体制:merged 与行政区合并;dispatched 派出机关", "Governance: merged or dispatched"),
        new("leading_industries", "string", null, "主导产业(以 ; 分隔,规划 专栏3)", "Leading industries (separated by ;, the plan's column 3)"),
        new("area_km2", "number", "km²", "面积", "Area"),
        new("lat", "number", "°", "地图位置纬度(近似)", "Map latitude (approximate)"),
        new("lon", "number", "°", "地图位置经度(近似)", "Map longitude (approximate)"),
        new("location_precision", "string", null, "位置精度:district 区县驻地;city 城市中心", "Precision: district seat or city centre"),
        new("address", "string", null, "管委会地址", "Management committee's address"),
        new("phone", "string", null, "联系电话", "Phone"),
        new("email", "string", null, "电子邮箱", "Email"),
        new("website", "string", null, "网站", "Website"),
    ], "位置为近似位置,来源见平台随附的园区位置文件。", "Positions are approximate; sources in portal/zone-locations.yaml.");

    /// <summary>Every dataset, in the order the page lists them.</summary>
    public static readonly IReadOnlyList<OpenDataset> All = [ZonesSet, Figures, Indicators, Evaluations, Registries];

    /// <summary>The dataset's rows, one value per field in the dictionary's order.</summary>
    public static async Task<List<object?[]>> RowsAsync(OpenDataset dataset, GaoxinDb db, PortalMap map, CancellationToken ct)
    {
        switch (dataset.Id)
        {
            case "figures":
            {
                var elements = await PublicFacts.ElementsAsync(db, ct);
                return (await PublicFacts.FiguresAsync(db, null, ct))
                    .OrderBy(f => f.Value.Unit, StringComparer.Ordinal).ThenBy(f => f.Value.Year).ThenBy(f => f.Value.Element, StringComparer.Ordinal)
                    .Select(f => new object?[] { f.Value.Unit, f.Value.Year, f.Value.Element, Json.Normalize(f.Value.Value), elements.GetValueOrDefault(f.Value.Element)?.Unit, f.SourceName })
                    .ToList();
            }
            case "indicators":
                return (await Data.Collection.DataSetStore.GetAsync(db, ct)).Elements
                    .Select(e => new object?[] { e.Code, e.Name, e.NameEn, e.Unit, e.Type == Core.Collection.ElementType.Integer ? "integer" : "number" }).ToList();
            case "evaluations":
                return (await PublicFacts.PublishedRunsAsync(db, null, ct))
                    .OrderBy(r => r.Run.Year).ThenBy(r => r.Run.ModelId, StringComparer.Ordinal)
                    .SelectMany(r => r.Result.Zones.OrderBy(z => z.Group, StringComparer.Ordinal).ThenBy(z => z.Rank).Select(z => new object?[]
                    {
                        r.Run.Year, r.Run.ModelId, r.Run.Id, r.Run.PublishedAt!.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
                        z.Zone, z.Group, Json.Normalize(z.Composite), z.Rank, z.Grade, r.Run.UsesDemoData,
                    })).ToList();
            case "registries":
                return (await db.RegistryItems.AsNoTracking().Where(i => i.Approval == "approved").ToListAsync(ct))
                    .OrderBy(i => i.Type, StringComparer.Ordinal).ThenBy(i => i.ZoneCode, StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal)
                    .Select(i => new object?[] { i.Id, i.Type, i.Subtype, i.Name, i.ZoneCode, i.Level, i.Status, i.Founded, i.Accredited, i.Closed, i.IsDemo })
                    .ToList();
            case "zones":
            {
                var contacts = await ZoneContactStore.AllAsync(db, ct);
                return (await ZoneRegistry.ListAsync(db, ct)).Select(z =>
                {
                    var location = map.Locations.GetValueOrDefault(z.Code);
                    var contact = contacts.GetValueOrDefault(z.Code);
                    return new object?[]
                    {
                        z.Code, z.Name, z.NameEn, z.City, z.County, PlanMapping.Wire(z.Level), PlanMapping.Wire(z.Status), PlanMapping.Wire(z.Governance),
                        string.Join(';', z.LeadingIndustries), Json.Normalize(z.AreaKm2), location?.Point.Lat, location?.Point.Lon, location?.Precision,
                        contact?.Address, contact?.Phone, contact?.Email, contact?.Website,
                    };
                }).ToList();
            }
            default:
                throw new ArgumentException($"No dataset '{dataset.Id}'.", nameof(dataset));
        }
    }

    /// <summary>The rows as CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese text).</summary>
    public static byte[] Csv(OpenDataset dataset, IEnumerable<object?[]> rows) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(OpenCsv.Write([dataset.Fields.Select(f => (object?)f.Name).ToArray(), .. rows]))];

    /// <summary>The rows as a JSON array of objects named by the dictionary's fields.</summary>
    public static byte[] JsonRows(OpenDataset dataset, IEnumerable<object?[]> rows) =>
        JsonSerializer.SerializeToUtf8Bytes(rows.Select(r => dataset.Fields.Select((f, i) => KeyValuePair.Create(f.Name, r[i])).ToDictionary()).ToList(), Json.CompactOptions);

    /// <summary>The figures in force as a JSON-stat 2.0 dataset: zone × year × indicator.</summary>
    public static async Task<byte[]> FiguresJsonStatAsync(GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var set = await Data.Collection.DataSetStore.GetAsync(db, ct);
        var figures = (await PublicFacts.FiguresAsync(db, null, ct)).Select(f => f.Value).ToList();
        var zones = await ZoneRegistry.ListAsync(db, ct);
        var units = figures.Select(v => v.Unit).Distinct().ToHashSet();
        var unitCategories = zones.Where(z => units.Contains(z.Code)).Select(z => new JsonStatCategory(z.Code, z.Name))
            .Concat(units.Where(u => zones.All(z => z.Code != u)).Order(StringComparer.Ordinal)
                .Select(u => new JsonStatCategory(u, u == set.ProvinceCode ? set.ProvinceName : u)))
            .ToList();
        var years = figures.Select(v => v.Year).Distinct().Order().Select(y => new JsonStatCategory(y.ToString(System.Globalization.CultureInfo.InvariantCulture), y.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var present = figures.Select(v => v.Element).ToHashSet();
        var indicators = set.Elements.Where(e => present.Contains(e.Code)).Select(e => new JsonStatCategory(e.Code, e.Name, e.Unit)).ToList();
        var dataset = JsonStat.Dataset("高新区年度数据(现行数据) Zone-year figures in force", "辽宁省高新区发展规划平台 Gaoxin", clock.GetUtcNow(),
            [new JsonStatDimension("zone", "高新区 Zone", unitCategories), new JsonStatDimension("year", "年度 Year", years), new JsonStatDimension("indicator", "指标 Indicator", indicators)],
            figures.Select(v => ((IReadOnlyList<string>)[v.Unit, v.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), v.Element], v.Value)),
            new Dictionary<string, string[]> { ["time"] = ["year"], ["metric"] = ["indicator"] });
        return Encoding.UTF8.GetBytes(dataset.ToJsonString(Json.CompactOptions));
    }
}
