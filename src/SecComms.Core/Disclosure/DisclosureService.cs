using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Incidents;
using SecComms.Core.Policy;
using SecComms.Core.Releases;
using SecComms.Core.Workflow;

namespace SecComms.Core.Disclosure;

/// <param name="ReleaseId">The security release that ships the fix; null for none.</param>
/// <param name="IncidentId">The incident the communication is about; null for none.</param>
/// <param name="EmbargoUntil">Not to be published before this instant; null for no embargo.</param>
public sealed record LinksRequest(Guid? ReleaseId, Guid? IncidentId, DateTimeOffset? EmbargoUntil);

/// <summary>A linked incident as anyone who may see the communication may see it: by reference, without its details.</summary>
/// <remarks><c>Readable</c>: whether the reader may open the incident itself (<see cref="Incidents.Incidents.MaySee"/>); to others it is only a reference.</remarks>
public sealed record LinkedIncidentView(Guid Id, string Reference, DateTimeOffset? ContainedAt, bool Readable);

/// <summary>
/// What a communication waits for before it may be disclosed: each applicable gate, evaluated now or at the scheduled
/// time; whether all are open or covered by GateException, the policy exception a schedule relies on.
/// </summary>
public sealed record DisclosureView(
    Guid Id,
    string Reference,
    SecurityReleaseView? Release,
    LinkedIncidentView? Incident,
    DateTimeOffset? EmbargoUntil,
    IReadOnlyList<GateResult> Gates,
    bool Open,
    string? GateException);

/// <summary>An approved policy exception that could let a communication past the gates it names, until it expires.</summary>
public sealed record GateExceptionOption(Guid Id, string Reference, IReadOnlyList<string> Gates, DateTimeOffset ExpiresAt);

