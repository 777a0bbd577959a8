using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SecComms.Core.Audit;
using SecComms.Core.Data;
using SecComms.Core.Incidents.Clocks;
using SecComms.Core.Policy;

namespace SecComms.Core.Incidents;

/// <summary>
/// Records what falls due on open incidents: clock escalations and misses, and internal updates the communications
/// manager owes. Each is recorded once; the notification planner turns the records into messages.
/// </summary>
/// <remarks>
/// What is due is read without the writer lock; each clock and each incident is then recorded in a write scope of its
/// own, checked again there, so people's changes never wait for the whole sweep, and one that cannot be recorded is
/// logged and tried again on the next sweep without undoing the others.
/// </remarks>
public sealed class IncidentSweep(SecCommsDb db, WriteScope writes, AuditTrail audit, SecCommsPolicy policy, IncidentClocks clocks, TimeProvider time,
    ILogger<IncidentSweep> logger)
{
    public const string UpdateIsDue = "incident.update-due";

    /// <summary>Returns how many events it recorded.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var recorded = 0;
        foreach (var (id, name) in await clocks.DueAsync(cancellationToken))
        {
            recorded += await EachAsync(() => clocks.SweepAsync(id, cancellationToken), $"the clock {name}", cancellationToken);
        }
        var now = time.GetUtcNow();
        var open = await db.Incidents.AsNoTracking().Where(i => i.ResolvedAt == null).ToListAsync(cancellationToken);
        foreach (var incident in open.Where(i => DueUpdate(i, now) is not null))
        {
            recorded += await EachAsync(() => RemindAsync(incident.Id, cancellationToken), incident.Reference, cancellationToken);
        }
        return recorded;
    }

    private async Task<int> EachAsync(Func<Task<int>> record, string what, CancellationToken cancellationToken)
    {
        // Each item reads its records afresh: what an earlier one tracked may have changed since it committed.
        db.ChangeTracker.Clear();
        try
        {
            return await writes.RunAsync(record, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not record what is due on {What}; the next sweep tries again.", what);
            return 0;
        }
    }

    private async Task<int> RemindAsync(Guid id, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.AsTracking().SingleAsync(i => i.Id == id, cancellationToken);
        if (incident.ResolvedAt is not null || DueUpdate(incident, time.GetUtcNow()) is not { } due)
        {
            return 0;
        }
        incident.UpdateRemindedFor = due;
        await audit.RecordAsync("system", UpdateIsDue, Incidents.Entity(incident.Id), new UpdateDue(incident.Reference, due,
            incident.LastInternalUpdateAt, Durations.Format(policy.Incidents.For(incident.Severity).UpdateEvery!.Value),
            incident.CommunicationsManagerId), cancellationToken);
        return 1;
    }

    /// <summary>When the internal update the incident waits for fell due, if it has and no reminder was recorded for it.</summary>
    private DateTimeOffset? DueUpdate(Incident incident, DateTimeOffset now) =>
        UpdateCadence.NextDue(incident, policy.Incidents.For(incident.Severity)) is { } due && due <= now && incident.UpdateRemindedFor != due ? due : null;
}
