namespace Gaoxin.Core.Plans;

/// <summary>A development plan held as data: its zones, baselines, targets and key tasks, each traced to the plan text.</summary>
/// <param name="Id">Stable identifier, e.g. <c>liaoning-2017-2020</c>.</param>
/// <param name="Version">Version of the plan file; a higher version replaces a lower one in the store.</param>
/// <param name="Title">Title as the plan text writes it.</param>
/// <param name="TitleEn">English title.</param>
/// <param name="BaseYear">The year the plan's baselines describe.</param>
/// <param name="TargetYear">The year the plan's targets are due.</param>
/// <param name="Zones">The zones the plan covers.</param>
/// <param name="Baselines">Every quantified fact the plan starts from.</param>
/// <param name="Targets">Every quantified target the plan sets.</param>
/// <param name="Tasks">Key tasks and safeguards as a tree.</param>
public sealed record Plan(
    string Id,
    int Version,
    string Title,
    string TitleEn,
    int BaseYear,
    int TargetYear,
    IReadOnlyList<PlanZone> Zones,
    IReadOnlyList<Baseline> Baselines,
    IReadOnlyList<Target> Targets,
    IReadOnlyList<PlanTask> Tasks)
{
    /// <summary>Finds a baseline by id, or null.</summary>
    public Baseline? FindBaseline(string id) => Baselines.FirstOrDefault(b => b.Id == id);

    /// <summary>All task nodes, depth first, parents before children.</summary>
    public IEnumerable<PlanTask> AllTasks() => Tasks.SelectMany(t => t.SelfAndDescendants());
}

/// <summary>Where a figure or statement comes from: the heading path and the exact words of the plan text.</summary>
/// <param name="Section">Heading path joined by " / ", e.g. "三、重点任务 / 推进产业转型升级".</param>
/// <param name="Quote">A verbatim excerpt of the plan text.</param>
public sealed record SourceRef(string Section, string Quote);

/// <summary>Administrative level of a zone (国家级 / 省级).</summary>
public enum ZoneLevel
{
    /// <summary>国家级高新区.</summary>
    National,
    /// <summary>省级高新区.</summary>
    Provincial,
}

/// <summary>How a zone's management committee is set up (专栏1).</summary>
public enum Governance
{
    /// <summary>管委会与行政区人民政府合并: merged with the district government.</summary>
    Merged,
    /// <summary>管委会作为所在地人民政府的派出机关: a dispatched agency of the local government.</summary>
    Dispatched,
}

/// <summary>A zone as the plan describes it.</summary>
public sealed record PlanZone(
    string Code,
    string Name,
    string NameEn,
    string City,
    string? County,
    ZoneLevel Level,
    Governance Governance,
    IReadOnlyList<string> LeadingIndustries,
    decimal? AreaKm2,
    SourceRef? LevelSource,
    SourceRef? GovernanceSource,
    SourceRef? IndustriesSource);

/// <summary>A quantified fact of the plan's starting point (发展基础).</summary>
public sealed record Baseline(
    string Id,
    string Title,
    string TitleEn,
    decimal Value,
    string Unit,
    int Year,
    bool Approximate,
    SourceRef Source);

/// <summary>How a measured value is compared with a target value.</summary>
public enum Comparator
{
    /// <summary>At least the target value (以上, 不低于, 达到).</summary>
    AtLeast,
    /// <summary>At most the target value.</summary>
    AtMost,
    /// <summary>Exactly the target value (新增…10家).</summary>
    Exactly,
    /// <summary>About the target value (左右).</summary>
    About,
}

/// <summary>What kind of quantity a target measures.</summary>
public enum MeasureKind
{
    /// <summary>A ratio or state in the target year.</summary>
    Level,
    /// <summary>How many things exist in the target year.</summary>
    Count,
    /// <summary>New things added since the plan started.</summary>
    Cumulative,
}

/// <summary>The value a target asks for.</summary>
/// <param name="Value">The target value (the lower end of a range).</param>
/// <param name="Max">The upper end where the plan gives a range (1至2个), else null.</param>
/// <param name="Year">The year by which it is due.</param>
/// <param name="Comparator">How a measured value is compared with it.</param>
public sealed record TargetValue(decimal Value, decimal? Max, int Year, Comparator Comparator);

/// <summary>A quantified target of the plan (发展目标, 重点任务 and the columns).</summary>
/// <remarks>The scope says who the target applies to: <c>zones</c> (all provincial-and-above zones
/// together), <c>province</c>, <c>each_zone</c>, <c>national_zones</c>, <c>provincial_zones</c> or <c>zone:CODE</c>.</remarks>
public sealed record Target(
    string Id,
    string Title,
    string TitleEn,
    string Measure,
    MeasureKind Kind,
    string? BaselineId,
    TargetValue Goal,
    string Unit,
    string Scope,
    SourceRef Source);

/// <summary>Kinds of node in the tree of key tasks and safeguards.</summary>
public enum TaskKind
{
    /// <summary>A heading of 重点任务.</summary>
    Task,
    /// <summary>A numbered item under a task.</summary>
    Subtask,
    /// <summary>A column (专栏).</summary>
    Column,
    /// <summary>One commitment in a column or sub-task, often for one zone.</summary>
    Item,
    /// <summary>A heading of 保障措施.</summary>
    Safeguard,
    /// <summary>A concrete rule inside a safeguard.</summary>
    Rule,
}

/// <summary>A node of the key-task tree.</summary>
public sealed record PlanTask(
    string Id,
    string Title,
    string TitleEn,
    TaskKind Kind,
    string? Zone,
    IReadOnlyList<string> TargetIds,
    SourceRef Source,
    IReadOnlyList<PlanTask> Children)
{
    /// <summary>This node and every node below it, parents first.</summary>
    public IEnumerable<PlanTask> SelfAndDescendants() =>
        Children.SelectMany(c => c.SelfAndDescendants()).Prepend(this);
}
