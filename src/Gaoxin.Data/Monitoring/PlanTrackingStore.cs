using Gaoxin.Core.Monitoring;
using Gaoxin.Core.Plans;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Monitoring;

/// <summary>A province target's owner and its split over the zones, with whether the split adds up.</summary>
/// <param name="Additive">Whether zone figures add up to the province figure (counts and amounts over the zones), so the split is checked.</param>
public sealed record TargetDecompositionView(string TargetId, string? ResponsibleUnit, string? Contact, IReadOnlyList<ZoneTargetRecord> Zones,
    bool Additive, decimal? Sum, decimal? Gap, bool? AddsUp);

/// <summary>Target owners, zone targets (任务分解) and key-task progress.</summary>
public static class PlanTrackingStore
{
    /// <summary>Zone figures of counts and amounts over the zones add up; ratios and per-zone targets do not.</summary>
    public static bool IsAdditive(Target target) =>
        target.Kind is MeasureKind.Count or MeasureKind.Cumulative && target.Scope is "zones" or "province";

    public static async Task<List<TargetDecompositionView>> DecompositionsAsync(GaoxinDb db, Plan plan, CancellationToken cancellationToken)
    {
        var owners = await db.TargetOwners.AsNoTracking().Where(o => o.PlanId == plan.Id).ToDictionaryAsync(o => o.TargetId, cancellationToken);
        var zones = (await db.ZoneTargets.AsNoTracking().Where(z => z.PlanId == plan.Id).ToListAsync(cancellationToken)).ToLookup(z => z.TargetId);
        return plan.Targets.Select(t =>
        {
            var mine = zones[t.Id].OrderBy(z => plan.Zones.ToList().FindIndex(pz => pz.Code == z.ZoneCode)).ToList();
            var owner = owners.GetValueOrDefault(t.Id);
            var additive = IsAdditive(t);
            if (!additive || mine.Count == 0)
                return new TargetDecompositionView(t.Id, owner?.ResponsibleUnit, owner?.Contact, mine, additive, null, null, null);
            var (sum, gap, addsUp) = TargetProgress.CheckDecomposition(t.Goal.Value, mine.Select(z => z.Value));
            return new TargetDecompositionView(t.Id, owner?.ResponsibleUnit, owner?.Contact, mine, additive, sum, gap, addsUp);
        }).ToList();
    }

    /// <summary>Sets who answers for a province target.</summary>
    public static async Task SetOwnerAsync(GaoxinDb db, string planId, string targetId, string? unit, string? contact, string actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var owner = await db.TargetOwners.FirstOrDefaultAsync(o => o.PlanId == planId && o.TargetId == targetId, cancellationToken);
        if (owner is null) db.TargetOwners.Add(owner = new TargetOwnerRecord { PlanId = planId, TargetId = targetId, UpdatedBy = actor });
        owner.ResponsibleUnit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim();
        owner.Contact = string.IsNullOrWhiteSpace(contact) ? null : contact.Trim();
        owner.UpdatedAt = clock.GetUtcNow();
        owner.UpdatedBy = actor;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Replaces a target's zone split (zones left out lose their share).</summary>
    public static async Task SetZoneTargetsAsync(GaoxinDb db, string planId, string targetId, IReadOnlyDictionary<string, (decimal Value, string? Unit, string? Contact)> zones,
        string actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ZoneTargets.Where(z => z.PlanId == planId && z.TargetId == targetId).ExecuteDeleteAsync(cancellationToken);
        // The delete bypasses the save, and an empty split adds nothing for the save to announce.
        await StoreVersion.RaiseAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        db.ZoneTargets.AddRange(zones.Select(z => new ZoneTargetRecord
        {
            PlanId = planId, TargetId = targetId, ZoneCode = z.Key, Value = z.Value.Value, ResponsibleUnit = z.Value.Unit,
            Contact = z.Value.Contact, UpdatedAt = now, UpdatedBy = actor,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Splits a province target over zones in proportion to an element's approved figures of a year (rounded to
    /// <paramref name="decimals"/>; the rounding remainder goes to the largest share so the split adds up).
    /// Null when a zone lacks the figure.
    /// </summary>
    public static IReadOnlyDictionary<string, decimal>? Proportional(decimal total, IReadOnlyDictionary<string, decimal?> basis, int decimals)
    {
        if (basis.Count == 0 || basis.Values.Any(v => v is null or < 0)) return null;
        var sum = basis.Values.Sum(v => v!.Value);
        if (sum == 0) return null;
        var shares = basis.ToDictionary(b => b.Key, b => Math.Round(total * b.Value!.Value / sum, decimals, MidpointRounding.AwayFromZero));
        var largest = basis.MaxBy(b => b.Value!.Value).Key;
        shares[largest] += total - shares.Values.Sum();
        return shares;
    }

    public static async Task<Dictionary<string, TaskProgressRecord>> TaskProgressAsync(GaoxinDb db, string planId, CancellationToken cancellationToken) =>
        await db.TaskProgress.AsNoTracking().Where(t => t.PlanId == planId).ToDictionaryAsync(t => t.TaskId, cancellationToken);

    public static async Task<List<TaskNoteRecord>> TaskNotesAsync(GaoxinDb db, string planId, CancellationToken cancellationToken) =>
        await db.TaskNotes.AsNoTracking().Where(t => t.PlanId == planId).OrderByDescending(n => n.Id).ToListAsync(cancellationToken);

    public static readonly IReadOnlyList<string> TaskStatuses = ["not_started", "in_progress", "done", "delayed"];

    /// <summary>Updates a key task's owner, due year and status, and adds a progress note when one is given.</summary>
    public static async Task<string?> UpdateTaskAsync(GaoxinDb db, Plan plan, string taskId, string? owner, int? dueYear, string status, string? note, int year,
        string actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (plan.AllTasks().All(t => t.Id != taskId)) return "unknown_task";
        if (!TaskStatuses.Contains(status)) return "unknown_status";
        var now = clock.GetUtcNow();
        var record = await db.TaskProgress.FirstOrDefaultAsync(t => t.PlanId == plan.Id && t.TaskId == taskId, cancellationToken);
        if (record is null) db.TaskProgress.Add(record = new TaskProgressRecord { PlanId = plan.Id, TaskId = taskId, Status = status, UpdatedBy = actor });
        record.Owner = string.IsNullOrWhiteSpace(owner) ? null : owner.Trim();
        record.DueYear = dueYear;
        record.Status = status;
        record.UpdatedAt = now;
        record.UpdatedBy = actor;
        if (!string.IsNullOrWhiteSpace(note))
            db.TaskNotes.Add(new TaskNoteRecord { PlanId = plan.Id, TaskId = taskId, Year = year, Text = note.Trim(), At = now, By = actor });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
