using System.Security.Cryptography;
using System.Text;
using Gaoxin.Core.Plans;
using Gaoxin.Core.Zones;
using Gaoxin.Data.Zones;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Plans;

/// <summary>A plan file that failed validation; carries every located problem.</summary>
public sealed class PlanFileException(IReadOnlyList<DataFileError> errors)
    : Exception($"The plan file is not valid:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}")
{
    public IReadOnlyList<DataFileError> Errors { get; } = errors;
}

/// <summary>A plan file read from disk, with the hash of its content (YAML and plan text).</summary>
public sealed record PlanFile(string Path, PlanParseResult Result, string ContentHash);

/// <summary>Reads plan files and moves plans in and out of the store.</summary>
public static class PlanStore
{
    /// <summary>Reads and validates a plan file; the plan text it names is read from the same folder.</summary>
    public static PlanFile ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            var missing = new DataFileError(path, 0, 0, "", "file_not_found", "the file does not exist");
            return new PlanFile(path, new PlanParseResult(null, [missing]), "");
        }
        var yaml = File.ReadAllText(path, Encoding.UTF8);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var hash = new StringBuilder(yaml);
        var result = PlanParser.Parse(path, yaml, name =>
        {
            var sibling = System.IO.Path.Combine(folder, name);
            if (!File.Exists(sibling)) return null;
            var text = File.ReadAllText(sibling, Encoding.UTF8);
            hash.Append('\0').Append(text);
            return text;
        });
        return new PlanFile(path, result, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hash.ToString()))));
    }

    /// <summary>
    /// The hash <see cref="ReadFile"/> gives the file, computed without parsing it: the YAML, then the plan text named by a
    /// top-level <c>sourceText:</c> line. Null when that text cannot be found this way; a value that differs from
    /// <see cref="ReadFile"/>'s (a <c>sourceText</c> written in an unusual form) only means the file is parsed as before.
    /// </summary>
    internal static string? UnparsedContentHash(string path)
    {
        if (!File.Exists(path)) return null;
        var yaml = File.ReadAllText(path, Encoding.UTF8);
        var hash = new StringBuilder(yaml);
        foreach (var line in yaml.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith("sourceText:", StringComparison.Ordinal)) continue;
            var value = line["sourceText:".Length..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0]) value = value[1..^1];
            if (value.IsEmpty || value.Contains('#') || value.Contains('"') || value.Contains('\'')) return null;
            var sibling = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!, value.ToString());
            if (!File.Exists(sibling)) return null;
            hash.Append('\0').Append(File.ReadAllText(sibling, Encoding.UTF8));
            break;
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hash.ToString())));
    }

    /// <summary>Loads every <c>*.yaml</c> plan of the folder that the store does not hold in this form.</summary>
    /// <exception cref="PlanFileException">A bundled plan file is invalid.</exception>
    public static async Task LoadBundledAsync(GaoxinDb db, string folder, string actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var path in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            // A file whose content is stored already (the same hash on a plan row) is not parsed again: parsing and
            // checking every quote against the plan text took about a second of every start.
            if (UnparsedContentHash(path) is { } stored && await db.Plans.AnyAsync(p => p.ContentHash == stored, cancellationToken)) continue;
            var file = ReadFile(path);
            if (!file.Result.Succeeded) throw new PlanFileException(file.Result.Errors);
            await SaveAsync(db, file.Result.Plan!, file.ContentHash, actor, clock, cancellationToken);
        }
    }

    /// <summary>
    /// Stores a plan in one transaction. A plan already stored with the same content is left alone; a changed
    /// one has its baselines, targets and tasks replaced. Zones new to the registry are added with a first
    /// history entry citing the plan; zones already in the registry keep their own history.
    /// </summary>
    /// <returns>True when anything was written.</returns>
    public static async Task<bool> SaveAsync(GaoxinDb db, Plan plan, string contentHash, string actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var existing = await db.Plans.FirstOrDefaultAsync(p => p.Id == plan.Id, cancellationToken);
        if (existing?.ContentHash == contentHash) return false;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (existing is not null)
        {
            await db.PlanZones.Where(z => z.PlanId == plan.Id).ExecuteDeleteAsync(cancellationToken);
            await db.Baselines.Where(b => b.PlanId == plan.Id).ExecuteDeleteAsync(cancellationToken);
            await db.Targets.Where(t => t.PlanId == plan.Id).ExecuteDeleteAsync(cancellationToken);
            await db.Tasks.Where(t => t.PlanId == plan.Id).ExecuteDeleteAsync(cancellationToken);
            // The deletes bypass the save, but the save below always has the plan's rows to add, so it raises the store
            // version in this transaction for them too.
            existing.Version = plan.Version;
            existing.Title = plan.Title;
            existing.TitleEn = plan.TitleEn;
            existing.BaseYear = plan.BaseYear;
            existing.TargetYear = plan.TargetYear;
            existing.ContentHash = contentHash;
            existing.LoadedAt = now;
            existing.LoadedBy = actor;
        }
        else
        {
            db.Plans.Add(new PlanRecord
            {
                Id = plan.Id, Version = plan.Version, Title = plan.Title, TitleEn = plan.TitleEn,
                BaseYear = plan.BaseYear, TargetYear = plan.TargetYear, ContentHash = contentHash,
                LoadedAt = now, LoadedBy = actor,
            });
        }

        var known = await db.Zones.Select(z => z.Code).ToListAsync(cancellationToken);
        var listedOn = new DateOnly(plan.BaseYear, 12, 31);
        foreach (var (zone, ordinal) in plan.Zones.Select((z, i) => (z, i)))
        {
            if (!known.Contains(zone.Code))
            {
                db.Zones.Add(new ZoneRecord
                {
                    Code = zone.Code, Name = zone.Name, NameEn = zone.NameEn, City = zone.City, County = zone.County,
                    Governance = zone.Governance, LeadingIndustries = [.. zone.LeadingIndustries], AreaKm2 = zone.AreaKm2,
                    Events =
                    [
                        new ZoneEventRecord
                        {
                            ZoneCode = zone.Code, EffectiveOn = listedOn, Kind = ZoneEventKind.Listed, Level = zone.Level,
                            Status = ZoneStatus.Active, Act = plan.Title, Note = zone.LevelSource?.Quote,
                            RecordedAt = now, RecordedBy = actor,
                        },
                    ],
                });
            }
            db.PlanZones.Add(new PlanZoneRecord
            {
                PlanId = plan.Id, ZoneCode = zone.Code, Ordinal = ordinal, Level = zone.Level, Governance = zone.Governance,
                LeadingIndustries = [.. zone.LeadingIndustries],
                LevelSection = zone.LevelSource?.Section, LevelQuote = zone.LevelSource?.Quote,
                GovernanceSection = zone.GovernanceSource?.Section, GovernanceQuote = zone.GovernanceSource?.Quote,
                IndustriesSection = zone.IndustriesSource?.Section, IndustriesQuote = zone.IndustriesSource?.Quote,
            });
        }
        db.Baselines.AddRange(plan.Baselines.Select((b, i) => new BaselineRecord
        {
            PlanId = plan.Id, Id = b.Id, Ordinal = i, Title = b.Title, TitleEn = b.TitleEn, Value = b.Value, Unit = b.Unit,
            Year = b.Year, Approximate = b.Approximate, Section = b.Source.Section, Quote = b.Source.Quote,
        }));
        db.Targets.AddRange(plan.Targets.Select((t, i) => new TargetRecord
        {
            PlanId = plan.Id, Id = t.Id, Ordinal = i, Title = t.Title, TitleEn = t.TitleEn, Measure = t.Measure, Kind = t.Kind,
            BaselineId = t.BaselineId, Value = t.Goal.Value, MaxValue = t.Goal.Max, Year = t.Goal.Year,
            Comparator = t.Goal.Comparator, Unit = t.Unit, Scope = t.Scope, Section = t.Source.Section, Quote = t.Source.Quote,
        }));
        var ordinalOf = 0;
        foreach (var (task, parent) in plan.Tasks.SelectMany(t => Flatten(t, null)))
        {
            db.Tasks.Add(new TaskRecord
            {
                PlanId = plan.Id, Id = task.Id, ParentId = parent, Ordinal = ordinalOf++, Title = task.Title,
                TitleEn = task.TitleEn, Kind = task.Kind, ZoneCode = task.Zone, TargetIds = [.. task.TargetIds],
                Section = task.Source.Section, Quote = task.Source.Quote,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static IEnumerable<(PlanTask Task, string? ParentId)> Flatten(PlanTask task, string? parentId) =>
        task.Children.SelectMany(c => Flatten(c, task.Id)).Prepend((task, parentId));

    /// <summary>The ids and titles of the stored plans.</summary>
    public static Task<List<PlanRecord>> ListAsync(GaoxinDb db, CancellationToken cancellationToken) =>
        db.Plans.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// The stored plan as <see cref="GetAsync(GaoxinDb, string, CancellationToken)"/> builds it, kept in
    /// <paramref name="cache"/> until the store changes (a plan changes only by <see cref="SaveAsync"/>, which raises
    /// the store version). The plan returned is shared: read it, never change it.
    /// </summary>
    public static Task<Plan?> GetAsync(GaoxinDb db, ReadCache cache, string id, CancellationToken cancellationToken) =>
        cache.GetAsync(db, "plan:" + id, (store, ct) => GetAsync(store, id, ct), cancellationToken);

    /// <summary>Reads a stored plan back into its domain form, or null when there is no such plan.</summary>
    public static async Task<Plan?> GetAsync(GaoxinDb db, string id, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null) return null;

        var zones = await (from pz in db.PlanZones.AsNoTracking()
                           join z in db.Zones.AsNoTracking() on pz.ZoneCode equals z.Code
                           where pz.PlanId == id
                           orderby pz.Ordinal
                           select new { pz, z }).ToListAsync(cancellationToken);
        var baselines = await db.Baselines.AsNoTracking().Where(b => b.PlanId == id).OrderBy(b => b.Ordinal).ToListAsync(cancellationToken);
        var targets = await db.Targets.AsNoTracking().Where(t => t.PlanId == id).OrderBy(t => t.Ordinal).ToListAsync(cancellationToken);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.PlanId == id).OrderBy(t => t.Ordinal).ToListAsync(cancellationToken);

        var children = tasks.ToLookup(t => t.ParentId);
        PlanTask Build(TaskRecord t) => new(t.Id, t.Title, t.TitleEn, t.Kind, t.ZoneCode, t.TargetIds,
            new SourceRef(t.Section, t.Quote), children[t.Id].Select(Build).ToList());

        return new Plan(
            plan.Id, plan.Version, plan.Title, plan.TitleEn, plan.BaseYear, plan.TargetYear,
            zones.Select(x => new PlanZone(
                x.z.Code, x.z.Name, x.z.NameEn, x.z.City, x.z.County, x.pz.Level, x.pz.Governance, x.pz.LeadingIndustries,
                x.z.AreaKm2, Source(x.pz.LevelSection, x.pz.LevelQuote), Source(x.pz.GovernanceSection, x.pz.GovernanceQuote),
                Source(x.pz.IndustriesSection, x.pz.IndustriesQuote))).ToList(),
            baselines.Select(b => new Baseline(b.Id, b.Title, b.TitleEn, b.Value, b.Unit, b.Year, b.Approximate,
                new SourceRef(b.Section, b.Quote))).ToList(),
            targets.Select(t => new Target(t.Id, t.Title, t.TitleEn, t.Measure, t.Kind, t.BaselineId,
                new TargetValue(t.Value, t.MaxValue, t.Year, t.Comparator), t.Unit, t.Scope, new SourceRef(t.Section, t.Quote))).ToList(),
            children[null].Select(Build).ToList());
    }

    private static SourceRef? Source(string? section, string? quote) =>
        section is null || quote is null ? null : new SourceRef(section, quote);
}
