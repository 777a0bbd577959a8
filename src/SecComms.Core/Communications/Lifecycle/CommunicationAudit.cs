using SecComms.Core.Audit;
using SecComms.Core.Workflow;

namespace SecComms.Core.Communications;

public static class CommunicationAudit
{
    /// <summary>Records <paramref name="recorded"/> under its action, with the communication as it now stands.</summary>
    public static Task<AuditEvent> RecordAsync<TEvent>(this AuditTrail audit, string actor, Communication communication, TEvent recorded, string policyHash,
        CancellationToken cancellationToken) where TEvent : ICommunicationEvent =>
        audit.RecordAsync(actor, TEvent.Action, CommunicationService.Entity(communication.Id),
            new CommunicationEventData<TEvent>(communication.Reference, AuditNames.Of(communication.Status), recorded, policyHash), cancellationToken);
}
