using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Identity;
using SecComms.Core.Incidents;
using SecComms.Core.Incidents.Clocks;
using SecComms.Core.Workflow;

namespace SecComms.Core.Notifications;

/// <summary>
/// Incident events: the communications manager on call (or, with none named, the incident manager, or else the
/// security team) is told when an internal update is due and when a clock escalates or is missed. Messages name the
/// incident by reference only.
/// </summary>
public sealed partial class NotificationPlanner
{
    private const string IncidentPrefix = "incident:";

    private async Task PlanIncidentAsync(AuditEvent e, CancellationToken cancellationToken)
    {
        if (e.Action is not (IncidentSweep.UpdateIsDue or IncidentClocks.Escalated or IncidentClocks.Missed)
            || !Guid.TryParse(e.Entity.AsSpan(IncidentPrefix.Length), out var id)
            || await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken) is not { } incident
            || incident.ResolvedAt is not null)
        {
            return;
        }
        var link = site.Value.Link($"/incidents/{incident.Id}");
        var text = e.Action == IncidentSweep.UpdateIsDue ? UpdateDueText(IncidentRecordedEvents.Read<UpdateDue>(e)) : ClockText(IncidentRecordedEvents.Read<ClockRecorded>(e));
        NotificationText UpdateDueText(UpdateDue due) => new(
            $"{incident.Reference}: an internal update is due",
            $"The next internal update on {incident.Reference} was due at {StageDeadline.Format(due.DueAt)}; post it on the incident's timeline.\n\n{link}\n");
        NotificationText ClockText(ClockRecorded clock) => e.Action == IncidentClocks.Escalated
            ? new($"{incident.Reference}: {clock.Name} is due at {StageDeadline.Format(clock.DueAt)}",
                $"The clock {clock.Name} of {incident.Reference} is due at {StageDeadline.Format(clock.DueAt)} and has not been met.\nMark it met once the notification is sent.\n\n{link}\n")
            : new($"{incident.Reference}: {clock.Name} was missed",
                $"The clock {clock.Name} of {incident.Reference} was due at {StageDeadline.Format(clock.DueAt)} and no notification is recorded. The miss stays on the record.\n\n{link}\n");
        foreach (var user in await IncidentRecipientsAsync(incident, cancellationToken))
        {
            await EnqueueAsync($"incident:{e.Seq}:{user.Id}", user, text, cancellationToken);
        }
    }

    /// <remarks>
    /// The communications manager, or else the incident manager; when neither is named or still active (someone
    /// deactivated), the security team, so that no incident notice goes to no one.
    /// </remarks>
    private async Task<IReadOnlyList<User>> IncidentRecipientsAsync(Incident incident, CancellationToken cancellationToken)
    {
        Guid?[] onCall = [incident.CommunicationsManagerId, incident.IncidentManagerId];
        var active = await db.Users.AsNoTracking().Where(u => onCall.Contains(u.Id) && !u.Disabled).ToListAsync(cancellationToken);
        if (onCall.Select(id => active.FirstOrDefault(u => u.Id == id)).FirstOrDefault(u => u is not null) is { } first)
        {
            return [first];
        }
        return await db.Users.AsNoTracking().Where(u => !u.Disabled && u.Role != UserRole.Viewer && u.Teams.Any(t => t.Team == Actor.SecurityTeam))
            .ToListAsync(cancellationToken);
    }
}
