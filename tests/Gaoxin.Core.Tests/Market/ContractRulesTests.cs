using Gaoxin.Core.Collection;
using Gaoxin.Core.Market;

namespace Gaoxin.Core.Tests.Market;

/// <summary>Who may take which step on a technology contract, and what a contract must say (技术合同认定登记).</summary>
public class ContractRulesTests
{
    private static readonly Principal Office = new("office", Roles.Admin, null);
    private static readonly Principal Shenyang = new("sy", Roles.ZoneOperator, "shenyang");
    private static readonly Principal Firm = new("firm", Roles.Enterprise, null);

    [Theory]
    // The zone records and corrects its own; approving and returning are the office's; an approved record is locked.
    [InlineData(ContractState.Recorded, ContractAction.Edit, "sy", "shenyang", null)]
    [InlineData(ContractState.Returned, ContractAction.Edit, "sy", "shenyang", null)]
    [InlineData(ContractState.Recorded, ContractAction.Edit, "sy", "dalian", "forbidden")]
    [InlineData(ContractState.Recorded, ContractAction.Approve, "sy", "shenyang", "forbidden")]
    [InlineData(ContractState.Recorded, ContractAction.Approve, "office", "dalian", null)]
    [InlineData(ContractState.Returned, ContractAction.Approve, "office", "dalian", "contract_not_recorded")]
    [InlineData(ContractState.Approved, ContractAction.Return, "office", "dalian", "contract_not_recorded")]
    [InlineData(ContractState.Approved, ContractAction.Edit, "office", "dalian", "contract_locked")]
    [InlineData(ContractState.Superseded, ContractAction.Edit, "sy", "shenyang", "contract_locked")]
    [InlineData(ContractState.Approved, ContractAction.Revise, "sy", "shenyang", null)]
    [InlineData(ContractState.Recorded, ContractAction.Revise, "sy", "shenyang", "contract_not_approved")]
    [InlineData(ContractState.Recorded, ContractAction.Edit, "firm", "shenyang", "forbidden")]
    public void Steps_follow_state_and_role(ContractState state, ContractAction action, string who, string zone, string? expected)
    {
        var principal = who switch { "office" => Office, "sy" => Shenyang, _ => Firm };
        Assert.Equal(expected, ContractRules.Check(state, action, principal, zone));
    }

    [Fact]
    public void A_returned_record_edited_is_recorded_again_and_approval_and_return_move_a_recorded_one()
    {
        Assert.Equal(ContractState.Recorded, ContractRules.After(ContractState.Returned, ContractAction.Edit));
        Assert.Equal(ContractState.Approved, ContractRules.After(ContractState.Recorded, ContractAction.Approve));
        Assert.Equal(ContractState.Returned, ContractRules.After(ContractState.Recorded, ContractAction.Return));
    }

    private static ContractInput Valid() => new("development", "合同", "买方", null, null, "卖方", null, null, 100m, new DateOnly(2019, 1, 1), "2019210100000001",
        "shenyang", "intelligent_manufacturing", null, null, null, ["关键技术甲"], null);

    public static TheoryData<string, ContractInput> Broken() => new()
    {
        { "unknown_contract_type", Valid() with { Type = "equity" } },
        { "title_required", Valid() with { Title = " " } },
        { "parties_required", Valid() with { Seller = null } },
        { "amount_required", Valid() with { AmountWan = 0m } },
        { "amount_required", Valid() with { AmountWan = -1m } },
        { "amount_too_large", Valid() with { AmountWan = ContractRules.MaxAmountWan + 0.01m } },
        { "signed_required", Valid() with { Signed = null } },
        { "registration_required", Valid() with { RegistrationNumber = "" } },
        { "zone_required", Valid() with { Zone = null } },
        { "unknown_field", Valid() with { Field = "nowhere" } },
        { "too_many_outcomes", Valid() with { NewProducts = Enumerable.Range(0, ContractRules.MaxOutcomes + 1).Select(i => $"产品{i}").ToList() } },
        { "outcome_name_required", Valid() with { KeyTechnologies = [" "] } },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_contract_names_its_type_parties_amount_date_number_zone_and_field(string expected, ContractInput input) =>
        Assert.Equal(expected, ContractRules.Validate(input, new HashSet<string> { "intelligent_manufacturing" }));

    [Fact]
    public void The_largest_amount_and_the_most_outcomes_are_accepted()
    {
        var fields = new HashSet<string> { "intelligent_manufacturing" };
        Assert.Null(ContractRules.Validate(Valid(), fields));
        Assert.Null(ContractRules.Validate(Valid() with { AmountWan = ContractRules.MaxAmountWan, KeyTechnologies = Enumerable.Range(0, ContractRules.MaxOutcomes).Select(i => $"技术{i}").ToList() }, fields));
    }

    [Fact]
    public void The_office_brokers_any_introduction_and_a_zone_only_one_touching_its_zone()
    {
        Assert.True(ContractRules.MayBroker(Office, [null]));
        Assert.True(ContractRules.MayBroker(Shenyang, ["dalian", "shenyang"]));
        Assert.False(ContractRules.MayBroker(Shenyang, ["dalian", null]));
        Assert.False(ContractRules.MayBroker(Firm, ["shenyang"]));
        Assert.Equal("contracts_required", ContractRules.CheckClose(IntroductionState.Open, deal: true, contracts: 0, reason: null));
        Assert.Equal("reason_required", ContractRules.CheckClose(IntroductionState.Open, deal: false, contracts: 0, reason: ""));
        Assert.Equal("introduction_closed", ContractRules.CheckClose(IntroductionState.Deal, deal: false, contracts: 0, reason: "x"));
        Assert.Null(ContractRules.CheckClose(IntroductionState.Open, deal: true, contracts: 1, reason: null));
    }
}
