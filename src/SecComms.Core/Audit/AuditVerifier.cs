using Microsoft.EntityFrameworkCore;
using SecComms.Core.Data;

namespace SecComms.Core.Audit;

/// <summary>The outcome of walking the chain: valid, or the first sequence number where it breaks and why.</summary>
public sealed record AuditVerification(bool Valid, long EventCount, long? LastSeq, string? LastHash, long? FirstBrokenSeq, string? Problem);

public sealed class AuditVerifier(SecCommsDb db)
{
    /// <remarks>
    /// Detects edited, deleted and reordered events. Removing events from the end leaves a shorter valid chain; record
    /// <see cref="AuditVerification.LastSeq"/> and <see cref="AuditVerification.LastHash"/> elsewhere to detect that too.
    /// </remarks>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        long expected = 1;
        var previousHash = AuditHashing.GenesisHash;
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
            if (AuditHashing.Compute(previousHash, AuditHashing.Canonical(e)) != e.Hash)
            {
                return Broken(e.Seq, $"Event {e.Seq} was altered: its content does not match its hash.");
            }
            previousHash = e.Hash;
            expected++;
        }
        var count = expected - 1;
        return new AuditVerification(true, count, count == 0 ? null : count, count == 0 ? null : previousHash, null, null);

        AuditVerification Broken(long seq, string problem) => new(false, expected - 1, null, null, seq, problem);
    }
}
