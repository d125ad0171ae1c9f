using Gaoxin.Core;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Market;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Registries;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Market;

/// <summary>A contract revision as pages and the API read it (plain values, no entity).</summary>
public sealed record ContractView(int Id, string RegistrationNumber, int Revision, int? RevisesId, ContractState State, string Type, string Title,
    string Buyer, string? BuyerCreditCode, int? BuyerInstitutionId, string Seller, string? SellerCreditCode, int? SellerInstitutionId,
    decimal AmountWan, DateOnly Signed, string Zone, string Field, int? IntroductionId, int? DemandId, int? AchievementId,
    IReadOnlyList<string> KeyTechnologies, IReadOnlyList<string> NewProducts, string? ReturnComment, int Version, bool IsDemo,
    DateTimeOffset UpdatedAt, string UpdatedBy, DateTimeOffset? ApprovedAt, string? ApprovedBy);

/// <summary>
/// The technology contracts: recorded by a zone's operator (their zone) or the office, approved or returned by the office.
/// An approved revision is locked; a correction is a new revision the office approves, which supersedes it. Approval turns the
/// contract's key technologies and new products into approved registry outcomes (<c>outcome</c> items), so they count to the
/// plan's targets like any other. Every step is audited and takes the version it was made against: a stale one is refused.
/// </summary>
public static class ContractStore
{
    /// <summary>How a change arrived, as the audit records it.</summary>
    public static class Via
    {
        public const string Api = "api";
        public const string Form = "form";
        public const string Demo = "demo";
    }

    /// <summary>The write lock of one contract (all its revisions share the registration number's scope).</summary>
    private static string Scope(string registrationNumber) => $"tech-contract:{registrationNumber.Trim()}";

    internal static ContractView ToView(TechContractRecord c) => new(c.Id, c.RegistrationNumber, c.Revision, c.RevisesId, c.State, c.Type, c.Title,
        c.Buyer, c.BuyerCreditCode, c.BuyerInstitutionId, c.Seller, c.SellerCreditCode, c.SellerInstitutionId, c.AmountWan, c.Signed, c.ZoneCode, c.Field,
        c.IntroductionId, c.DemandId, c.AchievementId, TechContractRecord.Lines(c.KeyTechnologies), TechContractRecord.Lines(c.NewProducts),
        c.ReturnComment, c.Version, c.IsDemo, c.UpdatedAt, c.UpdatedBy, c.ApprovedAt, c.ApprovedBy);

