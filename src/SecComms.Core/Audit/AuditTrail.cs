using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Data;

namespace SecComms.Core.Audit;

/// <summary>Appends events to the chain. Call only inside a <see cref="WriteScope"/>, which holds the writer lock.</summary>
public sealed class AuditTrail(SecCommsDb db, TimeProvider time)
{
    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web);

    public async Task<AuditEvent> RecordAsync(string actor, string action, string entity, object data, CancellationToken cancellationToken)
    {
        var head = await HeadAsync(cancellationToken);
        var seq = (head?.Seq ?? 0) + 1;
        var at = AuditHashing.Truncate(time.GetUtcNow());
        var json = JsonSerializer.Serialize(data, DataJson);
        var prevHash = head?.Hash ?? AuditHashing.GenesisHash;
        var linked = new AuditEvent
        {
            Seq = seq,
            At = at,
            Actor = actor,
            Action = action,
            Entity = entity,
            Data = json,
            PrevHash = prevHash,
            Hash = AuditHashing.Compute(prevHash, seq, at, actor, action, entity, json),
        };
        db.AuditEvents.Add(linked);
        if (db.Database.CurrentTransaction is { } transaction)
        {
            db.Appended = (transaction, linked);
        }
        return linked;
    }

    /// <remarks>
    /// The event this transaction appended last, while it is still tracked, so that a batch of thousands of events costs
    /// one read of the head rather than one per event; otherwise the stored head, this transaction's saved events included.
    /// </remarks>
    private async Task<AuditEvent?> HeadAsync(CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is { } transaction && db.Appended is { } appended && appended.Transaction == transaction
            && db.Entry(appended.Event).State != EntityState.Detached)
        {
            return appended.Event;
        }
        var pending = db.Added<AuditEvent>().MaxBy(e => e.Seq);
        return pending ?? await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Seq).FirstOrDefaultAsync(cancellationToken);
    }
}
