using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecComms.Core.Data;

namespace SecComms.Core.Identity;

/// <summary>One attempt, counted against each of its throttles before its password is checked.</summary>
public sealed record ThrottleReservation(DateTimeOffset At, IReadOnlyList<ThrottleCount> Counts)
{
    /// <summary>The throttles that start delaying if this attempt fails: it is the last failure they let through.</summary>
    public IReadOnlyList<ThrottleCount> Starting => [.. Counts.Where(c => c.Failures == c.FreeFailures)];
}

public sealed record ThrottleCount(ThrottleScope Scope, string Key, int Failures, int FreeFailures, DateTimeOffset? PreviousFailureAt, TimeSpan Delay);

/// <summary>
/// Growing delays after failed sign-ins, counted per client address, per client address and email, and per email. There is
/// no lock: a throttle only ever delays, and the one that spans every client address is passed by devices the account knows.
/// </summary>
/// <remarks>
/// An attempt is counted as a failure before its password is checked and given back when it succeeds, so a burst of
/// parallel attempts cannot all pass before any of them is counted; <see cref="WriteScope"/> serialises both steps. The
/// keys come from the email as typed, whether or not an account has it, so unknown emails are throttled exactly like
/// real accounts and the throttles tell nothing about which exist.
/// </remarks>
public sealed class SignInThrottles(SecCommsDb db, IOptions<AccountOptions> options, TimeProvider time)
{
    /// <summary>Counts an attempt, or returns null when one of its throttles is delaying: the attempt is then refused unchecked.</summary>
    public async Task<ThrottleReservation?> ReserveAsync(string client, string email, bool knownDevice, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = Milliseconds(time.GetUtcNow());
        var irrelevantBefore = now - (settings.SignInFailureWindow > settings.SignInMaximumDelay ? settings.SignInFailureWindow : settings.SignInMaximumDelay);
        await db.SignInThrottles.Where(t => t.LastFailureAt < irrelevantBefore).ExecuteDeleteAsync(cancellationToken);

        var keys = Keys(client, email);
        var hashes = keys.Select(k => k.Key).ToList();
        var rows = await db.SignInThrottles.AsTracking().Where(t => hashes.Contains(t.Key)).ToDictionaryAsync(t => t.Key, cancellationToken);
        var delaying = keys.Any(k => rows.TryGetValue(k.Key, out var row)
            && !(knownDevice && k.Scope == ThrottleScope.Account)
            && row.LastFailureAt + Delay(row.Failures, k.Free) > now);
        if (delaying)
        {
            return null;
        }

        var counts = new List<ThrottleCount>();
        foreach (var (scope, key, free) in keys)
        {
            if (!rows.TryGetValue(key, out var row))
            {
                row = new SignInThrottle { Key = key, WindowStartedAt = now };
                db.SignInThrottles.Add(row);
            }
            DateTimeOffset? previous = row.Failures == 0 ? null : row.LastFailureAt;
            if (now >= row.WindowStartedAt + settings.SignInFailureWindow)
            {
                (row.Failures, row.WindowStartedAt, previous) = (0, now, null);
            }
            row.Failures++;
            row.LastFailureAt = now;
            counts.Add(new ThrottleCount(scope, key, row.Failures, free, previous, Delay(row.Failures, free)));
        }
        return new ThrottleReservation(now, counts);
    }

    /// <summary>Takes back a reserved attempt whose password was right; the client's failures on that account are settled.</summary>
    public async Task GiveBackAsync(ThrottleReservation reservation, CancellationToken cancellationToken)
    {
        var hashes = reservation.Counts.Select(c => c.Key).ToList();
        var rows = await db.SignInThrottles.AsTracking().Where(t => hashes.Contains(t.Key)).ToDictionaryAsync(t => t.Key, cancellationToken);
        foreach (var count in reservation.Counts)
        {
            if (!rows.TryGetValue(count.Key, out var row))
            {
                continue;
            }
            row.Failures = count.Scope == ThrottleScope.ClientAndAccount ? 0 : row.Failures - 1;
            if (row.LastFailureAt == reservation.At && count.PreviousFailureAt is { } previous)
            {
                row.LastFailureAt = previous;
            }
            if (row.Failures <= 0)
            {
                db.SignInThrottles.Remove(row);
            }
        }
    }

    /// <summary>
    /// What a client address is counted as: an IPv6 address by its /64 network, since one subscriber is given a whole /64
    /// and could otherwise try from a new address each time.
    /// </summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    /// <summary>
    /// How long a key waits after its latest failure: not at all while it has fewer than <paramref name="free"/>; the first
    /// delay after the free-th, and twice as long after each further one, up to the maximum.
    /// </summary>
    public TimeSpan Delay(int failures, int free)
    {
        var settings = options.Value;
        if (failures < free)
        {
            return TimeSpan.Zero;
        }
        var grown = settings.SignInFirstDelay.Ticks * Math.Pow(2, Math.Min(failures - free, 40));
        return grown >= settings.SignInMaximumDelay.Ticks ? settings.SignInMaximumDelay : TimeSpan.FromTicks((long)grown);
    }

    private List<(ThrottleScope Scope, string Key, int Free)> Keys(string client, string email)
    {
        var settings = options.Value;
        return
        [
            (ThrottleScope.Client, Hash(ThrottleScope.Client, client, ""), settings.SignInFailuresPerClient),
            (ThrottleScope.ClientAndAccount, Hash(ThrottleScope.ClientAndAccount, client, email), settings.SignInFailuresPerClientAndAccount),
            (ThrottleScope.Account, Hash(ThrottleScope.Account, "", email), settings.SignInFailuresPerAccount),
        ];
    }

    private static string Hash(ThrottleScope scope, string client, string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{KebabNames.Of(scope)}\n{client}\n{email}")));

    /// <remarks>PostgreSQL keeps microseconds, so an instant compared after a round trip is cut to what both providers keep.</remarks>
    private static DateTimeOffset Milliseconds(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
