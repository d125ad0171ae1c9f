using System.Text.RegularExpressions;

namespace Gaoxin.Core.Portal;

/// <summary>How the public reaches a zone's management committee; every field optional, shown when present.</summary>
public sealed record ZoneContact(string? Address, string? Phone, string? Email, string? Website)
{
    /// <summary>No field set.</summary>
    public bool IsEmpty => Address is null && Phone is null && Email is null && Website is null;
}

/// <summary>The rules a zone's contact must keep before it is stored and shown on the public profile.</summary>
public static partial class ZoneContactRules
{
    /// <summary>A refusal: the field and its code (<c>bad_phone</c>, <c>bad_email</c>, <c>bad_website</c>, or an <see cref="InputProblem"/> code).</summary>
    public sealed record Problem(string Field, string Code);

    /// <summary>Trims every field and turns blanks into "not set".</summary>
    public static ZoneContact Normalize(ZoneContact contact) => new(Blank(contact.Address), Blank(contact.Phone), Blank(contact.Email), Blank(contact.Website));

    /// <summary>What is wrong with a (normalised) contact; empty when it may be stored.</summary>
    public static IReadOnlyList<Problem> Check(ZoneContact contact)
    {
        var problems = new List<Problem>();
        foreach (var (field, text, limit) in new[] { ("address", contact.Address, InputLimits.Title), ("phone", contact.Phone, 64), ("email", contact.Email, 254), ("website", contact.Website, InputLimits.Title) })
            if (InputLimits.Check(field, text, limit) is { } p) problems.Add(new Problem(field, p.Code));
        if (problems.Count > 0) return problems;
        // Digits with the separators people write (024-8397 8888, +86 (24) …, 转 extensions as "-8").
        if (contact.Phone is { } phone && !PhonePattern().IsMatch(phone)) problems.Add(new Problem("phone", "bad_phone"));
        if (contact.Email is { } email && !EmailPattern().IsMatch(email)) problems.Add(new Problem("email", "bad_email"));
        // Only http(s) addresses become links: a javascript: or data: "website" would run in the visitor's browser.
        if (contact.Website is { } site && !(Uri.TryCreate(site, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0))
            problems.Add(new Problem("website", "bad_website"));
        return problems;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"^\+?[0-9()\- ]{5,40}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
