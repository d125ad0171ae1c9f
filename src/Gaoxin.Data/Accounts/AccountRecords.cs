using Microsoft.AspNetCore.Identity;

namespace Gaoxin.Data.Accounts;

/// <summary>A user of the platform; a zone operator is bound to one zone.</summary>
public sealed class GaoxinUser : IdentityUser
{
    public string? ZoneCode { get; set; }
    public string? DisplayName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A personal API token. Only its SHA-256 hash is kept; the token itself is shown once.</summary>
public sealed class ApiTokenRecord
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    /// <summary>After this instant the token no longer signs anyone in; null for a token that never expires.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
