using Microsoft.EntityFrameworkCore;
using SecComms.Core.Data;
using SecComms.Core.Errors;

namespace SecComms.Core.Audit;

public sealed record AuditEventView(long Seq, DateTimeOffset At, string Actor, string Action, string Entity, string Data, string PrevHash, string Hash);

public sealed record AuditPage(IReadOnlyList<AuditEventView> Items, long? NextAfter);

public sealed record AuditFilter(string? Entity = null, string? Action = null, long? After = null, int Limit = 100);

/// <summary>Reads the audit trail in chain order; nothing here or anywhere else changes it.</summary>
public sealed class AuditLog(SecCommsDb db)
{
    public const int MaxPageSize = 1000;

    public async Task<AuditPage> ListAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        new Validation()
            .Require(filter.Limit is >= 1 and <= MaxPageSize, "limit", $"limit must be between 1 and {MaxPageSize}.")
            .Require(filter.After is null or >= 0, "after", "after must be a sequence number (0 or more).")
            .PlainText(filter.Entity, "entity")
            .PlainText(filter.Action, "action")
            .ThrowIfInvalid();
        var query = db.AuditEvents.AsNoTracking().Where(e => e.Seq > (filter.After ?? 0));
        if (!string.IsNullOrEmpty(filter.Entity))
        {
            query = query.Where(e => e.Entity == filter.Entity);
        }
        if (!string.IsNullOrEmpty(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }
        var events = await query.OrderBy(e => e.Seq).Take(filter.Limit + 1)
            .Select(e => new AuditEventView(e.Seq, e.At, e.Actor, e.Action, e.Entity, e.Data, e.PrevHash, e.Hash))
            .ToListAsync(cancellationToken);
        var page = events.Take(filter.Limit).ToList();
        return new AuditPage(page, events.Count > filter.Limit ? page[^1].Seq : null);
    }

    /// <summary>The latest event's sequence number and hash, or null while the trail is empty.</summary>
    public async Task<AuditHead?> HeadAsync(CancellationToken cancellationToken) =>
        await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Seq).Select(e => new AuditHead(e.Seq, e.Hash)).FirstOrDefaultAsync(cancellationToken);
}
