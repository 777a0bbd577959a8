using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Policy;

namespace SecComms.Core.Incidents;

/// <summary>
/// The decision not to notify the public about an incident: proposed by the security team with a reason, approved by
/// a member of each team the policy names, never by its proposer. Once decided, the incident's unpublished messages
/// close with no public notification. Regulatory and contractual clocks keep running: they are not public notices.
/// </summary>
/// <remarks>
/// The approving teams see the decision and the incident's reference and title, nothing more; everyone else is told
/// the incident does not exist.
/// </remarks>
public sealed class NoPublicNotifications(
    SecCommsDb db, WriteScope writes, AuditTrail audit, SecCommsPolicy policy, Incidents incidents, IncidentMessages messages, CommunicationService communications,
    TimeProvider time)
{
    public async Task<NoPublicNotificationView?> GetAsync(Actor actor, Guid incidentId, CancellationToken cancellationToken)
    {
        EnsureMaySee(actor);
        var incident = await incidents.FindAsync(incidentId, tracking: false, cancellationToken);
        var decision = await db.NoPublicNotificationDecisions.AsNoTracking().FirstOrDefaultAsync(d => d.IncidentId == incidentId, cancellationToken);
        // The approver teams outside security know of an incident only through a decision proposed for it; until then
        // it is, in the same words, an incident that does not exist.
        if (decision is null)
        {
            return actor.IsInTeam(Actor.SecurityTeam) ? null : throw Incidents.NotFound(incidentId);
        }
        return await ViewAsync(incident, decision, cancellationToken);
    }

    /// <summary>Proposes, or re-words, the decision; a new reason asks every team again.</summary>
    public async Task<NoPublicNotificationView> ProposeAsync(Actor actor, Guid incidentId, NoPublicNotificationRequest request, CancellationToken cancellationToken)
    {
        Incidents.EnsureSecurity(actor, write: true);
        var reason = request.Reason?.Trim();
        new Validation()
            .Require(!string.IsNullOrEmpty(reason), "reason", "reason is required: why the public will not be notified.")
            .MaxLength(reason, IncidentLimits.Entry, "reason")
            .PlainText(reason, "reason", multiline: true)
            .ThrowIfInvalid();
        await writes.RunAsync(async () =>
        {
            var incident = await incidents.FindAsync(incidentId, tracking: true, cancellationToken);
            var now = time.GetUtcNow();
            var decision = await db.NoPublicNotificationDecisions.AsTracking().FirstOrDefaultAsync(d => d.IncidentId == incidentId, cancellationToken);
            if (decision?.DecidedAt is { } decided)
            {
                throw new ConflictException($"No public notification about {incident.Reference} was decided at {Moment.Text(decided)}; the decision stands.");
            }
            if (decision is null)
            {
                decision = new NoPublicNotificationDecision { IncidentId = incidentId, Reason = reason! };
                db.NoPublicNotificationDecisions.Add(decision);
            }
            decision.Reason = reason!;
            decision.ProposedById = actor.UserId;
            decision.ProposedAt = now;
            decision.Approvals = [];
            incident.UpdatedAt = now;
            incidents.AddEntry(incident, TimelineKind.Decision, now, $"Proposed: no public notification. {reason}", actor.UserId);
            await audit.RecordAsync(actor.Email, "incident.no-public-notification-proposed", Incidents.Entity(incidentId),
                new { incident.Reference, Reason = reason, Approvers = policy.Incidents.NoPublicNotificationApprovers }, cancellationToken);
        }, cancellationToken);
        return (await GetAsync(actor, incidentId, cancellationToken))!;
    }

    /// <summary>Approves the decision for one of the actor's teams that the policy names; the last approval makes it stand.</summary>
    public async Task<NoPublicNotificationView> ApproveAsync(Actor actor, Guid incidentId, CancellationToken cancellationToken)
    {
        EnsureMaySee(actor);
        if (!actor.CanWrite)
        {
            throw new ForbiddenException("Viewers read decisions but do not approve them.");
        }
        await writes.RunAsync(async () =>
        {
            var incident = await incidents.FindAsync(incidentId, tracking: true, cancellationToken);
            var decision = await db.NoPublicNotificationDecisions.AsTracking().FirstOrDefaultAsync(d => d.IncidentId == incidentId, cancellationToken);
            if (decision is null)
            {
                if (!actor.IsInTeam(Actor.SecurityTeam))
                {
                    throw Incidents.NotFound(incidentId);
                }
                throw new ConflictException($"No decision against public notification has been proposed for {incident.Reference}.");
            }
            if (decision.DecidedAt is { } decided)
            {
                throw new ConflictException($"No public notification about {incident.Reference} was already decided at {Moment.Text(decided)}.");
            }
            if (decision.ProposedById == actor.UserId)
            {
                throw new ForbiddenException("No one approves a decision they proposed; another member of each team must approve it.");
            }
            if (decision.Approvals.Any(a => a.UserId == actor.UserId))
            {
                throw new ConflictException("You already approved this decision; each team needs a different person.");
            }
            var team = Waiting(decision).FirstOrDefault(actor.IsInTeam)
                ?? throw new ForbiddenException(
                    $"The decision waits for {string.Join(", ", Waiting(decision))}; you are in none of those teams.");
            var now = time.GetUtcNow();
            decision.Approvals = [.. decision.Approvals, new DecisionApproval(team, actor.UserId, now)];
            incidents.AddEntry(incident, TimelineKind.Decision, now, $"No public notification approved for {team}.", actor.UserId);
            await audit.RecordAsync(actor.Email, "incident.no-public-notification-approved", Incidents.Entity(incidentId),
                new { incident.Reference, Team = team }, cancellationToken);
            if (Waiting(decision).Count == 0)
            {
                decision.DecidedAt = now;
                await CloseMessagesAsync(actor, incident, decision, cancellationToken);
            }
            incident.UpdatedAt = now;
        }, cancellationToken);
        return (await GetAsync(actor, incidentId, cancellationToken))!;
    }

    private async Task CloseMessagesAsync(Actor actor, Incident incident, NoPublicNotificationDecision decision, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = await messages.UnpublishedAsync(incident.Id, cancellationToken);
        foreach (var communication in open)
        {
            var closed = communication.CloseWithNoPublicNotification(decision.Reason, incident.Reference);
            communication.UpdatedAt = now;
            await audit.RecordAsync(actor.Email, communication, closed, policy.Hash, cancellationToken);
        }
        incidents.AddEntry(incident, TimelineKind.Decision, now,
            $"Decided: no public notification.{(open.Count == 0 ? "" : $" Closed {string.Join(", ", open.Select(c => c.Reference))}.")}", null);
        await audit.RecordAsync(actor.Email, "incident.no-public-notification-decided", Incidents.Entity(incident.Id),
            new { incident.Reference, decision.Reason, Approvals = decision.Approvals, Closed = open.Select(c => c.Reference) }, cancellationToken);
    }

    private List<string> Waiting(NoPublicNotificationDecision decision) =>
        [.. policy.Incidents.NoPublicNotificationApprovers.Where(t => decision.Approvals.All(a => a.Team != t))];

    private void EnsureMaySee(Actor actor)
    {
        if (!actor.IsInTeam(Actor.SecurityTeam) && !policy.Incidents.NoPublicNotificationApprovers.Any(actor.IsInTeam))
        {
            throw new NotFoundException("No such incident.");
        }
    }

    private async Task<NoPublicNotificationView> ViewAsync(Incident incident, NoPublicNotificationDecision decision, CancellationToken cancellationToken)
    {
        var people = await communications.PeopleAsync(decision.Approvals.Select(a => a.UserId).Append(decision.ProposedById), cancellationToken);
        return new NoPublicNotificationView(incident.Reference, incident.Title, decision.Reason, people[decision.ProposedById], decision.ProposedAt,
            [.. decision.Approvals.Select(a => new DecisionApprovalView(a.Team, people[a.UserId], a.At))], Waiting(decision), decision.DecidedAt);
    }
}