    /// <summary>The contracts <paramref name="who"/> sees (the office all, a zone's operator their zone's), newest first, optionally of one year and state.</summary>
    public static async Task<List<ContractView>> ListAsync(GaoxinDb db, Principal who, int? year, ContractState? state, CancellationToken cancellationToken)
    {
        var query = db.TechContracts.AsNoTracking();
        if (!who.IsAdmin) query = query.Where(c => c.ZoneCode == who.Zone);
        if (state is { } s) query = query.Where(c => c.State == s);
        var rows = await query.ToListAsync(cancellationToken);
        return rows.Where(c => year is null || c.Signed.Year == year).OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id).Select(ToView).ToList();
    }

    /// <summary>One contract revision as <paramref name="who"/> may see it, or null.</summary>
    public static async Task<ContractView?> GetAsync(GaoxinDb db, Principal who, int id, CancellationToken cancellationToken) =>
        await db.TechContracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is { } c && who.MayReport(c.ZoneCode) ? ToView(c) : null;

    /// <summary>The approved contracts (of one zone, or all), as the figures and the transfer report read them.</summary>
    public static async Task<List<ApprovedContract>> ApprovedAsync(GaoxinDb db, string? zone, CancellationToken cancellationToken)
    {
        var query = db.TechContracts.AsNoTracking().Where(c => c.State == ContractState.Approved);
        if (zone is not null) query = query.Where(c => c.ZoneCode == zone);
        var rows = await query.Select(c => new { c.Id, c.Type, c.Field, c.ZoneCode, c.Signed, c.AmountWan, c.AchievementId, c.KeyTechnologies, c.NewProducts, c.IntroductionId })
            .ToListAsync(cancellationToken);
        return rows.Select(c => new ApprovedContract(c.Id, c.Type, c.Field, c.ZoneCode, c.Signed, c.AmountWan, c.AchievementId,
            TechContractRecord.Lines(c.KeyTechnologies).Count, TechContractRecord.Lines(c.NewProducts).Count, c.IntroductionId)).ToList();
    }

    /// <summary>The values the approved contracts give the elements derived from them, per zone and signing year.</summary>
    public static async Task<IReadOnlyList<DataValue>> DerivedValuesAsync(GaoxinDb db, DataSetDefinition set, string? zone, IReadOnlyCollection<int> years,
        CancellationToken cancellationToken) =>
        set.Elements.Any(e => e.Contracts is not null) && years.Count > 0
            ? ContractFigures.Values(set.Elements, await ApprovedAsync(db, zone, cancellationToken), years)
            : [];

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Join(IReadOnlyList<string>? lines) =>
        lines is null || lines.Count == 0 ? null : string.Join('\n', lines.Select(l => l.Replace('\n', ' ').Replace('\r', ' ').Trim()).Distinct());

    /// <summary>Null when the input may be stored, else the first rule it breaks (the pure rules, then what only the store knows).</summary>
    private static async Task<string?> CheckAsync(GaoxinDb db, ContractInput input, IReadOnlySet<string> fields, CancellationToken cancellationToken)
    {
        foreach (var (field, text, limit) in new[] { ("title", input.Title, InputLimits.Title), ("buyer", input.Buyer, InputLimits.Name),
                     ("seller", input.Seller, InputLimits.Name), ("buyerCreditCode", input.BuyerCreditCode, 18), ("sellerCreditCode", input.SellerCreditCode, 18),
                     ("registrationNumber", input.RegistrationNumber, 64), ("zone", input.Zone, 64), ("field", input.Field, 64), ("type", input.Type, 32) })
            InputLimits.Ensure(field, text, limit);
        foreach (var name in (input.KeyTechnologies ?? []).Concat(input.NewProducts ?? [])) InputLimits.Ensure("outcome", name, InputLimits.Name);
        if (ContractRules.Validate(input, fields) is { } invalid) return invalid;
        if (!await db.Zones.AnyAsync(z => z.Code == input.Zone, cancellationToken)) return "unknown_zone";
        if (input.IntroductionId is { } i && !await db.MarketIntroductions.AnyAsync(x => x.Id == i, cancellationToken)) return "unknown_introduction";
        if (input.DemandId is { } d && !await db.MarketDemands.AnyAsync(x => x.Id == d, cancellationToken)) return "unknown_demand";
        if (input.AchievementId is { } a && !await db.MarketAchievements.AnyAsync(x => x.Id == a, cancellationToken)) return "unknown_achievement";
        foreach (var institution in new[] { input.BuyerInstitutionId, input.SellerInstitutionId }.OfType<int>())
            if (!await db.MarketInstitutions.AnyAsync(x => x.Id == institution, cancellationToken)) return "unknown_institution";
        return null;
    }

    private static void Apply(TechContractRecord c, ContractInput input)
    {
        c.Type = input.Type!;
        c.Title = input.Title!.Trim();
        c.Buyer = input.Buyer!.Trim();
        c.BuyerCreditCode = Clean(input.BuyerCreditCode);
        c.BuyerInstitutionId = input.BuyerInstitutionId;
        c.Seller = input.Seller!.Trim();
        c.SellerCreditCode = Clean(input.SellerCreditCode);
        c.SellerInstitutionId = input.SellerInstitutionId;
        c.AmountWan = input.AmountWan!.Value;
        c.Signed = input.Signed!.Value;
        c.ZoneCode = input.Zone!;
        c.Field = input.Field!;
        c.IntroductionId = input.IntroductionId;
        c.DemandId = input.DemandId;
        c.AchievementId = input.AchievementId;
        c.KeyTechnologies = Join(input.KeyTechnologies);
        c.NewProducts = Join(input.NewProducts);
    }

    private static AuditRecord Audit(DateTimeOffset now, Principal who, string via, TechContractRecord c, string action, string? comment = null) => new()
    {
        At = now, Actor = who.Name, Via = via, UnitCode = c.ZoneCode, Year = c.Signed.Year, Revision = c.Revision, Action = action,
        ElementCode = $"contract:{c.RegistrationNumber}", NewValue = c.AmountWan, Comment = comment ?? c.Title,
    };

    /// <summary>Records a contract (revision 0) for its zone, waiting for the office's approval. Audited.</summary>
    public static async Task<(int? Id, string? Refused)> RecordAsync(GaoxinDb db, Principal who, ContractInput input, IReadOnlySet<string> fields, string via,
        TimeProvider clock, CancellationToken cancellationToken, bool isDemo = false)
    {
        if (input.Zone is not null && ContractRules.Check(ContractState.Recorded, ContractAction.Edit, who, input.Zone) is { } refused) return (null, refused);
        if (await CheckAsync(db, input, fields, cancellationToken) is { } invalid) return (null, invalid);
        var number = input.RegistrationNumber!.Trim();
        await using var transaction = await WriteLock.BeginAsync(db, Scope(number), cancellationToken);
        if (await db.TechContracts.AnyAsync(c => c.RegistrationNumber == number, cancellationToken)) return (null, "duplicate_registration");
        var now = clock.GetUtcNow();
        var contract = new TechContractRecord
        {
            RegistrationNumber = number, Type = "", Title = "", Buyer = "", Seller = "", ZoneCode = "", Field = "", State = ContractState.Recorded,
            Version = 1, IsDemo = isDemo, CreatedAt = now, CreatedBy = who.Name, UpdatedAt = now, UpdatedBy = who.Name,
        };
        Apply(contract, input);
        db.TechContracts.Add(contract);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (WriteLock.IsUniqueViolation(ex))
        {
            // Recorded by another at the same moment (SQLite serialises, PostgreSQL's lock is per number; the index is the last word).
            return (null, "duplicate_registration");
        }
        db.Audit.Add(Audit(now, who, via, contract, "contract_recorded"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (contract.Id, null);
    }

    /// <summary>Finds a revision under its registration number's lock, checking the version it was changed against.</summary>
    /// <remarks>Another zone's contract is refused before its version is compared, so a refusal says nothing of its state.</remarks>
    private static async Task<(TechContractRecord? Contract, string? Refused)> FindAsync(GaoxinDb db, Principal who, int id, int? version,
        CancellationToken cancellationToken)
    {
        var contract = await db.TechContracts.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null) return (null, "not_found");
        if (!who.MayReport(contract.ZoneCode)) return (null, "forbidden");
        if (version is null) return (null, "version_required");
        return version != contract.Version ? (null, "stale") : (contract, null);
    }

    private static async Task<string?> NumberOfAsync(GaoxinDb db, int id, CancellationToken cancellationToken) =>
        await db.TechContracts.AsNoTracking().Where(c => c.Id == id).Select(c => c.RegistrationNumber).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Changes a recorded or returned revision (a returned one is recorded again). The registration number stays. Audited.</summary>
    public static async Task<string?> UpdateAsync(GaoxinDb db, Principal who, int id, int? version, ContractInput input, IReadOnlySet<string> fields, string via,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await NumberOfAsync(db, id, cancellationToken) is not { } number) return "not_found";
        await using var transaction = await WriteLock.BeginAsync(db, Scope(number), cancellationToken);
        var (contract, missing) = await FindAsync(db, who, id, version, cancellationToken);
        if (contract is null) return missing;
        if (ContractRules.Check(contract.State, ContractAction.Edit, who, contract.ZoneCode) is { } refused) return refused;
        if (input.Zone is not null && input.Zone != contract.ZoneCode && ContractRules.Check(contract.State, ContractAction.Edit, who, input.Zone) is { } moving) return moving;
        if (input.RegistrationNumber?.Trim() != number) return "registration_fixed";
        if (await CheckAsync(db, input, fields, cancellationToken) is { } invalid) return invalid;
        var now = clock.GetUtcNow();
        Apply(contract, input);
        var changed = db.Entry(contract).Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToList();
        contract.State = ContractRules.After(contract.State, ContractAction.Edit);
        contract.Version++;
        contract.UpdatedAt = now;
        contract.UpdatedBy = who.Name;
        db.Audit.Add(Audit(now, who, via, contract, "contract_edited", changed.Count == 0 ? "no field changed" : "changed: " + string.Join(", ", changed)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Records a correction of an approved contract as a new revision, waiting for the office; the approved one counts until the
    /// office approves the correction. One open correction at a time. Audited. Returns the new revision's id.
    /// </summary>
    public static async Task<(int? Id, string? Refused)> ReviseAsync(GaoxinDb db, Principal who, int id, int? version, ContractInput input, IReadOnlySet<string> fields,
        string via, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await NumberOfAsync(db, id, cancellationToken) is not { } number) return (null, "not_found");
        await using var transaction = await WriteLock.BeginAsync(db, Scope(number), cancellationToken);
        var (approved, missing) = await FindAsync(db, who, id, version, cancellationToken);
        if (approved is null) return (null, missing);
        if (ContractRules.Check(approved.State, ContractAction.Revise, who, approved.ZoneCode) is { } refused) return (null, refused);
        if (input.Zone is not null && input.Zone != approved.ZoneCode && !who.MayReport(input.Zone)) return (null, "forbidden");
        if (input.RegistrationNumber?.Trim() != number) return (null, "registration_fixed");
        if (await CheckAsync(db, input, fields, cancellationToken) is { } invalid) return (null, invalid);
        if (await db.TechContracts.AnyAsync(c => c.RevisesId == approved.Id && (c.State == ContractState.Recorded || c.State == ContractState.Returned), cancellationToken))
            return (null, "revision_open");
        var now = clock.GetUtcNow();
        var revision = new TechContractRecord
        {
            RegistrationNumber = number, Revision = await db.TechContracts.Where(c => c.RegistrationNumber == number).MaxAsync(c => c.Revision, cancellationToken) + 1,
            RevisesId = approved.Id, Type = "", Title = "", Buyer = "", Seller = "", ZoneCode = "", Field = "", State = ContractState.Recorded,
            Version = 1, IsDemo = approved.IsDemo, CreatedAt = now, CreatedBy = who.Name, UpdatedAt = now, UpdatedBy = who.Name,
        };
        Apply(revision, input);
        db.TechContracts.Add(revision);
        await db.SaveChangesAsync(cancellationToken);
        db.Audit.Add(Audit(now, who, via, revision, "contract_revision_recorded", $"corrects revision {approved.Revision}"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (revision.Id, null);
    }

    /// <summary>
    /// The office approves a recorded revision (it counts from now; the revision it corrects is superseded, and its named
    /// outcomes become approved registry outcomes of the zone), or returns it with a comment. Audited.
    /// </summary>
    public static async Task<string?> StepAsync(GaoxinDb db, Principal who, int id, int? version, ContractAction action, string? comment, string via,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (action is not (ContractAction.Approve or ContractAction.Return)) throw new ArgumentOutOfRangeException(nameof(action), action, "edits and revisions have their own methods");
        InputLimits.Ensure("comment", comment, InputLimits.Comment);
        if (await NumberOfAsync(db, id, cancellationToken) is not { } number) return "not_found";
        await using var transaction = await WriteLock.BeginAsync(db, Scope(number), cancellationToken);
        var (contract, missing) = await FindAsync(db, who, id, version, cancellationToken);
        if (contract is null) return missing;
        if (ContractRules.Check(contract.State, action, who, contract.ZoneCode) is { } refused) return refused;
        if (action == ContractAction.Return && string.IsNullOrWhiteSpace(comment)) return "comment_required";
        var now = clock.GetUtcNow();
        contract.State = ContractRules.After(contract.State, action);
        contract.Version++;
        contract.UpdatedAt = now;
        contract.UpdatedBy = who.Name;
        if (action == ContractAction.Return)
        {
            contract.ReturnComment = comment!.Trim();
            db.Audit.Add(Audit(now, who, via, contract, "contract_returned", contract.ReturnComment));
        }
        else
        {
            contract.ReturnComment = null;
            contract.ApprovedAt = now;
            contract.ApprovedBy = who.Name;
            if (contract.RevisesId is { } previous && await db.TechContracts.FirstOrDefaultAsync(c => c.Id == previous, cancellationToken) is { } old)
            {
                old.State = ContractState.Superseded;
                old.Version++;
                old.UpdatedAt = now;
                old.UpdatedBy = who.Name;
            }
            db.Audit.Add(Audit(now, who, via, contract, "contract_approved"));
            await db.SaveChangesAsync(cancellationToken);
            await AddOutcomesAsync(db, who, contract, clock, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// The contract's key technologies and new products as approved registry outcomes of its zone, founded on the signing date,
    /// through the registry store (in this transaction). One already on the zone's registry under the same name is the same
    /// outcome and is not counted twice.
    /// </summary>
    private static async Task AddOutcomesAsync(GaoxinDb db, Principal who, TechContractRecord contract, TimeProvider clock, CancellationToken cancellationToken)
    {
        foreach (var (subtype, names) in new[] { ("key_technology", contract.KeyTechnologies), ("new_product", contract.NewProducts) })
        foreach (var name in TechContractRecord.Lines(names))
        {
            var (itemId, refused) = await RegistryStore.AddAsync(db, who, "outcome", subtype, name, contract.ZoneCode, null, contract.Signed, null, null, clock,
                cancellationToken, confirmDistinct: true);
            if (refused == "duplicate_name") continue;
            if (refused is not null) throw new InvalidOperationException($"The registry refused the outcome '{name}' of contract {contract.RegistrationNumber}: {refused}.");
            var item = await db.RegistryItems.FirstAsync(i => i.Id == itemId, cancellationToken);
            item.Attributes = System.Text.Json.JsonSerializer.Serialize(new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["contract"] = contract.RegistrationNumber, ["industry"] = contract.Field, ["owner"] = contract.Seller,
                ["project"] = $"技术合同 {contract.RegistrationNumber}",
            });
        }
    }
}
