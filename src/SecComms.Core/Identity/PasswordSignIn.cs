using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecComms.Core.Audit;
using SecComms.Core.Data;

namespace SecComms.Core.Identity;

public enum SignInOutcome
{
    Succeeded,
    Failed,
    LockedOut,
}

public sealed record SignInResult(SignInOutcome Outcome, User? User, DateTimeOffset? LockedUntil);

/// <summary>Checks a password and locks the account after repeated failures.</summary>
/// <remarks>
/// The password hash is checked before the writer lock is taken, so a flood of sign-in attempts never stalls edits, and it
/// is checked for unknown emails too, so the answer takes as long whether or not the account exists.
/// </remarks>
public sealed class PasswordSignIn(
    SecCommsDb db,
    WriteScope writes,
    AuditTrail audit,
    IPasswordHasher<User> hasher,
    IOptions<AccountOptions> options,
    TimeProvider time)
{
    private static readonly User Nobody = new() { Email = "", NormalizedEmail = "", Name = "" };
    private static readonly Lazy<string> NobodysHash = new(() => new PasswordHasher<User>().HashPassword(Nobody, Guid.NewGuid().ToString()));

    public async Task<SignInResult> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(email);
        var found = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized && !u.Disabled, cancellationToken);
        var verified = hasher.VerifyHashedPassword(found ?? Nobody, found?.PasswordHash ?? NobodysHash.Value, password) != PasswordVerificationResult.Failed
            && found?.PasswordHash is not null;
        if (found is null)
        {
            return new SignInResult(SignInOutcome.Failed, null, null);
        }
        return await writes.RunAsync(() => RecordAsync(found.Id, verified, cancellationToken), cancellationToken);
    }

    private async Task<SignInResult> RecordAsync(Guid userId, bool verified, CancellationToken cancellationToken)
    {
        var user = await db.Users.Include(u => u.Teams).SingleAsync(u => u.Id == userId, cancellationToken);
        var now = time.GetUtcNow();
        if (user.LockedUntil > now)
        {
            return new SignInResult(SignInOutcome.LockedOut, null, user.LockedUntil);
        }
        if (verified)
        {
            user.FailedSignIns = 0;
            user.LockedUntil = null;
            await audit.RecordAsync(user.Email, "user.signed-in", $"user:{user.Id}", new { }, cancellationToken);
            return new SignInResult(SignInOutcome.Succeeded, user, null);
        }
        user.FailedSignIns++;
        if (user.FailedSignIns < options.Value.MaxFailedSignIns)
        {
            return new SignInResult(SignInOutcome.Failed, null, null);
        }
        user.FailedSignIns = 0;
        user.LockedUntil = now + options.Value.LockoutDuration;
        await audit.RecordAsync(user.Email, "user.locked-out", $"user:{user.Id}", new { user.LockedUntil }, cancellationToken);
        return new SignInResult(SignInOutcome.LockedOut, null, user.LockedUntil);
    }
}
