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
public sealed class PasswordSignIn(
    SecCommsDb db,
    WriteScope writes,
    AuditTrail audit,
    IPasswordHasher<User> hasher,
    IOptions<AccountOptions> options,
    TimeProvider time)
{
    public Task<SignInResult> SignInAsync(string email, string password, CancellationToken cancellationToken) =>
        writes.RunAsync(async () =>
        {
            var normalized = User.Normalize(email);
            var user = await db.Users.Include(u => u.Teams).FirstOrDefaultAsync(u => u.NormalizedEmail == normalized && !u.Disabled, cancellationToken);
            if (user is null)
            {
                return new SignInResult(SignInOutcome.Failed, null, null);
            }
            var now = time.GetUtcNow();
            if (user.LockedUntil > now)
            {
                return new SignInResult(SignInOutcome.LockedOut, null, user.LockedUntil);
            }
            var verified = user.PasswordHash is not null
                && hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
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
        }, cancellationToken);
}
