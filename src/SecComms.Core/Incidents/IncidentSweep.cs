using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Data;
using SecComms.Core.Incidents.Clocks;
using SecComms.Core.Policy;

namespace SecComms.Core.Incidents;

/// <summary>
/// Records what falls due on open incidents: clock escalations and misses, and internal updates the communications
/// manager owes. Each is recorded once; the notification planner turns the records into messages.
/// </summary>
public sealed class IncidentSweep(SecCommsDb db, WriteScope writes, AuditTrail audit, SecCommsPolicy policy, IncidentClocks clocks, TimeProvider time)
{
    public const string UpdateIsDue = "incident.update-due";

    /// <summary>Returns how many events it recorded.</summary>
    public Task<int> RunAsync(CancellationToken cancellationToken) =>
        writes.RunAsync(async () =>
        {
            var recorded = await clocks.SweepAsync(cancellationToken);
            var now = time.GetUtcNow();
            var open = await db.Incidents.AsTracking().Where(i => i.ResolvedAt == null).ToListAsync(cancellationToken);
            foreach (var incident in open)
            {
                if (UpdateCadence.NextDue(incident, policy.Incidents.For(incident.Severity)) is not { } due || due > now || incident.UpdateRemindedFor == due)
                {
                    continue;
                }
                incident.UpdateRemindedFor = due;
                await audit.RecordAsync("system", UpdateIsDue, Incidents.Entity(incident.Id), new UpdateDue(incident.Reference, due,
                    incident.LastInternalUpdateAt, Durations.Format(policy.Incidents.For(incident.Severity).UpdateEvery!.Value),
                    incident.CommunicationsManagerId), cancellationToken);
                recorded++;
            }
            return recorded;
        }, cancellationToken);
}