/// <summary>Links a communication to the release, incident and embargo its disclosure waits for, and shows its gates.</summary>
public sealed class DisclosureService(
    SecCommsDb db, WriteScope writes, AuditTrail audit, SecCommsPolicy policy, CommunicationService communications, DisclosureGates gates,
    IncidentMessages messages, CommunicationPermissions permissions, CommunicationReads reads, TimeProvider time)
{
    public async Task<DisclosureView> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken) =>
        await ViewAsync(actor, await communications.FindVisibleAsync(actor, id, tracking: false, cancellationToken), cancellationToken);

    /// <summary>The approved exceptions for the communication that are in force now, soonest to expire first.</summary>
    public async Task<IReadOnlyList<GateExceptionOption>> GateExceptionsAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var communication = await communications.FindVisibleAsync(actor, id, tracking: false, cancellationToken);
        var now = time.GetUtcNow();
        var approved = await db.PolicyExceptions.AsNoTracking()
            .Where(e => e.CommunicationId == communication.Id && e.Status == Exceptions.ExceptionStatus.Approved)
            .ToListAsync(cancellationToken);
        return [.. approved.Where(e => e.IsInForce(now)).OrderBy(e => e.ExpiresAt)
            .Select(e => new GateExceptionOption(e.Id, e.Reference, e.Gates, e.ExpiresAt!.Value))];
    }

    /// <summary>
    /// Replaces the links. A scheduled communication whose gates would then be closed at its scheduled time goes back to
    /// approved, so nothing is published past a gate it did not pass when scheduled.
    /// </summary>
    public async Task<DisclosureView> SetLinksAsync(Actor actor, Guid id, LinksRequest request, CancellationToken cancellationToken)
    {
        CommunicationService.EnsureCanWrite(actor);
        var now = time.GetUtcNow();
        new Validation()
            .Require(request.EmbargoUntil is null || request.EmbargoUntil > now, "embargoUntil", $"embargoUntil must be in the future; now is {Moment.Text(now)}.")
            .ThrowIfInvalid();
        await writes.RunAsync(async () =>
        {
            var communication = await communications.FindVisibleAsync(actor, id, tracking: true, cancellationToken);
            permissions.Require(actor, communication, CommunicationOperation.ChangeLinks);
            if (communication.Status is not (CommunicationStatus.Draft or CommunicationStatus.InReview or CommunicationStatus.Approved or CommunicationStatus.Scheduled))
            {
                throw new ConflictException(
                    $"Links can change only before publication; {communication.Reference} is {CommunicationService.Describe(communication.Status)}.");
            }
            var release = request.ReleaseId is { } releaseId
                ? await db.SecurityReleases.AsNoTracking().FirstOrDefaultAsync(r => r.Id == releaseId, cancellationToken) : null;
            var incident = request.IncidentId is { } incidentId && actor.IsInTeam(Actor.SecurityTeam)
                ? await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken) : null;
            new Validation()
                .Require(request.ReleaseId is null || release is not null, "releaseId", $"There is no security release {request.ReleaseId}.")
                .Require(request.IncidentId is null || incident is not null, "incidentId", $"There is no incident {request.IncidentId} that you may see.")
                .ThrowIfInvalid();
            if (communication.ReleasePart is not null && request.ReleaseId != communication.ReleaseId)
            {
                throw new ConflictException($"{communication.Reference} was generated for its security release and stays linked to it.");
            }
            if (communication.ReleaseId == request.ReleaseId && communication.IncidentId == request.IncidentId && communication.EmbargoUntil == request.EmbargoUntil)
            {
                return;
            }
            communication.ReleaseId = request.ReleaseId;
            communication.IncidentId = request.IncidentId;
            communication.EmbargoUntil = request.EmbargoUntil;
            communication.UpdatedAt = now;
            var emergency = release is { Kind: not ReleaseKind.Planned } && !communication.Emergency;
            communication.Emergency |= emergency;
            if (incident is not null)
            {
                messages.Apply(communication, incident);
            }
            else
            {
                (communication.ReviewWindow, communication.ApproveWindow) = (null, null);
            }
            Unscheduled? unscheduled = null;
            if (communication.Status == CommunicationStatus.Scheduled)
            {
                try
                {
                    await gates.PassAsync(communication, policy.CategoryOf(communication), communication.ScheduledAt!.Value, communication.GateExceptionId, cancellationToken);
                }
                catch (SecCommsException closed)
                {
                    unscheduled = communication.Unschedule($"The schedule for {Moment.Text(communication.ScheduledAt)} was cancelled: {closed.Message}");
                }
            }
            await audit.RecordAsync(actor.Email, "communication.links-changed", CommunicationService.Entity(communication.Id), new
            {
                communication.Reference,
                Status = AuditNames.Of(communication.Status),
                Release = release?.Reference,
                Incident = incident?.Reference,
                communication.EmbargoUntil,
                Unscheduled = unscheduled?.Reason,
                EmergencyFromRelease = emergency,
                communication.Emergency,
                communication.ReviewWindow,
                communication.ApproveWindow,
                PolicyHash = policy.Hash,
            }, cancellationToken);
            if (unscheduled is not null)
            {
                await audit.RecordAsync(actor.Email, communication, unscheduled, policy.Hash, cancellationToken);
            }
            await communications.SettlePackageAsync(actor, communication, "links", cancellationToken);
        }, cancellationToken);
        return await GetAsync(actor, id, cancellationToken);
    }

    private async Task<DisclosureView> ViewAsync(Actor actor, Communication communication, CancellationToken cancellationToken)
    {
        var status = await gates.StatusAsync(communication, policy.CategoryOf(communication), cancellationToken);
        var release = communication.ReleaseId is { } releaseId && await reads.ReleaseAsync(releaseId, cancellationToken) is { } linked
            ? SecurityReleaseView.From(linked) : null;
        var incident = communication.IncidentId is { } incidentId ? await reads.IncidentAsync(incidentId, cancellationToken) : null;
        return new DisclosureView(
            communication.Id,
            communication.Reference,
            release,
            incident is null ? null : new LinkedIncidentView(incident.Id, incident.Reference, incident.ContainedAt, Incidents.Incidents.MaySee(actor)),
            communication.EmbargoUntil,
            status.Gates,
            status.Open,
            status.Exception?.Reference);
    }
}
