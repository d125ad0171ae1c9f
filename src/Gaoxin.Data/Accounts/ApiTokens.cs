using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Accounts;

/// <summary>Personal API tokens: random, shown once, stored as a SHA-256 hash.</summary>
public static class ApiTokens
{
    private const string Prefix = "gx_";

    /// <summary>Creates a token for a user and returns it; only its hash is stored.</summary>
    public static async Task<string> CreateAsync(GaoxinDb db, string userId, string name, TimeProvider clock, CancellationToken cancellationToken)
    {
        var token = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        db.ApiTokens.Add(new ApiTokenRecord { UserId = userId, Name = name, TokenHash = Hash(token), CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>The user a live token belongs to, or null; records when it was last used.</summary>
    public static async Task<GaoxinUser?> FindUserAsync(GaoxinDb db, string token, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var hash = Hash(token);
        var record = await db.ApiTokens.FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, cancellationToken);
        if (record is null) return null;
        record.LastUsedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return await db.Users.FirstOrDefaultAsync(u => u.Id == record.UserId, cancellationToken);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
