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
    private const int BatchSize = 4096;

    /// <remarks>
    /// Detects edited, deleted and reordered events. Removing events from the end leaves a shorter valid chain; that is
    /// found only against an <paramref name="anchor"/>, a head recorded earlier outside SecComms.
    /// <para>
    /// Every stored event carries the hash it links to, so its own hash is checked from its row alone: batches are
    /// hashed on every core while the rows are still being read, and only the sequence numbers and the links, string
    /// comparisons, are walked in order. The first broken event and the reason are the same as walking it one by one.
    /// </para>
    /// </remarks>
    public async Task<AuditVerification> VerifyAsync(AuditHead? anchor = null, CancellationToken cancellationToken = default)
    {
        long expected = 1;
        var previousHash = AuditHashing.GenesisHash;
        string? anchoredHash = null;
        var hashing = new Queue<(AuditEvent[] Batch, int Count, Task<int> FirstAltered)>();
        var rows = new AuditRows(db);
        await foreach (var (batch, size) in rows.ReadAsync(BatchSize, cancellationToken))
        {
            hashing.Enqueue((batch, size, Task.Run(() => FirstAltered(batch, size), cancellationToken)));
            if (hashing.Count > Environment.ProcessorCount && await WalkAsync(hashing.Dequeue()) is { } broken)
            {
                return broken;
            }
        }
        while (hashing.TryDequeue(out var hashed))
        {
            if (await WalkAsync(hashed) is { } broken)
            {
                return broken;
            }
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

        async Task<AuditVerification?> WalkAsync((AuditEvent[] Batch, int Count, Task<int> FirstAltered) hashed)
        {
            var altered = await hashed.FirstAltered;
            for (var i = 0; i < hashed.Count; i++)
            {
                var e = hashed.Batch[i];
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
                if (i == altered)
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
            return null;
        }

        AuditVerification Broken(long seq, string problem) => new(false, expected - 1, null, null, seq, problem, null, null);
    }

    /// <summary>The index of the first event in the batch whose content does not match its hash, or -1.</summary>
    private static int FirstAltered(AuditEvent[] batch, int count)
    {
        using var hasher = new AuditHasher();
        for (var i = 0; i < count; i++)
        {
            if (!hasher.Matches(batch[i], batch[i].PrevHash))
            {
                return i;
            }
        }
        return -1;
    }
}
