using System.Text;
using Gaoxin.Core;
using Gaoxin.Core.Registries;
using Gaoxin.Data.Plans;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Registries;

/// <summary>The typed registries: seeded from the plan's columns, kept by the zones and the office.</summary>
public static partial class RegistryStore
{
    /// <summary>
    /// Adds every seed item of <c>registries/*.yaml</c> that the store does not hold yet (by id). Items already stored are
    /// never overwritten, so what the zones and the office changed stays.
    /// </summary>
    /// <exception cref="PlanFileException">A seed file is invalid.</exception>
    public static async Task LoadBundledAsync(GaoxinDb db, string folder, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder)) return;
        var zoneCodes = (await db.Zones.Select(z => z.Code).ToListAsync(cancellationToken)).ToHashSet();
        var known = (await db.RegistryItems.Select(i => i.Id).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var path in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var yaml = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
            // Every item of the file is stored already (the usual start): nothing to add, so the file is not parsed and its
            // quotes not checked against the plan text again (half a second of every start).
            if (known.Count > 0 && WrittenIds(yaml) is { Count: > 0 } ids && ids.All(known.Contains)) continue;
            var textPath = RegistrySeedParser.SourceTextOf(yaml) is { } relative ? Path.Combine(Path.GetDirectoryName(path)!, relative) : null;
            var planText = textPath is not null && File.Exists(textPath) ? await File.ReadAllTextAsync(textPath, Encoding.UTF8, cancellationToken) : "";
            var (seed, errors) = RegistrySeedParser.Parse(path, yaml, planText, zoneCodes);
            if (seed is null) throw new PlanFileException(errors);
            var now = clock.GetUtcNow();
            db.RegistryItems.AddRange(seed.Items.Where(i => !known.Contains(i.Id)).Select(i => new RegistryItemRecord
            {
                Id = i.Id, Type = i.Type, Subtype = i.Subtype, Name = i.Name, ZoneCode = i.Zone, Level = i.Level, Amount = i.Amount,
                Unit = i.Unit, Status = i.Status, PlanId = seed.Plan, Section = i.Source.Section, Quote = i.Source.Quote,
                CreatedAt = now, CreatedBy = "system",
            }));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The values of every <c>id:</c> key written in a seed file, found without parsing it (quotes removed). Every item
    /// needs an id, so when all of these are stored the parse would add nothing; a comment or text that looks like an id
    /// only adds an unknown value, which makes the file be parsed as before.
    /// </summary>
    internal static List<string> WrittenIds(string yaml) =>
        IdKey().Matches(yaml).Select(m => m.Groups[1].Value.Trim('"', '\'')).ToList();

    [System.Text.RegularExpressions.GeneratedRegex("""(?:^|[\s{,\-])["']?id["']?\s*:\s*("[^"]*"|'[^']*'|[^\s,}#]+)""", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex IdKey();

    /// <summary>
    /// Items of a type, optionally of one zone and standing in a year (founded by its end and not closed before it;
    /// seeded items without a founding date count from the plan's start).
    /// </summary>
    public static async Task<List<RegistryItemRecord>> ListAsync(GaoxinDb db, string type, string? zone, int? year, CancellationToken cancellationToken)
    {
        var query = db.RegistryItems.AsNoTracking().Where(i => i.Type == type && i.Approval == "approved");
        if (zone is not null) query = query.Where(i => i.ZoneCode == zone);
        var items = await query.OrderBy(i => i.ZoneCode).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        if (year is { } y)
        {
            var end = new DateOnly(y, 12, 31);
            items = items.Where(i => (i.Founded is null || i.Founded <= end) && (i.Closed is null || i.Closed > end)).ToList();
        }
        return items;
    }

    /// <summary>
    /// Adds an item for a zone. A zone operator's item waits for the office's approval before it counts anywhere; the
    /// office's own is approved at once. Audited. Returns the new id, or why it was refused: <c>duplicate_name</c> for the same name
    /// (ignoring spaces, punctuation and case), <c>similar_name:NAME</c> for a name that probably means an existing item, unless
    /// <paramref name="confirmDistinct"/> says it is a different one.
    /// </summary>
    public static async Task<(string? Id, string? Refused)> AddAsync(GaoxinDb db, Core.Collection.Principal who, string type, string? subtype, string name,
        string zone, string? level, DateOnly founded, decimal? amount, string? unit, TimeProvider clock, CancellationToken cancellationToken,
        bool confirmDistinct = false)
    {
        if (!RegistrySeedParser.Types.Contains(type)) return (null, "unknown_type");
        CheckText(("name", name, InputLimits.Name), ("zone", zone, InputLimits.Name), ("subtype", subtype, InputLimits.Title),
            ("level", level, InputLimits.Title), ("unit", unit, InputLimits.Title));
        if (!who.MayReport(zone)) return (null, "forbidden");
        if (string.IsNullOrWhiteSpace(name)) return (null, "name_required");
        if (level is not null && !RegistrySeedParser.Levels.Contains(level)) return (null, "unknown_level");
        if (!await db.Zones.AnyAsync(z => z.Code == zone, cancellationToken)) return (null, "unknown_zone");
        // Under the lock of the zone's registry of this type, so the same item added twice at once is found by the second.
        await using var transaction = await WriteLock.BeginAsync(db, RegistryScope(type, zone), cancellationToken);
        // The same item entered twice in slightly different words is the commonest registry error.
        var normalized = RegistryNames.Normalize(name);
        var siblings = await db.RegistryItems.Where(i => i.Type == type && i.ZoneCode == zone && i.Approval != "rejected").Select(i => i.Name).ToListAsync(cancellationToken);
        if (siblings.Any(n => RegistryNames.Normalize(n) == normalized)) return (null, "duplicate_name");
        if (!confirmDistinct && siblings.FirstOrDefault(n => RegistryNames.Similar(n, name)) is { } similar) return (null, "similar_name:" + similar);

        var now = clock.GetUtcNow();
        var item = new RegistryItemRecord
        {
            Id = $"{type}.{zone}.{Guid.NewGuid().ToString("N")[..8]}", Type = type, Subtype = subtype, Name = name.Trim(), ZoneCode = zone, Level = level,
            Amount = amount, Unit = unit, Status = "existing", Founded = founded, CreatedAt = now, CreatedBy = who.Name,
            Approval = who.IsAdmin ? "approved" : "pending", ApprovedAt = who.IsAdmin ? now : null, ApprovedBy = who.IsAdmin ? who.Name : null,
        };
        db.RegistryItems.Add(item);
        db.Audit.Add(new Collection.AuditRecord
        {
            At = now, Actor = who.Name, Via = "registry", UnitCode = zone, Year = founded.Year, Action = who.IsAdmin ? "registry_item_added_approved" : "registry_item_added",
            ElementCode = item.Id, Comment = $"{type}: {item.Name}",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (item.Id, null);
    }

    /// <summary>The write lock of one registry in one zone: additions and renames there are checked against its names under it.</summary>
    private static string RegistryScope(string type, string? zone) => $"registry:{type}:{zone}";

    /// <summary>The write lock of one item: every step on the item, its figures and its projects is taken under it.</summary>
    private static string ItemScope(string id) => $"registry-item:{id}";

    /// <summary>The office approves or rejects a pending item. Audited.</summary>
    public static async Task<string?> DecideAsync(GaoxinDb db, Core.Collection.Principal who, string id, bool approve, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!who.IsAdmin) return "forbidden";
        // Under the item's lock: of two decisions at once, the second finds it decided.
        await using var transaction = await WriteLock.BeginAsync(db, ItemScope(id), cancellationToken);
        var item = await db.RegistryItems.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (item is null) return "not_found";
        if (item.Approval != "pending") return "not_pending";
        var now = clock.GetUtcNow();
        item.Approval = approve ? "approved" : "rejected";
        item.ApprovedAt = now;
        item.ApprovedBy = who.Name;
        db.Audit.Add(new Collection.AuditRecord
        {
            At = now, Actor = who.Name, Via = "registry", UnitCode = item.ZoneCode ?? "", Year = item.Founded?.Year ?? 0,
            Action = approve ? "registry_item_approved" : "registry_item_rejected", ElementCode = item.Id, Comment = item.Name,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>Items awaiting the office's decision, oldest first.</summary>
    public static async Task<List<RegistryItemRecord>> PendingAsync(GaoxinDb db, string? type, CancellationToken cancellationToken) =>
        // Ordered in memory: SQLite cannot order by DateTimeOffset.
        (await db.RegistryItems.AsNoTracking().Where(i => i.Approval == "pending" && (type == null || i.Type == type)).ToListAsync(cancellationToken))
            .OrderBy(i => i.CreatedAt).ToList();

    /// <summary>Records that an item closed (撤销/停止运营) on a date; it no longer stands in later years. Audited.</summary>
    public static async Task<string?> CloseAsync(GaoxinDb db, Core.Collection.Principal who, string id, DateOnly closed, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Under the item's lock: of two closings at once, the second finds it closed.
        await using var transaction = await WriteLock.BeginAsync(db, ItemScope(id), cancellationToken);
        var item = await db.RegistryItems.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (item is null) return "not_found";
        if (item.ZoneCode is null ? !who.IsAdmin : !who.MayReport(item.ZoneCode)) return "forbidden";
        if (item.Closed is not null) return "already_closed";
        if (item.Founded is { } founded && closed < founded) return "closed_before_founded";
        item.Closed = closed;
        db.Audit.Add(new Collection.AuditRecord
        {
            At = clock.GetUtcNow(), Actor = who.Name, Via = "registry", UnitCode = item.ZoneCode ?? "", Year = closed.Year,
            Action = "registry_item_closed", ElementCode = item.Id, Comment = item.Name,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>Items added since the base year (founded after its end, up to the year), approved only — per zone.</summary>
    public static async Task<List<(string Zone, int Year)>> ApprovedFoundingsAsync(GaoxinDb db, string type, CancellationToken cancellationToken) =>
        (await db.RegistryItems.AsNoTracking().Where(i => i.Type == type && i.Approval == "approved" && i.Founded != null && i.ZoneCode != null)
            .Select(i => new { i.ZoneCode, i.Founded }).ToListAsync(cancellationToken))
        .Select(i => (i.ZoneCode!, i.Founded!.Value.Year)).ToList();

    /// <summary>How many items each type holds.</summary>
    public static async Task<Dictionary<string, int>> CountsAsync(GaoxinDb db, CancellationToken cancellationToken) =>
        await db.RegistryItems.AsNoTracking().Where(i => i.Approval == "approved").GroupBy(i => i.Type).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);

    /// <summary>Approved items as the counts see them (with approved figures and projects), by zone; items of no single zone are left out.</summary>
    public static async Task<ILookup<string, RegistryEntry>> EntriesAsync(GaoxinDb db, string? zone, CancellationToken cancellationToken)
    {
        var approved = db.RegistryItems.AsNoTracking().Where(i => i.Approval == "approved" && i.ZoneCode != null && (zone == null || i.ZoneCode == zone));
        var items = await approved.ToListAsync(cancellationToken);
        // Figures and projects of those items only, joined in the database rather than filtered here.
        var figures = (await (from f in db.RegistryFigures.AsNoTracking() join i in approved on f.ItemId equals i.Id
                              where f.Approval == "approved" select new { f.ItemId, f.Year, f.Measure, f.Value }).ToListAsync(cancellationToken))
            .ToLookup(f => f.ItemId);
        var projects = (await (from p in db.RegistryProjects.AsNoTracking() join i in approved on p.ItemId equals i.Id
                               where p.Approval == "approved" select new { p.ItemId, p.Started, p.Ended }).ToListAsync(cancellationToken))
            .ToLookup(p => p.ItemId);
        return items.Select(i => (Zone: i.ZoneCode!, Entry: new RegistryEntry(i.Type, i.Subtype, i.ZoneCode, i.Level, i.Status == "planned" && i.Founded is null,
                i.Founded, i.Closed, i.Amount,
                figures[i.Id].ToDictionary(f => (f.Year, f.Measure), f => f.Value),
                projects[i.Id].Select(p => new RegistryProject(p.Started, p.Ended)).ToList(),
                i.Attributes is null ? null : RegistryFlags.FromAttributes(i.Type, AttributesOf(i)))))
            .ToLookup(x => x.Zone, x => x.Entry);
    }

    /// <summary>The values the registries give every counted element, per zone and year.</summary>
    public static async Task<List<Core.Collection.DataValue>> DerivedValuesAsync(GaoxinDb db, Core.Collection.DataSetDefinition set, string? zone,
        IReadOnlyCollection<int> years, CancellationToken cancellationToken)
    {
        var counted = set.Elements.Where(e => e.Derived is not null).ToList();
        if (counted.Count == 0 || years.Count == 0) return [];
        var entries = await EntriesAsync(db, zone, cancellationToken);
        var zones = zone is not null ? [zone] : await db.Zones.AsNoTracking().Select(z => z.Code).ToListAsync(cancellationToken);
        var values = new List<Core.Collection.DataValue>(zones.Count * years.Count * counted.Count);
        foreach (var code in zones.Order(StringComparer.Ordinal))
        foreach (var year in years.Order())
        foreach (var element in counted)
            values.Add(new Core.Collection.DataValue(code, year, element.Code, RegistryCounter.Count(element.Derived!, entries[code], year)));
        return values;
    }

    /// <summary>The plan's own items, as the demo registries build on them.</summary>
    public static async Task<List<Core.Demo.NamedRegistryItem>> NamedItemsAsync(GaoxinDb db, CancellationToken cancellationToken) =>
        (await db.RegistryItems.AsNoTracking().Where(i => i.PlanId != null).ToListAsync(cancellationToken))
            .OrderBy(i => i.Id, StringComparer.Ordinal).Select(i => new Core.Demo.NamedRegistryItem(i.Id, i.Type, i.Subtype, i.ZoneCode, i.Status, i.Amount)).ToList();

    /// <summary>Stores the demo registries: synthetic items (marked demo), founding dates of the plan's items, figures and projects. Audited once.</summary>
    public static async Task LoadDemoAsync(GaoxinDb db, Core.Demo.DemoRegistry demo, string actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        db.RegistryItems.AddRange(demo.Items.Select(i => new RegistryItemRecord
        {
            Id = i.Id, Type = i.Type, Subtype = i.Subtype, Name = i.Name, ZoneCode = i.Zone, Level = i.Level, Amount = i.Amount, Unit = i.Amount is null ? null : "亿元",
            Status = "existing", Founded = i.Founded, CreatedAt = now, CreatedBy = actor, ApprovedAt = now, ApprovedBy = actor, IsDemo = true,
            Attributes = i.Attributes is { Count: > 0 } a ? System.Text.Json.JsonSerializer.Serialize(new SortedDictionary<string, string>(a.ToDictionary(), StringComparer.Ordinal)) : null,
        }));
        foreach (var item in await db.RegistryItems.Where(i => demo.Foundings.Keys.Contains(i.Id)).ToListAsync(cancellationToken))
        {
            item.Founded ??= demo.Foundings[item.Id];
            item.Status = "existing";
        }
        foreach (var item in await db.RegistryItems.Where(i => demo.Amounts.Keys.Contains(i.Id)).ToListAsync(cancellationToken))
        {
            item.Amount ??= demo.Amounts[item.Id];
            item.Unit ??= "亿元";
        }
        db.RegistryFigures.AddRange(demo.Figures.Select(f => new RegistryFigureRecord
        {
            ItemId = f.ItemId, Year = f.Year, Measure = f.Measure, Value = f.Value, UpdatedAt = now, UpdatedBy = actor, IsDemo = true,
        }));
        db.RegistryProjects.AddRange(demo.Projects.Select(p => new RegistryProjectRecord
        {
            ItemId = p.ItemId, Name = p.Name, Started = p.Started, Ended = p.Ended, Result = p.Result, CreatedAt = now, CreatedBy = actor, IsDemo = true,
        }));
        db.Audit.Add(new Collection.AuditRecord
        {
            At = now, Actor = actor, Via = "registry", UnitCode = "", Year = Core.Demo.DemoData.FirstYear, Action = "registry_demo_loaded", ElementCode = "",
            Comment = $"{demo.Items.Count} demo items, {demo.Figures.Count} figures, {demo.Projects.Count} projects",
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>What a zone or the office may change on an item; null fields stay as they are.</summary>
    public sealed record ItemChange(string? Name, string? Subtype, string? Level, DateOnly? Founded, DateOnly? Accredited, decimal? Amount, string? Unit,
        IReadOnlyDictionary<string, string>? Attributes);

    /// <summary>
    /// Edits an item. The office's edit applies at once; a zone's edit of an approved item waits as a proposed change that the
    /// office approves or rejects, so approved data is never silently overwritten (a zone's own pending item changes at once).
    /// Audited with the old and new values. Returns why it was refused, or null.
    /// </summary>
    public static async Task<string?> EditAsync(GaoxinDb db, Core.Collection.Principal who, string id, ItemChange change, TimeProvider clock, CancellationToken cancellationToken)
    {
        CheckText(("name", change.Name, InputLimits.Name), ("subtype", change.Subtype, InputLimits.Title), ("level", change.Level, InputLimits.Title),
            ("unit", change.Unit, InputLimits.Title));
        foreach (var (key, value) in change.Attributes ?? new Dictionary<string, string>())
            CheckText(("attributes", key, InputLimits.Title), ($"attributes.{key}", value, InputLimits.Comment));
        // Under the lock of the item's registry in its zone (a rename is checked against the other names there, as an addition
        // is) and then of the item itself, always in that order: two edits at once are applied one after the other, each
        // audited from the state the one before left; a change proposed while another is decided waits for that decision.
        var scope = await db.RegistryItems.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.Type, i.ZoneCode }).FirstOrDefaultAsync(cancellationToken);
        if (scope is null) return "not_found";
        await using var transaction = await WriteLock.BeginAsync(db, RegistryScope(scope.Type, scope.ZoneCode), cancellationToken);
        await WriteLock.TakeAsync(db, ItemScope(id), cancellationToken);
        var item = await db.RegistryItems.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (item is null) return "not_found";
        if (item.ZoneCode is null ? !who.IsAdmin : !who.MayReport(item.ZoneCode)) return "forbidden";
        if (item.Approval == "rejected") return "rejected";
        if (change.Name is { } name && string.IsNullOrWhiteSpace(name)) return "name_required";
        if (change.Level is not null && !RegistrySeedParser.Levels.Contains(change.Level)) return "unknown_level";
        if (change.Subtype is not null && !RegistrySeedParser.Subtypes[item.Type].Contains(change.Subtype)) return "unknown_subtype";
        if ((change.Founded ?? item.Founded) is { } f && item.Closed is { } c && c < f) return "closed_before_founded";
        if (change.Name is { } renamed && RegistryNames.Normalize(renamed) != RegistryNames.Normalize(item.Name))
        {
            var siblings = await db.RegistryItems.Where(i => i.Type == item.Type && i.ZoneCode == item.ZoneCode && i.Id != id && i.Approval != "rejected")
                .Select(i => i.Name).ToListAsync(cancellationToken);
            if (siblings.Any(n => RegistryNames.Normalize(n) == RegistryNames.Normalize(renamed))) return "duplicate_name";
        }
        var now = clock.GetUtcNow();
        var json = System.Text.Json.JsonSerializer.Serialize(change);
        if (!who.IsAdmin && item.Approval == "approved")
        {
            item.PendingChange = json;
            item.PendingChangeBy = who.Name;
            Audit(db, who, item, now, "registry_item_change_proposed", json);
        }
        else
        {
            Audit(db, who, item, now, "registry_item_edited", $"{Describe(item)} → {json}");
            Apply(item, change);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>The office approves or rejects a zone's proposed change. Audited.</summary>
    public static async Task<string?> DecideChangeAsync(GaoxinDb db, Core.Collection.Principal who, string id, bool approve, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!who.IsAdmin) return "forbidden";
        // Under the item's lock: of two decisions at once, the second finds nothing pending (409) and writes no audit row.
        await using var transaction = await WriteLock.BeginAsync(db, ItemScope(id), cancellationToken);
        var item = await db.RegistryItems.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (item is null) return "not_found";
        if (item.PendingChange is null) return "not_pending";
        var change = System.Text.Json.JsonSerializer.Deserialize<ItemChange>(item.PendingChange)!;
        Audit(db, who, item, clock.GetUtcNow(), approve ? "registry_item_change_approved" : "registry_item_change_rejected", $"{Describe(item)} → {item.PendingChange}");
        if (approve) Apply(item, change);
        item.PendingChange = null;
        item.PendingChangeBy = null;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private static void Apply(RegistryItemRecord item, ItemChange change)
    {
        if (change.Name is { } name) item.Name = name.Trim();
        if (change.Subtype is { } subtype) item.Subtype = subtype;
        if (change.Level is { } level) item.Level = level;
        if (change.Founded is { } founded) { item.Founded = founded; item.Status = "existing"; }
        if (change.Accredited is { } accredited) item.Accredited = accredited;
        if (change.Amount is { } amount) item.Amount = amount;
        if (change.Unit is { } unit) item.Unit = unit;
        if (change.Attributes is { } attributes)
        {
            var merged = AttributesOf(item);
            foreach (var (key, value) in attributes)
            {
                if (string.IsNullOrWhiteSpace(value)) merged.Remove(key);
                else merged[key] = value.Trim();
            }
            item.Attributes = merged.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(merged);
        }
    }

    /// <summary>Refuses text over its limit or with a control character, naming the field (<see cref="InputLimits"/>); a 422 at the edge.</summary>
    private static void CheckText(params (string Field, string? Text, int Limit)[] fields)
    {
        foreach (var (field, text, limit) in fields) InputLimits.Ensure(field, text, limit);
    }

    /// <summary>An item's own attributes (lead organisation, members, manager, programme, field …).</summary>
    public static SortedDictionary<string, string> AttributesOf(RegistryItemRecord item) =>
        item.Attributes is null ? new(StringComparer.Ordinal)
            : new(System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(item.Attributes)!, StringComparer.Ordinal);

    private static string Describe(RegistryItemRecord i) => System.Text.Json.JsonSerializer.Serialize(new ItemChange(i.Name, i.Subtype, i.Level, i.Founded, i.Accredited, i.Amount, i.Unit,
        i.Attributes is null ? null : AttributesOf(i)));

    private static void Audit(GaoxinDb db, Core.Collection.Principal who, RegistryItemRecord item, DateTimeOffset now, string action, string comment) =>
        db.Audit.Add(new Collection.AuditRecord
        {
            At = now, Actor = who.Name, Via = "registry", UnitCode = item.ZoneCode ?? "", Year = item.Founded?.Year ?? 0, Action = action,
            ElementCode = item.Id, Comment = comment.Length > 2000 ? comment[..2000] : comment,
        });

    /// <summary>
    /// Sets an item's figures for a year (a cluster's revenue, a carrier's start-ups, an alliance's members). The office's figures
    /// count at once; a zone's wait for approval, and an approved figure stays in force until its replacement is approved. Audited.
    /// </summary>
    public static async Task<string?> SetFiguresAsync(GaoxinDb db, Core.Collection.Principal who, string id, int year, IReadOnlyDictionary<string, decimal> figures,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        // Under the item's lock: two settings of the same figure at once are stored one after the other (never a duplicate
        // key), each audited from the value the one before left.
        await using var transaction = await WriteLock.BeginAsync(db, ItemScope(id), cancellationToken);
        var item = await db.RegistryItems.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (item is null) return "not_found";
        if (item.ZoneCode is null ? !who.IsAdmin : !who.MayReport(item.ZoneCode)) return "forbidden";
        var allowed = RegistryFigures.ByType.GetValueOrDefault(item.Type) ?? [];
        if (figures.Keys.FirstOrDefault(m => !allowed.Contains(m)) is not null) return "unknown_figure";
        if (figures.Values.Any(v => v < 0)) return "negative_figure";
        if (year < 1980 || year > clock.GetUtcNow().Year + 1) return "bad_year";
        var now = clock.GetUtcNow();
        var existing = await db.RegistryFigures.Where(f => f.ItemId == id && f.Year == year).ToListAsync(cancellationToken);
        foreach (var (measure, value) in figures)
        {
            // A zone's correction of an approved figure is kept beside it as "pending:<measure>" until approved.
            var key = who.IsAdmin ? measure : "pending:" + measure;
            var row = existing.FirstOrDefault(f => f.Measure == key);
            var old = existing.FirstOrDefault(f => f.Measure == measure)?.Value;
            if (row is null) db.RegistryFigures.Add(row = new RegistryFigureRecord { ItemId = id, Year = year, Measure = key, UpdatedBy = who.Name });
            row.Value = value;
            row.UpdatedAt = now;
            row.UpdatedBy = who.Name;
            row.Approval = who.IsAdmin ? "approved" : "pending";
            db.Audit.Add(new Collection.AuditRecord
            {
                At = now, Actor = who.Name, Via = "registry", UnitCode = item.ZoneCode ?? "", Year = year, Action = who.IsAdmin ? "registry_figure_set" : "registry_figure_proposed",
                ElementCode = $"{id}:{measure}", OldValue = old, NewValue = value,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>The office approves (or rejects) a zone's pending figures of an item for a year. Audited.</summary>
    public static async Task<string?> DecideFiguresAsync(GaoxinDb db, Core.Collection.Principal who, string id, int year, bool approve, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!who.IsAdmin) return "forbidden";
        // Under the item's lock: of two decisions at once, the second finds nothing pending.
        await using var transaction = await WriteLock.BeginAsync(db, ItemScope(id), cancellationToken);
        var rows = await db.RegistryFigures.Where(f => f.ItemId == id && f.Year == year).ToListAsync(cancellationToken);
        var pending = rows.Where(f => f.Approval == "pending").ToList();
        if (pending.Count == 0) return "not_pending";
        var now = clock.GetUtcNow();
        foreach (var p in pending)
        {
            var measure = p.Measure["pending:".Length..];
            var current = rows.FirstOrDefault(f => f.Measure == measure);
            db.RegistryFigures.Remove(p);
            if (approve)
            {
                if (current is null) db.RegistryFigures.Add(new RegistryFigureRecord { ItemId = id, Year = year, Measure = measure, Value = p.Value, UpdatedAt = now, UpdatedBy = p.UpdatedBy });
                else { current.Value = p.Value; current.UpdatedAt = now; current.UpdatedBy = p.UpdatedBy; }
            }
            db.Audit.Add(new Collection.AuditRecord
            {
                At = now, Actor = who.Name, Via = "registry", UnitCode = "", Year = year, Action = approve ? "registry_figure_approved" : "registry_figure_rejected",
                ElementCode = $"{id}:{measure}", OldValue = current?.Value, NewValue = p.Value,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>An item's approved figures by year and measure, and the pending ones.</summary>
    public static async Task<List<RegistryFigureRecord>> FiguresAsync(GaoxinDb db, IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        (await db.RegistryFigures.AsNoTracking().Where(f => ids.Contains(f.ItemId)).ToListAsync(cancellationToken))
            .OrderBy(f => f.ItemId, StringComparer.Ordinal).ThenBy(f => f.Year).ThenBy(f => f.Measure, StringComparer.Ordinal).ToList();

    /// <summary>Adds a collaborative project to an alliance (a zone's waits for approval). Audited.</summary>
    public static async Task<(int? Id, string? Refused)> AddProjectAsync(GaoxinDb db, Core.Collection.Principal who, string allianceId, string name, DateOnly started,
        DateOnly? ended, string? result, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteLock.BeginAsync(db, ItemScope(allianceId), cancellationToken);
        var item = await db.RegistryItems.FirstOrDefaultAsync(i => i.Id == allianceId, cancellationToken);
        if (item is null) return (null, "not_found");
        CheckText(("name", name, InputLimits.Name), ("result", result, InputLimits.Comment));
        if (item.Type != "alliance") return (null, "not_an_alliance");
        if (item.ZoneCode is null ? !who.IsAdmin : !who.MayReport(item.ZoneCode)) return (null, "forbidden");
        if (string.IsNullOrWhiteSpace(name)) return (null, "name_required");
        if (ended is { } e && e < started) return (null, "ended_before_started");
        var now = clock.GetUtcNow();
        var project = new RegistryProjectRecord
        {
            ItemId = allianceId, Name = name.Trim(), Started = started, Ended = ended, Result = result, CreatedAt = now, CreatedBy = who.Name,
            Approval = who.IsAdmin ? "approved" : "pending",
        };
        db.RegistryProjects.Add(project);
        Audit(db, who, item, now, who.IsAdmin ? "registry_project_added_approved" : "registry_project_added", $"{project.Name} ({started:yyyy-MM-dd})");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (project.Id, null);
    }

    /// <summary>The office approves or rejects a zone's project. Audited.</summary>
    public static async Task<string?> DecideProjectAsync(GaoxinDb db, Core.Collection.Principal who, int projectId, bool approve, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!who.IsAdmin) return "forbidden";
        // Under the lock of the project's alliance: of two decisions at once, the second finds it decided.
        var allianceId = await db.RegistryProjects.AsNoTracking().Where(p => p.Id == projectId).Select(p => p.ItemId).FirstOrDefaultAsync(cancellationToken);
        if (allianceId is null) return "not_found";
        await using var transaction = await WriteLock.BeginAsync(db, ItemScope(allianceId), cancellationToken);
        var project = await db.RegistryProjects.FirstOrDefaultAsync(p => p.Id == projectId, cancellationToken);
        if (project is null) return "not_found";
        if (project.Approval != "pending") return "not_pending";
        project.Approval = approve ? "approved" : "rejected";
        var item = await db.RegistryItems.FirstAsync(i => i.Id == project.ItemId, cancellationToken);
        Audit(db, who, item, clock.GetUtcNow(), approve ? "registry_project_approved" : "registry_project_rejected", project.Name);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// May <paramref name="who"/> see unapproved data (a pending item, change, figure or project) of an item of <paramref name="zone"/>?
    /// The office sees all; a zone operator sees their own zone's; everyone else (anonymous, enterprises, other zones) sees approved data only.
    /// </summary>
    public static bool MaySeePending(Core.Collection.Principal? who, string? zone) =>
        who is { } w && (zone is null ? w.IsAdmin : w.MayReport(zone));

    /// <summary>An item as one reader may see it: <see cref="PendingChange"/> is null and the figures and projects approved only, unless they may see pending data.</summary>
    public sealed record ItemView(RegistryItemRecord Item, List<RegistryFigureRecord> Figures, List<RegistryProjectRecord> Projects, string? PendingChange, bool SeesPending);

    /// <summary>
    /// An item with what <paramref name="who"/> may see of it, or null when there is none for them: rejected, or pending and
    /// not theirs to see (<see cref="MaySeePending"/>).
    /// </summary>
    public static async Task<ItemView?> ViewAsync(GaoxinDb db, Core.Collection.Principal? who, string id, CancellationToken cancellationToken)
    {
        var item = await FindAsync(db, id, cancellationToken);
        if (item is null || item.Approval == "rejected") return null;
        var sees = MaySeePending(who, item.ZoneCode);
        if (item.Approval != "approved" && !sees) return null;
        var figures = (await FiguresAsync(db, [id], cancellationToken)).Where(f => sees || f.Approval != "pending").ToList();
        var projects = (await ProjectsAsync(db, id, cancellationToken)).Where(p => p.Approval != "rejected" && (sees || p.Approval != "pending")).ToList();
        return new ItemView(item, figures, projects, sees ? item.PendingChange : null, sees);
    }

    /// <summary>An item by id (any approval state), or null.</summary>
    public static Task<RegistryItemRecord?> FindAsync(GaoxinDb db, string id, CancellationToken cancellationToken) =>
        db.RegistryItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);

    /// <summary>An alliance's projects, oldest first.</summary>
    public static async Task<List<RegistryProjectRecord>> ProjectsAsync(GaoxinDb db, string id, CancellationToken cancellationToken) =>
        (await db.RegistryProjects.AsNoTracking().Where(p => p.ItemId == id).ToListAsync(cancellationToken)).OrderBy(p => p.Started).ThenBy(p => p.Id).ToList();
}
