using Gaoxin.Core.Portal;
using Gaoxin.Data;
using Gaoxin.Data.Portal;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaoxin.Features.Zones;

/// <summary>A zone's public contact as the API reads and writes it; a blank or missing field is "not set".</summary>
public sealed record ZoneContactRequest(string? Address, string? Phone, string? Email, string? Website);

/// <summary>GET and PUT /api/zones/{code}/contact: public to read; the office or the zone's own operator writes.</summary>
public static class ZoneContactApi
{
    public static void MapZoneContactApi(this RouteGroupBuilder api)
    {
        var contact = api.MapGroup("/zones/{code}/contact").WithTags("Zones");
        contact.MapGet("/", GetContact).AllowAnonymous().WithName("GetZoneContact").WithSummary("A zone's public contact: address, phone, email, website");
        contact.MapPut("/", SetContact).RequireApi(Access.ZoneStaff).WithName("SetZoneContact")
            .WithSummary("Replaces a zone's contact (the office, or the zone's own operator); audited");
    }

    public static async Task<Results<Ok<ZoneContactRequest>, ProblemHttpResult>> GetContact(string code, GaoxinDb db, CancellationToken ct) =>
        await db.Zones.FindAsync([code], ct) is null
            ? Refusal.UnknownZone(code).ToResult()
            : TypedResults.Ok(ToResponse(await ZoneContactStore.GetAsync(db, code, ct)));

    public static async Task<Results<Ok<ZoneContactRequest>, ProblemHttpResult>> SetContact(string code, ZoneContactRequest request,
        HttpContext context, GaoxinDb db, TimeProvider clock, CancellationToken ct)
    {
        var who = await context.CallerAsync();
        var outcome = await ZoneContactStore.SetAsync(db, code, new ZoneContact(request.Address, request.Phone, request.Email, request.Website), who, clock, ct);
        return outcome switch
        {
            { Refusal: "not_found" } => Refusal.UnknownZone(code).ToResult(),
            { Refusal: "forbidden" } => Refusal.Forbidden("forbidden", "只有省高新区办公室或本高新区填报员可以修改联系方式。",
                "Only the office or the zone's own operator sets its contact.").ToResult(),
            { Problems.Count: > 0 } => Refusal.ValidationFailed(outcome.Problems.Select(p => new FieldRefusal(p.Field, p.Code, Describe(p, false), Describe(p, true))).ToList()).ToResult(),
            _ => TypedResults.Ok(ToResponse(outcome.Contact!)),
        };
    }

    /// <summary>A refused field of a contact, in Chinese or English.</summary>
    public static string Describe(ZoneContactRules.Problem p, bool english)
    {
        var label = p.Field switch
        {
            "address" => english ? "address" : "地址",
            "phone" => english ? "phone" : "电话",
            "email" => english ? "email" : "电子邮箱",
            "website" => english ? "website" : "网址",
            _ => p.Field,
        };
        return p.Code switch
        {
            "bad_phone" => english ? "The phone number is not valid (digits, spaces, +, -, brackets)." : "电话号码格式不正确(只能包含数字、空格、+、- 和括号)。",
            "bad_email" => english ? "The email is not an address." : "电子邮箱格式不正确。",
            "bad_website" => english ? "The website must be an http:// or https:// address." : "网址须以 http:// 或 https:// 开头。",
            Core.InputProblem.TooLong => english ? $"The {label} is too long." : $"{label}过长。",
            Core.InputProblem.ControlCharacter => english ? $"The {label} holds a control character; remove it." : $"{label}含有控制字符,请删除。",
            _ => english ? $"The {label} is not valid." : $"{label}无效。",
        };
    }

    private static ZoneContactRequest ToResponse(ZoneContact c) => new(c.Address, c.Phone, c.Email, c.Website);
}
