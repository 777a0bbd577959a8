using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Policy;

namespace SecComms.Core.Distribution;

/// <summary>Who a communication's email goes to: a segment, or its incident's affected customers, chosen before publication.</summary>
public sealed class CommunicationAudiences(
    SecCommsDb db, WriteScope writes, AuditTrail audit, CommunicationService communications, DispatchPlanner planner, Segments segments,
    AudienceAccess access, SecCommsPolicy policy, CommunicationPermissions permissions, CommunicationReads reads, TimeProvider time)
{
    public async Task<CommunicationAudienceView> GetAsync(Actor actor, Guid communicationId, CancellationToken cancellationToken)
    {
        var communication = await communications.FindVisibleAsync(actor, communicationId, tracking: false, cancellationToken);
        return await ViewAsync(actor, communication, cancellationToken);
    }

    /// <summary>Sets or clears the audience; an unknown segment, or customers without an incident, are refused and change nothing.</summary>
    public async Task<CommunicationAudienceView> SetAsync(Actor actor, Guid communicationId, AudienceChoice choice, CancellationToken cancellationToken)
    {
        if (!actor.CanWrite)
        {
            throw new ForbiddenException("Viewers cannot choose who a communication goes to.");
        }
        var communication = await writes.RunAsync(async () =>
        {
            var communication = await communications.FindVisibleAsync(actor, communicationId, tracking: true, cancellationToken);
            permissions.Require(actor, communication, CommunicationOperation.ChangeAudience);
            if (communication.Status is CommunicationStatus.Published or CommunicationStatus.Withdrawn or CommunicationStatus.NoPublicNotification)
            {
                throw new ConflictException($"{communication.Reference} is {KebabNames.Of<CommunicationStatus>(communication.Status)}; its audience can no longer change.");
            }
            var noRecipients = string.IsNullOrWhiteSpace(choice.NoRecipientsReason) ? null : choice.NoRecipientsReason.Trim();
            new Validation()
                .Require(choice.Segment is null || !choice.AffectedCustomers, "segment", "Choose a segment or the affected customers, not both.")
                .Require(noRecipients is null || choice.Segment is null && !choice.AffectedCustomers, "noRecipientsReason",
                    "An email that goes to no one has no segment or affected customers; choose one or the other.")
                .MaxLength(noRecipients, 1000, "noRecipientsReason")
                .PlainText(noRecipients, "noRecipientsReason")
                .Require(!choice.AffectedCustomers || communication.IncidentId is not null, "affectedCustomers",
                    $"{communication.Reference} is not linked to an incident, so it has no affected customers.")
                .Require(choice.Segment is null && !choice.AffectedCustomers || policy.CategoryOf(communication).Channels.Contains(Channels.Email), "segment",
                    $"The category {communication.Category} does not send email.")
                .ThrowIfInvalid();
            Segment? segment = null;
            if (choice.Segment is { } key)
            {
                segment = await db.Segments.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, cancellationToken)
                    ?? throw ValidationException.For("segment", $"No segment has the key '{key}'.");
            }
            communication.AudienceSegmentId = segment?.Id;
            communication.AudienceAffectedCustomers = choice.AffectedCustomers;
            communication.AudienceNoRecipientsReason = noRecipients;
            communication.RequiresAcknowledgement = choice.RequireAcknowledgement && (segment is not null || choice.AffectedCustomers);
            communication.UpdatedAt = time.GetUtcNow();
            await audit.RecordAsync(actor.Email, "communication.audience-set", CommunicationService.Entity(communication.Id), new
            {
                communication.Reference,
                Segment = segment?.Key,
                choice.AffectedCustomers,
                RequireAcknowledgement = communication.RequiresAcknowledgement,
                NoRecipientsReason = noRecipients,
            }, cancellationToken);
            await communications.SettlePackageAsync(actor, communication, "audience", cancellationToken);
            return communication;
        }, cancellationToken);
        return await ViewAsync(actor, communication, cancellationToken);
    }

    private async Task<CommunicationAudienceView> ViewAsync(Actor actor, Communication communication, CancellationToken cancellationToken)
    {
        var key = communication.AudienceSegmentId is { } id ? (await reads.SegmentAsync(id, cancellationToken))?.Key : null;
        var filter = await planner.AudienceOfAsync(communication, cancellationToken);
        var preview = filter is null ? null : await segments.PreviewAsync(filter, cancellationToken, withSample: access.CanRead(actor));
        return new CommunicationAudienceView(key, communication.AudienceAffectedCustomers, communication.RequiresAcknowledgement, preview,
            communication.AudienceNoRecipientsReason);
    }
}
