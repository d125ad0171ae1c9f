using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Accounts;

/// <summary>Personal API tokens: random, shown once, stored as a SHA-256 hash, with an expiry and revocable.</summary>
public static class ApiTokens
{
    private const string Prefix = "gx_";

    /// <summary>How long a token lives when no expiry is given.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(365);

    /// <summary>Creates a token for a user and returns it; only its hash is stored.</summary>
    public static async Task<string> CreateAsync(GaoxinDb db, string userId, string name, TimeProvider clock, CancellationToken cancellationToken,
        DateTimeOffset? expiresAt = null)
    {
        var token = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var now = clock.GetUtcNow();
        db.ApiTokens.Add(new ApiTokenRecord
        {
            UserId = userId, Name = name, TokenHash = Hash(token), CreatedAt = now, ExpiresAt = expiresAt ?? now + DefaultLifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>
    /// The live token record and the user it belongs to, or null when the token is unknown, revoked or expired. Reads only:
    /// the time of use is noted in <paramref name="usage"/> and written later, off the request path.
    /// </summary>
    public static async Task<(ApiTokenRecord Token, GaoxinUser User)?> FindAsync(GaoxinDb db, string token, TimeProvider clock, TokenUsage usage,
        CancellationToken cancellationToken)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var hash = Hash(token);
        var record = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, cancellationToken);
        var now = clock.GetUtcNow();
        if (record is null || (record.ExpiresAt is { } expires && expires <= now)) return null;
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == record.UserId, cancellationToken);
        if (user is null) return null;
        usage.Note(record.Id, now);
        return (record, user);
    }

    /// <summary>A user's tokens (without their secret), newest first.</summary>
    public static async Task<List<ApiTokenRecord>> ListAsync(GaoxinDb db, string userId, CancellationToken cancellationToken) =>
        // Ordered in memory: SQLite cannot order by DateTimeOffset.
        [.. (await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(cancellationToken)).OrderByDescending(t => t.Id)];

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>
/// When each token was last used, kept in memory by the request path and written by <see cref="FlushAsync"/> in the
/// background: a request never waits for the store's write lock.
/// </summary>
public sealed class TokenUsage
{
    private readonly ConcurrentDictionary<long, DateTimeOffset> _pending = new();

    public void Note(long tokenId, DateTimeOffset at) => _pending.AddOrUpdate(tokenId, at, (_, old) => at > old ? at : old);

    /// <summary>How many tokens await writing.</summary>
    public int Pending => _pending.Count;

    /// <summary>Writes the noted times (one UPDATE per token); on failure they are kept for the next attempt.</summary>
    public async Task FlushAsync(GaoxinDb db, CancellationToken cancellationToken)
    {
        var batch = _pending.ToArray();
        if (batch.Length == 0) return;
        foreach (var (id, _) in batch) _pending.TryRemove(id, out _);
        try
        {
            foreach (var (id, at) in batch)
                await db.ApiTokens.Where(t => t.Id == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, at), cancellationToken);
        }
        catch
        {
            foreach (var (id, at) in batch) Note(id, at);
            throw;
        }
    }
}
