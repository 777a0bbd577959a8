using Microsoft.EntityFrameworkCore;
using SecComms.Core.Data;

namespace SecComms.Core.Audit;

/// <summary>
/// The outcome of walking the chain: valid, or the first sequence number where it breaks and why. <see cref="Head"/> is the
/// last event as <c>SEQ:HASH</c>; <see cref="Anchor"/> says how the chain compared with a head kept from before, if one was given.
/// </summary>
public sealed record AuditVerification(
    bool Valid, long EventCount, long? LastSeq, string? LastHash, long? FirstBrokenSeq, string? Problem, string? Head, AnchorCheck? Anchor);

public enum AnchorOutcome
{
    /// <summary>The anchored event is in the chain with the anchored hash.</summary>
    Matches,
    /// <summary>The chain ends before the anchored event: events were cut from the end.</summary>
    Missing,
    /// <summary>The anchored event has another hash: the chain was rewritten at or before it.</summary>
    Differs,
}

/// <param name="Expected">The anchor given, <c>SEQ:HASH</c>.</param>
/// <param name="Outcome">How the chain compares with it.</param>
/// <param name="Found">The hash the chain has at that sequence number, if it has the event.</param>
public sealed record AnchorCheck(string Expected, AnchorOutcome Outcome, string? Found);

public sealed class AuditVerifier(SecCommsDb db)
{
    /// <remarks>
    /// Detects edited, deleted and reordered events. Removing events from the end leaves a shorter valid chain; that is
    /// found only against an <paramref name="anchor"/>, a head recorded earlier outside SecComms.
    /// </remarks>
    public async Task<AuditVerification> VerifyAsync(AuditHead? anchor = null, CancellationToken cancellationToken = default)
    {
        long expected = 1;
        var previousHash = AuditHashing.GenesisHash;
        string? anchoredHash = null;
        using var hasher = new AuditHasher();
        await foreach (var e in db.AuditEvents.AsNoTracking().OrderBy(e => e.Seq).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (e.Seq != expected)
            {
                return Broken(expected, e.Seq > expected
                    ? $"Event {expected} is missing: the chain goes from {expected - 1} to {e.Seq}."
                    : $"Event {e.Seq} appears out of order.");
            }
            if (e.PrevHash != previousHash)
            {
                return Broken(e.Seq, $"Event {e.Seq} does not link to the event before it.");
            }
            if (!hasher.Matches(e, previousHash))
            {
                return Broken(e.Seq, $"Event {e.Seq} was altered: its content does not match its hash.");
            }
            if (e.Seq == anchor?.Seq)
            {
                anchoredHash = e.Hash;
            }
            previousHash = e.Hash;
            expected++;
        }
        var count = expected - 1;
        var head = count == 0 ? null : new AuditHead(count, previousHash);
        var valid = new AuditVerification(true, count, head?.Seq, head?.Hash, null, null, head?.ToString(), null);
        return anchor switch
        {
            null => valid,
            _ when anchoredHash is null => valid with
            {
                Valid = false,
                FirstBrokenSeq = count + 1,
                Problem = $"Event {anchor.Seq} of the anchor {anchor} is missing: the chain ends at event {count}. Events were removed from the end.",
                Anchor = new AnchorCheck(anchor.ToString(), AnchorOutcome.Missing, null),
            },
            _ when anchoredHash != anchor.Hash => valid with
            {
                Valid = false,
                FirstBrokenSeq = anchor.Seq,
                Problem = $"Event {anchor.Seq} has hash {anchoredHash}, not the anchored {anchor.Hash}: the chain was rewritten at or before it.",
                Anchor = new AnchorCheck(anchor.ToString(), AnchorOutcome.Differs, anchoredHash),
            },
            _ => valid with { Anchor = new AnchorCheck(anchor.ToString(), AnchorOutcome.Matches, anchoredHash) },
        };

        AuditVerification Broken(long seq, string problem) => new(false, expected - 1, null, null, seq, problem, null, null);
    }
}
