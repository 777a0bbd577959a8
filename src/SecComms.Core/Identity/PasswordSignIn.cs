using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecComms.Core.Audit;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity.SingleSignOn;

namespace SecComms.Core.Identity;

/// <summary>
/// One sign-in: the email and password typed, the client address it came from (as the host determined it) and the
/// browser's known-device token (<see cref="KnownDevices"/>), if it has one.
/// </summary>
public sealed record SignInAttempt(string Email, string Password, IPAddress? Client, string? DeviceToken);

/// <summary>A person whose password was right, and a fresh known-device token for their browser.</summary>
public sealed record SignedIn(User User, string DeviceToken);

/// <summary>
/// Checks a password under the sign-in throttles (<see cref="SignInThrottles"/>). Every refusal is the same null, whatever
/// its cause: an unknown email, a wrong password, a disabled account, one without a password (a service account never has
/// one), one the single sign-on provider manages (who signs in only through it), or a throttle delaying. When password
/// sign-in is turned off (<see cref="SingleSignOnOptions.LocalPasswords"/>) every attempt is refused before anything is read.
/// </summary>
/// <remarks>
/// Every attempt that is not delayed does the same work whether or not the account exists: one user query, one write
/// that counts the attempt, and one password hash check (against a stand-in hash when there is no usable one), so
/// neither the answer nor its time tells which accounts exist. The hash is checked outside the writer lock, so a flood
/// of attempts never stalls edits for long.
/// </remarks>
public sealed class PasswordSignIn(
    SecCommsDb db,
    WriteScope writes,
    AuditTrail audit,
    SignInThrottles throttles,
    KnownDevices devices,
    StandInPasswordHash standIn,
    IPasswordHasher<User> hasher,
    IOptions<SingleSignOnOptions> singleSignOn)
{
    public const string TurnedOff = "Password sign-in is turned off: sign in through single sign-on.";

    /// <summary>Whether people may sign in with a password at all.</summary>
    public bool Enabled => singleSignOn.Value.LocalPasswords;

    private const int MaxEmailLength = 320;
    private static readonly User Nobody = new() { Email = "", NormalizedEmail = "", Name = "" };

    public async Task<SignedIn?> SignInAsync(SignInAttempt attempt, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            throw new ForbiddenException(TurnedOff);
        }
        var email = User.Normalize(attempt.Email);
        var lookup = email.Length <= MaxEmailLength && !email.Any(char.IsControl) ? email : "";
        var found = await db.Users.AsNoTracking().Include(u => u.Teams)
            .FirstOrDefaultAsync(u => u.NormalizedEmail == lookup && !u.Disabled && u.Kind == UserKind.Person && !u.ManagedByProvider, cancellationToken);
        var deviceOf = devices.UserOf(attempt.DeviceToken);
        var client = SignInThrottles.ClientKey(attempt.Client);

        var reservation = await writes.RunAsync(
            () => throttles.ReserveAsync(client, email, knownDevice: found is not null && deviceOf == found.Id, cancellationToken), cancellationToken);
        if (reservation is null)
        {
            return null;
        }
        var verified = hasher.VerifyHashedPassword(found ?? Nobody, found?.PasswordHash ?? standIn.Hash, attempt.Password) != PasswordVerificationResult.Failed
            && found?.PasswordHash is not null;
        if (!verified || found is null)
        {
            await RecordThrottlesStartingAsync(reservation, client, found, cancellationToken);
            return null;
        }
        await writes.RunAsync(async () =>
        {
            await throttles.GiveBackAsync(reservation, cancellationToken);
            found.LastSignInAt = reservation.At;
            await db.Users.Where(u => u.Id == found.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAt, reservation.At), cancellationToken);
            await audit.RecordAsync(found.Email, "user.signed-in", $"user:{found.Id}", new { }, cancellationToken);
        }, cancellationToken);
        return new SignedIn(found, devices.Issue(found.Id));
    }

    /// <remarks>
    /// Recorded for unknown emails too, under the client address, so that this write tells nothing either. The email as
    /// typed is not recorded: it is sometimes a password typed in the wrong field.
    /// </remarks>
    private async Task RecordThrottlesStartingAsync(ThrottleReservation reservation, string client, User? account, CancellationToken cancellationToken)
    {
        var starting = reservation.Starting;
        if (starting.Count == 0)
        {
            return;
        }
        await writes.RunAsync(() => audit.RecordAsync("system", "user.sign-in-throttled", account is null ? $"sign-in:{client}" : $"user:{account.Id}", new
        {
            Client = client,
            Throttles = starting.Select(s => KebabNames.Of(s.Scope)),
            DelayedUntil = reservation.At + starting.Max(s => s.Delay),
        }, cancellationToken), cancellationToken);
    }
}
