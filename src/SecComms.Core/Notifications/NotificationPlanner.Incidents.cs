using System.Text.Json;
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
        if (e.Action is not (IncidentSweep.UpdateDue or IncidentClocks.Escalated or IncidentClocks.Missed)
            || !Guid.TryParse(e.Entity.AsSpan(IncidentPrefix.Length), out var id)
            || await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken) is not { } incident
            || incident.ResolvedAt is not null)
        {
            return;
        }
        using var data = JsonDocument.Parse(e.Data);
        var root = data.RootElement;
        var link = site.Value.Link($"/incidents/{incident.Id}");
        var text = e.Action switch
        {
            IncidentSweep.UpdateDue => new NotificationText(
                $"{incident.Reference}: an internal update is due",
                $"The next internal update on {incident.Reference} was due at {When(root, "dueAt")}; post it on the incident's timeline.\n\n{link}\n"),
            IncidentClocks.Escalated => new NotificationText(
                $"{incident.Reference}: {String(root, "name")} is due at {When(root, "dueAt")}",
                $"The clock {String(root, "name")} of {incident.Reference} is due at {When(root, "dueAt")} and has not been met.\nMark it met once the notification is sent.\n\n{link}\n"),
            _ => new NotificationText(
                $"{incident.Reference}: {String(root, "name")} was missed",
                $"The clock {String(root, "name")} of {incident.Reference} was due at {When(root, "dueAt")} and no notification is recorded. The miss stays on the record.\n\n{link}\n"),
        };
        foreach (var user in await IncidentRecipientsAsync(incident, cancellationToken))
        {
            await EnqueueAsync($"incident:{e.Seq}:{user.Id}", user, text, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<User>> IncidentRecipientsAsync(Incident incident, CancellationToken cancellationToken)
    {
        if ((incident.CommunicationsManagerId ?? incident.IncidentManagerId) is { } onCall)
        {
            return await db.Users.AsNoTracking().Where(u => u.Id == onCall && !u.Disabled).ToListAsync(cancellationToken);
        }
        return await db.Users.AsNoTracking().Where(u => !u.Disabled && u.Role != UserRole.Viewer && u.Teams.Any(t => t.Team == Actor.SecurityTeam))
            .ToListAsync(cancellationToken);
    }

    private static string When(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.TryGetDateTimeOffset(out var at) ? StageDeadline.Format(at) : "";
}
