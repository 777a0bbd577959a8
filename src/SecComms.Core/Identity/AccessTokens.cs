using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecComms.Core.Audit;
using SecComms.Core.Data;
using SecComms.Core.Errors;

namespace SecComms.Core.Identity;

/// <summary>A token as its owner sees it; <see cref="Secret"/> is present only in the response that created it.</summary>
public sealed record IssuedToken(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, string? Secret = null)
{
    public static IssuedToken From(AccessToken t, string? secret = null) =>
        new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, secret);
}

public enum TokenCheck
{
    Valid,
    Unknown,
    Expired,
    Revoked,
}

public sealed record TokenAuthentication(TokenCheck Check, User? User, DateTimeOffset? ExpiresAt = null);

/// <summary>Issues, checks and revokes personal access tokens.</summary>
public sealed class AccessTokens(SecCommsDb db, WriteScope writes, AuditTrail audit, IOptions<AccountOptions> options, TimeProvider time)
{
    public const string SecretPrefix = "scm_";

    /// <param name="owner">Who the token acts for.</param>
    /// <param name="name">A label so the owner can tell tokens apart.</param>
    /// <param name="lifetimeDays">Days until it expires; the configured default when null.</param>
    /// <param name="notAfter">When issued through another token: the new one may not outlive it.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<IssuedToken> IssueAsync(Actor owner, string? name, int? lifetimeDays, DateTimeOffset? notAfter, CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(u => u.Id == owner.UserId && u.Kind == UserKind.ServiceAccount, cancellationToken))
        {
            throw new ForbiddenException("A service account's tokens are issued by an administrator, on its page or with POST /api/v1/people/{id}/tokens.");
        }
        var (trimmed, days) = Check(name, lifetimeDays, notAfter);
        return await writes.RunAsync(() => AddAsync(owner.UserId, owner.Email, trimmed, days, ownerEmail: null, cancellationToken), cancellationToken);
    }

    /// <summary>Issues a token of <paramref name="account"/>'s, audited as <paramref name="issuer"/>'s act, inside the caller's write scope.</summary>
    internal Task<IssuedToken> IssueForAsync(User account, Actor issuer, string? name, int? lifetimeDays, CancellationToken cancellationToken)
    {
        var (trimmed, days) = Check(name, lifetimeDays, notAfter: null);
        return AddAsync(account.Id, issuer.Email, trimmed, days, account.Email, cancellationToken);
    }

    private (string Name, int Days) Check(string? name, int? lifetimeDays, DateTimeOffset? notAfter)
    {
        var days = lifetimeDays ?? options.Value.DefaultTokenLifetimeDays;
        var max = options.Value.MaximumTokenLifetimeDays;
        var trimmed = name?.Trim() ?? "";
        new Validation()
            .Require(trimmed.Length > 0, "name", "name is required, so you can tell your tokens apart.")
            .MaxLength(trimmed, 100, "name")
            .PlainText(trimmed, "name")
            .Require(days is >= 1 && days <= max, "expiresInDays", $"expiresInDays must be between 1 and {max}.")
            .Require(notAfter is null || time.GetUtcNow().AddDays(days) <= notAfter, "expiresInDays",
                $"A token cannot outlive the token that creates it, which expires {notAfter:yyyy-MM-dd HH:mm} UTC.")
            .ThrowIfInvalid();
        return (trimmed, days);
    }

    /// <remarks><c>ownerEmail</c> names the owner in the audit event when someone else issues the token for them.</remarks>
    private async Task<IssuedToken> AddAsync(Guid ownerId, string auditActor, string name, int days, string? ownerEmail, CancellationToken cancellationToken)
    {
        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var token = new AccessToken
        {
            UserId = ownerId,
            Name = name,
            Prefix = secret[..10],
            SecretHash = Hash(secret),
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        };
        db.AccessTokens.Add(token);
        object data = ownerEmail is null
            ? new { token.Name, token.Prefix, token.ExpiresAt }
            : new { token.Name, token.Prefix, token.ExpiresAt, Owner = ownerEmail };
        await audit.RecordAsync(auditActor, "token.issued", $"token:{token.Id}", data, cancellationToken);
        return IssuedToken.From(token, secret);
    }

    public Task<IReadOnlyList<IssuedToken>> ListAsync(Actor owner, CancellationToken cancellationToken) => ListOfAsync(owner.UserId, cancellationToken);

    /// <summary>The tokens of <paramref name="userId"/>, newest first, without their secrets.</summary>
    internal async Task<IReadOnlyList<IssuedToken>> ListOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        var tokens = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(cancellationToken);
        return [.. tokens.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Select(t => IssuedToken.From(t))];
    }

    public Task<IssuedToken> RevokeAsync(Actor owner, Guid id, CancellationToken cancellationToken) =>
        writes.RunAsync(() => RevokeOfAsync(owner.UserId, id, owner.Email, $"You have no token {id}.", cancellationToken), cancellationToken);

    /// <summary>Revokes a token of <paramref name="userId"/>'s, audited as <paramref name="auditActor"/>'s act, inside the caller's write scope.</summary>
    internal async Task<IssuedToken> RevokeOfAsync(Guid userId, Guid id, string auditActor, string notFound, CancellationToken cancellationToken)
    {
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId, cancellationToken)
            ?? throw new NotFoundException(notFound);
        if (token.RevokedAt is null)
        {
            token.RevokedAt = time.GetUtcNow();
            await audit.RecordAsync(auditActor, "token.revoked", $"token:{token.Id}", new { token.Name, token.Prefix }, cancellationToken);
        }
        return IssuedToken.From(token);
    }

    /// <summary>Revokes every token of <paramref name="userId"/>'s still in force, inside the caller's write scope; returns how many.</summary>
    internal async Task<int> RevokeAllOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var live = await db.AccessTokens.Where(t => t.UserId == userId && t.RevokedAt == null && t.ExpiresAt > now).ToListAsync(cancellationToken);
        foreach (var token in live)
        {
            token.RevokedAt = now;
        }
        return live.Count;
    }

    public async Task<TokenAuthentication> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return new TokenAuthentication(TokenCheck.Unknown, null);
        }
        var hash = Hash(secret);
        var token = await db.AccessTokens.Include(t => t.User).ThenInclude(u => u!.Teams)
            .FirstOrDefaultAsync(t => t.SecretHash == hash, cancellationToken);
        var now = time.GetUtcNow();
        if (token?.User is null || token.User.Disabled)
        {
            return new TokenAuthentication(TokenCheck.Unknown, null);
        }
        if (token.RevokedAt is not null)
        {
            return new TokenAuthentication(TokenCheck.Revoked, null);
        }
        if (token.ExpiresAt <= now)
        {
            return new TokenAuthentication(TokenCheck.Expired, null);
        }
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return new TokenAuthentication(TokenCheck.Valid, token.User, token.ExpiresAt);
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
