using System.Text;

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
        (AuditBatch Batch, int Row)? previous = null;
        string? anchoredHash = null;
        var hashing = new Queue<(AuditBatch Batch, Task<int> FirstAltered)>();
        await foreach (var batch in new AuditRows(db).ReadAsync(BatchSize, cancellationToken))
        {
            hashing.Enqueue((batch, Task.Run(() => FirstAltered(batch), cancellationToken)));
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
        var previousHash = previous is (var last, var lastRow) ? Encoding.UTF8.GetString(last.Field(lastRow, AuditBatch.Hash)) : AuditHashing.GenesisHash;
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

        async Task<AuditVerification?> WalkAsync((AuditBatch Batch, Task<int> FirstAltered) hashed)
        {
            var altered = await hashed.FirstAltered;
            var batch = hashed.Batch;
            for (var i = 0; i < batch.Count; i++)
            {
                var seq = batch.Seq(i);
                if (seq != expected)
                {
                    return Broken(expected, seq > expected
                        ? $"Event {expected} is missing: the chain goes from {expected - 1} to {seq}."
                        : $"Event {seq} appears out of order.");
                }
                var links = previous is (var before, var beforeRow) ? before.Field(beforeRow, AuditBatch.Hash) : Genesis;
                if (!batch.Field(i, AuditBatch.PrevHash).SequenceEqual(links))
                {
                    return Broken(seq, $"Event {seq} does not link to the event before it.");
                }
                if (i == altered)
                {
                    return Broken(seq, $"Event {seq} was altered: its content does not match its hash.");
                }
                if (seq == anchor?.Seq)
                {
                    anchoredHash = Encoding.UTF8.GetString(batch.Field(i, AuditBatch.Hash));
                }
                previous = (batch, i);
                expected++;
            }
            return null;
        }

        AuditVerification Broken(long seq, string problem) => new(false, expected - 1, null, null, seq, problem, null, null);
    }

    private static ReadOnlySpan<byte> Genesis => "0000000000000000000000000000000000000000000000000000000000000000"u8;

    /// <summary>The index of the first event in the batch whose content does not match its hash, or -1.</summary>
    private static int FirstAltered(AuditBatch batch)
    {
        using var hasher = new AuditHasher();
        for (var i = 0; i < batch.Count; i++)
        {
            if (!hasher.Matches(batch, i))
            {
                return i;
            }
        }
        return -1;
    }
}
