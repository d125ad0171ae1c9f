using Gaoxin.Core.Collection;

namespace Gaoxin.Core.Market;

/// <summary>Where a technology contract's record stands.</summary>
public enum ContractState
{
    /// <summary>Recorded by a zone's operator or the office, waiting for the office's approval.</summary>
    Recorded,
    /// <summary>Sent back by the office with a comment; the recorder corrects it and it is recorded again.</summary>
    Returned,
    /// <summary>Approved: it counts to the zone's turnover and is locked (corrected only by an approved revision).</summary>
    Approved,
    /// <summary>An approved record an approved revision replaced; kept for the history, counted nowhere.</summary>
    Superseded,
}

/// <summary>A step on a contract record.</summary>
public enum ContractAction
{
    /// <summary>Change a recorded or returned record (a returned one is recorded again).</summary>
    Edit,
    /// <summary>The office approves a recorded record.</summary>
    Approve,
    /// <summary>The office sends a recorded record back with a comment.</summary>
    Return,
    /// <summary>Record a revision of an approved contract (a correction the office approves).</summary>
    Revise,
}

/// <summary>Where a brokered introduction (对接) stands.</summary>
public enum IntroductionState
{
    /// <summary>Being brokered: notes are added.</summary>
    Open,
    /// <summary>Closed with a deal: one or more technology contracts.</summary>
    Deal,
    /// <summary>Closed without a deal, with the reason.</summary>
    NoDeal,
}

/// <summary>What a contract says, as entered.</summary>
public sealed record ContractInput(
    string? Type, string? Title, string? Buyer, string? BuyerCreditCode, int? BuyerInstitutionId, string? Seller, string? SellerCreditCode,
    int? SellerInstitutionId, decimal? AmountWan, DateOnly? Signed, string? RegistrationNumber, string? Zone, string? Field,
    int? IntroductionId, int? DemandId, int? AchievementId, IReadOnlyList<string>? KeyTechnologies, IReadOnlyList<string>? NewProducts);

/// <summary>
/// The rules of technology contracts (技术合同认定登记) and brokered introductions: who may take which step in which state,
/// and what a contract must say. Pure: the store applies them under the contract's write lock.
/// </summary>
public static class ContractRules
{
    /// <summary>The largest amount accepted, in 万元 (10 billion yuan: well above any single registered contract).</summary>
    public const decimal MaxAmountWan = 1_000_000m;

    /// <summary>The most key technologies or new products one contract records.</summary>
    public const int MaxOutcomes = 20;

    /// <summary>The written form of a state, as files and the API write it.</summary>
    public static string Name(ContractState state) => state.ToString().ToLowerInvariant();

    /// <summary>The written form of an introduction's state: <c>open</c>, <c>deal</c> or <c>no_deal</c>.</summary>
    public static string Name(IntroductionState state) => state switch
    {
        IntroductionState.Deal => "deal",
        IntroductionState.NoDeal => "no_deal",
        _ => "open",
    };

    /// <summary>
    /// Null when <paramref name="who"/> may take <paramref name="action"/> on a contract of <paramref name="zone"/> in
    /// <paramref name="state"/>, else the code of the rule it breaks. The zone's operator records and corrects their own zone's
    /// contracts; the office records any and alone approves or returns.
    /// </summary>
    public static string? Check(ContractState state, ContractAction action, Principal who, string zone)
    {
        if (!who.MayReport(zone)) return "forbidden";
        return action switch
        {
            ContractAction.Approve or ContractAction.Return when !who.IsAdmin => "forbidden",
            ContractAction.Approve or ContractAction.Return when state != ContractState.Recorded => "contract_not_recorded",
            ContractAction.Edit when state is ContractState.Approved or ContractState.Superseded => "contract_locked",
            ContractAction.Revise when state != ContractState.Approved => "contract_not_approved",
            _ => null,
        };
    }

    /// <summary>The state after a step.</summary>
    public static ContractState After(ContractState state, ContractAction action) => action switch
    {
        ContractAction.Approve => ContractState.Approved,
        ContractAction.Return => ContractState.Returned,
        ContractAction.Edit => ContractState.Recorded,
        _ => state,
    };

    /// <summary>
    /// Null when the input may be stored, else the code of the first rule it breaks (a type of the closed list, a title, both
    /// parties, an amount above zero and at most <see cref="MaxAmountWan"/>, a signing date, a registration number, a zone, a
    /// field of <paramref name="fields"/>, at most <see cref="MaxOutcomes"/> named outcomes of each kind).
    /// </summary>
    public static string? Validate(ContractInput input, IReadOnlySet<string> fields)
    {
        if (MarketTerms.Find(MarketTerms.ContractTypes, input.Type) is null) return "unknown_contract_type";
        if (string.IsNullOrWhiteSpace(input.Title)) return "title_required";
        if (string.IsNullOrWhiteSpace(input.Buyer) || string.IsNullOrWhiteSpace(input.Seller)) return "parties_required";
        if (input.AmountWan is not { } amount || amount <= 0) return "amount_required";
        if (amount > MaxAmountWan) return "amount_too_large";
        if (input.Signed is null) return "signed_required";
        if (string.IsNullOrWhiteSpace(input.RegistrationNumber)) return "registration_required";
        if (string.IsNullOrWhiteSpace(input.Zone)) return "zone_required";
        if (input.Field is null || !fields.Contains(input.Field)) return "unknown_field";
        if ((input.KeyTechnologies?.Count ?? 0) > MaxOutcomes || (input.NewProducts?.Count ?? 0) > MaxOutcomes) return "too_many_outcomes";
        if ((input.KeyTechnologies ?? []).Concat(input.NewProducts ?? []).Any(string.IsNullOrWhiteSpace)) return "outcome_name_required";
        return null;
    }

    /// <summary>
    /// Who may broker an introduction: the office for any, a zone's operator (the zone's technology-transfer service) for one whose
    /// demand or achievement is of their zone.
    /// </summary>
    public static bool MayBroker(Principal who, IEnumerable<string?> profileZones) =>
        who.IsAdmin || (who.Role == Roles.ZoneOperator && who.Zone is { } zone && profileZones.Any(z => z == zone));

    /// <summary>Null when an open introduction may be closed so, else the rule it breaks.</summary>
    /// <param name="state">The introduction's state.</param>
    /// <param name="deal">True to close with a deal.</param>
    /// <param name="contracts">The contracts named for a deal.</param>
    /// <param name="reason">The reason for closing without a deal.</param>
    public static string? CheckClose(IntroductionState state, bool deal, int contracts, string? reason)
    {
        if (state != IntroductionState.Open) return "introduction_closed";
        if (deal && contracts == 0) return "contracts_required";
        if (!deal && string.IsNullOrWhiteSpace(reason)) return "reason_required";
        return null;
    }
}
